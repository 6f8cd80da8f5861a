/**
 * Read use-cases that compute over the whole record: round descriptions, lineage and spread
 * (exports are in exports.ts). Each asks the World source for the current record and hands it to the pure core.
 */
import { describeRound } from '../core/cohorts.js';
import { buildLineageForest, traceLineage } from '../core/lineage/index.js';
import { computeSpread } from '../core/spread/index.js';
import { notFound } from '../core/errors.js';
import { plannedMarker, selectTakenPlace, type TakenPlaceOptions } from '../core/record/taken-place.js';
import type { WorldSource } from './world-source.js';

export interface AnalyticsDeps {
  worlds: WorldSource;
  /** The municipality boundaries (GeoJSON text), read once by the caller's adapter. */
  readMunicipalityBoundaries(): Promise<string>;
}

export function createAnalyticsService(deps: AnalyticsDeps) {
  const world = () => deps.worlds.getWorld();
  /** Only what has taken place counts (plus planned rounds, marked, when asked). */
  const counted = async (options: TakenPlaceOptions = {}) => selectTakenPlace(await world(), options);
  const requireOrg = async (id: string, options: TakenPlaceOptions) => {
    const w = await counted(options);
    if (!w.organisations.some((o) => o.id === id)) throw notFound('organisation', id);
    return w;
  };
  return {
    /** Any round, whatever its state (the round says it). */
    async describeRound(id: string) {
      return describeRound(await world(), id);
    },
    async traceLineage(orgId: string, programme?: string, options: TakenPlaceOptions = {}) {
      const w = await requireOrg(orgId, options);
      const trace = traceLineage(w, orgId, { programme });
      return { ...trace, ...plannedMarker(w, options, programme) };
    },
    async buildForest(programme?: string, options: TakenPlaceOptions = {}) {
      const w = await counted(options);
      const forest = buildLineageForest(w, { programme });
      return { ...forest, ...plannedMarker(w, options, programme) };
    },
    async computeSpread(programme?: string, options: TakenPlaceOptions = {}) {
      const w = await counted(options);
      const spread = computeSpread(w, { programme });
      return { ...spread, ...plannedMarker(w, options, programme) };
    },
    readMunicipalityBoundaries: deps.readMunicipalityBoundaries,
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
