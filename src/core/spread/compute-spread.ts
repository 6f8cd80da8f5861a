/**
 * Spread of the programme over its rounds: who took part when, coverage by county and
 * kommungrupp (2017), population reached, organisations never reached, lineage generations and
 * how much of it rests on disputed facts.
 *
 * Rules (also returned in `rules`, for display):
 * - An organisation takes part in a round when a participation, a group membership or a mentor
 *   link places it there, in any role (participant, mentor, co-mentor, supporting mentor).
 *   The placement is disputed when every fact behind it is disputed.
 * - Undisputed figures leave out disputed participations, groups and links entirely.
 * - A municipality is reached when the kommun itself took part. A region does not reach its
 *   municipalities, except Region Gotland, which is at the same time the municipality Gotland:
 *   a region whose county has a single municipality and that municipality count as one (either
 *   reaches both). A district (stadsdel) or administration (förvaltning) does NOT make its parent
 *   municipality reached (Enskede-Årsta-Vantör is about a tenth of Stockholm; counting all of
 *   Stockholm's population would overstate the reach); such municipalities are listed apart in
 *   `reachedViaPartOnly` and in `firstRounds[].viaPart`. Associations (förbund) reach no member.
 * - Sweden's population is the sum over all municipalities (kind kommun); shares divide by it.
 * - Regions: one per county (world.counties); reached when the organisation with the county
 *   code as id (kind region) took part.
 * - Rounds run in date order (compareRounds); "new" means in no earlier round in scope.
 * - Generations follow lineage/generations.ts (pilots and unmentored mentors are 1, a mentee is
 *   1 + its mentor's generation via mentor/co-mentor links).
 */
import type { World } from '../model.js';
import { computeGenerations, findLongestChains, findRoots } from '../lineage/generations.js';
import { compareNames, indexWorld, orgRef, roundRef, scopeRounds, type OrgRef, type WorldIndex } from '../lineage/world-index.js';
import type {
  CountyCoverageRow,
  CoverageRow,
  GenerationCount,
  MunicipalityFirstRound,
  ReachFigures,
  RoundCounts,
  SpreadGenerations,
  SpreadResult,
  SpreadRound,
} from './types.js';

export interface SpreadOptions {
  programme?: string | null | undefined;
}

export const SPREAD_RULES: string[] = [
  'An organisation takes part in a round in any role (participant, mentor, co-mentor, supporting mentor); the placement is disputed when every fact behind it is disputed.',
  'Undisputed figures leave out disputed participations, groups and mentor links.',
  'A municipality is reached when the kommun itself took part; a region reaches no municipality except Region Gotland, which is also the municipality Gotland.',
  'A stadsdel or förvaltning does not make its parent municipality reached; such municipalities are listed apart (reachedViaPartOnly).',
  "Sweden's population is the sum of all municipalities' populations.",
  'Generation: pilots and mentors with no recorded mentor are 1; a mentee is 1 + the smallest generation of its mentors or co-mentors before that round.',
];

/** Placement of organisations in one round: org → { participant?, mentor?, undisputed? }. */
interface Placement {
  participant: boolean;
  mentor: boolean;
  participantUndisputed: boolean;
  mentorUndisputed: boolean;
}

function placeRound(world: World, roundId: string): Map<string, Placement> {
  const placed = new Map<string, Placement>();
  const put = (orgId: string, asMentor: boolean, disputed: boolean) => {
    const p = placed.get(orgId) ?? { participant: false, mentor: false, participantUndisputed: false, mentorUndisputed: false };
    if (asMentor) {
      p.mentor = true;
      p.mentorUndisputed ||= !disputed;
    } else {
      p.participant = true;
      p.participantUndisputed ||= !disputed;
    }
    placed.set(orgId, p);
  };
  for (const p of world.participations) if (p.roundId === roundId) put(p.orgId, p.role !== 'participant', p.disputed);
  for (const g of world.groups) if (g.roundId === roundId) for (const m of g.members) put(m, false, g.disputed);
  for (const l of world.mentorLinks) {
    if (l.roundId !== roundId) continue;
    put(l.mentorId, true, l.disputed);
    put(l.menteeId, false, l.disputed);
  }
  return placed;
}

/** Which municipalities (and regions) a set of taking-part organisations reaches. */
interface ReachModel {
  municipalities: World['organisations'];
  population: number;
  regionCodes: string[];
  /** The municipality a region is identical to (Gotland), and back. */
  regionTwin: Map<string, string>;
  municipalityTwin: Map<string, string>;
}

