/**
 * Heuristic solver for instances too large to search exhaustively, and the warm start of the exact
 * search. Deterministic for a given problem and seed (no wall-clock dependence).
 *
 * 1. Greedy baseline: pin components become groups; pairs are taken in descending score order
 *    (free + free → new group, free + open group → join when admissible); leftovers join the group
 *    where they add most; groups below the minimum size are dissolved; mentors are then assigned
 *    optimally for those groups by a min-cost assignment (Hungarian method).
 * 2. Seeded start: the same greedy, but pairs inside one k-means cluster (ml-kmeans on the
 *    applicants' standardised features, k ≈ n / mean group size) come first.
 * 3. Local search from each start: relocate one applicant (between groups, into or out of the
 *    unplaced set), swap two applicants of different groups, pair two unplaced applicants; accept
 *    the first improving move; after the partition is stable, re-assign mentors optimally; repeat.
 *    It only accepts improvements, so the result is never worse than the greedy baseline.
 */
import { kmeans } from 'ml-kmeans';
import { assignMinCost } from './hungarian.js';
import type { Group, Problem, Solution } from './problem.js';
import { SOLVER_EPS, evaluate, groupValue, mentorAllowed, requiredMentor } from './problem.js';

export interface HeuristicOptions {
  seed?: number;
  /** Feature vectors per applicant for k-means seeding (e.g. standardised lat, lon, log population). */
  features?: number[][];
  /** Upper limit on local-search passes per start. */
  maxPasses?: number;
  /** Iterated-local-search kicks after the starts (default 8 up to 60 applicants, else 5). */
  kicks?: number;
  /**
   * Date.now() after which no further kick starts (the starts always run). Without it the result
   * does not depend on timing; the large-instance path, whose later steps are timed anyway, sets it.
   */
  kickDeadline?: number;
  /**
   * Called between local-search passes with the best objective so far; returning true stops the
   * heuristic, which then returns its best solution so far.
   */
  tick?: (best: number) => boolean;
}

export interface HeuristicResult {
  solution: Solution;
  greedy: Solution;
}

