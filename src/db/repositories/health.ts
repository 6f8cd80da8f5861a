/**
 * Readiness: the database answers and is migrated (the meta row exists). Throws
 * AppError('unavailable') otherwise, with a message that says which, and no SQL.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { Database } from '../schema.js';

export async function checkReady(db: Kysely<Database>): Promise<void> {
  let row: { data_version: number } | undefined;
  try {
    row = await db.selectFrom('meta').select('data_version').where('id', '=', 1).executeTakeFirst();
  } catch {
    throw new AppError('unavailable', 'The database is not reachable or not migrated.');
  }
  if (!row) throw new AppError('unavailable', 'The database is not initialised (no meta row).');
}
