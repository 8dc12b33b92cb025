// Supervision in a real browser: a team manager sees the worker's supervision is overdue, records a
// casework session, discusses one of the worker's children and sets an action; the child's
// supervision page shows the discussion and the action, and the worker reads their own file.
// axe (WCAG 2.2 AA) runs on every page.
import { afterAll, beforeAll, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAccessibility, describeInBrowser, fillDate, launchBrowser, newPage, seedChild, signIn, startBrowserApp, visible, type BrowserApp } from './support/browser.ts';

describeInBrowser('supervision in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let managerContext: BrowserContext;
  let workerContext: BrowserContext;
  let manager: Page;
  let worker: Page;
  let childId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const sam = t.users.worker;
    await t.ctx.db
      .insertInto('worker_profile')
      .values({ user_id: sam.id, qualified_on: '2018-07-01', asye_completed_on: '2019-07-10', employment: 'permanent', started_on: '2021-03-01', fte: 1, line_manager_id: null, recorded_by: t.users.admin.id })
      .execute();
    childId = await seedChild(t, { firstName: 'Rhys', lastName: 'Penhale', dateOfBirth: '2017-02-11', allocatedTo: sam.id, allocatedOn: '2026-09-01' }, sam.id);
    ({ context: managerContext, page: manager } = await newPage(browser));
    ({ context: workerContext, page: worker } = await newPage(browser));
    await signIn(manager, t.baseUrl, t.users.manager.username);
    await signIn(worker, t.baseUrl, t.users.worker.username);
  });

  afterAll(async () => {
    await managerContext?.close();
    await workerContext?.close();
    await browser?.close();
    await t?.close();
  });

  it('a manager supervises a worker, discusses a child and sets an action; the child’s page shows both', async () => {
    await manager.goto(`${t.baseUrl}/`);
    await manager.getByRole('link', { name: /workers whose supervision is overdue/ }).click();
    await visible(manager.getByRole('heading', { name: 'Workers whose supervision is overdue', level: 1 }));
    await checkAccessibility(manager);
    await manager.getByRole('link', { name: 'Sam Social' }).click();
    await visible(manager.getByRole('heading', { name: 'Supervision: Sam Social', level: 1 }));
    await visible(manager.getByText('supervision overdue since'));
    await checkAccessibility(manager);

    await manager.getByRole('button', { name: 'Record supervision' }).click();
    await visible(manager.getByRole('heading', { name: 'Record supervision', level: 1 }));
    await checkAccessibility(manager);
    await fillDate(manager, 'Date of the supervision', '2026-11-19');
    await manager.getByLabel('Casework supervision').check();
    await manager.getByRole('button', { name: 'Save' }).click();
    await visible(manager.getByRole('heading', { name: 'Casework supervision on 19 November 2026', level: 1 }));
    await checkAccessibility(manager);

    await manager.getByRole('link', { name: 'Discuss Rhys Penhale' }).click();
    await visible(manager.getByRole('heading', { name: 'Record the discussion in supervision', level: 1 }));
    await checkAccessibility(manager);
    await manager.getByLabel('Progress against the child’s plan').fill('Rhys is attending school every day; the plan’s health actions are done.');
    await manager.getByLabel('Reflection and analysis').fill('Rhys seems settled, but father’s return to the home has not been assessed.');
    await manager.getByLabel('Decisions').fill('Assess father before the next review.');
    const first = manager.getByRole('group', { name: 'Action 1 (optional)' });
    await first.getByLabel('What will be done').fill('Complete an assessment of father');
    await manager.getByRole('button', { name: 'Save' }).click();
    // An action with no owner or date is refused, with everything typed put back.
    await visible(manager.getByText('There is a problem'));
    await checkAccessibility(manager);
    await first.getByLabel('Who will do it').fill('Sam Social');
    await first.getByLabel('Whose work list it goes on').selectOption({ label: 'Sam Social' });
    const due = first.getByRole('group', { name: 'Due by' });
    await due.getByLabel('Day').fill('4');
    await due.getByLabel('Month').fill('12');
    await due.getByLabel('Year').fill('2026');
    await manager.getByRole('button', { name: 'Save' }).click();

    await visible(manager.getByRole('heading', { name: 'Supervision', level: 1 }));
    await visible(manager.getByText('19 November 2026: Tara Manager with Sam Social'));
    await visible(manager.getByText('Assess father before the next review.'));
    await visible(manager.getByRole('cell', { name: 'Complete an assessment of father' }));
    await checkAccessibility(manager);
  });

  it('the worker reads their own supervision file and the child’s supervision page', async () => {
    await worker.goto(`${t.baseUrl}/children/${childId}/supervision`);
    await visible(worker.getByText('Assess father before the next review.'));
    await checkAccessibility(worker);
    await worker.goto(`${t.baseUrl}/`);
    await worker.getByRole('link', { name: 'Your supervision' }).click();
    await visible(worker.getByRole('heading', { name: 'Your supervision', level: 1 }));
    await visible(worker.getByRole('link', { name: '19 November 2026' }));
    await checkAccessibility(worker);
  });

  it('the manager’s view lists children with no case supervision within the interval', async () => {
    await manager.goto(`${t.baseUrl}/supervision?show=children`);
    await visible(manager.getByRole('heading', { name: 'Children with no case supervision within the interval', level: 1 }));
    await visible(manager.getByText('Every child allocated in your line has been discussed'));
    await checkAccessibility(manager);
  });
});
