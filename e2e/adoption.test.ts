// A child in care with an adoption plan is matched for adoption in a real browser: the social worker
// records the placement order, the adoption service takes prospective adopters from enquiry to approval,
// the child is matched with them and moves in (a placement for adoption, A6, on the care page), and the
// manager finds the child on the permanence tracker with the scorecard timings. axe (WCAG 2.2 AA) runs
// on every page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAccessibility, describeInBrowser, fillDate, horizontalOverflow, launchBrowser, newPage, screenshot, seedChild, signIn, startBrowserApp, type BrowserApp, visible } from './support/browser.ts';
import { receiveReferral } from '../src/episodes/service.ts';
import { givenDecision } from '../src/oversight/test-helpers.ts';
import { enterCare } from '../src/looked-after/service.ts';
import { recordPlan } from '../src/permanence/service.ts';
import type { SignedInUser } from '../src/access/policy.ts';

describeInBrowser('permanence and adoption in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let childId: string;
  let householdUrl: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const w = t.users.worker;
    const worker: SignedInUser = { id: w.id, username: w.username, displayName: w.displayName, role: 'social_worker', teamId: t.teams.safeguarding, agency: null };
    childId = await seedChild(t, { firstName: 'Lily', lastName: 'Hartwell', dateOfBirth: '2024-08-12', allocatedTo: w.id, allocatedOn: '2025-02-03' }, w.id);
    await receiveReferral(t.ctx.db, { childId, referralDate: '2025-02-03', referralSource: '2A' }, w.id, '2026-11-20');
    // The manager's decision first (decision 0025).
    await givenDecision(t.ctx.db, childId, 'entry_to_care', '2025-03-03', t.users.manager.id);
    await enterCare(t.ctx.db, worker, childId, { startedOn: '2025-03-03', legalStatus: 'C1', categoryOfNeed: 'N1', decidedBy: 'Head of Service, Children in Care', alternativesConsidered: null, homePostcode: null, placementType: 'U6', provider: 'PR1', carerName: 'Jo and Sam Penrose', urn: null, postcode: null, intendedUntil18: false }, '2026-11-20');
    // The plan was agreed at the second review, months ago.
    await recordPlan(t.ctx.db, worker, childId, { decidedOn: '2025-07-07', plan: 'adoption', parallelPlan: 'long_term_fostering', planDetail: null, reviewId: null }, '2026-11-20');
    ({ context, page } = await newPage(browser));
    await signIn(page, t.baseUrl, w.username);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('records the placement order on the child’s permanence page', async () => {
    await page.goto(`${t.baseUrl}/children/${childId}`);
    await page.getByRole('main').getByRole('link', { name: 'Permanence', exact: true }).click();
    await visible(page.getByRole('heading', { name: 'Permanence', level: 1 }));
    await visible(page.getByRole('heading', { name: 'Plan now: Adoption' }));
    await checkAccessibility(page);
    // A match cannot come first: the link is not offered until there is authority to place.
    expect(await page.getByRole('link', { name: 'Record the match with adopters' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Record the placement order or consent' }).click();
    await checkAccessibility(page);
    await page.getByRole('button', { name: 'Save' }).click();
    await visible(page.getByText('There is a problem'));
    await checkAccessibility(page);
    await page.getByLabel('Placement order made by the court (s.21)').check();
    await fillDate(page, 'Date the order was made or the consent given', '2026-02-16');
    await page.getByLabel('Court (for a placement order)').fill('Family Court at Brightwater');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**/children/${childId}/permanence`);
    await visible(page.getByRole('cell', { name: 'Placement order', exact: true }));
    await checkAccessibility(page);
  });

  it('the adoption service takes prospective adopters from enquiry to approval', async () => {
    await page.goto(`${t.baseUrl}/adopters`);
    await visible(page.getByRole('heading', { name: 'Prospective adopters', level: 1 }));
    await checkAccessibility(page);
    await page.getByRole('button', { name: 'Record an enquiry' }).click();
    await checkAccessibility(page);
    await fillDate(page, 'Date of the enquiry', '2025-09-01');
    await page.getByLabel('Names of the prospective adopters').fill('Ruth and Dev Okafor');
    await page.getByLabel('Two people (a couple)').check();
    await page.getByRole('group', { name: 'Approved to foster for adoption too?' }).getByLabel('No').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL('**/adopters/*');
    householdUrl = page.url();
    await checkAccessibility(page);
    const steps: [string, string, string, [string, string][]][] = [
      ['Record that the registration of interest was accepted', 'Date the registration of interest was accepted', '2025-10-06', []],
      ['Record the end of stage one', 'Date the agency decided on stage one', '2025-12-01', [['May they go on to stage two?', 'Yes']]],
      ['Record that stage two started', 'Date they told the agency they wish to go on', '2026-01-05', []],
      ['Record the adoption panel', 'Date of the panel', '2026-04-27', [['Did the panel recommend them as suitable to adopt?', 'Yes']]],
      ['Record the agency decision', 'Date of the agency decision maker’s decision', '2026-05-11', [['Approved as suitable to adopt?', 'Yes']]],
    ];
    for (const [button, legend, date, radios] of steps) {
      await page.getByRole('button', { name: button }).click();
      await fillDate(page, legend, date);
      for (const [group, choice] of radios) await page.getByRole('group', { name: group }).getByLabel(choice).check();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(householdUrl);
    }
    await visible(page.getByText('Approved, waiting to be matched.'));
    // Stage two: 5 January to 11 May, over the 4 months (5 May).
    await visible(page.getByText('Stage two over 4 months'));
    await checkAccessibility(page);
  });

  it('matches the child with the approved adopters and records that she moved in with them', async () => {
    await page.goto(`${t.baseUrl}/children/${childId}/permanence`);
    await page.getByRole('link', { name: 'Record the match with adopters' }).click();
    await checkAccessibility(page);
    await page.getByLabel('Approved adopters').selectOption({ label: 'Ruth and Dev Okafor (approved 11 May 2026)' });
    await fillDate(page, 'Date the adoption panel recommended the match', '2026-06-08');
    await fillDate(page, 'Date the agency decision maker decided on the match', '2026-06-15');
    await page.getByRole('button', { name: 'Save match' }).click();
    await page.waitForURL(`**/children/${childId}/permanence`);
    await visible(page.getByRole('heading', { name: 'Match with Ruth and Dev Okafor' }));
    await page.getByRole('link', { name: 'Record that the child moved in with Ruth and Dev Okafor' }).click();
    await checkAccessibility(page);
    await fillDate(page, 'Date the child moved in', '2026-07-06');
    await page.getByRole('group', { name: 'Are the adopters the child’s foster carers now?' }).getByLabel('No').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**/children/${childId}/permanence`);
    // A1: 3 March 2025 to 6 July 2026 is 490 days, over 426; A2: 16 February to 15 June 2026 is 119, within 121.
    await visible(page.getByRole('cell', { name: /490 days Over 426 days/ }));
    await visible(page.getByRole('cell', { name: /119 days Within 121 days/ }));
    await screenshot(page, 'permanence-page');
    await checkAccessibility(page);
    await page.goto(`${t.baseUrl}/children/${childId}/care`);
    await visible(page.getByText('Placed for adoption under a placement order, not with current foster carer(s)').first());
    await checkAccessibility(page);
  });

  it('the manager sees the child on the permanence tracker, and the adopters’ page names her', async () => {
    const { page: manager, context: managerContext } = await newPage(browser, { width: 375, height: 812 });
    await signIn(manager, t.baseUrl, t.users.manager.username);
    await manager.goto(`${t.baseUrl}/permanence`);
    await visible(manager.getByRole('heading', { name: 'Permanence tracker', level: 1 }));
    await visible(manager.getByRole('link', { name: 'Lily Hartwell' }));
    await visible(manager.getByText('Next step').first());
    await checkAccessibility(manager);
    await manager.goto(householdUrl);
    await visible(manager.getByRole('link', { name: 'Lily Hartwell' }));
    await visible(manager.getByText('Matched', { exact: false }).first());
    expect((await horizontalOverflow(manager)).culprits).toEqual([]);
    await checkAccessibility(manager);
    await managerContext.close();
  });
});
