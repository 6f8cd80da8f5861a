/**
 * Uploaded files are read, and workbooks written, on the solve pool's worker threads (exceljs works
 * in long synchronous stretches): through a real pool, a workbook and a CSV give the same drafts as
 * reading them in process, a refusal crosses the thread boundary with every detail (file, line,
 * field), and a workbook written on the pool reads back to the table it was given.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import type { World } from '../../../src/core/model.js';
import { readApplicationsFile, readMentorOffersFile } from '../../../src/services/applications-file.js';
import { loadWorld } from '../../../src/services/dataset/load-world.js';
import { buildExportTable } from '../../../src/core/export/index.js';
import { writeWorkbookOnPool } from '../../../src/services/workbook.js';
import type { Solver } from '../../../src/services/solver.js';
import { createSolvePool } from '../../../src/workers/solve-pool.js';

async function workbook(rows: (string | number)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Ansökningar');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('reading uploaded files on the solve pool', () => {
  let pool: Solver;
  let world: World;
  beforeAll(async () => {
    pool = createSolvePool({ threads: 1, maxQueue: 2 });
    world = await loadWorld('data');
  });
  afterAll(async () => {
    await pool.close();
  });

  it('gives the same applications from a workbook as reading it in process', async () => {
    const bytes = await workbook([
      ['Organisation', 'Fokusområden', 'Gärna med', 'Kommentar'],
      ['Örebro', 'digitalisering', 'Karlstad', 'Vi vill gärna vara med'],
      ['Karlstad', '', '', ''],
    ]);
    const options = { file: 'ansokningar.xlsx', format: 'xlsx' as const };
    const viaPool = await pool.start('readApplications', world, { bytes, options }).result;
    expect(viaPool).toEqual(await readApplicationsFile(bytes, options));
    expect(viaPool).toHaveLength(2);
    expect(viaPool[0]).toMatchObject({ focus: ['digitalisering'], note: 'Vi vill gärna vara med' });
  });

  it('gives the same mentor offers from a CSV', async () => {
    const bytes = new TextEncoder().encode('Organisation;Kapacitet\nÖrebro;2\nKarlstad;1\n');
    const options = { file: 'mentorer.csv', format: 'csv' as const };
    const viaPool = await pool.start('readMentorOffers', world, { bytes, options }).result;
    expect(viaPool).toEqual(await readMentorOffersFile(bytes, options));
    expect(viaPool.map((o) => o.capacity)).toEqual([2, 1]);
  });

  it('refuses a bad file with the same code, message and details as in process', async () => {
    const bytes = await workbook([['Organisation', 'Okänd kolumn'], ['Örebro', 'x']]);
    const options = { file: 'fel.xlsx', format: 'xlsx' as const };
    const inProcess = await readApplicationsFile(bytes, options).then(
      () => null,
      (e: unknown) => e,
    );
    expect(inProcess).toBeInstanceOf(AppError);
    const viaPool = await pool.start('readApplications', world, { bytes, options }).result.then(
      () => null,
      (e: unknown) => e,
    );
    expect(viaPool).toBeInstanceOf(AppError);
    const pick = (e: AppError) => ({ code: e.code, message: e.message, details: e.details });
    expect(pick(viaPool as AppError)).toEqual(pick(inProcess as AppError));
    expect((viaPool as AppError).details).toEqual([expect.objectContaining({ file: 'fel.xlsx', line: 1 })]);
  });

  it('writes a workbook that reads back to the table it was given', async () => {
    const table = buildExportTable(world, 'spread-counties', {});
    const bytes = await writeWorkbookOnPool(pool, world, [table]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet(table.name)!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...table.columns.map((c) => c.label)]);
    expect(sheet.rowCount).toBe(table.rows.length + 1);
    table.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        const got = sheet.getRow(r + 2).getCell(c + 1).value;
        expect(got ?? null).toEqual(cell === '' || cell === undefined ? null : cell);
      }),
    );
  });
});
