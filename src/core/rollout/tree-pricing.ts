/**
 * Pricing for the two-round tree LP (tree-lp.ts): under duals y, the tree or late columns with the
 * largest reduced costs (one per root group), exactly when asked.
 *
 * A tree (g, x, kids) is worth root(g, x) + Σ over its kids; the kids of g are a packing: each member
 * of g mentors up to `cap` round-2 groups, pairwise disjoint and outside g. Root groups are taken in
 * falling order of what they could reach at most (root plus the best kid of every slot), until that
 * cannot beat the columns kept. The best packing is found by a depth-first search over each member's
 * candidate groups in falling order of worth, cut off at the first K candidates; in exact mode K
 * doubles until no candidate beyond K can matter (its worth plus the best worth of every other slot
 * does not beat the packing found), so the reduced cost reported is the true maximum.
 *
 * Invariants: every column returned is allowed by the node's rules and has the reduced cost reported;
 * in exact mode `best` ≥ the reduced cost of every allowed column (TOL when none is positive).
 */
import type { ValueData } from './value-data.js';
import { type NodeRules, groupAllowed } from './value-lp.js';
import { type TreeColumn, type TreeRows, makeTreeColumn } from './tree-rows.js';

export const TOL = 1e-7;
/** Columns added per pricing round at most (the best by reduced cost, one per root group). */
const ADD_PER_ROUND = 50;
/** Candidate groups per member tried first. */
const FIRST_K = 8;

/** A column found by the pricing, made into a TreeColumn only when it is among the best. */
interface Found {
  rc: number;
  r: 1 | 2;
  g: number;
  x: number;
  kids: number[];
}

interface Candidate {
  h: number;
  v: number;
}

export interface Priced {
  /** Largest reduced cost (in exact mode an upper bound on every allowed column's; at least TOL). */
  best: number;
  found: { rc: number; col: TreeColumn }[];
  work: number;
}

/** What both pricing passes over one master's duals share. */
export interface PricingInput {
  y: Float64Array;
  rules: NodeRules;
  /** Worth of group g in round 1 before its mentor (NaN where the node forbids it). */
  rootBase: Float64Array;
  /** Late columns with a positive reduced cost, and the best late reduced cost. */
  late: Found[];
  lateBest: number;
  /** Each member's candidate kids, best first. */
  kidsOf: Candidate[][];
  work: number;
}

const dualOf = (y: Float64Array, row: number) => (row >= 0 ? Math.max(0, y[row]!) : 0);

/** Mentor x's scores summed over group g's members, NaN where x may not mentor one of them or is one of them. */
function mentorSum(d: ValueData, x: number, g: number): number {
  let s = 0;
  for (let t = d.gStart[g]!; t < d.gStart[g + 1]!; t++) {
    const i = d.gMem[t]!;
    if (!d.madm[x * d.n + i] || x - d.e === i) return NaN;
    s += d.u[x * d.n + i]!;
  }
  return s;
}

const sumsCache = new WeakMap<ValueData, Float64Array>();

/**
 * The members' sums as mentors of every group (member i at [i·G + g]), computed once per component:
 * n·G numbers, 1 MB for Skåne and at most about 35 MB within the branchable limits. The external
 * mentors' sums are taken per pricing instead: a request may name 400 of them.
 */
function memberSums(d: ValueData): Float64Array {
  const cached = sumsCache.get(d);
  if (cached) return cached;
  const G = d.gStart.length - 1;
  const sums = new Float64Array(d.n * G);
  for (let i = 0; i < d.n; i++) for (let g = 0; g < G; g++) sums[i * G + g] = mentorSum(d, d.e + i, g);
  sumsCache.set(d, sums);
  return sums;
}

