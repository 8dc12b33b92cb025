// Improvement actions marked done, reopened and removed (issue 9, decision 0046): the done date cannot be
// before the action was set nor in the future, removal and reopening need a reason, and each measure
// keeps its value on the day the action was done, shown beside its value then and now.
// Today is TEST_TODAY, 20 November 2026.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type Agent, type TestApp } from '../../test/support/app.ts';
import { insertAssessment, insertReferral } from '../../test/support/records.ts';
import { makeChild, textOf, dateFields } from '../plans/test-helpers.ts';

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

/** A plan with one action naming "child seen within 7 days", the action set on `setOn` (backdated in the table). */
async function planWithAction(title: string, setOn: string) {
  const plan = await leader.api('POST', '/api/v1/improvement-plans', { title, source: 'Ofsted ILACS 2026', ownerId: t.users.leader });
  const planId = plan.json().id as string;
  const action = await leader.api('POST', `/api/v1/improvement-plans/${planId}/actions`, { action: 'See every child within a week of referral', ownerId: t.users.manager, dueOn: '2027-05-20' });
  const actionId = action.json().id as string;
  const link = await leader.api('POST', `/api/v1/improvement-plans/${planId}/actions/${actionId}/measures`, { measureId: 'child-seen', target: 90, direction: 'higher' });
  expect(link.statusCode, link.body).toBe(201);
  await sql`UPDATE improvement_action SET recorded_at = ${`${setOn}T09:00:00Z`}::timestamptz WHERE id = ${actionId}`.execute(t.ctx.db);
  return { planId, actionId, path: `/improvement-plans/${planId}/actions/${actionId}` };
}

describe('marking an action done (decision 0046)', () => {
  it('keeps each measure’s value on the day it was done, beside then and now: 50% then, 75% when done, 60% now', async () => {
    // Then (linked today): referrals of 1 June (seen in 2 days) and 1 July (20 days): 1 of 2, 50%.
    await referralSeen('2026-06-01', '2026-06-03');
    await referralSeen('2026-07-01', '2026-07-21');
    const { planId, path } = await planWithAction('Improving help and protection', '2026-08-01');
    // Then two more seen within the week in September, and one in October seen after 21 days.
    await referralSeen('2026-09-10', '2026-09-12');
    await referralSeen('2026-09-20', '2026-09-22');
    await referralSeen('2026-10-20', '2026-11-10');

    const done = await leader.post(`${path}/done`, { ...dateFields('doneOn', '2026-09-30'), doneById: t.users.manager, note: 'Duty rota changed: a visit booked the day the referral comes in' });
    expect(done.statusCode, textOf(done.body)).toBe(303);
    expect(done.headers.location).toBe(`/improvement-plans/${planId}`);

    // When done: 12 months to 30 September 2026 holds June, July and both September referrals: 3 of 4, 75%.
    // Now: 12 months to 20 November adds October's (not seen within 7 days): 3 of 5, 60%.
    const text = textOf((await leader.get(`/improvement-plans/${planId}`)).body);
    expect(text).toContain('Every action of this plan is done.');
    expect(text).toMatch(/Done on\s+30 September 2026 \(due by 20 May 2027\)\s+Done by\s+manager\s+What was done\s+Duty rota changed/);
    expect(text).toMatch(/Child seen within 7 days of referral\s+50%\s+1 of 2\s+on 20 November 2026\s+75%\s+3 of 4\s+on 30 September 2026\s+60%\s+3 of 5\s+Rise to 90%/);

    const json = (await leader.get(`/api/v1/improvement-plans/${planId}`)).json();
    expect(json.actions[0].done).toMatchObject({ on: '2026-09-30', note: 'Duty rota changed: a visit booked the day the referral comes in' });
    expect(json.actions[0].measures[0]).toMatchObject({ then: { value: 50 }, whenDone: { on: '2026-09-30', from: '2025-10-01', value: 75, fraction: '3 of 4' }, now: { value: 60, fraction: '3 of 5' } });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'object_type']).where('user_id', '=', t.users.leader).where('object_type', '=', 'improvement-action-done').execute();
    expect(audit).toEqual([{ action: 'update', object_type: 'improvement-action-done' }]);
  });

  it('refuses a done date before the action was set (1 August 2026) or in the future, and a done action marked done again', async () => {
    const { path } = await planWithAction('Dates', '2026-08-01');
    const early = await leader.post(`${path}/done`, { ...dateFields('doneOn', '2026-07-31'), doneById: t.users.manager, note: 'Done' });
    expect(early.statusCode).toBe(422);
    expect(textOf(early.body)).toContain('The date it was done cannot be before the action was set, on 1 August 2026');
    expect(early.body).toContain('Done</textarea>');
    const future = await leader.post(`${path}/done`, { ...dateFields('doneOn', '2026-11-21'), doneById: t.users.manager, note: 'Done' });
    expect(future.statusCode).toBe(422);
    expect(textOf(future.body)).toContain('cannot be in the future');
    const blank = await leader.post(`${path}/done`, { ...dateFields('doneOn', TEST_TODAY), doneById: '', note: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(textOf(blank.body)).toContain('Say what was done');
    expect(textOf(blank.body)).toContain('Choose who did it');

    const [, planId, , actionId] = path.split('/').slice(1);
    const apiUrl = `/api/v1/improvement-plans/${planId}/actions/${actionId}/done`;
    expect((await leader.api('POST', apiUrl, { doneOn: '2026-08-01', doneById: t.users.manager, note: 'Audit of 20 cases' })).statusCode).toBe(201);
    const again = await leader.api('POST', apiUrl, { doneOn: '2026-08-02', doneById: t.users.manager, note: 'Again' });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('reopen it first');
    // A done action names no further measure until reopened.
    const more = await leader.api('POST', `/api/v1/improvement-plans/${planId}/actions/${actionId}/measures`, { measureId: 'contact-decisions-on-time', target: 95, direction: 'higher' });
    expect(more.statusCode).toBe(422);
  });
});

