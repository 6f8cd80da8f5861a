/**
 * Comparable organisations and structural families.
 *
 * findSimilar ranks the organisations of the same kind by a weighted mean of structural criteria,
 * each with its reason: size (log population, weight 2), kommungrupp (weight 2), population density
 * (log ratio, weight 1) and geography (weight 0.5: context such as climate and labour market, but
 * comparability is mainly structural). Like Kolada's "liknande kommuner", with the breakdown shown.
 *
 * structuralFamilies clusters the 290 municipalities with k-means (ml-kmeans, k-means++ seeded,
 * deterministic for a seed) on standardised features (simple-statistics z-scores):
 * log10 population, log10 population density (inhabitants per km² land) and latitude.
 * Default k = 8, about the number of SKR kommungrupper (9) minus the three-member A1, so families
 * are comparable in granularity to the groups analysts know.
 */
import { kmeans } from 'ml-kmeans';
import { mean, standardDeviation } from 'simple-statistics';
import { AppError } from '../errors.js';
import type { Organisation, World } from '../model.js';
import { pairKey } from '../scoring/context.js';
import { scoreGeography, scoreKommungrupp, scoreSize } from '../scoring/criteria.js';
import type { CriterionResult } from '../scoring/types.js';
import { NEUTRAL, round6 } from '../scoring/types.js';

export const SIMILARITY_WEIGHTS = { size: 2, kommungrupp: 2, density: 1, geography: 0.5 } as const;
export type SimilarityCriterion = keyof typeof SIMILARITY_WEIGHTS;

export interface SimilarEntry {
  id: string;
  name: string;
  score: number;
  breakdown: Record<SimilarityCriterion, CriterionResult & { weight: number }>;
}

const density = (o: Organisation): number | null => (o.population && o.areaKm2 ? o.population / o.areaKm2 : null);

/** Density ratio on a log scale: equal → 1, a hundredfold difference → 0. */
export function scoreDensity(a: Organisation, b: Organisation): CriterionResult {
  const da = density(a);
  const db = density(b);
  if (da === null || db === null) return { value: NEUTRAL, reason: 'unknown density (population or area missing)' };
  const ratio = Math.max(da, db) / Math.min(da, db);
  return { value: Math.max(0, 1 - Math.log10(ratio) / 2), reason: `density ${da.toFixed(1)} and ${db.toFixed(1)} inhabitants/km²` };
}

/** The n organisations most comparable to `id` (same kind), best first, with the breakdown. */
export function findSimilar(world: World, id: string, n = 10): { org: { id: string; name: string; kind: string }; weights: typeof SIMILARITY_WEIGHTS; similar: SimilarEntry[] } {
  const target = world.organisations.find((o) => o.id === id);
  if (!target) throw new AppError('not_found', `No organisation with id '${id}'.`, [{ field: 'id', message: 'unknown organisation', values: [id] }]);
  const neighbours = new Set(world.countyNeighbours.map(([a, b]) => pairKey(a, b)));
  const totalW = Object.values(SIMILARITY_WEIGHTS).reduce((s, w) => s + w, 0);
  const entries = world.organisations
    .filter((o) => o.id !== id && o.kind === target.kind)
    .map((o): SimilarEntry => {
      const parts: Record<SimilarityCriterion, CriterionResult> = {
        size: scoreSize(target, o),
        kommungrupp: scoreKommungrupp(target, o),
        density: scoreDensity(target, o),
        geography: scoreGeography(target, o, { neighbours }),
      };
      let sum = 0;
      const breakdown = {} as SimilarEntry['breakdown'];
      for (const c of Object.keys(SIMILARITY_WEIGHTS) as SimilarityCriterion[]) {
        const v = round6(parts[c].value);
        breakdown[c] = { value: v, reason: parts[c].reason, weight: SIMILARITY_WEIGHTS[c] };
        sum += SIMILARITY_WEIGHTS[c] * v;
      }
      return { id: o.id, name: o.name, score: round6(sum / totalW), breakdown };
    })
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return { org: { id: target.id, name: target.name, kind: target.kind }, weights: SIMILARITY_WEIGHTS, similar: entries.slice(0, Math.max(0, n)) };
}

export const FAMILY_FEATURES = ['log10 population', 'log10 density (inhabitants per km² land)', 'latitude'] as const;

export interface Family {
  id: number;
  members: { id: string; name: string }[];
  /** Feature means of the family in original units (population and density as geometric means). */
  profile: { population: number; density: number; latitude: number };
}

/** Structural families of the municipalities by k-means on standardised features. */
export function structuralFamilies(world: World, k = 8, seed = 1): { k: number; seed: number; features: readonly string[]; families: Family[]; skipped: string[] } {
  const munis = world.organisations.filter((o) => o.kind === 'kommun').sort((a, b) => (a.id < b.id ? -1 : 1));
  const usable = munis.filter((o) => o.population && o.areaKm2 && o.lat !== null);
  const skipped = munis.filter((o) => !usable.includes(o)).map((o) => o.id);
  if (k < 1 || k > usable.length) throw new AppError('invalid_input', `k must be between 1 and ${usable.length}`, [{ field: 'k', message: 'out of range', values: [k] }]);
  const raw = usable.map((o) => [Math.log10(o.population!), Math.log10(o.population! / o.areaKm2!), o.lat!]);
  const cols = [0, 1, 2].map((c) => raw.map((r) => r[c]!));
  const mu = cols.map((c) => mean(c));
  const sd = cols.map((c) => standardDeviation(c) || 1);
  const data = raw.map((r) => r.map((x, c) => (x - mu[c]!) / sd[c]!));
  const res = kmeans(data, k, { seed, initialization: 'kmeans++', maxIterations: 200 });
  const families: Family[] = Array.from({ length: k }, (_, f) => {
    const idx = res.clusters.map((c, i) => (c === f ? i : -1)).filter((i) => i >= 0);
    const avg = (c: number) => (idx.length ? mean(idx.map((i) => raw[i]![c]!)) : NaN);
    return {
      id: f,
      members: idx.map((i) => ({ id: usable[i]!.id, name: usable[i]!.name })),
      profile: { population: Math.round(10 ** avg(0)), density: round6(10 ** avg(1)), latitude: round6(avg(2)) },
    };
  })
    .sort((a, b) => b.profile.population - a.profile.population)
    .map((f, i) => ({ ...f, id: i + 1 }));
  return { k, seed, features: FAMILY_FEATURES, families, skipped };
}
