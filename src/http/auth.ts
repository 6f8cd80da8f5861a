/**
 * Bearer-token check for writes. The token is compared in constant time (on SHA-256 digests, so
 * the lengths need not match). No token → 401, a wrong one → 403. Runs as an onRequest hook, before
 * the body is validated, so an unauthenticated caller learns nothing about the input format.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.js';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export function createTokenGuard(token: string) {
  const expected = digest(token);
  return async function requireToken(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    if (!header) throw new AppError('unauthorized', 'This write needs an Authorization: Bearer <token> header.');
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!match) throw new AppError('unauthorized', 'The Authorization header must be of the form "Bearer <token>".');
    if (!timingSafeEqual(digest(match[1]!), expected)) throw new AppError('forbidden', 'The bearer token is not valid.');
  };
}
