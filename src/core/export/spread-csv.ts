/**
 * Tables of the spread statistics (spread/compute-spread.ts): per round, by county, by
 * kommungrupp (2017) and per municipality (first round, for maps). Pure: a SpreadResult in, a
 * typed table (or its CSV text) out. Shares are fractions in [0, 1] with 6 decimals (percent
 * columns); every figure that can rest on disputed facts has an `_undisputed` twin column.
 */
import type { CoverageRow, SpreadResult } from '../spread/types.js';
import { roundShare, tableToCsv, type CsvCell, type CsvOptions } from './csv.js';
import { col, columnKeys, type Column, type Table } from './table.js';

export const SPREAD_ROUNDS_COLUMNS: readonly Column[] = [
  col('index', 'Nr', 'integer'), col('round_id', 'Omgång (id)', 'code'), col('round_label', 'Omgång'),
  col('programme_id', 'Program (id)', 'code'), col('round_start', 'Start', 'date'),
  col('participants', 'Deltagare', 'integer'), col('mentors', 'Mentorer', 'integer'), col('organisations', 'Organisationer', 'integer'),
  col('new_organisations', 'Nya organisationer', 'integer'), col('groups', 'Grupper', 'integer'), col('mentor_links', 'Mentorslänkar', 'integer'),
  col('disputed_participants', 'Omstridda deltagare', 'integer'), col('disputed_mentors', 'Omstridda mentorer', 'integer'),
  col('disputed_new_organisations', 'Omstridda nya organisationer', 'integer'), col('disputed_groups', 'Omstridda grupper', 'integer'),
  col('disputed_mentor_links', 'Omstridda mentorslänkar', 'integer'),
  col('cumulative_organisations', 'Organisationer hittills', 'integer'), col('cumulative_municipalities', 'Kommuner hittills', 'integer'),
  col('cumulative_municipality_share', 'Andel kommuner hittills', 'percent'), col('cumulative_population', 'Folkmängd nådd hittills', 'integer'),
  col('cumulative_population_share', 'Andel av folkmängden hittills', 'percent'), col('cumulative_regions', 'Regioner hittills', 'integer'),
  col('cumulative_municipalities_undisputed', 'Kommuner hittills (ej omstridda)', 'integer'),
  col('cumulative_municipality_share_undisputed', 'Andel kommuner hittills (ej omstridda)', 'percent'),
  col('cumulative_population_undisputed', 'Folkmängd nådd hittills (ej omstridda)', 'integer'),
  col('cumulative_population_share_undisputed', 'Andel av folkmängden hittills (ej omstridda)', 'percent'),
  col('cumulative_regions_undisputed', 'Regioner hittills (ej omstridda)', 'integer'),
  col('new_organisation_names', 'Nya organisationer (namn)'),
];
export const SPREAD_ROUNDS_CSV_HEADER = columnKeys(SPREAD_ROUNDS_COLUMNS);

export function buildSpreadRoundsTable(spread: SpreadResult): Table {
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
  return { name: 'Spridning per omgång', columns: SPREAD_ROUNDS_COLUMNS, rows };
}
export const buildSpreadRoundsCsv = (spread: SpreadResult, options: CsvOptions = {}): string => tableToCsv(buildSpreadRoundsTable(spread), options);

const COVERAGE_COLUMNS: readonly Column[] = [
  col('municipalities', 'Kommuner', 'integer'), col('reached', 'Nådda', 'integer'), col('share', 'Andel nådda', 'percent'),
  col('population', 'Folkmängd', 'integer'), col('population_reached', 'Folkmängd nådd', 'integer'),
  col('population_share', 'Andel av folkmängden', 'percent'), col('reached_undisputed', 'Nådda (ej omstridda)', 'integer'),
  col('share_undisputed', 'Andel nådda (ej omstridda)', 'percent'),
  col('population_reached_undisputed', 'Folkmängd nådd (ej omstridda)', 'integer'),
  col('population_share_undisputed', 'Andel av folkmängden (ej omstridda)', 'percent'), col('reached_ids', 'Nådda (koder)'),
];

