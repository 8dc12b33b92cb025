// A page signed in as one of the browser app's users, and the check every area makes on a phone: the
// page fits 375px without scrolling sideways and passes axe there. The journeys open several users'
// pages; these keep each to one line.
import { expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAccessibility, horizontalOverflow, newPage, signIn, type BrowserApp, type BrowserUserKey } from './browser.ts';

/** A phone's screen: the width every page must fit without scrolling sideways. */
export const PHONE = { width: 375, height: 812 };

/** A page in a new browser context (its own cookies), signed in as `user`; desktop size unless told otherwise. */
export async function signedInPage(browser: Browser, t: BrowserApp, user: BrowserUserKey, viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await newPage(browser, viewport);
  await signIn(opened.page, t.baseUrl, t.users[user].username);
  return opened;
}

/** `path`, opened by `user` on a phone, fits its screen (its wide tables scroll in their own box) and passes axe. */
export async function fitsAPhone(browser: Browser, t: BrowserApp, user: BrowserUserKey, path: string): Promise<void> {
  const { page, context } = await signedInPage(browser, t, user, PHONE);
  try {
    await page.goto(`${t.baseUrl}${path}`);
    expect((await horizontalOverflow(page)).culprits).toEqual([]);
    await checkAccessibility(page);
  } finally {
    await context.close();
  }
}
