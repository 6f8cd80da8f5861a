/**
 * Applications and mentor offers of rounds in preparation.
 *
 * Invariants:
 * - every write runs in one transaction that first locks the round row (SELECT … FOR UPDATE) and
 *   checks that it is still `preparing`: a round that moved on (planned, cancelled…) takes no
 *   more applications (409);
 * - a batch (one API body or one imported file) is written whole or not at all: new
 *   organisations (origin 'import'), then applications or offers upserted on (round, organisation);
 * - an organisation is never both applicant and mentor of one round (re-checked in the transaction);
 * - creating organisations bumps the data version (the World changed); other writes do not, as
 *   the World holds no applications.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Application, ApplicationFields, MentorOffer, MentorOfferFields, OrganisationToCreate } from '../../core/applications.js';
import { AppError, notFound } from '../../core/errors.js';
import type { Round } from '../../core/model.js';
import { bumpDataVersion } from '../data-version.js';
import { asPgError, isDataError } from '../db-errors.js';
import { toRound, toRoundRow } from '../read-world.js';
import type { ApplicationsTable, Database, MentorOffersTable, RoundRow } from '../schema.js';

type Trx = Transaction<Database>;

const iso = (d: Date | string): string => new Date(d).toISOString();

function toApplication(row: Selectable<ApplicationsTable>): Application {
  return {
    id: row.id,
    roundId: row.round_id,
    orgId: row.org_id,
    focus: row.focus,
    delegation: row.delegation,
    wishWith: row.wish_with,
    notWith: row.not_with,
    genderDecision: row.gender_decision,
    note: row.note,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

function toOffer(row: Selectable<MentorOffersTable>): MentorOffer {
  return {
    id: row.id,
    roundId: row.round_id,
    orgId: row.org_id,
    capacity: row.capacity,
    note: row.note,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** Locks the round and checks it takes applications; returns it. */
async function lockPreparingRound(trx: Trx, roundId: string): Promise<Round> {
  const row = await trx.selectFrom('rounds').selectAll().where('id', '=', roundId).forUpdate().executeTakeFirst();
  if (!row) throw notFound('round', roundId);
  const round = toRound(row);
  if (round.state !== 'preparing') {
    throw new AppError('conflict', `Round '${roundId}' is ${round.state}; applications and mentor offers can only change while it is preparing.`, [
      { field: 'round', message: `round is ${round.state}`, values: [roundId, round.state] },
    ]);
  }
  return round;
}

async function insertOrganisations(trx: Trx, create: readonly OrganisationToCreate[]): Promise<void> {
  if (create.length === 0) return;
  const kinds = new Set((await trx.selectFrom('organisation_kinds').select('id').execute()).map((k) => k.id));
  const newKinds = [...new Set(create.map((c) => c.kind))].filter((k) => !kinds.has(k));
  if (newKinds.length) await trx.insertInto('organisation_kinds').values(newKinds.map((id) => ({ id }))).execute();
  await trx
    .insertInto('organisations')
    .values(
      create.map((c) => ({
        id: c.id,
        kind: c.kind,
        name: c.name,
        parent_id: null,
        county_code: c.countyCode,
        population: null,
        population_year: null,
        kommungrupp_2017: null,
        kommungrupp_2023: null,
        area_km2: null,
        lat: null,
        lon: null,
        note: 'Created from an application (intresseanmälan).',
        origin: 'import' as const,
      })),
    )
    .execute();
  await bumpDataVersion(trx);
}

async function otherRole(trx: Trx, roundId: string, table: 'applications' | 'mentor_offers', orgIds: string[]): Promise<string[]> {
  if (orgIds.length === 0) return [];
  const rows = await trx.selectFrom(table).select('org_id').where('round_id', '=', roundId).where('org_id', 'in', orgIds).execute();
  return rows.map((r) => r.org_id);
}

