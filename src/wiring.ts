/**
 * Composes the services from a database handle and the dataset directory. Used by server.ts, the
 * CLI and the integration tests, so that all three run the same wiring.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from './db/index.js';
import { prepareDatabase, readDataVersion, readVersionedWorld, rethrowUnreachable, watchDataVersion } from './db/index.js';
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
  /** How often the record's version is polled while change notifications are down (default 5 s). */
  recordPollIntervalMs?: number;
  /** The solve pool's size, queue and job limit (config SOLVER_*); ignored when `solver` is given. */
  pool?: SolvePoolOptions;
  /** Runs the heavy jobs; default: a worker pool built from `pool`. */
  solver?: Solver;
}

/** Any way the database can be unreachable (lost connection, closed handle) becomes a 503. */
const viaDatabase =
  <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
  (...args: A): Promise<R> =>
    call(...args).catch(rethrowUnreachable);

export async function buildServices(db: Kysely<Database>, options: WiringOptions) {
  if (options.prepare) await prepareDatabase(db, () => loadWorld(options.dataDir));
  const solver = options.solver ?? createSolvePool(options.pool);
  const worlds = createWorldSource(
    { readVersionedWorld: viaDatabase(() => readVersionedWorld(db)), readDataVersion: viaDatabase(() => readDataVersion(db)) },
    {
      feed: { watch: (handlers) => watchDataVersion(db, handlers) },
      ...(options.recordPollIntervalMs ? { pollIntervalMs: options.recordPollIntervalMs } : {}),
      onStaleServed: () => console.warn('The database cannot be reached; reads are answered from the record in memory.'),
    },
  );
  // This process's own writes are seen by its next read without waiting for the notification.
  const thenMarkStale = <A extends unknown[], R>(write: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    try {
      return await viaDatabase(write)(...args);
    } finally {
      worlds.markStale();
    }
  };
  const catalogue = createCatalogueService({ worlds });
  let boundaries: Promise<string> | null = null;
  const analytics = createAnalyticsService({
    worlds,
    readMunicipalityBoundaries: () => (boundaries ??= readFile(path.join(options.dataDir, 'municipalities.geojson'), 'utf8')),
  });
  const proposals = createProposalService({
    worlds,
    timeLimitMs: options.proposalTimeLimitMs,
    solver,
    analyses: { get: viaDatabase((key) => getAnalysis(db, key)), put: viaDatabase((key, result) => putAnalysis(db, key, result)) },
    store: {
      insert: thenMarkStale((p) => insertProposal(db, p)),
      get: viaDatabase((id) => getProposal(db, id)),
      list: viaDatabase((filter, page) => listProposals(db, filter, page)),
      accept: thenMarkStale((id, record, options) => acceptProposal(db, id, record, options)),
    },
  });
  const examplesDir = path.join(options.dataDir, 'examples');
  const examples = createExampleService({
    list: () => readdir(examplesDir).catch(() => []),
    read: (name) => readFile(path.join(examplesDir, name), 'utf8').catch(() => null),
  });
  const preparation = createPreparationService({
    worlds,
    solver,
    store: {
      // Writes that add rounds or organisations change the record: the next read must see them.
      createPreparingRound: thenMarkStale((r) => preparationRepo.createPreparingRound(db, r)),
      readRound: viaDatabase((id) => preparationRepo.readRoundById(db, id)),
      listPreparingRounds: viaDatabase(() => preparationRepo.listPreparingRounds(db)),
      countPreparation: viaDatabase(() => preparationRepo.countPreparation(db)),
      listApplications: viaDatabase((roundId) => preparationRepo.listApplications(db, roundId)),
      listMentorOffers: viaDatabase((roundId) => preparationRepo.listMentorOffers(db, roundId)),
      saveApplications: thenMarkStale((roundId, batch) => preparationRepo.saveApplications(db, roundId, batch)),
      updateApplication: thenMarkStale((roundId, id, batch) => preparationRepo.updateApplication(db, roundId, id, batch)),
      deleteApplication: viaDatabase((roundId, id) => preparationRepo.deleteApplication(db, roundId, id)),
      saveMentorOffers: viaDatabase((roundId, batch) => preparationRepo.saveMentorOffers(db, roundId, batch)),
      updateMentorOffer: viaDatabase((roundId, id, offer) => preparationRepo.updateMentorOffer(db, roundId, id, offer)),
      deleteMentorOffer: viaDatabase((roundId, id) => preparationRepo.deleteMentorOffer(db, roundId, id)),
    },
  });
  return {
    preparation,
    planning: createPlanningService({ worlds, solver }),
    examples,
    catalogue,
    analytics,
    proposals,
    rounds: createRoundService({ store: { transition: thenMarkStale((id, decide) => transitionRound(db, id, decide)) } }),
    exports: createExportService({ worlds, solver, getProposal: viaDatabase((id) => getProposal(db, id)) }),
    health: { checkReady: () => checkReady(db) },
    solver,
    /** The in-memory record's state, read without touching the database. */
    record: { cachedVersion: () => worlds.cachedVersion(), notificationsUp: () => worlds.notificationsUp() },
    /** Ends the solve pool's threads and the record's change subscription (the app calls it on close). */
    close: async () => {
      await worlds.close();
      await solver.close();
    },
    tokens: createTokenService({
      store: {
        insert: viaDatabase((t) => insertToken(db, t)),
        find: viaDatabase((id) => findToken(db, id)),
        list: viaDatabase(() => listTokens(db)),
        revoke: viaDatabase((id) => revokeToken(db, id)),
      },
    }),
    audit: createAuditService({ insert: viaDatabase((e) => insertAuditEntry(db, e)), list: viaDatabase((q) => listAuditEntries(db, q)) }),
    describeFailure: (err: unknown) => toAppError(err),
  };
}
