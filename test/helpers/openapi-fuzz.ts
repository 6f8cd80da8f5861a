/**
 * A seeded fuzzer driven by the app's own /openapi.json: every operation gets its share of the
 * requests, built from its published schemas (path, query, body) by fast-check. Half the requests
 * follow the schemas (ids drawn from the real record, tiny instances so each solve stays cheap);
 * the other half carry hostile values at random places (NUL and control characters, over-long
 * strings and lists, 1e308, fractions for counts, wrong types, malformed escapes and JSON,
 * `__proto__` keys, missing or malformed tokens).
 *
 * Every response is checked: no 5xx (but 503 `busy`/`unavailable` with Retry-After), every ≥ 400
 * body exactly `{code, message, details?}`, and no internal text (stack frames, file paths, SQL,
 * library names) in any body. Used by test/integration/http/fuzz.test.ts and scripts/fuzz.ts.
 */
import fc from 'fast-check';

type Schema = Record<string, any>;

export interface Operation {
  method: string;
  path: string;
  pathParams: { name: string; schema: Schema }[];
  query: { name: string; schema: Schema; required: boolean }[];
  body: Schema | null;
  secured: boolean;
}

export interface InjectResult {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

export interface Injector {
  inject(request: { method: string; url: string; headers: Record<string, string>; payload?: string }): Promise<InjectResult>;
}

/** Values that make sense for a field, by the field's (or path parameter's) name and the route. */
export type Pools = (route: string, name: string) => readonly string[] | null;

export interface FuzzOptions {
  total: number;
  seed: number;
  token: string;
  pools: Pools;
  /** Called with each 2xx answer, e.g. to collect created proposal ids into the pools. */
  onSuccess?: (op: Operation, body: unknown) => void;
}

export interface Finding {
  operation: string;
  request: { method: string; url: string; payload?: string | undefined; headers: Record<string, string> };
  status: number;
  problem: string;
  body: string;
}

export interface FuzzReport {
  requests: number;
  byOperation: Record<string, { requests: number; statuses: Record<number, number>; slowestMs: number }>;
  findings: Finding[];
}

export function listOperations(doc: { paths: Record<string, Record<string, Schema>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? []) as { in: string; name: string; schema: Schema; required?: boolean }[];
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema, required: !!p.required })),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
        secured: Array.isArray(op.security) && op.security.length > 0,
      });
    }
  }
  return ops.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

// ---------------------------------------------------------------------------------------------
// Values

const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\u0007bell',
  'tab\there',
  'line\nbreak',
  '\u009b',
  '',
  ' ',
  '\uD800',
  '../../etc/passwd',
  "'; drop table proposals; --",
  '<script>alert(1)</script>',
  '%00',
  '\u202Eevil',
  'x'.repeat(5000),
];
const HOSTILE_OTHERS: unknown[] = [1e308, -1e308, 1.5, -1, 0, 2 ** 53, 2 ** 31, '1e400', 'NaN', 'Infinity', true, null, [], {}, { a: 1 }, [[[[[]]]]]];

function hostile(schema: Schema): fc.Arbitrary<unknown> {
  const extra: fc.Arbitrary<unknown>[] = [];
  if (typeof schema.maxLength === 'number') extra.push(fc.constant('y'.repeat(schema.maxLength + 1)));
  if (typeof schema.maximum === 'number') extra.push(fc.constant(schema.maximum + 1), fc.constant(schema.maximum * 1e6 + 1));
  if (typeof schema.minimum === 'number') extra.push(fc.constant(schema.minimum - 1));
  if (typeof schema.maxItems === 'number' && schema.maxItems < 3000) {
    // One over the bound, with cheap items: the bound must refuse it before any work is done.
    extra.push(fc.constant(Array.from({ length: schema.maxItems + 1 }, (_, i) => (schema.items?.type === 'object' ? { id: String(i) } : String(i)))));
  }
  return fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom(...HOSTILE_OTHERS), ...extra);
}

const printable = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzåäöÅÄÖ0123456789 -_:.'.split('')), minLength: min, maxLength: max });

interface GenContext {
  route: string;
  pools: Pools;
  hostileRate: number;
}

/** An arbitrary for a schema; with hostileRate > 0 some nodes are replaced by hostile values. */
function valueOf(schema: Schema, name: string, ctx: GenContext, depth = 0): fc.Arbitrary<unknown> {
  const normal = schemaValue(schema, name, ctx, depth);
  if (ctx.hostileRate <= 0) return normal;
  const h = Math.max(1, Math.round(ctx.hostileRate * 100));
  return fc.oneof({ weight: 100 - h, arbitrary: normal }, { weight: h, arbitrary: hostile(schema) });
}

