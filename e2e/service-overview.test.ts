// The service overview in a real browser (issue 8): the head of service opens their overview from My
// work, sees their team's row and the total, follows the count of children with no management
// oversight to that team's list, and finds the child there. axe (WCAG 2.2 AA) runs on every page.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTeam, setTeamManager } from '../src/access/users.ts';
import { checkAccessibility, describeInBrowser, launchBrowser, seedChild, startBrowserApp, visible, type BrowserApp } from './support/browser.ts';
import { signedInPage } from './support/signed-in.ts';

describeInBrowser('the service overview in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const worker = t.users.worker.id;
    const childId = await seedChild(t, { firstName: 'Maya', lastName: 'Osei', dateOfBirth: '2015-03-12', allocatedTo: worker, allocatedOn: '2026-06-01' }, worker);
    // Oversight was due three weeks ago; the leader line-manages the team's manager (a head of service).
    await t.ctx.db.insertInto('clock').values({ id: randomUUID(), child_id: childId, rule_id: 'management-oversight', scope_id: null, start_event_id: randomUUID(), started_on: '2026-09-01', due_on: '2026-10-30', met_on: null, met_event_id: null, stopped_on: null }).execute();
    await t.ctx.db
      .insertInto('worker_profile')
      .values({ user_id: t.users.manager.id, employment: 'permanent', fte: 1, recorded_by: t.users.manager.id, qualified_on: '2010-07-01', started_on: '2016-01-04', asye_completed_on: null, line_manager_id: t.users.leader.id })
      .execute();
    // The leader also manages a team of their own directly: two teams, so the lists offer a team choice.
    await setTeamManager(t.ctx.db, await createTeam(t.ctx.db, { name: 'Safeguarding Team 2', service: 'safeguarding' }), t.users.leader.id);
    ({ context, page } = await signedInPage(browser, t, 'leader'));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('the head of service opens the overview from My work, follows a count to the team’s list and finds the child', async () => {
    await page.goto(`${t.baseUrl}/`);
    await visible(page.getByRole('heading', { name: 'Your service' }));
    await page.getByRole('link', { name: 'See your service overview' }).click();
    await visible(page.getByRole('heading', { name: 'Service overview', level: 1 }));
    await visible(page.getByRole('rowheader', { name: 'All teams' }));
    await checkAccessibility(page);
    await page.getByRole('link', { name: /no management oversight within the interval, Safeguarding Team 1/ }).click();
    await visible(page.getByRole('heading', { name: /Management oversight overdue: / }));
    await visible(page.getByRole('link', { name: 'Maya Osei' }));
    await visible(page.getByLabel('Team'));
    await checkAccessibility(page);
    // Without JavaScript too: the team choice is a GET form.
    await page.getByLabel('Team').selectOption({ label: 'Safeguarding Team 2' });
    await page.getByRole('button', { name: 'Show this team' }).click();
    await visible(page.getByRole('heading', { name: 'Management oversight overdue: Safeguarding Team 2' }));
    await visible(page.getByText('No children.'));
  });
});
