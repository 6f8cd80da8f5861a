/**
 * Bearer-token check, as an onRequest hook (before the body is read or validated, so an
 * unauthenticated caller learns nothing about the input format).
 *
 * Strict on purpose: exactly one Authorization header, of exactly the form `Bearer <token>` (the
 * scheme spelled so, one space, token characters of RFC 6750 and nothing after). Anything else is
 * a 401; a well-formed but unknown or revoked token is a 403. Each failure counts against the
 * client in the throttle; a client over the limit gets 429 `rate_limited` with Retry-After.
 *
 * Writes (every method but GET/HEAD) are recorded in the audit log when the response is sent:
 * the actor (token name), route, target and outcome, refusals included.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, retryLater } from '../core/errors.js';
import { NOBODY, outcomeOf, type AuditService } from '../services/audit.js';
import { printable } from '../services/input-bounds.js';
import type { Actor, TokenService } from '../services/tokens.js';
import type { AuthThrottle } from './auth-throttle.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the token guard: who made this request. */
    actor: Actor | null;
    /** Set by the token guard on writes: record this request in the audit log. */
    audited: boolean;
  }
}

const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/;

/** How many Authorization headers the client sent (Node keeps only the first in `headers`). */
function countAuthorizationHeaders(request: FastifyRequest): number {
  const raw = request.raw.rawHeaders;
  let n = 0;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === 'authorization') n++;
  return n;
}

export function createTokenGuard(tokens: Pick<TokenService, 'verify'>, throttle: AuthThrottle) {
  return async function requireToken(request: FastifyRequest): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') request.audited = true;
    const client = request.ip;
    const wait = throttle.blockedFor(client);
    if (wait > 0) {
      request.audited = false; // a throttled flood is not written to the log row by row
      throw retryLater('rate_limited', `Too many failed sign-ins from this client; try again in ${wait} seconds.`, wait);
    }
    const fail = (err: AppError): never => {
      throttle.recordFailure(client);
      throw err;
    };
    const count = countAuthorizationHeaders(request);
    if (count === 0) fail(new AppError('unauthorized', 'This request needs an Authorization: Bearer <token> header.'));
    if (count > 1) fail(new AppError('unauthorized', 'Send exactly one Authorization header.'));
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match) {
      fail(new AppError('unauthorized', 'The Authorization header must be "Bearer", one space and the token, with nothing else.'));
    }
    const actor = await tokens.verify(match![1]!);
    if (!actor) fail(new AppError('forbidden', 'The bearer token is not valid (unknown, revoked or mistyped).'));
    request.actor = actor;
  };
}


/** Targets of a write: the path's id, or the id of what it created (its Location). */
function targetOf(request: FastifyRequest, reply: FastifyReply): string | null {
  const params = request.params as Record<string, unknown> | undefined;
  if (params && typeof params.id === 'string') return printable(params.id);
  const location = reply.getHeader('location');
  if (typeof location === 'string') return printable(location.split('/').pop() ?? '');
  return null;
}

/** Records audited requests after their response is sent; a failing log write is logged, not shown. */
export function installAuditHook(app: FastifyInstance, audit: Pick<AuditService, 'record'>): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('audited', false);
  // Written before the answer leaves (onSend, status and Location known), so a client that has its
  // answer also finds the entry; a failure to write is logged, never turned into a failed write.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.audited) return payload;
    request.audited = false; // an error answer sent after this one is not recorded twice
    try {
      await audit.record({
        actor: request.actor?.name ?? NOBODY,
        tokenId: request.actor?.tokenId ?? null,
        method: request.method,
        route: printable(request.routeOptions.url ?? request.url.split('?')[0]!),
        target: targetOf(request, reply),
        status: reply.statusCode,
        outcome: outcomeOf(reply.statusCode),
        requestId: String(request.id),
      });
    } catch (err) {
      request.log.error({ err }, 'could not write the audit log entry');
    }
    return payload;
  });
}
