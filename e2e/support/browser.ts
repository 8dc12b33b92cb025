// Browser journeys: Lantern served in-process on 127.0.0.1 (a random port, a fresh test database),
// driven by Debian's Chromium through playwright-core, with axe checking WCAG 2.2 AA on every page.
//
// Chromium comes from Debian (`apt-get install chromium`), never from `npx playwright install`, which
// cannot download here. Without /usr/bin/chromium the journeys are skipped on a laptop, and fail under
// CI=true so that CI can never pass by quietly running no browser at all.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { AREAS } from '../../src/server/areas.ts';
import type { AppContext } from '../../src/server/context.ts';
import { fixedTime } from '../../src/server/time.ts';
import { createTeam, createUser, setTeamManager } from '../../src/access/users.ts';
import { hashPassword } from '../../src/access/passwords.ts';
import type { Role } from '../../src/access/roles.ts';
import { recordEvent } from '../../src/chronology/journal.ts';
import type { EventType } from '../../src/chronology/event-types.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { createTestDatabase } from '../../test/support/database.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const BROWSER_PASSWORD = 'correct horse battery staple';
/** The journeys' fixed "today", the same as the integration tests'. */
export const BROWSER_TODAY = '2026-11-20';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these Chromium keeps trying to reach Google, and this machine's network refuses it.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumInstalled = (): boolean => existsSync(CHROMIUM_PATH);
const inCi = (): boolean => process.env['CI'] === 'true' || process.env['CI'] === '1';

/**
 * `describe` for a browser journey. With Chromium present it is an ordinary describe. Without it:
 * under CI the suite is replaced by one failing test that says what is missing; elsewhere it is
 * skipped with a message saying how to run it.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (chromiumInstalled()) {
    describe(name, body);
    return;
  }
  if (inCi()) {
    describe(name, () => {
      it('needs Debian Chromium at /usr/bin/chromium', () => {
        throw new Error(
          `${CHROMIUM_PATH} is missing, and CI must run the browser journeys. ` +
            'Install it with `apt-get install chromium` (.ci/run does this before the tests).',
        );
      });
    });
    return;
  }
  console.warn(
    `[e2e] Skipping "${name}": no Chromium at ${CHROMIUM_PATH}. ` +
      'Install Debian\'s Chromium (sudo apt-get install chromium) to run the browser journeys.',
  );
  describe.skip(name, body);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A page in a new browser context (its own cookies), desktop size unless told otherwise. */
export async function newPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

export type BrowserUserKey = 'worker' | 'manager' | 'frontDoor' | 'iro' | 'adviser' | 'analyst' | 'leader' | 'partner' | 'admin';

export interface BrowserApp {
  baseUrl: string;
  app: FastifyInstance;
  ctx: AppContext;
  handle: DatabaseHandle;
  /** Usernames (all share BROWSER_PASSWORD) and ids of the seeded users. */
  users: Record<BrowserUserKey, { id: string; username: string; displayName: string }>;
  teams: { safeguarding: string; frontDoor: string };
  close(): Promise<void>;
}

