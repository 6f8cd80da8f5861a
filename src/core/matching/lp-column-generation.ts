/**
 * Column generation for a packing LP whose columns are too many to hand to the simplex at once
 * (the root LP of the exact search above ~60 applicants has millions of group × mentor columns):
 *
 *   max c·x  subject to  A·x ≤ b,  x ≥ 0   (A non-negative, b ≥ 0; rows as in simplex.ts)
 *
 * A restricted master holds the columns found so far; each round solves it (simplex.ts, continuing
 * from the last basis: columns are only appended, so that basis stays feasible) and asks the
 * caller's pricing for columns with positive reduced cost under the master's duals π. It ends when
 * the pricing finds none (π is then optimal for the whole LP), at the round limit, the deadline or
 * a stop request.
 *
 * Invariants: the master only grows; the returned π are the last master's duals (optimal for the full
 * LP only when `converged`). Callers must repair π into a feasible dual before using it as a bound,
 * as every caller of solveLpDuals does.
 */
import { initialSimplexState, solveLpDuals, type PricingRule, type SimplexState, type SparseLp } from './simplex.js';

export interface LpRows {
  rows: number;
  rhs: Float64Array;
  slackCost?: Float64Array;
}

/** Receives a column: its row indices, coefficients and objective value. */
export type ColumnSink = (rowIdx: ArrayLike<number>, coef: ArrayLike<number>, cost: number) => void;

export interface ColumnGenerationRun {
  pi: Float64Array | null;
  converged: boolean;
  columns: number;
  rounds: number;
}

/**
 * `seed` adds the starting columns; `price(pi, add)` adds columns that price out under π and
 * returns how many it added (0 ends the generation).
 */
export function solveLpByColumnGeneration(
  rows: LpRows,
  seed: (add: ColumnSink) => void,
  price: (pi: Float64Array, add: ColumnSink) => number,
  limits: { deadline?: number; shouldStop?: () => boolean; maxRounds?: number; pricing?: PricingRule } = {},
): ColumnGenerationRun {
  const master = growableColumns();
  seed(master.add);
  let state: SimplexState | undefined;
  let pi: Float64Array | null = null;
  const maxRounds = limits.maxRounds ?? 500;
  for (let round = 0; round < maxRounds; round++) {
    const lp: SparseLp = { rows: rows.rows, rhs: rows.rhs, ...(rows.slackCost ? { slackCost: rows.slackCost } : {}), ...master.view() };
    state ??= initialSimplexState(lp);
    const next = solveLpDuals(lp, limits.deadline, limits.shouldStop, state, limits.pricing);
    if (!next) return { pi, converged: false, columns: master.count(), rounds: round };
    pi = next;
    if (price(pi, master.add) === 0) return { pi, converged: true, columns: master.count(), rounds: round + 1 };
  }
  return { pi, converged: false, columns: master.count(), rounds: maxRounds };
}

/** Column storage in doubling typed arrays (the master is rebuilt as views, never copied per round). */
function growableColumns() {
  let colStart = new Int32Array(1024);
  let rowIdx = new Int32Array(4096);
  let coef = new Float64Array(4096);
  let cost = new Float64Array(1024);
  let cols = 0;
  let nnz = 0;
  const add: ColumnSink = (r, c, value) => {
    if (cols + 2 > colStart.length) {
      colStart = grow(colStart, colStart.length * 2);
      cost = grow(cost, cost.length * 2);
    }
    if (nnz + r.length > rowIdx.length) {
      const size = Math.max(rowIdx.length * 2, nnz + r.length);
      rowIdx = grow(rowIdx, size);
      coef = grow(coef, size);
    }
    for (let e = 0; e < r.length; e++) {
      rowIdx[nnz] = r[e]!;
      coef[nnz++] = c[e]!;
    }
    cost[cols++] = value;
    colStart[cols] = nnz;
  };
  return {
    add,
    count: () => cols,
    view: () => ({ colStart: colStart.subarray(0, cols + 1), rowIdx: rowIdx.subarray(0, nnz), coef: coef.subarray(0, nnz), cost: cost.subarray(0, cols) }),
  };
}

function grow<T extends Int32Array | Float64Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}
