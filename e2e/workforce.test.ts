// Transfers between teams and caseloads in a real browser: a team manager asks to move a case to the
// children in care team; that team's manager finds it on My work, accepts it with a social worker of
// theirs, and the caseloads page shows the case with them. axe (WCAG 2.2 AA) runs on every page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BROWSER_PASSWORD, checkAccessibility, describeInBrowser, fillDate, launchBrowser, newPage, seedChild, signIn, startBrowserApp, visible, type BrowserApp } from './support/browser.ts';
import { createTeam, createUser, setTeamManager } from '../src/access/users.ts';

describeInBrowser('transfers between teams and caseloads in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let senderContext: BrowserContext;
  let receiverContext: BrowserContext;
  let sender: Page;
  let receiver: Page;
  let childId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const care = await createTeam(t.handle.db, { name: 'Children in Care Team', service: 'looked-after' });
    const cam = await createUser(t.handle.db, { username: 'cam.manager', displayName: 'Cam Manager', role: 'team_manager', teamId: care, agency: null, password: BROWSER_PASSWORD });
    await createUser(t.handle.db, { username: 'chris.care', displayName: 'Chris Carer', role: 'social_worker', teamId: care, agency: null, password: BROWSER_PASSWORD });
    await setTeamManager(t.handle.db, care, cam);
    childId = await seedChild(t, { firstName: 'Nia', lastName: 'Pendry', dateOfBirth: '2015-06-02', allocatedTo: t.users.worker.id, allocatedOn: '2026-05-04' }, t.users.manager.id);
    ({ context: senderContext, page: sender } = await newPage(browser));
    ({ context: receiverContext, page: receiver } = await newPage(browser));
    await signIn(sender, t.baseUrl, t.users.manager.username);
    await signIn(receiver, t.baseUrl, 'cam.manager');
  });

  afterAll(async () => {
    await senderContext?.close();
    await receiverContext?.close();
    await browser?.close();
    await t?.close();
  });

  it('a team manager asks to transfer the case, saying why', async () => {
    await sender.goto(`${t.baseUrl}/children/${childId}/transfers`);
    await visible(sender.getByRole('heading', { name: 'Transfers between teams', level: 1 }));
    await checkAccessibility(sender);
    await sender.getByRole('link', { name: 'Transfer the case to another team' }).click();
    await sender.getByRole('button', { name: 'Request the transfer' }).click();
    await visible(sender.getByText('There is a problem'));
    await checkAccessibility(sender);
    await sender.getByLabel('Team the case moves to').selectOption({ label: 'Children in Care Team' });
    await fillDate(sender, 'Date of the request', '2026-11-18');
    await sender.getByLabel('Why the case is moving').fill('Nia came into care under section 20; long-term work with the children in care team');
    await sender.getByRole('button', { name: 'Request the transfer' }).click();
    await visible(sender.getByText('Waiting'));
    await visible(sender.getByRole('cell', { name: 'Safeguarding Team 1 to Children in Care Team' }));
  });

  it('the receiving manager accepts it from My work, with a social worker of their team', async () => {
    await receiver.goto(`${t.baseUrl}/`);
    await visible(receiver.getByRole('heading', { name: 'Transfers waiting for you' }));
    await checkAccessibility(receiver);
    await receiver.getByRole('link', { name: /Nia Pendry/ }).click();
    await visible(receiver.getByRole('heading', { name: 'Transfer to Children in Care Team', level: 1 }));
    await checkAccessibility(receiver);
    await receiver.getByLabel('Social worker in your team who will hold the case').selectOption({ label: 'Chris Carer' });
    await receiver.getByRole('button', { name: 'Accept the transfer' }).click();
    await visible(receiver.getByText('Accepted'));
    await checkAccessibility(receiver);
  });

  it('the caseloads page shows the case with the receiving team', async () => {
    await receiver.goto(`${t.baseUrl}/caseloads`);
    await visible(receiver.getByRole('heading', { name: 'Caseloads', level: 1 }));
    await checkAccessibility(receiver);
    const row = receiver.getByRole('row', { name: /Chris Carer/ });
    await visible(row);
    await expect(row.getByRole('link', { name: /1 children allocated to Chris Carer/ }).count()).resolves.toBe(1);
    await receiver.goto(`${t.baseUrl}/workforce`);
    await visible(receiver.getByRole('heading', { name: 'Workforce', level: 1 }));
    await checkAccessibility(receiver);
  });
});
