/**
 * Regression tests of issue 10's defects 1 (crash), 2 (poison), 4 (NUL bytes) and 6 (error shapes
 * and leaks): each input that once crashed, poisoned or leaked is now a 400 naming the field and
 * its bound, and the service answers normally afterwards.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { toAppError } from '../../../src/db/db-errors.js';
import { insertProposal } from '../../../src/db/repositories/proposals.js';
import { buildApp } from '../../../src/http/app.js';
import { auth, TEST_TOKEN, useApp } from '../../helpers/app.js';
import { datasetDir, describeEachDatabaseWithDataset } from '../../helpers/databases.js';
import { checkResponse } from '../../helpers/openapi-fuzz.js';

const example = JSON.parse(readFileSync(path.join(datasetDir, 'examples', 'vastmanland-2021.json'), 'utf8'));
const small = { round: 'Hostile test', applicants: example.applicants.slice(0, 4) };

type Res = { statusCode: number; body: string; headers: Record<string, unknown>; json: () => any };
/** A 400 in the one shape whose message or details name the field (and, where given, the bound). */
function expectRefused(res: Res, field: string, bound?: string) {
  expect(res.statusCode, res.body).toBe(400);
  expect(checkResponse(res)).toEqual([]);
  const body = res.json();
  expect(body.code).toBe('invalid_input');
  const fields = (body.details ?? []).map((d: { field?: string }) => d.field);
  expect([...fields, body.message].join(' ')).toContain(field);
  if (bound) expect(body.message + JSON.stringify(body.details ?? [])).toContain(bound);
}

