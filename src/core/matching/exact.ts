/**
 * Exact branch and bound over applicant partitions with the mentor of each group chosen in the
 * same search. Works in "shifted" values (each placed applicant earns Pu, so leaving one out is 0),
 * which equals objective + n·Pu.
 *
 * - Branching: one free applicant (the one with the fewest live groups, then the largest dual
 *   value) either stays unplaced or joins one of its admissible groups of free applicants (whole
 *   pin components); each group gets one of the mentors with capacity left, or none. The branches
 *   partition the solutions, so every partition is enumerated once (no symmetric duplicates).
 * - Bounds: (1) an LP-dual bound over all group columns of free applicants (see dualBound), with
 *   mentor capacity priced by Lagrangian multipliers μ chosen at the root; (2) each free applicant
 *   earns at most Pu + half the sum of its best (smax−1) admissible
 *   pair scores among free applicants + its best available mentor score (or −Pm/smax without one);
 *   at most (capacity left × smax) applicants can be mentored, so only the largest mentor gains count.
 * - When mentor capacity binds (μ > 0 at the root) or a partition cut is not implied (the
 *   applicants do not split evenly into groups of the largest size), the root's duals are replaced
 *   by the optimal duals of the LP relaxation strengthened by the partition cuts (a small primal
 *   simplex, see lpDuals and partitionCuts), one pair of cuts per component of the admissible-pair
 *   graph; the cuts' prices ρ stay in the bound below the root. The sweep alone stayed 2–3 % above
 *   the plain LP on 20/6, and the plain LP 9 % above the optimum on 22/7.
 * - Mentor-deferred variant (the default for a single solution): branches on the partition only;
 *   formed groups count their best mentor (priced by μ for the dual bound, unpriced for the
 *   capacity-aware bound) and each leaf assigns mentors optimally by the Hungarian method.
 * - Warm start: an incumbent (the heuristic's solution) sets the first pruning threshold.
 * - k best: keeps the k best complete solutions; the threshold is the k-th best.
 * - Limits: a node limit (deterministic), an optional deadline and an optional stop request
 *   (opts.stopRequested, polled at every node); when one stops the search the result carries the best
 *   open bound, so the caller can report a gap.
 */
import type { Group, Problem, Solution } from './problem.js';
import { SOLVER_EPS, requiredMentor } from './problem.js';
import { solveLpDuals } from './simplex.js';
import { solveLpByColumnGeneration, type ColumnSink } from './lp-column-generation.js';
import { CONTROL_NODE_MASK } from './control.js';
import { exactSearchFits } from './group-count.js';

export interface ExactOptions {
  /** Stop after this many search nodes (deterministic limit). */
  maxNodes?: number;
  /** Stop when Date.now() passes this time (makes the result timing-dependent). */
  deadline?: number;
  /** Keep the k best distinct solutions. */
  k?: number;
  /**
   * Branch on the partition only and assign mentors at the leaves (needs assignMentors; k = 1).
   * Fewer nodes when many mentors could serve each group.
   */
  deferMentors?: boolean;
  /** Optimal mentors for fixed groups (the Hungarian method in heuristic.ts); `drop` lists groups that cannot be served. */
  assignMentors?: (groups: number[][]) => { mentors: number[]; drop: number[] };
  /** Known feasible solutions to start from. */
  incumbents?: Solution[];
  /**
   * Called every 16 nodes with the best objective, the current global bound and the node count
   * (see control.ts) to report progress; returning true stops the search like a limit does.
   */
  tick?: (view: { best: number | null; bound: number; nodes: number }) => boolean;
  /** Polled at every node (cheap: a flag); true stops the search like a limit does. */
  stopRequested?: () => boolean;
  /** Above this many columns a node's LP is solved by column generation (default 300 000; tests lower it). */
  pricedLpColumns?: number;
}

export interface ExactResult {
  /** Best first, at most k. */
  solutions: Solution[];
  /** True when the search finished: solutions[0] is optimal (and the list is the true k best). */
  complete: boolean;
  /** Upper bound on the objective (equals the best objective when complete). */
  bound: number;
  nodes: number;
}

export const DEFAULT_MAX_NODES = 400_000;

export interface PartitionCut {
  /** Coefficient of a group column by group size. */
  coef: number[];
  /** Right-hand side by the number of free applicants (nondecreasing). */
  rhs: number[];
  /** Where the cover rows Σ_{g∋i} x_g ≤ 1 already imply the cut. */
  implied: boolean[];
}

/**
 * Cuts Σ_g coef[|g|]·x_g ≤ rhs[f] over the groups of f free applicants. Every partition of them
 * (each applicant in one group or unplaced) satisfies them; the LP relaxation does not:
 * - group count, coef = |g| − 1: Σ (|g| − 1)·x_g = placed − groups, and a partition needs at
 *   least ⌈placed/smax⌉ groups. The LP covers 22 applicants by 7⅓ fractional triples where a
 *   partition needs a pair (22/7, seed 1000: plain LP 24.50, with the cut 22.49, the optimum 22.49).
 * - placement, coef = |g|: only sums of group sizes can be placed (groups of exactly three leave
 *   23 mod 3 = 2 applicants out).
 * rhs[f] is the largest left-hand side any partition of f reaches (a knapsack over group sizes),
 * so it is nondecreasing in f and a parent's bound stays valid in its children. `implied[f]` holds
 * where the cover rows alone (Σ|g|·x_g ≤ f) already bound the left-hand side by rhs[f]: there the
 * cut only reshuffles the LP's duals and is left out.
 */
export function partitionCuts(n: number, smin: number, smax: number): PartitionCut[] {
  const sizes = Array.from({ length: smax + 1 }, (_, s) => s);
  const fs = Array.from({ length: n + 1 }, (_, f) => f);
  return [sizes.map((s) => s - 1), sizes].map((coef) => {
    // best[f]: the largest Σ coef over multisets of sizes in [smin, smax] with total ≤ f.
    const best = [0];
    for (let f = 1; f <= n; f++) {
      let b = best[f - 1]!;
      for (let s = smin; s <= Math.min(smax, f); s++) b = Math.max(b, best[f - s]! + coef[s]!);
      best.push(b);
    }
    let ratio = 0;
    for (let s = smin; s <= smax; s++) ratio = Math.max(ratio, coef[s]! / s);
    return { coef, rhs: best, implied: fs.map((f) => f * ratio <= best[f]! + 1e-9) };
  });
}

/**
 * What the root LP charges for leaving a pinned applicant unplaced: far above anything an applicant
 * can add (Pu plus a few scores of at most 1), so the LP keeps pinned applicants placed when it can.
 */
