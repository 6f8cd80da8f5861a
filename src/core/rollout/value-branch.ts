/**
 * Branch and bound over the round in which each member of a component joins, with an LP as the
 * bound at every node (the caller's NodeBounder: the multi-round LP of value-lp.ts, or the tree LP
 * of tree-lp.ts for two rounds): proves a plan's value optimal, or returns the best plan found and
 * an honest bound.
 *
 * - A node fixes some members' rounds; its bound is the LP over the columns those fixings allow
 *   (valid for every plan that agrees with them). Nodes are taken best bound first.
 * - At each node the LP's join fractions are rounded to an assignment (counts checked against the
 *   cascade rules): a candidate plan, solved exactly by the engine when its quick solve beats the best
 *   (at the root it is first improved by the local search: the LP often prefers other counts per
 *   round than the cascade's earliest schedule, which moves of one member cannot reach).
 * - A member with fractional rounds is branched on (one child per round); when the rounds are whole,
 *   a pair of members that the LP puts partly together (Ryan–Foster: together / apart, which closes
 *   the LP's gap inside a round); when neither, the first free member's round.
 * - A leaf (every round fixed) is the engine's exact value of that assignment.
 *
 * Invariants: `bound` ≥ the value of every plan within R rounds whose counts the cascade allows
 * (open nodes' LP bounds, unproven leaves' engine bounds, the parent's bound of a leaf the engine
 * did not place completely, and the best value); `proven` only when
 * the best value reaches that bound (within 1e-6), so it never over-claims. Deterministic: a node
 * limit and a work budget, no clock.
 */
import type { Context } from './assignment.js';
import { countsFeasible, exactValue, nearestCounts, value } from './assignment.js';
import type { ValueData } from './value-data.js';
import type { NodeRules } from './value-lp.js';

export interface BranchResult {
  /** Best assignment found (round per member), or the incumbent given. */
  rounds: number[];
  value: number;
  bound: number;
  proven: boolean;
  nodes: number;
  /** LP work spent (see NodeBound.work). */
  work: number;
}

/**
 * A node's LP as the search uses it: a valid bound for the node's plans, the groups the LP uses
 * with their rounds and amounts (for rounding and branching), its work, and the bounder's own warm
 * start for the children with its size in numbers.
 */
export interface NodeLp<W> {
  bound: number;
  support: { col: { g: number; r: number }; v: number }[];
  work: number;
  warm: W | null;
  cells: number;
}

/** Bounds a node (the multi-round LP, or the tree LP for two rounds), spending at most about `maxWork`. */
export type NodeBounder<W> = (rules: NodeRules, warm: W | null, maxWork: number) => NodeLp<W>;

export interface BranchOptions {
  maxNodes: number;
  /** LP work (NodeLp.work) the search may spend. */
  maxWork: number;
  /** Per-round limit on this component's joins (the LP's limit rows). */
  limits: number[];
  /** Improves the root's rounded plan (the local search), when given. */
  polish?: (rounds: number[]) => number[];
}

const EPS = 1e-6;
/** At most this many numbers of warm starts held by open nodes (8 bytes each: about 120 MB). */
const WARM_CELLS = 15_000_000;

interface Node<W> {
  fixed: Int32Array;
  /** Groups the node forbids (Ryan–Foster decisions), null for none. */
  banned: Uint8Array | null;
  /** The parent's final master, shared by its children (each copies the basis it continues from). */
  warm: W | null;
  /** The parent's bound (the node's can only be lower). */
  parentBound: number;
}

/**
 * Rounds the LP's join fractions to a plan's rounds: the count schedule nearest the LP's per-round
 * totals that the cascade allows (and that holds the fixed members), filled by expected round
 * (fixed members keep theirs). Null when no count schedule holds the fixed members.
 */
export function roundFractions(ctx: Context, d: ValueData, z: Float64Array, fixed: Int32Array): number[] | null {
  const { n, R } = d;
  const target = new Array<number>(R).fill(0);
  const least = new Array<number>(R).fill(0);
  const expected: { i: number; e: number }[] = [];
  for (let i = 0; i < n; i++) {
    let e = 0;
    for (let r = 1; r <= R; r++) {
      target[r - 1]! += z[i * R + r - 1]!;
      e += r * z[i * R + r - 1]!;
    }
    if (fixed[i]) least[fixed[i]! - 1]!++;
    else expected.push({ i, e });
  }
  const counts = nearestCounts(ctx, target, least);
  if (!counts) return null;
  const out = Array.from(fixed);
  const left = counts.map((x, r) => x - least[r]!);
  expected.sort((a, b) => a.e - b.e || a.i - b.i);
  let r = 0;
  for (const { i } of expected) {
    while (r < R - 1 && left[r]! <= 0) r++;
    out[i] = r + 1;
    left[r]!--;
  }
  return out;
}

