/**
 * The column-generation bound (colgen-bound.ts) is a true upper bound: on random small instances
 * it is never below the exhaustive optimum, whether the master converged or was cut short after
 * one round; and, converged and without pins (which it relaxes), it is never above the one-sweep
 * dual bound it refines (the LP optimum lies below every feasible dual). Pricing each applicant's
 * best partners first (large instances) converges to the same LP value as pricing every group.
 * Converged, it is the LP relaxation's optimum that HiGHS finds for the plain model built from the
 * published scores (both pricing passes, so a pricing filter that skipped a profitable column
 * would show as a value below HiGHS's).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadHighs } from './highs.js';
import { columnDualBound } from '../../../src/core/matching/bound.js';
import { columnGenerationBound, runColumnGeneration } from '../../../src/core/matching/colgen-bound.js';
import { prepare } from '../../../src/core/matching/index.js';
import { loadWorld } from '../../../src/services/dataset/load-world.js';
import { drawRealInstance } from '../../../scripts/draw-instance.js';
import { instanceArb } from './arbitraries.js';
import { bruteForceOptimum, makeWorld, placedOrgs, placesArb, solveListed } from './helpers.js';
import { proposeRound } from '../../../src/core/matching/index.js';
import { milpFromOutput } from '../../../scripts/plain-model.js';


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

  it('converges to the LP optimum HiGHS finds for the plain model, pricing every group or candidates first', async () => {
    const highs = await loadHighs();
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 8, max: 14 }),
          m: fc.integer({ min: 1, max: 5 }),
          cap: fc.integer({ min: 1, max: 2 }),
          pts: placesArb(19),
          county: fc.constantFrom('any', 'different'),
          mentorRequired: fc.boolean(),
        }),
        ({ n, m, cap, pts, county, mentorRequired }) => {
          const orgs = placedOrgs(pts);
          const w = makeWorld(orgs, [['o0', 'o1']], [['01', '03']]);
          const input = {
            applicants: orgs.slice(0, n).map((o) => ({ id: o.id })),
            mentors: orgs.slice(14, 14 + m).map((o) => ({ id: o.id, capacity: cap })),
            rules: { county, mentorRequired },
          };
          let problem;
          try {
            problem = prepare(w, input).scored.problem;
          } catch {
            return; // mentorRequired with too little capacity: refused before any bound
          }
          const published = proposeRound(w, input, { method: 'heuristic' });
          const lp = milpFromOutput(published).replace(/\nBinary\n[\s\S]*\nEnd$/, '\nEnd');
          const sol = highs.solve(lp);
          expect(sol.Status).toBe('Optimal');
          for (const candidatePricingFrom of [Infinity, 0]) {
            const run = runColumnGeneration(problem, { candidatePricingFrom });
            expect(run.converged).toBe(true);
            // Published scores are rounded; each dual carries 1e-6 of slack once converged.
            expect(run.bound).toBeGreaterThanOrEqual(sol.ObjectiveValue - 1e-4);
            expect(run.bound).toBeLessThanOrEqual(sol.ObjectiveValue + n * 1e-6 + 1e-4);
          }
        },
      ),
      { numRuns: 40 },
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
