/**
 * Everything one exact solve keeps between its nodes: the problem's static orders (orders.ts), the
 * group columns (columns.ts), the Lagrangian prices, the per-depth work arrays of the bounds and the search's own
 * record (path, incumbents, counters). The search, the bounds and the cut bookkeeping are free
 * functions over one SearchState (see the sibling modules); the state holds data only.
 *
 * Why one object: the hot loops (dualBound, bound, the search) read a few dozen arrays per node.
 * Every field is created in the constructor, always in the same order and with the same kind of
 * value, so V8 keeps the object monomorphic; the hot functions copy the fields they use into
 * locals once per call. Typed arrays are allocated once per solve, never per node.
 *
 * Invariants:
 * - `used[i]` is 1 exactly for the applicants placed or left unplaced on the current path; the
 *   free applicants are the others.
 * - `capLeft[k]` is mentor k's capacity minus its groups on the current path (full search only).
 * - `prices` = μ (m entries, ≥ 0) followed by ρ (one per cut and component, at c·nComp + K, ≥ 0);
 *   any nonnegative prices give a valid bound, so a node may change them as long as it restores
 *   them before returning. `anyMu` / `anyRho` say whether some entry is positive.
 * - `best` is sorted by shifted value descending, holds at most k distinct solutions.
 */
import type { ExactOptions } from '../exact.js';
import type { Group, Problem, Solution } from '../problem.js';
import type { PartitionCut } from './cuts.js';
import { partitionCuts } from './cuts.js';
import { enumerateColumns } from './columns.js';
import { staticOrders } from './orders.js';
import { DEFAULT_MAX_NODES } from './limits.js';
import { exactSearchFits } from '../group-count.js';

export class SearchState {
  readonly p: Problem;
  readonly n: number;
  readonly m: number;
  readonly smax: number;
  readonly smin: number;
  readonly Pu: number;
  readonly Pm: number;
  readonly w: Float64Array;
  readonly u: Float64Array;
  readonly adm: Uint8Array;
  readonly madm: Uint8Array;
  readonly k: number;
  readonly maxNodes: number;
  /** n·Pu: the search works in shifted values (each placed applicant earns Pu), objective + shift. */
  readonly shift: number;
  readonly deadline: number | undefined;
  readonly tick: ExactOptions['tick'];
  readonly stopRequested: (() => boolean) | undefined;
  readonly assignMentors: ExactOptions['assignMentors'];

  readonly cuts: PartitionCut[];
  /** The static orders (orders.ts): components of the admissible-pair graph, branching order, lists best first, pin components. */
  readonly appComp: Int32Array;
  readonly nComp: number;
  /** Free applicants per component at the current node (see countFreeByComp). */
  readonly compFree: Int32Array;

  readonly order: number[];
  readonly partners: number[][];
  readonly mlist: number[][];
  readonly byMentor: number[][];
  readonly compOf: Int32Array;
  readonly comps: number[][];

  /** Whether the group columns exist (and with them the dual bound): see exactSearchFits. */
  readonly useColumns: boolean;
  /** Above this many columns a node's LP is solved by column generation (root-lp.ts; default there). */
  readonly pricedLpColumns: number | undefined;
  readonly gMembers: number[][];
  readonly gPs: number[];
  readonly gMentors: Int32Array[];
  readonly gMentorVal: Float64Array[];
  readonly gReq: number[];
  readonly G: number;
  /** Flat copies for the hot loops: members of group g at g·smax + t, t < gSize[g]. */
  readonly gFlat: Int32Array;
  readonly gSize: Uint8Array;
  /** The priced value of each alive group at the current dual sweep (NaN: no mentor option left). */
  readonly vg: Float64Array;
  /** True once vg cannot change any more (the deferred search below its root): sweeps reuse it. */
  groupValuesFixed: boolean;

  readonly prices: Float64Array;
  readonly mu: Float64Array;
  readonly rho: Float64Array;
  anyMu: boolean;
  anyRho: boolean;
  /** smax + 1: the stride of cutCost. */
  readonly SZ: number;
  /** Σ_c ρ_{c,K}·coef_c(size) at K·SZ + size: what the cuts' prices take from a group's value. */
  readonly cutCost: Float64Array;

  /** The dual y per depth (a child starts from its parent's). */
  readonly yStack: Float64Array[];
  /** Groups whose members are all free, per depth (a child filters its parent's list). */
  readonly aliveStack: Int32Array[];
  readonly aliveCount: Int32Array;
  /** The alive groups of each free applicant (CSR: csrList[csrStart[i] .. csrStart[i+1]]). */
  readonly csrStart: Int32Array;
  readonly csrFill: Int32Array;
  readonly csrList: Int32Array;

  readonly used: Uint8Array;
  readonly capLeft: Int32Array;
  /** Work arrays of the capacity-aware bound (see bounds.ts). */
  readonly gains: Float64Array;
  readonly restShare: Float64Array;
  /** Each free applicant's contribution without a mentor (≥ 0), filled by bound(). */
  readonly unselArr: Float64Array;
  /** Pu + half the best (smax−1) pair scores of each free applicant; −1 when it has no partner. */
  readonly shareArr: Float64Array;
  /** Each free applicant's best available mentor score, −1 if none. */
  readonly maxUArr: Float64Array;

