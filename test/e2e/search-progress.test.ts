/**
 * The workbench shows a running search and lets the project lead stop it: a 90-applicant draw
 * (served to the page as the example instance, so no clicking through 60 rows) under a long time
 * limit runs until stopped; the progress bar and its text appear, "Stoppa och använd bästa
 * hittills" ends the search, and the proposal shown is the stored best so far, marked heuristic.
 */
import { describe, expect, it } from 'vitest';
import { drawRealInstance } from '../../scripts/draw-instance.js';
import { loadDataset } from '../helpers/databases.js';
import { chromiumAvailable, openPage, useServerAndBrowser } from './browser.js';

describe.skipIf(!chromiumAvailable)('a running search in the workbench (Chromium)', () => {
  const env = useServerAndBrowser({ env: { PROPOSAL_TIME_LIMIT_MS: '600000' } });

  it('shows the progress and keeps the best so far when stopped', async () => {
    const hard = { round: 'e2e-stopped', ...drawRealInstance(await loadDataset(), 90, 30, 7) };
    const { page, errors } = await openPage(env.browser);
    try {
      await page.route('**/api/examples/*', (route) => route.fulfill({ json: hard }));
      await page.goto(`${env.server.url}/#/forslag`);
      await page.waitForSelector('.page-forslag[data-ready="true"]');
      await page.waitForSelector('#wb-example option', { state: 'attached' });
      await page.click('#wb-load-example');
      await expect.poll(() => page.locator('table.applicant-list tbody tr').count()).toBe(90);
      await page.fill('#signin-token', env.server.token);
      await page.click('#signin-button');
      await page.click('#wb-run');

      await page.waitForSelector('#wb-progress');
      await expect.poll(() => page.locator('#wb-progress-text').innerText(), { timeout: 120_000 }).toMatch(/gap .*noder/);
      expect(await page.locator('#wb-groups .group').count()).toBe(0);
      const stop = page.locator('#wb-stop');
      expect(await stop.innerText()).toBe('Stoppa och använd bästa hittills');
      await stop.click();

      await page.waitForSelector('#wb-groups .group', { timeout: 120_000 });
      const optimality = await page.locator('#wb-optimality').innerText();
      expect(optimality).toContain('Inte bevisat optimalt');
      // Why, in plain Swedish, under "Teknisk information" (closed, so read its text content).
      expect(await page.locator('#wb-tech').textContent()).toContain('stoppades');
      const stored = (await (await fetch(`${env.server.url}/api/proposals?round=e2e-stopped`)).json()) as { items: { optimality: string }[] };
      expect(stored.items.map((p) => p.optimality)).toEqual(['heuristic']);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
