/**
 * How many groups the exact search would enumerate: admissible sets of smin…smax applicants (every
 * pair admissible). The search keeps one column per group with its mentor options, so this count
 * decides whether the search's memory and root LP fit (about 400 MB at 160 000 groups).
 *
 * Invariant: counting stops as soon as the count passes `limit` (the answer is then limit + 1), so
 * the cost stays bounded on large instances.
 */
import type { Problem } from './problem.js';

/** Above this many groups the exact search is not attempted (see exactSearchFits). */
export const MAX_SEARCH_GROUPS = 180_000;
/** Up to this many applicants the exact search always enumerates its groups (as it always has). */
export const ALWAYS_ENUMERATED_APPLICANTS = 60;

export function countGroupsUpTo(p: Pick<Problem, 'n' | 'smin' | 'smax' | 'adm'>, limit: number): number {
  const { n, smin, smax, adm } = p;
  let count = 0;
  const members: number[] = [];
  const extend = (start: number): boolean => {
    if (members.length >= smin && ++count > limit) return false;
    if (members.length >= smax) return true;
    for (let j = start; j < n; j++) {
      let ok = true;
      for (const x of members) if (!adm[x * n + j]) { ok = false; break; }
      if (!ok) continue;
      members.push(j);
      const more = extend(j + 1);
      members.pop();
      if (!more) return false;
    }
    return true;
  };
  extend(0);
  return Math.min(count, limit + 1);
}

/** Whether the exact search (with its group columns and LP bound) fits this instance. */
export function exactSearchFits(p: Pick<Problem, 'n' | 'smin' | 'smax' | 'adm'>): boolean {
  return p.n <= ALWAYS_ENUMERATED_APPLICANTS || countGroupsUpTo(p, MAX_SEARCH_GROUPS) <= MAX_SEARCH_GROUPS;
}
