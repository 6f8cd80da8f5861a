/**
 * The data version: a counter bumped by every write transaction, so that a process caching the
 * World (services/world-source.ts) re-reads it only when some process has written.
 *
 * Every bump also sends a notification on DATA_VERSION_CHANNEL (delivered at commit, dropped on
 * rollback) whose payload is "<schema> <version>": listeners (change-feed.ts) learn of writes by
 * any process without a query per request. The schema is in the payload because several
 * deployments (or test files) may share one PostgreSQL database, each in a schema of its own.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.js';

export const DATA_VERSION_CHANNEL = 'mk_data_version';

export async function readDataVersion(db: Kysely<Database> | Transaction<Database>): Promise<number> {
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
  await sql`select pg_notify(${DATA_VERSION_CHANNEL}, current_schema() || ' ' || ${String(row.data_version)})`.execute(trx);
  return row.data_version;
}

/** Parses a notification payload; null when it is not one of ours. */
export function parseDataVersionPayload(payload: string | undefined): { schema: string; version: number } | null {
  if (!payload) return null;
  const cut = payload.lastIndexOf(' ');
  if (cut <= 0) return null;
  const version = Number(payload.slice(cut + 1));
  if (!Number.isSafeInteger(version)) return null;
  return { schema: payload.slice(0, cut), version };
}
