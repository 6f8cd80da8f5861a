/**
 * The numeric form of a normalised instance that the solvers work on: pair scores w[i][j] between
 * applicants, mentor scores u[k][i], admissibility of each (with the rules that exclude it), mentor
 * capacities, penalties, and the pin structure. Applicants and mentors are indices in instance order.
 *
 * Objective of a solution (the published function):
 *   Σ_groups [ Σ_{i<j in g} w[i][j] + (mentor k ? Σ_{i in g} u[k][i] : −Pm) ] − Pu · |unplaced|
 */
import { AppError } from '../errors.js';
import type { ScoringContext } from '../scoring/context.js';
import { pairKey } from '../scoring/context.js';
import { scoreApplicantPair, scoreMentorApplicant } from '../scoring/pair-score.js';
import type { PairScore } from '../scoring/types.js';
import type { NormalisedInstance } from './instance.js';

export interface Problem {
  n: number;
  m: number;
  smin: number;
  smax: number;
  /** n×n pair scores (0 where inadmissible; check adm). */
  w: Float64Array;
  adm: Uint8Array;
  /** m×n mentor–applicant scores (0 where inadmissible; check madm). */
  u: Float64Array;
  madm: Uint8Array;
  cap: Int32Array;
  Pu: number;
  Pm: number;
  mentorRequired: boolean;
  /** For each applicant, the other members of its pin component (they must share its group). */
  pinPartners: number[][];
  /** For each applicant, the mentor index its group must have, or −1. */
  pinMentor: Int32Array;
}

export interface Group {
  members: number[];
  /** Mentor index, or −1 for an unmentored group. */
  mentor: number;
}

export interface Solution {
  groups: Group[];
  unplaced: number[];
  objective: number;
}

export interface ScoredProblem {
  problem: Problem;
  pairScores: PairScore[][]; // [i][j], i<j filled
  pairExclusions: string[][][]; // [i][j] rules that exclude the pair
  mentorScores: PairScore[][]; // [k][i]
  mentorExclusions: string[][][]; // [k][i]
}

const EPS = 1e-9;

