import { z } from 'zod';
import { instanceSchema } from '../../services/instance-schema.js';
import type { App, RouteContext } from '../deps.js';
import { idParams, readErrors } from '../schemas/common.js';

const orgRef = z.object({ id: z.string(), name: z.string(), kind: z.string(), countyCode: z.string().nullable() });

const criterion = z.object({ value: z.number(), reason: z.string(), weight: z.number() });
const named = z.object({ id: z.string(), name: z.string() });

export function registerPlanningRoutes(app: App, { deps, expensive }: RouteContext): void {
  app.get(
    '/api/organisations/:id/similar',
    {
      schema: {
        tags: ['organisations'],
        description:
          'The organisations of the same kind most comparable to this one (our answer to Kolada’s “liknande kommuner”): a weighted mean of size, kommungrupp, density and geography, with the breakdown.',
        params: idParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) }),
        response: {
          200: z.object({
            org: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
            weights: z.object({ size: z.number(), kommungrupp: z.number(), density: z.number(), geography: z.number() }),
            similar: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                score: z.number(),
                breakdown: z.object({ size: criterion, kommungrupp: criterion, density: criterion, geography: criterion }),
              }),
            ),
          }),
          ...readErrors,
        },
      },
    },
    async (request) => deps.planning.findSimilar(request.params.id, request.query.limit),
  );

  app.get(
    '/api/families',
    {
      schema: {
        tags: ['organisations'],
        description: 'Structural families of the 290 municipalities by k-means on standardised log population, log density and latitude.',
        querystring: z.object({ k: z.coerce.number().int().min(1).max(30).default(8), seed: z.coerce.number().int().default(1) }),
        response: {
          200: z.object({
            k: z.number().int(),
            seed: z.number().int(),
            features: z.array(z.string()).readonly(),
            families: z.array(
              z.object({
                id: z.number().int(),
                members: z.array(named),
                profile: z.object({ population: z.number(), density: z.number(), latitude: z.number() }),
              }),
            ),
            skipped: z.array(z.string()),
          }),
          ...readErrors,
        },
      },
    },
    async (request) => deps.planning.listFamilies(request.query.k, request.query.seed),
  );

  app.post(
    '/api/rollout-plans',
    {
      config: expensive,
      schema: {
        tags: ['planning'],
        description:
          'Simulates future rounds until a target set has taken part: participants of round r mentor in round r+1, mentor capacity respected, the usual group size. Target: "county:NN", "kommungrupp:XX", "all", or a list of ids. A computation: nothing is stored.',
        body: z
          .object({
            target: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
            programme: z.string().min(1).max(64).optional(),
            capacity: z.number().int().min(1).max(10).optional().describe('Groups per mentor per round; default 1'),
            groupSize: z.tuple([z.number().int().min(2), z.number().int().max(4)]).optional(),
            maxRounds: z.number().int().min(1).max(100).optional(),
          })
          .strict(),
        response: {
          200: z.object({
            target: z.object({ spec: z.string(), ids: z.array(z.string()) }),
            alreadyReached: z.array(z.string()),
            rounds: z.array(
              z.object({
                index: z.number().int(),
                mentors: z.array(named),
                joins: z.array(named),
                groups: z.array(z.object({ members: z.array(z.string()), mentor: z.string().nullable() })),
              }),
            ),
            roundsNeeded: z.number().int().nullable(),
            remaining: z.array(z.string()),
            stoppedBecause: z.enum(['reached', 'no-mentors', 'max-rounds', 'no-progress']),
          }),
          ...readErrors,
          422: readErrors[400],
        },
      },
    },
    async (request) => {
      const { target, ...options } = request.body;
      return deps.planning.planRollout(target, options);
    },
  );

  app.get(
    '/api/examples',
    {
      schema: {
        tags: ['proposals'],
        description: 'Example instances shipped with the product (illustrative input, not part of the record).',
        response: {
          200: z.object({
            items: z.array(z.object({ name: z.string(), note: z.string().nullable(), noteSv: z.string().nullable().optional().describe('The note in Swedish'), titleSv: z.string().nullable().optional().describe('A title in Swedish, for the page'), round: z.string().nullable(), applicantCount: z.number().int() })),
          }),
          ...readErrors,
        },
      },
    },
    async () => ({ items: await deps.examples.listExamples() }),
  );

  app.get(
    '/api/examples/:name',
    {
      schema: {
        tags: ['proposals'],
        description: 'One example instance, ready to POST to /api/proposals.',
        params: z.object({ name: z.string().min(1).max(80) }),
        response: { 200: instanceSchema, ...readErrors },
      },
    },
    async (request) => deps.examples.getExample(request.params.name) as never,
  );

  app.get(
    '/api/mentors/eligible',
    {
      schema: {
        tags: ['proposals'],
        description:
          'The default mentors of a programme’s next round: organisations that took part in an earlier completed round and did not mentor in the latest one.',
        querystring: z.object({ programme: z.string().min(1).max(64).default('modellkommuner') }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                organisation: orgRef,
                lastParticipation: z.object({ roundId: z.string(), roundLabel: z.string() }).nullable(),
                capacity: z.number().int(),
              }),
            ),
          }),
          ...readErrors,
        },
      },
    },
    async (request) => ({ items: await deps.proposals.suggestMentors(request.query.programme) }),
  );
}
