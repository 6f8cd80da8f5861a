import ExcelJS from 'exceljs';
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
    it('reaches Västmanland in the fewest rounds, proven, with every group mentored by an earlier participant', async () => {
      const res = await post('/api/rollout-plans', { target: 'county:19', mentors: ['1980', '1982'], persistentMentors: ['1980', '1982'], county: 'same' });
      expect(res.statusCode).toBe(200);
      const plan = res.json();
      expect(plan.format).toBe('modellkommuner.rollout/1');
      expect(plan.unreachable).toEqual([]);
      expect(plan.target.ids).toHaveLength(10);
      expect(plan.roundsNeeded).toBe(plan.rounds.length);
      expect(plan.minimal).toBe(plan.roundsNeeded === plan.lowerBound);
      expect(plan.lowerBound).toBeGreaterThanOrEqual(1);
      const joined = plan.rounds.flatMap((r: { joins: { id: string }[] }) => r.joins.map((j) => j.id));
      expect(new Set(joined).size).toBe(joined.length);
      expect(new Set([...joined, ...plan.alreadyReached.map((r: { id: string }) => r.id)])).toEqual(new Set(plan.target.ids));
      const earlier = new Set<string>(['1980', '1982']);
      for (const r of plan.rounds) {
        const load = new Map<string, number>();
        for (const g of r.groups) {
          expect(earlier.has(g.mentor.id)).toBe(true);
          load.set(g.mentor.id, (load.get(g.mentor.id) ?? 0) + 1);
          expect(g.members.length).toBeGreaterThanOrEqual(2);
          expect(g.members.length).toBeLessThanOrEqual(3);
        }
        for (const n of load.values()) expect(n).toBeLessThanOrEqual(1);
        const sum = r.groups.reduce((s: number, g: { value: number }) => s + g.value, 0);
        expect(r.objective).toBeCloseTo(sum, 5);
        for (const j of r.joins) earlier.add(j.id);
      }
    });

    it('holds the per-round limit and names what cannot be reached', async () => {
      const res = await post('/api/rollout-plans', { target: 'county:19', mentors: ['1980'], county: 'same', maxNewPerRound: 3, maxRounds: 10 });
      expect(res.statusCode).toBe(200);
      const plan = res.json();
      for (const r of plan.rounds) expect(r.joins.length).toBeLessThanOrEqual(3);
      expect(plan.rounds.length).toBeGreaterThanOrEqual(3);
      const cut = await post('/api/rollout-plans', { target: 'county:19', mentors: ['1980'], county: 'same', maxNewPerRound: 3, maxRounds: 1 });
      expect(cut.statusCode).toBe(200);
      expect(cut.json().roundsNeeded).toBeNull();
      expect(cut.json().unreachable.every((u: { code: string }) => u.code === 'max-rounds')).toBe(true);
    });

    it('downloads the plan as CSV (one row per target organisation) and as XLSX, matching the JSON', async () => {
      const body = { target: 'county:19', mentors: ['1980', '1982'], persistentMentors: ['1980', '1982'], county: 'same' };
      const plan = (await post('/api/rollout-plans', body)).json();
      const csv = await post('/api/rollout-plans.csv', body);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.headers['content-disposition']).toMatch(/attachment; filename="rollout-county-19\.csv"/);
      const lines = csv.body.trim().split('\r\n');
      expect(lines[0]).toBe('org_id,org_name,county_code,status,round,group,mentor_id,mentor_name,group_value,unreachable_code,reason');
      expect(lines).toHaveLength(1 + plan.target.ids.length);
      for (const r of plan.rounds)
        for (const j of r.joins) expect(lines.find((l: string) => l.startsWith(`${j.id},`))!.split(',')[4]).toBe(String(r.index));
      const xlsx = await post('/api/rollout-plans.xlsx', body);
      expect(xlsx.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as never);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['Sammanfattning', 'Organisationer', 'Omgångar', 'Grupper']);
      expect(wb.getWorksheet('Organisationer')!.rowCount).toBe(1 + plan.target.ids.length);
      expect(wb.getWorksheet('Omgångar')!.rowCount).toBe(1 + plan.rounds.length);
      expect((await post('/api/rollout-plans.xlsx', { ...body, capacity: 99 })).statusCode).toBe(400);
    });

    it('names the field of every bad input', async () => {
      const bad = await post('/api/rollout-plans', { target: 'planet:mars' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details[0].field).toBe('target');
      const unknown = await post('/api/rollout-plans', { target: ['1980', '9999'] });
      expect(unknown.statusCode).toBe(422);
      expect(JSON.stringify(unknown.json().details)).toContain('9999');
      const cases: [object, string][] = [
        [{ target: 'county:19', capacity: 0 }, 'capacity'],
        [{ target: 'county:19', capacity: 1.5 }, 'capacity'],
        [{ target: 'county:19', groupSize: [2, 9] }, 'groupSize.1'],
        [{ target: 'county:19', county: 'nearby' }, 'county'],
        [{ target: 'county:19', maxNewPerRound: 100000 }, 'maxNewPerRound'],
        [{ target: 'county:19', maxRounds: 51 }, 'maxRounds'],
        [{ target: 'county:19', mentors: ['19\u000080'] }, 'mentors.0'],
        [{ target: 'county:19', mentors: Array.from({ length: 401 }, (_, i) => String(i)) }, 'mentors'],
        [{ target: 'county:19', mentors: ['1984'] }, 'mentors[0]'],
        [{ target: 'county:19', surprise: true }, 'body'],
      ];
      for (const [body, field] of cases) {
        const res = await post('/api/rollout-plans', body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        const details = res.json().details as { field?: string }[];
        expect(details.map((d) => d.field).join(' '), JSON.stringify(body)).toContain(field);
        expect(res.body).not.toMatch(/node_modules|at [A-Za-z]+ \(|\.ts:/);
      }
    });
  });
});
