/**
 * An assignment of a component's members to rounds 1…R and what it is worth: who joins and which
 * mentors exist in each round, whether the counts are a valid cascade, and the value of its rounds
 * solved by the engine (quick for comparing, exact for reporting).
 *
 * Invariants: round r's mentors are the round-1 mentors (r = 1) or the persistent mentors and the
 * members that joined before r; `countsFeasible` holds iff every round's joins can form groups with
 * those mentors (cascade.ts `canJoin`) and, with the other components' joins, stay within maxNew.
 */
import type { CascadeParams } from './cascade.js';
import { canJoin } from './cascade.js';
import type { Component } from './components.js';
import type { RoundSolver } from './round-solver.js';

export interface Context {
  comp: Component;
  p: CascadeParams;
  R: number;
  /** Joins per round of all other components (for the per-round limit). */
  others: number[];
  solver: RoundSolver;
}

/** Members joining and mentors available in round r (1-based) of an assignment. */
export function roundSets(comp: Component, rounds: number[], r: number): { joins: string[]; mentors: string[] } {
  const joins: string[] = [];
  const earlier: string[] = [];
  comp.members.forEach((id, i) => {
    if (rounds[i] === r) joins.push(id);
    else if (rounds[i]! < r) earlier.push(id);
  });
  return { joins, mentors: r === 1 ? comp.firstMentors : [...comp.persistent, ...earlier] };
}

export function countsFeasible(ctx: Context, rounds: number[]): boolean {
  const x = new Array<number>(ctx.R + 1).fill(0);
  for (const r of rounds) x[r]!++;
  let cum = 0;
  for (let r = 1; r <= ctx.R; r++) {
    const mentors = r === 1 ? ctx.comp.firstMentors.length : ctx.comp.persistent.length + cum;
    if (!canJoin(x[r]!, mentors, ctx.p) || x[r]! + ctx.others[r - 1]! > ctx.p.maxNew) return false;
    cum += x[r]!;
  }
  return true;
}

export function value(ctx: Context, rounds: number[], mode: 'quick' | 'exact'): { objective: number; bound: number; proven: boolean } {
  let objective = 0;
  let bound = 0;
  let proven = true;
  for (let r = 1; r <= ctx.R; r++) {
    const { joins, mentors } = roundSets(ctx.comp, rounds, r);
    if (!joins.length) continue;
    const s = ctx.solver.solve(joins, mentors, mode);
    objective += s.objective;
    bound += s.optimality.bound;
    if (s.optimality.status !== 'proven-optimal') proven = false;
  }
  return { objective, bound, proven };
}

/** The exact value of an assignment (every round solved by the engine), or null when it is not a plan. */
export function exactValue(ctx: Context, rounds: number[]): { value: number; bound: number } | null {
  if (rounds.some((r) => r < 1 || r > ctx.R) || !countsFeasible(ctx, rounds)) return null;
  let value = 0;
  let bound = 0;
  for (let r = 1; r <= ctx.R; r++) {
    const { joins, mentors } = roundSets(ctx.comp, rounds, r);
    if (!joins.length) continue;
    const s = ctx.solver.solve(joins, mentors, 'exact');
    if (s.unplaced.length) return null;
    value += s.objective;
    bound += s.optimality.status === 'proven-optimal' ? s.objective : s.optimality.bound;
  }
  return { value, bound };
}


/**
 * The count schedule nearest (Σ |x_r − target_r|) to `target` among those the cascade allows for
 * this component (every round passes canJoin and the limit with the other components), with at
 * least `least[r−1]` joins in round r; null when none. A dynamic programme over joined-so-far.
 */
export function nearestCounts(ctx: Context, target: number[], least: number[]): number[] | null {
  const n = ctx.comp.members.length;
  const R = ctx.R;
  // cost[r][cum]: least distance over rounds r+1…R from cum joined; Infinity when they cannot finish.
  const cost = Array.from({ length: R + 1 }, () => new Float64Array(n + 1).fill(Infinity));
  const pick = Array.from({ length: R }, () => new Int32Array(n + 1).fill(-1));
  cost[R]![n] = 0;
  for (let r = R; r >= 1; r--)
    for (let cum = 0; cum <= n; cum++) {
      const mentors = r === 1 ? ctx.comp.firstMentors.length : ctx.comp.persistent.length + cum;
      for (let x = least[r - 1]!; x <= n - cum; x++) {
        if (!canJoin(x, mentors, ctx.p) || x + ctx.others[r - 1]! > ctx.p.maxNew) continue;
        const c = Math.abs(x - target[r - 1]!) + cost[r]![cum + x]!;
        if (c < cost[r - 1]![cum]!) {
          cost[r - 1]![cum] = c;
          pick[r - 1]![cum] = x;
        }
      }
    }
  if (!Number.isFinite(cost[0]![0]!)) return null;
  const out: number[] = [];
  for (let r = 1, cum = 0; r <= R; r++) {
    const x = pick[r - 1]![cum]!;
    out.push(x);
    cum += x;
  }
  return out;
}
