/**
 * Splits the organisations still to reach into components of who can mentor whom, and sets aside
 * those no plan can reach, each with its reason.
 *
 * With the county rule `same` a component is one county (its groups and mentors stay inside it);
 * otherwise all remaining organisations form one component.
 *
 * Invariants: every remaining target organisation is either in exactly one component's `members`
 * or in `unreachable` (never both); a component's `members` can be split into groups of allowed
 * sizes; each component has at least one round-1 or persistent mentor that may serve a member.
 */
import type { RolloutModel } from './model.js';
import { representable } from './cascade.js';
import type { RoundSolver } from './round-solver.js';

export interface Component {
  key: string;
  /** County code, or "all". */
  label: string;
  members: string[];
  /** Round-1 mentors (incl. persistent) that may serve some member. */
  firstMentors: string[];
  /** Persistent mentors that may serve some member. */
  persistent: string[];
}

export type UnreachableCode = 'no-mentor' | 'no-partner' | 'group-sizes' | 'max-rounds' | 'not-placed';

export interface Unreachable {
  id: string;
  code: UnreachableCode;
  reason: string;
}

const ruleText = (m: RolloutModel) => `county rule '${m.county}'`;

export function buildComponents(model: RolloutModel, solver: RoundSolver): { components: Component[]; unreachable: Unreachable[] } {
  const groups = new Map<string, string[]>();
  for (const id of model.remaining) {
    const key = model.county === 'same' ? (model.orgs.get(id)!.countyCode ?? '') : 'all';
    groups.set(key, [...(groups.get(key) ?? []), id]);
  }
  const components: Component[] = [];
  const unreachable: Unreachable[] = [];
  for (const [key, all] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const label = key === 'all' ? 'all' : key || 'unknown county';
    const where = key === 'all' ? 'the target' : `county ${label}`;
    const serves = (k: string) => all.some((i) => solver.mentorScore(k, i) !== null);
    const firstMentors = model.roundOneMentors.filter(serves);
    const persistent = model.persistentMentors.filter(serves);
    if (firstMentors.length === 0) {
      for (const id of all)
        unreachable.push({ id, code: 'no-mentor', reason: `no round-1 or persistent mentor may mentor in ${where} under the ${ruleText(model)}` });
      continue;
    }
    // An organisation needs a partner it may share a group with.
    let members = all.filter((i) => all.some((j) => j !== i && solver.pairScore(i, j) !== null));
    for (const id of all)
      if (!members.includes(id))
        unreachable.push({
          id,
          code: 'no-partner',
          reason: all.length === 1 ? `no other organisation to reach in ${where} to form a group with (${ruleText(model)})` : `no other organisation to reach in ${where} may share its group under the ${ruleText(model)}`,
        });
    // And a mentor: a round-1 or persistent one, or one that can itself be reached first.
    const served = new Set<string>();
    for (let changed = true; changed; ) {
      changed = false;
      for (const i of members)
        if (!served.has(i) && (firstMentors.some((k) => solver.mentorScore(k, i) !== null) || [...served].some((k) => solver.mentorScore(k, i) !== null))) {
          served.add(i);
          changed = true;
        }
    }
    for (const id of members)
      if (!served.has(id)) unreachable.push({ id, code: 'no-mentor', reason: `no mentor that may mentor it under the ${ruleText(model)} can be reached first` });
    members = members.filter((i) => served.has(i));
    if (members.length < model.smin) {
      for (const id of members)
        unreachable.push({ id, code: 'no-partner', reason: `too few organisations to reach in ${where} (${members.length}) for a group of at least ${model.smin}` });
      continue;
    }
    // Group sizes must be able to hold everyone planned; the least connected stay out.
    let keep = members.length;
    while (keep > 0 && !representable(keep, model)) keep--;
    if (keep < members.length) {
      const best = (i: string) => Math.max(...members.filter((j) => j !== i).map((j) => solver.pairScore(i, j) ?? -1));
      const out = [...members].sort((a, b) => best(a) - best(b) || (a < b ? 1 : -1)).slice(0, members.length - keep);
      for (const id of out)
        unreachable.push({
          id,
          code: 'group-sizes',
          reason: `groups of ${model.smin}–${model.smax} cannot hold all ${members.length} organisations to reach in ${where}; ${out.length} stay out`,
        });
      members = members.filter((i) => !out.includes(i));
    }
    components.push({ key, label, members: [...members].sort(), firstMentors, persistent });
  }
  return { components, unreachable };
}
