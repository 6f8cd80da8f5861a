/**
 * The proposal output (src/core/matching/proposal.ts, format "modellkommuner.proposal/1") as a
 * zod schema, field by field: the HTTP layer validates responses with it and publishes it in
 * OpenAPI. A route test checks that the API returns exactly what the core computed, so a field
 * added to the core and missing here fails a test instead of vanishing from the API.
 */
import { z } from 'zod';
import { CRITERIA, type CriterionId } from '../core/scoring/types.js';

const o = z.object;
const ref = o({ id: z.string(), name: z.string() });
const criterion = o({ value: z.number(), reason: z.string(), weight: z.number() });
const breakdown = o(Object.fromEntries(CRITERIA.map((c) => [c, criterion.optional()])) as Record<CriterionId, z.ZodOptional<typeof criterion>>);
const weights = o(Object.fromEntries(CRITERIA.map((c) => [c, z.number()])) as Record<CriterionId, z.ZodNumber>);
const scoreEntry = {
  score: z.number().describe('Weighted mean of the criteria, rounded to 6 decimals'),
  admissible: z.boolean(),
  excludedBy: z.array(z.string()).describe('The rules that exclude the pair (empty when admissible)'),
  breakdown: breakdown.describe('Per criterion: value in [0, 1], weight and reason'),
};
const term = z.union([
  o({ kind: z.literal('pair'), a: z.string(), b: z.string(), score: z.number() }),
  o({ kind: z.literal('mentor'), mentor: z.string(), applicant: z.string(), score: z.number() }),
  o({ kind: z.literal('unmentored-group'), value: z.number() }),
]);
const pair = z.tuple([z.string(), z.string()]);

export const proposalSchema = o({
  format: z.literal('modellkommuner.proposal/1'),
  programme: z.string(),
  round: z.string().nullable(),
  seed: z.number(),
  objectiveFunction: z.string().describe('The objective in words: a linear function of the listed scores and penalties'),
  weights,
  penalties: o({ unmentoredGroup: z.number(), unplacedApplicant: z.number() }),
  rules: o({
    groupSize: z.tuple([z.number(), z.number()]),
    county: z.enum(['any', 'same', 'different']),
    mentorRequired: z.boolean(),
    noRepeatGroupings: z.boolean(),
    pin: z.array(pair),
    pinMentor: z.array(pair),
    forbid: z.array(pair),
    kinds: z.union([z.literal('any'), z.literal('same'), z.array(pair)]),
    supportingMentors: z.boolean(),
  }).describe('The rules in force, every default filled in'),
  mentorSource: z.enum(['instance', 'default']),
  applicants: z.array(
    ref.extend({ kind: z.string(), countyCode: z.string().nullable(), focus: z.array(z.string()), delegation: z.array(z.string()).nullable() }),
  ),
  mentors: z.array(ref.extend({ capacity: z.number(), used: z.number() })),
  groups: z.array(
    o({
      id: z.string(),
      members: z.array(ref),
      mentor: ref.nullable(),
      supportingMentors: z.array(ref),
      terms: z.array(term).describe('Every term of the group’s contribution to the objective'),
      value: z.number().describe('Sum of the terms'),
      reasons: z.array(z.string()),
    }),
  ),
  unplaced: z.array(ref.extend({ reason: z.string() })),
  penaltiesApplied: z.array(o({ kind: z.enum(['unmentored-group', 'unplaced-applicant']), ids: z.array(z.string()), value: z.number() })),
  objective: z.number(),
  optimality: z.union([
    o({ status: z.literal('proven-optimal'), bound: z.number(), gap: z.literal(0) }),
    o({
      status: z.literal('heuristic'),
      bound: z.number().describe('Best known upper bound on the objective'),
      gap: z.number(),
      relativeGap: z.number(),
      reason: z.string(),
    }),
  ]),
  solver: o({
    method: z.enum(['branch-and-bound', 'local-search']),
    nodes: z.number(),
    greedyObjective: z.number().nullable().describe('Objective of the greedy baseline; null where the greedy found no feasible proposal'),
    heuristicObjective: z.number().nullable(),
  }),
  scores: o({
    applicantPairs: z.array(o({ a: z.string(), b: z.string(), ...scoreEntry })),
    mentorApplicant: z.array(o({ mentor: z.string(), applicant: z.string(), ...scoreEntry })),
  }),
});
