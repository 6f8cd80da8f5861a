/**
 * The Ansökningar page in Debian's Chromium against the real server on a fresh database: create a
 * round in preparation, add an application by hand, import the example CSV, see a refused file's
 * errors by line and field, load the round into the workbench and accept it: the round is planned.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/databases.js';
import { chromiumAvailable, openPage, useServerAndBrowser } from './browser.js';

describe.skipIf(!chromiumAvailable)('applications page (Chromium)', () => {
  const env = useServerAndBrowser();

  it('creates a round, adds and imports applications, shows a refused file by line, and opens the round in Förslag', async () => {
    const { page, errors } = await openPage(env.browser);
    try {
      await page.goto(`${env.server.url}/#/ansokningar`);
      await page.waitForSelector('.page-ansokningar[data-ready="true"]');
      await page.fill('#signin-token', env.server.token);
      await page.click('#signin-button');
      await page.fill('#app-new-label', 'E2E 2028');
      await page.click('#app-new-create');
      const round = page.locator('section.app-round[data-round="modellkommuner-e2e-2028"]');
      await round.waitFor();
      await expect.poll(() => round.locator('p').first().innerText()).toContain('0 ansökningar och 0 mentorserbjudanden');

      // One application by hand: Sala, with two roles.
      await round.getByRole('button', { name: 'Lägg till ansökan' }).click();
      await round.locator('input[id$="-org"]').first().fill('Sala');
      await round.getByLabel('politiker').check();
      await round.getByLabel('strateg').check();
      await round.getByRole('button', { name: 'Spara ansökan' }).click();
      await expect.poll(() => page.locator('section.app-round[data-round="modellkommuner-e2e-2028"] table.app-list tbody tr').count()).toBe(1);
      const salaRow = page.locator('section.app-round[data-round="modellkommuner-e2e-2028"] tr[data-org="1981"]');
      expect(await salaRow.innerText()).toContain('politiker, strateg');

      // A refused file: every problem named by line and field, nothing written.
      const r = page.locator('section.app-round[data-round="modellkommuner-e2e-2028"]');
      await r.locator('input[type="file"]').setInputFiles({ name: 'fel.csv', mimeType: 'text/csv', buffer: Buffer.from('Organisation;Fokusområden\nArboga;inget-sådant\n') });
      await r.getByRole('button', { name: 'Importera' }).click();
      // Files are read on the solve pool, which may still be starting its thread.
      await expect.poll(() => r.locator('.import-errors li').allInnerTexts(), { timeout: 30_000 }).toEqual([expect.stringContaining('rad 2, fält focus')]);
      expect(await r.locator('table.app-list tbody tr').count()).toBe(1);

      // The example file imports: six more applications, the count in Swedish.
      const example = await readFile(path.join(projectRoot, 'data/examples/applications-example.csv'));
      await r.locator('input[type="file"]').setInputFiles({ name: 'applications-example.csv', mimeType: 'text/csv', buffer: example });
      await r.getByRole('button', { name: 'Importera' }).click();
      await expect.poll(() => r.locator('table.app-list tbody tr').count(), { timeout: 30_000 }).toBe(7);
      expect(await r.locator('p').first().innerText()).toContain('7 ansökningar');
      expect(await r.locator('tr[data-org="1960"]').innerText()).toContain('Arboga');

      // Into the workbench: the seven applicants are loaded from the round.
      await r.getByRole('link', { name: 'Öppna i Förslag' }).click();
      await page.waitForSelector('.page-forslag[data-ready="true"]');
      await expect.poll(() => page.locator('table.applicant-list tbody tr').count()).toBe(7);

      // Run and accept (still signed in from above): the round in preparation itself becomes planned.
      await page.click('#wb-run');
      await page.waitForSelector('#wb-groups .group', { timeout: 60_000 });
      await page.fill('#wb-accept-start', '2028-09');
      await page.click('#wb-accept');
      await page.locator('dialog#wb-confirm').waitFor();
      for (const t of ['#wb-ack-unplaced', '#wb-ack-unmentored']) if (await page.locator(t).count()) await page.check(t);
      await page.click('#wb-confirm-ok');
      await page.locator('#wb-accept-result .success').waitFor({ timeout: 30_000 });
      const rounds = (await (await fetch(`${env.server.url}/api/rounds?programme=modellkommuner`)).json()) as { items: { id: string; state: string }[] };
      expect(rounds.items.find((x) => x.id === 'modellkommuner-e2e-2028')?.state).toBe('planned');
      // The one 400 is the refused file above, which Chromium logs as a failed load.
      expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
      expect(errors.length).toBe(1);
    } finally {
      await page.close();
    }
  });
});
