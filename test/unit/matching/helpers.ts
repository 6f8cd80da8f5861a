/** Test helpers: tiny hand-built Worlds and an independent exhaustive solver that reads only a proposal's published output. */
import type { Organisation, World } from '../../../src/core/model.js';
import type { InstanceInput, Prepared, Proposal } from '../../../src/core/matching/index.js';
import { prepare } from '../../../src/core/matching/index.js';
import { buildProposal, solvePrepared } from '../../../src/core/matching/proposal.js';
import fc from 'fast-check';

export interface OrgSpec {
  id: string;
  county?: string | null;
  pop?: number | null;
  lat?: number | null;
  lon?: number | null;
  group?: string | null;
  kind?: string;
}

export function org(s: OrgSpec): Organisation {
  return {
    id: s.id,
    kind: s.kind ?? 'kommun',
    name: `Org ${s.id}`,
    parentId: null,
    countyCode: s.county === undefined ? '01' : s.county,
    population: s.pop === undefined ? 10000 : s.pop,
    populationYear: 2025,
    kommungrupp2017: s.group === undefined ? 'B3' : s.group,
    kommungrupp2023: null,
    areaKm2: null,
    lat: s.lat === undefined ? 59 : s.lat,
    lon: s.lon === undefined ? 17 : s.lon,
    focus: [],
    note: null,
  };
}

/** `count` points in southern Sweden with populations: organisations for placedOrgs. */
export const placesArb = (count: number) =>
  fc.array(fc.tuple(fc.double({ min: 55, max: 60, noNaN: true }), fc.double({ min: 12, max: 19, noNaN: true }), fc.integer({ min: 3000, max: 300000 })), { minLength: count, maxLength: count });

/** Municipalities o0, o1, … at the given places, in three counties and two kommungrupper by turns. */
export const placedOrgs = (places: [number, number, number][]): Organisation[] =>
  places.map(([lat, lon, pop], i) => org({ id: `o${i}`, lat, lon, pop, county: i % 3 === 0 ? '01' : i % 3 === 1 ? '03' : '04', group: i % 2 ? 'B3' : 'C7' }));

/** A world with the given organisations, one completed earlier round in which `pastGroups` were grouped. */
export function makeWorld(orgs: Organisation[], pastGroups: string[][] = [], neighbours: [string, string][] = []): World {
  return {
    organisations: orgs,
    counties: [...new Set(orgs.map((o) => o.countyCode).filter((c): c is string => !!c))].map((code) => ({ code, name: `County ${code}` })),
    kommungrupper: [],
    countyNeighbours: neighbours,
    programmes: [{ id: 'modellkommuner', name: 'Modellkommuner', organiser: null, concept: null }],
    rounds: [{ id: 'r1', programmeId: 'modellkommuner', label: 'r1', start: '2019-01', end: '2020-01', state: 'completed', stateReason: null, notes: null, proposalId: null }],
    participations: pastGroups.flat().map((id) => ({ roundId: 'r1', orgId: id, role: 'participant' as const, focus: [], delegation: [], sources: ['test'], disputed: false })),
    groups: pastGroups.map((members, i) => ({ id: `r1/g${i + 1}`, roundId: 'r1', members, focus: [], theme: null, note: null, sources: ['test'], disputed: false })),
    mentorLinks: [],
    sources: [{ id: 'test', title: 'test', url: null, date: null, note: null }],
    conflicts: [],
    focusAreas: [],
    facts: [],
  };
}

/**
 * Independent exhaustive optimum from the published output alone: applicant-pair scores and their
 * admissibility, mentor–applicant scores, penalties, group size, capacities, pins and mentorRequired.
 * Enumerates every set partition (with "unplaced") and every mentor assignment.
 */
export function bruteForceOptimum(p: Proposal): number {
  return Math.max(...bruteForceValues(p));
}

