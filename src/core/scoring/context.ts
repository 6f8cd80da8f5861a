/**
 * The facts from the record that scoring needs, indexed once per world and programme: organisations
 * by id, neighbouring counties, who was grouped with whom, and each organisation's history in the
 * programme (rounds taken part in, rounds mentored, mentor load in the latest round).
 * Invariant: built only from the World passed in; never mutates it.
 */
import type { Organisation, World } from '../model.js';
import { compareRounds } from '../model.js';

export interface OrgHistory {
  /** Rounds (of the programme) the organisation took part in as a participant, oldest first. */
  participated: string[];
  /** Rounds in which it mentored (any mentor role). */
  mentored: string[];
  /** Index (in the programme's round order) of its latest involvement. */
  lastIndex: number;
}

export interface ScoringContext {
  programmeId: string;
  orgs: Map<string, Organisation>;
  neighbours: Set<string>;
  /** Programme rounds in order. */
  roundIds: string[];
  roundLabels: Map<string, string>;
  /** "a|b" (a<b) → ids of groups (any programme) in which both were members. */
  groupedTogether: Map<string, string[]>;
  /** "mentor|mentee" → round ids where that mentor link exists. */
  mentoredBefore: Map<string, string[]>;
  history: Map<string, OrgHistory>;
  /** Number of distinct mentee groups each organisation mentored in the programme's latest round. */
  latestLoad: Map<string, number>;
}

export const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function buildScoringContext(world: World, programmeId: string): ScoringContext {
  const orgs = new Map(world.organisations.map((o) => [o.id, o]));
  const neighbours = new Set(world.countyNeighbours.map(([a, b]) => pairKey(a, b)));
  const rounds = world.rounds.filter((r) => r.programmeId === programmeId).sort(compareRounds);
  const roundIds = rounds.map((r) => r.id);
  const roundIndex = new Map(roundIds.map((id, i) => [id, i]));

  const groupedTogether = new Map<string, string[]>();
  for (const g of world.groups)
    for (let i = 0; i < g.members.length; i++)
      for (let j = i + 1; j < g.members.length; j++) {
        const k = pairKey(g.members[i]!, g.members[j]!);
        const list = groupedTogether.get(k) ?? [];
        if (!list.includes(g.id)) list.push(g.id);
        groupedTogether.set(k, list);
      }

  const mentoredBefore = new Map<string, string[]>();
  for (const l of world.mentorLinks) {
    const k = `${l.mentorId}|${l.menteeId}`;
    const list = mentoredBefore.get(k) ?? [];
    if (!list.includes(l.roundId)) list.push(l.roundId);
    mentoredBefore.set(k, list);
  }

  const history = new Map<string, OrgHistory>();
  const touch = (org: string): OrgHistory => {
    let h = history.get(org);
    if (!h) {
      h = { participated: [], mentored: [], lastIndex: -1 };
      history.set(org, h);
    }
    return h;
  };
  const note = (org: string, roundId: string, asMentor: boolean) => {
    const idx = roundIndex.get(roundId);
    if (idx === undefined) return;
    const h = touch(org);
    const list = asMentor ? h.mentored : h.participated;
    if (!list.includes(roundId)) list.push(roundId);
    h.lastIndex = Math.max(h.lastIndex, idx);
  };
  for (const p of world.participations) note(p.orgId, p.roundId, p.role !== 'participant');
  for (const g of world.groups) for (const m of g.members) note(m, g.roundId, false);
  for (const l of world.mentorLinks) note(l.mentorId, l.roundId, true);
  for (const h of history.values()) {
    h.participated.sort((a, b) => roundIndex.get(a)! - roundIndex.get(b)!);
    h.mentored.sort((a, b) => roundIndex.get(a)! - roundIndex.get(b)!);
  }

  const latestLoad = new Map<string, number>();
  const latest = roundIds[roundIds.length - 1];
  if (latest) {
    const groupsOf = new Map<string, Set<string>>();
    const groupOfMember = new Map<string, string>();
    for (const g of world.groups) if (g.roundId === latest) for (const m of g.members) groupOfMember.set(m, g.id);
    for (const l of world.mentorLinks) {
      if (l.roundId !== latest) continue;
      const set = groupsOf.get(l.mentorId) ?? new Set<string>();
      set.add(groupOfMember.get(l.menteeId) ?? `mentee:${l.menteeId}`);
      groupsOf.set(l.mentorId, set);
    }
    for (const p of world.participations)
      if (p.roundId === latest && p.role !== 'participant' && !groupsOf.has(p.orgId)) groupsOf.set(p.orgId, new Set(['unknown']));
    for (const [k, v] of groupsOf) latestLoad.set(k, v.size);
  }

  return {
    programmeId,
    orgs,
    neighbours,
    roundIds,
    roundLabels: new Map(rounds.map((r) => [r.id, r.label])),
    groupedTogether,
    mentoredBefore,
    history,
    latestLoad,
  };
}
