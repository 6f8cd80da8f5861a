/**
 * The cuts the exact search adds to its LP relaxation must hold for every partition, or the search
 * could prune the optimum and still call it proven. Checked by enumerating every way f applicants
 * can be split into groups of the allowed sizes with the rest unplaced, independently of the solver.
 */
import { describe, expect, it } from 'vitest';
import { partitionCuts } from '../../../src/core/matching/exact.js';

/** Every multiset of group sizes in [smin, smax] with total ≤ f (the rest stay unplaced). */
function groupSizeMultisets(f: number, smin: number, smax: number): number[][] {
  const out: number[][] = [];
  const rec = (left: number, minSize: number, cur: number[]) => {
    out.push([...cur]);
    for (let s = minSize; s <= Math.min(smax, left); s++) rec(left - s, s, [...cur, s]);
  };
  rec(f, smin, []);
  return out;
}

const SIZE_RULES: [number, number][] = [[2, 2], [2, 3], [3, 3], [2, 4], [3, 4], [4, 4]];

describe('partition cuts', () => {
  it('have the hand-checked right-hand sides', () => {
    const [count, placed] = partitionCuts(24, 2, 3);
    // 22 applicants in groups of 2–3: at least 8 groups, so Σ(|g| − 1) ≤ 22 − 8 = 14 (six triples and two pairs).
    expect(count!.rhs[22]).toBe(14);
    expect(count!.implied[22]).toBe(false);
    expect(count!.implied[21]).toBe(true);
    expect(count!.coef.slice(2, 4)).toEqual([1, 2]);
    // Groups of 2–3 can place any number from 2 up, but one applicant alone stays out.
    expect(placed!.rhs[1]).toBe(0);
    expect(placed!.rhs[23]).toBe(23);
    expect(placed!.implied.slice(2).every(Boolean)).toBe(true);
    const [, placedTriples] = partitionCuts(24, 3, 3);
    // Groups of exactly three place 21 of 23 and 3 of 5.
    expect(placedTriples!.rhs[23]).toBe(21);
    expect(placedTriples!.rhs[5]).toBe(3);
    expect(placedTriples!.implied[24]).toBe(true);
    const [countQuads] = partitionCuts(24, 2, 4);
    expect(countQuads!.rhs[23]).toBe(23 - 6);
  });

  it('hold for every partition of up to 16 applicants and are reached by one', () => {
    for (const [smin, smax] of SIZE_RULES) {
      const cuts = partitionCuts(16, smin, smax);
      for (let f = 0; f <= 16; f++) {
        const partitions = groupSizeMultisets(f, smin, smax);
        for (const cut of cuts) {
          const lhs = partitions.map((sizes) => sizes.reduce((s, size) => s + cut.coef[size]!, 0));
          for (const v of lhs) expect(v).toBeLessThanOrEqual(cut.rhs[f]!);
          // Tight: some partition attains the right-hand side, so the cut is as strong as it can be.
          expect(Math.max(...lhs)).toBe(cut.rhs[f]);
        }
      }
    }
  });

  it('are marked implied only where the cover rows imply them', () => {
    for (const [smin, smax] of SIZE_RULES) {
      for (const cut of partitionCuts(16, smin, smax)) {
        for (let f = smin; f <= 16; f++) {
          // The cover rows allow fractional groups: Σ|g|·x_g ≤ f, so Σ coef·x_g ≤ f · max_s coef(s)/s.
          let lpMax = 0;
          for (let s = smin; s <= smax; s++) lpMax = Math.max(lpMax, (f * cut.coef[s]!) / s);
          expect(cut.implied[f]).toBe(lpMax <= cut.rhs[f]! + 1e-9);
        }
      }
    }
  });
});
