// A child goes missing in a real browser: the social worker records that she went missing and when
// the police were told, that she came back, and the return interview with what she said; the page
// shows the hours against the 72; her team manager opens the list of children who go missing and the
// children behind one of its numbers. axe (WCAG 2.2 AA) runs on every page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  checkAccessibility,
  describeInBrowser,
  launchBrowser,
  screenshot,
  seedChild,
  startBrowserApp,
  fillDate,
  type BrowserApp,
  visible,
} from './support/browser.ts';
import { fitsAPhone, signedInPage } from './support/signed-in.ts';

describeInBrowser('children who go missing in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let childId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const worker = t.users.worker.id;
    childId = await seedChild(t, { firstName: 'Tia', lastName: 'Marsh', dateOfBirth: '2011-08-30', allocatedTo: worker, allocatedOn: '2026-09-01' }, worker);
    ({ context, page } = await signedInPage(browser, t, 'worker'));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });


  it('records that the child went missing, and when the police were told', async () => {
    await page.goto(`${t.baseUrl}/children/${childId}/missing`);
    await visible(page.getByRole('heading', { name: 'Missing episodes', level: 1 }));
    await checkAccessibility(page);
    await page.getByRole('button', { name: 'Record that the child went missing' }).click();
    await visible(page.getByRole('heading', { name: 'Record that the child went missing' }));
    await checkAccessibility(page);
    // Submitting without a time shows the errors, and the page still passes axe.
    await page.getByRole('button', { name: 'Save' }).click();
    await visible(page.getByText('There is a problem'));
    await checkAccessibility(page);
    await fillDate(page, 'When did the child go missing?', '2026-11-16');
    await page.getByLabel('Time the child went missing').fill('21:30');
    await page.getByLabel('Missing (whereabouts unknown)').check();
    await fillDate(page, 'When were the police told? (optional)', '2026-11-16');
    await page.getByLabel('Time the police were told (optional)').fill('22:10');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**/children/${childId}/missing`);
    await visible(page.getByText('Missing now, since Monday 16 November 2026 at 21:30'));
    await checkAccessibility(page);
  });

  it('records her return, and the page says the return interview is overdue in hours', async () => {
    await page.getByRole('button', { name: 'Record that the child returned' }).click();
    await visible(page.getByRole('heading', { name: 'Record that the child returned' }));
    await checkAccessibility(page);
    await fillDate(page, 'When did the child return?', '2026-11-17');
    await page.getByLabel('Time the child returned').fill('08:15');
    await page.getByLabel('Where the child was found (optional)').fill('Found by police at the bus station');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**/children/${childId}/missing`);
    // Today is Friday 20 November at 12:00: 75.8 hours since the return.
    await visible(page.getByText('75.8 hours since the return, 3.8 hours past the 72 hours'));
    await checkAccessibility(page);
  });

  it('records the return interview with what she said', async () => {
    await page.getByRole('link', { name: /Record the return interview/ }).click();
    await visible(page.getByRole('heading', { name: 'Record the return interview' }));
    await checkAccessibility(page);
    await page.getByLabel('The interview took place').check();
    await fillDate(page, 'When was the interview?', '2026-11-19');
    await page.getByLabel('Time of the interview').fill('14:00');
    await page.getByLabel('Who did the interview').fill('Jo Reed, Safer Futures');
    await page.getByRole('group', { name: 'Was the interviewer independent of the child’s care?' }).getByLabel('Yes').check();
    await page.getByLabel('None indicated').check();
    await page.getByLabel('What led to them going (optional)').fill('Said she fell out with her mum and went to meet friends.');
    await page.getByLabel('To be with friends').check();
    await page.getByLabel('Where they were (optional)').fill('The bus station\nQuayside car park');
    await page.getByLabel('Who they were with (optional)').fill('Jay');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**/children/${childId}/missing`);
    // 08:15 on Tuesday to 14:00 on Thursday: 53.75 hours.
    await visible(page.getByText('53.8 hours after the return', { exact: false }).first());
    await visible(page.getByText('Said she fell out with her mum and went to meet friends.'));
    await screenshot(page, 'missing-page');
    await checkAccessibility(page);
  });

  it('the page fits a 375px screen', async () => {
    await fitsAPhone(browser, t, 'worker', `/children/${childId}/missing`);
  });

  it('her team manager opens the list of children who go missing, and the children behind a number', async () => {
    const { page: manager, context: managerContext } = await signedInPage(browser, t, 'manager');
    await manager.getByRole('link', { name: 'Children who go missing' }).click();
    await visible(manager.getByRole('heading', { name: 'Children who go missing', level: 1 }));
    await visible(manager.getByRole('link', { name: 'Tia Marsh' }));
    await screenshot(manager, 'missing-list');
    await checkAccessibility(manager);
    await manager.getByRole('link', { name: /Not in care when they went missing/ }).click();
    await visible(manager.getByRole('heading', { name: 'Not in care when they went missing', level: 2 }));
    await visible(manager.getByRole('link', { name: 'Tia Marsh' }));
    await checkAccessibility(manager);
    await managerContext.close();
  });
});
