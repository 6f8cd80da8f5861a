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

export const roundState = z
  .enum(['preparing', 'planned', 'running', 'completed', 'cancelled', 'superseded'])
  .describe('A round is preparing (applications collected), planned (a proposal accepted), running, completed, or cancelled/superseded. Only running and completed rounds count as having taken place.');

export const roundRef = z.strictObject({
  id: z.string(),
  label: z.string(),
  programmeId: z.string(),
  start: z.string().nullable().describe('"YYYY-MM" or "YYYY-MM-DD"; null where unknown'),
  end: z.string().nullable(),
  state: roundState,
});

export const round = roundRef.extend({
  stateReason: z.string().nullable().describe('Why the round was cancelled or superseded; null otherwise'),
  notes: z.string().nullable(),
  notesSv: z.string().nullable().optional().describe('The notes in Swedish'),
  proposalId: z.string().nullable().describe('Set when the round was created by accepting a proposal'),
});

export const booleanQuery = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .describe('true or false');

/** `includePlanned=true` adds planned rounds to an analytic; they are marked (state 'planned', plannedRoundIds). */
export const includePlannedQuery = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional()
  .describe('true: also count planned rounds (accepted, not started), each marked state "planned" and listed in plannedRoundIds. Default false: only rounds that have taken place (running, completed)');

/** Fields every analytic response carries to say whether planned rounds are in its figures. */
export const plannedMarker = {
  includesPlanned: z.boolean().describe('true when planned rounds were asked for and are counted in these figures'),
  plannedRoundIds: z.array(z.string()).describe('The planned rounds counted in these figures (empty unless includePlanned=true)'),
};

export const programmeQuery = text(BOUNDS.id).optional().describe('Programme id, e.g. modellkommuner');
