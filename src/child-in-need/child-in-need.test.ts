// Child in need plans: only within an open episode, meetings at the council's interval, and an
// ending because things are better needs evidence that the change has lasted (Southend 2016 Rec 6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, makeChild, openEpisode, textOf } from '../plans/test-helpers.ts';
import { givenDecision } from '../oversight/test-helpers.ts';

let t: TestApp;
let worker: Agent;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
});

afterAll(async () => {
  await t?.close();
});

const cinPlans = (childId: string) => t.ctx.db.selectFrom('plan').selectAll().where('child_id', '=', childId).where('kind', '=', 'cin').execute();

describe('starting a child in need plan', () => {
  it('needs an open episode, and stores nothing without one', async () => {
    const childId = await makeChild(t);
    const api = await worker.api('POST', `/api/v1/children/${childId}/child-in-need/plans`, { startedOn: '2026-11-02' });
    expect(api.statusCode).toBe(422);
    expect(api.json().error).toContain('A child in need plan needs an open episode');
    const page = await worker.post(`/children/${childId}/child-in-need/start`, dateFields('startedOn', '2026-11-02'));
    expect(page.statusCode).toBe(422);
    expect(await cinPlans(childId)).toHaveLength(0);
    expect(await t.ctx.db.selectFrom('child_event').select('id').where('child_id', '=', childId).where('type', '=', 'cin-plan.started').execute()).toHaveLength(0);
  });

  it('cannot start before the referral that opened the episode', async () => {
    const childId = await makeChild(t);
    await openEpisode(t, childId, '2026-10-05');
    const page = await worker.post(`/children/${childId}/child-in-need/start`, dateFields('startedOn', '2026-10-01'));
    expect(page.statusCode).toBe(422);
    expect(textOf(page.body)).toContain('The plan cannot start before the referral that opened this episode (5 October 2026)');
    expect(await cinPlans(childId)).toHaveLength(0);
  });
});

