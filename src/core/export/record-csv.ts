/**
 * CSV tables of the record: organisations with their participation, participations, group
 * members and cohort edges. Pure: World in, CSV text out (see csv.ts for the format).
 *
 * Choices:
 * - organisations: ONE ROW PER ORGANISATION (all organisations, or only those that took part in
 *   scope with `onlyParticipants`), its rounds and roles summarised in "; "-separated cells in date
 *   order ("mk-2017:participant; mk-2019:mentor"); `buildParticipationsCsv` gives one row per
 *   participation (organisation, round, role) for those who want to pivot.
 * - rounds: one row per round, per group member and per cohort edge (mentor→mentee of any mentor
 *   role), told apart by the `record` column (round, group_member, cohort_edge); the group and
 *   cohort rows are also available separately.
 * - lists of sources are source ids joined by "; "; booleans are true/false; empty = unknown.
 * Row order: organisations by id; facts by round date, then record order.
 * Each table is built typed (`build…Table`, for XLSX and both CSV dialects); `build…Csv` renders it.
 */
import { listCohorts } from '../cohorts.js';
import type { World } from '../model.js';
import { indexWorld, orderOf, orgRef, scopeRounds, type WorldIndex } from '../lineage/world-index.js';
import { joinList, tableToCsv, type CsvCell, type CsvOptions } from './csv.js';
import { col, columnKeys, type Column, type Table } from './table.js';

export interface RecordCsvOptions extends CsvOptions {
  programme?: string | null | undefined;
}

export interface OrganisationsCsvOptions extends RecordCsvOptions {
  /** Only organisations that took part in scope. Default false (all organisations). */
  onlyParticipants?: boolean | undefined;
}

const inScope = (ix: WorldIndex, programme: string | null | undefined): Set<string> => new Set(scopeRounds(ix, programme).map((r) => r.id));
const countyName = (world: World, code: string | null): string | null => (code ? (world.counties.find((c) => c.code === code)?.name ?? null) : null);

export const ORGANISATIONS_COLUMNS: readonly Column[] = [
  col('id', 'Kod', 'code'), col('name', 'Namn'), col('kind', 'Typ'), col('parent_id', 'Ingår i (kod)', 'code'),
  col('county_code', 'Länskod', 'code'), col('county_name', 'Län'), col('kommungrupp_2017', 'Kommungrupp 2017', 'code'),
  col('kommungrupp_2023', 'Kommungrupp 2023', 'code'), col('population', 'Folkmängd', 'integer'), col('rounds', 'Omgångar'),
  col('roles', 'Roller'), col('first_round', 'Första omgång', 'code'), col('times_participant', 'Gånger som deltagare', 'integer'),
  col('times_mentor', 'Gånger som mentor', 'integer'), col('mentees', 'Antal adepter', 'integer'),
  col('only_disputed', 'Bara omstridda uppgifter', 'boolean'), col('sources', 'Källor'),
];
export const ORGANISATIONS_CSV_HEADER = columnKeys(ORGANISATIONS_COLUMNS);

export function buildOrganisationsCsv(world: World, options: OrganisationsCsvOptions = {}): string {
  return tableToCsv(buildOrganisationsTable(world, options), options);
}