const PIN_SLACK_COST = 1e4;
const BRANCH_SIGN = -1;
const COUNT_W = 1e3;
/** Depth up to which the search re-prices mentor capacity at each node. */
const RETUNE_DEPTH = 2;
/** From this many groups the root solves its LP before (instead of) tuning mentor prices. */
const LP_FIRST_GROUPS = 5000;
/** Above this many columns a node's LP is solved by column generation over the group table. */
const PRICED_LP_COLUMNS = 300_000;
/** Passes of dropHopelessGroups per node. */
const DROP_PASSES = 2;

export function solveExact(p: Problem, opts: ExactOptions = {}): ExactResult {
  const { n, m, smax, smin, Pu, Pm, w, u, adm, madm } = p;
  const k = Math.max(1, opts.k ?? 1);
  const maxNodes = opts.maxNodes ?? DEFAULT_MAX_NODES;
  const shift = n * Pu;
  const CUTS = partitionCuts(n, smin, smax);
  // Components of the admissible-pair graph: no group spans two, so each gets its own cuts
  // (county "same" splits the applicants by county; the cut over all of them is much weaker).
  const appComp = new Int32Array(n).fill(-1);
  let nComp = 0;
  for (let s0 = 0; s0 < n; s0++) {
    if (appComp[s0]! >= 0) continue;
    const queue = [s0];
    appComp[s0] = nComp;
    while (queue.length) {
      const a = queue.pop()!;
      for (let b = 0; b < n; b++) if (appComp[b]! < 0 && adm[a * n + b]) {
        appComp[b] = nComp;
        queue.push(b);
      }
    }
    nComp++;
  }
  /** Free applicants per component at the current node (see countFreeByComp). */
  const compFree = new Int32Array(nComp);

  // Static branching order: most constrained first.
  const degree = Array.from({ length: n }, (_, i) => {
    let d = 0;
    for (let j = 0; j < n; j++) if (j !== i && adm[i * n + j]) d++;
    return d;
  });
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => degree[a]! - degree[b]! || a - b);
  const partners: number[][] = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => j)
      .filter((j) => j !== i && adm[i * n + j])
      .sort((a, b) => w[i * n + b]! - w[i * n + a]! || a - b),
  );
  const mlist: number[][] = Array.from({ length: n }, (_, i) =>
    Array.from({ length: m }, (_, kk) => kk)
      .filter((kk) => madm[kk * n + i] && (p.pinMentor[i]! < 0 || p.pinMentor[i] === kk))
      .sort((a, b) => u[b * n + i]! - u[a * n + i]! || a - b),
  );
  const byMentor: number[][] = Array.from({ length: m }, (_, kk) =>
    Array.from({ length: n }, (_, i) => i)
      .filter((i) => madm[kk * n + i])
      .sort((a, b) => u[kk * n + b]! - u[kk * n + a]! || a - b),
  );
  // Pin components: the unit that joins a group.
  const compOf = new Int32Array(n).fill(-1);
  const comps: number[][] = [];
  for (const i of order) {
    if (compOf[i]! >= 0) continue;
    const c = [i, ...p.pinPartners[i]!].sort((a, b) => a - b);
    for (const j of c) compOf[j] = comps.length;
    comps.push(c);
  }

  // Every admissible, pin-closed group (sizes smin..smax) with its pair part and mentor options:
  // the columns of the set-partitioning view, used by the dual bound and for branching.
  const useColumns = maxNodes > 0 && exactSearchFits(p);
  const gMembers: number[][] = [];
  const gPs: number[] = [];
  const gMentors: Int32Array[] = []; // mentors sorted by U_k(g) desc
  const gMentorVal: Float64Array[] = [];
  const gReq: number[] = [];
  const groupsOf: number[][] = Array.from({ length: n }, () => []);
  if (useColumns) {
    const cur: number[] = [];
    const addGroup = () => {
      const members = [...cur];
      const set = new Set(members);
      for (const x of members) for (const y of p.pinPartners[x]!) if (!set.has(y)) return;
      const req = requiredMentor(p, members);
      if (req === -2) return;
      let ps = members.length * Pu;
      for (let a = 0; a < members.length; a++) for (let b = a + 1; b < members.length; b++) ps += w[members[a]! * n + members[b]!]!;
      const opts: [number, number][] = [];
      for (let kk = 0; kk < m; kk++) {
        if (req >= 0 && kk !== req) continue;
        let val = 0;
        let ok = true;
        for (const x of members) {
          if (!madm[kk * n + x]) { ok = false; break; }
          val += u[kk * n + x]!;
        }
        if (ok) opts.push([kk, val]);
      }
      opts.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      const id = gMembers.length;
      gMembers.push(members);
      gPs.push(ps);
      gMentors.push(Int32Array.from(opts.map((o) => o[0])));
      gMentorVal.push(Float64Array.from(opts.map((o) => o[1])));
      gReq.push(req);
      for (const x of members) groupsOf[x]!.push(id);
    };
    const rec = (start: number) => {
      if (cur.length >= smin) addGroup();
      if (cur.length >= smax) return;
      for (let j = start; j < n; j++) {
        let ok = true;
        for (const x of cur) if (!adm[x * n + j]) { ok = false; break; }
        if (!ok) continue;
        cur.push(j);
        rec(j + 1);
        cur.pop();
      }
    };
    rec(0);
  }
  const G = gMembers.length;
  const vg = new Float64Array(G);
  /**
   * Lagrangian prices, chosen at the root (μ re-tuned near it) and kept below: μ_k ≥ 0 for mentor
   * k's capacity, then ρ ≥ 0 for each cut in CUTS and component K (from index m, at c·nComp + K).
   * Saved and restored as one array.
   */
  const prices = new Float64Array(m + CUTS.length * nComp);
  const mu = prices.subarray(0, m);
  const rho = prices.subarray(m);
  let anyRho = false;
  const SZ = smax + 1;
  /** Σ_c ρ_{c,K}·coef_c(size) at K·SZ + size: what the cuts' prices take from a group's value. */
  const cutCost = new Float64Array(nComp * SZ);
  let anyMu = false;
  const hasMentorPrices = () => mu.some((v) => v > 0);
  function refreshPriceFlags(): void {
    anyMu = hasMentorPrices();
    anyRho = rho.some((v) => v > 0);
  }
  const yStack: Float64Array[] = Array.from({ length: n + 2 }, () => new Float64Array(n));
  // Flat copies for the hot loops.
  const gFlat = new Int32Array(G * smax);
  const gSize = new Uint8Array(G);
  for (let g = 0; g < G; g++) {
    gSize[g] = gMembers[g]!.length;
    gMembers[g]!.forEach((x, t) => (gFlat[g * smax + t] = x));
  }
  // Groups whose members are all free, per search depth (a child filters its parent's list).
  const aliveStack: Int32Array[] = [];
  const aliveCount = new Int32Array(n + 2);
  const csrStart = new Int32Array(n + 1);
  const csrFill = new Int32Array(n);
  const csrList = new Int32Array(Math.max(1, G * smax));

  /**
   * A dual bound of the set-partitioning LP: y_i per free applicant with Σ_{i∈g} y_i ≥ v(g) for
   * every group g of free applicants (v = pair part + best mentor still available, or −Pm) and
   * y_i ≥ 0 where i may stay unplaced; then Σ y_i bounds the rest. One coordinate-descent sweep
   * sets each y_i to the least value its groups need given the others; every constraint holds
   * afterwards (the last of its variables to be updated made it hold), whatever the start.
   */
  function dualBound(y: Float64Array, depth: number, refilter = true): number {
    let cutPart = 0;
    if (anyRho) {
      countFreeByComp();
      cutCost.fill(0);
      for (let c = 0; c < CUTS.length; c++) {
        for (let K = 0; K < nComp; K++) {
          const r = rho[c * nComp + K]!;
          if (r === 0) continue;
          cutPart += r * CUTS[c]!.rhs[compFree[K]!]!;
          for (let sz = smin; sz <= smax; sz++) cutCost[K * SZ + sz]! += r * CUTS[c]!.coef[sz]!;
        }
      }
    }
    let alive = aliveStack[depth];
    if (!alive) alive = aliveStack[depth] = new Int32Array(G);
    let cnt = 0;
    if (!refilter) cnt = aliveCount[depth]!;
    else if (depth === 0) {
      for (let g = 0; g < G; g++) {
        let free = true;
        for (let t = 0; t < gSize[g]!; t++) if (used[gFlat[g * smax + t]!]) { free = false; break; }
        if (free) alive[cnt++] = g;
      }
    } else {
      const parent = aliveStack[depth - 1]!;
      const pc = aliveCount[depth - 1]!;
      for (let x = 0; x < pc; x++) {
        const g = parent[x]!;
        let free = true;
        for (let t = 0; t < gSize[g]!; t++) if (used[gFlat[g * smax + t]!]) { free = false; break; }
        if (free) alive[cnt++] = g;
      }
    }
    aliveCount[depth] = cnt;
    csrStart.fill(0);
    for (let x = 0; x < cnt; x++) {
      const g = alive[x]!;
      let best = p.mentorRequired || gReq[g]! >= 0 ? -Infinity : -Pm;
      const ms = gMentors[g]!;
      const mv = gMentorVal[g]!;
      // Options are sorted by raw score; with prices μ ≥ 0 the first available one need not be
      // best, but none after a raw score ≤ the best priced value can beat it.
      for (let z = 0; z < ms.length; z++) {
        const kk = ms[z]!;
        if (mv[z]! <= best) break;
        if (capLeft[kk]! > 0) {
          const v = mv[z]! - mu[kk]!;
          if (v > best) best = v;
          if (!anyMu) break;
        }
      }
      vg[g] = best === -Infinity ? NaN : gPs[g]! + best - (anyRho ? cutCost[appComp[gFlat[g * smax]!]! * SZ + gSize[g]!]! : 0);
      for (let t = 0; t < gSize[g]!; t++) csrStart[gFlat[g * smax + t]! + 1]!++;
    }
    for (let i = 0; i < n; i++) {
      csrStart[i + 1]! += csrStart[i]!;
      csrFill[i] = csrStart[i]!;
    }
    for (let x = 0; x < cnt; x++) {
      const g = alive[x]!;
      for (let t = 0; t < gSize[g]!; t++) {
        const i = gFlat[g * smax + t]!;
        csrList[csrFill[i]!++] = g;
      }
    }
    let total = cutPart;
    if (anyMu) for (let kk = 0; kk < m; kk++) total += mu[kk]! * capLeft[kk]!;
    for (const i of order) {
      if (used[i]) continue;
      let need = p.pinPartners[i]!.length === 0 && p.pinMentor[i]! < 0 ? 0 : -Infinity;
      for (let x = csrStart[i]!; x < csrStart[i + 1]!; x++) {
        const g = csrList[x]!;
        let rest = vg[g]!;
        if (rest !== rest) continue; // NaN: no admissible mentor option left
        const base = g * smax;
        for (let t = 0; t < gSize[g]!; t++) {
          const j = gFlat[base + t]!;
          if (j !== i) rest -= y[j]!;
        }
        if (rest > need) need = rest;
      }
      if (need === -Infinity) return -Infinity; // a pinned applicant can no longer be placed
      y[i] = need;
      total += need;
    }
    return total;
  }

  /**
   * Drops from this node's alive groups those that no solution of its subtree above the threshold
   * can contain: choosing g here is bounded by base + D − Σ_{i∈g} y_i − cutDrop + v(g) (the child's
   * bound), and that bounds every completion containing g, whenever it is formed. The sweep over
   * fewer groups then needs less. Repeats while a pass lowers the bound; returns the new bound.
   */
  function dropHopelessGroups(y: Float64Array, depth: number, base: number, D: number): number {
    const alive = aliveStack[depth]!;
    for (let pass = 0; pass < DROP_PASSES; pass++) {
      const t = threshold();
      if (t === -Infinity) return D;
      countFreeByComp();
      const cnt = aliveCount[depth]!;
      let keep = 0;
      for (let x = 0; x < cnt; x++) {
        const g = alive[x]!;
        const v = vg[g]!;
        if (v !== v) continue; // NaN: no mentor option left
        const sz = gSize[g]!;
        const K = appComp[gFlat[g * smax]!]!;
        // vg is the group's priced value less its cut cost (dualBound); the child pays cutDrop instead.
        let ub = base + D + v + (anyRho ? cutCost[K * SZ + sz]! - cutDrop(K, sz) : 0);
        for (let q = 0; q < sz; q++) ub -= y[gFlat[g * smax + q]!]!;
        if (ub > t + SOLVER_EPS) alive[keep++] = g;
      }
      if (keep === cnt) return D;
      aliveCount[depth] = keep;
      const d = dualBound(y, depth, false);
      if (!(d < D - 1e-9)) return Math.min(D, d);
      D = d;
    }
    return D;
  }

  const used = new Uint8Array(n);
  function countFreeByComp(): void {
    compFree.fill(0);
    for (let i = 0; i < n; i++) if (!used[i]) compFree[appComp[i]!]!++;
  }
  /**
   * What the cuts' prices give back when `size` free applicants of component K leave the free set
   * (compFree must describe the current node).
   */
  const cutDrop = (K: number, size: number) => {
    if (!anyRho) return 0;
    let d = 0;
    const f = compFree[K]!;
    for (let c = 0; c < CUTS.length; c++) {
      const r = rho[c * nComp + K]!;
      if (r > 0) d += r * (CUTS[c]!.rhs[f]! - CUTS[c]!.rhs[f - size]!);
    }
    return d;
  };
  /** Cut rows (c·nComp + K) that the cover rows do not imply at the current node. */
  function activeCuts(): number[] {
    countFreeByComp();
    const out: number[] = [];
    for (let c = 0; c < CUTS.length; c++) for (let K = 0; K < nComp; K++) {
      const f = compFree[K]!;
      if (f >= smin && !CUTS[c]!.implied[f]) out.push(c * nComp + K);
    }
    return out;
  }
  const capLeft = Int32Array.from(p.cap);
  const gains = new Float64Array(n);
  const rest = new Float64Array(n);

  const best: { sol: Solution; shifted: number }[] = [];
  for (const s of opts.incumbents ?? []) insert(s.groups, s.unplaced, s.objective + shift);
  let nodes = 0;
  let aborted = false;
  let openBound = -Infinity;
  /** The root's LP-dual bound: a global upper bound, often tighter than the open nodes'. */
  let rootDual = Infinity;
  const stack: Group[] = [];
  const unplacedStack: number[] = [];
  /**
   * levelUb[d]: a bound on everything still open at depth d of the current path (the option being
   * explored there; its later siblings are sorted below it). Their maximum over the path is the
   * global bound reported to opts.tick.
   */
  const levelUb = new Float64Array(n + 2);
  const tick = opts.tick;
  const stopRequested = opts.stopRequested;
  /**
   * Says whether to stop: the stop request at every node (a node of a 60-applicant search can take
   * milliseconds), the progress report every 16 nodes.
   */
  function controlStops(depth: number, nodeUb: number): boolean {
    if (stopRequested !== undefined && stopRequested()) return true;
    if (tick === undefined || (nodes & CONTROL_NODE_MASK) !== 1) return false;
    let open = depth === 0 ? nodeUb : -Infinity;
    for (let d = 0; d < depth; d++) if (levelUb[d]! > open) open = levelUb[d]!;
    const top = best[0]?.shifted;
    const globalUb = Math.max(top ?? -Infinity, Math.min(open, rootDual));
    return tick({ best: top === undefined ? null : top - shift, bound: globalUb - shift, nodes });
  }

  function threshold(): number {
    return best.length < k ? -Infinity : best[k - 1]!.shifted;
  }

  function sameSolution(a: Solution, groups: Group[], unplaced: number[]): boolean {
    if (a.groups.length !== groups.length || a.unplaced.length !== unplaced.length) return false;
    const key = (g: Group) => `${[...g.members].sort((x, y) => x - y).join(',')}>${g.mentor}`;
    const sa = new Set(a.groups.map(key));
    return groups.every((g) => sa.has(key(g)));
  }

  function insert(groups: Group[], unplaced: number[], shifted: number): void {
    if (best.some((b) => sameSolution(b.sol, groups, unplaced))) return;
    const sol: Solution = {
      groups: groups.map((g) => ({ members: [...g.members], mentor: g.mentor })),
      unplaced: [...unplaced],
      objective: shifted - shift,
    };
    let pos = best.length;
    while (pos > 0 && best[pos - 1]!.shifted < shifted - SOLVER_EPS) pos--;
    best.splice(pos, 0, { sol, shifted });
    if (best.length > k) best.length = k;
  }

  const unselArr = new Float64Array(n);
  /** Pu + half the best (smax−1) pair scores of each free applicant; −1 when it has no partner. */
  const shareArr = new Float64Array(n).fill(-1);
  const maxUArr = new Float64Array(n);

  /**
   * Upper bound on what the free applicants can still add (shifted); fills unselArr (each free
   * applicant's contribution without a mentor, ≥ 0) and maxUArr (its best available mentor score,
   * −1 if none). The mentor part is capped twice: at most (capacity left × smax) applicants are
   * mentored, and mentor k adds at most its best (capLeft_k × smax) scores among free applicants.
   */
  function bound(): number {
    let base = 0;
    let g = 0;
    let free = 0;
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      unselArr[i] = 0;
      maxUArr[i] = -1;
      shareArr[i] = -1;
      let t = 0;
      let found = 0;
      const pl = partners[i]!;
      for (let x = 0; x < pl.length && found < smax - 1; x++) {
        const j = pl[x]!;
        if (!used[j]) {
          t += w[i * n + j]!;
          found++;
        }
      }
      if (found === 0) continue; // cannot be placed: contributes 0
      free++;
      const pairShare = Pu + 0.5 * t;
      shareArr[i] = pairShare;
      let maxU = -1;
      const ml = mlist[i]!;
      for (let x = 0; x < ml.length; x++) {
        const kk = ml[x]!;
        if (capLeft[kk]! > 0) {
          maxU = u[kk * n + i]!;
          break;
        }
      }
      maxUArr[i] = maxU;
      const canGoUnmentored = !p.mentorRequired && p.pinMentor[i]! < 0;
      const unsel = canGoUnmentored ? Math.max(0, pairShare - Pm / smax) : 0;
      const sel = maxU >= 0 ? Math.max(unsel, pairShare + maxU) : unsel;
      unselArr[i] = unsel;
      base += unsel;
      rest[g] = maxU >= 0 ? pairShare - unsel : 0;
      gains[g++] = sel - unsel;
    }
    let slots = 0;
    for (let kk = 0; kk < m; kk++) slots += capLeft[kk]!;
    slots *= smax;
    let gainSum = 0;
    if (slots >= g) {
      for (let x = 0; x < g; x++) gainSum += gains[x]!;
    } else if (slots > 0) {
      const arr = gains.subarray(0, g).slice().sort();
      for (let x = g - 1; x >= g - slots; x--) gainSum += arr[x]!;
    }
    // Per-mentor cap on the mentor scores.
    if (gainSum > 0) {
      // A mentored applicant gains at most (its share beyond unsel) + its mentor's score.
      let capSum = 0;
      if (slots >= g) for (let x = 0; x < g; x++) capSum += rest[x]!;
      else {
        const arr = rest.subarray(0, g).slice().sort();
        for (let x = g - 1; x >= g - slots; x--) capSum += arr[x]!;
      }
      for (let kk = 0; kk < m && capSum < gainSum; kk++) {
        const c = capLeft[kk]! * smax;
        if (c <= 0) continue;
        const al = byMentor[kk]!;
        let found = 0;
        for (let x = 0; x < al.length && found < c; x++) {
          const i = al[x]!;
          if (!used[i]) {
            capSum += u[kk * n + i]!;
            found++;
          }
        }
      }
      if (capSum < gainSum) gainSum = capSum;
    }
    return base + gainSum;
  }

  function firstFree(): number {
    for (const i of order) if (!used[i]) return i;
    return -1;
  }

  function enumerateGroups(i: number, cb: (members: number[]) => void): void {
    const base = comps[compOf[i]!]!;
    const cand: number[] = [];
    for (const c of comps) {
      if (c === base || used[c[0]!]) continue;
      let ok = true;
      for (const a of c) {
        for (const b of base) if (!adm[a * n + b]) { ok = false; break; }
        if (!ok) break;
      }
      if (ok) cand.push(compOf[c[0]!]!);
    }
    const members = [...base];
    const rec = (start: number) => {
      if (members.length >= smin) cb([...members]);
      if (members.length >= smax) return;
      for (let x = start; x < cand.length; x++) {
        const c = comps[cand[x]!]!;
        if (members.length + c.length > smax) continue;
        let ok = true;
        for (const a of c) {
          for (const b of members) if (!adm[a * n + b]) { ok = false; break; }
          if (!ok) break;
        }
        if (!ok) continue;
        members.push(...c);
        rec(x + 1);
        members.length -= c.length;
      }
    };
    rec(0);
  }

  /** Root start of the dual (the per-applicant shares, feasible) and the mentor prices μ. */
  function initRoot(y: Float64Array): void {
    for (let x = 0; x < n; x++) {
      if (used[x]) continue;
      const free = p.pinPartners[x]!.length === 0 && p.pinMentor[x]! < 0;
      y[x] = unselArr[x]! + Math.max(0, maxUArr[x]! + Pm / smax) + (free ? 0 : 1e6);
    }
    // With many groups the LP's optimal duals are worth their cost whatever binds, and they are at
    // least as good as any tuned prices: solve it first and tune only when it gave nothing (cut short).
    if (G >= LP_FIRST_GROUPS && m > 0 && !(stopRequested !== undefined && stopRequested())) {
      const plain = dualBound(y, 0);
      if (lpDuals(y, 0, plain) < plain - 1e-9) return;
    }
    if (m > 0 && G > 0) {
      // Price mentor capacity: raise μ_k while the root bound drops (coordinate search). Each
      // evaluation starts from shares that already reflect the prices (a member carries μ_k/smax),
      // which stay feasible for the priced group values.
      const start = Float64Array.from(y);
      const evalMu = () => {
        for (let x = 0; x < n; x++) {
          if (used[x]) continue;
          if (shareArr[x]! < 0) {
            y[x] = start[x]!;
            continue;
          }
          const free = p.pinPartners[x]!.length === 0 && p.pinMentor[x]! < 0;
          let bestM = p.mentorRequired || !free ? -Infinity : -Pm / smax;
          const ml = mlist[x]!;
          for (let z = 0; z < ml.length; z++) {
            const kk = ml[z]!;
            if (p.cap[kk]! > 0) bestM = Math.max(bestM, u[kk * n + x]! - mu[kk]! / smax);
          }
          const v = shareArr[x]! + bestM;
          y[x] = bestM === -Infinity ? start[x]! : free ? Math.max(0, v) : v;
        }
        return dualBound(y, 0);
      };
      let bestD = evalMu();
      // A stop request ends the tuning early (any μ ≥ 0 gives a valid bound; this one is tuned less).
      const halt = () => stopRequested !== undefined && stopRequested();
      // A common price first (scarce mentors: every group competes for some mentor), then each
      // mentor's own price.
      for (const step of [1.6, 0.8, 0.4, 0.2, 0.1, 0.05]) {
        for (;;) {
          if (halt()) break;
          for (let kk = 0; kk < m; kk++) if (p.cap[kk]! > 0) mu[kk]! += step;
          anyMu = true;
          const d = evalMu();
          if (d < bestD - 1e-12) bestD = d;
          else {
            for (let kk = 0; kk < m; kk++) if (p.cap[kk]! > 0) mu[kk]! -= step;
            break;
          }
        }
      }
      anyMu = hasMentorPrices();
      for (const step of [0.8, 0.4, 0.2, 0.1, 0.05]) {
        for (let kk = 0; kk < m; kk++) {
          if (p.cap[kk]! <= 0 || halt()) continue;
          mu[kk]! += step;
          anyMu = true;
          const d = evalMu();
          if (d < bestD - 1e-12) bestD = d;
          else mu[kk]! -= step;
          anyMu = hasMentorPrices();
        }
      }
      evalMu();
    }
    // The LP pays off when capacity binds (priced above) or when a cut is not implied (the
    // applicants do not split evenly into largest groups); otherwise the sweep is close to it.
    if (G > 0 && (anyMu || activeCuts().length > 0) && !(stopRequested !== undefined && stopRequested())) lpDuals(y, 0, dualBound(y, 0));
  }

  /**
   * Replaces the root's duals (y, μ, ρ) by the optimal duals of the LP relaxation when that gives a
   * lower bound: the simplex of simplex.ts over the node's columns (every alive group × each mentor
   * option or none) with rows cover_i ≤ 1, capacity_k ≤ cap_k and the cuts of partitionCuts that
   * the cover rows do not imply at this node. The sweep in dualBound restores exact feasibility, so the LP's accuracy only affects
   * how tight the bound is, never its validity. A pinned applicant may not stay unplaced (its cover
   * row is an equality): its slack costs PIN_SLACK_COST instead of 0 (big M), which keeps the slack
   * basis feasible to start from; the LP then only relaxes the rule by a price no solution pays, so
   * it still bounds every solution that keeps the pins.
   */
  function lpDuals(y: Float64Array, depth: number, current: number): number {
    // Rows: cover per applicant, capacity per mentor, then the cuts (coefficients by group size).
    // Cuts the cover rows imply are left out: their prices would only reshuffle the duals (the
    // group-count cut at 24 applicants took one 24/10 draw from 414 to 10 495 nodes).
    const cutRow = n + m;
    const cuts = activeCuts();
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
    const alive = aliveStack[depth]!;
    const cnt = aliveCount[depth]!;
    // Sized first, then filled: typed arrays, since the root LP of 60 applicants has ~10⁶ columns.
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
      nCols > (opts.pricedLpColumns ?? PRICED_LP_COLUMNS)
        ? lpDualsByPricing(depth, R, rhs, slackCost, compCuts)
        : lpDualsOverAllColumns(depth, R, rhs, slackCost, compCuts, nCols, nEntries);
    if (!pi) return current;
    const saveY = Float64Array.from(y);
    const savePrices = Float64Array.from(prices);
    for (let i = 0; i < n; i++) y[i] = used[i] ? 0 : slackCost[i]! < 0 ? pi[i]! : Math.max(0, pi[i]!);
    for (let kk = 0; kk < m; kk++) mu[kk] = capLeft[kk]! > 0 ? Math.max(0, pi[n + kk]!) : 0;
    rho.fill(0);
    for (let a = 0; a < cuts.length; a++) rho[cuts[a]!] = Math.max(0, pi[cutRow + a]!);
    anyRho = rho.some((v) => v > 0);
    anyMu = hasMentorPrices();
    const d = dualBound(y, depth);
    if (!(d < current - 1e-9)) {
      y.set(saveY);
      prices.set(savePrices);
      refreshPriceFlags();
      dualBound(y, depth);
      return current;
    }
    return d;
  }

  /** The node's LP with every column at once (up to PRICED_LP_COLUMNS columns). */
  function lpDualsOverAllColumns(
    depth: number,
    R: number,
    rhs: Float64Array,
    slackCost: Float64Array,
    compCuts: [number, number][][],
    nCols: number,
    nEntries: number,
  ): Float64Array | null {
    const alive = aliveStack[depth]!;
    const cnt = aliveCount[depth]!;
    const colStart = new Int32Array(nCols + 1);
    const rowIdx = new Int32Array(nEntries);
    const coef = new Float64Array(nEntries);
    const cost = new Float64Array(nCols);
    let col = 0;
    let e = 0;
    const add = (r: ArrayLike<number>, c: ArrayLike<number>, value: number) => {
      for (let t = 0; t < r.length; t++) {
        rowIdx[e] = r[t]!;
        coef[e++] = c[t]!;
      }
      cost[col++] = value;
      colStart[col] = e;
    };
    for (let x = 0; x < cnt; x++) {
      const g = alive[x]!;
      if (!p.mentorRequired && gReq[g]! < 0) emitColumn(g, -1, gPs[g]! - Pm, compCuts, add);
      const ms = gMentors[g]!;
      for (let z = 0; z < ms.length; z++) if (capLeft[ms[z]!]! > 0) emitColumn(g, ms[z]!, gPs[g]! + gMentorVal[g]![z]!, compCuts, add);
    }
    return solveLpDuals({ rows: R, colStart, rowIdx, coef, cost, rhs, slackCost }, opts.deadline, opts.stopRequested);
  }

  const colRows = new Int32Array(smax + 1 + 2 * CUTS.length);
  const colCoef = new Float64Array(smax + 1 + 2 * CUTS.length);
  /** One group × mentor column (mentor −1: none) with its cut coefficients, handed to `add`. */
  function emitColumn(g: number, mentor: number, value: number, compCuts: [number, number][][], add: ColumnSink): void {
    const sz = gSize[g]!;
    let e = 0;
    for (let t = 0; t < sz; t++) {
      colRows[e] = gFlat[g * smax + t]!;
      colCoef[e++] = 1;
    }
    if (mentor >= 0) {
      colRows[e] = n + mentor;
      colCoef[e++] = 1;
    }
    for (const [row, c] of compCuts[appComp[gFlat[g * smax]!]!]!) {
      colRows[e] = row;
      colCoef[e++] = CUTS[c]!.coef[sz]!;
    }
    add(colRows.subarray(0, e), colCoef.subarray(0, e), value);
  }

  /**
   * The node's LP by column generation over its alive groups: the master starts from the best
   * solution's groups and each round adds, per applicant, the column of largest reduced cost that
   * contains it. A full pricing pass is a scan of the group table, far cheaper than a simplex over
   * every column (millions above ~60 applicants).
   */
  function lpDualsByPricing(depth: number, R: number, rhs: Float64Array, slackCost: Float64Array, compCuts: [number, number][][]): Float64Array | null {
    const alive = aliveStack[depth]!;
    const cnt = aliveCount[depth]!;
    const added = new Set<number>();
    const keyOf = (g: number, kk: number) => g * (m + 1) + kk + 1;
    const bestRc = new Float64Array(n);
    const bestG = new Int32Array(n);
    const bestK = new Int32Array(n);
    const valueOf = (g: number, kk: number): number => {
      if (kk < 0) return gPs[g]! - Pm;
      const ms = gMentors[g]!;
      for (let z = 0; z < ms.length; z++) if (ms[z] === kk) return gPs[g]! + gMentorVal[g]![z]!;
      return NaN;
    };
    const seed = (add: ColumnSink) => {
      const sol = best[0]?.sol;
      if (!sol || depth > 0) return;
      const ids = new Map<string, number>();
      for (let x = 0; x < cnt; x++) ids.set(gMembers[alive[x]!]!.join(','), alive[x]!);
      for (const grp of sol.groups) {
        const g = ids.get([...grp.members].sort((a, b) => a - b).join(','));
        if (g === undefined || (grp.mentor >= 0 && capLeft[grp.mentor]! <= 0)) continue;
        const v = valueOf(g, grp.mentor);
        if (v !== v) continue;
        added.add(keyOf(g, grp.mentor));
        emitColumn(g, grp.mentor, v, compCuts, add);
      }
    };
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
          // Mentor rows' duals are ≥ 0 (up to rounding): no later option can beat the floor.
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
        emitColumn(g, bestK[i]!, valueOf(g, bestK[i]!), compCuts, add);
        count++;
      }
      return count;
    };
    return solveLpByColumnGeneration({ rows: R, rhs, slackCost }, seed, price, { deadline: opts.deadline, shouldStop: opts.stopRequested }).pi;
  }

  interface Option {
    members: number[];
    /** Σ pair scores + |g|·Pu, or 0 for "stay unplaced". */
    ps: number;
    /** Optimistic bound of this option including the rest. */
    ub: number;
    rest: number;
    /** The rest by the dual bound alone (it carries Σ μ·capacity, so a used mentor k costs μ_k there). */
    restD: number;
    /** The rest by the capacity-aware bound alone (no prices). */
    restB: number;
    req: number;
    unplaced: boolean;
  }

  /**
   * The free applicant to branch on: the one with the fewest live groups left (most constrained
   * first), ties broken by the largest dual value (its choice moves the bound most).
   */
  function pickBranchApplicant(y: Float64Array): number {
    let pick = -1;
    let fewest = Infinity;
    for (const x of order) {
      if (used[x]) continue;
      const c = (csrStart[x + 1]! - csrStart[x]!) * COUNT_W + BRANCH_SIGN * y[x]!;
      if (c < fewest) {
        fewest = c;
        pick = x;
      }
    }
    return pick;
  }

  function search(cur: number, nodeUb: number, depth: number): void {
    let pricesSaved: Float64Array | null = null;
    nodes++;
    if (nodes > maxNodes || (opts.deadline !== undefined && (nodes & 15) === 0 && Date.now() > opts.deadline) || controlStops(depth, nodeUb)) {
      aborted = true;
      openBound = Math.max(openBound, nodeUb);
      return;
    }
    let i = firstFree();
    if (i < 0) {
      if (cur > threshold() + SOLVER_EPS) insert(stack, unplacedStack, cur);
      return;
    }
    const B = bound();
    if (cur + B <= threshold() + SOLVER_EPS) return;
    const y = yStack[depth]!;
    let D = Infinity;
    if (useColumns) {
      if (depth === 0) {
        initRoot(y);
        // The root's LP can take seconds on large instances: honour a stop that came meanwhile.
        if (stopRequested?.()) {
          aborted = true;
          openBound = Math.max(openBound, nodeUb);
          return;
        }
      } else y.set(yStack[depth - 1]!);
      D = dualBound(y, depth);
      if (depth === 0) rootDual = D;
      if (cur + D <= threshold() + SOLVER_EPS) return;
      D = dropHopelessGroups(y, depth, cur, D);
      if (depth === 0) rootDual = Math.min(rootDual, D);
      if (cur + D <= threshold() + SOLVER_EPS) return;
      if (depth > 0 && depth <= RETUNE_DEPTH && anyMu) {
        // Near the root, re-price the mentors still free with a common shift (the ones used on
        // the path changed the competition); the prices are restored when this node is done.
        pricesSaved = Float64Array.from(prices);
        const base = Float64Array.from(y);
        for (const step of [0.4, -0.4, 0.2, -0.2]) {
          const keep = Float64Array.from(mu);
          for (let kk = 0; kk < m; kk++) if (capLeft[kk]! > 0) mu[kk] = Math.max(0, mu[kk]! + step);
          y.set(base);
          const d = dualBound(y, depth);
          if (d < D - 1e-12) {
            D = d;
            base.set(y);
          } else mu.set(keep);
        }
        y.set(base);
        D = dualBound(y, depth);
        if (cur + D <= threshold() + SOLVER_EPS) {
          prices.set(pricesSaved);
          refreshPriceFlags();
          return;
        }
      }
      i = pickBranchApplicant(y);
    }
    const options: Option[] = [];
    const comp = comps[compOf[i]!]!;
    countFreeByComp();
    if (comp.length === 1 && p.pinMentor[i]! < 0) {
      const restB = B - unselArr[i]!;
      const restD = D - (useColumns ? y[i]! + cutDrop(appComp[i]!, 1) : 0);
      const rest = Math.min(restB, restD);
      options.push({ members: [i], ps: 0, ub: rest, rest, restB, restD, req: -1, unplaced: true });
    }
    enumerateGroups(i, (members) => {
      const req = requiredMentor(p, members);
      if (req === -2) return;
      let ps = members.length * Pu;
      let rest = B;
      let restD = D - (useColumns ? cutDrop(appComp[i]!, members.length) : 0);
      let mu = 0;
      for (let a = 0; a < members.length; a++) {
        const x = members[a]!;
        rest -= unselArr[x]!;
        if (useColumns) restD -= y[x]!;
        if (maxUArr[x]! < 0) mu = -Infinity;
        else mu += maxUArr[x]!;
        for (let b = a + 1; b < members.length; b++) ps += w[x * n + members[b]!]!;
      }
      let mentorUb: number;
      if (req >= 0) {
        if (capLeft[req]! <= 0) return;
        mentorUb = 0;
        for (const x of members) {
          if (!madm[req * n + x]) return;
          mentorUb += u[req * n + x]!;
        }
      } else {
        mentorUb = p.mentorRequired ? mu : Math.max(mu, -Pm);
        if (mentorUb === -Infinity) return;
      }
      const restB = rest;
      if (restD < rest) rest = restD;
      options.push({ members, ps, ub: ps + mentorUb + rest, rest, restB, restD, req, unplaced: false });
    });
    options.sort((a, b) => b.ub - a.ub || b.ps - a.ps);
    for (let x = 0; x < options.length; x++) {
      const o = options[x]!;
      if (cur + o.ub <= threshold() + SOLVER_EPS) break;
      if (aborted) {
        openBound = Math.max(openBound, cur + o.ub);
        continue;
      }
      levelUb[depth] = cur + o.ub;
      for (const j of o.members) used[j] = 1;
      if (o.unplaced) {
        unplacedStack.push(i);
        search(cur, cur + o.ub, depth + 1);
        unplacedStack.pop();
      } else {
        // Mentor choices for this group, best first.
        const choices: number[][] = [];
        const tryMentor = (kk: number) => {
          if (capLeft[kk]! <= 0) return;
          let s = 0;
          for (const j of o.members) {
            if (!madm[kk * n + j]) return;
            s += u[kk * n + j]!;
          }
          choices.push([kk, s]);
        };
        if (o.req >= 0) tryMentor(o.req);
        else {
          for (let kk = 0; kk < m; kk++) tryMentor(kk);
          if (!p.mentorRequired) choices.push([-1, -Pm]);
        }
        // Best raw value first (good solutions early); the child's bound also loses μ_k of
        // capacity value when mentor k is used, so a weak child is skipped, not a stop signal.
        choices.sort((a, b) => b[1]! - a[1]! || a[0]! - b[0]!);
        for (const [kk, val] of choices as [number, number][]) {
          const ub = o.ps + val + Math.min(o.restB, o.restD - (kk >= 0 ? mu[kk]! : 0));
          if (cur + o.ps + val + o.rest <= threshold() + SOLVER_EPS) break;
          if (cur + ub <= threshold() + SOLVER_EPS) continue;
          if (aborted) {
            openBound = Math.max(openBound, cur + ub);
            break;
          }
          if (kk >= 0) capLeft[kk]!--;
          stack.push({ members: o.members, mentor: kk });
          search(cur + o.ps + val, cur + ub, depth + 1);
          stack.pop();
          if (kk >= 0) capLeft[kk]!++;
        }
      }
      for (const j of o.members) used[j] = 0;
    }
    if (pricesSaved) {
      prices.set(pricesSaved);
      refreshPriceFlags();
    }
  }

  /**
   * Mentor-deferred variant: branches on the partition only; each formed group counts its best
   * mentor (priced by μ, or unpriced for the capacity-aware bound) and a leaf assigns mentors
   * optimally (Hungarian method). Far fewer nodes when many mentors could serve each group.
   * `cur` is Σ pair parts (+ Pu per member); mb0Sum / mbMuSum hold the formed groups' mentor parts.
   */
  const gMb0 = new Float64Array(G);
  const gMbMu = new Float64Array(G);
  let mb0Sum = 0;
  let mbMuSum = 0;
  const groupIds: number[] = [];
  function prepareDeferred(): void {
    for (let g = 0; g < G; g++) {
      const none = p.mentorRequired || gReq[g]! >= 0 ? -Infinity : -Pm;
      let b0 = none;
      let bm = none;
      const ms = gMentors[g]!;
      const mv = gMentorVal[g]!;
      for (let z = 0; z < ms.length; z++) {
        const kk = ms[z]!;
        if (p.cap[kk]! <= 0) continue;
        if (mv[z]! > b0) b0 = mv[z]!;
        if (mv[z]! - mu[kk]! > bm) bm = mv[z]! - mu[kk]!;
      }
      gMb0[g] = b0;
      gMbMu[g] = bm;
    }
  }
  function searchDeferred(cur: number, nodeUb: number, depth: number): void {
    nodes++;
    if (nodes > maxNodes || (opts.deadline !== undefined && (nodes & 15) === 0 && Date.now() > opts.deadline) || controlStops(depth, nodeUb)) {
      aborted = true;
      openBound = Math.max(openBound, nodeUb);
      return;
    }
    if (firstFree() < 0) {
      if (cur + mb0Sum <= threshold() + SOLVER_EPS) return;
      const lists = groupIds.map((g) => gMembers[g]!);
      const { mentors, feasible } = assignGroups(lists);
      if (!feasible) return;
      let val = cur;
      const groups: Group[] = lists.map((members, x) => {
        const kk = mentors[x]!;
        if (kk >= 0) for (const j of members) val += u[kk * n + j]!;
        else val -= Pm;
        return { members, mentor: kk };
      });
      if (val > threshold() + SOLVER_EPS) insert(groups, unplacedStack, val);
      return;
    }
    const B = bound();
    if (cur + mb0Sum + B <= threshold() + SOLVER_EPS) return;
    const y = yStack[depth]!;
    if (depth === 0) {
      initRoot(y);
      if (stopRequested?.()) {
        aborted = true;
        openBound = Math.max(openBound, nodeUb);
        return;
      }
      prepareDeferred();
    } else y.set(yStack[depth - 1]!);
    let D = dualBound(y, depth);
    if (depth === 0) rootDual = D;
    if (cur + mbMuSum + D <= threshold() + SOLVER_EPS) return;
    D = dropHopelessGroups(y, depth, cur + mbMuSum, D);
    if (depth === 0) rootDual = Math.min(rootDual, D);
    if (cur + mbMuSum + D <= threshold() + SOLVER_EPS) return;
    const i = pickBranchApplicant(y);
    // Options: stay unplaced, or one of the live groups containing i (copied: children rebuild the lists).
    const opt: { g: number; ub: number; ps: number }[] = [];
    countFreeByComp();
    if (p.pinPartners[i]!.length === 0 && p.pinMentor[i]! < 0) {
      const ub = Math.min(mb0Sum + B - unselArr[i]!, mbMuSum + D - y[i]! - cutDrop(appComp[i]!, 1));
      opt.push({ g: -1, ub, ps: 0 });
    }
    for (let x = csrStart[i]!; x < csrStart[i + 1]!; x++) {
      const g = csrList[x]!;
      if (gMb0[g] === -Infinity) continue;
      const ps = gPs[g]!;
      let restB = B;
      let restD = D - cutDrop(appComp[i]!, gSize[g]!);
      for (let t = 0; t < gSize[g]!; t++) {
        const j = gFlat[g * smax + t]!;
        restB -= unselArr[j]!;
        restD -= y[j]!;
      }
      const ub = ps + Math.min(mb0Sum + gMb0[g]! + restB, mbMuSum + gMbMu[g]! + restD);
      opt.push({ g, ub, ps });
    }
    opt.sort((a, b) => b.ub - a.ub || a.g - b.g);
    for (const o of opt) {
      if (cur + o.ub <= threshold() + SOLVER_EPS) break;
      if (aborted) {
        openBound = Math.max(openBound, cur + o.ub);
        continue;
      }
      levelUb[depth] = cur + o.ub;
      if (o.g < 0) {
        used[i] = 1;
        unplacedStack.push(i);
        searchDeferred(cur, cur + o.ub, depth + 1);
        unplacedStack.pop();
        used[i] = 0;
      } else {
        const mem = gMembers[o.g]!;
        for (const j of mem) used[j] = 1;
        groupIds.push(o.g);
        mb0Sum += gMb0[o.g]!;
        mbMuSum += gMbMu[o.g]!;
        searchDeferred(cur + o.ps, cur + o.ub, depth + 1);
        mb0Sum -= gMb0[o.g]!;
        mbMuSum -= gMbMu[o.g]!;
        groupIds.pop();
        for (const j of mem) used[j] = 0;
      }
    }
  }

  const rootUb = bound();
  const defer = (opts.deferMentors ?? false) && useColumns && k === 1 && opts.assignMentors !== undefined;
  const assignGroups = (lists: number[][]) => {
    const r = opts.assignMentors!(lists);
    return { mentors: r.mentors, feasible: r.drop.length === 0 };
  };
  if (defer) searchDeferred(0, rootUb, 0);
  else search(0, rootUb, 0);
  const top = best[0]?.shifted ?? -Infinity;
  const complete = !aborted;
  const ub = complete ? top : Math.max(top, Math.min(openBound, rootUb, rootDual));
  return {
    solutions: best.map((b) => b.sol),
    complete,
    bound: ub - shift,
    nodes,
  };
}

/** The root bound alone (for reporting a gap on instances too large to search). */
export function rootBound(p: Problem): number {
  const r = solveExact(p, { maxNodes: 0 });
  return r.bound;
}
