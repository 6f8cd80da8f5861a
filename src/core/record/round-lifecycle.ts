/**
 * The transitions of a round's life after acceptance: start (planned → running), complete
 * (running → completed) and cancel (planned or running → cancelled). Pure: given the round and
 * the other rounds of its programme, it says what the round becomes or why it cannot.
 *
 * Invariants:
 * - a repeated transition with the same data changes nothing (`changed: false`), so a client may
 *   retry safely; the same transition with other data, or one the state does not allow, is a
 *   'conflict' naming the round's state;
 * - a start month is never before the start of the programme's previous round that has taken
 *   place (running or completed), and an end month never before the round's start; either is an
 *   'invalid_input' naming the field (`start`, `end`);
 * - months are "YYYY-MM"; the round's recorded dates may be "YYYY-MM-DD", compared by month.
 */
import { AppError } from '../errors.js';
import { compareRounds, TAKEN_PLACE_STATES, type Round } from '../model.js';

export type RoundTransition =
  | { kind: 'start'; start: string }
  | { kind: 'complete'; end: string }
  | { kind: 'cancel'; reason: string };

export interface TransitionOutcome {
  round: Round;
  /** false when the round already was in the state the transition leads to, with the same data. */
  changed: boolean;
}

const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
const month = (date: string): string => date.slice(0, 7);

/** Checks that a field is a month "YYYY-MM" (AppError 'invalid_input' naming the field otherwise). */
export function checkMonth(value: string, field: string): void {
  if (!MONTH.test(value)) {
    throw new AppError('invalid_input', `'${field}' must be a month written YYYY-MM (e.g. 2026-09), not '${value}'.`, [
      { field, message: 'must be a month YYYY-MM', values: [value] },
    ]);
  }
}

/**
 * The programme's round started most recently before `roundId` among those that have taken place;
 * null when none has a start.
 */
export function previousStartedRound(rounds: readonly Round[], programmeId: string, roundId: string | null): Round | null {
  const started = rounds
    .filter((r) => r.programmeId === programmeId && r.id !== roundId && TAKEN_PLACE_STATES.includes(r.state) && r.start !== null)
    .sort(compareRounds);
  return started[started.length - 1] ?? null;
}

/** Refuses a start month before the previous round of the programme started. */
export function checkStartAfterPrevious(rounds: readonly Round[], programmeId: string, roundId: string | null, start: string, field = 'start'): void {
  checkMonth(start, field);
  const previous = previousStartedRound(rounds, programmeId, roundId);
  if (previous?.start && start < month(previous.start)) {
    throw new AppError(
      'invalid_input',
      `'${field}' ${start} is before the start of the programme's previous round '${previous.label}' (${month(previous.start)}); a round cannot start before the one before it.`,
      [{ field, message: `must not be before ${month(previous.start)}`, values: [start, previous.id] }],
    );
  }
}

const conflict = (round: Round, what: string): AppError =>
  new AppError('conflict', `Round '${round.label}' (${round.id}) is ${round.state}${round.stateReason ? ` (${round.stateReason})` : ''}; it cannot ${what}.`, [
    { field: 'state', message: `round is ${round.state}`, values: [round.id, round.state] },
  ]);

/**
 * What `round` becomes under `transition`, given every round of the record (for the
 * previous-round rule). Throws AppError 'conflict' or 'invalid_input' as described above.
 */
export function applyTransition(round: Round, transition: RoundTransition, rounds: readonly Round[]): TransitionOutcome {
  switch (transition.kind) {
    case 'start': {
      checkMonth(transition.start, 'start');
      if (round.state === 'running' && round.start !== null && month(round.start) === transition.start) return { round, changed: false };
      if (round.state !== 'planned') throw conflict(round, `start in ${transition.start}: only a planned round can start`);
      checkStartAfterPrevious(rounds, round.programmeId, round.id, transition.start);
      return { round: { ...round, state: 'running', start: transition.start, end: null, stateReason: null }, changed: true };
    }
    case 'complete': {
      checkMonth(transition.end, 'end');
      if (round.state === 'completed' && round.end !== null && month(round.end) === transition.end) return { round, changed: false };
      if (round.state !== 'running') throw conflict(round, `complete in ${transition.end}: only a running round can complete`);
      if (round.start !== null && transition.end < month(round.start)) {
        throw new AppError('invalid_input', `'end' ${transition.end} is before the round's start ${month(round.start)}.`, [
          { field: 'end', message: `must not be before ${month(round.start)}`, values: [transition.end] },
        ]);
      }
      return { round: { ...round, state: 'completed', end: transition.end }, changed: true };
    }
    case 'cancel': {
      const reason = transition.reason.trim();
      if (reason === '') throw new AppError('invalid_input', "'reason' must say why the round is cancelled.", [{ field: 'reason', message: 'must not be empty' }]);
      if (round.state === 'cancelled' && round.stateReason === reason) return { round, changed: false };
      if (round.state !== 'planned' && round.state !== 'running') throw conflict(round, 'be cancelled: only a planned or running round can');
      return { round: { ...round, state: 'cancelled', stateReason: reason }, changed: true };
    }
  }
}
