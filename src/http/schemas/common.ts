/** Schemas shared by many routes: errors, paging, ids, references. */
import { z } from 'zod';
import { BOUNDS, text } from '../../services/input-bounds.js';

export const errorBody = z
  .object({
    code: z.string().describe('Stable error code: invalid_input, not_found, unknown_ids, infeasible, conflict, unauthorized, forbidden, rate_limited, payload_too_large, unsupported_media_type, uri_too_long, headers_too_large, internal…'),
    message: z.string().describe('What went wrong, in words a person can act on.'),
    details: z
      .array(
        z.object({
          field: z.string().optional(),
          line: z.number().optional(),
          file: z.string().optional(),
          message: z.string(),
          values: z.array(z.unknown()).optional(),
        }),
      )
      .optional(),
  })
  .describe('Error');

/** The error responses every route may give; routes add their own. */
export const readErrors = { 400: errorBody, 404: errorBody, 429: errorBody, 500: errorBody };
export const writeErrors = { ...readErrors, 401: errorBody, 403: errorBody, 409: errorBody, 413: errorBody, 422: errorBody };

export const orgId = text(BOUNDS.id).describe('Organisation id: kommunkod, länskod or an imported id');
export const idParams = z.object({ id: text(128).describe('Id, at most 128 characters') });

export const orgRef = z.object({ id: z.string(), name: z.string(), kind: z.string() });

export const sourceIds = z.array(z.string()).describe('Ids of the sources stating the fact (see /api/sources)');

export const roundStatus = z.enum(['completed', 'ongoing', 'planned']);

export const roundRef = z.strictObject({
  id: z.string(),
  label: z.string(),
  programmeId: z.string(),
  start: z.string().nullable().describe('"YYYY-MM" or "YYYY-MM-DD"; null where unknown'),
  end: z.string().nullable(),
  status: roundStatus,
});

export const round = roundRef.extend({
  notes: z.string().nullable(),
  notesSv: z.string().nullable().optional().describe('The notes in Swedish'),
  proposalId: z.string().nullable().describe('Set when the round was created by accepting a proposal'),
});

export const booleanQuery = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .describe('true or false');

export const programmeQuery = text(BOUNDS.id).optional().describe('Programme id, e.g. modellkommuner');
