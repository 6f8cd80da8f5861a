/**
 * The proposal workbench in Debian's Chromium against the real server on a fresh database: from
 * the Västmanland example to groups with reasons and optimality, alternatives, a what-if, and an
 * accepted round that then appears in the lineage tree. Writes without the token show the API's
 * message in words.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/databases.js';
import { startServer, type RunningServer } from '../helpers/server-process.js';
import { chromiumAvailable, launchBrowser, openPage } from './browser.js';

interface ExampleInstance {
  round: string;
  applicants: { id: string }[];
  mentors: { id: string }[];
}

describe.skipIf(!chromiumAvailable)('proposal workbench (Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let example: ExampleInstance;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    example = JSON.parse(await readFile(path.join(projectRoot, 'data/examples/vastmanland-2021.json'), 'utf8')) as ExampleInstance;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('goes from the Västmanland example to an accepted round that then appears in the tree', async () => {
    const { page, errors } = await openPage(browser);
    try {
      await page.goto(`${server.url}/#/forslag`);
      await page.waitForSelector('.page-forslag[data-ready="true"]');
      expect(await page.locator('.error').allInnerTexts()).toEqual([]);

      // Load the example.
      await page.waitForSelector('#wb-example option', { state: 'attached' });
      const value = await page.locator('#wb-example option').evaluateAll((opts) =>
        (opts as HTMLOptionElement[]).map((o) => o.value).find((v) => v.toLowerCase().includes('vastmanland')),
      );
      expect(value).toBeTruthy();
      await page.selectOption('#wb-example', value!);
      await page.click('#wb-load-example');
      await expect.poll(() => page.locator('table.applicant-list tbody tr').count()).toBe(example.applicants.length);
      const roundLabel = await page.inputValue('#wb-round');
      expect(roundLabel).toBe(example.round);
      // The suggested mentors are listed.
      const eligible = page.locator('#wb-eligible summary');
      await expect.poll(() => eligible.innerText()).toMatch(/Föreslagna mentorer \(\d+\)/);

      // A weight slider moves with the keyboard and shows its value; put it back.
      const out = page.locator('#wb-w-geography-out');
      const before = await out.innerText();
      await page.focus('#wb-w-geography');
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => out.innerText()).not.toBe(before);
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => out.innerText()).toBe(before);

      // Signed out, running shows the API's refusal in Swedish, pointing at the header's sign-in.
      expect(await page.locator('#signin-token').count()).toBe(1);
      await page.click('#wb-run');
      const refusal = page.locator('#proposal-result .error');
      await refusal.waitFor();
      const unauth = await fetch(`${server.url}/api/proposals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(example) });
      expect(unauth.status).toBe(401);
      expect(await refusal.innerText()).not.toContain(((await unauth.json()) as { message: string }).message);
      expect(await refusal.innerText()).toContain('logga in');

      // Sign in in the header and run.
      await page.fill('#signin-token', server.token);
      await page.click('#signin-button');
      await page.locator('#signout').waitFor();
      await page.click('#wb-run');
      await page.waitForSelector('#wb-groups .group', { timeout: 30_000 });
      expect(await page.locator('#wb-optimality').innerText()).toContain('Bevisat optimalt');
      // Every applicant is placed exactly once or listed as unplaced; every group has reasons.
      const placed = (await page.locator('#wb-groups .group').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.members ?? ''))).flatMap((m) => m.split(','));
      const unplacedCount = await page.locator('#proposal-result h3', { hasText: 'Oplacerade' }).count();
      if (unplacedCount === 0) expect([...placed].sort()).toEqual(example.applicants.map((a) => a.id).sort());
      expect(new Set(placed).size).toBe(placed.length);
      for (const size of await page.locator('#wb-groups .group').evaluateAll((els) => els.map((e) => ((e as HTMLElement).dataset.members ?? '').split(',').length))) {
        expect(size).toBeGreaterThanOrEqual(2);
        expect(size).toBeLessThanOrEqual(3);
      }
      expect(await page.locator('#wb-groups .group').first().innerText()).toContain('Främsta skäl');

      // Alternatives.
      await page.click('#wb-alt-btn');
      await page.waitForSelector('#wb-alternatives li[data-rank], #wb-alternatives p:not(.status)');
      expect(await page.locator('#wb-alternatives .error').count()).toBe(0);

      // What-if: group the first two applicants.
      await page.selectOption('#wb-wi-a', example.applicants[0]!.id);
      await page.selectOption('#wb-wi-b', example.applicants[1]!.id);
      await page.click('#wb-wi-btn');
      await expect.poll(() => page.locator('#wb-whatif-result').innerText()).toMatch(/målvärdet blir|inte möjligt/);

      // Accept, then see the round in the tree.
      await page.click('#wb-accept');
      const accepted = page.locator('#wb-accept-result .success');
      await accepted.waitFor({ timeout: 30_000 });
      const rounds = (await (await fetch(`${server.url}/api/rounds?programme=modellkommuner`)).json()) as { items: { id: string; label: string; proposalId: string | null }[] };
      const round = rounds.items.find((r) => r.proposalId !== null);
      expect(round).toBeDefined();
      expect(await accepted.innerText()).toContain(round!.id);

      await accepted.getByRole('link', { name: 'Se den i spridningsträdet' }).click();
      await page.waitForSelector('.page-trad[data-ready="true"]');
      const links = page.locator(`svg.tree .link[data-round="${round!.id}"]`);
      await expect.poll(() => links.count()).toBeGreaterThan(0);
      const mentors = await links.evaluateAll((els) => els.map((e) => e.getAttribute('data-mentor')));
      for (const m of mentors) expect(example.mentors.map((x) => x.id)).toContain(m);
      expect(await page.locator('svg.tree .round-label', { hasText: round!.label }).count()).toBe(1);

      // The rollout planner answers for Västmanland (county 19) in words.
      await page.goto(`${server.url}/#/forslag`);
      await page.waitForSelector('.page-forslag[data-ready="true"]');
      await page.selectOption('#wb-roll-target', 'county:19');
      await page.click('#wb-roll-run');
      const plan = page.locator('#wb-roll-result');
      await expect.poll(() => plan.innerText(), { timeout: 30_000 }).toMatch(/Västmanlands län: \d+ organisationer/);
      expect(await plan.locator('.error').count()).toBe(0);

      // Only the deliberate 401 may have been logged.
      expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
