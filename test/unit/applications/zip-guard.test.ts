/**
 * The XLSX upload guard (zip-guard.ts): a workbook Excel (here exceljs) writes passes; an archive
 * that unpacks to more than the budget is refused before any XLSX library unpacks it, whether its
 * headers say so or under-state it; and through the applications reader the refusal names the
 * file and line 1.
 */
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { readApplicationsFile } from '../../../src/services/applications-file.js';
import { zipProblem } from '../../../src/services/zip-guard.js';

/** A zip of the given entries; `declare` overrides an entry's declared unpacked size (CRCs left 0: the guard does not read them). */
function zip(entries: { name: string; data: Buffer; declare?: number }[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const packed = deflateRawSync(e.data);
    const name = Buffer.from(e.name);
    const size = e.declare ?? e.data.length;
    // Local header, then the central directory's entry: [offset, width, value] per field.
    const local = record(30, [[0, 4, 0x04034b50], [4, 2, 20], [8, 2, 8], [18, 4, packed.length], [22, 4, size], [26, 2, name.length]]);
    const central = record(46, [[0, 4, 0x02014b50], [6, 2, 20], [10, 2, 8], [20, 4, packed.length], [24, 4, size], [28, 2, name.length], [42, 4, offset]]);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = record(22, [[0, 4, 0x06054b50], [8, 2, entries.length], [10, 2, entries.length], [12, 4, dir.length], [16, 4, offset]]);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

function record(size: number, fields: [number, 2 | 4, number][]): Buffer {
  const b = Buffer.alloc(size);
  for (const [at, width, value] of fields) {
    if (width === 2) b.writeUInt16LE(value, at);
    else b.writeUInt32LE(value, at);
  }
  return b;
}

const budget = { totalBytes: 1024 * 1024, entries: 10 };

describe('the XLSX upload guard', () => {
  it('passes a workbook as Excel writes it, and a small archive within the budget', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Svar').addRow(['Organisations-id', 'Fokusområden']);
    expect(await zipProblem(new Uint8Array(await wb.xlsx.writeBuffer()))).toBeNull();
    expect(await zipProblem(zip([{ name: 'a.xml', data: Buffer.alloc(1000, 65) }]), budget)).toBeNull();
  });

  it('refuses an archive whose declared sizes exceed the budget, or with too many parts', async () => {
    expect(await zipProblem(zip([{ name: 'a.xml', data: Buffer.alloc(2 * 1024 * 1024) }]), budget)).toMatch(/unpacks to more than 1 MB/);
    const many = Array.from({ length: 11 }, (_, k) => ({ name: `p${k}.xml`, data: Buffer.from('x') }));
    expect(await zipProblem(zip(many), budget)).toMatch(/more than 10 parts/);
  });

  it('refuses an entry that unpacks to more than its header declares, without unpacking past that', async () => {
    // 64 MB of zeros declared as 1 000 bytes: caught at 1 001 bytes of output.
    const lying = zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(64 * 1024 * 1024), declare: 1000 }]);
    expect(await zipProblem(lying, budget)).toMatch(/more than its headers declare/);
  });

  it('refuses what is not a complete archive', async () => {
    const whole = zip([{ name: 'a.xml', data: Buffer.alloc(1000, 65) }]);
    expect(await zipProblem(whole.subarray(0, 40), budget)).toMatch(/not readable as an XLSX workbook/);
    expect(await zipProblem(new TextEncoder().encode('Organisation;Fokus\n1984;styrning'), budget)).toMatch(/not readable/);
  });

  it('makes the applications reader refuse a zip bomb naming the file and line 1', async () => {
    const bomb = zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(40 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(1024 * 1024); // it fits an upload
    const err = await readApplicationsFile(bomb, { file: 'svar.xlsx', format: 'xlsx' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).details[0]).toMatchObject({ file: 'svar.xlsx', line: 1 });
    expect((err as AppError).details[0]!.message).toMatch(/unpacks to more than 32 MB/);
  });
});
