/**
 * Recognises "the database cannot be reached" (refused or dropped connections, a server shutting
 * down or refusing new sessions, a connect timeout) and turns it into AppError('unavailable'),
 * which the HTTP layer answers with 503 and Retry-After. Everything else passes through
 * unchanged, so SQLSTATE handling elsewhere (db-errors.ts) still sees the original error.
 */
import { AppError } from '../core/errors.js';

const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** SQLSTATE: class 08 (connection exception), shutdowns, "cannot connect now", too many connections. */
const isUnreachableSqlState = (code: string): boolean =>
  code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';

// pg reports some losses only in its message (no code).
const PG_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Connection ended',
  // The pool or the Kysely handle was closed (shutting down): as unavailable as an unreachable server.
  'Cannot use a pool after calling end on the pool',
  'driver has already been destroyed',
];

export function isConnectionError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  if (err instanceof AppError) return err.code === 'unavailable';
  const e = err as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (SOCKET_CODES.has(e.code) || (/^[0-9A-Z]{5}$/.test(e.code) && isUnreachableSqlState(e.code)))) return true;
  // Node reports a refused dual-stack connect as an AggregateError of per-address errors.
  if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every(isConnectionError)) return true;
  return typeof e.message === 'string' && PG_MESSAGES.some((m) => (e.message as string).includes(m));
}

export const databaseUnavailable = (): AppError =>
  new AppError('unavailable', 'The database cannot be reached at the moment; try again shortly.');

/** Rethrows a connection failure as AppError('unavailable'); any other error unchanged. */
export function rethrowUnreachable(err: unknown): never {
  if (err instanceof AppError) throw err;
  if (isConnectionError(err)) throw Object.assign(databaseUnavailable(), { cause: err });
  throw err;
}
