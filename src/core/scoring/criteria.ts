/**
 * The scoring criteria: small pure functions, each returning a value in [0, 1] and a reason.
 * Higher is a better match. A missing input (no population, no coordinates, no focus stated, no
 * recorded history) gives NEUTRAL (0.5) with a reason that starts with "unknown".
 */
import type { Organisation } from '../model.js';
import type { ScoringContext } from './context.js';
import { pairKey } from './context.js';
import type { CriterionResult } from './types.js';
import { NEUTRAL } from './types.js';

/** An organisation as it enters a round: the record plus what the instance states about it. */
export interface Party {
  org: Organisation;
  /** Focus areas stated in the instance, else the organisation's known focus; empty = unknown. */
  focus: string[];
  /** Delegation roles stated in the instance; null = not stated. */
  delegation: string[] | null;
  /** "gärna med": ids of organisations this one wishes to be grouped with (its application). */
  wishes?: string[];
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').replace(/,/g, ' ');
const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Population ratio on a log scale: equal size → 1, a tenfold difference → 0. */
export function scoreSize(a: Organisation, b: Organisation): CriterionResult {
  if (!a.population || !b.population || a.population <= 0 || b.population <= 0) {
    const missing = [a, b].filter((o) => !o.population).map((o) => o.name);
    return { value: NEUTRAL, reason: `unknown population for ${missing.join(' and ')}` };
  }
  const ratio = Math.max(a.population, b.population) / Math.min(a.population, b.population);
  const value = clamp01(1 - Math.log10(ratio));
  return { value, reason: `populations ${fmt(a.population)} and ${fmt(b.population)} (ratio ${ratio.toFixed(1)})` };
}

/** SKR kommungrupp (2023 revision, falling back to 2017): same group 1, same main group A/B/C 0.5, else 0. */
export function scoreKommungrupp(a: Organisation, b: Organisation): CriterionResult {
  const ga = a.kommungrupp2023 ?? a.kommungrupp2017;
  const gb = b.kommungrupp2023 ?? b.kommungrupp2017;
  if (!ga || !gb) {
    const missing = [a, b].filter((o) => !(o.kommungrupp2023 ?? o.kommungrupp2017)).map((o) => `${o.name} (${o.kind})`);
    return { value: NEUTRAL, reason: `unknown kommungrupp for ${missing.join(' and ')}` };
  }
  if (ga === gb) return { value: 1, reason: `same kommungrupp ${ga}` };
  if (ga[0] === gb[0]) return { value: 0.5, reason: `same main group ${ga[0]} (${ga} and ${gb})` };
  return { value: 0, reason: `different main groups (${ga} and ${gb})` };
}

/** Great-circle distance in km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Half-value distance: 150 km (about two hours by car) halves the distance part. */
export const GEO_HALF_KM = 150;

/**
 * Proximity: 0.7 × distance part (1 / (1 + d/150 km)) + 0.3 × county part (same county 1,
 * neighbouring county 0.5, else 0). Without coordinates only the county part counts.
 */
export function scoreGeography(a: Organisation, b: Organisation, ctx: Pick<ScoringContext, 'neighbours'>): CriterionResult {
  let countyPart: number | null = null;
  let countyText = 'unknown county';
  if (a.countyCode && b.countyCode) {
    if (a.countyCode === b.countyCode) {
      countyPart = 1;
      countyText = `same county ${a.countyCode}`;
    } else if (ctx.neighbours.has(pairKey(a.countyCode, b.countyCode))) {
      countyPart = 0.5;
      countyText = `neighbouring counties ${a.countyCode}/${b.countyCode}`;
    } else {
      countyPart = 0;
      countyText = `non-neighbouring counties ${a.countyCode}/${b.countyCode}`;
    }
  }
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) {
    if (countyPart === null) return { value: NEUTRAL, reason: 'unknown location (no coordinates, no county)' };
    return { value: countyPart, reason: `${countyText}; unknown distance (no coordinates)` };
  }
  const d = distanceKm(a.lat, a.lon, b.lat, b.lon);
  const distPart = 1 / (1 + d / GEO_HALF_KM);
  const value = countyPart === null ? distPart : 0.7 * distPart + 0.3 * countyPart;
  return { value: clamp01(value), reason: `${Math.round(d)} km apart, ${countyText}` };
}

/** Jaccard overlap of focus areas; unknown when either side states none. */
export function scoreFocus(a: Party, b: Party): CriterionResult {
  if (a.focus.length === 0 || b.focus.length === 0) {
    const missing = [a, b].filter((p) => p.focus.length === 0).map((p) => p.org.name);
    return { value: NEUTRAL, reason: `unknown focus for ${missing.join(' and ')}` };
  }
  const sa = new Set(a.focus);
  const shared = [...new Set(b.focus)].filter((f) => sa.has(f)).sort();
  const union = new Set([...a.focus, ...b.focus]).size;
  const value = shared.length / union;
  return { value, reason: shared.length ? `shared focus: ${shared.join(', ')} (${shared.length}/${union})` : 'no shared focus area' };
}

