/** Planning use-cases over the current record: comparable organisations, structural families, rollout plans. */
import type { RolloutOptions } from '../core/rollout/index.js';
import { findSimilar, structuralFamilies } from '../core/similar/index.js';
import type { World } from '../core/model.js';
import { memoizerOn } from './per-world-memo.js';
import type { Solver } from './solver.js';
import type { WorldSource } from './world-source.js';

export function createPlanningService(deps: { worlds: WorldSource; solver: Solver }) {
  const world = () => deps.worlds.getWorld();
  const memoizedReads = memoizerOn(world);
  return {
    // Computed once per record and arguments (see per-world-memo.ts); rollout plans are not reads.
    findSimilar: memoizedReads((w: World, id: string, limit: number) => findSimilar(w, id, limit)),
    listFamilies: memoizedReads((w: World, k: number, seed: number) => structuralFamilies(w, k, seed), { maxEntries: 64 }),
    /** Runs on the solve pool (solve-jobs.ts planRolloutJob); cancelled when `signal` aborts. */
    async planRollout(target: string | string[], options: RolloutOptions, signal?: AbortSignal) {
      return deps.solver.start('rollout', await world(), { target, options }, { signal }).result;
    },
  };
}

export type PlanningService = ReturnType<typeof createPlanningService>;
