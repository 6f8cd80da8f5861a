import { z } from 'zod';
import { instanceSchema } from '../../services/instance-schema.js';
import { BOUNDS, queryInteger, text } from '../../services/input-bounds.js';
import type { App, RouteContext } from '../deps.js';
import { errorBody, idParams, readErrors, writeErrors } from '../schemas/common.js';
import { acceptResponse, proposalResult, proposalSummary, storedProposal } from '../schemas/proposals.js';
import { acceptBody } from '../schemas/rounds.js';
import { clientGone, NDJSON, streamProposal, wantsNdjson } from '../solve-streams.js';

const groupChange = z.object({
  removed: z.array(z.array(z.string())).describe('Groups (member ids, then "mentor:<id>" or "no mentor") of the base that the variant lacks'),
  added: z.array(z.array(z.string())),
});
const orgPair = z.tuple([text(BOUNDS.id), text(BOUNDS.id)]);
const whatIfChange = z.union([
  z.object({ force: orgPair.describe('Group these two (or give this applicant this mentor)') }).strict(),
  z.object({ forbid: orgPair.describe('Keep these two apart') }).strict(),
]);
/** One object with exactly one of the two keys: a union would only say "Invalid input". */
const whatIfBody = z
  .object({
    force: orgPair.optional().describe('Group these two (or give this applicant this mentor)'),
    forbid: orgPair.optional().describe('Keep these two apart'),
  })
  .strict()
  .refine((b) => (b.force === undefined) !== (b.forbid === undefined), 'give exactly one of "force" or "forbid"')
  .transform((b): z.infer<typeof whatIfChange> => (b.force ? { force: b.force } : { forbid: b.forbid! }))
  .describe('Exactly one of force or forbid');
const secured = [{ bearerAuth: [] as string[] }];
const analysisMeta = z
  .object({
    recordVersion: z.string().describe('Fingerprint of the record the analysis was computed on'),
    computedAt: z.string(),
    served: z.enum(['stored', 'computed']).describe('stored: read from storage; computed: computed for this request, then stored'),
    trimmed: z.array(z.string()).describe('What the response leaves out to stay small'),
  })
  .describe('Analyses are computed once per (proposal, record version, arguments) and then served from storage');