export function preparePricing(d: ValueData, y: Float64Array, rows: TreeRows, rules: NodeRules, M: number): PricingInput {
  const { n, e } = d;
  const G = d.gStart.length - 1;
  const sums = memberSums(d);
  const sigma = dualOf(y, rows.cutRow);
  const a1 = new Float64Array(n);
  const a2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    a1[i] = M - dualOf(y, i) - dualOf(y, rows.limitRow[0]!);
    a2[i] = M - dualOf(y, i) - dualOf(y, rows.limitRow[1]!);
  }
  // Each group's worth in round 1 and round 2 before its mentor's scores (NaN where forbidden).
  const rootBase = new Float64Array(G);
  const lateBase = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    const edges = d.gPair[g]! - sigma * (d.gStart[g + 1]! - d.gStart[g]! - 1);
    let v1 = edges;
    let v2 = edges;
    for (let t = d.gStart[g]!; t < d.gStart[g + 1]!; t++) {
      v1 += a1[d.gMem[t]!]!;
      v2 += a2[d.gMem[t]!]!;
    }
    rootBase[g] = groupAllowed(d, g, 1, rules) ? v1 : NaN;
    lateBase[g] = groupAllowed(d, g, 2, rules) ? v2 : NaN;
  }
  const late: Found[] = [];
  let lateBest = TOL;
  for (let x = 0; x < e; x++) {
    if (!d.persistent[x]) continue;
    const mu = dualOf(y, rows.mentorRow[x * 2 + 1]!);
    for (let h = 0; h < G; h++) {
      const v = lateBase[h]! + mentorSum(d, x, h) - mu;
      if (v > TOL) late.push({ rc: v, r: 2, g: h, x, kids: [] });
      if (v > lateBest) lateBest = v;
    }
  }
  const kidsOf: Candidate[][] = [];
  for (let i = 0; i < n; i++) {
    const list: Candidate[] = [];
    if (rules.fixed[i] !== 2)
      for (let h = 0, at = i * G; h < G; h++, at++) {
        const v = lateBase[h]! + sums[at]!;
        if (v > TOL) list.push({ h, v });
      }
    list.sort((p, q) => q.v - p.v || p.h - q.h);
    kidsOf.push(list);
  }
  return { y, rules, rootBase, late, lateBest, kidsOf, work: (e + n) * G + 4 * G * d.smax };
}

export function priceTrees(d: ValueData, input: PricingInput, rows: TreeRows, exact: boolean): Priced {
  const { n, e, cap } = d;
  const G = d.gStart.length - 1;
  const { y, rootBase, kidsOf } = input;
  let work = 0;
  let best = input.lateBest;
  const found = input.late.slice();
  const used = new Uint8Array(n);
  const free = (h: number) => {
    for (let t = d.gStart[h]!; t < d.gStart[h + 1]!; t++) if (used[d.gMem[t]!]) return false;
    return true;
  };
  const mark = (h: number, on: number) => {
    for (let t = d.gStart[h]!; t < d.gStart[h + 1]!; t++) used[d.gMem[t]!] = on;
  };
  const mu = new Float64Array(e);
  for (let x = 0; x < e; x++) mu[x] = dualOf(y, rows.mentorRow[x * 2]!);
  // First what each root group could reach at most: its best root and the best kid of every slot.
  const open: { g: number; x: number; root: number; most: number; top: number[] }[] = [];
  const top = new Array<number>(d.smax).fill(0);
  for (let g = 0; g < G; g++) {
    if (Number.isNaN(rootBase[g]!)) continue;
    let root = -Infinity;
    let bx = -1;
    for (let x = 0; x < e; x++) {
      const v = mentorSum(d, x, g) - mu[x]!;
      if (v > root) {
        root = v;
        bx = x;
      }
    }
    if (bx < 0) continue;
    root += rootBase[g]!;
    const from = d.gStart[g]!;
    const size = d.gStart[g + 1]! - from;
    for (let t = 0; t < size; t++) used[d.gMem[from + t]!] = 1;
    let most = root;
    for (let t = 0; t < size; t++) {
      top[t] = 0;
      for (const c of kidsOf[d.gMem[from + t]!]!)
        if (free(c.h)) {
          top[t] = c.v;
          break;
        }
      most += cap * top[t]!;
    }
    for (let t = 0; t < size; t++) used[d.gMem[from + t]!] = 0;
    if (most > TOL) open.push({ g, x: bx, root, most, top: top.slice(0, size) });
  }
  work += G * (e + 4 * d.smax);
  open.sort((p, q) => q.most - p.most || p.g - q.g);
  // The reduced costs of the columns kept so far, ascending (at most ADD_PER_ROUND).
  const kept: number[] = [];
  const keep = (rc: number) => {
    let at = kept.length;
    while (at > 0 && kept[at - 1]! > rc) at--;
    kept.splice(at, 0, rc);
    if (kept.length > ADD_PER_ROUND) kept.shift();
  };
  for (const o of open) {
    if (o.most <= (kept.length === ADD_PER_ROUND ? Math.max(TOL, kept[0]!) : TOL)) break;
    const mem = Array.from(d.gMem.subarray(d.gStart[o.g]!, d.gStart[o.g + 1]!));
    for (const i of mem) used[i] = 1;
    const packed = packKids(mem, cap, kidsOf, o.top, free, mark, exact);
    for (const i of mem) used[i] = 0;
    work += packed.work;
    const rc = o.root + packed.value;
    if (rc > best) best = rc;
    if (rc > TOL) {
      found.push({ rc, r: 1, g: o.g, x: o.x, kids: packed.kids });
      keep(rc);
    }
  }
  found.sort((p, q) => q.rc - p.rc);
  return { best, found: found.slice(0, ADD_PER_ROUND).map((f) => ({ rc: f.rc, col: makeTreeColumn(d, f.r, f.g, f.x, f.kids) })), work };
}

