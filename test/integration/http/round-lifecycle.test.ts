/**
 * A round's life over HTTP, on PGlite and (with TEST_DATABASE_URL) PostgreSQL: accepting is
 * deliberate (start month, acknowledgements, replace), transitions (start, complete, cancel) are
 * idempotent and refuse conflicting states and bad dates, and only rounds that have taken place
 * count in spread, lineage, rollout and default mentors.
 *
 * Hand count from data/history.json (programme modellkommuner; every round in it has taken place:
 * mk-2015, mk-2017, mk-2019, mk-2021 have a recorded end, mk-2020 has none and is running):
 * - organisations named in any role: mk-2015 7, mk-2017 adds 15 (21 named, 0484/0680/1280/1880/
 *   2480/2581/… already counted), … in all 46 distinct ids, of which 7 are not municipalities
 *   (regions 05, 07, 17, 24, 25; the stadsdel 0180-EAV; the förbund FNK): 39 municipalities.
 * - Västmanlands län (19) has 10 municipalities; Västerås (1980) and Fagersta (1982) took part
 *   (mk-2019, as mentees of Uppsala and Botkyrka's round), so the rollout's "already reached" for
 *   county:19 is [1980, 1982]. Sala (1981) and Köping (1983) never took part.
 * - Default mentors (participants of completed rounds that did not mentor in the latest round
 *   that took place, mk-2021): 1980 and 1982 qualify (participants of mk-2019, no role in mk-2021).
 *
 * The round accepted here: Sala (1981) and Köping (1983), the only two applicants, form the only
 * possible group (size 2–3), mentored by Västerås (1980), the only mentor. So once it counts:
 * organisations 46 + 2 = 48, municipalities 39 + 2 = 41, two new links 1980→1981 and 1980→1983.
 */
import { describe, expect, it } from 'vitest';
import { auth, useApp } from '../../helpers/app.js';
import { describeEachDatabaseWithDataset } from '../../helpers/databases.js';

const BASE = { organisations: 46, municipalities: 39 };
const WITH_SALA_KOPING = { organisations: 48, municipalities: 41 };

const instance = (round: string, applicants: string[], mentors: string[], rules: Record<string, unknown> = {}) => ({
  programme: 'modellkommuner',
  round,
  applicants: applicants.map((id) => ({ id })),
  mentors: mentors.map((id) => ({ id, capacity: 1 })),
  rules: { groupSize: [2, 3], county: 'same', mentorRequired: false, ...rules },
  seed: 1,
});

interface RoundBody {
  id: string;
  label: string;
  state: string;
  stateReason: string | null;
  start: string | null;
  end: string | null;
}

