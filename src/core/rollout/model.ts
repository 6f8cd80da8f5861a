/**
 * The rollout model: what a planner states (target, programme, round-1 mentors, persistent mentors,
 * groups per mentor, group sizes, the county rule, new participants per round, most rounds) and its
 * normalised form with every default filled in and every id checked against the World.
 *
 * Invariants of a RolloutModel:
 * - `remaining` = target organisations that have not taken part in a round of the programme that
 *   has taken place; `alreadyReached` = the rest of the target. Both sorted, disjoint.
 * - round-1 mentors and persistent mentors are known organisations that have taken part (so none of
 *   them is in `remaining`); persistent mentors are also round-1 mentors.
 * - 1 ≤ capacity ≤ 10, 2 ≤ smin ≤ smax ≤ 4, maxNewPerRound ≥ smin (or null), 1 ≤ maxRounds ≤ 50.
 *
 * The county rule holds within each group and between the group's mentor and each member:
 * `same` — one county; `different` — no two from one county (unknown county passes); `any`.
 */
import { AppError } from '../errors.js';
import type { Organisation, World } from '../model.js';
import { defaultMentorIds } from '../matching/instance.js';
import { hasTakenPlace } from '../record/taken-place.js';
import { resolveTarget } from './target.js';

export type RolloutCountyRule = 'any' | 'same' | 'different';

/** The plain, JSON-serialisable input of a rollout plan. */
export interface RolloutInput {
  /** "county:NN", "kommungrupp:XX", "ids:a,b", "all", or a list of ids. */
  target: string | string[];
  programme?: string;
  /** Mentors available in round 1; null or absent: the programme's default mentors. */
  mentors?: string[] | null;
  /** Mentors available in every round (e.g. a county's experienced helpers). */
  persistentMentors?: string[];
  /** Groups per mentor per round (default 1). */
  capacity?: number;
  groupSize?: [number, number];
  /** 'other' is accepted as a synonym of 'different'. */
  county?: RolloutCountyRule | 'other';
  /** New participants a round can host; null or absent: no limit. */
  maxNewPerRound?: number | null;
  /** Rounds the plan may use (default 20). */
  maxRounds?: number;
}

export interface RolloutModel {
  programme: string;
  targetSpec: string;
  targetIds: string[];
  alreadyReached: string[];
  remaining: string[];
  mentorSource: 'default' | 'instance';
  roundOneMentors: string[];
  persistentMentors: string[];
  capacity: number;
  smin: number;
  smax: number;
  county: RolloutCountyRule;
  maxNewPerRound: number | null;
  maxRounds: number;
  orgs: Map<string, Organisation>;
}

export const ROLLOUT_LIMITS = { capacity: 10, maxRounds: 50, maxNewPerRound: 1000, ids: 400 } as const;

const invalid = (message: string, field: string, values: unknown[] = []): AppError =>
  new AppError('invalid_input', message, [{ field, message, values }]);

/**
 * Rounds that have taken place (running or completed): only they count as "already reached" and
 * as mentor experience. Planned rounds are plans, not history.
 */
export function takenPlaceRoundIds(world: World, programme: string): Set<string> {
  return new Set(world.rounds.filter((r) => r.programmeId === programme && hasTakenPlace(r)).map((r) => r.id));
}

/** Organisations that took part (any role) in the given rounds. */
export function participantsOf(world: World, roundIds: Set<string>): Set<string> {
  const reached = new Set<string>();
  for (const p of world.participations) if (roundIds.has(p.roundId)) reached.add(p.orgId);
  for (const g of world.groups) if (roundIds.has(g.roundId)) for (const m of g.members) reached.add(m);
  for (const l of world.mentorLinks) if (roundIds.has(l.roundId)) reached.add(l.mentorId);
  return reached;
}

function checkInt(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw invalid(`${field} must be a whole number from ${min} to ${max}`, field, [value]);
  return value;
}

