/**
 * One round of a rollout plan, solved by the matching engine: the round's new participants are the
 * applicants, the mentors available in that round are the mentors (each with `capacity` groups),
 * every group must have a mentor, and the county rule decides which pairs and mentor–member pairs
 * are admissible. Scores are the engine's published pair scores (default weights), computed once
 * per pair and cached, so every round of a plan and every plan compared uses the same numbers.
 *
 * Invariants: a solved round's groups respect sizes, capacities, admissibility and the mentor rule
 * (the engine's checkSolution); `objective` is the engine's published objective of the round;
 * results are cached by (joins, mentors, mode) and are deterministic.
 */
import type { Organisation, World } from '../model.js';
import type { Problem, Solution } from '../matching/problem.js';
import { evaluate } from '../matching/problem.js';
import { DEFAULT_PENALTIES } from '../matching/instance.js';
import { solveHeuristic } from '../matching/heuristic.js';
import { solveProblem } from '../matching/solve.js';
import type { Optimality } from '../matching/solve.js';
import { AppError } from '../errors.js';
import type { ScoringContext } from '../scoring/context.js';
import { buildScoringContext } from '../scoring/context.js';
import type { Party } from '../scoring/criteria.js';
import { scoreApplicantPair, scoreMentorApplicant } from '../scoring/pair-score.js';
import { DEFAULT_WEIGHTS } from '../scoring/types.js';
import type { RolloutCountyRule } from './model.js';
import { pairAllowed } from './model.js';

export interface SolvedRound {
  groups: { members: string[]; mentor: string }[];
  unplaced: string[];
  objective: number;
  optimality: Optimality;
}

/** Node limit of the exact search per round (deterministic). */
export const ROUND_MAX_NODES = 30_000;
/** Above this many joins a round is solved by the engine's heuristic with its bound. */
export const ROUND_EXACT_UP_TO = 60;

export class RoundSolver {
  private readonly ctx: ScoringContext;
  private readonly parties = new Map<string, Party>();
  private readonly pairCache = new Map<string, number>();
  private readonly mentorCache = new Map<string, number>();
  private readonly roundCache = new Map<string, SolvedRound>();
  /** Engine work done so far (Σ joins × (joins + mentors) over solves not found in the cache). */
  work = 0;

  constructor(
    world: World,
    programme: string,
    private readonly orgs: Map<string, Organisation>,
    private readonly county: RolloutCountyRule,
    private readonly capacity: number,
    private readonly smin: number,
    private readonly smax: number,
  ) {
    this.ctx = buildScoringContext(world, programme);
  }

  private party(id: string): Party {
    let p = this.parties.get(id);
    if (!p) {
      const org = this.orgs.get(id)!;
      p = { org, focus: [...org.focus], delegation: null };
      this.parties.set(id, p);
    }
    return p;
  }

  /** The applicant-pair score, or null when the county rule excludes the pair. */
  pairScore(a: string, b: string): number | null {
    if (!pairAllowed(this.county, this.orgs.get(a)!, this.orgs.get(b)!)) return null;
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    let s = this.pairCache.get(key);
    if (s === undefined) {
      s = scoreApplicantPair(this.party(a), this.party(b), DEFAULT_WEIGHTS, this.ctx).score;
      this.pairCache.set(key, s);
    }
    return s;
  }

  /** The mentor–applicant score, or null when the county rule excludes the pair. */
  mentorScore(mentor: string, applicant: string): number | null {
    if (mentor === applicant || !pairAllowed(this.county, this.orgs.get(mentor)!, this.orgs.get(applicant)!)) return null;
    const key = `${mentor}>${applicant}`;
    let s = this.mentorCache.get(key);
    if (s === undefined) {
      s = scoreMentorApplicant(this.party(mentor), this.party(applicant), DEFAULT_WEIGHTS, this.ctx).score;
      this.mentorCache.set(key, s);
    }
    return s;
  }

