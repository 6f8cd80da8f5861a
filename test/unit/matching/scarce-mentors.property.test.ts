/**
 * The regime where mentors fall short by less than one largest group (free applicants − smax ×
 * capacity in (0, smax)): the plain LP relaxation is weakest there, and the exact search leans on
 * its mentor prices and partition cuts. Checked against the independent exhaustive search, for the
 * optimum and for the k best.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listAlternatives, proposeRound } from '../../../src/core/matching/index.js';
import { instanceArb } from './arbitraries.js';
import { bruteForceOptimum, bruteForceValues } from './helpers.js';

/** Random instances reshaped so the mentors' capacity is one group short of the largest-size partition. */
const scarceArb = instanceArb
  .map(({ world, input }) => {
    const smax = input.rules!.groupSize![1];
    const n = input.applicants.length;
    const slots = Math.max(0, Math.ceil(n / smax) - 1);
    const mentors = (input.mentors ?? []).slice(0, slots).map((mm) => ({ ...mm, capacity: 1 }));
    // Without a mentor list the engine would pick default mentors; keep the shortage explicit.
    return { world, input: { ...input, mentors, rules: { ...input.rules, mentorRequired: false, pinMentor: [] } } };
  })
  .filter(({ input }) => {
    const smax = input.rules.groupSize![1];
    const excess = input.applicants.length - smax * input.mentors.length;
    return input.mentors.length > 0 && excess > 0 && excess < smax;
  });

describe('exact search with mentors one group short', () => {
  it('is proven optimal and equals the exhaustive optimum', () => {
    fc.assert(
      fc.property(scarceArb, ({ world, input }) => {
        let p;
        try {
          p = proposeRound(world, input);
        } catch {
          return; // rejected inputs (e.g. contradictory pins) are covered by the general property tests
        }
        expect(p.optimality.status).toBe('proven-optimal');
        expect(p.objective).toBeCloseTo(bruteForceOptimum(p), 6);
      }),
      { numRuns: 300 },
    );
  });

  it('lists the k best distinct solutions by value', () => {
    fc.assert(
      fc.property(scarceArb, ({ world, input }) => {
        let alt;
        try {
          alt = listAlternatives(world, input, 3);
        } catch {
          return;
        }
        expect(alt.proven).toBe(true);
        const all = bruteForceValues(alt.alternatives[0]!.proposal).sort((a, b) => b - a);
        const got = alt.alternatives.map((a) => a.objective);
        expect(got.length).toBe(Math.min(3, all.length));
        got.forEach((v, x) => expect(v).toBeCloseTo(all[x]!, 6));
      }),
      { numRuns: 150 },
    );
  });
});
