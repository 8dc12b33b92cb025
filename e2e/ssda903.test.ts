// The SSDA903 return in a real browser (issue 10): an analyst opens this year's return from the live
// record and sees 2 failures (DfE rules 442, a child in care with no UPN, and 454, a placement over
// 350 miles from home), follows one to the child, the child's social worker adds the UPN, and the
// failure is gone on the next check. axe (WCAG 2.2 AA) runs on every page.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { testUpn } from '../src/people/test-support.ts';
import { checkAccessibility, describeInBrowser, launchBrowser, newPage, seedChild, signIn, startBrowserApp, visible, type BrowserApp } from './support/browser.ts';

describeInBrowser('the SSDA903 return in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let analyst: Page;
  let miaId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const inCare = async (firstName: string, laChildId: string, upn: string | null, miles: number) => {
      const id = await seedChild(t, { firstName, lastName: 'Careful', dateOfBirth: '2014-03-04', sex: 'F', laChildId, allocatedTo: t.users.worker.id, allocatedOn: '2026-05-01' }, t.users.worker.id);
      const db = t.handle.db;
      await db.updateTable('person').set({ ethnicity: 'WBRI', upn }).where('id', '=', id).execute();
      const periodId = randomUUID();
      const by = t.users.manager.id;
      await db.insertInto('care_period').values({ id: periodId, child_id: id, started_on: '2026-05-01', category_of_need: 'N1', home_postcode: 'NG1 1AA', decided_by: 'Head of service', previous_permanence: 'Z1', recorded_by: by }).execute();
      // The council's fostering service's Ofsted URN: a foster placement needs one (rule 218, decision 0077).
      await db.insertInto('placement').values({ id: randomUUID(), period_id: periodId, child_id: id, started_on: '2026-05-01', placement_type: 'U4', provider: 'PR1', carer_name: 'The Lees', postcode: 'NG2 2BB', urn: 'SC100001', distance_miles: miles, same_carers: false, intended_until_18: false, recorded_by: by }).execute();
      await db.insertInto('legal_status').values({ id: randomUUID(), period_id: periodId, child_id: id, started_on: '2026-05-01', legal_status: 'C2', recorded_by: by }).execute();
      return id;
    };
    miaId = await inCare('Mia', 'LC9031', null, 4);
    await inCare('Nell', 'LC9032', testUpn(932), 400);
    ({ context, page: analyst } = await newPage(browser));
    await signIn(analyst, t.baseUrl, t.users.analyst.username);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('an analyst sees 2 failures, follows one to the child, the record is corrected, and the failure is gone', async () => {
    await analyst.goto(`${t.baseUrl}/`);
    await analyst.getByRole('link', { name: 'SSDA903 return' }).first().click();
    await visible(analyst.getByRole('heading', { name: 'SSDA903 return', level: 1 }));
    const byChild = analyst.getByRole('table', { name: '2 failures' });
    await visible(byChild);
    await visible(byChild.getByRole('cell', { name: 'Unique Pupil Number (UPN) field is not completed.' }));
    await visible(byChild.getByRole('cell', { name: 'Placement distance from home is over 350 miles.' }));
    await visible(analyst.getByRole('table', { name: 'The CSV files' }).getByRole('link', { name: /^episodes\.csv/ }));
    await visible(analyst.getByRole('link', { name: /Download the return as XML/ }));
    await checkAccessibility(analyst);

    await byChild.getByRole('link', { name: 'Mia Careful' }).click();
    await visible(analyst.getByRole('heading', { name: /Mia Careful/, level: 1 }));
    expect(analyst.url()).toContain(`/children/${miaId}`);
    await checkAccessibility(analyst);

    // The analyst reads but never changes a record: Mia's social worker adds the UPN.
    const { context: workerContext, page: worker } = await newPage(browser);
    try {
      await signIn(worker, t.baseUrl, t.users.worker.username);
      await worker.goto(`${t.baseUrl}/children/${miaId}/edit`);
      await worker.getByLabel('UPN (optional)', { exact: true }).fill(testUpn(931));
      await worker.getByRole('button', { name: 'Save changes' }).click();
      await visible(worker.getByText(testUpn(931)));
    } finally {
      await workerContext.close();
    }

    await analyst.goto(`${t.baseUrl}/returns/ssda903`);
    const after = analyst.getByRole('table', { name: '1 failure' });
    await visible(after);
    await expect(after.getByRole('cell', { name: 'Unique Pupil Number (UPN) field is not completed.' }).count()).resolves.toBe(0);
    await checkAccessibility(analyst);
  });
});
