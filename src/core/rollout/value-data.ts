/**
 * The numbers of one component's multi-round value problem, for the LP bound (value-lp.ts) and
 * the branch and bound over join rounds (value-branch.ts): members 0…n−1, the pair scores, every
 * mentor's score with every member, which mentors exist in which round, and every admissible group.
 *
 * Mentor indices: 0…e−1 the component's round-1 and persistent mentors ("external": they have taken
 * part before), e…e+n−1 the members themselves (member i is mentor e+i, from the round after it joins).
 *
 * Invariants: scores are the RoundSolver's (the engine's published scores), so a plan's value is
 * Σ over its groups of pairSum(g) + Σ_{i∈g} u(k, i) here exactly as in the rounds the engine solves;
 * `groups` lists every member set of size smin…smax whose pairs are all admissible, once, sorted.
 */
import type { CascadeParams } from './cascade.js';
import type { Component } from './components.js';
import type { RoundSolver } from './round-solver.js';

export interface ValueData {
  n: number;
  /** Rounds 1…R. */
  R: number;
  cap: number;
  smin: number;
  smax: number;
  /** External mentors (round-1 and persistent ones). */
  e: number;
  /** 1 when external mentor k is available in every round, 0 when in round 1 only. */
  persistent: Uint8Array;
  /** Pair scores (n×n) and admissibility. */
  w: Float64Array;
  adm: Uint8Array;
  /** Mentor scores ((e+n)×n): u[k·n + i]; madm likewise. */
  u: Float64Array;
  madm: Uint8Array;
  /** Every admissible group: members gMem[gStart[g] … gStart[g+1]), pair sum gPair[g]. */
  gStart: Int32Array;
  gMem: Int32Array;
  gPair: Float64Array;
  /** Groups containing member i: byMember[i]. */
  byMember: Int32Array[];
}

export function buildValueData(comp: Component, R: number, p: CascadeParams, solver: RoundSolver): ValueData {
  const members = comp.members;
  const n = members.length;
  const ext = [...new Set([...comp.firstMentors, ...comp.persistent])].sort();
  const e = ext.length;
  const persistent = Uint8Array.from(ext, (k) => (comp.persistent.includes(k) ? 1 : 0));
  const { w, adm } = solver.pairMatrix(members);
  const { u, madm } = solver.mentorMatrix([...ext, ...members], members);
  const starts: number[] = [0];
  const mem: number[] = [];
  const pair: number[] = [];
  const cur: number[] = [];
  const walk = (from: number, sum: number) => {
    if (cur.length >= p.smin) {
      mem.push(...cur);
      starts.push(mem.length);
      pair.push(sum);
    }
    if (cur.length === p.smax) return;
    for (let j = from; j < n; j++) {
      if (!cur.every((i) => adm[i * n + j])) continue;
      let add = 0;
      for (const i of cur) add += w[i * n + j]!;
      cur.push(j);
      walk(j + 1, sum + add);
      cur.pop();
    }
  };
  walk(0, 0);
  const gStart = Int32Array.from(starts);
  const gMem = Int32Array.from(mem);
  const lists: number[][] = Array.from({ length: n }, () => []);
  for (let g = 0; g + 1 < gStart.length; g++) for (let x = gStart[g]!; x < gStart[g + 1]!; x++) lists[gMem[x]!]!.push(g);
  return {
    n,
    R,
    cap: p.capacity,
    smin: p.smin,
    smax: p.smax,
    e,
    persistent,
    w,
    adm,
    u,
    madm,
    gStart,
    gMem,
    gPair: Float64Array.from(pair),
    byMember: lists.map((l) => Int32Array.from(l)),
  };
}

/** Number of groups in the data. */
export const groupCount = (d: ValueData): number => d.gStart.length - 1;

/**
 * Whether mentor x may serve a group in round r given fixed join rounds (0 = free): external ones
 * in round 1, persistent ones always; a member from round 2 on, unless it is fixed to join in r or later.
 */
export function mentorAvailable(d: ValueData, x: number, r: number, fixed: Int32Array): boolean {
  if (x < d.e) return r === 1 || d.persistent[x] === 1;
  if (r === 1) return false;
  const f = fixed[x - d.e]!;
  return f === 0 || f < r;
}
