/** The rollout plan as text for a terminal: every line at most 100 columns, organisations by name. */
import type { RolloutPlan } from '../core/rollout/index.js';

export const MAX_COLUMNS = 100;

/** Joins items with ", " into lines of at most `width` columns, the first prefixed, the rest indented. */
export function wrapList(prefix: string, items: string[], width = MAX_COLUMNS, indent = '    '): string[] {
  const lines: string[] = [];
  let line = prefix;
  items.forEach((item, i) => {
    const piece = item + (i < items.length - 1 ? ',' : '');
    const candidate = line.length === 0 || line === prefix || line === indent ? line + piece : `${line} ${piece}`;
    if (candidate.length > width && line !== prefix && line !== indent) {
      lines.push(line);
      line = indent + piece;
    } else line = candidate;
  });
  lines.push(line);
  // A single item longer than the width is cut rather than breaking the layout.
  return lines.map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function formatRolloutPlan(plan: RolloutPlan): string[] {
  const out: string[] = [];
  const s = plan.settings;
  out.push(...wrapList(`Target ${plan.target.spec}: `, [`${plural(plan.target.ids.length, 'organisation', 'organisations')}`, `${plan.alreadyReached.length} already reached`]));
  out.push(
    ...wrapList('Rules: ', [
      `${s.capacity} group(s) per mentor per round`,
      `groups of ${s.groupSize[0]}–${s.groupSize[1]}`,
      `county rule ${s.county}`,
      s.maxNewPerRound === null ? 'no limit per round' : `at most ${s.maxNewPerRound} new per round`,
      `at most ${s.maxRounds} rounds`,
    ]),
  );
  // Under `same` a county can use only its own mentors: name those, not the whole default list.
  const serving = [...new Map(plan.components.flatMap((c) => c.mentors).map((m) => [m.id, m])).values()];
  if (plan.components.length && serving.length < s.mentors.length)
    out.push(...wrapList(`Round-1 mentors that may serve the target (${serving.length} of ${s.mentors.length}, ${s.mentorSource}): `, serving.map((m) => m.name)));
  else out.push(...wrapList(`Round-1 mentors (${s.mentorSource}): `, s.mentors.map((m) => m.name)));
  if (s.persistentMentors.length) out.push(...wrapList('Mentors in every round: ', s.persistentMentors.map((m) => m.name)));
  for (const r of plan.rounds) {
    out.push('');
    out.push(`Round ${r.index}: ${plural(r.joins.length, 'joins', 'join')}, ${plural(r.groups.length, 'group', 'groups')}, objective ${r.objective.toFixed(3)}${r.optimality.status === 'proven-optimal' ? ' (proven optimal)' : ` (heuristic, gap ${r.optimality.gap.toFixed(3)})`}`);
    for (const g of r.groups) out.push(...wrapList(`  ${g.mentor.name} → `, g.members.map((m, i) => (i === g.members.length - 1 ? `${m.name} (${g.value.toFixed(3)})` : m.name))));
  }
  if (plan.unreachable.length) {
    out.push('');
    out.push(`Not reachable: ${plan.unreachable.length}`);
    for (const u of plan.unreachable) out.push(...wrapList(`  ${u.name} (${u.id}): `, u.reason.split(' ')).map((l) => l.replace(/,$/, '')));
  }
  out.push('');
  if (plan.roundsNeeded === null) out.push(`Not every organisation is reached within ${s.maxRounds} rounds.`);
  else out.push(`Rounds needed: ${plan.roundsNeeded}; lower bound ${plan.lowerBound} (${plan.lowerBoundBasis}); ${plan.minimal ? 'proven minimal' : 'not proven minimal'}.`);
  const v = plan.value;
  out.push(`Plan value ${v.objective.toFixed(3)}, bound ${v.bound.toFixed(3)}, gap ${v.gap.toFixed(3)} (${v.status}, ${v.method}).`);
  return out.flatMap((l) => (l.length > MAX_COLUMNS ? wrapList('', l.split(' ')).map((x) => x.replace(/,$/, '')) : [l]));
}