describeEachDatabaseWithDataset('hostile input', (ctx) => {
  const { app } = useApp(ctx);
  const post = (url: string, payload: unknown) => app().inject({ method: 'POST', url, payload: payload as object, headers: auth });
  const countProposals = async () => (await app().inject({ method: 'GET', url: '/api/proposals' })).json().items.length as number;

  it('defect 1: refuses a mentor capacity of 1e9 (and any above the applicants) instead of crashing', async () => {
    const before = await countProposals();
    expectRefused(await post('/api/proposals', { ...small, mentors: [{ id: '1980', capacity: 1_000_000_000 }] }), 'mentors.0.capacity', 'at most 400');
    expectRefused(await post('/api/proposals', { ...small, mentors: [{ id: '1980', capacity: 5 }] }), 'mentors.0.capacity', 'number of applicants (4)');
    expectRefused(await post('/api/proposals', { ...small, mentors: [{ id: '1980', capacity: 1.5 }] }), 'mentors.0.capacity', 'whole number');
    expectRefused(await post('/api/proposals', { ...small, applicants: Array.from({ length: 401 }, (_, i) => ({ id: String(i) })) }), 'applicants', 'at most 400');
    expect((await app().inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    expect(await countProposals()).toBe(before);
    // Within the bounds the same request is answered.
    expect((await post('/api/proposals', { ...small, mentors: [{ id: '1980', capacity: 4 }] })).statusCode).toBe(201);
  });

  it('defect 2: refuses weights and penalties of 1e308, so nothing non-finite is stored and lists keep working', async () => {
    const before = await countProposals();
    expectRefused(await post('/api/proposals', { ...small, penalties: { unmentoredGroup: 1e308, unplacedApplicant: 1e308 } }), 'penalties.unmentoredGroup', 'at most 1000');
    expectRefused(await post('/api/proposals', { ...small, weights: { geography: 1e308 } }), 'weights.geography', 'at most 100');
    expectRefused(await post('/api/proposals', { ...small, weights: { size: -1 } }), 'weights.size', 'at least 0');
    expect(await countProposals()).toBe(before);
    const list = await app().inject({ method: 'GET', url: '/api/proposals' });
    expect(list.statusCode).toBe(200);
  });

  it('defect 2: the repository refuses non-finite numbers, and a row poisoned earlier does not break the lists', async () => {
    const db = ctx.db();
    const base = { programmeId: 'modellkommuner', roundLabel: 'Poison', input: small, inputHash: 'h', seed: 1, optimality: 'heuristic' };
    await expect(insertProposal(db, { ...base, objective: Number.NEGATIVE_INFINITY, result: { objective: 0 } })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(insertProposal(db, { ...base, objective: 1, result: { objective: 1, groups: [{ value: Number.NaN }] } })).rejects.toMatchObject({
      code: 'invalid_input',
      details: [{ field: 'result.groups[0].value' }],
    });
    // A row as the old code stored it: objective −Infinity, result with null where the number was.
    await sql`insert into proposals (id, programme_id, round_label, input, input_hash, seed, result, objective, optimality)
              values ('poisoned', 'modellkommuner', 'Poison', ${JSON.stringify(small)}::jsonb, 'h', 1, '{"objective":null}'::jsonb, '-Infinity'::float8, 'heuristic')`.execute(db);
    const list = await app().inject({ method: 'GET', url: '/api/proposals' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.find((p: { id: string }) => p.id === 'poisoned').objective).toBeNull();
    const one = await app().inject({ method: 'GET', url: '/api/proposals/poisoned' });
    expect(one.statusCode).toBe(409);
    expect(checkResponse(one)).toEqual([]);
    expect(one.json().message).toContain('propose again');
    await sql`delete from proposals where id = 'poisoned'`.execute(db);
  });

  it('defect 4: NUL bytes (%00, \\u0000) in query, path and body fields are a 400 naming the field', async () => {
    const get = (url: string) => app().inject({ method: 'GET', url });
    for (const [url, field] of [
      ['/api/organisations?q=%00', 'q'],
      ['/api/organisations?kind=a%00', 'kind'],
      ['/api/organisations?programme=%00', 'programme'],
      ['/api/organisations?limit=%00', 'limit'],
      ['/api/rounds?programme=%00', 'programme'],
      ['/api/proposals?round=%00', 'round'],
      ['/api/spread?programme=x%00', 'programme'],
      ['/api/lineage?programme=%00', 'programme'],
      ['/api/mentors/eligible?programme=%00', 'programme'],
      ['/api/audit?actor=%00', 'actor'],
      ['/api/organisations/%00', 'id'],
      ['/api/organisations/0180%00/lineage', 'id'],
      ['/api/organisations/%00/similar', 'id'],
      ['/api/rounds/%00', 'id'],
      ['/api/proposals/%00', 'id'],
      ['/api/proposals/%00/alternatives', 'id'],
      ['/api/proposals/%00/sensitivity', 'id'],
      ['/api/export/%00', 'table'],
      ['/api/examples/%00', 'name'],
    ] as const) {
      const res = await app().inject({ method: 'GET', url, headers: url.startsWith('/api/audit') ? auth : {} });
      expectRefused(res, field);
    }
    expect((await get('/api/organisations?q=%07')).statusCode).toBe(400);
    for (const [payload, field] of [
      [{ ...small, applicants: [{ id: '\u0000' }, ...small.applicants] }, 'applicants.0.id'],
      [{ ...small, round: 'a\u0000b' }, 'round'],
      [{ ...small, programme: '\u0000' }, 'programme'],
      [{ ...small, note: 'note\u0000' }, 'note'],
      [{ ...small, applicants: [{ id: '0180', focus: ['\u0000'] }, ...small.applicants] }, 'applicants.0.focus.0'],
      [{ ...small, rules: { pin: [['\u0000', '0180']] } }, 'rules.pin.0.0'],
    ] as const) {
      expectRefused(await post('/api/proposals', payload), field);
    }
    expectRefused(await app().inject({ method: 'POST', url: '/api/rollout-plans', payload: { target: '\u0000' } }), 'target');
    const stored = (await post('/api/proposals', small)).json().id as string;
    expectRefused(await app().inject({ method: 'POST', url: `/api/proposals/${stored}/what-if`, payload: { force: ['\u0000', '1980'] } }), 'force.0');
  });

  it('defect 6: "round": "" is a 400 naming the field, with no database text', async () => {
    const res = await post('/api/proposals', { ...small, round: '' });
    expectRefused(res, 'round', 'must not be empty');
    expect(res.body).not.toMatch(/Failing row|violates|constraint/);
    // The repository below the schema: PostgreSQL's check refuses the empty label; its text stays out.
    const err = await insertProposal(ctx.db(), {
      programmeId: 'modellkommuner',
      roundLabel: '',
      input: small,
      inputHash: 'h',
      seed: 1,
      result: { objective: 1 },
      objective: 1,
      optimality: 'heuristic',
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'invalid_input' });
    expect(JSON.stringify(err) + String((err as Error).message)).not.toMatch(/Failing row|proposals_|round_label|check/);
  });

  it('defect 6: Fastify’s own refusals use {code, message} with a stable code', async () => {
    const cases: [{ method: 'GET' | 'POST'; url: string; payload?: string; headers?: Record<string, string> }, number, string][] = [
      [{ method: 'GET', url: '/no/such/route' }, 404, 'not_found'],
      [{ method: 'GET', url: '/api/organisations/%E0%A4%A' }, 400, 'invalid_input'],
      [{ method: 'GET', url: '/api/organisations/%' }, 400, 'invalid_input'],
      [{ method: 'GET', url: `/api/organisations/${'x'.repeat(101)}` }, 414, 'uri_too_long'],
      [{ method: 'POST', url: '/api/proposals', payload: '{"applicants": [', headers: { ...auth, 'content-type': 'application/json' } }, 400, 'invalid_input'],
      [{ method: 'POST', url: '/api/proposals', payload: '', headers: { ...auth, 'content-type': 'application/json' } }, 400, 'invalid_input'],
      [{ method: 'POST', url: '/api/proposals', payload: 'applicants=1', headers: { ...auth, 'content-type': 'text/plain' } }, 415, 'unsupported_media_type'],
      [{ method: 'POST', url: '/api/proposals', payload: JSON.stringify({ ...small, note: 'x'.repeat(1_100_000) }), headers: { ...auth, 'content-type': 'application/json' } }, 413, 'payload_too_large'],
      [{ method: 'GET', url: '/api/organisations?limit=1&limit=2' }, 400, 'invalid_input'],
      [{ method: 'GET', url: '/api/organisations?limit=1e400' }, 400, 'invalid_input'],
    ];
    for (const [request, status, code] of cases) {
      const res = await app().inject(request);
      expect(res.statusCode, `${request.method} ${request.url.slice(0, 60)}: ${res.body}`).toBe(status);
      expect(res.json().code).toBe(code);
      expect(checkResponse(res)).toEqual([]);
    }
  });

  it('defect 6: a __proto__ or constructor key is refused as such, and pollutes nothing', async () => {
    for (const payload of ['{"__proto__":{"polluted":true},"applicants":[{"id":"1980"}]}', '{"constructor":{"prototype":{"polluted":true}}}']) {
      const res = await app().inject({ method: 'POST', url: '/api/proposals', payload, headers: { ...auth, 'content-type': 'application/json' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toMatch(/"(__proto__|constructor)", which no field of this API has/);
      expect(checkResponse(res)).toEqual([]);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('defect 6 at the socket and below the HTTP layer', () => {
  const stub = (failure: unknown) =>
    buildApp({
      catalogue: { listProgrammes: () => Promise.reject(failure) } as never,
      analytics: {} as never,
      proposals: {} as never,
      examples: {} as never,
      planning: {} as never,
      rounds: {} as never,
      exports: {} as never,
      preparation: {} as never,
      health: { checkReady: async () => {} },
      apiToken: TEST_TOKEN,
      describeFailure: (err) => toAppError(err),
    });

  it('maps database errors by SQLSTATE and shows none of their text', async () => {
    const pgError = (code: string) =>
      Object.assign(new Error('new row for relation "proposals" violates check constraint "proposals_round_label_check"'), {
        code,
        detail: 'Failing row contains (secret-id, modellkommuner, , {"applicants": []}).',
        constraint: 'proposals_round_label_check',
      });
    for (const [sqlstate, status, code] of [
      ['23514', 400, 'invalid_input'],
      ['23505', 409, 'conflict'],
      ['22021', 400, 'invalid_input'],
      ['40001', 409, 'conflict'],
      ['57P01', 503, 'unavailable'],
      ['XX000', 500, 'internal'],
    ] as const) {
      const app = await stub(pgError(sqlstate));
      const res = await app.inject({ method: 'GET', url: '/api/programmes' });
      expect(res.statusCode, sqlstate).toBe(status);
      expect(res.json().code).toBe(code);
      expect(res.body).not.toMatch(/Failing row|secret-id|proposals|constraint|relation/);
      if (status === 503) expect(res.headers['retry-after']).toBeDefined();
      await app.close();
    }
  });

  it('answers over-large headers (431) and malformed HTTP (400) in the same shape', async () => {
    const app = await stub(new Error('unused'));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const raw = async (text: string) => {
      const net = await import('node:net');
      return new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString()));
        socket.on('end', () => resolve(data));
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
      });
    };
    try {
      const big = await raw(`GET /api/programmes HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(big).toMatch(/^HTTP\/1.1 431/);
      expect(JSON.parse(big.slice(big.indexOf('\r\n\r\n') + 4))).toEqual({ code: 'headers_too_large', message: expect.any(String) });
      const bad = await raw('NOT HTTP AT ALL\r\n\r\n');
      expect(bad).toMatch(/^HTTP\/1.1 400/);
      expect(JSON.parse(bad.slice(bad.indexOf('\r\n\r\n') + 4)).code).toBe('invalid_input');
    } finally {
      await app.close();
    }
  });
});
