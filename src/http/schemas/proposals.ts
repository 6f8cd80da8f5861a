/**
 * Response schemas of the proposal workflow: the matching core's output
 * (src/core/matching/proposal.ts) field by field. A route test checks that the API returns
 * exactly what the core computed, so a field added to the core and missing here fails a test.
 */
import { z } from 'zod';
import { instanceSchema } from '../../services/instance-schema.js';
import { round } from './common.js';

const o = z.object;
const ref = o({ id: z.string(), name: z.string() });
const criterionIds = ['geography', 'focus', 'size', 'kommungrupp', 'history', 'delegation'] as const;
const criterion = o({ value: z.number(), reason: z.string(), weight: z.number() });
const breakdown = o(Object.fromEntries(criterionIds.map((c) => [c, criterion.optional()])) as Record<(typeof criterionIds)[number], z.ZodOptional<typeof criterion>>);
const scoreEntry = {
  score: z.number(),
  admissible: z.boolean(),
  excludedBy: z.array(z.string()).describe('The rules that exclude the pair (empty when admissible)'),
  breakdown: breakdown.describe('Per criterion: value in [0,1], weight and reason'),
};
const term = z.union([
  o({ kind: z.literal('pair'), a: z.string(), b: z.string(), score: z.number() }),
  o({ kind: z.literal('mentor'), mentor: z.string(), applicant: z.string(), score: z.number() }),
  o({ kind: z.literal('unmentored-group'), value: z.number() }),
]);
const pair = z.tuple([z.string(), z.string()]);
const weights = o(Object.fromEntries(criterionIds.map((c) => [c, z.number()])) as Record<(typeof criterionIds)[number], z.ZodNumber>);

export const proposalResult = o({
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
  }),
  mentorSource: z.enum(['instance', 'default']),
  applicants: z.array(
    o({ id: z.string(), name: z.string(), kind: z.string(), countyCode: z.string().nullable(), focus: z.array(z.string()), delegation: z.array(z.string()).nullable() }),
  ),
  mentors: z.array(o({ id: z.string(), name: z.string(), capacity: z.number(), used: z.number() })),
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
  unplaced: z.array(o({ id: z.string(), name: z.string(), reason: z.string() })),
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

const proposalMeta = {
  id: z.string(),
  programme: z.string(),
  round: z.string(),
  inputHash: z.string().describe('SHA-256 of the canonical JSON of the submitted instance'),
  seed: z.number().nullable(),
  objective: z.number().nullable(),
  optimality: z.string().nullable(),
  createdAt: z.string(),
  acceptedRoundId: z.string().nullable(),
};

export const storedProposal = o({ ...proposalMeta, input: instanceSchema.describe('The instance as submitted'), result: proposalResult });

export const proposalSummary = o(proposalMeta);

export const acceptResponse = o({
  proposalId: z.string(),
  created: z.boolean().describe('false when this proposal had already been accepted: the same round is returned'),
  round,
});
