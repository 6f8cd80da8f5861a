/**
 * CSV tables of the spread statistics (spread/compute-spread.ts): per round, by county, by
 * kommungrupp (2017) and per municipality (first round, for maps). Pure: a SpreadResult in, CSV
 * text out. Shares are fractions in [0, 1] with 6 decimals; every figure that can rest on
 * disputed facts has an `_undisputed` twin column.
 */
import type { CoverageRow, SpreadResult } from '../spread/types.js';
import { roundShare, toCsv, type CsvCell, type CsvOptions } from './csv.js';

export const SPREAD_ROUNDS_CSV_HEADER = [
  'index', 'round_id', 'round_label', 'programme_id', 'round_start',
  'participants', 'mentors', 'organisations', 'new_organisations', 'groups', 'mentor_links',
  'disputed_participants', 'disputed_mentors', 'disputed_new_organisations', 'disputed_groups', 'disputed_mentor_links',
  'cumulative_organisations', 'cumulative_municipalities', 'cumulative_municipality_share', 'cumulative_population', 'cumulative_population_share', 'cumulative_regions',
  'cumulative_municipalities_undisputed', 'cumulative_municipality_share_undisputed', 'cumulative_population_undisputed', 'cumulative_population_share_undisputed', 'cumulative_regions_undisputed',
  'new_organisation_names',
] as const;

export function buildSpreadRoundsCsv(spread: SpreadResult, options: CsvOptions = {}): string {
  const rows: CsvCell[][] = spread.rounds.map((r) => {
    const c = r.cumulative;
    const u = r.undisputed.cumulative;
    return [
      r.index, r.round.id, r.round.label, r.round.programmeId, r.round.start,
      r.counts.participants, r.counts.mentors, r.counts.organisations, r.counts.newOrganisations, r.counts.groups, r.counts.mentorLinks,
      r.disputed.participants, r.disputed.mentors, r.disputed.newOrganisations, r.disputed.groups, r.disputed.mentorLinks,
      c.organisations, c.municipalities, roundShare(c.municipalityShare), c.population, roundShare(c.populationShare), c.regions,
      u.municipalities, roundShare(u.municipalityShare), u.population, roundShare(u.populationShare), u.regions,
      r.newOrganisations.map((o) => o.name).join('; '),
    ];
  });
  return toCsv(SPREAD_ROUNDS_CSV_HEADER, rows, options);
}

const COVERAGE_COLUMNS = [
  'municipalities', 'reached', 'share', 'population', 'population_reached', 'population_share',
  'reached_undisputed', 'share_undisputed', 'population_reached_undisputed', 'population_share_undisputed', 'reached_ids',
] as const;

const coverageCells = (r: CoverageRow): CsvCell[] => [
  r.municipalities, r.reached, roundShare(r.share), r.population, r.populationReached, roundShare(r.populationShare),
  r.reachedUndisputed, roundShare(r.shareUndisputed), r.populationReachedUndisputed, roundShare(r.populationShareUndisputed), r.reachedIds.join('; '),
];

export const SPREAD_COUNTIES_CSV_HEADER = ['county_code', 'county_name', ...COVERAGE_COLUMNS, 'region_reached', 'region_reached_undisputed'] as const;

export function buildSpreadCountiesCsv(spread: SpreadResult, options: CsvOptions = {}): string {
  const rows = spread.byCounty.map((r) => [r.code, r.name, ...coverageCells(r), r.regionReached, r.regionReachedUndisputed]);
  return toCsv(SPREAD_COUNTIES_CSV_HEADER, rows, options);
}

export const SPREAD_KOMMUNGRUPPER_CSV_HEADER = ['kommungrupp', 'kommungrupp_name', ...COVERAGE_COLUMNS] as const;

export function buildSpreadKommungrupperCsv(spread: SpreadResult, options: CsvOptions = {}): string {
  const rows = spread.byKommungrupp.map((r) => [r.code, r.name, ...coverageCells(r)]);
  return toCsv(SPREAD_KOMMUNGRUPPER_CSV_HEADER, rows, options);
}

export const SPREAD_MUNICIPALITIES_CSV_HEADER = [
  'code', 'name', 'county_code', 'kommungrupp_2017', 'first_round_id', 'first_round_label', 'first_round_start',
  'first_round_disputed', 'first_undisputed_round_id', 'via_part_round_id', 'via_part_id', 'via_part_name',
] as const;

/** One row per municipality: when it first took part (the map's colouring). */
export function buildSpreadMunicipalitiesCsv(spread: SpreadResult, options: CsvOptions = {}): string {
  const rows = spread.firstRounds.map((f) => [
    f.organisation.id, f.organisation.name, f.organisation.countyCode, f.kommungrupp2017, f.firstRoundId, f.firstRoundLabel, f.firstRoundStart,
    f.firstRoundDisputed, f.firstUndisputedRoundId, f.viaPart?.roundId, f.viaPart?.part.id, f.viaPart?.part.name,
  ]);
  return toCsv(SPREAD_MUNICIPALITIES_CSV_HEADER, rows, options);
}
