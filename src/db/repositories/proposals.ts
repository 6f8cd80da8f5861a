/**
 * Stored proposals and accepting one into a round.
 *
 * Accept invariants:
 * - one transaction: the round, its participations, groups (with members), mentor links and
 *   their sources are written together or not at all;
 * - the proposal row is locked (SELECT … FOR UPDATE) first, so two processes accepting the same
 *   proposal at once are serialised: the second sees the first's round and returns it
 *   (created=false);
 * - a different proposal for a (programme, label) that already has a live round is a conflict,
 *   unless that round is `planned` and the accept says `replace`: then the old round becomes
 *   `superseded` (with the reason) in the same transaction. When two such accepts race, the
 *   unique index on live rounds (programme_id, label) stops the second and its violation is
 *   translated into the same conflict;
 * - the round id is derived from the label; when a cancelled or superseded round holds it, the
 *   new round gets the first free "-2", "-3"… suffix;
 * - every fact written carries the source `proposal:<id>` (a sources row with origin 'proposal').
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { AppError, notFound } from '../../core/errors.js';
import type { Round, RoundRecord, NewProposal, ProposalSummary, StoredProposal } from '../../core/model.js';
import { bumpDataVersion } from '../data-version.js';
import { asPgError, isUniqueViolation, toAppError } from '../db-errors.js';
import { toRound, toRoundRow } from '../read-world.js';
import { lockRoundForAccept, planPreparedRound } from './applications.js';
import type { Database, ProposalRow } from '../schema.js';

export type { NewProposal, StoredProposal } from '../../core/model.js';

export interface AcceptResult {
  round: Round;
  /** false when this proposal had already been accepted (the same round is returned). */
  created: boolean;
}

export const proposalSourceId = (proposalId: string): string => `proposal:${proposalId}`;

function toProposal(row: ProposalRow): StoredProposal {
  return {
    id: row.id,
    programmeId: row.programme_id,
    roundLabel: row.round_label,
    input: row.input,
    inputHash: row.input_hash,
    seed: row.seed,
    result: row.result ?? null,
    objective: row.objective !== null && Number.isFinite(row.objective) ? row.objective : null,
    optimality: row.optimality,
    createdAt: new Date(row.created_at).toISOString(),
    acceptedRoundId: row.accepted_round_id,
  };
}

/** The path of the first non-finite number inside a JSON-bound value, or null. */
function findNonFinite(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    const hit = findNonFinite(v, Array.isArray(value) ? `${path}[${k}]` : `${path}.${k}`, depth + 1);
    if (hit) return hit;
  }
  return null;
}

export async function insertProposal(db: Kysely<Database>, proposal: NewProposal): Promise<StoredProposal> {
  const id = proposal.id ?? randomUUID();
  // JSON turns ±Infinity and NaN into null and the objective column would keep −Infinity: either
  // way every later read of the row would fail. Nothing non-finite is stored.
  const nonFinite =
    (proposal.objective !== null && !Number.isFinite(proposal.objective) ? 'objective' : null) ??
    findNonFinite(proposal.input, 'input') ??
    findNonFinite(proposal.result, 'result');
  if (nonFinite) {
    throw new AppError('invalid_input', `The proposal cannot be stored: ${nonFinite} is not a finite number. Use smaller weights or penalties.`, [
      { field: nonFinite, message: 'not a finite number' },
    ]);
  }
  try {
    const row = await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('proposals')
        .values({
          id,
          programme_id: proposal.programmeId,
          round_label: proposal.roundLabel,
          input: JSON.stringify(proposal.input ?? null),
          input_hash: proposal.inputHash,
          seed: proposal.seed,
          result: proposal.result === undefined ? null : JSON.stringify(proposal.result),
          objective: proposal.objective,
          optimality: proposal.optimality,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await bumpDataVersion(trx);
      return inserted;
    });
    return toProposal(row);
  } catch (err) {
    const pgErr = asPgError(err);
    if (pgErr?.code === '23503') throw notFound('programme', proposal.programmeId);
    if (pgErr?.code === '23505') throw new AppError('conflict', `A proposal with id '${id}' already exists.`);
    throw toAppError(err, 'The proposal') ?? err;
  }
}

