/**
 * The seeded fuzz test of issue 10: at least 3 000 requests over every operation of
 * /openapi.json (new routes are picked up from the document), on PGlite and, with
 * TEST_DATABASE_URL, on PostgreSQL. See test/helpers/openapi-fuzz.ts for what is sent and checked;
 * `npm run fuzz -- --total 20000` runs the long version.
 */
import { expect, it } from 'vitest';
import { EXPORT_TABLES } from '../../../src/core/export/index.js';
import { TEST_TOKEN, useApp } from '../../helpers/app.js';
import { describeEachDatabaseWithDataset } from '../../helpers/databases.js';
import { collectPools, fuzzOpenApi } from '../../helpers/openapi-fuzz.js';

const TOTAL = Number(process.env.FUZZ_TOTAL ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);

describeEachDatabaseWithDataset('fuzzing every operation of /openapi.json', (ctx) => {
  // The failed-sign-in throttle would otherwise turn the later requests into 429s.
  const { app } = useApp(ctx, { authThrottle: { max: 1_000_000, windowMs: 60_000 } });

  it(`answers ${TOTAL} seeded requests without a 5xx, in the one error shape, with nothing internal`, async () => {
    const pools = await collectPools(app(), EXPORT_TABLES, TEST_TOKEN);
    const report = await fuzzOpenApi(app(), { total: TOTAL, seed: SEED, token: TEST_TOKEN, ...pools });
    const operations = Object.keys(report.byOperation);
    expect(report.requests).toBeGreaterThanOrEqual(TOTAL);
    expect(operations.length).toBeGreaterThanOrEqual(30);
    // Every operation was exercised, and the requests were not all refused at the door.
    for (const [op, stats] of Object.entries(report.byOperation)) expect(stats.requests, op).toBeGreaterThanOrEqual(Math.floor(TOTAL / operations.length));
    const successes = Object.values(report.byOperation).reduce((n, s) => n + Object.entries(s.statuses).filter(([code]) => Number(code) < 300).reduce((m, [, c]) => m + c, 0), 0);
    expect(successes).toBeGreaterThan(TOTAL / 10);
    const created = report.byOperation['POST /api/proposals']?.statuses[201] ?? 0;
    expect(created).toBeGreaterThan(0);
    expect(report.findings.slice(0, 10)).toEqual([]);
  }, 600_000);
});
