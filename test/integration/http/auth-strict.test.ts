/**
 * Regression tests of issue 10's defect 7 (lenient auth, no throttle) and of what item 5 builds:
 * named tokens (CLI, salted hash only), revocation, and the audit log of writes.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { expect, it } from 'vitest';
import { runTokensCommand } from '../../../src/cli/tokens.js';
import { buildApp } from '../../../src/http/app.js';
import { buildServices } from '../../../src/wiring.js';
import { auth, TEST_TOKEN, useApp } from '../../helpers/app.js';
import { datasetDir, describeEachDatabaseWithDataset } from '../../helpers/databases.js';
import { checkResponse } from '../../helpers/openapi-fuzz.js';

const example = JSON.parse(readFileSync(path.join(datasetDir, 'examples', 'vastmanland-2021.json'), 'utf8'));
const small = { round: 'Auth test', applicants: example.applicants.slice(0, 4) };

describeEachDatabaseWithDataset('strict authentication and the audit log', (ctx) => {
  const { app } = useApp(ctx, { authThrottle: { max: 1_000, windowMs: 60_000 } });
  const countProposals = async () => (await app().inject({ method: 'GET', url: '/api/proposals' })).json().items.length as number;

  it('defect 7: refuses every variant of the header but the exact one, and writes nothing', async () => {
    const before = await countProposals();
    const variants: [string, string | string[]][] = [
      ['two spaces', `Bearer  ${TEST_TOKEN}`],
      ['a tab', `Bearer\t${TEST_TOKEN}`],
      ['a trailing non-breaking space', `Bearer ${TEST_TOKEN}\u00a0`],
      ['a trailing space', `Bearer ${TEST_TOKEN} `],
      ['lower-case scheme', `bearer ${TEST_TOKEN}`],
      ['upper-case scheme', `BEARER ${TEST_TOKEN}`],
      ['no scheme', TEST_TOKEN],
      ['another scheme', `Basic ${TEST_TOKEN}`],
      ['a token with a space', `Bearer ${TEST_TOKEN} x`],
      ['two headers', [`Bearer ${TEST_TOKEN}`, `Bearer ${TEST_TOKEN}`]],
      ['two headers, wrong one first', ['Bearer wrong', `Bearer ${TEST_TOKEN}`]],
    ];
    for (const [what, header] of variants) {
      const res = await app().inject({ method: 'POST', url: '/api/proposals', payload: small, headers: { authorization: header as string } });
      expect([401, 403], `${what}: ${res.body}`).toContain(res.statusCode);
      expect(checkResponse(res), what).toEqual([]);
    }
    expect(await countProposals()).toBe(before);
    expect((await app().inject({ method: 'POST', url: '/api/proposals', payload: small, headers: auth })).statusCode).toBe(201);
  });

  it('defect 7: refuses two Authorization headers on the wire, whichever comes first', async () => {
    await app().listen({ port: 0, host: '127.0.0.1' });
    const { port } = app().server.address() as { port: number };
    const send = (headers: string[]) =>
      new Promise<number>((resolve, reject) => {
        const body = JSON.stringify(small);
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/proposals' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.setHeader('content-type', 'application/json');
        req.setHeader('authorization', headers);
        req.end(body);
      });
    expect(await send([`Bearer ${TEST_TOKEN}`, 'Bearer wrong'])).toBe(401);
    expect(await send(['Bearer wrong', `Bearer ${TEST_TOKEN}`])).toBe(401);
    expect(await send([`Bearer ${TEST_TOKEN}`])).toBe(201);
  });

  it('defect 7: 3 000 wrong tokens from one client end in 429 with Retry-After, the right token included', async () => {
    const services = await buildServices(ctx.db(), { dataDir: datasetDir });
    const guarded = await buildApp({ ...services, apiToken: TEST_TOKEN }, { writeRateLimit: 1_000_000 });
    try {
      const statuses = new Map<number, number>();
      let last = null as null | Awaited<ReturnType<typeof guarded.inject>>;
      for (let i = 0; i < 3000; i++) {
        last = await guarded.inject({ method: 'POST', url: '/api/proposals', payload: small, headers: { authorization: `Bearer wrong-${i}` } });
        statuses.set(last.statusCode, (statuses.get(last.statusCode) ?? 0) + 1);
      }
      expect(statuses.get(403)).toBeLessThanOrEqual(20);
      expect(statuses.get(429)).toBeGreaterThanOrEqual(2980);
      expect(last!.json().code).toBe('rate_limited');
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
      const right = await guarded.inject({ method: 'POST', url: '/api/proposals', payload: small, headers: auth });
      expect(right.statusCode).toBe(429);
      // Reads are not throttled.
      expect((await guarded.inject({ method: 'GET', url: '/api/programmes' })).statusCode).toBe(200);
      // Another client is not affected.
      const other = await guarded.inject({ method: 'POST', url: '/api/proposals', payload: small, headers: auth, remoteAddress: '10.0.0.2' });
      expect(other.statusCode).toBe(201);
    } finally {
      await guarded.close();
    }
  });

  it('creates a named token on the command line, stores only a salted hash, and names its holder in the audit log', async () => {
    const out: string[] = [];
    const io = { log: (l: string) => out.push(l), error: (l: string) => out.push(`ERR ${l}`) };
    expect(await runTokensCommand(['create', '--name', 'Anna Andersson'], ctx.db(), io)).toBe(0);
    const token = out.join('\n').match(/mk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}/)?.[0];
    expect(token).toBeDefined();
    const id = token!.slice(3, 19);
    const row = await ctx.db().selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(token!.slice(20));
    expect(row.name).toBe('Anna Andersson');
    expect(row.salt).not.toBe('');

    const created = await app().inject({ method: 'POST', url: '/api/proposals', payload: small, headers: { authorization: `Bearer ${token}` } });
    expect(created.statusCode).toBe(201);
    const page = (await app().inject({ method: 'GET', url: '/api/audit?limit=5', headers: { authorization: `Bearer ${token}` } })).json();
    expect(page.items[0]).toMatchObject({ actor: 'Anna Andersson', tokenId: id, method: 'POST', route: '/api/proposals', target: created.json().id, status: 201, outcome: 'done' });

    out.length = 0;
    expect(await runTokensCommand(['list'], ctx.db(), io)).toBe(0);
    expect(out.join('\n')).toMatch(new RegExp(`${id} .* active +Anna Andersson`));
    expect(out.join('\n')).not.toContain(token!);
    expect(await runTokensCommand(['revoke', id], ctx.db(), io)).toBe(0);
    const refused = await app().inject({ method: 'POST', url: '/api/proposals', payload: small, headers: { authorization: `Bearer ${token}` } });
    expect(refused.statusCode).toBe(403);
    // A token of the right form whose secret is wrong is refused too.
    const forged = `${token!.slice(0, 20)}${'A'.repeat(43)}`;
    expect((await app().inject({ method: 'POST', url: '/api/proposals', payload: small, headers: { authorization: `Bearer ${forged}` } })).statusCode).toBe(403);
    expect(await runTokensCommand(['revoke', 'ffffffffffffffff'], ctx.db(), io)).toBe(1);
    expect(await runTokensCommand(['create'], ctx.db(), io)).toBe(2);
  });

  it('records refused writes and reads the log only with a token, in pages', async () => {
    await app().inject({ method: 'POST', url: '/api/proposals/nope/accept', payload: {} });
    const page = (await app().inject({ method: 'GET', url: '/api/audit?limit=1', headers: auth })).json();
    expect(page.limit).toBe(1);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ actor: '(not signed in)', route: '/api/proposals/:id/accept', target: 'nope', status: 401, outcome: 'refused' });
    const next = (await app().inject({ method: 'GET', url: '/api/audit?limit=1&offset=1', headers: auth })).json();
    expect(next.items[0].id).toBeLessThan(page.items[0].id);
    expect(next.total).toBe(page.total);
    const open = await app().inject({ method: 'GET', url: '/api/audit' });
    expect(open.statusCode).toBe(401);
    expect(checkResponse(open)).toEqual([]);
    expectBound(await app().inject({ method: 'GET', url: '/api/audit?limit=501', headers: auth }));
  });
});

function expectBound(res: { statusCode: number; json: () => any }) {
  expect(res.statusCode).toBe(400);
  expect(res.json().message).toContain('at most 500');
}