describe('a child in need plan from start to end', () => {
  let childId: string;
  let planId: string;

  beforeAll(async () => {
    childId = await makeChild(t);
    await openEpisode(t, childId, '2026-09-01');
    await givenDecision(t.ctx.db, childId, ['plan_start', 'plan_end'], '2026-09-14', t.users.manager);
    const response = await worker.post(`/children/${childId}/child-in-need/start`, dateFields('startedOn', '2026-09-14'));
    expect(response.statusCode).toBe(303);
    planId = (await cinPlans(childId))[0]!.id;
    expect(response.headers.location).toBe(`/children/${childId}/plans/${planId}`);
  });

  it('shows the visit and meeting due dates from the council’s intervals', async () => {
    const page = textOf((await worker.get(`/children/${childId}/child-in-need`)).body);
    expect(page).toContain('Child in need plan from 14 September 2026');
    // 20 working days after Monday 14 September 2026 is Monday 12 October; 6 weeks is 26 October.
    expect(page).toContain('Visit the child (child in need plan) by 12 October 2026 Overdue');
    expect(page).toContain('Hold the child in need meeting by 26 October 2026 Overdue');
  });

  it('records a child in need meeting, which meets the meeting clock in the plan’s scope', async () => {
    const response = await worker.post(`/children/${childId}/child-in-need/${planId}/meetings/new`, {
      ...dateFields('heldOn', '2026-10-20'),
      attendees: 'Grace Adeyemi (mother), Ms Patel (school), worker (social worker)',
      planReviewed: 'yes',
      summary: 'Attendance up to 92%. Grace says mornings are calmer. Keep the plan for six more weeks.',
    });
    expect(response.statusCode).toBe(303);
    const event = await t.ctx.db.selectFrom('child_event').selectAll().where('child_id', '=', childId).where('type', '=', 'cin-meeting.held').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ scope_id: planId, occurred_on: '2026-10-20', title: 'Child in need meeting: plan reviewed' });
    const clocks = await t.ctx.db.selectFrom('clock').select(['due_on', 'met_on']).where('child_id', '=', childId).where('rule_id', '=', 'cin-review').orderBy('started_on').execute();
    expect(clocks).toEqual([
      { due_on: '2026-10-26', met_on: '2026-10-20' },
      { due_on: '2026-12-01', met_on: null },
    ]);
  });

  it('refuses a meeting before the plan started', async () => {
    const response = await worker.api('POST', `/api/v1/children/${childId}/child-in-need/plans/${planId}/meetings`, {
      heldOn: '2026-09-01',
      attendees: 'Family',
      planReviewed: false,
      summary: 'Too early',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toBe('The meeting cannot be before the plan started (14 September 2026)');
  });

  it('ending because needs are met needs evidence that the change has lasted', async () => {
    const noEvidence = await worker.post(`/children/${childId}/child-in-need/${planId}/end`, { ...dateFields('endedOn', '2026-11-16'), reason: 'needs_met', evidence: '' });
    expect(noEvidence.statusCode).toBe(400);
    expect(textOf(noEvidence.body)).toContain('Say what has changed for the child and how you know the change will last');
    const beforeMeeting = await worker.post(`/children/${childId}/child-in-need/${planId}/end`, {
      ...dateFields('endedOn', '2026-10-19'),
      reason: 'step_down',
      evidence: 'Attendance good for 6 weeks',
    });
    expect(beforeMeeting.statusCode).toBe(422);
    expect(textOf(beforeMeeting.body)).toContain('Review the plan at a child in need meeting before ending it');
    expect((await cinPlans(childId))[0]!.ended_on).toBeNull();

    const ended = await worker.post(`/children/${childId}/child-in-need/${planId}/end`, {
      ...dateFields('endedOn', '2026-11-16'),
      reason: 'needs_met',
      evidence: 'Attendance 97% for eight weeks; mother using the routine without prompting.',
    });
    expect(ended.statusCode).toBe(303);
    const plan = (await cinPlans(childId))[0]!;
    expect(plan).toMatchObject({ ended_on: '2026-11-16', end_reason: 'needs_met', end_detail: 'Attendance 97% for eight weeks; mother using the routine without prompting.' });
    const open = await t.ctx.db.selectFrom('clock').select('rule_id').where('child_id', '=', childId).where('met_on', 'is', null).where('stopped_on', 'is', null).execute();
    expect(open.map((c) => c.rule_id)).not.toContain('cin-visit');
    const page = textOf((await worker.get(`/children/${childId}/child-in-need`)).body);
    expect(page).toContain('Plan from 14 September 2026 to 16 November 2026');
    expect(page).toContain('The child’s needs are met and the change has lasted');
  });
});

