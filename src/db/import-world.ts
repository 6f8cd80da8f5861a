/**
 * Imports a World (the shipped dataset) into the database in one transaction.
 *
 * Invariants:
 * - atomic: any bad row (unknown organisation, bad county, broken check) rolls back everything;
 * - idempotent: importing the same World twice leaves the same rows, ids included (facts are
 *   upserted by their natural keys, never deleted and re-inserted);
 * - never touches what the dataset does not own: rounds created by accepting a proposal (and
 *   their facts and `proposal:` sources) and organisations imported from CSV (origin 'import').
 *   A World that contains such rows (e.g. one read back with readWorld) has them skipped.
 * - concurrent imports (two processes starting on an empty database) are serialised by a
 *   transaction-level advisory lock.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Organisation, Round, World } from '../core/model.js';
import { bumpDataVersion } from './data-version.js';
import { toRoundRow } from './read-world.js';
import { isDataError, rethrowAsInvalidInput } from './db-errors.js';
import type { BenchmarkGroupsTable, ConflictsTable, FocusAreasTable, OrganisationsTable, ParticipationsTable, ProgrammesTable, RoundsTable, SourcesTable, Database } from './schema.js';
import { takeFromExcluded } from './upsert.js';

export interface ImportReport {
  organisations: number;
  counties: number;
  kommungrupper: number;
  programmes: number;
  rounds: number;
  participations: number;
  groups: number;
  mentorLinks: number;
  sources: number;
  conflicts: number;
  focusAreas: number;
  facts: number;
  /** Organisations, rounds or sources in the World left alone because the database owns them. */
  skipped: { organisations: string[]; rounds: string[]; sources: string[] };
  dataVersion: number;
}

/** Arbitrary constant key for pg_advisory_xact_lock, shared by every process importing a World. */
export const WORLD_IMPORT_LOCK = 73_901_001;

const CHUNK = 500;

async function inChunks<T>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/** Parents before children, so that the self-referencing foreign key holds in every chunk. */
function parentsFirst(orgs: readonly Organisation[]): Organisation[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const depth = new Map<string, number>();
  const depthOf = (o: Organisation, seen: Set<string>): number => {
    const known = depth.get(o.id);
    if (known !== undefined) return known;
    const parent = o.parentId ? byId.get(o.parentId) : undefined;
    // A cycle is left for the database to reject; stop counting here.
    const d = parent && !seen.has(parent.id) ? depthOf(parent, new Set(seen).add(o.id)) + 1 : 0;
    depth.set(o.id, d);
    return d;
  };
  return [...orgs].sort((a, b) => depthOf(a, new Set()) - depthOf(b, new Set()));
}

export async function importWorld(db: Kysely<Database>, world: World): Promise<ImportReport> {
  try {
    return await db.transaction().execute((trx) => writeWorld(trx, world));
  } catch (err) {
    if (isDataError(err)) rethrowAsInvalidInput(err, 'The dataset import');
    throw err;
  }
}

