/**
 * Translation of PostgreSQL errors (same SQLSTATE codes on PGlite and pg) into AppErrors a person
 * can act on. Only the SQLSTATE class decides the code and the sentence: the server's own text
 * (its message, "Failing row contains (…)" details, constraint and column names) may quote stored
 * data and the schema, so it stays in the log and never reaches a client.
 */
import { AppError, retryLater, type ErrorCode } from '../core/errors.js';

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

/** Integrity-constraint violations (class 23) and data exceptions (class 22: bad text, NUL, out of range). */
export function isDataError(err: unknown): boolean {
  const code = asPgError(err)?.code;
  return code !== undefined && (code.startsWith('23') || code.startsWith('22'));
}

/** SQLSTATE (exact code or class prefix, longest first) → our code and a sentence. */
const BY_SQLSTATE: [prefix: string, code: ErrorCode, message: string][] = [
  ['23505', 'conflict', 'This would store something that already exists (the same id or label).'],
  ['23503', 'invalid_input', 'This refers to something that does not exist, or removes something still referred to.'],
  ['23502', 'invalid_input', 'A required value is missing.'],
  ['23514', 'invalid_input', 'A value lies outside what the record allows (for example an empty label).'],
  ['23', 'invalid_input', 'The data breaks a rule of the record.'],
  ['22021', 'invalid_input', 'A text contains a NUL character or is not valid UTF-8; remove it.'],
  ['22P05', 'invalid_input', 'A text contains a character that cannot be stored (such as NUL); remove it.'],
  ['22003', 'invalid_input', 'A number is out of the range that can be stored.'],
  ['22', 'invalid_input', 'A value is malformed or out of range.'],
  ['40', 'conflict', 'The write clashed with another made at the same time; send it again.'],
  ['08', 'unavailable', 'The database cannot be reached; try again shortly.'],
  ['57P', 'unavailable', 'The database is restarting or shutting down; try again shortly.'],
  ['53', 'unavailable', 'The database is out of resources; try again shortly.'],
];

/** The AppError for a PostgreSQL error, or null when `err` is not one. `what` starts the sentence. */
export function toAppError(err: unknown, what?: string): AppError | null {
  if (err instanceof AppError) return err;
  const pgErr = asPgError(err);
  if (!pgErr) return null;
  const hit = BY_SQLSTATE.find(([prefix]) => pgErr.code.startsWith(prefix));
  if (!hit) return new AppError('internal', 'A database operation failed.');
  const [, code, sentence] = hit;
  const message = what ? `${what} was rejected: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}` : sentence;
  return code === 'unavailable' ? retryLater(code, message, 5) : new AppError(code, message);
}

/** Wraps a constraint violation as invalid_input (with the file, for imports); anything else is rethrown unchanged. */
export function rethrowAsInvalidInput(err: unknown, what: string, file?: string): never {
  if (isDataError(err)) {
    const translated = toAppError(err, what)!;
    // An import names the value at fault (it came from the importer's own file), never the
    // server's text around it.
    const value = offendingValue(err);
    const message = value === null ? translated.message : `${translated.message} The value at fault: '${value}'.`;
    throw new AppError('invalid_input', message, [{ ...(file ? { file } : {}), message, ...(value === null ? {} : { values: [value] }) }]);
  }
  throw err;
}

/** The key value a constraint violation names ("Key (org_id)=(X) …" → X), printable and short, or null. */
function offendingValue(err: unknown): string | null {
  const detail = asPgError(err)?.detail;
  const value = typeof detail === 'string' ? /\)=\((.{1,100}?)\)/.exec(detail)?.[1] : undefined;
  if (value === undefined) return null;
  return value.replace(/[\u0000-\u001f\u007f]/g, '');
}