  readonly best: { sol: Solution; shifted: number }[];
  nodes: number;
  aborted: boolean;
  /** The largest bound of a node or option left unexplored because a limit stopped the search. */
  openBound: number;
  /** The root's LP-dual bound: a global upper bound, often tighter than the open nodes'. */
  rootDual: number;
  /** The groups (with mentors) and the unplaced applicants of the current path. */
  readonly stack: Group[];
  readonly unplacedStack: number[];
  /**
   * levelUb[d]: a bound on everything still open at depth d of the current path (the option being
   * explored there; its later siblings are sorted below it). Their maximum over the path is the
   * global bound reported to opts.tick.
   */
  readonly levelUb: Float64Array;

  /** Mentor-deferred search (deferred.ts): each group's best mentor part, unpriced and under μ. */
  readonly gMb0: Float64Array;
  readonly gMbMu: Float64Array;
  /** Σ of gMb0 / gMbMu over the groups formed on the current path. */
  mb0Sum: number;
  mbMuSum: number;
  readonly groupIds: number[];

  constructor(p: Problem, opts: ExactOptions) {
    const { n, m, smax, smin } = p;
    this.p = p;
    this.n = n;
    this.m = m;
    this.smax = smax;
    this.smin = smin;
    this.Pu = p.Pu;
    this.Pm = p.Pm;
    this.w = p.w;
    this.u = p.u;
    this.adm = p.adm;
    this.madm = p.madm;
    this.k = Math.max(1, opts.k ?? 1);
    this.maxNodes = opts.maxNodes ?? DEFAULT_MAX_NODES;
    this.shift = n * p.Pu;
    this.deadline = opts.deadline;
    this.tick = opts.tick;
    this.stopRequested = opts.stopRequested;
    this.assignMentors = opts.assignMentors;

    this.cuts = partitionCuts(n, smin, smax);
    const orders = staticOrders(p);
    this.appComp = orders.appComp;
    this.nComp = orders.nComp;
    this.compFree = new Int32Array(orders.nComp);
    this.order = orders.order;
    this.partners = orders.partners;
    this.mlist = orders.mlist;
    this.byMentor = orders.byMentor;
    this.compOf = orders.compOf;
    this.comps = orders.comps;
    const nComp = orders.nComp;

    this.useColumns = this.maxNodes > 0 && exactSearchFits(p);
    this.pricedLpColumns = opts.pricedLpColumns;
    const cols = this.useColumns ? enumerateColumns(p) : { gMembers: [], gPs: [], gMentors: [], gMentorVal: [], gReq: [] };
    this.gMembers = cols.gMembers;
    this.gPs = cols.gPs;
    this.gMentors = cols.gMentors;
    this.gMentorVal = cols.gMentorVal;
    this.gReq = cols.gReq;
    const G = cols.gMembers.length;
    this.G = G;
    this.gFlat = new Int32Array(G * smax);
    this.gSize = new Uint8Array(G);
    for (let g = 0; g < G; g++) {
      this.gSize[g] = cols.gMembers[g]!.length;
      cols.gMembers[g]!.forEach((x, t) => (this.gFlat[g * smax + t] = x));
    }
    this.vg = new Float64Array(G);
    this.groupValuesFixed = false;

    this.prices = new Float64Array(m + this.cuts.length * nComp);
    this.mu = this.prices.subarray(0, m);
    this.rho = this.prices.subarray(m);
    this.anyMu = false;
    this.anyRho = false;
    this.SZ = smax + 1;
    this.cutCost = new Float64Array(nComp * this.SZ);

    this.yStack = Array.from({ length: n + 2 }, () => new Float64Array(n));
    this.aliveStack = [];
    this.aliveCount = new Int32Array(n + 2);
    this.csrStart = new Int32Array(n + 1);
    this.csrFill = new Int32Array(n);
    this.csrList = new Int32Array(Math.max(1, G * smax));

    this.used = new Uint8Array(n);
    this.capLeft = Int32Array.from(p.cap);
    this.gains = new Float64Array(n);
    this.restShare = new Float64Array(n);
    this.unselArr = new Float64Array(n);
    this.shareArr = new Float64Array(n).fill(-1);
    this.maxUArr = new Float64Array(n);

    this.best = [];
    this.nodes = 0;
    this.aborted = false;
    this.openBound = -Infinity;
    this.rootDual = Infinity;
    this.stack = [];
    this.unplacedStack = [];
    this.levelUb = new Float64Array(n + 2);

    this.gMb0 = new Float64Array(G);
    this.gMbMu = new Float64Array(G);
    this.mb0Sum = 0;
    this.mbMuSum = 0;
    this.groupIds = [];
  }
}

/** Recomputes anyMu and anyRho after the prices were set or restored. */
export function refreshPriceFlags(s: SearchState): void {
  s.anyMu = hasMentorPrices(s);
  s.anyRho = s.rho.some((v) => v > 0);
}

export function hasMentorPrices(s: SearchState): boolean {
  return s.mu.some((v) => v > 0);
}
