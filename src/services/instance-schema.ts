/**
 * The proposal instance format as a zod schema (shared by the CLI and the HTTP layer for validation
 * and the OpenAPI description), the conversion of a parsed instance into the core's InstanceInput,
 * and a stable input hash (sha256 of canonical JSON) for caching and idempotency.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import type { InstanceInput } from '../core/matching/instance.js';
import { BOUNDS, bounded, freeText, integer, list, text } from './input-bounds.js';

const id = text(BOUNDS.id).describe('Organisation id: kommunkod, länskod or an imported id');
const pair = z.tuple([id, id]);
const focus = list(text(BOUNDS.id), BOUNDS.focusAreas);
const weight = bounded(0, BOUNDS.weight);
const penalty = bounded(0, BOUNDS.penalty);
const groupSizeBound = integer(2, 4);

export const instanceSchema = z
  .object({
    programme: text(BOUNDS.id).optional().describe("Programme id; default 'modellkommuner'"),
    round: text(BOUNDS.label).nullable().optional().describe('Label of the round being planned; needed to accept the proposal'),
    note: freeText(BOUNDS.note).optional().describe('Free text, e.g. that the input is illustrative'),
    noteSv: freeText(4000).optional().describe('The note in Swedish, for the page'),
    titleSv: text(200).optional().describe('A title in Swedish, for the page'),
    applicants: list(
      z
        .object({
          id,
          focus: focus.optional().describe('Focus area ids (focus-areas.json); default: the organisation’s known focus'),
          delegation: list(text(BOUNDS.label), BOUNDS.delegation)
            .optional()
            .describe('Roles sent: politiker, chef, strateg (+ controller, statistiker, kommunikator…)'),
          wishWith: list(id, 50)
            .optional()
            .describe('"gärna med": organisations (applicants or mentors) this applicant wishes to be grouped with; scored by the `wish` criterion'),
        })
        .strict(),
      BOUNDS.applicants,
    ).min(1, 'must list at least one applicant'),
    mentors: list(
      z
        .object({
          id,
          capacity: integer(0, BOUNDS.capacity).optional().describe('Groups this mentor can take, at most the number of applicants; default 1'),
          focus: focus.optional(),
        })
        .strict(),
      BOUNDS.mentors,
    )
      .nullable()
      .optional()
      .describe('Overrides the default mentors (earlier participants that did not mentor in the latest round)'),
    weights: z
      .object({
        geography: weight,
        focus: weight,
        size: weight,
        kommungrupp: weight,
        history: weight,
        delegation: weight,
        wish: weight.describe('Partner wishes ("gärna med"); acts only when some applicant states wishWith'),
      })
      .partial()
      .strict()
      .optional()
      .describe(`Each weight in [0, ${BOUNDS.weight}]`),
    penalties: z
      .object({ unmentoredGroup: penalty, unplacedApplicant: penalty })
      .partial()
      .strict()
      .optional()
      .describe(`Each penalty in [0, ${BOUNDS.penalty}]`),
    rules: z
      .object({
        groupSize: z.tuple([groupSizeBound, groupSizeBound]).describe('[min, max], 2 ≤ min ≤ max ≤ 4; default [2, 3]'),
        county: z.enum(['any', 'same', 'different']),
        mentorRequired: z.boolean(),
        noRepeatGroupings: z.boolean(),
        pin: list(pair, BOUNDS.pairs).describe('Applicant pairs that must share a group'),
        pinMentor: list(pair, BOUNDS.pairs).describe('[mentor, applicant]: the applicant’s group gets this mentor'),
        forbid: list(pair, BOUNDS.pairs).describe('Pairs (applicant–applicant or mentor–applicant) that must not meet'),
        kinds: z.union([z.literal('any'), z.literal('same'), list(z.tuple([text(BOUNDS.id), text(BOUNDS.id)]), BOUNDS.pairs)]),
        supportingMentors: z.boolean(),
      })
      .partial()
      .strict()
      .optional(),
    seed: integer(BOUNDS.seedMin, BOUNDS.seedMax).optional().describe('32-bit signed integer; default 1'),
  })
  .strict()
  .superRefine((instance, ctx) => {
    // A mentor cannot take more groups than there are applicants; bounding capacity by the
    // instance keeps the solver's per-mentor tables as small as the instance itself.
    const limit = instance.applicants.length;
    instance.mentors?.forEach((m, i) => {
      if (m.capacity !== undefined && m.capacity > limit) {
        ctx.addIssue({
          code: 'custom',
          path: ['mentors', i, 'capacity'],
          message: `must be at most the number of applicants (${limit})`,
        });
      }
    });
  });

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

