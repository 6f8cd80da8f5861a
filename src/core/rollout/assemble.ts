/**
 * Plan assembly: runs the chosen assignment round by round, solving every round exactly with the
 * matching engine for the mentors that exist by then, and writes the plan a person or program can
 * check from itself: who joins in each round, the groups with their mentor and value, the round's
 * objective and optimality.
 *
 * Invariants of the rounds written:
 * - every organisation joins at most once; a group's mentor is a round-1 mentor (round 1 only), a
 *   persistent mentor, or an organisation that joined in an earlier round, and serves at most
 *   `capacity` groups in the round; group sizes and the county rule hold (the engine's rules);
 * - an organisation the engine leaves unplaced in its round moves to the next round (within
 *   maxRounds and maxNewPerRound), else it is reported unreachable with code 'not-placed';
 * - a round's `objective` is the sum of its groups' values (the published proposal objective).
 */
import { round6 } from '../scoring/types.js';
import type { Optimality } from '../matching/solve.js';
import type { Component, Unreachable } from './components.js';
import type { RolloutModel } from './model.js';
import type { RoundSolver } from './round-solver.js';

export interface OrgRef {
  id: string;
  name: string;
}

export interface PlannedGroup {
  members: OrgRef[];
  mentor: OrgRef;
  value: number;
}

export interface PlannedRound {
  index: number;
  joins: OrgRef[];
  /** How many mentors could serve this round (round-1 or persistent mentors, and earlier joiners). */
  mentorsAvailable: number;
  groups: PlannedGroup[];
  objective: number;
  optimality: Optimality;
}

export function refOf(model: RolloutModel, id: string): OrgRef {
  return { id, name: model.orgs.get(id)?.name ?? id };
}

export function assembleRounds(
  model: RolloutModel,
  solver: RoundSolver,
  components: Component[],
  assignment: Map<string, number>,
): { rounds: PlannedRound[]; notPlaced: Unreachable[] } {
  const limit = model.maxNewPerRound ?? Infinity;
  const joinedBefore = components.map(() => [] as string[]);
  const carry = components.map(() => [] as string[]);
  const rounds: PlannedRound[] = [];
  const notPlaced: Unreachable[] = [];
  const lastPlanned = Math.max(0, ...assignment.values());
  for (let r = 1; r <= model.maxRounds && (r <= lastPlanned || carry.some((c) => c.length)); r++) {
    let budget = limit;
    const round: PlannedRound = { index: r, joins: [], mentorsAvailable: 0, groups: [], objective: 0, optimality: { status: 'proven-optimal', bound: 0, gap: 0 } };
    let bound = 0;
    let proven = true;
    components.forEach((comp, c) => {
      const planned = comp.members.filter((id) => assignment.get(id) === r);
      const joins = [...planned];
      // Carried organisations join when the per-round limit allows; the rest wait another round.
      const waiting: string[] = [];
      for (const id of carry[c]!) (joins.length < budget ? joins : waiting).push(id);
      carry[c] = waiting;
      budget -= joins.length;
      const mentors = r === 1 ? comp.firstMentors : [...new Set([...comp.persistent, ...joinedBefore[c]!])];
      round.mentorsAvailable += mentors.length;
      if (!joins.length) return;
      const solved = solver.solve(joins, mentors, 'exact');
      for (const g of solved.groups) {
        let value = 0;
        for (let a = 0; a < g.members.length; a++) for (let b = a + 1; b < g.members.length; b++) value += solver.pairScore(g.members[a]!, g.members[b]!)!;
        for (const i of g.members) value += solver.mentorScore(g.mentor, i)!;
        round.groups.push({ members: g.members.map((id) => refOf(model, id)), mentor: refOf(model, g.mentor), value: round6(value) });
        round.objective += value;
        for (const id of g.members) {
          round.joins.push(refOf(model, id));
          joinedBefore[c]!.push(id);
        }
      }
      carry[c]!.push(...solved.unplaced);
      bound += solved.optimality.bound;
      if (solved.optimality.status !== 'proven-optimal') proven = false;
    });
    round.joins.sort((a, b) => (a.id < b.id ? -1 : 1));
    round.groups.sort((a, b) => (a.members[0]!.id < b.members[0]!.id ? -1 : 1));
    round.objective = round6(round.objective);
    round.optimality = proven
      ? { status: 'proven-optimal', bound: round.objective, gap: 0 }
      : {
          status: 'heuristic',
          bound: round6(bound),
          gap: round6(Math.max(0, bound - round.objective)),
          relativeGap: round6(Math.max(0, bound - round.objective) / Math.max(1e-9, Math.abs(bound))),
          reason: 'the matching engine stopped at its node limit or solved a large round heuristically; bound from the engine',
        };
    if (round.joins.length || r <= lastPlanned) rounds.push(round);
  }
  for (const c of carry)
    for (const id of c)
      notPlaced.push({ id, code: 'not-placed', reason: `the matching engine found no group with a mentor for it within maxRounds (${model.maxRounds}) under the county rule '${model.county}'` });
  // Trailing empty rounds (everyone placed earlier) are not part of the plan.
  while (rounds.length && rounds[rounds.length - 1]!.joins.length === 0) rounds.pop();
  return { rounds, notPlaced };
}
