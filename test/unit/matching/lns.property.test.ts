/**
 * The large-neighbourhood search (lns.ts) re-solves regions of a solution exactly: on random small
 * instances, started from the greedy solution with tiny regions, its result meets every hard rule
 * (checkSolution), its objective is what the published function gives for its groups, it is never
 * worse than the start, and never better than the exhaustive optimum.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greedySolution } from '../../../src/core/matching/heuristic.js';
import { improveByNeighbourhoods } from '../../../src/core/matching/lns.js';
import { evaluate } from '../../../src/core/matching/problem.js';
import { checkSolution } from '../../../src/core/matching/solve.js';
import { instanceArb } from './arbitraries.js';
import { bruteForceOptimum, solveListed } from './helpers.js';

describe('large-neighbourhood search', () => {
  it('keeps every rule, never loses value and never passes the optimum', () => {
    let improved = 0;
    fc.assert(
      fc.property(instanceArb, fc.integer({ min: 2, max: 5 }), ({ world, input }, regionSize) => {
        const solved = solveListed(world, input);
        if (!solved) return;
        const { prep, proposal } = solved;
        const p = prep.scored.problem;
        const start = greedySolution(p);
        if (checkSolution(p, start).length > 0) return; // the greedy broke a pin: no start to improve
        const out = improveByNeighbourhoods(p, start, { regionSize, maxRounds: 30, seed: 3 });
        expect(checkSolution(p, out)).toEqual([]);
        expect(out.objective).toBeCloseTo(evaluate(p, out.groups, out.unplaced.length), 9);
        expect(out.objective).toBeGreaterThanOrEqual(start.objective - 1e-9);
        expect(out.objective).toBeLessThanOrEqual(bruteForceOptimum(proposal) + 1e-7);
        if (out.objective > start.objective + 1e-9) improved++;
      }),
      { numRuns: 300 },
    );
    // The search must do something: some greedy starts are not optimal and get better.
    expect(improved).toBeGreaterThan(0);
  });
});
