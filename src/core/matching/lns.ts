/**
 * Large-neighbourhood search for instances above the exact search's range: take a region of the
 * current solution (a few neighbouring groups and nearby unplaced applicants), free it, and solve
 * the region again exactly with the branch and bound (exact.ts) against the mentor capacity the
 * rest of the solution leaves; keep the new region when it is better.
 *
 * Invariants:
 * - The objective is a sum over groups plus a per-unplaced penalty, and the only coupling between
 *   groups is mentor capacity (and pins, which never leave a group: a pin component lies in one
 *   group, so it is inside or outside the region whole). A region's sub-problem therefore has the
 *   same objective as its share of the whole, and splicing its optimum back keeps the solution
 *   feasible and never lowers the objective.
 * - Deterministic for a given problem, seed and round limit; a deadline (optional) only cuts the
 *   rounds short.
 */
import { solveExact } from './exact.js';
import { assignMentors, makeRng } from './heuristic.js';
import type { Group, Problem, Solution } from './problem.js';
import { SOLVER_EPS, evaluate } from './problem.js';

export interface NeighbourhoodOptions {
  seed?: number;
  /** Standardised feature vector per applicant (lat, lon, log population): "nearby" means close here. */
  features?: number[][];
  /** Applicants freed per region (default 18: a region solves in milliseconds). */
  regionSize?: number;
  /** Regions tried at most (default 400). */
  maxRounds?: number;
  /** Date.now() after which no new region is tried. */
  deadline?: number;
  /** Node limit of each region's search (default 20 000). */
  maxNodes?: number;
  /** A stop request (control.ts) ends the rounds like the deadline does. */
  shouldStop?: () => boolean;
}

export function improveByNeighbourhoods(p: Problem, start: Solution, opts: NeighbourhoodOptions = {}): Solution {
  const rng = makeRng((opts.seed ?? 1) + 101);
  const size = opts.regionSize ?? 18;
  const maxRounds = opts.maxRounds ?? 400;
  const point = (i: number): number[] => opts.features?.[i] ?? [];
  const distance = (a: number[], b: number[]): number => {
    let s = 0;
    for (let d = 0; d < Math.min(a.length, b.length); d++) s += (a[d]! - b[d]!) ** 2;
    return s;
  };
  let current: Solution = { groups: start.groups.map((g) => ({ members: [...g.members], mentor: g.mentor })), unplaced: [...start.unplaced], objective: start.objective };
  let failures = 0;
  for (let round = 0; round < maxRounds && current.groups.length > 1; round++) {
    if ((opts.deadline !== undefined && Date.now() > opts.deadline) || opts.shouldStop?.() === true) break;
    const centre = (g: Group): number[] => {
      const pts = g.members.map(point);
      const dims = pts[0]?.length ?? 0;
      return Array.from({ length: dims }, (_, d) => pts.reduce((s, x) => s + x[d]!, 0) / pts.length);
    };
    const seedGroup = current.groups[Math.floor(rng() * current.groups.length)]!;
    const c0 = centre(seedGroup);
    // Nearest groups first; without features, a random order.
    const order = current.groups
      .map((g, x) => ({ x, d: opts.features ? distance(centre(g), c0) : rng() }))
      .sort((a, b) => a.d - b.d);
    const chosen = new Set<number>();
    let freed = 0;
    for (const { x } of order) {
      if (freed >= size) break;
      chosen.add(x);
      freed += current.groups[x]!.members.length;
    }
    const nearUnplaced = current.unplaced
      .map((i) => ({ i, d: opts.features ? distance(point(i), c0) : rng() }))
      .sort((a, b) => a.d - b.d)
      .slice(0, 3)
      .map((e) => e.i);
    const inside = [...chosen].map((x) => current.groups[x]!);
    const better = resolveRegion(p, inside, nearUnplaced, current, opts.maxNodes ?? 20_000);
    if (!better) {
      failures++;
      // Every region around every group already optimal (as far as regions see): stop early.
      if (failures > 3 * current.groups.length) break;
      continue;
    }
    failures = 0;
    const outsideGroups = current.groups.filter((_, x) => !chosen.has(x));
    const freedUnplaced = new Set(nearUnplaced);
    const groups = [...outsideGroups, ...better.groups];
    const unplaced = [...current.unplaced.filter((i) => !freedUnplaced.has(i)), ...better.unplaced].sort((a, b) => a - b);
    current = { groups, unplaced, objective: evaluate(p, groups, unplaced.length) };
  }
  return current.objective > start.objective + SOLVER_EPS ? current : start;
}

