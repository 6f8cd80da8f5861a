/**
 * Kysely table types: one interface per table, columns in snake_case exactly as in the
 * migrations. Row↔domain mapping lives in read-world.ts and the repositories, not here.
 *
 * Numbers: every numeric column is integer, bigint or double precision, and the clients
 * (client.ts, pglite-dialect.ts) parse int8 and numeric as JS numbers, so a column typed
 * `number` here is a number on both PGlite and PostgreSQL.
 */
import type { RoundState } from '../core/model.js';
import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';

export type OrgOrigin = 'dataset' | 'import';
export type SourceOrigin = 'dataset' | 'proposal';

/** jsonb: written as a JSON string, read back as the parsed value. */
export type Json = ColumnType<unknown, string, string>;

export interface MetaTable {
  id: number;
  data_version: Generated<number>;
}

export interface CountiesTable {
  code: string;
  name: string;
}

export interface KommungrupperTable {
  code: string;
  version: number;
  name: string;
}

export interface CountyNeighboursTable {
  a: string;
  b: string;
  position: number;
}

export interface OrganisationKindsTable {
  id: string;
  builtin: Generated<boolean>;
}

export interface OrganisationsTable {
  id: string;
  kind: string;
  name: string;
  parent_id: string | null;
  county_code: string | null;
  population: number | null;
  population_year: number | null;
  kommungrupp_2017: string | null;
  /** Constant 2017, only there so that the composite foreign key to kommungrupper works. */
  kommungrupp_2017_version: GeneratedAlways<number>;
  kommungrupp_2023: string | null;
  kommungrupp_2023_version: GeneratedAlways<number>;
  area_km2: number | null;
  lat: number | null;
  lon: number | null;
  note: string | null;
  note_sv: string | null;
  origin: OrgOrigin;
}

export interface OrganisationFocusTable {
  org_id: string;
  focus_id: string;
  position: number;
}

export interface FocusAreasTable {
  id: string;
  label: string;
  description: string | null;
  description_sv: string | null;
  delmal: number | null;
  position: number;
}

export interface ProgrammesTable {
  id: string;
  name: string;
  organiser: string | null;
  concept: string | null;
  name_sv: string | null;
  concept_sv: string | null;
}

export interface RoundsTable {
  id: string;
  programme_id: string;
  label: string;
  start_date: string | null;
  end_date: string | null;
  state: RoundState;
  /** Why the round was cancelled or superseded; set exactly in those states. */
  state_reason: string | null;
  notes: string | null;
  notes_sv: string | null;
  proposal_id: string | null;
}

export interface ParticipationsTable {
  id: GeneratedAlways<number>;
  round_id: string;
  org_id: string;
  role: 'participant' | 'mentor' | 'co_mentor' | 'supporting_mentor';
  focus: string[];
  delegation: string[];
  disputed: boolean;
}

export interface BenchmarkGroupsTable {
  id: string;
  round_id: string;
  position: number;
  focus: string[];
  theme: string | null;
  note: string | null;
  disputed: boolean;
}

export interface GroupMembersTable {
  group_id: string;
  org_id: string;
  position: number;
}

export interface MentorLinksTable {
  id: GeneratedAlways<number>;
  round_id: string;
  mentor_id: string;
  mentee_id: string;
  role: 'mentor' | 'co_mentor' | 'supporting_mentor';
  disputed: boolean;
}

export interface MentorLinkConflictsTable {
  mentor_link_id: number;
  conflict_id: string;
  position: number;
}

export interface SourcesTable {
  id: string;
  title: string;
  url: string | null;
  date: string | null;
  note: string | null;
  title_sv: string | null;
  note_sv: string | null;
  origin: SourceOrigin;
}

/** Which fact rests on which source: exactly one of the three fact columns is set. */
export interface FactSourcesTable {
  participation_id: number | null;
  group_id: string | null;
  mentor_link_id: number | null;
  source_id: string;
  position: number;
}

export interface ConflictsTable {
  id: string;
  about: string;
  about_sv: string | null;
}

