/**
 * Who joins when, within the fewest rounds: for each component an assignment of its members to
 * rounds 1…R whose counts the cascade allows, chosen to maximise the sum of the rounds' published
 * objectives (each round's groups and mentors solved by the matching engine).
 *
 * - Small components (at most EXHAUSTIVE_LIMIT assignments) are searched exhaustively with every
 *   round solved exactly: the best plan and its bound are then proven (when every round is).
 * - Larger ones start from a greedy schedule (the organisations nearest the available mentors join
 *   first) improved by local search (move one organisation to another round, swap two of different
 *   rounds), comparing plans by the engine's heuristic per round, within a fixed work budget; then a
 *   branch and bound over join rounds with the multi-round LP bound (value-branch.ts, value-lp.ts)
 *   improves the plan and proves it, or leaves an honest bound, within node and work limits.
 * - Components with too many possible groups for the LP (BRANCH_MAX_GROUPS) keep the local search
 *   and the relaxation bound: the best partition of all members into groups (pair scores, the
 *   engine's bound) plus, for each member, its best score with any mentor it could ever have.
 *
 * Invariants: every assignment returned puts each member in one round in 1…R; its counts pass
 * `canJoin` in every round for the mentors the component has by then; with the other components'
 * counts, no round exceeds maxNew. Deterministic for a given input.
 */
import type { CascadeParams } from './cascade.js';
import type { Component } from './components.js';
import type { RoundSolver } from './round-solver.js';
import type { Context } from './assignment.js';
import { countsFeasible, exactValue, roundSets, value } from './assignment.js';
import { branchAndBound } from './value-branch.js';
import { buildValueData } from './value-data.js';
import { type WarmStart, boundNode, newPool } from './value-lp.js';
import { type TreeWarm, boundTreeNode, newTreePool } from './tree-lp.js';

export const EXHAUSTIVE_LIMIT = 7000;
/** Engine work (Σ joins × (joins + mentors)) the local search may spend over the whole plan. */
export const SEARCH_WORK_BUDGET = 600_000;
/** Branch-and-bound nodes per component and LP work over the whole plan (deterministic limits). */
export const BRANCH_MAX_NODES = 2000;
/**
 * Skåne (28, two rounds, tree LP) is proven with 179 M of it, Västra Götaland at 12 per round
 * (multi-round LP) stops at it after about 6 s on the reference machine (2 shared cores); 220 M
 * leaves Skåne's proof a margin.
 */
export const BRANCH_MAX_WORK = 220_000_000;
/** The root's rounded plan gets this many times the local search's budget (on Västra Götaland at 12 per round the plan gains most there). */
export const POLISH_FACTOR = 4;
/** The LP enumerates every group while pricing: beyond this many (Västra Götaland: 19 600), the local search alone. */
export const BRANCH_MAX_GROUPS = 60_000;
/**
 * The LP has about members × rounds rows and a dense basis of rows²: beyond this (Västra Götaland at 12
 * per round: 49 × 5 = 245), the local search alone (a plan cut short at maxRounds = 20 had 14 × 20,
 * whose root LP alone took 8 s).
 */
export const BRANCH_MAX_MEMBER_ROUNDS = 250;

/** Whether a component is small enough for the branch and bound (its possible groups, its LP's rows). */
export function branchable(n: number, R: number, p: CascadeParams): boolean {
  if (n * R > BRANCH_MAX_MEMBER_ROUNDS) return false;
  let groups = 0;
  let choose = 1;
  for (let s = 1; s <= p.smax; s++) {
    choose = (choose * (n - s + 1)) / s;
    if (s >= p.smin) groups += choose;
  }
  return groups <= BRANCH_MAX_GROUPS;
}

export interface ComponentPlan {
  /** Round (1-based) of each member, in `component.members` order. */
  rounds: number[];
  method: 'exhaustive' | 'local-search' | 'branch-and-bound';
  /** Branch-and-bound nodes (method 'branch-and-bound'). */
  nodes?: number;
  /** LP work the branch and bound spent. */
  work?: number;
  /** Upper bound on the component's value over every feasible assignment within R rounds. */
  bound: number;
  /** True when the assignment is proven best (exhaustive, every round proven). */
  proven: boolean;
}

