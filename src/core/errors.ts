/**
 * The one error type below the HTTP layer. Every failure a user can act on carries a stable
 * `code` (mapped to an HTTP status in exactly one place, src/http/error-handler.ts), a message a
 * person can act on, and optional structured `details` (the field, line, ids or rules at fault).
 */
export type ErrorCode =
  | 'not_found' // an id that does not exist
  | 'invalid_input' // malformed input: names the field (and line, for files)
  | 'unknown_ids' // well-formed input naming organisations that do not exist
  | 'infeasible' // the rules of a proposal instance contradict each other
  | 'conflict' // the write clashes with stored state (e.g. a round already accepted)
  | 'unprocessable' // well-formed, but needs a change or an explicit acknowledgement (an empty proposal, unplaced applicants)
  | 'unauthorized' // no bearer token
  | 'forbidden' // a wrong bearer token
  | 'rate_limited' // too many requests (or failed sign-ins) from one client; retry after a while
  | 'unavailable' // a dependency (the database) is not ready
  | 'busy' // every solver thread is busy and the queue is full: retry later (Retry-After)
  | 'internal';

export interface ErrorDetail {
  /** Path of the offending field, e.g. "rules.groupSize" or "applicants[3].id". */
  field?: string;
  /** 1-based line in an input file. */
  line?: number;
  file?: string;
  message: string;
  values?: unknown[];
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  /** Seconds after which the request may succeed (sent as Retry-After), for rate limits and outages. */
  retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

/** `busy`: the solve queue is full; the HTTP layer sends the seconds as Retry-After. */
export const busy = (message: string, retryAfterSeconds: number): AppError => retryLater('busy', message, retryAfterSeconds);

export const notFound = (what: string, id: string): AppError =>
  new AppError('not_found', `No ${what} with id '${id}'.`, [{ field: 'id', message: `unknown ${what}`, values: [id] }]);

export const invalidInput = (message: string, details: ErrorDetail[] = []): AppError =>
  new AppError('invalid_input', message, details);

/** An AppError that tells the client when to try again (the HTTP layer sends Retry-After). */
export function retryLater(code: ErrorCode, message: string, seconds: number): AppError {
  const err = new AppError(code, message);
  err.retryAfterSeconds = Math.max(1, Math.ceil(seconds));
  return err;
}
