/**
 * Rollout planner: how many rounds until a target set of organisations has taken part.
 * Simulation: the first round's mentors are the programme's default mentors (earlier participants
 * that did not mentor in its latest round); in every later round the participants of the previous
 * round mentor (each with `capacity` groups). A round takes at most (mentors × capacity × max group
 * size) new participants from the target, nearest to a mentor first, and forms groups and mentor
 * pairings with the matching core (every group mentored). Stops when the target is reached, when no
 * mentor is left, or after maxRounds. Deterministic.
 */
import { AppError } from '../errors.js';
import type { World } from '../model.js';
import { defaultMentorIds } from '../matching/instance.js';
import { selectTakenPlace } from '../record/taken-place.js';
import { proposeRound } from '../matching/proposal.js';
import { distanceKm } from '../scoring/criteria.js';

export interface RolloutOptions {
  programme?: string;
  /** Groups per mentor per round (default 1). */
  capacity?: number;
  groupSize?: [number, number];
  maxRounds?: number;
  /** Applicants per round above which the heuristic replaces the exact search (default 24). */
  exactUpTo?: number;
}

export interface RolloutRound {
  index: number;
  mentors: { id: string; name: string }[];
  joins: { id: string; name: string }[];
  groups: { members: string[]; mentor: string | null }[];
}

export interface RolloutPlan {
  target: { spec: string; ids: string[] };
  alreadyReached: string[];
  rounds: RolloutRound[];
  roundsNeeded: number | null;
  /** Target organisations still not reached when the simulation stopped. */
  remaining: string[];
  stoppedBecause: 'reached' | 'no-mentors' | 'max-rounds' | 'no-progress';
}

/** Resolves a target: county:NN, kommungrupp:XX (2023 code, else 2017), ids:a,b,c (or a bare list), all. */
export function resolveTarget(world: World, spec: string | string[]): string[] {
  const munis = world.organisations.filter((o) => o.kind === 'kommun');
  if (Array.isArray(spec)) return resolveIds(world, spec);
  if (spec === 'all') return munis.map((o) => o.id).sort();
  const [kind, value] = spec.split(':', 2) as [string, string | undefined];
  if (kind === 'county' && value) {
    const ids = munis.filter((o) => o.countyCode === value).map((o) => o.id).sort();
    if (!ids.length) throw new AppError('invalid_input', `No municipalities in county '${value}'`, [{ field: 'target', message: 'unknown county', values: [value] }]);
    return ids;
  }
  if (kind === 'kommungrupp' && value) {
    const ids = munis.filter((o) => (o.kommungrupp2023 ?? o.kommungrupp2017) === value).map((o) => o.id).sort();
    if (!ids.length) throw new AppError('invalid_input', `No municipalities in kommungrupp '${value}'`, [{ field: 'target', message: 'unknown kommungrupp', values: [value] }]);
    return ids;
  }
  if (kind === 'ids' && value) return resolveIds(world, value.split(','));
  throw new AppError('invalid_input', `Unknown target '${spec}' (use county:NN, kommungrupp:XX, ids:a,b or all)`, [{ field: 'target', message: 'unknown target form', values: [spec] }]);
}

function resolveIds(world: World, ids: string[]): string[] {
  const known = new Set(world.organisations.map((o) => o.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw new AppError('unknown_ids', `Unknown ids: ${unknown.join(', ')}`, [{ field: 'target', message: 'unknown organisation', values: unknown }]);
  return [...new Set(ids)].sort();
}

export function planRollout(record: World, target: string | string[], options: RolloutOptions = {}): RolloutPlan {
  // "Already reached" and the mentors available count only rounds that have taken place.
  const world = selectTakenPlace(record);
  const programme = options.programme ?? 'modellkommuner';
  const capacity = options.capacity ?? 1;
  const groupSize = options.groupSize ?? [2, 3];
  const maxRounds = options.maxRounds ?? 20;
  const targetIds = resolveTarget(world, target);
  const orgs = new Map(world.organisations.map((o) => [o.id, o]));
  const programmeRounds = new Set(world.rounds.filter((r) => r.programmeId === programme).map((r) => r.id));
  const reached = new Set<string>();
  for (const p of world.participations) if (programmeRounds.has(p.roundId)) reached.add(p.orgId);
  for (const g of world.groups) if (programmeRounds.has(g.roundId)) for (const m of g.members) reached.add(m);
  const alreadyReached = targetIds.filter((id) => reached.has(id));
  let remaining = targetIds.filter((id) => !reached.has(id));
  let mentors = defaultMentorIds(world, programme);
  const rounds: RolloutRound[] = [];
  const name = (id: string) => ({ id, name: orgs.get(id)?.name ?? id });
  let stoppedBecause: RolloutPlan['stoppedBecause'] = 'reached';
  while (remaining.length > 0) {
    if (rounds.length >= maxRounds) {
      stoppedBecause = 'max-rounds';
      break;
    }
    if (mentors.length === 0 || capacity === 0) {
      stoppedBecause = 'no-mentors';
      break;
    }
    const seats = mentors.length * capacity * groupSize[1];
    // Nearest to a mentor first (travel), ties by id.
    const dist = (id: string) => {
      const o = orgs.get(id)!;
      let best = Infinity;
      for (const m of mentors) {
        const mo = orgs.get(m);
        if (mo && o.lat !== null && o.lon !== null && mo.lat !== null && mo.lon !== null) best = Math.min(best, distanceKm(o.lat, o.lon, mo.lat, mo.lon));
      }
      return best;
    };
    let joiners = [...remaining].sort((a, b) => dist(a) - dist(b) || (a < b ? -1 : 1)).slice(0, seats);
    if (joiners.length < groupSize[0]) {
      // Too few left to form a group alone: they join with the smallest possible group anyway if any remain.
      stoppedBecause = 'no-progress';
      break;
    }
    const usedMentors = mentors.filter((m) => !joiners.includes(m));
    const proposal = proposeRound(
      world,
      {
        programme,
        applicants: joiners.map((id) => ({ id })),
        mentors: usedMentors.map((id) => ({ id, capacity })),
        rules: { groupSize, mentorRequired: true, noRepeatGroupings: false },
      },
      { method: joiners.length > (options.exactUpTo ?? 24) ? 'heuristic' : 'exact', maxNodes: 50_000, listScores: 'none' },
    );
    const placed = proposal.groups.flatMap((g) => g.members.map((m) => m.id));
    if (placed.length === 0) {
      stoppedBecause = 'no-progress';
      break;
    }
    joiners = placed.sort();
    rounds.push({
      index: rounds.length + 1,
      mentors: [...new Set(proposal.groups.map((g) => g.mentor?.id).filter((x): x is string => !!x))].sort().map(name),
      joins: joiners.map(name),
      groups: proposal.groups.map((g) => ({ members: g.members.map((m) => m.id), mentor: g.mentor?.id ?? null })),
    });
    const joinedSet = new Set(joiners);
    remaining = remaining.filter((id) => !joinedSet.has(id));
    mentors = joiners; // participants of round r mentor in round r+1
  }
  return {
    target: { spec: Array.isArray(target) ? `ids:${target.join(',')}` : target, ids: targetIds },
    alreadyReached,
    rounds,
    roundsNeeded: remaining.length === 0 ? rounds.length : null,
    remaining,
    stoppedBecause: remaining.length === 0 ? 'reached' : stoppedBecause,
  };
}
