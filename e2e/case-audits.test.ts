// Case audits in a real browser: a team manager draws a dip sample of their team's children, grades
// the audit of the child it drew (a factual item read from the record, an action for the worker), and
// the report shows the grade, with the child behind the count (seed QA-01, QA-04, QA-06; Southend
// 2016 ¶119). axe (WCAG 2.2 AA) runs on every page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAccessibility, describeInBrowser, fillDate, launchBrowser, newPage, seedChild, signIn, startBrowserApp, visible, type BrowserApp } from './support/browser.ts';
import { signedInPage } from './support/signed-in.ts';

describeInBrowser('case audits in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let manager: Page;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    await seedChild(t, { firstName: 'Tegan', lastName: 'Morrow', dateOfBirth: '2015-06-02', allocatedTo: t.users.worker.id, allocatedOn: '2026-09-01' }, t.users.worker.id);
    ({ context, page: manager } = await signedInPage(browser, t, 'manager'));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('a manager draws a dip sample of the team, grades the audit, and the report shows the grade', async () => {
    await manager.goto(`${t.baseUrl}/audits`);
    await visible(manager.getByRole('heading', { name: 'Case audits', level: 1 }));
    await checkAccessibility(manager);
    await manager.getByRole('button', { name: 'Draw a sample to audit' }).click();
    await visible(manager.getByRole('heading', { name: 'Draw a sample to audit', level: 1 }));
    await manager.getByLabel('A random sample of a team’s children').check();
    await manager.getByLabel('Team (for a team’s sample)').selectOption({ label: 'Safeguarding Team 1' });
    await manager.getByLabel('Audit tool').selectOption({ label: 'General case audit' });
    await fillDate(manager, 'First day of the period', '2026-10-01');
    await fillDate(manager, 'Last day of the period', '2026-10-31');
    await manager.getByLabel('How many children').fill('5');
    await checkAccessibility(manager);
    await manager.getByRole('button', { name: 'Draw the sample' }).click();
    await visible(manager.getByRole('heading', { name: 'Audits to grade' }));
    await checkAccessibility(manager);

    await manager.getByRole('link', { name: /Tegan Morrow.*grade the audit/ }).click();
    await visible(manager.getByRole('heading', { name: 'General case audit', level: 1 }));
    await visible(manager.getByText('The work audited is'));
    // An error first: nothing graded.
    await manager.getByRole('button', { name: 'Save the audit' }).click();
    await visible(manager.getByText('There is a problem'));
    await checkAccessibility(manager);
    for (const radio of await manager.locator('input[type=radio][name^="grade-"][value="requires_improvement"]').all()) await radio.check();
    await manager.getByLabel('What life is like for the child, and how the work has changed it').fill('Tegan is seen at school; her views about contact with her father are not recorded.');
    await manager.getByLabel('The impact of the work: what is better, or not, for the child because of it').fill('Attendance is better; the plan for contact has drifted.');
    await manager.getByRole('group', { name: 'Overall grade' }).getByLabel('Requires improvement to be good').check();
    await manager.getByRole('group', { name: 'Action 1' }).getByLabel('What will be done').fill('Record Tegan’s views on contact with her father');
    await manager.getByRole('group', { name: 'Action 1' }).getByLabel('Who will do it').fill('Sam, allocated social worker');
    await fillDate(manager, 'When action 1 is due', '2026-12-04');
    await manager.getByRole('button', { name: 'Save the audit' }).click();
    await visible(manager.getByRole('heading', { name: 'Case audit: General case audit', level: 1 }));
    await visible(manager.getByText('Record Tegan’s views on contact with her father'));
    await checkAccessibility(manager);

    await manager.goto(`${t.baseUrl}/audits/report`);
    await visible(manager.getByRole('heading', { name: 'Case audit report', level: 1 }));
    await checkAccessibility(manager);
    await manager.getByRole('link', { name: /^1 audits graded Requires improvement/ }).click();
    await visible(manager.getByRole('heading', { name: 'Audits behind the figure', level: 1 }));
    await visible(manager.getByRole('link', { name: 'Tegan Morrow', exact: true }));
    await checkAccessibility(manager);
    expect(manager.url()).toContain('grade=requires_improvement');
  });

  it('a senior leader reads the audit tools and the form to add one', async () => {
    const { context: leaderContext, page: leader } = await newPage(browser);
    try {
      await signIn(leader, t.baseUrl, t.users.leader.username);
      await leader.goto(`${t.baseUrl}/audits/tools`);
      await visible(leader.getByRole('heading', { name: 'Audit tools', level: 1 }));
      await visible(leader.getByText('Strategy discussion audit'));
      await leader.getByRole('button', { name: 'Add the tool' }).click();
      await visible(leader.getByText('There is a problem'));
      await checkAccessibility(leader);
    } finally {
      await leaderContext.close();
    }
  });
});
