/**
 * Keeps the World (the whole record) in memory and re-reads it only when some process has
 * written, so that reads are answered from memory, and keep being answered while the database
 * is unreachable.
 *
 * Freshness:
 * - with a change feed (LISTEN/NOTIFY on PostgreSQL, PGlite's listen): a notification carrying a
 *   newer data version marks the World stale; no query per request. While the channel is down,
 *   a slow poll (`pollIntervalMs`) compares the data version instead, and when the channel comes
 *   back the version is checked once (notifications sent meanwhile were missed);
 * - without a feed (a database handle not opened by openDatabase): the version is read per
 *   request, as a plain cache key;
 * - `markStale()` after a write of this process makes its next read wait for the new record
 *   (read-your-writes without waiting for the notification to come round).
 *
 * Invariants: one refresh at a time (concurrent readers share it); a notification that arrives
 * during a refresh is not lost (generation counters, not a boolean); when a refresh fails and a
 * World is cached, readers get the cached World and the next attempt waits `retryAfterFailureMs`
 * (the poll keeps trying), so an outage costs readers nothing; with nothing cached the failure
 * propagates (the caller answers 503).
 */
import type { World } from '../core/model.js';

export interface WorldStore {
  /** The World and the data version it reflects, from one snapshot. */
  readVersionedWorld(): Promise<{ version: number; world: World }>;
  readDataVersion(): Promise<number>;
}

export interface WorldChangeFeed {
  watch(handlers: { onVersion(version: number): void; onChannel(up: boolean): void }): { close(): Promise<void> } | null;
}

export interface WorldSourceOptions {
  feed?: WorldChangeFeed | undefined;
  /** Poll interval while the notification channel is down. */
  pollIntervalMs?: number;
  /** After a failed refresh, readers are served the cached World for this long before a retry. */
  retryAfterFailureMs?: number;
  /** Told when the record cannot be refreshed and a cached one is served (once per outage). */
  onStaleServed?: (err: unknown) => void;
}

export interface WorldSource {
  getWorld(): Promise<World>;
  /** This process has written: the next read re-checks the version first. */
  markStale(): void;
  /** What is cached now, without touching the database (null before the first load). */
  cachedVersion(): number | null;
  /** Whether change notifications are flowing (always false without a feed). */
  notificationsUp(): boolean;
  close(): Promise<void>;
}

export function createWorldSource(store: WorldStore, options: WorldSourceOptions = {}): WorldSource {
  const pollIntervalMs = options.pollIntervalMs ?? 5_000;
  const retryAfterFailureMs = options.retryAfterFailureMs ?? 1_000;
  let cached: { version: number; world: World } | null = null;
  /** Bumped by every reason to re-check; `checked` is the generation the cache is known good for. */
  let wanted = 1;
  let checked = 0;
  let refreshing: Promise<World> | null = null;
  let failedAt: number | null = null;
  let channelUp = false;
  let pollTimer: NodeJS.Timeout | null = null;
  let closed = false;

  const refresh = (): Promise<World> => {
    if (refreshing) return refreshing;
    const generation = wanted;
    refreshing = (async () => {
      try {
        if (cached) {
          const version = await store.readDataVersion();
          if (version === cached.version) {
            checked = Math.max(checked, generation);
            return cached.world;
          }
        }
        const next = await store.readVersionedWorld();
        if (!cached || next.version >= cached.version) cached = next;
        checked = Math.max(checked, generation);
        return cached.world;
      } finally {
        refreshing = null;
      }
    })().then(
      (world) => {
        failedAt = null;
        return world;
      },
      (err: unknown) => {
        if (failedAt === null) options.onStaleServed?.(err);
        failedAt = Date.now();
        throw err;
      },
    );
    return refreshing;
  };

  const markStale = () => {
    wanted += 1;
  };

  const poll = () => {
    if (closed || channelUp || !options.feed) return;
    markStale();
    refresh().catch(() => {});
  };
  const startPolling = () => {
    if (pollTimer || closed) return;
    pollTimer = setInterval(poll, pollIntervalMs);
    pollTimer.unref();
  };
  const stopPolling = () => {
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = null;
  };

  const watch = options.feed?.watch({
    onVersion(version) {
      if (!cached || version > cached.version) markStale();
    },
    onChannel(up) {
      channelUp = up;
      if (up) {
        stopPolling();
        // Writes made while the channel was down sent notifications nobody heard.
        markStale();
      } else {
        startPolling();
      }
    },
  });
  if (watch) startPolling();

  return {
    async getWorld() {
      if (!watch) markStale(); // no feed: the version is the per-request cache key
      const target = wanted;
      if (cached && checked >= target) return cached.world;
      if (cached && failedAt !== null && Date.now() - failedAt < retryAfterFailureMs) return cached.world;
      try {
        // A refresh already running may have started before the write this reader must see.
        let world = await refresh();
        if (checked < target) world = await refresh();
        return world;
      } catch (err) {
        if (cached) return cached.world;
        throw err;
      }
    },
    markStale,
    cachedVersion: () => cached?.version ?? null,
    notificationsUp: () => channelUp,
    async close() {
      closed = true;
      stopPolling();
      await watch?.close();
    },
  };
}
