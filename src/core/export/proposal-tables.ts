/**
 * A proposal as tables for a workbook, so anyone can re-check it in Excel: a summary (objective,
 * optimality, solver), the weights and penalties, the groups with their mentors, the mentors with
 * capacity and use, EVERY TERM of the published objective with its reason (pair scores, mentor
 * scores, the penalty of each unmentored group and of each unplaced applicant), and the unplaced
 * applicants with why. Pure: the stored proposal's meta and result in, typed tables out.
 *
 * Invariant: the `score` column of the terms sheet sums to the objective (each term is the rounded
 * number the solver used; the last row states the objective itself).
 * Per-criterion values of a term are filled when the proposal lists its scores (up to 40
 * applicants); beyond that the term's reason still names its strongest criteria.
 */
import type { Proposal } from '../matching/proposal.js';
import { CRITERIA, type CriterionId } from '../scoring/types.js';
import { joinList } from './csv.js';
import { col, type Cell, type Column, type Table } from './table.js';

export interface ProposalMeta {
  id: string;
  createdAt: string;
  acceptedRoundId: string | null;
}

const CRITERION_SV: Record<CriterionId, string> = {
  geography: 'Geografi',
  focus: 'Fokus',
  size: 'Storlek',
  kommungrupp: 'Kommungrupp',
  history: 'Historik',
  delegation: 'Delegation',
  wish: 'Önskad partner',
};

const TERM_KIND_SV = {
  pair: 'par',
  mentor: 'mentor',
  'unmentored-group': 'grupp utan mentor',
  'unplaced-applicant': 'ej placerad',
  objective: 'målfunktion (summa)',
} as const;

