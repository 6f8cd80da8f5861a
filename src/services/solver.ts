/**
 * What the services need to run a heavy computation: start a job, watch its progress, stop it
 * (keep the best so far) or cancel it (the client went away). The worker pool (src/workers) is the
 * implementation behind the server; `createInlineSolver` runs jobs on the calling thread for the
 * CLI and for tests that need no pool.
 */
import { AppError } from '../core/errors.js';
import type { SearchProgress } from '../core/matching/index.js';
import type { World } from '../core/model.js';
import { runJob, type JobArgs, type JobKind, type JobResults } from './solve-jobs.js';
import { snapshotWorld } from './world-snapshot.js';

export interface JobOptions {
  /** Aborted when the client goes away: a queued job leaves the queue, a running one is stopped and its result dropped. */
  signal?: AbortSignal | undefined;
  onProgress?: ((p: SearchProgress) => void) | undefined;
}

export interface SolveJob<T> {
  result: Promise<T>;
  /** Ends the search early: the job resolves with its best so far (reported as heuristic with its gap). */
  stop(): void;
  /** True once the job's time limit stopped it (its answer is then a best-so-far, not to be stored as final). */
  timedOut(): boolean;
}

export interface SolverStats {
  threads: number;
  maxQueue: number;
  running: number;
  queued: number;
  completed: number;
  cancelled: number;
  refusedBusy: number;
}

export interface Solver {
  /** The record version of cached analyses: a fingerprint of the World's content. */
  recordVersion(world: World): string;
  /** Starts a job; throws AppError `busy` (with retryAfterSeconds in details) when the queue is full. */
  start<K extends JobKind>(kind: K, world: World, args: JobArgs[K], options?: JobOptions): SolveJob<JobResults[K]>;
  stats(): SolverStats;
  close(): Promise<void>;
}

export const cancelledError = (): AppError =>
  new AppError('unavailable', 'The computation was cancelled because its client went away.');

/** Runs every job synchronously on the calling thread (the CLI; tests of the services alone). */
export function createInlineSolver(): Solver {
  let completed = 0;
  return {
    recordVersion: (world) => snapshotWorld(world).version,
    start(kind, world, args, options = {}) {
      let stopRequested = false;
      const result = (async () => {
        await Promise.resolve();
        if (options.signal?.aborted) throw cancelledError();
        try {
          return await runJob(kind, world, args, {
            onProgress: options.onProgress,
            shouldStop: () => stopRequested || options.signal?.aborted === true,
          });
        } finally {
          completed++;
        }
      })();
      return { result, stop: () => (stopRequested = true), timedOut: () => false };
    },
    stats: () => ({ threads: 0, maxQueue: 0, running: 0, queued: 0, completed, cancelled: 0, refusedBusy: 0 }),
    close: async () => {},
  };
}
