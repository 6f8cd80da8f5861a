/**
 * The one XLSX writer: typed tables (core/export/table.ts) in, an .xlsx workbook out, one sheet per
 * table, through exceljs's streaming writer.
 *
 * What a person sees in Excel (Swedish settings):
 * - a bold header row of Swedish labels, frozen, with an autofilter;
 * - codes (kommunkod 0114, länskod 01, ids) as text cells with the text format "@", so leading
 *   zeros stay and Excel does not offer to turn them into numbers;
 * - integers, decimals and shares as numbers with number formats ("#,##0", "0.000", "0.0%") that
 *   Excel shows the Swedish way (space as thousands separator, decimal comma: "50 495", "2,4 %");
 * - dates ("2017-05", "2017-05-01") as real dates formatted yyyy-mm or yyyy-mm-dd; a bare year as
 *   a number; booleans as boolean cells (SANT/FALSKT in Swedish Excel);
 * - column widths from the longest value (8 to 60 characters).
 * Every text cell starting with =, +, -, @, tab or CR is neutralised (table.ts `neutraliseText`);
 * no formula is ever written.
 *
 * Cost: rows are committed as they are written and the writer yields to the event loop every
 * YIELD_EVERY rows; still it holds its thread for 10–20 ms at a time (60–90 ms cold), so the server
 * runs it on the solve pool (services/workbook.ts; docs/exports.md). Sizes here are bounded by the
 * record (at most a few thousand rows).
 */
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutraliseText, sheetName, type Cell, type Column, type Table } from '../../core/export/table.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Rows written between two yields to the event loop. */
const YIELD_EVERY = 200;

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function numberFormat(c: Column): string | undefined {
  switch (c.type) {
    case 'code':
    case 'text':
      return '@';
    case 'integer':
      return '#,##0';
    case 'decimal':
      return c.decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(c.decimals ?? 3)}`;
    case 'percent':
      return c.decimals === 0 ? '0%' : `0.${'0'.repeat(c.decimals ?? 1)}%`;
    default:
      return undefined;
  }
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The value exceljs should write, and a per-cell number format when the value needs one. */
function cellValue(value: Cell, c: Column): { value: string | number | boolean | Date | null; numFmt?: string } {
  if (value === null || value === undefined) return { value: null };
  if (typeof value === 'number') return { value: Number.isFinite(value) ? value : null };
  if (typeof value === 'boolean') return { value };
  if (c.type === 'date') {
    const m = DATE.exec(value);
    if (m && !m[2]) return { value: Number(m[1]), numFmt: '0' };
    if (m) return { value: new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3] ?? 1))), numFmt: m[3] ? 'yyyy-mm-dd' : 'yyyy-mm' };
  }
  if ((c.type === 'integer' || c.type === 'decimal' || c.type === 'percent') && value.trim() !== '' && Number.isFinite(Number(value))) {
    return { value: Number(value) };
  }
  return { value: neutraliseText(value) };
}

/** Width in characters a cell needs (a rough display length; numbers as formatted). */
function displayLength(value: Cell, c: Column): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'boolean') return 6;
  if (typeof value === 'number') {
    if (c.type === 'percent') return 8;
    const digits = Math.trunc(Math.abs(value)).toString().length;
    return digits + Math.floor((digits - 1) / 3) + (c.type === 'decimal' ? (c.decimals ?? 3) + 1 : 0) + (value < 0 ? 1 : 0);
  }
  return Math.max(...value.split('\n').map((l) => l.length));
}

export function columnWidths(table: Table): number[] {
  return table.columns.map((c, i) => {
    let w = c.label.length;
    for (const row of table.rows) {
      w = Math.max(w, displayLength(row[i], c));
      if (w >= 60) break;
    }
    return Math.min(60, Math.max(8, w + 2));
  });
}

/** Writes the workbook to `out` (a writable stream); resolves when everything is written. */
export async function streamXlsx(tables: readonly Table[], out: Writable, options: { creator?: string } = {}): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = options.creator ?? 'modellkommuner';
  const used = new Set<string>();
  let written = 0;
  for (const table of tables) {
    let name = sheetName(table.name);
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${sheetName(table.name).slice(0, 27)} (${n})`;
    used.add(name.toLowerCase());
    const ws = wb.addWorksheet(name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
      ...(table.columns.length ? { autoFilter: { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } } } : {}),
    });
    const widths = columnWidths(table);
    ws.columns = table.columns.map((c, i) => {
      const numFmt = numberFormat(c);
      return { key: c.key, width: widths[i]!, ...(numFmt ? { style: { numFmt } } : {}) };
    });
    const header = ws.addRow(table.columns.map((c) => neutraliseText(c.label)));
    header.font = { bold: true };
    header.commit();
    for (const row of table.rows) {
      const r = ws.addRow(table.columns.map(() => null));
      table.columns.forEach((c, i) => {
        const { value, numFmt } = cellValue(row[i], c);
        const cell = r.getCell(i + 1);
        cell.value = value;
        if (numFmt) cell.numFmt = numFmt;
      });
      r.commit();
      if (++written % YIELD_EVERY === 0) await yieldToLoop();
    }
    ws.commit();
  }
  await wb.commit();
}

/** The workbook as one Buffer (for HTTP replies with a Content-Length, and for files). */
export async function writeXlsx(tables: readonly Table[], options: { creator?: string } = {}): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  await streamXlsx(tables, out, options);
  await ended;
  return Buffer.concat(chunks);
}
