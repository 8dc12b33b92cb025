// The child and family assessment: 45 working days from the referral (not allocation), what must be
// recorded before it is complete, the reason for a delay, and manager authorisation. TEST_TODAY is
// Friday 20 November 2026.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDecision } from '../oversight/test-helpers.ts';
import { startTestApp, TEST_TODAY, type Agent, type TestApp } from '../../test/support/app.ts';
import { addChild, allocate } from '../clocks/test-fixtures.ts';
import { receiveReferral } from '../episodes/service.ts';

let t: TestApp;
let worker: Agent;
let manager: Agent;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
  manager = await t.signIn('manager');
});
afterAll(async () => t.close());

const FINDINGS = {
  childSeenOn: '2026-06-10',
  childSeenAlone: 'yes',
  childViews: 'Likes school; worries when dad shouts',
  fatherInvolved: 'no',
  fatherNotInvolvedReason: 'Declined two invitations; letter sent',
  adultsInvolved: 'Maternal grandmother, who collects him from school',
  cultureAndIdentity: 'Family is of Polish heritage; Polish spoken at home',
  useOfHistory: 'Two earlier referrals about domestic abuse (2023, 2024)',
  analysis: 'Risk from domestic abuse; protective factors: grandmother, school',
};

/**
 * A child referred on Monday 1 June 2026 and allocated to the worker two weeks later, on Monday
 * 15 June: the 45 working days run from the referral (Working Together 2023 ch.3; timescales.md CP2).
 */
async function referredChild(name: string): Promise<{ childId: string; episodeId: string; assessmentId: string }> {
  const childId = await addChild(t.ctx.db, { firstName: name, lastName: 'Assessed', dateOfBirth: '2018-03-03' }, t.users.worker);
  // As the front door would record it, before anyone is allocated.
  const episode = await receiveReferral(t.ctx.db, { childId, referralDate: '2026-06-01', referralSource: '2A' }, t.users.frontDoor, TEST_TODAY);
  await allocate(t.ctx.db, childId, t.users.worker, '2026-06-15', t.users.manager);
  const started = await worker.api('POST', `/api/v1/children/${childId}/assessments`, { startedOn: '2026-06-16' });
  expect(started.statusCode).toBe(201);
  return { childId, episodeId: episode, assessmentId: started.json().id };
}

const completion = (completedOn: string, extra: Record<string, unknown> = {}) => ({ completedOn, factors: ['3B', '16A'], outcome: 'CIN_PLAN', ...extra });

describe('the 45 working days', () => {
  it('is due 45 working days from the referral, not from allocation', async () => {
    const { childId, assessmentId } = await referredChild('Ali');
    const view = await worker.get(`/api/v1/children/${childId}/assessments/${assessmentId}`);
    // From Monday 1 June 2026 (no bank holidays until 31 August): 2–5 Jun (4), then 5 a week to
    // 31 July (44), Monday 3 August (45). From allocation it would be 17 August.
    expect(view.json()).toMatchObject({ dueOn: '2026-08-03', startedOn: '2026-06-16' });
  });

  it('needs no reason on day 45', async () => {
    const { childId, episodeId, assessmentId } = await referredChild('Bea');
    await worker.api('PUT', `/api/v1/children/${childId}/assessments/${assessmentId}/findings`, FINDINGS);
    const done = await worker.api('POST', `/api/v1/children/${childId}/assessments/${assessmentId}/completion`, completion('2026-08-03'));
    expect(done.statusCode).toBe(200);
    const clock = await t.ctx.db.selectFrom('clock').selectAll().where('scope_id', '=', episodeId).where('rule_id', '=', 'assessment-completed').executeTakeFirstOrThrow();
    expect(clock).toMatchObject({ started_on: '2026-06-01', due_on: '2026-08-03', met_on: '2026-08-03' });
  });

  it('needs the reason for the delay on day 46 (Working Together 2023), though only day 36 from allocation', async () => {
    const { childId, episodeId, assessmentId } = await referredChild('Cal');
    await worker.api('PUT', `/api/v1/children/${childId}/assessments/${assessmentId}/findings`, FINDINGS);
    const late = await worker.api('POST', `/api/v1/children/${childId}/assessments/${assessmentId}/completion`, completion('2026-08-04'));
    expect(late.statusCode).toBe(422);
    expect(late.json().error).toMatch(/46 working days after the referral on 1 June 2026; it was due by 3 August 2026. Give the reason for the delay/);
    expect((await t.ctx.db.selectFrom('assessment').select('completed_on').where('id', '=', assessmentId).executeTakeFirstOrThrow()).completed_on).toBeNull();

    const withReason = await worker.api('POST', `/api/v1/children/${childId}/assessments/${assessmentId}/completion`, completion('2026-08-04', { delayReason: 'Waited for the police disclosure' }));
    expect(withReason.statusCode).toBe(200);
    const event = await t.ctx.db.selectFrom('child_event').selectAll().where('child_id', '=', childId).where('type', '=', 'assessment.completed').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ occurred_on: '2026-08-04', scope_id: episodeId, source_id: assessmentId });
    expect(event.detail).toContain('Waited for the police disclosure');
    const clock = await t.ctx.db.selectFrom('clock').selectAll().where('scope_id', '=', episodeId).where('rule_id', '=', 'assessment-completed').executeTakeFirstOrThrow();
    expect(clock).toMatchObject({ due_on: '2026-08-03', met_on: '2026-08-04' });
  });
});