export function registerProposalRoutes(app: App, { deps, requireToken, expensive }: RouteContext): void {
  const s = deps.proposals;

  app.post(
    '/api/proposals',
    {
      onRequest: requireToken,
      config: expensive,
      schema: {
        tags: ['proposals'],
        description:
          'Proposes groups and mentors for a round from an instance (the format of `npm run propose`) and stores the proposal with its input, input hash, seed, scores, terms, objective and optimality. Needs the bearer token. Unknown organisation ids → 422 listing them; contradictory rules → 422 `infeasible` naming them. Up to 40 applicants the result lists every admissible pair and mentor score with its breakdown (`scores`); beyond that `scores` is empty and the groups still list every term. The search runs on the solver pool: when every thread is busy and the queue is full → 503 `busy` with `Retry-After`. With `Accept: application/x-ndjson` the answer is 200 and a stream of JSON lines: `{type:"run", runId, stop}`, then `{type:"progress", best, bound, gap, nodes, elapsedMs}` while the search runs, then `{type:"result", proposal}` (the stored proposal) or `{type:"error", code, message}`; `POST /api/proposal-runs/{runId}/stop` ends the search and stores its best so far as `heuristic` with its gap. Closing the connection cancels the search (nothing is stored).',
        security: secured,
        body: instanceSchema,
        response: { 201: storedProposal, ...writeErrors, 503: errorBody },
      },
    },
    async (request, reply) => {
      if (wantsNdjson(request)) return streamProposal(s, request.body, request, reply);
      const created = await s.create(request.body, { signal: clientGone(reply) });
      reply.status(201).header('location', `/api/proposals/${created.id}`);
      return created;
    },
  );

  app.post(
    '/api/proposal-runs/:runId/stop',
    {
      onRequest: requireToken,
      schema: {
        tags: ['proposals'],
        description: `Stops a proposal search started with \`Accept: ${NDJSON}\` (its first line names the run). The stream then ends with the best proposal found so far, stored as \`heuristic\` with its bound and gap. Runs live in the server process that started them; an unknown or finished run → 404. Needs the bearer token.`,
        security: secured,
        params: z.object({ runId: z.string().uuid() }),
        response: { 202: z.object({ runId: z.string(), stopping: z.literal(true) }), ...writeErrors },
      },
    },
    async (request, reply) => {
      reply.status(202);
      return s.stopRun(request.params.runId);
    },
  );

  app.get(
    '/api/proposals',
    {
      schema: {
        tags: ['proposals'],
        description: 'Stored proposals (without their full results), oldest first, a page at a time: `total` counts them all.',
        querystring: z.object({
          round: text(BOUNDS.label).optional().describe('Round label'),
          programme: text(BOUNDS.id).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: {
          200: z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), items: z.array(proposalSummary) }),
          ...readErrors,
        },
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      const { total, items } = await s.list(filter, { limit, offset });
      return { total, limit, offset, items };
    },
  );

  app.get(
    '/api/proposals/:id',
    { schema: { tags: ['proposals'], params: idParams, response: { 200: storedProposal, ...readErrors } } },
    async (request) => s.get(request.params.id),
  );

  app.get(
    '/api/proposals/:id/alternatives',
    {
      config: expensive,
      schema: {
        tags: ['proposals'],
        description:
          'The k best distinct proposals for the stored instance (rank 1 is the best), each with its objective, the difference to the best and the groups that change. Computed once per (proposal, record version, k) on the solver pool and then served from storage (`analysis`); the variants carry no score lists. 503 `busy` with `Retry-After` when the pool is full.',
        params: idParams,
        querystring: z.object({ k: queryInteger(1, 10).default(3) }),
        response: {
          200: z.object({
            proposalId: z.string(),
            proven: z.boolean().describe('The search finished: these are the k best'),
            alternatives: z.array(z.object({ rank: z.number().int(), objective: z.number(), delta: z.number(), changedGroups: groupChange, proposal: proposalResult })),
            analysis: analysisMeta,
          }),
          ...readErrors,
          503: errorBody,
        },
      },
    },
    async (request, reply) => s.alternatives(request.params.id, request.query.k, clientGone(reply)),
  );

  app.post(
    '/api/proposals/:id/what-if',
    {
      config: expensive,
      schema: {
        tags: ['proposals'],
        description:
          'What if two organisations were grouped (`force`) or kept apart (`forbid`)? The objective change and the changed groups. The proposal itself is not changed; the answer is computed once per (proposal, record version, change) on the solver pool and then served from storage (`analysis`).',
        params: idParams,
        body: whatIfBody,
        response: {
          200: z.object({
            proposalId: z.string(),
            change: whatIfChange,
            baseObjective: z.number(),
            objective: z.number().nullable(),
            delta: z.number().nullable().describe('objective − baseObjective; null when the change is infeasible'),
            changedGroups: groupChange,
            infeasible: z.string().nullable(),
            proposal: proposalResult.nullable(),
            analysis: analysisMeta,
          }),
          ...readErrors,
          422: errorBody,
          503: errorBody,
        },
      },
    },
    async (request, reply) => s.whatIf(request.params.id, request.body, clientGone(reply)),
  );

  app.get(
    '/api/proposals/:id/sensitivity',
    {
      config: expensive,
      schema: {
        tags: ['proposals'],
        description:
          'Which groups change when one weight moves by ±25 %. Computed once per (proposal, record version) on the solver pool and then served from storage (`analysis`); 503 `busy` with `Retry-After` when the pool is full.',
        params: idParams,
        response: {
          200: z.object({
            proposalId: z.string(),
            baseObjective: z.number(),
            entries: z.array(
              z.object({ criterion: z.string(), factor: z.number(), weight: z.number(), objective: z.number(), changed: z.boolean(), changedGroups: groupChange }),
            ),
            stable: z.array(z.string()).describe('Criteria whose ±25 % move changes no group'),
            analysis: analysisMeta,
          }),
          ...readErrors,
          503: errorBody,
        },
      },
    },
    async (request, reply) => s.sensitivity(request.params.id, clientGone(reply)),
  );

  app.post(
    '/api/proposals/:id/accept',
    {
      onRequest: requireToken,
      config: expensive,
      schema: {
        tags: ['proposals'],
        description:
          'Writes the proposal’s round as a planned round (participants with roles, groups, cohorts) in one transaction; it counts in spread and lineage only once started. The body names the start month and the label, and acknowledges unplaced applicants and unmentored groups (else 422 naming them); a proposal without any group is a 422. Repeating the accept returns the same round (`created: false`); accepting a different proposal for a round that already exists is a 409 unless it is planned and `replace: true` (the old round becomes superseded). Needs the bearer token.',
        security: secured,
        params: idParams,
        body: acceptBody,
        response: { 200: acceptResponse, 201: acceptResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const result = await s.accept(request.params.id, request.body);
      reply.status(result.created ? 201 : 200);
      return result;
    },
  );
}
