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
      const from = byKey.get(l.mentorId);
      const to = byKey.get(layout.targetOf(l));
      expect(from, `mentor ${l.mentorId} placed`).toBeDefined();
      expect(to, `mentee ${l.menteeId} placed`).toBeDefined();
      expect(to!.org.id).toBe(l.menteeId);
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
});
