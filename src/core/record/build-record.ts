/**
 * Derives the domain facts (rounds, participations, groups, mentor links, conflicts) from the
 * transcribed history.
 *
 * Invariants:
 * - one fact per (round, mentor, mentee, role) link, per (round, org, role) participation and per
 *   (round, member set) group; the same fact stated by several sources keeps all their ids.
 * - a fact is disputed when a recorded conflict concerns it; a mentor link is also disputed when
 *   the same mentee has another principal mentor in that round stated by other sources only
 *   ("stated by one source and contradicted by another"); a participation is disputed when a
 *   conflict names it or when every fact it is derived from is disputed.
 * - every organisation and source id the record names must exist, and every conflict concern
 *   must match a fact; otherwise an AppError('invalid_input') names the field.
 * Nothing is resolved: contradicting facts are all kept.
 */
import { AppError, type ErrorDetail } from '../errors.js';
import type {
  BenchmarkGroup,
  MentorLink,
  MentorRole,
  Participation,
  ParticipantRole,
  Round,
  RoundState,
  World,
} from '../model.js';
import type { HistoryInput, HistoryRoundInput } from './history-input.js';

export type DerivedRecord = Pick<World, 'programmes' | 'rounds' | 'participations' | 'groups' | 'mentorLinks' | 'sources' | 'conflicts' | 'facts'>;

/**
 * The state of a round of the record: `completed` once its recorded end has passed, `running`
 * where no end is recorded (or the end lies ahead), `planned` only if its start lies ahead. The
 * record holds what took place; a plan enters through an accepted proposal, not through history.
 */
export function deriveRoundState(start: string | null, end: string | null, today: string): RoundState {
  if (start && start.slice(0, 7) > today.slice(0, 7)) return 'planned';
  if (end && end.slice(0, 7) <= today.slice(0, 7)) return 'completed';
  return 'running';
}

interface Support {
  sources: Set<string>;
  /** Derived-from facts; the participation is disputed if all of these are. */
  basis: { disputed: boolean }[];
  direct: boolean;
}

const memberKey = (members: string[]): string => [...members].sort().join('+');

