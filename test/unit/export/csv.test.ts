import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import type { World } from '../../../src/core/model.js';
import {
  buildCohortEdgesCsv,
  buildExportCsv,
  buildGroupMembersCsv,
  buildOrganisationsCsv,
  buildParticipationsCsv,
  buildRoundsCsv,
  buildSpreadCountiesCsv,
  buildSpreadKommungrupperCsv,
  buildSpreadMunicipalitiesCsv,
  buildSpreadRoundsCsv,
  csvField,
  EXPORT_TABLES,
  toCsv,
} from '../../../src/core/export/index.js';
import { computeSpread } from '../../../src/core/spread/index.js';
import { link, org, rawHistory, shippedWorld, tinyWorld } from '../lineage/fixtures.js';

let world: World;
beforeAll(async () => {
  world = await shippedWorld();
});

/** Parse with an independent RFC 4180 parser (csv-parse) into objects keyed by header. */
const rows = (csv: string): Record<string, string>[] => parse(csv, { columns: true, bom: true }) as Record<string, string>[];

describe('toCsv (RFC 4180)', () => {
  const tricky = ['plain', 'a,b', 'say "hi"', 'line1\nline2', 'cr\r\nlf', 'Åre, Älmhult & Östersund', ' padded ', ''];

  it('quotes commas, quotes and line breaks so a parser gets the values back', () => {
    const csv = toCsv(['v', 'n'], tricky.map((t, i) => [t, i]));
    const back = parse(csv, { columns: true }) as { v: string; n: string }[];
    expect(back.map((r) => r.v)).toEqual(tricky);
    expect(back.map((r) => Number(r.n))).toEqual(tricky.map((_, i) => i));
  });

  it('quotes exactly the fields that need it and doubles inner quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('x\ny')).toBe('"x\ny"');
    expect(csvField('x\ry')).toBe('"x\ry"');
    expect(csvField('Göteborg')).toBe('Göteborg');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField(0.25)).toBe('0.25');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('writes a header row and CRLF after every record', () => {
    const csv = toCsv(['a', 'b'], [[1, 2], [3, 4]]);
    expect(csv).toBe('a,b\r\n1,2\r\n3,4\r\n');
  });

  it('keeps Swedish letters as UTF-8, with an optional BOM', () => {
    const csv = toCsv(['namn'], [['Enskede-Årsta-Vantör'], ['Örebro'], ['Västerås']]);
    const bytes = Buffer.from(csv, 'utf8');
    expect(bytes.toString('utf8')).toBe(csv);
    expect(bytes.includes(Buffer.from('Å', 'utf8'))).toBe(true);
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    const withBom = toCsv(['namn'], [['Ö']], { bom: true });
    expect(withBom.charCodeAt(0)).toBe(0xfeff);
    expect(rows(withBom)).toEqual([{ namn: 'Ö' }]);
  });
});

