/**
 * Builds the real app (real services, real database) for inject() tests, on every database that
 * describeEachDatabase provides: each test file gets its own fresh database with the dataset.
 */
import { afterAll, beforeAll } from 'vitest';
import type { App } from '../../src/http/app.js';
import { buildApp } from '../../src/http/app.js';
import type { ThrottleOptions } from '../../src/http/auth-throttle.js';
import { buildServices } from '../../src/wiring.js';
import { datasetDir, type DatabaseContext } from './databases.js';

export const TEST_TOKEN = 'test-token-0123456789abcdef';

export interface AppContext {
  app: () => App;
}

/** Call inside a describeEachDatabaseWithDataset body. */
export function useApp(ctx: DatabaseContext, options: { writeRateLimit?: number; authThrottle?: ThrottleOptions } = {}): AppContext {
  let app: App | null = null;
  beforeAll(async () => {
    // The server's default limit on one exact search; the instances tested here finish far below it.
    const services = await buildServices(ctx.db(), { dataDir: datasetDir, proposalTimeLimitMs: 10_000 });
    app = await buildApp(
      { ...services, apiToken: TEST_TOKEN },
      // Tests send many requests, wrong tokens included, from one client: generous limits unless a
      // test is about the limits themselves.
      { writeRateLimit: options.writeRateLimit ?? 10_000, authThrottle: options.authThrottle ?? { max: 10_000, windowMs: 60_000 } },
    );
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });
  return {
    app: () => {
      if (!app) throw new Error('app not built yet');
      return app;
    },
  };
}

export const auth = { authorization: `Bearer ${TEST_TOKEN}` };
