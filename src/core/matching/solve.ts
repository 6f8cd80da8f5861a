/**
 * Runs the solvers on a numeric problem and says how good the answer is: the heuristic gives a warm
 * start; the exact branch and bound then proves optimality, or stops at its node limit (or an
 * optional deadline) and reports the best bound and the gap. Very large instances skip the search
 * and report the gap to the root bound.
 */
import { AppError } from '../errors.js';
import { columnDualBound } from './bound.js';
import { runColumnGeneration } from './colgen-bound.js';
import { improveByNeighbourhoods } from './lns.js';
import type { SearchControl } from './control.js';
import { trackControl } from './control.js';
import { DEFAULT_MAX_NODES, solveExact } from './exact.js';
import { exactSearchFits } from './group-count.js';
import { assignMentors, solveHeuristic } from './heuristic.js';
import type { Problem, Solution } from './problem.js';
import { SOLVER_EPS } from './problem.js';

export interface SolveOptions {
  /** Node limit of the exact search (deterministic). Default 400 000. */
  maxNodes?: number;
  /** Wall-clock limit of the exact search in ms (the result then depends on timing). */
  timeLimitMs?: number;
  /** Above this many applicants the exact search is skipped. Default EXACT_MAX_APPLICANTS (120); it is skipped too where its groups do not fit (group-count.ts). */
  exactMaxApplicants?: number;
  /** 'exact' (default: search, then fall back), 'heuristic' (no search; root bound only). */
  method?: 'exact' | 'heuristic';
  /** Number of best distinct solutions to keep (alternatives). */
  k?: number;
  seed?: number;
  features?: number[][];
  /**
   * Above the exact search's range: time in ms, after the heuristic, for the large-neighbourhood
   * search (the first half) and the column-generation bound (the rest). Default 0: neither runs, and the result depends on
   * input and seed alone. Single proposals ask for it; what-ifs, sensitivity and rollouts, which
   * solve many variants, do not.
   */
  largeSearchMs?: number;
  /** Progress reports and a stop request (control.ts); stopping keeps the best so far as `heuristic`. */
  control?: SearchControl;
}

export type Optimality =
  | { status: 'proven-optimal'; bound: number; gap: 0 }
  | { status: 'heuristic'; bound: number; gap: number; relativeGap: number; reason: string };

/** Above this many applicants the exact search is not attempted (see also exactSearchFits). */
export const EXACT_MAX_APPLICANTS = 120;

/**
 * Above the exact search's range, shares of largeSearchMs counted from the solve's start: the
 * heuristic starts no kick after the first, the column-generation bound ends by the second, and
 * large-neighbourhood search has the rest. The bound decides the reported gap (at 290/100 it needs
 * about 3.5–4 s on a quiet machine) while late kicks and LNS move the answer by hundredths of a
 * percent there: with 0.7 and every kick, two of three 290/100 draws were cut before convergence
 * (gap 3.4–3.5 % instead of 0.8 %) when the machine ran a little slow.
 */
const LARGE_KICK_SHARE = 0.25;
const LARGE_BOUND_SHARE = 0.85;

export interface SolveResult {
  solutions: Solution[];
  optimality: Optimality;
  method: 'branch-and-bound' | 'local-search';
  nodes: number;
  /** null when the greedy baseline breaks a pin (then no baseline exists). */
  greedyObjective: number | null;
  heuristicObjective: number | null;
}

