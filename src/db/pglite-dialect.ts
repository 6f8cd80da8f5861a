/**
 * A Kysely dialect for embedded PGlite: PGlite wrapped as a pg-Pool-like object for Kysely's
 * own PostgresDialect, so both databases share one adapter, query compiler and introspector.
 *
 * Invariant: PGlite is a single session, so only one "connection" is handed out at a time
 * (a FIFO mutex held from connect() to release()). A transaction therefore owns PGlite from
 * BEGIN to COMMIT/ROLLBACK; code inside a transaction must use the transaction object, never
 * the outer Kysely instance (that would wait for itself).
 */
import type { PGlite } from '@electric-sql/pglite';
import { PostgresDialect, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult } from 'kysely';
import { databaseUnavailable } from './connection-errors.js';

/** Type OIDs parsed as JS numbers on both clients: int8 and numeric (pg returns strings). */
export const INT8_OID = 20;
export const NUMERIC_OID = 1700;
const toNumber = (text: string): number => Number(text);
export const pgliteParsers = { [INT8_OID]: toNumber, [NUMERIC_OID]: toNumber };

class Mutex {
  #locked = false;
  #waiters: (() => void)[] = [];

  async acquire(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  release(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#locked = false;
  }
}

type Command = PostgresQueryResult<unknown>['command'];

export function createPGlitePool(pglite: PGlite): PostgresPool {
  const mutex = new Mutex();
  return {
    async connect(): Promise<PostgresPoolClient> {
      await mutex.acquire();
      // A closed database (shutting down) is unavailable, as an unreachable server is.
      if (pglite.closed) {
        mutex.release();
        throw databaseUnavailable();
      }
      let released = false;
      const client = {
        async query<R>(sqlText: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
          const result = await pglite.query<R>(sqlText, [...parameters]);
          const command = ((result as { command?: string }).command ?? 'SELECT') as Command;
          const rowCount = (result as { rowCount?: number }).rowCount ?? result.affectedRows ?? result.rows.length;
          return { command, rowCount, rows: result.rows };
        },
        release(): void {
          if (released) return;
          released = true;
          mutex.release();
        },
      };
      return client as PostgresPoolClient;
    },
    async end(): Promise<void> {
      await mutex.acquire();
      try {
        if (!pglite.closed) await pglite.close();
      } finally {
        mutex.release();
      }
    },
  };
}

export function createPGliteDialect(pglite: PGlite): PostgresDialect {
  return new PostgresDialect({ pool: createPGlitePool(pglite) });
}
