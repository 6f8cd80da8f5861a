/**
 * Cohorts and round descriptions, built from the World's facts.
 *
 * A cohort is one principal mentor's mentorship in one round: the mentor, the co-mentors and
 * supporting mentors who share it, and the mentees, each mentee edge with its own sources and
 * disputed flag. It is rebuilt from MentorLink edges:
 * - every `mentor` edge (round, M, X) puts X in M's cohort of that round;
 * - a `co_mentor` or `supporting_mentor` edge (round, C, X) attaches C to every cohort of that
 *   round holding X (C's entry carries the sources of those edges, and is disputed only when all
 *   of them are); if no principal mentor of X is recorded, X and C go to the round's cohort
 *   without a principal mentor (`mentor: null`).
 * - a mentee stated under two mentors by disagreeing sources appears in both cohorts, and both
 *   edges carry `disputed: true`; nothing is resolved here.
 * Order: cohorts in the order the record first states them; mentees likewise.
 *
 * describeRound adds the round itself, its participants (one entry per organisation and role)
 * and its benchmarking groups, each with the conflicts that concern it.
 */
import { notFound } from './errors.js';
import type { MentorLink, ParticipantRole, World } from './model.js';
import {
  compareNames,
  indexWorld,
  orgRef,
  roundRef,
  sourceRefs,
  type OrgRef,
  type RoundRef,
  type SourceRef,
  type WorldIndex,
} from './lineage/world-index.js';

/** One organisation's place in a cohort (mentor, co-mentor, supporting mentor or mentee). */
export interface CohortMember {
  organisation: OrgRef;
  sources: SourceRef[];
  disputed: boolean;
  /** Ids of the recorded conflicts that concern the edge(s) behind this entry. */
  conflicts: string[];
}

export interface Cohort {
  /** "<roundId>-m<mentorId>" (e.g. "mk-2019-m2582"), or "<roundId>-unled" for edges without a principal mentor; URL-safe like group ids. */
  id: string;
  roundId: string;
  mentor: CohortMember | null;
  coMentors: CohortMember[];
  supportingMentors: CohortMember[];
  /** One entry per mentor→mentee edge, with that edge's sources and disputed flag. */
  mentees: CohortMember[];
  /** Benchmarking groups of the round holding at least one of the mentees. */
  groupIds: string[];
  /** True when any edge of the cohort is disputed. */
  disputed: boolean;
}

export interface RoundParticipant {
  organisation: OrgRef;
  role: ParticipantRole;
  focus: string[];
  delegation: string[];
  sources: SourceRef[];
  disputed: boolean;
  conflicts: string[];
}

export interface RoundGroup {
  id: string;
  members: OrgRef[];
  focus: string[];
  theme: string | null;
  note: string | null;
  sources: SourceRef[];
  disputed: boolean;
  conflicts: string[];
}

export interface RoundDescription {
  round: RoundRef & { stateReason: string | null; notes: string | null; notesSv: string | null; proposalId: string | null };
  programme: { id: string; name: string; nameSv: string | null };
  participants: RoundParticipant[];
  groups: RoundGroup[];
  cohorts: Cohort[];
  /** The recorded conflicts that concern any fact of this round. */
  conflicts: { id: string; about: string }[];
}

interface Edges {
  sources: Set<string>;
  conflicts: Set<string>;
  allDisputed: boolean;
}

const addEdge = (map: Map<string, Edges>, key: string, link: MentorLink): void => {
  let e = map.get(key);
  if (!e) {
    e = { sources: new Set(), conflicts: new Set(), allDisputed: true };
    map.set(key, e);
  }
  for (const s of link.sources) e.sources.add(s);
  for (const c of link.conflicts) e.conflicts.add(c);
  e.allDisputed &&= link.disputed;
};

const toMembers = (ix: WorldIndex, map: Map<string, Edges>): CohortMember[] =>
  [...map].map(([id, e]) => ({
    organisation: orgRef(ix, id),
    sources: sourceRefs(ix, [...e.sources]),
    disputed: e.allDisputed,
    conflicts: [...e.conflicts],
  }));