/** Greedy start (0 = not scheduled when the counts leave some out): round by round, the members with the best mentor score among the mentors available join. */
export function greedySchedule(comp: Component, counts: number[], solver: RoundSolver): number[] {
  const rounds = comp.members.map(() => 0);
  for (let r = 1; r <= counts.length; r++) {
    const { mentors } = roundSets(comp, rounds.map((x) => (x === 0 ? Infinity : x)), r);
    const affinity = (i: number) => {
      let best = -Infinity;
      for (const k of mentors) {
        const s = solver.mentorScore(k, comp.members[i]!);
        if (s !== null && s > best) best = s;
      }
      return best;
    };
    const free = comp.members.map((_, i) => i).filter((i) => rounds[i] === 0);
    const scored = free.map((i) => ({ i, a: affinity(i) })).sort((a, b) => b.a - a.a || a.i - b.i);
    for (const { i } of scored.slice(0, counts[r - 1]!)) rounds[i] = r;
  }
  return rounds;
}

export function localSearch(ctx: Context, start: number[], budget: number): number[] {
  const rounds = start.slice();
  const n = rounds.length;
  const stopAt = ctx.solver.work + budget;
  let current = value(ctx, rounds, 'quick').objective;
  const EPS = 1e-9;
  const tryCandidate = (): boolean => {
    if (!countsFeasible(ctx, rounds)) return false;
    const v = value(ctx, rounds, 'quick').objective;
    if (v > current + EPS) {
      current = v;
      return true;
    }
    return false;
  };
  for (let improved = true; improved && ctx.solver.work < stopAt; ) {
    improved = false;
    for (let i = 0; i < n && ctx.solver.work < stopAt; i++) {
      for (let r = 1; r <= ctx.R && ctx.solver.work < stopAt; r++) {
        const old = rounds[i]!;
        if (r === old) continue;
        rounds[i] = r;
        if (tryCandidate()) improved = true;
        else rounds[i] = old;
      }
      for (let j = i + 1; j < n && ctx.solver.work < stopAt; j++) {
        if (rounds[i] === rounds[j]) continue;
        [rounds[i], rounds[j]] = [rounds[j]!, rounds[i]!];
        if (tryCandidate()) improved = true;
        else [rounds[i], rounds[j]] = [rounds[j]!, rounds[i]!];
      }
    }
  }
  return rounds;
}

/** Every assignment of members to rounds 1…R with feasible counts; null when there are more than the limit. */
function allAssignments(ctx: Context, limit: number): number[][] | null {
  const n = ctx.comp.members.length;
  if (Math.pow(ctx.R, n) > limit) return null;
  const out: number[][] = [];
  const cur = new Array<number>(n).fill(1);
  const walk = (i: number) => {
    if (i === n) {
      if (countsFeasible(ctx, cur)) out.push(cur.slice());
      return;
    }
    for (let r = 1; r <= ctx.R; r++) {
      cur[i] = r;
      walk(i + 1);
    }
  };
  walk(0);
  return out;
}

/**
 * A quick upper bound on an assignment's value: per round, each member's best (smax − 1) pair
 * scores with the round's other joins, halved (a group's pair sum is half its members' sums), plus
 * its best score with a mentor available in that round.
 */
function cheapBound(ctx: Context, rounds: number[]): number {
  let total = 0;
  for (let r = 1; r <= ctx.R; r++) {
    const { joins, mentors } = roundSets(ctx.comp, rounds, r);
    for (const i of joins) {
      const ws = joins.filter((j) => j !== i).map((j) => ctx.solver.pairScore(i, j) ?? 0).sort((a, b) => b - a);
      total += ws.slice(0, ctx.p.smax - 1).reduce((s, w) => s + w, 0) / 2;
      let best = 0;
      for (const k of mentors) best = Math.max(best, ctx.solver.mentorScore(k, i) ?? 0);
      total += best;
    }
  }
  return total;
}

/** The relaxation bound of a component: best partition into groups (pair scores) + each member's best mentor score. */
export function relaxationBound(comp: Component, solver: RoundSolver): number {
  const { problem } = solver.buildProblem(comp.members, [], { mentorRequired: false, unplacedPenalty: 3, unmentoredPenalty: 0 });
  const pairs = solver.boundPartition(problem);
  const potential = [...comp.firstMentors, ...comp.persistent, ...comp.members];
  let mentor = 0;
  for (const i of comp.members) {
    let best = 0;
    for (const k of potential) {
      const s = solver.mentorScore(k, i);
      if (s !== null && s > best) best = s;
    }
    mentor += best;
  }
  return pairs + mentor;
}

