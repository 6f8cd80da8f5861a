/**
 * Migration 0004, frozen: applications (intresseanmälningar) and mentor offers of a round in
 * preparation. Roles only, never personal names (a check keeps the role list to role words);
 * partner wishes are organisation ids (arrays: checked by the service, as arrays cannot carry
 * foreign keys). Deleting a round deletes its applications and offers; an organisation with an
 * application or offer cannot be deleted.
 */
import { sql, type Kysely, type Migration } from 'kysely';

const up: string[] = [
  `create table applications (
     id text primary key check (id <> ''),
     round_id text not null references rounds (id) on delete cascade,
     org_id text not null references organisations (id),
     focus text[] not null default '{}',
     delegation text[] not null default '{}',
     wish_with text[] not null default '{}',
     not_with text[] not null default '{}',
     gender_decision boolean,
     note text check (note is null or length(note) <= 2000),
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     unique (round_id, org_id),
     check (cardinality(focus) <= 20 and cardinality(delegation) <= 20 and cardinality(wish_with) <= 20 and cardinality(not_with) <= 20),
     check (not (org_id = any (wish_with)) and not (org_id = any (not_with)))
   )`,
  `create index applications_round_idx on applications (round_id)`,
  `create table mentor_offers (
     id text primary key check (id <> ''),
     round_id text not null references rounds (id) on delete cascade,
     org_id text not null references organisations (id),
     capacity integer not null check (capacity between 1 and 10),
     note text check (note is null or length(note) <= 2000),
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     unique (round_id, org_id)
   )`,
  `create index mentor_offers_round_idx on mentor_offers (round_id)`,
];

export const migration0004: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    for (const statement of up) await sql.raw(statement).execute(db);
  },
  async down(db: Kysely<any>): Promise<void> {
    await sql`drop table mentor_offers`.execute(db);
    await sql`drop table applications`.execute(db);
  },
};
