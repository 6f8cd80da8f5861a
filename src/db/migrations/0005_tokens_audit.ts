/**
 * Migration 0005, frozen: named API tokens and the audit log of writes.
 *
 * api_tokens keeps only a salted scrypt hash of each token (the token itself is printed once when
 * it is created); a revoked token keeps its row so the audit log can still name its holder.
 * audit_log has one row per write attempt that passed the failed-sign-in throttle: who (the
 * token's name, or why nobody), when, which route and target, and the outcome.
 */
import { sql, type Kysely, type Migration } from 'kysely';

const up: string[] = [
  `create table api_tokens (
     id text primary key check (id ~ '^[0-9a-f]{16}$'),
     name text not null check (char_length(name) between 1 and 100),
     salt text not null,
     hash text not null,
     params text not null,
     created_at timestamptz not null default now(),
     revoked_at timestamptz
   )`,
  `create table audit_log (
     id bigint generated always as identity primary key,
     at timestamptz not null default now(),
     actor text not null,
     token_id text references api_tokens (id),
     method text not null,
     route text not null,
     target text,
     status integer not null check (status between 100 and 599),
     outcome text not null check (outcome in ('done', 'refused', 'failed')),
     request_id text
   )`,
  `create index audit_log_actor_idx on audit_log (actor, id)`,
];

export const migration0005: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    for (const statement of up) await sql.raw(statement).execute(db);
  },
  async down(db: Kysely<any>): Promise<void> {
    await sql.raw('drop table audit_log').execute(db);
    await sql.raw('drop table api_tokens').execute(db);
  },
};
