/**
 * Test helpers for rollout plans, written apart from the planner:
 * - checkPlan: an independent validity checker that reads the World, the input and the plan only;
 * - exhaustivePlan: an independent exhaustive search for the fewest rounds and the best plan value
 *   from the scores the plan publishes (`listScores: 'all'`), for tiny instances.
 */
import type { World } from '../../../src/core/model.js';
import type { RolloutInput, RolloutPlan } from '../../../src/core/rollout/index.js';

function reachedBefore(world: World, programme: string): Set<string> {
  const rounds = new Set(world.rounds.filter((r) => r.programmeId === programme && (r.state === 'running' || r.state === 'completed')).map((r) => r.id));
  const out = new Set<string>();
  for (const p of world.participations) if (rounds.has(p.roundId)) out.add(p.orgId);
  for (const g of world.groups) if (rounds.has(g.roundId)) g.members.forEach((m) => out.add(m));
  for (const l of world.mentorLinks) if (rounds.has(l.roundId)) out.add(l.mentorId);
  return out;
}

function countyOk(rule: string, a: string | null, b: string | null): boolean {
  if (rule === 'same') return a === b;
  if (rule === 'different' || rule === 'other') return a === null || a !== b;
  return true;
}

/** Every rule of the model, checked from the World, the input and the plan; returns the violations. */
export function checkPlan(world: World, input: RolloutInput, plan: RolloutPlan): string[] {
  const errors: string[] = [];
  const programme = input.programme ?? 'modellkommuner';
  const county = new Map(world.organisations.map((o) => [o.id, o.countyCode]));
  const rule = input.county ?? 'any';
  const capacity = input.capacity ?? 1;
  const [smin, smax] = input.groupSize ?? [2, 3];
  const limit = input.maxNewPerRound ?? Infinity;
  const reached = reachedBefore(world, programme);
  const target = new Set(plan.target.ids);
  const first = new Set(input.mentors ?? plan.settings.mentors.map((m) => m.id));
  const persistent = new Set(input.persistentMentors ?? []);
  for (const id of [...first, ...persistent]) if (!reached.has(id)) errors.push(`mentor ${id} never took part`);
  for (const id of persistent) if (!plan.settings.mentors.some((m) => m.id === id)) errors.push(`persistent ${id} missing from round 1`);
  const expectReached = plan.target.ids.filter((id) => reached.has(id)).sort();
  if (JSON.stringify(plan.alreadyReached.map((r) => r.id).sort()) !== JSON.stringify(expectReached)) errors.push('alreadyReached differs from the record');
  const pair = new Map((plan.scores?.pairs ?? []).map((s) => [[s.a, s.b].sort().join('|'), s.score]));
  const ment = new Map((plan.scores?.mentors ?? []).map((s) => [`${s.mentor}>${s.applicant}`, s.score]));
  const joinedBefore = new Set<string>();
  plan.rounds.forEach((r, idx) => {
    if (r.index !== idx + 1) errors.push(`round ${r.index} out of order`);
    const members = r.groups.flatMap((g) => g.members.map((m) => m.id));
    const joins = r.joins.map((j) => j.id);
    if (JSON.stringify([...members].sort()) !== JSON.stringify([...joins].sort())) errors.push(`round ${r.index}: joins differ from group members`);
    if (new Set(members).size !== members.length) errors.push(`round ${r.index}: someone in two groups`);
    if (joins.length > limit) errors.push(`round ${r.index}: ${joins.length} joins above the limit ${limit}`);
    const load = new Map<string, number>();
    let objective = 0;
    for (const g of r.groups) {
      const ids = g.members.map((m) => m.id);
      if (ids.length < smin || ids.length > smax) errors.push(`round ${r.index}: group of ${ids.length}`);
      const k = g.mentor.id;
      const available = persistent.has(k) || (r.index === 1 ? first.has(k) : joinedBefore.has(k));
      if (!available) errors.push(`round ${r.index}: mentor ${k} not available`);
      load.set(k, (load.get(k) ?? 0) + 1);
      let value = 0;
      for (let a = 0; a < ids.length; a++) {
        if (!countyOk(rule, county.get(ids[a]!) ?? null, county.get(k) ?? null)) errors.push(`round ${r.index}: mentor ${k} breaks the county rule with ${ids[a]}`);
        if (plan.scores) value += ment.get(`${k}>${ids[a]}`) ?? NaN;
        for (let b = a + 1; b < ids.length; b++) {
          if (!countyOk(rule, county.get(ids[a]!) ?? null, county.get(ids[b]!) ?? null)) errors.push(`round ${r.index}: ${ids[a]} and ${ids[b]} break the county rule`);
          if (plan.scores) value += pair.get([ids[a]!, ids[b]!].sort().join('|')) ?? NaN;
        }
      }
      if (plan.scores && !(Math.abs(value - g.value) < 1e-5)) errors.push(`round ${r.index}: group value ${g.value} is not ${value}`);
      objective += g.value;
    }
    if (Math.abs(objective - r.objective) > 1e-5) errors.push(`round ${r.index}: objective ${r.objective} is not the sum ${objective}`);
    for (const [k, n] of load) if (n > capacity) errors.push(`round ${r.index}: mentor ${k} has ${n} groups`);
    for (const id of joins) {
      if (!target.has(id)) errors.push(`${id} is not in the target`);
      if (reached.has(id)) errors.push(`${id} had already taken part`);
      if (joinedBefore.has(id)) errors.push(`${id} joins twice`);
    }
    for (const id of joins) joinedBefore.add(id);
  });
  const unreachable = new Set(plan.unreachable.map((u) => u.id));
  for (const id of plan.target.ids) {
    const n = Number(reached.has(id)) + Number(joinedBefore.has(id)) + Number(unreachable.has(id));
    if (n !== 1) errors.push(`${id} is accounted for ${n} times`);
  }
  if (plan.rounds.length > (input.maxRounds ?? 20)) errors.push('more rounds than maxRounds');
  if (plan.roundsNeeded !== null && plan.roundsNeeded !== plan.rounds.length) errors.push('roundsNeeded differs from the rounds');
  if (plan.minimal !== (plan.roundsNeeded !== null && plan.roundsNeeded === plan.lowerBound)) errors.push('minimal is not roundsNeeded = lowerBound');
  const total = plan.rounds.reduce((s, r) => s + r.objective, 0);
  if (Math.abs(total - plan.value.objective) > 1e-5) errors.push('plan value is not the sum of the rounds');
  if (plan.value.bound < plan.value.objective - 1e-6) errors.push('bound below the value');
  return errors;
}

