/**
 * Result shapes of the spread statistics (compute-spread.ts), JSON-ready. Every figure that
 * could rest on disputed facts comes twice: as recorded (all facts) and `undisputed` (facts whose
 * sources disagree left out), so an analyst sees how much hangs on the disputes.
 */
import type { LineageChain } from '../lineage/trace.js';
import type { OrgRef, RoundRef } from '../lineage/world-index.js';

/** Reach up to and including a round (or over the whole scope). Shares are in [0, 1]. */
export interface ReachFigures {
  /** Distinct organisations of any kind that took part in any role. */
  organisations: number;
  /** Municipalities reached (see the rule in compute-spread.ts). */
  municipalities: number;
  municipalityShare: number;
  /** Population of the municipalities reached. */
  population: number;
  /** population / Sweden's population (sum over all municipalities). */
  populationShare: number;
  regions: number;
  regionShare: number;
}

/** Counts for one round. */
export interface RoundCounts {
  /** Organisations with the role participant (benchmarking) in the round. */
  participants: number;
  /** Organisations with a mentor role (mentor, co-mentor, supporting mentor) in the round. */
  mentors: number;
  /** Distinct organisations in the round, any role. */
  organisations: number;
  /** Organisations in no earlier round in scope. */
  newOrganisations: number;
  groups: number;
  mentorLinks: number;
}

export interface SpreadRound {
  round: RoundRef;
  /** 1-based position among the rounds in scope (date order). */
  index: number;
  counts: RoundCounts;
  newOrganisations: OrgRef[];
  cumulative: ReachFigures;
  /** How many of `counts` rest only on disputed facts (e.g. a participant named by a disputed source only). */
  disputed: RoundCounts;
  /** The same figures counting undisputed facts only. */
  undisputed: { counts: RoundCounts; cumulative: ReachFigures };
}

export interface CoverageRow {
  /** County code (län) or kommungrupp code. */
  code: string;
  name: string;
  municipalities: number;
  reached: number;
  share: number;
  population: number;
  populationReached: number;
  populationShare: number;
  reachedUndisputed: number;
  shareUndisputed: number;
  populationReachedUndisputed: number;
  populationShareUndisputed: number;
  /** Ids of the municipalities reached (all facts). */
  reachedIds: string[];
}

export interface CountyCoverageRow extends CoverageRow {
  /** The county's region took part itself. */
  regionReached: boolean;
  regionReachedUndisputed: boolean;
}

export interface MunicipalityFirstRound {
  organisation: OrgRef;
  kommungrupp2017: string | null;
  /** First round in scope in which the municipality took part itself; null if never. */
  firstRoundId: string | null;
  firstRoundLabel: string | null;
  firstRoundStart: string | null;
  /** The first participation rests only on disputed facts. */
  firstRoundDisputed: boolean;
  /** First round counting undisputed facts only. */
  firstUndisputedRoundId: string | null;
  /** First round in which a part of it (a stadsdel or förvaltning) took part, and which part. */
  viaPart: { roundId: string; roundLabel: string; part: OrgRef } | null;
}

export interface GenerationCount {
  generation: number;
  organisations: number;
}

export interface SpreadGenerations {
  byGeneration: GenerationCount[];
  maxGeneration: number;
  longestChainLength: number;
  longestChains: LineageChain[];
  longestChainsTruncated: boolean;
  /** Took part in scope but has no generation (no recorded mentor, not a pilot). */
  withoutGeneration: OrgRef[];
  undisputed: {
    byGeneration: GenerationCount[];
    maxGeneration: number;
    longestChainLength: number;
    longestChains: LineageChain[];
  };
}

export interface DisputedSummary {
  participations: { total: number; disputed: number };
  mentorLinks: { total: number; disputed: number };
  groups: { total: number; disputed: number };
  /** Organisations whose every participation in scope rests on disputed facts. */
  organisations: { total: number; disputedOnly: number; ids: OrgRef[] };
  /** Municipalities reached only through disputed facts. */
  municipalitiesReachedOnlyByDisputed: OrgRef[];
  conflicts: { id: string; about: string; aboutSv: string | null }[];
}

export interface SpreadResult {
  programmeId: string | null;
  /** The rules behind the figures, in words, for display next to them. */
  rules: string[];
  totals: {
    municipalities: number;
    regions: number;
    population: number;
  };
  rounds: SpreadRound[];
  /** Reach over the whole scope. */
  reach: ReachFigures;
  reachUndisputed: ReachFigures;
  byCounty: CountyCoverageRow[];
  byKommungrupp: CoverageRow[];
  /** Municipalities counted as not reached although a district or administration of theirs took part. */
  reachedViaPartOnly: { municipality: OrgRef; parts: OrgRef[] }[];
  neverReached: {
    municipalities: OrgRef[];
    regions: OrgRef[];
    /** How many would be never reached counting undisputed facts only. */
    undisputed: { municipalities: number; regions: number };
  };
  generations: SpreadGenerations;
  disputed: DisputedSummary;
  /** All municipalities, by code: the first round each took part (the map colours by it). */
  firstRounds: MunicipalityFirstRound[];
}
