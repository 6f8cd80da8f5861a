/**
 * `npm run bench:http`: HTTP throughput and latency of the server's read routes, side by side
 * with a bare Fastify JSON route in the same run, and /health/live latency while four
 * 150-applicant sensitivity analyses run.
 *
 * Both servers are child processes started the same way (node --import tsx, logging at warn or
 * off), loaded by autocannon from this process over loopback with the same connection count and
 * duration. The server under test runs on a fresh embedded database in a temporary directory
 * (or, with --database-url, in a fresh schema of that PostgreSQL, dropped at the end).
 *
 *   npm run bench:http                       # prints the Markdown section
 *   npm run bench:http -- --write            # …and replaces it in BENCHMARKS.md
 *   npm run bench:http -- --duration 5 --connections 10 --skip-sensitivity
 *
 * Everything is bounded: at most 30 s per measurement, at most 100 connections, the
 * sensitivity phase stops after 180 s whatever happens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { loadWorld } from '../src/services/dataset/load-world.js';
import { DATABASE_READS, MEMORY_READS } from '../test/helpers/record-routes.js';
import { drawRealInstance } from './draw-instance.js';
import { describeMachine, writeBenchSection } from './bench-common.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECTION_START = '<!-- bench:http start -->';
const SECTION_END = '<!-- bench:http end -->';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    'database-url': { type: 'string' },
    'skip-sensitivity': { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
  },
});
const duration = Math.min(30, Math.max(1, Number(args.duration) || 3));
const connections = Math.min(100, Math.max(1, Math.floor(Number(args.connections) || 10)));
const SENSITIVITY_APPLICANTS = 150;
const SENSITIVITY_RUNS = 4;
const SENSITIVITY_CAP_MS = 180_000;

interface Child {
  url: string;
  stop(): Promise<void>;
}

function startChild(script: string, env: Record<string, string>, pattern: RegExp, timeoutMs: number): Promise<Child> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (d: Buffer) => {
    output += String(d);
    if (output.length > 100_000) output = output.slice(-50_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${script} did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.stdout?.on('data', () => {
      const m = pattern.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${output}`));
    });
  });
}

async function freshSchema(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `bench_http_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

const run = (url: string, options: { connections?: number; duration?: number } = {}): Promise<Result> =>
  Promise.resolve(autocannon({ url, connections: options.connections ?? connections, duration: options.duration ?? duration, timeout: 10 }));

interface Row {
  route: string;
  kind: 'memory' | 'database' | 'static';
  result: Result;
  /** The bare route, measured right before. */
  bare: Result;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function fetchJson(url: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (CSV, GeoJSON as text)
  }
  return { status: res.status, body };
}

