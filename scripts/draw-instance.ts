/**
 * Draws a proposal instance of real organisations with a fixed seed, shared by the benchmark and
 * the tests that replay its hard cases: the municipalities are shuffled, the first n apply, and
 * the mentors come from the remaining municipalities and then the regions.
 */
import type { World } from '../src/core/model.js';
import { makeRng } from '../src/core/matching/heuristic.js';

export interface DrawnInstance {
  applicants: { id: string }[];
  mentors: { id: string }[];
}

/**
 * `standInId(k, municipalityId)` names extra mentors when the real organisations run out (290
 * applicants leave only the regions); without it the draw has fewer mentors than asked.
 */
export function drawRealInstance(world: World, n: number, m: number, seed: number, standInId?: (k: number, municipalityId: string) => string): DrawnInstance {
  const rng = makeRng(seed);
  const pool = world.organisations.filter((o) => o.kind === 'kommun').map((o) => o.id).sort();
  for (let x = pool.length - 1; x > 0; x--) {
    const y = Math.floor(rng() * (x + 1));
    [pool[x], pool[y]] = [pool[y]!, pool[x]!];
  }
  const regions = world.organisations.filter((o) => o.kind === 'region').map((o) => o.id);
  const mentorPool = [...pool.slice(n), ...regions];
  if (standInId) for (let k = 0; mentorPool.length < m; k++) mentorPool.push(standInId(k, pool[Math.floor(rng() * pool.length)]!));
  return { applicants: pool.slice(0, n).map((id) => ({ id })), mentors: mentorPool.slice(0, m).map((id) => ({ id })) };
}
