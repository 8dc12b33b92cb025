// The episode pages and API: the list with re-referrals derived, recording a referral directly,
// closing with a CIN census reason, and the record sections. TEST_TODAY is Friday 20 November 2026.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { addChild, allocate } from '../clocks/test-fixtures.ts';
import { recordSectionsFor } from '../server/record-sections.ts';
import type { SignedInUser } from '../access/policy.ts';
import { givenDecision } from '../oversight/test-helpers.ts';

let t: TestApp;
let worker: Agent;
let manager: Agent;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
  manager = await t.signIn('manager');
});
afterAll(async () => t.close());

async function allocatedChild(name: string): Promise<string> {
  const childId = await addChild(t.ctx.db, { firstName: name, lastName: 'Episode', dateOfBirth: '2014-09-09' }, t.users.worker);
  await allocate(t.ctx.db, childId, t.users.worker, '2020-01-01', t.users.worker);
  return childId;
}

const referralForm = (day: string, month: string, year: string, source = '2A') => ({ 'referralDate-day': day, 'referralDate-month': month, 'referralDate-year': year, referralSource: source });

describe('episodes of need, on the page', () => {
  it('records a referral from the form and refuses a second open episode, storing nothing', async () => {
    const childId = await allocatedChild('Jo');
    const form = await worker.get(`/children/${childId}/episodes/new`);
    expect(form.statusCode).toBe(200);
    const saved = await worker.post(`/children/${childId}/episodes/new`, referralForm('2', '11', '2026'));
    expect(saved.statusCode).toBe(303);

    const second = await worker.post(`/children/${childId}/episodes/new`, referralForm('9', '11', '2026'));
    expect(second.statusCode).toBe(422);
    expect(second.body).toContain('This child already has an open episode');
    const api = await worker.api('POST', `/api/v1/children/${childId}/episodes`, { referralDate: '2026-11-09', referralSource: '2A' });
    expect(api.statusCode).toBe(422);
    expect(api.json().error).toMatch(/already has an open episode/);
    expect(await t.ctx.db.selectFrom('cin_episode').select('id').where('child_id', '=', childId).execute()).toHaveLength(1);
    expect(await t.ctx.db.selectFrom('child_event').select('type').where('child_id', '=', childId).execute()).toEqual([{ type: 'referral.received' }]);

    const missing = await worker.post(`/children/${childId}/episodes/new`, { 'referralDate-day': '', 'referralDate-month': '', 'referralDate-year': '', referralSource: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Enter the date of the referral');
    expect(missing.body).toContain('Choose who made the referral');
  });

  it('lists episodes with the re-referral derived from the dates (DfE: within 12 months of a previous referral)', async () => {
    const childId = await allocatedChild('Kit');
    const first = await worker.api('POST', `/api/v1/children/${childId}/episodes`, { referralDate: '2025-12-01', referralSource: '6' });
    await givenDecision(t.ctx.db, childId, 'closure', '2025-12-05', t.users.manager);
    const close = await manager.api('POST', `/api/v1/children/${childId}/episodes/${first.json().id}/closure`, {
      closedOn: '2025-12-05',
      reason: 'RC8',
      managerReason: 'No further action after checks: the assessment was not needed',
    });
    expect(close.statusCode).toBe(200);
    await worker.api('POST', `/api/v1/children/${childId}/episodes`, { referralDate: '2026-10-01', referralSource: '2A' });
    const list = await worker.get(`/api/v1/children/${childId}/episodes`);
    expect(list.json().episodes.map((e: { referralDate: string; reReferral: boolean; status: string }) => [e.referralDate, e.reReferral, e.status])).toEqual([
      ['2026-10-01', true, 'open'],
      ['2025-12-01', false, 'closed'],
    ]);
    const page = await worker.get(`/children/${childId}/episodes`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Case closed after assessment, no further action');
    const audit = await t.ctx.db.selectFrom('audit_log').select('object_type').where('child_id', '=', childId).where('action', '=', 'view-child').execute();
    expect(audit.map((a) => a.object_type)).toContain('episodes');
  });

  it('closes an episode from the page once the assessment is complete, with a CIN census reason', async () => {
    const childId = await allocatedChild('Lou');
    const referral = await worker.api('POST', `/api/v1/children/${childId}/episodes`, { referralDate: '2026-10-01', referralSource: '2A' });
    const episodeId = referral.json().id;
    const closeForm = await worker.get(`/children/${childId}/episodes/${episodeId}/close`);
    expect(closeForm.statusCode).toBe(200);
    expect(closeForm.body).toContain('No assessment in this episode is complete');
    const refused = await worker.post(`/children/${childId}/episodes/${episodeId}/close`, { 'closedOn-day': '2', 'closedOn-month': '10', 'closedOn-year': '2026', reason: 'RC7' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('A manager must give the reason');

    const started = await worker.api('POST', `/api/v1/children/${childId}/assessments`, { startedOn: '2026-10-02' });
    const assessmentId = started.json().id;
    await worker.api('PUT', `/api/v1/children/${childId}/assessments/${assessmentId}/findings`, {
      childSeenOn: '2026-10-05',
      childSeenAlone: 'no',
      childViews: 'Too young to say; settled with mum',
      fatherInvolved: 'yes',
      cultureAndIdentity: 'Recorded',
      useOfHistory: 'No previous involvement',
      analysis: 'Needs met; no further action',
    });
    await worker.api('POST', `/api/v1/children/${childId}/assessments/${assessmentId}/completion`, { completedOn: '2026-10-20', factors: ['21'], outcome: 'NFA' });
    const beforeAssessment = await worker.post(`/children/${childId}/episodes/${episodeId}/close`, { 'closedOn-day': '19', 'closedOn-month': '10', 'closedOn-year': '2026', reason: 'RC8' });
    expect(beforeAssessment.statusCode).toBe(422);
    expect(beforeAssessment.body).toContain('before the assessment was completed');
    await givenDecision(t.ctx.db, childId, 'closure', '2026-10-21', t.users.manager);
    const closed = await worker.post(`/children/${childId}/episodes/${episodeId}/close`, { 'closedOn-day': '21', 'closedOn-month': '10', 'closedOn-year': '2026', reason: 'RC8' });
    expect(closed.statusCode).toBe(303);
    const episode = await t.ctx.db.selectFrom('cin_episode').select(['closed_on', 'closure_reason']).where('id', '=', episodeId).executeTakeFirstOrThrow();
    expect(episode).toEqual({ closed_on: '2026-10-21', closure_reason: 'RC8' });
    const page = await worker.get(`/children/${childId}/episodes/${episodeId}`);
    expect(page.body).toContain('within the 45 working days from the referral');
  });

  it('adds “Episodes of need” and “Child protection” to the child’s record', async () => {
    const childId = await allocatedChild('Max');
    await worker.api('POST', `/api/v1/children/${childId}/episodes`, { referralDate: '2026-11-02', referralSource: '2A' });
    const user = { id: t.users.worker, username: 'worker', displayName: 'worker', role: 'social_worker', teamId: t.teams.safeguarding, agency: null } satisfies SignedInUser;
    const sections = await recordSectionsFor(t.ctx.db, user, childId, '2026-11-20');
    expect(sections).toEqual(
      expect.arrayContaining([
        { id: 'episodes', title: 'Episodes of need', href: `/children/${childId}/episodes`, summary: 'Open episode from 2 November 2026' },
        { id: 'protection', title: 'Child protection', href: `/children/${childId}/protection`, summary: null },
      ]),
    );
  });

  it('refuses a worker in another team', async () => {
    const childId = await allocatedChild('Ned');
    const other = await t.signIn('otherWorker');
    expect((await other.get(`/children/${childId}/episodes`)).statusCode).toBe(403);
    expect((await other.api('POST', `/api/v1/children/${childId}/episodes`, { referralDate: '2026-11-02', referralSource: '2A' })).statusCode).toBe(403);
  });
});

describe('what comes after a referral', () => {
  it('the episode page offers the assessment, the strategy discussion and, to a manager, allocating a social worker', async () => {
    // A child no one is allocated to yet: the manager has been given access to decide who takes the case.
    const childId = await addChild(t.ctx.db, { firstName: 'Ola', lastName: 'Episode', dateOfBirth: '2014-09-09' }, t.users.worker);
    await t.ctx.db.insertInto('access_grant').values({ id: randomUUID(), child_id: childId, user_id: t.users.manager, reason: 'Duty manager', granted_by: t.users.admin }).execute();
    const saved = await manager.post(`/children/${childId}/episodes/new`, referralForm('2', '11', '2026'));
    expect(saved.statusCode).toBe(303);
    const episodeId = /episodes\/([0-9a-f-]{36})$/.exec(saved.headers.location as string)?.[1];
    const page = await manager.get(saved.headers.location as string);
    expect(page.body).toContain('What happens next');
    expect(page.body).toContain(`href="/children/${childId}/assessments/new?episode=${episodeId}"`);
    expect(page.body).toContain('Start the assessment');
    expect(page.body).toContain(`href="/children/${childId}/protection/strategy-discussions/new"`);
    expect(page.body).toContain('Record the strategy discussion');
    expect(page.body).toContain(`href="/children/${childId}/allocate">Allocate a social worker</a>`);
  });

  it('a worker is told to ask a manager to allocate, and each step leaves the list once it is done', async () => {
    const childId = await addChild(t.ctx.db, { firstName: 'Pat', lastName: 'Episode', dateOfBirth: '2014-09-09' }, t.users.worker);
    await t.ctx.db.insertInto('access_grant').values({ id: randomUUID(), child_id: childId, user_id: t.users.worker, reason: 'Duty worker', granted_by: t.users.admin }).execute();
    const episodeId = (await worker.api('POST', `/api/v1/children/${childId}/episodes`, { referralDate: '2026-11-02', referralSource: '2A' })).json().id;
    const before = await worker.get(`/children/${childId}/episodes/${episodeId}`);
    expect(before.body).toContain('No social worker is allocated yet: ask a team manager to allocate one.');
    expect(before.body).not.toContain('Allocate a social worker');

    await allocate(t.ctx.db, childId, t.users.worker, '2026-11-03', t.users.manager);
    await worker.api('POST', `/api/v1/children/${childId}/assessments`, { startedOn: '2026-11-03' });
    const after = await worker.get(`/children/${childId}/episodes/${episodeId}`);
    expect(after.body).not.toContain('Start the assessment');
    expect(after.body).not.toContain('ask a team manager to allocate');
    expect(after.body).toContain('Record the strategy discussion');
  });
});