export function buildProposalTables(meta: ProposalMeta, p: Proposal): Table[] {
  const names = new Map<string, string>();
  for (const o of [...p.applicants, ...p.mentors]) names.set(o.id, o.name);
  const nameOf = (id: string): string => names.get(id) ?? id;

  const o = p.optimality;
  const summary: Table = {
    name: 'Sammanfattning',
    columns: [
      col('proposal_id', 'Förslag (id)', 'code'), col('programme', 'Program (id)', 'code'), col('round', 'Omgång'), col('created_at', 'Skapat'),
      col('accepted_round_id', 'Antaget som omgång', 'code'), col('objective', 'Målfunktionens värde', 'decimal', 6),
      col('optimality', 'Optimalitet'), col('bound', 'Övre gräns', 'decimal', 6), col('gap', 'Gap', 'decimal', 6),
      col('relative_gap', 'Relativt gap', 'percent', 2), col('solver', 'Metod'), col('nodes', 'Sökningens steg (noder)', 'integer'), col('seed', 'Startvärde för slumptal', 'integer'),
      col('groups', 'Grupper', 'integer'), col('unplaced', 'Ej placerade', 'integer'), col('objective_function', 'Målfunktion'),
    ],
    rows: [[
      meta.id, p.programme, p.round, meta.createdAt, meta.acceptedRoundId, p.objective,
      o.status === 'proven-optimal' ? 'bevisat optimal' : `heuristisk: ${o.reason}`, o.bound, o.gap, o.status === 'heuristic' ? o.relativeGap : 0,
      p.solver.method === 'branch-and-bound' ? 'exakt sökning' : 'lokal sökning (heuristik)', p.solver.nodes, p.seed, p.groups.length, p.unplaced.length, p.objectiveFunction,
    ]],
  };

  const weights: Table = {
    name: 'Vikter och straff',
    columns: [col('parameter', 'Parameter (id)', 'code'), col('label', 'Parameter'), col('value', 'Värde', 'decimal', 3)],
    rows: [
      ...CRITERIA.map((c) => [c, `vikt: ${CRITERION_SV[c]}`, p.weights[c]]),
      ['unmentoredGroup', 'straff per grupp utan mentor', p.penalties.unmentoredGroup],
      ['unplacedApplicant', 'straff per ej placerad sökande', p.penalties.unplacedApplicant],
    ],
  };

  const groups: Table = {
    name: 'Grupper',
    columns: [
      col('group_id', 'Grupp', 'code'), col('members', 'Medlemmar'), col('member_ids', 'Medlemmarnas koder'), col('mentor_id', 'Mentor (kod)', 'code'),
      col('mentor_name', 'Mentor'), col('supporting_mentors', 'Stödjande mentorer'), col('value', 'Gruppens värde', 'decimal', 6),
    ],
    rows: p.groups.map((g) => [
      g.id, joinList(g.members.map((m) => m.name)), joinList(g.members.map((m) => m.id)), g.mentor?.id, g.mentor?.name,
      joinList(g.supportingMentors.map((m) => m.name)), g.value,
    ]),
  };

  const mentors: Table = {
    name: 'Mentorer',
    columns: [col('mentor_id', 'Kod', 'code'), col('mentor_name', 'Mentor'), col('capacity', 'Kapacitet (grupper)', 'integer'), col('used', 'Använd', 'integer')],
    rows: p.mentors.map((m) => [m.id, m.name, m.capacity, m.used]),
  };

  const pairBreakdown = new Map<string, Proposal['scores']['applicantPairs'][number]['breakdown']>();
  for (const s of p.scores.applicantPairs) pairBreakdown.set(`${s.a}|${s.b}`, s.breakdown).set(`${s.b}|${s.a}`, s.breakdown);
  const mentorBreakdown = new Map<string, Proposal['scores']['mentorApplicant'][number]['breakdown']>();
  for (const s of p.scores.mentorApplicant) mentorBreakdown.set(`${s.mentor}|${s.applicant}`, s.breakdown);
  const criterionCells = (b: Proposal['scores']['applicantPairs'][number]['breakdown'] | undefined): Cell[] => CRITERIA.map((c) => b?.[c]?.value ?? null);

  const termColumns: Column[] = [
    col('group_id', 'Grupp', 'code'), col('kind', 'Term'), col('a_id', 'Organisation A (kod)', 'code'), col('a_name', 'Organisation A'),
    col('b_id', 'Organisation B (kod)', 'code'), col('b_name', 'Organisation B'), col('score', 'Bidrag', 'decimal', 6), col('reason', 'Skäl'),
    ...CRITERIA.map((c) => col(c, CRITERION_SV[c], 'decimal', 3)),
  ];
  const termRows: Cell[][] = [];
  for (const g of p.groups) {
    g.terms.forEach((t, k) => {
      const reason = g.reasons[k] ?? null;
      if (t.kind === 'pair') {
        termRows.push([g.id, TERM_KIND_SV.pair, t.a, nameOf(t.a), t.b, nameOf(t.b), t.score, reason, ...criterionCells(pairBreakdown.get(`${t.a}|${t.b}`))]);
      } else if (t.kind === 'mentor') {
        termRows.push([g.id, TERM_KIND_SV.mentor, t.mentor, nameOf(t.mentor), t.applicant, nameOf(t.applicant), t.score, reason, ...criterionCells(mentorBreakdown.get(`${t.mentor}|${t.applicant}`))]);
      } else {
        termRows.push([g.id, TERM_KIND_SV['unmentored-group'], null, null, null, null, t.value, reason, ...criterionCells(undefined)]);
      }
    });
  }
  for (const u of p.unplaced) {
    termRows.push([null, TERM_KIND_SV['unplaced-applicant'], u.id, u.name, null, null, -p.penalties.unplacedApplicant, u.reason, ...criterionCells(undefined)]);
  }
  termRows.push([null, TERM_KIND_SV.objective, null, null, null, null, p.objective, p.objectiveFunction, ...criterionCells(undefined)]);
  const terms: Table = { name: 'Termer', columns: termColumns, rows: termRows };

  const unplaced: Table = {
    name: 'Ej placerade',
    columns: [col('org_id', 'Kod', 'code'), col('org_name', 'Organisation'), col('reason', 'Skäl')],
    rows: p.unplaced.map((u) => [u.id, u.name, u.reason]),
  };

  const applicants: Table = {
    name: 'Sökande',
    columns: [
      col('org_id', 'Kod', 'code'), col('org_name', 'Organisation'), col('kind', 'Typ'), col('county_code', 'Länskod', 'code'),
      col('focus', 'Fokusområden'), col('delegation', 'Delegation'), col('group_id', 'Grupp', 'code'),
    ],
    rows: p.applicants.map((a) => [
      a.id, a.name, a.kind, a.countyCode, joinList(a.focus), a.delegation ? joinList(a.delegation) : null,
      p.groups.find((g) => g.members.some((m) => m.id === a.id))?.id ?? null,
    ]),
  };

  return [summary, groups, terms, mentors, applicants, unplaced, weights];
}
