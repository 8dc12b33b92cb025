// Correcting and deleting strategy discussions, conferences and core group meetings: the old version
// is kept with the reason, the version seen is checked, and the clocks follow. The ICPC clock runs
// from the strategy discussion that initiated the section 47 enquiry, never from a later meeting
// (Working Together 2023 ch.3; Southend ¶24-25, ¶117; timescales.md CP5). TEST_TODAY is Friday
// 20 November 2026; no bank holidays fall in September or October 2026.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { addChild, allocate } from '../clocks/test-fixtures.ts';
import { versionsOf } from '../db/history.ts';

let t: TestApp;
let worker: Agent;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
});
afterAll(async () => t.close());

const AGENCIES = [
  { agency: 'POLICE', names: 'DC Rahman' },
  { agency: 'SOCIAL_CARE', names: 'Sam Worker' },
  { agency: 'HEALTH', names: 'Health visitor' },
];

const discussion = (heldOn: string, extra: Record<string, unknown> = {}) => ({
  heldOn,
  attendees: AGENCIES,
  reason: 'Bruise to the cheek reported by school',
  decisions: 'Threshold for section 47 met',
  outcome: 'S47',
  ...extra,
});

const conference = (heldOn: string, extra: Record<string, unknown> = {}) => ({
  heldOn,
  chairId: t.users.iro,
  attendees: AGENCIES,
  familyAttended: ['MOTHER'],
  decision: 'PLAN',
  categoryOfAbuse: 'PHY',
  ...extra,
});

const coreGroup = (heldOn: string, extra: Record<string, unknown> = {}) => ({
  heldOn,
  attendees: AGENCIES,
  familyAttended: ['MOTHER'],
  riskReducing: 'unclear',
  summary: 'Plan agreed; medical follow-up booked',
  ...extra,
});

/** The day, month and year inputs of a GOV.UK date field. */
const dateFields = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! };
};

const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';

async function referredChild(name: string, referralDate = '2026-09-01', dateOfBirth = '2016-04-12'): Promise<{ childId: string; episodeId: string }> {
  const childId = await addChild(t.ctx.db, { firstName: name, lastName: 'Corrected', dateOfBirth }, t.users.worker);
  await allocate(t.ctx.db, childId, t.users.worker, '2020-01-01', t.users.worker);
  const referral = await worker.api('POST', `/api/v1/children/${childId}/episodes`, { referralDate, referralSource: '2A' });
  expect(referral.statusCode).toBe(201);
  return { childId, episodeId: referral.json().id };
}

async function clock(childId: string, scopeId: string, ruleId: string) {
  return t.ctx.db
    .selectFrom('clock')
    .select(['started_on', 'due_on', 'met_on', 'stopped_on'])
    .where('child_id', '=', childId)
    .where('scope_id', '=', scopeId)
    .where('rule_id', '=', ruleId)
    .orderBy('started_on')
    .execute();
}

const liveEvents = (childId: string) =>
  t.ctx.db.selectFrom('child_event').select(['type', 'occurred_on', 'source_id']).where('child_id', '=', childId).where('deleted_at', 'is', null).execute();

