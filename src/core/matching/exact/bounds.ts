/**
 * The two node bounds of the exact search, both on what the free applicants can still add in
 * shifted values (each placed applicant earns Pu, so leaving one out is 0):
 * - bound(): capacity-aware and price-free. Each free applicant earns at most Pu + half the sum of
 *   its best (smax−1) admissible pair scores among free applicants + its best available mentor
 *   score (or −Pm/smax without one); at most (capacity left × smax) applicants can be mentored, so
 *   only the largest mentor gains count, and mentor k adds at most its best (capLeft_k × smax)
 *   scores among free applicants.
 * - dualBound(): a feasible dual of the set-partitioning LP over the alive group columns, with
 *   mentor capacity priced by μ and the partition cuts by ρ (both chosen at the root, root.ts).
 *
 * Invariants: both are valid upper bounds whatever the prices (μ, ρ ≥ 0) and whatever y they start
 * from; dualBound leaves y dual feasible for the current node, so a child may start from it.
 * dualBound(y, depth) also rebuilds the alive list of `depth` (from its parent's; with refilter
 * false it keeps the list as it is) and the CSR lists of the free
 * applicants' alive groups, which branching reads afterwards.
 */
import { priceCuts } from './cuts.js';
import type { SearchState } from './state.js';

/**
 * Upper bound on what the free applicants can still add (shifted); fills unselArr (each free
 * applicant's contribution without a mentor, ≥ 0) and maxUArr (its best available mentor score,
 * −1 if none). The mentor part is capped twice: at most (capacity left × smax) applicants are
 * mentored, and mentor k adds at most its best (capLeft_k × smax) scores among free applicants.
 */
export function bound(s: SearchState): number {
  const { p, n, m, smax, Pu, Pm, w, u, used, partners, mlist, byMentor, capLeft, unselArr, maxUArr, shareArr, restShare, gains } = s;
  let base = 0;
  let g = 0;
  for (let i = 0; i < n; i++) {
    if (used[i]) continue;
    unselArr[i] = 0;
    maxUArr[i] = -1;
    shareArr[i] = -1;
    let t = 0;
    let found = 0;
    const pl = partners[i]!;
    for (let x = 0; x < pl.length && found < smax - 1; x++) {
      const j = pl[x]!;
      if (!used[j]) {
        t += w[i * n + j]!;
        found++;
      }
    }
    if (found === 0) continue; // cannot be placed: contributes 0
    const pairShare = Pu + 0.5 * t;
    shareArr[i] = pairShare;
    let maxU = -1;
    const ml = mlist[i]!;
    for (let x = 0; x < ml.length; x++) {
      const kk = ml[x]!;
      if (capLeft[kk]! > 0) {
        maxU = u[kk * n + i]!;
        break;
      }
    }
    maxUArr[i] = maxU;
    const canGoUnmentored = !p.mentorRequired && p.pinMentor[i]! < 0;
    const unsel = canGoUnmentored ? Math.max(0, pairShare - Pm / smax) : 0;
    const sel = maxU >= 0 ? Math.max(unsel, pairShare + maxU) : unsel;
    unselArr[i] = unsel;
    base += unsel;
    restShare[g] = maxU >= 0 ? pairShare - unsel : 0;
    gains[g++] = sel - unsel;
  }
  let slots = 0;
  for (let kk = 0; kk < m; kk++) slots += capLeft[kk]!;
  slots *= smax;
  let gainSum = 0;
  if (slots >= g) {
    for (let x = 0; x < g; x++) gainSum += gains[x]!;
  } else if (slots > 0) {
    const arr = gains.subarray(0, g).slice().sort();
    for (let x = g - 1; x >= g - slots; x--) gainSum += arr[x]!;
  }
  // Per-mentor cap on the mentor scores.
  if (gainSum > 0) {
    // A mentored applicant gains at most (its share beyond unsel) + its mentor's score.
    let capSum = 0;
    if (slots >= g) for (let x = 0; x < g; x++) capSum += restShare[x]!;
    else {
      const arr = restShare.subarray(0, g).slice().sort();
      for (let x = g - 1; x >= g - slots; x--) capSum += arr[x]!;
    }
    for (let kk = 0; kk < m && capSum < gainSum; kk++) {
      const c = capLeft[kk]! * smax;
      if (c <= 0) continue;
      const al = byMentor[kk]!;
      let found = 0;
      for (let x = 0; x < al.length && found < c; x++) {
        const i = al[x]!;
        if (!used[i]) {
          capSum += u[kk * n + i]!;
          found++;
        }
      }
    }
    if (capSum < gainSum) gainSum = capSum;
  }
  return base + gainSum;
}

