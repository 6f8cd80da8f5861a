/**
 * Read use-cases over the record: organisations, programmes, rounds, sources and conflicts.
 * Listing organisations is a query in the database (filters and paging); the rest works on the
 * in-memory World, which is small (hundreds of organisations, a few hundred facts).
 */
import { notFound } from '../core/errors.js';
import { compareRounds, type Organisation, type OrganisationFilter, type OrganisationPage, type Round, type World } from '../core/model.js';
import { plannedMarker, selectTakenPlace, type TakenPlaceOptions } from '../core/record/taken-place.js';
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
  findOrganisations(query: OrganisationFilter): Promise<OrganisationPage>;
}

export function createCatalogueService(deps: CatalogueDeps) {
  const world = () => deps.worlds.getWorld();

  const requireOrganisation = (w: World, id: string): Organisation => {
    const org = w.organisations.find((o) => o.id === id);
    if (!org) throw notFound('organisation', id);
    return org;
  };

  return {
    findOrganisations: deps.findOrganisations,

    /** The organisation and the rounds it took part in: those that have taken place, plus planned ones when asked. */
    async getOrganisation(id: string, options: TakenPlaceOptions = {}) {
      const w = selectTakenPlace(await world(), options);
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
    },

    /** Round and organisation counts of the rounds that have taken place. */
    async listProgrammes() {
      const w = selectTakenPlace(await world());
      return w.programmes.map((p) => {
        const rounds = w.rounds.filter((r) => r.programmeId === p.id);
        const orgs = new Set(w.participations.filter((x) => rounds.some((r) => r.id === x.roundId)).map((x) => x.orgId));
        return { ...p, roundCount: rounds.length, organisationCount: orgs.size };
      });
    },

    /** Every round in every state (with its reason when cancelled or superseded), optionally of some states only. */
    async listRounds(programme?: string, states?: readonly Round['state'][]) {
      const w = await world();
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
    },

    async listSources() {
      const w = await world();
      const count = (id: string) =>
        w.participations.filter((p) => p.sources.includes(id)).length +
        w.groups.filter((g) => g.sources.includes(id)).length +
        w.mentorLinks.filter((l) => l.sources.includes(id)).length;
      return w.sources.map((s) => ({ ...s, factCount: count(s.id) }));
    },

    /** The record's free-text facts with their sources resolved to titles and links. */
    async listFacts() {
      const w = await world();
      return w.facts.map((f) => ({
        says: f.says,
        saysSv: f.saysSv,
        sources: f.sources.map((id) => {
          const src = w.sources.find((x) => x.id === id);
          return { id, title: src?.title ?? id, url: src?.url ?? null, date: src?.date ?? null };
        }),
      }));
    },

    async listConflicts() {
      const w = await world();
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
    },

    async listCounties() {
      const w = await world();
      const neighbours = (code: string) =>
        w.countyNeighbours.flatMap(([a, b]) => (a === code ? [b] : b === code ? [a] : [])).sort();
      return w.counties.map((c) => ({
        ...c,
        municipalityCount: w.organisations.filter((o) => o.kind === 'kommun' && o.countyCode === c.code).length,
        neighbours: neighbours(c.code),
      }));
    },

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
