/**
 * Stored analyses of proposals (migration 0006): read by key; write keeps the first answer when two
 * processes compute the same analysis at once (on conflict do nothing, then read back).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface AnalysisKey {
  proposalId: string;
  kind: 'alternatives' | 'sensitivity' | 'what-if';
  argsKey: string;
  recordVersion: string;
}

export interface StoredAnalysis {
  result: unknown;
  computedAt: string;
}

const byKey = (db: Kysely<Database>, key: AnalysisKey) =>
  db
    .selectFrom('analysis_cache')
    .select(['result', 'computed_at'])
    .where('proposal_id', '=', key.proposalId)
    .where('kind', '=', key.kind)
    .where('args_key', '=', key.argsKey)
    .where('record_version', '=', key.recordVersion);

export async function getAnalysis(db: Kysely<Database>, key: AnalysisKey): Promise<StoredAnalysis | null> {
  const row = await byKey(db, key).executeTakeFirst();
  return row ? { result: row.result, computedAt: new Date(row.computed_at).toISOString() } : null;
}

export async function putAnalysis(db: Kysely<Database>, key: AnalysisKey, result: unknown): Promise<StoredAnalysis> {
  await db
    .insertInto('analysis_cache')
    .values({ proposal_id: key.proposalId, kind: key.kind, args_key: key.argsKey, record_version: key.recordVersion, result: JSON.stringify(result) })
    .onConflict((oc) => oc.columns(['proposal_id', 'kind', 'args_key', 'record_version']).doNothing())
    .execute();
  const stored = await getAnalysis(db, key);
  return stored ?? { result, computedAt: new Date().toISOString() };
}
