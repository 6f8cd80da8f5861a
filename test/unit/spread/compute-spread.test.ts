import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import type { World } from '../../../src/core/model.js';
import { computeSpread } from '../../../src/core/spread/index.js';
import { link, org, rawHistory, rawMunicipalities, rawRoundOrgs, shippedWorld, tinyWorld } from '../lineage/fixtures.js';

let world: World;
beforeAll(async () => {
  world = await shippedWorld();
});

/** Raw rounds in date order (start, then id), as an analyst would sort them by hand. */
const rawRoundsInOrder = (programme?: string) =>
  rawHistory()
    .rounds.filter((r) => !programme || r.programme === programme)
    .sort((a, b) => (a.start ?? '9999').localeCompare(b.start ?? '9999') || a.id.localeCompare(b.id));

const munis = () => rawMunicipalities();
const sweden = () => munis().reduce((s, m) => s + m.population, 0);

/** Municipalities reached by a set of organisation ids, by the documented rule, counted by hand. */
function handReach(orgs: Set<string>): Set<string> {
  const codes = new Set(munis().map((m) => m.code));
  const out = new Set([...orgs].filter((id) => codes.has(id)));
  if (orgs.has('09')) out.add('0980'); // Region Gotland is also the municipality Gotland
  return out;
}

describe('computeSpread on the shipped record, checked by counting history.json by hand', () => {
  it('orders rounds by date and counts cumulative organisations as the union of everyone named so far', () => {
    const s = computeSpread(world);
    const raw = rawRoundsInOrder();
    expect(s.rounds.map((r) => r.round.id)).toEqual(raw.map((r) => r.id));
    const union = new Set<string>();
    raw.forEach((r, i) => {
      const here = rawRoundOrgs(r);
      const fresh = [...here].filter((id) => !union.has(id));
      here.forEach((id) => union.add(id));
      const row = s.rounds[i]!;
      expect(row.index).toBe(i + 1);
      expect(row.counts.organisations).toBe(here.size);
      expect(row.counts.newOrganisations).toBe(fresh.length);
      expect(row.newOrganisations.map((o) => o.id).sort()).toEqual(fresh.sort());
      expect(row.cumulative.organisations).toBe(union.size);
      expect(row.counts.groups).toBe((r.groups ?? []).length);
      const reached = handReach(union);
      expect(row.cumulative.municipalities).toBe(reached.size);
      const pop = munis().filter((m) => reached.has(m.code)).reduce((a, m) => a + m.population, 0);
      expect(row.cumulative.population).toBe(pop);
      expect(row.cumulative.populationShare).toBeCloseTo(pop / sweden(), 12);
    });
    expect(s.reach.organisations).toBe(union.size);
    expect(s.totals).toEqual({ municipalities: 290, regions: 21, population: 10_605_520 });
  });

  it('counts mentors per round as everyone named as mentor, co-mentor, supporter or in the mentors list', () => {
    const s = computeSpread(world);
    for (const r of rawRoundsInOrder()) {
      const mentors = new Set<string>((r.mentors ?? []).map((m) => m.org));
      for (const m of r.mentorships ?? []) [m.mentor, ...(m.co_mentors ?? []), ...(m.supported_by ?? [])].forEach((x) => mentors.add(x));
      expect(s.rounds.find((x) => x.round.id === r.id)!.counts.mentors).toBe(mentors.size);
    }
  });

  it('covers counties and kommungrupper: per-row counts match a hand count and sum to the national reach', () => {
    const s = computeSpread(world);
    const all = new Set<string>();
    rawRoundsInOrder().forEach((r) => rawRoundOrgs(r).forEach((id) => all.add(id)));
    const reached = handReach(all);
    expect(s.byCounty).toHaveLength(21);
    for (const row of s.byCounty) {
      const inCounty = munis().filter((m) => m.county === row.code);
      expect(row.municipalities).toBe(inCounty.length);
      expect(row.reached).toBe(inCounty.filter((m) => reached.has(m.code)).length);
      expect(row.share).toBeCloseTo(row.reached / row.municipalities, 12);
    }
    expect(s.byKommungrupp.map((k) => k.code)).toEqual(['A1', 'A2', 'B3', 'B4', 'B5', 'C6', 'C7', 'C8', 'C9']);
    for (const row of s.byKommungrupp) {
      const inGroup = munis().filter((m) => m.kommungrupp === row.code);
      expect(row.municipalities).toBe(inGroup.length);
      expect(row.reached).toBe(inGroup.filter((m) => reached.has(m.code)).length);
      expect(row.populationReached).toBe(inGroup.filter((m) => reached.has(m.code)).reduce((a, m) => a + m.population, 0));
    }
    const sum = (rows: { reached: number; populationReached: number }[]) => [rows.reduce((a, r) => a + r.reached, 0), rows.reduce((a, r) => a + r.populationReached, 0)];
    expect(sum(s.byCounty)).toEqual([s.reach.municipalities, s.reach.population]);
    expect(sum(s.byKommungrupp)).toEqual([s.reach.municipalities, s.reach.population]);
    expect(s.neverReached.municipalities).toHaveLength(290 - reached.size);
    expect(s.neverReached.municipalities.some((m) => reached.has(m.id))).toBe(false);
  });

  it('does not count Stockholm as reached through Enskede-Årsta-Vantör, but lists it apart', () => {
    const s = computeSpread(world);
    expect(s.neverReached.municipalities.map((m) => m.id)).toContain('0180');
    expect(s.reachedViaPartOnly).toEqual([
      { municipality: expect.objectContaining({ id: '0180', name: 'Stockholm' }), parts: [expect.objectContaining({ id: '0180-EAV' })] },
    ]);
    const stockholm = s.firstRounds.find((f) => f.organisation.id === '0180')!;
    expect(stockholm.firstRoundId).toBeNull();
    expect(stockholm.viaPart).toMatchObject({ roundId: 'mk-2017', part: { id: '0180-EAV' } });
  });

  it('reaches regions that took part themselves; lists the others as never reached', () => {
    const s = computeSpread(world);
    // Regions named in history.json: 09 13 25 17 24 21 (mr-2019), 05 07 (mk-2021), 17 24 25 mentors.
    expect(s.reach.regions).toBe(8);
    expect(s.neverReached.regions).toHaveLength(13);
    expect(s.neverReached.regions.map((r) => r.id)).not.toContain('21');
    expect(s.byCounty.find((c) => c.code === '09')!.regionReached).toBe(true);
  });

  it('sets apart what rests on disputed facts', () => {
    const s = computeSpread(world);
    const raw = rawHistory();
    const disputedEdges = raw.conflicts.flatMap((c) => c.concerns.filter((k) => k.kind === 'mentorship'));
    expect(s.disputed.mentorLinks.disputed).toBe(disputedEdges.length);
    expect(s.disputed.groups.disputed).toBe(raw.conflicts.flatMap((c) => c.concerns.filter((k) => k.kind === 'group')).length);
    // Hand-checked: Grums (only skr-2020-web, contradicted), Östersund (only a disputed group and link)
    // and Region Gävleborg (only skl-2018-presentation, contradicted) rest on disputed facts alone.
    expect(s.disputed.organisations.ids.map((o) => o.id).sort()).toEqual(['1764', '21', '2380']);
    expect(s.disputed.municipalitiesReachedOnlyByDisputed.map((o) => o.id).sort()).toEqual(['1764', '2380']);
    expect(s.reachUndisputed.municipalities).toBe(s.reach.municipalities - 2);
    expect(s.reachUndisputed.regions).toBe(s.reach.regions - 1);
    expect(s.neverReached.undisputed.municipalities).toBe(s.neverReached.municipalities.length + 2);
    // Kalmar's pilot place is disputed; it is reached undisputed only as a 2020 mentor.
    const pilot = s.rounds[0]!;
    expect(pilot.disputed.participants).toBe(1);
    expect(pilot.undisputed.cumulative.municipalities).toBe(pilot.cumulative.municipalities - 1);
    const kalmar = s.firstRounds.find((f) => f.organisation.id === '0880')!;
    expect(kalmar).toMatchObject({ firstRoundId: 'mk-2015', firstRoundDisputed: true, firstUndisputedRoundId: 'mk-2020' });
    expect(s.disputed.conflicts).toHaveLength(raw.conflicts.length);
  });

  it('gives generations and the longest chain', () => {
    const s = computeSpread(world);
    expect(s.generations.maxGeneration).toBe(3);
    expect(s.generations.longestChainLength).toBe(3);
    const chains = s.generations.longestChains.map((c) => c.organisations.map((o) => o.id).join('>'));
    expect(chains).toEqual(expect.arrayContaining(['0484>0380>0127', '1880>0380>0127', '0484>0188>0181']));
    for (const c of s.generations.longestChains) {
      expect(c.organisations).toHaveLength(3);
      expect(c.disputed).toBe(c.links.some((l) => l.disputed));
      for (const l of c.links) expect(l.role).not.toBe('supporting_mentor');
    }
    // Without the disputed links Botkyrka's chain goes, Norrtälje's stays.
    const und = s.generations.undisputed.longestChains.map((c) => c.organisations.map((o) => o.id).join('>'));
    expect(und).toContain('0484>0188>0181');
    expect(und).not.toContain('0484>0380>0127');
    const total = s.generations.byGeneration.reduce((a, g) => a + g.organisations, 0);
    expect(total + s.generations.withoutGeneration.length).toBe(s.reach.organisations);
  });

  it('gives the first round of every municipality (for the map)', () => {
    const s = computeSpread(world);
    expect(s.firstRounds).toHaveLength(290);
    const first = new Map<string, string>();
    for (const r of rawRoundsInOrder()) for (const id of rawRoundOrgs(r)) if (!first.has(id)) first.set(id, r.id);
    for (const f of s.firstRounds) {
      const expected = f.organisation.id === '0980' ? first.get('09') : first.get(f.organisation.id);
      expect(f.firstRoundId).toBe(expected ?? null);
    }
    expect(s.firstRounds.find((f) => f.organisation.id === '0127')!.firstRoundId).toBe('mk-2019');
    expect(s.firstRounds.find((f) => f.organisation.id === '0484')!.firstRoundLabel).toBe('2015-2016 (pilot)');
  });

  it('scopes to a programme and rejects an unknown one', () => {
    const s = computeSpread(world, { programme: 'modellregioner' });
    expect(s.rounds.map((r) => r.round.id)).toEqual(['mr-2019']);
    expect(s.reach.regions).toBe(6);
    expect(s.reach.municipalities).toBe(1); // Gotland, through Region Gotland
    expect(() => computeSpread(world, { programme: 'nope' })).toThrowError(AppError);
  });

  it('is plain JSON', () => {
    const s = computeSpread(world);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe('computeSpread on a hand-built world', () => {
  it('counts a round with a disputed-only newcomer apart, and handles a cycle', () => {
    const base = tinyWorld(['A', 'B', 'C'], [link('r1', 'A', 'B'), link('r2', 'B', 'C', 'mentor', { disputed: true }), link('r3', 'C', 'A')]);
    const w: World = {
      ...base,
      organisations: [org('A', 'A', { population: 100 }), org('B', 'B', { population: 50 }), org('C', 'C', { population: 10 })],
      participations: [{ roundId: 'r1', orgId: 'A', role: 'participant', focus: [], delegation: [], sources: ['s1'], disputed: false }],
    };
    const s = computeSpread(w);
    expect(s.rounds.map((r) => r.counts.newOrganisations)).toEqual([2, 1, 0]);
    expect(s.rounds[1]!.disputed.newOrganisations).toBe(1);
    expect(s.rounds[1]!.undisputed.counts.newOrganisations).toBe(0);
    // C becomes undisputedly involved only in r3, as A's mentor.
    expect(s.rounds[2]!.undisputed.counts.newOrganisations).toBe(1);
    expect(s.totals.population).toBe(160);
    expect(s.reach.population).toBe(160);
    expect(s.reach.populationShare).toBe(1);
    expect(s.generations.maxGeneration).toBeGreaterThan(0);
  });
});
