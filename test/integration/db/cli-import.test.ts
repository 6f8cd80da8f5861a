import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/client.js';
import { countRows } from './table-snapshot.js';
import { datasetDir, projectRoot } from '../../helpers/databases.js';

const run = promisify(execFile);
const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx');
const cli = path.join(projectRoot, 'src', 'cli', 'import.ts');

async function importCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, [cli, ...args], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

// The CLI on the embedded database (one process at a time: PGlite on disk has one owner).
describe('npm run import (CLI)', () => {
  let dir = '';
  let env: Record<string, string> = {};
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mk-cli-'));
    env = { DATA_DIR: path.join(dir, 'db') };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // A child process that imports the whole dataset: allow for a loaded machine.
  it('imports the dataset and the example network in one run', { timeout: 300_000 }, async () => {
    const result = await importCli(['--dataset', '--orgs', path.join(datasetDir, 'examples', 'vastmanland-network.csv')], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Imported the dataset: \d+ organisations/);
    expect(result.stdout).toContain('vastmanland-network.csv: 5 new');
  });

  it('rejects a malformed file with file, line and field, exits 1 and changes nothing', { timeout: 300_000 }, async () => {
    const bad = path.join(dir, 'bad.csv');
    await writeFile(bad, 'id,kind,name,county,population\nX-1,myndighet,Ok,19,\nX-2,myndighet,Bad,19,lots\n');
    const result = await importCli(['--orgs', bad], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${bad}:3: population:`);
    const db = await openDatabase({ dataDir: env.DATA_DIR! });
    try {
      expect(await db.db.selectFrom('organisations').select('id').where('id', 'in', ['X-1', 'X-2']).execute()).toEqual([]);
      expect(await countRows(db.db, 'organisations')).toBeGreaterThan(300);
    } finally {
      await db.close();
    }
  });

  it('refuses a Latin-1 file naming file and line, and reads it with --encoding', async () => {
    const latin = path.join(dir, 'latin.csv');
    await writeFile(latin, Buffer.from('id,kind,name,county\nX-3,myndighet,Malmö Göteborg,\n', 'latin1'));
    const refused = await importCli(['--orgs', latin], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${latin}:2: encoding:`);
    expect(refused.stderr).not.toContain('\ufffd');
    const read = await importCli(['--orgs', latin, '--encoding', 'windows-1252'], env);
    expect(read.stderr).toBe('');
    expect(read.code).toBe(0);
    const db = await openDatabase({ dataDir: env.DATA_DIR! });
    try {
      expect((await db.db.selectFrom('organisations').select('name').where('id', '=', 'X-3').executeTakeFirst())?.name).toBe('Malmö Göteborg');
    } finally {
      await db.close();
    }
    // Two CLI runs (each migrates and opens the embedded database) on a shared machine.
  }, 240_000);

  it('prints usage and fails without arguments', async () => {
    const result = await importCli([], env);
    expect(result.code).toBe(2);
    // A wrong command line is an error: one sentence on stderr naming what is missing, nothing on stdout.
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--orgs FILE');
  });
});
