import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeRound } from '../../../src/core/matching/index.js';
import { openDatabase } from '../../../src/db/client.js';
import { buildServices } from '../../../src/wiring.js';
import { datasetDir, loadDataset, projectRoot } from '../../helpers/databases.js';

const bin = path.join(projectRoot, 'bin', 'modellkommuner.js');
const examplePath = path.join(datasetDir, 'examples', 'vastmanland-2021.json');
const example = JSON.parse(readFileSync(examplePath, 'utf8'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the bin as a user would (`npx modellkommuner …` runs exactly this file). */
function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: projectRoot, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at |node:internal|Error:/);

// Each run starts a process (tsx compiles on the fly): allow for a loaded machine.
const SLOW = { timeout: 300_000 };

describe('npx modellkommuner (the CLI as a child process, embedded database)', () => {
  let dir = '';
  let env: Record<string, string> = {};
  let expectedObjective = 0;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mk-cli-bin-'));
    env = { DATA_DIR: path.join(dir, 'db') };
    // The server's database, with a round accepted and started through the same services the server uses.
    const database = await openDatabase({ dataDir: env.DATA_DIR! });
    try {
      const services = await buildServices(database.db, { dataDir: datasetDir, prepare: true, proposalTimeLimitMs: 10_000 });
      // Accepted, then started: a round that has taken place, which the proposal's history criterion sees.
      const first = await services.proposals.create(example);
      const { round } = await services.proposals.accept(first.id, { start: '2026-09', acknowledgeUnplaced: true, acknowledgeUnmentored: true });
      await services.rounds.transition(round.id, { kind: 'start', start: '2026-09' });
      expectedObjective = (await services.proposals.create({ ...example, round: 'vastmanland-2022' })).result.objective;
    } finally {
      await database.close();
    }
  }, 300_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('answers --help on every command with usage on stdout and exit 0', SLOW, async () => {
    for (const c of [[], ['propose'], ['plan'], ['similar'], ['import'], ['export']]) {
      const r = await cli([...c, '--help'], env);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage:\s+npx modellkommuner /);
      expect(r.stderr).toBe('');
      expect(Math.max(...r.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
    }
  });

  it('writes only CSV to stdout, including the accepted round, and Excel CSV on request', SLOW, async () => {
    const r = await cli(['export', 'rounds'], env);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)[0]).toBe('record');
    expect(rows.some((x) => x.record === 'round' && x.round_label === 'vastmanland-2021')).toBe(true);
    const excel = await cli(['export', 'spread-counties', '--format', 'excel'], env);
    expect(excel.code).toBe(0);
    expect(excel.stdout.startsWith('\uFEFFLänskod;Län;')).toBe(true);
  });

  it('proposes on the same record as the server: JSON on stdout, the objective the API computes', SLOW, async () => {
    const r = await cli(['propose', '--input', examplePath, '--json'], { ...env });
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.objective).toBeCloseTo(expectedObjective, 6);
    // data/ alone (no accepted round) gives another objective: the CLI did not read data/.
    expect(proposeRound(await loadDataset(), example).objective).not.toBeCloseTo(expectedObjective, 6);
    const table = await cli(['similar', '0380', '--n', '5'], env);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(table.stdout).toContain('Västerås');
    expect(table.stdout).not.toContain('(1980)');
  });

  it('says in one sentence that a running server holds the embedded database, and exits 2', SLOW, async () => {
    const held = await openDatabase({ dataDir: env.DATA_DIR! });
    try {
      const r = await cli(['export', 'rounds'], env);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`in use by process ${process.pid}`);
      noStack(r.stderr);
    } finally {
      await held.close();
    }
  });

  it('refuses a wrong command line in one sentence with exit 2, and a missing file with exit 1', SLOW, async () => {
    const unknown = await cli(['frobnicate'], env);
    const badFormat = await cli(['export', 'rounds', '--format', 'pdf'], env);
    const missing = await cli(['propose', '--input', path.join(dir, 'nope.json')], env);
    for (const r of [unknown, badFormat]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      noStack(r.stderr);
    }
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^Cannot read .*nope\.json: no such file\.$/);
  });
});
