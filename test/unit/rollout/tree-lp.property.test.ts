/**
 * The two-round tree LP (src/core/rollout/tree-lp.ts) on random small instances given as plain
 * numbers (scores, admissibility, mentors), against independent enumerations written here:
 * - the exact pricing's best reduced cost equals the largest over every tree and late column the
 *   node allows, enumerated member by member, and every column it returns has the reduced cost it
 *   reports and is allowed;
 * - the bound is never below the best two-round plan that agrees with the node's fixed rounds and bans
 *   (found by enumerating every set of disjoint columns that covers everyone within the mentors'
 *   capacity and the per-round limits);
 * - at the root it is never above the multi-round LP's bound (every tree solution is one of that LP's).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ValueData } from '../../../src/core/rollout/value-data.js';
import { boundNode, newPool, type NodeRules } from '../../../src/core/rollout/value-lp.js';
import { boundTreeNode, newTreePool } from '../../../src/core/rollout/tree-lp.js';
import { preparePricing, priceTrees } from '../../../src/core/rollout/tree-pricing.js';
import { layoutTreeRows } from '../../../src/core/rollout/tree-rows.js';
import { shiftOf } from '../../../src/core/rollout/value-rows.js';

interface Draw {
  n: number;
  e: number;
  persistent: boolean[];
  cap: number;
  sizes: [number, number];
  scores: number[];
  /** Inadmissible pairs and mentor–member pairs, as indices into the score lists. */
  holes: number[];
  limits: (number | null)[];
  fixed: number[];
  /** Groups the node forbids (as Ryan–Foster branching does), as indices modulo the group count. */
  bans: number[];
  duals: number[];
}

const drawArb: fc.Arbitrary<Draw> = fc
  .record({ n: fc.integer({ min: 4, max: 6 }), e: fc.integer({ min: 1, max: 3 }), cap: fc.integer({ min: 1, max: 2 }), sizes: fc.constantFrom<[number, number]>([2, 3], [2, 3], [2, 2], [3, 3]) })
  .chain((b) =>
    fc.record({
      n: fc.constant(b.n),
      e: fc.constant(b.e),
      cap: fc.constant(b.cap),
      sizes: fc.constant(b.sizes),
      persistent: fc.array(fc.boolean(), { minLength: b.e, maxLength: b.e }),
      scores: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 200, maxLength: 200 }),
      holes: fc.array(fc.integer({ min: 0, max: 199 }), { maxLength: 6 }),
      limits: fc.array(fc.option(fc.integer({ min: 2, max: 6 }), { nil: null }), { minLength: 2, maxLength: 2 }),
      fixed: fc.array(fc.constantFrom(0, 0, 0, 1, 2), { minLength: b.n, maxLength: b.n }),
      bans: fc.array(fc.integer({ min: 0, max: 99 }), { maxLength: 4 }),
      duals: fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 40, maxLength: 40 }),
    }),
  );

/** The instance's numbers: pair scores w, mentor scores u over the e external mentors and the n members, every admissible group. */
function valueData(dr: Draw): ValueData {
  const { n, e } = dr;
  const score = (k: number) => dr.scores[k % 200]! / 100;
  const hole = (k: number) => dr.holes.includes(k % 200);
  const w = new Float64Array(n * n);
  const adm = new Uint8Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const k = i * n + j;
      if (hole(k)) continue;
      adm[i * n + j] = adm[j * n + i] = 1;
      w[i * n + j] = w[j * n + i] = score(k);
    }
  const u = new Float64Array((e + n) * n);
  const madm = new Uint8Array((e + n) * n);
  for (let x = 0; x < e + n; x++)
    for (let i = 0; i < n; i++) {
      const k = 60 + x * n + i;
      if (x === e + i || hole(k)) continue;
      madm[x * n + i] = 1;
      u[x * n + i] = score(k);
    }
  const starts = [0];
  const mem: number[] = [];
  const pair: number[] = [];
  const walk = (cur: number[], from: number) => {
    if (cur.length >= dr.sizes[0]) {
      mem.push(...cur);
      starts.push(mem.length);
      let s = 0;
      for (let a = 0; a < cur.length; a++) for (let b = a + 1; b < cur.length; b++) s += w[cur[a]! * n + cur[b]!]!;
      pair.push(s);
    }
    if (cur.length === dr.sizes[1]) return;
    for (let j = from; j < n; j++) if (cur.every((i) => adm[i * n + j])) walk([...cur, j], j + 1);
  };
  walk([], 0);
  const gStart = Int32Array.from(starts);
  const gMem = Int32Array.from(mem);
  const byMember = Array.from({ length: n }, (_, i) => {
    const out: number[] = [];
    for (let g = 0; g + 1 < gStart.length; g++) if (gMem.subarray(gStart[g]!, gStart[g + 1]!).includes(i)) out.push(g);
    return Int32Array.from(out);
  });
  return {
    n,
    R: 2,
    cap: dr.cap,
    smin: dr.sizes[0],
    smax: dr.sizes[1],
    e,
    persistent: Uint8Array.from(dr.persistent, (p) => (p ? 1 : 0)),
    w,
    adm,
    u,
    madm,
    gStart,
    gMem,
    gPair: Float64Array.from(pair),
    byMember,
  };
}

