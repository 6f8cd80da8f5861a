/**
 * The one place that maps error codes to HTTP statuses and shapes every error body:
 * `{ code, message, details? }`. 5xx bodies never carry the internal message, a stack, SQL or a
 * path; they are logged instead.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type ErrorDetail } from '../core/errors.js';

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unknown_ids: 422,
  infeasible: 422,
  unavailable: 503,
  busy: 503,
  internal: 500,
};

/** Retry-After of a 503: long enough for a database connection to be re-established. */
export const RETRY_AFTER_SECONDS = 5;

export interface ErrorBody {
  code: string;
  message: string;
  details?: ErrorDetail[];
}

const PART_NAMES: Record<string, string> = { querystring: 'query parameter', body: 'body field', params: 'path parameter', headers: 'header' };

function describeValidation(err: FastifyError): ErrorBody {
  const part = err.validationContext ?? 'body';
  const details: ErrorDetail[] = (err.validation ?? []).map((v) => {
    const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    return { field: field || part, message: v.message ?? 'invalid' };
  });
  const first = details[0];
  const noun = PART_NAMES[part] ?? part;
  const message = first
    ? `Invalid ${noun} '${first.field}': ${first.message}${details.length > 1 ? ` (and ${details.length - 1} more)` : ''}`
    : `Invalid ${noun}.`;
  return { code: 'invalid_input', message, details };
}

function retryAfterOf(error: AppError): number {
  const seconds = error.details.find((d) => d.field === 'retryAfter')?.values?.[0];
  return typeof seconds === 'number' && Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : 5;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      const status = STATUS_BY_CODE[error.code];
      // `busy` and `unavailable` are expected (load, a database outage): their messages say when to
      // retry and carry no internals; both are 503 with Retry-After.
      const expose = status < 500 || error.code === 'busy' || error.code === 'unavailable';
      if (!expose) request.log.error({ err: error }, 'service error');
      if (error.code === 'busy') reply.header('retry-after', String(retryAfterOf(error)));
      else if (status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      const body: ErrorBody = { code: error.code, message: expose ? error.message : 'The service could not complete the request.' };
      if (error.details.length > 0 && expose) body.details = error.details;
      return reply.status(status).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.status(400).send(describeValidation(error));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send({ code: 'payload_too_large', message: 'The request body is too large.' });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send({ code: 'unsupported_media_type', message: 'Send the body as application/json.' });
    }
    if (error.statusCode === 429) {
      return reply.status(429).send({ code: 'rate_limited', message: 'Too many requests; try again shortly.' });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors (bad JSON, empty body): their messages name no internals.
      return reply.status(error.statusCode).send({ code: 'invalid_input', message: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ code: 'internal', message: 'The service could not complete the request.' });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.` });
  });
}