describe('what an assessment must hold', () => {
  it('refuses completion until the child’s views, fathers, culture, history and analysis are recorded (AS-02; Newham 2020)', async () => {
    const { childId, assessmentId } = await referredChild('Dan');
    const early = await worker.api('POST', `/api/v1/children/${childId}/assessments/${assessmentId}/completion`, completion('2026-07-01'));
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toMatch(/the child’s views.*whether the child’s father took part.*the analysis/);
    await worker.api('PUT', `/api/v1/children/${childId}/assessments/${assessmentId}/findings`, { ...FINDINGS, fatherNotInvolvedReason: '' });
    const noReason = await worker.api('POST', `/api/v1/children/${childId}/assessments/${assessmentId}/completion`, completion('2026-07-01'));
    expect(noReason.json().error).toMatch(/why the father did not take part/);
  });

  it('refuses completion before the assessment started, and ‘no factors’ with another factor (CIN census 8869)', async () => {
    const { childId, assessmentId } = await referredChild('Eli');
    await worker.api('PUT', `/api/v1/children/${childId}/assessments/${assessmentId}/findings`, FINDINGS);
    const beforeStart = await worker.api('POST', `/api/v1/children/${childId}/assessments/${assessmentId}/completion`, completion('2026-06-15'));
    expect(beforeStart.statusCode).toBe(422);
    expect(beforeStart.json().error).toMatch(/before it started \(16 June 2026\)/);
    const mixed = await worker.api('POST', `/api/v1/children/${childId}/assessments/${assessmentId}/completion`, completion('2026-07-01', { factors: ['21', '16A'] }));
    expect(mixed.statusCode).toBe(422);
    const second = await worker.api('POST', `/api/v1/children/${childId}/assessments`, { startedOn: '2026-06-20' });
    expect(second.statusCode).toBe(422);
    expect(second.json().error).toMatch(/still in progress/);
  });

  it('refuses an assessment starting before the referral (CIN census 1103)', async () => {
    const childId = await addChild(t.ctx.db, { firstName: 'Fay', lastName: 'Assessed', dateOfBirth: '2018-03-03' }, t.users.worker);
    await allocate(t.ctx.db, childId, t.users.worker, '2026-01-01', t.users.manager);
    await worker.api('POST', `/api/v1/children/${childId}/episodes`, { referralDate: '2026-06-01', referralSource: '2A' });
    const early = await worker.api('POST', `/api/v1/children/${childId}/assessments`, { startedOn: '2026-05-29' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toMatch(/The start of the assessment cannot be before the referral on 1 June 2026: everything in an episode of need happens on or after the referral/);
  });
});

describe('dates against the child and the referral', () => {
  it('refuses a start before the child was born, and a child seen or a completion before the referral (CIN census 1103); nothing is stored', async () => {
    const { childId, assessmentId } = await referredChild('Jem');
    const beforeBirth = await worker.api('POST', `/api/v1/children/${childId}/assessments`, { startedOn: '2017-03-03' });
    expect(beforeBirth.statusCode).toBe(422);
    expect(beforeBirth.json().error).toMatch(/The start of the assessment cannot be before the child was born \(3 March 2018\): check the year/);
    const seen = await worker.api('PUT', `/api/v1/children/${childId}/assessments/${assessmentId}/findings`, { ...FINDINGS, childSeenOn: '2026-05-29' });
    expect(seen.statusCode).toBe(422);
    expect(seen.json().error).toMatch(/The date the child was seen cannot be before the referral on 1 June 2026/);
    await worker.api('PUT', `/api/v1/children/${childId}/assessments/${assessmentId}/findings`, FINDINGS);
    const completed = await worker.api('POST', `/api/v1/children/${childId}/assessments/${assessmentId}/completion`, completion('2026-05-29'));
    expect(completed.statusCode).toBe(422);
    expect(completed.json().error).toMatch(/The completion of the assessment cannot be before the referral on 1 June 2026/);
    const stored = await t.ctx.db.selectFrom('assessment').select(['child_seen_on', 'completed_on']).where('child_id', '=', childId).execute();
    expect(stored).toEqual([{ child_seen_on: '2026-06-10', completed_on: null }]);
  });
});

describe('manager authorisation and closing the episode', () => {
  it('lets only a team manager authorise, with a rationale', async () => {
    const { childId, assessmentId } = await referredChild('Gia');
    await worker.api('PUT', `/api/v1/children/${childId}/assessments/${assessmentId}/findings`, FINDINGS);
    const notYet = await manager.api('POST', `/api/v1/children/${childId}/assessments/${assessmentId}/authorisation`, { authorisedOn: '2026-07-02', rationale: 'Fine' });
    expect(notYet.statusCode).toBe(422);
    await worker.api('POST', `/api/v1/children/${childId}/assessments/${assessmentId}/completion`, completion('2026-07-01'));
    const byWorker = await worker.api('POST', `/api/v1/children/${childId}/assessments/${assessmentId}/authorisation`, { authorisedOn: '2026-07-02', rationale: 'Fine' });
    expect(byWorker.statusCode).toBe(403);
    const noRationale = await manager.api('POST', `/api/v1/children/${childId}/assessments/${assessmentId}/authorisation`, { authorisedOn: '2026-07-02', rationale: ' ' });
    expect(noRationale.statusCode).toBe(400);
    const ok = await manager.api('POST', `/api/v1/children/${childId}/assessments/${assessmentId}/authorisation`, {
      authorisedOn: '2026-07-02',
      rationale: 'Analysis weighs the domestic abuse history; CIN plan proportionate',
    });
    expect(ok.statusCode).toBe(200);
    const event = await t.ctx.db.selectFrom('child_event').selectAll().where('child_id', '=', childId).where('type', '=', 'assessment.authorised').executeTakeFirstOrThrow();
    expect(event.title).toBe('Assessment authorised by manager');
    const locked = await worker.api('PUT', `/api/v1/children/${childId}/assessments/${assessmentId}/findings`, FINDINGS);
    expect(locked.statusCode).toBe(422);
  });

  it('refuses closing an episode whose assessment is not complete unless a manager gives the reason (Southend ¶16, ¶19-21)', async () => {
    const { childId, episodeId } = await referredChild('Hal');
    const closure = { closedOn: '2026-07-01', reason: 'RC7' };
    const refused = await worker.api('POST', `/api/v1/children/${childId}/episodes/${episodeId}/closure`, closure);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatch(/The assessment started on 16 June 2026 is not complete/);
    const workerReason = await worker.api('POST', `/api/v1/children/${childId}/episodes/${episodeId}/closure`, { ...closure, managerReason: 'Family moved away' });
    expect(workerReason.statusCode).toBe(422);
    expect(workerReason.json().error).toMatch(/Only a team manager/);
    await givenDecision(t.ctx.db, childId, 'closure', '2026-07-01', t.users.manager);
    const managerReason = await manager.api('POST', `/api/v1/children/${childId}/episodes/${episodeId}/closure`, { ...closure, reason: 'RC5', managerReason: 'Family moved to another council, which has the case' });
    expect(managerReason.statusCode).toBe(200);
    const event = await t.ctx.db.selectFrom('child_event').selectAll().where('child_id', '=', childId).where('type', '=', 'episode.closed').executeTakeFirstOrThrow();
    expect(event.detail).toContain('Family moved to another council');
    // The closure stops the assessment clock rather than leaving it overdue.
    const clock = await t.ctx.db.selectFrom('clock').selectAll().where('scope_id', '=', episodeId).where('rule_id', '=', 'assessment-completed').executeTakeFirstOrThrow();
    expect(clock.stopped_on).toBe('2026-07-01');
  });
});

describe('the assessment pages', () => {
  it('starts, records and completes an assessment through the forms', async () => {
    const childId = await addChild(t.ctx.db, { firstName: 'Ivy', lastName: 'Assessed', dateOfBirth: '2018-03-03' }, t.users.worker);
    await allocate(t.ctx.db, childId, t.users.worker, '2026-01-01', t.users.manager);
    const referral = await worker.api('POST', `/api/v1/children/${childId}/episodes`, { referralDate: '2026-11-02', referralSource: '3B' });
    const episodeId = referral.json().id;

    const startForm = await worker.get(`/children/${childId}/assessments/new?episode=${episodeId}`);
    expect(startForm.statusCode).toBe(200);
    const started = await worker.post(`/children/${childId}/assessments/new`, { episodeId, 'startedOn-day': '3', 'startedOn-month': '11', 'startedOn-year': '2026' });
    expect(started.statusCode).toBe(303);
    const path = started.headers.location as string;

    const view = await worker.get(path);
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('Before the assessment can be completed, record');

    const findingsForm = await worker.get(`${path}/findings`);
    const version = /name="version" value="(\d+)"/.exec(findingsForm.body)?.[1] ?? '';
    const badDate = await worker.post(`${path}/findings`, { version, 'childSeenOn-day': '31', 'childSeenOn-month': '2', 'childSeenOn-year': '2026', childViews: 'Kept' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('must be a real date');
    expect(badDate.body).toContain('Kept');
    const saved = await worker.post(`${path}/findings`, {
      version,
      'childSeenOn-day': '5',
      'childSeenOn-month': '11',
      'childSeenOn-year': '2026',
      childSeenAlone: 'yes',
      childViews: FINDINGS.childViews,
      fatherInvolved: 'yes',
      cultureAndIdentity: FINDINGS.cultureAndIdentity,
      useOfHistory: FINDINGS.useOfHistory,
      analysis: FINDINGS.analysis,
    });
    expect(saved.statusCode).toBe(303);

    const noFactors = await worker.post(`${path}/complete`, { 'completedOn-day': '19', 'completedOn-month': '11', 'completedOn-year': '2026', outcome: 'NFA' });
    expect(noFactors.statusCode).toBe(400);
    expect(noFactors.body).toContain('Choose the factors identified at assessment');
    const done = await worker.post(`${path}/complete`, { 'completedOn-day': '19', 'completedOn-month': '11', 'completedOn-year': '2026', factors: '21', outcome: 'NFA' });
    expect(done.statusCode).toBe(303);
    const after = await worker.get(path);
    expect(after.body).toContain('No factors identified');
    expect(after.body).not.toContain('Authorise the assessment'); // a worker does not authorise
    const authoriseForm = await manager.get(`${path}/authorise`);
    expect(authoriseForm.statusCode).toBe(200);
    const authorised = await manager.post(`${path}/authorise`, { 'authorisedOn-day': '20', 'authorisedOn-month': '11', 'authorisedOn-year': '2026', rationale: 'Proportionate: no factors found' });
    expect(authorised.statusCode).toBe(303);
    expect((await worker.get(path)).body).toContain('Proportionate: no factors found');
    expect(after.body).toContain('13 working days from the referral');
    const denied = await worker.get(`${path}/authorise`);
    expect(denied.statusCode).toBe(403); // only a manager authorises
    const audits = await t.ctx.db.selectFrom('audit_log').select(['action', 'object_type']).where('child_id', '=', childId).where('object_type', '=', 'assessment').execute();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'update', 'view-child']));
  });
});

describe('what comes after the assessment', () => {
  it('an assessment that decides on a strategy discussion offers to record it', async () => {
    const { childId, assessmentId } = await referredChild('Kez');
    await worker.api('PUT', `/api/v1/children/${childId}/assessments/${assessmentId}/findings`, FINDINGS);
    await worker.api('POST', `/api/v1/children/${childId}/assessments/${assessmentId}/completion`, completion('2026-07-01', { outcome: 'STRATEGY' }));
    const page = await worker.get(`/children/${childId}/assessments/${assessmentId}`);
    expect(page.body).toContain('Strategy discussion: reasonable cause to suspect significant harm');
    expect(page.body).toMatch(new RegExp(`href="/children/${childId}/protection/strategy-discussions/new"[^>]*>\\s*Record the strategy discussion`));
  });
});