function buildReachModel(ix: WorldIndex): ReachModel {
  const municipalities = ix.world.organisations.filter((o) => o.kind === 'kommun');
  const perCounty = new Map<string, string[]>();
  for (const m of municipalities) if (m.countyCode) perCounty.set(m.countyCode, [...(perCounty.get(m.countyCode) ?? []), m.id]);
  const regionTwin = new Map<string, string>();
  const municipalityTwin = new Map<string, string>();
  for (const [county, ids] of perCounty) {
    const region = ix.orgs.get(county);
    if (ids.length === 1 && region?.kind === 'region') {
      regionTwin.set(county, ids[0]!);
      municipalityTwin.set(ids[0]!, county);
    }
  }
  return {
    municipalities,
    population: municipalities.reduce((s, m) => s + (m.population ?? 0), 0),
    regionCodes: ix.world.counties.map((c) => c.code),
    regionTwin,
    municipalityTwin,
  };
}

function reachedMunicipalities(ix: WorldIndex, model: ReachModel, orgs: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const id of orgs) {
    if (ix.orgs.get(id)?.kind === 'kommun') out.add(id);
    const twin = model.regionTwin.get(id);
    if (twin && ix.orgs.get(id)?.kind === 'region') out.add(twin);
  }
  return out;
}

function reachedRegions(ix: WorldIndex, model: ReachModel, orgs: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const code of model.regionCodes) {
    if (orgs.has(code) && ix.orgs.get(code)?.kind === 'region') out.add(code);
    const twin = model.regionTwin.get(code);
    if (twin && orgs.has(twin)) out.add(code);
  }
  return out;
}

const share = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

function reachFigures(ix: WorldIndex, model: ReachModel, orgs: ReadonlySet<string>): ReachFigures {
  const munis = reachedMunicipalities(ix, model, orgs);
  const population = [...munis].reduce((s, id) => s + (ix.orgs.get(id)?.population ?? 0), 0);
  const regions = reachedRegions(ix, model, orgs).size;
  return {
    organisations: orgs.size,
    municipalities: munis.size,
    municipalityShare: share(munis.size, model.municipalities.length),
    population,
    populationShare: share(population, model.population),
    regions,
    regionShare: share(regions, model.regionCodes.length),
  };
}

/** The parent municipality of a part (stadsdel, förvaltning…), following parents upward. */
function parentMunicipality(ix: WorldIndex, id: string): string | null {
  let cur = ix.orgs.get(id);
  const seen = new Set<string>();
  while (cur?.parentId && !seen.has(cur.id)) {
    seen.add(cur.id);
    const parent = ix.orgs.get(cur.parentId);
    if (parent?.kind === 'kommun') return parent.id;
    cur = parent;
  }
  return null;
}

function coverageRows(
  ix: WorldIndex,
  model: ReachModel,
  keyOf: (m: World['organisations'][number]) => string | null,
  keys: { code: string; name: string }[],
  reached: Set<string>,
  reachedUndisputed: Set<string>,
): CoverageRow[] {
  return keys.map(({ code, name }) => {
    const members = model.municipalities.filter((m) => keyOf(m) === code);
    const pop = (ids: Iterable<string>) => [...ids].reduce((s, id) => s + (ix.orgs.get(id)?.population ?? 0), 0);
    const population = pop(members.map((m) => m.id));
    const hit = members.filter((m) => reached.has(m.id)).map((m) => m.id);
    const hitU = members.filter((m) => reachedUndisputed.has(m.id)).map((m) => m.id);
    return {
      code,
      name,
      municipalities: members.length,
      reached: hit.length,
      share: share(hit.length, members.length),
      population,
      populationReached: pop(hit),
      populationShare: share(pop(hit), population),
      reachedUndisputed: hitU.length,
      shareUndisputed: share(hitU.length, members.length),
      populationReachedUndisputed: pop(hitU),
      populationShareUndisputed: share(pop(hitU), population),
      reachedIds: hit,
    };
  });
}

function generationCounts(gen: Map<string, number>): GenerationCount[] {
  const counts = new Map<number, number>();
  for (const n of gen.values()) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0] - b[0]).map(([generation, organisations]) => ({ generation, organisations }));
}

