/**
 * The one place that maps error codes to HTTP statuses and shapes every error body:
 * `{ code, message, details? }`. That holds for Fastify's own refusals too (bad URL, unknown
 * route, body too large, wrong media type, JSON syntax, header overflow): each gets a stable code
 * and a sentence of ours, never the library's text. 5xx bodies never carry the internal message, a
 * stack, SQL or a path; the detail is logged with the request id instead.
 */
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type ErrorDetail } from '../core/errors.js';
import { printable } from '../services/input-bounds.js';

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  unknown_ids: 422,
  infeasible: 422,
  rate_limited: 429,
  unavailable: 503,
  busy: 503,
  internal: 500,
};

export interface ErrorBody {
  code: string;
  message: string;
  details?: ErrorDetail[];
}

/** Turns an error from below the HTTP layer (e.g. a database error) into an AppError, or null. */
export type FailureTranslator = (err: unknown) => AppError | null;

const INTERNAL_MESSAGE = 'The service could not complete the request. It has been logged; try again, and report it if it persists.';

const PART_NAMES: Record<string, string> = { querystring: 'query parameter', body: 'body field', params: 'path parameter', headers: 'header' };

function describeValidation(err: FastifyError): ErrorBody {
  const part = err.validationContext ?? 'body';
  const details: ErrorDetail[] = (err.validation ?? []).map((v) => {
    const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    return { field: field || part, message: v.message ?? 'is not valid' };
  });
  const first = details[0];
  const noun = PART_NAMES[part] ?? part;
  const message = first
    ? `Invalid ${noun} '${first.field}': ${first.message}${details.length > 1 ? ` (and ${details.length - 1} more)` : ''}.`
    : `Invalid ${noun}.`;
  return { code: 'invalid_input', message, details };
}

/** Fastify's own errors, by its error code: our code, status and sentence. */
const FASTIFY_ERRORS: Record<string, [status: number, code: string, message: string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large', 'The request body is too large; send at most 1 MB.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'Send the body as application/json.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_input', 'The Content-Length header does not match the body.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_input', 'The body is empty; send a JSON object, or no Content-Type header.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_input', 'The body is not valid JSON.'],
  FST_ERR_BAD_URL: [400, 'invalid_input', 'The address is not a valid URL: every % must start a %XX escape of UTF-8.'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'uri_too_long', 'A part of the address is too long; ids have at most 100 characters.'],
  FST_ERR_ASYNC_CONSTRAINT: [400, 'invalid_input', 'The request could not be routed.'],
};

/** Other 4xx statuses Fastify or a plugin may give, with a code and a sentence of ours. */
const CLIENT_STATUS: Record<number, [code: string, message: string]> = {
  400: ['invalid_input', 'The request could not be understood; check its address, headers and body.'],
  401: ['unauthorized', 'This request needs an Authorization: Bearer <token> header.'],
  403: ['forbidden', 'This request is not allowed.'],
  404: ['not_found', 'Nothing exists at this address.'],
  405: ['method_not_allowed', 'This method is not allowed at this address.'],
  406: ['not_acceptable', 'The service answers in JSON (or CSV for exports); accept one of them.'],
  408: ['timeout', 'The request took too long to arrive.'],
  411: ['invalid_input', 'Send a Content-Length header with the body.'],
  413: ['payload_too_large', 'The request body is too large; send at most 1 MB.'],
  414: ['uri_too_long', 'The address is too long.'],
  415: ['unsupported_media_type', 'Send the body as application/json.'],
  429: ['rate_limited', 'Too many requests; wait a moment and try again.'],
  431: ['headers_too_large', 'The request headers are too large.'],
};

function sendAppError(error: AppError, request: FastifyRequest, reply: FastifyReply) {
  const status = STATUS_BY_CODE[error.code] ?? 500;
  if (status >= 500) request.log.error({ err: error }, 'service error');
  if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
  // 5xx messages of ours are sentences too, but an internal failure's message is not shown.
  const body: ErrorBody = { code: error.code, message: error.code === 'internal' ? INTERNAL_MESSAGE : error.message };
  if (error.details.length > 0 && status < 500) body.details = error.details;
  return reply.status(status).send(body);
}

/** The printable, bounded form of a path for a message (no control characters, at most 100 characters). */
export const quotePath = (url: string): string => printable(url.split('?')[0] ?? '', 100);

export function installErrorHandler(app: FastifyInstance, translate: FailureTranslator = () => null): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendAppError(error, request, reply);
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.status(400).send(describeValidation(error));
    }
    const known = error.code ? FASTIFY_ERRORS[error.code] : undefined;
    if (known) {
      const [status, code, message] = known;
      return reply.status(status).send({ code, message });
    }
    const translated = translate(error);
    if (translated) {
      // The database's own text stays in the log, tied to the request id.
      request.log.warn({ err: error }, `request failed: ${translated.code}`);
      return sendAppError(translated, request, reply);
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    const client = CLIENT_STATUS[status];
    if (status >= 400 && status < 500) {
      const [code, message] = client ?? ['invalid_input', 'The request could not be understood.'];
      return reply.status(status).send({ code, message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ code: 'internal', message: INTERNAL_MESSAGE });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ code: 'not_found', message: `No route ${request.method} ${quotePath(request.url)}; see /openapi.json for the routes.` });
  });
}

/**
 * Fastify's frameworkErrors option: errors raised before a route is found (a malformed
 * percent-escape in the URL, an over-long path parameter) go through the one error handler's
 * shapes instead of Fastify's own body.
 */
export function handleFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const [status, code, message] = (error.code ? FASTIFY_ERRORS[error.code] : undefined) ?? [400, 'invalid_input', 'The request could not be understood.'];
  void reply.status(status).send({ code, message });
}

/**
 * Errors the HTTP parser reports before Fastify sees a request (431 headers too large, 408,
 * malformed HTTP): written straight to the socket, in the same shape.
 */
export function handleClientError(err: NodeJS.ErrnoException & { rawPacket?: unknown }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers_too_large', 'The request headers (or the address) are too large; keep them under 16 KB.']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'timeout', 'The request took too long to arrive.']
        : err.code === 'HPE_URI_TOO_LONG'
          ? [414, 'uri_too_long', 'The address is too long.']
          : [400, 'invalid_input', 'The request is not well-formed HTTP.'];
  const body = JSON.stringify({ code, message });
  if (socket.writable) {
    const reason = { 400: 'Bad Request', 408: 'Request Timeout', 414: 'URI Too Long', 431: 'Request Header Fields Too Large' }[status];
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
