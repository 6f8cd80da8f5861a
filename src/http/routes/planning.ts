import { z } from 'zod';
import { instanceSchema } from '../../services/instance-schema.js';
import type { App, RouteContext } from '../deps.js';
import { readErrors } from '../schemas/common.js';

const orgRef = z.object({ id: z.string(), name: z.string(), kind: z.string(), countyCode: z.string().nullable() });

export function registerPlanningRoutes(app: App, { deps }: RouteContext): void {
  app.get(
    '/api/examples',
    {
      schema: {
        tags: ['proposals'],
        description: 'Example instances shipped with the product (illustrative input, not part of the record).',
        response: {
          200: z.object({
            items: z.array(z.object({ name: z.string(), note: z.string().nullable(), round: z.string().nullable(), applicantCount: z.number().int() })),
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
