/**
 * Reads the whole record back as a World: the dataset, organisations imported from CSV and
 * rounds created by accepted proposals alike. Arrays inside a fact (sources, members, focus,
 * statements) keep the order they were written in; top-level lists are ordered by id, rounds by
 * compareRounds, groups by round and position.
 *
 * Reads run in one transaction (repeatable read) so the World is one consistent snapshot even
 * while another process writes.
 */
import type { Kysely, Transaction } from 'kysely';
import {
  compareRounds,
  type BenchmarkGroup,
  type Conflict,
  type ConflictConcern,
  type MentorLink,
  type Organisation,
  type Participation,
  type Round,
  type World,
} from '../core/model.js';
import type { Database, OrganisationRow, RoundRow } from './schema.js';

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

const byPosition = <T extends { position: number }>(rows: T[]): T[] => [...rows].sort((a, b) => a.position - b.position);

export function toOrganisation(row: OrganisationRow, focus: string[]): Organisation {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    parentId: row.parent_id,
    countyCode: row.county_code,
    population: row.population,
    populationYear: row.population_year,
    kommungrupp2017: row.kommungrupp_2017,
    kommungrupp2023: row.kommungrupp_2023,
    areaKm2: row.area_km2,
    lat: row.lat,
    lon: row.lon,
    focus,
    note: row.note,
    noteSv: row.note_sv,
  };
}

export function toRound(row: RoundRow): Round {
  return {
    id: row.id,
    programmeId: row.programme_id,
    label: row.label,
    start: row.start_date,
    end: row.end_date,
    state: row.state,
    stateReason: row.state_reason,
    notes: row.notes,
    notesSv: row.notes_sv,
    proposalId: row.proposal_id,
  };
}

/** The row of a round; `proposalId` is null for rounds of the record and set for accepted ones. */
export function toRoundRow(r: Round): RoundRow {
  return {
    id: r.id,
    programme_id: r.programmeId,
    label: r.label,
    start_date: r.start,
    end_date: r.end,
    state: r.state,
    state_reason: r.stateReason,
    notes: r.notes,
    notes_sv: r.notesSv ?? null,
    proposal_id: r.proposalId,
  };
}

/** Focus ids of the given organisations (all when `ids` is omitted), in stored order. */
export async function readOrganisationFocus(
  db: Kysely<Database> | Transaction<Database>,
  ids?: string[],
): Promise<Map<string, string[]>> {
  if (ids && ids.length === 0) return new Map();
  let q = db.selectFrom('organisation_focus').select(['org_id', 'focus_id', 'position']);
  if (ids) q = q.where('org_id', 'in', ids);
  const rows = await q.orderBy('org_id').orderBy('position').execute();
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.org_id);
    if (list) list.push(r.focus_id);
    else out.set(r.org_id, [r.focus_id]);
  }
  return out;
}

export async function readWorld(db: Kysely<Database>): Promise<World> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((trx) => readAll(trx));
}

