/**
 * Read use-cases that compute over the whole record: round descriptions, lineage, spread and CSV
 * exports. Each asks the World source for the current record and hands it to the pure core.
 */
import { describeRound } from '../core/cohorts.js';
import { buildExportCsv, exportFileName, isExportTable } from '../core/export/index.js';
import { buildLineageForest, traceLineage } from '../core/lineage/index.js';
import { computeSpread } from '../core/spread/index.js';
import { notFound } from '../core/errors.js';
import type { World } from '../core/model.js';
import { memoizerOn } from './per-world-memo.js';
import type { WorldSource } from './world-source.js';

export interface AnalyticsDeps {
  worlds: WorldSource;
  /** The municipality boundaries (GeoJSON text), read once by the caller's adapter. */
  readMunicipalityBoundaries(): Promise<string>;
}

export function createAnalyticsService(deps: AnalyticsDeps) {
  const world = () => deps.worlds.getWorld();
  // Each computed once per record and arguments (see per-world-memo.ts).
  const memoized = memoizerOn(world);
  const requireOrg = (w: World, id: string) => {
    if (!w.organisations.some((o) => o.id === id)) throw notFound('organisation', id);
    return w;
  };
  return {
    describeRound: memoized((w: World, id: string) => describeRound(w, id)),
    traceLineage: memoized((w: World, orgId: string, programme?: string) => traceLineage(requireOrg(w, orgId), orgId, { programme })),
    buildForest: memoized((w: World, programme?: string) => buildLineageForest(w, { programme })),
    computeSpread: memoized((w: World, programme?: string) => computeSpread(w, { programme })),
    exportCsv: memoized((w: World, table: string, programme?: string) => {
      const csv = buildExportCsv(w, table, { programme });
      return { csv, fileName: isExportTable(table) ? exportFileName(table, programme) : `${table}.csv` };
    }),
    readMunicipalityBoundaries: deps.readMunicipalityBoundaries,
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
