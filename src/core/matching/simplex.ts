/**
 * A small primal simplex for the LP relaxations of the exact search (see lpDuals in exact/root.ts):
 *
 *   max c·x  subject to  A·x + s = b,  x ≥ 0,  s ≥ 0,
 *
 * where every column of A is non-negative and sparse, b ≥ 0, and each row's slack s_r may carry a
 * cost slackCost_r ≤ 0 (a big M for a row that should be an equality). The all-slack basis is
 * then feasible, so no phase one is needed.
 *
 * Rows are few (applicants + mentors + cuts), columns many (every group × mentor option, about
 * 200 000 at 40 applicants): the basis inverse is kept dense, and columns are priced in blocks
 * from a rotating cursor (partial pricing); only a full cycle without an improving column ends
 * the solve. The right-hand sides are perturbed slightly against cycling.
 *
 * A caller that only appends columns between solves (column generation) can pass a `SimplexState`:
 * the basis of the last solve stays feasible for the larger LP, so the next solve continues from it.
 *
 * The result is the row duals π: optimal when the solve finishes, or the last ones when the
 * iteration cap stops it; null when the deadline passes. Callers use π only as a start for a
 * bound that they make feasible themselves, so inaccurate duals can loosen a bound, never
 * invalidate it.
 */

export interface SparseLp {
  rows: number;
  /** Column j's entries are rowIdx/coef[colStart[j] .. colStart[j + 1]). */
  colStart: Int32Array;
  rowIdx: Int32Array;
  coef: Float64Array;
  /** Objective coefficient per column. */
  cost: Float64Array;
  /** Right-hand side per row (≥ 0). */
  rhs: Float64Array;
  /** Objective coefficient of each row's slack (≤ 0; 0 when absent). */
  slackCost?: Float64Array;
}

const TOL = 1e-9;

/** The basis of a solve (inverse, basic values, basic costs), updated in place by the solve. */
export interface SimplexState {
  Binv: Float64Array;
  xB: Float64Array;
  cB: Float64Array;
}

/** The all-slack starting basis of an LP (right-hand sides perturbed slightly against cycling). */
export function initialSimplexState(lp: SparseLp): SimplexState {
  const R = lp.rows;
  const Binv = new Float64Array(R * R);
  for (let r = 0; r < R; r++) Binv[r * R + r] = 1;
  const xB = new Float64Array(R);
  for (let r = 0; r < R; r++) xB[r] = lp.rhs[r]! + (1e-7 * (((r * 7919) % R) + 1)) / R;
  return { Binv, xB, cB: Float64Array.from(lp.slackCost ?? new Float64Array(R)) };
}

/** `shouldStop` (a stop request) ends it like the deadline does. */
export function solveLpDuals(
  lp: SparseLp,
  deadline?: number,
  shouldStop?: () => boolean,
  state: SimplexState = initialSimplexState(lp),
): Float64Array | null {
  const R = lp.rows;
  const C = lp.cost.length;
  const { colStart, rowIdx, coef, cost } = lp;
  const slackCost = lp.slackCost ?? new Float64Array(R);
  const { Binv, xB, cB } = state;
  const pi = new Float64Array(R);
  const alpha = new Float64Array(R);
  // Small blocks: at 10⁶ columns, pricing a sixteenth per iteration cost more than the pivots saved.
  const block = Math.max(2000, Math.ceil(C / 1024));
  let cursor = 0;
  for (let iter = 0; iter < 20 * (R + C); iter++) {
    if ((iter & 15) === 0 && ((deadline !== undefined && Date.now() > deadline) || shouldStop?.() === true)) return null;
    // π = c_B·B⁻¹ from scratch now and then; in between it is updated with each pivot (below).
    if ((iter & 63) === 0) {
      for (let r = 0; r < R; r++) {
        let s = 0;
        for (let q = 0; q < R; q++) s += cB[q]! * Binv[q * R + r]!;
        pi[r] = s;
      }
    }
    let enter = 0;
    let bestD = TOL;
    let isSlack = false;
    for (let r = 0; r < R; r++) {
      if (slackCost[r]! - pi[r]! > bestD) {
        bestD = slackCost[r]! - pi[r]!;
        enter = r;
        isSlack = true;
      }
    }
    let scanned = 0;
    while (scanned < C && bestD <= TOL) {
      const end = Math.min(scanned + block, C);
      for (let x = scanned; x < end; x++) {
        const j = cursor + x < C ? cursor + x : cursor + x - C;
        let d = cost[j]!;
        for (let e = colStart[j]!; e < colStart[j + 1]!; e++) d -= coef[e]! * pi[rowIdx[e]!]!;
        if (d > bestD) {
          bestD = d;
          enter = j;
          isSlack = false;
        }
      }
      scanned = end;
    }
    cursor = C > 0 ? (cursor + scanned) % C : 0;
    if (bestD <= TOL) return pi;
    for (let q = 0; q < R; q++) {
      if (isSlack) alpha[q] = Binv[q * R + enter]!;
      else {
        let s = 0;
        for (let e = colStart[enter]!; e < colStart[enter + 1]!; e++) s += coef[e]! * Binv[q * R + rowIdx[e]!]!;
        alpha[q] = s;
      }
    }
    let leave = -1;
    let ratio = Infinity;
    for (let q = 0; q < R; q++) {
      if (alpha[q]! > TOL) {
        const t = xB[q]! / alpha[q]!;
        if (t < ratio) {
          ratio = t;
          leave = q;
        }
      }
    }
    if (leave < 0) return null; // unbounded: impossible with b ≥ 0 and non-negative columns in cover rows
    const piv = alpha[leave]!;
    for (let c = 0; c < R; c++) Binv[leave * R + c]! /= piv;
    xB[leave]! /= piv;
    for (let q = 0; q < R; q++) {
      if (q === leave) continue;
      const f = alpha[q]!;
      if (f === 0) continue;
      for (let c = 0; c < R; c++) Binv[q * R + c]! -= f * Binv[leave * R + c]!;
      xB[q]! -= f * xB[leave]!;
      if (xB[q]! < 0) xB[q] = 0;
    }
    cB[leave] = isSlack ? slackCost[enter]! : cost[enter]!;
    // The entering column's reduced cost drops to 0: π moves by it along the leaving row of the new B⁻¹.
    for (let c = 0; c < R; c++) pi[c]! += bestD * Binv[leave * R + c]!;
  }
  for (let r = 0; r < R; r++) {
    let s = 0;
    for (let q = 0; q < R; q++) s += cB[q]! * Binv[q * R + r]!;
    pi[r] = s;
  }
  return pi;
}
