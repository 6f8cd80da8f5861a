/**
 * An upper bound on a component's plan value over every assignment of its members to rounds
 * 1…R (consistent with some members' rounds fixed): the LP relaxation of the multi-round model,
 * solved by column generation with the engine's simplex (matching/simplex.ts), then made dual
 * feasible by a repairing sweep so that the bound never rests on convergence.
 *
 * Columns (g, r, x): group g joins in round r with mentor x; value v = pairSum(g) + Σ_{i∈g} u(x,i),
 * shifted by |g|·M so that covering pays (each member placed earns M; the bound subtracts n·M).
 *   cover i:        Σ_{cols ∋ i} x ≤ 1
 *   external x, r:  Σ_{cols of x in r} ≤ cap         (round 1 only unless persistent)
 *   link i, r ≥ 2:  Σ_{cols of mentor i in r} − cap·Σ_{cols ∋ i in rounds < r} ≤ 0
 *   limit r:        Σ_{cols in r} |g| ≤ limit_r       (when finite)
 * Every plan (all members placed) is feasible here with value + n·M, so for any dual y ≥ 0 with
 * every column's reduced cost ≤ 0, b·y − n·M ≥ every plan's value. The sweep raises each cover
 * dual in turn to the largest reduced cost of the columns containing that member (given the others),
 * which leaves every reduced cost ≤ 0 (each column contains a member).
 *
 * Also returns the last master's join fractions z[i·R + r−1] (for branching and rounding),
 * read from the basis: a column is basic at position q iff B⁻¹·A_j = e_q.
 */
import { initialSimplexState, solveLpDuals, type SimplexState, type SparseLp } from '../matching/simplex.js';
import { type ValueData, groupCount, mentorAvailable } from './value-data.js';

export interface Column {
  g: number;
  r: number;
  x: number;
}

/** Columns found so far (shared by every node of a search; a node uses those its fixings allow). */
export interface ColumnPool {
  cols: Column[];
  seen: Set<string>;
}

export const newPool = (): ColumnPool => ({ cols: [], seen: new Set() });

export interface NodeBound {
  /** Valid upper bound on the value of every plan consistent with the fixings. */
  bound: number;
  /** Join fractions of the last master, z[i·R + r − 1]. */
  z: Float64Array;
  converged: boolean;
  /** Pricing work done (group × round × mentor evaluations). */
  work: number;
}

const TOL = 1e-7;

/** The shift per placed member: more than any member can add to a plan. */
export function shiftOf(d: ValueData): number {
  let mw = 0;
  let mu = 0;
  for (const v of d.w) mw = Math.max(mw, v);
  for (const v of d.u) mu = Math.max(mu, v);
  return 2 * ((d.smax - 1) * mw + mu) + 1;
}