function packKids(
  mem: number[],
  cap: number,
  kidsOf: Candidate[][],
  top: number[],
  free: (h: number) => boolean,
  mark: (h: number, on: number) => void,
  exact: boolean,
): { value: number; kids: number[]; work: number } {
  const S = mem.length * cap;
  let bestValue = 0;
  let bestKids = new Array<number>(S).fill(-1);
  let work = 0;
  for (let K = FIRST_K; ; K *= 2) {
    const cand = mem.map((i) => {
      const out: Candidate[] = [];
      for (const c of kidsOf[i]!)
        if (free(c.h)) {
          out.push(c);
          if (out.length > K) break;
        }
      return out;
    });
    const sel = new Array<number>(S).fill(-1);
    const firstFree = (t: number) => {
      const l = cand[t]!;
      for (let q = 0; q < Math.min(K, l.length); q++) if (free(l[q]!.h)) return l[q]!.v;
      return 0;
    };
    const restFrom = (s: number) => {
      let r = 0;
      for (let q = s; q < S; q++) r += firstFree(Math.floor(q / cap));
      return r;
    };
    // A member's slots take candidates in list order (no permutations); an empty slot ends the member's.
    const dfs = (s: number, acc: number, from: number) => {
      work++;
      if (s === S) {
        if (acc > bestValue + 1e-12) {
          bestValue = acc;
          bestKids = sel.slice();
        }
        return;
      }
      const t = Math.floor(s / cap);
      const rest = restFrom(s + 1);
      const l = cand[t]!;
      const sameNext = (s + 1) % cap !== 0;
      for (let q = from; q < Math.min(K, l.length); q++) {
        const c = l[q]!;
        if (acc + c.v + rest <= bestValue + 1e-12) break;
        if (!free(c.h)) continue;
        mark(c.h, 1);
        sel[s] = c.h;
        dfs(s + 1, acc + c.v, sameNext ? q + 1 : 0);
        sel[s] = -1;
        mark(c.h, 0);
      }
      const next = (t + 1) * cap;
      if (acc + restFrom(next) > bestValue + 1e-12) dfs(next, acc, 0);
    };
    dfs(0, 0, 0);
    if (!exact) break;
    const sumTop = top.reduce((s, v) => s + cap * v, 0);
    const beyond = cand.some((l, t) => l.length > K && l[K]!.v + sumTop - top[t]! > bestValue + 1e-12);
    if (!beyond) break;
  }
  return { value: bestValue, kids: bestKids, work };
}
