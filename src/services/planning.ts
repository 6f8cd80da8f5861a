/** Planning use-cases over the current record: comparable organisations, structural families, rollout plans. */
import { tableToCsv, type CsvDialect } from '../core/export/csv.js';
import { buildRolloutOrganisationTable, buildRolloutTables } from '../core/export/rollout-tables.js';
import { planRollout, type RolloutInput, type RolloutPlan } from '../core/rollout/index.js';
import { findSimilar, structuralFamilies } from '../core/similar/index.js';
import { selectTakenPlace } from '../core/record/taken-place.js';
import { writeXlsx } from './export/xlsx-writer.js';
import type { WorldSource } from './world-source.js';

export function createPlanningService(deps: { worlds: WorldSource }) {
  // Only rounds that have taken place count: "already reached", mentors available, history.
  const world = async () => selectTakenPlace(await deps.worlds.getWorld());
  /** One pure call (plain JSON in and out), so it can run off the request thread. */
  const plan = async (input: RolloutInput): Promise<RolloutPlan> => planRollout(await world(), input);
  const counties = async () => new Map((await world()).organisations.map((o) => [o.id, o.countyCode]));
  const fileName = (p: RolloutPlan, ext: string) => `rollout-${p.target.spec.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40)}.${ext}`;
  return {
    async findSimilar(id: string, limit: number) {
      return findSimilar(await world(), id, limit);
    },
    async listFamilies(k: number, seed: number) {
      return structuralFamilies(await world(), k, seed);
    },
    planRollout: plan,
    /** The plan as CSV: one row per target organisation (round, group, mentor, or why it is not reached). */
    async rolloutCsv(input: RolloutInput, dialect: CsvDialect = 'rfc4180') {
      const p = await plan(input);
      return { body: tableToCsv(buildRolloutOrganisationTable(p, await counties()), { dialect }), fileName: fileName(p, 'csv') };
    },
    /** The plan as an XLSX workbook: summary, organisations, rounds, groups. */
    async rolloutXlsx(input: RolloutInput) {
      const p = await plan(input);
      return { body: await writeXlsx(buildRolloutTables(p, await counties())), fileName: fileName(p, 'xlsx') };
    },
  };
}

export type PlanningService = ReturnType<typeof createPlanningService>;