function checkMentorList(world: World, list: unknown, field: string, tookPart: Set<string>, programme: string): string[] {
  if (!Array.isArray(list)) throw invalid(`${field} must be a list of organisation ids`, field);
  if (list.length > ROLLOUT_LIMITS.ids) throw invalid(`${field} lists more than ${ROLLOUT_LIMITS.ids} ids`, field, [list.length]);
  const known = new Set(world.organisations.map((o) => o.id));
  const unknown = list.filter((id) => typeof id !== 'string' || !known.has(id));
  if (unknown.length) throw new AppError('unknown_ids', `Unknown ids: ${unknown.join(', ')} (${field})`, [{ field, message: 'unknown organisation', values: unknown }]);
  list.forEach((id: string, i) => {
    if (!tookPart.has(id))
      throw invalid(`${field}[${i}]: '${id}' has not taken part in a round of ${programme} that has taken place, so it cannot mentor`, `${field}[${i}]`, [id]);
  });
  return [...new Set(list as string[])].sort();
}

/** Fills defaults and checks every field; throws AppError('invalid_input' | 'unknown_ids') naming the field. */
export function normaliseRollout(world: World, input: RolloutInput): RolloutModel {
  const programme = input.programme ?? 'modellkommuner';
  if (!world.programmes.some((p) => p.id === programme)) throw invalid(`Unknown programme '${programme}'`, 'programme', [programme]);
  if (input.target === undefined || input.target === null) throw invalid('target is required', 'target');
  if (Array.isArray(input.target) && input.target.length > ROLLOUT_LIMITS.ids)
    throw invalid(`target lists more than ${ROLLOUT_LIMITS.ids} ids`, 'target', [input.target.length]);
  const targetIds = resolveTarget(world, input.target);
  const taken = takenPlaceRoundIds(world, programme);
  const reached = participantsOf(world, taken);
  const capacity = checkInt(input.capacity ?? 1, 'capacity', 1, ROLLOUT_LIMITS.capacity);
  const gs = input.groupSize ?? [2, 3];
  if (!Array.isArray(gs) || gs.length !== 2 || !gs.every((x) => Number.isInteger(x)) || gs[0] < 2 || gs[1] < gs[0] || gs[1] > 4)
    throw invalid('groupSize must be [min, max] with 2 ≤ min ≤ max ≤ 4', 'groupSize', [gs]);
  const rawCounty = input.county ?? 'any';
  if (!['any', 'same', 'different', 'other'].includes(rawCounty)) throw invalid("county must be 'any', 'same' or 'different'", 'county', [rawCounty]);
  const county: RolloutCountyRule = rawCounty === 'other' ? 'different' : (rawCounty as RolloutCountyRule);
  const maxNewPerRound =
    input.maxNewPerRound === undefined || input.maxNewPerRound === null ? null : checkInt(input.maxNewPerRound, 'maxNewPerRound', gs[0], ROLLOUT_LIMITS.maxNewPerRound);
  const maxRounds = checkInt(input.maxRounds ?? 20, 'maxRounds', 1, ROLLOUT_LIMITS.maxRounds);
  const mentorSource = input.mentors ? 'instance' : 'default';
  const roundOne = input.mentors ? checkMentorList(world, input.mentors, 'mentors', reached, programme) : defaultMentorIds(world, programme);
  const persistent = checkMentorList(world, input.persistentMentors ?? [], 'persistentMentors', reached, programme);
  const spec = Array.isArray(input.target) ? `ids:${targetIds.join(',')}` : input.target;
  return {
    programme,
    targetSpec: spec,
    targetIds,
    alreadyReached: targetIds.filter((id) => reached.has(id)),
    remaining: targetIds.filter((id) => !reached.has(id)),
    mentorSource,
    roundOneMentors: [...new Set([...roundOne, ...persistent])].sort(),
    persistentMentors: persistent,
    capacity,
    smin: gs[0],
    smax: gs[1],
    county,
    maxNewPerRound,
    maxRounds,
    orgs: new Map(world.organisations.map((o) => [o.id, o])),
  };
}

/** Whether two organisations may share a group under the county rule. */
export function pairAllowed(rule: RolloutCountyRule, a: Organisation, b: Organisation): boolean {
  if (rule === 'same') return a.countyCode === b.countyCode;
  if (rule === 'different') return a.countyCode === null || a.countyCode !== b.countyCode;
  return true;
}

/** Whether a mentor may mentor a group member under the county rule (same test as a pair). */
export const mentorAllowedFor = pairAllowed;