describe('record tables', () => {
  it('organisations: one row per organisation with rounds and roles summarised; names intact', () => {
    const r = rows(buildOrganisationsCsv(world));
    expect(r).toHaveLength(world.organisations.length);
    const uppsala = r.find((x) => x.id === '0380')!;
    expect(uppsala.rounds).toBe('mk-2017; mk-2019');
    expect(uppsala.roles).toBe('mk-2017:participant; mk-2019:mentor');
    expect(uppsala.first_round).toBe('mk-2017');
    expect(uppsala.mentees).toBe('3'); // Botkyrka, Västerås, Östersund (the last two disputed)
    expect(r.find((x) => x.id === '0180-EAV')!.name).toBe('Enskede-Årsta-Vantör stadsdelsområde');
    expect(r.find((x) => x.id === '1764')!.only_disputed).toBe('true');
    expect(r.find((x) => x.id === '1880')!.name).toBe('Örebro');
    const only = rows(buildOrganisationsCsv(world, { onlyParticipants: true }));
    expect(only.length).toBe(new Set(world.participations.map((p) => p.orgId)).size);
  });

  it('participations: one row per participation record', () => {
    const r = rows(buildParticipationsCsv(world));
    expect(r).toHaveLength(world.participations.length);
    expect(r.filter((x) => x.org_id === '2581' && x.round_id === 'mk-2019').map((x) => x.role)).toEqual(['supporting_mentor']);
  });

  it('groups and cohorts: one row per group member and per cohort edge, matching history.json', () => {
    const raw = rawHistory();
    const members = raw.rounds.reduce((n, r) => n + (r.groups ?? []).reduce((m, g) => m + g.members.length, 0), 0);
    expect(rows(buildGroupMembersCsv(world))).toHaveLength(members);
    const edges = rows(buildCohortEdgesCsv(world));
    expect(edges).toHaveLength(world.mentorLinks.length);
    const fnk = edges.filter((e) => e.org_id === 'FNK');
    expect(fnk.map((e) => `${e.mentor_id}:${e.role}:${e.cohort_id}`).sort()).toEqual([
      '2580:co_mentor:mk-2019-m2582',
      '2581:supporting_mentor:mk-2019-m2582',
      '2582:mentor:mk-2019-m2582',
    ]);
    const all = rows(buildRoundsCsv(world));
    expect(all.filter((x) => x.record === 'round')).toHaveLength(world.rounds.length);
    expect(all.filter((x) => x.record === 'group_member')).toHaveLength(members);
    expect(all.filter((x) => x.record === 'cohort_edge')).toHaveLength(world.mentorLinks.length);
    // Rows come round by round in date order.
    const order = [...new Set(all.map((x) => x.round_id))];
    expect(order).toEqual(['mk-2015', 'mk-2017', 'mk-2019', 'mr-2019', 'mk-2020', 'mk-2021']);
  });

  it('survives hostile names (comma, quote, newline) end to end', () => {
    const name = 'Test, "kommun"\nmed å ä ö';
    const w: World = { ...tinyWorld(['A', 'B'], [link('r1', 'A', 'B')]), organisations: [org('A', name), org('B', 'B')] };
    const r = rows(buildCohortEdgesCsv(w));
    expect(r[0]!.mentor_name).toBe(name);
    expect(rows(buildOrganisationsCsv(w)).find((x) => x.id === 'A')!.name).toBe(name);
  });
});

describe('spread tables', () => {
  it('carry the spread figures, one row per round, county, kommungrupp and municipality', () => {
    const s = computeSpread(world);
    const perRound = rows(buildSpreadRoundsCsv(s));
    expect(perRound.map((r) => r.round_id)).toEqual(s.rounds.map((r) => r.round.id));
    expect(perRound.map((r) => Number(r.cumulative_organisations))).toEqual(s.rounds.map((r) => r.cumulative.organisations));
    expect(Number(perRound.at(-1)!.cumulative_population_share)).toBeCloseTo(s.reach.populationShare, 5);
    const counties = rows(buildSpreadCountiesCsv(s));
    expect(counties).toHaveLength(21);
    expect(counties.find((c) => c.county_code === '18')!.county_name).toBe('Örebro län');
    expect(counties.reduce((a, c) => a + Number(c.reached), 0)).toBe(s.reach.municipalities);
    const groups = rows(buildSpreadKommungrupperCsv(s));
    expect(groups.map((g) => g.kommungrupp)).toEqual(['A1', 'A2', 'B3', 'B4', 'B5', 'C6', 'C7', 'C8', 'C9']);
    expect(groups.find((g) => g.kommungrupp === 'B5')!.kommungrupp_name).toBe('Lågpendlingskommun nära större stad');
    const m = rows(buildSpreadMunicipalitiesCsv(s));
    expect(m).toHaveLength(290);
    expect(m.find((x) => x.code === '0180')).toMatchObject({ first_round_id: '', via_part_id: '0180-EAV', via_part_name: 'Enskede-Årsta-Vantör stadsdelsområde' });
  });
});

describe('buildExportCsv', () => {
  it('builds every table by name', () => {
    for (const t of EXPORT_TABLES) {
      const csv = buildExportCsv(world, t, { programme: 'modellkommuner' });
      expect(csv.endsWith('\r\n')).toBe(true);
      expect(rows(csv).length).toBeGreaterThan(0);
    }
  });

  it('rejects an unknown table naming the field, and an unknown programme as not_found', () => {
    try {
      buildExportCsv(world, 'secrets');
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe('invalid_input');
      expect((e as AppError).details[0]!.field).toBe('table');
    }
    expect(() => buildExportCsv(world, 'rounds', { programme: 'nope' })).toThrowError(/programme/);
  });
});