function kindsAllowed(rule: NormalisedInstance['rules']['kinds'], a: string, b: string): boolean {
  if (rule === 'any' || a === b) return true;
  if (rule === 'same') return false;
  return rule.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

/** Scores every pair and builds the numeric problem; throws AppError('infeasible') for pin conflicts. */
export function buildProblem(inst: NormalisedInstance, ctx: ScoringContext): ScoredProblem {
  const n = inst.applicants.length;
  const m = inst.mentors.length;
  const { rules } = inst;
  const forbidden = new Set(rules.forbid.map(([a, b]) => pairKey(a, b)));
  const w = new Float64Array(n * n);
  const adm = new Uint8Array(n * n);
  const pairScores: PairScore[][] = Array.from({ length: n }, () => new Array<PairScore>(n));
  const pairExclusions: string[][][] = Array.from({ length: n }, () => Array.from({ length: n }, () => []));
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const a = inst.applicants[i]!;
      const b = inst.applicants[j]!;
      const s = scoreApplicantPair(a, b, inst.weights, ctx);
      pairScores[i]![j] = s;
      pairScores[j]![i] = s;
      const why: string[] = [];
      if (forbidden.has(pairKey(a.org.id, b.org.id))) why.push('rules.forbid');
      if (rules.county === 'same' && a.org.countyCode !== b.org.countyCode) why.push('rules.county=same');
      if (rules.county === 'different' && a.org.countyCode !== null && a.org.countyCode === b.org.countyCode) why.push('rules.county=different');
      if (rules.noRepeatGroupings && ctx.groupedTogether.has(pairKey(a.org.id, b.org.id))) why.push('rules.noRepeatGroupings');
      if (!kindsAllowed(rules.kinds, a.org.kind, b.org.kind)) why.push('rules.kinds');
      pairExclusions[i]![j] = why;
      pairExclusions[j]![i] = why;
      const ok = why.length === 0 ? 1 : 0;
      adm[i * n + j] = adm[j * n + i] = ok;
      w[i * n + j] = w[j * n + i] = ok ? s.score : 0;
    }
  const u = new Float64Array(m * n);
  const madm = new Uint8Array(m * n);
  const mentorScores: PairScore[][] = [];
  const mentorExclusions: string[][][] = [];
  for (let k = 0; k < m; k++) {
    const mk = inst.mentors[k]!;
    mentorScores.push([]);
    mentorExclusions.push([]);
    for (let i = 0; i < n; i++) {
      const a = inst.applicants[i]!;
      const s = scoreMentorApplicant(mk, a, inst.weights, ctx);
      mentorScores[k]!.push(s);
      const why: string[] = [];
      if (forbidden.has(pairKey(mk.org.id, a.org.id))) why.push('rules.forbid');
      mentorExclusions[k]!.push(why);
      const ok = why.length === 0 ? 1 : 0;
      madm[k * n + i] = ok;
      u[k * n + i] = ok ? s.score : 0;
    }
  }

  // Pin components by union–find.
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  const index = new Map(inst.applicants.map((a, i) => [a.org.id, i]));
  const mindex = new Map(inst.mentors.map((mm, k) => [mm.org.id, k]));
  for (const [a, b] of rules.pin) parent[find(index.get(a)!)] = find(index.get(b)!);
  const comps = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    comps.set(r, [...(comps.get(r) ?? []), i]);
  }
  const [smin, smax] = rules.groupSize;
  const name = (i: number) => `${inst.applicants[i]!.org.name} (${inst.applicants[i]!.org.id})`;
  const pinPartners: number[][] = Array.from({ length: n }, () => []);
  for (const members of comps.values()) {
    if (members.length > smax)
      throw new AppError('infeasible', `rules.pin joins ${members.length} applicants (${members.map(name).join(', ')}) into one group, more than rules.groupSize allows (${smax})`, [
        { field: 'rules.pin', message: 'pinned group larger than the maximum group size', values: members.map((i) => inst.applicants[i]!.org.id) },
        { field: 'rules.groupSize', message: `maximum ${smax}`, values: [rules.groupSize] },
      ]);
    for (const i of members) for (const j of members) if (i < j && !adm[i * n + j]) {
      const why = pairExclusions[i]![j]!;
      throw new AppError('infeasible', `rules.pin puts ${name(i)} and ${name(j)} in one group, but ${why.join(' and ')} forbid(s) that pair`, [
        { field: 'rules.pin', message: 'pinned pair breaks a rule', values: [inst.applicants[i]!.org.id, inst.applicants[j]!.org.id] },
        ...why.map((r) => ({ field: r.split('=')[0]!, message: 'excludes the pinned pair', values: [inst.applicants[i]!.org.id, inst.applicants[j]!.org.id] })),
      ]);
    }
    for (const i of members) pinPartners[i] = members.filter((j) => j !== i);
  }
  const pinMentor = new Int32Array(n).fill(-1);
  for (const [mId, aId] of rules.pinMentor) {
    const k = mindex.get(mId)!;
    const i = index.get(aId)!;
    for (const j of [i, ...pinPartners[i]!]) {
      if (pinMentor[j] !== -1 && pinMentor[j] !== k)
        throw new AppError('infeasible', `rules.pinMentor gives ${name(j)}'s group two different mentors (${inst.mentors[pinMentor[j]!]!.org.id} and ${mId})`, [
          { field: 'rules.pinMentor', message: 'two mentors pinned to one group', values: [inst.mentors[pinMentor[j]!]!.org.id, mId, inst.applicants[j]!.org.id] },
        ]);
      if (!madm[k * n + j])
        throw new AppError('infeasible', `rules.pinMentor pins mentor ${mId} to the group of ${name(j)}, but rules.forbid forbids that pair`, [
          { field: 'rules.pinMentor', message: 'pinned mentor is forbidden with a group member', values: [mId, inst.applicants[j]!.org.id] },
        ]);
      pinMentor[j] = k;
    }
  }
  const cap = Int32Array.from(inst.mentors.map((mm) => mm.capacity));
  const problem: Problem = {
    n,
    m,
    smin,
    smax,
    w,
    adm,
    u,
    madm,
    cap,
    Pu: inst.penalties.unplacedApplicant,
    Pm: inst.penalties.unmentoredGroup,
    mentorRequired: rules.mentorRequired,
    pinPartners,
    pinMentor,
  };
  return { problem, pairScores, pairExclusions, mentorScores, mentorExclusions };
}

/** The published objective of a solution, summed in a fixed order (groups, then unplaced). */
export function evaluate(p: Problem, groups: Group[], unplacedCount: number): number {
  let total = 0;
  for (const g of groups) total += groupValue(p, g.members, g.mentor);
  return total - p.Pu * unplacedCount;
}

export function pairSum(p: Problem, members: number[]): number {
  let s = 0;
  for (let a = 0; a < members.length; a++) for (let b = a + 1; b < members.length; b++) s += p.w[members[a]! * p.n + members[b]!]!;
  return s;
}

export function mentorSum(p: Problem, k: number, members: number[]): number {
  let s = 0;
  for (const i of members) s += p.u[k * p.n + i]!;
  return s;
}

export function groupValue(p: Problem, members: number[], mentor: number): number {
  return pairSum(p, members) + (mentor >= 0 ? mentorSum(p, mentor, members) : -p.Pm);
}

/** Whether a member set can form a group under the rules (size, admissibility, pins). */
export function groupAllowed(p: Problem, members: number[]): boolean {
  if (members.length < p.smin || members.length > p.smax) return false;
  const set = new Set(members);
  for (let a = 0; a < members.length; a++) {
    const i = members[a]!;
    for (const j of p.pinPartners[i]!) if (!set.has(j)) return false;
    for (let b = a + 1; b < members.length; b++) if (!p.adm[i * p.n + members[b]!]) return false;
  }
  return true;
}

/** The mentor required by pins for this member set: −1 none, −2 contradictory, else the index. */
export function requiredMentor(p: Problem, members: number[]): number {
  let k = -1;
  for (const i of members) {
    const r = p.pinMentor[i]!;
    if (r >= 0) {
      if (k >= 0 && k !== r) return -2;
      k = r;
    }
  }
  return k;
}

export function mentorAllowed(p: Problem, k: number, members: number[]): boolean {
  for (const i of members) if (!p.madm[k * p.n + i]) return false;
  return true;
}

export const SOLVER_EPS = EPS;
