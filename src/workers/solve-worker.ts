/**
 * The worker thread's side of the solve pool: runs one job (services/solve-jobs.ts) on the World
 * it receives as shared bytes (parsed once per record version and kept), posts progress on the
 * job's port, and polls the job's stop flag (a shared Int32Array the main thread sets with
 * Atomics) from inside the search. Failures the user can act on travel back as plain
 * `{ code, message, details }`; anything else is thrown and reaches the main thread as an error.
 */
import type { MessagePort } from 'node:worker_threads';
import { AppError } from '../core/errors.js';
import type { World } from '../core/model.js';
import { isJobKind, runJob, type JobKind } from '../services/solve-jobs.js';
import { readSnapshot } from '../services/world-snapshot.js';

export interface WorkerTask {
  kind: JobKind;
  args: unknown;
  world: { version: string; bytes: Uint8Array };
  /** stop[0] !== 0: stop the search and return the best so far. */
  stop: Int32Array;
  port: MessagePort;
}

export type WorkerReply = { ok: true; value: unknown } | { ok: false; error: { code: AppError['code']; message: string; details: AppError['details'] } };

export type WorkerEvent = { type: 'started' } | { type: 'progress'; progress: unknown };

let cached: { version: string; world: World } | null = null;

function worldOf(snapshot: WorkerTask['world']): World {
  if (cached?.version !== snapshot.version) cached = { version: snapshot.version, world: readSnapshot(snapshot.bytes) };
  return cached.world;
}

export default async function solveTask(task: WorkerTask): Promise<WorkerReply> {
  const { port, stop } = task;
  try {
    if (!isJobKind(task.kind)) throw new Error(`unknown job kind ${String(task.kind)}`);
    const world = worldOf(task.world);
    port.postMessage({ type: 'started' } satisfies WorkerEvent);
    const value = await runJob(task.kind, world, task.args as never, {
      onProgress: (progress) => port.postMessage({ type: 'progress', progress } satisfies WorkerEvent),
      shouldStop: () => Atomics.load(stop, 0) !== 0,
    });
    return { ok: true, value };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message, details: err.details } };
    throw err;
  } finally {
    port.close();
  }
}
