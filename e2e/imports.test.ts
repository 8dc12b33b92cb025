// Moving to Lantern in a real browser (issue 10, decision 0039): an administrator uploads another
// system's CIN census with the file upload (no JavaScript needed), watches it load, reads the report of
// what was created and what was rejected with why, and an analyst then finds the imported child.
// axe (WCAG 2.2 AA) runs on every page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { censusXml } from '../src/returns/cin-census/xml.ts';
import { cleanChild } from '../src/returns/cin-census/test-fixture.ts';
import { exampleSsda903, ssda903CsvFiles } from '../src/returns/import/example-ssda903.ts';
import { withEveryTable } from '../src/returns/import/example-ssda903-tables.ts';
import { checkAccessibility, describeInBrowser, launchBrowser, newPage, signIn, startBrowserApp, visible, type BrowserApp } from './support/browser.ts';
import { signedInPage } from './support/signed-in.ts';

describeInBrowser('imports in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let admin: Page;
  let file: string;
  let csvFiles: string[];
  let prevPermRows = 0;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const folder = await mkdtemp(join(tmpdir(), 'lantern-import-'));
    file = join(folder, 'previous-system-cin-2026.xml');
    await writeFile(file, censusXml({ header: { year: 2026, referenceDate: '2026-03-31', laNumber: '999', madeAt: '2026-04-15T09:00:00Z' }, children: [cleanChild({ laChildId: 'MOVE0001' }), cleanChild({ laChildId: null })] }));
    csvFiles = [];
    const r = withEveryTable(exampleSsda903(2, 2026, 'browser'));
    prevPermRows = r.children.filter((c) => c.prevPerm).length;
    for (const f of ssda903CsvFiles(r, ['Header', 'Episodes', 'Reviews', 'PrevPerm', 'SWEpisodes'])) {
      csvFiles.push(join(folder, f.fileName));
      await writeFile(join(folder, f.fileName), f.text);
    }
    ({ context, page: admin } = await signedInPage(browser, t, 'admin'));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('an administrator imports a CIN census file and reads what was created and what was rejected', async () => {
    await admin.goto(`${t.baseUrl}/`);
    await admin.getByRole('link', { name: 'Imports' }).first().click();
    await visible(admin.getByRole('heading', { name: 'Imports', level: 1 }));
    await checkAccessibility(admin);
    await admin.getByRole('button', { name: 'Import the file' }).click();
    await visible(admin.getByText('Choose the CIN census XML file to import').first());
    await checkAccessibility(admin);

    await admin.getByLabel('CIN census XML file').setInputFiles(file);
    await admin.getByRole('button', { name: 'Import the file' }).click();
    await visible(admin.getByRole('heading', { name: 'previous-system-cin-2026.xml', level: 1 }));
    // The page refreshes itself until the job is done.
    const counts = admin.getByRole('table', { name: /Created, already in Lantern/ });
    await counts.waitFor({ timeout: 30_000 });
    await visible(counts.getByRole('row', { name: 'children 1 0 1' }));
    const rejected = admin.getByRole('table', { name: '1 rejected' });
    await visible(rejected.getByRole('cell', { name: /No LAchildID/ }));
    await checkAccessibility(admin);

    const { context: analystContext, page: analyst } = await newPage(browser);
    try {
      await signIn(analyst, t.baseUrl, t.users.analyst.username);
      await analyst.goto(`${t.baseUrl}/children?q=MOVE0001`);
      await visible(analyst.getByRole('link', { name: /Name not known/ }).first());
      expect(await analyst.getByRole('link', { name: /Name not known/ }).count()).toBe(1);
    } finally {
      await analystContext.close();
    }
  });

  it('an administrator imports an SSDA903 return’s CSV files for a year and reads the report', async () => {
    await admin.goto(`${t.baseUrl}/imports`);
    await admin.getByLabel('Collection year of the return').selectOption('2026');
    await admin.getByLabel('The return’s CSV files').setInputFiles(csvFiles);
    await admin.getByRole('button', { name: 'Import the return' }).click();
    await visible(admin.getByRole('heading', { name: /header\.csv, episodes\.csv, reviews\.csv/, level: 1 }));
    const counts = admin.getByRole('table', { name: /Created, already in Lantern/ });
    await counts.waitFor({ timeout: 30_000 });
    await visible(counts.getByRole('row', { name: 'children 2 0 0' }));
    await visible(counts.getByRole('row', { name: `previous permanence rows ${prevPermRows} 0 0` }));
    await checkAccessibility(admin);
  });
});
