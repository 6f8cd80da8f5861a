// The applications repository on both databases: a batch is written whole or not at all (a
// database refusal mid-batch rolls back the organisations it created too), a round that moved on
// takes no writes, and accepting from a round in preparation plans that same round.
import { expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import type { ApplicationFields } from '../../../src/core/applications.js';
import {
  createPreparingRound,
  listApplications,
  listMentorOffers,
  saveApplications,
  saveMentorOffers,
} from '../../../src/db/repositories/applications.js';
import { describeEachDatabaseWithDataset } from '../../helpers/databases.js';
import { countRows, snapshotTables } from './table-snapshot.js';

const app = (orgId: string, over: Partial<ApplicationFields> = {}): ApplicationFields => ({
  orgId, focus: [], delegation: ['politiker'], wishWith: [], notWith: [], genderDecision: null, note: null, ...over,
});
const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'ok';
};

describeEachDatabaseWithDataset('applications repository', (ctx) => {
  it('writes a batch whole or not at all', async () => {
    const db = ctx.db();
    await createPreparingRound(db, { id: 'modellkommuner-db-test', programmeId: 'modellkommuner', label: 'db test', notes: null });
    const before = await snapshotTables(db);
    // The last application names an organisation that does not exist: the database refuses it,
    // and the new organisation and the first application go with it.
    const refused = saveApplications(db, 'modellkommuner-db-test', {
      create: [{ id: 'import-forvaltning-test', name: 'Test', kind: 'forvaltning', countyCode: '19' }],
      applications: [app('import-forvaltning-test'), app('1984'), app('no-such-org')],
      mode: 'upsert',
    });
    expect(await codeOf(refused)).toBe('invalid_input');
    expect(await snapshotTables(db)).toEqual(before);

    const ok = await saveApplications(db, 'modellkommuner-db-test', { create: [], applications: [app('1984'), app('1907', { wishWith: ['1984'] })], mode: 'upsert' });
    expect(ok.inserted).toEqual(['1984', '1907']);
    expect((await listApplications(db, 'modellkommuner-db-test')).map((a) => a.orgId).sort()).toEqual(['1907', '1984']);
    // 'insert' refuses an organisation that already applied; 'upsert' updates it.
    expect(await codeOf(saveApplications(db, 'modellkommuner-db-test', { create: [], applications: [app('1984')], mode: 'insert' }))).toBe('conflict');
    const up = await saveApplications(db, 'modellkommuner-db-test', { create: [], applications: [app('1984', { note: 'ny' })], mode: 'upsert' });
    expect(up.updated).toEqual(['1984']);
    // An applicant cannot also mentor, checked inside the transaction.
    expect(await codeOf(saveMentorOffers(db, 'modellkommuner-db-test', { offers: [{ orgId: '1984', capacity: 1, note: null }], mode: 'insert' }))).toBe('conflict');
    expect(await listMentorOffers(db, 'modellkommuner-db-test')).toEqual([]);
  });

  it('refuses a second live round with the same label, and writes to a round that is not preparing', async () => {
    const db = ctx.db();
    expect(await codeOf(createPreparingRound(db, { id: 'other-id', programmeId: 'modellkommuner', label: 'db test', notes: null }))).toBe('conflict');
    const applications = await countRows(db, 'applications');
    // A historical (completed) round takes no applications.
    expect(await codeOf(saveApplications(db, 'mk-2015', { create: [], applications: [app('1984')], mode: 'upsert' }))).toBe('conflict');
    expect(await codeOf(saveApplications(db, 'no-such-round', { create: [], applications: [app('1984')], mode: 'upsert' }))).toBe('not_found');
    expect(await countRows(db, 'applications')).toBe(applications);
  });
});
