/**
 * The long fuzz run of /openapi.json (the test runs 3 000 requests; this as many as you like), on
 * a fresh in-memory PGlite with the shipped data, or on PostgreSQL with TEST_DATABASE_URL (in a
 * schema of its own, dropped afterwards).
 *
 *   npm run fuzz -- --total 20000 [--seed 7] [--verbose]
 *
 * Prints per operation the requests, statuses and slowest answer, then every finding; exit code 1
 * when there is any.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { EXPORT_TABLES } from '../src/core/export/index.js';
import { openDatabase } from '../src/db/client.js';
import { importWorld } from '../src/db/import-world.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { buildApp } from '../src/http/app.js';
import { loadWorld } from '../src/services/dataset/load-world.js';
import { buildServices } from '../src/wiring.js';
import { collectPools, fuzzOpenApi } from '../test/helpers/openapi-fuzz.js';

const dataDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'data');

const { values } = parseArgs({
  options: { total: { type: 'string', default: '20000' }, seed: { type: 'string', default: '20261201' }, verbose: { type: 'boolean', default: false } },
});
const total = Number(values.total);
const seed = Number(values.seed);
if (!Number.isInteger(total) || total < 1 || !Number.isInteger(seed)) {
  console.error('Usage: npm run fuzz -- --total <n> [--seed <n>] [--verbose]');
  process.exit(2);
}

const url = process.env.TEST_DATABASE_URL;
const schema = url ? `fuzz_${randomBytes(4).toString('hex')}` : undefined;
const database = url ? await openDatabase({ databaseUrl: url, schema: schema! }) : await openDatabase({ inMemory: true });
const token = randomBytes(24).toString('base64url');
let exitCode = 0;
try {
  await migrateToLatest(database.db);
  await importWorld(database.db, await loadWorld(dataDir));
  const services = await buildServices(database.db, { dataDir, proposalTimeLimitMs: 10_000 });
  const app = await buildApp({ ...services, apiToken: token }, { writeRateLimit: 1_000_000, authThrottle: { max: 1_000_000, windowMs: 60_000 } });
  await app.ready();
  const started = Date.now();
  const report = await fuzzOpenApi(app, { total, seed, token, ...(await collectPools(app, EXPORT_TABLES, token)) });
  console.log(`${report.requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s on ${url ? 'PostgreSQL' : 'PGlite'}, seed ${seed}`);
  for (const [op, s] of Object.entries(report.byOperation)) {
    const statuses = Object.entries(s.statuses).map(([code, n]) => `${code}×${n}`).join(' ');
    console.log(`  ${op.padEnd(48)} ${String(s.requests).padStart(6)}  slowest ${String(s.slowestMs).padStart(5)} ms  ${statuses}`);
  }
  console.log(`${report.findings.length} findings`);
  for (const f of report.findings.slice(0, values.verbose ? Infinity : 20)) {
    console.log(`- ${f.operation}: ${f.problem} (status ${f.status})\n    ${f.request.method} ${f.request.url.slice(0, 200)}\n    ${JSON.stringify(f.request.payload ?? '').slice(0, 200)}\n    → ${f.body.slice(0, 300)}`);
  }
  exitCode = report.findings.length ? 1 : 0;
  await app.close();
} finally {
  await database.close();
  if (url && schema) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }
}
process.exit(exitCode);
