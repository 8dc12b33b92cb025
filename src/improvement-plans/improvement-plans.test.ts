// Improvement plans linked to live measures (issue 9; seed §1.20: Southend 2016 and Wandsworth 2016
// recommendations): each action names the measures it should move with a target and a date; the plan
// shows each measure's value when the action was set (kept) and now (the measures engine), and whether
// it is on track. Today is TEST_TODAY, 20 November 2026.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type Agent, type TestApp } from '../../test/support/app.ts';
import { insertAssessment, insertReferral } from '../../test/support/records.ts';
import { makeChild, textOf, dateFields } from '../plans/test-helpers.ts';
import { progressOf } from './service.ts';

let t: TestApp;
let leader: Agent;

beforeAll(async () => {
  t = await startTestApp();
  leader = await t.signIn('leader');
});
afterAll(async () => {
  await t?.close();
});

/** A referral whose assessment records the child seen on a day (the measure "child seen within 7 days", Q27). */
async function referralSeen(referralDate: string, seenOn: string) {
  const childId = await makeChild(t);
  await insertAssessment(t, childId, await insertReferral(t, childId, referralDate), referralDate, { seenOn });
}

describe('on track or not: a straight line from the value then to the target by the date (decision 0037)', () => {
  const link = { direction: 'higher' as const, target: 90, baselineValue: 60, baselineOn: '2026-05-20', dueOn: '2027-05-20' };
  it('half way through the year (184 of 365 days) a measure from 60% to 90% is expected at 75.1%', () => {
    expect(progressOf(link, 76, TEST_TODAY)).toEqual({ progress: 'on-track', expected: 75.1 });
    expect(progressOf(link, 70, TEST_TODAY)).toEqual({ progress: 'off-track', expected: 75.1 });
  });
  it('the target reached is met whatever the date; past the date and short of it is off track', () => {
    expect(progressOf(link, 90, TEST_TODAY).progress).toBe('met');
    expect(progressOf({ ...link, dueOn: '2026-11-19' }, 89, TEST_TODAY).progress).toBe('past-date');
    expect(progressOf(link, null, TEST_TODAY).progress).toBe('no-figure');
  });
  it('a measure that should fall (re-referrals from 30% to 20% over 100 days, 50 gone) is expected at 25%', () => {
    const fall = { direction: 'lower' as const, target: 20, baselineValue: 30, baselineOn: '2026-10-01', dueOn: '2027-01-09' };
    expect(progressOf(fall, 24, TEST_TODAY)).toEqual({ progress: 'on-track', expected: 25 });
    expect(progressOf(fall, 26, TEST_TODAY)).toEqual({ progress: 'off-track', expected: 25 });
  });
});

