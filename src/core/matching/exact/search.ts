/**
 * The full exact search: depth-first branch and bound over applicant partitions with the mentor of
 * each group chosen in the same tree. A node bounds the free applicants (bounds.ts; the dual bound
 * with the root's prices, re-tuned near the root), picks an applicant and tries its options best
 * first (branching.ts), each group with each mentor that has capacity left, or none.
 *
 * Values are shifted: `cur` is the shifted value of the path (groups' pair parts + Pu per member +
 * mentor parts), a node's bound is cur + what the free applicants can still add.
 *
 * Invariants: on return, `used`, `capLeft` and the path stacks are as they were on entry, and so
 * are the prices below the root (the root sets them for the whole search); every subtree cut off
 * had a bound at or below the threshold (the k-th best), or its bound went into openBound because
 * a limit stopped the search (so the reported bound stays valid).
 */
import { SOLVER_EPS } from '../problem.js';
import { bound, dualBound } from './bounds.js';
import { dropHopelessGroups } from './drop.js';
import { firstFree, listOptions, mentorChoices, pickBranchApplicant } from './branching.js';
import { insertSolution, threshold } from './incumbents.js';
import { limitReached, stoppedAtRoot } from './limits.js';
import { initRoot, retuneMentorPrices } from './root.js';
import type { SearchState } from './state.js';
import { refreshPriceFlags } from './state.js';

/** Depth up to which the search re-prices mentor capacity at each node. */
const RETUNE_DEPTH = 2;

export function search(s: SearchState, cur: number, nodeUb: number, depth: number): void {
  let pricesSaved: Float64Array | null = null;
  s.nodes++;
  if (limitReached(s, depth, nodeUb)) return;
  const { used, capLeft, prices, mu, stack, unplacedStack, levelUb } = s;
  let i = firstFree(s);
  if (i < 0) {
    if (cur > threshold(s) + SOLVER_EPS) insertSolution(s, stack, unplacedStack, cur);
    return;
  }
  const B = bound(s);
  if (cur + B <= threshold(s) + SOLVER_EPS) return;
  const y = s.yStack[depth]!;
  let D = Infinity;
  if (s.useColumns) {
    if (depth === 0) {
      initRoot(s, y);
      if (stoppedAtRoot(s, nodeUb)) return;
    } else y.set(s.yStack[depth - 1]!);
    D = dualBound(s, y, depth);
    if (depth === 0) s.rootDual = D;
    if (cur + D <= threshold(s) + SOLVER_EPS) return;
    D = dropHopelessGroups(s, y, depth, cur, D);
    if (depth === 0) s.rootDual = Math.min(s.rootDual, D);
    if (cur + D <= threshold(s) + SOLVER_EPS) return;
    if (depth > 0 && depth <= RETUNE_DEPTH && s.anyMu) {
      pricesSaved = Float64Array.from(prices);
      D = retuneMentorPrices(s, y, depth, D);
      if (cur + D <= threshold(s) + SOLVER_EPS) {
        prices.set(pricesSaved);
        refreshPriceFlags(s);
        return;
      }
    }
    i = pickBranchApplicant(s, y);
  }
  const options = listOptions(s, i, B, D, y);
  for (let x = 0; x < options.length; x++) {
    const o = options[x]!;
    if (cur + o.ub <= threshold(s) + SOLVER_EPS) break;
    if (s.aborted) {
      s.openBound = Math.max(s.openBound, cur + o.ub);
      continue;
    }
    levelUb[depth] = cur + o.ub;
    for (const j of o.members) used[j] = 1;
    if (o.unplaced) {
      unplacedStack.push(i);
      search(s, cur, cur + o.ub, depth + 1);
      unplacedStack.pop();
    } else {
      for (const [kk, val] of mentorChoices(s, o)) {
        const ub = o.ps + val + Math.min(o.restB, o.restD - (kk >= 0 ? mu[kk]! : 0));
        if (cur + o.ps + val + o.rest <= threshold(s) + SOLVER_EPS) break;
        if (cur + ub <= threshold(s) + SOLVER_EPS) continue;
        if (s.aborted) {
          s.openBound = Math.max(s.openBound, cur + ub);
          break;
        }
        if (kk >= 0) capLeft[kk]!--;
        stack.push({ members: o.members, mentor: kk });
        search(s, cur + o.ps + val, cur + ub, depth + 1);
        stack.pop();
        if (kk >= 0) capLeft[kk]!++;
      }
    }
    for (const j of o.members) used[j] = 0;
  }
  if (pricesSaved) {
    prices.set(pricesSaved);
    refreshPriceFlags(s);
  }
}
