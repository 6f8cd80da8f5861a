import { z } from 'zod';
import type { App, RouteContext } from '../deps.js';

import { programmeQuery, readErrors, roundState } from '../schemas/common.js';
import { conflict, county, focusArea, kommungrupp, list, programme, recordFact, roundSummary, source } from '../schemas/record.js';

export function registerRecordRoutes(app: App, { deps }: RouteContext): void {
  const c = deps.catalogue;
  app.get('/api/programmes', { schema: { tags: ['record'], response: { 200: list(programme), ...readErrors } } }, async () => ({
    items: await c.listProgrammes(),
  }));
  app.get(
    '/api/rounds',
    {
      schema: {
        tags: ['record'],
        description:
          'Every round in date order, in every state: historical (completed, running), accepted (planned), and cancelled or superseded ones with their reason (`stateReason`). Only running and completed rounds count in spread, lineage and default mentors. `state` restricts the list to one state.',
        querystring: z.object({ programme: programmeQuery, state: roundState.optional() }),
        response: { 200: list(roundSummary), ...readErrors },
      },
    },
    async (request) => ({ items: await c.listRounds(request.query.programme, request.query.state ? [request.query.state] : undefined) }),
  );
  app.get('/api/sources', { schema: { tags: ['record'], response: { 200: list(source), ...readErrors } } }, async () => ({
    items: await c.listSources(),
  }));
  app.get(
    '/api/facts',
    {
      schema: {
        tags: ['record'],
        description: 'The record’s free-text facts that belong to no round (e.g. how a source itself counts the spread), in English (`says`) and Swedish (`saysSv`), each with its sources.',
        response: { 200: list(recordFact), ...readErrors },
      },
    },
    async () => ({ items: await c.listFacts() }),
  );
  app.get(
    '/api/conflicts',
    { schema: { tags: ['record'], description: 'Where sources disagree, with every statement and the facts marked disputed.', response: { 200: list(conflict), ...readErrors } } },
    async () => ({ items: await c.listConflicts() }),
  );
  app.get('/api/counties', { schema: { tags: ['reference'], response: { 200: list(county), ...readErrors } } }, async () => ({
    items: await c.listCounties(),
  }));
  app.get('/api/focus-areas', { schema: { tags: ['reference'], response: { 200: list(focusArea), ...readErrors } } }, async () => ({
    items: await c.listFocusAreas(),
  }));
  app.get('/api/kommungrupper', { schema: { tags: ['reference'], response: { 200: list(kommungrupp), ...readErrors } } }, async () => ({
    items: await c.listKommungrupper(),
  }));
}
