/**
 * The API keeps English as its main text and offers the record's Swedish beside it, for the page:
 * each *Sv field comes through the response schemas (which would strip or refuse unknown keys) with
 * the value history.json / focus-areas.json / the example give it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeEachDatabaseWithDataset, projectRoot } from '../../helpers/databases.js';
import { useApp } from '../../helpers/app.js';

interface HistoryJson {
  programmes: { id: string; name: string; name_sv?: string; concept_sv?: string }[];
  sources: { id: string; title: string; title_sv?: string; note_sv?: string }[];
  conflicts: { id: string; about: string; about_sv?: string; statements: { says: string; says_sv?: string }[] }[];
  organisations: { id: string; note_sv?: string }[];
  rounds: { id: string; notes_sv?: string }[];
}
const history = JSON.parse(readFileSync(path.join(projectRoot, 'data/history.json'), 'utf8')) as HistoryJson;
const focus = JSON.parse(readFileSync(path.join(projectRoot, 'data/focus-areas.json'), 'utf8')) as { focus_areas: { id: string; description_sv?: string }[] };

describeEachDatabaseWithDataset('Swedish texts in the API', (ctx) => {
  const { app } = useApp(ctx);
  const get = async <T>(url: string): Promise<T> => {
    const res = await app().inject({ method: 'GET', url });
    expect(res.statusCode, url).toBe(200);
    return res.json() as T;
  };

  it('programmes, sources and conflicts carry their Swedish beside the English', async () => {
    const programmes = await get<{ items: { id: string; name: string; nameSv: string | null; conceptSv: string | null }[] }>('/api/programmes');
    for (const p of history.programmes.filter((x) => x.name_sv)) {
      const got = programmes.items.find((x) => x.id === p.id)!;
      expect(got.name).toBe(p.name);
      expect(got.nameSv).toBe(p.name_sv);
      expect(got.conceptSv).toBe(p.concept_sv ?? null);
    }
    const sources = await get<{ items: { id: string; titleSv: string | null }[] }>('/api/sources');
    const withSv = history.sources.filter((s) => s.title_sv);
    expect(withSv.length).toBeGreaterThan(0);
    for (const s of withSv) expect(sources.items.find((x) => x.id === s.id)!.titleSv).toBe(s.title_sv);
    const conflicts = await get<{ items: { id: string; about: string; aboutSv: string | null; statements: { says: string; saysSv: string | null; sources: { titleSv?: string | null }[] }[] }[] }>('/api/conflicts');
    for (const c of history.conflicts.filter((x) => x.about_sv)) {
      const got = conflicts.items.find((x) => x.id === c.id)!;
      expect(got.about).toBe(c.about);
      expect(got.aboutSv).toBe(c.about_sv);
      expect(got.statements.map((s) => s.saysSv)).toEqual(c.statements.map((s) => s.says_sv ?? null));
    }
  });

  it('organisation and round notes, lineage source titles, focus descriptions and the example note', async () => {
    const org = history.organisations.find((o) => o.note_sv)!;
    const detail = await get<{ organisation: { noteSv: string | null } }>(`/api/organisations/${encodeURIComponent(org.id)}`);
    expect(detail.organisation.noteSv).toBe(org.note_sv);
    const round = history.rounds.find((r) => r.notes_sv)!;
    const desc = await get<{ round: { notesSv: string | null }; programme: { nameSv?: string | null } }>(`/api/rounds/${encodeURIComponent(round.id)}`);
    expect(desc.round.notesSv).toBe(round.notes_sv);
    expect(desc.programme.nameSv).toBeTruthy();
    const lineage = await get<{ links: { sources: { id: string; titleSv?: string | null }[] }[] }>('/api/lineage?programme=modellkommuner');
    const titled = lineage.links.flatMap((l) => l.sources).filter((s) => s.titleSv);
    expect(titled.length).toBeGreaterThan(0);
    for (const s of titled) expect(s.titleSv).toBe(history.sources.find((x) => x.id === s.id)!.title_sv);
    const areas = await get<{ items: { id: string; descriptionSv: string | null }[] }>('/api/focus-areas');
    expect(areas.items.filter((a) => a.descriptionSv).length).toBeGreaterThan(0);
    for (const a of focus.focus_areas) if (a.description_sv) expect(areas.items.find((x) => x.id === a.id)!.descriptionSv).toBe(a.description_sv);
    const examples = await get<{ items: { name: string; noteSv: string | null }[] }>('/api/examples');
    expect(examples.items.find((e) => e.name === 'vastmanland-2021')!.noteSv).toMatch(/^Exempel på indata/);
    const spread = await get<{ disputed: { conflicts: { about: string; aboutSv: string | null }[] } }>('/api/spread?programme=modellkommuner');
    expect(spread.disputed.conflicts.every((c) => c.aboutSv)).toBe(true);
  });
});
