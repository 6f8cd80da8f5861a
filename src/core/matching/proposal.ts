/**
 * Proposal for a round: normalises the instance, scores every pair, solves, and writes the output
 * a person or program can re-check from itself alone: every group with every term of the objective,
 * the penalties applied, every applicant-pair and mentor–applicant score with its breakdown, the
 * objective, and whether it is proven optimal or heuristic with a bound and gap.
 * Invariant: output.objective equals the sum of all group terms and penalties listed (rounded 1e-6).
 */
import { mean, standardDeviation } from 'simple-statistics';
import { AppError } from '../errors.js';
import type { World } from '../model.js';
import type { ScoringContext } from '../scoring/context.js';
import { buildScoringContext } from '../scoring/context.js';
import type { CriterionId, PairScore, WeightedCriterion, Weights } from '../scoring/types.js';
import { round6 } from '../scoring/types.js';
import type { InstanceInput, MentorParty, NormalisedInstance, Penalties, Rules } from './instance.js';
import { normaliseInstance } from './instance.js';
import type { Problem, ScoredProblem, Solution } from './problem.js';
import { buildProblem } from './problem.js';
import type { Optimality, SolveOptions } from './solve.js';
import { solveProblem } from './solve.js';

export const PROPOSAL_FORMAT = 'modellkommuner.proposal/1';
export const OBJECTIVE_TEXT =
  'objective = Σ over groups [ Σ over member pairs {i,j} pairScore(i,j) + (mentor k ? Σ over members i mentorScore(k,i) : −penalties.unmentoredGroup) ] − penalties.unplacedApplicant × (number of unplaced applicants); each score is the weighted mean of its criteria (Σ weight·value / Σ weight), rounded to 6 decimals';

export interface OrgRef {
  id: string;
  name: string;
}

export type Term =
  | { kind: 'pair'; a: string; b: string; score: number }
  | { kind: 'mentor'; mentor: string; applicant: string; score: number }
  | { kind: 'unmentored-group'; value: number };

export interface ProposalGroup {
  id: string;
  members: OrgRef[];
  mentor: OrgRef | null;
  /** Mentors with spare capacity attached when rules.supportingMentors is set; they add no term. */
  supportingMentors: OrgRef[];
  terms: Term[];
  /** Sum of the terms. */
  value: number;
  /** The strongest reasons behind the group, readable. */
  reasons: string[];
}

export interface ScoreEntry {
  score: number;
  admissible: boolean;
  /** The rules that exclude the pair (empty when admissible). */
  excludedBy: string[];
  breakdown: Partial<Record<CriterionId, WeightedCriterion>>;
}

export interface Proposal {
  format: typeof PROPOSAL_FORMAT;
  programme: string;
  round: string | null;
  seed: number;
  objectiveFunction: string;
  weights: Weights;
  penalties: Penalties;
  rules: Rules;
  mentorSource: 'instance' | 'default';
  applicants: (OrgRef & { kind: string; countyCode: string | null; focus: string[]; delegation: string[] | null })[];
  mentors: (OrgRef & { capacity: number; used: number })[];
  groups: ProposalGroup[];
  unplaced: (OrgRef & { reason: string })[];
  penaltiesApplied: { kind: 'unmentored-group' | 'unplaced-applicant'; ids: string[]; value: number }[];
  objective: number;
  optimality: Optimality;
  solver: { method: 'branch-and-bound' | 'local-search'; nodes: number; greedyObjective: number | null; heuristicObjective: number | null };
  scores: {
    applicantPairs: ({ a: string; b: string } & ScoreEntry)[];
    mentorApplicant: ({ mentor: string; applicant: string } & ScoreEntry)[];
  };
}

export interface ProposeOptions extends SolveOptions {
  /** 'all' (default) lists every pair score with breakdown; 'none' omits the lists (large instances). */
  listScores?: 'all' | 'none';
}

/** Everything needed to solve an instance again with changed rules (what-if, alternatives). */
export interface Prepared {
  world: World;
  inst: NormalisedInstance;
  ctx: ScoringContext;
  scored: ScoredProblem;
  features: number[][];
}

export function prepare(world: World, input: InstanceInput): Prepared {
  const inst = normaliseInstance(world, input);
  const ctx = buildScoringContext(world, inst.programme);
  checkCapacity(inst);
  const scored = buildProblem(inst, ctx);
  return { world, inst, ctx, scored, features: applicantFeatures(inst) };
}

