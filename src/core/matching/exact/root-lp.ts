/**
 * The LP relaxation at a node of the exact search, as duals for its bound: rows cover_i ≤ 1 per
 * applicant, capacity_k ≤ capLeft_k per mentor and the partition cuts the cover rows do not imply
 * (cuts.ts); one column per alive group × mentor option (or none). Up to PRICED_LP_COLUMNS columns
 * the simplex (simplex.ts) gets them all; above, column generation over the group table
 * (lp-column-generation.ts): the master starts from the best solution's groups and each round adds,
 * per applicant, the column of largest reduced cost that contains it. A pricing pass is a scan of
 * the group table, far cheaper than a simplex over the 10⁶–10⁷ columns of 60–120 applicants.
 *
 * Invariants: the duals are only a start for dualBound's sweep, which restores feasibility, so an
 * inexact or cut-short LP can loosen the bound, never invalidate it; the node's y and prices change
 * only when the LP lowers the bound.
 */
import { solveLpByColumnGeneration, type ColumnSink } from '../lp-column-generation.js';
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
/** Above this many columns a node's LP is solved by column generation over the group table. */
const PRICED_LP_COLUMNS = 300_000;

type CompCuts = [number, number][][];

/**
 * Replaces the node's duals (y, μ, ρ) by the optimal duals of the LP relaxation when that gives a
 * lower bound: the LP over the node's columns (every alive group × each mentor option or none) with rows cover_i ≤ 1, capacity_k ≤ cap_k and the cuts of partitionCuts that
 * the cover rows do not imply at this node. The sweep in dualBound restores exact feasibility, so the LP's accuracy only affects
 * how tight the bound is, never its validity. A pinned applicant may not stay unplaced (its cover
 * row is an equality): its slack costs PIN_SLACK_COST instead of 0 (big M), which keeps the slack
 * basis feasible to start from; the LP then only relaxes the rule by a price no solution pays, so
 * it still bounds every solution that keeps the pins.
 */