/** Whether a solution meets every hard rule (sizes, admissibility, pins, capacities, mentor rule). */
export function checkSolution(p: Problem, s: Solution): string[] {
  const errors: string[] = [];
  const seen = new Int32Array(p.n);
  const load = new Int32Array(p.m);
  for (const g of s.groups) {
    if (g.members.length < p.smin || g.members.length > p.smax) errors.push(`group size ${g.members.length}`);
    const set = new Set(g.members);
    for (const i of g.members) {
      seen[i]!++;
      for (const j of p.pinPartners[i]!) if (!set.has(j)) errors.push(`pin ${i}-${j} split`);
      if (p.pinMentor[i]! >= 0 && g.mentor !== p.pinMentor[i]) errors.push(`pinned mentor of ${i}`);
      for (const j of g.members) if (i < j && !p.adm[i * p.n + j]) errors.push(`inadmissible pair ${i}-${j}`);
      if (g.mentor >= 0 && !p.madm[g.mentor * p.n + i]) errors.push(`inadmissible mentor ${g.mentor}-${i}`);
    }
    if (g.mentor >= 0) load[g.mentor]!++;
    else if (p.mentorRequired) errors.push('group without mentor');
  }
  for (const i of s.unplaced) {
    seen[i]!++;
    if (p.pinPartners[i]!.length || p.pinMentor[i]! >= 0) errors.push(`pinned applicant ${i} unplaced`);
  }
  for (let i = 0; i < p.n; i++) if (seen[i] !== 1) errors.push(`applicant ${i} appears ${seen[i]} times`);
  for (let k = 0; k < p.m; k++) if (load[k]! > p.cap[k]!) errors.push(`mentor ${k} over capacity`);
  return errors;
}

function totalCapacity(p: Problem): number {
  let c = 0;
  for (let k = 0; k < p.m; k++) c += p.cap[k]!;
  return c;
}

