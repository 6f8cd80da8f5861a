/**
 * Exact branch and bound over applicant partitions with the mentor of each group chosen in the
 * same search. Works in "shifted" values (each placed applicant earns Pu, so leaving one out is 0),
 * which equals objective + n·Pu.
 *
 * - Branching: the first unassigned applicant in a static order (fewest admissible partners first)
 *   either stays unplaced or forms a group with later applicants (whole pin components); each group
 *   gets one of the mentors with capacity left, or none. Every partition is enumerated once (the
 *   group containing the first free applicant is chosen as a set), which breaks symmetry.
 * - Bound: each free applicant earns at most Pu + half the sum of its best (smax−1) admissible
 *   pair scores among free applicants + its best available mentor score (or −Pm/smax without one);
 *   at most (capacity left × smax) applicants can be mentored, so only the largest mentor gains count.
 * - Warm start: an incumbent (the heuristic's solution) sets the first pruning threshold.
 * - k best: keeps the k best complete solutions; the threshold is the k-th best.
 * - Limits: a node limit (deterministic) and an optional deadline; when one stops the search the
 *   result carries the best open bound, so the caller can report a gap.
 */
import type { Group, Problem, Solution } from './problem.js';
import { SOLVER_EPS, requiredMentor } from './problem.js';

export interface ExactOptions {
  /** Stop after this many search nodes (deterministic limit). */
  maxNodes?: number;
  /** Stop when Date.now() passes this time (makes the result timing-dependent). */
  deadline?: number;
  /** Keep the k best distinct solutions. */
  k?: number;
  /** Known feasible solutions to start from. */
  incumbents?: Solution[];
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

export const DEFAULT_MAX_NODES = 3_000_000;

interface Child {
  members: number[];
  mentor: number;
  val: number;
  ub: number;
}

export function solveExact(p: Problem, opts: ExactOptions = {}): ExactResult {
  const { n, m, smax, smin, Pu, Pm, w, u, adm, madm } = p;
  const k = Math.max(1, opts.k ?? 1);
  const maxNodes = opts.maxNodes ?? DEFAULT_MAX_NODES;
  const shift = n * Pu;

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
  // Pin components: the unit that joins a group.
  const compOf = new Int32Array(n).fill(-1);
  const comps: number[][] = [];
  for (const i of order) {
    if (compOf[i]! >= 0) continue;
    const c = [i, ...p.pinPartners[i]!].sort((a, b) => a - b);
    for (const j of c) compOf[j] = comps.length;
    comps.push(c);
  }

  const used = new Uint8Array(n);
  const capLeft = Int32Array.from(p.cap);
  const gains = new Float64Array(n);
  const topBuf = new Float64Array(Math.max(1, smax - 1));

  const best: { sol: Solution; shifted: number }[] = [];
  for (const s of opts.incumbents ?? []) insert(s.groups, s.unplaced, s.objective + shift);
  let nodes = 0;
  let aborted = false;
  let openBound = -Infinity;
  const stack: Group[] = [];
  const unplacedStack: number[] = [];

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

  /** Upper bound on what the free applicants can still add (shifted). */
  function bound(): number {
    let base = 0;
    let g = 0;
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      let t = 0;
      let found = 0;
      const pl = partners[i]!;
      for (let x = 0; x < pl.length && found < smax - 1; x++) {
        const j = pl[x]!;
        if (!used[j]) topBuf[found++] = w[i * n + j]!;
      }
      if (found === 0) continue; // cannot be placed: contributes 0
      for (let x = 0; x < found; x++) t += topBuf[x]!;
      const pairShare = Pu + 0.5 * t;
      let maxU = -1;
      const ml = mlist[i]!;
      for (let x = 0; x < ml.length; x++) {
        const kk = ml[x]!;
        if (capLeft[kk]! > 0) {
          maxU = u[kk * n + i]!;
          break;
        }
      }
      const canGoUnmentored = !p.mentorRequired && p.pinMentor[i]! < 0;
      const unsel = canGoUnmentored ? Math.max(0, pairShare - Pm / smax) : 0;
      const sel = maxU >= 0 ? Math.max(unsel, pairShare + maxU) : unsel;
      base += unsel;
      gains[g++] = sel - unsel;
    }
    let slots = 0;
    for (let kk = 0; kk < m; kk++) slots += capLeft[kk]!;
    slots *= smax;
    if (slots >= g) {
      for (let x = 0; x < g; x++) base += gains[x]!;
    } else if (slots > 0) {
      const arr = gains.subarray(0, g).slice().sort();
      for (let x = g - 1; x >= g - slots; x--) base += arr[x]!;
    }
    return base;
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

  function search(cur: number, nodeUb: number): void {
    nodes++;
    if (nodes > maxNodes || (opts.deadline !== undefined && (nodes & 1023) === 0 && Date.now() > opts.deadline)) {
      aborted = true;
      openBound = Math.max(openBound, nodeUb);
      return;
    }
    const i = firstFree();
    if (i < 0) {
      if (cur > threshold() + SOLVER_EPS) insert(stack, unplacedStack, cur);
      return;
    }
    const children: Child[] = [];
    const comp = comps[compOf[i]!]!;
    if (comp.length === 1 && p.pinMentor[i]! < 0) {
      used[i] = 1;
      children.push({ members: [i], mentor: -2, val: 0, ub: bound() });
      used[i] = 0;
    }
    enumerateGroups(i, (members) => {
      const req = requiredMentor(p, members);
      if (req === -2) return;
      let ps = members.length * Pu;
      for (let a = 0; a < members.length; a++) for (let b = a + 1; b < members.length; b++) ps += w[members[a]! * n + members[b]!]!;
      for (const j of members) used[j] = 1;
      const rest = bound();
      for (const j of members) used[j] = 0;
      const tryMentor = (kk: number) => {
        if (capLeft[kk]! <= 0) return;
        let s = 0;
        for (const j of members) {
          if (!madm[kk * n + j]) return;
          s += u[kk * n + j]!;
        }
        children.push({ members, mentor: kk, val: ps + s, ub: ps + s + rest });
      };
      if (req >= 0) tryMentor(req);
      else {
        for (let kk = 0; kk < m; kk++) tryMentor(kk);
        if (!p.mentorRequired) children.push({ members, mentor: -1, val: ps - Pm, ub: ps - Pm + rest });
      }
    });
    children.sort((a, b) => b.ub - a.ub || b.val - a.val);
    for (let x = 0; x < children.length; x++) {
      const c = children[x]!;
      if (cur + c.ub <= threshold() + SOLVER_EPS) break;
      if (aborted) {
        openBound = Math.max(openBound, cur + c.ub);
        continue;
      }
      for (const j of c.members) used[j] = 1;
      if (c.mentor === -2) {
        unplacedStack.push(i);
        search(cur, cur + c.ub);
        unplacedStack.pop();
      } else {
        if (c.mentor >= 0) capLeft[c.mentor]!--;
        stack.push({ members: c.members, mentor: c.mentor });
        search(cur + c.val, cur + c.ub);
        stack.pop();
        if (c.mentor >= 0) capLeft[c.mentor]!++;
      }
      for (const j of c.members) used[j] = 0;
    }
  }

  const rootUb = bound();
  search(0, rootUb);
  const top = best[0]?.shifted ?? -Infinity;
  const complete = !aborted;
  const ub = complete ? top : Math.max(top, Math.min(openBound, rootUb));
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
