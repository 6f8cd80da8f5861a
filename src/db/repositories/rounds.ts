/**
 * A round's state transitions (start, complete, cancel) written in one transaction each.
 *
 * Invariants: the round row is locked (SELECT … FOR UPDATE) before the decision, so two
 * concurrent transitions of one round are serialised and the second decides on the first's
 * result; the decision itself is the pure core's (round-lifecycle.ts), given the programme's
 * other rounds; nothing is written (and the data version stays) when the decision changes
 * nothing, so a repeated request is a no-op.
 */
import type { Kysely } from 'kysely';
import { notFound } from '../../core/errors.js';
import type { Round } from '../../core/model.js';
import { bumpDataVersion } from '../data-version.js';
import { toRound } from '../read-world.js';
import type { Database } from '../schema.js';

export interface RoundDecision {
  round: Round;
  changed: boolean;
}

/**
 * Locks round `id`, asks `decide` what it becomes given the rounds of its programme, and writes
 * the state, dates and reason when they changed. Errors thrown by `decide` roll back.
 */
export async function transitionRound(
  db: Kysely<Database>,
  id: string,
  decide: (round: Round, programmeRounds: Round[]) => RoundDecision,
): Promise<RoundDecision> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('rounds').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('round', id);
    const siblings = (await trx.selectFrom('rounds').selectAll().where('programme_id', '=', row.programme_id).execute()).map(toRound);
    const decision = decide(toRound(row), siblings);
    if (!decision.changed) return decision;
    const r = decision.round;
    const written = await trx
      .updateTable('rounds')
      .set({ state: r.state, state_reason: r.stateReason, start_date: r.start, end_date: r.end })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await bumpDataVersion(trx);
    return { round: toRound(written), changed: true };
  });
}