/**
 * Plans one component: exhaustive when small (and not coupled to others by the per-round limit),
 * else greedy start + local search. `counts` is a feasible count schedule from the cascade.
 */
export function planComponent(
  comp: Component,
  counts: number[],
  others: number[],
  p: CascadeParams,
  solver: RoundSolver,
  opts: { budget: number; exhaustive: boolean; exhaustiveLimit?: number; branch?: { maxNodes: number; maxWork: number; trees?: boolean } },
): ComponentPlan {
  const ctx: Context = { comp, p, R: counts.length, others, solver };
  const all = opts.exhaustive ? allAssignments(ctx, opts.exhaustiveLimit ?? EXHAUSTIVE_LIMIT) : null;
  if (all && all.length) {
    // Branch and bound over the assignments: a cheap per-round bound orders them and prunes the
    // rest once it cannot beat the best exact value found.
    const ranked = all.map((a) => ({ a, ub: cheapBound(ctx, a) })).sort((x, y) => y.ub - x.ub);
    let best: number[] = ranked[0]!.a;
    let bestValue = -Infinity;
    let bound = -Infinity;
    let proven = true;
    for (const { a, ub } of ranked) {
      if (ub <= bestValue + 1e-9) break;
      const v = value(ctx, a, 'exact');
      if (v.objective > bestValue + 1e-9) {
        bestValue = v.objective;
        best = a;
      }
      bound = Math.max(bound, v.bound);
      if (!v.proven) proven = false;
    }
    return { rounds: best, method: 'exhaustive', bound: proven ? bestValue : Math.max(bound, bestValue), proven };
  }
  const start = greedySchedule(comp, counts, solver);
  const rounds = localSearch(ctx, start, opts.budget);
  if (!opts.branch || opts.branch.maxNodes <= 0 || !branchable(comp.members.length, ctx.R, p)) return { rounds, method: 'local-search', bound: relaxationBound(comp, solver), proven: false };
  // Branch and bound over join rounds with the multi-round LP; its limits are this component's
  // share of each round, so with other components its bound holds only for their counts: the
  // reported bound is then the root LP with the whole per-round limit.
  const found = exactValue(ctx, rounds);
  const data = buildValueData(comp, ctx.R, p, solver);
  const pool = newPool();
  const share = others.map((o) => p.maxNew - o);
  const polish = (start: number[]) => localSearch(ctx, start, POLISH_FACTOR * opts.budget);
  const incumbent = { rounds, value: found?.value ?? -Infinity };
  // Two rounds: the tree LP (tree-lp.ts), which keeps each round-1 group whole with the round-2
  // groups its members mentor; on Skåne it proves the plan the multi-round LP left 0.24 % open.
  // Its nodes' rounded plans find the best plan without the root polish (Skåne: same plan, same
  // 239 nodes, 2 s less), so the polish is kept for longer plans.
  const trees = newTreePool();
  const twoRounds = ctx.R === 2 && opts.branch.trees !== false;
  const options = { ...opts.branch, limits: share, ...(twoRounds ? {} : { polish }) };
  const bb = twoRounds
    ? branchAndBound(ctx, data, incumbent, options, (rules, warm: TreeWarm | null, left) => boundTreeNode(data, rules, share, trees, warm, left))
    : branchAndBound(ctx, data, incumbent, options, (rules, warm: WarmStart | null, left) => boundNode(data, rules, share, pool, 60, warm, left));
  const coupled = others.some((o) => o > 0) && Number.isFinite(p.maxNew);
  const whole = { fixed: new Int32Array(data.n), banned: null };
  const limits = others.map(() => p.maxNew);
  let bound = coupled ? (twoRounds ? boundTreeNode(data, whole, limits, trees, null) : boundNode(data, whole, limits, pool)).bound : bb.bound;
  // Without a search bound (root not reached) or without any plan that places everyone by the
  // engine (the assembled plan then carries some to later rounds), the partition relaxation, which
  // holds for every plan, is the bound.
  if (!Number.isFinite(bound) || !Number.isFinite(bb.value)) bound = Math.max(Number.isFinite(bound) ? bound : -Infinity, relaxationBound(comp, solver));
  return { rounds: bb.rounds, method: 'branch-and-bound', bound: Math.max(bound, bb.value), proven: bb.value >= bound - 1e-6, nodes: bb.nodes, work: bb.work };
}
