/**
 * The columns of the set-partitioning view of a problem: every admissible, pin-closed group of
 * sizes smin..smax with its pair part and its mentor options. The dual bound prices them, the root
 * LP takes them as columns, and the mentor-deferred search branches on them.
 *
 * Invariants: groups are listed in lexicographic order of their sorted members (the enumeration
 * order), so a group's id is the same on every run; a group whose pins name two different mentors
 * is left out (no solution can contain it); each group's mentor options are sorted by their raw
 * value U_k(g) = Σ_{i∈g} u_{k,i} descending, ties by mentor index, which lets the bounds stop at
 * the first option that cannot beat the best priced value.
 */
import type { Problem } from '../problem.js';
import { requiredMentor } from '../problem.js';

export interface GroupColumns {
  /** Members of each group, ascending. */
  gMembers: number[][];
  /** Σ pair scores + |g|·Pu. */
  gPs: number[];
  /** Admissible mentors of each group, by U_k(g) descending. */
  gMentors: Int32Array[];
  /** U_k(g) for the mentors in gMentors, same order. */
  gMentorVal: Float64Array[];
  /** The mentor the group's pins require, or −1. */
  gReq: number[];
}

export function enumerateColumns(p: Problem): GroupColumns {
  const { n, m, smax, smin, Pu, w, u, adm, madm } = p;
  const gMembers: number[][] = [];
  const gPs: number[] = [];
  const gMentors: Int32Array[] = [];
  const gMentorVal: Float64Array[] = [];
  const gReq: number[] = [];
  const cur: number[] = [];
  const addGroup = () => {
    const members = [...cur];
    const set = new Set(members);
    for (const x of members) for (const y of p.pinPartners[x]!) if (!set.has(y)) return;
    const req = requiredMentor(p, members);
    if (req === -2) return;
    let ps = members.length * Pu;
    for (let a = 0; a < members.length; a++) for (let b = a + 1; b < members.length; b++) ps += w[members[a]! * n + members[b]!]!;
    const opts: [number, number][] = [];
    for (let kk = 0; kk < m; kk++) {
      if (req >= 0 && kk !== req) continue;
      let val = 0;
      let ok = true;
      for (const x of members) {
        if (!madm[kk * n + x]) { ok = false; break; }
        val += u[kk * n + x]!;
      }
      if (ok) opts.push([kk, val]);
    }
    opts.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    gMembers.push(members);
    gPs.push(ps);
    gMentors.push(Int32Array.from(opts.map((o) => o[0])));
    gMentorVal.push(Float64Array.from(opts.map((o) => o[1])));
    gReq.push(req);
  };
  const rec = (start: number) => {
    if (cur.length >= smin) addGroup();
    if (cur.length >= smax) return;
    for (let j = start; j < n; j++) {
      let ok = true;
      for (const x of cur) if (!adm[x * n + j]) { ok = false; break; }
      if (!ok) continue;
      cur.push(j);
      rec(j + 1);
      cur.pop();
    }
  };
  rec(0);
  return { gMembers, gPs, gMentors, gMentorVal, gReq };
}
