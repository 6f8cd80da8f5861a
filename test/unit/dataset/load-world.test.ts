import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { assembleWorld } from '../../../src/services/dataset/assemble-world.js';
import { loadWorld, readDatasetFiles } from '../../../src/services/dataset/load-world.js';

const TODAY = '2026-11-22';

describe('the shipped dataset', () => {
  it('holds 290 municipalities, 21 regions and the extra organisations of the record', async () => {
    const world = await loadWorld('data', TODAY);
    expect(world.organisations.filter((o) => o.kind === 'kommun')).toHaveLength(290);
    expect(world.organisations.filter((o) => o.kind === 'region')).toHaveLength(21);
    expect(world.organisations.find((o) => o.id === '0180-EAV')?.countyCode).toBe('01');
    expect(world.organisations.find((o) => o.id === 'FNK')?.kind).toBe('forbund');
    expect(world.counties).toHaveLength(21);
    expect(new Set(world.rounds.map((r) => r.programmeId))).toEqual(new Set(['modellkommuner', 'modellregioner']));
  });

  it('gives a region the summed population of its municipalities', async () => {
    const world = await loadWorld('data', TODAY);
    const region = world.organisations.find((o) => o.id === '19')!;
    const sum = world.organisations
      .filter((o) => o.kind === 'kommun' && o.countyCode === '19')
      .reduce((s, o) => s + o.population!, 0);
    expect(region.population).toBe(sum);
    expect(region.focus).toContain('statistik');
  });

  it('marks both of Uppsala’s 2017 mentor links disputed, each with its own source', async () => {
    const world = await loadWorld('data', TODAY);
    const links = world.mentorLinks.filter((l) => l.roundId === 'mk-2017' && l.menteeId === '0380');
    expect(links.map((l) => [l.mentorId, l.disputed, l.sources])).toEqual(
      expect.arrayContaining([
        ['1880', true, ['skl-2016-web']],
        ['0484', true, ['skl-2018-presentation']],
      ]),
    );
    expect(links).toHaveLength(2);
    const agreed = world.mentorLinks.find((l) => l.roundId === 'mk-2017' && l.mentorId === '0484' && l.menteeId === '2083')!;
    expect(agreed.disputed).toBe(false);
    expect(agreed.sources.sort()).toEqual(['skl-2016-web', 'skl-2018-presentation']);
  });

  it('keeps supporting and co-mentors as such', async () => {
    const world = await loadWorld('data', TODAY);
    const fnk = world.mentorLinks.filter((l) => l.menteeId === 'FNK');
    expect(fnk.map((l) => `${l.mentorId}:${l.role}`).sort()).toEqual(['2580:co_mentor', '2581:supporting_mentor', '2582:mentor']);
    expect(world.participations.find((p) => p.orgId === '2581' && p.roundId === 'mk-2019')?.role).toBe('supporting_mentor');
  });

  it('derives mentor participations and marks a participation disputed when a conflict names it', async () => {
    const world = await loadWorld('data', TODAY);
    const kalmarPilot = world.participations.find((p) => p.roundId === 'mk-2015' && p.orgId === '0880')!;
    expect(kalmarPilot.disputed).toBe(true);
    const eskilstuna2017 = world.participations.find((p) => p.roundId === 'mk-2017' && p.orgId === '0484')!;
    expect(eskilstuna2017.role).toBe('mentor');
    expect(eskilstuna2017.disputed).toBe(false);
  });
});

describe('a malformed dataset', () => {
  it('names the file, line and field of a bad municipality row', async () => {
    const files = await readDatasetFiles('data');
    const lines = files.municipalitiesCsv.split('\n');
    lines[5] = lines[5]!.replace(/,\d+,2025,/, ',many,2025,');
    const err = (() => {
      try {
        assembleWorld({ ...files, municipalitiesCsv: lines.join('\n') }, TODAY);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).details[0]).toMatchObject({ file: 'municipalities.csv', line: 6, field: 'population' });
  });

  it('rejects a history that names an unknown organisation', async () => {
    const files = await readDatasetFiles('data');
    const history = JSON.parse(files.historyJson);
    history.rounds[0].participants[0].org = '9999';
    expect(() => assembleWorld({ ...files, historyJson: JSON.stringify(history) }, TODAY)).toThrow(/unknown organisation '9999'/);
  });

  it('rejects a conflict that concerns no recorded fact', async () => {
    const files = await readDatasetFiles('data');
    const history = JSON.parse(files.historyJson);
    history.conflicts[0].concerns[0].mentee = '0114';
    expect(() => assembleWorld({ ...files, historyJson: JSON.stringify(history) }, TODAY)).toThrow(AppError);
  });
});
