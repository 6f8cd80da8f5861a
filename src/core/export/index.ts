/**
 * CSV export: every table by name, so the HTTP route and the CLI share one list.
 * `buildExportCsv(world, table, options)` returns the CSV text (RFC 4180, UTF-8, CRLF, header
 * row); serve it as CSV_CONTENT_TYPE. An unknown table name is AppError('invalid_input') naming
 * the field `table`; an unknown programme is AppError('not_found').
 */
import { AppError } from '../errors.js';
import type { World } from '../model.js';
import { computeSpread } from '../spread/compute-spread.js';
import type { CsvOptions } from './csv.js';
import {
  buildCohortEdgesCsv,
  buildGroupMembersCsv,
  buildOrganisationsCsv,
  buildParticipationsCsv,
  buildRoundsCsv,
} from './record-csv.js';
import {
  buildSpreadCountiesCsv,
  buildSpreadKommungrupperCsv,
  buildSpreadMunicipalitiesCsv,
  buildSpreadRoundsCsv,
} from './spread-csv.js';

export * from './csv.js';
export * from './record-csv.js';
export * from './spread-csv.js';

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
export const exportFileName = (table: ExportTable, programme?: string | null): string => `${programme ?? 'all'}-${table}.csv`;

export function buildExportCsv(world: World, table: string, options: ExportOptions = {}): string {
  if (!isExportTable(table)) {
    throw new AppError('invalid_input', `Unknown export table '${table}'; choose one of ${EXPORT_TABLES.join(', ')}.`, [
      { field: 'table', message: 'unknown export table', values: [table] },
    ]);
  }
  const spread = () => computeSpread(world, { programme: options.programme });
  switch (table) {
    case 'organisations':
      return buildOrganisationsCsv(world, options);
    case 'participations':
      return buildParticipationsCsv(world, options);
    case 'rounds':
      return buildRoundsCsv(world, options);
    case 'groups':
      return buildGroupMembersCsv(world, options);
    case 'cohorts':
      return buildCohortEdgesCsv(world, options);
    case 'spread-rounds':
      return buildSpreadRoundsCsv(spread(), options);
    case 'spread-counties':
      return buildSpreadCountiesCsv(spread(), options);
    case 'spread-kommungrupper':
      return buildSpreadKommungrupperCsv(spread(), options);
    case 'spread-municipalities':
      return buildSpreadMunicipalitiesCsv(spread(), options);
  }
}
