/**
 * Rollout planner: the fewest rounds in which a target set of organisations (a county, a
 * kommungrupp, a list, the country) can take part, proven against a lower bound, and within that
 * number who joins when, with whom and with which mentor.
 *
 * The model (see model.ts): round 1 is mentored by the round-1 mentors (default: the programme's
 * default mentors) and the persistent mentors; from round 2 on by the persistent mentors and every
 * organisation that joined in an earlier round of the plan. Each mentor takes at most `capacity`
 * groups per round, every group has a mentor, groups have allowed sizes, the county rule holds in
 * each group and between mentor and member, and a round takes at most `maxNewPerRound`.
 *
 * Steps: components of who can mentor whom (components.ts) → the fewest rounds by counting
 * (cascade.ts, with the cascade-capacity lower bound) → who joins when, maximising the sum of the
 * rounds' published objectives (search.ts: enumeration, or branch and bound over join rounds with a
 * multi-round LP bound, value-*.ts) → every round solved exactly by the matching engine and
 * written out (assemble.ts).
 *
 * Invariants of the result: `lowerBound` ≤ the fewest rounds of any valid plan; `minimal` is true
 * only when `roundsNeeded` equals it; every round respects the model's rules; `value.bound` ≥ the
 * value of any valid plan with `roundsNeeded` rounds (the exhaustive, LP or relaxation bound), and
 * `value.status` is 'proven-optimal' only when the value reaches it;
 * the input and the output are plain JSON; deterministic for a given input.
 */
import type { World } from '../model.js';
import { OBJECTIVE_TEXT } from '../matching/proposal.js';
import { selectTakenPlace } from '../record/taken-place.js';
import { round6 } from '../scoring/types.js';
import type { OrgRef, PlannedRound } from './assemble.js';
import { assembleRounds, refOf } from './assemble.js';
import type { CascadeParams, CountComponent } from './cascade.js';
import { cascadeBound, fewestRounds, mostProgress } from './cascade.js';
import type { UnreachableCode } from './components.js';
import { buildComponents } from './components.js';
import type { RolloutCountyRule, RolloutInput } from './model.js';
import { normaliseRollout } from './model.js';
import { RoundSolver } from './round-solver.js';
import { BRANCH_MAX_NODES, BRANCH_MAX_WORK, EXHAUSTIVE_LIMIT, SEARCH_WORK_BUDGET, greedySchedule, planComponent } from './search.js';

export { normaliseRollout, ROLLOUT_LIMITS } from './model.js';
export { resolveTarget } from './target.js';
export type { RolloutInput, RolloutCountyRule } from './model.js';
export type { OrgRef, PlannedRound, PlannedGroup } from './assemble.js';

export const ROLLOUT_FORMAT = 'modellkommuner.rollout/1';

export interface RolloutOptions {
  /** 'all' lists every pair and mentor score the plan may use (small targets; for re-checking). */
  listScores?: 'all' | 'none';
  /** Engine work the local search may spend (deterministic; default SEARCH_WORK_BUDGET). */
  searchBudget?: number;
  /** Nodes of the branch and bound over join rounds per component (default BRANCH_MAX_NODES; 0: none). */
  branchNodes?: number;
  /** LP work of the branch and bound over the whole plan, shared by the components by size (default BRANCH_MAX_WORK). */
  branchWork?: number;
  /** Components with at most this many assignments to rounds are enumerated (default EXHAUSTIVE_LIMIT; 0: never). */
  exhaustiveLimit?: number;
  /** false: two-round components are bounded by the multi-round LP instead of the tree LP (side-by-side benchmarks). */
  treeBound?: boolean;
}

