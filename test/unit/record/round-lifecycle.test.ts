import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import type { Round, RoundState } from '../../../src/core/model.js';
import { applyTransition, checkStartAfterPrevious, previousStartedRound } from '../../../src/core/record/round-lifecycle.js';
import { deriveRoundState } from '../../../src/core/record/build-record.js';

const round = (id: string, state: RoundState, start: string | null, end: string | null = null, extra: Partial<Round> = {}): Round => ({
  id, programmeId: 'p', label: id, start, end, state, stateReason: state === 'cancelled' || state === 'superseded' ? 'why' : null, notes: null, proposalId: null, ...extra,
});

const errorOf = (f: () => unknown): AppError => {
  try {
    f();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
};

// A programme: r1 completed (2019-02 to 2020-02), r2 running since 2021-09, a planned r3 and
// a cancelled r0 that would have started in 2022-01 (cancelled rounds never count as previous).
const r1 = round('r1', 'completed', '2019-02', '2020-02');
const r2 = round('r2', 'running', '2021-09');
const r3 = round('r3', 'planned', '2026-09');
const r0 = round('r0', 'cancelled', '2022-01');
const other = { ...round('x1', 'running', '2025-01'), programmeId: 'q' };
const all = [r1, r2, r3, r0, other];

describe('start', () => {
  it('moves a planned round to running with the given month', () => {
    const out = applyTransition(r3, { kind: 'start', start: '2026-10' }, all);
    expect(out.changed).toBe(true);
    expect(out.round).toMatchObject({ state: 'running', start: '2026-10', end: null, stateReason: null });
    expect(r3.state).toBe('planned');
  });

  it('is a no-op when repeated with the same month, and a conflict with another month', () => {
    const started = applyTransition(r3, { kind: 'start', start: '2026-10' }, all).round;
    expect(applyTransition(started, { kind: 'start', start: '2026-10' }, all)).toEqual({ round: started, changed: false });
    expect(errorOf(() => applyTransition(started, { kind: 'start', start: '2026-11' }, all)).code).toBe('conflict');
  });

  it('refuses to start a round that is not planned (409 naming the state)', () => {
    for (const r of [r1, r0, round('s', 'superseded', '2026-01'), round('p', 'preparing', null)]) {
      const err = errorOf(() => applyTransition(r, { kind: 'start', start: '2027-01' }, all));
      expect(err.code).toBe('conflict');
      expect(err.message).toContain(r.state);
    }
  });

  it('refuses a start before the previous round of the programme started, naming the field', () => {
    // The previous started round of p is r2 (2021-09); the cancelled r0 (2022-01) and q's x1 (2025-01) do not count.
    expect(previousStartedRound(all, 'p', 'r3')?.id).toBe('r2');
    const err = errorOf(() => applyTransition(r3, { kind: 'start', start: '2021-08' }, all));
    expect(err.code).toBe('invalid_input');
    expect(err.details[0]?.field).toBe('start');
    expect(applyTransition(r3, { kind: 'start', start: '2021-09' }, all).changed).toBe(true);
    expect(applyTransition(r3, { kind: 'start', start: '2021-12' }, all).changed).toBe(true);
  });

  it('refuses a malformed month, naming the field', () => {
    for (const bad of ['2026-13', '2026-9', '26-09', '2026-09-01', '']) {
      const err = errorOf(() => applyTransition(r3, { kind: 'start', start: bad }, all));
      expect(err.code).toBe('invalid_input');
      expect(err.details[0]?.field).toBe('start');
    }
    expect(errorOf(() => checkStartAfterPrevious(all, 'p', null, 'soon', 'start')).details[0]?.field).toBe('start');
  });
});

describe('complete', () => {
  it('moves a running round to completed; a repeat changes nothing, another end is a conflict', () => {
    const out = applyTransition(r2, { kind: 'complete', end: '2023-03' }, all);
    expect(out).toMatchObject({ changed: true, round: { state: 'completed', start: '2021-09', end: '2023-03' } });
    expect(applyTransition(out.round, { kind: 'complete', end: '2023-03' }, all).changed).toBe(false);
    expect(errorOf(() => applyTransition(out.round, { kind: 'complete', end: '2023-04' }, all)).code).toBe('conflict');
  });

  it('refuses an end before the start (400 on end) and a round that is not running (409)', () => {
    const err = errorOf(() => applyTransition(r2, { kind: 'complete', end: '2021-08' }, all));
    expect(err.code).toBe('invalid_input');
    expect(err.details[0]?.field).toBe('end');
    expect(applyTransition(r2, { kind: 'complete', end: '2021-09' }, all).changed).toBe(true);
    // A day-precise start compares by month.
    expect(applyTransition({ ...r2, start: '2021-09-15' }, { kind: 'complete', end: '2021-09' }, all).changed).toBe(true);
    expect(errorOf(() => applyTransition(r3, { kind: 'complete', end: '2027-09' }, all)).code).toBe('conflict');
    expect(errorOf(() => applyTransition(r0, { kind: 'complete', end: '2027-09' }, all)).code).toBe('conflict');
  });
});

describe('cancel', () => {
  it('cancels a planned or a running round with its reason', () => {
    for (const r of [r3, r2]) {
      const out = applyTransition(r, { kind: 'cancel', reason: ' Too few applicants ' }, all);
      expect(out).toMatchObject({ changed: true, round: { state: 'cancelled', stateReason: 'Too few applicants' } });
      expect(applyTransition(out.round, { kind: 'cancel', reason: 'Too few applicants' }, all).changed).toBe(false);
      expect(errorOf(() => applyTransition(out.round, { kind: 'cancel', reason: 'Another reason' }, all)).code).toBe('conflict');
    }
  });

  it('refuses completed, superseded and preparing rounds, and an empty reason', () => {
    for (const r of [r1, round('s', 'superseded', '2026-01'), round('p', 'preparing', null)]) {
      expect(errorOf(() => applyTransition(r, { kind: 'cancel', reason: 'x' }, all)).code).toBe('conflict');
    }
    expect(errorOf(() => applyTransition(r3, { kind: 'cancel', reason: '   ' }, all)).details[0]?.field).toBe('reason');
  });
});

describe('the state of a round of the record', () => {
  it('is completed with a past end, running without an end, planned only when its start lies ahead', () => {
    expect(deriveRoundState('2019-02', '2020-02', '2026-11-22')).toBe('completed');
    expect(deriveRoundState('2020-11', null, '2026-11-22')).toBe('running');
    expect(deriveRoundState('2026-01', '2027-12', '2026-11-22')).toBe('running');
    expect(deriveRoundState('2027-01', null, '2026-11-22')).toBe('planned');
    expect(deriveRoundState(null, null, '2026-11-22')).toBe('running');
  });
});
