/**
 * The branch and bound over join rounds and its multi-round LP bound, against the independent
 * exhaustive search of check-plan.ts, on random small instances where the planner is made to skip
 * its own enumeration (exhaustiveLimit 0):
 * - the reported bound is never below the true best value (with the root LP alone, branchNodes 1,
 *   and with the full search);
 * - the value never exceeds it, and whenever the plan says proven-optimal, the value equals it;
 * - every plan passes the validity checker;
 * and on the small real counties, where the planner otherwise enumerates, the search alone proves
 * the exhaustive search's best value.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../../../src/core/model.js';
import type { RolloutInput } from '../../../src/core/rollout/index.js';
import { planRollout } from '../../../src/core/rollout/index.js';
import { loadWorld } from '../../../src/services/dataset/load-world.js';
import { checkPlan, exhaustivePlan } from './check-plan.js';
import { syntheticRollout } from './synthetic.js';
import { SMALL_COUNTY_CASES } from './small-counties.js';

interface Draw {
  targets: { lat: number; lon: number; pop: number; county: string }[];
  mentors: { lat: number; lon: number }[];
  persistent: number;
  capacity: number;
  groupSize: [number, number];
  county: 'any' | 'same';
  maxNew: number | null;
}

const drawArb: fc.Arbitrary<Draw> = fc.record({
  targets: fc.array(
    fc.record({ lat: fc.integer({ min: 55, max: 65 }), lon: fc.integer({ min: 11, max: 20 }), pop: fc.integer({ min: 2000, max: 150000 }), county: fc.constantFrom('01', '01', '02') }),
    { minLength: 4, maxLength: 7 },
  ),
  mentors: fc.array(fc.record({ lat: fc.integer({ min: 55, max: 65 }), lon: fc.integer({ min: 11, max: 20 }) }), { minLength: 1, maxLength: 2 }),
  persistent: fc.integer({ min: 0, max: 1 }),
  capacity: fc.integer({ min: 1, max: 2 }),
  groupSize: fc.constantFrom<[number, number]>([2, 3], [2, 3], [2, 2], [3, 3]),
  county: fc.constantFrom('any', 'same'),
  maxNew: fc.option(fc.integer({ min: 2, max: 5 }), { nil: null }),
});

/** One mentor per county (the first in 01, the rest in 02), so that `same` reaches both. */
const instance = (d: Draw) =>
  syntheticRollout({ ...d, mentors: d.mentors.map((m, i) => ({ ...m, county: i === 0 ? '01' : '02' })) }, { lat: 7, lon: 9 }, 30000);

describe('the branch and bound over join rounds', () => {
  it('bounds the true best value from above and is right whenever it claims a proof', () => {
    let compared = 0;
    let proven = 0;
    fc.assert(
      fc.property(drawArb, (d) => {
        const { world, input } = instance(d);
        for (const branchNodes of [1, 200]) {
          const plan = planRollout(world, input, { listScores: 'all', exhaustiveLimit: 0, branchNodes });
          expect(checkPlan(world, input, plan)).toEqual([]);
          const unreachable = new Set(plan.unreachable.map((u) => u.id));
          const reachable = plan.target.ids.filter((id) => !unreachable.has(id));
          if (reachable.length === 0 || plan.roundsNeeded === null) continue;
          const brute = exhaustivePlan(plan, reachable, { capacity: d.capacity, groupSize: d.groupSize, maxNew: input.maxNewPerRound ?? Infinity, maxR: 6 })!;
          expect(plan.roundsNeeded).toBe(brute.rounds);
          compared++;
          expect(plan.components.every((c) => c.method === 'branch-and-bound')).toBe(true);
          expect(plan.value.bound).toBeGreaterThanOrEqual(brute.value - 1e-6);
          expect(plan.value.objective).toBeLessThanOrEqual(brute.value + 1e-6);
          if (plan.value.status === 'proven-optimal') {
            proven++;
            expect(plan.value.objective).toBeCloseTo(brute.value, 6);
          }
        }
      }),
      { numRuns: 60, seed: 2604 },
    );
    console.info(`branch and bound: ${compared} plans compared, ${proven} proven`);
    expect(compared).toBeGreaterThan(60);
    // The search should prove most of these tiny instances (a check that it works, not only that it is safe).
    expect(proven).toBeGreaterThan(compared / 3);
  });
});

describe('the branch and bound on small real counties', () => {
  let world: World;
  beforeAll(async () => {
    world = await loadWorld('data');
  });
  for (const [name, input] of SMALL_COUNTY_CASES)
    it(`${name}: proves the exhaustive search's best value without enumerating`, () => {
      const plan = planRollout(world, input, { listScores: 'all', exhaustiveLimit: 0 });
      expect(checkPlan(world, input, plan)).toEqual([]);
      expect(plan.components.map((c) => c.method)).toEqual(['branch-and-bound']);
      const remaining = plan.target.ids.filter((id) => !plan.alreadyReached.some((r) => r.id === id));
      const brute = exhaustivePlan(plan, remaining, { capacity: 1, groupSize: [2, 3], maxNew: input.maxNewPerRound ?? Infinity, maxR: 4 })!;
      expect(plan.value.status).toBe('proven-optimal');
      expect(plan.value.objective).toBeCloseTo(brute.value, 5);
    });
});

describe('the branch and bound on Skåne (28 to reach in two rounds)', () => {
  it('proves its plan optimal with the two-round tree LP, within the default limits', async () => {
    const world = await loadWorld('data');
    const input: RolloutInput = { target: 'county:12', county: 'same' };
    const plan = planRollout(world, input);
    expect(checkPlan(world, input, plan)).toEqual([]);
    expect(plan.roundsNeeded).toBe(2);
    expect(plan.components.map((c) => [c.members, c.method])).toEqual([[28, 'branch-and-bound']]);
    expect(plan.value.status).toBe('proven-optimal');
    expect(plan.value.gap).toBe(0);
  });
});
