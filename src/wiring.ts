/**
 * Composes the services from a database handle and the dataset directory. Used by server.ts, the
 * CLI and the integration tests, so that all three run the same wiring.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from './db/index.js';
import { prepareDatabase, readDataVersion, readWorld } from './db/index.js';
import * as preparationRepo from './db/repositories/applications.js';
import {
  acceptProposal,
  checkReady,
  findToken,
  getAnalysis,
  getProposal,
  insertAuditEntry,
  insertProposal,
  insertToken,
  listAuditEntries,
  listOrganisations,
  listProposals,
  listTokens,
  putAnalysis,
  revokeToken,
  transitionRound,
} from './db/repositories/index.js';
import { toAppError } from './db/db-errors.js';
import { createAuditService } from './services/audit.js';
import { createTokenService } from './services/tokens.js';
import { createAnalyticsService } from './services/analytics.js';
import { createPreparationService } from './services/applications.js';
import { createCatalogueService } from './services/catalogue.js';
import { createExampleService } from './services/examples.js';
import { createExportService } from './services/exports.js';
import { createPlanningService } from './services/planning.js';
import { createProposalService } from './services/proposals.js';
import { createRoundService } from './services/rounds.js';
import { loadWorld } from './services/dataset/load-world.js';
import { createWorldSource } from './services/world-source.js';
import type { Solver } from './services/solver.js';
import { createSolvePool, type SolvePoolOptions } from './workers/solve-pool.js';

export interface WiringOptions {
  dataDir: string;
  /** Migrate, and import the dataset into an empty database. */
  prepare?: boolean;
  /** Wall-clock limit of one exact search behind the API (config PROPOSAL_TIME_LIMIT_MS). */
  proposalTimeLimitMs?: number;
  /** The solve pool's size, queue and job limit (config SOLVER_*); ignored when `solver` is given. */
  pool?: SolvePoolOptions;
  /** Runs the heavy jobs; default: a worker pool built from `pool`. */
  solver?: Solver;
}

export async function buildServices(db: Kysely<Database>, options: WiringOptions) {
  if (options.prepare) await prepareDatabase(db, () => loadWorld(options.dataDir));
  const solver = options.solver ?? createSolvePool(options.pool);
  const worlds = createWorldSource({ readWorld: () => readWorld(db), readDataVersion: () => readDataVersion(db) });
  const catalogue = createCatalogueService({ worlds, findOrganisations: (q) => listOrganisations(db, q) });
  let boundaries: Promise<string> | null = null;
  const analytics = createAnalyticsService({
    worlds,
    readMunicipalityBoundaries: () => (boundaries ??= readFile(path.join(options.dataDir, 'municipalities.geojson'), 'utf8')),
  });
  const proposals = createProposalService({
    worlds,
    timeLimitMs: options.proposalTimeLimitMs,
    solver,
    analyses: { get: (key) => getAnalysis(db, key), put: (key, result) => putAnalysis(db, key, result) },
    store: {
      insert: (p) => insertProposal(db, p),
      get: (id) => getProposal(db, id),
      list: (filter) => listProposals(db, filter),
      accept: (id, record, options) => acceptProposal(db, id, record, options),
    },
  });
  const examplesDir = path.join(options.dataDir, 'examples');
  const examples = createExampleService({
    list: () => readdir(examplesDir).catch(() => []),
    read: (name) => readFile(path.join(examplesDir, name), 'utf8').catch(() => null),
  });
  const preparation = createPreparationService({
    worlds,
    store: {
      createPreparingRound: (r) => preparationRepo.createPreparingRound(db, r),
      readRound: (id) => preparationRepo.readRoundById(db, id),
      listPreparingRounds: () => preparationRepo.listPreparingRounds(db),
      countPreparation: () => preparationRepo.countPreparation(db),
      listApplications: (roundId) => preparationRepo.listApplications(db, roundId),
      listMentorOffers: (roundId) => preparationRepo.listMentorOffers(db, roundId),
      saveApplications: (roundId, batch) => preparationRepo.saveApplications(db, roundId, batch),
      updateApplication: (roundId, id, batch) => preparationRepo.updateApplication(db, roundId, id, batch),
      deleteApplication: (roundId, id) => preparationRepo.deleteApplication(db, roundId, id),
      saveMentorOffers: (roundId, batch) => preparationRepo.saveMentorOffers(db, roundId, batch),
      updateMentorOffer: (roundId, id, offer) => preparationRepo.updateMentorOffer(db, roundId, id, offer),
      deleteMentorOffer: (roundId, id) => preparationRepo.deleteMentorOffer(db, roundId, id),
    },
  });
  return {
    preparation,
    planning: createPlanningService({ worlds, solver }),
    examples,
    catalogue,
    analytics,
    proposals,
    rounds: createRoundService({ store: { transition: (id, decide) => transitionRound(db, id, decide) } }),
    exports: createExportService({ worlds, getProposal: (id) => getProposal(db, id) }),
    health: { checkReady: () => checkReady(db) },
    solver,
    /** Ends the solve pool's threads (the app calls it on close). */
    close: () => solver.close(),
    tokens: createTokenService({
      store: { insert: (t) => insertToken(db, t), find: (id) => findToken(db, id), list: () => listTokens(db), revoke: (id) => revokeToken(db, id) },
    }),
    audit: createAuditService({ insert: (e) => insertAuditEntry(db, e), list: (q) => listAuditEntries(db, q) }),
    describeFailure: (err: unknown) => toAppError(err),
  };
}
