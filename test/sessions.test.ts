// A session ends when it should, whether or not this process remembers having read it a moment ago
// (decision 0070): signing out, 30 minutes without a request, 10 hours whatever the activity. A person
// working steadily is never signed out by idleness, because their session is touched once a minute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import type { TimeSource } from '../src/server/time.ts';

/** Lantern's clock, moved on by the test. */
const clock = (() => {
  let instant = new Date('2026-11-20T09:00:00Z');
  const time: TimeSource = { now: () => new Date(instant), today: () => instant.toISOString().slice(0, 10) };
  return { time, advanceMinutes: (minutes: number) => void (instant = new Date(instant.getTime() + minutes * 60_000)) };
})();

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ time: clock.time });
});
afterAll(async () => t.close());

const signedIn = (response: { statusCode: number }) => response.statusCode === 200;
const lastSeen = async (userId: string) =>
  (await t.ctx.db.selectFrom('user_session').select('last_seen_at').where('user_id', '=', userId).orderBy('last_seen_at', 'desc').executeTakeFirstOrThrow()).last_seen_at;

describe('a session ends when it should', () => {
  it('signing out ends the session at once: the same cookie, a moment later, is sent to sign in', async () => {
    const worker = await t.signIn('worker');
    expect(signedIn(await worker.get('/'))).toBe(true);
    expect((await worker.post('/sign-out', {})).statusCode).toBe(302);
    const after = await worker.get('/');
    expect(after.statusCode).toBe(302);
    expect(after.headers.location).toContain('/sign-in');
  });

  it('30 minutes without a request end it, even just after a page was shown', async () => {
    const colleague = await t.signIn('colleague');
    expect(signedIn(await colleague.get('/'))).toBe(true);
    clock.advanceMinutes(31);
    expect((await colleague.get('/')).headers.location).toContain('/sign-in');
  });

  it('a person clicking every few minutes stays signed in past 30 minutes: their session is touched once a minute', async () => {
    const manager = await t.signIn('manager');
    const before = await lastSeen(t.users.manager);
    for (let i = 0; i < 8; i++) {
      clock.advanceMinutes(5);
      expect(signedIn(await manager.get('/'))).toBe(true);
    }
    expect(new Date(await lastSeen(t.users.manager)).getTime() - new Date(before).getTime()).toBe(40 * 60_000);
  });

  it('10 hours end it however busy the person has been', async () => {
    const analyst = await t.signIn('analyst');
    for (let hour = 0; hour < 10; hour++) {
      for (let i = 0; i < 3; i++) {
        clock.advanceMinutes(19);
        expect(signedIn(await analyst.get('/'))).toBe(true);
      }
      clock.advanceMinutes(3);
    }
    // 9 hours 60 minutes of steady work: the lifetime is over.
    expect((await analyst.get('/')).headers.location).toContain('/sign-in');
  });
});
