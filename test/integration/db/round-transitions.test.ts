/**
 * Round transitions in storage (transitionRound): the decision runs on the locked row, so two
 * concurrent starts of one round write once and the second sees the first's result; a refused
 * transition writes nothing; a no-op leaves the data version alone.
 */
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { applyTransition } from '../../../src/core/record/round-lifecycle.js';
import type { RoundRecord } from '../../../src/core/model.js';
import { readDataVersion, type Database } from '../../../src/db/index.js';
import { acceptProposal, insertProposal, transitionRound } from '../../../src/db/repositories/index.js';
import { describeEachDatabaseWithDataset } from '../../helpers/databases.js';
import { snapshotTables } from './table-snapshot.js';

const record = (proposalId: string): RoundRecord => ({
  round: { id: 'mk-t', programmeId: 'modellkommuner', label: 'T', start: '2026-09', end: null, state: 'planned', stateReason: null, notes: null, proposalId },
  participations: [],
  groups: [],
  mentorLinks: [],
});

describeEachDatabaseWithDataset('round transitions in storage', (ctx) => {
  it('serialises concurrent starts of one round: one writes, the other sees it and changes nothing', async () => {
    const p = await insertProposal(ctx.db(), { programmeId: 'modellkommuner', roundLabel: 'T', input: {}, inputHash: 'h', seed: null, result: null, objective: null, optimality: null });
    await acceptProposal(ctx.db(), p.id, record(p.id));
    const start = (db: Kysely<Database>) =>
      transitionRound(db, 'mk-t', (round, rounds) => applyTransition(round, { kind: 'start', start: '2026-10' }, rounds));
    const other = await ctx.openAnother();
    try {
      const results = await Promise.all([start(ctx.db()), start(other.db)]);
      expect(results.map((r) => r.changed).sort()).toEqual([false, true]);
      for (const r of results) expect(r.round).toMatchObject({ state: 'running', start: '2026-10' });
    } finally {
      await other.close();
    }
  });

  it('writes nothing when the transition is refused or changes nothing', async () => {
    const before = await snapshotTables(ctx.db());
    const version = await readDataVersion(ctx.db());
    const err = await transitionRound(ctx.db(), 'mk-t', (round, rounds) => applyTransition(round, { kind: 'complete', end: '2026-01' }, rounds)).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('invalid_input');
    const again = await transitionRound(ctx.db(), 'mk-t', (round, rounds) => applyTransition(round, { kind: 'start', start: '2026-10' }, rounds));
    expect(again.changed).toBe(false);
    expect(await snapshotTables(ctx.db())).toEqual(before);
    expect(await readDataVersion(ctx.db())).toBe(version);
    await expect(transitionRound(ctx.db(), 'nope', (round) => ({ round, changed: false }))).rejects.toMatchObject({ code: 'not_found' });
  });
});
