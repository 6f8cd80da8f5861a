import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildResolutionIndex, resolveApplications } from '../../../src/core/applications.js';
import { AppError } from '../../../src/core/errors.js';
import type { World } from '../../../src/core/model.js';
import { readApplicationsFile, readMentorOffersFile } from '../../../src/services/applications-file.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const refusal = async (p: Promise<unknown>): Promise<AppError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};
async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Formulärsvar');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('reading applications files', () => {
  it('reads a Swedish form export (semicolons, form metadata ignored) into drafts', async () => {
    const csv = [
      'Tidsstämpel;E-post;Organisation;Typ;Län;Fokusområden;Delegationens roller;Gärna med;Inte med;Politiskt beslut om jämställdhetsintegrering?;Kommentar',
      '2026-11-02 10:00;someone@example.org;Arboga;;;styrning, statistik;politiker, chef;Köping;Kungsör;Ja (CEMR);"Två',
      'rader"',
      '2026-11-03 11:00;x@example.org;Nya förvaltningen;förvaltning;19;;;;;nej;',
    ].join('\r\n');
    const drafts = await readApplicationsFile(utf8(csv), { file: 'form.csv', format: 'csv' });
    expect(drafts).toEqual([
      { line: 2, organisation: { ref: 'Arboga' }, focus: ['styrning', 'statistik'], delegation: ['politiker', 'chef'], wishWith: ['Köping'], notWith: ['Kungsör'], genderDecision: true, note: 'Två\nrader' },
      { line: 4, organisation: { create: { name: 'Nya förvaltningen', kind: 'förvaltning', county: '19' } }, focus: [], delegation: [], wishWith: [], notWith: [], genderDecision: false, note: null },
    ]);
    // Personal data of the form (e-mail) appears nowhere in what is kept.
    expect(JSON.stringify(drafts)).not.toContain('example.org');
  });

  it('refuses unknown columns, a missing organisation column and bad values, naming file, line and field', async () => {
    const header = await refusal(readApplicationsFile(utf8('org_id,colour\n1984,red\n'), { file: 'a.csv', format: 'csv' }));
    expect(header.details[0]).toMatchObject({ file: 'a.csv', line: 1, field: 'colour' });
    const none = await refusal(readApplicationsFile(utf8('focus\nstyrning\n'), { file: 'a.csv', format: 'csv' }));
    expect(none.details[0]).toMatchObject({ line: 1, field: 'org_id' });
    const values = await refusal(readApplicationsFile(utf8('org_id,gender_decision,note\n1984,kanske,\n1907,ja,ok\u0000\n'), { file: 'a.csv', format: 'csv' }));
    expect(values.details).toEqual([
      expect.objectContaining({ file: 'a.csv', line: 3, field: 'note' }),
    ]);
    const decision = await refusal(readApplicationsFile(utf8('org_id,gender_decision\n1984,kanske\n'), { file: 'a.csv', format: 'csv' }));
    expect(decision.details[0]).toMatchObject({ line: 2, field: 'gender_decision' });
  });

  it('reads XLSX with the row number as the line, and refuses what is not a workbook', async () => {
    const bytes = await xlsx([['Organisations-id', 'Fokusområden', 'Kommentar'], ['1984', 'styrning', 'Första'], [], ['1907', 'service', 'Tredje raden']]);
    const drafts = await readApplicationsFile(bytes, { file: 'svar.xlsx', format: 'xlsx' });
    expect(drafts.map((d) => [d.line, d.organisation, d.focus, d.note])).toEqual([
      [2, { ref: '1984' }, ['styrning'], 'Första'],
      [4, { ref: '1907' }, ['service'], 'Tredje raden'],
    ]);
    const bad = await refusal(readApplicationsFile(utf8('not a zip'), { file: 'svar.xlsx', format: 'xlsx' }));
    expect(bad.details[0]).toMatchObject({ file: 'svar.xlsx', line: 1 });
    const unknown = await refusal(readApplicationsFile(await xlsx([['Organisations-id', 'Färg'], ['1984', 'röd']]), { file: 'c.xlsx', format: 'xlsx' }));
    expect(unknown.details[0]).toMatchObject({ file: 'c.xlsx', line: 1, field: 'Färg' });
  });

  it('reads mentor offers with a bounded whole-number capacity', async () => {
    const offers = await readMentorOffersFile(utf8('Organisation;Kapacitet\nEskilstuna;2\nÖrebro;\n'), { file: 'm.csv', format: 'csv' });
    expect(offers).toEqual([
      { line: 2, organisation: 'Eskilstuna', capacity: 2, note: null },
      { line: 3, organisation: 'Örebro', capacity: 1, note: null },
    ]);
    const bad = await refusal(readMentorOffersFile(utf8('org_id,capacity\n0484,two\n'), { file: 'm.csv', format: 'csv' }));
    expect(bad.details[0]).toMatchObject({ line: 2, field: 'capacity' });
  });
});