interface Rows {
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

function layoutRows(d: ValueData, limits: number[]): Rows {
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
function entries(d: ValueData, rows: Rows, c: Column): [number[], number[]] {
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

function columnValue(d: ValueData, c: Column, M: number): number {
  let v = d.gPair[c.g]!;
  for (let t = d.gStart[c.g]!; t < d.gStart[c.g + 1]!; t++) v += d.u[c.x * d.n + d.gMem[t]!]! + M;
  return v;
}

function groupAllowed(d: ValueData, g: number, r: number, fixed: Int32Array): boolean {
  for (let t = d.gStart[g]!; t < d.gStart[g + 1]!; t++) {
    const f = fixed[d.gMem[t]!]!;
    if (f !== 0 && f !== r) return false;
  }
  return true;
}

function buildLp(d: ValueData, rows: Rows, cols: Column[], M: number): SparseLp {
  const colStart = new Int32Array(cols.length + 1);
  const idx: number[] = [];
  const cf: number[] = [];
  const cost = new Float64Array(cols.length);
  cols.forEach((c, j) => {
    const [a, b] = entries(d, rows, c);
    idx.push(...a);
    cf.push(...b);
    colStart[j + 1] = idx.length;
    cost[j] = columnValue(d, c, M);
  });
  return { rows: rows.count, colStart, rowIdx: Int32Array.from(idx), coef: Float64Array.from(cf), cost, rhs: rows.rhs };
}

/**
 * Reduced-cost scan: for every allowed (g, r) (only g ∋ `only` when given), the best mentor under the
 * duals, reported when its reduced cost can exceed floor(g, r). Returns the work done.
 */
function scan(d: ValueData, y: Float64Array, rows: Rows, fixed: Int32Array, M: number, only: number, floor: (g: number, r: number) => number, visit: (g: number, r: number, x: number, rc: number) => void): number {
  const { n, e, R } = d;
  let work = 0;
  const a = new Float64Array(n);
  const maxU = new Float64Array(n);
  const list = only >= 0 ? d.byMember[only]! : null;
  const total = list ? list.length : groupCount(d);
  for (let r = 1; r <= R; r++) {
    const avail: number[] = [];
    for (let x = 0; x < e + n; x++) if (mentorAvailable(d, x, r, fixed)) avail.push(x);
    const lr = rows.limitRow[r - 1]!;
    const eta = lr >= 0 ? Math.max(0, y[lr]!) : 0;
    const kappa = Math.max(0, y[rows.cutRow]!);
    for (let i = 0; i < n; i++) {
      let credit = 0;
      for (let r2 = r + 1; r2 <= R; r2++) credit += Math.max(0, y[rows.mentorRow[(e + i) * R + r2 - 1]!]!);
      a[i] = M - Math.max(0, y[i]!) + d.cap * credit - eta - kappa;
      let best = -Infinity;
      for (const x of avail) if (d.madm[x * n + i] && d.u[x * n + i]! > best) best = d.u[x * n + i]!;
      maxU[i] = best;
    }
    for (let q = 0; q < total; q++) {
      const g = list ? list[q]! : q;
      if (!groupAllowed(d, g, r, fixed)) continue;
      let base = d.gPair[g]! + kappa;
      let over = 0;
      for (let t = d.gStart[g]!; t < d.gStart[g + 1]!; t++) {
        base += a[d.gMem[t]!]!;
        over += maxU[d.gMem[t]!]!;
      }
      const fl = floor(g, r);
      if (base + over <= fl) continue;
      let bestX = -1;
      let bestT = -Infinity;
      for (const x of avail) {
        let s = -Math.max(0, y[rows.mentorRow[x * R + r - 1]!]!);
        let ok = true;
        for (let t = d.gStart[g]!; t < d.gStart[g + 1]!; t++) {
          const i = d.gMem[t]!;
          if (!d.madm[x * n + i]) {
            ok = false;
            break;
          }
          s += d.u[x * n + i]!;
        }
        if (ok && s > bestT) {
          bestT = s;
          bestX = x;
        }
      }
      work += avail.length;
      if (bestX >= 0 && base + bestT > fl) visit(g, r, bestX, base + bestT);
    }
  }
  return work;
}

/** The node's LP bound by column generation (at most `maxRounds` pricing rounds), with repaired duals. */
export function boundNode(d: ValueData, fixed: Int32Array, limits: number[], pool: ColumnPool, maxRounds = 60): NodeBound {
  const { n, R } = d;
  const M = shiftOf(d);
  const rows = layoutRows(d, limits);
  const allowed = (c: Column) => groupAllowed(d, c.g, c.r, fixed) && mentorAvailable(d, c.x, c.r, fixed);
  const cols = pool.cols.filter(allowed);
  const inNode = new Set(cols.map((c) => `${c.g}/${c.r}/${c.x}`));
  let y = new Float64Array(rows.count);
  let state: SimplexState | undefined;
  let solvedCols = 0;
  let converged = false;
  let work = 0;
  for (let round = 0; round < maxRounds; round++) {
    if (cols.length) {
      const lp = buildLp(d, rows, cols, M);
      state ??= initialSimplexState(lp);
      const duals = solveLpDuals(lp, undefined, undefined, state);
      if (!duals) break;
      y = Float64Array.from(duals);
      solvedCols = cols.length;
    }
    const bestRc = new Float64Array(n * R).fill(TOL);
    const bestCol: (Column | null)[] = new Array<Column | null>(n * R).fill(null);
    const floor = (g: number, r: number) => {
      let f = Infinity;
      for (let t = d.gStart[g]!; t < d.gStart[g + 1]!; t++) f = Math.min(f, bestRc[d.gMem[t]! * R + r - 1]!);
      return f;
    };
    work += scan(d, y, rows, fixed, M, -1, floor, (g, r, x, rc) => {
      for (let t = d.gStart[g]!; t < d.gStart[g + 1]!; t++) {
        const s = d.gMem[t]! * R + r - 1;
        if (rc > bestRc[s]!) {
          bestRc[s] = rc;
          bestCol[s] = { g, r, x };
        }
      }
    });
    const before = cols.length;
    for (const c of bestCol) {
      if (!c) continue;
      const key = `${c.g}/${c.r}/${c.x}`;
      if (!pool.seen.has(key)) {
        pool.seen.add(key);
        pool.cols.push(c);
      }
      if (!inNode.has(key)) {
        inNode.add(key);
        cols.push(c);
      }
    }
    if (cols.length === before) {
      converged = true;
      break;
    }
  }
  const z = state ? joinFractions(d, rows, cols.slice(0, solvedCols), y, state, M) : new Float64Array(n * R);
  // Repair: raise each cover dual to the best reduced cost among its columns (the others fixed).
  const yr = Float64Array.from(y, (v) => Math.max(0, v));
  for (let i = 0; i < n; i++) {
    let need = 0;
    work += scan(d, yr, rows, fixed, M, i, () => need, (_g, _r, _x, rc) => {
      if (rc > need) need = rc;
    });
    yr[i] = yr[i]! + need;
  }
  let bound = -n * M;
  for (let q = 0; q < rows.count; q++) bound += yr[q]! * rows.rhs[q]!;
  return { bound, z, converged, work };
}

function joinFractions(d: ValueData, rows: Rows, cols: Column[], y: Float64Array, state: SimplexState, M: number): Float64Array {
  const { n, R } = d;
  const Rn = rows.count;
  const z = new Float64Array(n * R);
  const used = new Uint8Array(Rn);
  for (const c of cols) {
    const [idx, cf] = entries(d, rows, c);
    let rc = columnValue(d, c, M);
    idx.forEach((q, t) => (rc -= cf[t]! * y[q]!));
    if (Math.abs(rc) > 1e-6) continue;
    let pos = -1;
    let unit = true;
    for (let q = 0; q < Rn && unit; q++) {
      let s = 0;
      idx.forEach((row, t) => (s += cf[t]! * state.Binv[q * Rn + row]!));
      if (Math.abs(s - 1) < 1e-6 && pos < 0) pos = q;
      else if (Math.abs(s) > 1e-6) unit = false;
    }
    if (!unit || pos < 0 || used[pos]) continue;
    used[pos] = 1;
    const v = state.xB[pos]!;
    for (let t = d.gStart[c.g]!; t < d.gStart[c.g + 1]!; t++) z[d.gMem[t]! * R + c.r - 1]! += v;
  }
  return z;
}
