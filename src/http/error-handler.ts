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
  unprocessable: 422,
  unknown_ids: 422,
  infeasible: 422,
  unavailable: 503,
  internal: 500,
};

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

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      const status = STATUS_BY_CODE[error.code];
      if (status >= 500) request.log.error({ err: error }, 'service error');
      const body: ErrorBody = { code: error.code, message: status >= 500 ? 'The service could not complete the request.' : error.message };
      if (error.details.length > 0 && status < 500) body.details = error.details;
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
