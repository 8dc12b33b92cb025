// A team manager opens their dashboard in a real browser, opens a late figure's months (initial
// conferences on time in October), follows it to the children behind it and opens the child's record; an analyst opens the
// members' report and prints it. axe (WCAG 2.2 AA) runs on every page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAccessibility, describeInBrowser, launchBrowser, newPage, screenshot, seedChild, signIn, startBrowserApp, type BrowserApp, visible } from './support/browser.ts';
import { signedInPage } from './support/signed-in.ts';
import { happened } from '../src/clocks/test-fixtures.ts';

describeInBrowser('dashboards in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let childId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const worker = t.users.worker.id;
    childId = await seedChild(t, { firstName: 'Nell', lastName: 'Heron', dateOfBirth: '2016-05-09', allocatedTo: worker, allocatedOn: '2026-06-01' }, worker);
    // Strategy discussion on Thu 1 October (conference due Thu 22 October); the conference on the 27th: late.
    const enquiry = '00000000-0000-4000-8000-000000000035';
    await happened(t.ctx.db, childId, 'referral.received', '2026-09-28', null, worker);
    await happened(t.ctx.db, childId, 's47.initiated', '2026-10-01', enquiry, worker);
    await happened(t.ctx.db, childId, 'icpc.held', '2026-10-27', enquiry, worker);
    ({ context, page } = await newPage(browser));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('a team manager opens their dashboard, follows a late figure to the children behind it and opens the child’s record', async () => {
    await signIn(page, t.baseUrl, t.users.manager.username);
    await page.goto(`${t.baseUrl}/dashboards`);
    await visible(page.getByRole('heading', { level: 1, name: /dashboard/ }));
    await visible(page.getByRole('img', { name: /Initial conferences within 15 working days of the strategy discussion, by month/ }));
    await checkAccessibility(page);
    await screenshot(page, 'dashboard-team');
    const measure = page.locator('#measure-icpc-on-time');
    await visible(measure.locator('p[data-latest]', { hasText: '0%' }));
    await visible(measure.getByText('0 of 1, in October 2026'));
    // The figures month by month are on the measure's own page, each month opening its children.
    await measure.getByRole('link', { name: /^The figures by month/ }).click();
    await page.waitForURL('**/dashboards/team/measures/icpc-on-time?team=*');
    await visible(page.getByRole('heading', { level: 1, name: 'Initial conferences within 15 working days of the strategy discussion' }));
    await visible(measure.getByRole('table', { name: /by month/ }));
    await checkAccessibility(page);
    await measure.getByRole('link', { name: /^The children behind it/ }).click();
    await visible(page.getByRole('heading', { name: 'Initial conferences within 15 working days of the strategy discussion', level: 1 }));
    await checkAccessibility(page);
    await page.getByRole('link', { name: 'Nell Heron' }).click();
    await page.waitForURL(`**/children/${childId}`);
    await visible(page.getByRole('heading', { name: 'Nell Heron' }).first());
    await checkAccessibility(page);
  });

  it('an analyst opens the members’ report and prints it: the navigation is left off the printed page', async () => {
    await context.close();
    ({ context, page } = await signedInPage(browser, t, 'analyst'));
    await page.goto(`${t.baseUrl}/dashboards`);
    await visible(page.getByRole('heading', { name: 'The council: dashboard', level: 1 }));
    await checkAccessibility(page);
    await page.getByRole('link', { name: 'The report to elected members' }).click();
    await visible(page.getByRole('heading', { level: 1, name: /report to elected members/ }));
    await visible(page.getByText('fewer than 5').first());
    await checkAccessibility(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.govuk-header, .govuk-template__header').first().isVisible()).toBe(false);
    await visible(page.getByRole('heading', { name: 'The quality of our work' }));
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(1000);
    await screenshot(page, 'members-report-print');
  });
});