describe('resolving applications against the record', () => {
  const org = (id: string, name: string, kind = 'kommun', countyCode = '19') => ({
    id, name, kind, countyCode, parentId: null, population: 1000, populationYear: 2024, kommungrupp2017: null, kommungrupp2023: null, areaKm2: null, lat: null, lon: null, focus: [], note: null,
  });
  const world = {
    organisations: [org('1984', 'Arboga'), org('1907', 'Surahammar'), org('0484', 'Eskilstuna', 'kommun', '04')],
    counties: [{ code: '19', name: 'Västmanlands län' }],
    focusAreas: [{ id: 'styrning', label: 'Jämställdhetsintegrerad ledning och styrning', description: null, delmal: null }],
    rounds: [], participations: [], groups: [], programmes: [], mentorLinks: [], sources: [], conflicts: [], facts: [], kommungrupper: [], countyNeighbours: [],
  } as unknown as World;
  const index = buildResolutionIndex(world, 'modellkommuner', () => true);
  const draft = (over: object) => ({ organisation: { ref: '1984' }, focus: [], delegation: [], wishWith: [], notWith: [], genderDecision: null, note: null, ...over });

  it('resolves names, labels and role synonyms, and creates a new organisation once', () => {
    const r = resolveApplications(index, [
      draft({ organisation: { ref: 'arboga kommun' }, focus: ['Jämställdhetsintegrerad ledning och styrning'], delegation: ['Förtroendevald', 'chef'], wishWith: ['Nya bolaget'] }),
      draft({ line: 3, organisation: { create: { name: 'Nya bolaget', kind: 'Förbund', county: 'Västmanlands län' } } }),
    ]);
    expect(r.problems).toEqual([]);
    expect(r.create).toEqual([{ id: 'import-forbund-nya-bolaget', name: 'Nya bolaget', kind: 'forbund', countyCode: '19' }]);
    expect(r.applications[0]).toMatchObject({ orgId: '1984', focus: ['styrning'], delegation: ['politiker', 'chef'], wishWith: ['import-forbund-nya-bolaget'] });
  });

  it('collects every problem with its field: unknown organisation, self-wish, both wishes, duplicates', () => {
    const r = resolveApplications(index, [
      draft({ line: 2, wishWith: ['1984', '1907'], notWith: ['Surahammar'] }),
      draft({ line: 3, organisation: { ref: 'Atlantis' } }),
      draft({ line: 4 }),
    ], { file: 'f.csv' });
    expect(r.problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'organisation'],
      [2, 'wishWith'],
      [2, 'notWith'],
      [4, 'organisation'],
    ]);
    expect(r.problems.every((p) => p.file === 'f.csv')).toBe(true);
  });
});

describe('the shipped example applications', () => {
  it('reads and resolves against the shipped record without a problem', async () => {
    const { readFile } = await import('node:fs/promises');
    const { loadDataset, datasetDir } = await import('../../helpers/databases.js');
    const file = `${datasetDir}/examples/applications-example.csv`;
    const drafts = await readApplicationsFile(new Uint8Array(await readFile(file)), { file, format: 'csv' });
    expect(drafts.length).toBe(6);
    const r = resolveApplications(buildResolutionIndex(await loadDataset(), 'modellkommuner', () => true), drafts, { file });
    expect(r.problems).toEqual([]);
    expect(r.create).toEqual([]);
    expect(r.applications.find((a) => a.orgId === '1960')?.notWith).toEqual(['1984']);
  });
});
