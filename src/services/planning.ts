/** Planning use-cases over the current record: comparable organisations, structural families, rollout plans. */
import { planRollout, type RolloutInput } from '../core/rollout/index.js';
import { findSimilar, structuralFamilies } from '../core/similar/index.js';
import type { WorldSource } from './world-source.js';

export function createPlanningService(deps: { worlds: WorldSource }) {
  const world = () => deps.worlds.getWorld();
  return {
    async findSimilar(id: string, limit: number) {
      return findSimilar(await world(), id, limit);
    },
    async listFamilies(k: number, seed: number) {
      return structuralFamilies(await world(), k, seed);
    },
    /** One pure call (plain JSON in and out), so it can run off the request thread. */
    async planRollout(input: RolloutInput) {
      return planRollout(await world(), input);
    },
  };
}

export type PlanningService = ReturnType<typeof createPlanningService>;
