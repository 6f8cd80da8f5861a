/**
 * The page's Swedish for API errors (src/web/js/i18n/errors-sv.js): every error code the server
 * can send (read from the error handler and the core's ErrorCode type, so a new code fails here
 * until it has its sentence) and a network failure get Swedish text, and the API's English message
 * never reaches the page. Invalid input names the field with the page's label and says what is
 * wrong in Swedish, checked against the messages the real zod produces.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

const root = path.resolve(import.meta.dirname, '../../..');

interface Described {
  message: string;
  details: string[];
}
let describeErrorSv: (err: unknown) => Described;
let ERROR_SV: Record<string, string>;
let fieldLabelSv: (p: string) => string;

/** Error codes the server can answer with: the core's ErrorCode union and every code the HTTP layer writes. */
function serverCodes(): string[] {
  const core = readFileSync(path.join(root, 'src/core/errors.ts'), 'utf8');
  const union = /export type ErrorCode =([^;]+);/.exec(core)![1]!;
  const fromCore = [...union.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
  const http = ['src/http/error-handler.ts', 'src/http/app.ts', 'src/http/auth.ts']
    .map((f) => { try { return readFileSync(path.join(root, f), 'utf8'); } catch { return ''; } })
    .join('\n');
  const fromHttp = [...http.matchAll(/code: '([a-z_]+)'/g)].map((m) => m[1]!);
  return [...new Set([...fromCore, ...fromHttp])];
}

/** English words an API message is made of; none may survive on the page ("token" is the Swedish word too). */
const ENGLISH = /\b(the|request|invalid|field|expected|too|small|must|not|found|already|exists|header|service|database|round|proposal)\b/i;

beforeAll(async () => {
  const mod = (await import(pathToFileURL(path.join(root, 'src/web/js/i18n/errors-sv.js')).href)) as {
    describeErrorSv: typeof describeErrorSv;
    ERROR_SV: typeof ERROR_SV;
    fieldLabelSv: typeof fieldLabelSv;
  };
  ({ describeErrorSv, ERROR_SV, fieldLabelSv } = mod);
});

describe('every error code has Swedish words', () => {
  it('covers the codes of the server, busy (worker pool) and a network failure', () => {
    const codes = [...serverCodes(), 'busy', 'network', 'rate_limited', 'payload_too_large', 'unsupported_media_type'];
    expect(codes).toContain('invalid_input');
    expect(codes).toContain('internal');
    for (const code of codes) expect(ERROR_SV[code], code).toMatch(/\p{L}/u);
  });

  it('never shows an English message the page does not know', () => {
    const codes = Object.keys(ERROR_SV);
    for (const code of codes) {
      const english = `Round 'mk-2030' already exists for the request (${code}).`;
      const out = describeErrorSv({ name: 'ApiError', code, status: 400, message: english, details: [] });
      expect(out.message, code).not.toContain(english);
      expect(out.message, code).not.toMatch(ENGLISH);
      for (const d of out.details) expect(d, code).not.toMatch(ENGLISH);
    }
  });

  it('translates the messages it knows (a missing organisation, a refused token)', () => {
    expect(describeErrorSv({ code: 'not_found', status: 404, message: "No organisation with id 'no-such-org'." }).message).toBe('Ingen organisation har id no-such-org.');
    const unauth = describeErrorSv({ code: 'unauthorized', status: 401, message: 'This write needs an Authorization: Bearer <token> header.' }).message;
    expect(unauth).toContain('Token');
    expect(unauth).not.toMatch(ENGLISH);
  });

  it('speaks of the network when the server cannot be reached, and of the page for its own faults', () => {
    expect(describeErrorSv({ code: 'network', status: 0, message: 'Failed to fetch' }).message).toBe(ERROR_SV.network);
    expect(describeErrorSv(new TypeError("Cannot read properties of undefined (reading 'x')")).message).not.toMatch(/Cannot|undefined/);
    expect(describeErrorSv({ code: 'http_error', status: 502, message: 'Bad Gateway' }).message).toContain('502');
  });
});

describe('invalid input names the field and the fault in Swedish', () => {
  const zodMessage = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error!.issues[0]!.message;

  it('capacity too small (the reported "Invalid body field \'capacity\': Too small…")', () => {
    const detail = { field: 'capacity', message: zodMessage(z.number().int().min(1), 0) };
    const out = describeErrorSv({ code: 'invalid_input', status: 400, message: `Invalid body field 'capacity': ${detail.message}`, details: [detail] });
    expect(out.message).toContain('Grupper per mentor');
    expect(out.details.join(' ')).toContain('minst 1');
    expect(`${out.message} ${out.details.join(' ')}`).not.toMatch(ENGLISH);
  });

  it('translates the real validator messages for numbers, strings, lists, options and types', () => {
    const cases: [z.ZodType, unknown, RegExp][] = [
      [z.number().max(10), 11, /högst 10/],
      [z.string().min(1), '', /tom/],
      [z.string().max(64), 'x'.repeat(65), /högst 64 tecken/],
      [z.array(z.string()).min(1), [], /minst 1/],
      [z.array(z.string()).max(2), ['a', 'b', 'c'], /högst 2/],
      [z.enum(['any', 'same']), 'x', /any, same/],
      [z.number(), 'x', /ska vara ett tal/],
      [z.object({ a: z.string() }), {}, /saknas/],
    ];
    for (const [schema, value, expected] of cases) {
      const message = zodMessage(schema, value);
      const out = describeErrorSv({ code: 'invalid_input', status: 400, message: `Invalid body field 'x': ${message}`, details: [{ field: 'rules.county', message }] });
      expect(out.details[0], message).toMatch(expected);
      expect(out.details[0], message).not.toMatch(ENGLISH);
    }
  });

  it('labels field paths as the page does', () => {
    expect(fieldLabelSv('mentors.1.capacity')).toBe('Kapacitet för mentor nr 2');
    expect(fieldLabelSv('applicants[0].id')).toBe('Id för sökande nr 1');
    expect(fieldLabelSv('weights.geography')).toBe('Vikt för geografi');
    expect(fieldLabelSv('rules.groupSize.0')).toBe('Minsta gruppstorlek');
    expect(fieldLabelSv('round')).toBe('Omgångens beteckning');
  });
});
