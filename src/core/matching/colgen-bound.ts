/**
 * An upper bound for instances above the exact search's range: the LP relaxation over all groups
 * (pairs and triples, each with its best mentor or none) solved by column generation, then made
 * dual feasible by one repairing sweep.
 *
 * LP (shifted values: each placed applicant earns Pu, so the objective is Σ v − n·Pu):
 *   max Σ v(g,k)·x(g,k)  s.t.  Σ_{g∋i} x ≤ 1 (applicant i),  Σ_g x(g,k) ≤ cap_k (mentor k),  x ≥ 0
 *   v(g,k) = Σ_{i<j∈g} w_ij + |g|·Pu + (k ? Σ_{i∈g} u_ki : −Pm)
 * Its dual: min Σ π_i + Σ cap_k·μ_k with π, μ ≥ 0 and Σ_{i∈g} π_i ≥ v(g,k) − μ_k for every column.
 *
 * - Restricted master (lp-column-generation.ts, the driver the exact search's root LP uses too):
 *   the incumbent's groups to start; each round solves the master from the last basis, prices every admissible pair and triple against its duals (a cheap
 *   over-estimate of the mentor term skips most groups) and adds, for each applicant, its most
 *   profitable column. It stops when no column prices out, at the round limit or the deadline.
 * - Above 120 applicants a round first prices only the groups of each applicant with two of its 40
 *   best partners (about 230 000 triples at 290 applicants instead of 12 million); when those run
 *   dry one full pass follows, and only a full pass that finds nothing counts as converged.
 * - A triple's mentor term is over-estimated from two of its members (their best common mentor
 *   under μ, computed once per pair) plus the third's best score: this skips most triples before
 *   the exact term's pass over every mentor. The master is solved with Devex pricing (simplex.ts).
 *   Together they took the bound at 290/100 from about 11 s to 3.7 s (alternating in one session).
 *   The repair sweep (below) uses the same filter: cut after 15–18 rounds at 290/100, the bound
 *   took 5.7 s with the repair and 3.5 s with it filtered, the same bound each time.
 * - Validity never rests on the master having converged: the final (π, μ) are repaired by a sweep
 *   that sets each π_i to the least value its groups need given the others (as in bound.ts, but
 *   with the exact best mentor under μ), which leaves every dual constraint satisfied. Converged,
 *   every reduced cost is ≤ 1e-7 already, and each π_i is raised by 1e-6 instead of the sweep. Any μ ≥ 0
 *   and the repaired π give Σ π + Σ cap·μ ≥ the LP optimum ≥ the best proposal's value.
 * - Pins and mentorRequired's stricter forms are relaxed (ignored) except that mentorRequired drops
 *   the "no mentor" option; relaxing keeps the bound valid. Groups of four or more: no bound here.
 */
import type { Problem, Solution } from './problem.js';
import { solveLpByColumnGeneration, type ColumnSink } from './lp-column-generation.js';

export interface ColumnGenerationOptions {
  /** Date.now() after which no further master is solved (the repair sweep still runs). */
  deadline?: number;
  /** Feasible solution whose groups seed the master. */
  incumbent?: Solution;
  /** Rounds of pricing at most. */
  maxRounds?: number;
  /** A stop request (control.ts) ends the rounds like the deadline does. */
  shouldStop?: () => boolean;
  /** Above this many applicants the cheap candidate passes come first (default 120; tests move it). */
  candidatePricingFrom?: number;
}

/** Above this many applicants pricing passes over each applicant's best partners come first. */
const CANDIDATE_PRICING_FROM = 120;
/** The partners per applicant those passes consider. */
const CANDIDATE_PARTNERS = 40;

/** What each dual is raised by instead of the repair after convergence (≥ the pricing tolerance 1e-7). */
const CONVERGED_SLACK = 1e-6;

export function columnGenerationBound(p: Problem, opts: ColumnGenerationOptions = {}): number {
  return runColumnGeneration(p, opts).bound;
}