async function measureSensitivity(server: string, token: string) {
  const world = await loadWorld(path.join(root, 'data'));
  const drawn = drawRealInstance(world, SENSITIVITY_APPLICANTS, 60, 4242);
  // Four proposals (seeds 1–4), so that each analysis is computed, not served from storage.
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const ids: string[] = [];
  for (let seed = 1; seed <= SENSITIVITY_RUNS; seed++) {
    const instance = {
      programme: 'modellkommuner',
      round: `bench-http-${Date.now()}-${seed}`,
      applicants: drawn.applicants,
      mentors: drawn.mentors.map((m) => ({ ...m, capacity: 1 })),
      rules: { groupSize: [2, 3], county: 'any', mentorRequired: false },
      seed,
    };
    const created = await fetchJson(`${server}/api/proposals`, { method: 'POST', headers, body: JSON.stringify(instance) });
    if (created.status !== 201) throw new Error(`creating a ${SENSITIVITY_APPLICANTS}-applicant proposal answered ${created.status}: ${JSON.stringify(created.body).slice(0, 300)}`);
    ids.push((created.body as { id: string }).id);
  }

  const idle = await run(`${server}/health/live`, { connections: 2, duration: 2 });
  const started = Date.now();
  const live = autocannon({ url: `${server}/health/live`, connections: 2, duration: SENSITIVITY_CAP_MS / 1000, timeout: 30 });
  const analyses = ids.map(async (id) => {
    const t0 = Date.now();
    const controller = new AbortController();
    const cap = setTimeout(() => controller.abort(), SENSITIVITY_CAP_MS);
    try {
      const res = await fetch(`${server}/api/proposals/${id}/sensitivity`, { signal: controller.signal });
      await res.arrayBuffer();
      return { status: res.status, ms: Date.now() - t0 };
    } catch {
      return { status: 0, ms: Date.now() - t0 };
    } finally {
      clearTimeout(cap);
    }
  });
  const outcomes = await Promise.all(analyses);
  live.stop();
  const during = await live;
  return { idle, during, outcomes, wallMs: Date.now() - started };
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg();
  const token = `bench-${randomBytes(12).toString('hex')}`;
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'modellkommuner-bench-http-'));
  const schema = args['database-url'] ? await freshSchema(args['database-url']) : null;
  const children: Child[] = [];
  try {
    const serverEnv: Record<string, string> = { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', API_TOKEN: token };
    if (schema) serverEnv.DATABASE_URL = schema.url;
    else serverEnv.DATA_DIR = path.join(tmp, 'pglite');
    console.error('starting the server (first start imports the dataset) and the bare Fastify app…');
    const [server, bare] = await Promise.all([
      startChild('src/server.ts', serverEnv, /serving at (http:\/\/[^\s/]+)\//, 180_000),
      startChild('scripts/bench-http-bare.ts', {}, /listening at (http:\/\/[^\s/]+)\//, 60_000),
    ]);
    children.push(server, bare);

    // A stored proposal for the proposal routes (small: the Västmanland example).
    const example = JSON.parse(await readFile(path.join(root, 'data', 'examples', 'vastmanland-2021.json'), 'utf8'));
    const created = await fetchJson(`${server.url}/api/proposals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(example),
    });
    if (created.status !== 201) throw new Error(`creating the example proposal answered ${created.status}`);
    const proposalId = (created.body as { id: string }).id;

    const routes: { route: string; kind: Row['kind'] }[] = [
      { route: '/health/live', kind: 'memory' },
      ...MEMORY_READS.map((route) => ({ route, kind: 'memory' as const })),
      { route: '/api/families', kind: 'memory' },
      { route: '/api/examples', kind: 'static' },
      { route: '/api/geo/municipalities', kind: 'static' },
      ...DATABASE_READS.map((route) => ({ route: route.replace(':proposal', proposalId), kind: 'database' as const })),
    ];
    for (const r of routes) {
      const res = await fetch(server.url + r.route);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${r.route} answered ${res.status} before the benchmark`);
    }

    // Paired runs: the bare route right before each route, so that a load that changes during the
    // run (a shared machine) hits both sides of each ratio alike.
    const rows: Row[] = [];
    const bareUrl = `${bare.url}/bare`;
    await run(bareUrl, { duration: 1 }); // warm-up
    console.error(`measuring ${routes.length} routes, each right after the bare route, ${duration} s each, ${connections} connections…`);
    for (const r of routes) {
      const reference = await run(bareUrl);
      await run(server.url + r.route, { duration: 1 });
      const result = await run(server.url + r.route);
      rows.push({ route: r.route, kind: r.kind, result, bare: reference });
      console.error(`  ${r.route}: ${fmt(result.requests.average)} req/s (bare ${fmt(reference.requests.average)})`);
    }

    let sensitivity: Awaited<ReturnType<typeof measureSensitivity>> | null = null;
    let sensitivityError: string | null = null;
    if (!args['skip-sensitivity']) {
      console.error(`running ${SENSITIVITY_RUNS} sensitivity analyses of a ${SENSITIVITY_APPLICANTS}-applicant proposal while /health/live is measured…`);
      try {
        sensitivity = await measureSensitivity(server.url, token);
      } catch (err) {
        sensitivityError = err instanceof Error ? err.message : String(err);
      }
    }

    const section = render({ rows, sensitivity, sensitivityError, loadAtStart, database: schema ? 'PostgreSQL (fresh schema)' : 'embedded PGlite (fresh, temporary directory)' });
    console.log(section);
    if (args.write) {
      writeBenchSection(SECTION_START, SECTION_END, section, path.join(root, 'BENCHMARKS.md'));
      console.error('BENCHMARKS.md updated.');
    }
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await rm(tmp, { recursive: true, force: true });
    await schema?.drop();
  }
}

function render(input: {
  rows: Row[];
  sensitivity: Awaited<ReturnType<typeof measureSensitivity>> | null;
  sensitivityError: string | null;
  loadAtStart: number[];
  database: string;
}): string {
  const share = (r: Row) => r.result.requests.average / r.bare.requests.average;
  const bareRps = input.rows.map((r) => r.bare.requests.average);
  const memory = input.rows.filter((r) => r.kind === 'memory');
  const atTarget = memory.filter((r) => share(r) >= 0.25).length;
  const lines: string[] = [];
  lines.push(SECTION_START);
  lines.push('## HTTP: read routes against a bare Fastify route');
  lines.push('');
  lines.push(`Generated by \`npm run bench:http\` (scripts/bench-http.ts) on ${new Date().toISOString().slice(0, 10)}.`);
  lines.push('');
  lines.push(describeMachine(input.loadAtStart, 'a load above the core count means other processes shared the CPU and every figure below is lower (throughput) or higher (latency) than on an idle machine.'));
  lines.push('');
  lines.push(
    `Server under test: \`src/server.ts\` on ${input.database}, log level warn. Reference: a bare Fastify app with one JSON route (scripts/bench-http-bare.ts), started the same way (node --import tsx) and measured for ${duration} s right before each route (it ranged from ${fmt(Math.min(...bareRps))} to ${fmt(Math.max(...bareRps))} req/s in this run). autocannon, loopback, ${connections} connections, ${duration} s per route after a 1 s warm-up, one route at a time. "share" is the route's throughput over the bare route's just before it; the target for reads served from memory is at least 25 %. "memory" routes are answered from the record in memory (no query), "database" routes query the database, "static" ones serve files read once.`,
  );
  lines.push('');
  lines.push('| route | kind | req/s | bare req/s | share of bare | p50 (ms) | p99 (ms) | bare p99 (ms) | non-2xx | errors |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of input.rows) {
    const x = r.result;
    lines.push(
      `| ${r.route.replace(/\|/g, '\\|')} | ${r.kind} | ${fmt(x.requests.average)} | ${fmt(r.bare.requests.average)} | ${fmt(100 * share(r), 1)} % | ${fmt(x.latency.p50, 1)} | ${fmt(x.latency.p99, 1)} | ${fmt(r.bare.latency.p99, 1)} | ${x.non2xx} | ${x.errors + x.timeouts} |`,
    );
  }
  lines.push('');
  lines.push(`Reads from memory at or above 25 % of the bare route: ${atTarget} of ${memory.length}.`);
  lines.push('');
  lines.push('### /health/live while four sensitivity analyses run');
  lines.push('');
  if (input.sensitivity) {
    const s = input.sensitivity;
    const statuses = s.outcomes.map((o) => `${o.status || 'no answer'} in ${fmt(o.ms / 1000, 1)} s`).join(', ');
    lines.push(
      `${SENSITIVITY_RUNS} proposals of the same ${SENSITIVITY_APPLICANTS} applicants (real municipalities drawn with seed 4242, 60 mentors of capacity 1, solver seeds 1–${SENSITIVITY_RUNS}, so that no analysis is served from storage) are stored, then their ${SENSITIVITY_RUNS} \`GET /api/proposals/:id/sensitivity\` requests start at once while autocannon keeps 2 connections on \`/health/live\` until the last one answers (${fmt(s.wallMs / 1000, 1)} s). Target: p99 ≤ 50 ms.`,
    );
    lines.push('');
    lines.push('| /health/live | requests | p50 (ms) | p99 (ms) | max (ms) | errors + timeouts |');
    lines.push('|---|---:|---:|---:|---:|---:|');
    for (const [label, r] of [
      ['idle server (2 s)', s.idle],
      [`during the ${SENSITIVITY_RUNS} analyses`, s.during],
    ] as const) {
      lines.push(`| ${label} | ${r.requests.total} | ${fmt(r.latency.p50, 1)} | ${fmt(r.latency.p99, 1)} | ${fmt(r.latency.max, 1)} | ${r.errors + r.timeouts} |`);
    }
    lines.push('');
    lines.push(
      `The analyses answered: ${statuses}. /health/live p99 during the analyses: ${fmt(s.during.latency.p99, 1)} ms, ${s.during.latency.p99 <= 50 && s.during.errors + s.during.timeouts === 0 ? 'within' : 'above'} the 50 ms target.`,
    );
  } else {
    lines.push(input.sensitivityError ? `Not measured: ${input.sensitivityError}` : 'Skipped (--skip-sensitivity).');
  }
  lines.push(SECTION_END);
  return lines.join('\n');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
