/**
 * Types and defaults of the scoring criteria. A criterion maps two organisations (and what the
 * instance says about them) to a value in [0, 1] with a reason a person can read. A missing input
 * gives the neutral value 0.5 with a reason starting "unknown", never a silent 0 or 1.
 */

export interface CriterionResult {
  value: number;
  reason: string;
}

export const CRITERIA = ['geography', 'focus', 'size', 'kommungrupp', 'history', 'delegation', 'wish'] as const;
export type CriterionId = (typeof CRITERIA)[number];
export type Weights = Record<CriterionId, number>;

/**
 * Defaults follow SKR's stated practice (skr-faq-2021): participants are paired close to each
 * other where possible (travel), hence geography weighs most; a shared theme is honoured on
 * request, hence focus second (it is neutral 0.5 when no focus is given, so it only acts when
 * applicants state one); comparability (size, kommungrupp) comes after. History (do not repeat a
 * grouping; prefer experienced, recently active, unloaded mentors) ranks with focus because the
 * programme spreads by new contacts. Delegation completeness is a tie-breaker.
 *
 * `wish` is the applicants' own partner wishes ("gärna med" in an application): 1 for a pair one
 * of them wished for, 0 otherwise. It weighs like geography (3): a stated wish should normally be
 * met, but not at any distance. It only acts when the instance states some wish; an instance
 * without wishes gets weight 0 for it (see normaliseInstance), so its scores are as without it.
 */
export const DEFAULT_WEIGHTS: Weights = {
  geography: 3,
  focus: 2,
  history: 2,
  size: 1,
  kommungrupp: 1,
  delegation: 0.5,
  wish: 3,
};

/** Criteria that apply to an applicant–applicant pair and to a mentor–applicant pair. */
export const PAIR_CRITERIA: readonly CriterionId[] = ['geography', 'focus', 'size', 'kommungrupp', 'history', 'delegation', 'wish'];
export const MENTOR_CRITERIA: readonly CriterionId[] = ['geography', 'focus', 'size', 'kommungrupp', 'history', 'wish'];

export interface WeightedCriterion extends CriterionResult {
  weight: number;
}

/** A pair score: weighted mean of the criteria, rounded to 1e-6 so sums are re-checkable. */
export interface PairScore {
  score: number;
  breakdown: Partial<Record<CriterionId, WeightedCriterion>>;
}

export const NEUTRAL = 0.5;

/** Rounds to 6 decimals: every published score is this rounded number, and the solver uses it too. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
