// Practice standards in a real browser (issue 9; seed DQ-22, DQ-47): a team manager opens the council's
// compliance, follows a standard to their team, a worker and the child, and from the exception list to
// the place in the record where it is put right; a senior leader changes the council's N days. axe
// (WCAG 2.2 AA) runs on every page.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAccessibility, describeInBrowser, launchBrowser, newPage, seedChild, signIn, startBrowserApp, visible, type BrowserApp } from './support/browser.ts';
import { signedInPage } from './support/signed-in.ts';

describeInBrowser('practice standards in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let childId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    childId = await seedChild(t, { firstName: 'Rowan', lastName: 'Hale', dateOfBirth: '2016-02-11', sex: 'M', allocatedTo: t.users.worker.id, allocatedOn: '2026-09-01' }, t.users.worker.id);
    // Referred on 1 September, first seen 24 days later (Wandsworth 2016 ¶103: the DQ-22 seeded case).
    const episodeId = randomUUID();
    await t.handle.db
      .insertInto('cin_episode')
      .values({ id: episodeId, child_id: childId, referral_date: '2026-10-01', referral_source: '2A', primary_need: 'N1', referral_nfa: false, contact_id: null, closed_on: null, closure_reason: null, recorded_by: t.users.worker.id })
      .execute();
    await t.handle.db
      .insertInto('assessment')
      .values({ id: randomUUID(), child_id: childId, episode_id: episodeId, started_on: '2026-10-01', completed_on: null, factors: JSON.stringify([]), outcome: null, delay_reason: null, child_seen_on: '2026-10-25', child_seen_alone: 'yes', child_not_seen_reason: null, child_views: 'Wants to see his dad.', adults_involved: null, father_involved: null, father_not_involved_reason: null, culture_and_identity: null, use_of_history: null, analysis: null, authorised_on: null, authorised_by: null, authorisation_rationale: null, recorded_by: t.users.worker.id })
      .execute();
    ({ context, page } = await newPage(browser));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('a manager goes from the council to the team, the worker, the child, and to where it is put right', async () => {
    await signIn(page, t.baseUrl, t.users.manager.username);
    await page.getByRole('link', { name: 'Practice standards' }).first().click();
    await visible(page.getByRole('heading', { name: 'Practice standards', level: 1 }));
    await checkAccessibility(page);
    await page.getByRole('link', { name: 'Child seen within 7 days of referral' }).click();
    await visible(page.getByRole('heading', { name: 'Child seen within 7 days of referral', level: 1 }));
    await checkAccessibility(page);
    await page.getByRole('link', { name: 'Safeguarding Team 1' }).click();
    await visible(page.getByRole('link', { name: 'Sam Social' }));
    await checkAccessibility(page);
    await page.getByRole('link', { name: 'Sam Social' }).click();
    await visible(page.getByRole('cell', { name: 'Referred 1 October 2026, seen 25 October 2026' }));
    await checkAccessibility(page);
    await page.getByRole('link', { name: 'Rowan Hale' }).first().click();
    await page.waitForURL(`${t.baseUrl}/children/${childId}/practice-standards`);
    await visible(page.getByRole('heading', { name: 'Practice standards', level: 1 }));
    await checkAccessibility(page);
    await page.getByRole('link', { name: /Put it right/ }).first().click();
    await page.waitForURL(`${t.baseUrl}/children/${childId}/episodes`);
    await checkAccessibility(page);
  });

  it('a senior leader sets the council’s N days, and the figures follow', async () => {
    const { context: leaderContext, page: leader } = await signedInPage(browser, t, 'leader');
    await leader.goto(`${t.baseUrl}/practice-standards`);
    await leader.getByRole('link', { name: 'Set the council’s practice standards' }).click();
    await visible(leader.getByRole('heading', { name: 'Set the council’s practice standards', level: 1 }));
    await checkAccessibility(leader);
    await leader.getByLabel('Days from referral to the child being seen').fill('30');
    await leader.getByRole('button', { name: 'Save the practice standards' }).click();
    await visible(leader.getByRole('link', { name: 'Child seen within 30 days of referral' }));
    expect(await leader.getByRole('cell', { name: '100% (1 of 1)' }).count()).toBeGreaterThan(0);
    await checkAccessibility(leader);
    await leaderContext.close();
  });
});