describe('correcting a strategy discussion', () => {
  it('moving the discussion that initiated the enquiry moves the ICPC due date (WT 2023; Southend ¶24-25)', async () => {
    const { childId } = await referredChild('Ada');
    const sd = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-09-01'));
    const { id: discussionId, enquiryId } = sd.json();
    expect(await clock(childId, enquiryId, 'initial-conference')).toEqual([{ started_on: '2026-09-01', due_on: '2026-09-22', met_on: null, stopped_on: null }]);

    const path = `/children/${childId}/protection/strategy-discussions/${discussionId}`;
    const view = await worker.get(path);
    expect(view.body).toContain(`href="${path}/change"`);
    expect(view.body).toContain(`href="${path}/delete"`);
    const form = await worker.get(`${path}/change`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Health visitor"');
    const saved = await worker.post(`${path}/change`, {
      ...dateFields('heldOn', '2026-09-03'),
      agencies: ['POLICE', 'SOCIAL_CARE', 'HEALTH'],
      'names-HEALTH': 'Health visitor',
      reason: 'Bruise to the cheek reported by school',
      decisions: 'Threshold for section 47 met',
      changeReason: 'The discussion was on Thursday, not Tuesday',
      version: versionIn(form.body),
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(path);

    // 15 working days from Thursday 3 September 2026 is Thursday 24 September.
    expect(await clock(childId, enquiryId, 'initial-conference')).toEqual([{ started_on: '2026-09-03', due_on: '2026-09-24', met_on: null, stopped_on: null }]);
    const enquiry = await t.ctx.db.selectFrom('s47_enquiry').select(['initiated_on', 'started_on']).where('id', '=', enquiryId).executeTakeFirstOrThrow();
    expect(enquiry).toEqual({ initiated_on: '2026-09-03', started_on: '2026-09-03' });
    const versions = await versionsOf(t.ctx.db, discussionId);
    expect(versions[0]).toMatchObject({ change: 'update', reason: 'The discussion was on Thursday, not Tuesday' });
    expect(versions[0]!.data).toMatchObject({ held_on: '2026-09-01' });
    expect((await liveEvents(childId)).filter((e) => e.type !== 'referral.received').map((e) => `${e.type} ${e.occurred_on}`).sort()).toEqual([
      's47.initiated 2026-09-03',
      'strategy.discussion 2026-09-03',
    ]);
    const page = await worker.get(`/children/${childId}/protection/enquiries/${enquiryId}`);
    expect(page.body).toContain('Initial child protection conference due by 24 September 2026');
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('object_id', '=', discussionId).where('action', '=', 'update').execute();
    expect(audit).toHaveLength(1);
  });

  it('moving a later strategy meeting never moves the ICPC due date (Southend ¶117)', async () => {
    const { childId } = await referredChild('Ben');
    const first = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-09-01'));
    const enquiryId = first.json().enquiryId;
    const later = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-09-08', { outcome: undefined }));
    expect(later.json().enquiry).toBe('attached');
    const moved = await worker.api('PUT', `/api/v1/children/${childId}/strategy-discussions/${later.json().id}`, {
      ...discussion('2026-09-10', { outcome: undefined }),
      changeReason: 'Wrong day typed',
      version: 1,
    });
    expect(moved.statusCode).toBe(200);
    expect(await clock(childId, enquiryId, 'initial-conference')).toEqual([{ started_on: '2026-09-01', due_on: '2026-09-22', met_on: null, stopped_on: null }]);

    // A later meeting cannot move to before the discussion that initiated its enquiry.
    const early = await worker.api('PUT', `/api/v1/children/${childId}/strategy-discussions/${later.json().id}`, {
      ...discussion('2026-08-31', { outcome: undefined }),
      changeReason: 'Wrong day typed',
    });
    expect(early.statusCode).toBe(422);
    // Nor can the initiating discussion move past its later meeting.
    const past = await worker.api('PUT', `/api/v1/children/${childId}/strategy-discussions/${first.json().id}`, { ...discussion('2026-09-11'), changeReason: 'Wrong day typed' });
    expect(past.statusCode).toBe(422);
    expect(past.json().error).toMatch(/A later strategy meeting of this enquiry was held on 10 September 2026/);
  });

  it('refuses a correction without a reason, over someone else’s change, or dated before the referral or the child’s birth; nothing is stored', async () => {
    const { childId } = await referredChild('Cas', '2026-09-01', '2026-08-20');
    const sd = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-09-02'));
    const { id, enquiryId } = sd.json();
    const path = `/children/${childId}/protection/strategy-discussions/${id}/change`;
    const form = await worker.get(path);
    const base = {
      agencies: ['POLICE', 'SOCIAL_CARE'],
      reason: 'Bruise to the cheek reported by school',
      decisions: 'Threshold for section 47 met',
      version: versionIn(form.body),
    };

    const noReason = await worker.post(path, { ...base, ...dateFields('heldOn', '2026-09-03'), changeReason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Say why you are correcting this record');

    const beforeReferral = await worker.post(path, { ...base, ...dateFields('heldOn', '2026-08-31'), changeReason: 'Date' });
    expect(beforeReferral.statusCode).toBe(422);
    expect(beforeReferral.body).toContain('The strategy discussion cannot be before the referral on 1 September 2026');
    expect(beforeReferral.body).toContain('value="31"'); // what was typed is put back

    const beforeBirth = await worker.post(path, { ...base, ...dateFields('heldOn', '2026-08-19'), changeReason: 'Date' });
    expect(beforeBirth.statusCode).toBe(422);
    expect(beforeBirth.body).toContain('The date of the strategy discussion cannot be before the child was born (20 August 2026)');

    const shortYear = await worker.post(path, { ...base, 'heldOn-day': '3', 'heldOn-month': '9', 'heldOn-year': '26', changeReason: 'Date' });
    expect(shortYear.statusCode).toBe(400);
    expect(shortYear.body).toContain('Enter the year as 4 digits');

    await worker.api('PUT', `/api/v1/children/${childId}/strategy-discussions/${id}`, { ...discussion('2026-09-02'), decisions: 'Someone else’s change', changeReason: 'Decisions fuller', version: 1 });
    const stale = await worker.post(path, { ...base, ...dateFields('heldOn', '2026-09-03'), changeReason: 'Date' });
    expect(stale.statusCode).toBe(422);
    expect(stale.body).toContain('Someone else changed this record');

    const stored = await t.ctx.db.selectFrom('strategy_discussion').select(['held_on', 'decisions']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ held_on: '2026-09-02', decisions: 'Someone else’s change' });
    expect(await clock(childId, enquiryId, 'initial-conference')).toMatchObject([{ started_on: '2026-09-02' }]);
  });
});

describe('deleting a strategy discussion', () => {
  it('deletes the enquiry the discussion started, and its clock, while nothing else is recorded in it', async () => {
    const { childId } = await referredChild('Dee');
    const sd = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-09-01'));
    const { id, enquiryId } = sd.json();
    const page = await worker.get(`/children/${childId}/protection/strategy-discussions/${id}/delete`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The section 47 enquiry it started');
    const noReason = await worker.post(`/children/${childId}/protection/strategy-discussions/${id}/delete`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    const deleted = await worker.post(`/children/${childId}/protection/strategy-discussions/${id}/delete`, { reason: 'Recorded on the wrong child' });
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe(`/children/${childId}/protection`);
    const enquiry = await t.ctx.db.selectFrom('s47_enquiry').select(['deleted_at', 'deleted_reason']).where('id', '=', enquiryId).executeTakeFirstOrThrow();
    expect(enquiry.deleted_reason).toBe('Recorded on the wrong child');
    expect(await clock(childId, enquiryId, 'initial-conference')).toEqual([]);
    expect((await liveEvents(childId)).map((e) => e.type)).toEqual(['referral.received']);
    expect((await worker.get(`/children/${childId}/protection/strategy-discussions/${id}`)).statusCode).toBe(404);
  });

  it('refuses to delete the discussion that started an enquiry which has a later meeting, and says what to do', async () => {
    const { childId } = await referredChild('Eli');
    const sd = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-09-01'));
    await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-09-08', { outcome: undefined }));
    const refused = await worker.api('DELETE', `/api/v1/children/${childId}/strategy-discussions/${sd.json().id}`, { reason: 'Duplicate' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatch(/has a later strategy meeting on 8 September 2026 recorded. Delete that first, or correct this discussion instead/);
    expect(await t.ctx.db.selectFrom('strategy_discussion').select('id').where('child_id', '=', childId).where('deleted_at', 'is', null).execute()).toHaveLength(2);
  });
});

describe('correcting and deleting conferences', () => {
  it('deleting an initial conference re-opens the ICPC clock it had met', async () => {
    const { childId } = await referredChild('Fay');
    const sd = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-09-01'));
    const enquiryId = sd.json().enquiryId;
    const held = await worker.api('POST', `/api/v1/children/${childId}/enquiries/${enquiryId}/initial-conference`, conference('2026-09-21', { decision: 'NO_PLAN', categoryOfAbuse: undefined }));
    expect(held.statusCode).toBe(201);
    const conferenceId = held.json().id;
    expect(await clock(childId, enquiryId, 'initial-conference')).toEqual([{ started_on: '2026-09-01', due_on: '2026-09-22', met_on: '2026-09-21', stopped_on: null }]);

    const path = `/children/${childId}/protection/conferences/${conferenceId}`;
    const view = await worker.get(path);
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('No child protection plan');
    expect(view.body).toContain(`href="${path}/delete"`);
    const deleted = await worker.post(`${path}/delete`, { reason: 'Recorded twice' });
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe(`/children/${childId}/protection/enquiries/${enquiryId}`);
    expect(await clock(childId, enquiryId, 'initial-conference')).toEqual([{ started_on: '2026-09-01', due_on: '2026-09-22', met_on: null, stopped_on: null }]);
    const enquiryPage = await worker.get(deleted.headers.location as string);
    expect(enquiryPage.body).toContain('Record the initial conference');
    expect((await versionsOf(t.ctx.db, conferenceId))[0]).toMatchObject({ change: 'delete', reason: 'Recorded twice' });
  });

  it('correcting the date of the conference that started a plan moves the plan and its clocks (CIN census 2885)', async () => {
    const { childId } = await referredChild('Gil');
    const sd = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-09-01'));
    const enquiryId = sd.json().enquiryId;
    const held = await worker.api('POST', `/api/v1/children/${childId}/enquiries/${enquiryId}/initial-conference`, conference('2026-09-21'));
    const { id: conferenceId, planId } = held.json();
    const path = `/children/${childId}/protection/conferences/${conferenceId}/change`;
    const form = await worker.get(path);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('This conference started the child protection plan');
    const saved = await worker.post(path, {
      ...dateFields('heldOn', '2026-09-22'),
      chairId: t.users.iro,
      agencies: ['POLICE', 'SOCIAL_CARE', 'HEALTH'],
      familyAttended: 'MOTHER',
      categoryOfAbuse: 'NEG',
      changeReason: 'The conference was adjourned to the next day',
      version: versionIn(form.body),
    });
    expect(saved.statusCode).toBe(303);
    const plan = await t.ctx.db.selectFrom('plan').select(['started_on', 'category_of_abuse']).where('id', '=', planId).executeTakeFirstOrThrow();
    expect(plan).toEqual({ started_on: '2026-09-22', category_of_abuse: 'NEG' });
    expect(await clock(childId, enquiryId, 'initial-conference')).toEqual([{ started_on: '2026-09-01', due_on: '2026-09-22', met_on: '2026-09-22', stopped_on: null }]);
    // From Tuesday 22 September: core group and visit 10 working days (6 October), review 3 months.
    expect((await clock(childId, planId, 'core-group'))[0]).toMatchObject({ started_on: '2026-09-22', due_on: '2026-10-06' });
    expect((await clock(childId, planId, 'cp-review'))[0]).toMatchObject({ started_on: '2026-09-22', due_on: '2026-12-22' });
    const chronology = (await liveEvents(childId)).filter((e) => e.source_id === planId);
    expect(chronology).toEqual([{ type: 'cp-plan.started', occurred_on: '2026-09-22', source_id: planId }]);

    // Not to a weekend, nor after something recorded under the plan.
    const weekend = await worker.api('PUT', `/api/v1/children/${childId}/conferences/${conferenceId}`, { ...conference('2026-09-26'), changeReason: 'Date' });
    expect(weekend.statusCode).toBe(422);
    expect(weekend.json().error).toMatch(/Saturday or Sunday/);
    await worker.api('POST', `/api/v1/children/${childId}/cp-plans/${planId}/core-groups`, coreGroup('2026-09-29'));
    const afterCoreGroup = await worker.api('PUT', `/api/v1/children/${childId}/conferences/${conferenceId}`, { ...conference('2026-09-30'), changeReason: 'Date' });
    expect(afterCoreGroup.statusCode).toBe(422);
    expect(afterCoreGroup.json().error).toMatch(/has 1 core group meeting before 30 September 2026/);

    // Deleting it would delete the plan, which has a core group meeting: refused, with what to do.
    const refused = await worker.api('DELETE', `/api/v1/children/${childId}/conferences/${conferenceId}`, { reason: 'Wrong child' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatch(/which has 1 core group meeting. Deleting the conference would delete the plan: correct the conference instead, or delete what was recorded under the plan first/);
    expect((await t.ctx.db.selectFrom('plan').select('deleted_at').where('id', '=', planId).executeTakeFirstOrThrow()).deleted_at).toBeNull();
  });

  it('deleting a review conference re-opens its clock, and the plan it ended', async () => {
    const { childId } = await referredChild('Hal');
    const sd = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-09-01'));
    const held = await worker.api('POST', `/api/v1/children/${childId}/enquiries/${sd.json().enquiryId}/initial-conference`, conference('2026-09-21'));
    const planId = held.json().planId;
    const review = await worker.api('POST', `/api/v1/children/${childId}/cp-plans/${planId}/review-conferences`, conference('2026-11-16', { decision: 'END', categoryOfAbuse: undefined, endReason: 'Sustained change' }));
    expect(review.statusCode).toBe(201);
    expect((await t.ctx.db.selectFrom('plan').select('ended_on').where('id', '=', planId).executeTakeFirstOrThrow()).ended_on).toBe('2026-11-16');

    const corrected = await worker.api('PUT', `/api/v1/children/${childId}/conferences/${review.json().id}`, {
      ...conference('2026-11-17', { categoryOfAbuse: undefined }),
      endReason: 'Sustained change over two months',
      changeReason: 'Held on the Tuesday',
      version: 1,
    });
    expect(corrected.statusCode).toBe(200);
    expect(await t.ctx.db.selectFrom('plan').select(['ended_on', 'end_reason']).where('id', '=', planId).executeTakeFirstOrThrow()).toEqual({
      ended_on: '2026-11-17',
      end_reason: 'Sustained change over two months',
    });

    const deleted = await worker.api('DELETE', `/api/v1/children/${childId}/conferences/${review.json().id}`, { reason: 'The review was not held: it was postponed' });
    expect(deleted.statusCode).toBe(200);
    expect((await t.ctx.db.selectFrom('plan').select('ended_on').where('id', '=', planId).executeTakeFirstOrThrow()).ended_on).toBeNull();
    expect(await clock(childId, planId, 'cp-review')).toEqual([{ started_on: '2026-09-21', due_on: '2026-12-21', met_on: null, stopped_on: null }]);
    expect((await liveEvents(childId)).filter((e) => e.source_id === planId).map((e) => e.type)).toEqual(['cp-plan.started']);
  });
});

describe('correcting and deleting core group meetings', () => {
  it('moves the core group clock with a correction, and re-opens it with a deletion (timescales.md CP8)', async () => {
    const { childId } = await referredChild('Ivy');
    const sd = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-09-01'));
    const planId = (await worker.api('POST', `/api/v1/children/${childId}/enquiries/${sd.json().enquiryId}/initial-conference`, conference('2026-09-21'))).json().planId;
    const recorded = await worker.api('POST', `/api/v1/children/${childId}/cp-plans/${planId}/core-groups`, coreGroup('2026-10-01'));
    const coreGroupId = recorded.json().id;

    const planPage = await worker.get(`/children/${childId}/protection/plans/${planId}`);
    const path = `/children/${childId}/protection/core-groups/${coreGroupId}`;
    expect(planPage.body).toContain(`href="${path}/change"`);
    expect(planPage.body).toContain(`href="${path}/delete"`);

    const form = await worker.get(`${path}/change`);
    expect(form.statusCode).toBe(200);
    const beforePlan = await worker.post(`${path}/change`, {
      ...dateFields('heldOn', '2026-09-18'),
      agencies: ['SOCIAL_CARE', 'HEALTH'],
      riskReducing: 'yes',
      summary: 'Attendance up',
      changeReason: 'Date',
      version: versionIn(form.body),
    });
    expect(beforePlan.statusCode).toBe(422);
    expect(beforePlan.body).toContain('A core group meeting cannot be before the plan started (21 September 2026)');
    const saved = await worker.post(`${path}/change`, {
      ...dateFields('heldOn', '2026-10-02'),
      agencies: ['SOCIAL_CARE', 'HEALTH'],
      riskReducing: 'yes',
      summary: 'Attendance up',
      changeReason: 'It was the Friday',
      version: versionIn(form.body),
    });
    expect(saved.statusCode).toBe(303);
    // Then every 6 weeks (the default): Friday 2 October + 42 days = Friday 13 November.
    expect(await clock(childId, planId, 'core-group')).toEqual([
      { started_on: '2026-09-21', due_on: '2026-10-05', met_on: '2026-10-02', stopped_on: null },
      { started_on: '2026-10-02', due_on: '2026-11-13', met_on: null, stopped_on: null },
    ]);
    expect((await worker.get(`/children/${childId}/protection/plans/${planId}`)).body).toContain('Yes, risk is reducing');

    const deleted = await worker.post(`${path}/delete`, { reason: 'It was a professionals’ meeting, not a core group' });
    expect(deleted.statusCode).toBe(303);
    expect(await clock(childId, planId, 'core-group')).toEqual([{ started_on: '2026-09-21', due_on: '2026-10-05', met_on: null, stopped_on: null }]);
    expect((await versionsOf(t.ctx.db, coreGroupId)).map((v) => v.change)).toEqual(['delete', 'update']);
  });
});
