import { z } from 'zod';
import type { App, RouteContext } from '../deps.js';
import { wrapOnce } from '../serialize-once.js';

import { programmeQuery, readErrors, roundState } from '../schemas/common.js';
import { conflict, county, focusArea, kommungrupp, list, programme, recordFact, roundSummary, source } from '../schemas/record.js';

export function registerRecordRoutes(app: App, { deps }: RouteContext): void {
  const c = deps.catalogue;
  // One wrapper per memoized list, so that its JSON is produced once (serialize-once.ts).
  const listOf = <T>() => wrapOnce((items: T[]) => ({ items }));
  const programmes = listOf<Awaited<ReturnType<typeof c.listProgrammes>>[number]>();
  const rounds = listOf<Awaited<ReturnType<typeof c.listRounds>>[number]>();
  const sources = listOf<Awaited<ReturnType<typeof c.listSources>>[number]>();
  const conflicts = listOf<Awaited<ReturnType<typeof c.listConflicts>>[number]>();
  const counties = listOf<Awaited<ReturnType<typeof c.listCounties>>[number]>();
  const focusAreas = listOf<Awaited<ReturnType<typeof c.listFocusAreas>>[number]>();
  const kommungrupper = listOf<Awaited<ReturnType<typeof c.listKommungrupper>>[number]>();
  app.get('/api/programmes', { schema: { tags: ['record'], response: { 200: list(programme), ...readErrors } } }, async () => programmes(await c.listProgrammes()));
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
    async (request) => rounds(await c.listRounds(request.query.programme, request.query.state ? [request.query.state] : undefined)),
  );
  app.get('/api/sources', { schema: { tags: ['record'], response: { 200: list(source), ...readErrors } } }, async () => sources(await c.listSources()));
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
    async () => conflicts(await c.listConflicts()),
  );
  app.get('/api/counties', { schema: { tags: ['reference'], response: { 200: list(county), ...readErrors } } }, async () => counties(await c.listCounties()));
  app.get('/api/focus-areas', { schema: { tags: ['reference'], response: { 200: list(focusArea), ...readErrors } } }, async () => focusAreas(await c.listFocusAreas()));
  app.get('/api/kommungrupper', { schema: { tags: ['reference'], response: { 200: list(kommungrupp), ...readErrors } } }, async () => kommungrupper(await c.listKommungrupper()));
}
