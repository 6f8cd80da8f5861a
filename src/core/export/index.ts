/**
 * Exports: every table by name, so the HTTP routes and the CLI share one list.
 * `buildExportTable(world, table, options)` gives the typed table (for XLSX);
 * `buildExportCsv(world, table, options)` its CSV text (RFC 4180 by default, or the Excel dialect;
 * see csv.ts); serve it as CSV_CONTENT_TYPE. An unknown table name is AppError('invalid_input')
 * naming the field `table`; an unknown programme is AppError('not_found').
 */
import { AppError } from '../errors.js';
import type { World } from '../model.js';
import { computeSpread } from '../spread/compute-spread.js';
import { tableToCsv, type CsvOptions } from './csv.js';
import {
  buildCohortEdgesTable,
  buildGroupMembersTable,
  buildOrganisationsTable,
  buildParticipationsTable,
  buildRoundsTable,
} from './record-csv.js';
import {
  buildSpreadCountiesTable,
  buildSpreadKommungrupperTable,
  buildSpreadMunicipalitiesTable,
  buildSpreadRoundsTable,
} from './spread-csv.js';
import type { Table } from './table.js';

export * from './csv.js';
export * from './record-csv.js';
export * from './spread-csv.js';
export * from './table.js';
export * from './proposal-tables.js';
export * from './round-tables.js';

export const EXPORT_TABLES = [
  'organisations',
  'participations',
  'rounds',
  'groups',
  'cohorts',
  'spread-rounds',
  'spread-counties',
  'spread-kommungrupper',
  'spread-municipalities',
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export interface ExportOptions extends CsvOptions {
  programme?: string | null | undefined;
}

export const isExportTable = (name: string): name is ExportTable => (EXPORT_TABLES as readonly string[]).includes(name);

/** Suggested file name, e.g. "modellkommuner-spread-counties.csv" ("all-…" without a programme). */
export const exportFileName = (table: ExportTable, programme?: string | null, extension: 'csv' | 'xlsx' = 'csv'): string =>
  `${programme ?? 'all'}-${table}.${extension}`;

export function buildExportCsv(world: World, table: string, options: ExportOptions = {}): string {
  return tableToCsv(buildExportTable(world, table, options), options);
}

export function buildExportTable(world: World, table: string, options: ExportOptions = {}): Table {
  if (!isExportTable(table)) {
    throw new AppError('invalid_input', `Unknown export table '${table}'; choose one of ${EXPORT_TABLES.join(', ')}.`, [
      { field: 'table', message: 'unknown export table', values: [table] },
    ]);
  }
  const spread = () => computeSpread(world, { programme: options.programme });
  switch (table) {
    case 'organisations':
      return buildOrganisationsTable(world, options);
    case 'participations':
      return buildParticipationsTable(world, options);
    case 'rounds':
      return buildRoundsTable(world, options);
    case 'groups':
      return buildGroupMembersTable(world, options);
    case 'cohorts':
      return buildCohortEdgesTable(world, options);
    case 'spread-rounds':
      return buildSpreadRoundsTable(spread());
    case 'spread-counties':
      return buildSpreadCountiesTable(spread());
    case 'spread-kommungrupper':
      return buildSpreadKommungrupperTable(spread());
    case 'spread-municipalities':
      return buildSpreadMunicipalitiesTable(spread());
  }
}