function buildCohorts(ix: WorldIndex, roundId: string): Cohort[] {
  const links = ix.world.mentorLinks.filter((l) => l.roundId === roundId);
  const cohorts = new Map<string, { mentor: string | null; mentorEdges: Map<string, Edges>; co: Map<string, Edges>; sup: Map<string, Edges>; mentees: Map<string, Edges> }>();
  const cohortOf = (mentor: string | null) => {
    const id = mentor === null ? `${roundId}-unled` : `${roundId}-m${mentor}`;
    let c = cohorts.get(id);
    if (!c) {
      c = { mentor, mentorEdges: new Map(), co: new Map(), sup: new Map(), mentees: new Map() };
      cohorts.set(id, c);
    }
    return c;
  };
  for (const l of links) {
    if (l.role !== 'mentor') continue;
    const c = cohortOf(l.mentorId);
    addEdge(c.mentorEdges, l.mentorId, l);
    addEdge(c.mentees, l.menteeId, l);
  }
  for (const l of links) {
    if (l.role === 'mentor') continue;
    let holders = [...cohorts.values()].filter((c) => c.mentor !== null && c.mentees.has(l.menteeId));
    if (holders.length === 0) {
      const unled = cohortOf(null);
      addEdge(unled.mentees, l.menteeId, l);
      holders = [unled];
    }
    for (const c of holders) addEdge(l.role === 'co_mentor' ? c.co : c.sup, l.mentorId, l);
  }
  const groups = ix.world.groups.filter((g) => g.roundId === roundId);
  return [...cohorts].map(([id, c]) => {
    const mentees = toMembers(ix, c.mentees);
    const coMentors = toMembers(ix, c.co);
    const supportingMentors = toMembers(ix, c.sup);
    const mentor = c.mentor === null ? null : (toMembers(ix, c.mentorEdges)[0] ?? null);
    return {
      id,
      roundId,
      mentor,
      coMentors,
      supportingMentors,
      mentees,
      groupIds: groups.filter((g) => g.members.some((m) => c.mentees.has(m))).map((g) => g.id),
      disputed: [...c.mentees.values(), ...c.co.values(), ...c.sup.values()].some((e) => e.allDisputed),
    };
  });
}

/** The cohorts of a round (see the header for how they are formed). Unknown round → not_found. */
export function listCohorts(world: World, roundId: string): Cohort[] {
  const ix = indexWorld(world);
  if (!ix.rounds.has(roundId)) throw notFound('round', roundId);
  return buildCohorts(ix, roundId);
}

const roleRank: Record<ParticipantRole, number> = { mentor: 0, co_mentor: 1, supporting_mentor: 2, participant: 3 };

/** A round with its programme, participants, groups, cohorts and conflicts. Unknown round → not_found. */
export function describeRound(world: World, roundId: string): RoundDescription {
  const ix = indexWorld(world);
  const round = ix.rounds.get(roundId);
  if (!round) throw notFound('round', roundId);

  const conflictIds = (match: (c: World['conflicts'][number]['concerns'][number]) => boolean): string[] =>
    world.conflicts.filter((c) => c.concerns.some((k) => k.round === roundId && match(k))).map((c) => c.id);
  const sameMembers = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join('+') === [...b].sort().join('+');

  const participants: RoundParticipant[] = world.participations
    .filter((p) => p.roundId === roundId)
    .map((p) => ({
      organisation: orgRef(ix, p.orgId),
      role: p.role,
      focus: [...p.focus],
      delegation: [...p.delegation],
      sources: sourceRefs(ix, p.sources),
      disputed: p.disputed,
      conflicts:
        p.role === 'participant'
          ? conflictIds((k) => k.kind === 'participant' && k.org === p.orgId)
          : conflictIds((k) => k.kind === 'mentorship' && k.mentor === p.orgId),
    }))
    .sort((a, b) => roleRank[a.role] - roleRank[b.role] || compareNames(a.organisation.name, b.organisation.name));

  const groups: RoundGroup[] = world.groups
    .filter((g) => g.roundId === roundId)
    .map((g) => ({
      id: g.id,
      members: g.members.map((m) => orgRef(ix, m)),
      focus: [...g.focus],
      theme: g.theme,
      note: g.note,
      sources: sourceRefs(ix, g.sources),
      disputed: g.disputed,
      conflicts: conflictIds((k) => k.kind === 'group' && sameMembers(k.members, g.members)),
    }));

  const programme = ix.programmes.get(round.programmeId);
  return {
    round: { ...roundRef(ix, roundId), stateReason: round.stateReason, notes: round.notes, notesSv: round.notesSv ?? null, proposalId: round.proposalId },
    programme: { id: round.programmeId, name: programme?.name ?? round.programmeId, nameSv: programme?.nameSv ?? null },
    participants,
    groups,
    cohorts: buildCohorts(ix, roundId),
    conflicts: world.conflicts.filter((c) => c.concerns.some((k) => k.round === roundId)).map((c) => ({ id: c.id, about: c.about })),
  };
}
