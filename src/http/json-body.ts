/**
 * The JSON body parser. Fastify's default refuses a body with a `__proto__` key as "not valid
 * JSON", which misleads; this one says what is wrong. Keys `__proto__` and `constructor` are
 * refused (no field of the API has those names, and they are the usual prototype-pollution
 * vectors), syntax errors name the character position, and nothing of the parser's own text
 * reaches the client.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../core/errors.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function parseJsonBody(text: string): unknown {
  if (text.length === 0) {
    throw new AppError('invalid_input', 'The body is empty; send a JSON object, or no Content-Type header.');
  }
  let forbidden: string | null = null;
  let value: unknown;
  try {
    value = JSON.parse(text, function reviver(key, v) {
      // Called innermost first: the last forbidden key seen is the outermost, the one to name.
      if (FORBIDDEN_KEYS.has(key)) forbidden = key;
      return v;
    });
  } catch (err) {
    const position = /position (\d+)/.exec(err instanceof Error ? err.message : '')?.[1];
    throw new AppError('invalid_input', `The body is not valid JSON${position ? ` (the error is near character ${Number(position) + 1})` : ''}.`, [
      { field: 'body', message: 'not valid JSON' },
    ]);
  }
  if (forbidden !== null) {
    throw new AppError('invalid_input', `The body uses the key "${forbidden}", which no field of this API has; remove it.`, [
      { field: forbidden, message: 'key not allowed' },
    ]);
  }
  return value;
}

export function installJsonBodyParser(app: FastifyInstance): void {
  // Only JSON bodies: anything else (text/plain included) is a 415.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
}
