// A child comes into care in a real browser: the social worker records it (legal status, the first
// placement), the child moves to a placement outside the area, the worker records a statutory visit on
// a phone, and the IRO records the first looked-after review. axe (WCAG 2.2 AA) runs on every page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import {
  checkAccessibility,
  describeInBrowser,
  horizontalOverflow,
  launchBrowser,
  newPage,
  screenshot,
  seedChild,
  signIn,
  startBrowserApp,
  fillDate,
  type BrowserApp,
  visible,
} from './support/browser.ts';
import { PHONE, signedInPage } from './support/signed-in.ts';
import { receiveReferral } from '../src/episodes/service.ts';
import { syntheticCentroids, OWN_COUNCIL } from '../src/synth/stages/looked-after.ts';

describeInBrowser('children in care in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let childId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const worker = t.users.worker.id;
    childId = await seedChild(t, { firstName: 'Kai', lastName: 'Tremain', dateOfBirth: '2015-07-19', allocatedTo: worker, allocatedOn: '2026-09-01' }, worker);
    await receiveReferral(t.ctx.db, { childId, referralDate: '2026-09-01', referralSource: '2A' }, worker, '2026-11-20');
    await t.ctx.db.insertInto('postcode_centroid').values(syntheticCentroids()).execute();
    await t.ctx.db.insertInto('council_setting').values({ key: 'ownCouncilCode', value: JSON.stringify(OWN_COUNCIL.code) }).execute();
    await t.ctx.db.insertInto('allocation').values({ id: randomUUID(), child_id: childId, worker_id: t.users.iro.id, role: 'iro', from_date: '2026-10-01', recorded_by: worker }).execute();
    ({ context, page } = await signedInPage(browser, t, 'worker'));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });


  it('the manager records the decision for the child to become looked after first (MO-04; decision 0025)', async () => {
    await page.goto(`${t.baseUrl}/children/${childId}/care/start`);
    await visible(page.getByText('A manager must record the decision first (“The child to become looked after”)'));
    await checkAccessibility(page);
    const { context: managerContext, page: manager } = await newPage(browser);
    try {
      await signIn(manager, t.baseUrl, t.users.manager.username);
      await manager.goto(`${t.baseUrl}/children/${childId}/decisions/new?kind=entry_to_care`);
      await visible(manager.getByRole('heading', { name: 'Record a management decision' }));
      await checkAccessibility(manager);
      await fillDate(manager, 'Date of the decision', '2026-10-05');
      await manager.getByLabel('What it authorises').fill('Kai to be looked after under an interim care order');
      await manager.getByLabel('Rationale: why this is right for the child').fill('Kai cannot stay safely at home; no family member can care for him now.');
      await manager.getByRole('button', { name: 'Save the decision' }).click();
      await manager.waitForURL(/\/oversight#decisions$/);
      await visible(manager.getByRole('heading', { name: /The child to become looked after/ }));
    } finally {
      await managerContext.close();
    }
  });

  it('records that the child came into care, with the first placement; the page shows what is due', async () => {
    await page.goto(`${t.baseUrl}/children/${childId}/care`);
    await visible(page.getByRole('heading', { name: 'Children in care', level: 1 }));
    await checkAccessibility(page);
    await page.getByRole('button', { name: 'Record that the child came into care' }).click();
    await visible(page.getByRole('heading', { name: 'Record that the child came into care' }));
    await visible(page.getByText('recorded by Tara Manager on 5 October 2026'));
    await checkAccessibility(page);
    // Submitting empty shows the errors, and the page still passes axe.
    await page.getByRole('button', { name: 'Save' }).click();
    await visible(page.getByText('There is a problem'));
    await checkAccessibility(page);
    await fillDate(page, 'Date the child started to be looked after', '2026-10-05');
    await page.getByLabel('Legal status').selectOption('C1');
    await page.getByLabel('Category of need').selectOption('N1');
    await page.getByLabel('Who decided the child should be looked after').fill('Head of Service, Children in Care');
    await page.getByLabel('The child’s home postcode (optional)').fill('BW2 3DF');
    await page.getByLabel('Type of placement').selectOption('U6');
    await page.getByLabel('Carers’ names, or the name of the home').fill('Jo and Sam Penrose');
    await page.getByLabel('Who provides the placement').selectOption('PR1');
    await page.getByLabel('Postcode of the placement (optional)').fill('BW5 1AB');
    await page.getByRole('group', { name: 'Is the placement meant to last until the child is 18?' }).getByLabel('No').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**/children/${childId}/care`);
    await visible(page.getByText('Looked after since 5 October 2026'));
    await visible(page.getByRole('cell', { name: /Visit the child in their placement/ }));
    await screenshot(page, 'care-page');
    await checkAccessibility(page);
  });

  it('records a move to a placement outside the area, flagged on the page', async () => {
    await page.getByRole('button', { name: 'Record a change of placement' }).click();
    await checkAccessibility(page);
    await fillDate(page, 'Date the child moved', '2026-11-02');
    await page.getByLabel('Why the placement with Jo and Sam Penrose ended').selectOption('CREQB');
    await page.getByRole('group', { name: 'Is the child staying with the same carers?' }).getByLabel('No').check();
    await page.getByLabel('Type of placement').selectOption('K2');
    await page.getByLabel('Carers’ names, or the name of the home').fill('Oakwood House');
    await page.getByLabel('Who provides the placement').selectOption('PR4');
    await page.getByLabel('Postcode of the placement (optional)').fill('KQ4 2XY');
    await page.getByLabel('Ofsted unique reference number (optional)').fill('SC654321');
    await page.getByRole('group', { name: 'Is the placement meant to last until the child is 18?' }).getByLabel('No').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**/children/${childId}/care`);
    await visible(page.getByText('Outside the council’s area'));
    await checkAccessibility(page);
  });

  it('records a statutory visit on a 375px screen without scrolling sideways', async () => {
    const { page: phone, context: phoneContext } = await signedInPage(browser, t, 'worker', PHONE);
    await phone.goto(`${t.baseUrl}/children/${childId}/visits/new`);
    expect(await phone.getByLabel('Statutory visit to a child in care').isChecked()).toBe(true);
    await phone.getByRole('group', { name: 'Did you see the child?' }).getByLabel('Yes').check();
    await phone.getByRole('group', { name: 'Did you see the child alone?' }).getByLabel('Yes').check();
    await phone.getByLabel('What you saw and heard, and the child’s views').fill('Kai showed me his room at Oakwood House and said the staff are kind.');
    await phone.getByRole('button', { name: 'Save visit' }).click();
    await phone.waitForURL(`**/children/${childId}/visits`);
    await phone.goto(`${t.baseUrl}/children/${childId}/care`);
    expect((await horizontalOverflow(phone)).culprits).toEqual([]);
    await checkAccessibility(phone);
    await phoneContext.close();
  });

  it('the IRO records the first looked-after review', async () => {
    const { page: iro, context: iroContext } = await signedInPage(browser, t, 'iro');
    await iro.goto(`${t.baseUrl}/children/${childId}/care/reviews/new`);
    await checkAccessibility(iro);
    await fillDate(iro, 'Date of the review', '2026-11-02');
    await iro.getByLabel('Child attended and spoke for themselves').check();
    await iro.getByLabel('What the review decided').fill('Kai to stay at Oakwood House while a foster family is found nearer home.');
    await iro.getByRole('button', { name: 'Save review' }).click();
    await iro.waitForURL(`**/children/${childId}/care`);
    await visible(iro.getByRole('heading', { name: 'Review on 2 November 2026' }));
    await checkAccessibility(iro);
    await iroContext.close();
  });
});