/** Runs a write; database refusals become AppErrors (a concurrent duplicate → 409). */
async function write<T>(db: Kysely<Database>, what: string, f: (trx: Trx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(f);
  } catch (err) {
    if (err instanceof AppError) throw err;
    const pg = asPgError(err);
    if (pg?.code === '23505') throw new AppError('conflict', `${what}: the organisation is already in this round (written at the same time?).`, [{ field: 'organisation', message: 'already in this round' }]);
    if (pg?.code === '23503') throw new AppError('invalid_input', `${what}: a referenced organisation does not exist.`, [{ field: 'organisation', message: 'unknown organisation' }]);
    if (isDataError(err)) throw new AppError('invalid_input', `${what} was refused: a value is out of its bounds.`, [{ field: pg?.constraint ?? 'body', message: 'out of bounds' }]);
    throw err;
  }
}

/** A new round in `preparing`; a live round with the same programme and label (or id) is a 409. */
export async function createPreparingRound(
  db: Kysely<Database>,
  input: { id: string; programmeId: string; label: string; notes: string | null },
): Promise<Round> {
  const clashMessage = (id: string, state: string) =>
    new AppError('conflict', `Programme '${input.programmeId}' already has a round labelled '${input.label}' (id '${id}', ${state}); choose another label.`, [
      { field: 'label', message: `a ${state} round with this label exists`, values: [id] },
    ]);
  try {
    return await db.transaction().execute(async (trx) => {
      const clash = await trx
        .selectFrom('rounds')
        .select(['id', 'state'])
        .where((eb) => eb.or([eb('id', '=', input.id), eb.and([eb('programme_id', '=', input.programmeId), eb('label', '=', input.label), eb('state', 'not in', ['cancelled', 'superseded'])])]))
        .executeTakeFirst();
      if (clash) throw clashMessage(clash.id, clash.state);
      const row = await trx
        .insertInto('rounds')
        .values(
          toRoundRow({ id: input.id, programmeId: input.programmeId, label: input.label, start: null, end: null, state: 'preparing', stateReason: null, notes: input.notes, proposalId: null }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      await bumpDataVersion(trx);
      return toRound(row);
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    const pg = asPgError(err);
    if (pg?.code === '23505') throw clashMessage(input.id, 'live');
    if (pg?.code === '23503') throw new AppError('invalid_input', `Unknown programme '${input.programmeId}'.`, [{ field: 'programme', message: 'unknown programme' }]);
    throw err;
  }
}

export async function listPreparingRounds(db: Kysely<Database>): Promise<Round[]> {
  const rows = await db.selectFrom('rounds').selectAll().where('state', '=', 'preparing').orderBy('programme_id').orderBy('label').execute();
  return rows.map(toRound);
}

/**
 * Inside an accept's transaction: locks the round in preparation a proposal was made from and
 * checks it can become planned (exists, still preparing, same programme).
 */
export async function lockRoundForAccept(trx: Trx, roundId: string, programmeId: string): Promise<Round> {
  const row = await trx.selectFrom('rounds').selectAll().where('id', '=', roundId).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('not_found', `No round with id '${roundId}'.`, [{ field: 'round', message: 'unknown round', values: [roundId] }]);
  const round = toRound(row);
  if (round.state !== 'preparing')
    throw new AppError('conflict', `Round '${roundId}' is ${round.state}, not preparing; only a round in preparation becomes planned by an accept.`, [
      { field: 'round', message: `round is ${round.state}`, values: [roundId, round.state] },
    ]);
  if (round.programmeId !== programmeId)
    throw new AppError('invalid_input', `Round '${roundId}' belongs to programme '${round.programmeId}', the proposal to '${programmeId}'.`, [
      { field: 'round', message: 'another programme', values: [roundId] },
    ]);
  return round;
}

/** Inside an accept's transaction: the round in preparation becomes the planned round `r` (same id). */
export async function planPreparedRound(trx: Trx, r: Round): Promise<RoundRow> {
  return trx
    .updateTable('rounds')
    .set({ label: r.label, start_date: r.start, end_date: r.end, state: 'planned', state_reason: null, notes: r.notes, proposal_id: r.proposalId })
    .where('id', '=', r.id)
    .where('state', '=', 'preparing')
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function readRoundById(db: Kysely<Database>, roundId: string): Promise<Round | null> {
  const row = await db.selectFrom('rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
  return row ? toRound(row) : null;
}

export async function listApplications(db: Kysely<Database>, roundId: string): Promise<Application[]> {
  const rows = await db.selectFrom('applications').selectAll().where('round_id', '=', roundId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toApplication);
}

export async function listMentorOffers(db: Kysely<Database>, roundId: string): Promise<MentorOffer[]> {
  const rows = await db.selectFrom('mentor_offers').selectAll().where('round_id', '=', roundId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toOffer);
}

/** Number of applications and offers per round id. */
export async function countPreparation(db: Kysely<Database>): Promise<Map<string, { applications: number; mentorOffers: number }>> {
  const out = new Map<string, { applications: number; mentorOffers: number }>();
  const a = await db.selectFrom('applications').select(['round_id']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('round_id').execute();
  const m = await db.selectFrom('mentor_offers').select(['round_id']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('round_id').execute();
  for (const r of a) out.set(r.round_id, { applications: Number(r.n), mentorOffers: 0 });
  for (const r of m) out.set(r.round_id, { applications: out.get(r.round_id)?.applications ?? 0, mentorOffers: Number(r.n) });
  return out;
}

export interface ApplicationBatch {
  create: OrganisationToCreate[];
  applications: ApplicationFields[];
  /** 'insert': an organisation already applying is a 409; 'upsert': it is updated (re-importing a file). */
  mode: 'insert' | 'upsert';
}

export async function saveApplications(
  db: Kysely<Database>,
  roundId: string,
  batch: ApplicationBatch,
): Promise<{ saved: Application[]; inserted: string[]; updated: string[] }> {
  return write(db, 'The applications', async (trx) => {
    await lockPreparingRound(trx, roundId);
    const orgIds = batch.applications.map((a) => a.orgId);
    const clash = await otherRole(trx, roundId, 'mentor_offers', orgIds);
    if (clash.length) throw new AppError('conflict', `Already mentors in this round: ${clash.join(', ')}; an organisation cannot both apply and mentor.`, [{ field: 'organisation', message: 'offers to mentor in this round', values: clash }]);
    const existing = new Set(orgIds.length ? (await trx.selectFrom('applications').select('org_id').where('round_id', '=', roundId).where('org_id', 'in', orgIds).execute()).map((r) => r.org_id) : []);
    if (batch.mode === 'insert' && existing.size) {
      throw new AppError('conflict', `Already applied to this round: ${[...existing].join(', ')}; edit the application instead.`, [{ field: 'organisation', message: 'already applied', values: [...existing] }]);
    }
    await insertOrganisations(trx, batch.create);
    const now = new Date().toISOString();
    const saved: Application[] = [];
    for (const a of batch.applications) {
      const values = {
        focus: a.focus,
        delegation: a.delegation,
        wish_with: a.wishWith,
        not_with: a.notWith,
        gender_decision: a.genderDecision,
        note: a.note,
      };
      const row = await trx
        .insertInto('applications')
        .values({ id: randomUUID(), round_id: roundId, org_id: a.orgId, ...values })
        .onConflict((oc) => oc.columns(['round_id', 'org_id']).doUpdateSet({ ...values, updated_at: now }))
        .returningAll()
        .executeTakeFirstOrThrow();
      saved.push(toApplication(row));
    }
    return { saved, inserted: orgIds.filter((id) => !existing.has(id)), updated: orgIds.filter((id) => existing.has(id)) };
  });
}

export async function updateApplication(
  db: Kysely<Database>,
  roundId: string,
  id: string,
  batch: { create: OrganisationToCreate[]; application: ApplicationFields },
): Promise<Application> {
  return write(db, 'The application', async (trx) => {
    await lockPreparingRound(trx, roundId);
    const current = await trx.selectFrom('applications').select('id').where('id', '=', id).where('round_id', '=', roundId).executeTakeFirst();
    if (!current) throw notFound('application', id);
    const clash = await otherRole(trx, roundId, 'mentor_offers', [batch.application.orgId]);
    if (clash.length) throw new AppError('conflict', `'${clash[0]}' offers to mentor in this round; it cannot also apply.`, [{ field: 'organisation', message: 'offers to mentor in this round', values: clash }]);
    await insertOrganisations(trx, batch.create);
    const a = batch.application;
    const row = await trx
      .updateTable('applications')
      .set({
        org_id: a.orgId,
        focus: a.focus,
        delegation: a.delegation,
        wish_with: a.wishWith,
        not_with: a.notWith,
        gender_decision: a.genderDecision,
        note: a.note,
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toApplication(row);
  });
}

export const deleteApplication = (db: Kysely<Database>, roundId: string, id: string): Promise<void> =>
  deleteItem(db, 'applications', 'application', roundId, id);

/** Removes one application or mentor offer of a round still in preparation. */
async function deleteItem(db: Kysely<Database>, table: 'applications' | 'mentor_offers', what: string, roundId: string, id: string): Promise<void> {
  await write(db, `Removing the ${what}`, async (trx) => {
    await lockPreparingRound(trx, roundId);
    const r = await trx.deleteFrom(table).where('id', '=', id).where('round_id', '=', roundId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw notFound(what, id);
  });
}

export async function saveMentorOffers(
  db: Kysely<Database>,
  roundId: string,
  batch: { offers: MentorOfferFields[]; mode: 'insert' | 'upsert' },
): Promise<{ saved: MentorOffer[]; inserted: string[]; updated: string[] }> {
  return write(db, 'The mentor offers', async (trx) => {
    await lockPreparingRound(trx, roundId);
    const orgIds = batch.offers.map((o) => o.orgId);
    const clash = await otherRole(trx, roundId, 'applications', orgIds);
    if (clash.length) throw new AppError('conflict', `Already applicants in this round: ${clash.join(', ')}; an organisation cannot both apply and mentor.`, [{ field: 'organisation', message: 'applies to this round', values: clash }]);
    const existing = new Set(orgIds.length ? (await trx.selectFrom('mentor_offers').select('org_id').where('round_id', '=', roundId).where('org_id', 'in', orgIds).execute()).map((r) => r.org_id) : []);
    if (batch.mode === 'insert' && existing.size) {
      throw new AppError('conflict', `Already offered to mentor in this round: ${[...existing].join(', ')}; edit the offer instead.`, [{ field: 'organisation', message: 'already offered', values: [...existing] }]);
    }
    const now = new Date().toISOString();
    const saved: MentorOffer[] = [];
    for (const o of batch.offers) {
      const row = await trx
        .insertInto('mentor_offers')
        .values({ id: randomUUID(), round_id: roundId, org_id: o.orgId, capacity: o.capacity, note: o.note })
        .onConflict((oc) => oc.columns(['round_id', 'org_id']).doUpdateSet({ capacity: o.capacity, note: o.note, updated_at: now }))
        .returningAll()
        .executeTakeFirstOrThrow();
      saved.push(toOffer(row));
    }
    return { saved, inserted: orgIds.filter((id) => !existing.has(id)), updated: orgIds.filter((id) => existing.has(id)) };
  });
}

export async function updateMentorOffer(db: Kysely<Database>, roundId: string, id: string, offer: MentorOfferFields): Promise<MentorOffer> {
  return write(db, 'The mentor offer', async (trx) => {
    await lockPreparingRound(trx, roundId);
    const current = await trx.selectFrom('mentor_offers').select('id').where('id', '=', id).where('round_id', '=', roundId).executeTakeFirst();
    if (!current) throw notFound('mentor offer', id);
    const clash = await otherRole(trx, roundId, 'applications', [offer.orgId]);
    if (clash.length) throw new AppError('conflict', `'${clash[0]}' applies to this round; it cannot also mentor.`, [{ field: 'organisation', message: 'applies to this round', values: clash }]);
    const row = await trx
      .updateTable('mentor_offers')
      .set({ org_id: offer.orgId, capacity: offer.capacity, note: offer.note, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toOffer(row);
  });
}

export const deleteMentorOffer = (db: Kysely<Database>, roundId: string, id: string): Promise<void> =>
  deleteItem(db, 'mentor_offers', 'mentor offer', roundId, id);
