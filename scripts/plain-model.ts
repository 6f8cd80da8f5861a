/**
 * The plain MILP of a proposal, built only from its published output (scores, rules, capacities,
 * penalties): every admissible pair and triple (up to the largest group size) a column, times every
 * mentor option or none; each applicant covered once, with "unplaced" as a slack at −Pu; mentor
 * capacities. Written in CPLEX LP format, which HiGHS (the optimality cross-check) and CBC (the
 * benchmark reference) both read. This is the generic model the brief says is not enough; it is
 * the yardstick, never the product.
 */
import type { Proposal } from '../src/core/matching/index.js';

/**
 * `groupCount` adds "groups + unplaced ≥ ⌈n / largest size⌉", which every partition satisfies
 * (partition-cuts.test.ts checks it by enumeration). It does not change the optimum, but without
 * it HiGHS needs minutes on 20 applicants with scarce mentors (116 s measured).
 */
export function milpFromOutput(p: Proposal, opts: { groupCount?: boolean } = {}): string {
  const ids = p.applicants.map((a) => a.id);
  const n = ids.length;
  const idx = new Map(ids.map((id, i) => [id, i]));
  const W = Array.from({ length: n }, () => new Array<number | null>(n).fill(null));
  for (const s of p.scores.applicantPairs) if (s.admissible) W[idx.get(s.a)!]![idx.get(s.b)!] = W[idx.get(s.b)!]![idx.get(s.a)!] = s.score;
  const U = p.mentors.map(() => new Array<number | null>(n).fill(null));
  const midx = new Map(p.mentors.map((m, k) => [m.id, k]));
  for (const s of p.scores.mentorApplicant) if (s.admissible) U[midx.get(s.mentor)!]![idx.get(s.applicant)!] = s.score;
  const [smin, smax] = p.rules.groupSize;
  const groups: number[][] = [];
  const rec = (start: number, cur: number[]) => {
    if (cur.length >= smin) groups.push([...cur]);
    if (cur.length >= smax) return;
    for (let j = start; j < n; j++) if (cur.every((i) => W[i]![j] !== null)) rec(j + 1, [...cur, j]);
  };
  rec(0, []);
  // A pinned pair shares a group and neither member stays unplaced (rules.pin, published with the proposal).
  const pins = p.rules.pin.map(([a, b]) => [idx.get(a)!, idx.get(b)!] as const);
  const pinned = new Set(pins.flat());
  const splitsPin = (g: number[]) => pins.some(([a, b]) => g.includes(a) !== g.includes(b));
  const obj: string[] = [];
  const all: string[] = [];
  const cover: string[][] = Array.from({ length: n }, () => []);
  const cap: string[][] = p.mentors.map(() => []);
  let c = 0;
  for (const g of groups) {
    if (splitsPin(g)) continue;
    let ps = 0;
    for (let a = 0; a < g.length; a++) for (let b = a + 1; b < g.length; b++) ps += W[g[a]!]![g[b]!]!;
    const options: [number, number][] = p.rules.mentorRequired ? [] : [[-1, ps - p.penalties.unmentoredGroup]];
    p.mentors.forEach((_, k) => {
      if (g.every((i) => U[k]![i] !== null)) options.push([k, ps + g.reduce((s, i) => s + U[k]![i]!, 0)]);
    });
    for (const [k, v] of options) {
      const x = `x${c++}`;
      all.push(x);
      obj.push(`${v >= 0 ? '+' : '-'} ${Math.abs(v)} ${x}`);
      for (const i of g) cover[i]!.push(x);
      if (k >= 0) cap[k]!.push(x);
    }
  }
  // unplaced slack u_i with value −Pu: cover_i + u_i = 1
  const lines = ['Maximize', ` obj: ${obj.join(' ')} ${ids.map((_, i) => `- ${p.penalties.unplacedApplicant} u${i}`).join(' ')}`, 'Subject To'];
  cover.forEach((r, i) => lines.push(` a${i}: ${(pinned.has(i) ? r : r.concat(`u${i}`)).join(' + ')} = 1`));
  cap.forEach((r, k) => r.length && lines.push(` m${k}: ${r.join(' + ')} <= ${p.mentors[k]!.capacity}`));
  if (opts.groupCount) lines.push(` count: ${all.concat(ids.map((_, i) => `u${i}`)).join(' + ')} >= ${Math.ceil(n / smax)}`);
  // One line per variable, pushed in a loop: hundreds of thousands of columns overflow a spread.
  lines.push('Binary');
  for (let x = 0; x < c; x++) lines.push(` x${x}`);
  for (let i = 0; i < n; i++) lines.push(` u${i}`);
  lines.push('End');
  return lines.join('\n');
}