/** One column, written out independently: its groups with rounds and mentors. */
interface Col {
  groups: { members: number[]; r: number; x: number }[];
  /** The external mentor row it uses: mentor and round. */
  x: number;
  r: number;
}

const membersOf = (d: ValueData, g: number) => Array.from(d.gMem.subarray(d.gStart[g]!, d.gStart[g + 1]!));

function rulesOf(d: ValueData, dr: Draw): NodeRules {
  const G = d.gStart.length - 1;
  const banned = new Uint8Array(G);
  for (const b of dr.bans) banned[b % G] = 1;
  return { fixed: Int32Array.from(dr.fixed), banned };
}

/** Every tree and late column the rules allow (fixed rounds, banned groups). */
function allColumns(d: ValueData, rules: NodeRules): Col[] {
  const G = d.gStart.length - 1;
  const fits = (ms: number[], r: number, g: number) => !rules.banned?.[g] && ms.every((i) => rules.fixed[i] === 0 || rules.fixed[i] === r);
  const mentors = (x: number, ms: number[]) => ms.every((i) => d.madm[x * d.n + i] === 1);
  const out: Col[] = [];
  for (let x = 0; x < d.e; x++) {
    for (let g = 0; g < G; g++) {
      const root = membersOf(d, g);
      if (!fits(root, 1, g) || !mentors(x, root)) continue;
      // Each member of the root mentors 0…cap disjoint round-2 groups outside everything used so far.
      const slots = root.flatMap((i) => Array.from({ length: d.cap }, () => i));
      const extend = (s: number, used: Set<number>, kids: { members: number[]; r: number; x: number }[], lastOf: Map<number, number>) => {
        if (s === slots.length) {
          out.push({ groups: [{ members: root, r: 1, x }, ...kids], x, r: 1 });
          return;
        }
        const i = slots[s]!;
        extend(s + 1, used, kids, lastOf);
        for (let h = (lastOf.get(i) ?? -1) + 1; h < G; h++) {
          const ms = membersOf(d, h);
          if (ms.some((j) => used.has(j)) || !fits(ms, 2, h) || !mentors(d.e + i, ms)) continue;
          const next = new Set([...used, ...ms]);
          extend(s + 1, next, [...kids, { members: ms, r: 2, x: d.e + i }], new Map([...lastOf, [i, h]]));
        }
      };
      extend(0, new Set(root), [], new Map());
    }
    if (d.persistent[x])
      for (let h = 0; h < G; h++) {
        const ms = membersOf(d, h);
        if (fits(ms, 2, h) && mentors(x, ms)) out.push({ groups: [{ members: ms, r: 2, x }], x, r: 2 });
      }
  }
  // A member's slots hold its kids in group order, so a set of kids appears once per order; drop repeats.
  const seen = new Set<string>();
  return out.filter((c) => {
    const key = JSON.stringify(c.groups.map((g) => [g.members, g.r, g.x]).sort());
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function colValue(d: ValueData, c: Col): number {
  let v = 0;
  for (const { members, x } of c.groups) {
    for (let a = 0; a < members.length; a++) {
      v += d.u[x * d.n + members[a]!]!;
      for (let b = a + 1; b < members.length; b++) v += d.w[members[a]! * d.n + members[b]!]!;
    }
  }
  return v;
}

describe('the two-round tree LP', () => {
  it("exact pricing finds the largest reduced cost over every column the node allows", () => {
    let positive = 0;
    fc.assert(
      fc.property(drawArb, (dr) => {
        const d = valueData(dr);
        if (d.gStart.length < 2) return;
        const rules = rulesOf(d, dr);
        const rows = layoutTreeRows(d, dr.limits.map((l) => l ?? Infinity));
        const M = shiftOf(d);
        const y = Float64Array.from({ length: rows.count }, (_, q) => dr.duals[q % 40]! / 100);
        const rc = (c: Col) => {
          let v = colValue(d, c) - y[rows.mentorRow[c.x * 2 + c.r - 1]!]!;
          let edges = 0;
          for (const g of c.groups) {
            v += g.members.length * M - g.members.reduce((s, i) => s + y[i]!, 0);
            const lr = rows.limitRow[g.r - 1]!;
            if (lr >= 0) v -= g.members.length * y[lr]!;
            edges += g.members.length - 1;
          }
          return v - edges * y[rows.cutRow]!;
        };
        const truth = Math.max(1e-7, ...allColumns(d, rules).map(rc));
        const priced = priceTrees(d, preparePricing(d, y, rows, rules, M), rows, true);
        expect(priced.best).toBeCloseTo(truth, 9);
        if (truth > 1e-7) positive++;
        for (const { rc: reported, col } of priced.found) {
          const groups = [{ members: membersOf(d, col.g), r: col.r, x: col.x }, ...col.kids.flatMap((h, s) => (h < 0 ? [] : [{ members: membersOf(d, h), r: 2, x: d.e + membersOf(d, col.g)[Math.floor(s / d.cap)]! }]))];
          expect(rc({ groups, x: col.x, r: col.r })).toBeCloseTo(reported, 9);
          for (const g of groups) for (const i of g.members) expect([0, g.r]).toContain(rules.fixed[i]);
          expect([col.g, ...col.kids].some((h) => h >= 0 && rules.banned![h])).toBe(false);
        }
      }),
      { numRuns: 150, seed: 1207 },
    );
    expect(positive).toBeGreaterThan(50);
  });

  it('bounds every two-round plan that agrees with the node, and is never above the multi-round LP at the root', () => {
    let compared = 0;
    let tighter = 0;
    fc.assert(
      fc.property(drawArb, (dr) => {
        const d = valueData(dr);
        if (d.gStart.length < 2) return;
        const limits = dr.limits.map((l) => l ?? Infinity);
        const rules = rulesOf(d, dr);
        const cols = allColumns(d, rules);
        // The best plan: disjoint columns covering every member, within mentor capacity and the limits.
        let best = -Infinity;
        const covered = new Uint8Array(d.n);
        const load = new Map<string, number>();
        const joins = [0, 0];
        const byFirst = Array.from({ length: d.n }, (_, i) => cols.filter((c) => c.groups.some((g) => g.members.includes(i))));
        const search = (value: number) => {
          const i = covered.indexOf(0);
          if (i < 0) {
            best = Math.max(best, value);
            return;
          }
          for (const c of byFirst[i]!) {
            const ms = c.groups.flatMap((g) => g.members);
            if (ms.some((j) => covered[j])) continue;
            const key = `${c.x}/${c.r}`;
            if ((load.get(key) ?? 0) >= d.cap) continue;
            const add = [0, 0];
            for (const g of c.groups) add[g.r - 1]! += g.members.length;
            if (joins[0]! + add[0]! > limits[0]! || joins[1]! + add[1]! > limits[1]!) continue;
            for (const j of ms) covered[j] = 1;
            load.set(key, (load.get(key) ?? 0) + 1);
            joins[0]! += add[0]!;
            joins[1]! += add[1]!;
            search(value + colValue(d, c));
            joins[0]! -= add[0]!;
            joins[1]! -= add[1]!;
            load.set(key, load.get(key)! - 1);
            for (const j of ms) covered[j] = 0;
          }
        };
        search(0);
        const tree = boundTreeNode(d, rules, limits, newTreePool(), null);
        if (Number.isFinite(best)) {
          compared++;
          expect(tree.bound).toBeGreaterThanOrEqual(best - 1e-6);
        }
        const root = { fixed: new Int32Array(d.n), banned: null };
        const treeRoot = boundTreeNode(d, root, limits, newTreePool(), null).bound;
        const roundRoot = boundNode(d, root, limits, newPool()).bound;
        // The tree bound carries slots · 1e-7 for the pricing tolerance.
        expect(treeRoot).toBeLessThanOrEqual(roundRoot + 1e-5);
        if (treeRoot < roundRoot - 1e-5) tighter++;
      }),
      { numRuns: 150, seed: 1208 },
    );
    expect(compared).toBeGreaterThan(40);
    expect(tighter).toBeGreaterThan(10);
  });
});