async function writeWorld(trx: Transaction<Database>, world: World): Promise<ImportReport> {
  await sql`select pg_advisory_xact_lock(${sql.lit(WORLD_IMPORT_LOCK)})`.execute(trx);

  // Reference tables: upsert.
  await inChunks(world.counties, (chunk) =>
    trx
      .insertInto('counties')
      .values(chunk.map((c) => ({ code: c.code, name: c.name })))
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
      .execute(),
  );
  await inChunks(world.kommungrupper, (chunk) =>
    trx
      .insertInto('kommungrupper')
      .values(chunk.map((k) => ({ code: k.code, version: k.version, name: k.name })))
      .onConflict((oc) => oc.columns(['code', 'version']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
      .execute(),
  );
  await trx.deleteFrom('county_neighbours').execute();
  await inChunks(
    world.countyNeighbours.map(([a, b], position) => ({ a, b, position })),
    (chunk) => trx.insertInto('county_neighbours').values(chunk).execute(),
  );
  await inChunks(
    world.focusAreas.map((f, position) => ({
      id: f.id,
      label: f.label,
      description: f.description,
      description_sv: f.descriptionSv ?? null,
      delmal: f.delmal,
      position,
    })),
    (chunk) =>
      trx
        .insertInto('focus_areas')
        .values(chunk)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet(takeFromExcluded<FocusAreasTable>(['label', 'description', 'description_sv', 'delmal', 'position'])),
        )
        .execute(),
  );

  // Organisations: the dataset's own; organisations imported from CSV are left as they are.
  const imported = new Set(
    (await trx.selectFrom('organisations').select('id').where('origin', '=', 'import').execute()).map((r) => r.id),
  );
  const orgs = parentsFirst(world.organisations.filter((o) => !imported.has(o.id)));
  const kinds = [...new Set(orgs.map((o) => o.kind))];
  await inChunks(kinds, (chunk) =>
    trx
      .insertInto('organisation_kinds')
      .values(chunk.map((id) => ({ id })))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute(),
  );
  await inChunks(orgs, (chunk) =>
    trx
      .insertInto('organisations')
      .values(
        chunk.map((o) => ({
          id: o.id,
          kind: o.kind,
          name: o.name,
          parent_id: o.parentId,
          county_code: o.countyCode,
          population: o.population,
          population_year: o.populationYear,
          kommungrupp_2017: o.kommungrupp2017,
          kommungrupp_2023: o.kommungrupp2023,
          area_km2: o.areaKm2,
          lat: o.lat,
          lon: o.lon,
          note: o.note,
          note_sv: o.noteSv ?? null,
          origin: 'dataset' as const,
        })),
      )
      .onConflict((oc) =>
        oc.column('id').doUpdateSet(takeFromExcluded<OrganisationsTable>(['kind', 'name', 'parent_id', 'county_code', 'population', 'population_year', 'kommungrupp_2017', 'kommungrupp_2023', 'area_km2', 'lat', 'lon', 'note', 'note_sv'])),
      )
      .execute(),
  );
  const orgIds = orgs.map((o) => o.id);
  await inChunks(orgIds, (chunk) => trx.deleteFrom('organisation_focus').where('org_id', 'in', chunk).execute());
  await inChunks(
    orgs.flatMap((o) => o.focus.map((focus_id, position) => ({ org_id: o.id, focus_id, position }))),
    (chunk) => trx.insertInto('organisation_focus').values(chunk).execute(),
  );

  await inChunks(world.programmes, (chunk) =>
    trx
      .insertInto('programmes')
      .values(
        chunk.map((p) => ({
          id: p.id,
          name: p.name,
          organiser: p.organiser,
          concept: p.concept,
          name_sv: p.nameSv ?? null,
          concept_sv: p.conceptSv ?? null,
        })),
      )
      .onConflict((oc) =>
        oc.column('id').doUpdateSet(takeFromExcluded<ProgrammesTable>(['name', 'organiser', 'concept', 'name_sv', 'concept_sv'])),
      )
      .execute(),
  );

  // Sources: the dataset's; those written by accepts (origin 'proposal') are never overwritten.
  const proposalSources = new Set(
    (await trx.selectFrom('sources').select('id').where('origin', '=', 'proposal').execute()).map((r) => r.id),
  );
  const sources = world.sources.filter((s) => !proposalSources.has(s.id) && !s.id.startsWith('proposal:'));
  await inChunks(sources, (chunk) =>
    trx
      .insertInto('sources')
      .values(
        chunk.map((s) => ({
          id: s.id,
          title: s.title,
          url: s.url,
          date: s.date,
          note: s.note,
          title_sv: s.titleSv ?? null,
          note_sv: s.noteSv ?? null,
          origin: 'dataset' as const,
        })),
      )
      .onConflict((oc) =>
        oc.column('id').doUpdateSet(takeFromExcluded<SourcesTable>(['title', 'url', 'date', 'note', 'title_sv', 'note_sv'])),
      )
      .execute(),
  );

  // Rounds: the dataset's; rounds created by accepting a proposal belong to the database.
  const acceptedRounds = new Set(
    (await trx.selectFrom('rounds').select('id').where('proposal_id', 'is not', null).execute()).map((r) => r.id),
  );
  const rounds = world.rounds.filter((r) => r.proposalId === null && !acceptedRounds.has(r.id));
  await writeRounds(trx, rounds);
  const roundIds = new Set(rounds.map((r) => r.id));
  const counts = await writeFacts(trx, world, roundIds);
  await writeConflicts(trx, world);
  await writeMentorLinkConflicts(trx, world, roundIds);

  await trx.deleteFrom('record_facts').execute();
  await inChunks(
    world.facts.map((f, position) => ({ position, text: f.says, says_sv: f.saysSv, sources: f.sources })),
    (chunk) => trx.insertInto('record_facts').values(chunk).execute(),
  );

  const dataVersion = await bumpDataVersion(trx);
  return {
    organisations: orgs.length,
    counties: world.counties.length,
    kommungrupper: world.kommungrupper.length,
    programmes: world.programmes.length,
    rounds: rounds.length,
    participations: counts.participations,
    groups: counts.groups,
    mentorLinks: counts.mentorLinks,
    sources: sources.length,
    conflicts: world.conflicts.length,
    focusAreas: world.focusAreas.length,
    facts: world.facts.length,
    skipped: {
      organisations: world.organisations.filter((o) => imported.has(o.id)).map((o) => o.id),
      rounds: world.rounds.filter((r) => !roundIds.has(r.id)).map((r) => r.id),
      sources: world.sources.filter((s) => !sources.includes(s)).map((s) => s.id),
    },
    dataVersion,
  };
}

async function writeRounds(trx: Transaction<Database>, rounds: Round[]): Promise<void> {
  await inChunks(rounds, (chunk) =>
    trx
      .insertInto('rounds')
      .values(
        chunk.map((r) => toRoundRow({ ...r, proposalId: null })),
      )
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet(takeFromExcluded<RoundsTable>(['programme_id', 'label', 'start_date', 'end_date', 'state', 'state_reason', 'notes', 'notes_sv']))
          .where('rounds.proposal_id', 'is', null),
      )
      .execute(),
  );
}

