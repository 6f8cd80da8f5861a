/**
 * An upper bound on a component's plan value over every assignment of its members to rounds
 * 1…R that agrees with a node's rules (some members' rounds fixed, some groups banned): the LP
 * relaxation of the multi-round model, solved by column generation with the engine's simplex
 * (matching/simplex.ts), then made dual feasible by a repairing sweep, so the bound never rests on
 * convergence.
 *
 * Columns (g, r, x): group g joins in round r with mentor x; value v = pairSum(g) + Σ_{i∈g} u(x,i),
 * shifted by |g|·M so that covering pays (each member placed earns M; the bound subtracts n·M).
 *   cover i:        Σ_{cols ∋ i} ≤ 1
 *   external x, r:  Σ_{cols of x in r} ≤ cap         (round 1 only unless persistent)
 *   link i, r ≥ 2:  Σ_{cols of mentor i in r} − cap·Σ_{cols ∋ i in rounds < r} ≤ 0
 *   limit r:        Σ_{cols in r} |g| ≤ limit_r       (when finite)
 *   group count:    Σ (|g| − 1) ≤ mostEdges(n)       (a partition of n has ≥ ⌈n/smax⌉ groups)
 * Every plan (all members placed) is feasible here with value + n·M, so for any dual y ≥ 0 with
 * every column's reduced cost ≤ 0, b·y − n·M ≥ every plan's value. The sweep raises each cover
 * dual in turn to the largest reduced cost of the columns containing that member (given the
 * others), which leaves every reduced cost ≤ 0 (each column contains a member).
 */
import { initialSimplexState, solveLpDuals, type SimplexState } from '../matching/simplex.js';
import { type ValueData, groupCount, mentorAvailable } from './value-data.js';
import { type Column, type Rows, OFF_COST, basicColumns, buildLp, layoutRows, shiftOf } from './value-rows.js';

export type { Column } from './value-rows.js';

/** Columns found so far (shared by every node of a search; a node uses those its rules allow). */
export interface ColumnPool {
  cols: Column[];
  seen: Set<string>;
}

export const newPool = (): ColumnPool => ({ cols: [], seen: new Set() });

/** What a node of the search allows: fixed[i] = round of member i (0 = free); banned[g] = 1 forbids group g. */
export interface NodeRules {
  fixed: Int32Array;
  banned: Uint8Array | null;
}

export interface NodeBound {
  /** Valid upper bound on the value of every plan that agrees with the node's rules. */
  bound: number;
  /** The last master's primal: basic columns and their values. */
  support: { col: Column; v: number }[];
  converged: boolean;
  /** Work done: pricing (group × round × mentor evaluations) and an estimate of the simplex's (rows² per new column). */
  work: number;
  /** The final master and its basis, for the children's warm start, and its size in numbers (the basis, rows²). */
  warm: WarmStart | null;
  cells: number;
}

/** A master's columns (in LP order) and basis; a child keeps both, pricing out what it forbids. */
export interface WarmStart {
  cols: Column[];
  state: SimplexState;
  /** basic[q]: the LP column basic at position q, or −1 (a slack or not recognised). */
  basic: Int32Array;
}

const copyState = (s: SimplexState): SimplexState => ({ Binv: Float64Array.from(s.Binv), xB: Float64Array.from(s.xB), cB: Float64Array.from(s.cB) });

const TOL = 1e-7;

/** Whether group g may join in round r at the node: not banned, no member fixed to another round. */
export function groupAllowed(d: ValueData, g: number, r: number, rules: NodeRules): boolean {
  if (rules.banned?.[g]) return false;
  for (let t = d.gStart[g]!; t < d.gStart[g + 1]!; t++) {
    const f = rules.fixed[d.gMem[t]!]!;
    if (f !== 0 && f !== r) return false;
  }
  return true;
}

/**
 * Reduced-cost scan: for every allowed (g, r) (only g ∋ `only` when given), the best mentor under the
 * duals, reported when its reduced cost can exceed floor(g, r). Returns the work done.
 */