function schemaValue(schema: Schema, name: string, ctx: GenContext, depth: number): fc.Arbitrary<unknown> {
  const inner = schemaValueNotNull(schema, name, ctx, depth);
  return schema.nullable ? fc.oneof({ weight: 5, arbitrary: inner }, { weight: 1, arbitrary: fc.constant(null) }) : inner;
}

function schemaValueNotNull(schema: Schema, name: string, ctx: GenContext, depth: number): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) return fc.oneof(...alternatives.map((s: Schema) => valueOf(s, name, ctx, depth + 1)));
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const);
  switch (schema.type) {
    case 'string': {
      const pool = ctx.pools(ctx.route, name);
      const min = schema.minLength ?? 0;
      const max = Math.min(schema.maxLength ?? 20, 20);
      let free: fc.Arbitrary<string> = printable(min, Math.max(min, max));
      if (typeof schema.pattern === 'string' && !schema.pattern.includes('\\u0000')) {
        free = fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= (schema.maxLength ?? 1000));
      }
      return pool && pool.length ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: free }) : free;
    }
    case 'integer': {
      const min = Math.max(schema.minimum ?? -1000, -1e6);
      const max = Math.min(schema.maximum ?? 1000, 1e6);
      // Mostly small: a count near its minimum keeps each solve cheap.
      return fc.oneof({ weight: 4, arbitrary: fc.integer({ min, max: Math.min(max, min + 1) }) }, { weight: 1, arbitrary: fc.integer({ min, max }) });
    }
    case 'number': {
      const min = Math.max(schema.minimum ?? -1000, -1e6);
      const max = Math.min(schema.maximum ?? 1000, 1e6);
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const min = schema.minItems ?? 0;
      // Tiny lists: six applicants at most, so proposals, alternatives and sensitivity stay fast.
      const max = Math.max(min, Math.min(schema.maxItems ?? 4, depth === 1 ? 6 : 3));
      const items = schema.items ? valueOf(schema.items, name, ctx, depth + 1) : fc.string();
      return fc.array(items, { minLength: min, maxLength: max });
    }
    case 'object': {
      if (depth > 6) return fc.constant({});
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, s] of Object.entries(props)) model[key] = valueOf(s, key, ctx, depth + 1);
      const required = (schema.required ?? []) as string[];
      return fc.record(model, { requiredKeys: required });
    }
    default:
      return fc.oneof(fc.string(), fc.integer(), fc.constant(null));
  }
}

// ---------------------------------------------------------------------------------------------
// Requests

const RAW_BODIES = [
  '{',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '[]',
  '"text"',
  'null',
  '{"a":1,}',
  `${'['.repeat(3000)}${']'.repeat(3000)}`,
  '\u0000',
];
const BAD_ESCAPES = ['%', '%zz', '%E0%A4%A', '%C0%AF', '%00', '%FF', '%uD800'];
const BAD_AUTH = ['', 'Bearer', 'Bearer  x', 'bearer x', 'Basic Zm9vOmJhcg==', 'Bearer x\u00a0', 'Bearer a b', 'Bearer wrong-token-0000'];

/** Percent-encodes; a lone surrogate (which has no UTF-8) becomes the bytes of one, hostile too. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text
      .split('')
      .map((c) => (/[\uD800-\uDFFF]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c)))
      .join('');
  }
}

/** `arb` in pct % of the draws, null otherwise. */
const rarely = <T>(arb: fc.Arbitrary<T>, pct: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: 100 - pct, arbitrary: fc.constant(null) }, { weight: pct, arbitrary: arb });

interface Built {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | undefined;
}

