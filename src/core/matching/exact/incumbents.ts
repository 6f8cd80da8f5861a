/**
 * The k best complete solutions found so far (the warm start's first) and the pruning threshold
 * they set: a node is explored only if its bound beats the k-th best.
 *
 * Invariants: `best` is sorted by shifted value descending (ties keep the earlier one first), holds
 * at most k solutions and no two with the same groups and mentors; stored solutions are copies, so
 * the search may keep changing its path arrays.
 */
import type { Group, Solution } from '../problem.js';
import { SOLVER_EPS } from '../problem.js';
import type { SearchState } from './state.js';

/** The value a new solution must beat: the k-th best, or −∞ while fewer than k are known. */
export function threshold(s: SearchState): number {
  const best = s.best;
  return best.length < s.k ? -Infinity : best[s.k - 1]!.shifted;
}

function sameSolution(a: Solution, groups: Group[], unplaced: number[]): boolean {
  if (a.groups.length !== groups.length || a.unplaced.length !== unplaced.length) return false;
  const key = (g: Group) => `${[...g.members].sort((x, y) => x - y).join(',')}>${g.mentor}`;
  const sa = new Set(a.groups.map(key));
  return groups.every((g) => sa.has(key(g)));
}

export function insertSolution(s: SearchState, groups: Group[], unplaced: number[], shifted: number): void {
  const best = s.best;
  if (best.some((b) => sameSolution(b.sol, groups, unplaced))) return;
  const sol: Solution = {
    groups: groups.map((g) => ({ members: [...g.members], mentor: g.mentor })),
    unplaced: [...unplaced],
    objective: shifted - s.shift,
  };
  let pos = best.length;
  while (pos > 0 && best[pos - 1]!.shifted < shifted - SOLVER_EPS) pos--;
  best.splice(pos, 0, { sol, shifted });
  if (best.length > s.k) best.length = s.k;
}