/** Standardised lat, lon and log population of the applicants (missing values → the mean). */
export function applicantFeatures(inst: NormalisedInstance): number[][] {
  const cols = [
    inst.applicants.map((a) => a.org.lat),
    inst.applicants.map((a) => a.org.lon),
    inst.applicants.map((a) => (a.org.population ? Math.log(a.org.population) : null)),
  ];
  const std = cols.map((c) => {
    const known = c.filter((x): x is number => x !== null);
    if (known.length < 2) return c.map(() => 0);
    const mu = mean(known);
    const sd = standardDeviation(known) || 1;
    return c.map((x) => (x === null ? 0 : (x - mu) / sd));
  });
  return inst.applicants.map((_, i) => std.map((c) => c[i]!));
}

function checkCapacity(inst: NormalisedInstance): void {
  const total = inst.mentors.reduce((s, m) => s + m.capacity, 0);
  const [, smax] = inst.rules.groupSize;
  if (inst.rules.mentorRequired && total * smax < inst.applicants.length)
    throw new AppError(
      'infeasible',
      `rules.mentorRequired is set, but the mentors' total capacity (${total} group(s)) × the maximum group size (${smax}) covers ${total * smax} applicants, fewer than the ${inst.applicants.length} applicants. Add mentors or capacity, allow larger groups, or unset rules.mentorRequired.`,
      [
        { field: 'rules.mentorRequired', message: 'every group must have a mentor', values: [true] },
        { field: 'mentors', message: `total capacity ${total}`, values: inst.mentors.map((m) => `${m.org.id}:${m.capacity}`) },
        { field: 'rules.groupSize', message: `maximum ${smax}`, values: [inst.rules.groupSize] },
      ],
    );
  const pinnedPerMentor = new Map<string, Set<string>>();
  for (const [m, a] of inst.rules.pinMentor) pinnedPerMentor.set(m, new Set([...(pinnedPerMentor.get(m) ?? []), a]));
  for (const [m, apps] of pinnedPerMentor) {
    const cap = inst.mentors.find((x) => x.org.id === m)!.capacity;
    if (cap === 0)
      throw new AppError('infeasible', `rules.pinMentor pins mentor ${m} to ${[...apps].join(', ')}, but its capacity is 0`, [
        { field: 'rules.pinMentor', message: 'mentor without capacity', values: [m] },
      ]);
    if (apps.size > cap * smax)
      throw new AppError('infeasible', `rules.pinMentor pins ${apps.size} applicants to mentor ${m}, more than its capacity ${cap} × group size ${smax}`, [
        { field: 'rules.pinMentor', message: 'more pinned applicants than the mentor can take', values: [m, ...apps] },
      ]);
  }
}