export function solveProblem(p: Problem, opts: SolveOptions = {}, explainInfeasible: () => AppError): SolveResult {
  const seed = opts.seed ?? 1;
  const solveStart = Date.now();
  const tracker = trackControl(opts.control);
  // The exact search takes instances up to exactMaxApplicants whose groups it can enumerate
  // (group-count.ts); above that the heuristic, large-neighbourhood search and the LP bound.
  const exactRange = (opts.method ?? 'exact') === 'exact' && p.n <= (opts.exactMaxApplicants ?? EXACT_MAX_APPLICANTS) && exactSearchFits(p);
  const largeMs = exactRange ? 0 : (opts.largeSearchMs ?? 0);
  const h = solveHeuristic(p, {
    seed,
    features: opts.features,
    ...(largeMs > 0 ? { kickDeadline: solveStart + largeMs * LARGE_KICK_SHARE } : {}),
    ...(tracker ? { tick: (best: number) => tracker.tick({ best }) } : {}),
  });
  const shouldStop = tracker ? () => tracker.poll() : undefined;
  // Above the exact search's range, within largeMs of the solve's start (the heuristic included):
  // first the LP over all groups by column generation (it converges in a few seconds at 200
  // applicants and decides the reported gap), then large-neighbourhood search until the end.
  let largeBound = { bound: Infinity, converged: false };
  if (largeMs > 0 && p.n <= 400) {
    const deadline = solveStart + largeMs * LARGE_BOUND_SHARE;
    largeBound = runColumnGeneration(p, { incumbent: h.solution, deadline, shouldStop });
  }
  if (largeMs > 0) {
    h.solution = improveByNeighbourhoods(p, h.solution, { seed, features: opts.features, deadline: solveStart + largeMs, shouldStop });
  }
  const incumbents = [h.solution, h.greedy].filter((s) => checkSolution(p, s).length === 0);
  tracker?.tick({ best: incumbents.length ? Math.max(...incumbents.map((s) => s.objective)) : null }, true);
  const maxNodes = opts.maxNodes ?? DEFAULT_MAX_NODES;
  // The limit counts from the solve's start: the heuristic's time is part of it.
  const deadline = exactRange && opts.timeLimitMs !== undefined ? solveStart + opts.timeLimitMs : undefined;
  const base = {
    // Without a search the heuristic must supply the answer; if it found none that meets the pins,
    // a short search looks for one.
    maxNodes: exactRange ? maxNodes : incumbents.length ? 0 : Math.min(maxNodes, 20_000),
    deadline,
    k: opts.k ?? 1,
    assignMentors: (lists: number[][]) => assignMentors(p, lists),
    ...(tracker ? { tick: (view: { best: number | null; bound: number; nodes: number }) => tracker.tick(view), stopRequested: () => tracker.poll() } : {}),
  };
  // One solution and mentors enough for a partition into largest groups: branch on partitions
  // only and assign mentors at the leaves (fewer nodes). With scarce mentors the capacity must be
  // tracked in the search itself, which the full search does; it also takes over when the
  // deferred search stops at its limit, starting from what that search found.
  const defer = exactRange && (opts.k ?? 1) === 1 && totalCapacity(p) >= Math.ceil(p.n / p.smax);
  let r = solveExact(p, { ...base, incumbents, deferMentors: defer });
  let nodesUsed = r.nodes;
  if (defer && !r.complete && p.n <= 30 && (deadline === undefined || Date.now() < deadline) && !tracker?.stopped()) {
    const full = solveExact(p, { ...base, incumbents: [...r.solutions, ...incumbents], deferMentors: false });
    nodesUsed += full.nodes;
    r = full.complete ? full : { ...full, bound: Math.min(full.bound, r.bound) };
  }
  r = { ...r, nodes: nodesUsed };
  if (r.solutions.length === 0) {
    if (r.complete) throw explainInfeasible();
    throw new AppError('infeasible', `No proposal satisfying the rules was found within the search limit (${maxNodes} nodes); the pins and mentor rules may conflict.`, [
      { field: 'rules', message: 'no feasible proposal found' },
    ]);
  }
  const best = r.solutions[0]!;
  // Without a finished search, tighten the reported bound with the column dual where it is cheap
  // enough (pairs and triples enumerated on the fly: fine up to a few hundred applicants).
  // (A converged column generation is the LP optimum: no sweep over the same groups can beat it.)
  if (!r.complete && p.n <= 400 && !largeBound.converged) r.bound = Math.max(best.objective, Math.min(r.bound, columnDualBound(p)));
  // Above the exact search's range, the column-generation bound computed first (the search's own
  // root LP covers the range below).
  if (!r.complete && largeBound.bound < Infinity) r.bound = Math.max(best.objective, Math.min(r.bound, largeBound.bound));
  const stopped = !r.complete && tracker?.stopped() === true;
  tracker?.tick({ best: best.objective, bound: r.bound, totalNodes: r.nodes }, true);
  const optimality: Optimality = r.complete
    ? { status: 'proven-optimal', bound: best.objective, gap: 0 }
    : {
        status: 'heuristic',
        bound: r.bound,
        gap: Math.max(0, r.bound - best.objective),
        relativeGap: Math.max(0, r.bound - best.objective) / Math.max(SOLVER_EPS, Math.abs(r.bound)),
        reason: stopped
          ? `search stopped (on request or at the job time limit) after ${r.nodes} nodes; best so far kept; bound: the least of the open search nodes' bounds, the root LP dual and the column dual`
          : exactRange
          ? `exact search stopped after ${r.nodes} nodes${opts.timeLimitMs !== undefined ? ` or ${opts.timeLimitMs} ms` : ''}; bound: the least of the open search nodes' bounds, the root LP dual and the column dual`
          : `instance above ${opts.exactMaxApplicants ?? EXACT_MAX_APPLICANTS} applicants, too many groups for the exact search, or heuristic requested; ${
              largeMs > 0
                ? 'bound: the least of a capacity-aware per-applicant bound, an LP dual over all admissible pairs and triples, and the LP relaxation over all groups by column generation (made dual feasible)'
                : 'bound: the lesser of a capacity-aware per-applicant bound and an LP dual over all admissible pairs and triples'
            }`,
      };
  return {
    solutions: r.solutions,
    optimality,
    method: exactRange ? 'branch-and-bound' : 'local-search',
    nodes: r.nodes,
    greedyObjective: checkSolution(p, h.greedy).length === 0 ? h.greedy.objective : null,
    heuristicObjective: checkSolution(p, h.solution).length === 0 ? h.solution.objective : null,
  };
}
