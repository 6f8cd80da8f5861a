import { expect, it } from 'vitest';
import { checkReady } from '../../../src/db/repositories/health.js';
import {
  findUnknownOrganisationIds,
  getOrganisation,
  listOrganisations,
} from '../../../src/db/repositories/organisations.js';
import { describeEachDatabaseWithDataset, loadDataset } from '../../helpers/databases.js';

const page = { limit: 500, offset: 0 };

describeEachDatabaseWithDataset('listOrganisations', (ctx) => {
  it('filters by kind and reports the total independently of paging', async () => {
    const result = await listOrganisations(ctx.db(), { kind: 'kommun', limit: 10, offset: 0 });
    expect(result.total).toBe(290);
    expect(result.items).toHaveLength(10);
    expect(result.items.every((o) => o.kind === 'kommun')).toBe(true);
    expect((await listOrganisations(ctx.db(), { kind: 'region', ...page })).total).toBe(21);
  });

  it('pages through everything without gaps or repeats, ordered by id', async () => {
    const all = await listOrganisations(ctx.db(), page);
    const world = await loadDataset();
    expect(all.total).toBe(world.organisations.length);
    const ids: string[] = [];
    for (let offset = 0; offset < all.total; offset += 37) {
      const p = await listOrganisations(ctx.db(), { limit: 37, offset });
      expect(p.total).toBe(all.total);
      ids.push(...p.items.map((o) => o.id));
    }
    expect(ids).toEqual(world.organisations.map((o) => o.id).sort());
    expect((await listOrganisations(ctx.db(), { limit: 10, offset: all.total })).items).toEqual([]);
  });

  it('filters by county', async () => {
    const result = await listOrganisations(ctx.db(), { county: '19', ...page });
    expect(result.total).toBeGreaterThan(0);
    expect(result.items.every((o) => o.countyCode === '19')).toBe(true);
    // Västmanland: 10 municipalities and Region Västmanland.
    expect(result.items.filter((o) => o.kind === 'kommun')).toHaveLength(10);
    expect(result.items.map((o) => o.id)).toContain('19');
  });

  it('filters by kommungrupp code or main group, 2023 by default and 2017 on request', async () => {
    // Group sizes from data/README.md.
    expect((await listOrganisations(ctx.db(), { kommungrupp: 'A1', ...page })).total).toBe(3);
    expect((await listOrganisations(ctx.db(), { kommungrupp: 'B3', ...page })).total).toBe(23);
    expect((await listOrganisations(ctx.db(), { kommungrupp: 'B3', kommungruppVersion: 2017, ...page })).total).toBe(21);
    expect((await listOrganisations(ctx.db(), { kommungrupp: 'A', ...page })).total).toBe(46);
    expect((await listOrganisations(ctx.db(), { kommungrupp: 'B', kommungruppVersion: 2017, ...page })).total).toBe(108);
  });

  it('searches name and id case-insensitively, å ä ö included', async () => {
    for (const q of ['örebro', 'ÖREBRO', 'Örebro']) {
      const result = await listOrganisations(ctx.db(), { q, ...page });
      expect(result.items.map((o) => o.id)).toContain('1880');
    }
    const ange = await listOrganisations(ctx.db(), { q: 'ÄNGEL', ...page });
    expect(ange.items.map((o) => o.name)).toContain('Ängelholm');
    const byId = await listOrganisations(ctx.db(), { q: '0180', ...page });
    expect(byId.items.map((o) => o.id).sort()).toEqual(['0180', '0180-EAV']);
    expect((await listOrganisations(ctx.db(), { q: '%', ...page })).total).toBe(0);
  });

  it('filters by having taken part, overall and in a programme', async () => {
    const world = await loadDataset();
    const roundsOf = (programme?: string) =>
      new Set(world.rounds.filter((r) => !programme || r.programmeId === programme).map((r) => r.id));
    const tookPart = (programme?: string) => {
      const rounds = roundsOf(programme);
      const ids = new Set<string>();
      for (const p of world.participations) if (rounds.has(p.roundId)) ids.add(p.orgId);
      for (const g of world.groups) if (rounds.has(g.roundId)) g.members.forEach((m) => ids.add(m));
      for (const m of world.mentorLinks) if (rounds.has(m.roundId)) [m.mentorId, m.menteeId].forEach((x) => ids.add(x));
      return [...ids].sort();
    };
    const yes = await listOrganisations(ctx.db(), { participated: true, ...page });
    expect(yes.items.map((o) => o.id)).toEqual(tookPart());
    const no = await listOrganisations(ctx.db(), { participated: false, ...page });
    expect(no.total).toBe(world.organisations.length - yes.total);
    const regions = await listOrganisations(ctx.db(), { participated: true, programme: 'modellregioner', ...page });
    expect(regions.items.map((o) => o.id)).toEqual(tookPart('modellregioner'));
    expect(regions.total).toBeLessThan(yes.total);
    const combined = await listOrganisations(ctx.db(), { participated: true, kind: 'kommun', county: '19', ...page });
    expect(combined.items.map((o) => o.id)).toEqual(tookPart().filter((id) => id.length === 4 && id.startsWith('19')));
  });

  it('returns organisations with all their fields, focus included', async () => {
    const world = await loadDataset();
    const region = world.organisations.find((o) => o.kind === 'region' && o.focus.length > 0)!;
    expect(await getOrganisation(ctx.db(), region.id)).toEqual(region);
    expect(await getOrganisation(ctx.db(), 'NOPE')).toBeNull();
    expect(await findUnknownOrganisationIds(ctx.db(), ['0180', 'NOPE', 'NOPE', '1880'])).toEqual(['NOPE']);
  });

  it('reports the database ready', async () => {
    await expect(checkReady(ctx.db())).resolves.toBeUndefined();
  });
});
