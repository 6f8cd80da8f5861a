/**
 * A small primal simplex for the engine's LP relaxations: the exact search's (lpDuals in exact/root.ts),
 * the column-generation masters (lp-column-generation.ts) and the rollout plans' value LP (rollout/value-lp.ts):
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
 * the solve. Where columns are few against rows (the masters of column generation) Devex pricing
 * picks the entering column instead. The right-hand sides are perturbed slightly against cycling.
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

/** How the entering column is chosen (see solveLpDuals). */
export type PricingRule = 'auto' | 'devex' | 'largest';

/** The basis of a solve (inverse, basic values, basic costs), updated in place by the solve. */
export interface SimplexState {
  Binv: Float64Array;
  xB: Float64Array;
  cB: Float64Array;
  /**
   * Devex pricing's bookkeeping, kept across solves like the basis: the variable basic in each row
   * (column j ≥ 0, or −1 − r for row r's slack) and the reference weights of columns and slacks.
   * Without it a solve prices by plain largest reduced cost.
   */
  devex?: { head: Int32Array; colWeight: Float64Array; slackWeight: Float64Array };
}

/** The all-slack starting basis of an LP (right-hand sides perturbed slightly against cycling). */
export function initialSimplexState(lp: SparseLp): SimplexState {
  const R = lp.rows;
  const Binv = new Float64Array(R * R);
  for (let r = 0; r < R; r++) Binv[r * R + r] = 1;
  const xB = new Float64Array(R);
  for (let r = 0; r < R; r++) xB[r] = lp.rhs[r]! + (1e-7 * (((r * 7919) % R) + 1)) / R;
  const head = Int32Array.from({ length: R }, (_, r) => -1 - r);
  const devex = { head, colWeight: new Float64Array(0), slackWeight: new Float64Array(R).fill(1) };
  return { Binv, xB, cB: Float64Array.from(lp.slackCost ?? new Float64Array(R)), devex };
}

/**
 * `shouldStop` (a stop request) ends it like the deadline does. `pricing` picks the entering
 * column: by Devex weights or by largest reduced cost in blocks; 'auto' takes Devex where the
 * columns are few against the rows (below), and tests force either.
 */