/**
 * The fewest rounds and the best plan value over every way to reach `targets` (all of them), by
 * brute force: every assignment of targets to rounds 1…R, every partition of each round into
 * groups, every mentor choice. Scores and admissibility come from the plan's published scores.
 */
export function exhaustivePlan(
  plan: RolloutPlan,
  targets: string[],
  opts: { capacity: number; groupSize: [number, number]; maxNew: number; maxR: number },
): { rounds: number; value: number } | null {
  const first = plan.settings.mentors.map((m) => m.id);
  const persistent = plan.settings.persistentMentors.map((m) => m.id);
  const pair = new Map((plan.scores?.pairs ?? []).map((s) => [[s.a, s.b].sort().join('|'), s.score]));
  const ment = new Map((plan.scores?.mentors ?? []).map((s) => [`${s.mentor}>${s.applicant}`, s.score]));
  const [smin, smax] = opts.groupSize;
  const memo = new Map<string, number>();
  /** Best value of one round (−Infinity if it cannot be grouped and mentored). */
  const bestRound = (joins: string[], mentors: string[]): number => {
    const key = `${joins.join(',')}|${mentors.join(',')}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let best = -Infinity;
    const load = new Map<string, number>();
    const rest = (left: string[], acc: number) => {
      if (left.length === 0) {
        best = Math.max(best, acc);
        return;
      }
      const [head, ...others] = left as [string, ...string[]];
      // Groups containing `head`: choose the other members among `others`.
      const choose = (start: number, group: string[]) => {
        if (group.length >= smin) {
          let v = 0;
          let ok = true;
          for (let a = 0; a < group.length && ok; a++)
            for (let b = a + 1; b < group.length; b++) {
              const s = pair.get([group[a]!, group[b]!].sort().join('|'));
              if (s === undefined) { ok = false; break; }
              v += s;
            }
          if (ok)
            for (const k of mentors) {
              if ((load.get(k) ?? 0) >= opts.capacity) continue;
              let mv = 0;
              let mok = true;
              for (const i of group) {
                const s = ment.get(`${k}>${i}`);
                if (s === undefined) { mok = false; break; }
                mv += s;
              }
              if (!mok) continue;
              load.set(k, (load.get(k) ?? 0) + 1);
              rest(others.filter((x) => !group.includes(x)), acc + v + mv);
              load.set(k, load.get(k)! - 1);
            }
        }
        if (group.length === smax) return;
        for (let i = start; i < others.length; i++) choose(i + 1, [...group, others[i]!]);
      };
      choose(0, [head]);
    };
    rest(joins, 0);
    memo.set(key, best);
    return best;
  };
  const n = targets.length;
  for (let R = 1; R <= opts.maxR; R++) {
    let best = -Infinity;
    const assign = new Array<number>(n).fill(1);
    const walk = (i: number) => {
      if (i < n) {
        for (let r = 1; r <= R; r++) {
          assign[i] = r;
          walk(i + 1);
        }
        return;
      }
      let total = 0;
      for (let r = 1; r <= R; r++) {
        const joins = targets.filter((_, j) => assign[j] === r);
        if (joins.length > opts.maxNew) return;
        if (!joins.length) continue;
        const mentors = r === 1 ? [...new Set([...first, ...persistent])] : [...new Set([...persistent, ...targets.filter((_, j) => assign[j]! < r)])];
        const v = bestRound(joins, mentors.sort());
        if (v === -Infinity) return;
        total += v;
      }
      best = Math.max(best, total);
    };
    walk(0);
    if (best > -Infinity) return { rounds: R, value: best };
  }
  return null;
}
