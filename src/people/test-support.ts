// Helpers for the people tests: valid identifiers made with the check-digit rules, and a child's
// form as a worker would fill it in.
import { expect } from 'vitest';
import type { Agent } from '../../test/support/app.ts';
import { nhsCheckDigit, upnCheckLetter } from './identifiers.ts';

/** A valid NHS number in the 999 range NHS England keeps for tests. */
export function testNhsNumber(serial: number): string {
  for (let n = serial; ; n++) {
    const first9 = `999${String(n).padStart(6, '0')}`;
    const check = nhsCheckDigit(first9);
    if (check !== null) return `${first9}${check}`;
  }
}

/** A valid UPN for LA 201 (City of London). */
export function testUpn(serial: number): string {
  const body = `2011234${'15'}${String(serial).padStart(3, '0')}`;
  return `${upnCheckLetter(body)}${body}`;
}

export function childForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    kind: 'child',
    firstName: 'Amira',
    lastName: 'Khan',
    'dateOfBirth-day': '3',
    'dateOfBirth-month': '4',
    'dateOfBirth-year': '2019',
    sex: 'F',
    ...overrides,
  };
}

/** Adds a child through the page and returns its id. */
export async function addChildAs(agent: Agent, overrides: Record<string, string | string[]> = {}): Promise<string> {
  const response = await agent.post('/children/new', childForm(overrides));
  expect(response.statusCode, response.body.slice(0, 2000)).toBe(303);
  return String(response.headers.location).split('/').pop()!;
}

export function submissionIn(html: string): string {
  const match = /name="_submission" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('No submission key on the page');
  return match[1];
}

/** The text of a page without tags, for asserting what a user reads. */
export const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&rsquo;/g, '’').replace(/\s+/g, ' ');
