/**
 * The domain model shared by every layer: organisations, counties, programmes, rounds and the
 * facts of who took part, with whom, and who mentored whom, each fact carrying its sources.
 *
 * Invariants (upheld by the dataset builder and by the database schema):
 * - ids are stable strings: 4-digit kommunkod, 2-digit länskod for regions, or a derived id.
 * - every fact (participation, group, mentor link) names at least one source, except facts
 *   created by accepting a proposal, whose source is the proposal ("proposal:<id>").
 * - a fact is `disputed` when a recorded conflict concerns it, or when everything it rests on
 *   is disputed; disputed facts are kept, never silently dropped or resolved.
 */

/** kommun, region, stadsdel, forbund, forvaltning, or a kind a user adds (myndighet, foretag…). */
export type OrgKind = string;
export const BUILTIN_KINDS = ['kommun', 'region', 'stadsdel', 'forbund', 'forvaltning'] as const;

export interface Organisation {
  id: string;
  kind: OrgKind;
  name: string;
  parentId: string | null;
  countyCode: string | null;
  population: number | null;
  populationYear: number | null;
  /** SKR kommungrupp 2017 code, e.g. "B3". Only municipalities have one. */
  kommungrupp2017: string | null;
  kommungrupp2023: string | null;
  areaKm2: number | null;
  lat: number | null;
  lon: number | null;
  /** Focus areas known for the organisation (the regions' profiles). */
  focus: string[];
  note: string | null;
  /** The note in Swedish, for the page (history.json's note_sv). */
  noteSv?: string | null;
}

export interface County {
  code: string;
  name: string;
}

export interface KommungruppDef {
  code: string;
  name: string;
  version: 2017 | 2023;
}

export interface Programme {
  id: string;
  name: string;
  organiser: string | null;
  concept: string | null;
  /** Swedish name and concept, for the page. */
  nameSv?: string | null;
  conceptSv?: string | null;
}

/**
 * A round's life: `preparing` (applications and mentor offers being collected), `planned` (a
 * proposal accepted, not started), `running`, `completed`; `cancelled` and `superseded` (another
 * proposal accepted in its place) end it without it having taken place.
 */
export type RoundState = 'preparing' | 'planned' | 'running' | 'completed' | 'cancelled' | 'superseded';
export const ROUND_STATES: readonly RoundState[] = ['preparing', 'planned', 'running', 'completed', 'cancelled', 'superseded'];
/** The states of rounds that have taken place: only these count in spread, lineage and default mentors. */
export const TAKEN_PLACE_STATES: readonly RoundState[] = ['running', 'completed'];

export interface Round {
  id: string;
  programmeId: string;
  label: string;
  /** "YYYY-MM" or "YYYY-MM-DD"; null where unknown. */
  start: string | null;
  end: string | null;
  state: RoundState;
  /** Why the round was cancelled or superseded; null in every other state. */
  stateReason: string | null;
  notes: string | null;
  notesSv?: string | null;
  /** Set for rounds created by accepting a proposal. */
  proposalId: string | null;
}

export type ParticipantRole = 'participant' | 'mentor' | 'co_mentor' | 'supporting_mentor';
export type MentorRole = 'mentor' | 'co_mentor' | 'supporting_mentor';

/** Delegation roles a participant sends (politiker, chef, strateg; controller, statistiker, kommunikator…). */
export type DelegationRole = string;

export interface Participation {
  roundId: string;
  orgId: string;
  role: ParticipantRole;
  focus: string[];
  delegation: DelegationRole[];
  sources: string[];
  disputed: boolean;
}

export interface BenchmarkGroup {
  /** "<roundId>-g<n>", n from 1 within the round in the order the record lists its groups. */
  id: string;
  roundId: string;
  members: string[];
  focus: string[];
  theme: string | null;
  note: string | null;
  sources: string[];
  disputed: boolean;
}

/** One mentor→mentee edge of one round; a mentorship with several mentees is several links. */
export interface MentorLink {
  roundId: string;
  mentorId: string;
  menteeId: string;
  role: MentorRole;
  sources: string[];
  disputed: boolean;
  /** Ids of the conflicts that concern this link. */
  conflicts: string[];
}

