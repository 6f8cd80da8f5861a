/**
 * Translation of PostgreSQL errors (same SQLSTATE codes on PGlite and pg) into AppErrors a
 * person can act on: constraint names and details, never SQL text.
 */
import { AppError } from '../core/errors.js';

export interface PgErrorLike {
  code: string;
  message: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

export function asPgError(err: unknown): PgErrorLike | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as Record<string, unknown>;
  if (typeof e.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code)) return null;
  return err as PgErrorLike;
}

export const isUniqueViolation = (err: unknown): boolean => asPgError(err)?.code === '23505';

/** Integrity-constraint violations (class 23) and invalid text representations (22P02). */
export function isDataError(err: unknown): boolean {
  const code = asPgError(err)?.code;
  return code !== undefined && (code.startsWith('23') || code === '22P02' || code === '22003');
}

/** Wraps a constraint violation as invalid_input; anything else is rethrown unchanged. */
export function rethrowAsInvalidInput(err: unknown, what: string, file?: string): never {
  const pgErr = asPgError(err);
  if (pgErr && isDataError(err)) {
    const detail = pgErr.detail ?? pgErr.message;
    throw new AppError('invalid_input', `${what} was rejected by the database: ${detail}`, [
      {
        ...(file ? { file } : {}),
        ...(pgErr.column ? { field: pgErr.column } : pgErr.constraint ? { field: pgErr.constraint } : {}),
        message: detail,
      },
    ]);
  }
  throw err;
}