describe('a plan after an inspection, through the pages (seed §1.20; Southend 2016 rec 1, Wandsworth 2016 rec 2)', () => {
  it('a senior leader writes a plan, an action and its measure; the value then is kept and the value now is live', async () => {
    // Child seen within 7 days (Q27): 1 of 2 referrals in the 12 months to today.
    await referralSeen('2026-06-01', '2026-06-03');
    await referralSeen('2026-07-01', '2026-07-21');

    const created = await leader.post('/improvement-plans/new', { title: 'Improving help and protection', source: 'Ofsted ILACS 2026', ownerId: t.users.leader });
    expect(created.statusCode).toBe(303);
    const planPath = String(created.headers.location);
    const action = await leader.post(`${planPath}/actions/new`, { action: 'See every child within a week of referral', ownerId: t.users.manager, ...dateFields('dueOn', '2027-05-20') });
    expect(action.statusCode).toBe(303);
    const measurePath = String(action.headers.location);
    expect(measurePath).toMatch(/\/measures\/new$/);

    // The catalogue says the measure is better higher: a target that would have it fall is refused.
    const wrongWay = await leader.post(measurePath, { measureId: 'child-seen', target: '20', direction: 'lower' });
    expect(wrongWay.statusCode).toBe(422);
    expect(textOf(wrongWay.body)).toContain('Child seen within 7 days of referral is better higher: its target should make it rise');
    const already = await leader.post(measurePath, { measureId: 'child-seen', target: '40', direction: 'higher' });
    expect(already.statusCode).toBe(422);
    expect(textOf(already.body)).toContain('is 50% now, already at or above 40');
    const tooHigh = await leader.post(measurePath, { measureId: 'child-seen', target: '120', direction: 'higher' });
    expect(tooHigh.statusCode).toBe(422);

    const linked = await leader.post(measurePath, { measureId: 'child-seen', target: '90', direction: 'higher' });
    expect(linked.statusCode).toBe(303);
    expect(linked.headers.location).toBe(planPath);

    // Later, two more children seen within the week: now 3 of 4 (75%); then stays 50% (1 of 2), kept.
    await referralSeen('2026-10-01', '2026-10-02');
    await referralSeen('2026-11-02', '2026-11-05');
    const page = await leader.get(planPath);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('See every child within a week of referral');
    expect(text).toMatch(/Child seen within 7 days of referral\s+50%\s+1 of 2\s+on 20 November 2026\s+75%\s+3 of 4\s+Rise to 90%\s+On track/);
    // Set today, the line from 50% starts today: 75% is ahead of the 50% expected.
    expect(text).toContain('Expected by now: 50%');

    const planId = planPath.split('/').pop()!;
    const json = (await leader.get(`/api/v1/improvement-plans/${planId}`)).json();
    expect(json.actions[0].measures[0]).toMatchObject({ measureId: 'child-seen', then: { value: 50, fraction: '1 of 2', on: TEST_TODAY }, now: { value: 75, numerator: 3, denominator: 4 }, target: 90, progress: 'on-track' });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'object_type']).where('user_id', '=', t.users.leader).where('action', '=', 'create').orderBy('id').execute();
    expect(audit.map((a) => a.object_type)).toEqual(['improvement-plan', 'improvement-action', 'improvement-action-measure']);
  });

  it('an action cannot be due in the past, and a form error puts back what was typed', async () => {
    const plan = await leader.api('POST', '/api/v1/improvement-plans', { title: 'Care leavers', source: 'Self-evaluation 2026', ownerId: t.users.leader });
    expect(plan.statusCode).toBe(201);
    const response = await leader.post(`/improvement-plans/${plan.json().id}/actions/new`, { action: 'Pathway plans reviewed', ownerId: t.users.leader, ...dateFields('dueOn', '2026-01-31') });
    expect(response.statusCode).toBe(422);
    expect(textOf(response.body)).toContain('cannot be in the past');
    expect(response.body).toContain('Pathway plans reviewed');
    const missing = await leader.post(`/improvement-plans/${plan.json().id}/actions/new`, { action: '', ownerId: '' });
    expect(missing.statusCode).toBe(400);
    expect(textOf(missing.body)).toContain('Enter what will be done');
  });

  it('through the API: an action and a measure, the value then kept at creation (an analyst)', async () => {
    const analyst = await t.signIn('analyst');
    const plan = await analyst.api('POST', '/api/v1/improvement-plans', { title: 'Front door', source: 'Ofsted JTAI 2026', ownerId: t.users.analyst });
    const planId = plan.json().id as string;
    const action = await analyst.api('POST', `/api/v1/improvement-plans/${planId}/actions`, { action: 'Fewer contacts needing a second look', ownerId: t.users.manager, dueOn: '2027-03-31' });
    expect(action.statusCode).toBe(201);
    const measure = await analyst.api('POST', `/api/v1/improvement-plans/${planId}/actions/${action.json().id}/measures`, { measureId: 'contact-decisions-on-time', target: 95, direction: 'higher' });
    expect(measure.statusCode, measure.body).toBe(201);
    const stored = await t.ctx.db.selectFrom('improvement_action_measure').selectAll().where('id', '=', measure.json().id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ measure_id: 'contact-decisions-on-time', direction: 'higher', baseline_on: TEST_TODAY, baseline_from: '2025-11-21', baseline_numerator: 0, baseline_denominator: 0, baseline_value: null });
    const shown = (await analyst.get(`/api/v1/improvement-plans/${planId}`)).json();
    expect(shown.actions[0].measures[0]).toMatchObject({ progress: 'no-figure', then: { text: 'No cases' } });
  });

  it('an action can name a measure that counts households: Q92, foster carers without an up-to-date DBS check (decision 0056)', async () => {
    // One household approved in June 2025, its one carer checked in May 2023 (renewal due May 2026): 1 of 1 carers.
    const manager = await t.signIn('manager');
    const household = (await manager.api('POST', '/api/v1/fostering/households', { firstCarer: 'Rose Bennett', kind: 'mainstream', assessmentStartedOn: '2025-01-06' })).json().id as string;
    await manager.api('POST', `/api/v1/fostering/households/${household}/panel`, { panelOn: '2025-06-02', recommends: true });
    await manager.api('POST', `/api/v1/fostering/households/${household}/decision`, { decidedOn: '2025-06-10', decisionMaker: 'ADM', approved: true, places: 1, ageFrom: 0, ageTo: 17 });
    await manager.api('POST', `/api/v1/fostering/households/${household}/dbs-checks`, { whose: 'carer:1', checkedOn: '2023-05-01', certificateNumber: '001', barredList: true, updateService: false });

    const plan = (await leader.api('POST', '/api/v1/improvement-plans', { title: 'Fostering', source: 'Ofsted ILACS 2026', ownerId: t.users.leader })).json().id as string;
    const action = (await leader.api('POST', `/api/v1/improvement-plans/${plan}/actions`, { action: 'Clear the DBS renewal backlog', ownerId: t.users.manager, dueOn: '2027-03-31' })).json().id as string;
    const form = await leader.get(`/improvement-plans/${plan}/actions/${action}/measures/new`);
    expect(textOf(form.body)).toContain('Fostering: counting foster carer households: Foster carers without an up-to-date DBS check (better lower)');
    const linked = await leader.api('POST', `/api/v1/improvement-plans/${plan}/actions/${action}/measures`, { measureId: 'foster-carers-without-dbs-check', target: 5, direction: 'lower' });
    expect(linked.statusCode, linked.body).toBe(201);
    // Renewed: now 0 of 1, the target met; the value then stays 100% (1 of 1).
    await manager.api('POST', `/api/v1/fostering/households/${household}/dbs-checks`, { whose: 'carer:1', checkedOn: '2026-11-02', certificateNumber: '002', barredList: true, updateService: true });
    const shown = (await leader.get(`/api/v1/improvement-plans/${plan}`)).json();
    expect(shown.actions[0].measures[0]).toMatchObject({ href: '/measures/households/foster-carers-without-dbs-check', then: { value: 100, fraction: '1 of 1' }, now: { value: 0, numerator: 0, denominator: 1 }, progress: 'met' });
  });

  it('managers read plans but do not write them; social workers do neither', async () => {
    const manager = await t.signIn('manager');
    expect((await manager.get('/improvement-plans')).statusCode).toBe(200);
    expect((await manager.get('/improvement-plans/new')).statusCode).toBe(403);
    expect((await manager.api('POST', '/api/v1/improvement-plans', { title: 'x', source: 'y', ownerId: t.users.manager })).statusCode).toBe(403);
    const worker = await t.signIn('worker');
    expect((await worker.get('/improvement-plans')).statusCode).toBe(403);
  });

  it('a plan that does not exist is not found', async () => {
    expect((await leader.get(`/improvement-plans/${randomUUID()}`)).statusCode).toBe(404);
  });
});