export async function getProposal(db: Kysely<Database>, id: string): Promise<StoredProposal | null> {
  const row = await db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toProposal(row) : null;
}

/**
 * One page of stored proposals, oldest first, without their inputs and results (a result lists
 * every score up to 40 applicants, about 1 MB: loading them all to show a page would grow with
 * every proposal ever stored). `total` counts every proposal the filter matches.
 */
export async function listProposals(
  db: Kysely<Database>,
  filter: { roundLabel?: string | undefined; programme?: string | undefined } = {},
  page: { limit: number; offset: number } = { limit: 100, offset: 0 },
): Promise<{ total: number; items: ProposalSummary[] }> {
  let q = db.selectFrom('proposals');
  if (filter.roundLabel !== undefined) q = q.where('round_label', '=', filter.roundLabel);
  if (filter.programme !== undefined) q = q.where('programme_id', '=', filter.programme);
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    q
      .select(['id', 'programme_id', 'round_label', 'input_hash', 'seed', 'objective', 'optimality', 'created_at', 'accepted_round_id'])
      .orderBy('created_at')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
  const items = rows.map((row): ProposalSummary => {
    const { input: _i, result: _r, ...meta } = toProposal({ ...row, input: null, result: null });
    return meta;
  });
  return { total: Number(count.n), items };
}

function validateRecord(proposal: ProposalRow, record: RoundRecord): void {
  const problems: { field: string; message: string }[] = [];
  if (record.round.programmeId !== proposal.programme_id) {
    problems.push({ field: 'round.programmeId', message: `must be the proposal's programme '${proposal.programme_id}'` });
  }
  const facts = [
    ...record.participations.map((f, i) => ({ roundId: f.roundId, field: `participations[${i}].roundId` })),
    ...record.groups.map((f, i) => ({ roundId: f.roundId, field: `groups[${i}].roundId` })),
    ...record.mentorLinks.map((f, i) => ({ roundId: f.roundId, field: `mentorLinks[${i}].roundId` })),
  ];
  for (const f of facts) {
    if (f.roundId !== record.round.id) problems.push({ field: f.field, message: `must be the round's id '${record.round.id}'` });
  }
  if (problems.length) throw new AppError('invalid_input', 'The round record does not match its proposal.', problems);
}

const withProposalSource = (sources: readonly string[], sourceId: string): string[] =>
  sources.includes(sourceId) ? [...sources] : [...sources, sourceId];

export interface AcceptWriteOptions {
  /** Supersede a planned round of the same programme and label accepted from another proposal. */
  replace?: boolean | undefined;
  /** The round in preparation the proposal was made from: it becomes the planned round (same id). */
  preparingRound?: string | undefined;
}

