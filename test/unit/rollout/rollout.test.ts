/**
 * The rollout planner against independent checks: every plan passes the validity checker; on
 * small synthetic instances and on small real counties the fewest rounds and the best plan value
 * equal an exhaustive search's; the lower bound never exceeds the true fewest rounds.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import type { World } from '../../../src/core/model.js';
import type { RolloutInput } from '../../../src/core/rollout/index.js';
import { planRollout } from '../../../src/core/rollout/index.js';
import { loadWorld } from '../../../src/services/dataset/load-world.js';
import { makeWorld, org } from '../matching/helpers.js';
import { checkPlan, exhaustivePlan } from './check-plan.js';
import { syntheticRollout, type SyntheticDraw } from './synthetic.js';
import { SMALL_COUNTY_CASES } from './small-counties.js';

type Draw = SyntheticDraw;

const place = fc.record({ lat: fc.integer({ min: 55, max: 60 }), lon: fc.integer({ min: 12, max: 18 }), county: fc.constantFrom('01', '02') });
const drawArb: fc.Arbitrary<Draw> = fc.record({
  targets: fc.array(fc.record({ lat: fc.integer({ min: 55, max: 60 }), lon: fc.integer({ min: 12, max: 18 }), county: fc.constantFrom('01', '02'), pop: fc.integer({ min: 3000, max: 90000 }) }), { minLength: 2, maxLength: 6 }),
  mentors: fc.array(place, { minLength: 1, maxLength: 2 }),
  persistent: fc.integer({ min: 0, max: 1 }),
  capacity: fc.integer({ min: 1, max: 2 }),
  groupSize: fc.constantFrom<[number, number]>([2, 3], [2, 2], [3, 3], [2, 4]),
  county: fc.constantFrom('any', 'same', 'different'),
  maxNew: fc.option(fc.integer({ min: 2, max: 5 }), { nil: null }),
});

const worldOf = (d: Draw) => syntheticRollout(d);

describe('rollout plans on small synthetic instances', () => {
  it('are valid, need the fewest rounds and reach the best value an exhaustive search finds', () => {
    let compared = 0;
    fc.assert(
      fc.property(drawArb, (d) => {
        const { world, input } = worldOf(d);
        const plan = planRollout(world, input, { listScores: 'all' });
        expect(checkPlan(world, input, plan)).toEqual([]);
        const unreachable = new Set(plan.unreachable.map((u) => u.id));
        const reachable = plan.target.ids.filter((id) => !unreachable.has(id));
        const brute = exhaustivePlan(plan, reachable, { capacity: d.capacity, groupSize: d.groupSize, maxNew: input.maxNewPerRound ?? Infinity, maxR: 6 });
        if (reachable.length === 0) {
          expect(plan.rounds).toEqual([]);
          return;
        }
        expect(brute).not.toBeNull();
        compared++;
        // The lower bound is a true bound, and the plan reaches it whenever it claims minimality.
        expect(plan.lowerBound!).toBeLessThanOrEqual(brute!.rounds);
        if (d.county === 'different') expect(plan.rounds.length).toBeGreaterThanOrEqual(brute!.rounds);
        else {
          expect(plan.roundsNeeded).toBe(brute!.rounds);
          expect(plan.value.objective).toBeLessThanOrEqual(brute!.value + 1e-6);
          expect(plan.value.bound).toBeGreaterThanOrEqual(brute!.value - 1e-6);
          if (plan.value.status === 'proven-optimal') expect(plan.value.objective).toBeCloseTo(brute!.value, 5);
        }
      }),
      { numRuns: 80, seed: 1301 },
    );
    expect(compared).toBeGreaterThan(25);
  });

  it('names what no plan can reach and why', () => {
    const world = makeWorld(
      [org({ id: 'a', county: '01' }), org({ id: 'b', county: '01' }), org({ id: 'c', county: '02' }), org({ id: 'd', county: '03' }), org({ id: 'e', county: '03' }), org({ id: 'm', county: '01' })],
      [['m']],
    );
    const plan = planRollout(world, { target: ['a', 'b', 'c', 'd', 'e'], mentors: ['m'], county: 'same' });
    expect(checkPlan(world, { target: ['a', 'b', 'c', 'd', 'e'], mentors: ['m'], county: 'same' }, plan)).toEqual([]);
    const code = Object.fromEntries(plan.unreachable.map((u) => [u.id, u.code]));
    expect(code).toEqual({ c: 'no-mentor', d: 'no-mentor', e: 'no-mentor' });
    expect(plan.rounds.flatMap((r) => r.joins.map((j) => j.id)).sort()).toEqual(['a', 'b']);
    // With a mentor in county 03 too, d and e are reached; c still has no partner in its county.
    const world2 = makeWorld([...world.organisations, org({ id: 'n', county: '03' }), org({ id: 'o', county: '02' })], [['m'], ['n'], ['o']]);
    const plan2 = planRollout(world2, { target: ['a', 'b', 'c', 'd', 'e'], mentors: ['m', 'n', 'o'], county: 'same' });
    expect(plan2.unreachable.map((u) => [u.id, u.code])).toEqual([['c', 'no-partner']]);
  });

  it('stops at maxRounds and says who is left out, with roundsNeeded null', () => {
    const ts = Array.from({ length: 8 }, (_, i) => org({ id: `t${i}`, lat: 56 + i / 5 }));
    const world = makeWorld([...ts, org({ id: 'm' })], [['m']]);
    const input: RolloutInput = { target: ts.map((t) => t.id), mentors: ['m'], groupSize: [2, 2], maxRounds: 2 };
    const plan = planRollout(world, input);
    expect(checkPlan(world, input, plan)).toEqual([]);
    expect(plan.roundsNeeded).toBeNull();
    expect(plan.minimal).toBe(false);
    expect(plan.unreachable.length).toBeGreaterThan(0);
    expect(plan.unreachable.every((u) => u.code === 'max-rounds')).toBe(true);
    expect(plan.lowerBound).toBeGreaterThan(2);
  });

  it('counts only rounds that have taken place as already reached', () => {
    const ts = ['a', 'b', 'c', 'd'].map((id) => org({ id }));
    const world = makeWorld([...ts, org({ id: 'm' })], [['m']]);
    world.rounds.push({ id: 'r2', programmeId: 'modellkommuner', label: 'r2', start: '2027-01', end: null, state: 'planned', stateReason: null, notes: null, proposalId: null });
    world.participations.push({ roundId: 'r2', orgId: 'a', role: 'participant', focus: [], delegation: [], sources: ['test'], disputed: false });
    const plan = planRollout(world, { target: ['a', 'b', 'c', 'd'], mentors: ['m'], capacity: 2 });
    expect(plan.alreadyReached).toEqual([]);
    expect(plan.rounds.flatMap((r) => r.joins.map((j) => j.id)).sort()).toEqual(['a', 'b', 'c', 'd']);
    // A planned round's participant cannot mentor either.
    expect(() => planRollout(world, { target: ['b', 'c'], mentors: ['a'] })).toThrowError(AppError);
  });

  it('rejects bad input with the field named', () => {
    const world = makeWorld([org({ id: 'a' }), org({ id: 'b' }), org({ id: 'm' })], [['m']]);
    const field = (input: RolloutInput) => {
      try {
        planRollout(world, input);
      } catch (e) {
        return (e as AppError).details[0]?.field;
      }
      return 'no error';
    };
    expect(field({ target: 'planet:mars' })).toBe('target');
    expect(field({ target: ['a', 'zz'] })).toBe('target');
    expect(field({ target: ['a', 'b'], capacity: 0 })).toBe('capacity');
    expect(field({ target: ['a', 'b'], groupSize: [3, 2] })).toBe('groupSize');
    expect(field({ target: ['a', 'b'], maxNewPerRound: 1 })).toBe('maxNewPerRound');
    expect(field({ target: ['a', 'b'], maxRounds: 0 })).toBe('maxRounds');
    expect(field({ target: ['a', 'b'], mentors: ['b'] })).toBe('mentors[0]');
    expect(field({ target: ['a', 'b'], persistentMentors: ['zz'] })).toBe('persistentMentors');
    expect(field({ target: ['a', 'b'], county: 'nearby' as never })).toBe('county');
    expect(field({ target: ['a', 'b'], programme: 'nope' })).toBe('programme');
  });
});

describe('rollout plans on small real counties', () => {
  let world: World;
  beforeAll(async () => {
    world = await loadWorld('data');
  });

  for (const [name, input] of SMALL_COUNTY_CASES)
    it(`${name}: fewest rounds and best plan equal the exhaustive search`, () => {
      const plan = planRollout(world, input, { listScores: 'all' });
      expect(checkPlan(world, input, plan)).toEqual([]);
      expect(plan.unreachable).toEqual([]);
      const remaining = plan.target.ids.filter((id) => !plan.alreadyReached.some((r) => r.id === id));
      const brute = exhaustivePlan(plan, remaining, { capacity: input.capacity ?? 1, groupSize: [2, 3], maxNew: input.maxNewPerRound ?? Infinity, maxR: 4 })!;
      expect(plan.roundsNeeded).toBe(brute.rounds);
      expect(plan.minimal).toBe(true);
      expect(plan.value.status).toBe('proven-optimal');
      expect(plan.value.objective).toBeCloseTo(brute.value, 5);
    });
});
