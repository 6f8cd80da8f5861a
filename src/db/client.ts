/**
 * Opens the database: PostgreSQL through a pg Pool when a URL is given, otherwise embedded
 * PGlite, on local disk (dataDir, created when missing) or in memory (tests).
 * int8 and numeric come back as JS numbers on both.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { createPGliteDialect, INT8_OID, NUMERIC_OID, pgliteParsers } from './pglite-dialect.js';
import type { Database } from './schema.js';

export interface OpenDatabaseOptions {
  /** postgres://… — selects PostgreSQL. */
  databaseUrl?: string;
  /** Directory of the embedded database (default .data/pglite). */
  dataDir?: string;
  /** Embedded database in memory (tests). */
  inMemory?: boolean;
  /** PostgreSQL only: the schema to use (search_path); created when missing. */
  schema?: string;
  /** PostgreSQL only: pool size (default 10). */
  maxConnections?: number;
  /** In-memory PGlite only: start from a dump of a data directory (see `dump`), e.g. a test template. */
  loadDataDir?: Blob;
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** PGlite only: a gzip tarball of the data directory, loadable with `loadDataDir`. */
  dump?: () => Promise<Blob>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const pgTypes = {
  getTypeParser(oid: number, format?: string): (value: string) => unknown {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts);
  const dataDir = opts.inMemory ? undefined : path.resolve(opts.dataDir ?? '.data/pglite');
  let unlock = async (): Promise<void> => {};
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    unlock = await lockDataDir(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(
      dataDir
        ? { dataDir, parsers: pgliteParsers }
        : { parsers: pgliteParsers, ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) },
    );
  } catch (err) {
    await unlock();
    throw err;
  }
  const db = new Kysely<Database>({ dialect: createPGliteDialect(pglite) });
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= db.destroy().finally(unlock);
    return closing;
  };
  const dump = async (): Promise<Blob> => {
    // Through a connection of the pool, so that no transaction is open while dumping.
    return db.connection().execute(async (conn) => {
      await sql`checkpoint`.execute(conn);
      return pglite.dumpDataDir('gzip');
    });
  };
  return { db, kind: 'pglite', close, dump };
}

async function openPostgres(url: string, opts: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const schema = opts.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`Invalid schema name '${schema}': use lower-case letters, digits and _.`);
  }
  if (schema) {
    // Create it on a separate connection first: search_path must name an existing schema.
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    try {
      await setup.query(`create schema if not exists ${schema}`);
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.maxConnections ?? 10,
    types: pgTypes,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client's connection can drop (server restart); without a listener that would crash
  // the process. The pool replaces the client; the next query reports any lasting failure.
  pool.on('error', (err) => {
    console.error(`PostgreSQL connection error (the pool will reconnect): ${err.message}`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { db, kind: 'postgres', close: () => db.destroy() };
}
