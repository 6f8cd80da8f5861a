/** Request schemas of a round's life: accepting a proposal into a planned round, start, complete, cancel. */
import { z } from 'zod';

/** Text a person types: bounded, no control characters (no line breaks either). */
const humanText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, 'must not contain control characters')
    .refine((v) => v.trim() !== '', 'must not be blank');

export const month = z
  .string()
  .max(7)
  .regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM, e.g. 2026-09')
  .refine((v) => Number(v.slice(0, 4)) >= 1990 && Number(v.slice(0, 4)) <= 2100, 'must be a year between 1990 and 2100');

/**
 * The body of POST /api/proposals/:id/accept. An object so that later fields (e.g. the round in
 * preparation the proposal was made for) are added without breaking clients.
 */
export const acceptBody = z.strictObject({
  start: month.describe('Planned start month of the round, YYYY-MM (required)'),
  label: humanText(120).optional().describe('A human label for the round, e.g. "Västmanland 2026"; the round id is derived from it. Default: the instance’s round label'),
  acknowledgeUnplaced: z.boolean().optional().describe('Required (true) when the proposal leaves applicants unplaced; they are not written'),
  acknowledgeUnmentored: z.boolean().optional().describe('Required (true) when some group has no mentor'),
  replace: z
    .boolean()
    .optional()
    .describe('Accept in place of another proposal already accepted for a planned round with the same label; that round becomes superseded'),
  round: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[^\s\u0000-\u001f\u007f-\u009f]+$/, 'must be a round id')
    .optional()
    .describe('Id of the round in preparation the proposal was made from (GET /api/rounds/{id}/instance); it becomes this planned round, in the same transaction'),
});

export const startBody = z.strictObject({ start: month.describe('The month the round started, YYYY-MM') });
export const completeBody = z.strictObject({ end: month.describe('The month the round ended, YYYY-MM') });
export const cancelBody = z.strictObject({ reason: humanText(500).describe('Why the round is cancelled (shown in the round list)') });