export interface Source {
  id: string;
  title: string;
  url: string | null;
  date: string | null;
  note: string | null;
  titleSv?: string | null;
  noteSv?: string | null;
}

export type ConflictConcern =
  | { round: string; kind: 'mentorship'; mentor: string; mentee: string }
  | { round: string; kind: 'participant'; org: string }
  | { round: string; kind: 'group'; members: string[] };

export interface Conflict {
  id: string;
  about: string;
  aboutSv?: string | null;
  concerns: ConflictConcern[];
  statements: { says: string; saysSv?: string | null; sources: string[] }[];
}

export interface FocusArea {
  id: string;
  label: string;
  description: string | null;
  descriptionSv?: string | null;
  /** National gender-equality sub-goal (delmål 1–6) it serves, if any. */
  delmal: number | null;
}

/** Everything the pure core needs to reason about the record. Read-only by convention. */
export interface World {
  organisations: Organisation[];
  counties: County[];
  kommungrupper: KommungruppDef[];
  /** Pairs of county codes whose municipalities share a border (both orders not required). */
  countyNeighbours: [string, string][];
  programmes: Programme[];
  rounds: Round[];
  participations: Participation[];
  groups: BenchmarkGroup[];
  mentorLinks: MentorLink[];
  sources: Source[];
  conflicts: Conflict[];
  focusAreas: FocusArea[];
  /** Free-text facts from the record that belong to no round, each with its sources. */
  facts: RecordFact[];
}

/** A free-text fact of the record (history.json `facts`), in English and Swedish, naming its sources. */
export interface RecordFact {
  says: string;
  saysSv: string | null;
  sources: string[];
}

/** Rounds sort by start date, then id, everywhere; "earlier" means earlier in this order. */
export function compareRounds(a: Round, b: Round): number {
  const sa = a.start ?? '9999';
  const sb = b.start ?? '9999';
  return sa < sb ? -1 : sa > sb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A whole round with its facts, as written in one transaction when a proposal is accepted. */
export interface RoundRecord {
  round: Round;
  participations: Participation[];
  groups: BenchmarkGroup[];
  mentorLinks: MentorLink[];
}

/** An organisation a user imports (from CSV); `line` is where it stands in its file, for error details. */
export interface OrganisationImport {
  line: number;
  id: string;
  kind: OrgKind;
  name: string;
  countyCode: string | null;
  population: number | null;
  populationYear: number | null;
  lat: number | null;
  lon: number | null;
  parentId: string | null;
  note: string | null;
}

/** Filters and paging of an organisation listing. */
export interface OrganisationFilter {
  kind?: string | undefined;
  /** 2-digit county code. */
  county?: string | undefined;
  /** A kommungrupp code ("B3") or a main group ("B"). */
  kommungrupp?: string | undefined;
  /** Which edition `kommungrupp` refers to; default 2023 (the current one). */
  kommungruppVersion?: 2017 | 2023 | undefined;
  /** Case-insensitive substring of name or id. */
  q?: string | undefined;
  /** true: took part in some round (any role); false: never did. */
  participated?: boolean | undefined;
  /** Restricts `participated` to this programme's rounds; alone it means participated=true. */
  programme?: string | undefined;
  limit: number;
  offset: number;
}

export interface OrganisationPage {
  total: number;
  items: Organisation[];
}

/** A proposal as stored: the instance as submitted and the matching core's result, both as JSON. */
export interface StoredProposal {
  id: string;
  programmeId: string;
  roundLabel: string;
  input: unknown;
  /** sha256 of the canonical JSON of the input. */
  inputHash: string;
  seed: number | null;
  result: unknown;
  objective: number | null;
  optimality: string | null;
  /** ISO 8601. */
  createdAt: string;
  acceptedRoundId: string | null;
}

export type NewProposal = Omit<StoredProposal, 'id' | 'createdAt' | 'acceptedRoundId'> & { id?: string | undefined };

/** A stored proposal without its input and result (what a listing shows). */
export type ProposalSummary = Omit<StoredProposal, 'input' | 'result'>;
