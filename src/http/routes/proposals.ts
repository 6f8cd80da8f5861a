import { z } from 'zod';
import { instanceSchema } from '../../services/instance-schema.js';
import type { App, RouteContext } from '../deps.js';
import { errorBody, idParams, readErrors, writeErrors } from '../schemas/common.js';
import { acceptResponse, proposalResult, proposalSummary, storedProposal } from '../schemas/proposals.js';
import { acceptBody } from '../schemas/rounds.js';

const groupChange = z.object({
  removed: z.array(z.array(z.string())).describe('Groups (member ids, then "mentor:<id>" or "no mentor") of the base that the variant lacks'),
  added: z.array(z.array(z.string())),
});
const orgPair = z.tuple([z.string().min(1), z.string().min(1)]);
const whatIfBody = z.union([
  z.object({ force: orgPair.describe('Group these two (or give this applicant this mentor)') }).strict(),
  z.object({ forbid: orgPair.describe('Keep these two apart') }).strict(),
]);
const secured = [{ bearerAuth: [] as string[] }];

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
          'Proposes groups and mentors for a round from an instance (the format of `npm run propose`) and stores the proposal with its input, input hash, seed, scores, terms, objective and optimality. Needs the bearer token. Unknown organisation ids → 422 listing them; contradictory rules → 422 `infeasible` naming them. Up to 40 applicants the result lists every admissible pair and mentor score with its breakdown (`scores`); beyond that `scores` is empty and the groups still list every term.',
        security: secured,
        body: instanceSchema,
        response: { 201: storedProposal, ...writeErrors },
      },
    },
    async (request, reply) => {
      const created = await s.create(request.body);
      reply.status(201).header('location', `/api/proposals/${created.id}`);
      return created;
    },
  );

  app.get(
    '/api/proposals',
    {
      schema: {
        tags: ['proposals'],
        description: 'Stored proposals (without their full results), oldest first.',
        querystring: z.object({ round: z.string().min(1).max(100).optional().describe('Round label'), programme: z.string().min(1).max(64).optional() }),
        response: { 200: z.object({ items: z.array(proposalSummary) }), ...readErrors },
      },
    },
    async (request) => ({ items: (await s.list(request.query)).map(({ input: _i, result: _r, ...meta }) => meta) }),
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
        description: 'The k best distinct proposals for the stored instance (rank 1 is the best), each with its objective, the difference to the best and the groups that change.',
        params: idParams,
        querystring: z.object({ k: z.coerce.number().int().min(1).max(10).default(3) }),
        response: {
          200: z.object({
            proposalId: z.string(),
            proven: z.boolean().describe('The search finished: these are the k best'),
            alternatives: z.array(z.object({ rank: z.number().int(), objective: z.number(), delta: z.number(), changedGroups: groupChange, proposal: proposalResult })),
          }),
          ...readErrors,
        },
      },
    },
    async (request) => s.alternatives(request.params.id, request.query.k),
  );

  app.post(
    '/api/proposals/:id/what-if',
    {
      config: expensive,
      schema: {
        tags: ['proposals'],
        description: 'What if two organisations were grouped (`force`) or kept apart (`forbid`)? The objective change and the changed groups; nothing is stored.',
        params: idParams,
        body: whatIfBody,
        response: {
          200: z.object({
            proposalId: z.string(),
            change: whatIfBody,
            baseObjective: z.number(),
            objective: z.number().nullable(),
            delta: z.number().nullable().describe('objective − baseObjective; null when the change is infeasible'),
            changedGroups: groupChange,
            infeasible: z.string().nullable(),
            proposal: proposalResult.nullable(),
          }),
          ...readErrors,
          422: errorBody,
        },
      },
    },
    async (request) => s.whatIf(request.params.id, request.body),
  );

  app.get(
    '/api/proposals/:id/sensitivity',
    {
      config: expensive,
      schema: {
        tags: ['proposals'],
        description: 'Which groups change when one weight moves by ±25 %.',
        params: idParams,
        response: {
          200: z.object({
            proposalId: z.string(),
            baseObjective: z.number(),
            entries: z.array(
              z.object({ criterion: z.string(), factor: z.number(), weight: z.number(), objective: z.number(), changed: z.boolean(), changedGroups: groupChange }),
            ),
            stable: z.array(z.string()).describe('Criteria whose ±25 % move changes no group'),
          }),
          ...readErrors,
        },
      },
    },
    async (request) => s.sensitivity(request.params.id),
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