export interface RolloutPlan {
  format: typeof ROLLOUT_FORMAT;
  programme: string;
  target: { spec: string; ids: string[] };
  settings: {
    mentorSource: 'default' | 'instance';
    mentors: OrgRef[];
    persistentMentors: OrgRef[];
    capacity: number;
    groupSize: [number, number];
    county: RolloutCountyRule;
    maxNewPerRound: number | null;
    maxRounds: number;
  };
  alreadyReached: OrgRef[];
  rounds: PlannedRound[];
  /** Rounds of the plan when it reaches every organisation the rules allow; null when maxRounds cuts it short. */
  roundsNeeded: number | null;
  /** No valid plan reaches them in fewer rounds; null when nothing bounds it (see unreachable). */
  lowerBound: number | null;
  lowerBoundBasis: 'cascade-capacity' | 'count-search';
  /** The cascade-capacity bound alone. */
  cascadeBound: number | null;
  minimal: boolean;
  unreachable: (OrgRef & { code: UnreachableCode; reason: string })[];
  value: {
    objective: number;
    bound: number;
    gap: number;
    status: 'proven-optimal' | 'heuristic';
    method: 'exhaustive' | 'branch-and-bound' | 'local-search' | 'mixed' | 'none';
    note: string;
  };
  objectiveFunction: string;
  /** Each component planned on its own (a county under `same`, else the whole target), with the round-1 and persistent mentors that may serve it. */
  components: { key: string; members: number; mentors: OrgRef[]; method: 'exhaustive' | 'branch-and-bound' | 'local-search'; nodes?: number; work?: number }[];
  scores?: { pairs: { a: string; b: string; score: number }[]; mentors: { mentor: string; applicant: string; score: number }[] };
}

/** Plans a rollout. Pure: plain JSON in, plain JSON out. Throws AppError invalid_input | unknown_ids. */
export function planRollout(fullWorld: World, input: RolloutInput, options: RolloutOptions = {}): RolloutPlan {
  // Only rounds that have taken place count: as "already reached", as mentors' experience, as default mentors.
  const world = selectTakenPlace(fullWorld);
  const model = normaliseRollout(world, input);
  const solver = new RoundSolver(world, model.programme, model.orgs, model.county, model.capacity, model.smin, model.smax);
  const { components: found, unreachable } = buildComponents(model, solver);
  const params: CascadeParams = { capacity: model.capacity, smin: model.smin, smax: model.smax, maxNew: model.maxNewPerRound ?? Infinity };
  const counted = (cs: typeof found): CountComponent[] => cs.map((c) => ({ key: c.key, n: c.members.length, firstMentors: c.firstMentors.length, persistent: c.persistent.length }));
  const fewest = fewestRounds(counted(found), params, model.maxRounds);
  const bound = cascadeBound(counted(found), params);
  let components = found;
  let schedule = fewest.schedule;
  if (!schedule) {
    // The whole target does not fit in maxRounds: plan the most the cascade allows, nearest first.
    schedule = mostProgress(counted(found), params, model.maxRounds);
    components = found.map((comp, c) => {
      const picked = greedySchedule(comp, schedule!.counts[c]!, solver);
      const kept = comp.members.filter((_, i) => picked[i]! > 0);
      for (const id of comp.members.filter((_, i) => picked[i] === 0))
        unreachable.push({ id, code: 'max-rounds', reason: `not reached within maxRounds (${model.maxRounds}): the cascade needs at least ${Number.isFinite(fewest.provenLowerBound) ? fewest.provenLowerBound : 'more'} rounds for the whole target` });
      return { ...comp, members: kept };
    });
  }
  const total = components.reduce((s, c) => s + c.members.length, 0);
  const coupled = components.length > 1 && params.maxNew < total;
  const assignment = new Map<string, number>();
  const methods: ('exhaustive' | 'branch-and-bound' | 'local-search')[] = [];
  const searched: { nodes?: number; work?: number }[] = [];
  let planBound = 0;
  let proven = true;
  components.forEach((comp, c) => {
    const counts = schedule!.counts[c]!;
    const others = counts.map((_, r) => schedule!.counts.reduce((s, xs, d) => s + (d === c ? 0 : (xs[r] ?? 0)), 0));
    const plan = planComponent(comp, counts, others, params, solver, {
      budget: Math.round(((options.searchBudget ?? SEARCH_WORK_BUDGET) * comp.members.length) / Math.max(1, total)),
      exhaustive: !coupled,
      exhaustiveLimit: options.exhaustiveLimit ?? EXHAUSTIVE_LIMIT,
      // The search's budget is shared by the components in proportion to their size, like the local search's.
      branch: {
        maxNodes: options.branchNodes ?? BRANCH_MAX_NODES,
        maxWork: Math.round(((options.branchWork ?? BRANCH_MAX_WORK) * comp.members.length) / Math.max(1, total)),
        trees: options.treeBound ?? true,
      },
    });
    comp.members.forEach((id, i) => assignment.set(id, plan.rounds[i]!));
    methods.push(plan.method);
    searched.push(plan.nodes === undefined ? {} : { nodes: plan.nodes, work: plan.work! });
    planBound += plan.bound;
    if (!plan.proven) proven = false;
  });
  const { rounds, notPlaced } = assembleRounds(model, solver, components, assignment);
  unreachable.push(...notPlaced);
  const objective = round6(rounds.reduce((s, r) => s + r.objective, 0));
  const allProven = proven && notPlaced.length === 0 && rounds.every((r) => r.optimality.status === 'proven-optimal');
  const cut = unreachable.some((u) => u.code === 'max-rounds' || u.code === 'not-placed');
  const roundsNeeded = cut ? null : rounds.length;
  const lowerBound = Number.isFinite(fewest.provenLowerBound) ? fewest.provenLowerBound : null;
  const method = methods.length === 0 ? 'none' : methods.every((m) => m === methods[0]) ? methods[0]! : 'mixed';
  const valueBound = round6(Math.max(objective, planBound));
  return {
    format: ROLLOUT_FORMAT,
    programme: model.programme,
    target: { spec: model.targetSpec, ids: model.targetIds },
    settings: {
      mentorSource: model.mentorSource,
      mentors: model.roundOneMentors.map((id) => refOf(model, id)),
      persistentMentors: model.persistentMentors.map((id) => refOf(model, id)),
      capacity: model.capacity,
      groupSize: [model.smin, model.smax],
      county: model.county,
      maxNewPerRound: model.maxNewPerRound,
      maxRounds: model.maxRounds,
    },
    alreadyReached: model.alreadyReached.map((id) => refOf(model, id)),
    rounds,
    roundsNeeded,
    lowerBound,
    lowerBoundBasis: fewest.basis,
    cascadeBound: Number.isFinite(bound) ? bound : null,
    minimal: roundsNeeded !== null && roundsNeeded === lowerBound,
    unreachable: unreachable.map((u) => ({ ...refOf(model, u.id), code: u.code, reason: u.reason })).sort((a, b) => (a.id < b.id ? -1 : 1)),
    value: {
      objective,
      bound: valueBound,
      gap: round6(valueBound - objective),
      status: allProven ? 'proven-optimal' : 'heuristic',
      method,
      note: valueNote(allProven, method),
    },
    objectiveFunction: `plan value = Σ over rounds of the round objective; round objective: ${OBJECTIVE_TEXT}`,
    components: components.map((c, i) => ({ key: c.key, members: c.members.length, mentors: c.firstMentors.map((id) => refOf(model, id)), method: methods[i]!, ...searched[i] })),
    ...(options.listScores === 'all' ? { scores: listScores(components, solver) } : {}),
  };
}