export function lpDuals(s: SearchState, y: Float64Array, depth: number, current: number): number {
  const { p, n, m, smax, nComp, compFree, appComp, gFlat, gSize, gReq, gMentors, capLeft, used, prices, mu, rho } = s;
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
  // Counted first: the whole LP is built in typed arrays of the right size, or priced instead.
  let nCols = 0;
  let nEntries = 0;
  for (let x = 0; x < cnt; x++) {
    const g = alive[x]!;
    const extra = gSize[g]! + compCuts[appComp[gFlat[g * smax]!]!]!.length;
    if (!p.mentorRequired && gReq[g]! < 0) {
      nCols++;
      nEntries += extra;
    }
    const ms = gMentors[g]!;
    for (let z = 0; z < ms.length; z++) if (capLeft[ms[z]!]! > 0) {
      nCols++;
      nEntries += extra + 1;
    }
  }
  const pi =
    nCols > (s.pricedLpColumns ?? PRICED_LP_COLUMNS)
      ? lpDualsByPricing(s, depth, R, rhs, slackCost, compCuts)
      : lpDualsOverAllColumns(s, depth, R, rhs, slackCost, compCuts, nCols, nEntries);
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


/** The node's LP with every column at once. */
function lpDualsOverAllColumns(
  s: SearchState,
  depth: number,
  R: number,
  rhs: Float64Array,
  slackCost: Float64Array,
  compCuts: CompCuts,
  nCols: number,
  nEntries: number,
): Float64Array | null {
  const { p, Pm, gReq, gPs, gMentors, gMentorVal, capLeft } = s;
  const alive = s.aliveStack[depth]!;
  const cnt = s.aliveCount[depth]!;
  const colStart = new Int32Array(nCols + 1);
  const rowIdx = new Int32Array(nEntries);
  const coef = new Float64Array(nEntries);
  const cost = new Float64Array(nCols);
  let col = 0;
  let e = 0;
  const add: ColumnSink = (r, c, value) => {
    for (let t = 0; t < r.length; t++) {
      rowIdx[e] = r[t]!;
      coef[e++] = c[t]!;
    }
    cost[col++] = value;
    colStart[col] = e;
  };
  const emit = columnEmitter(s, compCuts);
  for (let x = 0; x < cnt; x++) {
    const g = alive[x]!;
    if (!p.mentorRequired && gReq[g]! < 0) emit(g, -1, gPs[g]! - Pm, add);
    const ms = gMentors[g]!;
    for (let z = 0; z < ms.length; z++) if (capLeft[ms[z]!]! > 0) emit(g, ms[z]!, gPs[g]! + gMentorVal[g]![z]!, add);
  }
  return solveLpDuals({ rows: R, colStart, rowIdx, coef, cost, rhs, slackCost }, s.deadline, s.stopRequested);
}

/** Hands one group × mentor column (mentor −1: none) with its cut coefficients to a sink. */
function columnEmitter(s: SearchState, compCuts: CompCuts) {
  const { n, smax, gFlat, gSize, appComp } = s;
  const CUTS = s.cuts;
  const rows = new Int32Array(smax + 1 + 2 * CUTS.length);
  const coefs = new Float64Array(smax + 1 + 2 * CUTS.length);
  return (g: number, mentor: number, value: number, add: ColumnSink): void => {
    const sz = gSize[g]!;
    let e = 0;
    for (let t = 0; t < sz; t++) {
      rows[e] = gFlat[g * smax + t]!;
      coefs[e++] = 1;
    }
    if (mentor >= 0) {
      rows[e] = n + mentor;
      coefs[e++] = 1;
    }
    for (const [row, c] of compCuts[appComp[gFlat[g * smax]!]!]!) {
      rows[e] = row;
      coefs[e++] = CUTS[c]!.coef[sz]!;
    }
    add(rows.subarray(0, e), coefs.subarray(0, e), value);
  };
}

/** The node's LP by column generation over its alive groups (see the module header). */
function lpDualsByPricing(s: SearchState, depth: number, R: number, rhs: Float64Array, slackCost: Float64Array, compCuts: CompCuts): Float64Array | null {
  const { p, n, m, smin, smax, Pm, nComp, SZ, appComp, gFlat, gSize, gReq, gPs, gMentors, gMentorVal, capLeft } = s;
  const CUTS = s.cuts;
  const alive = s.aliveStack[depth]!;
  const cnt = s.aliveCount[depth]!;
  const emit = columnEmitter(s, compCuts);
  const added = new Set<number>();
  const keyOf = (g: number, kk: number) => g * (m + 1) + kk + 1;
  const valueOf = (g: number, kk: number): number => {
    if (kk < 0) return gPs[g]! - Pm;
    const ms = gMentors[g]!;
    for (let z = 0; z < ms.length; z++) if (ms[z] === kk) return gPs[g]! + gMentorVal[g]![z]!;
    return NaN;
  };
  const seed = (add: ColumnSink) => {
    const sol = s.best[0]?.sol;
    if (!sol || depth > 0) return;
    for (const grp of sol.groups) {
      const g = aliveGroupOf(s, [...grp.members].sort((a, b) => a - b));
      if (g < 0 || (grp.mentor >= 0 && capLeft[grp.mentor]! <= 0)) continue;
      const v = valueOf(g, grp.mentor);
      if (v !== v) continue;
      added.add(keyOf(g, grp.mentor));
      emit(g, grp.mentor, v, add);
    }
  };
  const bestRc = new Float64Array(n);
  const bestG = new Int32Array(n);
  const bestK = new Int32Array(n);
  const cutPrice = new Float64Array(nComp * SZ);
  const price = (pi: Float64Array, add: ColumnSink): number => {
    cutPrice.fill(0);
    for (let K = 0; K < nComp; K++) for (const [row, c] of compCuts[K]!) for (let sz = smin; sz <= smax; sz++) cutPrice[K * SZ + sz]! += pi[row]! * CUTS[c]!.coef[sz]!;
    bestRc.fill(1e-7);
    bestG.fill(-1);
    for (let x = 0; x < cnt; x++) {
      const g = alive[x]!;
      const sz = gSize[g]!;
      let base = gPs[g]! - cutPrice[appComp[gFlat[g * smax]!]! * SZ + sz]!;
      // A column matters only if it beats the best found so far for one of its members.
      let floor = Infinity;
      for (let t = 0; t < sz; t++) {
        const i = gFlat[g * smax + t]!;
        base -= pi[i]!;
        if (bestRc[i]! < floor) floor = bestRc[i]!;
      }
      let rcBest = -Infinity;
      let kBest = -2;
      if (!p.mentorRequired && gReq[g]! < 0 && base - Pm > floor) {
        rcBest = base - Pm;
        kBest = -1;
      }
      const ms = gMentors[g]!;
      const mv = gMentorVal[g]!;
      for (let z = 0; z < ms.length; z++) {
        // Mentor rows' duals are ≥ 0 (up to rounding), and options come best raw score first.
        if (base + mv[z]! <= Math.max(floor, rcBest)) break;
        const kk = ms[z]!;
        if (capLeft[kk]! <= 0) continue;
        const rc = base + mv[z]! - Math.max(0, pi[n + kk]!);
        if (rc > rcBest) {
          rcBest = rc;
          kBest = kk;
        }
      }
      if (kBest === -2 || rcBest <= floor) continue;
      for (let t = 0; t < sz; t++) {
        const i = gFlat[g * smax + t]!;
        if (rcBest > bestRc[i]!) {
          bestRc[i] = rcBest;
          bestG[i] = g;
          bestK[i] = kBest;
        }
      }
    }
    let count = 0;
    for (let i = 0; i < n; i++) {
      const g = bestG[i]!;
      if (g < 0) continue;
      const key = keyOf(g, bestK[i]!);
      if (added.has(key)) continue;
      added.add(key);
      emit(g, bestK[i]!, valueOf(g, bestK[i]!), add);
      count++;
    }
    return count;
  };
  // Largest-reduced-cost pricing: under Devex the master ends at another optimal basis whose duals
  // drop fewer groups below the root, and 100/35 draws ended 10 s with gaps 0.38–0.62 % instead
  // of 0.30–0.41 % (measured side by side).
  return solveLpByColumnGeneration({ rows: R, rhs, slackCost }, seed, price, { deadline: s.deadline, shouldStop: s.stopRequested, pricing: 'largest' }).pi;
}

/**
 * The alive group with exactly these (sorted) members, or −1: looked up in the first member's list
 * of alive groups, which the node's dualBound has just built (csrList).
 */
function aliveGroupOf(s: SearchState, members: number[]): number {
  const { smax, gFlat, gSize, csrStart, csrList } = s;
  const first = members[0]!;
  for (let x = csrStart[first]!; x < csrStart[first + 1]!; x++) {
    const g = csrList[x]!;
    if (gSize[g] !== members.length) continue;
    let same = true;
    for (let t = 0; t < members.length && same; t++) same = gFlat[g * smax + t] === members[t];
    if (same) return g;
  }
  return -1;
}
