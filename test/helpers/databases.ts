/**
 * Runs a block of integration tests on every database we support: always on a fresh in-memory
 * PGlite, and, when TEST_DATABASE_URL is set, once more on that PostgreSQL server inside a fresh
 * schema of its own (created in beforeAll, dropped in afterAll). Both arrive migrated; the
 * `...WithDataset` variant also has the shipped data/ imported.
 *
 * The body registers tests synchronously; it reaches the database through ctx.db() inside them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import type { World } from '../../src/core/model.js';
import { openDatabase, type OpenedDatabase } from '../../src/db/client.js';
import { importWorld } from '../../src/db/import-world.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/schema.js';
import { loadWorld } from '../../src/services/dataset/load-world.js';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const datasetDir = path.join(projectRoot, 'data');

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseContext {
  db: () => Kysely<Database>;
  kind: DatabaseKind;
  /**
   * A second, independent connection to the same database (PostgreSQL: a new pool on the same
   * schema; PGlite: the same instance, as it has only one). The caller closes it.
   */
  openAnother: () => Promise<OpenedDatabase>;
}

export interface DatabaseOptions {
  /** Import the shipped dataset after migrating. */
  withDataset?: boolean;
}

let worldPromise: Promise<World> | null = null;
/** The shipped dataset, loaded once per test process. */
export function loadDataset(): Promise<World> {
  worldPromise ??= loadWorld(datasetDir);
  return worldPromise;
}

export const testDatabaseUrl = (): string | undefined => process.env.TEST_DATABASE_URL || undefined;

/**
 * PGlite templates: creating a PGlite cluster (initdb) costs seconds, loading a dump of one about
 * one. The first test process to need a migrated (and, for the dataset variant, imported)
 * database dumps it to the OS temp directory under a hash of everything that shapes it: the
 * storage code, the dataset loader, the data files and PGlite's version. A stale template can
 * therefore not be picked up, and any trouble with one falls back to building from scratch.
 */
async function filesUnder(dir: string, keep: (name: string) => boolean): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

let templateKeyPromise: Promise<string> | null = null;
function templateKey(): Promise<string> {
  templateKeyPromise ??= (async () => {
    const hash = createHash('sha256');
    const pgliteVersion = JSON.parse(
      await readFile(path.join(projectRoot, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8'),
    ) as { version: string };
    hash.update(pgliteVersion.version);
    const files = [
      fileURLToPath(import.meta.url),
      ...(await filesUnder(path.join(projectRoot, 'src', 'db'), (n) => n.endsWith('.ts'))),
      ...(await filesUnder(path.join(projectRoot, 'src', 'services', 'dataset'), (n) => n.endsWith('.ts'))),
      ...(await filesUnder(path.join(projectRoot, 'src', 'core'), (n) => n.endsWith('.ts'))),
      ...(await readdir(datasetDir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.join(datasetDir, e.name)).sort(),
    ];
    for (const file of files) {
      hash.update(path.relative(projectRoot, file));
      hash.update(await readFile(file));
    }
    return hash.digest('hex').slice(0, 24);
  })();
  return templateKeyPromise;
}

/** A fresh in-memory PGlite, migrated (and with the dataset), from the template when there is one. */
export async function openPGlite(options: DatabaseOptions): Promise<OpenedDatabase> {
  const file = path.join(tmpdir(), `modellkommuner-pglite-${options.withDataset ? 'dataset' : 'empty'}-${await templateKey()}.tgz`);
  const template = await readFile(file).catch(() => null);
  if (template) {
    let opened: OpenedDatabase | null = null;
    try {
      opened = await openDatabase({ inMemory: true, loadDataDir: new Blob([template]) });
      await migrateToLatest(opened.db);
      return opened;
    } catch {
      await opened?.close().catch(() => {});
    }
  }
  const opened = await openDatabase({ inMemory: true });
  await migrateToLatest(opened.db);
  if (options.withDataset) await importWorld(opened.db, await loadDataset());
  try {
    const dump = await opened.dump!();
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    // Templates of earlier code versions are dead weight (5 MB each).
    const prefix = `modellkommuner-pglite-${options.withDataset ? 'dataset' : 'empty'}-`;
    for (const name of await readdir(tmpdir())) {
      if (name.startsWith(prefix) && name.endsWith('.tgz') && path.join(tmpdir(), name) !== file) {
        await rm(path.join(tmpdir(), name), { force: true });
      }
    }
  } catch {
    // A template is only a shortcut; the next process builds its own.
  }
  return opened;
}

function freshSchemaName(): string {
  return `t_${process.pid}_${randomBytes(4).toString('hex')}`;
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

function registerOn(
  kind: DatabaseKind,
  title: string,
  body: (ctx: DatabaseContext) => void,
  options: DatabaseOptions,
): void {
  describe(`${title} [${kind}]`, () => {
    let opened: OpenedDatabase | null = null;
    const url = testDatabaseUrl();
    const schema = kind === 'postgres' ? freshSchemaName() : undefined;

    beforeAll(async () => {
      if (kind === 'pglite' || !url) {
        opened = await openPGlite(options);
        return;
      }
      opened = await openDatabase({ databaseUrl: url, ...(schema ? { schema } : {}) });
      await migrateToLatest(opened.db);
      if (options.withDataset) await importWorld(opened.db, await loadDataset());
    });

    afterAll(async () => {
      await opened?.close();
      if (kind === 'postgres' && url && schema) await dropSchema(url, schema);
    });

    const ctx: DatabaseContext = {
      kind,
      db: () => {
        if (!opened) throw new Error('The database is not open yet: use ctx.db() inside a test or hook.');
        return opened.db;
      },
      openAnother: async () => {
        if (kind === 'postgres' && url && schema) return openDatabase({ databaseUrl: url, schema });
        if (!opened) throw new Error('The database is not open yet.');
        // PGlite has one session; "another connection" is the same one, closed by its owner.
        return { db: opened.db, kind: 'pglite', close: async () => {} };
      },
    };
    body(ctx);
  });
}

/** Runs `body` on a fresh migrated PGlite, and on PostgreSQL when TEST_DATABASE_URL is set. */
export function describeEachDatabase(title: string, body: (ctx: DatabaseContext) => void, options: DatabaseOptions = {}): void {
  registerOn('pglite', title, body, options);
  if (testDatabaseUrl()) registerOn('postgres', title, body, options);
}

/** As describeEachDatabase, with the shipped dataset (data/) already imported. */
export function describeEachDatabaseWithDataset(title: string, body: (ctx: DatabaseContext) => void): void {
  describeEachDatabase(title, body, { withDataset: true });
}