function listScores(components: ReturnType<typeof buildComponents>['components'], solver: RoundSolver): NonNullable<RolloutPlan['scores']> {
  const pairs: { a: string; b: string; score: number }[] = [];
  const mentors: { mentor: string; applicant: string; score: number }[] = [];
  for (const comp of components) {
    const ms = comp.members;
    for (let i = 0; i < ms.length; i++)
      for (let j = i + 1; j < ms.length; j++) {
        const s = solver.pairScore(ms[i]!, ms[j]!);
        if (s !== null) pairs.push({ a: ms[i]!, b: ms[j]!, score: s });
      }
    for (const k of [...new Set([...comp.firstMentors, ...comp.persistent, ...ms])])
      for (const i of ms) {
        const s = solver.mentorScore(k, i);
        if (s !== null) mentors.push({ mentor: k, applicant: i, score: s });
      }
  }
  return { pairs, mentors };
}

function valueNote(proven: boolean, method: RolloutPlan['value']['method']): string {
  if (method === 'exhaustive')
    return proven
      ? 'every assignment of organisations to rounds was compared, each round solved to proven optimality'
      : 'every assignment was compared; some rounds were solved heuristically, bound from the engine';
  if (proven) return 'branch and bound over who joins when, each node bounded by the multi-round LP relaxation; the plan reaches the bound, so no plan within these rounds is better';
  return 'branch and bound over who joins when stopped at its node or work limit; bound: the least of the open nodes’ multi-round LP bounds and the best partition into groups plus each organisation’s best possible mentor score';
}
