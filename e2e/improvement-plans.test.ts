// Improvement plans in a real browser (issue 9; seed §1.20): a senior leader writes a plan after an
// inspection, an action with its date, and the measure it should move with a target; the plan shows
// the measure's value then and now; a team manager reads it. axe (WCAG 2.2 AA) runs on every page.
import { afterAll, beforeAll, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAccessibility, describeInBrowser, fillDate, launchBrowser, newPage, seedChild, signIn, startBrowserApp, visible, type BrowserApp } from './support/browser.ts';
import { signedInPage } from './support/signed-in.ts';

describeInBrowser('improvement plans in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    ({ context, page } = await newPage(browser));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('a senior leader writes a plan, an action and its measure; a manager reads it', async () => {
    await signIn(page, t.baseUrl, t.users.leader.username);
    await page.getByRole('link', { name: 'Improvement plans' }).first().click();
    await visible(page.getByRole('heading', { name: 'Improvement plans', level: 1 }));
    await checkAccessibility(page);
    await page.getByRole('button', { name: 'Start an improvement plan' }).click();
    await visible(page.getByRole('heading', { name: 'Start an improvement plan', level: 1 }));
    await page.getByRole('button', { name: 'Save the plan' }).click();
    await visible(page.getByRole('link', { name: 'Enter the plan’s title' }));
    await checkAccessibility(page);
    await page.getByLabel('Title').fill('Improving help and protection');
    await page.getByLabel('What it answers').fill('Ofsted ILACS 2026');
    await page.getByLabel('Who owns the plan').selectOption({ label: 'Lee Leader' });
    await page.getByRole('button', { name: 'Save the plan' }).click();
    await visible(page.getByRole('heading', { name: 'Improving help and protection', level: 1 }));
    await checkAccessibility(page);
    await page.getByRole('link', { name: 'Add an action' }).click();
    await page.getByLabel('What will be done').fill('Every initial conference within 15 working days');
    await page.getByLabel('Who owns the action').selectOption({ label: 'Tara Manager' });
    await fillDate(page, 'Done by', '2027-05-20');
    await checkAccessibility(page);
    await page.getByRole('button', { name: 'Save the action' }).click();
    await visible(page.getByRole('heading', { name: 'Name a measure the action should move', level: 1 }));
    await page.getByLabel('The measure it should move').selectOption('icpc-on-time');
    await page.getByLabel('Rise to the target').check();
    await page.getByLabel('Target', { exact: true }).fill('90');
    await checkAccessibility(page);
    await page.getByRole('button', { name: 'Save the measure' }).click();
    await visible(page.getByRole('heading', { name: 'Improving help and protection', level: 1 }));
    await visible(page.getByRole('cell', { name: 'Rise to 90%' }));
    await checkAccessibility(page);

    const { context: managerContext, page: manager } = await signedInPage(browser, t, 'manager');
    await manager.goto(`${t.baseUrl}/improvement-plans`);
    await manager.getByRole('link', { name: 'Improving help and protection' }).click();
    await visible(manager.getByRole('cell', { name: 'Rise to 90%' }));
    await checkAccessibility(manager);
    await managerContext.close();
  });

  it('the senior leader marks the action done, reopens it and removes it, each with what was done or why (decision 0046)', async () => {
    await page.getByRole('link', { name: /^Mark done/ }).click();
    await visible(page.getByRole('heading', { name: 'Mark the action done', level: 1 }));
    await page.getByRole('button', { name: 'Mark it done' }).click();
    await visible(page.getByRole('link', { name: 'Say what was done' }));
    await checkAccessibility(page);
    await page.getByLabel('What was done').fill('Conference bookings moved to the business support team');
    await page.getByRole('button', { name: 'Mark it done' }).click();
    await visible(page.getByRole('heading', { name: 'Done', level: 2 }));
    await visible(page.getByRole('columnheader', { name: 'When it was done' }));
    await checkAccessibility(page);
    await page.getByRole('link', { name: /^Reopen/ }).click();
    await page.getByLabel('Why?').fill('Two conferences were late last month');
    await checkAccessibility(page);
    await page.getByRole('button', { name: 'Reopen the action' }).click();
    await visible(page.getByRole('link', { name: /^Remove/ }));
    await page.getByRole('link', { name: /^Remove/ }).click();
    await page.getByRole('button', { name: 'Remove the action' }).click();
    await visible(page.getByRole('link', { name: 'Say why the action is removed' }));
    await checkAccessibility(page);
    await page.getByLabel('Why?').fill('Replaced by the conference action in the new plan');
    await page.getByRole('button', { name: 'Remove the action' }).click();
    await visible(page.getByRole('heading', { name: 'Removed actions', level: 2 }));
    await visible(page.getByRole('cell', { name: 'Replaced by the conference action in the new plan' }));
    await checkAccessibility(page);
  });

  it('a measure that counts workers opens the workers, and a worker their caseload (decision 0046)', async () => {
    await seedChild(t, { firstName: 'Nia', lastName: 'Okafor', dateOfBirth: '2016-02-03', allocatedTo: t.users.worker.id }, t.users.manager.id);
    await page.goto(`${t.baseUrl}/measures`);
    await page.getByRole('link', { name: 'Average caseload per case-holding social worker' }).click();
    await visible(page.getByRole('heading', { name: 'Average caseload per case-holding social worker', level: 1 }));
    await checkAccessibility(page);
    await page.getByRole('link', { name: /^Sam Social/ }).click();
    await visible(page.getByRole('heading', { name: 'Sam Social', level: 1 }));
    await visible(page.getByRole('link', { name: 'Nia Okafor' }));
    await checkAccessibility(page);
  });
});
