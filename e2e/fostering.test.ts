// The council's foster carers in a real browser: a team manager adds a fostering household and records
// the panel and the decision; the social worker of a child in a children's home finds the household on
// the matching page from the child's care page and records the move to them; the household's page then
// lists the child and the sufficiency page counts them. axe (WCAG 2.2 AA) runs on every page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAccessibility, describeInBrowser, fillDate, launchBrowser, newPage, screenshot, seedChild, signIn, startBrowserApp, visible, type BrowserApp } from './support/browser.ts';
import { receiveReferral } from '../src/episodes/service.ts';
import { givenDecision } from '../src/oversight/test-helpers.ts';
import { enterCare } from '../src/looked-after/service.ts';

describeInBrowser('the council’s foster carers in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let managerContext: BrowserContext;
  let workerContext: BrowserContext;
  let manager: Page;
  let worker: Page;
  let childId: string;
  let householdUrl = '';

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const sam = t.users.worker;
    childId = await seedChild(t, { firstName: 'Rhys', lastName: 'Penhale', dateOfBirth: '2017-02-11', allocatedTo: sam.id, allocatedOn: '2026-09-01' }, sam.id);
    await receiveReferral(t.ctx.db, { childId, referralDate: '2026-09-01', referralSource: '2A' }, sam.id, '2026-11-20');
    const user = { id: sam.id, username: sam.username, displayName: sam.displayName, role: 'social_worker' as const, teamId: t.teams.safeguarding, agency: null };
    // The manager's decision first (decision 0025).
    await givenDecision(t.ctx.db, childId, 'entry_to_care', '2026-10-01', t.users.manager.id);
    await enterCare(
      t.ctx.db,
      user,
      childId,
      { startedOn: '2026-10-01', legalStatus: 'C1', categoryOfNeed: 'N1', decidedBy: 'Head of Service', alternativesConsidered: null, homePostcode: null, placementType: 'K2', provider: 'PR4', carerName: 'Oakwood House', urn: 'SC123456', postcode: null, intendedUntil18: false },
      '2026-11-20',
    );
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

  it('a team manager adds a household from the sufficiency page and records the panel and the decision', async () => {
    await manager.goto(`${t.baseUrl}/fostering`);
    await visible(manager.getByRole('heading', { name: 'Foster carers and sufficiency', level: 1 }));
    await checkAccessibility(manager);
    await manager.getByRole('button', { name: 'Add a fostering household' }).click();
    await visible(manager.getByRole('heading', { name: 'Add a fostering household', level: 1 }));
    await manager.getByRole('button', { name: 'Add household' }).click();
    await visible(manager.getByText('There is a problem'));
    await checkAccessibility(manager);
    await manager.getByLabel('First carer’s full name').fill('Carys Trevenna');
    await manager.getByLabel('Second carer’s full name (optional)').fill('Jory Trevenna');
    await manager.getByLabel('Mainstream fostering').check();
    await fillDate(manager, 'Date the assessment started', '2026-03-02');
    await manager.getByRole('button', { name: 'Add household' }).click();
    await visible(manager.getByRole('heading', { name: 'Carys Trevenna and Jory Trevenna', level: 1 }));
    householdUrl = manager.url();

    await manager.getByRole('button', { name: 'Record the panel’s recommendation' }).click();
    await fillDate(manager, 'Date of the panel', '2026-10-05');
    await manager.getByRole('group', { name: 'Did the panel recommend approval?' }).getByLabel('Yes').check();
    await manager.getByRole('button', { name: 'Save' }).click();
    await manager.getByRole('button', { name: 'Record the decision' }).click();
    await visible(manager.getByLabel('Agency decision maker'));
    await checkAccessibility(manager);
    await fillDate(manager, 'Date of the decision', '2026-10-12');
    await manager.getByLabel('Agency decision maker').fill('Head of Service, Children in Care');
    await manager.getByRole('group', { name: 'Are they approved as foster carers?' }).getByLabel('Yes').check();
    await manager.getByLabel('How many children they are approved for').fill('2');
    await manager.getByLabel('Youngest age (years)').fill('5');
    await manager.getByLabel('Oldest age (years)').fill('12');
    await manager.getByRole('button', { name: 'Save decision' }).click();
    await manager.waitForURL(householdUrl);
    await visible(manager.getByText('2 children aged 5 to 12'));
    await visible(manager.getByText('2 (2 places less 0 placed now)'));
    await visible(manager.locator('.govuk-summary-list__row', { hasText: 'Next review due' }).getByText('12 October 2027'));
    await checkAccessibility(manager);
  });

  it('the social worker finds the household on the matching page and records the move to them', async () => {
    await worker.goto(`${t.baseUrl}/children/${childId}/care`);
    await worker.getByRole('link', { name: 'The council’s foster carers with a vacancy for Rhys' }).click();
    await visible(worker.getByRole('heading', { name: 'The council’s foster carers with a vacancy', level: 1 }));
    await visible(worker.getByRole('cell', { name: 'Carys Trevenna and Jory Trevenna', exact: true }));
    await screenshot(worker, 'fostering-matches');
    await checkAccessibility(worker);
    await worker.getByRole('link', { name: /Record a move to them/ }).click();
    await visible(worker.getByRole('heading', { name: 'Record a change of placement' }));
    expect(await worker.getByLabel('The council’s own foster carers (optional)').inputValue()).not.toBe('');
    await fillDate(worker, 'Date the child moved', '2026-11-16');
    await worker.getByLabel('Why the placement with Oakwood House ended').selectOption('CARPL');
    await worker.getByRole('group', { name: 'Is the child staying with the same carers?' }).getByLabel('No').check();
    await worker.getByLabel('Type of placement').selectOption('U6');
    await worker.getByRole('group', { name: 'Is the placement meant to last until the child is 18?' }).getByLabel('No').check();
    await worker.getByRole('button', { name: 'Save' }).click();
    await worker.waitForURL(`**/children/${childId}/care`);
    await visible(worker.getByText('Carys Trevenna and Jory Trevenna, since 16 November 2026'));
  });

  it('the household’s page lists the child, and the sufficiency page counts them, each number opening its list', async () => {
    await manager.goto(householdUrl);
    await visible(manager.getByRole('link', { name: 'Rhys Penhale' }));
    await visible(manager.getByText('1 (2 places less 1 placed now)'));
    await screenshot(manager, 'fostering-household');
    await checkAccessibility(manager);
    await manager.goto(`${t.baseUrl}/fostering`);
    await visible(manager.getByRole('link', { name: '1 vacancies with mainstream fostering households' }));
    await screenshot(manager, 'fostering-sufficiency');
    await checkAccessibility(manager);
    await manager.getByRole('link', { name: '1 vacancies with mainstream fostering households' }).click();
    await visible(manager.getByRole('heading', { name: 'Approved households with a vacancy: mainstream fostering', level: 1 }));
    await visible(manager.getByRole('link', { name: 'Carys Trevenna and Jory Trevenna' }));
    await checkAccessibility(manager);
    await manager.goBack();
    await manager.getByRole('link', { name: '1 children with the council’s own foster carers' }).click();
    await visible(manager.getByRole('link', { name: 'Rhys Penhale' }));
    await checkAccessibility(manager);
  });

  it('the team manager records a DBS check, the supervising social worker and a visit; the due list shows the other carer’s check owed', async () => {
    await manager.goto(householdUrl);
    await manager.getByRole('button', { name: 'Record a DBS check' }).click();
    await visible(manager.getByRole('heading', { name: 'Record a DBS check', level: 1 }));
    await manager.getByRole('button', { name: 'Save check' }).click();
    await visible(manager.getByText('There is a problem'));
    await checkAccessibility(manager);
    await manager.getByRole('group', { name: 'Whose check is it?' }).getByLabel('Carys Trevenna').check();
    await fillDate(manager, 'Date the certificate was issued', '2026-04-01');
    await manager.getByLabel('Certificate number').fill('001987654321');
    await manager.getByRole('group', { name: 'Was the children’s barred list checked?' }).getByLabel('Yes').check();
    await manager.getByRole('group', { name: 'Do they subscribe to the DBS Update Service?' }).getByLabel('Yes').check();
    await manager.getByRole('button', { name: 'Save check' }).click();
    await manager.waitForURL(householdUrl);
    await visible(manager.getByRole('table', { name: 'Checks recorded, newest first' }).getByRole('cell', { name: '1 April 2029' }));

    await manager.getByRole('link', { name: 'Allocate the supervising social worker' }).click();
    await manager.getByLabel('Supervising social worker').selectOption({ label: t.users.worker.displayName });
    await fillDate(manager, 'From', '2026-10-12');
    await checkAccessibility(manager);
    await manager.getByRole('button', { name: 'Allocate' }).click();
    await manager.waitForURL(householdUrl);

    await manager.getByRole('button', { name: 'Record a visit' }).click();
    await fillDate(manager, 'Date of the visit', '2026-11-18');
    await manager.getByRole('group', { name: 'Was it unannounced?' }).getByLabel('No').check();
    await manager.getByLabel('Who visited').selectOption({ label: t.users.worker.displayName });
    await manager.getByLabel('What the visit found').fill('Rhys settling in; the carers’ training plan agreed.');
    await checkAccessibility(manager);
    await manager.getByRole('button', { name: 'Save visit' }).click();
    await manager.waitForURL(householdUrl);
    await visible(manager.locator('.govuk-summary-list__row', { hasText: 'Next supervisory visit due' }).getByText('30 December 2026'));
    await checkAccessibility(manager);

    await manager.goto(`${t.baseUrl}/fostering`);
    await manager.getByRole('link', { name: 'The fostering team’s due list' }).click();
    await visible(manager.getByRole('heading', { name: 'Foster carers’ checks, visits and reviews due soon or overdue', level: 1 }));
    await visible(manager.getByRole('cell', { name: 'Jory Trevenna', exact: true }));
    await screenshot(manager, 'fostering-due');
    await checkAccessibility(manager);
  });

  it('the team manager corrects the visit to unannounced and records a risk assessment while Jory Trevenna’s check is outstanding (seed FO-04)', async () => {
    await manager.goto(householdUrl);
    await manager.getByRole('link', { name: 'Correct the visit on 18 November 2026' }).click();
    await visible(manager.getByRole('heading', { name: 'Correct the visit on 18 November 2026', level: 1 }));
    await manager.getByRole('group', { name: 'Was it unannounced?' }).getByLabel('Yes').check();
    await manager.getByLabel('Why are you correcting it?').fill('It was unannounced: recorded as planned by mistake');
    await checkAccessibility(manager);
    await manager.getByRole('button', { name: 'Save correction' }).click();
    await manager.waitForURL(householdUrl);
    await visible(manager.locator('.govuk-summary-list__row', { hasText: 'Next unannounced visit due' }).getByText('18 November 2027'));

    await manager.getByRole('button', { name: 'Record a risk assessment' }).click();
    await visible(manager.getByRole('heading', { name: 'Record a risk assessment while a DBS check is outstanding', level: 1 }));
    await manager.getByRole('group', { name: 'Whose check is outstanding?' }).getByLabel('Jory Trevenna').check();
    await fillDate(manager, 'Date of the decision', '2026-11-19');
    await manager.getByLabel('Who decided').fill('Fostering service manager');
    await manager.getByLabel('What the risk assessment found and what is done meanwhile').fill('Certificate applied for; no concerns known; fortnightly visits until it returns.');
    await fillDate(manager, 'It lasts until', '2027-01-31');
    await checkAccessibility(manager);
    await manager.getByRole('button', { name: 'Save risk assessment' }).click();
    await manager.waitForURL(householdUrl);
    await visible(manager.getByRole('table', { name: 'Renewals owed' }).getByRole('cell', { name: 'Until 31 January 2027, decided by Fostering service manager' }));
    await checkAccessibility(manager);

    await manager.goto(`${t.baseUrl}/fostering/due?what=dbs`);
    await visible(manager.getByText('Risk assessed until 31 January 2027 (Fostering service manager)'));
    await checkAccessibility(manager);
  });
});
