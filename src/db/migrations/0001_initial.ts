/**
 * Migration 0001, frozen: the whole initial schema as plain SQL, one statement per call
 * (PGlite's extended protocol takes one statement at a time). Never edit after release; add
 * a new migration instead. Constraints live here, not only in code: foreign keys, uniqueness,
 * checks on roles, statuses, kinds, ranges and on which columns a row may fill.
 */
import { sql, type Kysely } from 'kysely';

const up: string[] = [
  `create table meta (
     id integer primary key check (id = 1),
     data_version bigint not null default 0
   )`,
  `insert into meta (id, data_version) values (1, 0)`,

  `create table counties (
     code text primary key check (code ~ '^[0-9]{2}$'),
     name text not null check (name <> '')
   )`,
  `create table kommungrupper (
     code text not null check (code <> ''),
     version integer not null check (version in (2017, 2023)),
     name text not null,
     primary key (code, version)
   )`,
  `create table county_neighbours (
     a text not null references counties (code),
     b text not null references counties (code),
     position integer not null,
     primary key (a, b),
     check (a <> b)
   )`,
  `create table organisation_kinds (
     id text primary key check (id ~ '^[^[:space:][:upper:]]+$'),
     builtin boolean not null default false
   )`,
  `insert into organisation_kinds (id, builtin) values
     ('kommun', true), ('region', true), ('stadsdel', true), ('forbund', true), ('forvaltning', true)`,
  `create table focus_areas (
     id text primary key check (id <> ''),
     label text not null,
     description text,
     delmal integer check (delmal between 1 and 6),
     position integer not null
   )`,
  `create table organisations (
     id text primary key check (id ~ '^[^[:space:]]+$'),
     kind text not null references organisation_kinds (id),
     name text not null check (name <> ''),
     parent_id text references organisations (id),
     county_code text references counties (code),
     population integer check (population >= 0),
     population_year integer check (population_year between 1800 and 2200),
     kommungrupp_2017 text,
     kommungrupp_2017_version integer generated always as (2017) stored,
     kommungrupp_2023 text,
     kommungrupp_2023_version integer generated always as (2023) stored,
     area_km2 double precision check (area_km2 > 0),
     lat double precision check (lat between -90 and 90),
     lon double precision check (lon between -180 and 180),
     note text,
     origin text not null default 'dataset' check (origin in ('dataset', 'import')),
     check (parent_id is null or parent_id <> id),
     check ((lat is null) = (lon is null)),
     check (population_year is null or population is not null),
     foreign key (kommungrupp_2017, kommungrupp_2017_version) references kommungrupper (code, version),
     foreign key (kommungrupp_2023, kommungrupp_2023_version) references kommungrupper (code, version)
   )`,
  `create index organisations_kind_idx on organisations (kind)`,
  `create index organisations_county_idx on organisations (county_code)`,
  `create index organisations_parent_idx on organisations (parent_id)`,
  `create table organisation_focus (
     org_id text not null references organisations (id) on delete cascade,
     focus_id text not null references focus_areas (id),
     position integer not null,
     primary key (org_id, focus_id)
   )`,
  `create table programmes (
     id text primary key check (id <> ''),
     name text not null,
     organiser text,
     concept text
   )`,
  `create table proposals (
     id text primary key check (id <> ''),
     programme_id text not null references programmes (id),
     round_label text not null check (round_label <> ''),
     input jsonb not null,
     input_hash text not null,
     seed bigint,
     result jsonb,
     objective double precision,
     optimality text,
     created_at timestamptz not null default now(),
     accepted_round_id text unique
   )`,
  `create index proposals_round_label_idx on proposals (programme_id, round_label)`,
  `create table rounds (
     id text primary key check (id <> ''),
     programme_id text not null references programmes (id),
     label text not null check (label <> ''),
     start_date text check (start_date ~ '^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$'),
     end_date text check (end_date ~ '^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$'),
     status text not null check (status in ('completed', 'ongoing', 'planned')),
     notes text,
     proposal_id text unique references proposals (id),
     unique (programme_id, label)
   )`,
  `alter table proposals add constraint proposals_accepted_round_fk
     foreign key (accepted_round_id) references rounds (id)`,
  `create table participations (
     id integer generated always as identity primary key,
     round_id text not null references rounds (id) on delete cascade,
     org_id text not null references organisations (id),
     role text not null check (role in ('participant', 'mentor', 'co_mentor', 'supporting_mentor')),
     focus text[] not null default '{}',
     delegation text[] not null default '{}',
     disputed boolean not null default false,
     unique (round_id, org_id, role)
   )`,
  `create index participations_org_idx on participations (org_id)`,
  `create table benchmark_groups (
     id text primary key check (id <> ''),
     round_id text not null references rounds (id) on delete cascade,
     position integer not null check (position >= 1),
     focus text[] not null default '{}',
     theme text,
     note text,
     disputed boolean not null default false,
     unique (round_id, position)
   )`,
  `create table group_members (
     group_id text not null references benchmark_groups (id) on delete cascade,
     org_id text not null references organisations (id),
     position integer not null,
     primary key (group_id, org_id)
   )`,
  `create index group_members_org_idx on group_members (org_id)`,
  `create table mentor_links (
     id integer generated always as identity primary key,
     round_id text not null references rounds (id) on delete cascade,
     mentor_id text not null references organisations (id),
     mentee_id text not null references organisations (id),
     role text not null check (role in ('mentor', 'co_mentor', 'supporting_mentor')),
     disputed boolean not null default false,
     unique (round_id, mentor_id, mentee_id, role),
     check (mentor_id <> mentee_id)
   )`,
  `create index mentor_links_mentor_idx on mentor_links (mentor_id)`,
  `create index mentor_links_mentee_idx on mentor_links (mentee_id)`,
  `create table sources (
     id text primary key check (id <> ''),
     title text not null,
     url text,
     date text,
     note text,
     origin text not null default 'dataset' check (origin in ('dataset', 'proposal'))
   )`,
  `create table fact_sources (
     participation_id integer references participations (id) on delete cascade,
     group_id text references benchmark_groups (id) on delete cascade,
     mentor_link_id integer references mentor_links (id) on delete cascade,
     source_id text not null references sources (id),
     position integer not null,
     check (num_nonnulls(participation_id, group_id, mentor_link_id) = 1),
     unique (participation_id, source_id),
     unique (group_id, source_id),
     unique (mentor_link_id, source_id)
   )`,
  `create index fact_sources_source_idx on fact_sources (source_id)`,
  `create table conflicts (
     id text primary key check (id <> ''),
     about text not null
   )`,
  `create table conflict_statements (
     conflict_id text not null references conflicts (id) on delete cascade,
     position integer not null,
     says text not null,
     primary key (conflict_id, position)
   )`,
  `create table conflict_statement_sources (
     conflict_id text not null,
     statement_position integer not null,
     source_id text not null references sources (id),
     position integer not null,
     primary key (conflict_id, statement_position, source_id),
     foreign key (conflict_id, statement_position)
       references conflict_statements (conflict_id, position) on delete cascade
   )`,
  `create table conflict_concerns (
     conflict_id text not null references conflicts (id) on delete cascade,
     position integer not null,
     round_id text not null references rounds (id),
     kind text not null check (kind in ('mentorship', 'participant', 'group')),
     mentor_id text references organisations (id),
     mentee_id text references organisations (id),
     org_id text references organisations (id),
     members text[],
     primary key (conflict_id, position),
     check (
       (kind = 'mentorship' and mentor_id is not null and mentee_id is not null and org_id is null and members is null)
       or (kind = 'participant' and org_id is not null and mentor_id is null and mentee_id is null and members is null)
       or (kind = 'group' and members is not null and mentor_id is null and mentee_id is null and org_id is null)
     )
   )`,
  `create table mentor_link_conflicts (
     mentor_link_id integer not null references mentor_links (id) on delete cascade,
     conflict_id text not null references conflicts (id) on delete cascade,
     position integer not null,
     primary key (mentor_link_id, conflict_id)
   )`,
  `create table record_facts (
     position integer primary key,
     text text not null
   )`,
];

const down = [
  'record_facts',
  'mentor_link_conflicts',
  'conflict_concerns',
  'conflict_statement_sources',
  'conflict_statements',
  'conflicts',
  'fact_sources',
  'sources',
  'mentor_links',
  'group_members',
  'benchmark_groups',
  'participations',
].map((t) => `drop table ${t}`);

export async function up0001(db: Kysely<unknown>): Promise<void> {
  for (const statement of up) await sql.raw(statement).execute(db);
}

export async function down0001(db: Kysely<unknown>): Promise<void> {
  for (const statement of down) await sql.raw(statement).execute(db);
  await sql.raw('alter table proposals drop constraint proposals_accepted_round_fk').execute(db);
  for (const t of ['rounds', 'proposals', 'programmes', 'organisation_focus', 'organisations', 'focus_areas']) {
    await sql.raw(`drop table ${t}`).execute(db);
  }
  for (const t of ['organisation_kinds', 'county_neighbours', 'kommungrupper', 'counties', 'meta']) {
    await sql.raw(`drop table ${t}`).execute(db);
  }
}

export const migration0001 = { up: up0001, down: down0001 };
