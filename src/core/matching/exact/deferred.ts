/**
 * The mentor-deferred exact search (the default for a single solution when mentors suffice for a
 * partition into largest groups): branches on the partition only; each formed group counts its
 * best mentor, and each leaf assigns mentors to its groups optimally (opts.assignMentors, the
 * Hungarian method). Far fewer nodes when many mentors could serve each group.
 *
 * `cur` is Σ pair parts (+ Pu per member) of the formed groups; mb0Sum and mbMuSum hold their
 * mentor parts: gMb0[g] the best mentor score unpriced (for the capacity-aware bound, which already
 * caps mentor gains by capacity), gMbMu[g] the best mentor score minus its price μ_k (for the dual
 * bound, which adds Σ μ_k·capacity). Both are optimistic, since the leaf may not give every group
 * its best mentor; the leaf's assignment is exact.
 *
 * Invariants: capLeft is never changed (capacity is settled at the leaves); on return, `used`, the
 * path stacks and the sums are as they were on entry; every pruned subtree's bound was at or below
 * the threshold or went into openBound.
 */
import type { Group } from '../problem.js';
import { SOLVER_EPS } from '../problem.js';
import { bound, dualBound } from './bounds.js';
import { dropHopelessGroups } from './drop.js';
import { pickBranchApplicant, firstFree } from './branching.js';
import { countFreeByComp, cutDrop } from './cuts.js';
import { insertSolution, threshold } from './incumbents.js';
import { limitReached, stoppedAtRoot } from './limits.js';
import { initRoot } from './root.js';
import type { SearchState } from './state.js';

/** Each group's best mentor part, unpriced and under the root's μ (−∞ where none may serve it). */
function prepareDeferred(s: SearchState): void {
  const { p, G, Pm, gReq, gMentors, gMentorVal, mu, gMb0, gMbMu } = s;
  for (let g = 0; g < G; g++) {
    const none = p.mentorRequired || gReq[g]! >= 0 ? -Infinity : -Pm;
    let b0 = none;
    let bm = none;
    const ms = gMentors[g]!;
    const mv = gMentorVal[g]!;
    for (let z = 0; z < ms.length; z++) {
      const kk = ms[z]!;
      if (p.cap[kk]! <= 0) continue;
      if (mv[z]! > b0) b0 = mv[z]!;
      if (mv[z]! - mu[kk]! > bm) bm = mv[z]! - mu[kk]!;
    }
    gMb0[g] = b0;
    gMbMu[g] = bm;
  }
}

/** A leaf: the formed groups get their optimal mentors; the result is kept if it beats the threshold. */
function assignAtLeaf(s: SearchState, cur: number): void {
  const { n, u, Pm } = s;
  const lists = s.groupIds.map((g) => s.gMembers[g]!);
  const r = s.assignMentors!(lists);
  if (r.drop.length !== 0) return;
  const mentors = r.mentors;
  let val = cur;
  const groups: Group[] = lists.map((members, x) => {
    const kk = mentors[x]!;
    if (kk >= 0) for (const j of members) val += u[kk * n + j]!;
    else val -= Pm;
    return { members, mentor: kk };
  });
  if (val > threshold(s) + SOLVER_EPS) insertSolution(s, groups, s.unplacedStack, val);
}

export function searchDeferred(s: SearchState, cur: number, nodeUb: number, depth: number): void {
  s.nodes++;
  if (limitReached(s, depth, nodeUb)) return;
  if (firstFree(s) < 0) {
    if (cur + s.mb0Sum <= threshold(s) + SOLVER_EPS) return;
    assignAtLeaf(s, cur);
    return;
  }
  const B = bound(s);
  if (cur + s.mb0Sum + B <= threshold(s) + SOLVER_EPS) return;
  const y = s.yStack[depth]!;
  if (depth === 0) {
    initRoot(s, y);
    if (stoppedAtRoot(s, nodeUb)) return;
    prepareDeferred(s);
  } else y.set(s.yStack[depth - 1]!);
  let D = dualBound(s, y, depth);
  if (depth === 0) s.rootDual = D;
  if (cur + s.mbMuSum + D <= threshold(s) + SOLVER_EPS) return;
  D = dropHopelessGroups(s, y, depth, cur + s.mbMuSum, D);
  if (depth === 0) {
    s.rootDual = Math.min(s.rootDual, D);
    // Below the root the prices are fixed and no capacity is used up (mentors come at the leaves):
    // each group's priced value stays what the root computed.
    s.groupValuesFixed = true;
  }
  if (cur + s.mbMuSum + D <= threshold(s) + SOLVER_EPS) return;
  const { p, smax, used, unselArr, csrStart, csrList, gMb0, gMbMu, gPs, gSize, gFlat, appComp, gMembers, levelUb, groupIds, unplacedStack } = s;
  const i = pickBranchApplicant(s, y);
  // Options: stay unplaced, or one of the live groups containing i (copied: children rebuild the lists).
  const opt: { g: number; ub: number; ps: number }[] = [];
  countFreeByComp(s);
  if (p.pinPartners[i]!.length === 0 && p.pinMentor[i]! < 0) {
    const ub = Math.min(s.mb0Sum + B - unselArr[i]!, s.mbMuSum + D - y[i]! - cutDrop(s, appComp[i]!, 1));
    opt.push({ g: -1, ub, ps: 0 });
  }
  for (let x = csrStart[i]!; x < csrStart[i + 1]!; x++) {
    const g = csrList[x]!;
    if (gMb0[g] === -Infinity) continue;
    const ps = gPs[g]!;
    let restB = B;
    let restD = D - cutDrop(s, appComp[i]!, gSize[g]!);
    for (let t = 0; t < gSize[g]!; t++) {
      const j = gFlat[g * smax + t]!;
      restB -= unselArr[j]!;
      restD -= y[j]!;
    }
    const ub = ps + Math.min(s.mb0Sum + gMb0[g]! + restB, s.mbMuSum + gMbMu[g]! + restD);
    opt.push({ g, ub, ps });
  }
  opt.sort((a, b) => b.ub - a.ub || a.g - b.g);
  for (const o of opt) {
    if (cur + o.ub <= threshold(s) + SOLVER_EPS) break;
    if (s.aborted) {
      s.openBound = Math.max(s.openBound, cur + o.ub);
      continue;
    }
    levelUb[depth] = cur + o.ub;
    if (o.g < 0) {
      used[i] = 1;
      unplacedStack.push(i);
      searchDeferred(s, cur, cur + o.ub, depth + 1);
      unplacedStack.pop();
      used[i] = 0;
    } else {
      const mem = gMembers[o.g]!;
      for (const j of mem) used[j] = 1;
      groupIds.push(o.g);
      s.mb0Sum += gMb0[o.g]!;
      s.mbMuSum += gMbMu[o.g]!;
      searchDeferred(s, cur + o.ps, cur + o.ub, depth + 1);
      s.mb0Sum -= gMb0[o.g]!;
      s.mbMuSum -= gMbMu[o.g]!;
      groupIds.pop();
      for (const j of mem) used[j] = 0;
    }
  }
}