export function buildOrganisationsTable(world: World, options: OrganisationsCsvOptions = {}): Table {
  const ix = indexWorld(world);
  const rounds = inScope(ix, options.programme);
  const parts = world.participations
    .filter((p) => rounds.has(p.roundId))
    .sort((a, b) => orderOf(ix, a.roundId) - orderOf(ix, b.roundId));
  const links = world.mentorLinks.filter((l) => rounds.has(l.roundId) && l.role !== 'supporting_mentor');
  const rows: CsvCell[][] = [];
  for (const o of [...world.organisations].sort((a, b) => a.id.localeCompare(b.id))) {
    const mine = parts.filter((p) => p.orgId === o.id);
    if (options.onlyParticipants && mine.length === 0) continue;
    const roundIds = [...new Set(mine.map((p) => p.roundId))];
    rows.push([
      o.id, o.name, o.kind, o.parentId, o.countyCode, countyName(world, o.countyCode), o.kommungrupp2017, o.kommungrupp2023, o.population,
      joinList(roundIds),
      joinList(mine.map((p) => `${p.roundId}:${p.role}${p.disputed ? ' (disputed)' : ''}`)),
      roundIds[0] ?? null,
      new Set(mine.filter((p) => p.role === 'participant').map((p) => p.roundId)).size,
      new Set(mine.filter((p) => p.role !== 'participant').map((p) => p.roundId)).size,
      new Set(links.filter((l) => l.mentorId === o.id).map((l) => l.menteeId)).size,
      mine.length > 0 && mine.every((p) => p.disputed),
      joinList([...new Set(mine.flatMap((p) => p.sources))]),
    ]);
  }
  return { name: 'Organisationer', columns: ORGANISATIONS_COLUMNS, rows };
}

export const PARTICIPATIONS_COLUMNS: readonly Column[] = [
  col('round_id', 'Omgång (id)', 'code'), col('round_label', 'Omgång'), col('programme_id', 'Program (id)', 'code'),
  col('round_start', 'Start', 'date'), col('org_id', 'Kod', 'code'), col('org_name', 'Organisation'), col('org_kind', 'Typ'),
  col('county_code', 'Länskod', 'code'), col('role', 'Roll'), col('focus', 'Fokusområden'), col('delegation', 'Delegation'),
  col('sources', 'Källor'), col('disputed', 'Omstridd', 'boolean'),
];
export const PARTICIPATIONS_CSV_HEADER = columnKeys(PARTICIPATIONS_COLUMNS);

export function buildParticipationsCsv(world: World, options: RecordCsvOptions = {}): string {
  return tableToCsv(buildParticipationsTable(world, options), options);
}

export function buildParticipationsTable(world: World, options: RecordCsvOptions = {}): Table {
  const ix = indexWorld(world);
  const rounds = inScope(ix, options.programme);
  const rows = world.participations
    .filter((p) => rounds.has(p.roundId))
    .map((p, i) => ({ p, i }))
    .sort((a, b) => orderOf(ix, a.p.roundId) - orderOf(ix, b.p.roundId) || a.i - b.i)
    .map(({ p }) => {
      const r = ix.rounds.get(p.roundId);
      const o = orgRef(ix, p.orgId);
      return [p.roundId, r?.label, r?.programmeId, r?.start, o.id, o.name, o.kind, o.countyCode, p.role, joinList(p.focus), joinList(p.delegation), joinList(p.sources), p.disputed];
    });
  return { name: 'Deltaganden', columns: PARTICIPATIONS_COLUMNS, rows };
}

export const ROUNDS_COLUMNS: readonly Column[] = [
  col('record', 'Post'), col('round_id', 'Omgång (id)', 'code'), col('round_label', 'Omgång'), col('programme_id', 'Program (id)', 'code'),
  col('round_start', 'Start', 'date'), col('group_id', 'Grupp (id)', 'code'), col('group_theme', 'Gruppens tema'),
  col('cohort_id', 'Mentorskap (id)', 'code'), col('mentor_id', 'Mentor (kod)', 'code'), col('mentor_name', 'Mentor'), col('role', 'Roll'),
  col('org_id', 'Kod', 'code'), col('org_name', 'Organisation'), col('org_kind', 'Typ'), col('county_code', 'Länskod', 'code'),
  col('sources', 'Källor'), col('disputed', 'Omstridd', 'boolean'), col('conflicts', 'Motstridiga uppgifter'),
];
export const ROUNDS_CSV_HEADER = columnKeys(ROUNDS_COLUMNS);

function groupMemberRows(ix: WorldIndex, rounds: Set<string>): CsvCell[][] {
  return ix.world.groups
    .map((g, i) => ({ g, i }))
    .filter(({ g }) => rounds.has(g.roundId))
    .sort((a, b) => orderOf(ix, a.g.roundId) - orderOf(ix, b.g.roundId) || a.i - b.i)
    .flatMap(({ g }) => {
      const r = ix.rounds.get(g.roundId);
      return g.members.map((m) => {
        const o = orgRef(ix, m);
        return ['group_member', g.roundId, r?.label, r?.programmeId, r?.start, g.id, g.theme, null, null, null, 'participant', o.id, o.name, o.kind, o.countyCode, joinList(g.sources), g.disputed, null];
      });
    });
}

