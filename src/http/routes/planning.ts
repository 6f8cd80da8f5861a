import { z } from 'zod';
import { BOUNDS, integer, list, queryInteger, text } from '../../services/input-bounds.js';
import { instanceSchema } from '../../services/instance-schema.js';
import { rolloutInputSchema, rolloutPlanSchema } from '../../services/rollout-schema.js';
import type { App, RouteContext } from '../deps.js';
import { idParams, readErrors } from '../schemas/common.js';
import { storedInstance } from '../schemas/proposals.js';
import { clientGone } from '../solve-streams.js';

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
        querystring: z.object({ limit: queryInteger(1, 100).default(10) }),
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
        querystring: z.object({ k: queryInteger(1, 30).default(8), seed: queryInteger(BOUNDS.seedMin, BOUNDS.seedMax).default(1) }),
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
          'Plans the rollout to a target (county:NN, kommungrupp:XX, ids:a,b, all, or a list of ids): the fewest rounds, proven against a lower bound from the cascade’s capacity, and who joins when, with whom and with which mentor, maximising the sum of the rounds’ proposal objectives. Participants of a round mentor from the next round on. A computation: nothing is stored. See docs/rollout.md.',
        body: rolloutInputSchema,
        response: { 200: rolloutPlanSchema, ...readErrors, 422: readErrors[400], 503: readErrors[400] },
      },
    },
    async (request, reply) => deps.planning.planRollout(request.body, clientGone(reply)),
  );

  const downloadDescription = (what: string) =>
    `The rollout plan for the same body as POST /api/rollout-plans, as ${what}. A computation: nothing is stored; the same body gives the same file.`;
  app.post(
    '/api/rollout-plans.csv',
    {
      config: expensive,
      schema: {
        tags: ['planning'],
        description: downloadDescription(
          'CSV: one row per target organisation (status, planned round, group, mentor, group value, or the reason it cannot be reached). `dialect=excel` gives semicolons, BOM and Swedish headers',
        ),
        querystring: z.object({ dialect: z.enum(['rfc4180', 'excel']).default('rfc4180') }),
        body: rolloutInputSchema,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV text with a header row'), ...readErrors, 422: readErrors[400] },
      },
    },
    async (request, reply) => {
      const { body, fileName } = await deps.planning.rolloutCsv(request.body, request.query.dialect, clientGone(reply));
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="${fileName}"`);
      return body;
    },
  );

  app.post(
    '/api/rollout-plans.xlsx',
    {
      config: expensive,
      schema: {
        tags: ['planning'],
        description: downloadDescription('an Excel workbook: summary (rounds needed, lower bound, value, bound, gap, rules), organisations, rounds, groups'),
        body: rolloutInputSchema,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: z.string().describe('XLSX workbook (binary)'), ...readErrors, 422: readErrors[400] },
      },
    },
    async (request, reply) => {
      const { body, fileName } = await deps.planning.rolloutXlsx(request.body, clientGone(reply));
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', `attachment; filename="${fileName}"`);
      // A Buffer is sent as it is; the schema's "string" is for the OpenAPI document only.
      return reply.send(body as unknown as string);
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
        params: z.object({ name: text(80) }),
        response: { 200: storedInstance, ...readErrors },
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
        querystring: z.object({ programme: text(BOUNDS.id).default('modellkommuner') }),
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
