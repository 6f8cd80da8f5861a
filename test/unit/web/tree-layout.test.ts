/**
 * The lineage tree's layout (src/web/js/pages/tree.js, plain browser JavaScript with no DOM use at
 * module level) on the real forest: every organisation sits once in its own round column, no two
 * nodes share a place, every link runs forward in time (a repeat participation gets a ghost copy
 * in the link's round), and the pilot's Eskilstuna sits left of Uppsala, left of Botkyrka.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLineageForest, type LineageForest } from '../../../src/core/lineage/forest.js';
import { loadWorld } from '../../../src/services/dataset/load-world.js';
import { selectTakenPlace } from '../../../src/core/record/taken-place.js';

interface LayoutNode {
  key: string;
  org: { id: string; name: string };
  col: number;
  row: number;
  ghost: boolean;
}
interface Layout {
  nodes: LayoutNode[];
  links: LineageForest['links'];
  targetOf: (l: LineageForest['links'][number]) => string;
  sourceOf: (l: LineageForest['links'][number]) => string;
  rounds: { id: string; state: string; start: string | null }[];
}
type LayoutFn = (forest: LineageForest, firstRoundOf?: Map<string, { roundId: string }>) => Layout;

const root = path.resolve(import.meta.dirname, '../../..');
let layoutForest: LayoutFn;
let forest: LineageForest;

beforeAll(async () => {
  const modulePath = pathToFileURL(path.join(root, 'src/web/js/pages/tree.js')).href;
  ({ layoutForest } = (await import(modulePath)) as { layoutForest: LayoutFn });
  forest = buildLineageForest(await loadWorld(path.join(root, 'data')), { programme: 'modellkommuner' });
});

describe('lineage tree layout', () => {
  it('places every organisation once, one node per place, and every link forward in time', () => {
    const layout = layoutForest(forest);
    const real = layout.nodes.filter((n) => !n.ghost);
    expect(new Set(real.map((n) => n.org.id)).size).toBe(real.length);
    const places = layout.nodes.map((n) => `${n.col}:${n.row}`);
    expect(new Set(places).size).toBe(places.length);
    const byKey = new Map(layout.nodes.map((n) => [n.key, n]));
    const roundIndex = new Map(forest.rounds.map((r, i) => [r.id, i]));
    for (const l of forest.links) {
      const from = byKey.get(layout.sourceOf(l));
      const to = byKey.get(layout.targetOf(l));
      expect(from, `mentor ${l.mentorId} placed`).toBeDefined();
      expect(to, `mentee ${l.menteeId} placed`).toBeDefined();
      expect(to!.org.id).toBe(l.menteeId);
      expect(from!.org.id).toBe(l.mentorId);
      // The mentee's node is in the link's round, after its mentor.
      expect(to!.col).toBe(roundIndex.get(l.roundId));
      expect(from!.col).toBeLessThan(to!.col);
    }
  });

  it('lays out the chain Eskilstuna → Uppsala → Botkyrka round by round', () => {
    const layout = layoutForest(forest);
    const col = (id: string) => layout.nodes.find((n) => n.org.id === id && !n.ghost)!.col;
    expect(col('0484')).toBe(0);
    expect(col('0380')).toBe(1);
    expect(col('0127')).toBe(2);
  });

  it('puts participants without mentor links in the round where they first took part', () => {
    const unattached = forest.unattached[0];
    expect(unattached).toBeDefined();
    const last = forest.rounds[forest.rounds.length - 1]!;
    const layout = layoutForest(forest, new Map([[unattached!.id, { roundId: last.id }]]));
    const node = layout.nodes.find((n) => n.org.id === unattached!.id);
    expect(node?.col).toBe(forest.rounds.length - 1);
    // Without a round to place it in, it is left out of the drawing (the page lists it below).
    expect(layoutForest(forest).nodes.some((n) => n.org.id === unattached!.id)).toBe(false);
  });

  it('draws a planned round as its own column after the last one that took place, its links forward from the mentors', async () => {
    const world = await loadWorld(path.join(root, 'data'));
    // A planned round whose (planned) start lies before mk-2021's: it still goes after every real column.
    // Västerås (1980) and Fagersta (1982) mentor Köping (1983) and Sala (1981).
    const planned = { id: 'mk-plan', programmeId: 'modellkommuner', label: 'Plan', start: '2021-01', end: null, state: 'planned' as const, stateReason: null, notes: null, proposalId: 'p' };
    const links = [['1980', '1983'], ['1982', '1981']].map(([mentorId, menteeId]) => ({ roundId: 'mk-plan', mentorId: mentorId!, menteeId: menteeId!, role: 'mentor' as const, sources: ['proposal:p'], disputed: false, conflicts: [] }));
    const withPlan = { ...world, rounds: [...world.rounds, planned], mentorLinks: [...world.mentorLinks, ...links] };
    const planForest = buildLineageForest(selectTakenPlace(withPlan, { includePlanned: true }), { programme: 'modellkommuner' });
    const layout = layoutForest(planForest);
    const realRounds = forest.rounds.length;
    expect(layout.rounds).toHaveLength(realRounds + 1);
    // The real columns sort by start month.
    const starts = layout.rounds.slice(0, realRounds).map((r) => r.start ?? '9999');
    expect(starts).toEqual([...starts].sort());
    expect(layout.rounds[realRounds]).toMatchObject({ id: 'mk-plan', state: 'planned' });
    const byKey = new Map(layout.nodes.map((n) => [n.key, n]));
    for (const l of planForest.links.filter((x) => x.roundId === 'mk-plan')) {
      expect(byKey.get(layout.targetOf(l))!.col).toBe(realRounds);
      expect(byKey.get(layout.sourceOf(l))!.col).toBeLessThan(realRounds);
      expect(byKey.get(layout.sourceOf(l))!.org.id).toBe(l.mentorId);
    }
    // Without the planned round, the real layout is unchanged: the plan adds a column, moves nothing.
    expect(layoutForest(forest).nodes.filter((n) => !n.ghost).map((n) => [n.org.id, n.col])).toEqual(
      layout.nodes.filter((n) => !n.ghost && n.col < realRounds).map((n) => [n.org.id, n.col]).filter(([id]) => layoutForest(forest).nodes.some((m) => m.org.id === id && !m.ghost)),
    );
  });
});
