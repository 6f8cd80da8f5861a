/**
 * Rounds in preparation: create one, keep its applications (intresseanmälningar) and mentor
 * offers, import them from CSV or XLSX, and read the proposal instance they make. Reads are open;
 * writes need the bearer token.
 */
import { z } from 'zod';
import type { App, RouteContext } from '../deps.js';
import {
  applicationBody,
  applicationView,
  builtInstance,
  createRoundBody,
  importBody,
  importReport,
  itemParams,
  mentorOfferBody,
  mentorOfferView,
  preparationView,
  preparingList,
  roundIdParams,
} from '../schemas/applications.js';
import { readErrors, round, writeErrors } from '../schemas/common.js';

const secured = [{ bearerAuth: [] as string[] }];
const tags = ['preparation'];
const IMPORT_BODY_LIMIT = 3_200_000;

export function registerApplicationRoutes(app: App, { deps, requireToken, expensive }: RouteContext): void {
  const s = deps.preparation;

  app.post(
    '/api/rounds',
    {
      onRequest: requireToken,
      config: expensive,
      schema: {
        tags,
        description: 'Creates a round in preparation (state `preparing`) that collects applications and mentor offers. Its id is derived from programme and label. Needs the bearer token.',
        security: secured,
        body: createRoundBody,
        response: { 201: round, ...writeErrors },
      },
    },
    async (request, reply) => {
      const created = await s.createRound(request.body);
      reply.status(201).header('location', `/api/rounds/${encodeURIComponent(created.id)}/applications`);
      return created;
    },
  );

  app.get(
    '/api/rounds/preparing',
    { schema: { tags, description: 'Rounds in preparation with their numbers of applications and mentor offers.', response: { 200: preparingList, ...readErrors } } },
    async () => ({ items: await s.listPreparing() }),
  );

  app.get(
    '/api/rounds/:id/applications',
    {
      schema: {
        tags,
        description: 'A round with its applications and mentor offers (a planned round still lists what it was built from).',
        params: roundIdParams,
        response: { 200: preparationView, ...readErrors },
      },
    },
    async (request) => s.getPreparation(request.params.id),
  );

  app.get(
    '/api/rounds/:id/instance',
    {
      schema: {
        tags,
        description:
          'The proposal instance of a round in preparation, for POST /api/proposals: its applicants (focus, delegation, "gärna med" as `wishWith`, scored by the `wish` criterion), its mentor offers (default mentors when there are none) and every "inte med" as `rules.forbid`. Accept the proposal with `round` set to this round id to make the round planned.',
        params: roundIdParams,
        response: { 200: builtInstance, ...readErrors },
      },
    },
    async (request) => s.buildInstance(request.params.id),
  );

  app.post(
    '/api/rounds/:id/applications',
    {
      onRequest: requireToken,
      config: expensive,
      schema: { tags, description: 'Adds an application to a round in preparation (409 when the organisation already applied or mentors). Needs the bearer token.', security: secured, params: roundIdParams, body: applicationBody, response: { 201: applicationView, ...writeErrors } },
    },
    async (request, reply) => {
      reply.status(201);
      return s.addApplication(request.params.id, request.body);
    },
  );

  app.put(
    '/api/rounds/:id/applications/:itemId',
    {
      onRequest: requireToken,
      config: expensive,
      schema: { tags, description: 'Replaces an application. Needs the bearer token.', security: secured, params: itemParams, body: applicationBody, response: { 200: applicationView, ...writeErrors } },
    },
    async (request) => s.updateApplication(request.params.id, request.params.itemId, request.body),
  );

  app.delete(
    '/api/rounds/:id/applications/:itemId',
    {
      onRequest: requireToken,
      config: expensive,
      schema: { tags, description: 'Removes an application. Needs the bearer token.', security: secured, params: itemParams, response: { 204: z.null().describe('Removed'), ...writeErrors } },
    },
    async (request, reply) => {
      await s.deleteApplication(request.params.id, request.params.itemId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/rounds/:id/mentor-offers',
    {
      onRequest: requireToken,
      config: expensive,
      schema: { tags, description: 'Adds a mentor offer (an earlier participant, with capacity). Needs the bearer token.', security: secured, params: roundIdParams, body: mentorOfferBody, response: { 201: mentorOfferView, ...writeErrors } },
    },
    async (request, reply) => {
      reply.status(201);
      return s.addMentorOffer(request.params.id, request.body);
    },
  );

  app.put(
    '/api/rounds/:id/mentor-offers/:itemId',
    {
      onRequest: requireToken,
      config: expensive,
      schema: { tags, description: 'Replaces a mentor offer. Needs the bearer token.', security: secured, params: itemParams, body: mentorOfferBody, response: { 200: mentorOfferView, ...writeErrors } },
    },
    async (request) => s.updateMentorOffer(request.params.id, request.params.itemId, request.body),
  );

  app.delete(
    '/api/rounds/:id/mentor-offers/:itemId',
    {
      onRequest: requireToken,
      config: expensive,
      schema: { tags, description: 'Removes a mentor offer. Needs the bearer token.', security: secured, params: itemParams, response: { 204: z.null().describe('Removed'), ...writeErrors } },
    },
    async (request, reply) => {
      await s.deleteMentorOffer(request.params.id, request.params.itemId);
      return reply.status(204).send(null);
    },
  );

  for (const [path, kind] of [
    ['/api/rounds/:id/applications/import', 'applications'],
    ['/api/rounds/:id/mentor-offers/import', 'mentorOffers'],
  ] as const) {
    app.post(
      path,
      {
        onRequest: requireToken,
        config: expensive,
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags,
          description: `Imports ${kind === 'applications' ? 'applications' : 'mentor offers'} from a CSV or XLSX file (base64 in \`content\`), as a web form exports them; the columns are in docs/applications.md (English or Swedish headers). Every row is validated; any problem refuses the whole file (400, each detail naming file, line and field) and nothing is written. A CSV that is not UTF-8 is refused unless \`encoding\` names its encoding. Re-importing a file updates the same rows. The file is read on the solver pool, off the request thread: when every thread is busy and the queue is full → 503 \`busy\` with \`Retry-After\`. Needs the bearer token.`,
          security: secured,
          params: roundIdParams,
          body: importBody,
          response: { 200: importReport, ...writeErrors },
        },
      },
      async (request) => s.importFile(request.params.id, kind, request.body),
    );
  }
}
