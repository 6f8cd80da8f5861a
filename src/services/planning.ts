/** Planning use-cases over the current record: comparable organisations, structural families, rollout plans. */
import type { RolloutOptions } from '../core/rollout/index.js';
import { findSimilar, structuralFamilies } from '../core/similar/index.js';
import type { Solver } from './solver.js';
import type { WorldSource } from './world-source.js';

export function createPlanningService(deps: { worlds: WorldSource; solver: Solver }) {
  const world = () => deps.worlds.getWorld();
  return {
    async findSimilar(id: string, limit: number) {
      return findSimilar(await world(), id, limit);
    },
    async listFamilies(k: number, seed: number) {
      return structuralFamilies(await world(), k, seed);
    },
    /** Runs on the solve pool (solve-jobs.ts planRolloutJob); cancelled when `signal` aborts. */
    async planRollout(target: string | string[], options: RolloutOptions, signal?: AbortSignal) {
      return deps.solver.start('rollout', await world(), { target, options }, { signal }).result;
    },
  };
}

export type PlanningService = ReturnType<typeof createPlanningService>;
