import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/http/app.js';
import { buildServices } from '../../../src/wiring.js';
import { auth, TEST_TOKEN, useApp } from '../../helpers/app.js';
import { datasetDir, describeEachDatabaseWithDataset } from '../../helpers/databases.js';

const example = JSON.parse(readFileSync(path.join(datasetDir, 'examples', 'vastmanland-2021.json'), 'utf8'));

describeEachDatabaseWithDataset('security', (ctx) => {
  const { app } = useApp(ctx);

  it('lets no write through without the token, and says so in OpenAPI', async () => {
    const doc = (await app().inject({ method: 'GET', url: '/openapi.json' })).json();
    const secured: [string, string][] = [];
    const openPosts: string[] = [];
    for (const [route, methods] of Object.entries(doc.paths as Record<string, Record<string, { security?: unknown[] }>>)) {
      for (const [method, op] of Object.entries(methods)) {
        if (op.security?.length) secured.push([method.toUpperCase(), route]);
        else if (method !== 'get') openPosts.push(`${method} ${route}`);
      }
    }
    expect(secured.map(([m, r]) => `${m} ${r}`)).toEqual(expect.arrayContaining(['POST /api/proposals', 'POST /api/proposals/{id}/accept', 'POST /api/rounds/{id}/start', 'POST /api/rounds/{id}/complete', 'POST /api/rounds/{id}/cancel']));
    const proposal = (await app().inject({ method: 'POST', url: '/api/proposals', payload: example, headers: auth })).json();
    const before = (await app().inject({ method: 'GET', url: '/api/rounds' })).json().items.length;
    for (const [method, route] of secured) {
      const url = route.replace('{id}', proposal.id);
      const res = await app().inject({ method: method as 'POST', url, payload: example });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      // The token is checked before the body: a malformed body without a token is still a 401.
      const malformed = await app().inject({ method: method as 'POST', url, payload: { nonsense: true } });
      expect(malformed.statusCode, `${method} ${url}`).toBe(401);
      const wrong = await app().inject({ method: method as 'POST', url, payload: example, headers: { authorization: `Bearer ${TEST_TOKEN}x` } });
      expect(wrong.statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await app().inject({ method: 'GET', url: '/api/rounds' })).json().items.length).toBe(before);
    // The only POSTs open without a token are computations that store nothing.
    for (const p of openPosts) expect(p).toMatch(/what-if|rollout-plans/);
  });

  it('sends security headers and no CORS header unless configured', async () => {
    const res = await app().inject({ method: 'GET', url: '/api/programmes', headers: { origin: 'https://elsewhere.example' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a body over the size limit with a 413', async () => {
    const huge = { ...example, note: 'x'.repeat(1_100_000) };
    const res = await app().inject({ method: 'POST', url: '/api/proposals', payload: huge, headers: auth });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
  });

  it('limits the rate of writes and expensive computations', async () => {
    const services = await buildServices(ctx.db(), { dataDir: datasetDir });
    const limited = await buildApp({ ...services, apiToken: TEST_TOKEN }, { writeRateLimit: 2 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) {
        codes.push((await limited.inject({ method: 'POST', url: '/api/proposals', payload: example, headers: auth })).statusCode);
      }
      expect(codes.slice(0, 2)).toEqual([201, 201]);
      expect(codes[2]).toBe(429);
      const reads = await limited.inject({ method: 'GET', url: '/api/programmes' });
      expect(reads.statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('error bodies', () => {
  it('hide internal messages, SQL and paths behind a 500', async () => {
    const failing = () => Promise.reject(new Error('relation "secret" does not exist: SELECT * FROM secret at /work/main/src/db/x.ts:12'));
    const app = await buildApp({
      catalogue: { listProgrammes: failing } as never,
      analytics: {} as never,
      exports: {} as never,
      proposals: {} as never,
      rounds: {} as never,
      examples: {} as never,
      planning: {} as never,
      preparation: {} as never,
      health: { checkReady: failing },
      apiToken: TEST_TOKEN,
    });
    const res = await app.inject({ method: 'GET', url: '/api/programmes' });
    expect(res.statusCode).toBe(500);
    expect(res.json().code).toBe('internal');
    expect(res.body).not.toMatch(/SELECT|secret|\/work\/|\.ts|stack/);
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().code).toBe('unavailable');
    expect(ready.body).not.toMatch(/SELECT|secret|\/work\//);
    await app.close();
  });
});
