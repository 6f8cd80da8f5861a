/**
 * The simplex behind the exact search's LP bounds, against HiGHS on random packing LPs: the duals
 * it returns must be dual feasible, and their objective Σ π_r·b_r must equal the LP optimum HiGHS
 * finds (strong duality), up to the simplex's right-hand-side perturbation; under both pricing rules,
 * from the all-slack basis and warm from the basis of a first solve over half the columns.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadHighs } from './highs.js';
import { initialSimplexState, solveLpDuals } from '../../../src/core/matching/simplex.js';
import type { SparseLp } from '../../../src/core/matching/simplex.js';


const lpArb = fc
  .record({
    rows: fc.integer({ min: 2, max: 8 }),
    cols: fc.array(
      fc.record({
        rows: fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 4 }),
        coef: fc.constantFrom(1, 2),
        cost: fc.double({ min: -1, max: 3, noNaN: true }),
      }),
      { minLength: 1, maxLength: 40 },
    ),
    rhs: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 8, maxLength: 8 }),
    bigM: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  })
  .map(({ rows, cols, rhs, bigM }): SparseLp => {
    const kept = cols.map((c) => ({ ...c, rows: c.rows.filter((r) => r < rows) })).filter((c) => c.rows.length > 0);
    const colStart = [0];
    const rowIdx: number[] = [];
    const coef: number[] = [];
    for (const c of kept) {
      for (const r of c.rows) {
        rowIdx.push(r);
        coef.push(c.coef);
      }
      colStart.push(rowIdx.length);
    }
    return {
      rows,
      colStart: Int32Array.from(colStart),
      rowIdx: Int32Array.from(rowIdx),
      coef: Float64Array.from(coef),
      cost: Float64Array.from(kept.map((c) => Math.round(c.cost * 1000) / 1000)),
      rhs: Float64Array.from(rhs.slice(0, rows)),
      slackCost: Float64Array.from(bigM.slice(0, rows).map((b) => (b ? -100 : 0))),
    };
  });

/** The same LP in CPLEX LP format, slacks explicit: A·x + s = b, x, s ≥ 0. */
function lpText(lp: SparseLp): string {
  const terms: string[] = [];
  lp.cost.forEach((c, j) => terms.push(`${c >= 0 ? '+' : '-'} ${Math.abs(c)} x${j}`));
  lp.slackCost!.forEach((c, r) => c !== 0 && terms.push(`- ${-c} s${r}`));
  const rows: string[][] = Array.from({ length: lp.rows }, () => []);
  for (let j = 0; j < lp.cost.length; j++) for (let e = lp.colStart[j]!; e < lp.colStart[j + 1]!; e++) rows[lp.rowIdx[e]!]!.push(`${lp.coef[e]} x${j}`);
  return [
    'Maximize',
    ` obj: ${terms.join(' ')}`,
    'Subject To',
    ...rows.map((r, i) => ` r${i}: ${[...r, `s${i}`].join(' + ')} = ${lp.rhs[i]}`),
    'End',
  ].join('\n');
}

describe('simplex for the LP bounds', () => {
  it.each(['largest', 'devex'] as const)('returns dual-feasible duals whose objective is the LP optimum HiGHS finds (%s pricing)', async (pricing) => {
    const highs = await loadHighs();
    fc.assert(
      fc.property(lpArb, fc.boolean(), (lp, warm) => {
        // Warm: as column generation does, solve the first half of the columns, then all of them
        // from that basis (and, under Devex, from its weights).
        const state = initialSimplexState(lp);
        if (warm) {
          const half = Math.floor(lp.cost.length / 2);
          const first = { ...lp, colStart: lp.colStart.subarray(0, half + 1), cost: lp.cost.subarray(0, half) };
          expect(solveLpDuals(first, undefined, undefined, state, pricing)).not.toBeNull();
        }
        const pi = solveLpDuals(lp, undefined, undefined, state, pricing);
        expect(pi).not.toBeNull();
        for (let j = 0; j < lp.cost.length; j++) {
          let reduced = lp.cost[j]!;
          for (let e = lp.colStart[j]!; e < lp.colStart[j + 1]!; e++) reduced -= lp.coef[e]! * pi![lp.rowIdx[e]!]!;
          expect(reduced).toBeLessThanOrEqual(1e-7);
        }
        for (let r = 0; r < lp.rows; r++) expect(pi![r]!).toBeGreaterThanOrEqual(lp.slackCost![r]! - 1e-7);
        const dualObjective = pi!.reduce((s, v, r) => s + v * lp.rhs[r]!, 0);
        const sol = highs.solve(lpText(lp));
        expect(sol.Status).toBe('Optimal');
        expect(dualObjective).toBeCloseTo(sol.ObjectiveValue, 4);
      }),
      { numRuns: 300 },
    );
  });

  it('gives up (null) once the deadline has passed', () => {
    const lp: SparseLp = {
      rows: 1,
      colStart: Int32Array.from({ length: 41 }, (_, j) => j),
      rowIdx: new Int32Array(40),
      coef: new Float64Array(40).fill(1),
      cost: Float64Array.from({ length: 40 }, (_, j) => j + 1),
      rhs: Float64Array.of(1),
    };
    expect(solveLpDuals(lp, Date.now() - 1)).toBeNull();
    expect(solveLpDuals(lp)?.[0]).toBeCloseTo(40, 9);
  });
});
