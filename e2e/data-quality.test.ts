// Data quality in a real browser: a team manager opens the page, follows the count of facts a return
// needs to the list, and from a child's item to the place in the record where it is put right (issue
// 9; seed DQ-22, Wandsworth 2016 ¶103). axe (WCAG 2.2 AA) runs on every page.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAccessibility, describeInBrowser, launchBrowser, seedChild, startBrowserApp, visible, type BrowserApp } from './support/browser.ts';
import { signedInPage } from './support/signed-in.ts';

describeInBrowser('data quality in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let manager: Page;
  let childId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    childId = await seedChild(t, { firstName: 'Rowan', lastName: 'Hale', dateOfBirth: '2016-02-11', sex: 'M', allocatedTo: t.users.worker.id, allocatedOn: '2026-09-01' }, t.users.worker.id);
    // Open, with no ethnicity recorded: the CIN census (rule 4220) would reject the return.
    await t.handle.db
      .insertInto('cin_episode')
      .values({ id: randomUUID(), child_id: childId, referral_date: '2026-09-01', referral_source: '2A', primary_need: 'N1', referral_nfa: false, contact_id: null, closed_on: null, closure_reason: null, recorded_by: t.users.worker.id })
      .execute();
    ({ context, page: manager } = await signedInPage(browser, t, 'manager'));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('a manager follows a count to the children behind it, and an item to where it is put right', async () => {
    await manager.getByRole('link', { name: 'Data quality' }).first().click();
    await visible(manager.getByRole('heading', { name: 'Data quality', level: 1 }));
    await checkAccessibility(manager);
    await manager.getByRole('link', { name: 'Facts a return needs that are not recorded' }).click();
    await visible(manager.getByRole('heading', { name: 'Facts a return needs that are not recorded', level: 1 }));
    await visible(manager.getByRole('cell', { name: 'Ethnicity is not recorded (CIN census rule 4220; SSDA903)' }));
    await checkAccessibility(manager);
    await manager.getByRole('link', { name: 'Put it right for Rowan Hale' }).first().click();
    await manager.waitForURL(`${t.baseUrl}/children/${childId}/edit`);
    await checkAccessibility(manager);
  });
});
