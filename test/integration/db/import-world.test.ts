import { expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { prepareDatabase } from '../../../src/db/bootstrap.js';
import { readDataVersion } from '../../../src/db/data-version.js';
import { importWorld } from '../../../src/db/import-world.js';
import { readWorld } from '../../../src/db/read-world.js';
import { describeEachDatabase, loadDataset } from '../../helpers/databases.js';
import { countRows, snapshotTables } from './table-snapshot.js';
import { cloneWorld, normaliseWorld } from './world-fixtures.js';

describeEachDatabase('importWorld and readWorld on the shipped dataset', (ctx) => {
  it('prepareDatabase imports into an empty database, then leaves it alone', async () => {
    const first = await prepareDatabase(ctx.db(), loadDataset);
    expect(first.imported).not.toBeNull();
    const second = await prepareDatabase(ctx.db(), loadDataset);
    expect(second.imported).toBeNull();
    expect(second.migrations).toEqual([]);
  });

  it('holds the 290 municipalities and 21 regions', async () => {
    const kinds = await ctx.db()
      .selectFrom('organisations')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('kind')
      .execute();
    const n = Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)]));
    expect(n.kommun).toBe(290);
    expect(n.region).toBe(21);
    expect(await countRows(ctx.db(), 'counties')).toBe(21);
  });

  it('reads back a World equal to the one imported (up to ordering)', async () => {
    const world = await loadDataset();
    const back = await readWorld(ctx.db());
    expect(normaliseWorld(back)).toEqual(normaliseWorld(world));
  });

  it('keeps the disputed 2017 mentorships of Uppsala with their sources and conflicts', async () => {
    const back = await readWorld(ctx.db());
    const toUppsala = back.mentorLinks.filter((m) => m.roundId === 'mk-2017' && m.menteeId === '0380');
    expect(toUppsala.map((m) => m.mentorId).sort()).toEqual(['0484', '1880']);
    for (const link of toUppsala) {
      expect(link.disputed).toBe(true);
      expect(link.sources.length).toBeGreaterThan(0);
      expect(link.conflicts).toContain('uppsala-mentor-2017');
    }
  });

  it('is idempotent: a second import leaves every row as it was and bumps the data version', async () => {
    const before = await snapshotTables(ctx.db(), { exclude: ['meta'] });
    const version = await readDataVersion(ctx.db());
    await importWorld(ctx.db(), await loadDataset());
    expect(await snapshotTables(ctx.db(), { exclude: ['meta'] })).toEqual(before);
    expect(await readDataVersion(ctx.db())).toBe(version + 1);
  });

  it('is atomic: a World with one bad row fails and changes nothing', async () => {
    const before = await snapshotTables(ctx.db());
    const bad = cloneWorld(await loadDataset());
    // Valid changes first, so that a partial write would show.
    bad.organisations[0] = { ...bad.organisations[0]!, name: 'Renamed' };
    bad.facts.push({ says: 'an extra fact', saysSv: null, sources: [] });
    const first = bad.participations[0]!;
    bad.participations.push({ ...first, orgId: 'NO-SUCH-ORG' });
    const err = await importWorld(ctx.db(), bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid_input');
    expect((err as AppError).message).toContain('NO-SUCH-ORG');
    expect(await snapshotTables(ctx.db())).toEqual(before);
  });

  it('rejects a county code that does not exist, leaving the database as it was', async () => {
    const before = await snapshotTables(ctx.db());
    const bad = cloneWorld(await loadDataset());
    bad.organisations.push({ ...bad.organisations[0]!, id: 'NEW-1', countyCode: '99' });
    await expect(importWorld(ctx.db(), bad)).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await snapshotTables(ctx.db())).toEqual(before);
  });

  it('applies a changed dataset and drops facts it no longer states in its own rounds', async () => {
    const changed = cloneWorld(await loadDataset());
    const dropped = changed.participations.pop()!;
    changed.organisations = changed.organisations.map((o) => (o.id === '1980' ? { ...o, note: 'changed note' } : o));
    await importWorld(ctx.db(), changed);
    const back = await readWorld(ctx.db());
    expect(normaliseWorld(back)).toEqual(normaliseWorld(changed));
    expect(back.participations.some((p) => p.roundId === dropped.roundId && p.orgId === dropped.orgId && p.role === dropped.role)).toBe(false);
    // Restore for any later test.
    await importWorld(ctx.db(), await loadDataset());
    expect(normaliseWorld(await readWorld(ctx.db()))).toEqual(normaliseWorld(await loadDataset()));
  });
});