/** Upserts participations, groups and mentor links of the given (dataset) rounds by natural key. */
async function writeFacts(
  trx: Transaction<Database>,
  world: World,
  roundIds: Set<string>,
): Promise<{ participations: number; groups: number; mentorLinks: number }> {
  const rounds = [...roundIds];
  const participations = world.participations.filter((p) => roundIds.has(p.roundId));
  const groups = world.groups.filter((g) => roundIds.has(g.roundId));
  const links = world.mentorLinks.filter((m) => roundIds.has(m.roundId));

  const partKey = (round: string, org: string, role: string) => `${round}\u0000${org}\u0000${role}`;
  const partIds = new Map<string, number>();
  await inChunks(participations, async (chunk) => {
    const rows = await trx
      .insertInto('participations')
      .values(
        chunk.map((p) => ({
          round_id: p.roundId,
          org_id: p.orgId,
          role: p.role,
          focus: p.focus,
          delegation: p.delegation,
          disputed: p.disputed,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['round_id', 'org_id', 'role']).doUpdateSet(takeFromExcluded<ParticipationsTable>(['focus', 'delegation', 'disputed'])),
      )
      .returning(['id', 'round_id', 'org_id', 'role'])
      .execute();
    for (const r of rows) partIds.set(partKey(r.round_id, r.org_id, r.role), r.id);
  });

  const linkIds = new Map<string, number>();
  await inChunks(links, async (chunk) => {
    const rows = await trx
      .insertInto('mentor_links')
      .values(
        chunk.map((m) => ({
          round_id: m.roundId,
          mentor_id: m.mentorId,
          mentee_id: m.menteeId,
          role: m.role,
          disputed: m.disputed,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['round_id', 'mentor_id', 'mentee_id', 'role'])
          .doUpdateSet((eb) => ({ disputed: eb.ref('excluded.disputed') })),
      )
      .returning(['id', 'round_id', 'mentor_id', 'mentee_id', 'role'])
      .execute();
    for (const r of rows) linkIds.set(partKey(r.round_id, `${r.mentor_id}>${r.mentee_id}`, r.role), r.id);
  });

  if (rounds.length > 0) {
    // Facts the dataset no longer states (in its own rounds) go; their sources cascade.
    const keepParts = [...partIds.values()];
    const keepLinks = [...linkIds.values()];
    const keepGroups = groups.map((g) => g.id);
    let delParts = trx.deleteFrom('participations').where('round_id', 'in', rounds);
    if (keepParts.length) delParts = delParts.where('id', 'not in', keepParts);
    await delParts.execute();
    let delLinks = trx.deleteFrom('mentor_links').where('round_id', 'in', rounds);
    if (keepLinks.length) delLinks = delLinks.where('id', 'not in', keepLinks);
    await delLinks.execute();
    let delGroups = trx.deleteFrom('benchmark_groups').where('round_id', 'in', rounds);
    if (keepGroups.length) delGroups = delGroups.where('id', 'not in', keepGroups);
    await delGroups.execute();
  }

  const positions = new Map<string, number>();
  const groupRows = groups.map((g) => {
    const position = (positions.get(g.roundId) ?? 0) + 1;
    positions.set(g.roundId, position);
    return {
      id: g.id,
      round_id: g.roundId,
      position,
      focus: g.focus,
      theme: g.theme,
      note: g.note,
      disputed: g.disputed,
    };
  });
  await inChunks(groupRows, (chunk) =>
    trx
      .insertInto('benchmark_groups')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet(takeFromExcluded<BenchmarkGroupsTable>(['round_id', 'position', 'focus', 'theme', 'note', 'disputed'])),
      )
      .execute(),
  );
  const groupIds = groups.map((g) => g.id);
  await inChunks(groupIds, (chunk) => trx.deleteFrom('group_members').where('group_id', 'in', chunk).execute());
  await inChunks(
    groups.flatMap((g) => g.members.map((org_id, position) => ({ group_id: g.id, org_id, position }))),
    (chunk) => trx.insertInto('group_members').values(chunk).execute(),
  );

  // Sources of these facts: replaced wholesale (rows without ids, so contents stay identical).
  const partIdList = [...partIds.values()];
  const linkIdList = [...linkIds.values()];
  await inChunks(partIdList, (chunk) => trx.deleteFrom('fact_sources').where('participation_id', 'in', chunk).execute());
  await inChunks(linkIdList, (chunk) => trx.deleteFrom('fact_sources').where('mentor_link_id', 'in', chunk).execute());
  await inChunks(groupIds, (chunk) => trx.deleteFrom('fact_sources').where('group_id', 'in', chunk).execute());
  const factSources = [
    ...participations.flatMap((p) =>
      p.sources.map((source_id, position) => ({
        participation_id: partIds.get(partKey(p.roundId, p.orgId, p.role)) ?? null,
        group_id: null,
        mentor_link_id: null,
        source_id,
        position,
      })),
    ),
    ...groups.flatMap((g) =>
      g.sources.map((source_id, position) => ({
        participation_id: null,
        group_id: g.id,
        mentor_link_id: null,
        source_id,
        position,
      })),
    ),
    ...links.flatMap((m) =>
      m.sources.map((source_id, position) => ({
        participation_id: null,
        group_id: null,
        mentor_link_id: linkIds.get(partKey(m.roundId, `${m.mentorId}>${m.menteeId}`, m.role)) ?? null,
        source_id,
        position,
      })),
    ),
  ];
  await inChunks(factSources, (chunk) => trx.insertInto('fact_sources').values(chunk).execute());

  return { participations: participations.length, groups: groups.length, mentorLinks: links.length };
}

async function writeConflicts(trx: Transaction<Database>, world: World): Promise<void> {
  const ids = world.conflicts.map((c) => c.id);
  let stale = trx.deleteFrom('conflicts');
  if (ids.length) stale = stale.where('id', 'not in', ids);
  await stale.execute();
  await inChunks(world.conflicts, (chunk) =>
    trx
      .insertInto('conflicts')
      .values(chunk.map((c) => ({ id: c.id, about: c.about, about_sv: c.aboutSv ?? null })))
      .onConflict((oc) => oc.column('id').doUpdateSet(takeFromExcluded<ConflictsTable>(['about', 'about_sv'])))
      .execute(),
  );
  await inChunks(ids, async (chunk) => {
    await trx.deleteFrom('conflict_statements').where('conflict_id', 'in', chunk).execute();
    await trx.deleteFrom('conflict_concerns').where('conflict_id', 'in', chunk).execute();
  });
  await inChunks(
    world.conflicts.flatMap((c) => c.statements.map((s, position) => ({ conflict_id: c.id, position, says: s.says, says_sv: s.saysSv ?? null }))),
    (chunk) => trx.insertInto('conflict_statements').values(chunk).execute(),
  );
  await inChunks(
    world.conflicts.flatMap((c) =>
      c.statements.flatMap((s, statement_position) =>
        s.sources.map((source_id, position) => ({ conflict_id: c.id, statement_position, source_id, position })),
      ),
    ),
    (chunk) => trx.insertInto('conflict_statement_sources').values(chunk).execute(),
  );
  await inChunks(
    world.conflicts.flatMap((c) =>
      c.concerns.map((k, position) => ({
        conflict_id: c.id,
        position,
        round_id: k.round,
        kind: k.kind,
        mentor_id: k.kind === 'mentorship' ? k.mentor : null,
        mentee_id: k.kind === 'mentorship' ? k.mentee : null,
        org_id: k.kind === 'participant' ? k.org : null,
        members: k.kind === 'group' ? k.members : null,
      })),
    ),
    (chunk) => trx.insertInto('conflict_concerns').values(chunk).execute(),
  );
}

async function writeMentorLinkConflicts(trx: Transaction<Database>, world: World, roundIds: Set<string>): Promise<void> {
  const links = world.mentorLinks.filter((m) => roundIds.has(m.roundId));
  if (roundIds.size === 0) return;
  const stored = await trx
    .selectFrom('mentor_links')
    .select(['id', 'round_id', 'mentor_id', 'mentee_id', 'role'])
    .where('round_id', 'in', [...roundIds])
    .execute();
  const idOf = new Map(stored.map((r) => [`${r.round_id}|${r.mentor_id}|${r.mentee_id}|${r.role}`, r.id]));
  await inChunks(
    stored.map((r) => r.id),
    (chunk) => trx.deleteFrom('mentor_link_conflicts').where('mentor_link_id', 'in', chunk).execute(),
  );
  await inChunks(
    links.flatMap((m) => {
      const id = idOf.get(`${m.roundId}|${m.mentorId}|${m.menteeId}|${m.role}`);
      return id === undefined ? [] : m.conflicts.map((conflict_id, position) => ({ mentor_link_id: id, conflict_id, position }));
    }),
    (chunk) => trx.insertInto('mentor_link_conflicts').values(chunk).execute(),
  );
}
