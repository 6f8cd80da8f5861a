/**
 * Lookup tables over a World and the small JSON-ready reference shapes (organisation, round,
 * source, mentor link) that every analytics result (cohorts, lineage, spread, CSV export) embeds,
 * so that an API client never has to look an id up to show a name.
 *
 * Invariants:
 * - rounds are ordered by compareRounds (start date, then id); `roundOrder` gives each round's
 *   position in that order and "earlier"/"later" always mean that order.
 * - a reference to an id the World does not hold is still returned (name = id, kind 'unknown'),
 *   never dropped, so that a broken record shows up instead of silently shrinking a result.
 * - programme scoping: with a programme id only that programme's rounds (and the facts in them)
 *   count; an unknown programme id is AppError('not_found').
 */
import { notFound } from '../errors.js';
import { compareRounds } from '../model.js';
import type { MentorLink, MentorRole, Organisation, Programme, Round, Source, World } from '../model.js';

/** An organisation as embedded in results. */
export interface OrgRef {
  id: string;
  name: string;
  /** kommun, region, stadsdel, forbund, forvaltning, … ('unknown' for an id the World lacks). */
  kind: string;
  countyCode: string | null;
}

/** A round as embedded in results. */
export interface RoundRef {
  id: string;
  label: string;
  programmeId: string;
  /** "YYYY-MM" or "YYYY-MM-DD", null where unknown. */
  start: string | null;
  end: string | null;
  state: Round['state'];
}

/** A source as embedded in results. */
export interface SourceRef {
  id: string;
  title: string;
  /** The title in Swedish, for the page; null where the record has none. */
  titleSv: string | null;
  url: string | null;
}

/** One mentor→mentee edge, with everything needed to show it and judge it. */
export interface LinkRef {
  mentorId: string;
  menteeId: string;
  roundId: string;
  roundLabel: string;
  roundStart: string | null;
  programmeId: string;
  role: MentorRole;
  sources: SourceRef[];
  /** True where the sources disagree about this edge (see model.ts). */
  disputed: boolean;
  /** Ids of the recorded conflicts that concern this edge. */
  conflicts: string[];
}

export interface WorldIndex {
  world: World;
  orgs: Map<string, Organisation>;
  rounds: Map<string, Round>;
  /** Position of each round in compareRounds order (0-based, over all programmes). */
  roundOrder: Map<string, number>;
  sources: Map<string, Source>;
  programmes: Map<string, Programme>;
}

export function indexWorld(world: World): WorldIndex {
  const sorted = [...world.rounds].sort(compareRounds);
  return {
    world,
    orgs: new Map(world.organisations.map((o) => [o.id, o])),
    rounds: new Map(world.rounds.map((r) => [r.id, r])),
    roundOrder: new Map(sorted.map((r, i) => [r.id, i])),
    sources: new Map(world.sources.map((s) => [s.id, s])),
    programmes: new Map(world.programmes.map((p) => [p.id, p])),
  };
}

/** The rounds in scope, in date order. Throws not_found for an unknown programme. */
export function scopeRounds(ix: WorldIndex, programmeId?: string | null): Round[] {
  if (programmeId != null && !ix.programmes.has(programmeId)) throw notFound('programme', programmeId);
  return [...ix.world.rounds].filter((r) => programmeId == null || r.programmeId === programmeId).sort(compareRounds);
}

export function orderOf(ix: WorldIndex, roundId: string): number {
  return ix.roundOrder.get(roundId) ?? Number.MAX_SAFE_INTEGER;
}

export function orgRef(ix: WorldIndex, id: string): OrgRef {
  const o = ix.orgs.get(id);
  return o ? { id, name: o.name, kind: o.kind, countyCode: o.countyCode } : { id, name: id, kind: 'unknown', countyCode: null };
}

export function roundRef(ix: WorldIndex, id: string): RoundRef {
  const r = ix.rounds.get(id);
  return r
    ? { id, label: r.label, programmeId: r.programmeId, start: r.start, end: r.end, state: r.state }
    : { id, label: id, programmeId: 'unknown', start: null, end: null, state: 'completed' };
}

export function sourceRefs(ix: WorldIndex, ids: readonly string[]): SourceRef[] {
  return ids.map((id) => {
    const s = ix.sources.get(id);
    return { id, title: s?.title ?? id, titleSv: s?.titleSv ?? null, url: s?.url ?? null };
  });
}

export function linkRef(ix: WorldIndex, link: MentorLink): LinkRef {
  const r = ix.rounds.get(link.roundId);
  return {
    mentorId: link.mentorId,
    menteeId: link.menteeId,
    roundId: link.roundId,
    roundLabel: r?.label ?? link.roundId,
    roundStart: r?.start ?? null,
    programmeId: r?.programmeId ?? 'unknown',
    role: link.role,
    sources: sourceRefs(ix, link.sources),
    disputed: link.disputed,
    conflicts: [...link.conflicts],
  };
}

/** Swedish collation for names, so Å Ä Ö sort after Z as a Swedish reader expects. */
export const compareNames = (a: string, b: string): number => a.localeCompare(b, 'sv');

/** Links in date order, then mentor role (mentor, co-mentor, supporting), then mentee name. */
export function compareLinks(ix: WorldIndex, a: MentorLink, b: MentorLink, by: 'mentor' | 'mentee'): number {
  const roleRank: Record<MentorRole, number> = { mentor: 0, co_mentor: 1, supporting_mentor: 2 };
  const other = (l: MentorLink) => orgRef(ix, by === 'mentor' ? l.mentorId : l.menteeId).name;
  return orderOf(ix, a.roundId) - orderOf(ix, b.roundId) || roleRank[a.role] - roleRank[b.role] || compareNames(other(a), other(b));
}
