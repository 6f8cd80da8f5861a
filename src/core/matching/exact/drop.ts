/**
 * Reduced-cost dropping at a node of the exact search: a group g whose bound "form g here",
 * base + D + v(g) − Σ_{i∈g} y_i − cutDrop, lies at or below the threshold (the k-th best) can be in
 * no solution of this node's subtree that beats the threshold, whenever on the path below it
 * would be formed (the value of a partition does not depend on the order its groups are formed).
 * So it leaves the node's alive list, which its children filter from, and the dual is swept again
 * over the rest: with fewer groups to cover, the y_i can only fall, and more groups may go.
 *
 * Why: the 60/25 bench draws' root LP lies 0.4–0.7 % above the optimum; without dropping, the
 * node bounds, swept from the parent's duals over every alive group, stayed there and the search
 * stopped at 10 s; with it the same draws prove in 1–3 s (and 40/20 needs a third of the nodes).
 *
 * Invariants: only the alive list of `depth` changes (the parent's stays whole, so siblings see
 * every group again); the bound returned is valid for every solution of the subtree above the
 * threshold, which is all a branch and bound needs (with k best, the threshold is the k-th best).
 */
import { SOLVER_EPS } from '../problem.js';
import { dualBound } from './bounds.js';
import { countFreeByComp, cutDrop } from './cuts.js';
import { threshold } from './incumbents.js';
import type { SearchState } from './state.js';

/** Passes of dropping and re-sweeping per node (a third pass rarely drops anything). */
const DROP_PASSES = 2;

/**
 * `base` is the path's value (plus the formed groups' mentor parts in the deferred search), `D`
 * the node's dual bound from dualBound (which left vg and cutCost for this node). Returns the
 * node's bound after dropping.
 */
export function dropHopelessGroups(s: SearchState, y: Float64Array, depth: number, base: number, D: number): number {
  const { smax, gFlat, gSize, vg, appComp, cutCost, SZ, aliveStack, aliveCount } = s;
  const alive = aliveStack[depth]!;
  for (let pass = 0; pass < DROP_PASSES; pass++) {
    const t = threshold(s);
    if (t === -Infinity) return D;
    const anyRho = s.anyRho;
    if (anyRho) countFreeByComp(s);
    const cnt = aliveCount[depth]!;
    let keep = 0;
    for (let x = 0; x < cnt; x++) {
      const g = alive[x]!;
      const v = vg[g]!;
      if (v !== v) continue; // NaN: no mentor option left, the group cannot be formed here
      const sz = gSize[g]!;
      const K = appComp[gFlat[g * smax]!]!;
      // vg is the group's priced value less its cut cost; forming it gives back cutDrop instead.
      let ub = base + D + v + (anyRho ? cutCost[K * SZ + sz]! - cutDrop(s, K, sz) : 0);
      for (let q = 0; q < sz; q++) ub -= y[gFlat[g * smax + q]!]!;
      if (ub > t + SOLVER_EPS) alive[keep++] = g;
    }
    if (keep === cnt) return D;
    aliveCount[depth] = keep;
    const d = dualBound(s, y, depth, false);
    if (!(d < D - 1e-9)) return Math.min(D, d);
    D = d;
  }
  return D;
}
