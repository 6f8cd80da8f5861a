import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../../src/db/bootstrap.js';
import { openDatabase } from '../../../src/db/client.js';
import { readDataVersion } from '../../../src/db/data-version.js';
import { importOrganisations } from '../../../src/db/import-organisations.js';
import { readWorld } from '../../../src/db/read-world.js';
import { acceptProposal, insertProposal } from '../../../src/db/repositories/proposals.js';
import { describeEachDatabase, loadDataset } from '../../helpers/databases.js';
import { countRows } from './table-snapshot.js';
import { normaliseWorld } from './world-fixtures.js';

describeEachDatabase('start-up on an empty database', (ctx) => {
  it('two processes preparing at once import the dataset exactly once', async () => {
    const other = await ctx.openAnother();
    try {
      const reports = await Promise.all([prepareDatabase(ctx.db(), loadDataset), prepareDatabase(other.db, loadDataset)]);
      expect(reports.filter((r) => r.imported !== null).length).toBeGreaterThanOrEqual(1);
    } finally {
      await other.close();
    }
    expect(normaliseWorld(await readWorld(ctx.db()))).toEqual(normaliseWorld(await loadDataset()));
    expect(await countRows(ctx.db(), 'participations')).toBe((await loadDataset()).participations.length);
  });

  it('bumps the data version on every write', async () => {
    let version = await readDataVersion(ctx.db());
    const bumped = async (write: () => Promise<unknown>) => {
      await write();
      const next = await readDataVersion(ctx.db());
      expect(next).toBe(version + 1);
      version = next;
    };
    await bumped(() =>
      importOrganisations(
        ctx.db(),
        [{ line: 2, id: 'V-1', kind: 'myndighet', name: 'V', countyCode: '19', population: null, populationYear: null, lat: null, lon: null, parentId: null, note: null }],
        { file: 'v.csv' },
      ),
    );
    await bumped(() =>
      insertProposal(ctx.db(), { id: 'pv', programmeId: 'modellkommuner', roundLabel: 'v', input: {}, inputHash: 'h', seed: null, result: null, objective: null, optimality: null }),
    );
    await bumped(() =>
      acceptProposal(ctx.db(), 'pv', {
        round: { id: 'mk-v', programmeId: 'modellkommuner', label: 'v', start: '2027-01', end: null, state: 'planned', stateReason: null, notes: null, proposalId: 'pv' },
        participations: [],
        groups: [],
        mentorLinks: [],
      }),
    );
    // A repeated accept writes nothing, and the version may stay.
    await acceptProposal(ctx.db(), 'pv', {
      round: { id: 'mk-v', programmeId: 'modellkommuner', label: 'v', start: '2027-01', end: null, state: 'planned', stateReason: null, notes: null, proposalId: 'pv' },
      participations: [],
      groups: [],
      mentorLinks: [],
    });
    expect(await readDataVersion(ctx.db())).toBeGreaterThanOrEqual(version);
  });
});

describe('embedded database on disk', () => {
  it('creates its directory and keeps the data across restarts', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mk-pglite-'));
    const dataDir = path.join(dir, 'nested', 'pglite');
    try {
      const first = await openDatabase({ dataDir });
      expect(first.kind).toBe('pglite');
      // One owner at a time: a second open of the same directory is refused while the first is open.
      await expect(openDatabase({ dataDir })).rejects.toMatchObject({ code: 'unavailable' });
      const report = await prepareDatabase(first.db, loadDataset);
      expect(report.imported?.organisations).toBe((await loadDataset()).organisations.length);
      await first.close();

      const second = await openDatabase({ dataDir });
      const again = await prepareDatabase(second.db, loadDataset);
      expect(again).toEqual({ migrations: [], imported: null });
      expect(await countRows(second.db, 'organisations')).toBe((await loadDataset()).organisations.length);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