/** The bound and whether the master converged (then it is the LP optimum, up to the repair). */
export function runColumnGeneration(p: Problem, opts: ColumnGenerationOptions = {}): { bound: number; converged: boolean } {
  const { n, m, w, adm, u, madm, smin, smax, Pu, Pm } = p;
  if (smax > 3 || n === 0) return { bound: Infinity, converged: false };
  const partners: Int32Array[] = Array.from({ length: n }, (_, i) => {
    const list: number[] = [];
    for (let j = i + 1; j < n; j++) if (adm[i * n + j]) list.push(j);
    return Int32Array.from(list);
  });
  const maxU = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 0; k < m; k++) if (p.cap[k]! > 0 && madm[k * n + i] && u[k * n + i]! > best) best = u[k * n + i]!;
    maxU[i] = best;
  }
  const noneValue = p.mentorRequired ? -Infinity : -Pm;
  // Each applicant's best pair score and the best mentor score of anyone: a triple's over-estimate
  // from its first two members (forEachGroup skips whole pairs with it).
  const maxW = new Float64Array(n).fill(-Infinity);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (j !== i && adm[i * n + j] && w[i * n + j]! > maxW[i]!) maxW[i] = w[i * n + j]!;
  let maxUAll = 0;
  for (let i = 0; i < n; i++) if (maxU[i]! > maxUAll) maxUAll = maxU[i]!;

  /** Best mentor option of a group under prices μ: [value of the mentor term, mentor or −1]. */
  const mentorTerm = (g: number[], mu: Float64Array): [number, number] => {
    let best = noneValue;
    let who = -1;
    for (let k = 0; k < m; k++) {
      if (p.cap[k]! <= 0) continue;
      let s = -mu[k]!;
      let ok = true;
      for (const i of g) {
        if (!madm[k * n + i]) {
          ok = false;
          break;
        }
        s += u[k * n + i]!;
      }
      if (ok && s > best) {
        best = s;
        who = k;
      }
    }
    return [best, who];
  };
  const pairValue = (g: number[]): number => {
    let s = g.length * Pu;
    for (let a = 0; a < g.length; a++) for (let b = a + 1; b < g.length; b++) s += w[g[a]! * n + g[b]!]!;
    return s;
  };

  const g2 = [0, 0];
  const g3 = [0, 0, 0];
  /** Visits pair {i, j} (base: its value less its members' duals, mentor term aside) if it can beat the floor. */
  const visitPair = (i: number, j: number, base: number, mu: Float64Array, floor: (g: number[]) => number, visit: (g: number[], rc: number, mentor: number) => void) => {
    g2[0] = i;
    g2[1] = j;
    if (base + Math.max(maxU[i]! + maxU[j]!, noneValue) <= floor(g2)) return;
    const [t, k] = mentorTerm(g2, mu);
    if (t > -Infinity) visit(g2, base + t, k);
  };
  /**
   * Over-estimate of a triple's mentor term from two of its members i, j: the best mentor of the
   * pair under μ plus the third member's best mentor score (the same mentor must take all three).
   */
  const pairMentorBound = (i: number, j: number, mu: Float64Array): number => {
    let best = noneValue;
    for (let k = 0; k < m; k++) {
      if (p.cap[k]! <= 0 || !madm[k * n + i] || !madm[k * n + j]) continue;
      const s = u[k * n + i]! + u[k * n + j]! - mu[k]!;
      if (s > best) best = s;
    }
    return best;
  };
  /** The same for triple {a, b, c} (in index order); `pm` is pairMentorBound of two of them, `third` the other. */
  const visitTriple = (a: number, b: number, c: number, base: number, pm: number, third: number, mu: Float64Array, floor: (g: number[]) => number, visit: (g: number[], rc: number, mentor: number) => void) => {
    const over = base + Math.max(Math.min(pm + maxU[third]!, maxU[a]! + maxU[b]! + maxU[c]!), noneValue);
    if (over <= 1e-7) return; // below every floor
    g3[0] = a;
    g3[1] = b;
    g3[2] = c;
    if (over <= floor(g3)) return;
    const [t, k] = mentorTerm(g3, mu);
    if (t > -Infinity) visit(g3, base + t, k);
  };

  /**
   * Visits every admissible group g (sizes smin..smax ≤ 3) whose cheap over-estimate of
   * value − Σ_{i∈g} y_i exceeds `floor(g)`, with the exact value under μ.
   */
  const forEachGroup = (y: Float64Array, mu: Float64Array, floor: (g: number[]) => number, visit: (g: number[], rc: number, mentor: number) => void, pool: 'all' | 'candidates') => {
    let minY = Infinity;
    for (let i = 0; i < n; i++) if (y[i]! < minY) minY = y[i]!;
    if (pool === 'candidates') {
      forEachCandidateGroup(y, mu, floor, visit);
      return;
    }
    for (let i = 0; i < n; i++) {
      const pi = partners[i]!;
      for (let a = 0; a < pi.length; a++) {
        const j = pi[a]!;
        const base2 = w[i * n + j]! + 2 * Pu - y[i]! - y[j]!;
        if (smin <= 2) visitPair(i, j, base2, mu, floor, visit);
        if (smax < 3) continue;
        // No third member can lift this pair's triples above 1e-7 (the least any floor is): skip them.
        if (base2 + maxW[i]! + maxW[j]! + Pu - minY + Math.max(maxU[i]! + maxU[j]! + maxUAll, noneValue) <= 1e-7) continue;
        const pm = pairMentorBound(i, j, mu);
        const pj = partners[j]!;
        for (let b = 0; b < pj.length; b++) {
          const l = pj[b]!;
          if (!adm[i * n + l]) continue;
          visitTriple(i, j, l, base2 + w[i * n + l]! + w[j * n + l]! + Pu - y[l]!, pm, l, mu, floor, visit);
        }
      }
    }
  };

  // Each applicant's best partners by pair score: the pool of the cheap pricing passes.
  const candidates: Int32Array[] = Array.from({ length: n }, (_, i) => {
    const list: number[] = [];
    for (let j = 0; j < n; j++) if (j !== i && adm[i * n + j]) list.push(j);
    list.sort((a, b) => w[i * n + b]! - w[i * n + a]! || a - b);
    return Int32Array.from(list.slice(0, CANDIDATE_PARTNERS));
  });
  /** Pairs of an applicant and one of its candidates, and triples of it and two of them (sorted members). */
  const forEachCandidateGroup = (y: Float64Array, mu: Float64Array, floor: (g: number[]) => number, visit: (g: number[], rc: number, mentor: number) => void) => {
    for (let i = 0; i < n; i++) {
      const ci = candidates[i]!;
      for (let a = 0; a < ci.length; a++) {
        const j = ci[a]!;
        const base2 = w[i * n + j]! + 2 * Pu - y[i]! - y[j]!;
        if (smin <= 2 && i < j) visitPair(i, j, base2, mu, floor, visit);
        if (smax < 3) continue;
        let pm = NaN; // computed for the first triple of the pair that needs it
        for (let b = a + 1; b < ci.length; b++) {
          const l = ci[b]!;
          if (!adm[j * n + l]) continue;
          const base3 = base2 + w[i * n + l]! + w[j * n + l]! + Pu - y[l]!;
          if (base3 + Math.max(maxU[i]! + maxU[j]! + maxU[l]!, noneValue) <= 1e-7) continue;
          if (Number.isNaN(pm)) pm = pairMentorBound(i, j, mu);
          // Members in index order, as the full pass lists them (one column key per group).
          const lo = i < j ? i : j;
          const hi = i < j ? j : i;
          if (l < lo) visitTriple(l, lo, hi, base3, pm, l, mu, floor, visit);
          else if (l < hi) visitTriple(lo, l, hi, base3, pm, l, mu, floor, visit);
          else visitTriple(lo, hi, l, base3, pm, l, mu, floor, visit);
        }
      }
    }
  };

  // The master's columns, once each (by members and mentor), handed to the column generation.
  const seen = new Set<string>();
  const rowsOf: number[] = [];
  const ones = [1, 1, 1, 1]; // every coefficient is 1 (at most three members and a mentor)
  const addColumn = (add: ColumnSink, members: number[], mentor: number): boolean => {
    const key = `${members.join(',')}/${mentor}`;
    if (seen.has(key)) return false;
    seen.add(key);
    let value = pairValue(members);
    if (mentor >= 0) for (const i of members) value += u[mentor * n + i]!;
    else value += noneValue;
    if (value === -Infinity) return false;
    rowsOf.length = 0;
    rowsOf.push(...members);
    if (mentor >= 0) rowsOf.push(n + mentor);
    add(rowsOf, ones, value);
    return true;
  };
  const seed = (add: ColumnSink) => {
    for (const g of opts.incumbent?.groups ?? []) {
      if (g.members.length >= smin && g.members.length <= smax) addColumn(add, [...g.members].sort((a, b) => a - b), g.mentor);
    }
  };

  // Large instances price their candidates' groups first, and every group only when those run dry
  // (only a full pass that finds nothing shows convergence).
  const cheapPasses = n > (opts.candidatePricingFrom ?? CANDIDATE_PRICING_FROM);
  /** Adds, for each applicant, the column with the largest reduced cost that contains it. */
  const price = (pi: Float64Array, add: ColumnSink): number => {
    const y = Float64Array.from(pi.subarray(0, n), (v) => Math.max(0, v));
    const mu = Float64Array.from(pi.subarray(n, n + m), (v) => Math.max(0, v));
    for (const pool of cheapPasses ? (['candidates', 'all'] as const) : (['all'] as const)) {
      const bestRc = new Float64Array(n).fill(1e-7);
      const bestCol: ({ members: number[]; mentor: number } | null)[] = new Array(n).fill(null);
      // A group matters only if it beats the best column found so far for one of its members.
      const floor = (g: number[]): number => {
        let f = Infinity;
        for (const i of g) if (bestRc[i]! < f) f = bestRc[i]!;
        return f;
      };
      forEachGroup(y, mu, floor, (g, rc, k) => {
        for (const i of g) {
          if (rc > bestRc[i]!) {
            bestRc[i] = rc;
            bestCol[i] = { members: [...g], mentor: k };
          }
        }
      }, pool);
      let added = 0;
      for (const c of bestCol) if (c && addColumn(add, c.members, c.mentor)) added++;
      if (added > 0) return added;
    }
    return 0;
  };
  const rhs = new Float64Array(n + m);
  for (let i = 0; i < n; i++) rhs[i] = 1;
  for (let k = 0; k < m; k++) rhs[n + k] = Math.max(0, p.cap[k]!);
  const run = solveLpByColumnGeneration({ rows: n + m, rhs }, seed, price, { deadline: opts.deadline, shouldStop: opts.shouldStop, maxRounds: opts.maxRounds ?? 200 });
  const converged = run.converged;
  const y = run.pi ? Float64Array.from(run.pi.subarray(0, n), (v) => Math.max(0, v)) : new Float64Array(n);
  const mu = run.pi ? Float64Array.from(run.pi.subarray(n, n + m), (v) => Math.max(0, v)) : new Float64Array(m);

  // Repair: each π_i in turn becomes the least value its groups need given the others' current
  // values (never below 0). A group's constraint holds once its last member has been set, and no
  // member changes after that, so every constraint holds at the end. When the master converged the
  // last pricing pass saw every group with reduced cost ≤ 1e-7: raising each π_i by CONVERGED_SLACK
  // covers that, and saves a pass over every group (2.6 s of 20 at 290 applicants).
  let total = 0;
  if (converged) total += n * CONVERGED_SLACK;
  else for (let i = 0; i < n; i++) y[i] = leastDual(i);
  for (let i = 0; i < n; i++) total += y[i]!;
  for (let k = 0; k < m; k++) total += p.cap[k]! * mu[k]!;
  return { bound: total - n * Pu, converged };

  /** max(0, max over admissible groups g ∋ i of v(g) under μ − Σ_{x∈g, x≠i} y_x). */
  function leastDual(i: number): number {
    let best = 0;
    const nbrs: number[] = [];
    for (let j = 0; j < n; j++) if (j !== i && adm[i * n + j]) nbrs.push(j);
    const g2 = [0, 0];
    const g3 = [0, 0, 0];
    for (let a = 0; a < nbrs.length; a++) {
      const j = nbrs[a]!;
      const w2 = w[i * n + j]! + 2 * Pu - y[j]!;
      if (smin <= 2 && w2 + Math.max(maxU[i]! + maxU[j]!, noneValue) > best) {
        g2[0] = i;
        g2[1] = j;
        const [t] = mentorTerm(g2, mu);
        if (w2 + t > best) best = w2 + t;
      }
      if (smax < 3) continue;
      let pm = NaN; // pairMentorBound(i, j), computed for the first triple that needs it
      for (let b = a + 1; b < nbrs.length; b++) {
        const l = nbrs[b]!;
        if (!adm[j * n + l]) continue;
        const w3 = w2 + w[i * n + l]! + w[j * n + l]! + Pu - y[l]!;
        if (w3 + Math.max(maxU[i]! + maxU[j]! + maxU[l]!, noneValue) <= best) continue;
        if (Number.isNaN(pm)) pm = pairMentorBound(i, j, mu);
        if (w3 + Math.max(pm + maxU[l]!, noneValue) <= best) continue;
        g3[0] = i;
        g3[1] = j;
        g3[2] = l;
        const [t] = mentorTerm(g3, mu);
        if (w3 + t > best) best = w3 + t;
      }
    }
    return best;
  }
}
