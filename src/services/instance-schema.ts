/**
 * The proposal instance format as a zod schema (shared by the CLI and the HTTP layer for validation
 * and the OpenAPI description), the conversion of a parsed instance into the core's InstanceInput,
 * and a stable input hash (sha256 of canonical JSON) for caching and idempotency.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import type { InstanceInput } from '../core/matching/instance.js';

const id = z.string().min(1).describe('Organisation id: kommunkod, länskod or an imported id');
const pair = z.tuple([id, id]);

export const instanceSchema = z
  .object({
    programme: z.string().min(1).optional().describe("Programme id; default 'modellkommuner'"),
    round: z.string().nullable().optional().describe('Label of the round being planned'),
    note: z.string().optional().describe('Free text, e.g. that the input is illustrative'),
    applicants: z
      .array(
        z.object({
          id,
          focus: z.array(z.string()).optional().describe('Focus area ids (focus-areas.json); default: the organisation’s known focus'),
          delegation: z.array(z.string()).optional().describe('Roles sent: politiker, chef, strateg (+ controller, statistiker, kommunikator…)'),
        }),
      )
      .min(1),
    mentors: z
      .array(
        z.object({
          id,
          capacity: z.number().int().min(0).optional().describe('Groups this mentor can take; default 1'),
          focus: z.array(z.string()).optional(),
        }),
      )
      .nullable()
      .optional()
      .describe('Overrides the default mentors (earlier participants that did not mentor in the latest round)'),
    weights: z
      .object({
        geography: z.number().min(0),
        focus: z.number().min(0),
        size: z.number().min(0),
        kommungrupp: z.number().min(0),
        history: z.number().min(0),
        delegation: z.number().min(0),
      })
      .partial()
      .strict()
      .optional(),
    penalties: z.object({ unmentoredGroup: z.number().min(0), unplacedApplicant: z.number().min(0) }).partial().strict().optional(),
    rules: z
      .object({
        groupSize: z.tuple([z.number().int(), z.number().int()]).describe('[min, max], 2 ≤ min ≤ max ≤ 4; default [2, 3]'),
        county: z.enum(['any', 'same', 'different']),
        mentorRequired: z.boolean(),
        noRepeatGroupings: z.boolean(),
        pin: z.array(pair).describe('Applicant pairs that must share a group'),
        pinMentor: z.array(pair).describe('[mentor, applicant]: the applicant’s group gets this mentor'),
        forbid: z.array(pair).describe('Pairs (applicant–applicant or mentor–applicant) that must not meet'),
        kinds: z.union([z.literal('any'), z.literal('same'), z.array(z.tuple([z.string(), z.string()]))]),
        supportingMentors: z.boolean(),
      })
      .partial()
      .strict()
      .optional(),
    seed: z.number().int().optional(),
  })
  .strict();

export type InstanceJson = z.infer<typeof instanceSchema>;

/** Parses unknown JSON into the core's InstanceInput; errors name the field (AppError invalid_input). */
export function parseInstance(json: unknown): InstanceInput {
  const r = instanceSchema.safeParse(json);
  if (!r.success) {
    const details = r.error.issues.map((i) => ({ field: i.path.join('.') || '(root)', message: i.message }));
    throw new AppError('invalid_input', `Invalid instance: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`, details);
  }
  return toInstanceInput(r.data);
}

export function toInstanceInput(data: InstanceJson): InstanceInput {
  return data as InstanceInput;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value as object)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** sha256 (hex) of the canonical JSON (sorted keys) of an instance. */
export function hashInstance(instance: unknown): string {
  return createHash('sha256').update(canonical(instance)).digest('hex');
}

// ---------------------------------------------------------------------------------------------
// The proposal output (src/core/matching/proposal.ts, format "modellkommuner.proposal/1") as a zod
// schema, for response validation and the OpenAPI description.

const orgRef = z.object({ id: z.string(), name: z.string() });
const criterion = z.object({ value: z.number(), weight: z.number(), reason: z.string() });
const breakdown = z.record(z.string(), criterion).describe('Per criterion: value in [0, 1], weight and reason');
const scoreEntry = {
  score: z.number().describe('Weighted mean of the criteria, rounded to 6 decimals'),
  admissible: z.boolean(),
  excludedBy: z.array(z.string()).describe('Rules that exclude the pair, e.g. rules.county=same'),
  breakdown,
};
const term = z.union([
  z.object({ kind: z.literal('pair'), a: z.string(), b: z.string(), score: z.number() }),
  z.object({ kind: z.literal('mentor'), mentor: z.string(), applicant: z.string(), score: z.number() }),
  z.object({ kind: z.literal('unmentored-group'), value: z.number() }),
]);

export const proposalSchema = z.object({
  format: z.literal('modellkommuner.proposal/1'),
  programme: z.string(),
  round: z.string().nullable(),
  seed: z.number(),
  objectiveFunction: z.string(),
  weights: z.record(z.string(), z.number()),
  penalties: z.object({ unmentoredGroup: z.number(), unplacedApplicant: z.number() }),
  rules: z.record(z.string(), z.unknown()).describe('The rules in force, every default filled in'),
  mentorSource: z.enum(['instance', 'default']),
  applicants: z.array(
    orgRef.extend({ kind: z.string(), countyCode: z.string().nullable(), focus: z.array(z.string()), delegation: z.array(z.string()).nullable() }),
  ),
  mentors: z.array(orgRef.extend({ capacity: z.number(), used: z.number() })),
  groups: z.array(
    z.object({
      id: z.string(),
      members: z.array(orgRef),
      mentor: orgRef.nullable(),
      supportingMentors: z.array(orgRef),
      terms: z.array(term),
      value: z.number().describe('Sum of the terms'),
      reasons: z.array(z.string()),
    }),
  ),
  unplaced: z.array(orgRef.extend({ reason: z.string() })),
  penaltiesApplied: z.array(z.object({ kind: z.enum(['unmentored-group', 'unplaced-applicant']), ids: z.array(z.string()), value: z.number() })),
  objective: z.number(),
  optimality: z.union([
    z.object({ status: z.literal('proven-optimal'), bound: z.number(), gap: z.literal(0) }),
    z.object({ status: z.literal('heuristic'), bound: z.number(), gap: z.number(), relativeGap: z.number(), reason: z.string() }),
  ]),
  solver: z.object({
    method: z.enum(['branch-and-bound', 'local-search']),
    nodes: z.number(),
    greedyObjective: z.number().nullable(),
    heuristicObjective: z.number().nullable(),
  }),
  scores: z.object({
    applicantPairs: z.array(z.object({ a: z.string(), b: z.string(), ...scoreEntry })),
    mentorApplicant: z.array(z.object({ mentor: z.string(), applicant: z.string(), ...scoreEntry })),
  }),
});
