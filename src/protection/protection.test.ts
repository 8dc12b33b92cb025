// Strategy discussions, section 47 enquiries, conferences, CP plans and core groups, through the API
// and the pages. Dates are worked by hand on the England and Wales calendar; TEST_TODAY is Friday
// 20 November 2026.
import { givenDecision, childOfEpisode } from '../oversight/test-helpers.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type Agent, type TestApp } from '../../test/support/app.ts';
import { addChild, allocate } from '../clocks/test-fixtures.ts';
import { closeEpisode, receiveReferral } from '../episodes/service.ts';
import { endPlan, startPlan } from '../plans/lifecycle.ts';
import { plansOfTwoYearsOrMore, repeatPlansStarted, strategyDiscussionsWithOnlyPoliceAndSocialCare } from './queries.ts';
import type { SignedInUser } from '../access/policy.ts';

let t: TestApp;
let worker: Agent;
let manager: Agent;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
  manager = await t.signIn('manager');
});
afterAll(async () => t.close());

async function allocatedChild(name: string, dateOfBirth = '2016-04-12'): Promise<string> {
  const childId = await addChild(t.ctx.db, { firstName: name, lastName: 'Test', dateOfBirth }, t.users.worker);
  await allocate(t.ctx.db, childId, t.users.worker, '2020-01-01', t.users.worker);
  return childId;
}

const POLICE_AND_SOCIAL_CARE = [
  { agency: 'POLICE', names: 'DC Rahman' },
  { agency: 'SOCIAL_CARE', names: 'Sam Worker (social worker)' },
];
const WIDER_NETWORK = [...POLICE_AND_SOCIAL_CARE, { agency: 'HEALTH', names: 'Health visitor' }, { agency: 'EDUCATION', names: 'Head teacher' }];

const discussion = (heldOn: string, extra: Record<string, unknown> = {}) => ({
  heldOn,
  attendees: WIDER_NETWORK,
  reason: 'Bruise to the cheek reported by school',
  decisions: 'Threshold for section 47 met: joint visit today',
  outcome: 'S47',
  ...extra,
});

const conference = (heldOn: string, extra: Record<string, unknown> = {}) => ({
  heldOn,
  chairId: t.users.iro,
  attendees: WIDER_NETWORK,
  familyAttended: ['MOTHER'],
  decision: 'PLAN',
  categoryOfAbuse: 'PHY',
  ...extra,
});

async function clocksOf(childId: string, scopeId: string) {
  return t.ctx.db
    .selectFrom('clock')
    .select(['rule_id', 'started_on', 'due_on', 'met_on', 'stopped_on'])
    .where('child_id', '=', childId)
    .where('scope_id', '=', scopeId)
    .orderBy('rule_id')
    .orderBy('started_on')
    .execute();
}

async function eventTypes(childId: string) {
  const rows = await t.ctx.db.selectFrom('child_event').select(['type', 'occurred_on']).where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('occurred_on').execute();
  // Events of one day written in one transaction share a timestamp, so compare them sorted.
  return rows.map((r) => `${r.occurred_on} ${r.type}`).sort();
}

