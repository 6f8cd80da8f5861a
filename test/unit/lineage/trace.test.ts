import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import type { World } from '../../../src/core/model.js';
import { traceLineage, type LineageNode } from '../../../src/core/lineage/index.js';
import { link, rawHistory, shippedWorld, tinyWorld } from './fixtures.js';

let world: World;
beforeAll(async () => {
  world = await shippedWorld();
});

const ids = (nodes: LineageNode[]) => nodes.map((n) => n.organisation.id).sort();
const find = (nodes: LineageNode[], id: string, roundId?: string) => nodes.filter((n) => n.organisation.id === id && (!roundId || n.link.roundId === roundId));

describe('traceLineage on the shipped record (facts hand-checked in history.json)', () => {
  it("shows Botkyrka's mentor Uppsala (mk-2019) and above it both disputed 2017 mentors, each naming its source", () => {
    const t = traceLineage(world, '0127');
    expect(t.organisation).toMatchObject({ id: '0127', name: 'Botkyrka', kind: 'kommun' });
    expect(ids(t.ancestors)).toEqual(['0380']);
    const uppsala = t.ancestors[0]!;
    expect(uppsala.organisation.name).toBe('Uppsala');
    expect(uppsala.link).toMatchObject({ roundId: 'mk-2019', role: 'mentor', disputed: false, mentorId: '0380', menteeId: '0127' });

    expect(ids(uppsala.children)).toEqual(['0484', '1880']);
    const orebro = find(uppsala.children, '1880')[0]!;
    const eskilstuna = find(uppsala.children, '0484')[0]!;
    expect(orebro.organisation.name).toBe('Örebro');
    expect(eskilstuna.organisation.name).toBe('Eskilstuna');
    for (const n of [orebro, eskilstuna]) {
      expect(n.link.roundId).toBe('mk-2017');
      expect(n.link.role).toBe('mentor');
      expect(n.link.disputed).toBe(true);
      expect(n.link.conflicts).toContain('uppsala-mentor-2017');
    }
    expect(orebro.link.sources.map((s) => s.id)).toEqual(['skl-2016-web']);
    expect(eskilstuna.link.sources.map((s) => s.id)).toEqual(['skl-2018-presentation']);
    const titles = new Map(rawHistory().sources.map((s) => [s.id, s.title]));
    expect(orebro.link.sources[0]!.title).toBe(titles.get('skl-2016-web'));
    expect(eskilstuna.link.sources[0]!.title).toBe(titles.get('skl-2018-presentation'));
    // Pilots have no mentor: the tree ends there.
    expect(orebro.children).toEqual([]);
    expect(eskilstuna.children).toEqual([]);
  });

  it('lists both root-to-Botkyrka chains, disputed, with the links between', () => {
    const t = traceLineage(world, '0127');
    const chains = t.chains.map((c) => c.organisations.map((o) => o.id).join('>')).sort();
    expect(chains).toEqual(['0484>0380>0127', '1880>0380>0127']);
    for (const c of t.chains) {
      expect(c.disputed).toBe(true);
      expect(c.links).toHaveLength(2);
      expect(c.links[0]!.menteeId).toBe('0380');
      expect(c.links[1]).toMatchObject({ mentorId: '0380', menteeId: '0127', roundId: 'mk-2019' });
    }
    expect(t.chainsTruncated).toBe(false);
  });

  it("includes Hedemora, Norrtälje and Enskede-Årsta-Vantör among Eskilstuna's descendants, and Botkyrka below Uppsala", () => {
    const t = traceLineage(world, '0484');
    const direct = t.descendants.filter((n) => n.link.roundId === 'mk-2017');
    expect(ids(direct)).toEqual(expect.arrayContaining(['2083', '0188', '0180-EAV', '0380']));
    expect(find(direct, '0180-EAV')[0]!.organisation).toMatchObject({ kind: 'stadsdel', name: 'Enskede-Årsta-Vantör stadsdelsområde' });
    expect(find(direct, '0380')[0]!.link.disputed).toBe(true);
    expect(find(direct, '2083')[0]!.link.disputed).toBe(false);
    expect(find(direct, '2083')[0]!.link.sources.map((s) => s.id).sort()).toEqual(['skl-2016-web', 'skl-2018-presentation']);
    expect(ids(find(direct, '0380')[0]!.children)).toContain('0127');
    expect(t.ancestors).toEqual([]);
    expect(t.chains.map((c) => c.organisations.map((o) => o.id))).toEqual([['0484']]);
  });

  it('shows co-mentors and supporting mentors as such (FNK in mk-2019)', () => {
    const t = traceLineage(world, 'FNK');
    const byId = new Map(t.ancestors.map((n) => [n.organisation.id, n]));
    expect([...byId.keys()].sort()).toEqual(['2580', '2581', '2582']);
    expect(byId.get('2582')!.link.role).toBe('mentor');
    expect(byId.get('2582')!.organisation.name).toBe('Boden');
    expect(byId.get('2580')!.link.role).toBe('co_mentor');
    expect(byId.get('2580')!.organisation.name).toBe('Luleå');
    expect(byId.get('2581')!.link.role).toBe('supporting_mentor');
    expect(byId.get('2581')!.organisation.name).toBe('Piteå');
    for (const n of byId.values()) expect(n.link.roundId).toBe('mk-2019');
  });

  it('every ancestor link is stated by a mentorship of history.json with the sources it names', () => {
    const raw = rawHistory();
    const stated = (round: string, mentor: string, mentee: string, source: string) =>
      raw.rounds.some(
        (r) =>
          r.id === round &&
          (r.mentorships ?? []).some(
            (m) => (m.mentor === mentor || (m.co_mentors ?? []).includes(mentor) || (m.supported_by ?? []).includes(mentor)) && m.mentees.includes(mentee) && m.sources.includes(source),
          ),
      );
    const walk = (nodes: LineageNode[]): number =>
      nodes.reduce((n, node) => {
        for (const s of node.link.sources) expect(stated(node.link.roundId, node.link.mentorId, node.link.menteeId, s.id)).toBe(true);
        return n + 1 + walk(node.children);
      }, 0);
    let checked = 0;
    for (const id of ['0127', '1980', 'FNK', '0880', '1287']) checked += walk(traceLineage(world, id).ancestors);
    expect(checked).toBeGreaterThan(8);
  });

  it('scopes to a programme', () => {
    expect(traceLineage(world, '0127', { programme: 'modellregioner' }).ancestors).toEqual([]);
    expect(ids(traceLineage(world, '0127', { programme: 'modellkommuner' }).ancestors)).toEqual(['0380']);
  });

  it('throws not_found for an unknown organisation or programme', () => {
    expect(() => traceLineage(world, 'nope')).toThrowError(AppError);
    try {
      traceLineage(world, '0127', { programme: 'nope' });
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe('not_found');
    }
  });
});