/** Spread statistics over a programme's rounds, or over all rounds (see the header for the rules). */
export function computeSpread(world: World, options: SpreadOptions = {}): SpreadResult {
  const ix = indexWorld(world);
  const rounds = scopeRounds(ix, options.programme);
  const roundIds = new Set(rounds.map((r) => r.id));
  const model = buildReachModel(ix);
  const byName = (a: OrgRef, b: OrgRef) => compareNames(a.name, b.name);

  const seen = new Set<string>();
  const seenU = new Set<string>();
  const firstSeen = new Map<string, string>();
  const firstSeenU = new Map<string, string>();
  const everUndisputed = new Set<string>();
  const spreadRounds: SpreadRound[] = rounds.map((r, i) => {
    const placed = placeRound(world, r.id);
    const groups = world.groups.filter((g) => g.roundId === r.id);
    const links = world.mentorLinks.filter((l) => l.roundId === r.id);
    const isU = (p: Placement) => p.participantUndisputed || p.mentorUndisputed;
    const all = [...placed];
    const und = all.filter(([, p]) => isU(p));
    const fresh = all.filter(([id]) => !seen.has(id));
    const freshU = und.filter(([id]) => !seenU.has(id));
    const counts: RoundCounts = {
      participants: all.filter(([, p]) => p.participant).length,
      mentors: all.filter(([, p]) => p.mentor).length,
      organisations: all.length,
      newOrganisations: fresh.length,
      groups: groups.length,
      mentorLinks: links.length,
    };
    const countsU: RoundCounts = {
      participants: all.filter(([, p]) => p.participantUndisputed).length,
      mentors: all.filter(([, p]) => p.mentorUndisputed).length,
      organisations: und.length,
      newOrganisations: freshU.length,
      groups: groups.filter((g) => !g.disputed).length,
      mentorLinks: links.filter((l) => !l.disputed).length,
    };
    for (const [id] of all) {
      seen.add(id);
      if (!firstSeen.has(id)) firstSeen.set(id, r.id);
    }
    for (const [id] of und) {
      seenU.add(id);
      everUndisputed.add(id);
      if (!firstSeenU.has(id)) firstSeenU.set(id, r.id);
    }
    return {
      round: roundRef(ix, r.id),
      index: i + 1,
      counts,
      newOrganisations: fresh.map(([id]) => orgRef(ix, id)).sort(byName),
      cumulative: reachFigures(ix, model, seen),
      disputed: {
        participants: counts.participants - countsU.participants,
        mentors: counts.mentors - countsU.mentors,
        organisations: counts.organisations - countsU.organisations,
        newOrganisations: fresh.filter(([, p]) => !isU(p)).length,
        groups: counts.groups - countsU.groups,
        mentorLinks: counts.mentorLinks - countsU.mentorLinks,
      },
      undisputed: { counts: countsU, cumulative: reachFigures(ix, model, seenU) },
    };
  });

  const reached = reachedMunicipalities(ix, model, seen);
  const reachedU = reachedMunicipalities(ix, model, seenU);
  const regionsReached = reachedRegions(ix, model, seen);
  const regionsReachedU = reachedRegions(ix, model, seenU);

  const counties = world.counties.map((c) => ({ code: c.code, name: c.name }));
  const byCounty: CountyCoverageRow[] = coverageRows(ix, model, (m) => m.countyCode, counties, reached, reachedU).map((row) => ({
    ...row,
    regionReached: regionsReached.has(row.code),
    regionReachedUndisputed: regionsReachedU.has(row.code),
  }));
  const groups2017 = world.kommungrupper.filter((k) => k.version === 2017).map((k) => ({ code: k.code, name: k.name }));
  const byKommungrupp = coverageRows(ix, model, (m) => m.kommungrupp2017, groups2017, reached, reachedU);

  // Parts (stadsdel, förvaltning…) that took part, by parent municipality.
  const partsOf = new Map<string, string[]>();
  const partFirst = new Map<string, { roundId: string; partId: string }>();
  for (const r of rounds) {
    for (const id of placeRound(world, r.id).keys()) {
      if (ix.orgs.get(id)?.kind === 'kommun') continue;
      const parent = parentMunicipality(ix, id);
      if (!parent) continue;
      if (!(partsOf.get(parent) ?? []).includes(id)) partsOf.set(parent, [...(partsOf.get(parent) ?? []), id]);
      if (!partFirst.has(parent)) partFirst.set(parent, { roundId: r.id, partId: id });
    }
  }
  const reachedViaPartOnly = [...partsOf]
    .filter(([m]) => !reached.has(m))
    .map(([m, parts]) => ({ municipality: orgRef(ix, m), parts: parts.map((p) => orgRef(ix, p)) }))
    .sort((a, b) => a.municipality.id.localeCompare(b.municipality.id));

  const regionRef = (code: string): OrgRef =>
    ix.orgs.has(code) ? orgRef(ix, code) : { id: code, name: world.counties.find((c) => c.code === code)?.name ?? code, kind: 'region', countyCode: code };

  // Lineage generations, with all facts and with undisputed facts only.
  const scopeLinks = world.mentorLinks.filter((l) => roundIds.has(l.roundId));
  const scopeLinksU = scopeLinks.filter((l) => !l.disputed);
  const roots = findRoots(world, ix, [...roundIds], scopeLinks);
  const rootsU = findRoots(world, ix, [...roundIds], scopeLinksU, (p) => !p.disputed);
  const gen = computeGenerations(ix, scopeLinks, roots.keys());
  const genU = computeGenerations(ix, scopeLinksU, rootsU.keys());
  const longest = findLongestChains(ix, scopeLinks);
  const longestU = findLongestChains(ix, scopeLinksU);
  const generations: SpreadGenerations = {
    byGeneration: generationCounts(gen),
    maxGeneration: Math.max(0, ...gen.values()),
    longestChainLength: longest.length,
    longestChains: longest.chains,
    longestChainsTruncated: longest.truncated,
    withoutGeneration: [...seen].filter((id) => !gen.has(id)).map((id) => orgRef(ix, id)).sort(byName),
    undisputed: {
      byGeneration: generationCounts(genU),
      maxGeneration: Math.max(0, ...genU.values()),
      longestChainLength: longestU.length,
      longestChains: longestU.chains,
    },
  };

  const scopeParticipations = world.participations.filter((p) => roundIds.has(p.roundId));
  const scopeGroups = world.groups.filter((g) => roundIds.has(g.roundId));
  const disputedOnly = [...seen].filter((id) => !everUndisputed.has(id));

  const firstRounds: MunicipalityFirstRound[] = [...model.municipalities]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((m) => {
      const selfIds = [m.id, ...(model.municipalityTwin.has(m.id) ? [model.municipalityTwin.get(m.id)!] : [])];
      const earliest = (map: Map<string, string>): string | null => {
        const found = selfIds.map((id) => map.get(id)).filter((x): x is string => x !== undefined);
        return found.sort((a, b) => (ix.roundOrder.get(a) ?? 0) - (ix.roundOrder.get(b) ?? 0))[0] ?? null;
      };
      const first = earliest(firstSeen);
      const firstU = earliest(firstSeenU);
      const part = partFirst.get(m.id);
      const firstRound = first ? ix.rounds.get(first) : undefined;
      return {
        organisation: orgRef(ix, m.id),
        kommungrupp2017: m.kommungrupp2017,
        firstRoundId: first,
        firstRoundLabel: firstRound?.label ?? null,
        firstRoundStart: firstRound?.start ?? null,
        firstRoundDisputed: first !== null && first !== firstU,
        firstUndisputedRoundId: firstU,
        viaPart: part ? { roundId: part.roundId, roundLabel: ix.rounds.get(part.roundId)?.label ?? part.roundId, part: orgRef(ix, part.partId) } : null,
      };
    });

  return {
    programmeId: options.programme ?? null,
    rules: SPREAD_RULES,
    totals: { municipalities: model.municipalities.length, regions: model.regionCodes.length, population: model.population },
    rounds: spreadRounds,
    reach: reachFigures(ix, model, seen),
    reachUndisputed: reachFigures(ix, model, seenU),
    byCounty,
    byKommungrupp,
    reachedViaPartOnly,
    neverReached: {
      municipalities: model.municipalities.filter((m) => !reached.has(m.id)).map((m) => orgRef(ix, m.id)).sort((a, b) => a.id.localeCompare(b.id)),
      regions: model.regionCodes.filter((c) => !regionsReached.has(c)).map(regionRef),
      undisputed: {
        municipalities: model.municipalities.filter((m) => !reachedU.has(m.id)).length,
        regions: model.regionCodes.filter((c) => !regionsReachedU.has(c)).length,
      },
    },
    generations,
    disputed: {
      participations: { total: scopeParticipations.length, disputed: scopeParticipations.filter((p) => p.disputed).length },
      mentorLinks: { total: scopeLinks.length, disputed: scopeLinks.filter((l) => l.disputed).length },
      groups: { total: scopeGroups.length, disputed: scopeGroups.filter((g) => g.disputed).length },
      organisations: { total: seen.size, disputedOnly: disputedOnly.length, ids: disputedOnly.map((id) => orgRef(ix, id)).sort(byName) },
      municipalitiesReachedOnlyByDisputed: [...reached].filter((id) => !reachedU.has(id)).map((id) => orgRef(ix, id)).sort(byName),
      conflicts: world.conflicts.filter((c) => c.concerns.some((k) => roundIds.has(k.round))).map((c) => ({ id: c.id, about: c.about, aboutSv: c.aboutSv ?? null })),
    },
    firstRounds,
  };
}
