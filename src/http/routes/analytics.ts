import { z } from 'zod';
import { EXPORT_TABLES } from '../../core/export/index.js';
import { text } from '../../services/input-bounds.js';
import type { App, RouteContext } from '../deps.js';
import { idParams, programmeQuery, readErrors } from '../schemas/common.js';
import { lineageForest, lineageTrace, roundDescription } from '../schemas/lineage.js';
import { spreadResult } from '../schemas/spread.js';

export function registerAnalyticsRoutes(app: App, { deps }: RouteContext): void {
  const a = deps.analytics;
  const programmeOnly = z.object({ programme: programmeQuery });

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
        description: 'Every mentor chain above the organisation and the whole tree below it, across rounds and programmes unless `programme` is given. Disputed links carry `disputed: true` and their sources.',
        params: idParams,
        querystring: programmeOnly,
        response: { 200: lineageTrace, ...readErrors },
      },
    },
    async (request) => a.traceLineage(request.params.id, request.query.programme),
  );

  app.get(
    '/api/lineage',
    {
      schema: {
        tags: ['lineage'],
        description: 'The whole lineage forest: roots, nested mentees, generations as levels, and a flat list of links.',
        querystring: programmeOnly,
        response: { 200: lineageForest, ...readErrors },
      },
    },
    async (request) => a.buildForest(request.query.programme),
  );

  app.get(
    '/api/spread',
    {
      schema: {
        tags: ['spread'],
        description: 'Spread over rounds: per round and cumulative counts, coverage by county and kommungrupp, population reached, never reached, generations; every figure also without disputed facts.',
        querystring: programmeOnly,
        response: { 200: spreadResult, ...readErrors },
      },
    },
    async (request) => a.computeSpread(request.query.programme),
  );

  app.get(
    '/api/export/:table',
    {
      schema: {
        tags: ['export'],
        description: `CSV export (UTF-8, RFC 4180). Tables: ${EXPORT_TABLES.join(', ')}; the name may end in .csv.`,
        params: z.object({ table: text(64) }),
        querystring: programmeOnly,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV text with a header row'), ...readErrors },
      },
    },
    async (request, reply) => {
      const table = request.params.table.replace(/\.csv$/, '');
      const { csv, fileName } = await a.exportCsv(table, request.query.programme);
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="${fileName}"`);
      return csv;
    },
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
