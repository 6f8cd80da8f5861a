/**
 * The proposal workbench in Debian's Chromium against the real server on a fresh database: from
 * the Västmanland example to groups with reasons and optimality, alternatives, a what-if, and an
 * accepted round: a confirmation dialog lists what will be written before anything is sent; the
 * planned round then appears in the lineage tree as its own dashed column, and on Spridning, only
 * with "Visa planerade omgångar" ticked. Writes without the token show the API's message in words.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/databases.js';
import { chromiumAvailable, openPage, useServerAndBrowser } from './browser.js';

interface ProposalResult {
  groups: { members: { id: string; name: string }[]; mentor: { id: string; name: string } | null }[];
  unplaced: { id: string; name: string }[];
}

interface ExampleInstance {
  round: string;
  applicants: { id: string }[];
  mentors: { id: string }[];
}

describe.skipIf(!chromiumAvailable)('proposal workbench (Chromium)', () => {
  const env = useServerAndBrowser();
  let example: ExampleInstance;

  beforeAll(async () => {
    example = JSON.parse(await readFile(path.join(projectRoot, 'data/examples/vastmanland-2021.json'), 'utf8')) as ExampleInstance;
  });

  it('goes from the Västmanland example to an accepted round that then appears in the tree', async () => {
    const { page, errors } = await openPage(env.browser);
    try {
      await page.goto(`${env.server.url}/#/forslag`);
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
      const unauth = await fetch(`${env.server.url}/api/proposals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(example) });
      expect(unauth.status).toBe(401);
      expect(await refusal.innerText()).not.toContain(((await unauth.json()) as { message: string }).message);
      expect(await refusal.innerText()).toContain('logga in');

      // Sign in in the header and run.
      await page.fill('#signin-token', env.server.token);
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

      // Accept: nothing is sent before the confirmation dialog, which lists what will be written.
      const proposals = (await (await fetch(`${env.server.url}/api/proposals`)).json()) as { items: { id: string }[] };
      const proposalId = proposals.items.at(-1)!.id;
      const proposal = ((await (await fetch(`${env.server.url}/api/proposals/${proposalId}`)).json()) as { result: ProposalResult }).result;
      const acceptedRounds = async () =>
        ((await (await fetch(`${env.server.url}/api/rounds?programme=modellkommuner`)).json()) as { items: { id: string; label: string; proposalId: string | null; state: string }[] }).items.filter((r) => r.proposalId !== null);
      await page.click('#wb-accept');
      await expect.poll(() => page.locator('#wb-accept-result .error').innerText()).toContain('startmånad');
      expect(await page.locator('#wb-confirm').count()).toBe(0);
      await page.fill('#wb-accept-start', '2026-09');
      await page.fill('#wb-accept-label', 'Västmanland 2026');
      await page.click('#wb-accept');
      const dialog = page.locator('dialog#wb-confirm');
      await dialog.waitFor();
      expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
      expect(await page.locator('#wb-confirm-start').innerText()).toBe('2026-09');
      expect(await page.locator('#wb-confirm-label').innerText()).toContain('Västmanland 2026');
      const groupItems = await page.locator('#wb-confirm-groups li').allInnerTexts();
      expect(groupItems).toHaveLength(proposal.groups.length);
      proposal.groups.forEach((g, i) => {
        for (const m of g.members) expect(groupItems[i]).toContain(m.name);
        expect(groupItems[i]).toContain(g.mentor ? g.mentor.name : 'ingen mentor');
      });
      if (proposal.unplaced.length) expect(await page.locator('#wb-confirm-unplaced li').allInnerTexts()).toEqual(proposal.unplaced.map((u) => u.name));
      // Cancelling sends nothing.
      await page.click('#wb-confirm-cancel');
      expect(await page.locator('#wb-confirm').count()).toBe(0);
      expect(await acceptedRounds()).toEqual([]);
      // Confirming without ticking what needs a tick writes nothing either; ticking it writes the round.
      await page.click('#wb-accept');
      await dialog.waitFor();
      const ticks = ['#wb-ack-unplaced', '#wb-ack-unmentored'];
      const needed = [];
      for (const t of ticks) if (await page.locator(t).count()) needed.push(t);
      expect(needed.length).toBe((proposal.unplaced.length ? 1 : 0) + (proposal.groups.some((g) => !g.mentor) ? 1 : 0));
      if (needed.length) {
        await page.click('#wb-confirm-ok');
        await expect.poll(() => dialog.locator('.error').innerText()).toContain('Bekräfta');
        expect(await acceptedRounds()).toEqual([]);
        for (const t of needed) await page.check(t);
      }
      await page.click('#wb-confirm-ok');
      const accepted = page.locator('#wb-accept-result .success');
      await accepted.waitFor({ timeout: 30_000 });
      const [round] = await acceptedRounds();
      expect(round).toMatchObject({ label: 'Västmanland 2026', state: 'planned' });
      expect(await accepted.innerText()).toContain(round!.id);

      // The tree link asks for planned rounds: the round is its own dashed column, last, marked "planerad".
      await accepted.getByRole('link', { name: 'Se den i spridningsträdet' }).click();
      await page.waitForSelector('.page-trad[data-ready="true"]');
      expect(await page.isChecked('#tree-planned')).toBe(true);
      const links = page.locator(`svg.tree .link.planned[data-round="${round!.id}"]`);
      await expect.poll(() => links.count()).toBeGreaterThan(0);
      const mentors = await links.evaluateAll((els) => els.map((e) => e.getAttribute('data-mentor')));
      for (const m of mentors) expect(example.mentors.map((x) => x.id)).toContain(m);
      expect(await page.locator(`svg.tree .round-band.planned[data-round="${round!.id}"]`).count()).toBe(1);
      const columnLabels = await page.locator('svg.tree .round-label').allTextContents();
      expect(columnLabels.at(-1)).toBe('Västmanland 2026');
      expect(await page.locator('svg.tree .round-sub.planned').textContent()).toContain('planerad');
      expect(await page.locator('#legend-planned').innerText()).toContain('planerad');
      // Every link runs forward: the mentor's node sits left of the mentee's.
      const backwards = await page.locator('svg.tree .link').evaluateAll((els) =>
        els.filter((g) => {
          const d = g.querySelector('path.line')?.getAttribute('d') ?? '';
          const nums = d.match(/-?[0-9.]+/g)?.map(Number) ?? [];
          return nums.length >= 2 && nums[0]! > nums[nums.length - 2]!;
        }).length,
      );
      expect(backwards).toBe(0);
      // Unticking the toggle takes the plan out of the drawing.
      await page.uncheck('#tree-planned');
      await expect.poll(() => page.locator('svg.tree .round-band.planned').count()).toBe(0);
      await expect.poll(() => page.locator(`svg.tree .link[data-round="${round!.id}"]`).count()).toBe(0);
      await page.waitForSelector('svg.tree .link');

      // Spridning: planned rounds only with the toggle, and then said so; the 2018 presentation's own count beside the page's.
      await page.goto(`${env.server.url}/#/spridning?program=modellkommuner`);
      await page.waitForSelector('.page-spridning[data-ready="true"]');
      await expect.poll(() => page.locator('#record-count').innerText()).toContain('33 kommuner');
      expect(await page.locator('#record-count').innerText()).toContain('tre första omgångarna');
      expect(await page.locator('#planned-notice').count()).toBe(0);
      expect(await page.locator('body').innerText()).not.toContain('Västmanland 2026');
      await page.check('#spread-planned');
      await expect.poll(() => page.locator('#planned-notice').count()).toBe(1);
      expect(await page.locator('#planned-notice').innerText()).toContain('Västmanland 2026');
      await expect.poll(() => page.locator('table', { hasText: 'Västmanland 2026' }).count()).toBeGreaterThan(0);

      // The rollout planner answers for Västmanland (county 19) in words.
      await page.goto(`${env.server.url}/#/forslag`);
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
