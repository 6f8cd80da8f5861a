/**
 * The data version: a counter bumped by every write transaction, so that a process caching the
 * World (services/world-source.ts) re-reads it only when some process has written.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.js';

export async function readDataVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('meta').select('data_version').where('id', '=', 1).executeTakeFirst();
  return row?.data_version ?? 0;
}

/** Call inside the write transaction; the row lock also orders concurrent writers' bumps. */
export async function bumpDataVersion(trx: Transaction<Database>): Promise<number> {
  const row = await trx
    .updateTable('meta')
    .set({ data_version: sql`data_version + 1` })
    .where('id', '=', 1)
    .returning('data_version')
    .executeTakeFirstOrThrow();
  return row.data_version;
}
