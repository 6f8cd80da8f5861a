/**
 * The record in memory: a write made outside this app's services reaches it by change
 * notification (the poll is set to ten minutes, so nothing else could explain it), and when its
 * database is gone the app keeps answering reads from memory while routes that need the database
 * answer 503 `unavailable` with Retry-After. Runs on PGlite and, with TEST_DATABASE_URL, on
 * PostgreSQL.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../src/db/client.js';
import { importOrganisations, readOrganisationImportContext } from '../../../src/db/import-organisations.js';
import { buildApp, type App } from '../../../src/http/app.js';
import { parseOrganisationsCsv } from '../../../src/services/org-csv.js';
import { buildServices } from '../../../src/wiring.js';
import { datasetDir, describeEachDatabaseWithDataset, openPGlite } from '../../helpers/databases.js';
import { auth, TEST_TOKEN, useApp } from '../../helpers/app.js';
import { DATABASE_READS, MEMORY_READS } from '../../helpers/record-routes.js';

const TEN_MINUTES = 600_000;

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const example = async () => JSON.parse(await readFile(path.join(datasetDir, 'examples', 'vastmanland-2021.json'), 'utf8')) as Record<string, unknown>;

describeEachDatabaseWithDataset('the record in memory', (ctx) => {
  const { app } = useApp(ctx);
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
  });

  it('sees a write made elsewhere through the change notification, not a poll', async () => {
    const services = await buildServices(ctx.db(), { dataDir: datasetDir, recordPollIntervalMs: TEN_MINUTES });
    const watcher = await buildApp({ ...services, apiToken: TEST_TOKEN });
    cleanups.push(async () => {
      await watcher.close();
      await services.close();
    });
    await waitFor('notifications up', () => services.record.notificationsUp());
    const agencies = async () => (await watcher.inject({ url: '/api/organisations?kind=myndighet' })).json().items.map((o: { id: string }) => o.id);
    expect(await agencies()).toEqual([]);
    const versionBefore = services.record.cachedVersion();
    expect(versionBefore).not.toBeNull();

    const file = path.join(datasetDir, 'examples', 'vastmanland-network.csv');
    const rows = parseOrganisationsCsv(await readFile(file, 'utf8'), { file, ...(await readOrganisationImportContext(ctx.db())) });
    await importOrganisations(ctx.db(), rows, { file });

    await waitFor('the imported agency in the list', async () => (await agencies()).includes('LST-19'));
    expect(services.record.cachedVersion()).toBeGreaterThan(versionBefore!);
    expect(services.record.notificationsUp()).toBe(true);
    // The app that wrote nothing itself (useApp's) sees it too.
    expect((await app().inject({ url: '/api/organisations/LST-19' })).statusCode).toBe(200);
  });

  it('keeps answering reads from memory when its database is gone, and 503 for the rest', async () => {
    const opened: OpenedDatabase = ctx.kind === 'pglite' ? await openPGlite({ withDataset: true }) : await ctx.openAnother();
    const services = await buildServices(opened.db, { dataDir: datasetDir });
    const lone = await buildApp({ ...services, apiToken: TEST_TOKEN });
    cleanups.push(async () => {
      await lone.close();
      await opened.close();
    });
    const created = await lone.inject({ method: 'POST', url: '/api/proposals', headers: auth, payload: { ...(await example()), round: 'in-memory-test' } });
    expect(created.statusCode).toBe(201);
    const proposalId = created.json().id as string;
    const before = new Map<string, string>();
    for (const url of MEMORY_READS) {
      const res = await lone.inject({ url });
      expect(res.statusCode, url).toBe(200);
      before.set(url, res.body);
    }

    await opened.close();

    for (const url of MEMORY_READS) {
      const res = await lone.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe(before.get(url));
    }
    const needDatabase = [
      ...DATABASE_READS.map((url) => ({ method: 'GET' as const, url: url.replace(':proposal', proposalId) })),
      { method: 'POST' as const, url: '/api/proposals', payload: { ...(await example()), round: 'while-down' } },
      { method: 'POST' as const, url: `/api/proposals/${proposalId}/accept`, payload: { start: '2027-01', acknowledgeUnplaced: true, acknowledgeUnmentored: true } },
      { method: 'GET' as const, url: `/api/proposals/${proposalId}/alternatives?k=2` },
    ];
    for (const req of needDatabase) {
      const res = await lone.inject({ ...req, headers: auth });
      expect(res.statusCode, req.url).toBe(503);
      expect(res.json().code, req.url).toBe('unavailable');
      expect(Number(res.headers['retry-after']), req.url).toBeGreaterThan(0);
      expect(res.body, req.url).not.toMatch(/pool|pglite|ECONN|select|stack/i);
    }
    expect((await lone.inject({ url: '/health/live' })).statusCode).toBe(200);
  });
});
