/**
 * Wires the concrete adapters (database, dataset files) into the services and the HTTP app, then
 * listens. With no configuration: embedded PGlite under .data/, migrated and loaded with the real
 * data on first start, and a freshly generated API token printed once.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { buildServices } from './wiring.js';
import { buildApp } from './http/app.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const apiToken = config.apiToken ?? randomBytes(24).toString('base64url');
  const database = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  const services = await buildServices(database.db, { dataDir: path.join(projectRoot, 'data'), prepare: true,
    proposalTimeLimitMs: config.proposalTimeLimitMs,
    // Threads start with the server, so the first import, download or solve does not wait for one to load.
    pool: { threads: config.solverThreads, maxQueue: config.solverQueue, jobTimeLimitMs: config.solverJobTimeLimitMs, warm: true },
  });
  const app = await buildApp({ ...services, apiToken, corsOrigin: config.corsOrigin }, { logLevel: config.logLevel });

  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const where = database.kind === 'pglite' ? `embedded PGlite at ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`Modellkommuner is serving at http://${host}:${port}/  (API docs: http://${host}:${port}/docs; database: ${where})`);
  if (!config.apiToken) {
    console.log(`No API_TOKEN was set; writes need this token, generated for this run only:\n  ${apiToken}`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
