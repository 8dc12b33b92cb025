// Management oversight in a real browser: the team manager opens a child's oversight page, is told what
// is missing when they save an empty entry, then records oversight with their analysis, a direction and
// an action with an owner and a date; the entry shows them and the action is stored on the child. The
// manager's list (/oversight) opens the children behind a count. axe (WCAG 2.2 AA) runs on every page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAccessibility, describeInBrowser, fillDate, launchBrowser, seedChild, startBrowserApp, visible, type BrowserApp } from './support/browser.ts';
import { signedInPage } from './support/signed-in.ts';
import { receiveReferral } from '../src/episodes/service.ts';

describeInBrowser('management oversight in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let childId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const worker = t.users.worker.id;
    childId = await seedChild(t, { firstName: 'Maya', lastName: 'Osei', dateOfBirth: '2015-03-12', allocatedTo: worker, allocatedOn: '2026-06-01' }, worker);
    await receiveReferral(t.ctx.db, { childId, referralDate: '2026-06-01', referralSource: '2A' }, worker, '2026-11-20');
    ({ context, page } = await signedInPage(browser, t, 'manager'));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('the manager’s list shows the child overdue for oversight, and the count opens the child', async () => {
    await page.goto(`${t.baseUrl}/oversight`);
    await visible(page.getByRole('heading', { name: 'Management oversight', level: 1 }));
    await checkAccessibility(page);
    await page.getByRole('link', { name: /overdue for/ }).first().click();
    await visible(page.getByRole('heading', { name: 'Management oversight overdue' }));
    await checkAccessibility(page);
    await visible(page.getByRole('link', { name: 'Maya Osei' }));
  });

  it('records oversight with the analysis, a direction and an action; the action is stored on the child', async () => {
    await page.goto(`${t.baseUrl}/children/${childId}/oversight`);
    await visible(page.getByRole('heading', { name: 'Management oversight', level: 1 }));
    await checkAccessibility(page);
    await page.getByRole('button', { name: 'Record oversight' }).click();
    await visible(page.getByRole('heading', { name: 'Record management oversight' }));
    await checkAccessibility(page);
    await page.getByLabel('Your analysis: the child’s experience and the impact of the work').fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await visible(page.getByText('There is a problem'));
    await visible(page.getByText('Enter your analysis').first());
    await checkAccessibility(page);
    await fillDate(page, 'Date you read the case', '2026-11-19');
    await page.getByLabel('Chronology').check();
    await page.getByLabel('The plan and its actions').check();
    await page.getByLabel('Your analysis: the child’s experience and the impact of the work').fill('Maya says home is calmer and she is sleeping; school says she is settled. The plan is working for her.');
    await page.getByLabel('Direction given').fill('Keep the plan; see Maya alone at the next visit and record her words.');
    await page.locator('[name="actions.0.description"]').fill('See Maya alone and record her views');
    await page.locator('[name="actions.0.owner"]').fill('Social worker');
    await fillDate(page, 'Action 1 due by', '2026-12-04');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/oversight\/[0-9a-f-]{36}$/);
    await visible(page.getByRole('heading', { name: 'Management oversight on 19 November 2026' }));
    await visible(page.getByText('Keep the plan; see Maya alone'));
    await visible(page.getByRole('cell', { name: 'See Maya alone and record her views' }));
    await checkAccessibility(page);
    const actions = await t.ctx.db.selectFrom('case_action').select(['description', 'owner', 'due_on', 'source']).where('child_id', '=', childId).execute();
    expect(actions).toEqual([{ description: 'See Maya alone and record her views', owner: 'Social worker', due_on: '2026-12-04', source: 'oversight' }]);
  });
});
