/**
 * The rows and columns of the multi-round LP (value-lp.ts): where each constraint sits, a column's
 * entries and value, the sparse LP for the engine's simplex, and the primal read back from a basis.
 *
 * Row order: cover rows 0…n−1 (rhs 1), external mentor rows (rhs cap; round 1, or every round when
 * persistent), link rows of members for rounds 2…R (rhs 0), limit rows (rhs limit_r, when finite),
 * and the group-count cut (rhs mostEdges(n)). Column (g, r, x): +1 on each member's cover row,
 * −cap on each member's link rows of rounds after r, +1 on mentor x's row for r, |g| on limit r,
 * |g| − 1 on the cut. Invariant: every column has a +1 on some cover row.
 */
import type { SimplexState, SparseLp } from '../matching/simplex.js';
import type { ValueData } from './value-data.js';

/** Group g joins in round r with mentor x (see value-data.ts for mentor indices). */
export interface Column {
  g: number;
  r: number;
  x: number;
}


/** The shift per placed member: more than any member can add to a plan. */
export function shiftOf(d: ValueData): number {
  let mw = 0;
  let mu = 0;
  for (const v of d.w) mw = Math.max(mw, v);
  for (const v of d.u) mu = Math.max(mu, v);
  return 2 * ((d.smax - 1) * mw + mu) + 1;
}

export interface Rows {
  count: number;
  mentorRow: Int32Array; // [(x)·R + r−1] → row or −1 (x over e+n mentors)
  limitRow: Int32Array; // [r−1] → row or −1
  /** The group-count cut Σ (|g| − 1)·x ≤ most(n): a partition of n into groups has at least ⌈n/smax⌉ groups. */
  cutRow: number;
  rhs: Float64Array;
}

/** most[f]: the largest Σ (|g| − 1) over groups of sizes smin…smax with Σ |g| ≤ f (a knapsack). */
export function mostEdges(f: number, smin: number, smax: number): number {
  const best = [0];
  for (let t = 1; t <= f; t++) {
    let b = best[t - 1]!;
    for (let s = smin; s <= Math.min(smax, t); s++) b = Math.max(b, best[t - s]! + s - 1);
    best.push(b);
  }
  return best[f]!;
}

export function layoutRows(d: ValueData, limits: number[]): Rows {
  const { n, e, R } = d;
  const mentorRow = new Int32Array((e + n) * R).fill(-1);
  const limitRow = new Int32Array(R).fill(-1);
  const rhs: number[] = new Array<number>(n).fill(1);
  for (let x = 0; x < e; x++)
    for (let r = 1; r <= R; r++)
      if (r === 1 || d.persistent[x]) {
        mentorRow[x * R + r - 1] = rhs.length;
        rhs.push(d.cap);
      }
  for (let i = 0; i < n; i++)
    for (let r = 2; r <= R; r++) {
      mentorRow[(e + i) * R + r - 1] = rhs.length;
      rhs.push(0);
    }
  for (let r = 1; r <= R; r++)
    if (Number.isFinite(limits[r - 1]!)) {
      limitRow[r - 1] = rhs.length;
      rhs.push(limits[r - 1]!);
    }
  const cutRow = rhs.length;
  rhs.push(mostEdges(n, d.smin, d.smax));
  return { count: rhs.length, mentorRow, limitRow, cutRow, rhs: Float64Array.from(rhs) };
}

/** The sparse column of (g, r, x): row indices and coefficients. */
export function entries(d: ValueData, rows: Rows, c: Column): [number[], number[]] {
  const idx: number[] = [];
  const cf: number[] = [];
  const { R, e } = d;
  for (let t = d.gStart[c.g]!; t < d.gStart[c.g + 1]!; t++) {
    const i = d.gMem[t]!;
    idx.push(i);
    cf.push(1);
    for (let r2 = c.r + 1; r2 <= R; r2++) {
      idx.push(rows.mentorRow[(e + i) * R + r2 - 1]!);
      cf.push(-d.cap);
    }
  }
  idx.push(rows.mentorRow[c.x * R + c.r - 1]!);
  cf.push(1);
  const size = d.gStart[c.g + 1]! - d.gStart[c.g]!;
  const lr = rows.limitRow[c.r - 1]!;
  if (lr >= 0) {
    idx.push(lr);
    cf.push(size);
  }
  if (size > 1) {
    idx.push(rows.cutRow);
    cf.push(size - 1);
  }
  return [idx, cf];
}

export function columnValue(d: ValueData, c: Column, M: number): number {
  let v = d.gPair[c.g]!;
  for (let t = d.gStart[c.g]!; t < d.gStart[c.g + 1]!; t++) v += d.u[c.x * d.n + d.gMem[t]!]! + M;
  return v;
}

/** The sparse LP over `cols`; a column `off` marks costs −OFF_COST (forbidden at the node, kept for a warm start). */
export function buildLp(d: ValueData, rows: Rows, cols: Column[], M: number, off?: (c: Column) => boolean): SparseLp {
  const colStart = new Int32Array(cols.length + 1);
  const idx: number[] = [];
  const cf: number[] = [];
  const cost = new Float64Array(cols.length);
  cols.forEach((c, j) => {
    const [a, b] = entries(d, rows, c);
    idx.push(...a);
    cf.push(...b);
    colStart[j + 1] = idx.length;
    cost[j] = off?.(c) ? -OFF_COST : columnValue(d, c, M);
  });
  return { rows: rows.count, colStart, rowIdx: Int32Array.from(idx), coef: Float64Array.from(cf), cost, rhs: rows.rhs };
}

/** The cost of a column a node forbids: far below anything a column can earn, so the simplex drives it out. */
export const OFF_COST = 1e4;

/**
 * The basis of the last master: for each basic LP column j, its position q and value. Column j is
 * basic at q iff B⁻¹·A_j = e_q (only columns with reduced cost 0 can be; each position once).
 * Basis columns not recognised (rounding) are left out: callers use this for branching and warm
 * starts only, never for the bound.
 */
export function basicColumns(lp: SparseLp, y: Float64Array, state: SimplexState): { j: number; pos: number; v: number }[] {
  const Rn = lp.rows;
  const used = new Uint8Array(Rn);
  const out: { j: number; pos: number; v: number }[] = [];
  for (let j = 0; j + 1 < lp.colStart.length; j++) {
    const from = lp.colStart[j]!;
    const to = lp.colStart[j + 1]!;
    let rc = lp.cost[j]!;
    for (let t = from; t < to; t++) rc -= lp.coef[t]! * y[lp.rowIdx[t]!]!;
    if (Math.abs(rc) > 1e-6) continue;
    let pos = -1;
    let unit = true;
    for (let q = 0; q < Rn && unit; q++) {
      let s = 0;
      for (let t = from; t < to; t++) s += lp.coef[t]! * state.Binv[q * Rn + lp.rowIdx[t]!]!;
      if (Math.abs(s - 1) < 1e-6 && pos < 0) pos = q;
      else if (Math.abs(s) > 1e-6) unit = false;
    }
    if (!unit || pos < 0 || used[pos]) continue;
    used[pos] = 1;
    out.push({ j, pos, v: state.xB[pos]! });
  }
  return out;
}
