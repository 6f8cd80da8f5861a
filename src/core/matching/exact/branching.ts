/**
 * Branching of the full exact search (mentors chosen in the tree): which free applicant to branch
 * on, its options (stay unplaced, or join one admissible group of free applicants, whole pin
 * components at a time) with an optimistic bound each, and each group's mentor choices.
 *
 * Invariants: the options of one applicant partition the solutions below the node (it is unplaced
 * or in exactly one of the listed groups, with exactly one of the listed mentors or none), so every
 * partition is enumerated once; each option's `ub` bounds every solution below it (the lesser of
 * the capacity-aware rest and the dual rest), and options are sorted by `ub` descending, so the
 * first one at or below the threshold ends the node.
 */
import { requiredMentor } from '../problem.js';
import { countFreeByComp, cutDrop } from './cuts.js';
import type { SearchState } from './state.js';

/** Branching weight of a live group count against the dual value (counts dominate). */
const COUNT_W = 1e3;
/** Ties between equal counts go to the largest dual value. */
const BRANCH_SIGN = -1;

export interface Option {
  members: number[];
  /** Σ pair scores + |g|·Pu, or 0 for "stay unplaced". */
  ps: number;
  /** Optimistic bound of this option including the rest. */
  ub: number;
  rest: number;
  /** The rest by the dual bound alone (it carries Σ μ·capacity, so a used mentor k costs μ_k there). */
  restD: number;
  /** The rest by the capacity-aware bound alone (no prices). */
  restB: number;
  req: number;
  unplaced: boolean;
}

/** The first free applicant in the static order, or −1 at a leaf. */
export function firstFree(s: SearchState): number {
  const used = s.used;
  for (const i of s.order) if (!used[i]) return i;
  return -1;
}

/**
 * The free applicant to branch on: the one with the fewest live groups left (most constrained
 * first), ties broken by the largest dual value (its choice moves the bound most). Reads the CSR
 * lists that dualBound built for this node.
 */
export function pickBranchApplicant(s: SearchState, y: Float64Array): number {
  const { used, csrStart } = s;
  let pick = -1;
  let fewest = Infinity;
  for (const x of s.order) {
    if (used[x]) continue;
    const c = (csrStart[x + 1]! - csrStart[x]!) * COUNT_W + BRANCH_SIGN * y[x]!;
    if (c < fewest) {
      fewest = c;
      pick = x;
    }
  }
  return pick;
}

/** Calls cb with every admissible group of free applicants that contains i's pin component. */
function enumerateGroups(s: SearchState, i: number, cb: (members: number[]) => void): void {
  const { n, adm, comps, compOf, used, smin, smax } = s;
  const base = comps[compOf[i]!]!;
  const cand: number[] = [];
  for (const c of comps) {
    if (c === base || used[c[0]!]) continue;
    let ok = true;
    for (const a of c) {
      for (const b of base) if (!adm[a * n + b]) { ok = false; break; }
      if (!ok) break;
    }
    if (ok) cand.push(compOf[c[0]!]!);
  }
  const members = [...base];
  const rec = (start: number) => {
    if (members.length >= smin) cb([...members]);
    if (members.length >= smax) return;
    for (let x = start; x < cand.length; x++) {
      const c = comps[cand[x]!]!;
      if (members.length + c.length > smax) continue;
      let ok = true;
      for (const a of c) {
        for (const b of members) if (!adm[a * n + b]) { ok = false; break; }
        if (!ok) break;
      }
      if (!ok) continue;
      members.push(...c);
      rec(x + 1);
      members.length -= c.length;
    }
  };
  rec(0);
}

/**
 * The options of applicant i at this node, best bound first. B is the node's capacity-aware bound
 * (bound() filled unselArr and maxUArr for it), D its dual bound with duals y (Infinity without
 * columns).
 */
export function listOptions(s: SearchState, i: number, B: number, D: number, y: Float64Array): Option[] {
  const { p, n, Pu, Pm, w, u, madm, useColumns, unselArr, maxUArr, capLeft, appComp } = s;
  const options: Option[] = [];
  const comp = s.comps[s.compOf[i]!]!;
  countFreeByComp(s);
  if (comp.length === 1 && p.pinMentor[i]! < 0) {
    const restB = B - unselArr[i]!;
    const restD = D - (useColumns ? y[i]! + cutDrop(s, appComp[i]!, 1) : 0);
    const rest = Math.min(restB, restD);
    options.push({ members: [i], ps: 0, ub: rest, rest, restB, restD, req: -1, unplaced: true });
  }
  enumerateGroups(s, i, (members) => {
    const req = requiredMentor(p, members);
    if (req === -2) return;
    let ps = members.length * Pu;
    let rest = B;
    let restD = D - (useColumns ? cutDrop(s, appComp[i]!, members.length) : 0);
    let mentorSum = 0;
    for (let a = 0; a < members.length; a++) {
      const x = members[a]!;
      rest -= unselArr[x]!;
      if (useColumns) restD -= y[x]!;
      if (maxUArr[x]! < 0) mentorSum = -Infinity;
      else mentorSum += maxUArr[x]!;
      for (let b = a + 1; b < members.length; b++) ps += w[x * n + members[b]!]!;
    }
    let mentorUb: number;
    if (req >= 0) {
      if (capLeft[req]! <= 0) return;
      mentorUb = 0;
      for (const x of members) {
        if (!madm[req * n + x]) return;
        mentorUb += u[req * n + x]!;
      }
    } else {
      mentorUb = p.mentorRequired ? mentorSum : Math.max(mentorSum, -Pm);
      if (mentorUb === -Infinity) return;
    }
    const restB = rest;
    if (restD < rest) rest = restD;
    options.push({ members, ps, ub: ps + mentorUb + rest, rest, restB, restD, req, unplaced: false });
  });
  options.sort((a, b) => b.ub - a.ub || b.ps - a.ps);
  return options;
}

/** The mentors (with capacity left) that can serve option o's group, as [mentor, U_k(g)], best first; [−1, −Pm] is "none". */
export function mentorChoices(s: SearchState, o: Option): [number, number][] {
  const { p, n, m, Pm, u, madm, capLeft } = s;
  const choices: [number, number][] = [];
  const tryMentor = (kk: number) => {
    if (capLeft[kk]! <= 0) return;
    let v = 0;
    for (const j of o.members) {
      if (!madm[kk * n + j]) return;
      v += u[kk * n + j]!;
    }
    choices.push([kk, v]);
  };
  if (o.req >= 0) tryMentor(o.req);
  else {
    for (let kk = 0; kk < m; kk++) tryMentor(kk);
    if (!p.mentorRequired) choices.push([-1, -Pm]);
  }
  // Best raw value first (good solutions early); the child's bound also loses μ_k of capacity
  // value when mentor k is used, so a weak child is skipped, not a stop signal.
  choices.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return choices;
}
