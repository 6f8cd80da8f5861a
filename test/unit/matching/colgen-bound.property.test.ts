/**
 * The column-generation bound (colgen-bound.ts) is a true upper bound: on random small instances
 * it is never below the exhaustive optimum, whether the master converged or was cut short after
 * one round; and, converged and without pins (which it relaxes), it is never above the one-sweep
 * dual bound it refines (the LP optimum lies below every feasible dual). Pricing each applicant's
 * best partners first (large instances) converges to the same LP value as pricing every group.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnDualBound } from '../../../src/core/matching/bound.js';
import { columnGenerationBound, runColumnGeneration } from '../../../src/core/matching/colgen-bound.js';
import { prepare } from '../../../src/core/matching/index.js';
import { loadWorld } from '../../../src/services/dataset/load-world.js';
import { drawRealInstance } from '../../../scripts/draw-instance.js';
import { instanceArb } from './arbitraries.js';
import { bruteForceOptimum, solveListed } from './helpers.js';

const world = await loadWorld('data');
const triplesAtMost = instanceArb.filter(({ input }) => input.rules!.groupSize![1] <= 3);

describe('column-generation bound', () => {
  it('is never below the exhaustive optimum, converged or cut short', () => {
    fc.assert(
      fc.property(triplesAtMost, fc.integer({ min: 0, max: 2 }), ({ world, input }, rounds) => {
        const solved = solveListed(world, input);
        if (!solved) return;
        const { prep, proposal, best } = solved;
        const optimum = bruteForceOptimum(proposal);
        const problem = prep.scored.problem;
        // rounds 0: no master at all (duals 0, then repaired); 1–2: a master cut short.
        const bound = columnGenerationBound(problem, { incumbent: best, maxRounds: rounds === 0 ? 0 : rounds });
        expect(bound).toBeGreaterThanOrEqual(optimum - 1e-7);
        const converged = columnGenerationBound(problem, { incumbent: best });
        expect(converged).toBeGreaterThanOrEqual(optimum - 1e-7);
        // The sweep honours pins (a pinned applicant cannot stay out) where this bound relaxes them.
        const pinned = (input.rules?.pin?.length ?? 0) + (input.rules?.pinMentor?.length ?? 0) > 0;
        // (Converged, each dual carries 1e-6 of slack for the pricing tolerance instead of a repair pass.)
        if (!pinned) expect(converged).toBeLessThanOrEqual(columnDualBound(problem) + problem.n * 1e-6 + 1e-6);
      }),
      { numRuns: 300 },
    );
  });

  it('reaches the same LP value when it prices candidates first as when it prices every group', () => {
    for (const seed of [1000, 1001]) {
      // 60 applicants: each has 59 partners, so the 40 candidates leave groups for the full pass to find.
      const p = prepare(world, drawRealInstance(world, 60, 25, seed)).scored.problem;
      const every = runColumnGeneration(p, { candidatePricingFrom: Infinity });
      const candidatesFirst = runColumnGeneration(p, { candidatePricingFrom: 0 });
      expect(every.converged && candidatesFirst.converged).toBe(true);
      expect(Math.abs(candidatesFirst.bound - every.bound)).toBeLessThan(p.n * 1e-6 + 1e-5);
    }
  });
});
