/**
 * The root of the exact search: a feasible start for the dual y, the Lagrangian prices of mentor
 * capacity (μ) and, where they pay off, the optimal duals of the LP relaxation with the partition
 * cuts (y, μ and the cuts' prices ρ). Also the re-pricing of μ just below the root.
 *
 * Why: the one-sweep dual alone stayed 2–3 % above the plain LP on 20/6, and the plain LP 9 %
 * above the optimum on 22/7; the LP with cuts closes both. The LP is solved only when mentor
 * capacity binds (μ > 0 after tuning) or a cut is not implied (the applicants do not split evenly
 * into groups of the largest size); otherwise the sweep is close to it.
 *
 * Invariants: any μ, ρ ≥ 0 and any y give a valid bound once dualBound has swept y, so the tuning
 * may stop early (a stop request) and the LP's accuracy only affects how tight the bound is, never
 * its validity. The LP's duals are kept only when they lower the bound; otherwise y and the prices
 * are restored.
 */
import { solveLpDuals } from '../simplex.js';
import { dualBound } from './bounds.js';
import { activeCuts } from './cuts.js';
import type { SearchState } from './state.js';
import { hasMentorPrices, refreshPriceFlags } from './state.js';

/**
 * What the root LP charges for leaving a pinned applicant unplaced: far above anything an applicant
 * can add (Pu plus a few scores of at most 1), so the LP keeps pinned applicants placed when it can.
 */
const PIN_SLACK_COST = 1e4;

/** Root start of the dual (the per-applicant shares, feasible) and the mentor prices μ. */
export function initRoot(s: SearchState, y: Float64Array): void {
  const { p, n, m, smax, Pm, u, G, used, unselArr, maxUArr, shareArr, mlist, mu, stopRequested } = s;
  for (let x = 0; x < n; x++) {
    if (used[x]) continue;
    const free = p.pinPartners[x]!.length === 0 && p.pinMentor[x]! < 0;
    y[x] = unselArr[x]! + Math.max(0, maxUArr[x]! + Pm / smax) + (free ? 0 : 1e6);
  }
  if (m > 0 && G > 0) {
    // Price mentor capacity: raise μ_k while the root bound drops (coordinate search). Each
    // evaluation starts from shares that already reflect the prices (a member carries μ_k/smax),
    // which stay feasible for the priced group values.
    const start = Float64Array.from(y);
    const evalMu = () => {
      for (let x = 0; x < n; x++) {
        if (used[x]) continue;
        if (shareArr[x]! < 0) {
          y[x] = start[x]!;
          continue;
        }
        const free = p.pinPartners[x]!.length === 0 && p.pinMentor[x]! < 0;
        let bestM = p.mentorRequired || !free ? -Infinity : -Pm / smax;
        const ml = mlist[x]!;
        for (let z = 0; z < ml.length; z++) {
          const kk = ml[z]!;
          if (p.cap[kk]! > 0) bestM = Math.max(bestM, u[kk * n + x]! - mu[kk]! / smax);
        }
        const v = shareArr[x]! + bestM;
        y[x] = bestM === -Infinity ? start[x]! : free ? Math.max(0, v) : v;
      }
      return dualBound(s, y, 0);
    };
    let bestD = evalMu();
    // A stop request ends the tuning early (any μ ≥ 0 gives a valid bound; this one is tuned less).
    const halt = () => stopRequested !== undefined && stopRequested();
    // A common price first (scarce mentors: every group competes for some mentor), then each
    // mentor's own price.
    for (const step of [1.6, 0.8, 0.4, 0.2, 0.1, 0.05]) {
      for (;;) {
        if (halt()) break;
        for (let kk = 0; kk < m; kk++) if (p.cap[kk]! > 0) mu[kk]! += step;
        s.anyMu = true;
        const d = evalMu();
        if (d < bestD - 1e-12) bestD = d;
        else {
          for (let kk = 0; kk < m; kk++) if (p.cap[kk]! > 0) mu[kk]! -= step;
          break;
        }
      }
    }
    s.anyMu = hasMentorPrices(s);
    for (const step of [0.8, 0.4, 0.2, 0.1, 0.05]) {
      for (let kk = 0; kk < m; kk++) {
        if (p.cap[kk]! <= 0 || halt()) continue;
        mu[kk]! += step;
        s.anyMu = true;
        const d = evalMu();
        if (d < bestD - 1e-12) bestD = d;
        else mu[kk]! -= step;
        s.anyMu = hasMentorPrices(s);
      }
    }
    evalMu();
  }
  // The LP pays off when capacity binds (priced above) or when a cut is not implied (the
  // applicants do not split evenly into largest groups); otherwise the sweep is close to it.
  if (G > 0 && (s.anyMu || activeCuts(s).length > 0) && !(stopRequested !== undefined && stopRequested())) lpDuals(s, y, 0, dualBound(s, y, 0));
}

/**
 * Replaces the root's duals (y, μ, ρ) by the optimal duals of the LP relaxation when that gives a
 * lower bound: the simplex of simplex.ts over the node's columns (every alive group × each mentor
 * option or none) with rows cover_i ≤ 1, capacity_k ≤ cap_k and the cuts of partitionCuts that
 * the cover rows do not imply at this node. The sweep in dualBound restores exact feasibility, so the LP's accuracy only affects
 * how tight the bound is, never its validity. A pinned applicant may not stay unplaced (its cover
 * row is an equality): its slack costs PIN_SLACK_COST instead of 0 (big M), which keeps the slack
 * basis feasible to start from; the LP then only relaxes the rule by a price no solution pays, so
 * it still bounds every solution that keeps the pins.
 */
