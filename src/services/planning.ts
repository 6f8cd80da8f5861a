/** Planning use-cases over the current record: comparable organisations, structural families, rollout plans. */
import { planRollout, type RolloutOptions } from '../core/rollout/index.js';
import { findSimilar, structuralFamilies } from '../core/similar/index.js';
import { selectTakenPlace } from '../core/record/taken-place.js';
import type { WorldSource } from './world-source.js';

export function createPlanningService(deps: { worlds: WorldSource }) {
  // Only rounds that have taken place count: "already reached", mentors available, history.
  const world = async () => selectTakenPlace(await deps.worlds.getWorld());
  return {
    async findSimilar(id: string, limit: number) {
      return findSimilar(await world(), id, limit);
    },
    async listFamilies(k: number, seed: number) {
      return structuralFamilies(await world(), k, seed);
    },
    async planRollout(target: string | string[], options: RolloutOptions) {
      return planRollout(await world(), target, options);
    },
  };
}

export type PlanningService = ReturnType<typeof createPlanningService>;