/**
 * Solves one region exactly; returns its groups and unplaced applicants in the whole problem's
 * indices when that beats the region as it is, else null.
 */
function resolveRegion(p: Problem, groups: Group[], extraUnplaced: number[], whole: Solution, maxNodes: number): { groups: Group[]; unplaced: number[] } | null {
  const apps = [...groups.flatMap((g) => g.members), ...extraUnplaced].sort((a, b) => a - b);
  const local = new Map(apps.map((i, x) => [i, x]));
  // Mentor capacity left by the groups outside the region.
  const used = new Int32Array(p.m);
  const insideSet = new Set(groups);
  for (const g of whole.groups) if (!insideSet.has(g) && g.mentor >= 0) used[g.mentor]!++;
  const mentors: number[] = [];
  for (let k = 0; k < p.m; k++) if (p.cap[k]! - used[k]! > 0) mentors.push(k);
  const mlocal = new Map(mentors.map((k, x) => [k, x]));
  const n = apps.length;
  const m = mentors.length;
  const w = new Float64Array(n * n);
  const adm = new Uint8Array(n * n);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      w[a * n + b] = p.w[apps[a]! * p.n + apps[b]!]!;
      adm[a * n + b] = p.adm[apps[a]! * p.n + apps[b]!]!;
    }
  const u = new Float64Array(m * n);
  const madm = new Uint8Array(m * n);
  const cap = new Int32Array(m);
  mentors.forEach((k, x) => {
    cap[x] = p.cap[k]! - used[k]!;
    for (let a = 0; a < n; a++) {
      u[x * n + a] = p.u[k * p.n + apps[a]!]!;
      madm[x * n + a] = p.madm[k * p.n + apps[a]!]!;
    }
  });
  const pinMentor = new Int32Array(n).fill(-1);
  for (let a = 0; a < n; a++) {
    const k = p.pinMentor[apps[a]!]!;
    if (k >= 0) {
      const x = mlocal.get(k);
      if (x === undefined) return null; // its mentor is full outside the region: leave the region as it is
      pinMentor[a] = x;
    }
  }
  const sub: Problem = {
    n,
    m,
    smin: p.smin,
    smax: p.smax,
    w,
    adm,
    u,
    madm,
    cap,
    Pu: p.Pu,
    Pm: p.Pm,
    mentorRequired: p.mentorRequired,
    pinPartners: apps.map((i) => p.pinPartners[i]!.map((j) => local.get(j)!).filter((j) => j !== undefined)),
    pinMentor,
  };
  const toLocal = (g: Group): Group => ({ members: g.members.map((i) => local.get(i)!), mentor: g.mentor >= 0 ? (mlocal.get(g.mentor) ?? -1) : -1 });
  const currentGroups = groups.map(toLocal);
  const currentUnplaced = extraUnplaced.map((i) => local.get(i)!);
  const currentValue = evaluate(sub, currentGroups, currentUnplaced.length);
  const incumbent: Solution = { groups: currentGroups, unplaced: currentUnplaced, objective: currentValue };
  let capacity = 0;
  for (let x = 0; x < m; x++) capacity += cap[x]!;
  const r = solveExact(sub, {
    maxNodes,
    incumbents: [incumbent],
    deferMentors: capacity >= Math.ceil(n / p.smax),
    assignMentors: (lists: number[][]) => assignMentors(sub, lists),
  });
  const best = r.solutions[0];
  if (!best || best.objective <= currentValue + SOLVER_EPS) return null;
  return {
    groups: best.groups.map((g) => ({ members: g.members.map((a) => apps[a]!), mentor: g.mentor >= 0 ? mentors[g.mentor]! : -1 })),
    unplaced: best.unplaced.map((a) => apps[a]!),
  };
}