function requestArbitrary(op: Operation, options: FuzzOptions): fc.Arbitrary<Built> {
  const make = (hostileRate: number) => {
    const ctx: GenContext = { route: op.path, pools: options.pools, hostileRate };
    const pathValues = fc.tuple(...op.pathParams.map((p) => valueOf(p.schema, p.name, ctx)));
    const queryValues = fc.tuple(
      ...op.query.map((q) => (q.required ? valueOf(q.schema, q.name, ctx) : fc.option(valueOf(q.schema, q.name, ctx), { nil: undefined, freq: 2 }))),
    );
    const body = op.body ? valueOf(op.body, 'body', ctx) : fc.constant(undefined);
    return fc.record({ pathValues, queryValues, body });
  };
  const twists = fc.record({
    badEscape: rarely(fc.constantFrom(...BAD_ESCAPES), 25),
    rawBody: rarely(fc.constantFrom(...RAW_BODIES), 25),
    contentType: rarely(fc.constantFrom('text/plain', 'application/xml', 'application/json; charset=latin1'), 10),
    auth: rarely(fc.constantFrom(...BAD_AUTH), 25),
    longPath: rarely(fc.constant('z'.repeat(150)), 10),
  });
  return fc
    .tuple(fc.oneof({ weight: 3, arbitrary: make(0) }, { weight: 2, arbitrary: make(0.2) }), fc.boolean(), twists)
    .map(([values, twisted, t]) => {
      let path = op.path;
      op.pathParams.forEach((p, i) => {
        const v = values.pathValues[i];
        let segment = encode(typeof v === 'string' ? v : JSON.stringify(v) ?? '');
        if (twisted && t.longPath) segment = t.longPath;
        if (twisted && t.badEscape && i === 0) segment = `${segment}${t.badEscape}`;
        path = path.replace(`{${p.name}}`, segment || '%20');
      });
      const search: string[] = [];
      op.query.forEach((q, i) => {
        const v = values.queryValues[i];
        if (v === undefined) return;
        const list = Array.isArray(v) ? v : [v];
        for (const item of list.slice(0, 3)) {
          const text = typeof item === 'string' ? item : JSON.stringify(item) ?? '';
          search.push(`${encode(q.name)}=${encode(text)}`);
        }
      });
      if (twisted && t.badEscape && op.pathParams.length === 0) search.push(`q=${t.badEscape}`);
      const headers: Record<string, string> = {};
      if (op.secured) headers.authorization = twisted && t.auth !== null ? t.auth : `Bearer ${options.token}`;
      let payload: string | undefined;
      if (op.method !== 'GET') {
        payload = twisted && t.rawBody !== null ? t.rawBody : values.body === undefined ? undefined : JSON.stringify(values.body);
        if (payload !== undefined) headers['content-type'] = twisted && t.contentType ? t.contentType : 'application/json';
      }
      if (headers.authorization === '') delete headers.authorization;
      return { method: op.method, url: search.length ? `${path}?${search.join('&')}` : path, headers, payload };
    });
}

// ---------------------------------------------------------------------------------------------
// Checks

const INTERNAL_ANYWHERE: [RegExp, string][] = [
  [/\bat [\w.<>]+ \(?[^)\s]*:\d+:\d+\)?/, 'a stack frame'],
  [/(?:\/work\/|\/home\/|\/usr\/|node_modules|[\w-]+\.(?:ts|js|mjs):\d+)/, 'a file path'],
  [/Failing row contains|violates (?:check|not-null|foreign key|unique) constraint|relation "|syntax error at/, 'database text'],
];
const INTERNAL_IN_ERRORS: [RegExp, string][] = [
  [/\b(?:zod|kysely|pglite|postgres(?:ql)?|fastify|FST_ERR\w*|ZodError|TypeError|ReferenceError)\b/i, 'a library or error-class name'],
  [/\b(?:select|insert into|update|delete from)\b[\s\S]*\b(?:from|values|set|where)\b/i, 'SQL'],
];
const ERROR_KEYS = new Set(['code', 'message', 'details']);

