/** Small synthetic rollout instances for the property tests: targets and mentors at drawn places, one earlier round of the mentors. */
import type { World } from '../../../src/core/model.js';
import type { RolloutInput } from '../../../src/core/rollout/index.js';
import { makeWorld, org } from '../matching/helpers.js';

export interface SyntheticDraw {
  targets: { lat: number; lon: number; county: string; pop: number }[];
  mentors: { lat: number; lon: number; county: string }[];
  persistent: number;
  capacity: number;
  groupSize: [number, number];
  county: 'any' | 'same' | 'different';
  maxNew: number | null;
}

/**
 * The World (targets t0…, mentors m0…, the mentors in one completed round) and the planner's input.
 * Places are spread a little by index (i / spread) so that no two coincide.
 */
export function syntheticRollout(d: SyntheticDraw, spread: { lat: number; lon: number } = { lat: 10, lon: 10 }, mentorPop = 20000): { world: World; input: RolloutInput } {
  const targets = d.targets.map((t, i) => org({ id: `t${i}`, lat: t.lat + i / spread.lat, lon: t.lon, county: t.county, pop: t.pop }));
  const mentors = d.mentors.map((m, i) => org({ id: `m${i}`, lat: m.lat, lon: m.lon + i / spread.lon, county: m.county, pop: mentorPop }));
  const world = makeWorld([...targets, ...mentors], mentors.map((m) => [m.id]));
  const input: RolloutInput = {
    target: targets.map((t) => t.id),
    mentors: mentors.map((m) => m.id),
    persistentMentors: mentors.slice(0, d.persistent).map((m) => m.id),
    capacity: d.capacity,
    groupSize: d.groupSize,
    county: d.county,
    maxNewPerRound: d.maxNew === null ? null : Math.max(d.maxNew, d.groupSize[0]),
    maxRounds: 6,
  };
  return { world, input };
}
