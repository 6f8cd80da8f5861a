/**
 * Pair scores: the weighted mean of the applicable criteria, in [0, 1], rounded to 1e-6, with the
 * per-criterion breakdown (value, weight, reason). Applicant pairs use every criterion; a mentor
 * and an applicant use all but delegation (a mentor sends no delegation to the group).
 * Criteria with weight 0 are still listed (weight 0) so a reader sees them.
 */
import type { ScoringContext } from './context.js';
import type { Party } from './criteria.js';
import {
  scoreDelegation,
  scoreFocus,
  scoreGeography,
  scoreKommungrupp,
  scoreMentorHistory,
  scorePairHistory,
  scoreSize,
  scoreWish,
} from './criteria.js';
import type { CriterionId, CriterionResult, PairScore, Weights } from './types.js';
import { MENTOR_CRITERIA, PAIR_CRITERIA, round6 } from './types.js';

function combine(ids: readonly CriterionId[], results: Record<string, CriterionResult>, weights: Weights): PairScore {
  let sum = 0;
  let total = 0;
  const breakdown: PairScore['breakdown'] = {};
  for (const id of ids) {
    const r = results[id]!;
    const w = weights[id];
    const value = round6(r.value);
    breakdown[id] = { value, weight: w, reason: r.reason };
    sum += w * value;
    total += w;
  }
  return { score: total > 0 ? round6(sum / total) : 0, breakdown };
}

export function scoreApplicantPair(a: Party, b: Party, weights: Weights, ctx: ScoringContext): PairScore {
  return combine(
    PAIR_CRITERIA,
    {
      geography: scoreGeography(a.org, b.org, ctx),
      focus: scoreFocus(a, b),
      size: scoreSize(a.org, b.org),
      kommungrupp: scoreKommungrupp(a.org, b.org),
      history: scorePairHistory(a.org, b.org, ctx),
      delegation: scoreDelegation(a, b),
      wish: scoreWish(a, b),
    },
    weights,
  );
}

export function scoreMentorApplicant(mentor: Party, applicant: Party, weights: Weights, ctx: ScoringContext): PairScore {
  return combine(
    MENTOR_CRITERIA,
    {
      geography: scoreGeography(mentor.org, applicant.org, ctx),
      focus: scoreFocus(mentor, applicant),
      size: scoreSize(mentor.org, applicant.org),
      kommungrupp: scoreKommungrupp(mentor.org, applicant.org),
      history: scoreMentorHistory(mentor.org, applicant.org, ctx),
      wish: scoreWish(mentor, applicant),
    },
    weights,
  );
}
