import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { col, neutraliseText, tableToCsv, toCsv, type Table } from '../../../src/core/export/index.js';

const PAYLOADS = ['=1+1', '=HYPERLINK("http://evil.example","x")', '@SUM(1+1)', '+4+5', '-2+3', "=cmd|' /C calc'!A0", '\tx', '\rx'];

const table: Table = {
  name: 'T',
  columns: [col('code', 'Kod', 'code'), col('name', 'Namn'), col('n', 'Antal', 'integer'), col('x', 'Värde', 'decimal'), col('share', 'Andel', 'percent'), col('ok', 'Ok', 'boolean')],
  rows: [
    ['0114', 'Upplands Väsby; norr', 50495, 0.0000001, 0.0241, true],
    ['01', 'Stockholms län', -3, -2.5, 1, false],
    ['0180-EAV', null, null, null, null, null],
  ],
};

describe('neutraliseText (OWASP CSV injection)', () => {
  it('prefixes an apostrophe to text starting with = + - @ tab or CR, and to nothing else', () => {
    for (const p of PAYLOADS) expect(neutraliseText(p)).toBe(`'${p}`);
    for (const ok of ['Örebro', '0114', 'a=b', ' =1', '', "'quoted"]) expect(neutraliseText(ok)).toBe(ok);
  });

  it('applies to every text cell of both dialects while numbers stay numbers', () => {
    for (const dialect of ['rfc4180', 'excel'] as const) {
      const csv = toCsv(['v', 'n'], PAYLOADS.map((p) => [p, -2]), { dialect });
      const back = parse(csv, { columns: true, bom: true, delimiter: dialect === 'excel' ? ';' : ',', relax_quotes: false }) as { v: string; n: string }[];
      expect(back.map((r) => r.v)).toEqual(PAYLOADS.map((p) => `'${p}`));
      expect(back.every((r) => r.n === '-2')).toBe(true);
    }
  });
});

describe('tableToCsv', () => {
  it('rfc4180: English keys, comma, decimal point, true/false, codes as they are, no BOM', () => {
    const csv = tableToCsv(table);
    expect(csv).toBe(
      'code,name,n,x,share,ok\r\n0114,Upplands Väsby; norr,50495,1e-7,0.0241,true\r\n01,Stockholms län,-3,-2.5,1,false\r\n0180-EAV,,,,,\r\n',
    );
  });

  it('excel: BOM, Swedish labels, semicolons, decimal commas, percentages, ja/nej, ="0114" for digit codes, CRLF', () => {
    const csv = tableToCsv(table, { dialect: 'excel' });
    expect(csv).toBe(
      '\uFEFFKod;Namn;Antal;Värde;Andel;Ok\r\n' +
        '"=""0114""";"Upplands Väsby; norr";50495;0,0000001;2,41%;ja\r\n' +
        '"=""01""";Stockholms län;-3;-2,5;100%;nej\r\n' +
        '0180-EAV;;;;;\r\n',
    );
    const back = parse(csv, { bom: true, delimiter: ';' }) as string[][];
    expect(back[1]).toEqual(['="0114"', 'Upplands Väsby; norr', '50495', '0,0000001', '2,41%', 'ja']);
  });
});