/** The live round (not cancelled or superseded) holding the record's programme and label, if any. */
async function liveRoundWithLabel(db: Kysely<Database> | Transaction<Database>, record: RoundRecord, exceptId?: string) {
  let q = db
    .selectFrom('rounds')
    .select(['id', 'programme_id', 'label', 'proposal_id', 'state'])
    .where('programme_id', '=', record.round.programmeId)
    .where('label', '=', record.round.label)
    .where('state', 'not in', ['cancelled', 'superseded']);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

function labelConflict(proposalId: string, clash: { id: string; programme_id: string; label: string; proposal_id: string | null; state: string }): AppError {
  const by = clash.proposal_id ? `accepted from proposal '${clash.proposal_id}'` : 'from the historical record';
  const hint = clash.state === 'planned' ? ' Send "replace": true to accept this proposal in its place (the old round becomes superseded), or choose another label.' : ' Choose another label.';
  return new AppError(
    'conflict',
    `Round '${clash.label}' of programme '${clash.programme_id}' already exists (id '${clash.id}', ${clash.state}, ${by}); proposal '${proposalId}' cannot be accepted for it.${hint}`,
    [{ field: 'label', message: `a ${clash.state} round with this label already exists`, values: [clash.id, clash.proposal_id] }],
  );
}

async function existingRoundConflict(db: Kysely<Database> | Transaction<Database>, proposalId: string, record: RoundRecord): Promise<AppError | null> {
  const clash = await liveRoundWithLabel(db, record);
  return clash ? labelConflict(proposalId, clash) : null;
}

/** The record's round id, or the first "-n" suffix of it no round holds yet. */
async function freeRoundId(trx: Transaction<Database>, wanted: string): Promise<string> {
  const taken = new Set(
    (await trx.selectFrom('rounds').select('id').where((eb) => eb.or([eb('id', '=', wanted), eb('id', 'like', `${wanted}-%`)])).execute()).map((r) => r.id),
  );
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
}

const withRoundId = (record: RoundRecord, id: string): RoundRecord =>
  id === record.round.id
    ? record
    : {
        round: { ...record.round, id },
        participations: record.participations.map((p) => ({ ...p, roundId: id })),
        groups: record.groups.map((g) => ({ ...g, roundId: id, id: `${id}${g.id.slice(record.round.id.length)}` })),
        mentorLinks: record.mentorLinks.map((l) => ({ ...l, roundId: id })),
      };

export async function acceptProposal(db: Kysely<Database>, proposalId: string, record: RoundRecord, options: AcceptWriteOptions = {}): Promise<AcceptResult> {
  try {
    return await db.transaction().execute((trx) => writeAccept(trx, proposalId, record, options));
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (isUniqueViolation(err) && (asPgError(err)?.constraint ?? '').startsWith('rounds_')) {
      // A concurrent accept won the race. Same proposal → its round; otherwise a conflict.
      const proposal = await db.selectFrom('proposals').select('accepted_round_id').where('id', '=', proposalId).executeTakeFirst();
      if (proposal?.accepted_round_id) {
        const round = await db.selectFrom('rounds').selectAll().where('id', '=', proposal.accepted_round_id).executeTakeFirstOrThrow();
        return { round: toRound(round), created: false };
      }
      const conflict = await existingRoundConflict(db, proposalId, record);
      if (conflict) throw conflict;
      throw new AppError('conflict', `Proposal '${proposalId}' clashes with data written at the same time; send the accept again.`);
    }
    throw toAppError(err, 'The round record') ?? err;
  }
}

async function writeAccept(trx: Transaction<Database>, proposalId: string, wanted: RoundRecord, options: AcceptWriteOptions): Promise<AcceptResult> {
  const proposal = await trx.selectFrom('proposals').selectAll().where('id', '=', proposalId).forUpdate().executeTakeFirst();
  if (!proposal) throw notFound('proposal', proposalId);
  if (proposal.accepted_round_id) {
    const round = await trx.selectFrom('rounds').selectAll().where('id', '=', proposal.accepted_round_id).executeTakeFirstOrThrow();
    return { round: toRound(round), created: false };
  }
  validateRecord(proposal, wanted);
  const preparing = options.preparingRound ? await lockRoundForAccept(trx, options.preparingRound, proposal.programme_id) : null;
  const clash = await liveRoundWithLabel(trx, wanted, preparing?.id);
  if (clash) {
    if (!(options.replace && clash.state === 'planned')) throw labelConflict(proposalId, clash);
    await trx
      .updateTable('rounds')
      .set({ state: 'superseded', state_reason: `Replaced by proposal ${proposalId}, accepted on ${new Date().toISOString().slice(0, 10)}.` })
      .where('id', '=', clash.id)
      .execute();
  }
  const record = withRoundId(wanted, preparing ? preparing.id : await freeRoundId(trx, wanted.round.id));

  const sourceId = proposalSourceId(proposalId);
  await trx
    .insertInto('sources')
    .values({
      id: sourceId,
      title: `Accepted proposal ${proposalId} (${proposal.programme_id}, ${record.round.label})`,
      url: null,
      date: new Date().toISOString().slice(0, 10),
      note: `Written when proposal ${proposalId} was accepted.`,
      origin: 'proposal',
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();

  const r = record.round;
  const roundRow = preparing
    ? await planPreparedRound(trx, { ...r, proposalId })
    : await trx
        .insertInto('rounds')
        .values(toRoundRow({ ...r, proposalId }))
        .returningAll()
        .executeTakeFirstOrThrow();

  const factSources: { participation_id: number | null; group_id: string | null; mentor_link_id: number | null; source_id: string; position: number }[] = [];

  if (record.participations.length) {
    const rows = await trx
      .insertInto('participations')
      .values(
        record.participations.map((p) => ({
          round_id: r.id,
          org_id: p.orgId,
          role: p.role,
          focus: p.focus,
          delegation: p.delegation,
          disputed: p.disputed,
        })),
      )
      .returning(['id', 'org_id', 'role'])
      .execute();
    // Matched by natural key: RETURNING order is not promised to follow VALUES order.
    const idOf = new Map(rows.map((row) => [`${row.org_id}\u0000${row.role}`, row.id]));
    for (const p of record.participations) {
      const id = idOf.get(`${p.orgId}\u0000${p.role}`) ?? null;
      withProposalSource(p.sources, sourceId).forEach((source_id, position) =>
        factSources.push({ participation_id: id, group_id: null, mentor_link_id: null, source_id, position }),
      );
    }
  }

  if (record.groups.length) {
    await trx
      .insertInto('benchmark_groups')
      .values(
        record.groups.map((g, i) => ({
          id: g.id,
          round_id: r.id,
          position: i + 1,
          focus: g.focus,
          theme: g.theme,
          note: g.note,
          disputed: g.disputed,
        })),
      )
      .execute();
    const members = record.groups.flatMap((g) => g.members.map((org_id, position) => ({ group_id: g.id, org_id, position })));
    if (members.length) await trx.insertInto('group_members').values(members).execute();
    for (const g of record.groups) {
      withProposalSource(g.sources, sourceId).forEach((source_id, position) =>
        factSources.push({ participation_id: null, group_id: g.id, mentor_link_id: null, source_id, position }),
      );
    }
  }

  if (record.mentorLinks.length) {
    const rows = await trx
      .insertInto('mentor_links')
      .values(
        record.mentorLinks.map((m) => ({
          round_id: r.id,
          mentor_id: m.mentorId,
          mentee_id: m.menteeId,
          role: m.role,
          disputed: m.disputed,
        })),
      )
      .returning(['id', 'mentor_id', 'mentee_id', 'role'])
      .execute();
    const idOf = new Map(rows.map((row) => [`${row.mentor_id}\u0000${row.mentee_id}\u0000${row.role}`, row.id]));
    const linkConflicts: { mentor_link_id: number; conflict_id: string; position: number }[] = [];
    for (const link of record.mentorLinks) {
      const id = idOf.get(`${link.mentorId}\u0000${link.menteeId}\u0000${link.role}`);
      if (id === undefined) continue;
      withProposalSource(link.sources, sourceId).forEach((source_id, position) =>
        factSources.push({ participation_id: null, group_id: null, mentor_link_id: id, source_id, position }),
      );
      link.conflicts.forEach((conflict_id, position) => linkConflicts.push({ mentor_link_id: id, conflict_id, position }));
    }
    if (linkConflicts.length) await trx.insertInto('mentor_link_conflicts').values(linkConflicts).execute();
  }

  for (let i = 0; i < factSources.length; i += 500) {
    await trx.insertInto('fact_sources').values(factSources.slice(i, i + 500)).execute();
  }

  await trx.updateTable('proposals').set({ accepted_round_id: r.id }).where('id', '=', proposalId).execute();
  await bumpDataVersion(trx);
  return { round: toRound(roundRow), created: true };
}
