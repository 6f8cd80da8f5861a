/**
 * Turns an accepted proposal into the round record written to storage, after checking that the
 * acceptance is deliberate.
 *
 * Invariants: a proposal without any group is refused; unplaced applicants and unmentored groups
 * are refused unless the acceptance acknowledges them (each refusal names the ids at fault);
 * the round is `planned` with the given start month, belongs to the proposal's programme and
 * carries the label the acceptance gives (the proposal's round label when none is given);
 * every placed applicant becomes a participant (with the focus and delegation stated in the
 * instance), every group's mentor a mentor with one link per member, and supporting mentors
 * supporting mentors; every fact names the proposal as its source (`proposal:<id>`). Unplaced
 * applicants are not written: they did not join the round.
 */
import { AppError, type ErrorDetail } from '../errors.js';
import type { Participation, RoundRecord } from '../model.js';
import type { Proposal } from '../matching/proposal.js';

/** What the person accepting says: when the round starts, what it is called, what they accept. */
export interface AcceptOptions {
  /** Planned start month, "YYYY-MM". */
  start: string;
  /** A human label for the round ("Västmanland 2026"); default: the proposal's round label. */
  label?: string | undefined;
  /** Accept although some applicants are left unplaced (they are not written). */
  acknowledgeUnplaced?: boolean | undefined;
  /** Accept although some groups have no mentor. */
  acknowledgeUnmentored?: boolean | undefined;
  /** Accept in place of another proposal already accepted for a planned round of the same label. */
  replace?: boolean | undefined;
  /** Id of the round in preparation the proposal was made from: that round becomes the planned one. */
  round?: string | undefined;
}

/**
 * Refuses an acceptance that would write an empty round, or leave applicants unplaced or groups
 * unmentored without saying so (AppError 'unprocessable', naming the ids).
 */
export function checkAcceptance(proposal: Proposal, options: AcceptOptions): void {
  if (proposal.groups.length === 0) {
    throw new AppError('unprocessable', 'The proposal has no group, so accepting it would write an empty round; change the instance and propose again.', [
      { field: 'groups', message: 'no group to write', values: proposal.unplaced.map((u) => u.id) },
    ]);
  }
  const problems: ErrorDetail[] = [];
  if (proposal.unplaced.length > 0 && !options.acknowledgeUnplaced) {
    problems.push({
      field: 'acknowledgeUnplaced',
      message: `${proposal.unplaced.length} applicant(s) left unplaced: ${proposal.unplaced.map((u) => u.name).join(', ')}`,
      values: proposal.unplaced.map((u) => u.id),
    });
  }
  const unmentored = proposal.groups.filter((g) => !g.mentor);
  if (unmentored.length > 0 && !options.acknowledgeUnmentored) {
    problems.push({
      field: 'acknowledgeUnmentored',
      message: `${unmentored.length} group(s) without a mentor: ${unmentored.map((g) => g.members.map((m) => m.name).join(' + ')).join('; ')}`,
      values: unmentored.map((g) => g.members.map((m) => m.id)),
    });
  }
  if (problems.length > 0) {
    throw new AppError('unprocessable', `Confirm before accepting: ${problems.map((p) => p.message).join('; ')}. Send ${problems.map((p) => `"${p.field}": true`).join(' and ')} to accept anyway.`, problems);
  }
}

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

/** The round record of the proposal; the caller checks the acceptance first (checkAcceptance). */
export function buildRoundFromProposal(proposalId: string, proposal: Proposal, options: AcceptOptions): RoundRecord {
  const label = options.label ?? proposal.round;
  if (!label) {
    throw new AppError('invalid_input', 'The proposal’s instance names no round; give the instance a "round" label (e.g. "2025-2027") and propose again before accepting.', [
      { field: 'round', message: 'required to accept' },
    ]);
  }
  const roundId = roundIdFor(proposal.programme, label);
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
      label,
      start: options.start,
      end: null,
      state: 'planned',
      stateReason: null,
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
