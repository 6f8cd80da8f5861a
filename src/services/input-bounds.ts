/**
 * The bounds on every input the service accepts (HTTP query, path and body, and the proposal
 * instance of the CLI), as zod building blocks. Each bound is published: zod carries it into the
 * OpenAPI document (maxLength, maxItems, minimum, maximum, pattern) and README.md lists it. A
 * violation is a 400 naming the field and the bound, because every message here says the bound.
 *
 * Why bounds at all: an unbounded count (mentor capacity 1e9) made the solver allocate until the
 * process died; a finite but huge weight (1e308) overflowed the objective to −Infinity; a NUL byte
 * reached PostgreSQL, which refuses it in text. Input is refused at the edge instead.
 */
import { z } from 'zod';

export const BOUNDS = {
  /** Applicants in one proposal instance: every organisation of the record fits (≈ 330 today). */
  applicants: 400,
  /** Mentors listed in one instance. */
  mentors: 400,
  /** Groups one mentor may take; also at most the number of applicants of the instance. */
  capacity: 400,
  /** Focus areas per applicant or mentor; roles in a delegation. */
  focusAreas: 30,
  delegation: 12,
  /** Pinned, forbidden and allowed-kind pairs. */
  pairs: 2_000,
  /** Each weight lies in [0, weight]; each penalty in [0, penalty]. */
  weight: 100,
  penalty: 1_000,
  /** Seeds are 32-bit signed integers (the core's PRNG state). */
  seedMin: -2_147_483_648,
  seedMax: 2_147_483_647,
  /** String lengths. */
  id: 64,
  label: 100,
  shortText: 200,
  note: 2_000,
  /** Paging. */
  pageLimit: 500,
  pageOffset: 1_000_000,
} as const;

/**
 * No C0 or C1 control characters (NUL included), which no input field needs; as patterns so
 * OpenAPI publishes them. Free text may keep tab, line feed and carriage return.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const NO_CONTROL = /^[^\u0000-\u001f\u007f-\u009f]*$/;
const NO_CONTROL_EXCEPT_LINES = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/;

export const hasControlCharacters = (s: string): boolean => CONTROL.test(s);

/** The string with each control character replaced by "?" and cut to max characters, for logs and messages. */
export const printable = (s: string, max = 200): string => {
  const clean = s.replace(new RegExp(CONTROL.source, 'g'), '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
};

/** A one-line string of 1..max characters without control characters. */
export function text(max: number, min = 1) {
  return z
    .string()
    .min(min, min === 1 ? 'must not be empty' : `must have at least ${min} characters`)
    .max(max, `must be at most ${max} characters long`)
    .regex(NO_CONTROL, 'must not contain control characters (such as NUL, tab or line breaks)');
}

/** Free text: up to max characters, lines allowed, no other control characters. */
export function freeText(max: number) {
  return z
    .string()
    .max(max, `must be at most ${max} characters long`)
    .regex(NO_CONTROL_EXCEPT_LINES, 'must not contain control characters (such as NUL)');
}

/** An integer in [min, max]. */
export function integer(min: number, max: number) {
  return z
    .number()
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
}

/** A finite number in [min, max]. */
export function bounded(min: number, max: number) {
  return z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
}

/** An integer in [min, max] from a query string ("12"); empty, fractional or non-numeric text is refused. */
export function queryInteger(min: number, max: number) {
  return z.coerce
    .number('must be a whole number')
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
}

/** A list of at most max items. */
export function list<T extends z.ZodType>(item: T, max: number) {
  return z.array(item).max(max, `must have at most ${max} items`);
}
