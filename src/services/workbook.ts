/**
 * Workbooks are written on the solve pool: exceljs holds its thread for 10–20 ms per few hundred
 * rows and 60–90 ms on a cold start, measured with a 1 ms interval timer, which the request thread
 * must not. The tables are built here (about 1 ms even for a 200-applicant proposal) and cloned to
 * the worker (under 1 ms); only the bytes come back.
 */
import type { Table } from '../core/export/table.js';
import type { World } from '../core/model.js';
import type { Solver } from './solver.js';

export async function writeWorkbookOnPool(solver: Solver, world: World, tables: Table[]): Promise<Buffer> {
  const bytes = await solver.start('workbook', world, { tables }).result;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
