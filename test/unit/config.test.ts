import { availableParallelism } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';

describe('configuration', () => {
  it('has defaults for everything but secrets', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, apiToken: undefined, logLevel: 'info', proposalTimeLimitMs: 10_000 });
    expect(c.dataDir).toBe(path.resolve('.data/pglite'));
    expect(c).toMatchObject({ solverThreads: Math.max(1, availableParallelism() - 1), solverQueue: 16, solverJobTimeLimitMs: 60_000 });
  });

  it('reads every variable', () => {
    const c = parseConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u:p@db:5432/x',
      DATA_DIR: '/tmp/x',
      API_TOKEN: 'a-token-long-enough',
      LOG_LEVEL: 'warn',
      CORS_ORIGIN: 'https://a.example',
      PROPOSAL_TIME_LIMIT_MS: '2500',
      SOLVER_THREADS: '3',
      SOLVER_QUEUE: '0',
      SOLVER_JOB_TIME_LIMIT_MS: '5000',
    });
    expect(c).toEqual({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u:p@db:5432/x',
      dataDir: '/tmp/x',
      apiToken: 'a-token-long-enough',
      logLevel: 'warn',
      corsOrigin: 'https://a.example',
      proposalTimeLimitMs: 2500,
      solverThreads: 3,
      solverQueue: 0,
      solverJobTimeLimitMs: 5000,
    });
  });

  it('names each bad setting', () => {
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseConfig({ API_TOKEN: 'short' })).toThrow(/API_TOKEN must be at least 16 characters/);
    expect(() => parseConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => parseConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => parseConfig({ SOLVER_THREADS: '0' })).toThrow(/SOLVER_THREADS/);
    expect(() => parseConfig({ SOLVER_QUEUE: '-1' })).toThrow(/SOLVER_QUEUE/);
  });
});
