import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { migrations } from '../../../src/db/migrations/index.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { ALL_TABLES } from './table-snapshot.js';

const pgCode = async (p: Promise<unknown>): Promise<string | undefined> => {
  try {
    await p;
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
};

describeEachDatabase('migrations', (ctx) => {
  it('creates every table and records the applied migrations', async () => {
    // Only this schema: other test files create and drop theirs concurrently.
    const { rows: found } = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = current_schema()`.execute(ctx.db());
    const tables = found.map((t) => t.table_name);
    for (const table of ALL_TABLES) expect(tables).toContain(table);
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(ctx.db());
    expect(rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
  });

  it('applies nothing when run again', async () => {
    expect(await migrateToLatest(ctx.db())).toEqual([]);
  });

  it('ships the built-in organisation kinds', async () => {
    const kinds = await ctx.db().selectFrom('organisation_kinds').select('id').where('builtin', '=', true).orderBy('id').execute();
    expect(kinds.map((k) => k.id)).toEqual(['forbund', 'forvaltning', 'kommun', 'region', 'stadsdel']);
  });

  it('enforces foreign keys, uniqueness and checks in the schema', async () => {
    const db = ctx.db();
    await db.insertInto('counties').values({ code: '19', name: 'Västmanlands län' }).execute();
    await db.insertInto('programmes').values({ id: 'p', name: 'P', organiser: null, concept: null }).execute();
    // Unknown county (foreign key).
    expect(
      await pgCode(db.insertInto('organisations').values({ id: 'x', kind: 'kommun', name: 'X', county_code: '99', parent_id: null, population: null, population_year: null, kommungrupp_2017: null, kommungrupp_2023: null, area_km2: null, lat: null, lon: null, note: null, origin: 'dataset' }).execute()),
    ).toBe('23503');
    // Unknown kind (foreign key) and latitude out of range (check).
    expect(
      await pgCode(db.insertInto('organisations').values({ id: 'y', kind: 'nope', name: 'Y', county_code: '19', parent_id: null, population: null, population_year: null, kommungrupp_2017: null, kommungrupp_2023: null, area_km2: null, lat: null, lon: null, note: null, origin: 'dataset' }).execute()),
    ).toBe('23503');
    expect(
      await pgCode(db.insertInto('organisations').values({ id: 'z', kind: 'kommun', name: 'Z', county_code: '19', parent_id: null, population: null, population_year: null, kommungrupp_2017: 'A1', kommungrupp_2023: null, area_km2: null, lat: 95, lon: 10, note: null, origin: 'dataset' }).execute()),
    ).toBe('23514');
    // Unknown kommungrupp (composite foreign key).
    expect(
      await pgCode(db.insertInto('organisations').values({ id: 'w', kind: 'kommun', name: 'W', county_code: '19', parent_id: null, population: null, population_year: null, kommungrupp_2017: 'Q9', kommungrupp_2023: null, area_km2: null, lat: null, lon: null, note: null, origin: 'dataset' }).execute()),
    ).toBe('23503');
    await db.insertInto('organisations').values({ id: 'ok', kind: 'kommun', name: 'Ok', county_code: '19', parent_id: null, population: 10, population_year: 2025, kommungrupp_2017: null, kommungrupp_2023: null, area_km2: 1, lat: 59, lon: 16, note: null, origin: 'dataset' }).execute();
    // Round state, its reason, and (programme, label) uniqueness among rounds still alive.
    const round = (id: string, extra: Record<string, unknown>) =>
      db.insertInto('rounds').values({ id, programme_id: 'p', label: 'L', start_date: null, end_date: null, state: 'running', state_reason: null, notes: null, proposal_id: null, ...extra }).execute();
    expect(await pgCode(round('r0', { state: 'finished' as never }))).toBe('23514');
    expect(await pgCode(round('r0', { state: 'cancelled', state_reason: null }))).toBe('23514');
    expect(await pgCode(round('r0', { state: 'running', state_reason: 'why' }))).toBe('23514');
    expect(await pgCode(round('r0', { state: 'planned', start_date: null }))).toBe('23514');
    expect(await pgCode(round('r0', { start_date: '2020-05', end_date: '2020-04' }))).toBe('23514');
    await round('r1', { state: 'planned', start_date: '2020-01' });
    expect(await pgCode(round('r2', { state: 'running' }))).toBe('23505');
    // A superseded round keeps its label while a live round takes it.
    await round('r3', { state: 'superseded', state_reason: 'replaced by r1' });
    // Participation role check and (round, org, role) uniqueness.
    expect(
      await pgCode(db.insertInto('participations').values({ round_id: 'r1', org_id: 'ok', role: 'boss' as never, focus: [], delegation: [], disputed: false }).execute()),
    ).toBe('23514');
    await db.insertInto('participations').values({ round_id: 'r1', org_id: 'ok', role: 'participant', focus: ['a'], delegation: [], disputed: false }).execute();
    expect(
      await pgCode(db.insertInto('participations').values({ round_id: 'r1', org_id: 'ok', role: 'participant', focus: [], delegation: [], disputed: false }).execute()),
    ).toBe('23505');
    // A fact source must name exactly one fact.
    await db.insertInto('sources').values({ id: 's', title: 'S', url: null, date: null, note: null, origin: 'dataset' }).execute();
    expect(
      await pgCode(db.insertInto('fact_sources').values({ participation_id: null, group_id: null, mentor_link_id: null, source_id: 's', position: 0 }).execute()),
    ).toBe('23514');
    // A mentor cannot mentor itself.
    expect(
      await pgCode(db.insertInto('mentor_links').values({ round_id: 'r1', mentor_id: 'ok', mentee_id: 'ok', role: 'mentor', disputed: false }).execute()),
    ).toBe('23514');
  });

  it('returns integers, doubles and bigints as numbers and text[] as arrays', async () => {
    const { rows } = await sql<{ n: unknown; d: unknown; b: unknown; a: unknown }>`
      select count(*) as n, 1.25::double precision as d, 9007199254740::bigint as b, array['å','ö']::text[] as a`.execute(ctx.db());
    expect(rows[0]).toEqual({ n: 1, d: 1.25, b: 9007199254740, a: ['å', 'ö'] });
  });
});

describeEachDatabase('migrations down and up again', (ctx) => {
  it('reverts every migration completely and re-applies it', async () => {
    const { Migrator, NO_MIGRATIONS } = await import('kysely');
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(ctx.db());
    const migrator = new Migrator({
      db: ctx.db(),
      provider: { getMigrations: async () => migrations },
      migrationTableSchema: rows[0]!.schema,
    });
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    const { rows: left } = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = current_schema() and table_name not like 'kysely_%'`.execute(ctx.db());
    expect(left).toEqual([]);
    expect(await migrateToLatest(ctx.db())).toEqual(Object.keys(migrations));
  });
});

describeEachDatabase('migration 0003 (round lifecycle) on existing rows', (ctx) => {
  it('maps ongoing to running, keeps completed and planned, and reverts to the old statuses', async () => {
    const { Migrator } = await import('kysely');
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(ctx.db());
    const migrator = new Migrator({ db: ctx.db(), provider: { getMigrations: async () => migrations }, migrationTableSchema: rows[0]!.schema });
    expect((await migrator.migrateTo('0002_swedish_texts')).error).toBeUndefined();
    await sql`insert into programmes (id, name) values ('p', 'P')`.execute(ctx.db());
    await sql`insert into rounds (id, programme_id, label, start_date, end_date, status) values
      ('a', 'p', 'A', '2019-01', '2020-01', 'completed'), ('b', 'p', 'B', '2020-11', null, 'ongoing'), ('c', 'p', 'C', '2027-01', null, 'planned')`.execute(ctx.db());
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const states = await sql<{ id: string; state: string; state_reason: string | null }>`select id, state, state_reason from rounds order by id`.execute(ctx.db());
    expect(states.rows).toEqual([
      { id: 'a', state: 'completed', state_reason: null },
      { id: 'b', state: 'running', state_reason: null },
      { id: 'c', state: 'planned', state_reason: null },
    ]);
    // Down again: running → ongoing; the states the old schema lacks become planned.
    await sql`update rounds set state = 'cancelled', state_reason = 'why' where id = 'c'`.execute(ctx.db());
    expect((await migrator.migrateTo('0002_swedish_texts')).error).toBeUndefined();
    const statuses = await sql<{ id: string; status: string }>`select id, status from rounds order by id`.execute(ctx.db());
    expect(statuses.rows).toEqual([
      { id: 'a', status: 'completed' },
      { id: 'b', status: 'ongoing' },
      { id: 'c', status: 'planned' },
    ]);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
