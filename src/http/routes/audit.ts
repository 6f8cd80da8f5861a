/** The audit log of writes, newest first; reading it needs a token (it names people). */
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { BOUNDS, queryInteger, text } from '../../services/input-bounds.js';
import type { App, RouteContext } from '../deps.js';
import { readErrors, writeErrors } from '../schemas/common.js';

const entry = z.object({
  id: z.number().int(),
  at: z.string().describe('ISO 8601 time of the response'),
  actor: z.string().describe('Name of the token’s holder; "bootstrap (API_TOKEN)" or "(not signed in)"'),
  tokenId: z.string().nullable(),
  method: z.string(),
  route: z.string().describe('The route pattern, e.g. /api/proposals/:id/accept'),
  target: z.string().nullable().describe('The id written to or created'),
  status: z.number().int(),
  outcome: z.enum(['done', 'refused', 'failed']),
  requestId: z.string().nullable(),
});

export function registerAuditRoutes(app: App, { deps, requireToken }: RouteContext): void {
  app.get(
    '/api/audit',
    {
      onRequest: requireToken,
      schema: {
        tags: ['audit'],
        description: 'Every write attempt (who by token name, when, route, target, status, outcome), newest first. Needs a bearer token.',
        security: [{ bearerAuth: [] }],
        querystring: z.object({
          limit: queryInteger(1, BOUNDS.pageLimit).default(50),
          offset: queryInteger(0, BOUNDS.pageOffset).default(0),
          actor: text(BOUNDS.label).optional().describe('Only entries of this actor'),
        }),
        response: {
          200: z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), items: z.array(entry) }),
          ...readErrors,
          401: writeErrors[401],
          403: writeErrors[403],
        },
      },
    },
    async (request) => {
      if (!deps.audit) throw new AppError('unavailable', 'This server keeps no audit log.');
      const { limit, offset, actor } = request.query;
      const page = await deps.audit.list({ limit, offset, actor });
      return { total: page.total, limit, offset, items: page.items };
    },
  );
}
