// The CIN census in a real browser (issue 10): an analyst opens this year's census from the live
// record and sees 3 failures, follows one to the child, the child's social worker corrects the
// record, and the failure is gone on the next check (DfE rules 8770Q, 1580, 8610; standards.md §1.5).
// axe (WCAG 2.2 AA) runs on every page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { receiveReferral } from '../src/episodes/service.ts';
import { testUpn } from '../src/people/test-support.ts';
import { checkAccessibility, describeInBrowser, launchBrowser, newPage, seedChild, signIn, startBrowserApp, visible, BROWSER_TODAY, type BrowserApp } from './support/browser.ts';

describeInBrowser('the CIN census in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let analyst: Page;
  let ivoId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const child = async (firstName: string, laChildId: string, upn: string | null, primaryNeed: string | null) => {
      const id = await seedChild(t, { firstName, lastName: 'Census', dateOfBirth: '2016-03-04', sex: 'M', laChildId, allocatedTo: t.users.worker.id, allocatedOn: '2026-09-01' }, t.users.worker.id);
      await t.handle.db.updateTable('person').set({ ethnicity: 'WBRI', upn }).where('id', '=', id).execute();
      await receiveReferral(t.handle.db, { childId: id, referralDate: '2026-09-01', referralSource: '2A', primaryNeed }, t.users.frontDoor.id, BROWSER_TODAY);
      return id;
    };
    // 8770Q: of school age with no UPN; 1580: an LA child ID with a dash; 8610: no primary need.
    ivoId = await child('Ivo', 'LC7001', null, 'N1');
    await child('Jude', 'LC-7002', testUpn(702), 'N4');
    await child('Kit', 'LC7003', testUpn(703), null);
    ({ context, page: analyst } = await newPage(browser));
    await signIn(analyst, t.baseUrl, t.users.analyst.username);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('an analyst sees 3 failures, follows one to the child, the record is corrected, and the failure is gone', async () => {
    await analyst.goto(`${t.baseUrl}/`);
    await analyst.getByRole('link', { name: 'CIN census' }).first().click();
    await visible(analyst.getByRole('heading', { name: 'CIN census', level: 1 }));
    const byChild = analyst.getByRole('table', { name: '3 failures' });
    await visible(byChild);
    await visible(byChild.getByRole('cell', { name: 'UPN is missing or reason UPN is missing or is UN1 for a child who is of school age.' }));
    await visible(byChild.getByRole('cell', { name: 'LA Child ID must not contain any non-alphanumeric characters' }));
    await visible(byChild.getByRole('cell', { name: 'Primary Need code is missing for a referral which led to further action.' }));
    await visible(analyst.getByRole('link', { name: /Download the census XML/ }));
    await checkAccessibility(analyst);

    await analyst.getByRole('link', { name: 'Ivo Census' }).click();
    await visible(analyst.getByRole('heading', { name: /Ivo Census/, level: 1 }));
    expect(analyst.url()).toContain(`/children/${ivoId}`);
    await checkAccessibility(analyst);

    // The analyst reads but never changes a record: Ivo's social worker adds the UPN.
    const { context: workerContext, page: worker } = await newPage(browser);
    try {
      await signIn(worker, t.baseUrl, t.users.worker.username);
      await worker.goto(`${t.baseUrl}/children/${ivoId}/edit`);
      await worker.getByLabel('UPN (optional)', { exact: true }).fill(testUpn(701));
      await worker.getByRole('button', { name: 'Save changes' }).click();
      await visible(worker.getByText(testUpn(701)));
    } finally {
      await workerContext.close();
    }

    await analyst.goto(`${t.baseUrl}/returns/cin-census`);
    const after = analyst.getByRole('table', { name: '2 failures' });
    await visible(after);
    await expect(after.getByRole('cell', { name: 'UPN is missing or reason UPN is missing or is UN1 for a child who is of school age.' }).count()).resolves.toBe(0);
    await checkAccessibility(analyst);
  });
});