async function readAll(trx: Transaction<Database>): Promise<World> {
  const orgRows = await trx.selectFrom('organisations').selectAll().orderBy('id').execute();
  const focusByOrg = await readOrganisationFocus(trx);
  const organisations = orgRows.map((r) => toOrganisation(r, focusByOrg.get(r.id) ?? []));

  const counties = await trx.selectFrom('counties').select(['code', 'name']).orderBy('code').execute();
  const kommungrupper = (
    await trx.selectFrom('kommungrupper').select(['code', 'name', 'version']).orderBy('version').orderBy('code').execute()
  ).map((k) => ({ code: k.code, name: k.name, version: k.version as 2017 | 2023 }));
  const countyNeighbours = (
    await trx.selectFrom('county_neighbours').select(['a', 'b']).orderBy('position').execute()
  ).map((n): [string, string] => [n.a, n.b]);
  const programmes = (
    await trx.selectFrom('programmes').select(['id', 'name', 'organiser', 'concept', 'name_sv', 'concept_sv']).orderBy('id').execute()
  ).map((p) => ({ id: p.id, name: p.name, organiser: p.organiser, concept: p.concept, nameSv: p.name_sv, conceptSv: p.concept_sv }));
  const rounds = (await trx.selectFrom('rounds').selectAll().execute()).map(toRound).sort(compareRounds);
  const roundOrder = new Map(rounds.map((r, i) => [r.id, i]));
  const roundIndex = (id: string): number => roundOrder.get(id) ?? Number.MAX_SAFE_INTEGER;

  const factSources = await trx
    .selectFrom('fact_sources')
    .select(['participation_id', 'group_id', 'mentor_link_id', 'source_id', 'position'])
    .orderBy('position')
    .execute();
  const partSources = groupBy(
    factSources.filter((f) => f.participation_id !== null),
    (f) => f.participation_id,
  );
  const groupSources = groupBy(
    factSources.filter((f) => f.group_id !== null),
    (f) => f.group_id,
  );
  const linkSources = groupBy(
    factSources.filter((f) => f.mentor_link_id !== null),
    (f) => f.mentor_link_id,
  );

  const participations: Participation[] = (
    await trx.selectFrom('participations').selectAll().orderBy('round_id').orderBy('id').execute()
  )
    .map((p) => ({
      roundId: p.round_id,
      orgId: p.org_id,
      role: p.role,
      focus: p.focus,
      delegation: p.delegation,
      sources: (partSources.get(p.id) ?? []).map((s) => s.source_id),
      disputed: p.disputed,
    }))
    .sort((a, b) => roundIndex(a.roundId) - roundIndex(b.roundId));

  const members = groupBy(
    await trx.selectFrom('group_members').select(['group_id', 'org_id', 'position']).orderBy('position').execute(),
    (m) => m.group_id,
  );
  const groups: BenchmarkGroup[] = (
    await trx.selectFrom('benchmark_groups').selectAll().orderBy('round_id').orderBy('position').execute()
  )
    .map((g) => ({
      id: g.id,
      roundId: g.round_id,
      members: byPosition(members.get(g.id) ?? []).map((m) => m.org_id),
      focus: g.focus,
      theme: g.theme,
      note: g.note,
      sources: (groupSources.get(g.id) ?? []).map((s) => s.source_id),
      disputed: g.disputed,
    }))
    .sort((a, b) => roundIndex(a.roundId) - roundIndex(b.roundId));

  const linkConflicts = groupBy(
    await trx
      .selectFrom('mentor_link_conflicts')
      .select(['mentor_link_id', 'conflict_id', 'position'])
      .orderBy('position')
      .execute(),
    (c) => c.mentor_link_id,
  );
  const mentorLinks: MentorLink[] = (
    await trx.selectFrom('mentor_links').selectAll().orderBy('round_id').orderBy('id').execute()
  )
    .map((m) => ({
      roundId: m.round_id,
      mentorId: m.mentor_id,
      menteeId: m.mentee_id,
      role: m.role,
      sources: (linkSources.get(m.id) ?? []).map((s) => s.source_id),
      disputed: m.disputed,
      conflicts: (linkConflicts.get(m.id) ?? []).map((c) => c.conflict_id),
    }))
    .sort((a, b) => roundIndex(a.roundId) - roundIndex(b.roundId));

  const sources = (
    await trx.selectFrom('sources').select(['id', 'title', 'url', 'date', 'note', 'title_sv', 'note_sv']).orderBy('id').execute()
  ).map((s) => ({ id: s.id, title: s.title, url: s.url, date: s.date, note: s.note, titleSv: s.title_sv, noteSv: s.note_sv }));
  const conflicts = await readConflicts(trx);
  const focusAreas = (
    await trx
      .selectFrom('focus_areas')
      .select(['id', 'label', 'description', 'description_sv', 'delmal'])
      .orderBy('position')
      .orderBy('id')
      .execute()
  ).map((f) => ({ id: f.id, label: f.label, description: f.description, descriptionSv: f.description_sv, delmal: f.delmal }));
  const facts = (
    await trx.selectFrom('record_facts').select(['text', 'says_sv', 'sources']).orderBy('position').execute()
  ).map((f) => ({ says: f.text, saysSv: f.says_sv, sources: f.sources }));

  return {
    organisations,
    counties,
    kommungrupper,
    countyNeighbours,
    programmes,
    rounds,
    participations,
    groups,
    mentorLinks,
    sources,
    conflicts,
    focusAreas,
    facts,
  };
}

export async function readConflicts(db: Kysely<Database> | Transaction<Database>): Promise<Conflict[]> {
  const conflicts = await db.selectFrom('conflicts').select(['id', 'about', 'about_sv']).orderBy('id').execute();
  const statements = groupBy(
    await db
      .selectFrom('conflict_statements')
      .select(['conflict_id', 'position', 'says', 'says_sv'])
      .orderBy('position')
      .execute(),
    (s) => s.conflict_id,
  );
  const statementSources = groupBy(
    await db
      .selectFrom('conflict_statement_sources')
      .select(['conflict_id', 'statement_position', 'source_id', 'position'])
      .orderBy('position')
      .execute(),
    (s) => `${s.conflict_id}\u0000${s.statement_position}`,
  );
  const concerns = groupBy(
    await db.selectFrom('conflict_concerns').selectAll().orderBy('position').execute(),
    (c) => c.conflict_id,
  );
  return conflicts.map((c) => ({
    id: c.id,
    about: c.about,
    aboutSv: c.about_sv,
    concerns: (concerns.get(c.id) ?? []).map((k): ConflictConcern => {
      if (k.kind === 'mentorship') return { round: k.round_id, kind: 'mentorship', mentor: k.mentor_id ?? '', mentee: k.mentee_id ?? '' };
      if (k.kind === 'participant') return { round: k.round_id, kind: 'participant', org: k.org_id ?? '' };
      return { round: k.round_id, kind: 'group', members: k.members ?? [] };
    }),
    statements: (statements.get(c.id) ?? []).map((s) => ({
      says: s.says,
      saysSv: s.says_sv,
      sources: (statementSources.get(`${c.id}\u0000${s.position}`) ?? []).map((x) => x.source_id),
    })),
  }));
}
