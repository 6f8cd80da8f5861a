/**
 * HTTP side of the solve pool: an AbortSignal that fires when a client goes away before its answer
 * (so its job is cancelled), and the NDJSON stream of a proposal's search: one JSON object per line,
 * `{type:'run', runId, stop}`, then `{type:'progress', best, bound, gap, nodes, elapsedMs}` while it
 * runs, then `{type:'result', proposal}` or `{type:'error', code, message, details?}`.
 */
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.js';
import type { InstanceInput } from '../core/matching/instance.js';
import type { ProposalService } from '../services/proposals.js';
import { STATUS_BY_CODE } from './error-handler.js';

export const NDJSON = 'application/x-ndjson';

/** Fires when the response is closed before it was fully sent (the client went away). */
export function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

export const wantsNdjson = (request: FastifyRequest): boolean => (request.headers.accept ?? '').split(',').some((t) => t.trim().startsWith(NDJSON));

/** The error line of a stream: the same shape and the same hiding of internals as the error handler. */
function errorLine(err: unknown): { type: 'error'; code: string; message: string; details?: unknown } {
  if (err instanceof AppError) {
    const expose = STATUS_BY_CODE[err.code] < 500 || err.code === 'busy';
    return { type: 'error', code: err.code, message: expose ? err.message : 'The service could not complete the request.', ...(expose && err.details.length ? { details: err.details } : {}) };
  }
  return { type: 'error', code: 'internal', message: 'The service could not complete the request.' };
}

/**
 * Starts the search (a full queue throws `busy` before any line is sent, so the client gets a 503)
 * and answers 200 with the stream.
 */
export async function streamProposal(service: ProposalService, input: InstanceInput, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const out = new PassThrough();
  const write = (line: object) => {
    if (!out.writableEnded) out.write(`${JSON.stringify(line)}\n`);
  };
  const { runId, done } = await service.begin(input, {
    signal: clientGone(reply),
    onProgress: (p) => write({ type: 'progress', ...p }),
  });
  write({ type: 'run', runId, stop: `/api/proposal-runs/${runId}/stop` });
  done
    .then((proposal) => write({ type: 'result', proposal }))
    .catch((err: unknown) => {
      if (!(err instanceof AppError) || STATUS_BY_CODE[err.code] >= 500) request.log.warn({ err }, 'proposal stream ended with an error');
      write(errorLine(err));
    })
    .finally(() => out.end());
  return reply.status(200).header('content-type', `${NDJSON}; charset=utf-8`).header('cache-control', 'no-store').header('x-accel-buffering', 'no').send(out);
}
