/**
 * The cascade counted: how many organisations can join per round, the lower bound on the rounds
 * needed, and the fewest rounds with a count per component and round.
 *
 * A component is a set of target organisations together with the mentors that may serve them
 * (with the county rule `same`: one county; otherwise everything). In round 1 a component has
 * `firstMentors` mentors (round-1 and persistent mentors it may use), from round 2 on
 * `persistent + joined so far`. With `capacity` groups per mentor a round of a component can take
 * x new participants iff x = 0 or some k ≤ capacity·mentors has k·smin ≤ x ≤ k·smax; and across
 * components at most `maxNew` per round.
 *
 * Invariants:
 * - `cascadeBound` ≤ the fewest rounds of any plan (it relaxes group sizes to "at most smax per
 *   group" and the per-round limit per component and in total).
 * - `fewestRounds` is exact when `exact` is true: every count schedule it reports is feasible, and
 *   no schedule with fewer rounds exists. For `same` and `any` the counts are the whole problem
 *   (every pair and mentor inside a component is admissible); for `different` they are a relaxation.
 */

export interface CountComponent {
  key: string;
  /** Target organisations of the component that the plan must bring in. */
  n: number;
  /** Mentors the component may use in round 1. */
  firstMentors: number;
  /** Mentors the component may use in every round. */
  persistent: number;
}

export interface CascadeParams {
  capacity: number;
  smin: number;
  smax: number;
  /** Per-round limit on new participants (Infinity for none). */
  maxNew: number;
}

/** Whether x new participants can form groups with `mentors` mentors of `capacity` groups each. */
export function canJoin(x: number, mentors: number, p: CascadeParams): boolean {
  if (x === 0) return true;
  if (x > p.maxNew) return false;
  const fewest = Math.ceil(x / p.smax);
  return fewest <= Math.floor(x / p.smin) && fewest <= p.capacity * mentors;
}

/** Whether a total of n can be split into groups of allowed sizes at all (over any number of rounds). */
export function representable(n: number, p: Pick<CascadeParams, 'smin' | 'smax'>): boolean {
  return n === 0 || Math.ceil(n / p.smax) <= Math.floor(n / p.smin);
}

/** need[cum]: fewest further rounds (from round 2 on) to bring a component from cum joined to all n; Infinity if none. */
export function roundsToFinish(c: CountComponent, p: CascadeParams): Float64Array {
  const need = new Float64Array(c.n + 1).fill(Infinity);
  need[c.n] = 0;
  for (let cum = c.n - 1; cum >= 0; cum--) {
    const mentors = c.persistent + cum;
    let best = Infinity;
    for (let x = 1; x <= c.n - cum; x++) if (need[cum + x]! + 1 < best && canJoin(x, mentors, p)) best = need[cum + x]! + 1;
    need[cum] = best;
  }
  return need;
}

/** Fewest rounds for one component alone (Infinity if it can never finish). */
export function componentRounds(c: CountComponent, p: CascadeParams, need = roundsToFinish(c, p)): number {
  if (c.n === 0) return 0;
  let best = Infinity;
  for (let x = 0; x <= c.n; x++) if (canJoin(x, c.firstMentors, p)) best = Math.min(best, 1 + need[x]!);
  return best;
}

/**
 * The cascade's capacity bound: U_c(r), the most a component can have joined after r rounds,
 * grows by min(left, maxNew, smax·capacity·mentors) per round, and the total S(r) by at most
 * min(maxNew, Σ_c growth). The bound is the first r with every U_c(r) = n_c and S(r) = Σ n_c.
 */
export function cascadeBound(components: CountComponent[], p: CascadeParams, limit = 1000): number {
  const total = components.reduce((s, c) => s + c.n, 0);
  if (total === 0) return 0;
  const U = components.map(() => 0);
  let S = 0;
  for (let r = 1; r <= limit; r++) {
    let sum = 0;
    components.forEach((c, i) => {
      const mentors = r === 1 ? c.firstMentors : c.persistent + U[i]!;
      U[i] = U[i]! + Math.min(c.n - U[i]!, p.maxNew, p.smax * p.capacity * mentors);
      sum += U[i]!;
    });
    S = Math.min(S + p.maxNew, sum);
    if (S >= total && components.every((c, i) => U[i]! >= c.n)) return r;
  }
  return Infinity;
}

export interface CountSchedule {
  rounds: number;
  /** counts[c][r-1]: new participants of component c in round r. */
  counts: number[][];
}

export interface FewestRounds {
  /** null when no schedule within maxRounds was found. */
  schedule: CountSchedule | null;
  /** Every R below this is proven impossible (by the cascade bound or by the exhaustive count search). */
  provenLowerBound: number;
  basis: 'cascade-capacity' | 'count-search';
  exact: boolean;
}

/** The component's schedule within R rounds, joining as many as early as the deadline allows. */
function componentSchedule(c: CountComponent, p: CascadeParams, need: Float64Array, R: number): number[] | null {
  const xs: number[] = [];
  let cum = 0;
  for (let r = 1; r <= R; r++) {
    const mentors = r === 1 ? c.firstMentors : c.persistent + cum;
    let chosen = -1;
    for (let x = c.n - cum; x >= 0; x--) if (canJoin(x, mentors, p) && need[cum + x]! <= R - r) { chosen = x; break; }
    if (chosen < 0) return null;
    xs.push(chosen);
    cum += chosen;
  }
  return cum === c.n ? xs : null;
}

/**
 * Fewest rounds R ≤ maxRounds with a count per component and round. Components are independent
 * unless the per-round limit couples them; then a depth-first search over rounds (most urgent
 * component first, largest counts first, the others' least needs reserved) decides each R exactly
 * or, past `nodeLimit`, gives up on proving that R impossible.
 */
