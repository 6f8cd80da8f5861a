/**
 * The record the server reads, for the command line: the database of DATABASE_URL, or the
 * embedded one at DATA_DIR (migrated, and filled with data/ when empty, as the server does), with
 * every accepted round that has taken place. The database is closed again before the command computes, so a command
 * holds the embedded database only for as long as it reads.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { World } from '../core/model.js';
import { selectTakenPlace } from '../core/record/taken-place.js';
import { parseConfig, type Config } from '../config.js';
import { openDatabase, type OpenedDatabase } from '../db/client.js';
import { buildServices } from '../wiring.js';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function readConfig(): Config {
  return parseConfig(process.env);
}

export function openConfiguredDatabase(config: Config = readConfig()): Promise<OpenedDatabase> {
  return openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
}

/** Runs `use` with the services on the configured database, then closes it. */
export async function withServices<T>(use: (services: Awaited<ReturnType<typeof buildServices>>, config: Config) => Promise<T>): Promise<T> {
  const config = readConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const services = await buildServices(database.db, { dataDir: path.join(projectRoot, 'data'), prepare: true, proposalTimeLimitMs: config.proposalTimeLimitMs });
    return await use(services, config);
  } finally {
    await database.close();
  }
}

/**
 * The current record as the server's proposals, rollout plans and similar organisations see it:
 * every round in the database that has taken place (running or completed, accepted ones included).
 */
export function readWorld(): Promise<World> {
  return withServices(async (services) => selectTakenPlace(await services.catalogue.getWorld()));
}