/** Small deterministic PRNG (mulberry32). */
export function makeRng(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BIG = 1e9;

/** Optimal mentors for fixed groups; groups that can get no admissible option are returned in `drop`. */
export function assignMentors(p: Problem, groups: number[][]): { mentors: number[]; drop: number[] } {
  const slots: number[] = [];
  for (let k = 0; k < p.m; k++) for (let c = 0; c < p.cap[k]!; c++) slots.push(k);
  const G = groups.length;
  const cols = slots.length + G;
  const cost = groups.map((members, g) => {
    const req = requiredMentor(p, members);
    const row = new Array<number>(cols).fill(BIG);
    slots.forEach((k, s) => {
      if ((req === -1 || req === k) && mentorAllowed(p, k, members)) {
        let sum = 0;
        for (const i of members) sum += p.u[k * p.n + i]!;
        row[s] = -sum;
      }
    });
    if (req === -1 && !p.mentorRequired) row[slots.length + g] = p.Pm;
    return row;
  });
  const pick = assignMinCost(cost, cols);
  const mentors: number[] = [];
  const drop: number[] = [];
  pick.forEach((c, g) => {
    if (cost[g]![c]! >= BIG) drop.push(g);
    mentors.push(c < slots.length ? slots[c]! : -1);
  });
  return { mentors, drop };
}

/** Turns member lists into a full solution with optimal mentors, dissolving groups that cannot be mentored as the rules demand. */
function finish(p: Problem, memberLists: number[][]): Solution {
  let lists = memberLists.filter((g) => g.length > 0);
  const placed = new Set<number>();
  for (;;) {
    const { mentors, drop } = assignMentors(p, lists);
    if (drop.length === 0) {
      const groups: Group[] = lists.map((members, g) => ({ members: [...members].sort((a, b) => a - b), mentor: mentors[g]! }));
      for (const g of groups) for (const i of g.members) placed.add(i);
      const unplaced = Array.from({ length: p.n }, (_, i) => i).filter((i) => !placed.has(i));
      return { groups, unplaced, objective: evaluate(p, groups, unplaced.length) };
    }
    // Drop the group with the least pair value among those that cannot be served.
    let worst = drop[0]!;
    for (const g of drop) if (groupValue(p, lists[g]!, -1) < groupValue(p, lists[worst]!, -1)) worst = g;
    lists = lists.filter((_, g) => g !== worst);
  }
}

function admissibleWith(p: Problem, i: number, members: number[]): boolean {
  for (const j of members) if (!p.adm[i * p.n + j]) return false;
  return true;
}

/** Greedy partition; `priority` orders pairs (higher first), ties by score then index. */
function greedyGroups(p: Problem, priority: (i: number, j: number) => number): number[][] {
  const { n, w, adm, smax, smin } = p;
  const groupOf = new Int32Array(n).fill(-1);
  const groups: number[][] = [];
  const pinned = (i: number) => p.pinPartners[i]!.length > 0;
  for (let i = 0; i < n; i++) {
    if (groupOf[i]! >= 0 || !pinned(i)) continue;
    const members = [i, ...p.pinPartners[i]!].sort((a, b) => a - b);
    for (const j of members) groupOf[j] = groups.length;
    groups.push(members);
  }
  const pairs: [number, number, number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (adm[i * n + j]) pairs.push([priority(i, j), w[i * n + j]!, i, j]);
  pairs.sort((a, b) => b[0] - a[0] || b[1] - a[1] || a[2] - b[2] || a[3] - b[3]);
  for (const [, , i, j] of pairs) {
    const gi = groupOf[i]!;
    const gj = groupOf[j]!;
    if (gi < 0 && gj < 0 && !pinned(i) && !pinned(j)) {
      groupOf[i] = groupOf[j] = groups.length;
      groups.push([i, j]);
    } else if (gi < 0 && gj >= 0 && !pinned(i) && groups[gj]!.length < smax && admissibleWith(p, i, groups[gj]!)) {
      groupOf[i] = gj;
      groups[gj]!.push(i);
    } else if (gj < 0 && gi >= 0 && !pinned(j) && groups[gi]!.length < smax && admissibleWith(p, j, groups[gi]!)) {
      groupOf[j] = gi;
      groups[gi]!.push(j);
    }
  }
  // Groups below the minimum size (possible when smin ≥ 3) give their members back.
  for (let g = 0; g < groups.length; g++)
    if (groups[g]!.length < smin && !groups[g]!.some(pinned)) {
      for (const i of groups[g]!) groupOf[i] = -1;
      groups[g] = [];
    }
  for (let i = 0; i < n; i++) {
    if (groupOf[i]! >= 0 || pinned(i)) continue;
    let bestG = -1;
    let bestV = -Infinity;
    groups.forEach((members, g) => {
      if (members.length === 0 || members.length >= smax || !admissibleWith(p, i, members)) return;
      let v = 0;
      for (const j of members) v += w[i * n + j]!;
      if (v > bestV) {
        bestV = v;
        bestG = g;
      }
    });
    if (bestG >= 0) {
      groupOf[i] = bestG;
      groups[bestG]!.push(i);
    }
  }
  return groups.filter((g) => g.length >= smin || g.some(pinned));
}

/** Improves a solution by moves and swaps; never returns a worse one. */
export function improve(p: Problem, start: Solution, seed: number, maxPasses = 50, tick?: (best: number) => boolean): Solution {
  const { n, w, u, Pu, Pm, smin, smax } = p;
  const rng = makeRng(seed);
  let best = start;
  for (let round = 0; round < maxPasses; round++) {
    if (tick?.(best.objective)) break;
    const groups = best.groups.map((g) => ({ members: [...g.members], mentor: g.mentor }));
    const groupOf = new Int32Array(n).fill(-1);
    groups.forEach((g, gi) => g.members.forEach((i) => (groupOf[i] = gi)));
    const pinned = (i: number) => p.pinPartners[i]!.length > 0 || p.pinMentor[i]! >= 0;
    const order = Array.from({ length: n }, (_, i) => i);
    for (let x = n - 1; x > 0; x--) {
      const y = Math.floor(rng() * (x + 1));
      [order[x], order[y]] = [order[y]!, order[x]!];
    }
    const contrib = (i: number, members: number[], mentor: number): number => {
      let v = mentor >= 0 ? u[mentor * n + i]! : 0;
      for (const j of members) if (j !== i) v += w[i * n + j]!;
      return v;
    };
    const okWith = (i: number, members: number[], mentor: number, skip = -1): boolean => {
      if (mentor >= 0 && !p.madm[mentor * n + i]) return false;
      for (const j of members) if (j !== skip && j !== i && !p.adm[i * n + j]) return false;
      return true;
    };
    let improved = true;
    let passes = 0;
    while (improved && passes < 200) {
      improved = false;
      passes++;
      for (const i of order) {
        if (pinned(i)) continue;
        const ga = groupOf[i]!;
        const A = ga >= 0 ? groups[ga]! : null;
        // Loss from leaving the current place.
        // Relocating is possible when A keeps its minimum size; swaps handle the other case.
        const canLeave = !A || A.members.length - 1 >= smin;
        const leave = A ? -contrib(i, A.members, A.mentor) - Pu : 0;
        // Relocate into another group, or out to unplaced.
        let bestDelta = SOLVER_EPS;
        let bestTarget = -2;
        if (A && canLeave && leave > bestDelta) {
          bestDelta = leave;
          bestTarget = -1;
        }
        for (let gb = 0; gb < groups.length && canLeave; gb++) {
          if (gb === ga) continue;
          const B = groups[gb]!;
          if (B.members.length === 0 || B.members.length >= smax || !okWith(i, B.members, B.mentor)) continue;
          const d = leave + contrib(i, B.members, B.mentor) + Pu;
          if (d > bestDelta) {
            bestDelta = d;
            bestTarget = gb;
          }
        }
        if (bestTarget >= 0 || bestTarget === -1) {
          if (A) A.members.splice(A.members.indexOf(i), 1);
          if (bestTarget >= 0) {
            groups[bestTarget]!.members.push(i);
            groupOf[i] = bestTarget;
          } else groupOf[i] = -1;
          improved = true;
          continue;
        }
        // Swap with a member of another group.
        if (A) {
          let done = false;
          for (let gb = 0; gb < groups.length && !done; gb++) {
            if (gb === ga) continue;
            const B = groups[gb]!;
            for (const j of B.members) {
              if (pinned(j)) continue;
              if (!okWith(j, A.members, A.mentor, i) || !okWith(i, B.members, B.mentor, j)) continue;
              const before = contrib(i, A.members, A.mentor) + contrib(j, B.members, B.mentor);
              const after =
                contrib(j, A.members.filter((x) => x !== i), A.mentor) + contrib(i, B.members.filter((x) => x !== j), B.mentor);
              if (after - before > SOLVER_EPS) {
                A.members[A.members.indexOf(i)] = j;
                B.members[B.members.indexOf(j)] = i;
                groupOf[i] = gb;
                groupOf[j] = ga;
                improved = true;
                done = true;
                break;
              }
            }
          }
        } else if (smin <= 2) {
          // Pair two unplaced applicants into a new, unmentored group.
          for (const j of order) {
            if (j === i || groupOf[j]! >= 0 || pinned(j) || !p.adm[i * n + j] || p.mentorRequired) continue;
            if (w[i * n + j]! - Pm + 2 * Pu > SOLVER_EPS) {
              groupOf[i] = groupOf[j] = groups.length;
              groups.push({ members: [i, j], mentor: -1 });
              improved = true;
              break;
            }
          }
        }
      }
    }
    // Dissolve a group: send each member to the group (with room) where it adds most.
    for (let ga = 0; ga < groups.length; ga++) {
      const A = groups[ga]!;
      if (A.members.length === 0 || A.members.some(pinned)) continue;
      const groupVal = (() => {
        let v = A.mentor >= 0 ? 0 : -Pm;
        for (let x = 0; x < A.members.length; x++) {
          const i = A.members[x]!;
          if (A.mentor >= 0) v += u[A.mentor * n + i]!;
          for (let y = x + 1; y < A.members.length; y++) v += w[i * n + A.members[y]!]!;
        }
        return v;
      })();
      const room = groups.map((g) => smax - g.members.length);
      const moves: [number, number][] = [];
      let gain = 0;
      for (const i of A.members) {
        let bestG = -1;
        let bestV = -Infinity;
        for (let gb = 0; gb < groups.length; gb++) {
          if (gb === ga || room[gb]! <= 0 || groups[gb]!.members.length === 0 || !okWith(i, groups[gb]!.members, groups[gb]!.mentor)) continue;
          const v = contrib(i, groups[gb]!.members, groups[gb]!.mentor);
          if (v > bestV) {
            bestV = v;
            bestG = gb;
          }
        }
        if (bestG < 0) break;
        room[bestG]!--;
        moves.push([i, bestG]);
        gain += bestV;
      }
      if (moves.length === A.members.length && gain - groupVal > SOLVER_EPS) {
        // Apply, then check exactly (two members may land in one group) and undo if not better.
        const touched = [...new Set(moves.map((mv) => mv[1]))];
        const before = touched.map((gb) => [...groups[gb]!.members]);
        const valueOf = (gb: number) => {
          const g = groups[gb]!;
          return g.members.length ? groupValue(p, g.members, g.mentor) : 0;
        };
        const oldVal = touched.reduce((acc, gb) => acc + valueOf(gb), 0) + groupVal;
        for (const [i, gb] of moves) groups[gb]!.members.push(i);
        const valid = touched.every((gb) => {
          const g = groups[gb]!;
          for (let x = 0; x < g.members.length; x++)
            for (let y = x + 1; y < g.members.length; y++) if (!p.adm[g.members[x]! * n + g.members[y]!]) return false;
          return true;
        });
        const newVal = touched.reduce((acc, gb) => acc + valueOf(gb), 0);
        if (valid && newVal - oldVal > SOLVER_EPS) A.members = [];
        else touched.forEach((gb, x) => (groups[gb]!.members = before[x]!));
      }
    }
    // Form a new pair from members taken out of two triples (or larger groups).
    if (smin <= 2 && !p.mentorRequired) {
      outer: for (let ga = 0; ga < groups.length; ga++) {
        const A = groups[ga]!;
        if (A.members.length - 1 < smin) continue;
        for (let gb = ga + 1; gb < groups.length; gb++) {
          const B = groups[gb]!;
          if (B.members.length - 1 < smin) continue;
          for (const i of A.members) {
            if (pinned(i)) continue;
            for (const j of B.members) {
              if (pinned(j) || !p.adm[i * n + j]) continue;
              const d = w[i * n + j]! - Pm - contrib(i, A.members, A.mentor) - contrib(j, B.members, B.mentor);
              if (d > SOLVER_EPS) {
                A.members.splice(A.members.indexOf(i), 1);
                B.members.splice(B.members.indexOf(j), 1);
                groups.push({ members: [i, j], mentor: -1 });
                break outer;
              }
            }
          }
        }
      }
    }
    const next = finish(p, groups.map((g) => g.members));
    if (next.objective > best.objective + SOLVER_EPS) best = next;
    else break;
  }
  return best;
}

export function greedySolution(p: Problem): Solution {
  return finish(p, greedyGroups(p, () => 0));
}

export function solveHeuristic(p: Problem, opts: HeuristicOptions = {}): HeuristicResult {
  const seed = opts.seed ?? 1;
  const greedy = greedySolution(p);
  const tick = opts.tick;
  let best = improve(p, greedy, seed, opts.maxPasses, tick);
  const stopped = () => tick !== undefined && tick(best.objective);
  const meanSize = (p.smin + p.smax) / 2;
  const kClusters = Math.floor(p.n / meanSize);
  if (opts.features && opts.features.length === p.n && kClusters >= 2 && !stopped()) {
    const clusters = kmeans(opts.features, kClusters, { seed, initialization: 'kmeans++', maxIterations: 100 }).clusters;
    const seeded = finish(p, greedyGroups(p, (i, j) => (clusters[i] === clusters[j] ? 1 : 0)));
    const improvedSeeded = improve(p, seeded, seed + 1, opts.maxPasses, tick);
    if (improvedSeeded.objective > best.objective + SOLVER_EPS) best = improvedSeeded;
  }
  // Iterated local search: kick the best solution (swap members of random group pairs), improve,
  // keep if better. A fixed number of kicks keeps the result independent of timing (unless a
  // kick deadline is given).
  const kicks = opts.kicks ?? (p.n <= 60 ? 8 : 5);
  const rng = makeRng(seed + 7);
  for (let t = 0; t < kicks && !stopped() && !(opts.kickDeadline !== undefined && Date.now() > opts.kickDeadline); t++) {
    const kicked = kick(p, best, rng);
    if (!kicked) break;
    const cand = improve(p, kicked, seed + 11 + t, opts.maxPasses, tick);
    if (cand.objective > best.objective + SOLVER_EPS) best = cand;
  }
  return { solution: best, greedy };
}

/** A perturbed copy of a solution: a few admissible swaps between random groups (pins untouched). */
function kick(p: Problem, s: Solution, rng: () => number): Solution | null {
  const groups = s.groups.map((g) => g.members.slice());
  if (groups.length < 2) return null;
  const free = (i: number) => p.pinPartners[i]!.length === 0 && p.pinMentor[i]! < 0;
  const swaps = 1 + Math.floor(rng() * 3);
  for (let x = 0; x < swaps; x++) {
    const a = Math.floor(rng() * groups.length);
    let b = Math.floor(rng() * (groups.length - 1));
    if (b >= a) b++;
    const A = groups[a]!;
    const B = groups[b]!;
    const i = A[Math.floor(rng() * A.length)]!;
    const j = B[Math.floor(rng() * B.length)]!;
    if (!free(i) || !free(j)) continue;
    const okA = A.every((y) => y === i || p.adm[j * p.n + y]);
    const okB = B.every((y) => y === j || p.adm[i * p.n + y]);
    if (!okA || !okB) continue;
    A[A.indexOf(i)] = j;
    B[B.indexOf(j)] = i;
  }
  const next = finish(p, groups.map((g) => g.slice()));
  // finish() may dissolve groups for the mentor rule; keep the unplaced applicants unplaced.
  return next;
}
