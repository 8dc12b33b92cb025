// Recording a visit on a phone: a social worker at 375px wide records a child protection visit, with
// the plan's action updated, on one page, without scrolling sideways; and the plan, child in need,
// visits, case notes, proceedings and tracker pages pass axe (WCAG 2.2 AA).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  checkAccessibility,
  describeInBrowser,
  horizontalOverflow,
  launchBrowser,
  screenshot,
  seedChild,
  startBrowserApp,
  type BrowserApp,
  visible,
} from './support/browser.ts';
import { PHONE, signedInPage } from './support/signed-in.ts';
import { receiveReferral } from '../src/episodes/service.ts';
import { startPlan } from '../src/plans/lifecycle.ts';
import { addAction } from '../src/plans/service.ts';
import { issueProceedings, recordHearing, recordLegalPlanningMeeting } from '../src/proceedings/service.ts';

describeInBrowser('plans, visits and proceedings in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let childId: string;
  let planId: string;
  let proceedingsId: string;
  let hearingId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const worker = t.users.worker.id;
    childId = await seedChild(t, { firstName: 'Nia', lastName: 'Okafor', dateOfBirth: '2016-02-11', allocatedTo: worker, allocatedOn: '2026-09-01' }, worker);
    const episodeId = await receiveReferral(t.ctx.db, { childId, referralDate: '2026-09-01', referralSource: '2A' }, worker, '2026-11-20');
    planId = await startPlan(t.ctx.db, { childId, kind: 'cp', startedOn: '2026-10-05', episodeId }, worker, '2026-11-20');
    const user = { id: worker, username: t.users.worker.username, displayName: t.users.worker.displayName, role: 'social_worker' as const, teamId: t.teams.safeguarding, agency: null };
    await addAction(
      t.ctx.db,
      user,
      childId,
      planId,
      { description: 'Nia to see the school nurse about her sleep', owner: 'School nurse', ownerUserId: null, outcomeId: null, dueOn: '2026-11-13', status: 'not_started', statusReason: null, completedOn: null },
      '2026-11-20',
    );
    // In care proceedings too, so the tracker has a row for axe to check.
    await recordLegalPlanningMeeting(t.ctx.db, user, childId, { heldOn: '2026-10-12', decision: 'issue_proceedings', reasons: 'Significant harm continuing' }, '2026-11-20');
    proceedingsId = await issueProceedings(
      t.ctx.db,
      user,
      childId,
      { issuedOn: '2026-10-19', court: 'Family Court at East London', caseNumber: 'ZE26C00991', applicationType: 'care_order', firstHearingOn: '2026-11-02' },
      '2026-11-20',
    );
    hearingId = await recordHearing(t.ctx.db, user, childId, proceedingsId, { heardOn: '2026-11-02', hearingType: 'cmh', outcome: 'Interim care order', nextHearingOn: '2027-01-11' }, '2026-11-20');
    ({ context, page } = await signedInPage(browser, t, 'worker', PHONE));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('records a visit on a 375px screen: one page, prefilled, no sideways scrolling, axe passes', async () => {
    await page.goto(`${t.baseUrl}/children/${childId}/visits/new`);
    await visible(page.getByRole('heading', { name: 'Record a visit' }));
    expect(await page.getByRole('textbox', { name: 'Day', exact: true }).inputValue()).toBe('20');
    expect(await page.getByLabel('Child protection visit').isChecked()).toBe(true);
    const overflow = await horizontalOverflow(page);
    expect(overflow.culprits, JSON.stringify(overflow)).toEqual([]);
    await checkAccessibility(page);
    await page.getByRole('group', { name: 'Did you see the child?' }).getByLabel('Yes').check();
    await page.getByRole('group', { name: 'Did you see the child alone?' }).getByLabel('Yes').check();
    await page.getByLabel('What you saw and heard, and the child’s views').fill('Nia showed me her new bedtime chart and said she is sleeping better.');
    await page.getByRole('group', { name: 'Nia to see the school nurse about her sleep' }).getByLabel('Done on the day of the visit').check();
    await screenshot(page, 'visit-form-375');
    await page.getByRole('button', { name: 'Save visit' }).click();
    await page.waitForURL(`**/children/${childId}/visits`);
    await visible(page.getByRole('cell', { name: /20 November 2026/ }));
    expect((await horizontalOverflow(page)).culprits).toEqual([]);
    await checkAccessibility(page);
  });

  it('the plan, child in need, case notes, proceedings and tracker pages pass axe', async () => {
    const { page: desktop, context: desktopContext } = await signedInPage(browser, t, 'worker');
    for (const path of [
      `/children/${childId}/plans/${planId}`,
      `/children/${childId}/plans/${planId}/versions`,
      `/children/${childId}/plans/${planId}/actions/new`,
      `/children/${childId}/written-agreements/new`,
      `/children/${childId}/child-in-need`,
      `/children/${childId}/case-notes/new`,
      `/children/${childId}/proceedings`,
      `/children/${childId}/proceedings/issue`,
      `/children/${childId}/proceedings/care/${proceedingsId}/change`,
      `/children/${childId}/proceedings/hearings/${hearingId}/change`,
      `/children/${childId}/proceedings/hearings/${hearingId}/delete`,
      '/proceedings/tracker',
    ]) {
      await desktop.goto(`${t.baseUrl}${path}`);
      await screenshot(desktop, path.replace(/[^a-z]+/g, '-'));
      await checkAccessibility(desktop);
    }
    await desktopContext.close();
  });
});
