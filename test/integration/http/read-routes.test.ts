import { describe, expect, it } from 'vitest';
import { describeEachDatabaseWithDataset } from '../../helpers/databases.js';
import { useApp } from '../../helpers/app.js';

describeEachDatabaseWithDataset('read API', (ctx) => {
  const { app } = useApp(ctx);
  const get = async (url: string) => {
    const res = await app().inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? res.json() : res.body, res };
  };

  describe('health', () => {
    it('is live and ready when the database answers', async () => {
      expect((await get('/health/live')).body).toEqual({ status: 'ok' });
      expect((await get('/health/ready')).body).toEqual({ status: 'ready' });
    });
  });

  describe('organisations', () => {
    it('counts all 290 municipalities', async () => {
      const { status, body } = await get('/api/organisations?kind=kommun');
      expect(status).toBe(200);
      expect(body.total).toBe(290);
      expect(body.items).toHaveLength(50);
    });

    it('filters by county, kommungrupp and name, and pages', async () => {
      const county = await get('/api/organisations?kind=kommun&county=19&limit=500');
      expect(county.body.total).toBe(10);
      expect(county.body.items.every((o: { countyCode: string }) => o.countyCode === '19')).toBe(true);
      const a1 = await get('/api/organisations?kommungrupp=A1&limit=500');
      expect(a1.body.items.map((o: { name: string }) => o.name).sort()).toEqual(['Göteborg', 'Malmö', 'Stockholm']);
      // 33 municipalities changed group in the 2023 revision, so the two editions give different B3 lists.
      const b3of2017 = await get('/api/organisations?kommungrupp=B3&kommungruppVersion=2017&limit=500');
      const b3of2023 = await get('/api/organisations?kommungrupp=B3&kommungruppVersion=2023&limit=500');
      expect(b3of2017.body.total).toBe(21);
      expect(b3of2023.body.total).toBe(23);
      expect(b3of2017.body.items.every((o: { kommungrupp2017: string }) => o.kommungrupp2017 === 'B3')).toBe(true);
      const search = await get(`/api/organisations?q=${encodeURIComponent('örebro')}`);
      expect(search.body.items.map((o: { id: string }) => o.id)).toContain('1880');
      const page2 = await get('/api/organisations?kind=kommun&limit=10&offset=10');
      const page1 = await get('/api/organisations?kind=kommun&limit=10&offset=0');
      expect(page2.body.items[0].id > page1.body.items[9].id).toBe(true);
    });

    it('filters on participation', async () => {
      const took = await get('/api/organisations?participated=true&limit=500');
      const never = await get('/api/organisations?participated=false&kind=kommun&limit=500');
      expect(took.body.items.map((o: { id: string }) => o.id)).toContain('0127');
      expect(never.body.items.map((o: { id: string }) => o.id)).not.toContain('0127');
      expect(never.body.total).toBeLessThan(290);
    });

    it('names the bad query parameter in a 400', async () => {
      const res = await get('/api/organisations?limit=0');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('invalid_input');
      expect(res.body.message).toContain("'limit'");
      const county = await get('/api/organisations?county=Uppsala');
      expect(county.status).toBe(400);
      expect(county.body.details[0].field).toBe('county');
      const flag = await get('/api/organisations?participated=maybe');
      expect(flag.status).toBe(400);
      expect(flag.body.message).toContain('participated');
    });

    it('shows one organisation with its participation by round and role', async () => {
      const { status, body } = await get('/api/organisations/0484');
      expect(status).toBe(200);
      expect(body.organisation.name).toBe('Eskilstuna');
      const roles = body.participation.map((p: { round: { id: string }; role: string }) => `${p.round.id}:${p.role}`);
      expect(roles).toEqual(['mk-2015:participant', 'mk-2017:mentor']);
      const mentoring = body.participation[1];
      expect(mentoring.mentees.map((m: { organisation: { id: string } }) => m.organisation.id)).toEqual(
        expect.arrayContaining(['2083', '0188', '0180-EAV', '0380']),
      );
    });

    it('answers an unknown id with a 404 naming it', async () => {
      const res = await get('/api/organisations/9999');
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'not_found' });
      expect(res.body.message).toContain('9999');
    });
  });

  describe('lineage', () => {
    it('shows both disputed 2017 links above Uppsala in Botkyrka’s ancestry, each with its source', async () => {
      const { status, body } = await get('/api/organisations/0127/lineage');
      expect(status).toBe(200);
      const uppsala = body.ancestors.find((n: { organisation: { id: string } }) => n.organisation.id === '0380');
      expect(uppsala.link.roundId).toBe('mk-2019');
      expect(uppsala.link.disputed).toBe(false);
      const above = Object.fromEntries(
        uppsala.children.map((n: { organisation: { id: string }; link: { disputed: boolean; roundId: string; sources: { id: string }[] } }) => [
          n.organisation.id,
          { disputed: n.link.disputed, round: n.link.roundId, sources: n.link.sources.map((s) => s.id) },
        ]),
      );
      expect(above['1880']).toEqual({ disputed: true, round: 'mk-2017', sources: ['skl-2016-web'] });
      expect(above['0484']).toEqual({ disputed: true, round: 'mk-2017', sources: ['skl-2018-presentation'] });
      const chainNames = body.chains.map((c: { organisations: { name: string }[] }) => c.organisations.map((o) => o.name).join(' → '));
      expect(chainNames).toContain('Eskilstuna → Uppsala → Botkyrka');
    });

    it('lists Eskilstuna’s descendants', async () => {
      const { body } = await get('/api/organisations/0484/lineage');
      const ids = new Set<string>();
      const walk = (nodes: { organisation: { id: string }; children: unknown[] }[]) =>
        nodes.forEach((n) => {
          ids.add(n.organisation.id);
          walk(n.children as never);
        });
      walk(body.descendants);
      for (const id of ['2083', '0188', '0180-EAV', '0127']) expect(ids.has(id)).toBe(true);
    });

    it('builds the forest of a programme and rejects an unknown programme', async () => {
      const forest = await get('/api/lineage?programme=modellkommuner');
      expect(forest.status).toBe(200);
      expect(forest.body.roots.length).toBeGreaterThan(0);
      expect(forest.body.links.some((l: { disputed: boolean }) => l.disputed)).toBe(true);
      const bad = await get('/api/lineage?programme=nope');
      expect(bad.status).toBe(404);
      expect(bad.body.message).toContain('nope');
    });
  });

  describe('programmes, rounds, sources, conflicts', () => {
    it('lists programmes and their rounds in date order', async () => {
      const programmes = await get('/api/programmes');
      expect(programmes.body.items.map((p: { id: string }) => p.id)).toContain('modellkommuner');
      const rounds = await get('/api/rounds?programme=modellkommuner');
      const starts = rounds.body.items.map((r: { start: string }) => r.start);
      expect([...starts].sort()).toEqual(starts);
      expect(rounds.body.items.every((r: { programmeId: string }) => r.programmeId === 'modellkommuner')).toBe(true);
      expect((await get('/api/rounds?programme=nope')).status).toBe(404);
    });

    it('describes a round with groups, cohorts and participants', async () => {
      const { status, body } = await get('/api/rounds/mk-2019');
      expect(status).toBe(200);
      const fnkCohort = body.cohorts.find((c: { mentees: { organisation: { id: string } }[] }) =>
        c.mentees.some((m) => m.organisation.id === 'FNK'),
      );
      expect(fnkCohort.mentor.organisation.id).toBe('2582');
      expect(fnkCohort.coMentors.map((m: { organisation: { id: string } }) => m.organisation.id)).toEqual(['2580']);
      expect(fnkCohort.supportingMentors.map((m: { organisation: { id: string } }) => m.organisation.id)).toEqual(['2581']);
      expect(body.groups).toHaveLength(5);
      expect((await get('/api/rounds/none')).status).toBe(404);
    });

    it('lists sources with their fact counts and conflicts with their statements', async () => {
      const sources = await get('/api/sources');
      const web = sources.body.items.find((s: { id: string }) => s.id === 'skl-2016-web');
      expect(web.factCount).toBeGreaterThan(0);
      const conflicts = await get('/api/conflicts');
      const uppsala = conflicts.body.items.find((c: { id: string }) => c.id === 'uppsala-mentor-2017');
      expect(uppsala.statements).toHaveLength(2);
      expect(uppsala.statements[0].sources[0].title).toBeTruthy();
    });

    it('lists counties with neighbours, focus areas and kommungrupper', async () => {
      const counties = await get('/api/counties');
      expect(counties.body.items).toHaveLength(21);
      const vm = counties.body.items.find((c: { code: string }) => c.code === '19');
      expect(vm.municipalityCount).toBe(10);
      expect(vm.neighbours).toContain('03');
      expect((await get('/api/focus-areas')).body.items.length).toBeGreaterThan(5);
      expect((await get('/api/kommungrupper')).body.items.filter((k: { version: number }) => k.version === 2017)).toHaveLength(9);
    });
  });

  describe('spread, export, geo', () => {
    it('computes the spread of a programme', async () => {
      const { status, body } = await get('/api/spread?programme=modellkommuner');
      expect(status).toBe(200);
      expect(body.totals.municipalities).toBe(290);
      expect(body.firstRounds).toHaveLength(290);
      expect(body.rounds.length).toBeGreaterThan(2);
    });

    it('exports CSV with Swedish letters intact', async () => {
      const res = await app().inject({ method: 'GET', url: '/api/export/organisations.csv' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toContain('.csv');
      expect(res.body).toContain('Örebro');
      const bad = await get('/api/export/nothing');
      expect(bad.status).toBe(400);
      expect(bad.body.details[0].field).toBe('table');
    });

    it('serves 290 municipality boundaries', async () => {
      const res = await app().inject({ method: 'GET', url: '/api/geo/municipalities' });
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(res.body).features).toHaveLength(290);
    });
  });

  describe('errors and docs', () => {
    it('answers unknown routes with a JSON 404', async () => {
      const res = await get('/api/nothing-here');
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not_found');
    });

    it('publishes an OpenAPI document covering the routes', async () => {
      const { status, body } = await get('/openapi.json');
      expect(status).toBe(200);
      for (const path of ['/api/organisations', '/api/organisations/{id}/lineage', '/api/rounds/{id}', '/api/spread', '/api/lineage']) {
        expect(Object.keys(body.paths)).toContain(path);
      }
      expect(body.paths['/api/organisations'].get.responses['400']).toBeDefined();
      // Every operation documents its success response and its error responses.
      for (const [route, ops] of Object.entries(body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)) {
        for (const [method, op] of Object.entries(ops)) {
          const codes = Object.keys(op.responses);
          expect(codes.some((c) => c.startsWith('2')), `${method} ${route}`).toBe(true);
          expect(codes.some((c) => c.startsWith('4') || c.startsWith('5')), `${method} ${route}`).toBe(true);
        }
      }
      const docs = await app().inject({ method: 'GET', url: '/docs/' });
      expect(docs.statusCode).toBeLessThan(400);
    });
  });
});
