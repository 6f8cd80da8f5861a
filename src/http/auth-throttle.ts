/**
 * Counts failed authentications per client (by IP address) in fixed windows. Once a client has
 * failed `max` times in a window, every authenticated request from it is refused until the window
 * ends, right or wrong token alike, so guessing gains nothing from the answers. Memory is bounded:
 * at most `maxClients` are tracked; the oldest window is dropped first.
 */
export interface ThrottleOptions {
  /** Failed authentications allowed per client and window. */
  max: number;
  windowMs: number;
  maxClients?: number;
}

export const DEFAULT_AUTH_THROTTLE: ThrottleOptions = { max: 20, windowMs: 5 * 60_000 };

export function createAuthThrottle(options: ThrottleOptions, now: () => number = Date.now) {
  const maxClients = options.maxClients ?? 10_000;
  const windows = new Map<string, { start: number; failures: number }>();

  const current = (client: string) => {
    const w = windows.get(client);
    if (w && now() - w.start < options.windowMs) return w;
    if (w) windows.delete(client);
    return null;
  };

  return {
    /** Seconds until the client may try again, or 0 when it is not blocked. */
    blockedFor(client: string): number {
      const w = current(client);
      if (!w || w.failures < options.max) return 0;
      return Math.max(1, Math.ceil((w.start + options.windowMs - now()) / 1000));
    },
    recordFailure(client: string): void {
      const w = current(client);
      if (w) {
        w.failures++;
        return;
      }
      if (windows.size >= maxClients) {
        const oldest = windows.keys().next().value;
        if (oldest !== undefined) windows.delete(oldest);
      }
      windows.set(client, { start: now(), failures: 1 });
    },
  };
}

export type AuthThrottle = ReturnType<typeof createAuthThrottle>;
