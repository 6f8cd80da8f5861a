/**
 * The organisation list is answered from the in-memory World (core/record/organisation-filter.ts);
 * the SQL query (repositories/organisations.ts) states the same filters. On the same record both
 * must give the same pages, on each database, including imported organisations with their own
 * kinds and names that need the Swedish case folding.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { OrganisationFilter } from '../../../src/core/model.js';
import { filterOrganisations } from '../../../src/core/record/organisation-filter.js';
import { importOrganisations, readOrganisationImportContext } from '../../../src/db/import-organisations.js';
import { readWorld } from '../../../src/db/read-world.js';
import { listOrganisations } from '../../../src/db/repositories/organisations.js';
import { parseOrganisationsCsv } from '../../../src/services/org-csv.js';
import { datasetDir, describeEachDatabaseWithDataset } from '../../helpers/databases.js';

const all = { limit: 500, offset: 0 };
const filters: OrganisationFilter[] = [
  all,
  { limit: 7, offset: 0 },
  { limit: 7, offset: 283 },
  { limit: 10, offset: 10_000 },
  { kind: 'kommun', ...all },
  { kind: 'region', limit: 5, offset: 3 },
  { kind: 'myndighet', ...all },
  { kind: 'nothing', ...all },
  { county: '19', ...all },
  { county: '01', kind: 'kommun', limit: 4, offset: 2 },
  { kommungrupp: 'B', ...all },
  { kommungrupp: 'B3', ...all },
  { kommungrupp: 'B3', kommungruppVersion: 2017, ...all },
  { kommungrupp: 'C', kommungruppVersion: 2017, ...all },
  { q: 'sala', ...all },
  { q: '  SALA ', ...all },
  { q: 'ÖREBRO', ...all },
  { q: 'örebro', ...all },
  { q: 'LÄNSSTYRELSEN', ...all },
  { q: 'ä', ...all },
  { q: '19', ...all },
  { q: '%', ...all },
  { q: '_', ...all },
  { q: 'a_b', ...all },
  { q: '\\', ...all },
  { participated: true, ...all },
  { participated: false, ...all },
  { participated: false, kind: 'kommun', county: '03', ...all },
  { programme: 'modellkommuner', ...all },
  { programme: 'modellkommuner', participated: false, kind: 'kommun', ...all },
  { programme: 'nope', ...all },
  { programme: 'nope', participated: false, limit: 3, offset: 0 },
];

describeEachDatabaseWithDataset('organisation list in memory and in SQL', (ctx) => {
  it('gives the same pages for every filter', async () => {
    const file = path.join(datasetDir, 'examples', 'vastmanland-network.csv');
    const text = await readFile(file, 'utf8');
    const rows = parseOrganisationsCsv(text, { file, ...(await readOrganisationImportContext(ctx.db())) });
    await importOrganisations(ctx.db(), rows, { file });
    const world = await readWorld(ctx.db());
    let nonEmpty = 0;
    for (const filter of filters) {
      const inSql = await listOrganisations(ctx.db(), filter);
      const inMemory = filterOrganisations(world, filter);
      expect({ filter, page: inMemory }).toEqual({ filter, page: inSql });
      if (inSql.items.length > 0) nonEmpty += 1;
    }
    // The comparison means something only if most filters match some organisations.
    expect(nonEmpty).toBeGreaterThan(filters.length / 2);
  });
});