export function checkResponse(res: InjectResult): string[] {
  const problems: string[] = [];
  let parsed: unknown = undefined;
  const contentType = String(res.headers['content-type'] ?? '');
  if (contentType.includes('json')) {
    try {
      parsed = JSON.parse(res.body);
    } catch {
      problems.push('a JSON content type with a body that is not JSON');
    }
  }
  if (res.statusCode >= 500) {
    const code = (parsed as { code?: unknown } | undefined)?.code;
    const allowed = res.statusCode === 503 && (code === 'busy' || code === 'unavailable') && res.headers['retry-after'] !== undefined;
    if (!allowed) problems.push(`status ${res.statusCode}`);
  }
  if (res.statusCode >= 400) {
    const body = parsed as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) problems.push('an error body that is not a JSON object');
    else {
      for (const key of Object.keys(body)) if (!ERROR_KEYS.has(key)) problems.push(`an error body with the key "${key}"`);
      if (typeof body.code !== 'string' || !/^[a-z][a-z_]*$/.test(body.code)) problems.push('an error without a stable code');
      if (typeof body.message !== 'string' || body.message.length === 0) problems.push('an error without a message');
      if (body.details !== undefined && !Array.isArray(body.details)) problems.push('error details that are not a list');
    }
    for (const [re, what] of INTERNAL_IN_ERRORS) if (re.test(res.body)) problems.push(`${what} in an error body`);
  }
  for (const [re, what] of INTERNAL_ANYWHERE) if (re.test(res.body)) problems.push(`${what} in the body`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The run

export async function fuzzOpenApi(app: Injector, options: FuzzOptions): Promise<FuzzReport> {
  const docResponse = await app.inject({ method: 'GET', url: '/openapi.json', headers: {} });
  const operations = listOperations(JSON.parse(docResponse.body));
  const arbitraries = operations.map((op) => requestArbitrary(op, options));
  const report: FuzzReport = { requests: 0, byOperation: {}, findings: [] };
  for (let i = 0; i < options.total; i++) {
    const index = i % operations.length;
    const op = operations[index]!;
    const key = `${op.method} ${op.path}`;
    const [request] = fc.sample(arbitraries[index]!, { seed: options.seed + i, numRuns: 1 });
    const started = performance.now();
    const res = await app.inject(request!);
    const elapsed = performance.now() - started;
    const stats = (report.byOperation[key] ??= { requests: 0, statuses: {}, slowestMs: 0 });
    stats.requests++;
    stats.statuses[res.statusCode] = (stats.statuses[res.statusCode] ?? 0) + 1;
    stats.slowestMs = Math.max(stats.slowestMs, Math.round(elapsed));
    report.requests++;
    for (const problem of checkResponse(res)) {
      report.findings.push({ operation: key, request: request!, status: res.statusCode, problem, body: res.body.slice(0, 600) });
    }
    if (res.statusCode < 300 && options.onSuccess) {
      try {
        options.onSuccess(op, JSON.parse(res.body));
      } catch {
        // CSV and GeoJSON answers: nothing to collect.
      }
    }
  }
  if (({} as Record<string, unknown>).polluted !== undefined) {
    report.findings.push({ operation: '(all)', request: { method: '', url: '', headers: {} }, status: 0, problem: 'Object.prototype was polluted', body: '' });
  }
  return report;
}

/**
 * Pools of meaningful values, read from the app itself: organisation ids (a few per county, so
 * instances are small and solvable), rounds, programmes, examples, export tables, and the ids of
 * proposals created during the run.
 */
export async function collectPools(app: Injector, exportTables: readonly string[], token: string): Promise<Pick<FuzzOptions, 'pools' | 'onSuccess'>> {
  const get = async (url: string) => JSON.parse((await app.inject({ method: 'GET', url, headers: {} })).body);
  const orgs = ((await get('/api/organisations?kind=kommun&limit=60')).items as { id: string }[]).map((o) => o.id);
  const rounds = ((await get('/api/rounds')).items as { id: string; label: string }[]);
  const programmes = ((await get('/api/programmes')).items as { id: string }[]).map((p) => p.id);
  const examples = ((await get('/api/examples')).items as { name: string }[]).map((e) => e.name);
  const focus = ((await get('/api/focus-areas')).items as { id: string }[]).map((f) => f.id);
  const proposals: string[] = ['00000000-0000-0000-0000-000000000000'];
  // A few tiny stored proposals, so the routes under /api/proposals/{id} have something to chew on.
  const kommuner = ((await get('/api/organisations?kind=kommun&county=19&limit=12')).items as { id: string }[]).map((o) => o.id);
  for (let i = 0; i + 4 <= kommuner.length && proposals.length < 4; i += 4) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/proposals',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ round: `Fuzz seed ${i}`, applicants: kommuner.slice(i, i + 4).map((id) => ({ id })) }),
    });
    if (res.statusCode === 201) proposals.push(JSON.parse(res.body).id);
  }
  const byName: Record<string, readonly string[]> = {
    programme: programmes,
    table: [...exportTables, ...exportTables.map((t) => `${t}.csv`)],
    name: examples,
    target: ['county:19', 'county:03', 'county:25', 'kommungrupp:A1', 'kommungrupp:C9'],
    focus,
    delegation: ['politiker', 'chef', 'strateg', 'controller'],
    round: rounds.map((r) => r.label).concat(['Fuzz round']),
    kind: ['kommun', 'region', 'stadsdel'],
    county: ['19', '03', '01'],
  };
  return {
    pools: (route, name) => {
      // Instances and what-ifs draw from one county, so that many are valid and solvable.
      if (route.startsWith('/api/proposals') && ['force', 'forbid', 'pin', 'pinMentor', 'wishWith'].includes(name)) return kommuner;
      // Instances of the main programme: it has earlier rounds, hence default mentors, and solves.
      if (route === '/api/proposals' && name === 'programme') return ['modellkommuner'];
      if (name === 'id') {
        if (route === '/api/proposals') return kommuner;
        if (route.startsWith('/api/proposals/')) return proposals;
        if (route.startsWith('/api/rounds/')) return rounds.map((r) => r.id);
        return orgs;
      }
      if (name === 'body') return orgs;
      return byName[name] ?? null;
    },
    onSuccess: (op, body) => {
      const id = (body as { id?: unknown }).id;
      if (op.method === 'POST' && op.path === '/api/proposals' && typeof id === 'string' && proposals.length < 200) proposals.push(id);
    },
  };
}