export function solveLpDuals(
  lp: SparseLp,
  deadline?: number,
  shouldStop?: () => boolean,
  state: SimplexState = initialSimplexState(lp),
  pricing: PricingRule = 'auto',
): Float64Array | null {
  const R = lp.rows;
  const C = lp.cost.length;
  const { colStart, rowIdx, coef, cost } = lp;
  const slackCost = lp.slackCost ?? new Float64Array(R);
  const { Binv, xB, cB } = state;
  const pi = new Float64Array(R);
  const alpha = new Float64Array(R);
  // Devex pricing (weights that approximate steepest edge) where a pivot row over every column
  // costs no more than the update of B⁻¹ it comes with: the masters of column generation (a few
  // thousand columns on hundreds of rows). Largest-reduced-cost pricing stalled there on degenerate
  // pivots: 26 000 of 28 500 pivots at 290 applicants moved less than 1e-6.
  const devex = state.devex && pricing !== 'largest' && (pricing === 'devex' || C * 5 <= R * R) ? withColumnWeights(state.devex, C) : null;
  const choice: EnteringChoice = { enter: 0, d: TOL, isSlack: false, cursor: 0 };
  for (let iter = 0; iter < 20 * (R + C); iter++) {
    if ((iter & 15) === 0 && ((deadline !== undefined && Date.now() > deadline) || shouldStop?.() === true)) return null;
    // π = c_B·B⁻¹ from scratch now and then; in between it is updated with each pivot (below).
    if ((iter & 63) === 0) computeDuals(state, R, pi);
    if (devex) chooseByDevex(lp, slackCost, pi, devex, choice);
    else chooseLargest(lp, slackCost, pi, choice);
    const { enter, d: bestD, isSlack } = choice;
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
    const entering = isSlack ? -1 - enter : enter;
    if (devex) updateDevexWeights(lp, devex, Binv.subarray(leave * R, leave * R + R), piv, entering, leave);
    if (state.devex) state.devex.head[leave] = entering;
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
  computeDuals(state, R, pi);
  return pi;
}

/** π = c_B·B⁻¹. */
function computeDuals({ Binv, cB }: SimplexState, R: number, pi: Float64Array): void {
  for (let r = 0; r < R; r++) {
    let s = 0;
    for (let q = 0; q < R; q++) s += cB[q]! * Binv[q * R + r]!;
    pi[r] = s;
  }
}

/** The entering variable (a column, or a slack when isSlack) and its reduced cost d (≤ TOL: none). */
interface EnteringChoice {
  enter: number;
  d: number;
  isSlack: boolean;
  /** Where the block pricing resumes. */
  cursor: number;
}

/**
 * Largest reduced cost, slacks first, then columns in blocks from a rotating cursor until a block
 * holds an improving one (partial pricing). Small blocks: at 10⁶ columns, pricing a sixteenth per
 * iteration cost more than the pivots it saved.
 */
function chooseLargest(lp: SparseLp, slackCost: Float64Array, pi: Float64Array, out: EnteringChoice): void {
  const { colStart, rowIdx, coef, cost } = lp;
  const C = cost.length;
  const block = Math.max(2000, Math.ceil(C / 1024));
  out.d = TOL;
  for (let r = 0; r < lp.rows; r++) {
    if (slackCost[r]! - pi[r]! > out.d) {
      out.d = slackCost[r]! - pi[r]!;
      out.enter = r;
      out.isSlack = true;
    }
  }
  let scanned = 0;
  while (scanned < C && out.d <= TOL) {
    const end = Math.min(scanned + block, C);
    for (let x = scanned; x < end; x++) {
      const j = out.cursor + x < C ? out.cursor + x : out.cursor + x - C;
      let d = cost[j]!;
      for (let e = colStart[j]!; e < colStart[j + 1]!; e++) d -= coef[e]! * pi[rowIdx[e]!]!;
      if (d > out.d) {
        out.d = d;
        out.enter = j;
        out.isSlack = false;
      }
    }
    scanned = end;
  }
  out.cursor = C > 0 ? (out.cursor + scanned) % C : 0;
}

/** Largest d²/weight over every slack and column with d > TOL. */
function chooseByDevex(lp: SparseLp, slackCost: Float64Array, pi: Float64Array, devex: Devex, out: EnteringChoice): void {
  const { colStart, rowIdx, coef, cost } = lp;
  const { colWeight, slackWeight } = devex;
  let bestScore = 0;
  out.d = TOL;
  for (let r = 0; r < lp.rows; r++) {
    const d = slackCost[r]! - pi[r]!;
    if (d > TOL && d * d > bestScore * slackWeight[r]!) {
      bestScore = (d * d) / slackWeight[r]!;
      out.d = d;
      out.enter = r;
      out.isSlack = true;
    }
  }
  for (let j = 0; j < cost.length; j++) {
    let d = cost[j]!;
    for (let e = colStart[j]!; e < colStart[j + 1]!; e++) d -= coef[e]! * pi[rowIdx[e]!]!;
    if (d > TOL && d * d > bestScore * colWeight[j]!) {
      bestScore = (d * d) / colWeight[j]!;
      out.d = d;
      out.enter = j;
      out.isSlack = false;
    }
  }
}

type Devex = NonNullable<SimplexState['devex']>;

/** The weights extended to C columns (columns appended since the last solve start at 1). */
function withColumnWeights(devex: Devex, C: number): Devex {
  if (devex.colWeight.length < C) {
    const grown = new Float64Array(Math.max(C, 2 * devex.colWeight.length)).fill(1);
    grown.set(devex.colWeight);
    devex.colWeight = grown;
  }
  return devex;
}

/**
 * Devex's update for a pivot (Forrest and Goldfarb 1992): `row` is the leaving row of B⁻¹ before
 * the pivot, `piv` the pivot element, `enter` the entering variable (a column, or −1 − r for a
 * slack); the caller then records `enter` as basic in row `leave`. Each nonbasic weight rises to cover the entering edge's share; the leaving variable
 * takes the entering one's weight over piv². Weights that grow past 1e6 are reset to 1 (a new
 * reference framework), as the approximation has then drifted far from the true edge norms.
 */
function updateDevexWeights(lp: SparseLp, devex: Devex, row: Float64Array, piv: number, enter: number, leave: number): void {
  const { head, colWeight, slackWeight } = devex;
  const { colStart, rowIdx, coef } = lp;
  const C = lp.cost.length;
  const wq = enter >= 0 ? colWeight[enter]! : slackWeight[-1 - enter]!;
  const ratio = wq / (piv * piv);
  for (let j = 0; j < C; j++) {
    let a = 0;
    for (let e = colStart[j]!; e < colStart[j + 1]!; e++) a += coef[e]! * row[rowIdx[e]!]!;
    if (a !== 0) {
      const w = a * a * ratio;
      if (w > colWeight[j]!) colWeight[j] = w;
    }
  }
  for (let r = 0; r < row.length; r++) {
    const a = row[r]!;
    if (a !== 0) {
      const w = a * a * ratio;
      if (w > slackWeight[r]!) slackWeight[r] = w;
    }
  }
  const out = head[leave]!;
  const wOut = Math.max(ratio, 1);
  if (out >= 0) colWeight[out] = wOut;
  else slackWeight[-1 - out] = wOut;
  if (wOut > 1e6) {
    colWeight.fill(1);
    slackWeight.fill(1);
  }
}
