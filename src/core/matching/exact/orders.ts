/**
 * The static structure of a problem that the exact search reads at every node: the components of
 * the admissible-pair graph, the branching order, each applicant's partners and mentors and each
 * mentor's applicants best first, and the pin components.
 *
 * Invariants: every list is sorted with index tie-breaks, so the search is deterministic; no group
 * spans two components of the admissible-pair graph (its members are pairwise admissible), which
 * is why the partition cuts may be applied per component; a pin component always joins a group
 * whole.
 */
import type { Problem } from '../problem.js';

export interface StaticOrders {
  /** Component of each applicant in the admissible-pair graph. */
  appComp: Int32Array;
  nComp: number;
  /** Branching order: fewest admissible partners first. */
  order: number[];
  /** Each applicant's admissible partners, best pair score first. */
  partners: number[][];
  /** Each applicant's admissible mentors (only its pinned one if pinned), best score first. */
  mlist: number[][];
  /** Each mentor's admissible applicants, best score first. */
  byMentor: number[][];
  /** Pin components (members ascending, in branching order of their first member) and each applicant's component. */
  comps: number[][];
  compOf: Int32Array;
}

export function staticOrders(p: Problem): StaticOrders {
  const { n, m, w, u, adm, madm } = p;
  // County "same" splits the applicants by county; one cut over all of them would be much weaker.
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
  // Most constrained first.
  const degree = Array.from({ length: n }, (_, i) => {
    let d = 0;
    for (let j = 0; j < n; j++) if (j !== i && adm[i * n + j]) d++;
    return d;
  });
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => degree[a]! - degree[b]! || a - b);
  const partners = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => j)
      .filter((j) => j !== i && adm[i * n + j])
      .sort((a, b) => w[i * n + b]! - w[i * n + a]! || a - b),
  );
  const mlist = Array.from({ length: n }, (_, i) =>
    Array.from({ length: m }, (_, kk) => kk)
      .filter((kk) => madm[kk * n + i] && (p.pinMentor[i]! < 0 || p.pinMentor[i] === kk))
      .sort((a, b) => u[b * n + i]! - u[a * n + i]! || a - b),
  );
  const byMentor = Array.from({ length: m }, (_, kk) =>
    Array.from({ length: n }, (_, i) => i)
      .filter((i) => madm[kk * n + i])
      .sort((a, b) => u[kk * n + b]! - u[kk * n + a]! || a - b),
  );
  const compOf = new Int32Array(n).fill(-1);
  const comps: number[][] = [];
  for (const i of order) {
    if (compOf[i]! >= 0) continue;
    const c = [i, ...p.pinPartners[i]!].sort((a, b) => a - b);
    for (const j of c) compOf[j] = comps.length;
    comps.push(c);
  }
  return { appComp, nComp, order, partners, mlist, byMentor, comps, compOf };
}
