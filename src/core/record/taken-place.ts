/**
 * What has taken place: the World restricted to rounds that are running or completed (and, when
 * asked, planned ones), so that spread, lineage, generations, organisation participation, rollout
 * "already reached" and default mentors never count a plan, a cancelled or a superseded round.
 *
 * Invariants:
 * - the result keeps every organisation, county, programme, source, focus area and fact of the
 *   record; only rounds and what belongs to rounds (participations, groups, mentor links and
 *   conflicts' concerns) are filtered;
 * - a conflict whose every concern names a removed round is removed; one that concerns kept and
 *   removed rounds keeps only the concerns of kept rounds;
 * - pure and non-mutating: the input World is not changed, and arrays of facts are shared only
 *   when nothing was filtered from them; a World is treated as immutable, so the same input gives
 *   the same output object.
 */
import { TAKEN_PLACE_STATES, type Round, type RoundState, type World } from '../model.js';

export interface TakenPlaceOptions {
  /** Also keep planned rounds (a proposal accepted, not started); for views that mark them. */
  includePlanned?: boolean | undefined;
}

/** The states a view with these options shows. */
export function countedStates(options: TakenPlaceOptions = {}): RoundState[] {
  return options.includePlanned ? [...TAKEN_PLACE_STATES, 'planned'] : [...TAKEN_PLACE_STATES];
}

/** True when the round has taken place (running or completed). */
export const hasTakenPlace = (round: Pick<Round, 'state'>): boolean => TAKEN_PLACE_STATES.includes(round.state);

// One filtered World per World and option, so that what is keyed by a World's identity (the solve
// pool's snapshot, the per-world memos) is computed once per record, not once per request: with a
// round in preparation or planned, every call used to return a new object, and each rollout plan
// request serialised the whole record on the request thread to send it to the pool.
const selected = { taken: new WeakMap<World, World>(), planned: new WeakMap<World, World>() };

export function selectTakenPlace(world: World, options: TakenPlaceOptions = {}): World {
  const memo = options.includePlanned ? selected.planned : selected.taken;
  let out = memo.get(world);
  if (!out) memo.set(world, (out = filterRounds(world, options)));
  return out;
}

function filterRounds(world: World, options: TakenPlaceOptions): World {
  const states = new Set(countedStates(options));
  const kept = new Set(world.rounds.filter((r) => states.has(r.state)).map((r) => r.id));
  if (kept.size === world.rounds.length) return world;
  const inKept = (f: { roundId: string }) => kept.has(f.roundId);
  const conflicts = world.conflicts.flatMap((c) => {
    const concerns = c.concerns.filter((k) => kept.has(k.round));
    if (concerns.length === c.concerns.length) return [c];
    return concerns.length === 0 ? [] : [{ ...c, concerns }];
  });
  const conflictIds = new Set(conflicts.map((c) => c.id));
  return {
    ...world,
    rounds: world.rounds.filter((r) => kept.has(r.id)),
    participations: world.participations.filter(inKept),
    groups: world.groups.filter(inKept),
    mentorLinks: world.mentorLinks
      .filter(inKept)
      .map((l) => (l.conflicts.every((id) => conflictIds.has(id)) ? l : { ...l, conflicts: l.conflicts.filter((id) => conflictIds.has(id)) })),
    conflicts,
  };
}

/**
 * Says in the response whether planned rounds are counted: `includesPlanned` and the ids of the
 * planned rounds of the programme (or all programmes) that went into the figures.
 */
export function plannedMarker(counted: World, options: TakenPlaceOptions, programme?: string): { includesPlanned: boolean; plannedRoundIds: string[] } {
  const plannedRoundIds = options.includePlanned
    ? counted.rounds.filter((r) => r.state === 'planned' && (!programme || r.programmeId === programme)).map((r) => r.id)
    : [];
  return { includesPlanned: Boolean(options.includePlanned), plannedRoundIds };
}
