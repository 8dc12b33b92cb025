// Ofsted's Annex A in a real browser (issue 10): an analyst opens Annex A, chooses the range with
// the date inputs, opens the referrals behind list 3's count, follows a child to their record, and
// downloads the workbook. axe (WCAG 2.2 AA) runs on every page.
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { receiveReferral } from '../src/episodes/service.ts';
import { checkAccessibility, describeInBrowser, launchBrowser, newPage, seedChild, signIn, startBrowserApp, visible, BROWSER_TODAY, type BrowserApp } from './support/browser.ts';

describeInBrowser('Ofsted Annex A in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let analyst: Page;
  let mayaId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const child = async (firstName: string, laChildId: string, referralDate: string) => {
      const id = await seedChild(t, { firstName, lastName: 'Annex', dateOfBirth: '2015-06-01', sex: 'F', laChildId, allocatedTo: t.users.worker.id, allocatedOn: referralDate }, t.users.worker.id);
      await receiveReferral(t.handle.db, { childId: id, referralDate, referralSource: '2A', primaryNeed: 'N1' }, t.users.frontDoor.id, BROWSER_TODAY);
      return id;
    };
    mayaId = await child('Maya', 'AA9001', '2026-10-01');
    // Referred the day before the range the analyst chooses: in the 12 months, not in the range.
    await child('Noor', 'AA9002', '2026-08-31');
    ({ context, page: analyst } = await newPage(browser));
    await signIn(analyst, t.baseUrl, t.users.analyst.username);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('an analyst chooses the range, opens the referrals behind a count, follows a child to their record, and downloads the workbook', async () => {
    await analyst.goto(`${t.baseUrl}/`);
    await analyst.getByRole('link', { name: 'Annex A' }).first().click();
    await visible(analyst.getByRole('heading', { name: 'Ofsted Annex A', level: 1 }));
    await visible(analyst.getByRole('table', { name: 'Rows in each list' }));
    await checkAccessibility(analyst);

    const from = analyst.getByRole('group', { name: 'From' });
    await from.getByLabel('Day').fill('1');
    await from.getByLabel('Month').fill('9');
    await from.getByLabel('Year').fill('2026');
    await analyst.getByRole('button', { name: 'Show the lists' }).click();
    await visible(analyst.getByRole('heading', { name: 'The lists from 1 September 2026 to 20 November 2026' }));
    await checkAccessibility(analyst);

    await analyst.getByRole('link', { name: /1 rows in List 3/ }).click();
    await visible(analyst.getByRole('heading', { name: 'Annex A List 3: Referrals', level: 1 }));
    const table = analyst.getByRole('table', { name: '1 row' });
    await visible(table);
    await expect(table.getByRole('link', { name: 'Noor Annex' }).count()).resolves.toBe(0);
    await checkAccessibility(analyst);

    await table.getByRole('link', { name: 'Maya Annex' }).click();
    await visible(analyst.getByRole('heading', { name: /Maya Annex/, level: 1 }));
    expect(analyst.url()).toContain(`/children/${mayaId}`);

    await analyst.goBack();
    await analyst.getByRole('link', { name: 'All Annex A lists' }).click();
    const [download] = await Promise.all([analyst.waitForEvent('download'), analyst.getByRole('link', { name: /Download the Annex A workbook/ }).click()]);
    expect(download.suggestedFilename()).toBe('annex-a-2026-09-01-to-2026-11-20.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    expect(book.worksheets).toHaveLength(11);
    expect(book.getWorksheet('List 3')!.getRow(2).getCell(1).value).toBe('AA9001');
  });
});
