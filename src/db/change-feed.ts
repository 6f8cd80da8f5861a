/**
 * Change notification for the data version (see data-version.ts): a process learns that some
 * process has written without asking the database on every request.
 *
 * - PostgreSQL: a dedicated pg client (not one of the pool's) runs LISTEN and reconnects with
 *   capped exponential back-off when its connection drops. While it is down, `onChannel(false)`
 *   tells the subscriber to fall back to polling; `onChannel(true)` after a (re)connect means
 *   "notifications flow from now on, anything before may have been missed".
 * - PGlite: its own `listen`, run while holding the dialect's single connection so that LISTEN
 *   never lands inside another caller's open transaction.
 *
 * openDatabase (client.ts) registers a feed source for each Kysely instance it creates, so the
 * wiring can subscribe with just the `db` handle; closing the database closes its watches.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { DATA_VERSION_CHANNEL, parseDataVersionPayload } from './data-version.js';
import type { Database } from './schema.js';

export interface DataVersionHandlers {
  /** A write committed (by any process on this database and schema) and left this version. */
  onVersion(version: number): void;
  /** The channel came up (true) or went down (false). */
  onChannel(up: boolean): void;
}

export interface DataVersionWatch {
  close(): Promise<void>;
}

type OpenWatch = (handlers: DataVersionHandlers) => DataVersionWatch;

const feedSources = new WeakMap<Kysely<Database>, { open: OpenWatch; watches: Set<DataVersionWatch> }>();

/** Called by openDatabase; the returned function closes every watch opened since. */
export function registerFeedSource(db: Kysely<Database>, open: OpenWatch): () => Promise<void> {
  const entry = { open, watches: new Set<DataVersionWatch>() };
  feedSources.set(db, entry);
  return async () => {
    feedSources.delete(db);
    const all = [...entry.watches];
    entry.watches.clear();
    await Promise.all(all.map((w) => w.close().catch(() => {})));
  };
}

/** Subscribes to data-version changes; null for a Kysely instance not opened by openDatabase. */
export function watchDataVersion(db: Kysely<Database>, handlers: DataVersionHandlers): DataVersionWatch | null {
  const entry = feedSources.get(db);
  if (!entry) return null;
  const inner = entry.open(handlers);
  const watch: DataVersionWatch = {
    close: async () => {
      entry.watches.delete(watch);
      await inner.close();
    },
  };
  entry.watches.add(watch);
  return watch;
}

export interface PostgresFeedOptions {
  connectionString: string;
  /** Startup options (e.g. `-c search_path=…`), as the pool uses them. */
  options?: string | undefined;
  /** Back-off between reconnect attempts: starts at min, doubles up to max. */
  retryMinMs?: number;
  retryMaxMs?: number;
  connectTimeoutMs?: number;
}

export function openPostgresFeed(opts: PostgresFeedOptions, handlers: DataVersionHandlers): DataVersionWatch {
  const minDelay = opts.retryMinMs ?? 250;
  const maxDelay = opts.retryMaxMs ?? 5_000;
  let delay = minDelay;
  let closed = false;
  let current: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let attempt: Promise<void> | null = null;

  const schedule = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      attempt = connect();
    }, delay);
    timer.unref();
    delay = Math.min(delay * 2, maxDelay);
  };

  const connect = async (): Promise<void> => {
    if (closed) return;
    const client = new pg.Client({
      connectionString: opts.connectionString,
      ...(opts.options ? { options: opts.options } : {}),
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
      keepAlive: true,
    });
    let schema: string | null = null;
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      client.end().catch(() => {});
      if (current === client) {
        current = null;
        handlers.onChannel(false);
      }
      schedule();
    };
    client.on('error', onLost);
    client.on('end', onLost);
    client.on('notification', (msg) => {
      if (msg.channel !== DATA_VERSION_CHANNEL) return;
      const parsed = parseDataVersionPayload(msg.payload);
      if (parsed && parsed.schema === schema) handlers.onVersion(parsed.version);
    });
    try {
      await client.connect();
      const result = await client.query<{ schema: string | null }>('select current_schema() as schema');
      schema = result.rows[0]?.schema ?? null;
      await client.query(`LISTEN ${DATA_VERSION_CHANNEL}`);
    } catch {
      onLost();
      return;
    }
    if (closed) {
      await client.end().catch(() => {});
      return;
    }
    if (lost) return;
    current = client;
    delay = minDelay;
    handlers.onChannel(true);
  };

  attempt = connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await attempt?.catch(() => {});
      const client = current;
      current = null;
      if (client) await client.end().catch(() => {});
    },
  };
}

/** PGlite is one in-process session: its channel is up from the moment LISTEN has run. */
export function openPGliteFeed(pglite: PGlite, db: Kysely<Database>, handlers: DataVersionHandlers): DataVersionWatch {
  let closed = false;
  const listening = db
    .connection()
    .execute(() =>
      pglite.listen(DATA_VERSION_CHANNEL, (payload) => {
        const parsed = parseDataVersionPayload(payload);
        if (parsed && !closed) handlers.onVersion(parsed.version);
      }),
    )
    .then(
      (unlisten) => {
        if (!closed) handlers.onChannel(true);
        return unlisten;
      },
      () => null,
    );
  return {
    async close() {
      closed = true;
      const unlisten = await listening;
      if (unlisten && !pglite.closed) await db.connection().execute(() => unlisten()).catch(() => {});
    },
  };
}