describe('traceLineage on hand-built worlds', () => {
  it('terminates on a cycle A→B→C→A and marks where it closes', () => {
    const w = tinyWorld(['A', 'B', 'C'], [link('r1', 'A', 'B'), link('r2', 'B', 'C'), link('r3', 'C', 'A')]);
    const t = traceLineage(w, 'A');
    // Upward: C (r3) ← B (r2) ← A (r1), where A is already on the path.
    expect(ids(t.ancestors)).toEqual(['C']);
    const b = t.ancestors[0]!.children[0]!;
    expect(b.organisation.id).toBe('B');
    expect(b.children).toHaveLength(1);
    expect(b.children[0]!).toMatchObject({ cycle: true, children: [] });
    expect(b.children[0]!.organisation.id).toBe('A');
    expect(t.chains.map((c) => c.organisations.map((o) => o.id))).toEqual([['B', 'C', 'A']]);
    // Downward likewise.
    const down = t.descendants[0]!;
    expect(down.organisation.id).toBe('B');
    expect(down.children[0]!.organisation.id).toBe('C');
    expect(down.children[0]!.children[0]).toMatchObject({ cycle: true });
  });

  it('terminates on mutual mentoring within one round and on a self-link', () => {
    const w = tinyWorld(['A', 'B'], [link('r1', 'A', 'B'), link('r1', 'B', 'A'), link('r2', 'A', 'A')]);
    const t = traceLineage(w, 'A');
    expect(t.ancestors.map((n) => [n.organisation.id, n.link.roundId, n.cycle])).toEqual([
      ['B', 'r1', false],
      ['A', 'r2', true],
    ]);
    // Time runs forward: nothing earlier than r1 continues above B.
    expect(t.ancestors[0]!.children).toEqual([]);
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
  });

  it('only continues a chain with earlier rounds above and later rounds below', () => {
    // B mentored C in r1, but B itself was mentored by A only in r2: A is not above C.
    const w = tinyWorld(['A', 'B', 'C'], [link('r1', 'B', 'C'), link('r2', 'A', 'B')]);
    expect(traceLineage(w, 'C').ancestors[0]!.children).toEqual([]);
    expect(traceLineage(w, 'A').descendants[0]!.children).toEqual([]);
  });
});

describe('bounded work on a pathological record', () => {
  it('a ladder of 24 rounds where two mentors each mentor the next two is cut at the node limit and says so', async () => {
    const { buildLineageForest } = await import('../../../src/core/lineage/index.js');
    const { computeSpread } = await import('../../../src/core/spread/index.js');
    const levels = 24;
    const ids = Array.from({ length: levels + 1 }, (_, i) => [`a${i}`, `b${i}`]).flat();
    const links = Array.from({ length: levels }, (_, i) =>
      [`a${i}`, `b${i}`].flatMap((m) => [link(`r${i + 1}`, m, `a${i + 1}`), link(`r${i + 1}`, m, `b${i + 1}`)]),
    ).flat();
    const w = tinyWorld(ids, links, levels);
    const t = traceLineage(w, `a${levels}`);
    expect(t.treesTruncated).toBe(true);
    expect(t.chains.length).toBeLessThanOrEqual(1000);
    expect(buildLineageForest(w).truncated).toBe(true);
    const s = computeSpread(w);
    expect(s.generations.longestChainLength).toBe(levels + 1);
    expect(s.generations.longestChainsTruncated).toBe(true);
    expect(s.generations.maxGeneration).toBe(levels + 1);
  });
});
