import { beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../../../src/core/model.js';
import { buildLineageForest, type ForestNode } from '../../../src/core/lineage/index.js';
import { link, rawHistory, shippedWorld, tinyWorld } from './fixtures.js';

let world: World;
beforeAll(async () => {
  world = await shippedWorld();
});

const walk = (nodes: ForestNode[], visit: (n: ForestNode, parent: ForestNode | null) => void, parent: ForestNode | null = null): void => {
  for (const n of nodes) {
    visit(n, parent);
    walk(n.children, visit, n);
  }
};

/** Distinct mentor edges stated in history.json, counted by hand: one per (round, mentor, mentee, role). */
function rawEdges(programme?: string): Set<string> {
  const edges = new Set<string>();
  for (const r of rawHistory().rounds) {
    if (programme && r.programme !== programme) continue;
    for (const m of r.mentorships ?? []) {
      for (const x of m.mentees) {
        edges.add(`${r.id}|${m.mentor}|${x}|mentor`);
        for (const c of m.co_mentors ?? []) edges.add(`${r.id}|${c}|${x}|co_mentor`);
        for (const s of m.supported_by ?? []) edges.add(`${r.id}|${s}|${x}|supporting_mentor`);
      }
    }
  }
  return edges;
}

describe('buildLineageForest on the shipped record', () => {
  it('roots are the pilots of each programme and the mentors never mentored', () => {
    const f = buildLineageForest(world);
    const raw = rawHistory();
    const pilots = new Set<string>();
    for (const id of ['mk-2015', 'mr-2019']) for (const p of raw.rounds.find((r) => r.id === id)!.participants ?? []) pilots.add(p.org);
    const roots = f.roots.map((r) => r.organisation.id);
    expect(new Set(roots)).toEqual(pilots); // in this record every unmentored mentor is a pilot
    expect(roots).toHaveLength(13);
    expect(f.roots.find((r) => r.organisation.id === '0484')!.rootReasons).toEqual(expect.arrayContaining(['first_round', 'unmentored_mentor']));
    for (const r of f.roots) expect(r).toMatchObject({ depth: 1, link: null, generation: 1 });
    // Kalmar is a root only through its disputed pilot place (conflict pilot-2015); Gävleborg likewise.
    expect(f.roots.filter((r) => r.disputed).map((r) => r.organisation.id).sort()).toEqual(['0880', '21']);
  });

  it('the flat links list holds exactly the edges history.json states', () => {
    const f = buildLineageForest(world);
    const got = new Set(f.links.map((l) => `${l.roundId}|${l.mentorId}|${l.menteeId}|${l.role}`));
    expect(got).toEqual(rawEdges());
    expect(f.links).toHaveLength(rawEdges().size);
    const mk = buildLineageForest(world, { programme: 'modellkommuner' });
    expect(mk.links).toHaveLength(rawEdges('modellkommuner').size);
  });

  it('every link is reachable from a root, and each child link starts at its parent', () => {
    const f = buildLineageForest(world);
    const seen = new Set<string>();
    walk(f.roots, (n, parent) => {
      if (!parent) return;
      expect(n.link!.mentorId).toBe(parent.organisation.id);
      expect(n.link!.menteeId).toBe(n.organisation.id);
      expect(n.depth).toBe(parent.depth + 1);
      seen.add(`${n.link!.roundId}|${n.link!.mentorId}|${n.link!.menteeId}|${n.link!.role}`);
    });
    expect(seen).toEqual(rawEdges());
    expect(f.truncated).toBe(false);
  });

  it('places Uppsala under both disputed 2017 mentors and Botkyrka below it', () => {
    const f = buildLineageForest(world);
    const places: string[] = [];
    walk(f.roots, (n, parent) => {
      if (n.organisation.id === '0380' && parent) places.push(`${parent.organisation.id}:${n.link!.disputed}:${n.disputed}`);
      if (n.organisation.id === '0127') expect(parent!.organisation.id).toBe('0380');
    });
    expect(places.sort()).toEqual(['0484:true:true', '1880:true:true']);
  });

  it('gives generations: pilot 1, their mentees 2, the next 3 (FNK through its mentor, not its supporter)', () => {
    const f = buildLineageForest(world);
    const gen = new Map(f.levels.flatMap((l) => l.organisations.map((o) => [o.id, l.generation] as const)));
    expect(gen.get('0484')).toBe(1);
    expect(gen.get('0380')).toBe(2);
    expect(gen.get('0127')).toBe(3);
    expect(gen.get('0180-EAV')).toBe(2);
    expect(gen.get('FNK')).toBe(3);
    expect(f.maxGeneration).toBe(3);
    expect(f.rounds.map((r) => r.id)).toEqual(['mk-2015', 'mk-2017', 'mk-2019', 'mr-2019', 'mk-2020', 'mk-2021']);
  });

  it('lists participants with no recorded lineage as unattached', () => {
    const f = buildLineageForest(world);
    const un = f.unattached.map((o) => o.id);
    // The 2020 and 2021 rounds name participants but no mentorships.
    expect(un).toEqual(expect.arrayContaining(['1780', '2282', '1080', '0187', '1764', '1281', '05', '07']));
    for (const id of un) expect(f.links.some((l) => l.mentorId === id || l.menteeId === id)).toBe(false);
  });

  it('scopes to modellregioner: its six pilot regions and no links', () => {
    const f = buildLineageForest(world, { programme: 'modellregioner' });
    expect(f.roots.map((r) => r.organisation.id).sort()).toEqual(['09', '13', '17', '21', '24', '25']);
    expect(f.links).toEqual([]);
  });
});

describe('buildLineageForest on hand-built worlds', () => {
  it('terminates on a cycle and marks it', () => {
    const w = tinyWorld(['A', 'B', 'C', 'R'], [link('r1', 'R', 'A'), link('r2', 'A', 'B'), link('r3', 'B', 'C'), link('r4', 'C', 'A')], 4);
    const f = buildLineageForest(w);
    expect(f.roots.map((r) => r.organisation.id)).toEqual(['R']);
    const cycles: string[] = [];
    walk(f.roots, (n) => {
      if (n.cycle) cycles.push(`${n.organisation.id}@${n.depth}`);
    });
    // R > A > B > C > A: the second A closes the cycle and is not expanded.
    expect(cycles).toEqual(['A@5']);
  });

  it('a pure cycle with no root still returns (nothing to hang it on)', () => {
    const w = tinyWorld(['A', 'B'], [link('r1', 'A', 'B'), link('r1', 'B', 'A')]);
    const f = buildLineageForest(w);
    expect(f.roots).toEqual([]);
    expect(f.links).toHaveLength(2);
  });
});