/** Two applicants: 0 if they were grouped together before (the programme spreads by new contacts), else 1. */
export function scorePairHistory(a: Organisation, b: Organisation, ctx: Pick<ScoringContext, 'groupedTogether'>): CriterionResult {
  const before = ctx.groupedTogether.get(pairKey(a.id, b.id));
  if (before && before.length) return { value: 0, reason: `grouped together before (${before.join(', ')})` };
  return { value: 1, reason: 'never grouped together' };
}

/**
 * A mentor for an applicant: mean of experience (rounds taken part in or mentored, 3+ → 1),
 * recency (1 / (1 + programme rounds since its latest involvement)) and load (1 / (1 + groups
 * it mentored in the latest round)); halved when it already mentored or was grouped with the
 * applicant. A mentor without any recorded round is unknown (neutral).
 */
export function scoreMentorHistory(mentor: Organisation, applicant: Organisation, ctx: ScoringContext): CriterionResult {
  const h = ctx.history.get(mentor.id);
  const tie = ctx.mentoredBefore.get(`${mentor.id}|${applicant.id}`) ?? ctx.groupedTogether.get(pairKey(mentor.id, applicant.id));
  if (!h || h.lastIndex < 0) {
    return { value: NEUTRAL, reason: `unknown history for ${mentor.name} (no recorded round of ${ctx.programmeId})` };
  }
  const rounds = h.participated.length + h.mentored.length;
  const experience = Math.min(1, rounds / 3);
  const since = ctx.roundIds.length - 1 - h.lastIndex;
  const recency = 1 / (1 + since);
  const load = ctx.latestLoad.get(mentor.id) ?? 0;
  const loadPart = 1 / (1 + load);
  let value = (experience + recency + loadPart) / 3;
  const parts = [
    `${h.participated.length} round(s) as participant, ${h.mentored.length} as mentor`,
    since === 0 ? 'active in the latest round' : `${since} round(s) since last active`,
    load ? `mentored ${load} group(s) in the latest round` : 'no mentor load in the latest round',
  ];
  if (tie && tie.length) {
    value /= 2;
    parts.push(`already worked with ${applicant.name} (${tie.join(', ')})`);
  }
  return { value, reason: parts.join('; ') };
}

export const CORE_DELEGATION_ROLES = ['politiker', 'chef', 'strateg'] as const;
const ROLE_SYNONYMS: Record<string, string> = {
  politician: 'politiker',
  politiker: 'politiker',
  chef: 'chef',
  manager: 'chef',
  tjansteman: 'chef',
  strateg: 'strateg',
  strategist: 'strateg',
  nyckelperson: 'strateg',
};

/** Share of the three core roles a delegation covers, with extra roles noted. */
export function delegationCompleteness(p: Party): CriterionResult {
  if (!p.delegation) return { value: NEUTRAL, reason: `unknown delegation of ${p.org.name}` };
  const roles = new Set(p.delegation.map((r) => ROLE_SYNONYMS[r.toLowerCase()] ?? r.toLowerCase()));
  const core = CORE_DELEGATION_ROLES.filter((r) => roles.has(r));
  const missing = CORE_DELEGATION_ROLES.filter((r) => !roles.has(r));
  const extra = [...roles].filter((r) => !(CORE_DELEGATION_ROLES as readonly string[]).includes(r)).sort();
  let reason = `${p.org.name}: ${core.length}/3 core roles`;
  if (missing.length) reason += ` (missing ${missing.join(', ')})`;
  if (extra.length) reason += `, also ${extra.join(', ')}`;
  return { value: core.length / 3, reason };
}

/** Two applicants: mean completeness of their delegations. */
export function scoreDelegation(a: Party, b: Party): CriterionResult {
  const da = delegationCompleteness(a);
  const db = delegationCompleteness(b);
  if (!a.delegation && !b.delegation) return { value: NEUTRAL, reason: `unknown delegations of ${a.org.name} and ${b.org.name}` };
  return { value: (da.value + db.value) / 2, reason: `${da.reason}; ${db.reason}` };
}

/**
 * Partner wishes ("gärna med"): 1 when either side wished to be grouped with the other, else 0.
 * Not neutral when no wish is stated: the criterion is a bonus for met wishes, and an instance
 * without any wish gives it weight 0.
 */
export function scoreWish(a: Party, b: Party): CriterionResult {
  const ab = a.wishes?.includes(b.org.id) ?? false;
  const ba = b.wishes?.includes(a.org.id) ?? false;
  if (ab && ba) return { value: 1, reason: `${a.org.name} and ${b.org.name} wish to be grouped together` };
  if (ab) return { value: 1, reason: `${a.org.name} wishes to be grouped with ${b.org.name}` };
  if (ba) return { value: 1, reason: `${b.org.name} wishes to be grouped with ${a.org.name}` };
  return { value: 0, reason: `no partner wish between ${a.org.name} and ${b.org.name}` };
}
