/**
 * The web page in Debian's Chromium against the real server on a fresh database: every page loads
 * without console errors or error boxes, at 1280×800 and at 400 px wide without sideways
 * scrolling; every form control has a label; the lineage tree shows Eskilstuna → Uppsala →
 * Botkyrka with the 2017 link disputed (a fact of the record: SKL's 2016 web table and its 2018
 * presentation name different mentors for Uppsala); the map draws all 290 municipalities.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, openPage, useServerAndBrowser } from './browser.js';

const PAGES: [string, string][] = [
  ['#/', 'start'],
  ['#/trad', 'trad'],
  ['#/spridning', 'spridning'],
  ['#/forslag', 'forslag'],
  ['#/utrullning', 'utrullning'],
  ['#/utrullning?target=county:19&county=same&mentors=1980,1982&persistent=1980,1982', 'utrullning'],
  ['#/organisation/0380', 'organisation'],
  ['#/organisation?q=Upp', 'organisation'],
];

describe.skipIf(!chromiumAvailable)('web page (Chromium)', () => {
  const env = useServerAndBrowser();

  for (const [hash, route] of PAGES) {
    for (const width of [1280, 400]) {
      it(`${hash} loads at ${width} px with no console errors, no error box and no sideways scrolling`, async () => {
        const { page, errors } = await openPage(env.browser, { width, height: 800 });
        try {
          await page.goto(`${env.server.url}/${hash}`);
          await page.waitForSelector(`.page-${route}[data-ready="true"]`, { timeout: 30_000 });
          expect(errors).toEqual([]);
          const errorTexts = await page.locator('.error').allInnerTexts();
          expect(errorTexts).toEqual([]);
          expect(await page.locator('h1').first().innerText()).not.toBe('');
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow).toBeLessThanOrEqual(1);
          // Every visible form control has an accessible name.
          const unlabelled = await page.evaluate(() =>
            Array.from(document.querySelectorAll('input, select, textarea'))
              .filter((el) => (el as HTMLElement).offsetParent !== null)
              .filter((el) => {
                const e = el as HTMLInputElement;
                return !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby');
              })
              .map((el) => el.outerHTML.slice(0, 120)),
          );
          expect(unlabelled).toEqual([]);
          // A count of one takes the singular ("1 grupp", never "1 grupper").
          const text = await page.locator('body').innerText();
          expect(text).not.toMatch(/(?<![\d\u00a0.,])1 (?:grupper|kommuner|träffar|noder|generationer|organisationer|omgångar|mentorer|mentorlänkar|uppgifter|regioner)\b/u);
          // Counties by name, never by code ("län 19").
          expect(text).not.toMatch(/\blän \d{2}\b/);
        } finally {
          await page.close();
        }
      });
    }
  }

  it('an unknown organisation says so in Swedish, not in the API\'s English', async () => {
    const { page, errors } = await openPage(env.browser);
    try {
      await page.goto(`${env.server.url}/#/organisation/no-such-org`);
      await page.waitForSelector('.page-organisation[data-ready="true"]');
      const res = await fetch(`${env.server.url}/api/organisations/no-such-org`);
      const body = (await res.json()) as { message: string };
      expect(res.status).toBe(404);
      await expect.poll(() => page.locator('.error').innerText()).toContain('Ingen organisation har id no-such-org.');
      expect(await page.locator('.error').innerText()).not.toContain(body.message);
      // The failed request is logged by Chromium as a resource error; nothing else may be.
      expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('the tree shows Eskilstuna → Uppsala → Botkyrka with the 2017 link marked disputed, and its sources on click', async () => {
    const { page, errors } = await openPage(env.browser);
    try {
      await page.goto(`${env.server.url}/#/trad`);
      await page.waitForSelector('.page-trad[data-ready="true"]');
      // In the drawing: Eskilstuna (0484) → Uppsala (0380) in 2017, dashed as disputed; Uppsala → Botkyrka (0127) plain.
      const disputedEdge = page.locator('svg.tree .link[data-mentor="0484"][data-mentee="0380"]');
      await expect.poll(() => disputedEdge.count()).toBe(1);
      expect(await disputedEdge.getAttribute('class')).toContain('disputed');
      expect(await disputedEdge.getAttribute('data-round')).toBe('mk-2017');
      const plainEdge = page.locator('svg.tree .link[data-mentor="0380"][data-mentee="0127"]');
      expect(await plainEdge.count()).toBe(1);
      expect(await plainEdge.getAttribute('class')).not.toContain('disputed');
      // The other source's mentor for Uppsala is drawn too, also disputed.
      expect(await page.locator('svg.tree .link.disputed[data-mentor="1880"][data-mentee="0380"]').count()).toBe(1);
      for (const name of ['Eskilstuna', 'Uppsala', 'Botkyrka']) {
        expect(await page.locator('svg.tree .node text', { hasText: name }).count()).toBeGreaterThan(0);
      }

      // Clicking the disputed link shows its sources.
      await disputedEdge.dispatchEvent('click');
      const details = page.locator('#link-details');
      await expect.poll(() => details.innerText()).toContain('Eskilstuna → Uppsala');
      const lineage = (await (await fetch(`${env.server.url}/api/lineage?programme=modellkommuner`)).json()) as {
        links: { mentorId: string; menteeId: string; sources: { title: string; titleSv?: string | null }[] }[];
      };
      const link = lineage.links.find((l) => l.mentorId === '0484' && l.menteeId === '0380')!;
      expect(link.sources.length).toBeGreaterThan(0);
      // Sources by their Swedish title where the record has one.
      for (const s of link.sources) expect(await details.innerText()).toContain(s.titleSv ?? s.title);
      expect(await details.locator('.disputed-tag').count()).toBeGreaterThan(0);

      // Searching Botkyrka lists the chain with the 2017 link marked disputed.
      await page.getByLabel('Sök organisation (namn eller kod)').fill('Botkyrka');
      await page.getByRole('button', { name: 'Visa kedjor och efterföljare' }).click();
      const chain = page.locator('#chains li[data-path="Eskilstuna → Uppsala → Botkyrka"]');
      await chain.waitFor();
      const first = chain.locator('.chain-link[data-round="mk-2017"]');
      expect(await first.getAttribute('class')).toContain('disputed');
      expect(await first.innerText()).toContain('omstridd');
      const second = chain.locator('.chain-link[data-round="mk-2019"]');
      expect(await second.getAttribute('class')).not.toContain('disputed');
      expect(await chain.innerText()).toMatch(/Eskilstuna.*Uppsala.*Botkyrka/s);
      // The chain is highlighted in the drawing.
      expect(await page.locator('svg.tree .node.hl[data-id="0484"]').count()).toBe(1);
      expect(await page.locator('svg.tree .node.hl[data-id="0127"]').count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('disputed links can be reached and opened with the keyboard', async () => {
    const { page } = await openPage(env.browser);
    try {
      await page.goto(`${env.server.url}/#/trad`);
      await page.waitForSelector('.page-trad[data-ready="true"]');
      const edge = page.locator('svg.tree .link.disputed').first();
      await edge.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#link-details').isVisible()).toBe(true);
      expect(await page.locator('#link-details .sources li').count()).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });

  it('the map draws all 290 municipalities, Uppsala in its 2017 colour and the never-reached ones grey', async () => {
    const { page, errors } = await openPage(env.browser);
    try {
      await page.goto(`${env.server.url}/#/spridning`);
      await page.waitForSelector('.page-spridning[data-ready="true"]');
      expect(await page.locator('#karta path.muni').count()).toBe(290);
      const reached = await page.locator('#karta path.muni.reached').count();
      const never = await page.locator('#karta path.muni.never').count();
      expect(reached).toBeGreaterThan(0);
      expect(never).toBeGreaterThan(0);
      expect(reached + never).toBe(290);
      // Every path has a drawn outline (a broken projection gives empty or NaN paths).
      const bad = await page.evaluate(() => Array.from(document.querySelectorAll('#karta path.muni')).filter((p) => { const d = p.getAttribute('d') ?? ''; return d.length < 10 || d.includes('NaN'); }).length);
      expect(bad).toBe(0);
      // Uppsala (0380) first took part in 2017: its fill is the 2017 swatch of the legend.
      const uppsalaFill = await page.locator('#karta path[data-code="0380"]').getAttribute('fill');
      const swatch2017 = await page.locator('.legend li', { hasText: /^2017 / }).locator('.swatch').evaluate((el) => getComputedStyle(el).backgroundColor);
      const toRgb = await page.evaluate((c) => { const d = document.createElement('div'); d.style.color = c; document.body.append(d); const v = getComputedStyle(d).color; d.remove(); return v; }, uppsalaFill!);
      expect(toRgb).toBe(swatch2017);
      // A municipality never in the record (Ljusdal, 2161) is grey.
      expect(await page.locator('#karta path[data-code="2161"]').getAttribute('class')).toContain('never');
      // Charts are drawn and the tables carry CSV downloads that the API serves as CSV.
      expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(4);
      const href = await page.locator('a[href^="/api/export/"][href*=".csv"]').first().getAttribute('href');
      expect(href).toContain('dialect=excel');
      const csv = await fetch(`${env.server.url}${href}`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      // The table as shown downloads as CSV too: a header and one line per round row.
      const rows = await page.locator('table').first().locator('tbody tr').count();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('a', { hasText: 'Ladda ner tabellen som visas' }).first().click(),
      ]);
      const text = await readFile((await download.path())!, 'utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const lines = text.replace(/^\uFEFF/, '').trim().split(/\r\n/);
      expect(lines[0]).toContain('Omgång;');
      // Excel with Swedish settings: semicolons and decimal commas.
      expect(lines.slice(1).join('\n')).toMatch(/;0,\d+/);
      expect(lines.length).toBe(rows + 1);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("Uppsala's page shows both disputed 2017 mentors, its lineage and comparable organisations with reasons", async () => {
    const { page, errors } = await openPage(env.browser);
    try {
      await page.goto(`${env.server.url}/#/organisation/0380`);
      await page.waitForSelector('.page-organisation[data-ready="true"]');
      expect(await page.locator('h1').innerText()).toBe('Uppsala');
      const row2017 = page.locator('#part-h ~ .table-wrap tbody tr', { hasText: '2017' });
      const text = await row2017.innerText();
      expect(text).toContain('Eskilstuna');
      expect(text).toContain('Örebro');
      expect(await row2017.locator('.disputed-tag').count()).toBeGreaterThanOrEqual(2);
      expect(await page.locator('#lineage-h ~ ol.chains li', { hasText: 'Eskilstuna' }).count()).toBe(1);
      expect(await page.locator('#lineage-h ~ ul.desc', { hasText: 'Botkyrka' }).count()).toBe(1);
      const similarRows = page.locator('#similar-h ~ .table-wrap tbody tr');
      expect(await similarRows.count()).toBeGreaterThan(0);
      expect(await similarRows.first().locator('li').count()).toBeGreaterThan(0);
      expect(await similarRows.first().innerText()).not.toContain('Uppsala\t');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
