/**
 * The page for Swedish users, in Debian's Chromium against the real server on a fresh database:
 * the header sign-in (kept across pages in sessionStorage, sent by every write, cleared by "Logga
 * ut"); chart labels measured against their canvas at 1280 and 390 px (nothing cut at an edge,
 * every label whole); "Alla program" on Spridning; wide tables on a phone that say they scroll; and
 * Swedish record texts where the record has them (the programme list, a conflict panel).
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, openPage, useServerAndBrowser } from './browser.js';

interface LabelBox {
  chart: string;
  scale: string;
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}

/** Every tick label and legend entry of every Chart.js chart on the page, as boxes in canvas pixels. */
function measureChartLabels(page: Page): Promise<LabelBox[]> {
  return page.evaluate(() => {
    type Item = { label: string | string[]; font: { string: string; lineHeight: number }; textOffset: number; options: { rotation: number; textAlign: string; textBaseline: string; translation: [number, number] } };
    type ChartLike = {
      width: number;
      height: number;
      ctx: CanvasRenderingContext2D;
      scales: Record<string, { getLabelItems(): Item[] }>;
      legend?: { legendHitBoxes?: { left: number; top: number; width: number; height: number }[]; legendItems?: { text: string }[] };
    };
    const Chart = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): ChartLike | undefined } }).Chart;
    const boxes: LabelBox[] = [];
    for (const canvas of Array.from(document.querySelectorAll('canvas'))) {
      const chart = Chart.getChart(canvas);
      if (!chart) continue;
      const ctx = chart.ctx;
      for (const [id, scale] of Object.entries(chart.scales)) {
        for (const item of scale.getLabelItems()) {
          const lines = Array.isArray(item.label) ? item.label : [item.label];
          ctx.save();
          ctx.font = item.font.string;
          const w = Math.max(...lines.map((l) => ctx.measureText(String(l)).width));
          ctx.restore();
          const lh = item.font.lineHeight;
          const x0 = item.options.textAlign === 'right' ? -w : item.options.textAlign === 'center' ? -w / 2 : 0;
          const y0 = item.options.textBaseline === 'middle' ? item.textOffset - lh / 2 : item.options.textBaseline === 'bottom' ? item.textOffset - lh : item.textOffset;
          const y1 = y0 + lines.length * lh;
          const [tx, ty] = item.options.translation;
          const r = item.options.rotation;
          const corners = [[x0, y0], [x0 + w, y0], [x0, y1], [x0 + w, y1]].map(([x, y]) => [tx + x! * Math.cos(r) - y! * Math.sin(r), ty + x! * Math.sin(r) + y! * Math.cos(r)]);
          const xs = corners.map((c) => c[0]!);
          const ys = corners.map((c) => c[1]!);
          boxes.push({ chart: canvas.id, scale: id, text: lines.join(' '), left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys), width: chart.width, height: chart.height });
        }
      }
      (chart.legend?.legendHitBoxes ?? []).forEach((b, i) => {
        boxes.push({ chart: canvas.id, scale: 'legend', text: chart.legend?.legendItems?.[i]?.text ?? '', left: b.left, right: b.left + b.width, top: b.top, bottom: b.top + b.height, width: chart.width, height: chart.height });
      });
    }
    return boxes;
  });
}

