/**
 * Read use-cases that compute over the whole record: round descriptions, lineage and spread
 * (exports are in exports.ts). Each asks the World source for the current record and hands it to the pure core.
 */
import { describeRound } from '../core/cohorts.js';
import { buildLineageForest, traceLineage } from '../core/lineage/index.js';
import { computeSpread } from '../core/spread/index.js';
import { notFound } from '../core/errors.js';
import type { WorldSource } from './world-source.js';

export interface AnalyticsDeps {
  worlds: WorldSource;
  /** The municipality boundaries (GeoJSON text), read once by the caller's adapter. */
  readMunicipalityBoundaries(): Promise<string>;
}

export function createAnalyticsService(deps: AnalyticsDeps) {
  const world = () => deps.worlds.getWorld();
  const requireOrg = async (id: string) => {
    const w = await world();
    if (!w.organisations.some((o) => o.id === id)) throw notFound('organisation', id);
    return w;
  };
  return {
    async describeRound(id: string) {
      return describeRound(await world(), id);
    },
    async traceLineage(orgId: string, programme?: string) {
      return traceLineage(await requireOrg(orgId), orgId, { programme });
    },
    async buildForest(programme?: string) {
      return buildLineageForest(await world(), { programme });
    },
    async computeSpread(programme?: string) {
      return computeSpread(await world(), { programme });
    },
    readMunicipalityBoundaries: deps.readMunicipalityBoundaries,
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
