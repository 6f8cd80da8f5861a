/**
 * Runs a block of integration tests on every database we support: always on a fresh in-memory
 * PGlite, and, when TEST_DATABASE_URL is set, once more on that PostgreSQL server inside a fresh
 * schema of its own (created in beforeAll, dropped in afterAll). Both arrive migrated; the
 * `...WithDataset` variant also has the shipped data/ imported.
 *
 * The body registers tests synchronously; it reaches the database through ctx.db() inside them.
 */
import { randomBytes } from 'node:crypto';
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
      opened =
        kind === 'postgres' && url
          ? await openDatabase({ databaseUrl: url, ...(schema ? { schema } : {}) })
          : await openDatabase({ inMemory: true });
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
