/**
 * Two server processes on one PostgreSQL accept the same proposal at the same moment: exactly one
 * round is written, and both answer with it. Runs only against a real server (TEST_DATABASE_URL).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../src/db/client.js';
import { buildServices } from '../../../src/wiring.js';
import { importWorld } from '../../../src/db/import-world.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { datasetDir, loadDataset, testDatabaseUrl } from '../../helpers/databases.js';
import { startServerProcess, type ServerProcess } from '../../helpers/server-process.js';

const url = testDatabaseUrl();
const TOKEN = 'two-process-token-0123456789';

function withSearchPath(base: string, schema: string): string {
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

describe.skipIf(!url)('two server processes accepting one proposal [postgres]', () => {
  const schema = `t2p_${randomBytes(4).toString('hex')}`;
  let opened: OpenedDatabase;
  let servers: ServerProcess[] = [];
  let proposalIds: string[] = [];

  beforeAll(async () => {
    opened = await openDatabase({ databaseUrl: url!, schema });
    await migrateToLatest(opened.db);
    await importWorld(opened.db, await loadDataset());
    const services = await buildServices(opened.db, { dataDir: datasetDir });
    const example = JSON.parse(readFileSync(path.join(datasetDir, 'examples', 'vastmanland-2021.json'), 'utf8'));
    for (const n of [1, 2, 3]) proposalIds.push((await services.proposals.create({ ...example, round: `two-process-race-${n}` })).id);
    const env = { DATABASE_URL: withSearchPath(url!, schema), API_TOKEN: TOKEN };
    servers = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await opened?.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  });

  it.each([0, 1, 2])('writes exactly one round and both processes return it (race %i)', async (n) => {
    const proposalId = proposalIds[n]!;
    expect(servers[0]!.url).not.toBe(servers[1]!.url);
    const accept = (s: ServerProcess) =>
      fetch(`${s.url}/api/proposals/${proposalId}/accept`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ start: '2026-09', acknowledgeUnplaced: true, acknowledgeUnmentored: true }),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { created: boolean; round: { id: string } },
      }));
    const results = await Promise.all([accept(servers[0]!), accept(servers[1]!)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(results.map((r) => r.body.created).sort()).toEqual([false, true]);
    expect(results[0]!.body.round.id).toBe(results[1]!.body.round.id);

    const rounds = await sql<{ n: number }>`select count(*)::int as n from rounds where proposal_id = ${proposalId}`.execute(opened.db);
    expect(rounds.rows[0]!.n).toBe(1);
    const roundId = results[0]!.body.round.id;
    const dupes = await sql<{ n: number }>`
      select count(*)::int as n from (select org_id, role from participations where round_id = ${roundId} group by org_id, role having count(*) > 1) d`.execute(opened.db);
    expect(dupes.rows[0]!.n).toBe(0);

    // Both processes see the round (each re-reads the record when the data version moves).
    for (const s of servers) {
      const listed = (await (await fetch(`${s.url}/api/rounds`)).json()) as { items: { id: string }[] };
      expect(listed.items.map((r) => r.id)).toContain(roundId);
    }
  });
});
