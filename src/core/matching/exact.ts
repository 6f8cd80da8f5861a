/**
 * Exact branch and bound over applicant partitions with the mentor of each group chosen in the
 * same search (or, deferred, at the leaves). Works in "shifted" values (each placed applicant earns
 * Pu, so leaving one out is 0), which equals objective + n·Pu.
 *
 * The parts, each in its own file under exact/:
 * - state.ts: what one solve keeps between nodes; columns.ts: every admissible, pin-closed group
 *   with its mentor options (the columns of the set-partitioning view).
 * - search.ts, branching.ts: one free applicant (the one with the fewest live groups, then the
 *   largest dual value) either stays unplaced or joins one of its admissible groups of free
 *   applicants (whole pin components); each group gets one of the mentors with capacity left, or
 *   none. The branches partition the solutions, so every partition is enumerated once (no
 *   symmetric duplicates).
 * - bounds.ts: (1) an LP-dual bound over all group columns of free applicants, with mentor capacity
 *   priced by Lagrangian multipliers μ chosen at the root; (2) a capacity-aware bound: each free
 *   applicant earns at most Pu + half the sum of its best (smax−1) admissible pair scores among
 *   free applicants + its best available mentor score (or −Pm/smax without one); at most
 *   (capacity left × smax) applicants can be mentored, so only the largest mentor gains count.
 * - root.ts, root-lp.ts, cuts.ts: when mentor capacity binds (μ > 0 at the root) or a partition cut is not
 *   implied (the applicants do not split evenly into groups of the largest size), the root's duals
 *   are replaced by the optimal duals of the LP relaxation strengthened by the partition cuts (a
 *   small primal simplex, simplex.ts), one pair of cuts per component of the admissible-pair graph;
 *   the cuts' prices ρ stay in the bound below the root. The sweep alone stayed 2–3 % above the
 *   plain LP on 20/6, and the plain LP 9 % above the optimum on 22/7.
 * - drop.ts: at every node, the groups whose reduced cost exceeds the gap to the incumbent leave
 *   the node's subtree (no solution there above the incumbent can hold them), and the dual is swept
 *   again over the rest. This is what proves 60-applicant rounds: their root LP lies 0.4–0.7 %
 *   above the optimum, and the node bounds close that only once the hopeless groups are gone.
 * - deferred.ts: the mentor-deferred variant (the default for a single solution): branches on the
 *   partition only; formed groups count their best mentor (priced by μ for the dual bound, unpriced
 *   for the capacity-aware bound) and each leaf assigns mentors optimally by the Hungarian method.
 * - incumbents.ts: a warm start (the heuristic's solution) sets the first pruning threshold; the k
 *   best complete solutions are kept and the threshold is the k-th best.
 * - limits.ts: a node limit (deterministic), an optional deadline and an optional stop request
 *   (opts.stopRequested, polled at every node); when one stops the search the result carries the
 *   best open bound, so the caller can report a gap.
 *
 * Invariant of the result: `bound` ≥ the best objective, equal to it when `complete`; with a limit
 * it is the least of the open nodes' bounds, the root bound and the root LP dual.
 */
import type { Problem, Solution } from './problem.js';
import { bound } from './exact/bounds.js';
import { searchDeferred } from './exact/deferred.js';
import { insertSolution } from './exact/incumbents.js';
import { search } from './exact/search.js';
import { SearchState } from './exact/state.js';

export type { PartitionCut } from './exact/cuts.js';
export { partitionCuts } from './exact/cuts.js';
export { DEFAULT_MAX_NODES } from './exact/limits.js';

export interface ExactOptions {
  /** Stop after this many search nodes (deterministic limit). */
  maxNodes?: number;
  /** Stop when Date.now() passes this time (makes the result timing-dependent). */
  deadline?: number;
  /** Keep the k best distinct solutions. */
  k?: number;
  /**
   * Branch on the partition only and assign mentors at the leaves (needs assignMentors; k = 1).
   * Fewer nodes when many mentors could serve each group.
   */
  deferMentors?: boolean;
  /** Optimal mentors for fixed groups (the Hungarian method in heuristic.ts); `drop` lists groups that cannot be served. */
  assignMentors?: (groups: number[][]) => { mentors: number[]; drop: number[] };
  /** Known feasible solutions to start from. */
  incumbents?: Solution[];
  /**
   * Called every 16 nodes with the best objective, the current global bound and the node count
   * (see control.ts) to report progress; returning true stops the search like a limit does.
   */
  tick?: (view: { best: number | null; bound: number; nodes: number }) => boolean;
  /** Polled at every node (cheap: a flag); true stops the search like a limit does. */
  stopRequested?: () => boolean;
  /** Above this many columns a node's LP is solved by column generation (default 300 000; tests lower it). */
  pricedLpColumns?: number;
}

export interface ExactResult {
  /** Best first, at most k. */
  solutions: Solution[];
  /** True when the search finished: solutions[0] is optimal (and the list is the true k best). */
  complete: boolean;
  /** Upper bound on the objective (equals the best objective when complete). */
  bound: number;
  nodes: number;
}

export function solveExact(p: Problem, opts: ExactOptions = {}): ExactResult {
  const s = new SearchState(p, opts);
  for (const sol of opts.incumbents ?? []) insertSolution(s, sol.groups, sol.unplaced, sol.objective + s.shift);
  const rootUb = bound(s);
  const defer = (opts.deferMentors ?? false) && s.useColumns && s.k === 1 && opts.assignMentors !== undefined;
  if (defer) searchDeferred(s, 0, rootUb, 0);
  else search(s, 0, rootUb, 0);
  const top = s.best[0]?.shifted ?? -Infinity;
  const complete = !s.aborted;
  const ub = complete ? top : Math.max(top, Math.min(s.openBound, rootUb, s.rootDual));
  return {
    solutions: s.best.map((b) => b.sol),
    complete,
    bound: ub - s.shift,
    nodes: s.nodes,
  };
}

/** The root bound alone (for reporting a gap on instances too large to search). */
export function rootBound(p: Problem): number {
  const r = solveExact(p, { maxNodes: 0 });
  return r.bound;
}
