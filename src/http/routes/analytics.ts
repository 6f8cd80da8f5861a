import { z } from 'zod';
import type { App, RouteContext } from '../deps.js';
import { idParams, includePlannedQuery, programmeQuery, readErrors } from '../schemas/common.js';
import { lineageForest, lineageTrace, roundDescription } from '../schemas/lineage.js';
import { spreadResult } from '../schemas/spread.js';

export function registerAnalyticsRoutes(app: App, { deps }: RouteContext): void {
  const a = deps.analytics;
  const programmeOnly = z.object({ programme: programmeQuery });
  const analyticQuery = z.object({ programme: programmeQuery, includePlanned: includePlannedQuery });
  const plannedOption = (q: { includePlanned?: boolean | undefined }) => ({ includePlanned: q.includePlanned ?? false });

  app.get(
    '/api/rounds/:id',
    {
      schema: {
        tags: ['record'],
        description: 'A round with its participants and roles, benchmarking groups and cohorts (mentor with co- and supporting mentors, and mentees).',
        params: idParams,
        response: { 200: roundDescription, ...readErrors },
      },
    },
    async (request) => a.describeRound(request.params.id),
  );

  app.get(
    '/api/organisations/:id/lineage',
    {
      schema: {
        tags: ['lineage'],
        description: 'Every mentor chain above the organisation and the whole tree below it, across rounds and programmes unless `programme` is given. Disputed links carry `disputed: true` and their sources. Rounds that have taken place only, unless `includePlanned=true`.',
        params: idParams,
        querystring: analyticQuery,
        response: { 200: lineageTrace, ...readErrors },
      },
    },
    async (request) => a.traceLineage(request.params.id, request.query.programme, plannedOption(request.query)),
  );

  app.get(
    '/api/lineage',
    {
      schema: {
        tags: ['lineage'],
        description: 'The whole lineage forest: roots, nested mentees, generations as levels, and a flat list of links. Rounds that have taken place only, unless `includePlanned=true`.',
        querystring: analyticQuery,
        response: { 200: lineageForest, ...readErrors },
      },
    },
    async (request) => a.buildForest(request.query.programme, plannedOption(request.query)),
  );

  app.get(
    '/api/spread',
    {
      schema: {
        tags: ['spread'],
        description: 'Spread over rounds: per round and cumulative counts, coverage by county and kommungrupp, population reached, never reached, generations; every figure also without disputed facts. Rounds that have taken place (running, completed) only, unless `includePlanned=true` (planned rounds are then marked).',
        querystring: analyticQuery,
        response: { 200: spreadResult, ...readErrors },
      },
    },
    async (request) => a.computeSpread(request.query.programme, plannedOption(request.query)),
  );

  app.get(
    '/api/geo/municipalities',
    {
      schema: {
        tags: ['reference'],
        description: 'Simplified boundaries of the 290 municipalities (GeoJSON FeatureCollection; properties code, name, county_code). See data/README.md for provenance.',
        response: { 200: z.string().describe('GeoJSON'), ...readErrors },
      },
    },
    async (_request, reply) => {
      reply.header('content-type', 'application/geo+json; charset=utf-8');
      reply.header('cache-control', 'public, max-age=3600');
      return deps.analytics.readMunicipalityBoundaries();
    },
  );
}
