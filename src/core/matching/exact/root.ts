/**
 * The root of the exact search: a feasible start for the dual y, the Lagrangian prices of mentor
 * capacity (μ) and, where they pay off, the optimal duals of the LP relaxation with the partition
 * cuts (y, μ and the cuts' prices ρ). Also the re-pricing of μ just below the root.
 *
 * Why: the one-sweep dual alone stayed 2–3 % above the plain LP on 20/6, and the plain LP 9 %
 * above the optimum on 22/7; the LP with cuts closes both (root-lp.ts). Below 5 000 groups the LP
 * is solved only when mentor capacity binds (μ > 0 after tuning) or a cut is not implied (the
 * applicants do not split evenly into groups of the largest size); otherwise the sweep is close to
 * it. From 5 000 groups (about 35 applicants) the LP comes first and the tuning only when the LP
 * was cut short: there the tuning's many sweeps cost more than the LP (0.8 s of 3 s at 60/25).
 *
 * Invariants: any μ, ρ ≥ 0 and any y give a valid bound once dualBound has swept y, so the tuning
 * may stop early (a stop request) and the LP's accuracy only affects how tight the bound is, never
 * its validity. The LP's duals are kept only when they lower the bound; otherwise y and the prices
 * are restored.
 */
import { dualBound } from './bounds.js';
import { activeCuts } from './cuts.js';
import { lpDuals } from './root-lp.js';
import type { SearchState } from './state.js';
import { hasMentorPrices } from './state.js';

/** From this many groups the root solves its LP before (instead of) tuning mentor prices. */
const LP_FIRST_GROUPS = 5000;

/** Root start of the dual (the per-applicant shares, feasible) and the mentor prices μ. */
export function initRoot(s: SearchState, y: Float64Array): void {
  const { p, n, m, smax, Pm, u, G, used, unselArr, maxUArr, shareArr, mlist, mu, stopRequested } = s;
  for (let x = 0; x < n; x++) {
    if (used[x]) continue;
    const free = p.pinPartners[x]!.length === 0 && p.pinMentor[x]! < 0;
    y[x] = unselArr[x]! + Math.max(0, maxUArr[x]! + Pm / smax) + (free ? 0 : 1e6);
  }
  // With many groups the LP's optimal duals are worth their cost whatever binds, and they are at
  // least as good as any tuned prices: solve it first and tune only when it gave nothing (cut short).
  if (G >= LP_FIRST_GROUPS && m > 0 && !(stopRequested !== undefined && stopRequested())) {
    const plain = dualBound(s, y, 0);
    if (lpDuals(s, y, 0, plain) < plain - 1e-9) return;
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
      return dualBound(s, y, 0);
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
        s.anyMu = true;
        const d = evalMu();
        if (d < bestD - 1e-12) bestD = d;
        else {
          for (let kk = 0; kk < m; kk++) if (p.cap[kk]! > 0) mu[kk]! -= step;
          break;
        }
      }
    }
    s.anyMu = hasMentorPrices(s);
    for (const step of [0.8, 0.4, 0.2, 0.1, 0.05]) {
      for (let kk = 0; kk < m; kk++) {
        if (p.cap[kk]! <= 0 || halt()) continue;
        mu[kk]! += step;
        s.anyMu = true;
        const d = evalMu();
        if (d < bestD - 1e-12) bestD = d;
        else mu[kk]! -= step;
        s.anyMu = hasMentorPrices(s);
      }
    }
    evalMu();
  }
  // The LP pays off when capacity binds (priced above) or when a cut is not implied (the
  // applicants do not split evenly into largest groups); otherwise the sweep is close to it.
  if (G > 0 && (s.anyMu || activeCuts(s).length > 0) && !(stopRequested !== undefined && stopRequested())) lpDuals(s, y, 0, dualBound(s, y, 0));
}

/**
 * Near the root, re-prices the mentors still free with a common shift (the ones used on the path
 * changed the competition) and returns the node's dual bound under the prices kept. The caller
 * saves the prices before and restores them when the node is done.
 */
export function retuneMentorPrices(s: SearchState, y: Float64Array, depth: number, D: number): number {
  const { m, mu, capLeft } = s;
  const base = Float64Array.from(y);
  for (const step of [0.4, -0.4, 0.2, -0.2]) {
    const keep = Float64Array.from(mu);
    for (let kk = 0; kk < m; kk++) if (capLeft[kk]! > 0) mu[kk] = Math.max(0, mu[kk]! + step);
    y.set(base);
    const d = dualBound(s, y, depth);
    if (d < D - 1e-12) {
      D = d;
      base.set(y);
    } else mu.set(keep);
  }
  y.set(base);
  return dualBound(s, y, depth);
}