  /** Pair scores of `ids` (n×n, symmetric) and which pairs are admissible. */
  pairMatrix(ids: readonly string[]): { w: Float64Array; adm: Uint8Array } {
    const n = ids.length;
    const w = new Float64Array(n * n);
    const adm = new Uint8Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const s = this.pairScore(ids[i]!, ids[j]!);
        if (s === null) continue;
        adm[i * n + j] = adm[j * n + i] = 1;
        w[i * n + j] = w[j * n + i] = s;
      }
    return { w, adm };
  }

  /** Each mentor's score with each of `ids` (u[k·n + i]) and which are admissible. */
  mentorMatrix(mentors: readonly string[], ids: readonly string[]): { u: Float64Array; madm: Uint8Array } {
    const n = ids.length;
    const u = new Float64Array(mentors.length * n);
    const madm = new Uint8Array(mentors.length * n);
    mentors.forEach((k, x) => {
      for (let i = 0; i < n; i++) {
        const s = this.mentorScore(k, ids[i]!);
        if (s === null) continue;
        madm[x * n + i] = 1;
        u[x * n + i] = s;
      }
    });
    return { u, madm };
  }

  /** The engine's numeric problem for a round (mentors that can serve none of the joins are left out). */
  buildProblem(joins: string[], mentors: string[], opts: { mentorRequired: boolean; unplacedPenalty?: number; unmentoredPenalty?: number } = { mentorRequired: true }): { problem: Problem; mentorIds: string[] } {
    const n = joins.length;
    const useful = mentors.filter((k) => joins.some((i) => this.mentorScore(k, i) !== null));
    const m = useful.length;
    const { w, adm } = this.pairMatrix(joins);
    const { u, madm } = this.mentorMatrix(useful, joins);
    const problem: Problem = {
      n,
      m,
      smin: this.smin,
      smax: this.smax,
      w,
      adm,
      u,
      madm,
      cap: new Int32Array(m).fill(this.capacity),
      Pu: opts.unplacedPenalty ?? DEFAULT_PENALTIES.unplacedApplicant,
      Pm: opts.unmentoredPenalty ?? DEFAULT_PENALTIES.unmentoredGroup,
      mentorRequired: opts.mentorRequired,
      pinPartners: Array.from({ length: n }, () => []),
      pinMentor: new Int32Array(n).fill(-1),
    };
    return { problem, mentorIds: useful };
  }

  /** The engine's upper bound on a problem's optimum (proven optimum where the search finishes). */
  boundPartition(problem: Problem): number {
    if (problem.n === 0) return 0;
    this.work += problem.n * problem.n;
    const res = solveProblem(problem, { seed: 1, maxNodes: ROUND_MAX_NODES, method: problem.n <= ROUND_EXACT_UP_TO ? 'exact' : 'heuristic' }, () =>
      new AppError('infeasible', 'No grouping of the round satisfies the rules', [{ field: 'groupSize', message: 'no grouping' }]),
    );
    return res.optimality.bound;
  }

  /**
   * Solves a round. 'quick': the engine's heuristic (used to compare candidate plans); 'exact': the
   * engine's branch and bound within ROUND_MAX_NODES (heuristic with a bound above ROUND_EXACT_UP_TO joins).
   */
  solve(joins: string[], mentors: string[], mode: 'quick' | 'exact'): SolvedRound {
    const J = [...joins].sort();
    const M = [...mentors].sort();
    const key = `${mode}|${J.join(',')}|${M.join(',')}`;
    const hit = this.roundCache.get(key);
    if (hit) return hit;
    if (mode === 'quick') {
      const exact = this.roundCache.get(`exact|${J.join(',')}|${M.join(',')}`);
      if (exact) return exact;
    }
    const { problem, mentorIds } = this.buildProblem(J, M);
    this.work += J.length * (J.length + mentorIds.length);
    let sol: Solution;
    let optimality: Optimality;
    if (J.length === 0) {
      sol = { groups: [], unplaced: [], objective: 0 };
      optimality = { status: 'proven-optimal', bound: 0, gap: 0 };
    } else if (mode === 'quick') {
      sol = solveHeuristic(problem, { seed: 1, kicks: 2 }).solution;
      optimality = { status: 'heuristic', bound: Infinity, gap: Infinity, relativeGap: Infinity, reason: 'quick comparison only' };
    } else {
      const res = solveProblem(
        problem,
        { seed: 1, maxNodes: ROUND_MAX_NODES, method: J.length <= ROUND_EXACT_UP_TO ? 'exact' : 'heuristic' },
        () => new AppError('infeasible', 'No grouping of the round satisfies the rules', [{ field: 'groupSize', message: 'no grouping' }]),
      );
      sol = res.solutions[0]!;
      optimality = res.optimality;
    }
    const out: SolvedRound = {
      groups: sol.groups.map((g) => ({ members: g.members.map((i) => J[i]!).sort(), mentor: mentorIds[g.mentor]! })),
      unplaced: sol.unplaced.map((i) => J[i]!).sort(),
      objective: evaluate(problem, sol.groups, sol.unplaced.length),
      optimality,
    };
    this.roundCache.set(key, out);
    return out;
  }
}
