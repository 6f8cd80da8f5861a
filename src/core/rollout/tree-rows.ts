/**
 * The rows and columns of the two-round tree LP (tree-lp.ts).
 *
 * Row order: cover rows 0…n−1 (rhs 1), external mentor rows (rhs cap; round 1, and round 2 when
 * persistent), limit rows (rhs limit_r, when finite), the group-count cut (rhs mostEdges(n)).
 * A tree column (r = 1): +1 on the cover row of each member of g and of its kids, +1 on mentor x's
 * round-1 row, its joins per round on the limit rows, Σ (|group| − 1) on the cut. A late column
 * (r = 2): group g with persistent mentor x in round 2. Invariant: every column covers a member.
 */
import type { SparseLp } from '../matching/simplex.js';
import type { ValueData } from './value-data.js';
import { mostEdges } from './value-rows.js';

/**
 * r = 1: group g joins in round 1 with external mentor x, and kids[s] (−1 for none) joins in round 2
 * mentored by member ⌊s / cap⌋ of g. r = 2: group g joins in round 2 with persistent mentor x (no kids).
 */
export interface TreeColumn {
  r: 1 | 2;
  g: number;
  x: number;
  kids: number[];
  /** Derived once (makeTreeColumn): identity, every member covered (round-1 ones first), joins per round, Σ (|group| − 1), plan value. */
  key: string;
  members: Int32Array;
  joins: [number, number];
  edges: number;
  value: number;
}

export function makeTreeColumn(d: ValueData, r: 1 | 2, g: number, x: number, kids: number[]): TreeColumn {
  const c: TreeColumn = { r, g, x, kids, key: `${r}/${g}/${x}/${kids.join(',')}`, members: new Int32Array(0), joins: [0, 0], edges: 0, value: 0 };
  const members: number[] = [];
  for (const grp of treeGroups(d, c)) {
    const size = d.gStart[grp.g + 1]! - d.gStart[grp.g]!;
    c.value += d.gPair[grp.g]!;
    for (let t = d.gStart[grp.g]!; t < d.gStart[grp.g + 1]!; t++) {
      members.push(d.gMem[t]!);
      c.value += d.u[grp.x * d.n + d.gMem[t]!]!;
    }
    c.joins[grp.r - 1]! += size;
    c.edges += size - 1;
  }
  c.members = Int32Array.from(members);
  return c;
}

export interface TreeRows {
  count: number;
  /** [x·2 + r − 1] → row, or −1. */
  mentorRow: Int32Array;
  /** [r − 1] → row, or −1. */
  limitRow: Int32Array;
  cutRow: number;
  rhs: Float64Array;
  /** Columns a plan can hold at most: one per unit of mentor-row capacity. */
  slots: number;
}

export function layoutTreeRows(d: ValueData, limits: number[]): TreeRows {
  const { n, e } = d;
  const mentorRow = new Int32Array(e * 2).fill(-1);
  const limitRow = new Int32Array(2).fill(-1);
  const rhs: number[] = new Array<number>(n).fill(1);
  let slots = 0;
  for (let x = 0; x < e; x++)
    for (let r = 1; r <= (d.persistent[x] ? 2 : 1); r++) {
      mentorRow[x * 2 + r - 1] = rhs.length;
      rhs.push(d.cap);
      slots += d.cap;
    }
  for (let r = 1; r <= 2; r++)
    if (Number.isFinite(limits[r - 1]!)) {
      limitRow[r - 1] = rhs.length;
      rhs.push(limits[r - 1]!);
    }
  const cutRow = rhs.length;
  rhs.push(mostEdges(n, d.smin, d.smax));
  return { count: rhs.length, mentorRow, limitRow, cutRow, rhs: Float64Array.from(rhs), slots };
}

/** The groups of a column with their rounds and mentors (mentor indices as in value-data.ts). */
export function treeGroups(d: ValueData, c: TreeColumn): { g: number; r: number; x: number }[] {
  const out = [{ g: c.g, r: c.r, x: c.x }];
  c.kids.forEach((h, s) => {
    if (h >= 0) out.push({ g: h, r: 2, x: d.e + d.gMem[d.gStart[c.g]! + Math.floor(s / d.cap)]! });
  });
  return out;
}

/** A sparse LP that grows by whole columns (typed arrays, doubled when full). */
export class GrowingLp {
  colStart: Int32Array;
  rowIdx: Int32Array;
  coef: Float64Array;
  cost: Float64Array;
  cols = 0;

  constructor(from?: GrowingLp) {
    this.colStart = from ? from.colStart.slice() : new Int32Array(1024);
    this.rowIdx = from ? from.rowIdx.slice() : new Int32Array(16384);
    this.coef = from ? from.coef.slice() : new Float64Array(16384);
    this.cost = from ? from.cost.slice() : new Float64Array(1024);
    this.cols = from ? from.cols : 0;
  }

  private room(cols: number, entries: number): void {
    if (this.cols + cols + 1 > this.cost.length) {
      const size = 2 * (this.cols + cols + 1);
      this.colStart = grow(this.colStart, size);
      this.cost = grow(this.cost, size);
    }
    const used = this.colStart[this.cols]!;
    if (used + entries > this.rowIdx.length) {
      const size = 2 * (used + entries);
      this.rowIdx = grow(this.rowIdx, size);
      this.coef = grow(this.coef, size);
    }
  }

  /** Appends a column of the tree LP: its cover, mentor, limit and cut entries. */
  append(rows: TreeRows, c: TreeColumn, cost: number): void {
    this.room(1, c.members.length + 4);
    let at = this.colStart[this.cols]!;
    const put = (row: number, v: number) => {
      this.rowIdx[at] = row;
      this.coef[at++] = v;
    };
    for (const i of c.members) put(i, 1);
    put(rows.mentorRow[c.x * 2 + c.r - 1]!, 1);
    for (let r = 0; r < 2; r++) if (rows.limitRow[r]! >= 0 && c.joins[r]! > 0) put(rows.limitRow[r]!, c.joins[r]!);
    if (c.edges > 0) put(rows.cutRow, c.edges);
    this.cost[this.cols] = cost;
    this.colStart[++this.cols] = at;
  }

  sparse(rows: TreeRows): SparseLp {
    const nnz = this.colStart[this.cols]!;
    return { rows: rows.count, colStart: this.colStart.subarray(0, this.cols + 1), rowIdx: this.rowIdx.subarray(0, nnz), coef: this.coef.subarray(0, nnz), cost: this.cost.subarray(0, this.cols), rhs: rows.rhs };
  }
}

function grow<T extends Int32Array | Float64Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}
