// An analyst opens the measures in a real browser: the catalogue for October, one timeliness measure
// with its definition, figure by team and the children behind it, and follows a child to their
// record. axe (WCAG 2.2 AA) runs on every page.
import { afterAll, beforeAll, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAccessibility, describeInBrowser, launchBrowser, newPage, screenshot, seedChild, signIn, startBrowserApp, type BrowserApp, visible } from './support/browser.ts';
import { happened } from '../src/clocks/test-fixtures.ts';

describeInBrowser('performance measures in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let childId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const worker = t.users.worker.id;
    childId = await seedChild(t, { firstName: 'Rosa', lastName: 'Finch', dateOfBirth: '2015-03-02', allocatedTo: worker, allocatedOn: '2026-09-01' }, worker);
    // A section 47 enquiry initiated on Thu 1 October (conference due Thu 22 October), conference held on the 27th: late.
    const enquiry = '00000000-0000-4000-8000-000000000036';
    await happened(t.ctx.db, childId, 's47.initiated', '2026-10-01', enquiry, worker);
    await happened(t.ctx.db, childId, 'icpc.held', '2026-10-27', enquiry, worker);
    ({ context, page } = await newPage(browser));
    await signIn(page, t.baseUrl, t.users.analyst.username);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('opens the catalogue for October and a late figure, then the child behind it', async () => {
    await page.goto(`${t.baseUrl}/measures?from=2026-10-01&to=2026-10-31`);
    await visible(page.getByRole('heading', { name: 'Measures', level: 1 }));
    await checkAccessibility(page);
    await screenshot(page, 'measures-catalogue');
    await page.getByRole('link', { name: 'Initial conferences within 15 working days of the strategy discussion' }).click();
    await visible(page.getByRole('heading', { name: 'Initial conferences within 15 working days of the strategy discussion', level: 1 }));
    await visible(page.getByText('0 of 1').first());
    await checkAccessibility(page);
    await screenshot(page, 'measure-icpc');
    await page.getByRole('link', { name: 'Rosa Finch' }).click();
    await page.waitForURL(`**/children/${childId}`);
    await visible(page.getByRole('heading', { name: 'Rosa Finch' }).first());
    await checkAccessibility(page);
  });
});
