import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { AppError, type ErrorDetail } from '../../../src/core/errors.js';
import { importOrganisations, readOrganisationImportContext } from '../../../src/db/import-organisations.js';
import { importWorld } from '../../../src/db/import-world.js';
import { readWorld } from '../../../src/db/read-world.js';
import { getOrganisation, listOrganisations } from '../../../src/db/repositories/organisations.js';
import { parseOrganisationsCsv } from '../../../src/services/org-csv.js';
import { datasetDir, describeEachDatabaseWithDataset, loadDataset } from '../../helpers/databases.js';
import { snapshotTables } from './table-snapshot.js';

const exampleFile = path.join(datasetDir, 'examples', 'vastmanland-network.csv');

const detailsOf = (fn: () => unknown): ErrorDetail[] => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid_input');
    return (err as AppError).details;
  }
  throw new Error('expected the parser to reject the file');
};

describeEachDatabaseWithDataset('organisations CSV import', (ctx) => {
  it('imports the example network, creating the new kinds', async () => {
    const text = await readFile(exampleFile, 'utf8');
    const rows = parseOrganisationsCsv(text, { file: exampleFile, ...(await readOrganisationImportContext(ctx.db())) });
    expect(rows.map((r) => r.id)).toContain('LST-19');
    const report = await importOrganisations(ctx.db(), rows, { file: exampleFile });
    expect(report.inserted).toHaveLength(rows.length);
    expect(report.kindsCreated.sort()).toEqual(['foretag', 'myndighet']);
    const lst = await getOrganisation(ctx.db(), 'LST-19');
    expect(lst).toMatchObject({ kind: 'myndighet', name: 'Länsstyrelsen i Västmanlands län', countyCode: '19', population: null });
    expect((await getOrganisation(ctx.db(), 'MEAB-1980'))?.parentId).toBe('1980');
    const agencies = await listOrganisations(ctx.db(), { kind: 'myndighet', limit: 10, offset: 0 });
    expect(agencies.items.map((o) => o.id)).toEqual(['LST-19']);
    const origin = await ctx.db().selectFrom('organisations').select('origin').where('id', '=', 'LST-19').executeTakeFirstOrThrow();
    expect(origin.origin).toBe('import');
  });

  it('imports the same file again without changing anything but the data version', async () => {
    const before = await snapshotTables(ctx.db(), { exclude: ['meta'] });
    const text = await readFile(exampleFile, 'utf8');
    const report = await importOrganisations(ctx.db(), parseOrganisationsCsv(text, { file: exampleFile }), { file: exampleFile });
    expect(report.inserted).toEqual([]);
    expect(await snapshotTables(ctx.db(), { exclude: ['meta'] })).toEqual(before);
  });

  it('keeps imported organisations when the dataset is imported again', async () => {
    await importWorld(ctx.db(), await loadDataset());
    const world = await readWorld(ctx.db());
    expect(world.organisations.find((o) => o.id === 'LST-19')?.kind).toBe('myndighet');
    expect(world.organisations).toHaveLength((await loadDataset()).organisations.length + 5);
  });

  it('rejects a malformed file listing every bad row with file, line and field, and writes nothing', async () => {
    const before = await snapshotTables(ctx.db());
    const text = [
      '# a comment line', // 1
      'id,kind,name,county,population,lat,lon,parent', // 2
      'GOOD-1,myndighet,Good agency,19,,,,', // 3
      'BAD-COUNTY,myndighet,Agency,99,,,,', // 4
      'GOOD-1,myndighet,Duplicate,19,,,,', // 5
      'BAD-POP,myndighet,Agency,19,many,,,', // 6
      'BAD-KIND,,Agency,19,,,,', // 7
      'BAD-LAT,myndighet,Agency,19,,95.5,16,', // 8
      'NEW-KIND,skola,"A school, quoted",19,120,59.6,16.5,1980', // 9
      'BAD-PARENT,myndighet,Agency,19,,,,NOPE', // 10
      '', // 11
    ].join('\n');
    const file = 'network.csv';
    const context = await readOrganisationImportContext(ctx.db());
    const details = detailsOf(() => parseOrganisationsCsv(text, { file, ...context }));
    const got = details.map((d) => `${d.file}:${d.line}:${d.field}`);
    expect(got).toEqual([
      'network.csv:4:county',
      'network.csv:5:id',
      'network.csv:6:population',
      'network.csv:7:kind',
      'network.csv:8:lat',
      'network.csv:10:parent',
    ]);
    expect(await snapshotTables(ctx.db())).toEqual(before);
  });

  it('rejects a broken header or broken quoting with the line', () => {
    expect(detailsOf(() => parseOrganisationsCsv('id,kind,name\nA,b,c\n', { file: 'f.csv' }))).toEqual([
      { file: 'f.csv', line: 1, field: 'county', message: "missing column 'county'" },
    ]);
    expect(detailsOf(() => parseOrganisationsCsv('id,kind,name,county,colour\nA,b,c,19,red\n', { file: 'f.csv' }))[0]).toMatchObject({
      line: 1,
      field: 'colour',
    });
    expect(detailsOf(() => parseOrganisationsCsv('id,kind,name,county\nA,b,"c,19\n', { file: 'f.csv' }))[0]).toMatchObject({
      file: 'f.csv',
      line: 2,
    });
    expect(detailsOf(() => parseOrganisationsCsv('', { file: 'f.csv' }))[0]?.line).toBe(1);
    expect(detailsOf(() => parseOrganisationsCsv('id,kind,name,county,population\nA,x,y,19,12.5\n', { file: 'f.csv' }))[0]).toMatchObject({
      line: 2,
      field: 'population',
    });
  });

  it('accepts Swedish number formats and a BOM', () => {
    const rows = parseOrganisationsCsv('\ufeffid,kind,name,county,population,lat,lon\nX-1,Myndighet,Ö,1,12 345,"59,61","16,54"\n', { file: 'f.csv' });
    expect(rows).toEqual([
      { line: 2, id: 'X-1', kind: 'myndighet', name: 'Ö', countyCode: '01', population: 12345, populationYear: null, lat: 59.61, lon: 16.54, parentId: null, note: null },
    ]);
  });

  it('checks references inside the transaction: a dataset id or unknown parent fails with its line', async () => {
    const before = await snapshotTables(ctx.db());
    // Parsed without context, so only the database can see these problems.
    const rows = parseOrganisationsCsv('id,kind,name,county,parent\nOK-1,myndighet,Fine,19,\n0180,myndighet,Clash,01,\nOK-2,myndighet,Orphan,19,NOPE\n', {
      file: 'refs.csv',
    });
    const err = (await importOrganisations(ctx.db(), rows, { file: 'refs.csv' }).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('invalid_input');
    expect(err.details.map((d) => `${d.file}:${d.line}:${d.field}`)).toEqual(['refs.csv:3:id', 'refs.csv:4:parent']);
    expect(await snapshotTables(ctx.db())).toEqual(before);
  });

  it('rolls back on a database-level error after valid rows were written', async () => {
    const before = await snapshotTables(ctx.db());
    const good = { line: 2, id: 'DB-OK', kind: 'myndighet', name: 'Fine', countyCode: '19', population: null, populationYear: null, lat: null, lon: null, parentId: null, note: null };
    // Bypasses the parser: a latitude the schema's check constraint refuses, and a new kind.
    const bad = { ...good, line: 3, id: 'DB-BAD', kind: 'nykategori', lat: 123, lon: 10 };
    const err = (await importOrganisations(ctx.db(), [good, bad], { file: 'db.csv' }).catch((e: unknown) => e)) as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('invalid_input');
    expect(err.details[0]?.file).toBe('db.csv');
    expect(await snapshotTables(ctx.db())).toEqual(before);
  });
});
