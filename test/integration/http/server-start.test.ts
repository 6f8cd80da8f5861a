/**
 * The server as `npm start` runs it: embedded PGlite on local disk, migrated and loaded with the
 * real data on first start, a write token generated and printed when none is configured.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../helpers/server-process.js';

describe('the server on its embedded database [pglite on disk]', () => {
  let dir = '';
  let server: ServerProcess | null = null;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mk-start-'));
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts on an empty directory with the real data and a generated token that works once printed', async () => {
    server = await startServerProcess({ DATA_DIR: path.join(dir, 'db') }, 90_000);
    const kommuner = (await (await fetch(`${server.url}/api/organisations?kind=kommun`)).json()) as { total: number };
    expect(kommuner.total).toBe(290);

    const token = /generated for this run only:\s*\n\s*(\S+)/.exec(server.output())?.[1];
    expect(token).toBeTruthy();
    const instance = { round: 'token-check', applicants: [{ id: '1904' }, { id: '1907' }], mentors: [] };
    const post = (auth?: string) =>
      fetch(`${server!.url}/api/proposals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
        body: JSON.stringify(instance),
      });
    expect((await post()).status).toBe(401);
    expect((await post(`${token}x`)).status).toBe(403);
    expect((await post(token)).status).toBe(201);
  });

  it('keeps what was written across a restart and does not import twice', async () => {
    await server?.stop();
    server = await startServerProcess({ DATA_DIR: path.join(dir, 'db'), API_TOKEN: 'a-configured-token-of-some-length' }, 90_000);
    expect(server.output()).not.toContain('generated for this run only');
    const kommuner = (await (await fetch(`${server.url}/api/organisations?kind=kommun`)).json()) as { total: number };
    expect(kommuner.total).toBe(290);
    const proposals = (await (await fetch(`${server.url}/api/proposals?round=token-check`)).json()) as { items: unknown[] };
    expect(proposals.items).toHaveLength(1);
  });

  it('refuses to start on an invalid setting and names it', async () => {
    await expect(startServerProcess({ DATA_DIR: path.join(dir, 'db2'), PORT: 'eighty' }, 30_000)).rejects.toThrow(/PORT/);
  });
});
