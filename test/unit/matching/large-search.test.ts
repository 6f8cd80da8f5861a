/**
 * The pieces that let the exact search reach past 60 applicants: the group count that decides
 * whether it is attempted (checked against a brute-force count), and the root LP by column
 * generation (checked against the same LP handed to the simplex whole: both must give the LP
 * optimum, and the search must reach the same optimum either way). And the heuristic's kick
 * deadline, which the path above the exact search's range sets.
 */
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../../src/services/dataset/load-world.js';
import { prepare } from '../../../src/core/matching/index.js';
import { solveExact } from '../../../src/core/matching/exact.js';
import { assignMentors } from '../../../src/core/matching/heuristic.js';
import { countGroupsUpTo, exactSearchFits } from '../../../src/core/matching/group-count.js';
import { makeRng, solveHeuristic } from '../../../src/core/matching/heuristic.js';
import { drawRealInstance } from '../../../scripts/draw-instance.js';

const world = await loadWorld('data');

/** Every subset of 0..n−1 of size smin..smax whose pairs are all admissible, by bit masks. */
function bruteForceGroups(n: number, adm: Uint8Array, smin: number, smax: number): number {
  let count = 0;
  for (let mask = 1; mask < 1 << n; mask++) {
    const members = [...Array(n).keys()].filter((i) => mask & (1 << i));
    if (members.length < smin || members.length > smax) continue;
    if (members.every((a) => members.every((b) => a === b || adm[a * n + b]))) count++;
  }
  return count;
}

describe('group count', () => {
  it('equals a brute-force count of admissible groups and stops just past its limit', () => {
    const rng = makeRng(7);
    for (let t = 0; t < 40; t++) {
      const n = 3 + Math.floor(rng() * 10);
      const adm = new Uint8Array(n * n);
      for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (rng() < 0.6) adm[a * n + b] = adm[b * n + a] = 1;
      const [smin, smax] = ([[2, 3], [2, 4], [3, 3], [2, 2]] as const)[t % 4]!;
      const truth = bruteForceGroups(n, adm, smin, smax);
      expect(countGroupsUpTo({ n, smin, smax, adm }, 1e9)).toBe(truth);
      if (truth > 2) expect(countGroupsUpTo({ n, smin, smax, adm }, truth - 2)).toBe(truth - 1);
    }
  });

  it('lets the exact search take 100 applicants in groups of 2–3 but not in groups of 2–4', () => {
    const p = prepare(world, drawRealInstance(world, 100, 35, 1000)).scored.problem;
    expect(exactSearchFits(p)).toBe(true);
    expect(exactSearchFits({ ...p, smax: 4 })).toBe(false);
    // Up to 60 applicants the search always enumerates (as it did before the count existed).
    const small = prepare(world, drawRealInstance(world, 60, 25, 1000)).scored.problem;
    expect(exactSearchFits({ ...small, smax: 4 })).toBe(true);
  });
});

describe('root LP by column generation', () => {
  for (const [n, m, seed] of [
    [36, 14, 1000],
    [36, 8, 1001],
  ] as const) {
    it(`gives the same root bound and the same optimum as the whole LP (${n}/${m}, seed ${seed})`, () => {
      const p = prepare(world, drawRealInstance(world, n, m, seed)).scored.problem;
      const base = { assignMentors: (lists: number[][]) => assignMentors(p, lists), deferMentors: true };
      // One node: the reported bound is the root's, with no incumbent to drop groups against.
      const wholeRoot = solveExact(p, { ...base, maxNodes: 1, pricedLpColumns: Infinity });
      const pricedRoot = solveExact(p, { ...base, maxNodes: 1, pricedLpColumns: 0 });
      expect(pricedRoot.bound).toBeCloseTo(wholeRoot.bound, 5);
      const whole = solveExact(p, { ...base, maxNodes: 2_000_000, pricedLpColumns: Infinity });
      const priced = solveExact(p, { ...base, maxNodes: 2_000_000, pricedLpColumns: 0 });
      expect(whole.complete && priced.complete).toBe(true);
      expect(priced.solutions[0]!.objective).toBeCloseTo(whole.solutions[0]!.objective, 9);
      expect(wholeRoot.bound).toBeGreaterThanOrEqual(whole.solutions[0]!.objective - 1e-9);
    });
  }
});

describe('heuristic kick deadline (large-instance path)', () => {
  it('starts no kick once the deadline has passed, and changes nothing when it lies ahead', () => {
    const prep = prepare(world, drawRealInstance(world, 40, 12, 1003));
    const p = prep.scored.problem;
    const base = { seed: 3, features: prep.features };
    const objectiveOf = (opts: Parameters<typeof solveHeuristic>[1]) => solveHeuristic(p, opts).solution.objective;
    const noKicks = objectiveOf({ ...base, kicks: 0 });
    const allKicks = objectiveOf({ ...base });
    // The draw is one where the kicks improve the answer, so the comparison below can fail.
    expect(allKicks).toBeGreaterThan(noKicks);
    expect(objectiveOf({ ...base, kickDeadline: Date.now() - 1 })).toBe(noKicks);
    expect(objectiveOf({ ...base, kickDeadline: Date.now() + 3_600_000 })).toBe(allKicks);
  });
});
