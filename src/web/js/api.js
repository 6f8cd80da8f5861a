// Talks to the JSON API. Every failure becomes an ApiError carrying the API's stable `code`,
// `details` and (English) `message`; pages show it through errorBox, which speaks Swedish
// (i18n/errors-sv.js). Writes send the token the user signed in with (the header field).

export class ApiError extends Error {
  constructor(message, status, code, details) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

const TOKEN_KEY = 'modellkommuner.token';

export function getToken() {
  try { return sessionStorage.getItem(TOKEN_KEY) ?? ''; } catch { return ''; }
}
export function setToken(token) {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY);
  } catch { /* private mode: the token lives only until the page is reloaded */ }
  memoryToken = token || '';
  window.dispatchEvent(new CustomEvent('tokenchange'));
}
let memoryToken = '';
/** The signed-in token, or '' when signed out. */
export function currentToken() {
  return getToken() || memoryToken;
}

/** GET (or another method with `body`) a JSON resource. Writes send the signed-in token unless one is given. */
export async function api(path, { method = 'GET', body, token = method === 'GET' ? '' : currentToken() } = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    throw new ApiError('Kunde inte nå servern.', 0, 'network');
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!response.ok) {
    const message = data && typeof data.message === 'string' ? data.message : `Servern svarade ${response.status} ${response.statusText}.`;
    throw new ApiError(message, response.status, data?.code ?? 'http_error', data?.details);
  }
  return data;
}

/** Query string from an object, leaving out empty values. */
export function qs(params) {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}

const cache = new Map();
/** GET with an in-page cache, for reference lists that do not change while the page is open. */
export function cached(path) {
  if (!cache.has(path)) cache.set(path, api(path).catch((err) => { cache.delete(path); throw err; }));
  return cache.get(path);
}
export function forget(prefix) {
  for (const key of [...cache.keys()]) if (key.startsWith(prefix)) cache.delete(key);
}

/**
 * POST a JSON body and read an NDJSON answer (application/x-ndjson): `onLine` gets each JSON line
 * as it arrives. Resolves when the stream ends; a non-2xx answer throws an ApiError as api() does.
 */
export async function streamLines(path, { body, token = currentToken(), onLine }) {
  const headers = { accept: 'application/x-ndjson', 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  } catch (err) {
    throw new ApiError(`Kunde inte nå servern (${err instanceof Error ? err.message : String(err)}).`, 0, 'network');
  }
  if (!response.ok || !response.body) {
    let data = null;
    try { data = await response.json(); } catch { data = null; }
    const message = data && typeof data.message === 'string' ? data.message : `Servern svarade ${response.status} ${response.statusText}.`;
    throw new ApiError(message, response.status, data?.code ?? 'http_error', data?.details);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line) onLine(JSON.parse(line));
    }
  }
}