const coverageCells = (r: CoverageRow): CsvCell[] => [
  r.municipalities, r.reached, roundShare(r.share), r.population, r.populationReached, roundShare(r.populationShare),
  r.reachedUndisputed, roundShare(r.shareUndisputed), r.populationReachedUndisputed, roundShare(r.populationShareUndisputed), r.reachedIds.join('; '),
];

export const SPREAD_COUNTIES_COLUMNS: readonly Column[] = [
  col('county_code', 'Länskod', 'code'), col('county_name', 'Län'), ...COVERAGE_COLUMNS,
  col('region_reached', 'Regionen nådd', 'boolean'), col('region_reached_undisputed', 'Regionen nådd (ej omstridd)', 'boolean'),
];
export const SPREAD_COUNTIES_CSV_HEADER = columnKeys(SPREAD_COUNTIES_COLUMNS);

export function buildSpreadCountiesTable(spread: SpreadResult): Table {
  const rows = spread.byCounty.map((r) => [r.code, r.name, ...coverageCells(r), r.regionReached, r.regionReachedUndisputed]);
  return { name: 'Spridning per län', columns: SPREAD_COUNTIES_COLUMNS, rows };
}
export const buildSpreadCountiesCsv = (spread: SpreadResult, options: CsvOptions = {}): string => tableToCsv(buildSpreadCountiesTable(spread), options);

export const SPREAD_KOMMUNGRUPPER_COLUMNS: readonly Column[] = [col('kommungrupp', 'Kommungrupp', 'code'), col('kommungrupp_name', 'Kommungruppens namn'), ...COVERAGE_COLUMNS];
export const SPREAD_KOMMUNGRUPPER_CSV_HEADER = columnKeys(SPREAD_KOMMUNGRUPPER_COLUMNS);

export function buildSpreadKommungrupperTable(spread: SpreadResult): Table {
  const rows = spread.byKommungrupp.map((r) => [r.code, r.name, ...coverageCells(r)]);
  return { name: 'Spridning per kommungrupp', columns: SPREAD_KOMMUNGRUPPER_COLUMNS, rows };
}
export const buildSpreadKommungrupperCsv = (spread: SpreadResult, options: CsvOptions = {}): string =>
  tableToCsv(buildSpreadKommungrupperTable(spread), options);

export const SPREAD_MUNICIPALITIES_COLUMNS: readonly Column[] = [
  col('code', 'Kommunkod', 'code'), col('name', 'Kommun'), col('county_code', 'Länskod', 'code'), col('kommungrupp_2017', 'Kommungrupp 2017', 'code'),
  col('first_round_id', 'Första omgång (id)', 'code'), col('first_round_label', 'Första omgång'), col('first_round_start', 'Första omgångens start', 'date'),
  col('first_round_disputed', 'Första omgången omstridd', 'boolean'), col('first_undisputed_round_id', 'Första ej omstridda omgång (id)', 'code'),
  col('via_part_round_id', 'Genom en del: omgång (id)', 'code'), col('via_part_id', 'Genom en del: kod', 'code'), col('via_part_name', 'Genom en del: namn'),
];
export const SPREAD_MUNICIPALITIES_CSV_HEADER = columnKeys(SPREAD_MUNICIPALITIES_COLUMNS);

/** One row per municipality: when it first took part (the map's colouring). */
export function buildSpreadMunicipalitiesTable(spread: SpreadResult): Table {
  const rows = spread.firstRounds.map((f) => [
    f.organisation.id, f.organisation.name, f.organisation.countyCode, f.kommungrupp2017, f.firstRoundId, f.firstRoundLabel, f.firstRoundStart,
    f.firstRoundDisputed, f.firstUndisputedRoundId, f.viaPart?.roundId, f.viaPart?.part.id, f.viaPart?.part.name,
  ]);
  return { name: 'Spridning per kommun', columns: SPREAD_MUNICIPALITIES_COLUMNS, rows };
}
export const buildSpreadMunicipalitiesCsv = (spread: SpreadResult, options: CsvOptions = {}): string =>
  tableToCsv(buildSpreadMunicipalitiesTable(spread), options);
