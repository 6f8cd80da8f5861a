/**
 * The Utrullning view in Debian's Chromium against the real server: Västmanland with Västerås and
 * Fagersta as mentors in every round gives a proven-minimal plan whose tree draws one dashed
 * (planned) link per joining municipality and whose map colours exactly those municipalities by
 * round; the view is reachable from the nav and from the workbench; downloads are offered.
 */
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, openPage, useServerAndBrowser } from './browser.js';

describe.skipIf(!chromiumAvailable)('Utrullning (Chromium)', () => {
  const env = useServerAndBrowser();

  it('draws the plan as a future tree and a map coloured by round, in Swedish', async () => {
    const { page, errors } = await openPage(env.browser, { width: 1280, height: 900 });
    try {
      await page.goto(`${env.server.url}/#/utrullning?target=county:19&county=same&mentors=1980,1982&persistent=1980,1982`);
      await page.waitForSelector('.page-utrullning[data-ready="true"]', { timeout: 60_000 });
      const summary = await page.locator('#ro-rounds').innerText();
      expect(summary).toMatch(/^2 omgångar behövs\. Undre gräns: 2 omgångar/);
      expect(summary).toContain('Bevisat minsta antal.');
      const plan = await page.evaluate(async () => {
        const r = await fetch('/api/rollout-plans', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target: 'county:19', county: 'same', mentors: ['1980', '1982'], persistentMentors: ['1980', '1982'] }) });
        return r.json() as Promise<{ rounds: { index: number; joins: { id: string }[] }[] }>;
      });
      const joins = plan.rounds.flatMap((r) => r.joins.map((j) => ({ id: j.id, round: r.index })));
      await expect.poll(() => page.locator('svg.rollout-tree .link.planned').count()).toBe(joins.length);
      expect(await page.locator('svg.rollout-tree .round-label', { hasText: 'Omgång 2 (planerad)' }).count()).toBe(1);
      await expect.poll(() => page.locator('#ro-karta path[data-round]').count()).toBe(joins.length);
      for (const j of joins) expect(await page.locator(`#ro-karta path[data-code="${j.id}"]`).getAttribute('data-round')).toBe(String(j.round));
      expect(await page.locator('a[data-format="csv"]').count()).toBe(1);
      expect(await page.locator('a[data-format="xlsx"]').count()).toBe(1);
      expect(await page.locator('.error').count()).toBe(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      expect(errors).toEqual([]);

      // Reached from the nav and from the workbench's rollout section.
      expect(await page.locator('.nav a[data-route="utrullning"]').getAttribute('aria-current')).toBe('page');
      await page.goto(`${env.server.url}/#/forslag`);
      await page.waitForSelector('.page-forslag[data-ready="true"]');
      await page.selectOption('#wb-roll-target', 'county:19');
      expect(await page.locator('#wb-roll-page').getAttribute('href')).toContain('#/utrullning?target=county%3A19');
      await page.click('#wb-roll-run');
      const answer = page.locator('#wb-roll-result');
      await expect.poll(() => answer.innerText(), { timeout: 60_000 }).toMatch(/Västmanlands län: \d+ organisationer, varav \d+ redan har deltagit\. \d+ omgång(ar)? behövs \(undre gräns \d+/);
      expect(await answer.locator('.error').count()).toBe(0);
      await answer.getByRole('link', { name: 'Visa som kaskad (träd och karta)' }).click();
      await page.waitForSelector('.page-utrullning[data-ready="true"]');
      await expect.poll(() => page.locator('#ro-rounds').innerText(), { timeout: 60_000 }).toMatch(/omgång(ar)? behövs/);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});
