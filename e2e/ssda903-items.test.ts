// What the SSDA903 return needs, recorded in a real browser (decision 0041): a social worker records
// that a child in care was under a special guardianship order before, and the day an unaccompanied
// asylum-seeking child's status ceased, each on its own page from the record. axe (WCAG 2.2 AA) runs
// on every page.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAccessibility, describeInBrowser, launchBrowser, newPage, seedChild, signIn, startBrowserApp, visible, type BrowserApp } from './support/browser.ts';

describeInBrowser('recording what the SSDA903 return needs, in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let worker: Page;
  let childId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    childId = await seedChild(t, { firstName: 'Sami', lastName: 'Sought', dateOfBirth: '2008-10-10', sex: 'M', laChildId: 'LC9041', allocatedTo: t.users.worker.id, allocatedOn: '2026-05-01' }, t.users.worker.id);
    const db = t.handle.db;
    await db.updateTable('person').set({ unaccompanied_asylum_seeker: true }).where('id', '=', childId).execute();
    const periodId = randomUUID();
    const by = t.users.manager.id;
    await db.insertInto('care_period').values({ id: periodId, child_id: childId, started_on: '2026-05-01', category_of_need: 'N8', home_postcode: 'NG1 1AA', decided_by: 'Head of service', recorded_by: by }).execute();
    await db.insertInto('placement').values({ id: randomUUID(), period_id: periodId, child_id: childId, started_on: '2026-05-01', placement_type: 'K3', provider: 'PR4', carer_name: 'Supported lodgings', postcode: 'NG2 2BB', same_carers: false, intended_until_18: false, recorded_by: by }).execute();
    await db.insertInto('legal_status').values({ id: randomUUID(), period_id: periodId, child_id: childId, started_on: '2026-05-01', legal_status: 'V2', recorded_by: by }).execute();
    ({ context, page: worker } = await newPage(browser));
    await signIn(worker, t.baseUrl, t.users.worker.username);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('previous permanence from the care page, and the date UASC status ceased from the record', async () => {
    await worker.goto(`${t.baseUrl}/children/${childId}/care`);
    await visible(worker.getByText('Not recorded (the SSDA903 return needs it)'));
    await worker.getByRole('link', { name: 'Record previous permanence' }).click();
    await visible(worker.getByRole('heading', { name: 'Previous permanence before coming into care', level: 1 }));
    await checkAccessibility(worker);
    await worker.getByLabel('Special guardianship order').check();
    await worker.getByLabel('Council that made the arrangement (optional)').fill('352');
    await worker.getByLabel('Day').fill('3');
    await worker.getByLabel('Month').fill('3');
    await worker.getByLabel('Year').fill('2019');
    await worker.getByRole('button', { name: 'Save' }).click();
    await visible(worker.getByText('Previous permanence: Special guardianship order (order of 3 March 2019, council 352)'));
    await checkAccessibility(worker);

    await worker.goto(`${t.baseUrl}/children/${childId}`);
    await worker.getByRole('link', { name: 'Record the date UASC status ceased' }).click();
    await visible(worker.getByRole('heading', { name: 'The date UASC status ceased', level: 1 }));
    await checkAccessibility(worker);
    await worker.getByLabel('Day').fill('10');
    await worker.getByLabel('Month').fill('10');
    await worker.getByLabel('Year').fill('2026');
    await worker.getByRole('button', { name: 'Save' }).click();
    await visible(worker.getByText('Yes, status ceased 10 October 2026'));
    await checkAccessibility(worker);
  });
});