export function buildRecord(history: HistoryInput, knownOrgIds: ReadonlySet<string>, today: string): DerivedRecord {
  const problems: ErrorDetail[] = [];
  const sourceIds = new Set(history.sources.map((s) => s.id));
  const programmeIds = new Set(history.programmes.map((p) => p.id));
  const file = 'history.json';

  const checkOrg = (id: string, field: string) => {
    if (!knownOrgIds.has(id)) problems.push({ file, field, message: `unknown organisation '${id}'`, values: [id] });
  };
  const checkSources = (ids: string[], field: string) => {
    if (ids.length === 0) problems.push({ file, field, message: 'a fact must name at least one source' });
    for (const id of ids) {
      if (!sourceIds.has(id)) problems.push({ file, field, message: `unknown source '${id}'`, values: [id] });
    }
  };

  const rounds: Round[] = [];
  const links = new Map<string, MentorLink>();
  const groups = new Map<string, BenchmarkGroup>();
  const participationSupport = new Map<string, { p: Participation; s: Support }>();

  const addParticipation = (
    roundId: string,
    orgId: string,
    role: ParticipantRole,
    sources: string[],
    basis: { disputed: boolean } | null,
  ) => {
    const key = `${roundId}|${orgId}|${role}`;
    let entry = participationSupport.get(key);
    if (!entry) {
      entry = {
        p: { roundId, orgId, role, focus: [], delegation: [], sources: [], disputed: false },
        s: { sources: new Set(), basis: [], direct: false },
      };
      participationSupport.set(key, entry);
    }
    for (const s of sources) entry.s.sources.add(s);
    if (basis) entry.s.basis.push(basis);
    else entry.s.direct = true;
  };

  history.rounds.forEach((r: HistoryRoundInput, ri) => {
    const at = `rounds[${ri}]`;
    if (!programmeIds.has(r.programme)) {
      problems.push({ file, field: `${at}.programme`, message: `unknown programme '${r.programme}'`, values: [r.programme] });
    }
    const start = r.start ?? null;
    const end = r.end ?? null;
    rounds.push({
      id: r.id,
      programmeId: r.programme,
      label: r.label,
      start,
      end,
      state: deriveRoundState(start, end, today),
      stateReason: null,
      notes: r.notes ?? null,
      notesSv: r.notes_sv ?? null,
      proposalId: null,
    });

    (r.participants ?? []).forEach((p, i) => {
      checkOrg(p.org, `${at}.participants[${i}].org`);
      checkSources(p.sources, `${at}.participants[${i}].sources`);
      addParticipation(r.id, p.org, 'participant', p.sources, null);
    });
    (r.mentors ?? []).forEach((m, i) => {
      checkOrg(m.org, `${at}.mentors[${i}].org`);
      checkSources(m.sources, `${at}.mentors[${i}].sources`);
      addParticipation(r.id, m.org, 'mentor', m.sources, null);
    });
    (r.groups ?? []).forEach((g, i) => {
      g.members.forEach((m, j) => checkOrg(m, `${at}.groups[${i}].members[${j}]`));
      checkSources(g.sources, `${at}.groups[${i}].sources`);
      const key = `${r.id}|${memberKey(g.members)}`;
      const existing = groups.get(key);
      if (existing) {
        existing.sources = [...new Set([...existing.sources, ...g.sources])];
      } else {
        groups.set(key, {
          id: `${r.id}-g${[...groups.values()].filter((x) => x.roundId === r.id).length + 1}`,
          roundId: r.id,
          members: [...g.members],
          focus: [...(g.focus ?? [])],
          theme: g.theme ?? null,
          note: g.note ?? null,
          sources: [...g.sources],
          disputed: false,
        });
      }
    });
    (r.mentorships ?? []).forEach((m, i) => {
      const field = `${at}.mentorships[${i}]`;
      checkOrg(m.mentor, `${field}.mentor`);
      checkSources(m.sources, `${field}.sources`);
      const addLink = (mentorId: string, role: MentorRole) => {
        for (const menteeId of m.mentees) {
          const key = `${r.id}|${mentorId}|${menteeId}|${role}`;
          const link = links.get(key);
          if (link) link.sources = [...new Set([...link.sources, ...m.sources])];
          else links.set(key, { roundId: r.id, mentorId, menteeId, role, sources: [...m.sources], disputed: false, conflicts: [] });
        }
      };
      m.mentees.forEach((id, j) => checkOrg(id, `${field}.mentees[${j}]`));
      (m.co_mentors ?? []).forEach((id, j) => checkOrg(id, `${field}.co_mentors[${j}]`));
      (m.supported_by ?? []).forEach((id, j) => checkOrg(id, `${field}.supported_by[${j}]`));
      addLink(m.mentor, 'mentor');
      for (const id of m.co_mentors ?? []) addLink(id, 'co_mentor');
      for (const id of m.supported_by ?? []) addLink(id, 'supporting_mentor');
    });
  });

  const groupList = [...groups.values()];
  const linkList = [...links.values()];

  // Conflicts mark the facts they concern.
  const conflictedParticipants = new Map<string, string[]>();
  history.conflicts.forEach((c, ci) => {
    c.statements.forEach((s, si) => checkSources(s.sources, `conflicts[${ci}].statements[${si}].sources`));
    c.concerns.forEach((concern, k) => {
      const field = `conflicts[${ci}].concerns[${k}]`;
      if (concern.kind === 'mentorship') {
        const hits = linkList.filter(
          (l) => l.roundId === concern.round && l.mentorId === concern.mentor && l.menteeId === concern.mentee,
        );
        if (hits.length === 0) problems.push({ file, field, message: `no mentorship ${concern.mentor}→${concern.mentee} in ${concern.round}` });
        for (const l of hits) {
          l.disputed = true;
          if (!l.conflicts.includes(c.id)) l.conflicts.push(c.id);
        }
      } else if (concern.kind === 'group') {
        const g = groups.get(`${concern.round}|${memberKey(concern.members)}`);
        if (!g) problems.push({ file, field, message: `no group ${concern.members.join('+')} in ${concern.round}` });
        else g.disputed = true;
      } else {
        const key = `${concern.round}|${concern.org}`;
        conflictedParticipants.set(key, [...(conflictedParticipants.get(key) ?? []), c.id]);
      }
    });
  });

  // A mentee whose principal mentors in one round rest on disjoint sources: each claim contradicts the other.
  const principalByMentee = new Map<string, MentorLink[]>();
  for (const l of linkList) {
    if (l.role !== 'mentor') continue;
    const key = `${l.roundId}|${l.menteeId}`;
    principalByMentee.set(key, [...(principalByMentee.get(key) ?? []), l]);
  }
  for (const claims of principalByMentee.values()) {
    if (claims.length < 2) continue;
    for (const a of claims) {
      const contradicted = claims.some((b) => b !== a && !b.sources.some((s) => a.sources.includes(s)));
      if (contradicted) a.disputed = true;
    }
  }

  // Participations implied by groups and links.
  for (const g of groupList) {
    for (const m of g.members) addParticipation(g.roundId, m, 'participant', g.sources, g);
  }
  for (const l of linkList) {
    addParticipation(l.roundId, l.menteeId, 'participant', l.sources, l);
    addParticipation(l.roundId, l.mentorId, l.role, l.sources, l);
  }

  const participations: Participation[] = [];
  for (const { p, s } of participationSupport.values()) {
    p.sources = [...s.sources];
    const named = conflictedParticipants.has(`${p.roundId}|${p.orgId}`) && p.role === 'participant';
    p.disputed = named || (!s.direct && s.basis.length > 0 && s.basis.every((b) => b.disputed));
    participations.push(p);
  }
  for (const [key, ids] of conflictedParticipants) {
    const [roundId, orgId] = key.split('|');
    if (!participations.some((p) => p.roundId === roundId && p.orgId === orgId)) {
      problems.push({ file, field: 'conflicts', message: `conflict ${ids.join(', ')} names ${orgId} in ${roundId}, who is not a participant` });
    }
  }

  (history.facts ?? []).forEach((f, i) => checkSources(f.sources, `facts[${i}].sources`));

  if (problems.length > 0) {
    throw new AppError('invalid_input', `${file}: ${problems.length} problem(s); first: ${problems[0]!.field}: ${problems[0]!.message}`, problems);
  }

  return {
    programmes: history.programmes.map((p) => ({
      id: p.id,
      name: p.name,
      organiser: p.organiser ?? null,
      concept: p.concept ?? null,
      nameSv: p.name_sv ?? null,
      conceptSv: p.concept_sv ?? null,
    })),
    rounds,
    participations,
    groups: groupList,
    mentorLinks: linkList,
    sources: history.sources.map((s) => ({
      id: s.id,
      title: s.title,
      url: s.url ?? null,
      date: s.date ?? null,
      note: s.note ?? null,
      titleSv: s.title_sv ?? null,
      noteSv: s.note_sv ?? null,
    })),
    conflicts: history.conflicts.map((c) => ({
      id: c.id,
      about: c.about,
      aboutSv: c.about_sv ?? null,
      concerns: c.concerns,
      statements: c.statements.map((s) => ({ says: s.says, saysSv: s.says_sv ?? null, sources: s.sources })),
    })),
    facts: (history.facts ?? []).map((f) => ({ says: f.says, saysSv: f.says_sv ?? null, sources: [...f.sources] })),
  };
}
