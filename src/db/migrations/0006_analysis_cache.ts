/**
 * Migration 0006, frozen: stored analyses of proposals (alternatives, sensitivity, what-if), one
 * row per (proposal, kind, arguments, record version). The record version is the fingerprint of
 * the record the analysis was computed on, so a changed record misses and computes afresh.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const migration0006: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await sql`create table analysis_cache (
      proposal_id text not null references proposals (id) on delete cascade,
      kind text not null check (kind in ('alternatives', 'sensitivity', 'what-if')),
      args_key text not null check (length(args_key) <= 2000),
      record_version text not null check (record_version ~ '^[0-9a-f]{1,64}$'),
      result jsonb not null,
      computed_at timestamptz not null default now(),
      primary key (proposal_id, kind, args_key, record_version)
    )`.execute(db);
  },
  async down(db: Kysely<any>): Promise<void> {
    await sql`drop table analysis_cache`.execute(db);
  },
};
