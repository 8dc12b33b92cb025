// The front door on a phone: the queue fits a 375px screen without the page scrolling sideways (its
// wide tables scroll in their own box), says so when nothing waits, and the contact, its correction
// and the decision's next steps pass axe (WCAG 2.2 AA).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  BROWSER_TODAY,
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
import { recordContact, submitPartnerReferral } from '../src/front-door/service-contact.ts';
import type { SignedInUser } from '../src/access/policy.ts';

describeInBrowser('the front door in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    ({ context, page } = await signedInPage(browser, t, 'frontDoor', PHONE));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('the queue says when nothing waits, and with contacts fits a 375px screen', async () => {
    await page.goto(`${t.baseUrl}/front-door`);
    await visible(page.getByText('No contacts are waiting for a decision.'));
    await checkAccessibility(page);

    const frontDoor: SignedInUser = { id: t.users.frontDoor.id, username: t.users.frontDoor.username, displayName: t.users.frontDoor.displayName, role: 'front_door_worker', teamId: t.teams.frontDoor, agency: null };
    const partner: SignedInUser = { id: t.users.partner.id, username: t.users.partner.username, displayName: t.users.partner.displayName, role: 'partner_agency', teamId: null, agency: 'police' };
    const childId = await seedChild(t, { firstName: 'Maximilian-Alexander', lastName: 'Worthington-Smythe', dateOfBirth: '2015-03-02', laChildId: 'BW-E2E-0303' }, t.users.frontDoor.id);
    const contactId = await recordContact(
      t.ctx.db,
      frontDoor,
      childId,
      {
        receivedOn: BROWSER_TODAY,
        receivedTime: '09:10',
        source: '2A',
        referrerName: 'Ms Patel',
        referrerRole: 'Designated safeguarding lead',
        referrerAgency: 'Hillside Primary',
        referrerPhone: null,
        worry: 'Came to school with a bruise and would not say how.',
        riskIndicators: ['PHYSICAL_HARM', 'DOMESTIC_ABUSE', 'PARENT_MENTAL_HEALTH'],
        consent: 'GIVEN',
      },
      BROWSER_TODAY,
    );
    await submitPartnerReferral(
      t.ctx.db,
      partner,
      { firstName: 'Nia', lastName: 'Online', dateOfBirth: '2019-07-07', address: null, postcode: null, source: '6', referrerRole: null, referrerPhone: null, worry: 'Found alone.', riskIndicators: [], consent: 'UNKNOWN' },
      t.ctx.time,
    );

    await page.goto(`${t.baseUrl}/front-door`);
    await visible(page.getByRole('link', { name: 'Maximilian-Alexander Worthington-Smythe' }));
    await screenshot(page, 'front-door-queue-375');
    const overflow = await horizontalOverflow(page);
    expect(overflow.culprits, JSON.stringify(overflow)).toEqual([]);
    await checkAccessibility(page);

    await page.goto(`${t.baseUrl}/front-door/contacts/${contactId}`);
    expect((await horizontalOverflow(page)).culprits).toEqual([]);
    await checkAccessibility(page);
    await page.getByRole('link', { name: 'Correct the contact' }).click();
    await page.waitForURL(`**/front-door/contacts/${contactId}/change`);
    await checkAccessibility(page);
    await page.getByLabel('Why are you correcting it?').fill('The school rang at ten past nine, not ten');
    await page.getByRole('button', { name: 'Save the correction' }).click();
    await page.waitForURL(`**/front-door/contacts/${contactId}`);
    await checkAccessibility(page);
  });
});
