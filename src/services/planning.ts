/** Planning use-cases over the current record: comparable organisations, structural families, rollout plans. */
import { tableToCsv, type CsvDialect } from '../core/export/csv.js';
import { buildRolloutOrganisationTable, buildRolloutTables } from '../core/export/rollout-tables.js';
import type { RolloutInput, RolloutPlan } from '../core/rollout/index.js';
import { findSimilar, structuralFamilies } from '../core/similar/index.js';
import { selectTakenPlace } from '../core/record/taken-place.js';
import { writeWorkbookOnPool } from './workbook.js';
import type { World } from '../core/model.js';
import { memoizerOn } from './per-world-memo.js';
import type { Solver } from './solver.js';
import type { WorldSource } from './world-source.js';

export function createPlanningService(deps: { worlds: WorldSource; solver: Solver }) {
  // Only rounds that have taken place count: "already reached", mentors available, history.
  const world = async () => selectTakenPlace(await deps.worlds.getWorld());
  /** Runs on the solve pool (solve-jobs.ts planRolloutJob); cancelled when `signal` aborts. */
  const plan = async (input: RolloutInput, signal?: AbortSignal): Promise<RolloutPlan> =>
    deps.solver.start('rollout', await world(), input, { signal }).result;
  const counties = async () => new Map((await world()).organisations.map((o) => [o.id, o.countyCode]));
  const memoizedReads = memoizerOn(() => deps.worlds.getWorld());
  const fileName = (p: RolloutPlan, ext: string) => `rollout-${p.target.spec.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40)}.${ext}`;
  return {
    // Computed once per record and arguments (see per-world-memo.ts); rollout plans are not reads.
    findSimilar: memoizedReads((w: World, id: string, limit: number) => findSimilar(selectTakenPlace(w), id, limit)),
    listFamilies: memoizedReads((w: World, k: number, seed: number) => structuralFamilies(selectTakenPlace(w), k, seed), { maxEntries: 64 }),
    planRollout: plan,
    /** The plan as CSV: one row per target organisation (round, group, mentor, or why it is not reached). */
    async rolloutCsv(input: RolloutInput, dialect: CsvDialect = 'rfc4180', signal?: AbortSignal) {
      const p = await plan(input, signal);
      return { body: tableToCsv(buildRolloutOrganisationTable(p, await counties()), { dialect }), fileName: fileName(p, 'csv') };
    },
    /** The plan as an XLSX workbook: summary, organisations, rounds, groups. */
    async rolloutXlsx(input: RolloutInput, signal?: AbortSignal) {
      const p = await plan(input, signal);
      return { body: await writeWorkbookOnPool(deps.solver, await world(), buildRolloutTables(p, await counties())), fileName: fileName(p, 'xlsx') };
    },
  };
}

export type PlanningService = ReturnType<typeof createPlanningService>;
