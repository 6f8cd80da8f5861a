/**
 * Read use-cases that compute over the whole record: round descriptions, lineage and spread
 * (exports are in exports.ts). Each asks the World source for the current record and hands it to the pure core.
 */
import { describeRound } from '../core/cohorts.js';
import { buildLineageForest, traceLineage } from '../core/lineage/index.js';
import { computeSpread } from '../core/spread/index.js';
import { notFound } from '../core/errors.js';
import { plannedMarker, selectTakenPlace, type TakenPlaceOptions } from '../core/record/taken-place.js';
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
  // Each computed once per record and arguments (see per-world-memo.ts); only what has taken place
  // counts, plus planned rounds, marked, when asked.
  const memoized = memoizerOn(world);
  const counted = (record: World, options: TakenPlaceOptions) => selectTakenPlace(record, options);
  return {
    /** Any round, whatever its state (the round says it). */
    describeRound: memoized((w: World, id: string) => describeRound(w, id)),
    traceLineage: memoized((record: World, orgId: string, programme?: string, options: TakenPlaceOptions = {}) => {
      const w = counted(record, options);
      if (!w.organisations.some((o) => o.id === orgId)) throw notFound('organisation', orgId);
      return { ...traceLineage(w, orgId, { programme }), ...plannedMarker(w, options, programme) };
    }),
    buildForest: memoized((record: World, programme?: string, options: TakenPlaceOptions = {}) => {
      const w = counted(record, options);
      return { ...buildLineageForest(w, { programme }), ...plannedMarker(w, options, programme) };
    }),
    computeSpread: memoized((record: World, programme?: string, options: TakenPlaceOptions = {}) => {
      const w = counted(record, options);
      return { ...computeSpread(w, { programme }), ...plannedMarker(w, options, programme) };
    }),
    readMunicipalityBoundaries: deps.readMunicipalityBoundaries,
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
