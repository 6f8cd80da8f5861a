/**
 * Downloads: the record's tables as CSV or XLSX, a round and a proposal as XLSX workbooks.
 * The page's download buttons use exactly these paths.
 */
import { z } from 'zod';
import { EXPORT_TABLES } from '../../core/export/index.js';
import type { App, RouteContext } from '../deps.js';
import { idParams, programmeQuery, readErrors } from '../schemas/common.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const xlsxBody = z.string().describe('XLSX workbook (binary)');
const tableParams = z.object({ table: z.string().min(1).max(64).describe(`One of ${EXPORT_TABLES.join(', ')}`) });

/**
 * Fastify sends a Buffer as it is (no serializer runs for it); the response schema says "string"
 * only for the OpenAPI document, so the handler's type is told the same.
 */
const binary = (body: Buffer): string => body as unknown as string;

export function registerExportRoutes(app: App, { deps }: RouteContext): void {
  const x = deps.exports;
  const attachment = (fileName: string) => `attachment; filename="${fileName}"`;

  app.get(
    '/api/export/:table',
    {
      schema: {
        tags: ['export'],
        description:
          `CSV export of one table (${EXPORT_TABLES.join(', ')}; the name may end in .csv). ` +
          'Default: RFC 4180 for programs (comma, decimal point, CRLF, UTF-8, English snake_case headers). ' +
          '`dialect=excel`: for Excel with Swedish settings (semicolon, UTF-8 with BOM, decimal comma, CRLF, Swedish headers, shares as "2,41%", ' +
          'booleans ja/nej, digit-only codes as ="0114" so their leading zeros survive). In both, a text cell starting with = + - @ tab or CR gets a leading apostrophe.',
        params: tableParams,
        querystring: z.object({
          programme: programmeQuery,
          dialect: z.enum(['rfc4180', 'excel']).default('rfc4180').describe('rfc4180 (programs) or excel (Excel with Swedish settings)'),
        }),
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV text with a header row'), ...readErrors },
      },
    },
    async (request, reply) => {
      const table = request.params.table.replace(/\.csv$/, '');
      const { body, fileName } = await x.exportCsv(table, request.query.programme, request.query.dialect);
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', attachment(fileName));
      return body;
    },
  );

  app.get(
    '/api/export/:table.xlsx',
    {
      schema: {
        tags: ['export'],
        description: `The same tables as the CSV export, as an Excel workbook: Swedish headers, a frozen header row with a filter, codes as text, numbers as numbers with Swedish-displayable formats.`,
        params: tableParams,
        querystring: z.object({ programme: programmeQuery }),
        produces: [XLSX_TYPE],
        response: { 200: xlsxBody, ...readErrors },
      },
    },
    async (request, reply) => {
      const { body, fileName } = await x.exportXlsx(request.params.table, request.query.programme);
      reply.header('content-type', XLSX_TYPE);
      reply.header('content-disposition', attachment(fileName));
      return reply.send(binary(body));
    },
  );

  app.get(
    '/api/rounds/:id.xlsx',
    {
      schema: {
        tags: ['export'],
        description: 'A round as an Excel workbook: the round, its participants with roles, their delegation roles (one row each), the benchmarking groups and the mentors.',
        params: idParams,
        produces: [XLSX_TYPE],
        response: { 200: xlsxBody, ...readErrors },
      },
    },
    async (request, reply) => {
      const { body, fileName } = await x.roundXlsx(request.params.id);
      reply.header('content-type', XLSX_TYPE);
      reply.header('content-disposition', attachment(fileName));
      return reply.send(binary(body));
    },
  );

  app.get(
    '/api/proposals/:id.xlsx',
    {
      schema: {
        tags: ['export'],
        description:
          'A stored proposal as an Excel workbook: summary (objective, optimality), groups with mentors, every term of the objective with its reason (the terms sum to the objective), mentors with capacity, applicants, unplaced applicants, weights and penalties.',
        params: idParams,
        produces: [XLSX_TYPE],
        response: { 200: xlsxBody, ...readErrors },
      },
    },
    async (request, reply) => {
      const { body, fileName } = await x.proposalXlsx(request.params.id);
      reply.header('content-type', XLSX_TYPE);
      reply.header('content-disposition', attachment(fileName));
      return reply.send(binary(body));
    },
  );
}