describe('an action aimed at a measure that counts workers (decision 0046)', () => {
  it('names the average caseload with a target to fall; its value then and now come from the workers’ figures', async () => {
    // Every child of this file is allocated to one social worker: the average caseload is their number.
    const children = await t.ctx.db.selectFrom('allocation').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'social_worker').executeTakeFirstOrThrow();
    const held = Number(children.n);
    const plan = await leader.api('POST', '/api/v1/improvement-plans', { title: 'Caseloads', source: 'Self-evaluation 2026', ownerId: t.users.leader });
    const planId = plan.json().id as string;
    const action = await leader.api('POST', `/api/v1/improvement-plans/${planId}/actions`, { action: 'Recruit two social workers', ownerId: t.users.leader, dueOn: '2027-03-31' });
    const actionId = action.json().id as string;
    const url = `/api/v1/improvement-plans/${planId}/actions/${actionId}/measures`;
    const wrongWay = await leader.api('POST', url, { measureId: 'social-worker-caseload', target: held + 5, direction: 'higher' });
    expect(wrongWay.statusCode).toBe(422);
    expect(wrongWay.body).toContain('is better lower');
    const linked = await leader.api('POST', url, { measureId: 'social-worker-caseload', target: 1, direction: 'lower' });
    expect(linked.statusCode, linked.body).toBe(201);
    const shown = (await leader.get(`/api/v1/improvement-plans/${planId}`)).json().actions[0].measures[0];
    expect(shown).toMatchObject({ name: 'Average caseload per case-holding social worker', href: '/measures/workers/social-worker-caseload', then: { value: held, fraction: `${held} ÷ 1` }, now: { value: held } });
    const form = await leader.get(`/improvement-plans/${planId}/actions/${actionId}/measures/new`);
    expect(form.body).toContain('Workforce: counting workers: Average caseload per case-holding social worker (better lower)');
  });
});

