// Education in a real browser: a social worker records the school and a PEP with a target for a
// child in care, and whether the target was met; the team manager opens the virtual school's list
// and the children behind a number. axe (WCAG 2.2 AA) runs on every page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  checkAccessibility,
  describeInBrowser,
  fillDate,
  horizontalOverflow,
  launchBrowser,
  newPage,
  screenshot,
  seedChild,
  signIn,
  startBrowserApp,
  type BrowserApp,
  visible,
} from './support/browser.ts';
import { receiveReferral } from '../src/episodes/service.ts';
import { givenDecision } from '../src/oversight/test-helpers.ts';
import { enterCare } from '../src/looked-after/service.ts';

describeInBrowser('education and the virtual school in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let childId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const worker = t.users.worker;
    childId = await seedChild(t, { firstName: 'Amara', lastName: 'Quinn', dateOfBirth: '2014-03-09', allocatedTo: worker.id, allocatedOn: '2026-09-01' }, worker.id);
    await receiveReferral(t.ctx.db, { childId, referralDate: '2026-09-01', referralSource: '2A' }, worker.id, '2026-11-20');
    const user = { id: worker.id, username: worker.username, displayName: worker.displayName, role: 'social_worker' as const, teamId: null, agency: null };
    // The manager's decision first (decision 0025).
    await givenDecision(t.ctx.db, childId, 'entry_to_care', '2026-10-05', t.users.manager.id);
    await enterCare(t.ctx.db, user, childId, { startedOn: '2026-10-05', legalStatus: 'C1', categoryOfNeed: 'N1', decidedBy: 'Head of Service', homePostcode: null, alternativesConsidered: null, placementType: 'U4', provider: 'PR1', carerName: 'Jo and Sam Penrose', urn: null, postcode: null, intendedUntil18: false }, '2026-11-20');
    ({ context, page } = await newPage(browser));
    await signIn(page, t.baseUrl, worker.username);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('the education page shows the initial PEP due 20 school days after coming into care', async () => {
    await page.goto(`${t.baseUrl}/children/${childId}/education`);
    await visible(page.getByRole('heading', { name: 'Education', level: 1 }));
    // Monday 5 October 2026: 20 school days, skipping half-term (26-30 October), is Monday 9 November: overdue on 20 November.
    await visible(page.getByRole('cell', { name: /Hold the initial personal education plan/ }));
    await visible(page.getByText('9 November 2026 Overdue'));
    await checkAccessibility(page);
  });

  it('records the school', async () => {
    await page.getByRole('button', { name: 'Record the school' }).click();
    await visible(page.getByRole('heading', { name: 'Record the child’s school', level: 1 }));
    await checkAccessibility(page);
    await page.getByLabel('School', { exact: true }).fill('Heron Academy');
    await page.getByLabel('URN (optional)').fill('136482');
    await fillDate(page, 'Date the child started there', '2025-09-03');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**/children/${childId}/education`);
    await visible(page.getByText('Heron Academy (URN 136482), since 3 September 2025'));
  });

  it('records a PEP with a target; the initial PEP is met late and the next is due at the end of the spring term', async () => {
    await page.getByRole('button', { name: 'Record a PEP meeting' }).click();
    await visible(page.getByRole('heading', { name: 'Record a personal education plan (PEP) meeting', level: 1 }));
    await checkAccessibility(page);
    // Submitting half a target shows the errors, and the page still passes axe.
    await page.getByLabel('Target', { exact: true }).fill('Reading age up by a year');
    await page.getByRole('button', { name: 'Save' }).click();
    await visible(page.getByText('There is a problem'));
    await checkAccessibility(page);
    await fillDate(page, 'Date of the PEP meeting', '2026-11-12');
    await page.getByLabel('Who took part').fill('Ms Okoro (designated teacher), social worker, carers and Amara');
    await page.getByLabel('The child’s views (optional)').fill('Amara likes science and wants to be a vet.');
    await page.getByLabel('The plan: progress, attainment, aspirations and support').fill('Settling well; reading below age expectations; tutoring from pupil premium plus.');
    await page.getByLabel('Who will help').fill('Carers and the tutor');
    await fillDate(page, 'By when', '2027-02-12');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**/children/${childId}/education`);
    await visible(page.getByRole('heading', { name: 'Initial PEP, 12 November 2026' }));
    await visible(page.getByText('Reading age up by a year (Carers and the tutor, by 12 February 2027):'));
    // 12 November is in the autumn term: the next PEP is due by the end of the spring term, Friday 26 March 2027.
    await visible(page.getByRole('cell', { name: /Review the personal education plan/ }));
    await visible(page.getByText('26 March 2027'));
    await screenshot(page, 'education-page');
    await checkAccessibility(page);
    const overflow = await horizontalOverflow(page);
    expect(overflow.culprits).toEqual([]);
  });

  it('the team manager opens the virtual school list and the children in care behind the number', async () => {
    const { page: manager, context: managerContext } = await newPage(browser);
    await signIn(manager, t.baseUrl, t.users.manager.username);
    await manager.getByRole('link', { name: 'Virtual school' }).click();
    await visible(manager.getByRole('heading', { name: 'Virtual school', level: 1 }));
    await visible(manager.getByRole('link', { name: 'Amara Quinn' }));
    await checkAccessibility(manager);
    await manager.getByRole('link', { name: /: Children in care$/ }).click();
    await visible(manager.getByRole('heading', { name: 'Children in care', level: 2 }));
    await visible(manager.getByRole('cell', { name: /Last 12 November 2026/ }));
    await visible(manager.getByRole('cell', { name: 'Heron Academy' }));
    await screenshot(manager, 'virtual-school');
    await checkAccessibility(manager);
    await managerContext.close();
  });
});