export function explainInfeasible(inst: NormalisedInstance): AppError {
  const active: string[] = [];
  if (inst.rules.pin.length) active.push(`rules.pin (${inst.rules.pin.map((p) => p.join('+')).join(', ')})`);
  if (inst.rules.pinMentor.length) active.push(`rules.pinMentor (${inst.rules.pinMentor.map((p) => p.join('→')).join(', ')})`);
  if (inst.rules.mentorRequired) active.push('rules.mentorRequired');
  active.push(`mentor capacities (${inst.mentors.map((m) => `${m.org.id}:${m.capacity}`).join(', ') || 'no mentors'})`);
  active.push(`rules.groupSize ${JSON.stringify(inst.rules.groupSize)}`);
  if (inst.rules.county !== 'any') active.push(`rules.county=${inst.rules.county}`);
  if (inst.rules.forbid.length) active.push('rules.forbid');
  return new AppError('infeasible', `No proposal satisfies all rules together; the conflict is among: ${active.join('; ')}.`, active.map((a) => ({ field: a.split(/[ =(]/)[0]!, message: a })));
}

const ref = (p: { org: { id: string; name: string } }): OrgRef => ({ id: p.org.id, name: p.org.name });

function topReasons(s: PairScore, count: number): string[] {
  return Object.values(s.breakdown)
    .filter((c): c is WeightedCriterion => !!c && c.weight > 0)
    .sort((a, b) => b.weight * b.value - a.weight * a.value)
    .slice(0, count)
    .map((c) => c.reason);
}

function unplacedReason(prep: Prepared, i: number, sol: Solution): string {
  const { inst, scored } = prep;
  const p = scored.problem;
  const counts = new Map<string, number>();
  let admissible = 0;
  for (let j = 0; j < p.n; j++) {
    if (j === i) continue;
    if (p.adm[i * p.n + j]) admissible++;
    else for (const r of scored.pairExclusions[i]![j]!) counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  if (admissible === 0) {
    const why = [...counts].map(([r, c]) => `${r} excludes ${c}`).join(', ');
    return `no admissible partner among the other ${p.n - 1} applicants (${why || 'no other applicant'})`;
  }
  const used = new Int32Array(p.m);
  for (const g of sol.groups) if (g.mentor >= 0) used[g.mentor]!++;
  const spare = Array.from({ length: p.m }, (_, k) => p.cap[k]! - used[k]!).reduce((a, b) => a + b, 0);
  if (inst.rules.mentorRequired && spare === 0)
    return `rules.mentorRequired is set and every mentor's capacity is used; its ${admissible} admissible partner(s) are in full groups or mentored elsewhere`;
  return `its ${admissible} admissible partner(s) are all in groups that are full (max ${p.smax}) or would break a rule; no other placement keeps the groups within rules.groupSize ${JSON.stringify(inst.rules.groupSize)} at a better objective`;
}

export function buildProposal(prep: Prepared, sol: Solution, meta: { optimality: Optimality; solver: Proposal['solver'] }, listScores: 'all' | 'none' = 'all'): Proposal {
  const { inst, scored } = prep;
  const p: Problem = scored.problem;
  const A = inst.applicants;
  const M = inst.mentors;
  const used = new Int32Array(p.m);
  const sortedGroups = sol.groups
    .map((g) => ({ members: [...g.members].sort((a, b) => a - b), mentor: g.mentor }))
    .sort((a, b) => a.members[0]! - b.members[0]!);
  const groups: ProposalGroup[] = sortedGroups.map((g, gi) => {
    const terms: Term[] = [];
    const reasons: string[] = [];
    for (let x = 0; x < g.members.length; x++)
      for (let y = x + 1; y < g.members.length; y++) {
        const i = g.members[x]!;
        const j = g.members[y]!;
        const s = scored.pairScores[i]![j]!;
        terms.push({ kind: 'pair', a: A[i]!.org.id, b: A[j]!.org.id, score: s.score });
        reasons.push(`${A[i]!.org.name}–${A[j]!.org.name} ${s.score.toFixed(3)}: ${topReasons(s, 2).join('; ')}`);
      }
    if (g.mentor >= 0) {
      used[g.mentor]!++;
      for (const i of g.members) {
        const s = scored.mentorScores[g.mentor]![i]!;
        terms.push({ kind: 'mentor', mentor: M[g.mentor]!.org.id, applicant: A[i]!.org.id, score: s.score });
        reasons.push(`mentor ${M[g.mentor]!.org.name}→${A[i]!.org.name} ${s.score.toFixed(3)}: ${topReasons(s, 2).join('; ')}`);
      }
    } else {
      terms.push({ kind: 'unmentored-group', value: -p.Pm });
      reasons.push(`no mentor (penalty ${p.Pm})`);
    }
    const value = round6(terms.reduce((s, t) => s + (t.kind === 'unmentored-group' ? t.value : t.score), 0));
    return {
      id: `g${gi + 1}`,
      members: g.members.map((i) => ref(A[i]!)),
      mentor: g.mentor >= 0 ? ref(M[g.mentor]!) : null,
      supportingMentors: [],
      terms,
      value,
      reasons,
    };
  });
  if (inst.rules.supportingMentors) attachSupporting(prep, sortedGroups, groups, used);
  const unplaced = [...sol.unplaced].sort((a, b) => a - b).map((i) => ({ ...ref(A[i]!), reason: unplacedReason(prep, i, sol) }));
  const unmentored = groups.filter((g) => !g.mentor).map((g) => g.id);
  const penaltiesApplied: Proposal['penaltiesApplied'] = [];
  if (unmentored.length) penaltiesApplied.push({ kind: 'unmentored-group', ids: unmentored, value: round6(-p.Pm * unmentored.length) });
  if (unplaced.length) penaltiesApplied.push({ kind: 'unplaced-applicant', ids: unplaced.map((u) => u.id), value: round6(-p.Pu * unplaced.length) });
  const objective = round6(groups.reduce((s, g) => s + g.value, 0) - p.Pu * unplaced.length);

  const applicantPairs: Proposal['scores']['applicantPairs'] = [];
  const mentorApplicant: Proposal['scores']['mentorApplicant'] = [];
  if (listScores === 'all') {
    for (let i = 0; i < p.n; i++)
      for (let j = i + 1; j < p.n; j++) {
        const s = scored.pairScores[i]![j]!;
        const ex = scored.pairExclusions[i]![j]!;
        applicantPairs.push({ a: A[i]!.org.id, b: A[j]!.org.id, score: s.score, admissible: ex.length === 0, excludedBy: ex, breakdown: s.breakdown });
      }
    for (let k = 0; k < p.m; k++)
      for (let i = 0; i < p.n; i++) {
        const s = scored.mentorScores[k]![i]!;
        const ex = scored.mentorExclusions[k]![i]!;
        mentorApplicant.push({ mentor: M[k]!.org.id, applicant: A[i]!.org.id, score: s.score, admissible: ex.length === 0, excludedBy: ex, breakdown: s.breakdown });
      }
  }
  const r = (o: Optimality): Optimality =>
    o.status === 'proven-optimal' ? { ...o, bound: round6(o.bound) } : { ...o, bound: round6(o.bound), gap: round6(o.gap), relativeGap: round6(o.relativeGap) };
  return {
    format: PROPOSAL_FORMAT,
    programme: inst.programme,
    round: inst.round,
    seed: inst.seed,
    objectiveFunction: OBJECTIVE_TEXT,
    weights: inst.weights,
    penalties: inst.penalties,
    rules: inst.rules,
    mentorSource: inst.mentorSource,
    applicants: A.map((a) => ({ ...ref(a), kind: a.org.kind, countyCode: a.org.countyCode, focus: a.focus, delegation: a.delegation })),
    mentors: M.map((m: MentorParty, k) => ({ ...ref(m), capacity: m.capacity, used: used[k]! })),
    groups,
    unplaced,
    penaltiesApplied,
    objective,
    optimality: r(meta.optimality),
    solver: {
      ...meta.solver,
      greedyObjective: meta.solver.greedyObjective === null ? null : round6(meta.solver.greedyObjective),
      heuristicObjective: meta.solver.heuristicObjective === null ? null : round6(meta.solver.heuristicObjective),
    },
    scores: { applicantPairs, mentorApplicant },
  };
}

/** Spare mentor capacity goes, best fit first, to mentored groups as supporting mentors (no objective term). */
function attachSupporting(prep: Prepared, sorted: { members: number[]; mentor: number }[], groups: ProposalGroup[], used: Int32Array): void {
  const p = prep.scored.problem;
  const options: { k: number; g: number; v: number }[] = [];
  sorted.forEach((g, gi) => {
    if (g.mentor < 0) return;
    for (let k = 0; k < p.m; k++) {
      if (k === g.mentor || !g.members.every((i) => p.madm[k * p.n + i])) continue;
      let v = 0;
      for (const i of g.members) v += p.u[k * p.n + i]!;
      options.push({ k, g: gi, v: v / g.members.length });
    }
  });
  options.sort((a, b) => b.v - a.v || a.k - b.k || a.g - b.g);
  for (const o of options) {
    if (used[o.k]! >= p.cap[o.k]! || groups[o.g]!.supportingMentors.length > 0) continue;
    used[o.k]!++;
    groups[o.g]!.supportingMentors.push(ref(prep.inst.mentors[o.k]!));
  }
}

export function solvePrepared(prep: Prepared, options: ProposeOptions = {}) {
  return solveProblem(prep.scored.problem, { seed: prep.inst.seed, features: prep.features, ...options }, () => explainInfeasible(prep.inst));
}

/** Proposes groups and mentors for a round. Throws AppError invalid_input | unknown_ids | infeasible. */
export function proposeRound(world: World, input: InstanceInput, options: ProposeOptions = {}): Proposal {
  const prep = prepare(world, input);
  const res = solvePrepared(prep, options);
  return buildProposal(
    prep,
    res.solutions[0]!,
    { optimality: res.optimality, solver: { method: res.method, nodes: res.nodes, greedyObjective: res.greedyObjective, heuristicObjective: res.heuristicObjective } },
    options.listScores ?? 'all',
  );
}
