// Two journeys through the real pages, as the workers would take them, with axe (WCAG 2.2 AA) on
// every page visited:
// a) a contact at the front door, decided by a front door manager as needing a strategy discussion
//    (which opens the episode), the strategy discussion with police, health and social care starting
//    a section 47 enquiry, its outcome (a conference), and the initial child protection conference
//    deciding on a plan; the plan shows what is due next and the chronology tells the story.
// b) a child in need case with an authorised assessment, stepped down to early help by the team
//    manager with a handover: the social care episode closes, the early help episode opens.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  BROWSER_TODAY,
  checkAccessibility,
  describeInBrowser,
  launchBrowser,
  newPage,
  screenshot,
  seedChild,
  signIn,
  startBrowserApp,
  type BrowserApp,
  visible,
} from './support/browser.ts';
import { createUser } from '../src/access/users.ts';
import { hashPassword } from '../src/access/passwords.ts';
import { receiveReferral } from '../src/episodes/service.ts';
import { givenDecision } from '../src/oversight/test-helpers.ts';
import { authoriseAssessment, completeAssessment, recordFindings, startAssessment } from '../src/assessment/service.ts';
import type { SignedInUser } from '../src/access/policy.ts';

/** Goes to a page and checks it with axe. */
async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await checkAccessibility(page);
}

/** Clicks something that leads to another page, waits for it, and checks it with axe. */
async function follow(page: Page, click: () => Promise<void>, url: string | RegExp | ((url: URL) => boolean)): Promise<void> {
  try {
    await Promise.all([page.waitForURL(url), click()]);
  } catch (error) {
    // Say what the page said (a form re-shown with its errors) rather than only that it timed out.
    const summary = page.locator('.govuk-error-summary');
    const said = (await summary.count()) > 0 ? await summary.innerText() : await page.locator('h1').first().innerText().catch(() => '');
    throw new Error(`Expected to reach ${String(url)} from ${page.url()}, but the page said: ${said}\n${String(error)}`);
  }
  await checkAccessibility(page);
}

