/** Named API tokens (only their salted hashes) and the audit log of writes. */
import type { Kysely } from 'kysely';
import type { AuditEntry, AuditPage, AuditQuery, NewAuditEntry } from '../../services/audit.js';
import type { StoredToken, TokenInfo } from '../../services/tokens.js';
import type { Database } from '../schema.js';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export async function insertToken(db: Kysely<Database>, token: StoredToken): Promise<void> {
  await db.insertInto('api_tokens').values({ id: token.id, name: token.name, salt: token.salt, hash: token.hash, params: token.params }).execute();
}

export async function findToken(db: Kysely<Database>, id: string): Promise<(StoredToken & { revokedAt: string | null }) | null> {
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, name: row.name, salt: row.salt, hash: row.hash, params: row.params, revokedAt: iso(row.revoked_at) } : null;
}

export async function listTokens(db: Kysely<Database>): Promise<TokenInfo[]> {
  const rows = await db.selectFrom('api_tokens').select(['id', 'name', 'created_at', 'revoked_at']).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: iso(r.created_at)!, revokedAt: iso(r.revoked_at) }));
}

/** Marks the token revoked; false when no such token exists. Revoking twice keeps the first time. */
export async function revokeToken(db: Kysely<Database>, id: string): Promise<boolean> {
  const exists = await db.selectFrom('api_tokens').select('id').where('id', '=', id).executeTakeFirst();
  if (!exists) return false;
  await db.updateTable('api_tokens').set({ revoked_at: new Date().toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  return true;
}

export async function insertAuditEntry(db: Kysely<Database>, entry: NewAuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor: entry.actor,
      token_id: entry.tokenId,
      method: entry.method,
      route: entry.route,
      target: entry.target,
      status: entry.status,
      outcome: entry.outcome,
      request_id: entry.requestId,
    })
    .execute();
}

export async function listAuditEntries(db: Kysely<Database>, query: AuditQuery): Promise<AuditPage> {
  let base = db.selectFrom('audit_log');
  if (query.actor !== undefined) base = base.where('actor', '=', query.actor);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute();
  const items: AuditEntry[] = rows.map((r) => ({
    id: Number(r.id),
    at: iso(r.at)!,
    actor: r.actor,
    tokenId: r.token_id,
    method: r.method,
    route: r.route,
    target: r.target,
    status: r.status,
    outcome: r.outcome,
    requestId: r.request_id,
  }));
  return { total: Number(total), items };
}
