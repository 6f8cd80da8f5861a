import { describe, expect, it } from 'vitest';
import type { World } from '../../../src/core/model.js';
import { defaultMentorIds } from '../../../src/core/matching/index.js';
import { plannedMarker, selectTakenPlace } from '../../../src/core/record/taken-place.js';
import { buildLineageForest } from '../../../src/core/lineage/index.js';
import { computeSpread } from '../../../src/core/spread/index.js';
import { link, shippedWorld, tinyWorld } from '../lineage/fixtures.js';

/**
 * r1 completed (a→b), r2 running (b→c), r3 planned (c→d), r4 cancelled (a→e), r5 superseded
 * (b→f); a conflict concerns r2 and r3, another only r4.
 */
function lifecycleWorld(): World {
  const w = tinyWorld(['a', 'b', 'c', 'd', 'e', 'f'], [link('r1', 'a', 'b'), link('r2', 'b', 'c', 'mentor', { conflicts: ['k1'] }), link('r3', 'c', 'd', 'mentor', { conflicts: ['k1'] }), link('r4', 'a', 'e', 'mentor', { conflicts: ['k2'] }), link('r5', 'b', 'f')], 5);
  const states = ['completed', 'running', 'planned', 'cancelled', 'superseded'] as const;
  w.rounds.forEach((r, i) => {
    r.state = states[i]!;
    r.stateReason = i >= 3 ? 'why' : null;
  });
  w.participations = w.mentorLinks.flatMap((l) => [
    { roundId: l.roundId, orgId: l.menteeId, role: 'participant' as const, focus: [], delegation: [], sources: ['s1'], disputed: false },
    { roundId: l.roundId, orgId: l.mentorId, role: 'mentor' as const, focus: [], delegation: [], sources: ['s1'], disputed: false },
  ]);
  w.groups = w.mentorLinks.map((l) => ({ id: `${l.roundId}-g1`, roundId: l.roundId, members: [l.menteeId], focus: [], theme: null, note: null, sources: ['s1'], disputed: false }));
  w.conflicts = [
    { id: 'k1', about: 'two rounds', concerns: [{ round: 'r2', kind: 'participant', org: 'c' }, { round: 'r3', kind: 'participant', org: 'd' }], statements: [] },
    { id: 'k2', about: 'cancelled only', concerns: [{ round: 'r4', kind: 'participant', org: 'e' }], statements: [] },
  ];
  return w;
}

describe('selectTakenPlace', () => {
  it('gives the same object for the same World and option, so identity-keyed caches hold', () => {
    const w = lifecycleWorld();
    const t = selectTakenPlace(w);
    expect(t).not.toBe(w);
    expect(selectTakenPlace(w)).toBe(t);
    const p = selectTakenPlace(w, { includePlanned: true });
    expect(p).not.toBe(t);
    expect(p.rounds.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
    expect(selectTakenPlace(w, { includePlanned: true })).toBe(p);
  });

  it('keeps running and completed rounds and only their facts', () => {
    const w = lifecycleWorld();
    const t = selectTakenPlace(w);
    expect(t.rounds.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(t.mentorLinks.map((l) => `${l.roundId}:${l.mentorId}>${l.menteeId}`)).toEqual(['r1:a>b', 'r2:b>c']);
    expect(new Set(t.participations.map((p) => p.roundId))).toEqual(new Set(['r1', 'r2']));
    expect(t.groups.map((g) => g.roundId)).toEqual(['r1', 'r2']);
    // k1 keeps its r2 concern only; k2 (cancelled round only) is gone.
    expect(t.conflicts.map((c) => [c.id, c.concerns.map((k) => k.round)])).toEqual([['k1', ['r2']]]);
    // Everything not belonging to rounds is kept as is, and the input is untouched.
    expect(t.organisations).toBe(w.organisations);
    expect(t.sources).toBe(w.sources);
    expect(w.rounds).toHaveLength(5);
    expect(w.conflicts[0]!.concerns).toHaveLength(2);
  });

  it('adds planned rounds when asked, never cancelled or superseded ones', () => {
    const t = selectTakenPlace(lifecycleWorld(), { includePlanned: true });
    expect(t.rounds.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
    expect(t.mentorLinks.map((l) => l.roundId)).toEqual(['r1', 'r2', 'r3']);
    expect(t.conflicts.map((c) => c.id)).toEqual(['k1']);
    expect(plannedMarker(t, { includePlanned: true })).toEqual({ includesPlanned: true, plannedRoundIds: ['r3'] });
    expect(plannedMarker(selectTakenPlace(lifecycleWorld()), {})).toEqual({ includesPlanned: false, plannedRoundIds: [] });
  });

  it('returns the shipped record unchanged: every round of it has taken place', async () => {
    const w = await shippedWorld();
    expect(w.rounds.every((r) => r.state === 'running' || r.state === 'completed')).toBe(true);
    expect(selectTakenPlace(w)).toBe(w);
  });

  it('keeps lineage and spread free of plans: only the rounds that took place count', () => {
    const w = lifecycleWorld();
    const forest = buildLineageForest(selectTakenPlace(w), {});
    // a→b (r1), b→c (r2): three organisations in one tree; d, e and f appear only in plans or dead rounds.
    expect(forest.links.map((l) => `${l.mentorId}>${l.menteeId}`).sort()).toEqual(['a>b', 'b>c']);
    const spread = computeSpread(selectTakenPlace(w), {});
    expect(spread.rounds.map((r) => r.round.id)).toEqual(['r1', 'r2']);
    expect(spread.reach.organisations).toBe(3);
    const withPlanned = computeSpread(selectTakenPlace(w, { includePlanned: true }), {});
    expect(withPlanned.rounds.map((r) => [r.round.id, r.round.state])).toEqual([['r1', 'completed'], ['r2', 'running'], ['r3', 'planned']]);
    expect(withPlanned.reach.organisations).toBe(4);
  });

  it('names as default mentors the participants of completed rounds that did not mentor in the latest round that took place', () => {
    // Completed: r1 only (participant b). The latest round that took place is r2 (running), whose
    // mentor is b: so nobody. Were r2 completed too, c (its participant) would qualify and b not.
    const w = lifecycleWorld();
    expect(defaultMentorIds(w, 'p')).toEqual([]);
    w.rounds[1]!.state = 'completed';
    expect(defaultMentorIds(w, 'p')).toEqual(['c']);
    // The planned r3 (mentor c) is not "the latest round": c stays eligible.
  });
});
