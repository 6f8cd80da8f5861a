import { beforeAll, describe, expect, it } from 'vitest';
import { describeRound, listCohorts } from '../../../src/core/cohorts.js';
import { AppError } from '../../../src/core/errors.js';
import type { World } from '../../../src/core/model.js';
import { link, rawHistory, shippedWorld, tinyWorld } from './fixtures.js';

let world: World;
beforeAll(async () => {
  world = await shippedWorld();
});

const menteeIds = (c: { mentees: { organisation: { id: string } }[] }) => c.mentees.map((m) => m.organisation.id).sort();

describe('listCohorts on the shipped record', () => {
  it('mk-2019: Boden (2582) with co-mentor Luleå (2580) and supporting Piteå (2581) for FNK', () => {
    const c = listCohorts(world, 'mk-2019').find((x) => x.mentor?.organisation.id === '2582')!;
    expect(c.mentor!.organisation.name).toBe('Boden');
    expect(c.coMentors.map((m) => m.organisation.id)).toEqual(['2580']);
    expect(c.supportingMentors.map((m) => m.organisation.id)).toEqual(['2581']);
    expect(menteeIds(c)).toEqual(['FNK']);
    expect(c.mentees[0]!.organisation.kind).toBe('forbund');
    expect(c.mentees[0]!.sources.map((s) => s.id)).toEqual(['skl-2019-web']);
  });

  it('keeps Västerås under both disputed 2019 mentors', () => {
    const cohorts = listCohorts(world, 'mk-2019');
    const holding = cohorts.filter((c) => c.mentees.some((m) => m.organisation.id === '1980'));
    expect(holding.map((c) => c.mentor!.organisation.id).sort()).toEqual(['0380', '2083']);
    for (const c of holding) {
      const edge = c.mentees.find((m) => m.organisation.id === '1980')!;
      expect(edge.disputed).toBe(true);
      expect(edge.conflicts).toContain('vasteras-mentor-2019');
      expect(c.disputed).toBe(true);
    }
  });

  it("mk-2017: Eskilstuna's cohort is the union of both sources, each mentee with its own sources", () => {
    const c = listCohorts(world, 'mk-2017').find((x) => x.mentor?.organisation.id === '0484')!;
    expect(menteeIds(c)).toEqual(['0180-EAV', '0188', '0380', '2083']);
    const byId = new Map(c.mentees.map((m) => [m.organisation.id, m]));
    expect(byId.get('0380')!.sources.map((s) => s.id)).toEqual(['skl-2018-presentation']);
    expect(byId.get('0380')!.disputed).toBe(true);
    expect(byId.get('0180-EAV')!.sources.map((s) => s.id)).toEqual(['skl-2016-web']);
    expect(byId.get('2083')!.disputed).toBe(false);
    expect(c.mentor!.disputed).toBe(false);
  });

  it('has one cohort per principal mentor named in history.json for the round', () => {
    for (const r of rawHistory().rounds) {
      const mentors = new Set((r.mentorships ?? []).map((m) => m.mentor));
      expect(new Set(listCohorts(world, r.id).map((c) => c.mentor!.organisation.id))).toEqual(mentors);
    }
  });

  it('throws not_found for an unknown round', () => {
    expect(() => listCohorts(world, 'mk-1999')).toThrowError(AppError);
  });
});

describe('listCohorts on hand-built worlds', () => {
  it('puts a co-mentor with no principal mentor in an unled cohort', () => {
    const w = tinyWorld(['A', 'B', 'C'], [link('r1', 'A', 'B', 'co_mentor'), link('r1', 'C', 'B', 'supporting_mentor', { disputed: true })]);
    const [c, ...rest] = listCohorts(w, 'r1');
    expect(rest).toEqual([]);
    expect(c!.id).toBe('r1-unled');
    expect(c!.mentor).toBeNull();
    expect(c!.coMentors.map((m) => m.organisation.id)).toEqual(['A']);
    expect(c!.supportingMentors[0]!.disputed).toBe(true);
    expect(menteeIds(c!)).toEqual(['B']);
  });
});

describe('describeRound', () => {
  it('describes mk-2019 with participants, named group members and cohorts', () => {
    const d = describeRound(world, 'mk-2019');
    expect(d.round).toMatchObject({ id: 'mk-2019', label: '2019-2020', programmeId: 'modellkommuner', start: '2019-02' });
    expect(d.programme.id).toBe('modellkommuner');
    const raw = rawHistory().rounds.find((r) => r.id === 'mk-2019')!;
    expect(d.groups).toHaveLength(raw.groups!.length);
    const g = d.groups.find((x) => x.members.some((m) => m.id === '0127'))!;
    expect(g.members.map((m) => m.name).sort()).toEqual(['Botkyrka', 'Västerås']);
    const ostersund = d.groups.find((x) => x.members.some((m) => m.id === '2380'))!;
    expect(ostersund.disputed).toBe(true);
    expect(ostersund.conflicts).toEqual(['ostersund-kalmar-2019']);
    const fnk = d.participants.find((p) => p.organisation.id === 'FNK')!;
    expect(fnk.role).toBe('participant');
    const roles = d.participants.filter((p) => p.organisation.id === '2581').map((p) => p.role);
    expect(roles).toEqual(['supporting_mentor']);
    expect(d.cohorts.length).toBe(new Set(raw.mentorships!.map((m) => m.mentor)).size);
    expect(d.conflicts.map((c) => c.id).sort()).toEqual(['ostersund-kalmar-2019', 'vasteras-mentor-2019']);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('marks Grums disputed in mk-2020 and names the conflict', () => {
    const d = describeRound(world, 'mk-2020');
    const grums = d.participants.find((p) => p.organisation.id === '1764')!;
    expect(grums.disputed).toBe(true);
    expect(grums.conflicts).toEqual(['grums-2020']);
    expect(d.participants.filter((p) => p.role === 'mentor').map((p) => p.organisation.id).sort()).toEqual(['0880', '2284']);
    expect(d.cohorts).toEqual([]);
  });

  it('throws not_found naming the id', () => {
    try {
      describeRound(world, 'nope');
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe('not_found');
      expect((e as AppError).message).toContain('nope');
    }
  });
});
