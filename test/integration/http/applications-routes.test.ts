// Rounds in preparation over HTTP, on PGlite and (with TEST_DATABASE_URL) PostgreSQL: create,
// CRUD of applications and mentor offers, file imports all or nothing, the instance they build
// (forbidden pairs, the wish term in every pair's breakdown), and accepting into the round.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { auth, useApp } from '../../helpers/app.js';
import { describeEachDatabaseWithDataset } from '../../helpers/databases.js';

const b64 = (s: string | Uint8Array) => Buffer.from(typeof s === 'string' ? Buffer.from(s, 'utf8') : s).toString('base64');
const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

async function xlsx(rows: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Svar');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describeEachDatabaseWithDataset('rounds in preparation over HTTP', (ctx) => {
  const { app } = useApp(ctx);
  const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = auth) =>
    app().inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const roundId = 'modellkommuner-vastmanland-2027';
  const prep = async () => (await req('GET', `/api/rounds/${roundId}/applications`)).json();

  it('creates a round in preparation with the token only, once per label', async () => {
    expect((await req('POST', '/api/rounds', { programme: 'modellkommuner', label: 'Västmanland 2027' }, {})).statusCode).toBe(401);
    const bad = await req('POST', '/api/rounds', { programme: 'modellkommuner', label: 'bad\u0000label' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('label');
    const res = await req('POST', '/api/rounds', { programme: 'modellkommuner', label: 'Västmanland 2027' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ id: roundId, state: 'preparing', label: 'Västmanland 2027' });
    expect((await req('POST', '/api/rounds', { programme: 'modellkommuner', label: 'Västmanland 2027' })).statusCode).toBe(409);
    const doc = (await req('GET', '/openapi.json')).json();
    for (const path of ['/api/rounds/{id}/applications/import', '/api/rounds/{id}/mentor-offers/{itemId}', '/api/rounds/{id}/instance', '/api/rounds/preparing'])
      expect(Object.keys(doc.paths)).toContain(path);
    const list = (await req('GET', '/api/rounds/preparing')).json();
    expect(list.items.map((i: { round: { id: string } }) => i.round.id)).toContain(roundId);
  });

  it('adds, edits and removes applications, refusing bad fields by name', async () => {
    const arboga = await req('POST', `/api/rounds/${roundId}/applications`, {
      organisation: { id: '1984' },
      focus: ['styrning', 'Könsuppdelad statistik och analys'],
      delegation: ['politiker', 'chef', 'strateg'],
      wishWith: ['Surahammar'],
      notWith: ['1960'],
      genderDecision: true,
    });
    expect(arboga.statusCode).toBe(201);
    expect(arboga.json()).toMatchObject({ organisation: { id: '1984', name: 'Arboga' }, focus: ['styrning', 'statistik'], wishWith: ['1907'], notWith: ['1960'], genderDecision: true });

    const names = await req('POST', `/api/rounds/${roundId}/applications`, { organisation: { id: '1907' }, delegation: ['Anna Andersson'] });
    expect(names.statusCode).toBe(400);
    expect(names.json().details[0]).toMatchObject({ field: 'delegation' });
    const control = await req('POST', `/api/rounds/${roundId}/applications`, { organisation: { id: '1907' }, note: 'a\u0007b' });
    expect(control.statusCode).toBe(400);
    expect(control.json().details[0].field).toBe('note');
    expect((await req('POST', `/api/rounds/${roundId}/applications`, { organisation: { id: '1984' } })).statusCode).toBe(409);

    const created = await req('POST', `/api/rounds/${roundId}/applications`, {
      organisation: { name: 'Köpings förvaltning för test', kind: 'förvaltning', county: 'Västmanlands län' },
    });
    expect(created.statusCode).toBe(201);
    const newOrg = created.json().organisation;
    expect(newOrg).toMatchObject({ kind: 'forvaltning', countyCode: '19' });
    expect((await req('GET', `/api/organisations/${newOrg.id}`)).statusCode).toBe(200);

    const edited = await req('PUT', `/api/rounds/${roundId}/applications/${created.json().id}`, { organisation: { id: newOrg.id }, note: 'två\nrader' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().note).toBe('två\nrader');
    expect((await req('DELETE', `/api/rounds/${roundId}/applications/${created.json().id}`, undefined, {})).statusCode).toBe(401);
    expect((await req('DELETE', `/api/rounds/${roundId}/applications/${created.json().id}`)).statusCode).toBe(204);
    expect((await prep()).applications.map((a: { organisation: { id: string } }) => a.organisation.id)).toEqual(['1984']);
  });

  it('takes mentor offers only from earlier participants', async () => {
    const ok = await req('POST', `/api/rounds/${roundId}/mentor-offers`, { organisation: 'Eskilstuna', capacity: 2 });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ organisation: { id: '0484' }, capacity: 2 });
    const never = await req('POST', `/api/rounds/${roundId}/mentor-offers`, { organisation: '1904' });
    expect(never.statusCode).toBe(400);
    expect(never.json().details[0].field).toBe('organisation');
    const applicant = await req('POST', `/api/rounds/${roundId}/mentor-offers`, { organisation: '1984' });
    expect(applicant.statusCode).toBe(400);
    expect((await req('POST', `/api/rounds/${roundId}/mentor-offers`, { organisation: '1880', capacity: 11 })).statusCode).toBe(400);
  });

  it('imports a CSV all or nothing, naming file, line and field', async () => {
    const before = await prep();
    const bad = [
      'Organisations-id;Fokusområden;Delegationens roller;Gärna med;Inte med;Politiskt beslut;Kommentar',
      '1907;styrning;politiker, chef;Arboga;;ja;',
      '1960;no-such-focus;politiker;;;nej;',
      '1961;styrning;strateg;;;kanske;',
    ].join('\n');
    const res = await req('POST', `/api/rounds/${roundId}/applications/import`, { file: 'anmalningar.csv', content: b64(bad) });
    expect(res.statusCode).toBe(400);
    const details = res.json().details;
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'anmalningar.csv', line: 4, field: 'gender_decision' }),
      ]),
    );
    expect((await prep()).applications.length).toBe(before.applications.length);

    const unresolved = bad.replace('kanske', 'nej');
    const res2 = await req('POST', `/api/rounds/${roundId}/applications/import`, { file: 'anmalningar.csv', content: b64(unresolved) });
    expect(res2.statusCode).toBe(400);
    expect(res2.json().details).toEqual([expect.objectContaining({ file: 'anmalningar.csv', line: 3, field: 'focus' })]);
    expect((await prep()).applications.length).toBe(before.applications.length);

    const good = unresolved.replace('no-such-focus', 'Jämställd service och resursfördelning');
    const ok = await req('POST', `/api/rounds/${roundId}/applications/import`, { file: 'anmalningar.csv', content: b64(good) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ rows: 3, inserted: ['1907', '1960', '1961'], updated: [] });
    const again = await req('POST', `/api/rounds/${roundId}/applications/import`, { file: 'anmalningar.csv', content: b64(good) });
    expect(again.json()).toMatchObject({ inserted: [], updated: ['1907', '1960', '1961'] });
    expect((await prep()).applications.length).toBe(before.applications.length + 3);
  });

  it('refuses a Latin-1 CSV naming the line, and reads it when the encoding is named', async () => {
    const text = 'org_id,note\n1962,Malmö Göteborg\n';
    const res = await req('POST', `/api/rounds/${roundId}/applications/import`, { file: 'latin.csv', content: b64(latin1(text)) });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0]).toMatchObject({ file: 'latin.csv', line: 2, field: 'encoding' });
    const nul = await req('POST', `/api/rounds/${roundId}/applications/import`, { file: 'nul.csv', content: b64('org_id,note\n1962,bad\u0000\n') });
    expect(nul.json().details[0]).toMatchObject({ file: 'nul.csv', line: 2, field: 'note' });
    const ok = await req('POST', `/api/rounds/${roundId}/applications/import`, { file: 'latin.csv', encoding: 'windows-1252', content: b64(latin1(text)) });
    expect(ok.statusCode).toBe(200);
    const norberg = (await prep()).applications.find((a: { organisation: { id: string } }) => a.organisation.id === '1962');
    expect(norberg.note).toBe('Malmö Göteborg');
  });

  it('imports mentor offers from XLSX with Swedish headers', async () => {
    const bad = await xlsx([['Organisation', 'Kapacitet'], ['Örebro', 1], ['Skinnskatteberg', 1]]);
    const res = await req('POST', `/api/rounds/${roundId}/mentor-offers/import`, { file: 'mentorer.xlsx', content: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([expect.objectContaining({ file: 'mentorer.xlsx', line: 3, field: 'organisation' })]);
    expect((await prep()).mentorOffers.length).toBe(1);
    const good = await xlsx([['Organisation', 'Kapacitet'], ['Örebro', 2]]);
    const ok = await req('POST', `/api/rounds/${roundId}/mentor-offers/import`, { file: 'mentorer.xlsx', content: good });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().inserted).toEqual(['1880']);
  });

  it('builds the instance: "inte med" forbidden, "gärna med" a wish term in every pair breakdown; accepting plans the round', async () => {
    const built = (await req('GET', `/api/rounds/${roundId}/instance`)).json();
    const inst = built.instance;
    expect(inst.round).toBe('Västmanland 2027');
    expect(inst.rules.forbid.map((p: string[]) => [...p].sort().join())).toContain('1960,1984');
    expect(inst.applicants.find((a: { id: string }) => a.id === '1984').wishWith).toEqual(['1907']);
    expect(inst.mentors).toEqual(expect.arrayContaining([{ id: '0484', capacity: 2 }, { id: '1880', capacity: 2 }]));

    const proposed = await req('POST', '/api/proposals', inst);
    expect(proposed.statusCode).toBe(201);
    const result = proposed.json().result;
    expect(result.weights.wish).toBeGreaterThan(0);
    for (const p of result.scores.applicantPairs) expect(p.breakdown.wish).toBeDefined();
    const wished = result.scores.applicantPairs.find((p: { a: string; b: string }) => [p.a, p.b].sort().join() === '1907,1984');
    expect(wished.breakdown.wish.value).toBe(1);
    const forbidden = result.scores.applicantPairs.find((p: { a: string; b: string }) => [p.a, p.b].sort().join() === '1960,1984');
    expect(forbidden.admissible).toBe(false);
    expect(forbidden.excludedBy).toContain('rules.forbid');
    for (const g of result.groups) expect(g.members.map((m: { id: string }) => m.id).filter((id: string) => id === '1960' || id === '1984').length).toBeLessThan(2);

    const id = proposed.json().id;
    const accepted = await req('POST', `/api/proposals/${id}/accept`, { start: '2027-09', round: roundId, acknowledgeUnplaced: true, acknowledgeUnmentored: true });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().round).toMatchObject({ id: roundId, state: 'planned', start: '2027-09', proposalId: id });
    expect((await req('GET', '/api/rounds/preparing')).json().items.map((i: { round: { id: string } }) => i.round.id)).not.toContain(roundId);
    // The round moved on: it takes no more applications, but still shows what it was built from.
    expect((await req('POST', `/api/rounds/${roundId}/applications`, { organisation: { id: '1904' } })).statusCode).toBe(409);
    expect((await prep()).applications.length).toBeGreaterThan(0);
  });
});