/**
 * A dual bound of the set-partitioning LP: y_i per free applicant with Σ_{i∈g} y_i ≥ v(g) for
 * every group g of free applicants (v = pair part + best mentor still available, or −Pm) and
 * y_i ≥ 0 where i may stay unplaced; then Σ y_i bounds the rest. One coordinate-descent sweep
 * sets each y_i to the least value its groups need given the others; every constraint holds
 * afterwards (the last of its variables to be updated made it hold), whatever the start.
 */
export function dualBound(s: SearchState, y: Float64Array, depth: number, refilter = true): number {
  const anyRho = s.anyRho;
  const cutPart = anyRho ? priceCuts(s) : 0;
  const { p, n, m, smax, Pm, G, used, gFlat, gSize, gReq, gPs, gMentors, gMentorVal, capLeft, mu, vg, appComp, cutCost, SZ } = s;
  const { aliveStack, aliveCount, csrStart, csrFill, csrList, order } = s;
  const anyMu = s.anyMu;
  let alive = aliveStack[depth];
  if (!alive) alive = aliveStack[depth] = new Int32Array(G);
  let cnt = 0;
  if (!refilter) cnt = aliveCount[depth]!; // the list was thinned in place (drop.ts): sweep it as it is
  else if (depth === 0) {
    for (let g = 0; g < G; g++) {
      let free = true;
      for (let t = 0; t < gSize[g]!; t++) if (used[gFlat[g * smax + t]!]) { free = false; break; }
      if (free) alive[cnt++] = g;
    }
  } else {
    const parent = aliveStack[depth - 1]!;
    const pc = aliveCount[depth - 1]!;
    for (let x = 0; x < pc; x++) {
      const g = parent[x]!;
      let free = true;
      for (let t = 0; t < gSize[g]!; t++) if (used[gFlat[g * smax + t]!]) { free = false; break; }
      if (free) alive[cnt++] = g;
    }
  }
  aliveCount[depth] = cnt;
  csrStart.fill(0);
  const valuesFixed = s.groupValuesFixed;
  for (let x = 0; x < cnt; x++) {
    const g = alive[x]!;
    if (valuesFixed) {
      for (let t = 0; t < gSize[g]!; t++) csrStart[gFlat[g * smax + t]! + 1]!++;
      continue;
    }
    let best = p.mentorRequired || gReq[g]! >= 0 ? -Infinity : -Pm;
    const ms = gMentors[g]!;
    const mv = gMentorVal[g]!;
    // Options are sorted by raw score; with prices μ ≥ 0 the first available one need not be
    // best, but none after a raw score ≤ the best priced value can beat it.
    for (let z = 0; z < ms.length; z++) {
      const kk = ms[z]!;
      if (mv[z]! <= best) break;
      if (capLeft[kk]! > 0) {
        const v = mv[z]! - mu[kk]!;
        if (v > best) best = v;
        if (!anyMu) break;
      }
    }
    vg[g] = best === -Infinity ? NaN : gPs[g]! + best - (anyRho ? cutCost[appComp[gFlat[g * smax]!]! * SZ + gSize[g]!]! : 0);
    for (let t = 0; t < gSize[g]!; t++) csrStart[gFlat[g * smax + t]! + 1]!++;
  }
  for (let i = 0; i < n; i++) {
    csrStart[i + 1]! += csrStart[i]!;
    csrFill[i] = csrStart[i]!;
  }
  for (let x = 0; x < cnt; x++) {
    const g = alive[x]!;
    for (let t = 0; t < gSize[g]!; t++) {
      const i = gFlat[g * smax + t]!;
      csrList[csrFill[i]!++] = g;
    }
  }
  let total = cutPart;
  if (anyMu) for (let kk = 0; kk < m; kk++) total += mu[kk]! * capLeft[kk]!;
  for (const i of order) {
    if (used[i]) continue;
    let need = p.pinPartners[i]!.length === 0 && p.pinMentor[i]! < 0 ? 0 : -Infinity;
    for (let x = csrStart[i]!; x < csrStart[i + 1]!; x++) {
      const g = csrList[x]!;
      let rest = vg[g]!;
      if (rest !== rest) continue; // NaN: no admissible mentor option left
      const base = g * smax;
      for (let t = 0; t < gSize[g]!; t++) {
        const j = gFlat[base + t]!;
        if (j !== i) rest -= y[j]!;
      }
      if (rest > need) need = rest;
    }
    if (need === -Infinity) return -Infinity; // a pinned applicant can no longer be placed
    y[i] = need;
    total += need;
  }
  return total;
}
