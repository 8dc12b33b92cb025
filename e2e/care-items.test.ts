// The OC2 items and the adopters' details the SSDA903 return needs, recorded in a real browser
// (decision 0043): a social worker records a final warning on the Offending page and a substance misuse
// problem with its intervention on the Health page, then corrects the warning with the reason; an
// adoption worker records a couple's sexes and legal status at the enquiry. axe (WCAG 2.2 AA) runs on
// every page.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAccessibility, describeInBrowser, launchBrowser, newPage, seedChild, signIn, startBrowserApp, visible, type BrowserApp } from './support/browser.ts';

describeInBrowser('recording the OC2 items and the adopters, in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let worker: Page;
  let childId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    childId = await seedChild(t, { firstName: 'Omar', lastName: 'Outcomes', dateOfBirth: '2011-02-02', sex: 'M', laChildId: 'LC9043', allocatedTo: t.users.worker.id, allocatedOn: '2024-03-01' }, t.users.worker.id);
    const db = t.handle.db;
    const periodId = randomUUID();
    const by = t.users.manager.id;
    await db.insertInto('care_period').values({ id: periodId, child_id: childId, started_on: '2024-03-01', category_of_need: 'N1', home_postcode: 'NG1 1AA', decided_by: 'Head of service', recorded_by: by }).execute();
    await db.insertInto('placement').values({ id: randomUUID(), period_id: periodId, child_id: childId, started_on: '2024-03-01', placement_type: 'U4', provider: 'PR1', carer_name: 'Foster carers', postcode: 'NG2 2BB', same_carers: false, intended_until_18: false, recorded_by: by }).execute();
    await db.insertInto('legal_status').values({ id: randomUUID(), period_id: periodId, child_id: childId, started_on: '2024-03-01', legal_status: 'C2', recorded_by: by }).execute();
    ({ context, page: worker } = await newPage(browser));
    await signIn(worker, t.baseUrl, t.users.worker.username);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  const fillDate = async (page: Page, day: string, month: string, year: string) => {
    await page.getByLabel('Day').fill(day);
    await page.getByLabel('Month').fill(month);
    await page.getByLabel('Year').fill(year);
  };

  it('a final warning, corrected with the reason; a substance misuse problem with its intervention', async () => {
    await worker.goto(`${t.baseUrl}/children/${childId}/offending`);
    await visible(worker.getByRole('heading', { name: 'Offending', level: 1 }));
    await checkAccessibility(worker);
    await worker.getByRole('button', { name: 'Record a conviction, final warning or reprimand' }).click();
    await checkAccessibility(worker);
    await worker.getByLabel('Given a final warning').check();
    await fillDate(worker, '2', '10', '2025');
    await worker.getByRole('button', { name: 'Save' }).click();
    await visible(worker.getByText('2 October 2025: Given a final warning'));
    await worker.getByRole('link', { name: 'Correct the record of 2 October 2025' }).click();
    await checkAccessibility(worker);
    await worker.getByLabel('Convicted of an offence').check();
    await worker.getByLabel('Why are you correcting this?').fill('The court convicted him; it was not a warning');
    await worker.getByRole('button', { name: 'Save' }).click();
    await visible(worker.getByText('2 October 2025: Convicted of an offence'));
    await checkAccessibility(worker);

    await worker.goto(`${t.baseUrl}/children/${childId}/health/checks/new`);
    await checkAccessibility(worker);
    await worker.getByLabel('Substance misuse problem identified').check();
    await fillDate(worker, '1', '11', '2025');
    await worker.getByLabel('Offered an intervention, not received').check();
    await worker.getByRole('button', { name: 'Save' }).click();
    await visible(worker.getByText('substance misuse problem identified, intervention offered, not received'));
    await checkAccessibility(worker);
  });

  it('an adoption worker records a couple’s sexes and legal status at the enquiry', async () => {
    await worker.goto(`${t.baseUrl}/adopters/new`);
    await checkAccessibility(worker);
    await worker.getByLabel('Names of the prospective adopters').fill('Robin and Kai Ashdown');
    await worker.getByLabel('Two people (a couple)').check();
    await worker.getByLabel('The applicants’ sexes (optional)').selectOption('FF');
    await worker.getByLabel('How the applicants are joined in law (optional)').selectOption('L2');
    await fillDate(worker, '2', '3', '2026');
    await worker.getByRole('button', { name: 'Save' }).click();
    await visible(worker.getByText('A couple, both female'));
    await visible(worker.getByText('A couple in a civil partnership'));
    await checkAccessibility(worker);
  });
});
