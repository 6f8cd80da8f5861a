/**
 * Opens the database: PostgreSQL through a pg Pool when a URL is given, otherwise embedded
 * PGlite, on local disk (dataDir, created when missing) or in memory (tests).
 * int8 and numeric come back as JS numbers on both.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { openPGliteFeed, openPostgresFeed, registerFeedSource } from './change-feed.js';
import { rethrowUnreachable } from './connection-errors.js';
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
  const closeWatches = registerFeedSource(db, (handlers) => openPGliteFeed(pglite, db, handlers));
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= closeWatches()
      .then(() => db.destroy())
      .finally(unlock);
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
  const options = schema ? `-c search_path=${schema}` : undefined;
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.maxConnections ?? 10,
    types: pgTypes,
    // A server that does not answer (network partition) fails the request instead of hanging it.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    ...(options ? { options } : {}),
  });
  // An idle client's connection can drop (server restart); without a listener that would crash
  // the process. The pool replaces the client; the next query reports any lasting failure.
  pool.on('error', (err) => {
    console.error(`PostgreSQL connection error (the pool will reconnect): ${err.message}`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: reportingUnreachable(pool) }) });
  try {
    await sql`select 1`.execute(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const closeWatches = registerFeedSource(db, (handlers) =>
    openPostgresFeed({ connectionString: url, options, connectTimeoutMs: CONNECT_TIMEOUT_MS }, handlers),
  );
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= closeWatches().then(() => db.destroy());
    return closing;
  };
  return { db, kind: 'postgres', close };
}

const CONNECT_TIMEOUT_MS = 5_000;

/**
 * The pool as Kysely sees it, with lost or refused connections reported as
 * AppError('unavailable') (503 with Retry-After), and every other error unchanged.
 */
function reportingUnreachable(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect().catch(rethrowUnreachable);
      // A checked-out client whose connection drops between queries emits 'error'; unheard, that
      // would end the process. The next query fails instead, and release() discards the client.
      let lost: Error | undefined;
      const onLost = (err: Error) => {
        lost = err;
      };
      client.on('error', onLost);
      return {
        query: ((...args: Parameters<pg.PoolClient['query']>) => {
          const result = (client.query as (...a: unknown[]) => unknown)(...args);
          // Cursors (streaming) return the submittable itself, not a promise.
          return result instanceof Promise ? result.catch(rethrowUnreachable) : result;
        }) as PostgresPoolClient['query'],
        release: () => {
          client.removeListener('error', onLost);
          client.release(lost);
        },
      };
    },
    end: () => pool.end(),
  };
}