describeEachDatabaseWithDataset('a round’s life over HTTP', (ctx) => {
  const { app } = useApp(ctx);
  const post = (url: string, payload: unknown, headers: Record<string, string> = auth) =>
    app().inject({ method: 'POST', url, payload: payload as object, headers });
  const get = async (url: string) => {
    const res = await app().inject({ method: 'GET', url });
    expect(res.statusCode, url).toBe(200);
    return res.json();
  };
  const propose = async (body: unknown): Promise<string> => {
    const res = await post('/api/proposals', body);
    expect(res.statusCode).toBe(201);
    return res.json().id;
  };
  const reach = async (includePlanned = false) => {
    const s = await get(`/api/spread?programme=modellkommuner${includePlanned ? '&includePlanned=true' : ''}`);
    return { organisations: s.reach.organisations, municipalities: s.reach.municipalities, plannedRoundIds: s.plannedRoundIds, includesPlanned: s.includesPlanned, rounds: s.rounds.map((r: { round: RoundBody }) => r.round) };
  };
  const linksOf = async (roundId: string, includePlanned = false) =>
    (await get(`/api/lineage?programme=modellkommuner${includePlanned ? '&includePlanned=true' : ''}`)).links
      .filter((l: { roundId: string }) => l.roundId === roundId)
      .map((l: { mentorId: string; menteeId: string }) => `${l.mentorId}>${l.menteeId}`)
      .sort();
  const alreadyReached = async () => {
    const res = await post('/api/rollout-plans', { target: 'county:19' }, {});
    expect(res.statusCode).toBe(200);
    return res.json().alreadyReached;
  };
  const eligible = async (): Promise<string[]> => (await get('/api/mentors/eligible?programme=modellkommuner')).items.map((m: { organisation: { id: string } }) => m.organisation.id);
  const roundState = async (id: string) => (await get('/api/rounds?programme=modellkommuner')).items.find((r: RoundBody) => r.id === id) as RoundBody | undefined;

  let r1: RoundBody;

  describe('accepting is deliberate', () => {
    it('refuses a proposal without any group (422), naming the unplaced', async () => {
      // Köping (19) and Kiruna (25) under "same county": no group is possible, both unplaced.
      const id = await propose(instance('empty', ['1983', '2584'], []));
      const res = await post(`/api/proposals/${id}/accept`, { start: '2026-09', acknowledgeUnplaced: true });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('unprocessable');
      expect(res.json().details[0]).toMatchObject({ field: 'groups', values: ['1983', '2584'] });
    });

    it('needs the start month (400 naming it) and explicit acknowledgements (422 naming which)', async () => {
      // Norberg (1962) and Arboga (1984) form one group without a mentor; Kiruna is left unplaced.
      const id = await propose(instance('acks', ['1962', '1984', '2584'], []));
      for (const [body, field] of [[{}, 'start'], [{ start: '2026-13' }, 'start'], [{ start: '2026-09', label: 'a\u0007b' }, 'label'], [{ start: '2026-09', extra: 1 }, '']] as const) {
        const res = await post(`/api/proposals/${id}/accept`, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        if (field) expect(res.json().details.map((d: { field: string }) => d.field)).toContain(field);
      }
      const none = await post(`/api/proposals/${id}/accept`, { start: '2026-09' });
      expect(none.statusCode).toBe(422);
      expect(none.json().details.map((d: { field: string }) => d.field)).toEqual(['acknowledgeUnplaced', 'acknowledgeUnmentored']);
      expect(none.json().details[0].values).toEqual(['2584']);
      expect(none.json().details[1].values).toEqual([['1962', '1984']]);
      const half = await post(`/api/proposals/${id}/accept`, { start: '2026-09', acknowledgeUnplaced: true });
      expect(half.json().details.map((d: { field: string }) => d.field)).toEqual(['acknowledgeUnmentored']);
      // A start before the programme's previous round started (mk-2021, 2021-09) is a bad date.
      const early = await post(`/api/proposals/${id}/accept`, { start: '2021-08', acknowledgeUnplaced: true, acknowledgeUnmentored: true });
      expect(early.statusCode).toBe(400);
      expect(early.json().details[0].field).toBe('start');
      // Nothing was written by any of these.
      expect((await get('/api/rounds?programme=modellkommuner')).items).toHaveLength(5);
    });

    it('writes a planned round with the start month and label, and returns it again on repeat', async () => {
      expect(await reach()).toMatchObject({ ...BASE, plannedRoundIds: [], includesPlanned: false });
      expect(await alreadyReached()).toEqual(['1980', '1982']);
      const mentors = await eligible();
      for (const id of ['1980', '1982']) expect(mentors).toContain(id);

      const id = await propose(instance('vastmanland-2026', ['1981', '1983'], ['1980']));
      const body = { start: '2026-09', label: 'Västmanland 2026' };
      expect((await post(`/api/proposals/${id}/accept`, body, {})).statusCode).toBe(401);
      const res = await post(`/api/proposals/${id}/accept`, body);
      expect(res.statusCode).toBe(201);
      r1 = res.json().round;
      expect(r1).toMatchObject({ id: 'modellkommuner-vastmanland-2026', label: 'Västmanland 2026', state: 'planned', start: '2026-09', end: null, stateReason: null });
      const again = await post(`/api/proposals/${id}/accept`, body);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ created: false, round: { id: r1.id } });
    });

    it('keeps a planned round out of every analytic unless asked, and marks it when asked', async () => {
      expect(await reach()).toMatchObject({ ...BASE, plannedRoundIds: [] });
      expect(await linksOf(r1.id)).toEqual([]);
      expect(await alreadyReached()).toEqual(['1980', '1982']);
      const mentors = await eligible();
      for (const id of ['1980', '1982']) expect(mentors).toContain(id);
      const withPlanned = await reach(true);
      expect(withPlanned).toMatchObject({ ...WITH_SALA_KOPING, includesPlanned: true, plannedRoundIds: [r1.id] });
      expect(withPlanned.rounds.at(-1)).toMatchObject({ id: r1.id, state: 'planned' });
      expect(await linksOf(r1.id, true)).toEqual(['1980>1981', '1980>1983']);
      // The organisation page too: Västerås's planned mentorship shows only when asked.
      const page = await get('/api/organisations/1980');
      expect(page.participation.map((p: { round: { id: string } }) => p.round.id)).not.toContain(r1.id);
      const pagePlanned = await get('/api/organisations/1980?includePlanned=true');
      expect(pagePlanned.plannedRoundIds).toEqual([r1.id]);
      expect(pagePlanned.participation.find((p: { round: { id: string } }) => p.round.id === r1.id)).toMatchObject({ role: 'mentor', round: { state: 'planned' } });
      // The round list always shows it, with its state.
      expect(await roundState(r1.id)).toMatchObject({ state: 'planned', start: '2026-09' });
    });
  });

  describe('transitions', () => {
    it('refuse without the token, on a bad date and on an unknown round', async () => {
      expect((await post(`/api/rounds/${r1.id}/start`, { start: '2026-10' }, {})).statusCode).toBe(401);
      for (const start of ['2026-13', '2026-10-01', 'oct', '']) {
        const res = await post(`/api/rounds/${r1.id}/start`, { start });
        expect(res.statusCode).toBe(400);
        expect(res.json().details[0].field).toBe('start');
      }
      // Before mk-2021 started (2021-09): refused, naming the field.
      const early = await post(`/api/rounds/${r1.id}/start`, { start: '2021-08' });
      expect(early.statusCode).toBe(400);
      expect(early.json().details[0].field).toBe('start');
      expect((await post('/api/rounds/no-such-round/start', { start: '2026-10' })).statusCode).toBe(404);
      // Completing a planned round is a conflicting state.
      expect((await post(`/api/rounds/${r1.id}/complete`, { end: '2027-10' })).json().code).toBe('conflict');
      expect(await roundState(r1.id)).toMatchObject({ state: 'planned', start: '2026-09' });
    });

    it('start: the round counts from then on; a repeat changes nothing; another month is a conflict', async () => {
      const res = await post(`/api/rounds/${r1.id}/start`, { start: '2026-10' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ changed: true, round: { state: 'running', start: '2026-10' } });
      expect((await post(`/api/rounds/${r1.id}/start`, { start: '2026-10' })).json()).toMatchObject({ changed: false, round: { state: 'running' } });
      const other = await post(`/api/rounds/${r1.id}/start`, { start: '2026-11' });
      expect(other.statusCode).toBe(409);
      expect(other.json().code).toBe('conflict');

      expect(await reach()).toMatchObject({ ...WITH_SALA_KOPING, plannedRoundIds: [] });
      expect(await linksOf(r1.id)).toEqual(['1980>1981', '1980>1983']);
      expect(await alreadyReached()).toEqual(['1980', '1981', '1982', '1983']);
      // The latest round that took place is now r1, where Västerås mentors: it is no default mentor;
      // Sala and Köping are not yet (their round is running, not completed); Fagersta still is.
      const mentors = await eligible();
      expect(mentors).toContain('1982');
      for (const id of ['1980', '1981', '1983']) expect(mentors).not.toContain(id);
    });

    it('complete: no end before the start; then its participants become default mentors', async () => {
      const early = await post(`/api/rounds/${r1.id}/complete`, { end: '2026-09' });
      expect(early.statusCode).toBe(400);
      expect(early.json().details[0].field).toBe('end');
      const res = await post(`/api/rounds/${r1.id}/complete`, { end: '2027-10' });
      expect(res.json()).toMatchObject({ changed: true, round: { state: 'completed', start: '2026-10', end: '2027-10' } });
      expect((await post(`/api/rounds/${r1.id}/complete`, { end: '2027-10' })).json().changed).toBe(false);
      expect((await post(`/api/rounds/${r1.id}/complete`, { end: '2027-11' })).statusCode).toBe(409);
      expect((await post(`/api/rounds/${r1.id}/cancel`, { reason: 'too late' })).statusCode).toBe(409);
      expect(await reach()).toMatchObject(WITH_SALA_KOPING);
      const mentors = await eligible();
      for (const id of ['1981', '1982', '1983']) expect(mentors).toContain(id);
      expect(mentors).not.toContain('1980');
    });

    it('cancel: a planned round drops out even of includePlanned and stays in the round list with its reason', async () => {
      const id = await propose(instance('vastmanland-2027', ['1904', '1907'], ['1982']));
      const r2 = (await post(`/api/proposals/${id}/accept`, { start: '2027-11', label: 'Västmanland 2027' })).json().round as RoundBody;
      expect((await reach(true)).plannedRoundIds).toEqual([r2.id]);
      expect((await post(`/api/rounds/${r2.id}/cancel`, { reason: '' })).statusCode).toBe(400);
      const res = await post(`/api/rounds/${r2.id}/cancel`, { reason: 'Too few applicants confirmed' });
      expect(res.json()).toMatchObject({ changed: true, round: { state: 'cancelled', stateReason: 'Too few applicants confirmed' } });
      expect((await post(`/api/rounds/${r2.id}/cancel`, { reason: 'Too few applicants confirmed' })).json().changed).toBe(false);
      expect((await post(`/api/rounds/${r2.id}/start`, { start: '2027-11' })).statusCode).toBe(409);
      expect(await reach(true)).toMatchObject({ ...WITH_SALA_KOPING, plannedRoundIds: [] });
      expect(await linksOf(r2.id, true)).toEqual([]);
      const cancelled = (await get('/api/rounds?programme=modellkommuner&state=cancelled')).items;
      expect(cancelled.map((r: RoundBody) => [r.id, r.stateReason])).toEqual([[r2.id, 'Too few applicants confirmed']]);
      // Skinnskatteberg and Surahammar were never reached.
      expect(await alreadyReached()).toEqual(['1980', '1981', '1982', '1983']);
    });

    it('replace: a second proposal for a planned round supersedes it; the superseded one stays listed with why', async () => {
      const first = await propose(instance('kungsor', ['1960', '1961'], ['1982']));
      const r3 = (await post(`/api/proposals/${first}/accept`, { start: '2028-09', label: 'Västmanland 2028' })).json().round as RoundBody;
      const second = await propose(instance('kungsor-b', ['1960', '1961', '1962'], ['1982']));
      const clash = await post(`/api/proposals/${second}/accept`, { start: '2028-09', label: 'Västmanland 2028' });
      expect(clash.statusCode).toBe(409);
      expect(clash.json().details[0].field).toBe('label');
      const res = await post(`/api/proposals/${second}/accept`, { start: '2028-09', label: 'Västmanland 2028', replace: true });
      expect(res.statusCode).toBe(201);
      const r4 = res.json().round as RoundBody;
      expect(r4).toMatchObject({ id: `${r3.id}-2`, label: 'Västmanland 2028', state: 'planned' });
      const old = await roundState(r3.id);
      expect(old?.state).toBe('superseded');
      expect(old?.stateReason).toContain(second);
      // Only the replacing round is planned; the superseded one counts nowhere.
      const withPlanned = await reach(true);
      expect(withPlanned.plannedRoundIds).toEqual([r4.id]);
      // 48 + Kungsör, Hallstahammar, Norberg = 51 organisations, 44 municipalities.
      expect(withPlanned).toMatchObject({ organisations: 51, municipalities: 44 });
      expect(await linksOf(r3.id, true)).toEqual([]);

      // A running round can be cancelled too, and then no longer counts.
      expect((await post(`/api/rounds/${r4.id}/start`, { start: '2028-09' })).json().round.state).toBe('running');
      expect(await reach()).toMatchObject({ organisations: 51, municipalities: 44 });
      expect((await post(`/api/rounds/${r4.id}/cancel`, { reason: 'Stopped after the first meeting' })).json().round.state).toBe('cancelled');
      expect(await reach()).toMatchObject(WITH_SALA_KOPING);
      expect(await alreadyReached()).toEqual(['1980', '1981', '1982', '1983']);
    });
  });

  it('serves the record’s facts with their sources in English and Swedish', async () => {
    const facts = (await get('/api/facts')).items;
    // data/history.json has 4 facts; the first is the 2018 presentation's 33 municipalities.
    expect(facts).toHaveLength(4);
    expect(facts[0].says).toContain('33 municipalities');
    expect(facts[0].saysSv).toContain('33 kommuner');
    expect(facts[0].sources.map((s: { id: string }) => s.id)).toEqual(['skl-2018-presentation']);
    expect(facts[0].sources[0].title).toContain('Modellkommuner');
  });
});
