/**
 * Start-up: migrate, and on a database without organisations import the shipped dataset.
 * Safe when several processes start at once: the migrator takes its own lock and importWorld
 * serialises on an advisory lock and is idempotent.
 */
import type { Kysely } from 'kysely';
import type { World } from '../core/model.js';
import { importWorld, type ImportReport } from './import-world.js';
import { migrateToLatest } from './migrate.js';
import type { Database } from './schema.js';

export interface PrepareReport {
  migrations: string[];
  /** Set when the dataset was imported (the database had no organisations). */
  imported: ImportReport | null;
}

export async function prepareDatabase(db: Kysely<Database>, loadDataset: () => Promise<World>): Promise<PrepareReport> {
  const migrations = await migrateToLatest(db);
  const any = await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
  if (any) return { migrations, imported: null };
  const imported = await importWorld(db, await loadDataset());
  return { migrations, imported };
}