export interface ConflictStatementsTable {
  conflict_id: string;
  position: number;
  says: string;
  says_sv: string | null;
}

export interface ConflictStatementSourcesTable {
  conflict_id: string;
  statement_position: number;
  source_id: string;
  position: number;
}

export interface ConflictConcernsTable {
  conflict_id: string;
  position: number;
  round_id: string;
  kind: 'mentorship' | 'participant' | 'group';
  mentor_id: string | null;
  mentee_id: string | null;
  org_id: string | null;
  members: string[] | null;
}

/** World.facts: free-text facts of the record that belong to no round. */
export interface RecordFactsTable {
  position: number;
  text: string;
  says_sv: string | null;
  /** Ids of the sources the fact names (checked against the dataset's sources on import). */
  sources: string[];
}

export interface ProposalsTable {
  id: string;
  programme_id: string;
  round_label: string;
  input: Json;
  input_hash: string;
  seed: number | null;
  result: ColumnType<unknown, string | null, string | null>;
  objective: number | null;
  optimality: string | null;
  created_at: ColumnType<Date, string | undefined, never>;
  accepted_round_id: string | null;
}

export interface AnalysisCacheTable {
  proposal_id: string;
  kind: string;
  args_key: string;
  record_version: string;
  result: ColumnType<unknown, string, never>;
  computed_at: ColumnType<Date, string | undefined, never>;
}

export interface ApplicationsTable {
  id: string;
  round_id: string;
  org_id: string;
  focus: string[];
  delegation: string[];
  wish_with: string[];
  not_with: string[];
  gender_decision: boolean | null;
  note: string | null;
  created_at: ColumnType<Date, string | undefined, string | undefined>;
  updated_at: ColumnType<Date, string | undefined, string | undefined>;
}

export interface MentorOffersTable {
  id: string;
  round_id: string;
  org_id: string;
  capacity: number;
  note: string | null;
  created_at: ColumnType<Date, string | undefined, string | undefined>;
  updated_at: ColumnType<Date, string | undefined, string | undefined>;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  salt: string;
  hash: string;
  params: string;
  created_at: ColumnType<Date, string | undefined, never>;
  revoked_at: ColumnType<Date | null, string | null | undefined, string | null>;
}

export interface AuditLogTable {
  id: GeneratedAlways<number>;
  at: ColumnType<Date, string | undefined, never>;
  actor: string;
  token_id: string | null;
  method: string;
  route: string;
  target: string | null;
  status: number;
  outcome: 'done' | 'refused' | 'failed';
  request_id: string | null;
}

export interface Database {
  meta: MetaTable;
  counties: CountiesTable;
  kommungrupper: KommungrupperTable;
  county_neighbours: CountyNeighboursTable;
  organisation_kinds: OrganisationKindsTable;
  organisations: OrganisationsTable;
  organisation_focus: OrganisationFocusTable;
  focus_areas: FocusAreasTable;
  programmes: ProgrammesTable;
  rounds: RoundsTable;
  participations: ParticipationsTable;
  benchmark_groups: BenchmarkGroupsTable;
  group_members: GroupMembersTable;
  mentor_links: MentorLinksTable;
  mentor_link_conflicts: MentorLinkConflictsTable;
  sources: SourcesTable;
  fact_sources: FactSourcesTable;
  conflicts: ConflictsTable;
  conflict_statements: ConflictStatementsTable;
  conflict_statement_sources: ConflictStatementSourcesTable;
  conflict_concerns: ConflictConcernsTable;
  record_facts: RecordFactsTable;
  proposals: ProposalsTable;
  analysis_cache: AnalysisCacheTable;
  applications: ApplicationsTable;
  mentor_offers: MentorOffersTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
}

export type OrganisationRow = Selectable<OrganisationsTable>;
export type NewOrganisationRow = Insertable<OrganisationsTable>;
export type RoundRow = Selectable<RoundsTable>;
export type ProposalRow = Selectable<ProposalsTable>;
