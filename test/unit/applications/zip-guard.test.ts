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
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
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
