// The episode of need: one open at a time, no overlaps, re-referral derived from dates (CIN census;
// Wandsworth: episodes re-opened before they were closed made the re-referral rate wrong).
import { randomUUID } from 'node:crypto';
import { givenDecision, childOfEpisode } from '../oversight/test-helpers.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type TestApp } from '../../test/support/app.ts';
import { closeEpisode, episodesOf, receiveReferral } from './service.ts';
import { startPlan, endPlan } from '../plans/lifecycle.ts';

// These episodes have no assessment, so closing them needs a manager's reason (assessment/closure.ts).
const NO_ASSESSMENT = 'Closed without an assessment: test fixture';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

async function child(dateOfBirth = '2015-06-01'): Promise<string> {
  const id = randomUUID();
  await t.ctx.db
    .insertInto('person')
    .values({ id, kind: 'child', first_name: 'Test', last_name: 'Child', date_of_birth: dateOfBirth, recorded_by: t.users.worker })
    .execute();
  return id;
}

describe('episodes of need', () => {
  it('opens an episode with a referral that starts the 45-working-day assessment clock', async () => {
    const childId = await child();
    const episodeId = await receiveReferral(t.ctx.db, { childId, referralDate: '2026-03-02', referralSource: '1A' }, t.users.worker, TEST_TODAY);
    const clock = await t.ctx.db.selectFrom('clock').selectAll().where('child_id', '=', childId).executeTakeFirstOrThrow();
    expect(clock).toMatchObject({ rule_id: 'assessment-completed', scope_id: episodeId, started_on: '2026-03-02' });
    // 45 working days from Monday 2 March 2026, across Good Friday 3 April, Easter Monday 6 April
    // and the early May bank holiday 4 May: 21 in March, 20 in April, 4 in May: Thursday 7 May 2026.
    expect(clock.due_on).toBe('2026-05-07');
  });

  it('refuses a second open episode and stores nothing', async () => {
    const childId = await child();
    await receiveReferral(t.ctx.db, { childId, referralDate: '2026-01-05', referralSource: '1A' }, t.users.worker, TEST_TODAY);
    await expect(receiveReferral(t.ctx.db, { childId, referralDate: '2026-02-05', referralSource: '1A' }, t.users.worker, TEST_TODAY)).rejects.toThrow(
      /already has an open episode/,
    );
    expect(await episodesOf(t.ctx.db, childId)).toHaveLength(1);
  });

  it('derives a re-referral within 12 months of a previous referral, and not after', async () => {
    const childId = await child();
    const first = await receiveReferral(t.ctx.db, { childId, referralDate: '2024-02-01', referralSource: '1A' }, t.users.worker, TEST_TODAY);
    await givenDecision(t.ctx.db, await childOfEpisode(t.ctx.db, first), 'closure', '2024-03-01', t.users.manager);
    await closeEpisode(t.ctx.db, first, { closedOn: '2024-03-01', reason: 'RC8', managerReason: NO_ASSESSMENT }, t.users.worker, TEST_TODAY);
    const second = await receiveReferral(t.ctx.db, { childId, referralDate: '2025-01-31', referralSource: '1A' }, t.users.worker, TEST_TODAY);
    await givenDecision(t.ctx.db, await childOfEpisode(t.ctx.db, second), 'closure', '2025-02-10', t.users.manager);
    await closeEpisode(t.ctx.db, second, { closedOn: '2025-02-10', reason: 'RC8', managerReason: NO_ASSESSMENT }, t.users.worker, TEST_TODAY);
    await receiveReferral(t.ctx.db, { childId, referralDate: '2026-03-01', referralSource: '1A' }, t.users.worker, TEST_TODAY);
    const episodes = await episodesOf(t.ctx.db, childId);
    expect(episodes.map((e) => [e.referral_date, e.re_referral])).toEqual([
      ['2026-03-01', false],
      ['2025-01-31', true],
      ['2024-02-01', false],
    ]);
  });

  it('refuses a referral before the previous episode closed, in the future, or before the child was born', async () => {
    const childId = await child('2020-01-01');
    const first = await receiveReferral(t.ctx.db, { childId, referralDate: '2025-01-06', referralSource: '1A' }, t.users.worker, TEST_TODAY);
    await givenDecision(t.ctx.db, await childOfEpisode(t.ctx.db, first), 'closure', '2025-06-02', t.users.manager);
    await closeEpisode(t.ctx.db, first, { closedOn: '2025-06-02', reason: 'RC8', managerReason: NO_ASSESSMENT }, t.users.worker, TEST_TODAY);
    await expect(receiveReferral(t.ctx.db, { childId, referralDate: '2025-05-01', referralSource: '1A' }, t.users.worker, TEST_TODAY)).rejects.toThrow(/previous episode closed/);
    await expect(receiveReferral(t.ctx.db, { childId, referralDate: '2027-01-01', referralSource: '1A' }, t.users.worker, TEST_TODAY)).rejects.toThrow(/future/);
    await expect(receiveReferral(t.ctx.db, { childId, referralDate: '2019-01-01', referralSource: '1A' }, t.users.worker, TEST_TODAY)).rejects.toThrow(/cannot be before the child was born \(1 January 2020\)/);
    await expect(receiveReferral(t.ctx.db, { childId, referralDate: '2026-01-01', referralSource: 'ZZ' }, t.users.worker, TEST_TODAY)).rejects.toThrow(/source/);
  });

  it('will not close an episode while a child protection plan is open, nor before its referral', async () => {
    const childId = await child();
    const episodeId = await receiveReferral(t.ctx.db, { childId, referralDate: '2026-01-05', referralSource: '1A' }, t.users.worker, TEST_TODAY);
    const planId = await startPlan(t.ctx.db, { childId, kind: 'cp', startedOn: '2026-02-02', episodeId }, t.users.worker, TEST_TODAY);
    await expect(closeEpisode(t.ctx.db, episodeId, { closedOn: '2026-03-02', reason: 'RC1', managerReason: NO_ASSESSMENT }, t.users.worker, TEST_TODAY)).rejects.toThrow(/End the child protection plan/);
    await expect(endPlan(t.ctx.db, planId, { endedOn: '2026-01-01', reason: 'x' }, t.users.worker, TEST_TODAY)).rejects.toThrow(/cannot end before it starts/);
    await endPlan(t.ctx.db, planId, { endedOn: '2026-03-02', reason: 'Risk reduced' }, t.users.worker, TEST_TODAY);
    await expect(closeEpisode(t.ctx.db, episodeId, { closedOn: '2026-01-02', reason: 'RC1', managerReason: NO_ASSESSMENT }, t.users.worker, TEST_TODAY)).rejects.toThrow(/before the referral date/);
    await givenDecision(t.ctx.db, await childOfEpisode(t.ctx.db, episodeId), 'closure', '2026-03-02', t.users.manager);
    await closeEpisode(t.ctx.db, episodeId, { closedOn: '2026-03-02', reason: 'RC1', managerReason: NO_ASSESSMENT }, t.users.worker, TEST_TODAY);
    const versions = await t.ctx.db.selectFrom('record_version').select('version').where('record_id', '=', episodeId).execute();
    expect(versions).toHaveLength(1); // the open version kept when it was closed
  });

  it('a CP plan starts the core group (10 WD), review (3 months) and visit (10 WD) clocks', async () => {
    const childId = await child();
    const episodeId = await receiveReferral(t.ctx.db, { childId, referralDate: '2026-06-01', referralSource: '1A' }, t.users.worker, TEST_TODAY);
    const planId = await startPlan(t.ctx.db, { childId, kind: 'cp', startedOn: '2026-06-15', episodeId }, t.users.worker, TEST_TODAY);
    const clocks = await t.ctx.db.selectFrom('clock').select(['rule_id', 'due_on']).where('scope_id', '=', planId).orderBy('rule_id').execute();
    expect(clocks).toEqual([
      { rule_id: 'core-group', due_on: '2026-06-29' },
      { rule_id: 'cp-review', due_on: '2026-09-15' },
      { rule_id: 'cp-visit', due_on: '2026-06-29' },
    ]);
  });
});
