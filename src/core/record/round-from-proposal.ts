/**
 * Turns an accepted proposal into the round record written to storage.
 *
 * Invariants: the round is `planned`, belongs to the proposal's programme and carries its label;
 * every placed applicant becomes a participant (with the focus and delegation stated in the
 * instance), every group's mentor a mentor with one link per member, and supporting mentors
 * supporting mentors; every fact names the proposal as its source (`proposal:<id>`). Unplaced
 * applicants are not written: they did not join the round.
 */
import { AppError } from '../errors.js';
import type { Participation, RoundRecord } from '../model.js';
import type { Proposal } from '../matching/proposal.js';

export const proposalSource = (proposalId: string): string => `proposal:${proposalId}`;

/** "modellkommuner" + "2025-2027" → "modellkommuner-2025-2027"; lower-case, URL-safe. */
export function roundIdFor(programmeId: string, label: string): string {
  const slug = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${programmeId}-${slug || 'round'}`;
}

export function buildRoundFromProposal(proposalId: string, proposal: Proposal): RoundRecord {
  if (!proposal.round) {
    throw new AppError('invalid_input', 'The proposal’s instance names no round; give the instance a "round" label (e.g. "2025-2027") and propose again before accepting.', [
      { field: 'round', message: 'required to accept' },
    ]);
  }
  const roundId = roundIdFor(proposal.programme, proposal.round);
  const sources = [proposalSource(proposalId)];
  const applicants = new Map(proposal.applicants.map((a) => [a.id, a]));
  const participations: Participation[] = [];
  const participation = (orgId: string, role: Participation['role']): Participation => {
    const a = applicants.get(orgId);
    return { roundId, orgId, role, focus: role === 'participant' ? [...(a?.focus ?? [])] : [], delegation: role === 'participant' ? [...(a?.delegation ?? [])] : [], sources, disputed: false };
  };
  const seen = new Set<string>();
  const add = (orgId: string, role: Participation['role']) => {
    const key = `${orgId}|${role}`;
    if (seen.has(key)) return;
    seen.add(key);
    participations.push(participation(orgId, role));
  };

  const record: RoundRecord = {
    round: {
      id: roundId,
      programmeId: proposal.programme,
      label: proposal.round,
      start: null,
      end: null,
      status: 'planned',
      notes: `Accepted from proposal ${proposalId}; objective ${proposal.objective} (${proposal.optimality.status}).`,
      proposalId,
    },
    participations,
    groups: [],
    mentorLinks: [],
  };

  proposal.groups.forEach((g, i) => {
    const members = g.members.map((m) => m.id);
    for (const m of members) add(m, 'participant');
    record.groups.push({
      id: `${roundId}-g${i + 1}`,
      roundId,
      members,
      focus: [...new Set(members.flatMap((m) => applicants.get(m)?.focus ?? []))].sort(),
      theme: null,
      note: g.reasons.length ? g.reasons.join(' · ') : null,
      sources,
      disputed: false,
    });
    if (g.mentor) {
      add(g.mentor.id, 'mentor');
      for (const m of members) record.mentorLinks.push({ roundId, mentorId: g.mentor.id, menteeId: m, role: 'mentor', sources, disputed: false, conflicts: [] });
    }
    for (const s of g.supportingMentors) {
      add(s.id, 'supporting_mentor');
      for (const m of members) record.mentorLinks.push({ roundId, mentorId: s.id, menteeId: m, role: 'supporting_mentor', sources, disputed: false, conflicts: [] });
    }
  });
  return record;
}
