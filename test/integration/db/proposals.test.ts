import { expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import type { RoundRecord } from '../../../src/core/model.js';
import { importWorld } from '../../../src/db/import-world.js';
import {
  acceptProposal,
  getProposal,
  insertProposal,
  listProposals,
  proposalSourceId,
  type NewProposal,
} from '../../../src/db/repositories/proposals.js';
import { readWorld } from '../../../src/db/read-world.js';
import { describeEachDatabaseWithDataset, loadDataset } from '../../helpers/databases.js';
import { snapshotTables } from './table-snapshot.js';

const newProposal = (label: string, extra: Partial<NewProposal> = {}): NewProposal => ({
  programmeId: 'modellkommuner',
  roundLabel: label,
  input: { applicants: ['1980', '2080', 'ö'], rules: { groupSize: 3 } },
  inputHash: `hash-${label}`,
  seed: 42,
  result: { groups: [['1980', '2080']], objective: 1.5 },
  objective: 1.5,
  optimality: 'optimal',
  ...extra,
});

/** A small round: two participants in one group, mentored by Uppsala (0380). */
const recordFor = (proposalId: string, roundId: string, label: string, participants = ['1980', '2080']): RoundRecord => ({
  round: { id: roundId, programmeId: 'modellkommuner', label, start: '2027-01', end: null, state: 'planned', stateReason: null, notes: null, proposalId },
  participations: [
    ...participants.map((orgId) => ({ roundId, orgId, role: 'participant' as const, focus: ['styrning'], delegation: ['politiker', 'chef'], sources: [], disputed: false })),
    { roundId, orgId: '0380', role: 'mentor' as const, focus: [], delegation: [], sources: [], disputed: false },
  ],
  groups: [{ id: `${roundId}/g1`, roundId, members: participants, focus: ['styrning'], theme: 'Styrning', note: null, sources: [], disputed: false }],
  mentorLinks: participants.map((menteeId) => ({ roundId, mentorId: '0380', menteeId, role: 'mentor' as const, sources: [], disputed: false, conflicts: [] })),
});

describeEachDatabaseWithDataset('proposals and accept', (ctx) => {
  it('stores a proposal and reads it back with its JSON intact', async () => {
    const stored = await insertProposal(ctx.db(), newProposal('2027'));
    const again = await getProposal(ctx.db(), stored.id);
    expect(again).toEqual(stored);
    expect(again?.input).toEqual(newProposal('2027').input);
    expect(again?.result).toEqual(newProposal('2027').result);
    expect(again?.seed).toBe(42);
    expect(again?.objective).toBe(1.5);
    expect(again?.acceptedRoundId).toBeNull();
    expect(Number.isNaN(Date.parse(stored.createdAt))).toBe(false);
    expect(await getProposal(ctx.db(), 'no-such-proposal')).toBeNull();
  });

  it('lists proposals by round label and programme', async () => {
    await insertProposal(ctx.db(), newProposal('2028', { id: 'p-2028-a' }));
    await insertProposal(ctx.db(), newProposal('2028', { id: 'p-2028-b' }));
    expect((await listProposals(ctx.db(), { roundLabel: '2028' })).items.map((p) => p.id).sort()).toEqual(['p-2028-a', 'p-2028-b']);
    expect(await listProposals(ctx.db(), { roundLabel: '2028', programme: 'modellregioner' })).toEqual({ total: 0, items: [] });
    await expect(insertProposal(ctx.db(), newProposal('x', { programmeId: 'nope' }))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists a page in the database: oldest first, the total of all, no inputs or results', async () => {
    for (const k of [0, 1, 2, 3, 4]) await insertProposal(ctx.db(), newProposal('2031', { id: `p-2031-${k}` }));
    const all = await listProposals(ctx.db(), { roundLabel: '2031' }, { limit: 100, offset: 0 });
    expect(all.total).toBe(5);
    const page = await listProposals(ctx.db(), { roundLabel: '2031' }, { limit: 2, offset: 3 });
    expect(page.total).toBe(5);
    expect(page.items.map((p) => p.id)).toEqual(all.items.slice(3, 5).map((p) => p.id));
    expect(page.items[0]).not.toHaveProperty('input');
    expect(page.items[0]).not.toHaveProperty('result');
    expect(page.items[0]).toMatchObject({ roundLabel: '2031', objective: 1.5, acceptedRoundId: null });
    expect((await listProposals(ctx.db(), { roundLabel: '2031' }, { limit: 10, offset: 5 })).items).toEqual([]);
    await expect(insertProposal(ctx.db(), newProposal('2028', { id: 'p-2028-a' }))).rejects.toMatchObject({ code: 'conflict' });
  });

  it('accepts a proposal into a round with its facts, each resting on the proposal', async () => {
    const result = await acceptProposal(ctx.db(), 'p-2028-a', recordFor('p-2028-a', 'mk-2028', '2028'));
    expect(result.created).toBe(true);
    expect(result.round).toMatchObject({ id: 'mk-2028', label: '2028', proposalId: 'p-2028-a', state: 'planned' });
    const world = await readWorld(ctx.db());
    expect(world.rounds.find((r) => r.id === 'mk-2028')?.proposalId).toBe('p-2028-a');
    const parts = world.participations.filter((p) => p.roundId === 'mk-2028');
    expect(parts.map((p) => `${p.orgId}:${p.role}`).sort()).toEqual(['0380:mentor', '1980:participant', '2080:participant']);
    expect(parts.find((p) => p.orgId === '1980')?.delegation).toEqual(['politiker', 'chef']);
    const facts = [...parts, ...world.groups.filter((g) => g.roundId === 'mk-2028'), ...world.mentorLinks.filter((m) => m.roundId === 'mk-2028')];
    expect(facts).toHaveLength(6);
    for (const f of facts) expect(f.sources).toEqual([proposalSourceId('p-2028-a')]);
    expect(world.sources.map((s) => s.id)).toContain('proposal:p-2028-a');
    expect(world.groups.find((g) => g.id === 'mk-2028/g1')?.members).toEqual(['1980', '2080']);
    expect((await getProposal(ctx.db(), 'p-2028-a'))?.acceptedRoundId).toBe('mk-2028');
  });

  it('returns the same round when the same proposal is accepted again', async () => {
    const before = await snapshotTables(ctx.db(), { exclude: ['meta'] });
    const again = await acceptProposal(ctx.db(), 'p-2028-a', recordFor('p-2028-a', 'mk-2028', '2028'));
    expect(again.created).toBe(false);
    expect(again.round.id).toBe('mk-2028');
    expect(await snapshotTables(ctx.db(), { exclude: ['meta'] })).toEqual(before);
  });

  it('refuses a different proposal for a round that already has one (conflict)', async () => {
    const before = await snapshotTables(ctx.db());
    const err = await acceptProposal(ctx.db(), 'p-2028-b', recordFor('p-2028-b', 'mk-2028b', '2028')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('conflict');
    expect((err as AppError).message).toContain('p-2028-a');
    expect(await snapshotTables(ctx.db())).toEqual(before);
    // A historical round's label is taken too.
    const historical = await insertProposal(ctx.db(), newProposal('2017'));
    await expect(acceptProposal(ctx.db(), historical.id, recordFor(historical.id, 'mk-2017-new', '2017'))).rejects.toMatchObject({ code: 'conflict' });
  });

  it('answers not_found for an unknown proposal and invalid_input for a record that does not match it', async () => {
    await expect(acceptProposal(ctx.db(), 'nope', recordFor('nope', 'r', 'x'))).rejects.toMatchObject({ code: 'not_found' });
    const p = await insertProposal(ctx.db(), newProposal('2029'));
    const otherProgramme = recordFor(p.id, 'mk-2029', '2029');
    otherProgramme.round.programmeId = 'modellregioner';
    await expect(acceptProposal(ctx.db(), p.id, otherProgramme)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('leaves nothing written when the accept fails midway', async () => {
    const p = await insertProposal(ctx.db(), newProposal('2030'));
    const before = await snapshotTables(ctx.db());
    // The round row and the first participation are valid; the unknown organisation fails later.
    const err = await acceptProposal(ctx.db(), p.id, recordFor(p.id, 'mk-2030', '2030', ['1980', 'NO-SUCH-ORG'])).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('invalid_input');
    expect(await snapshotTables(ctx.db())).toEqual(before);
    expect((await getProposal(ctx.db(), p.id))?.acceptedRoundId).toBeNull();
    // And the same proposal can still be accepted with a good record.
    expect((await acceptProposal(ctx.db(), p.id, recordFor(p.id, 'mk-2030', '2030'))).created).toBe(true);
  });

  it('gives exactly one round when the same proposal is accepted concurrently on two connections', async () => {
    const p = await insertProposal(ctx.db(), newProposal('2031'));
    const other = await ctx.openAnother();
    try {
      const results = await Promise.all([
        acceptProposal(ctx.db(), p.id, recordFor(p.id, 'mk-2031', '2031')),
        acceptProposal(other.db, p.id, recordFor(p.id, 'mk-2031', '2031')),
        acceptProposal(other.db, p.id, recordFor(p.id, 'mk-2031', '2031')),
      ]);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.round.id))).toEqual(new Set(['mk-2031']));
    } finally {
      await other.close();
    }
    const rounds = await ctx.db().selectFrom('rounds').select('id').where('label', '=', '2031').execute();
    expect(rounds).toHaveLength(1);
    const parts = await ctx.db().selectFrom('participations').select('id').where('round_id', '=', 'mk-2031').execute();
    expect(parts).toHaveLength(3);
  });

  it('lets exactly one of two different proposals for one label win when they race', async () => {
    const a = await insertProposal(ctx.db(), newProposal('2032'));
    const b = await insertProposal(ctx.db(), newProposal('2032'));
    const other = await ctx.openAnother();
    try {
      const settled = await Promise.allSettled([
        acceptProposal(ctx.db(), a.id, recordFor(a.id, 'mk-2032-a', '2032')),
        acceptProposal(other.db, b.id, recordFor(b.id, 'mk-2032-b', '2032')),
      ]);
      expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
      const rejected = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect((rejected[0]!.reason as AppError).code).toBe('conflict');
    } finally {
      await other.close();
    }
    expect(await ctx.db().selectFrom('rounds').select('id').where('label', '=', '2032').execute()).toHaveLength(1);
  });

  it('keeps accepted rounds when the dataset is imported again', async () => {
    const before = await readWorld(ctx.db());
    await importWorld(ctx.db(), await loadDataset());
    const after = await readWorld(ctx.db());
    expect(after.rounds.filter((r) => r.proposalId !== null).map((r) => r.id).sort()).toEqual(
      before.rounds.filter((r) => r.proposalId !== null).map((r) => r.id).sort(),
    );
    expect(after.participations.filter((p) => p.roundId === 'mk-2028')).toEqual(before.participations.filter((p) => p.roundId === 'mk-2028'));
    expect(after.sources.map((s) => s.id)).toContain('proposal:p-2028-a');
    // A World read back from the database (accepted rounds included) imports as a no-op for them.
    await importWorld(ctx.db(), after);
    expect((await readWorld(ctx.db())).rounds).toEqual(after.rounds);
  });
});
