/**
 * Partition cuts: valid inequalities over the groups of the free applicants that every partition
 * satisfies and the LP relaxation does not, one pair per component of the admissible-pair graph.
 * The root LP (root.ts) prices them (ρ ≥ 0); below the root the dual bound keeps those prices, so
 * each group pays Σ ρ·coef(|g|) and the bound adds Σ ρ·rhs(free applicants of its component).
 *
 * Invariants: rhs[f] is nondecreasing in f, so a parent's bound stays valid in its children (a
 * child has fewer free applicants); compFree must describe the current node before cutDrop or
 * priceCuts reads it (countFreeByComp).
 */
import type { SearchState } from './state.js';

export interface PartitionCut {
  /** Coefficient of a group column by group size. */
  coef: number[];
  /** Right-hand side by the number of free applicants (nondecreasing). */
  rhs: number[];
  /** Where the cover rows Σ_{g∋i} x_g ≤ 1 already imply the cut. */
  implied: boolean[];
}

/**
 * Cuts Σ_g coef[|g|]·x_g ≤ rhs[f] over the groups of f free applicants. Every partition of them
 * (each applicant in one group or unplaced) satisfies them; the LP relaxation does not:
 * - group count, coef = |g| − 1: Σ (|g| − 1)·x_g = placed − groups, and a partition needs at
 *   least ⌈placed/smax⌉ groups. The LP covers 22 applicants by 7⅓ fractional triples where a
 *   partition needs a pair (22/7, seed 1000: plain LP 24.50, with the cut 22.49, the optimum 22.49).
 * - placement, coef = |g|: only sums of group sizes can be placed (groups of exactly three leave
 *   23 mod 3 = 2 applicants out).
 * rhs[f] is the largest left-hand side any partition of f reaches (a knapsack over group sizes),
 * so it is nondecreasing in f and a parent's bound stays valid in its children. `implied[f]` holds
 * where the cover rows alone (Σ|g|·x_g ≤ f) already bound the left-hand side by rhs[f]: there the
 * cut only reshuffles the LP's duals and is left out.
 */
export function partitionCuts(n: number, smin: number, smax: number): PartitionCut[] {
  const sizes = Array.from({ length: smax + 1 }, (_, s) => s);
  const fs = Array.from({ length: n + 1 }, (_, f) => f);
  return [sizes.map((s) => s - 1), sizes].map((coef) => {
    // best[f]: the largest Σ coef over multisets of sizes in [smin, smax] with total ≤ f.
    const best = [0];
    for (let f = 1; f <= n; f++) {
      let b = best[f - 1]!;
      for (let s = smin; s <= Math.min(smax, f); s++) b = Math.max(b, best[f - s]! + coef[s]!);
      best.push(b);
    }
    let ratio = 0;
    for (let s = smin; s <= smax; s++) ratio = Math.max(ratio, coef[s]! / s);
    return { coef, rhs: best, implied: fs.map((f) => f * ratio <= best[f]! + 1e-9) };
  });
}

export function countFreeByComp(s: SearchState): void {
  const { compFree, used, appComp, n } = s;
  compFree.fill(0);
  for (let i = 0; i < n; i++) if (!used[i]) compFree[appComp[i]!]!++;
}

/**
 * What the cuts' prices give back when `size` free applicants of component K leave the free set
 * (compFree must describe the current node).
 */
export function cutDrop(s: SearchState, K: number, size: number): number {
  if (!s.anyRho) return 0;
  const { cuts, rho, nComp } = s;
  let d = 0;
  const f = s.compFree[K]!;
  for (let c = 0; c < cuts.length; c++) {
    const r = rho[c * nComp + K]!;
    if (r > 0) d += r * (cuts[c]!.rhs[f]! - cuts[c]!.rhs[f - size]!);
  }
  return d;
}

/** Cut rows (c·nComp + K) that the cover rows do not imply at the current node. */
export function activeCuts(s: SearchState): number[] {
  countFreeByComp(s);
  const { cuts, nComp, compFree, smin } = s;
  const out: number[] = [];
  for (let c = 0; c < cuts.length; c++) for (let K = 0; K < nComp; K++) {
    const f = compFree[K]!;
    if (f >= smin && !cuts[c]!.implied[f]) out.push(c * nComp + K);
  }
  return out;
}

/**
 * Fills cutCost (what the cuts' prices take from each group by component and size) for the current
 * node and returns Σ ρ·rhs(free applicants of the component), the cuts' part of the dual bound.
 */
export function priceCuts(s: SearchState): number {
  countFreeByComp(s);
  const { cuts, rho, nComp, compFree, cutCost, SZ, smin, smax } = s;
  let cutPart = 0;
  cutCost.fill(0);
  for (let c = 0; c < cuts.length; c++) {
    for (let K = 0; K < nComp; K++) {
      const r = rho[c * nComp + K]!;
      if (r === 0) continue;
      cutPart += r * cuts[c]!.rhs[compFree[K]!]!;
      for (let sz = smin; sz <= smax; sz++) cutCost[K * SZ + sz]! += r * cuts[c]!.coef[sz]!;
    }
  }
  return cutPart;
}
