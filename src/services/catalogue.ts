/**
 * Read use-cases over the record: organisations, programmes, rounds, sources and conflicts.
 * All of them work on the in-memory World, which is small (hundreds of organisations, a few
 * hundred facts), so they need no query and keep answering while the database is unreachable.
 */
import { notFound } from '../core/errors.js';
import { compareRounds, type Organisation, type OrganisationFilter, type OrganisationPage, type Round, type World } from '../core/model.js';
import { plannedMarker, selectTakenPlace, type TakenPlaceOptions } from '../core/record/taken-place.js';
import { filterOrganisations } from '../core/record/organisation-filter.js';
import { memoizerOn } from './per-world-memo.js';
import type { WorldSource } from './world-source.js';

export interface OrgRef {
  id: string;
  name: string;
  kind: string;
}

export const toOrgRef = (world: World, id: string): OrgRef => {
  const o = world.organisations.find((x) => x.id === id);
  return { id, name: o?.name ?? id, kind: o?.kind ?? 'unknown' };
};

export interface RoundRef {
  id: string;
  programmeId: string;
  label: string;
  start: string | null;
  end: string | null;
  state: Round['state'];
}

const toRoundRef = (r: Round): RoundRef => ({ id: r.id, programmeId: r.programmeId, label: r.label, start: r.start, end: r.end, state: r.state });

export interface CatalogueDeps {
  worlds: WorldSource;
}

export function createCatalogueService(deps: CatalogueDeps) {
  const world = () => deps.worlds.getWorld();
  /** Each read computed once per record and arguments (see per-world-memo.ts). */
  const memoized = memoizerOn(world);

  const requireOrganisation = (w: World, id: string): Organisation => {
    const org = w.organisations.find((o) => o.id === id);
    if (!org) throw notFound('organisation', id);
    return org;
  };

  return {
    // `participated` counts only rounds that have taken place.
    findOrganisations: memoized((w: World, query: OrganisationFilter): OrganisationPage => filterOrganisations(selectTakenPlace(w), query)),

    /** The organisation and the rounds it took part in: those that have taken place, plus planned ones when asked. */
    getOrganisation: memoized(function getOrganisation(record: World, id: string, options: TakenPlaceOptions = {}) {
      const w = selectTakenPlace(record, options);
      const org = requireOrganisation(w, id);
      const rounds = [...w.rounds].sort(compareRounds);
      const participation = rounds.flatMap((round) =>
        w.participations
          .filter((p) => p.roundId === round.id && p.orgId === id)
          .map((p) => ({
            round: toRoundRef(round),
            role: p.role,
            sources: p.sources,
            disputed: p.disputed,
            groups: w.groups
              .filter((g) => g.roundId === round.id && g.members.includes(id))
              .map((g) => ({ id: g.id, members: g.members.map((m) => toOrgRef(w, m)), sources: g.sources, disputed: g.disputed })),
            mentoredBy:
              p.role === 'participant'
                ? w.mentorLinks
                    .filter((l) => l.roundId === round.id && l.menteeId === id)
                    .map((l) => ({ organisation: toOrgRef(w, l.mentorId), role: l.role, sources: l.sources, disputed: l.disputed }))
                : [],
            mentees:
              p.role !== 'participant'
                ? w.mentorLinks
                    .filter((l) => l.roundId === round.id && l.mentorId === id && l.role === p.role)
                    .map((l) => ({ organisation: toOrgRef(w, l.menteeId), role: l.role, sources: l.sources, disputed: l.disputed }))
                : [],
          })),
      );
      const county = w.counties.find((c) => c.code === org.countyCode) ?? null;
      const parent = org.parentId ? toOrgRef(w, org.parentId) : null;
      const children = w.organisations.filter((o) => o.parentId === id).map((o) => toOrgRef(w, o.id));
      return { organisation: org, county, parent, children, ...plannedMarker(w, options), participation };
    }),

    /** Round and organisation counts of the rounds that have taken place. */
    listProgrammes: memoized(function listProgrammes(record: World) {
      const w = selectTakenPlace(record);
      return w.programmes.map((p) => {
        const rounds = w.rounds.filter((r) => r.programmeId === p.id);
        const orgs = new Set(w.participations.filter((x) => rounds.some((r) => r.id === x.roundId)).map((x) => x.orgId));
        return { ...p, roundCount: rounds.length, organisationCount: orgs.size };
      });
    }),

    /** Every round in every state (with its reason when cancelled or superseded), optionally of some states only. */
    listRounds: memoized(function listRounds(w: World, programme?: string, states?: readonly Round['state'][]) {
      if (programme && !w.programmes.some((p) => p.id === programme)) throw notFound('programme', programme);
      return [...w.rounds]
        .filter((r) => !programme || r.programmeId === programme)
        .filter((r) => !states || states.includes(r.state))
        .sort(compareRounds)
        .map((r) => {
          const ps = w.participations.filter((p) => p.roundId === r.id);
          return {
            ...r,
            participantCount: new Set(ps.filter((p) => p.role === 'participant').map((p) => p.orgId)).size,
            mentorCount: new Set(ps.filter((p) => p.role !== 'participant').map((p) => p.orgId)).size,
            groupCount: w.groups.filter((g) => g.roundId === r.id).length,
            disputedFactCount:
              ps.filter((p) => p.disputed).length +
              w.groups.filter((g) => g.roundId === r.id && g.disputed).length +
              w.mentorLinks.filter((l) => l.roundId === r.id && l.disputed).length,
          };
        });
    }),

    listSources: memoized(function listSources(w: World) {
      const count = (id: string) =>
        w.participations.filter((p) => p.sources.includes(id)).length +
        w.groups.filter((g) => g.sources.includes(id)).length +
        w.mentorLinks.filter((l) => l.sources.includes(id)).length;
      return w.sources.map((s) => ({ ...s, factCount: count(s.id) }));
    }),

    /** The record's free-text facts with their sources resolved to titles and links. */
    listFacts: memoized(function listFacts(w: World) {
      return w.facts.map((f) => ({
        says: f.says,
        saysSv: f.saysSv,
        sources: f.sources.map((id) => {
          const src = w.sources.find((x) => x.id === id);
          return { id, title: src?.title ?? id, url: src?.url ?? null, date: src?.date ?? null };
        }),
      }));
    }),

    listConflicts: memoized(function listConflicts(w: World) {
      return w.conflicts.map((c) => ({
        ...c,
        statements: c.statements.map((s) => ({
          says: s.says,
          saysSv: s.saysSv ?? null,
          sources: s.sources.map((id) => {
            const src = w.sources.find((x) => x.id === id);
            return { id, title: src?.title ?? id, titleSv: src?.titleSv ?? null, url: src?.url ?? null, date: src?.date ?? null };
          }),
        })),
      }));
    }),

    listCounties: memoized(function listCounties(w: World) {
      const neighbours = (code: string) =>
        w.countyNeighbours.flatMap(([a, b]) => (a === code ? [b] : b === code ? [a] : [])).sort();
      return w.counties.map((c) => ({
        ...c,
        municipalityCount: w.organisations.filter((o) => o.kind === 'kommun' && o.countyCode === c.code).length,
        neighbours: neighbours(c.code),
      }));
    }),

    async listFocusAreas() {
      return (await world()).focusAreas;
    },

    async listKommungrupper() {
      return (await world()).kommungrupper;
    },

    getWorld: world,
    requireOrganisation,
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
