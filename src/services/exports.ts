/**
 * Export use-cases: the record's tables as CSV (RFC 4180 or the Excel dialect) or XLSX, a round
 * as a workbook and a stored proposal as a workbook. Tables come from the pure core
 * (core/export); the workbook from the one XLSX writer (export/xlsx-writer.ts), on the solve pool.
 */
import { describeRound } from '../core/cohorts.js';
import { notFound } from '../core/errors.js';
import {
  buildExportTable,
  buildProposalTables,
  buildRoundTables,
  exportFileName,
  isExportTable,
  tableToCsv,
  type CsvDialect,
} from '../core/export/index.js';
import type { Table } from '../core/export/table.js';
import type { Proposal } from '../core/matching/proposal.js';
import type { StoredProposal } from '../core/model.js';
import { selectTakenPlace } from '../core/record/taken-place.js';
import type { Solver } from './solver.js';
import { writeWorkbookOnPool } from './workbook.js';
import type { WorldSource } from './world-source.js';

export interface ExportDeps {
  worlds: WorldSource;
  /** Writes the workbooks (services/workbook.ts). */
  solver: Solver;
  getProposal(id: string): Promise<StoredProposal | null>;
}

export interface ExportFile<T> {
  body: T;
  fileName: string;
}

/** A file name part from an id: letters, digits, dot, dash and underscore only. */
const safeName = (id: string): string => id.replace(/[^\w.-]+/g, '_').slice(0, 100);

export function createExportService(deps: ExportDeps) {
  const world = () => deps.worlds.getWorld();
  // The record's tables count what has taken place (a plan is never history); a round's own
  // workbook may be of a planned round.
  const counted = async () => selectTakenPlace(await world());
  const workbook = async (tables: Table[]) => writeWorkbookOnPool(deps.solver, await world(), tables);
  const fileName = (table: string, programme: string | undefined, extension: 'csv' | 'xlsx') =>
    safeName(isExportTable(table) ? exportFileName(table, programme, extension) : `${table}.${extension}`);

  return {
    async exportCsv(table: string, programme?: string, dialect: CsvDialect = 'rfc4180'): Promise<ExportFile<string>> {
      const body = tableToCsv(buildExportTable(await counted(), table, { programme }), { dialect });
      return { body, fileName: fileName(table, programme, 'csv') };
    },

    async exportXlsx(table: string, programme?: string): Promise<ExportFile<Buffer>> {
      const t = buildExportTable(await counted(), table, { programme });
      return { body: await workbook([t]), fileName: fileName(table, programme, 'xlsx') };
    },

    /** Any round, whatever its state (the workbook says it). */
    async roundXlsx(roundId: string): Promise<ExportFile<Buffer>> {
      const tables = buildRoundTables(describeRound(await world(), roundId));
      return { body: await workbook(tables), fileName: `round-${safeName(roundId)}.xlsx` };
    },

    async proposalXlsx(id: string): Promise<ExportFile<Buffer>> {
      const p = await deps.getProposal(id);
      if (!p) throw notFound('proposal', id);
      const tables = buildProposalTables({ id: p.id, createdAt: p.createdAt, acceptedRoundId: p.acceptedRoundId }, p.result as Proposal);
      return { body: await workbook(tables), fileName: `proposal-${safeName(p.id)}.xlsx` };
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
