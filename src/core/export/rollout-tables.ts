/**
 * A rollout plan (src/core/rollout) as typed tables for CSV and XLSX: one row per target
 * organisation (when and with whom it joins, or why not), the rounds, the groups, and a summary.
 * Invariants: the organisation table has exactly one row per target id, in target order; a row's
 * round is set iff its status is 'joins'; the rounds table's objectives are the plan's.
 */
import type { RolloutPlan } from '../rollout/index.js';
import { col, type Table } from './table.js';

const STATUS_SV: Record<string, string> = { 'already-reached': 'redan med', joins: 'går med', unreachable: 'nås inte' };

/** The CSV: one row per target organisation. */
export function buildRolloutOrganisationTable(plan: RolloutPlan, counties: ReadonlyMap<string, string | null> = new Map()): Table {
  const joined = new Map<string, { round: number; group: number; mentor: { id: string; name: string }; value: number; name: string }>();
  for (const r of plan.rounds)
    r.groups.forEach((g, gi) => {
      for (const m of g.members) joined.set(m.id, { round: r.index, group: gi + 1, mentor: g.mentor, value: g.value, name: m.name });
    });
  const reached = new Map(plan.alreadyReached.map((o) => [o.id, o.name]));
  const unreachable = new Map(plan.unreachable.map((u) => [u.id, u]));
  return {
    name: 'Organisationer',
    columns: [
      col('org_id', 'Kod', 'code'), col('org_name', 'Organisation'), col('county_code', 'Länskod', 'code'), col('status', 'Status'),
      col('round', 'Planerad omgång', 'integer'), col('group', 'Grupp', 'integer'), col('mentor_id', 'Mentor (kod)', 'code'), col('mentor_name', 'Mentor'),
      col('group_value', 'Gruppens värde', 'decimal', 3), col('unreachable_code', 'Orsak (kod)', 'code'), col('reason', 'Orsak'),
    ],
    rows: plan.target.ids.map((id) => {
      const j = joined.get(id);
      const u = unreachable.get(id);
      const status = j ? 'joins' : reached.has(id) ? 'already-reached' : 'unreachable';
      const name = j?.name ?? reached.get(id) ?? u?.name ?? id;
      return [id, name, counties.get(id) ?? null, STATUS_SV[status] ?? status, j?.round ?? null, j?.group ?? null, j?.mentor.id ?? null, j?.mentor.name ?? null, j?.value ?? null, u?.code ?? null, u?.reason ?? null];
    }),
  };
}

/** The workbook: summary, organisations, rounds, groups. */
export function buildRolloutTables(plan: RolloutPlan, counties: ReadonlyMap<string, string | null> = new Map()): Table[] {
  const s = plan.settings;
  const summary: Table = {
    name: 'Sammanfattning',
    columns: [col('field', 'Uppgift'), col('value', 'Värde')],
    rows: [
      ['Mål', plan.target.spec],
      ['Organisationer i målet', String(plan.target.ids.length)],
      ['Redan med', String(plan.alreadyReached.length)],
      ['Omgångar som behövs', plan.roundsNeeded === null ? 'nås inte inom högsta antalet omgångar' : String(plan.roundsNeeded)],
      ['Undre gräns för antalet omgångar', plan.lowerBound === null ? '–' : String(plan.lowerBound)],
      ['Bevisat minsta antal', plan.minimal ? 'ja' : 'nej'],
      ['Planens värde', plan.value.objective.toFixed(6)],
      ['Övre gräns för värdet', plan.value.bound.toFixed(6)],
      ['Gap', plan.value.gap.toFixed(6)],
      ['Grupper per mentor och omgång', String(s.capacity)],
      ['Gruppstorlek', `${s.groupSize[0]}–${s.groupSize[1]}`],
      ['Länsregel', s.county],
      ['Högst nya per omgång', s.maxNewPerRound === null ? 'ingen gräns' : String(s.maxNewPerRound)],
      ['Mentorer i omgång 1', s.mentors.map((m) => m.name).join('; ')],
      ['Mentorer i varje omgång', s.persistentMentors.map((m) => m.name).join('; ')],
      ['Målfunktion', plan.objectiveFunction],
    ],
  };
  const rounds: Table = {
    name: 'Omgångar',
    columns: [col('round', 'Omgång', 'integer'), col('joins', 'Nya', 'integer'), col('groups', 'Grupper', 'integer'), col('mentors_available', 'Tillgängliga mentorer', 'integer'), col('objective', 'Målfunktion', 'decimal', 3), col('optimality', 'Optimalitet'), col('gap', 'Gap', 'decimal', 3)],
    rows: plan.rounds.map((r) => [r.index, r.joins.length, r.groups.length, r.mentorsAvailable, r.objective, r.optimality.status === 'proven-optimal' ? 'bevisat optimal' : 'heuristisk', r.optimality.gap]),
  };
  const groups: Table = {
    name: 'Grupper',
    columns: [col('round', 'Omgång', 'integer'), col('group', 'Grupp', 'integer'), col('mentor_id', 'Mentor (kod)', 'code'), col('mentor_name', 'Mentor'), col('members', 'Deltagare'), col('value', 'Värde', 'decimal', 3)],
    rows: plan.rounds.flatMap((r) => r.groups.map((g, gi) => [r.index, gi + 1, g.mentor.id, g.mentor.name, g.members.map((m) => m.name).join('; '), g.value])),
  };
  return [summary, buildRolloutOrganisationTable(plan, counties), rounds, groups];
}
