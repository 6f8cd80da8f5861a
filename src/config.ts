/**
 * Configuration from the environment, parsed once. Nothing else reads process.env.
 * There is no default API token: when none is set the server generates one at start-up.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('.data/pglite'),
  API_TOKEN: z.string().min(16, 'API_TOKEN must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGIN: z.string().optional(),
  PROPOSAL_TIME_LIMIT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  SOLVER_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  SOLVER_QUEUE: z.coerce.number().int().min(0).max(1000).default(16),
  SOLVER_JOB_TIME_LIMIT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  apiToken: string | undefined;
  logLevel: string;
  corsOrigin: string | undefined;
  /** Wall-clock limit of one exact search behind the API; beyond it the best proposal found is returned with its gap. */
  proposalTimeLimitMs: number;
  /** Worker threads that run the solves (default: cores − 1, at least 1). */
  solverThreads: number;
  /** Solve jobs that may wait for a thread; one more is refused with 503 `busy`. */
  solverQueue: number;
  /** Wall-clock limit of one solve job on its thread (all its searches); then it stops with its best so far. */
  solverJobTimeLimitMs: number;
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: path.resolve(e.DATA_DIR),
    apiToken: e.API_TOKEN,
    logLevel: e.LOG_LEVEL,
    corsOrigin: e.CORS_ORIGIN || undefined,
    proposalTimeLimitMs: e.PROPOSAL_TIME_LIMIT_MS,
    solverThreads: e.SOLVER_THREADS ?? Math.max(1, availableParallelism() - 1),
    solverQueue: e.SOLVER_QUEUE,
    solverJobTimeLimitMs: e.SOLVER_JOB_TIME_LIMIT_MS,
  };
}