function lpDuals(s: SearchState, y: Float64Array, depth: number, current: number): number {
  const { p, n, m, smax, Pm, nComp, compFree, appComp, gFlat, gSize, gReq, gPs, gMentors, gMentorVal, capLeft, used, prices, mu, rho } = s;
  const CUTS = s.cuts;
  // Rows: cover per applicant, capacity per mentor, then the cuts (coefficients by group size).
  // Cuts the cover rows imply are left out: their prices would only reshuffle the duals (the
  // group-count cut at 24 applicants took one 24/10 draw from 414 to 10 495 nodes).
  const cutRow = n + m;
  const cuts = activeCuts(s);
  const R = cutRow + cuts.length;
  /** Per component, its active cut rows as [row, cut index] pairs. */
  const compCuts: [number, number][][] = Array.from({ length: nComp }, () => []);
  cuts.forEach((ck, a) => compCuts[ck % nComp]!.push([cutRow + a, Math.floor(ck / nComp)]));
  const rhs = new Float64Array(R);
  const slackCost = new Float64Array(R);
  for (let i = 0; i < n; i++) {
    rhs[i] = 1;
    if (p.pinPartners[i]!.length || p.pinMentor[i]! >= 0) slackCost[i] = -PIN_SLACK_COST;
  }
  for (let kk = 0; kk < m; kk++) rhs[n + kk] = capLeft[kk]!;
  cuts.forEach((ck, a) => (rhs[cutRow + a] = CUTS[Math.floor(ck / nComp)]!.rhs[compFree[ck % nComp]!]!));
  const alive = s.aliveStack[depth]!;
  const cnt = s.aliveCount[depth]!;
  const colStart: number[] = [0];
  const rowIdx: number[] = [];
  const coef: number[] = [];
  const cost: number[] = [];
  const addColumn = (g: number, mentor: number, value: number) => {
    const sz = gSize[g]!;
    for (let t = 0; t < sz; t++) {
      rowIdx.push(gFlat[g * smax + t]!);
      coef.push(1);
    }
    if (mentor >= 0) {
      rowIdx.push(n + mentor);
      coef.push(1);
    }
    for (const [row, c] of compCuts[appComp[gFlat[g * smax]!]!]!) {
      rowIdx.push(row);
      coef.push(CUTS[c]!.coef[sz]!);
    }
    cost.push(value);
    colStart.push(rowIdx.length);
  };
  for (let x = 0; x < cnt; x++) {
    const g = alive[x]!;
    if (!p.mentorRequired && gReq[g]! < 0) addColumn(g, -1, gPs[g]! - Pm);
    const ms = gMentors[g]!;
    for (let z = 0; z < ms.length; z++) if (capLeft[ms[z]!]! > 0) addColumn(g, ms[z]!, gPs[g]! + gMentorVal[g]![z]!);
  }
  const pi = solveLpDuals(
    { rows: R, colStart: Int32Array.from(colStart), rowIdx: Int32Array.from(rowIdx), coef: Float64Array.from(coef), cost: Float64Array.from(cost), rhs, slackCost },
    s.deadline,
    s.stopRequested,
  );
  if (!pi) return current;
  const saveY = Float64Array.from(y);
  const savePrices = Float64Array.from(prices);
  for (let i = 0; i < n; i++) y[i] = used[i] ? 0 : slackCost[i]! < 0 ? pi[i]! : Math.max(0, pi[i]!);
  for (let kk = 0; kk < m; kk++) mu[kk] = capLeft[kk]! > 0 ? Math.max(0, pi[n + kk]!) : 0;
  rho.fill(0);
  for (let a = 0; a < cuts.length; a++) rho[cuts[a]!] = Math.max(0, pi[cutRow + a]!);
  s.anyRho = rho.some((v) => v > 0);
  s.anyMu = hasMentorPrices(s);
  const d = dualBound(s, y, depth);
  if (!(d < current - 1e-9)) {
    y.set(saveY);
    prices.set(savePrices);
    refreshPriceFlags(s);
    dualBound(s, y, depth);
    return current;
  }
  return d;
}

/**
 * Near the root, re-prices the mentors still free with a common shift (the ones used on the path
 * changed the competition) and returns the node's dual bound under the prices kept. The caller
 * saves the prices before and restores them when the node is done.
 */
export function retuneMentorPrices(s: SearchState, y: Float64Array, depth: number, D: number): number {
  const { m, mu, capLeft } = s;
  const base = Float64Array.from(y);
  for (const step of [0.4, -0.4, 0.2, -0.2]) {
    const keep = Float64Array.from(mu);
    for (let kk = 0; kk < m; kk++) if (capLeft[kk]! > 0) mu[kk] = Math.max(0, mu[kk]! + step);
    y.set(base);
    const d = dualBound(s, y, depth);
    if (d < D - 1e-12) {
      D = d;
      base.set(y);
    } else mu.set(keep);
  }
  y.set(base);
  return dualBound(s, y, depth);
}
