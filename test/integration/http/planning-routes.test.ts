import { describe, expect, it } from 'vitest';
import { useApp } from '../../helpers/app.js';
import { describeEachDatabaseWithDataset } from '../../helpers/databases.js';

describeEachDatabaseWithDataset('planning over HTTP', (ctx) => {
  const { app } = useApp(ctx);
  const get = (url: string) => app().inject({ method: 'GET', url });
  const post = (url: string, payload: object) => app().inject({ method: 'POST', url, payload });

  describe('comparable organisations', () => {
    it('ranks municipalities of the same kind, best first, with a breakdown that adds up', async () => {
      const res = await get('/api/organisations/0380/similar?limit=5');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.similar).toHaveLength(5);
      const scores = body.similar.map((s: { score: number }) => s.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      const totalWeight = Object.values(body.weights as Record<string, number>).reduce((a, b) => a + b, 0);
      for (const s of body.similar) {
        const parts = Object.values(s.breakdown as Record<string, { value: number; weight: number; reason: string }>);
        const weighted = parts.reduce((sum, p) => sum + p.value * p.weight, 0) / totalWeight;
        expect(s.score).toBeCloseTo(weighted, 5);
        expect(parts.every((p) => p.reason.length > 0)).toBe(true);
        expect(s.id).not.toBe('0380');
      }
      expect((await get('/api/organisations/0000/similar')).statusCode).toBe(404);
      expect((await get('/api/organisations/0380/similar?limit=0')).statusCode).toBe(400);
    });

    it('groups the 290 municipalities into k structural families', async () => {
      const res = await get('/api/families?k=6');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.families).toHaveLength(6);
      const members = body.families.flatMap((f: { members: { id: string }[] }) => f.members.map((m) => m.id));
      expect(new Set(members).size + body.skipped.length).toBe(290);
    });
  });

  describe('rollout plans', () => {
    it('reaches every municipality of Västmanland, mentors drawn from those who took part before', async () => {
      const res = await post('/api/rollout-plans', { target: 'county:19' });
      expect(res.statusCode).toBe(200);
      const plan = res.json();
      expect(plan.stoppedBecause).toBe('reached');
      expect(plan.remaining).toEqual([]);
      expect(plan.target.ids).toHaveLength(10);
      const joined = plan.rounds.flatMap((r: { joins: { id: string }[] }) => r.joins.map((j) => j.id));
      expect(new Set(joined).size).toBe(joined.length);
      for (const id of plan.target.ids) expect([...joined, ...plan.alreadyReached]).toContain(id);
      expect(plan.roundsNeeded).toBe(plan.rounds.length);
      // Participants of round r become mentors in round r+1, never in their own round.
      const eligible = (await get('/api/mentors/eligible')).json().items.map((m: { organisation: { id: string } }) => m.organisation.id);
      const joinedBefore = new Set<string>(eligible);
      for (const r of plan.rounds) {
        const joiners = new Set(r.joins.map((j: { id: string }) => j.id));
        for (const m of r.mentors) {
          expect(joiners.has(m.id)).toBe(false);
          expect(joinedBefore.has(m.id)).toBe(true);
        }
        for (const g of r.groups) {
          expect(g.members.length).toBeGreaterThanOrEqual(2);
          expect(g.members.length).toBeLessThanOrEqual(3);
        }
        for (const id of joiners) joinedBefore.add(id as string);
      }
    });

    it('names a bad target', async () => {
      const bad = await post('/api/rollout-plans', { target: 'planet:mars' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details[0].field).toBe('target');
      const unknown = await post('/api/rollout-plans', { target: ['1980', '9999'] });
      expect(unknown.statusCode).toBe(422);
      expect(JSON.stringify(unknown.json().details)).toContain('9999');
      expect((await post('/api/rollout-plans', { target: 'county:19', capacity: 0 })).statusCode).toBe(400);
    });
  });
});
