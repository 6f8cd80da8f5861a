/**
 * PostgreSQL goes away under load and comes back, without a restart of the app. The shared
 * cluster is never touched: the app reaches it through a TCP proxy in this process, which the
 * test cuts (every connection dropped, new ones refused) and restores.
 *
 * While it is cut: routes that need the database answer 503 `unavailable` with Retry-After,
 * reads the in-memory record answers keep answering 200 with the same bodies, nothing answers
 * 500. After it is restored: normal answers, writes included, from the same app. The proxy
 * also counts what the app sends, so the test shows that reads from memory send no query.
 * Runs only with TEST_DATABASE_URL.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../src/db/client.js';
import { importWorld } from '../../../src/db/import-world.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { buildApp, type App } from '../../../src/http/app.js';
import { buildServices } from '../../../src/wiring.js';
import { auth, TEST_TOKEN } from '../../helpers/app.js';
import { datasetDir, loadDataset, testDatabaseUrl } from '../../helpers/databases.js';
import { MEMORY_READS } from '../../helpers/record-routes.js';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy.js';

const url = testDatabaseUrl();

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Sample {
  url: string;
  needsDatabase: boolean;
  startedAt: number;
  endedAt: number;
  status: number;
  code: string | undefined;
  retryAfter: string | undefined;
  body: string;
}

describe.skipIf(!url)('database outage behind a TCP proxy [postgres]', () => {
  const schema = `tout_${randomBytes(4).toString('hex')}`;
  let proxy: TcpProxy;
  let direct: OpenedDatabase;
  let proxied: OpenedDatabase;
  let services: Awaited<ReturnType<typeof buildServices>>;
  let app: App;
  let proposalId: string;
  let example: Record<string, unknown>;

  beforeAll(async () => {
    const target = new URL(url!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    direct = await openDatabase({ databaseUrl: url!, schema });
    await migrateToLatest(direct.db);
    await importWorld(direct.db, await loadDataset());
    const viaProxy = new URL(url!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    proxied = await openDatabase({ databaseUrl: viaProxy.toString(), schema });
    // Poll slowly: freshness after the outage must come from the reconnected notification channel.
    services = await buildServices(proxied.db, { dataDir: datasetDir, recordPollIntervalMs: 600_000 });
    app = await buildApp({ ...services, apiToken: TEST_TOKEN });
    example = JSON.parse(await readFile(path.join(datasetDir, 'examples', 'vastmanland-2021.json'), 'utf8'));
    const created = await app.inject({ method: 'POST', url: '/api/proposals', headers: auth, payload: { ...example, round: 'outage-1' } });
    expect(created.statusCode).toBe(201);
    proposalId = created.json().id;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await services?.close();
    await proxied?.close();
    await direct?.close();
    await proxy?.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  });

  it('answers reads from memory without sending the database anything', async () => {
    await waitFor('notifications up', () => services.record.notificationsUp());
    const readAll = async () => {
      for (const u of MEMORY_READS) expect((await app.inject({ url: u })).statusCode, u).toBe(200);
    };
    await readAll(); // the channel's (re)connect asks for one version check
    const before = proxy.bytesFromClients();
    await readAll();
    await readAll();
    expect(proxy.bytesFromClients()).toBe(before);
    // …while a route that needs the database does send something (the counter works).
    expect((await app.inject({ url: '/api/proposals' })).statusCode).toBe(200);
    expect(proxy.bytesFromClients()).toBeGreaterThan(before);
  });

  it('sees a write by another process through the notification', async () => {
    const other = await buildServices(direct.db, { dataDir: datasetDir });
    try {
      const p = await other.proposals.create({ ...example, round: 'outage-by-other' } as never);
      const accepted = await other.proposals.accept(p.id, { start: '2027-01', acknowledgeUnplaced: true, acknowledgeUnmentored: true });
      await waitFor('the other process’s round', async () =>
        (await app.inject({ url: '/api/rounds' })).json().items.some((r: { id: string }) => r.id === accepted.round.id),
      );
    } finally {
      await other.close();
    }
  });

  it('answers 503 for what needs the database while it is cut, reads from memory throughout, and recovers without a restart', async () => {
    const routes = [
      ...MEMORY_READS.map((u) => ({ url: u, needsDatabase: false })),
      { url: '/api/proposals', needsDatabase: true },
      { url: `/api/proposals/${proposalId}`, needsDatabase: true },
      { url: '/health/ready', needsDatabase: true },
    ];
    const expected = new Map<string, string>();
    for (const r of routes.filter((x) => !x.needsDatabase)) expected.set(r.url, (await app.inject({ url: r.url })).body);

    const samples: Sample[] = [];
    let running = true;
    const worker = async (offset: number) => {
      for (let i = offset; running; i++) {
        const route = routes[i % routes.length]!;
        const startedAt = Date.now();
        const res = await app.inject({ url: route.url });
        let code: string | undefined;
        if (res.statusCode >= 400) code = res.json().code;
        samples.push({
          url: route.url,
          needsDatabase: route.needsDatabase,
          startedAt,
          endedAt: Date.now(),
          status: res.statusCode,
          code,
          retryAfter: res.headers['retry-after'] as string | undefined,
          body: res.body,
        });
      }
    };
    const load = Promise.all([0, 3, 7, 11, 13, 17].map(worker));
    try {
      await new Promise((r) => setTimeout(r, 300));
      await proxy.cut();
      const cutAt = Date.now();
      await waitFor('a 503 from a route that needs the database', async () => (await app.inject({ url: '/api/proposals' })).statusCode === 503);
      // A write while it is down is refused the same way.
      const write = await app.inject({ method: 'POST', url: '/api/proposals', headers: auth, payload: { ...example, round: 'outage-down' } });
      expect(write.statusCode).toBe(503);
      expect(write.json().code).toBe('unavailable');
      expect(Number(write.headers['retry-after'])).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(services.record.notificationsUp()).toBe(false);
      const restoreAt = Date.now();
      await proxy.restore();
      await waitFor('the database routes back', async () => (await app.inject({ url: '/api/proposals' })).statusCode === 200);
      await waitFor('ready again', async () => (await app.inject({ url: '/health/ready' })).statusCode === 200);
      await new Promise((r) => setTimeout(r, 300));
      running = false;
      await load;

      expect(samples.length).toBeGreaterThan(routes.length * 3);
      for (const s of samples) {
        expect(s.status, `${s.url} answered ${s.status}`).not.toBe(500);
        if (!s.needsDatabase) {
          expect(s.status, s.url).toBe(200);
          expect(s.body, s.url).toBe(expected.get(s.url));
        }
        if (s.status === 503) {
          expect(s.code).toBe('unavailable');
          expect(Number(s.retryAfter)).toBeGreaterThan(0);
          expect(s.body).not.toMatch(/ECONN|pool|terminated|select|stack/i);
        }
      }
      // Everything that needed the database and ran entirely inside the outage was refused.
      const inside = samples.filter((s) => s.needsDatabase && s.startedAt > cutAt + 100 && s.endedAt < restoreAt);
      expect(inside.length).toBeGreaterThan(0);
      expect(inside.filter((s) => s.status !== 503).map((s) => `${s.url} ${s.status}`)).toEqual([]);
      expect(samples.filter((s) => s.needsDatabase && s.status === 200 && s.startedAt > cutAt && s.endedAt < restoreAt)).toEqual([]);
    } finally {
      running = false;
      await load;
      await proxy.restore();
    }

    // Normal again in the same app: a write, and the channel back up (the round is seen by reads).
    const created = await app.inject({ method: 'POST', url: '/api/proposals', headers: auth, payload: { ...example, round: 'outage-after' } });
    expect(created.statusCode).toBe(201);
    const accepted = await app.inject({
      method: 'POST',
      url: `/api/proposals/${created.json().id}/accept`,
      headers: auth,
      payload: { start: '2027-01', acknowledgeUnplaced: true, acknowledgeUnmentored: true },
    });
    expect(accepted.statusCode).toBe(201);
    const roundId = accepted.json().round.id;
    expect((await app.inject({ url: '/api/rounds' })).json().items.map((r: { id: string }) => r.id)).toContain(roundId);
    await waitFor('notifications up again', () => services.record.notificationsUp());
  });
});