export function fewestRounds(components: CountComponent[], p: CascadeParams, maxRounds: number, nodeLimit = 200_000): FewestRounds {
  const needs = components.map((c) => roundsToFinish(c, p));
  const bound = cascadeBound(components, p);
  const alone = components.map((c, i) => componentRounds(c, p, needs[i]));
  const total = components.reduce((s, c) => s + c.n, 0);
  if (total === 0) return { schedule: { rounds: 0, counts: components.map(() => []) }, provenLowerBound: 0, basis: 'cascade-capacity', exact: true };
  let proven = Math.max(bound, ...alone);
  let basis: FewestRounds['basis'] = Math.max(...alone) > bound ? 'count-search' : 'cascade-capacity';
  if (!Number.isFinite(proven)) return { schedule: null, provenLowerBound: proven, basis, exact: true };
  const coupled = components.length > 1 && p.maxNew < total;
  let exact = true;
  for (let R = proven; R <= maxRounds; R++) {
    if (!coupled) {
      const counts = components.map((c, i) => componentSchedule(c, p, needs[i]!, R)!);
      return { schedule: { rounds: R, counts }, provenLowerBound: proven, basis, exact };
    }
    const found = searchCoupled(components, p, needs, R, nodeLimit);
    if (found === 'gave-up') {
      exact = false;
      continue;
    }
    if (found) return { schedule: { rounds: R, counts: found }, provenLowerBound: proven, basis, exact };
    if (exact) {
      proven = R + 1;
      basis = 'count-search';
    }
  }
  return { schedule: null, provenLowerBound: proven, basis, exact };
}

function searchCoupled(components: CountComponent[], p: CascadeParams, needs: Float64Array[], R: number, nodeLimit: number): number[][] | null | 'gave-up' {
  const C = components.length;
  const cum = new Array<number>(C).fill(0);
  const counts = components.map(() => new Array<number>(R).fill(0));
  const failed = new Set<string>();
  let nodes = 0;
  const mentorsOf = (i: number, r: number) => (r === 1 ? components[i]!.firstMentors : components[i]!.persistent + cum[i]!);
  const options = (i: number, r: number): number[] => {
    const c = components[i]!;
    const out: number[] = [];
    for (let x = c.n - cum[i]!; x >= 0; x--) if (canJoin(x, mentorsOf(i, r), p) && needs[i]![cum[i]! + x]! <= R - r) out.push(x);
    return out;
  };
  const round = (r: number): boolean => {
    if (cum.every((x, i) => x === components[i]!.n)) return true;
    if (r > R) return false;
    const key = `${r}:${cum.join(',')}`;
    if (failed.has(key)) return false;
    const opts = components.map((_, i) => options(i, r));
    if (opts.some((o) => o.length === 0)) {
      failed.add(key);
      return false;
    }
    const least = opts.map((o) => o[o.length - 1]!);
    const order = components.map((_, i) => i).sort((a, b) => needs[b]![cum[b]!]! - needs[a]![cum[a]!]! || components[b]!.n - cum[b]! - (components[a]!.n - cum[a]!) || a - b);
    const reserve = new Array<number>(C + 1).fill(0);
    for (let t = C - 1; t >= 0; t--) reserve[t] = reserve[t + 1]! + least[order[t]!]!;
    if (reserve[0]! > p.maxNew) {
      failed.add(key);
      return false;
    }
    const chosen = new Array<number>(C).fill(0);
    const pick = (t: number, budget: number): boolean => {
      if (++nodes > nodeLimit) throw new GaveUp();
      if (t === C) {
        for (let i = 0; i < C; i++) {
          counts[i]![r - 1] = chosen[i]!;
          cum[i] = cum[i]! + chosen[i]!;
        }
        const ok = round(r + 1);
        for (let i = 0; i < C; i++) cum[i] = cum[i]! - chosen[i]!;
        return ok;
      }
      const i = order[t]!;
      for (const x of opts[i]!) {
        if (x + reserve[t + 1]! > budget) continue;
        chosen[i] = x;
        if (pick(t + 1, budget - x)) return true;
      }
      return false;
    };
    const ok = pick(0, p.maxNew);
    if (!ok) failed.add(key);
    return ok;
  };
  try {
    return round(1) ? counts : null;
  } catch (e) {
    if (e instanceof GaveUp) return 'gave-up';
    throw e;
  }
}

class GaveUp extends Error {}

/**
 * Most progress within maxRounds when the whole target cannot be reached: each round, most urgent
 * component first, the largest count that fits (leaving a remainder that groups can still hold).
 */
export function mostProgress(components: CountComponent[], p: CascadeParams, maxRounds: number): CountSchedule {
  const cum = components.map(() => 0);
  const counts = components.map(() => new Array<number>(maxRounds).fill(0));
  for (let r = 1; r <= maxRounds; r++) {
    let budget = p.maxNew;
    const order = components.map((_, i) => i).sort((a, b) => components[b]!.n - cum[b]! - (components[a]!.n - cum[a]!) || a - b);
    for (const i of order) {
      const c = components[i]!;
      const mentors = r === 1 ? c.firstMentors : c.persistent + cum[i]!;
      for (let x = Math.min(c.n - cum[i]!, budget); x > 0; x--) {
        const left = c.n - cum[i]! - x;
        if (canJoin(x, mentors, p) && (left === 0 || left >= p.smin)) {
          counts[i]![r - 1] = x;
          cum[i] = cum[i]! + x;
          budget -= x;
          break;
        }
      }
    }
  }
  return { rounds: maxRounds, counts };
}