describe('reopening and removing an action keep the earlier version with the reason (decision 0046)', () => {
  it('reopening needs a reason, clears the done date and the values kept, and keeps the done version', async () => {
    const { planId, actionId, path } = await planWithAction('Reopen', '2026-10-01');
    await leader.api('POST', `/api/v1/improvement-plans/${planId}/actions/${actionId}/done`, { doneOn: '2026-11-02', doneById: t.users.leader, note: 'Training delivered' });
    const noReason = await leader.post(`${path}/reopen`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(textOf(noReason.body)).toContain('Say why the action is reopened');
    const reopened = await leader.post(`${path}/reopen`, { reason: 'The audit found the rota was not followed' });
    expect(reopened.statusCode).toBe(303);
    const row = await t.ctx.db.selectFrom('improvement_action').selectAll().where('id', '=', actionId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ done_on: null, done_by: null, done_note: null });
    const link = await t.ctx.db.selectFrom('improvement_action_measure').selectAll().where('action_id', '=', actionId).executeTakeFirstOrThrow();
    expect(link).toMatchObject({ done_from: null, done_value: null, done_numerator: null });
    const versions = await t.ctx.db.selectFrom('record_version').select(['change', 'reason', 'data']).where('record_id', '=', actionId).orderBy('version').execute();
    expect(versions.at(-1)).toMatchObject({ change: 'update', reason: 'The audit found the rota was not followed' });
    expect(JSON.stringify(versions.at(-1)!.data)).toContain('Training delivered');
    // Reopening an action that is not done is refused.
    expect((await leader.api('POST', `/api/v1/improvement-plans/${planId}/actions/${actionId}/reopen`, { reason: 'x' })).statusCode).toBe(422);
    const text = textOf((await leader.get(`/improvement-plans/${planId}`)).body);
    expect(text).toContain('Actions to do');
    expect(text).not.toContain('Done on');
  });

  it('removing needs a reason; the action and its measures leave the plan, listed as removed with why', async () => {
    const { planId, actionId, path } = await planWithAction('Remove', '2026-10-01');
    const noReason = await leader.post(`${path}/remove`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(textOf(noReason.body)).toContain('Say why the action is removed');
    expect((await leader.api('DELETE', `/api/v1/improvement-plans/${planId}/actions/${actionId}`, {})).statusCode).toBe(400);
    const removed = await leader.post(`${path}/remove`, { reason: 'Duplicates the front door action' });
    expect(removed.statusCode).toBe(303);
    const json = (await leader.get(`/api/v1/improvement-plans/${planId}`)).json();
    expect(json.actions).toEqual([]);
    expect(json.removed).toMatchObject([{ id: actionId, reason: 'Duplicates the front door action', removedOn: TEST_TODAY }]);
    const listed = (await leader.get('/api/v1/improvement-plans')).json().plans.find((p: { id: string }) => p.id === planId);
    expect(listed).toMatchObject({ actions: 0, measures: 0, next_due: null });
    const link = await t.ctx.db.selectFrom('improvement_action_measure').select(['deleted_at', 'deleted_reason']).where('action_id', '=', actionId).executeTakeFirstOrThrow();
    expect(link.deleted_reason).toBe('Duplicates the front door action');
    expect(textOf((await leader.get(`/improvement-plans/${planId}`)).body)).toMatch(/Removed actions[\s\S]*See every child within a week of referral[\s\S]*Duplicates the front door action/);
    expect((await leader.get(`${path}/done`)).statusCode).toBe(404);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('object_type', '=', 'improvement-action').where('object_id', '=', actionId).execute();
    expect(audit.map((a) => a.action)).toContain('delete');
  });

  it('managers read the plan but cannot mark done, reopen or remove', async () => {
    const { planId, actionId, path } = await planWithAction('Managers', '2026-10-01');
    const manager = await t.signIn('manager');
    expect((await manager.get(`${path}/done`)).statusCode).toBe(403);
    expect((await manager.api('POST', `/api/v1/improvement-plans/${planId}/actions/${actionId}/done`, { doneOn: TEST_TODAY, doneById: t.users.manager, note: 'x' })).statusCode).toBe(403);
    expect((await manager.api('DELETE', `/api/v1/improvement-plans/${planId}/actions/${actionId}`, { reason: 'x' })).statusCode).toBe(403);
    const page = textOf((await manager.get(`/improvement-plans/${planId}`)).body);
    expect(page).not.toContain('Mark done');
  });
});
