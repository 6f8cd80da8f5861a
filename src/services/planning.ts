/** Planning use-cases over the current record: comparable organisations, structural families, rollout plans. */
import { planRollout, type RolloutOptions } from '../core/rollout/index.js';
import { findSimilar, structuralFamilies } from '../core/similar/index.js';
import type { World } from '../core/model.js';
import { memoizerOn } from './per-world-memo.js';
import type { WorldSource } from './world-source.js';

export function createPlanningService(deps: { worlds: WorldSource }) {
  const world = () => deps.worlds.getWorld();
  const memoizedReads = memoizerOn(world);
  return {
    // Computed once per record and arguments (see per-world-memo.ts); rollout plans are not reads.
    findSimilar: memoizedReads((w: World, id: string, limit: number) => findSimilar(w, id, limit)),
    listFamilies: memoizedReads((w: World, k: number, seed: number) => structuralFamilies(w, k, seed), { maxEntries: 64 }),
    async planRollout(target: string | string[], options: RolloutOptions) {
      return planRollout(await world(), target, options);
    },
  };
}

export type PlanningService = ReturnType<typeof createPlanningService>;