/** Objective values of every feasible solution (one per partition and mentor assignment). */
export function bruteForceValues(p: Proposal): number[] {
  const values: number[] = [];
  const ids = p.applicants.map((a) => a.id);
  const n = ids.length;
  const idx = new Map(ids.map((id, i) => [id, i]));
  const W = Array.from({ length: n }, () => new Array<number | null>(n).fill(null));
  for (const s of p.scores.applicantPairs) if (s.admissible) W[idx.get(s.a)!]![idx.get(s.b)!] = W[idx.get(s.b)!]![idx.get(s.a)!] = s.score;
  const mids = p.mentors.map((m) => m.id);
  const midx = new Map(mids.map((id, k) => [id, k]));
  const U = mids.map(() => new Array<number | null>(n).fill(null));
  for (const s of p.scores.mentorApplicant) if (s.admissible) U[midx.get(s.mentor)!]![idx.get(s.applicant)!] = s.score;
  const cap = p.mentors.map((m) => m.capacity);
  const [smin, smax] = p.rules.groupSize;
  const Pm = p.penalties.unmentoredGroup;
  const Pu = p.penalties.unplacedApplicant;
  const pinned = new Set(p.rules.pin.flat());
  const pinMentor = new Map<number, number>(p.rules.pinMentor.map(([m, a]) => [idx.get(a)!, midx.get(m)!]));
  for (const a of p.rules.pinMentor) pinned.add(a[1]);

  const groups: number[][] = [];
  const assign = (gi: number, value: number, load: number[]) => {
    if (gi === groups.length) {
      values.push(value);
      return;
    }
    const g = groups[gi]!;
    const req = g.map((i) => pinMentor.get(i)).filter((x) => x !== undefined);
    if (!p.rules.mentorRequired && req.length === 0) assign(gi + 1, value - Pm, load);
    for (let k = 0; k < mids.length; k++) {
      if (load[k]! >= cap[k]! || req.some((r) => r !== k)) continue;
      let s = 0;
      let ok = true;
      for (const i of g) {
        const v = U[k]![i];
        if (v === null || v === undefined) ok = false;
        else s += v;
      }
      if (!ok) continue;
      load[k]!++;
      assign(gi + 1, value + s, load);
      load[k]!--;
    }
  };
  const rec = (free: number[], value: number) => {
    if (free.length === 0) {
      // check pins: pinned pairs must share a group
      for (const [a, b] of p.rules.pin) {
        const ga = groups.findIndex((g) => g.includes(idx.get(a)!));
        if (ga < 0 || !groups[ga]!.includes(idx.get(b)!)) return;
      }
      assign(0, value, cap.map(() => 0));
      return;
    }
    const [i, ...rest] = free as [number, ...number[]];
    if (!pinned.has(ids[i]!)) rec(rest, value - Pu);
    const subsets = (start: number, chosen: number[]) => {
      const size = chosen.length + 1;
      if (size >= smin && size <= smax) {
        const members = [i, ...chosen];
        let ok = true;
        let s = 0;
        for (let x = 0; x < members.length && ok; x++)
          for (let y = x + 1; y < members.length; y++) {
            const v = W[members[x]!]![members[y]!];
            if (v === null || v === undefined) {
              ok = false;
              break;
            }
            s += v;
          }
        if (ok) {
          groups.push(members);
          rec(rest.filter((j) => !chosen.includes(j)), value + s);
          groups.pop();
        }
      }
      if (size >= smax) return;
      for (let x = start; x < rest.length; x++) subsets(x + 1, [...chosen, rest[x]!]);
    };
    subsets(0, []);
  };
  rec(Array.from({ length: n }, (_, i) => i), 0);
  return values.length ? values : [-Infinity];
}

/**
 * The prepared instance, its numeric problem's optimum as a proposal (with every score listed, for
 * the exhaustive search) and the solver's result; null where the instance is rejected (covered by
 * the general property tests).
 */
export function solveListed(world: World, input: InstanceInput): { prep: Prepared; proposal: Proposal; best: ReturnType<typeof solvePrepared>['solutions'][number] } | null {
  let prep: Prepared;
  let res: ReturnType<typeof solvePrepared>;
  try {
    prep = prepare(world, input);
    res = solvePrepared(prep);
  } catch {
    return null;
  }
  const solver = { method: res.method, nodes: res.nodes, greedyObjective: null, heuristicObjective: null };
  return { prep, best: res.solutions[0]!, proposal: buildProposal(prep, res.solutions[0]!, { optimality: res.optimality, solver }) };
}