describe('from a worried call to a child protection plan', () => {
  let childId: string;
  let episodeId: string;
  let enquiryId: string;
  let planId: string;

  beforeAll(async () => {
    childId = await allocatedChild('Ada');
    const referral = await worker.api('POST', `/api/v1/children/${childId}/episodes`, { referralDate: '2026-09-01', referralSource: '2A' });
    expect(referral.statusCode).toBe(201);
    episodeId = referral.json().id;
  });

  it('flags a strategy discussion where only police and social care took part (Wandsworth rec 5), and stores the s47 start date apart from the discussion', async () => {
    const response = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-09-01', { attendees: POLICE_AND_SOCIAL_CARE, s47StartedOn: '2026-09-03' }));
    expect(response.statusCode).toBe(201);
    const result = response.json();
    expect(result.enquiry).toBe('initiated');
    enquiryId = result.enquiryId;

    const enquiry = await t.ctx.db.selectFrom('s47_enquiry').selectAll().where('id', '=', enquiryId).executeTakeFirstOrThrow();
    // The ICPC clock runs from the discussion that initiated the enquiry; the DfE measure from the
    // section 47 start date (timescales.md CP5; LG Inform metric 3217): both are kept.
    expect(enquiry).toMatchObject({ initiated_on: '2026-09-01', started_on: '2026-09-03', episode_id: episodeId });

    const view = await worker.get(`/children/${childId}/protection/strategy-discussions/${result.id}`);
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('Not compliant with Working Together: only police and social care took part');
    const api = await worker.get(`/api/v1/children/${childId}/strategy-discussions/${result.id}`);
    expect(api.json()).toMatchObject({ onlyPoliceAndSocialCare: true, enquiryId });
  });

  it('makes the initial conference due 15 working days from the initiating strategy discussion (WT 2023; Southend ¶24-25)', async () => {
    // From Tuesday 1 September 2026: 2–4 Sep (3), 7–11 (8), 14–18 (13), 21 (14), 22 (15).
    expect(await clocksOf(childId, enquiryId)).toEqual([{ rule_id: 'initial-conference', started_on: '2026-09-01', due_on: '2026-09-22', met_on: null, stopped_on: null }]);
  });

  it('attaches a later strategy meeting to the open enquiry without moving the conference date (Southend ¶24-25, ¶117)', async () => {
    const response = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-09-10', { outcome: undefined, decisions: 'Enquiries continue; medical arranged' }));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ enquiry: 'attached', enquiryId });
    // Restarting from 10 September would have made it 1 October.
    expect(await clocksOf(childId, enquiryId)).toEqual([{ rule_id: 'initial-conference', started_on: '2026-09-01', due_on: '2026-09-22', met_on: null, stopped_on: null }]);
    const meeting = await t.ctx.db.selectFrom('strategy_discussion').select(['outcome', 'enquiry_id']).where('id', '=', response.json().id).executeTakeFirstOrThrow();
    expect(meeting).toEqual({ outcome: 'REVIEW', enquiry_id: enquiryId });
    expect(await t.ctx.db.selectFrom('s47_enquiry').select('id').where('child_id', '=', childId).execute()).toHaveLength(1);

    const page = await worker.get(`/children/${childId}/protection/enquiries/${enquiryId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Initial child protection conference due by 22 September 2026');
    expect(page.body).toContain('Later strategy meeting');
  });

  it('refuses a conference before the referral that opened its episode, or before section 47 enquiries started, and stores nothing', async () => {
    const before = await eventTypes(childId);
    const response = await worker.api('POST', `/api/v1/children/${childId}/enquiries/${enquiryId}/initial-conference`, conference('2026-08-28'));
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatch(/The conference cannot be before the referral on 1 September 2026: everything in an episode of need happens on or after the referral/);
    // After the discussion but before the section 47 start date (CIN census rule 8615).
    const early = await worker.api('POST', `/api/v1/children/${childId}/enquiries/${enquiryId}/initial-conference`, conference('2026-09-02'));
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toMatch(/before section 47 enquiries started \(3 September 2026\)/);
    expect(await t.ctx.db.selectFrom('child_protection_conference').select('id').where('child_id', '=', childId).execute()).toHaveLength(0);
    expect(await t.ctx.db.selectFrom('plan').select('id').where('child_id', '=', childId).execute()).toHaveLength(0);
    expect(await eventTypes(childId)).toEqual(before);
  });

  it('refuses a conference at a weekend (CIN census rule 8875) and one chaired by someone who is not a chair', async () => {
    const weekend = await worker.api('POST', `/api/v1/children/${childId}/enquiries/${enquiryId}/initial-conference`, conference('2026-09-19'));
    expect(weekend.statusCode).toBe(422);
    expect(weekend.json().error).toMatch(/Saturday or Sunday/);
    const notChair = await worker.api('POST', `/api/v1/children/${childId}/enquiries/${enquiryId}/initial-conference`, conference('2026-09-21', { chairId: t.users.manager }));
    expect(notChair.statusCode).toBe(422);
  });

  it('starts the plan at the conference, with core group and visit due in 10 working days and the review in 3 months', async () => {
    const response = await worker.api('POST', `/api/v1/children/${childId}/enquiries/${enquiryId}/initial-conference`, conference('2026-09-21'));
    expect(response.statusCode).toBe(201);
    planId = response.json().planId;
    const plan = await t.ctx.db.selectFrom('plan').selectAll().where('id', '=', planId).executeTakeFirstOrThrow();
    // CIN census rule 2885: the plan starts the day of the conference.
    expect(plan).toMatchObject({ kind: 'cp', started_on: '2026-09-21', category_of_abuse: 'PHY', episode_id: episodeId });
    // The ICPC on Monday 21 September met its clock a day early.
    expect(await clocksOf(childId, enquiryId)).toEqual([{ rule_id: 'initial-conference', started_on: '2026-09-01', due_on: '2026-09-22', met_on: '2026-09-21', stopped_on: null }]);
    // From Monday 21 September: 22–25 Sep (4), 28 Sep–2 Oct (9), 5 Oct (10). Review: 3 calendar months.
    expect(await clocksOf(childId, planId)).toEqual([
      { rule_id: 'core-group', started_on: '2026-09-21', due_on: '2026-10-05', met_on: null, stopped_on: null },
      { rule_id: 'cp-review', started_on: '2026-09-21', due_on: '2026-12-21', met_on: null, stopped_on: null },
      { rule_id: 'cp-visit', started_on: '2026-09-21', due_on: '2026-10-05', met_on: null, stopped_on: null },
    ]);
    const page = await worker.get(`/children/${childId}/protection/plans/${planId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('21 December 2026');
    expect(page.body).toContain('5 October 2026');
    expect(page.body).not.toContain('Repeat plan');
  });

  it('refuses a second initial conference for the same enquiry', async () => {
    const again = await worker.api('POST', `/api/v1/children/${childId}/enquiries/${enquiryId}/initial-conference`, conference('2026-09-22'));
    expect(again.statusCode).toBe(422);
    expect(again.json().error).toMatch(/already held on 21 September 2026/);
  });

  it('meets the core group clock and runs the next at the council’s interval', async () => {
    const response = await worker.api('POST', `/api/v1/children/${childId}/cp-plans/${planId}/core-groups`, {
      heldOn: '2026-10-01',
      attendees: WIDER_NETWORK,
      familyAttended: ['MOTHER', 'FATHER'],
      riskReducing: 'unclear',
      summary: 'Plan agreed; medical follow-up booked',
    });
    expect(response.statusCode).toBe(201);
    const coreGroups = (await clocksOf(childId, planId)).filter((c) => c.rule_id === 'core-group');
    // Then at the default interval of 6 weeks: Thursday 1 October + 42 days = Thursday 12 November.
    expect(coreGroups).toEqual([
      { rule_id: 'core-group', started_on: '2026-09-21', due_on: '2026-10-05', met_on: '2026-10-01', stopped_on: null },
      { rule_id: 'core-group', started_on: '2026-10-01', due_on: '2026-11-12', met_on: null, stopped_on: null },
    ]);
  });

  it('makes the next review due 6 months after a review conference (WT 2023; timescales.md CP9)', async () => {
    const response = await worker.api('POST', `/api/v1/children/${childId}/cp-plans/${planId}/review-conferences`, conference('2026-11-16', { decision: 'CONTINUE', categoryOfAbuse: 'NEG' }));
    expect(response.statusCode).toBe(201);
    const reviews = (await clocksOf(childId, planId)).filter((c) => c.rule_id === 'cp-review');
    expect(reviews).toEqual([
      { rule_id: 'cp-review', started_on: '2026-09-21', due_on: '2026-12-21', met_on: '2026-11-16', stopped_on: null },
      { rule_id: 'cp-review', started_on: '2026-11-16', due_on: '2027-05-16', met_on: null, stopped_on: null },
    ]);
    const plan = await worker.get(`/api/v1/children/${childId}/cp-plans/${planId}`);
    expect(plan.json()).toMatchObject({ initialCategoryOfAbuse: 'PHY', latestCategoryOfAbuse: 'NEG', nextReviewDueOn: '2027-05-16', repeatPlan: false });
  });

  it('refuses a plan ending before it starts, and closing the episode while the plan is open', async () => {
    const end = await worker.api('POST', `/api/v1/children/${childId}/cp-plans/${planId}/end`, { endedOn: '2026-09-01', reason: 'Typed the wrong year' });
    expect(end.statusCode).toBe(422);
    expect(end.json().error).toMatch(/cannot end before it starts/);
    const sameDay = await worker.api('POST', `/api/v1/children/${childId}/cp-plans/${planId}/end`, { endedOn: '2026-09-21', reason: 'x' });
    expect(sameDay.statusCode).toBe(422);
    const close = await manager.api('POST', `/api/v1/children/${childId}/episodes/${episodeId}/closure`, { closedOn: TEST_TODAY, reason: 'RC7', managerReason: 'Test' });
    expect(close.statusCode).toBe(422);
    expect(close.json().error).toMatch(/End the child protection plan/);
    expect((await t.ctx.db.selectFrom('cin_episode').select('closed_on').where('id', '=', episodeId).executeTakeFirstOrThrow()).closed_on).toBeNull();
  });

  it('puts every step in the child’s journal, where the chronology and the due lists read it', async () => {
    expect(await eventTypes(childId)).toEqual([
      '2026-09-01 referral.received',
      '2026-09-01 s47.initiated',
      '2026-09-01 strategy.discussion',
      '2026-09-10 strategy.discussion',
      '2026-09-21 cp-plan.started',
      '2026-09-21 icpc.held',
      '2026-10-01 core-group.held',
      '2026-11-16 cp-review.held',
    ]);
    const scopes = await t.ctx.db.selectFrom('child_event').select(['type', 'scope_id']).where('child_id', '=', childId).execute();
    for (const e of scopes) {
      const expected = e.type === 'referral.received' ? episodeId : ['strategy.discussion', 's47.initiated', 'icpc.held'].includes(e.type) ? enquiryId : planId;
      expect([e.type, e.scope_id]).toEqual([e.type, expected]);
    }
    const overview = await worker.get(`/api/v1/children/${childId}/protection`);
    expect(overview.statusCode).toBe(200);
    expect(overview.json().enquiries[0]).toMatchObject({ id: enquiryId, status: 'conference-held', initialConferenceDueOn: '2026-09-22', initialConferenceOn: '2026-09-21', startedOn: '2026-09-03' });
  });

  it('ends the plan at a review conference with its reason, and stops the plan’s clocks', async () => {
    const noReason = await worker.api('POST', `/api/v1/children/${childId}/cp-plans/${planId}/review-conferences`, conference('2026-11-19', { decision: 'END', categoryOfAbuse: undefined }));
    expect(noReason.statusCode).toBe(422);
    const ended = await worker.api('POST', `/api/v1/children/${childId}/cp-plans/${planId}/review-conferences`, conference('2026-11-19', { decision: 'END', categoryOfAbuse: undefined, endReason: 'Sustained change over 3 months' }));
    expect(ended.statusCode).toBe(201);
    const plan = await t.ctx.db.selectFrom('plan').select(['ended_on', 'end_reason']).where('id', '=', planId).executeTakeFirstOrThrow();
    expect(plan).toEqual({ ended_on: '2026-11-19', end_reason: 'Sustained change over 3 months' });
    const open = (await clocksOf(childId, planId)).filter((c) => c.met_on === null && c.stopped_on === null);
    expect(open).toEqual([]);
  });
});

describe('repeat plans and plans of 2 years or more', () => {
  it('derives a repeat plan however long ago the last plan was (CIN statistics D3; timescales.md CP13) and a plan of 2 years or more (D7; CP14)', async () => {
    const childId = await allocatedChild('Ben', '2012-02-02');
    // A plan from 7 January 2019 to 1 February 2021: 2 years and 25 days.
    const old = await receiveReferral(t.ctx.db, { childId, referralDate: '2019-01-02', referralSource: '6' }, t.users.worker, TEST_TODAY);
    const oldPlan = await startPlan(t.ctx.db, { childId, kind: 'cp', startedOn: '2019-01-07', episodeId: old, categoryOfAbuse: 'NEG' }, t.users.worker, TEST_TODAY);
    await endPlan(t.ctx.db, oldPlan, { endedOn: '2021-02-01', reason: 'Risk reduced' }, t.users.worker, TEST_TODAY);
    await givenDecision(t.ctx.db, await childOfEpisode(t.ctx.db, old), 'closure', '2021-02-15', t.users.manager);
    await closeEpisode(t.ctx.db, old, { closedOn: '2021-02-15', reason: 'RC7', managerReason: 'Assessment held on paper before Lantern' }, t.users.worker, TEST_TODAY);

    await worker.api('POST', `/api/v1/children/${childId}/episodes`, { referralDate: '2026-10-05', referralSource: '3A' });
    const sd = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-10-05'));
    const conferenceResponse = await worker.api('POST', `/api/v1/children/${childId}/enquiries/${sd.json().enquiryId}/initial-conference`, conference('2026-10-19', { categoryOfAbuse: 'EMO' }));
    expect(conferenceResponse.statusCode).toBe(201);
    const planId = conferenceResponse.json().planId;

    const plan = await worker.get(`/api/v1/children/${childId}/cp-plans/${planId}`);
    expect(plan.json()).toMatchObject({ repeatPlan: true, previousPlans: 1, twoYearsOrMore: false });
    const oldView = await worker.get(`/api/v1/children/${childId}/cp-plans/${oldPlan}`);
    expect(oldView.json()).toMatchObject({ repeatPlan: false, twoYearsOrMore: true, fifteenMonthsOrMore: true });
    const page = await worker.get(`/children/${childId}/protection/plans/${planId}`);
    expect(page.body).toContain('Repeat plan: this child has had 1 child protection plan before.');

    const user = { id: t.users.worker, username: 'worker', displayName: 'worker', role: 'social_worker', teamId: t.teams.safeguarding, agency: null } satisfies SignedInUser;
    const repeats = await repeatPlansStarted(t.ctx.db, user, { from: '2026-04-01', to: '2027-03-31' });
    expect(repeats.map((r) => r.id)).toEqual([planId]);
    const long = await plansOfTwoYearsOrMore(t.ctx.db, user, TEST_TODAY);
    expect(long.map((r) => [r.id, r.open])).toEqual([[oldPlan, false]]);
    const api = await worker.get('/api/v1/cp-plans/repeat?from=2026-04-01');
    expect(api.json().plans.map((p: { id: string }) => p.id)).toContain(planId);
  });

  it('lists only-police-and-social-care discussions for the children a user may see', async () => {
    const user = { id: t.users.otherWorker, username: 'otherworker', displayName: 'otherworker', role: 'social_worker', teamId: t.teams.other, agency: null } satisfies SignedInUser;
    expect(await strategyDiscussionsWithOnlyPoliceAndSocialCare(t.ctx.db, user)).toEqual([]);
    const mine = await worker.get('/api/v1/strategy-discussions/only-police-and-social-care?from=2026-09-01&to=2026-09-30');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().discussions).toHaveLength(1);
    expect(mine.json().discussions[0].agencies).toEqual(['POLICE', 'SOCIAL_CARE']);
  });
});

describe('enquiries that end without a conference, and what is refused', () => {
  it('stops the conference clock when the enquiry ends with no conference needed', async () => {
    const childId = await allocatedChild('Cara');
    await worker.api('POST', `/api/v1/children/${childId}/episodes`, { referralDate: '2026-10-01', referralSource: '1A' });
    const sd = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-10-02'));
    const enquiryId = sd.json().enquiryId;
    const before = await worker.api('POST', `/api/v1/children/${childId}/enquiries/${enquiryId}/outcome`, { outcome: 'NO_CONFERENCE', completedOn: '2026-10-01', summary: 'x' });
    expect(before.statusCode).toBe(422);
    // Decision 0021: the manager's decision the transition needs.
    await givenDecision(t.ctx.db, childId, 's47_outcome', '2026-10-09', t.users.manager);
    const outcome = await worker.api('POST', `/api/v1/children/${childId}/enquiries/${enquiryId}/outcome`, {
      outcome: 'NO_CONFERENCE',
      completedOn: '2026-10-09',
      summary: 'Accidental injury consistent with the account; support through the assessment',
    });
    expect(outcome.statusCode).toBe(200);
    expect(await clocksOf(childId, enquiryId)).toEqual([{ rule_id: 'initial-conference', started_on: '2026-10-02', due_on: '2026-10-23', met_on: null, stopped_on: '2026-10-09' }]);
    const conferenceAfter = await worker.api('POST', `/api/v1/children/${childId}/enquiries/${enquiryId}/initial-conference`, conference('2026-10-12'));
    expect(conferenceAfter.statusCode).toBe(422);
    // A new discussion may start a new enquiry now that this one has ended.
    const next = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-11-02'));
    expect(next.json().enquiry).toBe('initiated');
  });

  it('keeps the episode open while its section 47 enquiry has no outcome (the check child protection registers with the episode)', async () => {
    const childId = await allocatedChild('Cy');
    const episodeId = (await worker.api('POST', `/api/v1/children/${childId}/episodes`, { referralDate: '2026-10-01', referralSource: '1A' })).json().id;
    await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-10-02'));
    const close = await manager.api('POST', `/api/v1/children/${childId}/episodes/${episodeId}/closure`, { closedOn: '2026-10-20', reason: 'RC8', managerReason: 'No assessment needed' });
    expect(close.statusCode).toBe(422);
    expect(close.json().error).toMatch(/Record the outcome of the section 47 enquiry started on 2 October 2026 before closing the episode/);
    expect((await t.ctx.db.selectFrom('cin_episode').select('closed_on').where('id', '=', episodeId).executeTakeFirstOrThrow()).closed_on).toBeNull();
  });

  it('refuses a strategy discussion with no open episode, a section 47 start before the discussion, and one without agencies', async () => {
    const childId = await allocatedChild('Dev');
    const noEpisode = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-10-02'));
    expect(noEpisode.statusCode).toBe(422);
    expect(noEpisode.json().error).toMatch(/no open episode/);
    await worker.api('POST', `/api/v1/children/${childId}/episodes`, { referralDate: '2026-10-01', referralSource: '1A' });
    const early = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-10-02', { s47StartedOn: '2026-10-01' }));
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toMatch(/cannot start before the strategy discussion/);
    const noAgencies = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-10-02', { attendees: [] }));
    expect(noAgencies.statusCode).toBe(400);
    const beforeReferral = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-09-30'));
    expect(beforeReferral.statusCode).toBe(422);
    expect(beforeReferral.json().error).toMatch(/The strategy discussion cannot be before the referral on 1 October 2026: everything in an episode of need happens on or after the referral that opened it/);
    expect(await t.ctx.db.selectFrom('strategy_discussion').select('id').where('child_id', '=', childId).execute()).toHaveLength(0);
    expect(await t.ctx.db.selectFrom('s47_enquiry').select('id').where('child_id', '=', childId).execute()).toHaveLength(0);
  });

  it('keeps the record from a worker in another team, and from changes by a read-only role', async () => {
    const childId = await allocatedChild('Eve');
    const other = await t.signIn('otherWorker');
    expect((await other.get(`/children/${childId}/protection`)).statusCode).toBe(403);
    expect((await other.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-10-02'))).statusCode).toBe(403);
    const leader = await t.signIn('leader');
    expect((await leader.get(`/children/${childId}/protection`)).statusCode).toBe(200);
    expect((await leader.get(`/children/${childId}/protection/strategy-discussions/new`)).statusCode).toBe(403);
  });
});

describe('the recording pages', () => {
  it('records a strategy discussion from the form, and puts back what was typed when something is wrong', async () => {
    const childId = await allocatedChild('Finn');
    await worker.api('POST', `/api/v1/children/${childId}/episodes`, { referralDate: '2026-11-02', referralSource: '6' });
    const form = await worker.get(`/children/${childId}/protection/strategy-discussions/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Which agencies took part?');

    const wrong = await worker.post(`/children/${childId}/protection/strategy-discussions/new`, {
      'heldOn-day': '3',
      'heldOn-month': '11',
      'heldOn-year': '2026',
      agencies: ['POLICE', 'SOCIAL_CARE'],
      'names-POLICE': 'DS Okafor',
      reason: 'Disclosure at school',
      decisions: '',
      outcome: 'S47',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('There is a problem');
    expect(wrong.body).toContain('Record what was decided and why');
    expect(wrong.body).toContain('value="DS Okafor"');

    const saved = await worker.post(`/children/${childId}/protection/strategy-discussions/new`, {
      'heldOn-day': '3',
      'heldOn-month': '11',
      'heldOn-year': '2026',
      heldAt: '9:15',
      agencies: ['POLICE', 'SOCIAL_CARE'],
      'names-POLICE': 'DS Okafor',
      reason: 'Disclosure at school',
      decisions: 'Section 47 enquiries; joint visit',
      outcome: 'S47',
    });
    expect(saved.statusCode).toBe(303);
    const page = await worker.get(saved.headers.location as string);
    expect(page.body).toContain('Not compliant with Working Together');
    expect(page.body).toContain('at 09:15');
    const overview = await worker.get(`/children/${childId}/protection`);
    expect(overview.body).toContain('Only police and social care');
    const audits = await t.ctx.db.selectFrom('audit_log').select(['action', 'object_type']).where('child_id', '=', childId).execute();
    expect(audits).toEqual(expect.arrayContaining([
      { action: 'create', object_type: 'strategy-discussion' },
      { action: 'create', object_type: 's47-enquiry' },
      { action: 'view-child', object_type: 'protection' },
      { action: 'view-child', object_type: 'strategy-discussion' },
    ]));
  });

  it('shows the conference, core group and plan-end forms, and refuses an impossible date on the page', async () => {
    const childId = await allocatedChild('Gus');
    await worker.api('POST', `/api/v1/children/${childId}/episodes`, { referralDate: '2026-10-01', referralSource: '6' });
    const sd = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-10-01'));
    const enquiryId = sd.json().enquiryId;
    const form = await worker.get(`/children/${childId}/protection/enquiries/${enquiryId}/conference`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Health visitor"'); // attendees prefilled from the strategy discussion
    const early = await worker.post(`/children/${childId}/protection/enquiries/${enquiryId}/conference`, {
      'heldOn-day': '30',
      'heldOn-month': '9',
      'heldOn-year': '2026',
      chairId: t.users.iro,
      agencies: ['POLICE', 'SOCIAL_CARE', 'HEALTH'],
      decision: 'PLAN',
      categoryOfAbuse: 'NEG',
    });
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain('The conference cannot be before the referral on 1 October 2026');
    const held = await worker.post(`/children/${childId}/protection/enquiries/${enquiryId}/conference`, {
      'heldOn-day': '15',
      'heldOn-month': '10',
      'heldOn-year': '2026',
      chairId: t.users.iro,
      agencies: ['POLICE', 'SOCIAL_CARE', 'HEALTH'],
      familyAttended: 'MOTHER',
      decision: 'PLAN',
      categoryOfAbuse: 'NEG',
    });
    expect(held.statusCode).toBe(303);
    const planPath = held.headers.location as string;
    expect((await worker.get(`${planPath}/core-groups/new`)).statusCode).toBe(200);
    expect((await worker.get(`${planPath}/review`)).statusCode).toBe(200);
    const ending = await worker.post(`${planPath}/end`, { 'endedOn-day': '1', 'endedOn-month': '10', 'endedOn-year': '2026', reason: 'Wrong' });
    expect(ending.statusCode).toBe(422);
    expect(ending.body).toContain('A plan cannot end before it starts');
    const core = await worker.post(`${planPath}/core-groups/new`, {
      'heldOn-day': '22',
      'heldOn-month': '10',
      'heldOn-year': '2026',
      agencies: ['SOCIAL_CARE', 'HEALTH', 'EDUCATION'],
      riskReducing: 'yes',
      summary: 'Attendance at nursery up; home conditions improved',
    });
    expect(core.statusCode).toBe(303);
    const plan = await worker.get(planPath);
    expect(plan.body).toContain('Yes, risk is reducing');
    const review = await worker.post(`${planPath}/review`, {
      'heldOn-day': '16',
      'heldOn-month': '11',
      'heldOn-year': '2026',
      chairId: t.users.iro,
      agencies: ['SOCIAL_CARE', 'HEALTH'],
      decision: 'END',
      endReason: '',
    });
    expect(review.statusCode).toBe(422);
    expect(review.body).toContain('Give the reason the plan is ending');
    expect(review.body).toContain('value="HEALTH" checked');
  });

  it('shows the enquiry outcome form and records the outcome from it', async () => {
    const childId = await allocatedChild('Hope');
    await worker.api('POST', `/api/v1/children/${childId}/episodes`, { referralDate: '2026-11-02', referralSource: '6' });
    const sd = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-11-02'));
    const path = `/children/${childId}/protection/enquiries/${sd.json().enquiryId}`;
    expect((await worker.get(`${path}/outcome`)).statusCode).toBe(200);
    // Decision 0021: the manager's decision the transition needs.
    await givenDecision(t.ctx.db, childId, 's47_outcome', '2026-11-13', t.users.manager);
    const saved = await worker.post(`${path}/outcome`, { outcome: 'NO_CONFERENCE', 'completedOn-day': '13', 'completedOn-month': '11', 'completedOn-year': '2026', summary: 'No evidence of harm' });
    expect(saved.statusCode).toBe(303);
    const page = await worker.get(path);
    expect(page.body).toContain('Ended: no conference');
    expect(page.body).toContain('Not needed');
  });
});

describe('dates against the child and the referral', () => {
  it('refuses a conference before the strategy discussion that initiated its enquiry (CIN census 8615), though after the referral', async () => {
    const childId = await allocatedChild('Ian');
    await worker.api('POST', `/api/v1/children/${childId}/episodes`, { referralDate: '2026-09-01', referralSource: '6' });
    const sd = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-09-08'));
    const early = await worker.api('POST', `/api/v1/children/${childId}/enquiries/${sd.json().enquiryId}/initial-conference`, conference('2026-09-04'));
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toMatch(/The conference cannot be before its section 47 enquiry: the enquiry was initiated at the strategy discussion on 8 September 2026/);
    expect(await t.ctx.db.selectFrom('child_protection_conference').select('id').where('child_id', '=', childId).execute()).toHaveLength(0);
  });

  it('refuses an enquiry outcome dated before the referral, and a strategy discussion or core group before the child was born', async () => {
    const childId = await allocatedChild('Jas', '2026-09-10');
    await worker.api('POST', `/api/v1/children/${childId}/episodes`, { referralDate: '2026-09-14', referralSource: '6' });
    const beforeBirth = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-09-09'));
    expect(beforeBirth.statusCode).toBe(422);
    expect(beforeBirth.json().error).toMatch(/The date of the strategy discussion cannot be before the child was born \(10 September 2026\): check the year/);
    const sd = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, discussion('2026-09-14'));
    const enquiryId = sd.json().enquiryId;
    const outcome = await worker.api('POST', `/api/v1/children/${childId}/enquiries/${enquiryId}/outcome`, { outcome: 'CONFERENCE', completedOn: '2026-09-11', summary: 'x' });
    expect(outcome.statusCode).toBe(422);
    expect(outcome.json().error).toMatch(/The completion of the enquiry cannot be before the referral on 14 September 2026/);
    const held = await worker.api('POST', `/api/v1/children/${childId}/enquiries/${enquiryId}/initial-conference`, conference('2026-09-21'));
    const core = await worker.api('POST', `/api/v1/children/${childId}/cp-plans/${held.json().planId}/core-groups`, {
      heldOn: '2025-09-22',
      attendees: WIDER_NETWORK,
      familyAttended: [],
      riskReducing: 'yes',
      summary: 'Typed last year',
    });
    expect(core.statusCode).toBe(422);
    expect(core.json().error).toMatch(/The date of the meeting cannot be before the child was born \(10 September 2026\)/);
    expect(await t.ctx.db.selectFrom('core_group_meeting').select('id').where('child_id', '=', childId).execute()).toHaveLength(0);
    expect((await t.ctx.db.selectFrom('s47_enquiry').select('outcome').where('id', '=', enquiryId).executeTakeFirstOrThrow()).outcome).toBe('CONFERENCE');
  });
});

describe('what comes next, on the page each step lands on', () => {
  it('a discussion deciding on section 47 → the enquiry; the outcome “conference” → the initial conference; a plan → the plan and a core group', async () => {
    const childId = await allocatedChild('Kai');
    await worker.api('POST', `/api/v1/children/${childId}/episodes`, { referralDate: '2026-11-02', referralSource: '6' });
    const discussed = await worker.post(`/children/${childId}/protection/strategy-discussions/new`, {
      'heldOn-day': '2',
      'heldOn-month': '11',
      'heldOn-year': '2026',
      agencies: ['POLICE', 'SOCIAL_CARE', 'HEALTH'],
      reason: 'Disclosure at school',
      decisions: 'Section 47 enquiries; joint visit',
      outcome: 'S47',
    });
    expect(discussed.statusCode).toBe(303);
    const enquiry = await t.ctx.db.selectFrom('s47_enquiry').select('id').where('child_id', '=', childId).executeTakeFirstOrThrow();
    const enquiryPath = `/children/${childId}/protection/enquiries/${enquiry.id}`;
    const discussionPage = await worker.get(discussed.headers.location as string);
    expect(discussionPage.body).toMatch(new RegExp(`href="${enquiryPath}"[^>]*>\\s*Go to the section 47 enquiry`));

    // Decision 0021: the manager's decision the transition needs.
    await givenDecision(t.ctx.db, childId, 's47_outcome', '2026-11-09', t.users.manager);
    const outcome = await worker.post(`${enquiryPath}/outcome`, {
      outcome: 'CONFERENCE',
      'completedOn-day': '9',
      'completedOn-month': '11',
      'completedOn-year': '2026',
      summary: 'Bruising consistent with gripping',
    });
    expect(outcome.statusCode).toBe(303);
    expect(outcome.headers.location).toBe(enquiryPath);
    const enquiryPage = await worker.get(enquiryPath);
    expect(enquiryPage.body).toContain('The enquiry found that an initial child protection conference is needed: it is due by 23 November 2026');
    expect(enquiryPage.body).toMatch(new RegExp(`href="${enquiryPath}/conference" role="button"[^>]*class="govuk-button"[^>]*>\\s*Record the initial conference`));

    const held = await worker.post(`${enquiryPath}/conference`, {
      'heldOn-day': '16',
      'heldOn-month': '11',
      'heldOn-year': '2026',
      chairId: t.users.iro,
      agencies: ['POLICE', 'SOCIAL_CARE', 'HEALTH'],
      decision: 'PLAN',
      categoryOfAbuse: 'PHY',
    });
    expect(held.statusCode).toBe(303);
    const planId = /plans\/([0-9a-f-]{36})$/.exec(held.headers.location as string)?.[1];
    const planPage = await worker.get(held.headers.location as string);
    expect(planPage.body).toContain(`<a class="govuk-link" href="/children/${childId}/plans/${planId}">write the plan</a>`);
    expect(planPage.body).toContain(`href="/children/${childId}/protection/plans/${planId}/core-groups/new"`);
    expect(planPage.body).toContain('Record a core group meeting');
  });
});