function cohortEdgeRows(ix: WorldIndex, rounds: Set<string>): CsvCell[][] {
  const out: CsvCell[][] = [];
  const ordered = [...rounds].sort((a, b) => orderOf(ix, a) - orderOf(ix, b));
  for (const roundId of ordered) {
    const r = ix.rounds.get(roundId);
    const cohorts = listCohorts(ix.world, roundId);
    for (const l of ix.world.mentorLinks.filter((k) => k.roundId === roundId)) {
      const holders =
        l.role === 'mentor'
          ? cohorts.filter((c) => c.mentor?.organisation.id === l.mentorId)
          : cohorts.filter(
              (c) =>
                c.mentees.some((m) => m.organisation.id === l.menteeId) &&
                (l.role === 'co_mentor' ? c.coMentors : c.supportingMentors).some((m) => m.organisation.id === l.mentorId),
            );
      const mentor = orgRef(ix, l.mentorId);
      const mentee = orgRef(ix, l.menteeId);
      out.push([
        'cohort_edge', roundId, r?.label, r?.programmeId, r?.start, null, null, joinList(holders.map((c) => c.id)),
        mentor.id, mentor.name, l.role, mentee.id, mentee.name, mentee.kind, mentee.countyCode, joinList(l.sources), l.disputed, joinList(l.conflicts),
      ]);
    }
  }
  return out;
}

/** One row per group member. */
export function buildGroupMembersTable(world: World, options: RecordCsvOptions = {}): Table {
  const ix = indexWorld(world);
  return { name: 'Gruppmedlemmar', columns: ROUNDS_COLUMNS, rows: groupMemberRows(ix, inScope(ix, options.programme)) };
}
export const buildGroupMembersCsv = (world: World, options: RecordCsvOptions = {}): string => tableToCsv(buildGroupMembersTable(world, options), options);

/** One row per cohort edge (mentor, co-mentor or supporting mentor → mentee). */
export function buildCohortEdgesTable(world: World, options: RecordCsvOptions = {}): Table {
  const ix = indexWorld(world);
  return { name: 'Mentorskap', columns: ROUNDS_COLUMNS, rows: cohortEdgeRows(ix, inScope(ix, options.programme)) };
}
export const buildCohortEdgesCsv = (world: World, options: RecordCsvOptions = {}): string => tableToCsv(buildCohortEdgesTable(world, options), options);

/**
 * Rounds with groups and cohorts: per round (date order) one `round` row, then its group-member
 * rows, then its cohort-edge rows. A round with neither still has its `round` row.
 */
export function buildRoundsTable(world: World, options: RecordCsvOptions = {}): Table {
  const ix = indexWorld(world);
  const rounds = inScope(ix, options.programme);
  const roundRows: CsvCell[][] = [...rounds].map((id) => {
    const r = ix.rounds.get(id);
    return ['round', id, r?.label, r?.programmeId, r?.start, null, null, null, null, null, null, null, null, null, null, null, null, null];
  });
  const rank: Record<string, number> = { round: 0, group_member: 1, cohort_edge: 2 };
  const rows = [...roundRows, ...groupMemberRows(ix, rounds), ...cohortEdgeRows(ix, rounds)]
    .map((row, i) => ({ row, i }))
    .sort((a, b) => orderOf(ix, String(a.row[1])) - orderOf(ix, String(b.row[1])) || rank[String(a.row[0])]! - rank[String(b.row[0])]! || a.i - b.i)
    .map(({ row }) => row);
  return { name: 'Omgångar', columns: ROUNDS_COLUMNS, rows };
}
export const buildRoundsCsv = (world: World, options: RecordCsvOptions = {}): string => tableToCsv(buildRoundsTable(world, options), options);
