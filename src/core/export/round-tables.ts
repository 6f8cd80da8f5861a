/**
 * A round as tables for a workbook: the round itself, its participants with their roles, the
 * delegation roles each participant sends (one row per role), the benchmarking groups and the
 * mentors (one row per mentee of each cohort, with co- and supporting mentors). Pure: a
 * RoundDescription (cohorts.ts describeRound) in, typed tables out. Names beside codes, roles in
 * Swedish, sources as ids (their titles are in /api/sources).
 */
import type { RoundDescription } from '../cohorts.js';
import { joinList } from './csv.js';
import { kindSv, roleSv, statusSv } from './labels-sv.js';
import { col, type Table } from './table.js';

const names = (refs: readonly { name: string }[]): string => joinList(refs.map((r) => r.name));
const ids = (refs: readonly { id: string }[]): string => joinList(refs.map((r) => r.id));

export function buildRoundTables(d: RoundDescription): Table[] {
  const round: Table = {
    name: 'Omgång',
    columns: [
      col('round_id', 'Omgång (id)', 'code'), col('round_label', 'Omgång'), col('programme_id', 'Program (id)', 'code'), col('programme_name', 'Program'),
      col('start', 'Start', 'date'), col('end', 'Slut', 'date'), col('state', 'Läge'), col('state_reason', 'Orsak'), col('proposal_id', 'Förslag (id)', 'code'),
      col('participants', 'Deltagare', 'integer'), col('groups', 'Grupper', 'integer'), col('notes', 'Anteckningar'),
    ],
    rows: [[
      d.round.id, d.round.label, d.programme.id, d.programme.name, d.round.start, d.round.end, statusSv(d.round.state), d.round.stateReason, d.round.proposalId,
      d.participants.filter((p) => p.role === 'participant').length, d.groups.length, d.round.notes,
    ]],
  };
  const participants: Table = {
    name: 'Deltagare',
    columns: [
      col('org_id', 'Kod', 'code'), col('org_name', 'Organisation'), col('org_kind', 'Typ'), col('county_code', 'Länskod', 'code'), col('role', 'Roll'),
      col('delegation', 'Delegation'), col('focus', 'Fokusområden'), col('sources', 'Källor'), col('disputed', 'Omstridd', 'boolean'),
      col('conflicts', 'Motstridiga uppgifter'),
    ],
    rows: d.participants.map((p) => [
      p.organisation.id, p.organisation.name, kindSv(p.organisation.kind), p.organisation.countyCode, roleSv(p.role),
      joinList(p.delegation), joinList(p.focus), ids(p.sources), p.disputed, joinList(p.conflicts),
    ]),
  };
  const delegation: Table = {
    name: 'Delegationer',
    columns: [col('org_id', 'Kod', 'code'), col('org_name', 'Organisation'), col('role', 'Roll i omgången'), col('delegation_role', 'Roll i delegationen')],
    rows: d.participants.flatMap((p) => p.delegation.map((r) => [p.organisation.id, p.organisation.name, roleSv(p.role), r])),
  };
  const groups: Table = {
    name: 'Grupper',
    columns: [
      col('group_id', 'Grupp (id)', 'code'), col('members', 'Medlemmar'), col('member_ids', 'Medlemmarnas koder'), col('size', 'Antal', 'integer'),
      col('theme', 'Tema'), col('focus', 'Fokusområden'), col('sources', 'Källor'), col('disputed', 'Omstridd', 'boolean'), col('conflicts', 'Motstridiga uppgifter'),
    ],
    rows: d.groups.map((g) => [g.id, names(g.members), ids(g.members), g.members.length, g.theme, joinList(g.focus), ids(g.sources), g.disputed, joinList(g.conflicts)]),
  };
  const mentors: Table = {
    name: 'Mentorer',
    columns: [
      col('cohort_id', 'Mentorskap (id)', 'code'), col('mentor_id', 'Mentor (kod)', 'code'), col('mentor_name', 'Mentor'),
      col('co_mentors', 'Medmentorer'), col('supporting_mentors', 'Stödjande mentorer'), col('mentee_id', 'Adept (kod)', 'code'),
      col('mentee_name', 'Adept'), col('groups', 'Grupper'), col('sources', 'Källor'), col('disputed', 'Omstridd', 'boolean'),
      col('conflicts', 'Motstridiga uppgifter'),
    ],
    rows: d.cohorts.flatMap((c) =>
      c.mentees.map((m) => [
        c.id, c.mentor?.organisation.id, c.mentor?.organisation.name, names(c.coMentors.map((x) => x.organisation)),
        names(c.supportingMentors.map((x) => x.organisation)), m.organisation.id, m.organisation.name, joinList(c.groupIds),
        ids(m.sources), m.disputed, joinList(m.conflicts),
      ]),
    ),
  };
  return [round, participants, delegation, groups, mentors];
}
