// A care leaver in a real browser: the personal adviser opens the leaving care page of a young person
// who left care at 17, reviews the pathway plan, and records a move into bed and breakfast, which the
// page flags with the plan to move (Wandsworth 2017 rec 6). axe (WCAG 2.2 AA) runs on every page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAccessibility, describeInBrowser, launchBrowser, screenshot, seedChild, startBrowserApp, fillDate, type BrowserApp, visible } from './support/browser.ts';
import { signedInPage } from './support/signed-in.ts';
import { receiveReferral } from '../src/episodes/service.ts';
import { givenDecision } from '../src/oversight/test-helpers.ts';
import { enterCare, leaveCare } from '../src/looked-after/service.ts';
import { startPathwayPlan } from '../src/care-leavers/service.ts';

describeInBrowser('care leavers in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let childId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const worker = t.users.worker.id;
    childId = await seedChild(t, { firstName: 'Remi', lastName: 'Achebe', dateOfBirth: '2009-03-10', allocatedTo: worker, allocatedOn: '2024-05-01' }, worker);
    const user = { id: worker, username: t.users.worker.username, displayName: t.users.worker.displayName, role: 'social_worker' as const, teamId: t.teams.safeguarding, agency: null };
    await receiveReferral(t.ctx.db, { childId, referralDate: '2024-05-01', referralSource: '2A' }, worker, '2026-11-20');
    // The manager's decision first (decision 0025).
    await givenDecision(t.ctx.db, childId, 'entry_to_care', '2024-06-01', t.users.manager.id);
    await enterCare(t.ctx.db, user, childId, { startedOn: '2024-06-01', legalStatus: 'V2', categoryOfNeed: 'N1', decidedBy: 'Head of Service', alternativesConsidered: null, homePostcode: null, placementType: 'U6', provider: 'PR1', carerName: 'The Lowe family', urn: null, postcode: null, intendedUntil18: false }, '2026-11-20');
    await startPathwayPlan(t.ctx.db, user, childId, { startedOn: '2025-05-20' }, '2026-11-20');
    await leaveCare(t.ctx.db, user, childId, { endedOn: '2026-06-01', reasonCeased: 'E8' }, '2026-11-20');
    ({ context, page } = await signedInPage(browser, t, 'worker'));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });


  it('shows the young person as relevant, and reviews the pathway plan with its contingencies', async () => {
    await page.goto(`${t.baseUrl}/children/${childId}/leaving-care`);
    await visible(page.getByText('Relevant: aged 16 or 17, was eligible, and has left care'));
    await checkAccessibility(page);
    await page.getByRole('button', { name: 'Record a pathway plan review' }).click();
    await checkAccessibility(page);
    await fillDate(page, 'Date of the review', '2026-11-02');
    await page.getByRole('group', { name: 'Did the young person take part?' }).getByLabel('Yes').check();
    await page.getByLabel('What the review found and decided').fill('Remi has started at college and wants to live nearer to it.');
    await page.getByLabel('What happens if the plan does not work out').fill('If the course ends, a referral to the youth employment service.');
    await page.getByRole('button', { name: 'Save review' }).click();
    await page.waitForURL(`**/children/${childId}/leaving-care`);
    await visible(page.getByRole('heading', { name: 'Review on 2 November 2026' }));
  });

  it('records bed and breakfast with a plan to move; the page flags it and passes axe', async () => {
    await page.getByRole('button', { name: 'Record a move' }).click();
    await fillDate(page, 'Date they moved in', '2026-11-10');
    await page.getByLabel('Kind of accommodation').selectOption('W');
    await page.getByRole('group', { name: 'Is it suitable for the young person?' }).getByLabel('No').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await visible(page.getByText('There is a problem'));
    await checkAccessibility(page);
    await page.getByLabel('The plan to move').fill('Supported lodgings near the college from 24 November; daily calls meanwhile.');
    await fillDate(page, 'Move by', '2026-11-24');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**/children/${childId}/leaving-care`);
    await visible(page.locator('strong.govuk-tag', { hasText: 'Bed and breakfast' }));
    expect(await page.getByText('Plan to move by 24 November 2026').count()).toBe(1);
    await screenshot(page, 'leaving-care');
    await checkAccessibility(page);
  });
});
