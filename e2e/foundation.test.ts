// The foundation journey in a real browser: a social worker signs in, sees My work, finds a child,
// opens the record, the chronology and its print view. axe (WCAG 2.2 AA) runs on every page visited.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  BROWSER_PASSWORD,
  checkAccessibility,
  describeInBrowser,
  horizontalOverflow,
  launchBrowser,
  newPage,
  screenshot,
  seedChild,
  signIn,
  startBrowserApp,
  type BrowserApp,
  visible,
} from './support/browser.ts';

describeInBrowser('foundation journey in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let childId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const worker = t.users.worker.id;
    childId = await seedChild(
      t,
      {
        firstName: 'Mia',
        lastName: 'Thornbury',
        dateOfBirth: '2017-03-14',
        sex: 'F',
        laChildId: 'BW-E2E-0001',
        allocatedTo: worker,
        allocatedOn: '2026-09-01',
        events: [
          { type: 'chronology.history', occurredOn: '2019-06-02', title: 'Police attended a domestic incident at the family home' },
          { type: 'referral.received', occurredOn: '2026-08-28', title: 'Referral from school: bruising seen on arm' },
          { type: 'assessment.started', occurredOn: '2026-09-01', title: 'Child and family assessment started' },
        ],
      },
      worker,
    );
    // A child of the same team, whom the worker may see too, so that finding a child is a real search.
    await seedChild(
      t,
      { firstName: 'Oscar', lastName: 'Pellew', dateOfBirth: '2014-11-02', laChildId: 'BW-E2E-0002', allocatedTo: t.users.manager.id, allocatedOn: '2026-10-01' },
      worker,
    );
    ({ context, page } = await newPage(browser));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('signs in with the keyboard alone, and the sign-in page passes axe', async () => {
    const { context: keyboardContext, page: keyboard } = await newPage(browser);
    try {
      await keyboard.goto(`${t.baseUrl}/sign-in`);
      await expect(keyboard.title()).resolves.toContain('Sign in');
      await checkAccessibility(keyboard);
      await screenshot(keyboard, '01-sign-in');
      // Tab from the top of the page until the username field has focus: it must be reachable.
      let tabs = 0;
      while (!(await keyboard.getByLabel('Username').evaluate((el) => el === (el.ownerDocument.activeElement as unknown)))) {
        tabs++;
        expect(tabs, 'the username field is reachable with Tab').toBeLessThan(15);
        await keyboard.keyboard.press('Tab');
      }
      await keyboard.keyboard.type(t.users.worker.username);
      await keyboard.keyboard.press('Tab');
      await expect(keyboard.getByLabel('Password').evaluate((el) => el === (el.ownerDocument.activeElement as unknown))).resolves.toBe(true);
      await keyboard.keyboard.type(BROWSER_PASSWORD);
      await keyboard.keyboard.press('Enter');
      await keyboard.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
      expect(new URL(keyboard.url()).pathname).toBe('/');
    } finally {
      await keyboardContext.close();
    }
  });

  it('fits the sign-in page on a phone-width screen (375px) without sideways scrolling', async () => {
    const { context: phoneContext, page: phone } = await newPage(browser, { width: 375, height: 740 });
    try {
      await phone.goto(`${t.baseUrl}/sign-in`);
      await screenshot(phone, '01-sign-in-phone');
      const overflow = await horizontalOverflow(phone);
      expect(overflow.culprits, `wider than ${overflow.viewportWidth}px: ${overflow.culprits.join(', ')}`).toEqual([]);
      expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.viewportWidth);
      await checkAccessibility(phone);
    } finally {
      await phoneContext.close();
    }
  });

  it('shows a wrong password as an error without losing the username', async () => {
    const { context: wrongContext, page: wrong } = await newPage(browser);
    try {
      await wrong.goto(`${t.baseUrl}/sign-in`);
      await wrong.getByLabel('Username').fill(t.users.worker.username);
      await wrong.getByLabel('Password').fill('not the password');
      await wrong.getByRole('button', { name: 'Sign in' }).click();
      await visible(wrong.getByRole('alert').getByText('There is a problem'));
      await expect(wrong.getByLabel('Username').inputValue()).resolves.toBe(t.users.worker.username);
      await checkAccessibility(wrong);
    } finally {
      await wrongContext.close();
    }
  });

  it('signs a social worker in to My work, which lists their child and the overdue assessment', async () => {
    await signIn(page, t.baseUrl, t.users.worker.username);
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/my work/i);
    await visible(page.getByRole('link', { name: /Mia Thornbury/ }).first());
    // Referred on 28 August 2026: 45 working days ran out on 2 November, so by 20 November it is overdue.
    const assessment = page.getByRole('row').filter({ hasText: 'Complete the child and family assessment' }).first();
    await visible(assessment);
    await expect(assessment.textContent()).resolves.toMatch(/2 November 2026[\s\S]*Overdue/);
    await screenshot(page, '02-my-work');
    await checkAccessibility(page);
  });

  it('finds the child by name from the service navigation', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Find a child' }).click();
    await page.waitForURL((url) => url.pathname === '/children');
    await checkAccessibility(page);
    await page.getByLabel(/Name, LA child ID/).fill('Thornbury');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((url) => url.pathname === '/children' && url.search.length > 0);
    await visible(page.getByRole('link', { name: /Mia Thornbury/ }).first());
    expect(await page.getByRole('link', { name: /Oscar Pellew/ }).count()).toBe(0);
    await screenshot(page, '03-find-a-child');
    await checkAccessibility(page);
  });

  it('opens the child’s record', async () => {
    await page.getByRole('link', { name: /Mia Thornbury/ }).first().click();
    await page.waitForURL((url) => url.pathname === `/children/${childId}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Mia Thornbury');
    await visible(page.getByText('BW-E2E-0001').first());
    await screenshot(page, '04-record');
    await checkAccessibility(page);
  });

  it('opens the chronology, with history from before Lantern and the referral', async () => {
    await page.getByRole('link', { name: 'View Mia’s chronology' }).click();
    await page.waitForURL((url) => url.pathname === `/children/${childId}/chronology`);
    await visible(page.getByText('Police attended a domestic incident at the family home').first());
    await visible(page.getByText('Referral from school: bruising seen on arm').first());
    await screenshot(page, '05-chronology');
    await checkAccessibility(page);
  });

  it('opens the chronology’s print view', async () => {
    await page.getByRole('link', { name: /Print view/ }).click();
    await page.waitForURL((url) => url.pathname.startsWith(`/children/${childId}/chronology`) && url.href !== `${t.baseUrl}/children/${childId}/chronology`);
    await visible(page.getByText('Police attended a domestic incident at the family home').first());
    await screenshot(page, '06-chronology-print');
    await checkAccessibility(page);
  });

  it('fits My work, the child’s record and the chronology on a 375px screen: wide tables scroll in their own box', async () => {
    const { context: phoneContext, page: phone } = await newPage(browser, { width: 375, height: 812 });
    try {
      await signIn(phone, t.baseUrl, t.users.worker.username);
      for (const [name, path] of [
        ['my-work', '/'],
        ['record', `/children/${childId}`],
        ['chronology', `/children/${childId}/chronology`],
      ] as const) {
        await phone.goto(`${t.baseUrl}${path}`);
        await screenshot(phone, `07-phone-${name}`);
        const overflow = await horizontalOverflow(phone);
        expect(overflow.culprits, `${path} wider than ${overflow.viewportWidth}px: ${overflow.culprits.join(', ')}`).toEqual([]);
        expect(overflow.scrollWidth, path).toBeLessThanOrEqual(overflow.viewportWidth);
        // The tables are still there, in a named region a keyboard user can scroll.
        expect(await phone.locator('.lantern-table-scroll[role="region"][tabindex="0"]').count(), path).toBeGreaterThan(0);
        await checkAccessibility(phone);
      }
    } finally {
      await phoneContext.close();
    }
  });
});
