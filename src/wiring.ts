/**
 * Composes the services from a database handle and the dataset directory. Used by server.ts, the
 * CLI and the integration tests, so that all three run the same wiring.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from './db/index.js';
import { prepareDatabase, readDataVersion, readWorld } from './db/index.js';
import { acceptProposal, checkReady, getProposal, insertProposal, listOrganisations, listProposals, transitionRound } from './db/repositories/index.js';
import { createAnalyticsService } from './services/analytics.js';
import { createCatalogueService } from './services/catalogue.js';
import { createExampleService } from './services/examples.js';
import { createExportService } from './services/exports.js';
import { createPlanningService } from './services/planning.js';
import { createProposalService } from './services/proposals.js';
import { createRoundService } from './services/rounds.js';
import { loadWorld } from './services/dataset/load-world.js';
import { createWorldSource } from './services/world-source.js';

export interface WiringOptions {
  dataDir: string;
  /** Migrate, and import the dataset into an empty database. */
  prepare?: boolean;
  /** Wall-clock limit of one exact search behind the API (config PROPOSAL_TIME_LIMIT_MS). */
  proposalTimeLimitMs?: number;
}

export async function buildServices(db: Kysely<Database>, options: WiringOptions) {
  if (options.prepare) await prepareDatabase(db, () => loadWorld(options.dataDir));
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
  return {
    planning: createPlanningService({ worlds }),
    examples,
    catalogue,
    analytics,
    proposals,
    exports: createExportService({ worlds, getProposal: (id) => getProposal(db, id) }),
    rounds: createRoundService({ store: { transition: (id, decide) => transitionRound(db, id, decide) } }),
    health: { checkReady: () => checkReady(db) },
  };
}