describe.skipIf(!chromiumAvailable)('the page in Swedish (Chromium)', () => {
  const env = useServerAndBrowser();

  const getJson = async <T>(p: string): Promise<T> => (await (await fetch(`${env.server.url}${p}`)).json()) as T;

  it('signs in once in the header: kept across pages, used by writes, cleared by "Logga ut"', async () => {
    const { page, errors } = await openPage(env.browser);
    try {
      await page.goto(`${env.server.url}/#/forslag`);
      await page.waitForSelector('.page-forslag[data-ready="true"]');
      // No token field inside the pages any more; the header explains where a token comes from.
      expect(await page.locator('#wb-token').count()).toBe(0);
      expect(await page.locator('#signin details').textContent()).toContain('npx modellkommuner tokens create --name');

      await page.fill('#signin-token', env.server.token);
      await page.click('#signin-button');
      await page.locator('#signout').waitFor();
      expect(await page.evaluate(() => sessionStorage.getItem('modellkommuner.token'))).toBe(env.server.token);

      // Across navigation (hash routes and a full reload of the tab) the sign-in stays.
      await page.click('.nav a[data-route="spridning"]');
      await page.waitForSelector('.page-spridning[data-ready="true"]');
      expect(await page.locator('#signout').isVisible()).toBe(true);
      await page.reload();
      await page.waitForSelector('.page-spridning[data-ready="true"]');
      expect(await page.locator('#signout').isVisible()).toBe(true);

      // A write from a page uses it: the Västmanland example computes without a token field.
      await page.goto(`${env.server.url}/#/forslag`);
      await page.waitForSelector('.page-forslag[data-ready="true"]');
      await page.waitForSelector('#wb-example option', { state: 'attached' });
      await page.click('#wb-load-example');
      await page.waitForSelector('table.applicant-list tbody tr');
      await page.click('#wb-run');
      await page.waitForSelector('#wb-groups .group', { timeout: 30_000 });
      // Solver details sit folded under "Teknisk information", in Swedish.
      const tech = page.locator('#wb-tech');
      expect(await tech.getAttribute('open')).toBeNull();
      expect(await tech.locator('summary').innerText()).toBe('Teknisk information');
      expect(await page.locator('#proposal-result').innerText()).not.toMatch(/noder|girig|lösare|Slumpfrö/);
      // The proposal downloads as XLSX from the API's path.
      const xlsx = await page.locator('#proposal-result a[href$=".xlsx"]').getAttribute('href');
      expect(xlsx).toMatch(/^\/api\/proposals\/[^/]+\.xlsx$/);

      // "Logga ut" forgets it: the next write is refused in Swedish, naming the header field.
      await page.click('#signout');
      await page.locator('#signin-token').waitFor();
      expect(await page.evaluate(() => sessionStorage.getItem('modellkommuner.token'))).toBeNull();
      await page.click('#wb-run');
      const refusal = page.locator('#proposal-result .error');
      await refusal.waitFor();
      const text = await refusal.innerText();
      expect(text).toContain('Token');
      expect(text).not.toMatch(/Authorization|Bearer|header/);
      expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  for (const width of [1280, 390]) {
    it(`draws every chart label whole and inside its canvas at ${width} px`, async () => {
      const { page, errors } = await openPage(env.browser, { width, height: 900 });
      try {
        await page.goto(`${env.server.url}/#/spridning`);
        await page.waitForSelector('.page-spridning[data-ready="true"]');
        const boxes = await measureChartLabels(page);
        expect(new Set(boxes.map((b) => b.chart)).size).toBeGreaterThanOrEqual(5);
        const outside = boxes.filter((b) => b.left < -1 || b.right > b.width + 1 || b.top < -1 || b.bottom > b.height + 1);
        expect(outside.map((b) => `${b.chart}/${b.scale} "${b.text}" [${b.left.toFixed(0)}, ${b.right.toFixed(0)}] × [${b.top.toFixed(0)}, ${b.bottom.toFixed(0)}] in ${b.width}×${b.height}`)).toEqual([]);
        // Every kommungrupp and county is labelled in full ("C7 Pendlingskommun nära mindre stad/tätort").
        const kg = await getJson<{ items: { code: string; name: string; version: number }[] }>('/api/kommungrupper');
        const kgLabels = boxes.filter((b) => b.chart === 'chart-kommungrupp' && b.scale === 'y').map((b) => b.text);
        for (const k of kg.items.filter((x) => x.version === 2017)) expect(kgLabels).toContain(`${k.code} ${k.name}`);
        const counties = await getJson<{ items: { name: string }[] }>('/api/counties');
        const countyLabels = boxes.filter((b) => b.chart === 'chart-county' && b.scale === 'y').map((b) => b.text);
        for (const c of counties.items) expect(countyLabels).toContain(c.name);
        // Labels of one axis do not overlap each other.
        for (const chart of ['chart-kommungrupp', 'chart-county']) {
          const ys = boxes.filter((b) => b.chart === chart && b.scale === 'y').sort((a, b) => a.top - b.top);
          for (let i = 1; i < ys.length; i++) expect(ys[i]!.top, `${chart}: "${ys[i - 1]!.text}" / "${ys[i]!.text}"`).toBeGreaterThanOrEqual(ys[i - 1]!.bottom - 1);
        }
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it('"Alla program" on Spridning shows every programme', async () => {
    const { page, errors } = await openPage(env.browser);
    try {
      const one = await getJson<{ reach: { organisations: number }; rounds: unknown[] }>('/api/spread?programme=modellkommuner');
      const all = await getJson<{ reach: { organisations: number }; rounds: unknown[] }>('/api/spread');
      expect(all.rounds.length).toBeGreaterThan(one.rounds.length);
      await page.goto(`${env.server.url}/#/spridning`);
      await page.waitForSelector('.page-spridning[data-ready="true"]');
      const firstCard = () => page.locator('.cards .card .num').first().innerText();
      expect((await firstCard()).replace(/\s/g, '')).toBe(String(one.reach.organisations));
      await page.selectOption('#spread-programme', { label: 'Alla program' });
      await page.waitForFunction(() => location.hash.includes('program=alla'));
      await page.waitForSelector('.page-spridning[data-ready="true"]');
      await expect.poll(async () => (await firstCard()).replace(/\s/g, '')).toBe(String(all.reach.organisations));
      expect(await page.locator('#spread-programme').inputValue()).toBe('alla');
      expect(await page.locator('#chart-new').count()).toBe(1);
      // Every CSV button asks for Excel's dialect and has an XLSX sibling.
      const hrefs = await page.locator('a[href^="/api/export/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      const csv = hrefs.filter((x) => x.includes('.csv'));
      expect(csv.length).toBeGreaterThanOrEqual(4);
      for (const h of csv) {
        expect(h).toContain('dialect=excel');
        expect(hrefs).toContain(h.replace('.csv', '.xlsx').replace(/[?&]dialect=excel/, '').replace(/\?$/, ''));
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('wide tables on a phone sit in a scroll container that says so', async () => {
    const { page, errors } = await openPage(env.browser, { width: 390, height: 800 });
    try {
      await page.goto(`${env.server.url}/#/organisation/0380`);
      await page.waitForSelector('.page-organisation[data-ready="true"]');
      const wrap = page.locator('#part-h ~ .table-wrap').first();
      await expect.poll(() => wrap.getAttribute('class')).toContain('scrollable');
      expect(await wrap.locator('.scroll-hint').isVisible()).toBe(true);
      const scroller = wrap.locator('.table-scroller');
      const m = await scroller.evaluate((el) => ({ overflow: getComputedStyle(el).overflowX, sw: el.scrollWidth, cw: el.clientWidth }));
      expect(m.overflow).toBe('auto');
      expect(m.sw).toBeGreaterThan(m.cw);
      // The right-edge shadow shows there is more, and goes once scrolled to the end.
      const shadow = () => wrap.evaluate((el) => getComputedStyle(el, '::after').content);
      expect(await shadow()).not.toBe('none');
      await scroller.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
      await expect.poll(shadow).toBe('none');
      // The page itself does not scroll sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows the Swedish record texts, not the English ones, in the programme list and a conflict panel', async () => {
    const { page, errors } = await openPage(env.browser);
    try {
      const programmes = await getJson<{ items: { name: string; nameSv: string | null; concept: string | null; conceptSv: string | null }[] }>('/api/programmes');
      expect(programmes.items.some((p) => p.nameSv && p.nameSv !== p.name)).toBe(true);
      await page.goto(`${env.server.url}/#/`);
      await page.waitForSelector('.page-start[data-ready="true"]');
      const list = page.locator('#programme-list');
      await list.waitFor();
      const listText = await list.innerText();
      for (const p of programmes.items) {
        if (p.nameSv) expect(listText).toContain(p.nameSv);
        if (p.nameSv && p.nameSv !== p.name) expect(listText).not.toContain(p.name);
        if (p.conceptSv && p.concept) expect(listText).not.toContain(p.concept.slice(0, 40));
      }
      // The programme menus speak Swedish too.
      await page.goto(`${env.server.url}/#/trad`);
      await page.waitForSelector('.page-trad[data-ready="true"]');
      const options = await page.locator('#tree-programme option').allInnerTexts();
      for (const p of programmes.items) if (p.nameSv) expect(options).toContain(p.nameSv);

      // The disputed 2017 link Eskilstuna → Uppsala: question, statements and sources in Swedish.
      const conflicts = await getJson<{ items: { id: string; about: string; aboutSv: string | null; statements: { says: string; saysSv: string | null; sources: { title: string; titleSv?: string | null }[] }[] }[] }>('/api/conflicts');
      const edge = page.locator('svg.tree .link[data-mentor="0484"][data-mentee="0380"]');
      await edge.dispatchEvent('click');
      const panel = page.locator('#link-details .conflict').first();
      await panel.waitFor();
      const id = await panel.getAttribute('data-conflict');
      const c = conflicts.items.find((x) => x.id === id)!;
      expect(c.aboutSv).toBeTruthy();
      const text = await page.locator('#link-details').innerText();
      expect(text).toContain(c.aboutSv!);
      expect(text).not.toContain(c.about);
      for (const st of c.statements) {
        expect(st.saysSv).toBeTruthy();
        expect(text).toContain(st.saysSv!);
        expect(text).not.toContain(st.says);
        for (const s of st.sources) if (s.titleSv) expect(text).toContain(s.titleSv);
      }
      expect(await page.locator('#link-details [lang="en"]').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