describe('correcting and deleting a child in need meeting', () => {
  let childId: string;
  let planId: string;
  let meetingId: string;

  const meetingClocks = () =>
    t.ctx.db.selectFrom('clock').select(['due_on', 'met_on']).where('child_id', '=', childId).where('rule_id', '=', 'cin-review').orderBy('started_on').execute();

  beforeAll(async () => {
    childId = await makeChild(t, { firstName: 'Kemi' });
    await openEpisode(t, childId, '2026-09-01');
    await givenDecision(t.ctx.db, childId, 'plan_start', '2026-09-14', t.users.manager);
    planId = (await worker.api('POST', `/api/v1/children/${childId}/child-in-need/plans`, { startedOn: '2026-09-14' })).json().id;
    meetingId = (
      await worker.api('POST', `/api/v1/children/${childId}/child-in-need/plans/${planId}/meetings`, { heldOn: '2026-10-20', attendees: 'Family, school', planReviewed: true, summary: 'Going well' })
    ).json().id;
  });

  it('after the plan starts, the plan’s page offers “Add an action” and “Record a visit”', async () => {
    const child = await makeChild(t, { firstName: 'Lola' });
    await openEpisode(t, child, '2026-09-01');
    await givenDecision(t.ctx.db, child, 'plan_start', '2026-09-14', t.users.manager);
    const started = await worker.post(`/children/${child}/child-in-need/start`, dateFields('startedOn', '2026-09-14'));
    expect(started.statusCode).toBe(303);
    const plan = (await cinPlans(child))[0]!;
    const landed = (await worker.get(String(started.headers.location))).body;
    expect(landed).toMatch(new RegExp(`<a href="/children/${child}/plans/${plan.id}/actions/new"[^>]*class="govuk-button"`));
    expect(textOf(landed)).toContain('Add an action');
    expect(landed).toContain(`href="/children/${child}/visits/new"`);
    expect(textOf(landed)).toContain('Record a visit');
  });

  it('the child in need page offers Correct and Delete for each meeting', async () => {
    const body = (await worker.get(`/children/${childId}/child-in-need`)).body;
    expect(body).toContain(`href="/children/${childId}/child-in-need/meetings/${meetingId}/change"`);
    expect(body).toContain(`href="/children/${childId}/child-in-need/meetings/${meetingId}/delete"`);
  });

  it('corrects a meeting’s date with the reason: the old version is kept and the meeting clock follows', async () => {
    const form = await worker.get(`/children/${childId}/child-in-need/meetings/${meetingId}/change`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/name="heldOn-day"[^>]*value="20"/);
    const saved = await worker.post(`/children/${childId}/child-in-need/meetings/${meetingId}/change`, {
      ...dateFields('heldOn', '2026-10-13'),
      attendees: 'Family, school',
      planReviewed: 'yes',
      summary: 'Going well',
      reason: 'The meeting was a week earlier',
      version: '1',
    });
    expect(saved.statusCode).toBe(303);
    // 6 weeks from the corrected meeting on 13 October 2026 is 24 November.
    expect(await meetingClocks()).toEqual([
      { due_on: '2026-10-26', met_on: '2026-10-13' },
      { due_on: '2026-11-24', met_on: null },
    ]);
    const old = await t.ctx.db.selectFrom('record_version').selectAll().where('record_id', '=', meetingId).executeTakeFirstOrThrow();
    expect(old.reason).toBe('The meeting was a week earlier');
    expect(old.data).toMatchObject({ held_on: '2026-10-20' });
  });

  it('refuses a meeting corrected to before the plan started, says so, and stores nothing', async () => {
    const response = await worker.post(`/children/${childId}/child-in-need/meetings/${meetingId}/change`, {
      ...dateFields('heldOn', '2026-09-07'),
      attendees: 'Family, school',
      planReviewed: 'yes',
      summary: 'Going well',
      reason: 'Date',
      version: '2',
    });
    expect(response.statusCode).toBe(422);
    expect(textOf(response.body)).toContain('The meeting cannot be before the plan started (14 September 2026)');
    expect((await t.ctx.db.selectFrom('cin_meeting').select('held_on').where('id', '=', meetingId).executeTakeFirstOrThrow()).held_on).toBe('2026-10-13');
  });

  it('refuses a meeting dated before the child was born', async () => {
    const response = await worker.api('PUT', `/api/v1/children/${childId}/child-in-need/meetings/${meetingId}`, {
      heldOn: '2016-10-13',
      attendees: 'Family',
      planReviewed: true,
      summary: 'Going well',
      reason: 'Year',
      version: 2,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toBe('The date of the meeting cannot be before the child was born (4 May 2018): check the year');
  });

  it('deletes a meeting only with a reason; it stops meeting the clock', async () => {
    const noReason = await worker.post(`/children/${childId}/child-in-need/meetings/${meetingId}/delete`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(textOf(noReason.body)).toContain('Say why you are deleting it');
    const deleted = await worker.post(`/children/${childId}/child-in-need/meetings/${meetingId}/delete`, { reason: 'Recorded twice' });
    expect(deleted.statusCode).toBe(303);
    expect(await meetingClocks()).toEqual([{ due_on: '2026-10-26', met_on: null }]);
    expect(textOf((await worker.get(`/children/${childId}/child-in-need`)).body)).toContain('No child in need meetings recorded for this plan.');
  });
});