export function branchAndBound<W>(ctx: Context, d: ValueData, start: { rounds: number[]; value: number }, opts: BranchOptions, boundOf: NodeBounder<W>): BranchResult {
  const { n, R } = d;
  let best = start;
  let closedBound = -Infinity; // unproven leaves' bounds
  const open: Node<W>[] = [{ fixed: new Int32Array(n), banned: null, warm: null, parentBound: Infinity }];
  let nodes = 0;
  let work = 0;
  const consider = (rounds: number[] | null, leaf: boolean) => {
    // A rounded candidate is solved exactly only when the engine's quick solve already beats the best.
    if (!rounds || (!leaf && (!countsFeasible(ctx, rounds) || value(ctx, rounds, 'quick').objective <= best.value + EPS))) return;
    const v = exactValue(ctx, rounds);
    if (!v) return;
    if (v.value > best.value + EPS) best = { rounds, value: v.value };
    // A leaf is closed by its exact value; where a round was not proven, its engine bound stays.
    if (leaf && v.bound > v.value + EPS) closedBound = Math.max(closedBound, v.bound);
  };
  while (open.length) {
    // Best bound first; ties: the latest pushed (deeper).
    let at = 0;
    for (let q = 1; q < open.length; q++) if (open[q]!.parentBound > open[at]!.parentBound - EPS) at = q;
    const node = open[at]!;
    if (node.parentBound <= best.value + EPS) {
      open.length = 0;
      break;
    }
    if (nodes >= opts.maxNodes || work >= opts.maxWork) break;
    open.splice(at, 1);
    nodes++;
    const free: number[] = [];
    for (let i = 0; i < n; i++) if (!node.fixed[i]) free.push(i);
    if (free.length === 0) {
      const rounds = Array.from(node.fixed);
      // A leaf whose counts hold but whose rounds the engine did not place completely is not
      // closed by a value: its parent's bound stays (never claimed without a plan to show).
      if (!exactValue(ctx, rounds) && countsFeasible(ctx, rounds)) closedBound = Math.max(closedBound, node.parentBound);
      consider(rounds, true);
      continue;
    }
    const lp = boundOf({ fixed: node.fixed, banned: node.banned }, node.warm, opts.maxWork - work);
    work += lp.work;
    const bound = Math.min(node.parentBound, lp.bound);
    if (bound <= best.value + EPS) continue;
    const z = joinFractions(d, lp);
    const rounded = roundFractions(ctx, d, z, node.fixed);
    consider(rounded && nodes === 1 && opts.polish ? opts.polish(rounded) : rounded, false);
    if (bound <= best.value + EPS) continue;
    // Warm starts are kept while the open nodes' stay within WARM_CELLS numbers (NodeLp.cells each).
    open.push(...children(d, node, lp, z, free, bound, (open.length + 1) * lp.cells <= WARM_CELLS ? lp.warm : null));
  }
  let bound = Math.max(best.value, closedBound);
  for (const node of open) bound = Math.max(bound, node.parentBound);
  return { rounds: best.rounds, value: best.value, bound, proven: bound <= best.value + EPS, nodes, work };
}

/** z[i·R + r − 1]: how much of member i the LP has join in round r. */
function joinFractions(d: ValueData, lp: NodeLp<unknown>): Float64Array {
  const z = new Float64Array(d.n * d.R);
  for (const { col, v } of lp.support) for (let t = d.gStart[col.g]!; t < d.gStart[col.g + 1]!; t++) z[d.gMem[t]! * d.R + col.r - 1]! += v;
  return z;
}

function children<W>(d: ValueData, node: Node<W>, lp: NodeLp<W>, z: Float64Array, free: number[], bound: number, warm: W | null): Node<W>[] {
  const { R, n } = d;
  const byRound = (pick: number): Node<W>[] =>
    Array.from({ length: R }, (_, r) => r + 1)
      .sort((a, b) => z[pick * R + b - 1]! - z[pick * R + a - 1]! || a - b)
      .map((r) => {
        const fixed = Int32Array.from(node.fixed);
        fixed[pick] = r;
        return { fixed, banned: node.banned, warm, parentBound: bound };
      });
  // The most fractional free member's round.
  let pick = -1;
  let worst = EPS;
  for (const i of free) {
    let top = 0;
    for (let r = 1; r <= R; r++) top = Math.max(top, z[i * R + r - 1]!);
    if (1 - top > worst) {
      worst = 1 - top;
      pick = i;
    }
  }
  if (pick >= 0) return byRound(pick);
  // Rounds whole: the pair the LP puts together most nearly half the time.
  const together = new Float64Array(n * n);
  for (const { col, v } of lp.support)
    for (let a = d.gStart[col.g]!; a < d.gStart[col.g + 1]!; a++)
      for (let b = a + 1; b < d.gStart[col.g + 1]!; b++) together[d.gMem[a]! * n + d.gMem[b]!]! += v;
  let pair = -1;
  let far = EPS;
  for (let q = 0; q < n * n; q++) {
    const t = together[q]!;
    if (t > EPS && t < 1 - EPS && Math.min(t, 1 - t) > far) {
      far = Math.min(t, 1 - t);
      pair = q;
    }
  }
  if (pair < 0) return byRound(free[0]!);
  const i = Math.floor(pair / n);
  const j = pair % n;
  const split = (keepTogether: boolean): Node<W> => {
    const banned = node.banned ? Uint8Array.from(node.banned) : new Uint8Array(d.gStart.length - 1);
    for (let g = 0; g + 1 < d.gStart.length; g++) {
      let has = 0;
      for (let t = d.gStart[g]!; t < d.gStart[g + 1]!; t++) if (d.gMem[t] === i || d.gMem[t] === j) has++;
      if (keepTogether ? has === 1 : has === 2) banned[g] = 1;
    }
    return { fixed: node.fixed, banned, warm, parentBound: bound };
  };
  return together[pair]! >= 0.5 ? [split(true), split(false)] : [split(false), split(true)];
}
