/**
 * The solve pool: runs the heavy jobs (services/solve-jobs.ts) on worker threads (piscina) so the
 * request thread stays free.
 *
 * Invariants:
 * - At most `threads` jobs run and at most `maxQueue` wait; one more is refused at once with
 *   AppError `busy` (with retryAfterSeconds, sent as Retry-After). The pool counts admitted jobs itself:
 *   piscina's own queue bound does not apply to tasks that carry an AbortSignal.
 * - Every job has a stop flag (a shared Int32Array) that its search polls: `stop()` and the job's
 *   time limit set it, and the job then returns its best so far.
 * - A job whose client goes away (options.signal) is cancelled: a queued one leaves the queue; a
 *   running one gets its stop flag, its result is dropped, and if it has not ended within
 *   `cancelGraceMs` its worker is terminated (piscina replaces it).
 */
import { MessageChannel } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { AppError, busy } from '../core/errors.js';
import type { SearchProgress } from '../core/matching/index.js';
import { cancelledError, type JobOptions, type SolveJob, type Solver, type SolverStats } from '../services/solver.js';
import type { JobArgs, JobKind, JobResults } from '../services/solve-jobs.js';
import { snapshotWorld } from '../services/world-snapshot.js';
import type { WorkerEvent, WorkerReply, WorkerTask } from './solve-worker.js';

export interface SolvePoolOptions {
  /** Worker threads; default: cores − 1, at least 1. */
  threads?: number;
  /** Jobs that may wait for a thread; default 16. */
  maxQueue?: number;
  /** Wall-clock limit of one job from its start on a thread; then its stop flag is set. Default 60 s. */
  jobTimeLimitMs?: number;
  /** How long a stopped or cancelled job may take to end before its worker is terminated. Default 2 s. */
  cancelGraceMs?: number;
  /** Start the threads now rather than at the first job. */
  warm?: boolean;
}

export const defaultPoolThreads = (): number => Math.max(1, availableParallelism() - 1);

/** The worker entry: the TypeScript sources need a loader shim; the compiled build loads the .js file. */
function workerFilename(): string {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('./solve-worker-dev.mjs', here).href : new URL('./solve-worker.js', here).href;
}

export function createSolvePool(options: SolvePoolOptions = {}): Solver {
  const threads = Math.max(1, Math.floor(options.threads ?? defaultPoolThreads()));
  const maxQueue = Math.max(0, Math.floor(options.maxQueue ?? 16));
  const jobTimeLimitMs = options.jobTimeLimitMs ?? 60_000;
  const cancelGraceMs = options.cancelGraceMs ?? 2_000;
  const pool = new Piscina({
    filename: workerFilename(),
    minThreads: options.warm ? threads : 0,
    maxThreads: threads,
    // The pool bounds its queue itself (see the header); piscina's must not refuse first.
    maxQueue: threads + maxQueue + 1,
    idleTimeout: 60_000,
  });
  let admitted = 0;
  let running = 0;
  let completed = 0;
  let cancelled = 0;
  let refusedBusy = 0;
  const recentMs: number[] = [];

  const retryAfterSeconds = (): number => {
    const mean = recentMs.length ? recentMs.reduce((a, b) => a + b, 0) / recentMs.length : 5_000;
    return Math.min(120, Math.max(1, Math.ceil((mean * (1 + (admitted - running) / threads)) / 1000)));
  };

  function start<K extends JobKind>(kind: K, world: Parameters<Solver['start']>[1], args: JobArgs[K], jobOptions: JobOptions = {}): SolveJob<JobResults[K]> {
    if (jobOptions.signal?.aborted) return { result: Promise.reject(cancelledError()), stop: () => {}, timedOut: () => false };
    if (admitted >= threads + maxQueue) {
      refusedBusy++;
      const seconds = retryAfterSeconds();
      throw busy(`Every solver thread is busy and ${maxQueue} job(s) are waiting; try again in about ${seconds} s.`, seconds);
    }
    admitted++;
    const stopFlag = new Int32Array(new SharedArrayBuffer(4));
    const stop = () => Atomics.store(stopFlag, 0, 1);
    const abort = new AbortController();
    const { port1, port2 } = new MessageChannel();
    let started = false;
    let startedAt = 0;
    let timedOut = false;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    let cancelReject: ((e: unknown) => void) | null = null;

    const finish = () => {
      if (settled) return;
      settled = true;
      admitted--;
      if (started) running--;
      for (const t of timers) clearTimeout(t);
      port1.close();
      jobOptions.signal?.removeEventListener('abort', onClientGone);
    };
    const terminateAfterGrace = () => {
      timers.push(setTimeout(() => abort.abort(new Error('job did not stop in time')), cancelGraceMs).unref());
    };
    function onClientGone() {
      if (settled) return;
      cancelled++;
      if (!started) abort.abort(new Error('client went away'));
      else {
        stop();
        terminateAfterGrace();
      }
      cancelReject?.(cancelledError());
    }

    port1.on('message', (event: WorkerEvent) => {
      if (event.type === 'started') {
        started = true;
        startedAt = Date.now();
        running++;
        timers.push(
          setTimeout(() => {
            timedOut = true;
            stop();
            terminateAfterGrace();
          }, jobTimeLimitMs).unref(),
        );
      } else if (event.type === 'progress') jobOptions.onProgress?.(event.progress as SearchProgress);
    });
    jobOptions.signal?.addEventListener('abort', onClientGone, { once: true });

    const snapshot = snapshotWorld(world);
    const task: WorkerTask = { kind, args, world: { version: snapshot.version, bytes: snapshot.bytes }, stop: stopFlag, port: port2 };
    const run = pool.run(task, { transferList: [port2], signal: abort.signal }) as Promise<WorkerReply>;
    const outcome = run.then(
      (reply) => {
        if (started) {
          recentMs.push(Date.now() - startedAt);
          if (recentMs.length > 20) recentMs.shift();
        }
        completed++;
        finish();
        if (reply.ok) return reply.value as JobResults[K];
        throw new AppError(reply.error.code, reply.error.message, reply.error.details);
      },
      (err: unknown) => {
        finish();
        if (jobOptions.signal?.aborted) throw cancelledError();
        if (abort.signal.aborted) throw new AppError('unavailable', 'The computation did not end within its time limit and was terminated.');
        throw err;
      },
    );
    const cancelledEarly = new Promise<never>((_, reject) => (cancelReject = reject));
    // Whichever comes first: the job's answer, or the client leaving (then the answer is dropped).
    const result = Promise.race([outcome, cancelledEarly]);
    outcome.catch(() => {});
    cancelledEarly.catch(() => {});
    return { result, stop, timedOut: () => timedOut };
  }

  return {
    recordVersion: (world) => snapshotWorld(world).version,
    start,
    stats: (): SolverStats => ({ threads, maxQueue, running, queued: admitted - running, completed, cancelled, refusedBusy }),
    close: () => pool.destroy(),
  };
}