/** Starts Lantern in-process on 127.0.0.1 with a random port, a fresh migrated database and one user per role. */
export async function startBrowserApp(): Promise<BrowserApp> {
  const handle = await createTestDatabase();
  const ctx: AppContext = { db: handle.db, time: fixedTime(BROWSER_TODAY), councilName: 'Test Council' };
  const app = await buildApp(ctx, {
    cookieSecret: 'browser-test-cookie-secret-long-enough-0123456789',
    secureCookies: false,
    areas: AREAS,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;

  const safeguarding = await createTeam(handle.db, { name: 'Safeguarding Team 1', service: 'safeguarding' });
  const frontDoor = await createTeam(handle.db, { name: 'Front Door', service: 'front-door' });
  const people: Record<BrowserUserKey, { username: string; displayName: string; role: Role; team?: string; agency?: string }> = {
    worker: { username: 'sam.social', displayName: 'Sam Social', role: 'social_worker', team: safeguarding },
    manager: { username: 'tara.manager', displayName: 'Tara Manager', role: 'team_manager', team: safeguarding },
    frontDoor: { username: 'frankie.frontdoor', displayName: 'Frankie Frontdoor', role: 'front_door_worker', team: frontDoor },
    iro: { username: 'iris.iro', displayName: 'Iris Iro', role: 'iro' },
    adviser: { username: 'pat.adviser', displayName: 'Pat Adviser', role: 'personal_adviser' },
    analyst: { username: 'ana.analyst', displayName: 'Ana Analyst', role: 'performance_analyst' },
    leader: { username: 'lee.leader', displayName: 'Lee Leader', role: 'senior_leader' },
    partner: { username: 'pc.partner', displayName: 'PC Partner', role: 'partner_agency', agency: 'police' },
    admin: { username: 'ada.admin', displayName: 'Ada Admin', role: 'administrator' },
  };
  const users = {} as BrowserApp['users'];
  // One hash for everyone: hashing is deliberately slow.
  const passwordHash = await hashPassword(BROWSER_PASSWORD);
  for (const [key, person] of Object.entries(people) as [BrowserUserKey, (typeof people)[BrowserUserKey]][]) {
    const id = await createUser(handle.db, {
      username: person.username,
      displayName: person.displayName,
      role: person.role,
      teamId: person.team ?? null,
      agency: person.agency ?? null,
      passwordHash,
    });
    users[key] = { id, username: person.username, displayName: person.displayName };
  }
  await setTeamManager(handle.db, safeguarding, users.manager.id);

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    ctx,
    handle,
    users,
    teams: { safeguarding, frontDoor },
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

export interface SeedChild {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  sex?: string;
  laChildId?: string;
  /** Allocated to this user from `allocatedOn`. */
  allocatedTo?: string;
  allocatedOn?: string;
  restricted?: boolean;
  events?: { type: EventType; occurredOn: string; title: string; detail?: string; scopeId?: string }[];
}

/**
 * Puts a synthetic child straight into the foundation tables (person, allocation) and writes the
 * journal events the chronology and clocks read, as a service would, through recordEvent.
 */
export async function seedChild(t: BrowserApp, child: SeedChild, recordedBy: string): Promise<string> {
  const id = randomUUID();
  await t.handle.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('person')
      .values({
        id,
        kind: 'child',
        first_name: child.firstName,
        last_name: child.lastName,
        date_of_birth: child.dateOfBirth,
        sex: child.sex ?? null,
        la_child_id: child.laChildId ?? null,
        restricted: child.restricted ?? false,
        recorded_by: recordedBy,
      })
      .execute();
    if (child.allocatedTo) {
      const allocationId = randomUUID();
      await tx
        .insertInto('allocation')
        .values({
          id: allocationId,
          child_id: id,
          worker_id: child.allocatedTo,
          role: 'social_worker',
          from_date: child.allocatedOn ?? BROWSER_TODAY,
          recorded_by: recordedBy,
        })
        .execute();
    }
    for (const event of child.events ?? []) {
      await recordEvent(
        tx,
        {
          childId: id,
          type: event.type,
          occurredOn: event.occurredOn,
          sourceTable: 'person',
          sourceId: randomUUID(),
          scopeId: event.scopeId ?? null,
          title: event.title,
          detail: event.detail ?? null,
        },
        recordedBy,
      );
    }
  });
  return id;
}

/** Signs in through the sign-in page as a person would, and waits for the page it lands on. */
export async function signIn(page: Page, baseUrl: string, username: string, password = BROWSER_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe once the page has settled. A click on a link styled as a button starts its navigation
 * a moment after `click()` returns, and axe run in that moment finds no document; the run is
 * repeated on the page that loads, so a journey never checks (or fails on) a page half-way gone.
 */
async function analyseSettled(page: Page, attempts = 3): ReturnType<AxeBuilder['analyze']> {
  await page.waitForLoadState('load');
  try {
    return await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  } catch (error) {
    const navigating = /documentElement|Execution context was destroyed|navigat/i.test(String(error));
    if (!navigating || attempts <= 1) throw error;
    await page.waitForTimeout(100);
    return analyseSettled(page, attempts - 1);
  }
}

/**
 * GOV.UK Frontend's radios with a conditional reveal set aria-expanded on the radio, which ARIA 1.2 does
 * not allow; the Design System keeps it on purpose because screen readers announce it (a documented
 * known issue: alphagov/govuk-frontend#979, #1280; w3c/aria#1404). Only that finding is set aside: any
 * other attribute, or aria-expanded on anything else, still fails.
 */
function isKnownGovukRadioFinding(violationId: string, node: { html: string; failureSummary?: string | undefined }): boolean {
  if (violationId !== 'aria-allowed-attr' || !node.html.includes('govuk-radios__input')) return false;
  const problems = (node.failureSummary ?? '').split('\n').slice(1).map((line) => line.trim()).filter(Boolean);
  return problems.length > 0 && problems.every((line) => /^ARIA attribute is not allowed: aria-expanded="(true|false)"$/.test(line));
}

/** Runs axe (WCAG 2.2 AA) on the page as it is now and fails with a readable list of any violations. */
export async function checkAccessibility(page: Page): Promise<void> {
  const results = await analyseSettled(page);
  const violations = results.violations
    .map((violation) => ({ ...violation, nodes: violation.nodes.filter((node) => !isKnownGovukRadioFinding(violation.id, node)) }))
    .filter((violation) => violation.nodes.length > 0);
  if (violations.length === 0) return;
  const lines = violations.map((violation) => {
    const nodes = violation.nodes
      .slice(0, 5)
      .map((node) => `      at ${node.target.join(' ')}\n        ${(node.failureSummary ?? '').replace(/\n/g, '\n        ')}`)
      .join('\n');
    const more = violation.nodes.length > 5 ? `\n      … and ${violation.nodes.length - 5} more` : '';
    return `  [${violation.impact ?? 'unknown'}] ${violation.id}: ${violation.help}\n    ${violation.helpUrl}\n${nodes}${more}`;
  });
  throw new Error(`axe found ${violations.length} accessibility violation(s) on ${page.url()}:\n${lines.join('\n')}`);
}

/**
 * Elements that stick out past the right edge of the viewport (a phone-width screen must not scroll
 * sideways), leaving out those inside a box that scrolls sideways on its own.
 */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; viewportWidth: number; culprits: string[] }> {
  // A string, because the project compiles without the DOM's types: this runs in the page.
  return page.evaluate(`(() => {
    const viewportWidth = document.documentElement.clientWidth;
    // What sticks out inside a box that scrolls or clips sideways (a wide table in its scroll box,
    // WCAG 1.4.10) does not make the page scroll: only the box itself counts.
    const insideScroller = (element) => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const overflowX = getComputedStyle(parent).overflowX;
        if (overflowX === 'auto' || overflowX === 'scroll' || overflowX === 'hidden' || overflowX === 'clip') return true;
      }
      return false;
    };
    const culprits = [];
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.right > viewportWidth + 1 && !insideScroller(element)) {
        const classes = typeof element.className === 'string' && element.className.trim() ? '.' + element.className.trim().split(/\\s+/).join('.') : '';
        culprits.push(element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + classes + ' (right edge ' + Math.round(box.right) + 'px)');
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, viewportWidth, culprits: culprits.slice(0, 10) };
  })()`);
}

/**
 * Saves a full-page screenshot when LANTERN_E2E_SCREENSHOTS names a folder (to look at by hand);
 * does nothing otherwise, so CI writes no files.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const folder = process.env['LANTERN_E2E_SCREENSHOTS'];
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

/** Waits until what the locator finds is on screen; fails saying what was looked for and where. */
export async function visible(locator: Locator, timeout = 10_000): Promise<void> {
  try {
    await locator.waitFor({ state: 'visible', timeout });
  } catch {
    throw new Error(`Expected to see ${locator.toString()} on ${locator.page().url()}`);
  }
}

/** Fills a GOV.UK date input, found by its fieldset's legend, with an ISO date. */
export async function fillDate(page: Page, legend: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-');
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year!);
}
