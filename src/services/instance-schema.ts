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
    noteSv: z.string().max(4000).optional().describe('The note in Swedish, for the page'),
    titleSv: z.string().max(200).optional().describe('A title in Swedish, for the page'),
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

