import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { col, type Table } from '../../../src/core/export/table.js';
import { writeXlsx } from '../../../src/services/export/xlsx-writer.js';

const load = async (buf: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
};

const table: Table = {
  name: 'Kommuner: test/urval',
  columns: [
    col('code', 'Kommunkod', 'code'), col('county', 'Länskod', 'code'), col('name', 'Namn'), col('population', 'Folkmängd', 'integer'),
    col('score', 'Poäng', 'decimal', 3), col('share', 'Andel', 'percent'), col('start', 'Start', 'date'), col('disputed', 'Omstridd', 'boolean'),
  ],
  rows: [
    ['0114', '01', 'Upplands Väsby', 50495, 0.8125, 0.0241, '2017-05', false],
    ['2580', '25', 'Luleå', 79000, 0.5, 1, '2019-02-03', true],
    ['0180-EAV', null, 'Enskede-Årsta-Vantör stadsdelsområde', null, null, null, '2015', null],
  ],
};

describe('writeXlsx (generic typed-table writer)', () => {
  it('writes one sheet per table with a frozen, filtered, bold Swedish header row', async () => {
    const wb = await load(await writeXlsx([table, { ...table, name: 'Andra' }]));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Kommuner  test urval', 'Andra']);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Kommunkod', 'Länskod', 'Namn', 'Folkmängd', 'Poäng', 'Andel', 'Start', 'Omstridd']);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(String(ws.autoFilter)).toBe('A1:H1');
    expect(ws.rowCount).toBe(4);
  });

  it('keeps codes as text with leading zeros and writes numbers as numbers with Swedish-displayable formats', async () => {
    const ws = (await load(await writeXlsx([table]))).worksheets[0]!;
    const r = ws.getRow(2);
    expect(r.getCell(1).value).toBe('0114');
    expect(r.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(r.getCell(1).numFmt).toBe('@');
    expect(r.getCell(2).value).toBe('01');
    expect(r.getCell(4).value).toBe(50495);
    expect(r.getCell(4).type).toBe(ExcelJS.ValueType.Number);
    expect(r.getCell(4).numFmt).toBe('#,##0');
    expect(r.getCell(5).numFmt).toBe('#,##0.000');
    expect(r.getCell(6).value).toBeCloseTo(0.0241, 10);
    expect(r.getCell(6).numFmt).toBe('0.0%');
    expect(r.getCell(7).value).toEqual(new Date(Date.UTC(2017, 4, 1)));
    expect(r.getCell(7).numFmt).toBe('yyyy-mm');
    expect(ws.getRow(3).getCell(7).numFmt).toBe('yyyy-mm-dd');
    expect(ws.getRow(4).getCell(7).value).toBe(2015);
    expect(r.getCell(8).value).toBe(false);
    expect(ws.getRow(4).getCell(4).value).toBeNull();
  });

  it('sizes columns from their longest value, within 8 to 60 characters', async () => {
    const ws = (await load(await writeXlsx([table]))).worksheets[0]!;
    const widths = ws.columns.map((c) => c.width ?? 0);
    expect(widths[2]).toBe('Enskede-Årsta-Vantör stadsdelsområde'.length + 2);
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(8);
    const long = await writeXlsx([{ name: 'x', columns: [col('t', 'T')], rows: [['y'.repeat(500)]] }]);
    expect((await load(long)).worksheets[0]!.columns[0]!.width).toBe(60);
  });
});
