/**
 * An upper bound for instances too large for the search: a feasible dual of the set-partitioning
 * LP without storing its columns. For each applicant i, y_i must cover every group g ∋ i:
 * Σ_{j∈g} y_j ≥ v(g), where v(g) = Σ pair scores + |g|·Pu + max(−Pm, Σ_{j∈g} best mentor score of j)
 * (an over-estimate of the best mentor, which keeps the bound valid), and y_i ≥ 0 when i may stay
 * unplaced. One coordinate sweep sets each y_i to the least value its groups need given the
 * others, enumerating pairs and triples on the fly (O(n·d²) for d admissible partners); every
 * constraint holds afterwards, so Σ y_i bounds the shifted objective. Mentor capacity is ignored
 * here; the caller takes the minimum with the capacity-aware bound.
 */
import type { Problem } from './problem.js';

export function columnDualBound(p: Problem): number {
  const { n, m, w, adm, u, madm, smax, smin, Pu, Pm } = p;
  if (smax > 3 || n === 0) return Infinity; // groups of four: enumeration too large, no bound here
  const partners: number[][] = Array.from({ length: n }, (_, i) => {
    const list: number[] = [];
    for (let j = 0; j < n; j++) if (j !== i && adm[i * n + j]) list.push(j);
    return list;
  });
  const maxU = new Float64Array(n).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const req = p.pinMentor[i]!;
    for (let k = 0; k < m; k++) {
      if (p.cap[k]! <= 0 || !madm[k * n + i] || (req >= 0 && req !== k)) continue;
      if (u[k * n + i]! > maxU[i]!) maxU[i] = u[k * n + i]!;
    }
  }
  const mentorPart = (s: number, anyMissing: boolean, pinned: boolean): number => {
    const mentored = anyMissing ? -Infinity : s;
    const none = p.mentorRequired || pinned ? -Infinity : -Pm;
    return Math.max(mentored, none);
  };
  // Feasible start: half of the best (smax−1) pair scores plus the best mentor share; the sweep
  // only lowers values from here.
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const top = partners[i]!.map((j) => w[i * n + j]!).sort((a, b) => b - a);
    let share = Pu;
    for (let x = 0; x < smax - 1 && x < top.length; x++) share += 0.5 * top[x]!;
    const noneShare = p.mentorRequired || p.pinMentor[i]! >= 0 ? -Infinity : -Pm / smax;
    y[i] = top.length ? share + Math.max(maxU[i]!, noneShare, 0) : 0;
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const mayStayOut = p.pinPartners[i]!.length === 0 && p.pinMentor[i]! < 0;
    let need = mayStayOut ? 0 : -Infinity;
    const pl = partners[i]!;
    const pinnedI = p.pinMentor[i]! >= 0;
    for (let a = 0; a < pl.length; a++) {
      const j = pl[a]!;
      const wij = w[i * n + j]!;
      if (smin <= 2) {
        const mp = mentorPart(maxU[i]! + maxU[j]!, maxU[i] === -Infinity || maxU[j] === -Infinity, pinnedI || p.pinMentor[j]! >= 0);
        if (mp > -Infinity) {
          const v = 2 * Pu + wij + mp - y[j]!;
          if (v > need) need = v;
        }
      }
      if (smax >= 3)
        for (let b = a + 1; b < pl.length; b++) {
          const l = pl[b]!;
          if (!adm[j * n + l]) continue;
          const mp = mentorPart(
            maxU[i]! + maxU[j]! + maxU[l]!,
            maxU[i] === -Infinity || maxU[j] === -Infinity || maxU[l] === -Infinity,
            pinnedI || p.pinMentor[j]! >= 0 || p.pinMentor[l]! >= 0,
          );
          if (mp === -Infinity) continue;
          const v = 3 * Pu + wij + w[i * n + l]! + w[j * n + l]! + mp - y[j]! - y[l]!;
          if (v > need) need = v;
        }
    }
    if (need === -Infinity) need = 0; // cannot be placed at all: the caller reports infeasibility separately
    y[i] = need;
    total += need;
  }
  return total - n * Pu;
}