function scan(d: ValueData, y: Float64Array, rows: Rows, rules: NodeRules, M: number, only: number, floor: (g: number, r: number) => number, visit: (g: number, r: number, x: number, rc: number) => void): number {
  const { n, e, R } = d;
  let work = 0;
  const a = new Float64Array(n);
  const maxU = new Float64Array(n);
  const list = only >= 0 ? d.byMember[only]! : null;
  const total = list ? list.length : groupCount(d);
  const kappa = Math.max(0, y[rows.cutRow]!);
  for (let r = 1; r <= R; r++) {
    const avail: number[] = [];
    for (let x = 0; x < e + n; x++) if (mentorAvailable(d, x, r, rules.fixed)) avail.push(x);
    const lr = rows.limitRow[r - 1]!;
    const eta = lr >= 0 ? Math.max(0, y[lr]!) : 0;
    for (let i = 0; i < n; i++) {
      let credit = 0;
      for (let r2 = r + 1; r2 <= R; r2++) credit += Math.max(0, y[rows.mentorRow[(e + i) * R + r2 - 1]!]!);
      a[i] = M - Math.max(0, y[i]!) + d.cap * credit - eta - kappa;
      let best = -Infinity;
      for (const x of avail) if (d.madm[x * n + i] && d.u[x * n + i]! > best) best = d.u[x * n + i]!;
      maxU[i] = best;
    }
    work += 4 * total;
    for (let q = 0; q < total; q++) {
      const g = list ? list[q]! : q;
      if (!groupAllowed(d, g, r, rules)) continue;
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

/**
 * The node's LP bound by column generation (at most `maxRounds` pricing rounds, none started past
 * `maxWork`), with repaired duals: valid however early it stops.
 */
export function boundNode(d: ValueData, rules: NodeRules, limits: number[], pool: ColumnPool, maxRounds = 60, warm: WarmStart | null = null, maxWork = Infinity): NodeBound {
  const { n, R } = d;
  const M = shiftOf(d);
  const rows = layoutRows(d, limits);
  const allowed = (c: Column) => groupAllowed(d, c.g, c.r, rules) && mentorAvailable(d, c.x, c.r, rules.fixed);
  const off = (c: Column) => !allowed(c);
  const key = (c: Column) => `${c.g}/${c.r}/${c.x}`;
  // A warm start keeps the parent's columns in order (forbidden ones priced out) and its basis.
  const cols = warm ? warm.cols.slice() : [];
  const inNode = new Set(cols.map(key));
  for (const c of pool.cols) if (!inNode.has(key(c)) && allowed(c)) {
    inNode.add(key(c));
    cols.push(c);
  }
  let state: SimplexState | undefined;
  if (warm) {
    state = copyState(warm.state);
    warm.basic.forEach((j, q) => {
      if (j >= 0 && off(warm.cols[j]!)) state!.cB[q] = -OFF_COST;
    });
  }
  let y = new Float64Array(rows.count);
  let last: ReturnType<typeof buildLp> | null = null;
  let solvedCols = warm ? warm.cols.length : 0;
  let converged = false;
  let work = 0;
  for (let round = 0; round < maxRounds && work < maxWork; round++) {
    if (cols.length) {
      const lp = buildLp(d, rows, cols, M, off);
      state ??= initialSimplexState(lp);
      // Largest-reduced-cost pricing: Devex (the 'auto' choice for masters this size) made Skåne's
      // search 1.5× slower for the same nodes, measured side by side.
      const duals = solveLpDuals(lp, undefined, undefined, state, 'largest');
      // The simplex's share of the work: a pivot costs about rows², and a warm master needs a few per new column.
      work += rows.count * rows.count * (cols.length - solvedCols + 1);
      solvedCols = cols.length;
      if (!duals) break;
      y = Float64Array.from(duals);
      last = lp;
    }
    // For each (member, round), the column with the largest reduced cost that contains it.
    const bestRc = new Float64Array(n * R).fill(TOL);
    const bestCol: (Column | null)[] = new Array<Column | null>(n * R).fill(null);
    const floor = (g: number, r: number) => {
      let f = Infinity;
      for (let t = d.gStart[g]!; t < d.gStart[g + 1]!; t++) f = Math.min(f, bestRc[d.gMem[t]! * R + r - 1]!);
      return f;
    };
    work += scan(d, y, rows, rules, M, -1, floor, (g, r, x, rc) => {
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
      if (!pool.seen.has(key(c))) {
        pool.seen.add(key(c));
        pool.cols.push(c);
      }
      if (!inNode.has(key(c))) {
        inNode.add(key(c));
        cols.push(c);
      }
    }
    if (cols.length === before) {
      converged = true;
      break;
    }
  }
  const basis = last && state ? basicColumns(last, y, state) : [];
  const support = basis.filter((b) => b.v > 1e-9 && !off(cols[b.j]!)).map((b) => ({ col: cols[b.j]!, v: b.v }));
  let nextWarm: WarmStart | null = null;
  if (last && state) {
    const basic = new Int32Array(rows.count).fill(-1);
    for (const b of basis) basic[b.pos] = b.j;
    nextWarm = { cols, state, basic };
  }
  // Repair: raise each cover dual to the best reduced cost among its columns (the others fixed).
  const yr = Float64Array.from(y, (v) => Math.max(0, v));
  for (let i = 0; i < n; i++) {
    let need = 0;
    work += scan(d, yr, rows, rules, M, i, () => need, (_g, _r, _x, rc) => {
      if (rc > need) need = rc;
    });
    yr[i] = yr[i]! + need;
  }
  let bound = -n * M;
  for (let q = 0; q < rows.count; q++) bound += yr[q]! * rows.rhs[q]!;
  return { bound, support, converged, work, warm: nextWarm, cells: nextWarm ? nextWarm.state.Binv.length : 0 };
}