describeInBrowser('help and protection in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let frontDoorManager: { id: string; username: string };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    // The threshold decision at the front door is a team manager's, in the front door team.
    const username = 'fran.fdmanager';
    const id = await createUser(t.handle.db, {
      username,
      displayName: 'Fran Front-Door-Manager',
      role: 'team_manager',
      teamId: t.teams.frontDoor,
      agency: null,
      passwordHash: await hashPassword('correct horse battery staple'),
    });
    frontDoorManager = { id, username };
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('takes a contact through a strategy discussion and section 47 enquiry to an initial conference and a child protection plan', async () => {
    const childId = await seedChild(
      t,
      { firstName: 'Kai', lastName: 'Ashworth', dateOfBirth: '2018-05-09', sex: 'M', laChildId: 'BW-E2E-0101', allocatedTo: t.users.worker.id, allocatedOn: '2026-11-20' },
      t.users.worker.id,
    );

    // The front door worker records the contact from the front door queue.
    const frontDoor = await newPage(browser);
    const fd = frontDoor.page;
    await signIn(fd, t.baseUrl, t.users.frontDoor.username);
    await visit(fd, `${t.baseUrl}/front-door`);
    await follow(fd, () => fd.getByRole('button', { name: 'Record a contact' }).click(), '**/front-door/contacts/new');
    await fd.getByLabel('The child’s LA child ID').fill('BW-E2E-0101');
    await fd.getByLabel('Who made the contact?').selectOption({ label: 'Schools' });
    await fd.getByLabel('What is the worry about the child?').fill('Kai came to school with bruises to both upper arms and said his stepfather grabbed him.');
    await fd.getByLabel('The family agreed to the contact').check();
    await follow(fd, () => fd.getByRole('button', { name: 'Record the contact' }).click(), /\/front-door\/contacts\/[0-9a-f-]{36}$/);
    const contactUrl = fd.url();
    await visible(fd.getByRole('heading', { name: /Contact about Kai Ashworth/ }));
    await frontDoor.context.close();

    // A front door team manager decides: a strategy discussion. This opens the episode.
    const manager = await newPage(browser);
    const mp = manager.page;
    await signIn(mp, t.baseUrl, frontDoorManager.username);
    await visit(mp, contactUrl);
    await follow(mp, () => mp.getByRole('button', { name: 'Make the decision' }).click(), '**/decision');
    await mp.getByLabel('Referral to children’s social care: strategy discussion').check();
    await mp.getByLabel('Why? Give the reasons for the decision').fill('A disclosure of physical harm by a carer with visible injuries: reasonable cause to suspect significant harm.');
    await follow(mp, () => mp.getByRole('button', { name: 'Record the decision' }).click(), contactUrl);
    await visible(mp.getByText('Referral to children’s social care: strategy discussion').first());
    await manager.context.close();

    // The social worker records the strategy discussion, which starts a section 47 enquiry.
    const social = await newPage(browser);
    const sp = social.page;
    await signIn(sp, t.baseUrl, t.users.worker.username);
    await visit(sp, `${t.baseUrl}/children/${childId}/protection`);
    await follow(sp, () => sp.getByRole('button', { name: 'Record a strategy discussion' }).click(), '**/protection/strategy-discussions/new');
    const agencies = sp.getByRole('group', { name: 'Which agencies took part?' });
    await agencies.getByLabel('Police', { exact: true }).check();
    await agencies.getByLabel('Health', { exact: true }).check();
    await agencies.getByLabel('Children\'s social care', { exact: true }).check();
    await sp.getByLabel('Why it was held').fill('School saw bruising to both arms; Kai said his stepfather grabbed him.');
    await sp.getByLabel('What was decided, and why').fill('Threshold for section 47 met: joint visit by police and social care today; medical by the paediatrician.');
    await sp.getByLabel('Start section 47 enquiries').check();
    await follow(sp, () => sp.getByRole('button', { name: 'Save' }).click(), /\/protection\/strategy-discussions\/[0-9a-f-]{36}$/);

    // The enquiry's outcome: a conference is needed.
    await follow(sp, () => sp.getByRole('link', { name: 'Started the section 47 enquiry' }).click(), /\/protection\/enquiries\/[0-9a-f-]{36}$/);
    const enquiryUrl = sp.url();
    // Decision 0021: the manager's decision on the outcome comes first (its own journey: e2e/oversight.test.ts).
    await givenDecision(t.ctx.db, childId, 's47_outcome', '2026-10-01', t.users.manager.id);
    await follow(sp, () => sp.getByRole('button', { name: 'Record the outcome of the enquiry' }).click(), '**/outcome');
    await sp.getByLabel('Concerns substantiated: hold an initial child protection conference').check();
    await sp.getByLabel('What the enquiry found').fill('The paediatrician found the bruising consistent with gripping; Kai repeated his account.');
    await follow(sp, () => sp.getByRole('button', { name: 'Save' }).click(), enquiryUrl);

    // The initial child protection conference, chaired by the IRO, decides on a plan.
    await follow(sp, () => sp.getByRole('button', { name: 'Record the initial conference' }).click(), '**/conference');
    const held = sp.getByRole('group', { name: 'Date of the conference' });
    await held.getByLabel('Day').fill('20');
    await held.getByLabel('Month').fill('11');
    await held.getByLabel('Year').fill('2026');
    await sp.getByLabel('Chair').selectOption({ label: t.users.iro.displayName });
    const attended = sp.getByRole('group', { name: 'Which agencies took part?' });
    await attended.getByLabel('Police', { exact: true }).check();
    await attended.getByLabel('Health', { exact: true }).check();
    await attended.getByLabel('Education', { exact: true }).check();
    await attended.getByLabel('Children\'s social care', { exact: true }).check();
    await sp.getByRole('group', { name: 'Decision' }).getByLabel('Child protection plan', { exact: true }).check();
    await sp.getByLabel('Physical abuse').check();
    await follow(sp, () => sp.getByRole('button', { name: 'Save' }).click(), /\/protection\/plans\/[0-9a-f-]{36}$/);
    await screenshot(sp, 'cp-plan');

    // The plan shows the category and what is due next: core group, review conference and visit.
    await visible(sp.getByText('Physical abuse').first());
    for (const due of ['Next review conference due', 'Next core group due', 'Next visit due']) {
      const row = sp.locator('.govuk-summary-list__row', { has: sp.getByText(due, { exact: true }) });
      const value = (await row.locator('.govuk-summary-list__value').innerText()).trim();
      expect(value, due).toMatch(/^\d{1,2} \w+ \d{4}$/);
    }

    // The child's protection page shows the plan.
    await visit(sp, `${t.baseUrl}/children/${childId}/protection`);
    await visible(sp.getByRole('link', { name: '20 November 2026' }).first());
    await visible(sp.getByText('Physical abuse').first());

    // The chronology tells the story from the contact to the plan.
    await visit(sp, `${t.baseUrl}/children/${childId}`);
    await follow(sp, () => sp.getByRole('link', { name: 'View Kai’s chronology' }).click(), `**/children/${childId}/chronology`);
    await screenshot(sp, 'cp-chronology');
    const chronology = await sp.getByRole('table', { name: /chronology/ }).innerText();
    for (const entry of [
      'Contact from Schools',
      'Contact decision: Referral to children’s social care: strategy discussion',
      'Referral from Schools',
      'Strategy discussion: section 47 enquiries to start',
      'Section 47 enquiry started',
      'Section 47 enquiry completed: initial child protection conference to be held',
      'Initial child protection conference: Child protection plan',
      'Child protection plan started: Physical abuse',
    ]) {
      expect(chronology, entry).toContain(entry);
    }
    await social.context.close();
  }, 180_000); // about forty pages in a real browser: on a busy two-core CI machine it has taken over a minute

  it('steps a child in need case with an authorised assessment down to early help, with a handover', async () => {
    const worker = t.users.worker.id;
    const childId = await seedChild(
      t,
      { firstName: 'Lola', lastName: 'Pemberton', dateOfBirth: '2014-02-17', sex: 'F', laChildId: 'BW-E2E-0202', allocatedTo: worker, allocatedOn: '2026-10-01' },
      worker,
    );
    const asWorker: SignedInUser = { id: worker, username: t.users.worker.username, displayName: t.users.worker.displayName, role: 'social_worker', teamId: t.teams.safeguarding, agency: null };
    const asManager: SignedInUser = { id: t.users.manager.id, username: t.users.manager.username, displayName: t.users.manager.displayName, role: 'team_manager', teamId: t.teams.safeguarding, agency: null };
    await receiveReferral(t.ctx.db, { childId, referralDate: '2026-10-01', referralSource: '2A' }, worker, BROWSER_TODAY);
    const assessmentId = await startAssessment(t.ctx.db, asWorker, childId, { startedOn: '2026-10-02', episodeId: null }, BROWSER_TODAY);
    await recordFindings(
      t.ctx.db,
      asWorker,
      childId,
      assessmentId,
      {
        childSeenOn: '2026-10-06',
        childSeenAlone: 'yes',
        childNotSeenReason: null,
        childViews: 'Lola wants help with her mum’s low mood and to keep going to her after-school club.',
        adultsInvolved: 'Mum; maternal grandmother.',
        fatherInvolved: 'yes',
        fatherNotInvolvedReason: null,
        cultureAndIdentity: 'White British; Lola is proud of her dance group.',
        useOfHistory: 'One earlier contact in 2023, advice given.',
        analysis: 'Needs are met with support; no safeguarding concerns. Family hub support fits best.',
      },
      BROWSER_TODAY,
    );
    await completeAssessment(t.ctx.db, asWorker, childId, assessmentId, { completedOn: '2026-11-02', factors: ['21'], outcome: 'EARLY_HELP', delayReason: null }, BROWSER_TODAY);
    await authoriseAssessment(t.ctx.db, asManager, childId, assessmentId, { authorisedOn: '2026-11-03', rationale: 'Agree: early help through the family hub meets Lola’s needs.' }, BROWSER_TODAY);

    // Decisions 0021, 0025: the manager's decision to step down comes first; it covers the closure.
    await givenDecision(t.ctx.db, childId, 'step_down', '2026-11-03', t.users.manager.id);
    const { context, page } = await newPage(browser);
    await signIn(page, t.baseUrl, t.users.manager.username);
    await visit(page, `${t.baseUrl}/children/${childId}/early-help`);
    await follow(page, () => page.getByRole('button', { name: 'Step down to early help' }).click(), `**/children/${childId}/step-down`);
    // The form shows the decision that authorises it before anything is typed (decision 0025).
    await visible(page.getByText('Decision (“Step down to early help”) recorded by Tara Manager on 3 November 2026'));
    await page.getByLabel('Or their name').fill('Sam Family-Hub');
    await page.getByLabel('And their agency').selectOption({ label: 'Children’s centre or family hub' });
    await page.getByLabel('What does the family know about the step-down and what happens next?').fill('Mum knows the family hub will call this week, and agreed.');
    await page.getByLabel('Outstanding actions (optional)').fill('Hub to arrange a parenting course; school to keep the after-school club place.');
    await follow(page, () => page.getByRole('button', { name: 'Step down to early help' }).click(), /\/early-help\/[0-9a-f-]{36}$/);
    await screenshot(page, 'step-down-early-help');

    // The early help episode is open, with the handover from social care.
    await visible(page.getByRole('heading', { name: 'Handover from children’s social care' }));
    await visible(page.getByText('Mum knows the family hub will call this week, and agreed.'));
    await visible(page.getByText('Sam Family-Hub').first());

    // The social care episode is closed.
    await visit(page, `${t.baseUrl}/children/${childId}/episodes`);
    const episode = page.getByRole('row', { name: /1 October 2026/ });
    await visible(episode.getByText('Closed 20 November 2026'));
    await visible(episode.getByText('Case closed after assessment, referred to early help'));
    await context.close();
  });
});
