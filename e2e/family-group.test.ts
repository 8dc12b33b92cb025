// Family group decision-making before proceedings in Chromium (Children Act 1989 s.31ZA, inserted by
// the Children's Wellbeing and Schools Act 2026 s.1): a social worker records the offer in the letter
// before proceedings to both parents, the mother's acceptance, tries to record the care application
// and is told why it must wait, records the family group meeting with who came and the family's
// proposal, and then records the application. Every page passes axe (WCAG 2.2 AA).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAccessibility, describeInBrowser, launchBrowser, screenshot, seedChild, startBrowserApp, type BrowserApp, visible } from './support/browser.ts';
import { signedInPage } from './support/signed-in.ts';
import { receiveReferral } from '../src/episodes/service.ts';
import { recordLegalPlanningMeeting, sendLetterBeforeProceedings } from '../src/proceedings/service.ts';

describeInBrowser('family group decision-making before proceedings in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let childId: string;
  let preId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const worker = t.users.worker.id;
    childId = await seedChild(t, { firstName: 'Kofi', lastName: 'Mensah', dateOfBirth: '2019-03-14', allocatedTo: worker, allocatedOn: '2026-06-01' }, worker);
    await receiveReferral(t.ctx.db, { childId, referralDate: '2026-06-01', referralSource: '2A' }, worker, '2026-11-20');
    for (const [first, kind, pr] of [['Abena', 'mother', true], ['Kwame', 'father', true], ['Efua', 'grandparent', false]] as const) {
      const id = randomUUID();
      await t.ctx.db.insertInto('person').values({ id, kind: 'adult', first_name: first, last_name: 'Mensah', recorded_by: worker }).execute();
      await t.ctx.db.insertInto('relationship').values({ id: randomUUID(), person_id: childId, related_person_id: id, kind, parental_responsibility: pr, recorded_by: worker }).execute();
    }
    const user = { id: worker, username: t.users.worker.username, displayName: t.users.worker.displayName, role: 'social_worker' as const, teamId: t.teams.safeguarding, agency: null };
    await recordLegalPlanningMeeting(t.ctx.db, user, childId, { heldOn: '2026-09-01', decision: 'pre_proceedings', reasons: 'Neglect continuing despite the child protection plan.' }, '2026-11-20');
    preId = await sendLetterBeforeProceedings(t.ctx.db, user, childId, { sentOn: '2026-09-04' }, '2026-11-20');
    ({ context, page } = await signedInPage(browser, t, 'worker'));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  const fillDate = async (legend: string, day: string, month: string, year: string) => {
    const group = page.getByRole('group', { name: legend });
    await group.getByLabel('Day').fill(day);
    await group.getByLabel('Month').fill(month);
    await group.getByLabel('Year').fill(year);
  };

  it('offer, acceptance, the application refused with s.31ZA, the meeting, then the application', async () => {
    await page.goto(`${t.baseUrl}/children/${childId}/proceedings`);
    await page.getByRole('link', { name: /Family group decision-making/ }).click();
    await visible(page.getByRole('heading', { name: 'Family group decision-making', level: 1 }));
    await checkAccessibility(page);

    await page.getByRole('button', { name: 'Record the offer' }).click();
    await visible(page.getByRole('heading', { name: 'Record the offer of a family group decision-making meeting' }));
    // Both parents are offered, ticked already; the grandmother (no parental responsibility) is not listed.
    expect(await page.getByLabel('Abena Mensah').isChecked()).toBe(true);
    expect(await page.getByLabel('Kwame Mensah').isChecked()).toBe(true);
    expect(await page.getByLabel('Efua Mensah').count()).toBe(0);
    await checkAccessibility(page);
    await page.getByRole('button', { name: 'Save the offer' }).click();
    await page.waitForURL(`**/pre-proceedings/${preId}/family-group`);

    await page.getByRole('link', { name: 'Record the answer of Abena Mensah' }).click();
    await page.getByLabel('Accepted: wants the meeting').check();
    await fillDate('Date of the answer', '9', '9', '2026');
    await checkAccessibility(page);
    await page.getByRole('button', { name: 'Save the answer' }).click();
    await page.waitForURL(`**/pre-proceedings/${preId}/family-group`);
    await visible(page.getByText('a care application cannot be recorded until the meeting is held'));
    await checkAccessibility(page);

    // The application is refused, in the worker's words, with the statute.
    await page.goto(`${t.baseUrl}/children/${childId}/proceedings/issue`);
    await fillDate('Date the application was issued', '1', '10', '2026');
    await page.getByLabel('Court').fill('Family Court at East London');
    await page.getByLabel('Case number').fill('ZE26C00441');
    await page.getByLabel('Care order (s.31)', { exact: true }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await visible(page.getByRole('alert').getByText(/Abena Mensah accepted the offer of a family group decision-making meeting/));
    await visible(page.getByRole('alert').getByText(/s\.31ZA/));
    await screenshot(page, 'family-group-application-refused');
    await checkAccessibility(page);

    await page.goto(`${t.baseUrl}/children/${childId}/proceedings/pre-proceedings/${preId}/family-group/meetings/new`);
    await fillDate('Date of the meeting', '24', '9', '2026');
    await page.getByLabel('Abena Mensah').check();
    await page.getByLabel('Efua Mensah').check();
    await page.getByLabel('Others who attended (optional)').fill('Ama Owusu, family friend');
    await page.getByLabel('The family’s proposal').fill('Grandmother to care for Kofi on weekdays; mother to attend the drug service.');
    await checkAccessibility(page);
    await page.getByRole('button', { name: 'Save the meeting' }).click();
    await page.waitForURL(`**/pre-proceedings/${preId}/family-group`);
    await visible(page.getByRole('cell', { name: 'family friend' }));
    await checkAccessibility(page);

    await page.goto(`${t.baseUrl}/children/${childId}/proceedings/issue`);
    await fillDate('Date the application was issued', '1', '10', '2026');
    await page.getByLabel('Court').fill('Family Court at East London');
    await page.getByLabel('Case number').fill('ZE26C00441');
    await page.getByLabel('Care order (s.31)', { exact: true }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**/children/${childId}/proceedings`);
    await visible(page.getByRole('heading', { name: /Care proceedings issued 1 October 2026/ }));
    await checkAccessibility(page);
  });

  it('the best-interests form and the administrator’s commencement page pass axe', async () => {
    await page.goto(`${t.baseUrl}/children/${childId}/proceedings/pre-proceedings/${preId}/family-group/best-interests/new`);
    await visible(page.getByRole('heading', { name: /not in the child’s best interests/ }));
    await checkAccessibility(page);
    const { page: adminPage, context: adminContext } = await signedInPage(browser, t, 'admin');
    await adminPage.goto(`${t.baseUrl}/admin/settings/family-group-decision-making`);
    await visible(adminPage.getByRole('heading', { name: 'Family group decision-making before proceedings' }));
    await checkAccessibility(adminPage);
    await adminContext.close();
  });
});
