// Management oversight (issue 8; MO-01, MO-02, MO-08): a manager of the case records their analysis,
// direction and actions; anyone else is refused; the oversight clock runs at the council's interval.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { saveSetting } from '../settings/council-settings.ts';
import { ruleById } from '../clocks/rules.ts';
import { dateFields, makeChild, makePlan, openEpisode, textOf } from '../plans/test-helpers.ts';

let t: TestApp;
let manager: Agent;
let worker: Agent;

beforeAll(async () => {
  t = await startTestApp();
  manager = await t.signIn('manager');
  worker = await t.signIn('worker');
});

afterAll(async () => {
  await t?.close();
});

const clocksOf = (childId: string, ruleId: string) =>
  t.ctx.db.selectFrom('clock').select(['started_on', 'due_on', 'met_on', 'stopped_on']).where('child_id', '=', childId).where('rule_id', '=', ruleId).orderBy('started_on').orderBy('due_on').execute();

const form = (overrides: Record<string, string | string[]> = {}) => ({
  kind: 'oversight',
  ...dateFields('overseenOn', '2026-11-18'),
  partsRead: ['chronology', 'plan'],
  analysis: 'Ayo is attending school every day now and told his worker he feels safer; the home is calmer since the plan started.',
  direction: 'Keep weekly visits; ask the school for the attendance record before the next review.',
  ...overrides,
});

describe('recording oversight (MO-01)', () => {
  let childId: string;

  beforeAll(async () => {
    childId = await makeChild(t);
    await openEpisode(t, childId, '2026-09-01');
  });

  it('a manager of the case records oversight with a direction and an action with an owner and a date; the action is stored on the child', async () => {
    const saved = await manager.post(`/children/${childId}/oversight/new`, {
      ...form(),
      'actions.0.description': 'Ask the school for the attendance record',
      'actions.0.owner': 'Social worker',
      'actions.0.ownerUserId': t.users.worker,
      ...dateFields('actions.0.dueOn', '2026-12-04'),
    });
    expect(saved.statusCode).toBe(303);
    const entryUrl = saved.headers.location as string;
    const page = await manager.get(entryUrl);
    expect(textOf(page.body)).toContain('Keep weekly visits');
    expect(textOf(page.body)).toContain('Ask the school for the attendance record');
    const actions = await t.ctx.db.selectFrom('case_action').selectAll().where('child_id', '=', childId).execute();
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ source: 'oversight', owner: 'Social worker', owner_user_id: t.users.worker, due_on: '2026-12-04', status: 'not_started' });
    const list = await worker.get(`/children/${childId}/oversight`);
    expect(textOf(list.body)).toContain('18 November 2026');
    const chronology = await t.ctx.db.selectFrom('child_event').select(['type', 'title']).where('child_id', '=', childId).where('source_table', '=', 'management_oversight').execute();
    expect(chronology).toEqual([{ type: 'oversight.child-in-need', title: 'Management oversight' }]);
  });

  it('refuses someone who does not manage the case, and stores nothing', async () => {
    const before = await t.ctx.db.selectFrom('management_oversight').select('id').where('child_id', '=', childId).execute();
    const refused = await worker.post(`/children/${childId}/oversight/new`, form());
    expect(refused.statusCode).toBe(422);
    expect(textOf(refused.body)).toContain('Only a manager of this child’s case may record this');
    const after = await t.ctx.db.selectFrom('management_oversight').select('id').where('child_id', '=', childId).execute();
    expect(after).toHaveLength(before.length);
  });

  it('the line manager of the team manager (a head of service) may record it', async () => {
    await t.ctx.db
      .insertInto('worker_profile')
      .values({ user_id: t.users.manager, qualified_on: '2010-07-01', asye_completed_on: '2011-07-01', employment: 'permanent', started_on: '2015-01-05', fte: 1, line_manager_id: t.users.leader, recorded_by: t.users.admin })
      .execute();
    const leader = await t.signIn('leader');
    const saved = await leader.post(`/children/${childId}/oversight/new`, form({ direction: 'Convene a review meeting within 2 weeks.' }));
    expect(saved.statusCode).toBe(303);
  });

  it('refuses an entry with no analysis of the child’s experience (MO-01: not only compliance)', async () => {
    const refused = await manager.post(`/children/${childId}/oversight/new`, form({ analysis: '' }));
    expect(refused.statusCode).toBe(400);
    expect(textOf(refused.body)).toContain('Enter your analysis');
  });

  it('refuses an action with no owner, or no due date, and stores nothing of the entry', async () => {
    const before = await t.ctx.db.selectFrom('management_oversight').select('id').where('child_id', '=', childId).execute();
    const noOwner = await manager.post(`/children/${childId}/oversight/new`, { ...form(), 'actions.0.description': 'Visit', ...dateFields('actions.0.dueOn', '2026-12-04') });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.body).toContain('href="#actions.0.owner"');
    const noDate = await manager.post(`/children/${childId}/oversight/new`, { ...form(), 'actions.0.description': 'Visit', 'actions.0.owner': 'Social worker' });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.body).toContain('href="#actions.0.dueOn"');
    const after = await t.ctx.db.selectFrom('management_oversight').select('id').where('child_id', '=', childId).execute();
    expect(after).toHaveLength(before.length);
  });

  it('refuses oversight with nothing said about what was read', async () => {
    const refused = await manager.post(`/children/${childId}/oversight/new`, form({ partsRead: [] }));
    expect(refused.statusCode).toBe(400);
    expect(textOf(refused.body)).toContain('Say what you read');
  });
});

describe('challenge and escalation (MO-02)', () => {
  it('is a distinct entry naming whom it is to, tracked to a response and a resolution', async () => {
    const childId = await makeChild(t);
    await openEpisode(t, childId, '2026-09-01');
    const missing = await manager.post(`/children/${childId}/oversight/new`, form({ kind: 'challenge' }));
    expect(missing.statusCode).toBe(400);
    expect(textOf(missing.body)).toContain('Enter whom the challenge is to');
    const saved = await manager.post(`/children/${childId}/oversight/new`, form({ kind: 'escalation', addressedTo: 'Head of service', direction: 'The assessment is 20 days late: agree extra capacity.' }));
    expect(saved.statusCode).toBe(303);
    const url = saved.headers.location as string;
    expect(textOf((await worker.get(`/children/${childId}/oversight`)).body)).toContain('Awaiting a response');
    const answered = await worker.post(`${url}/response`, { ...dateFields('respondedOn', '2026-11-19'), response: 'A second worker will finish the assessment this week.', resolved: 'yes' });
    expect(answered.statusCode).toBe(303);
    expect(textOf((await worker.get(`/children/${childId}/oversight`)).body)).toContain('Resolved');
  });
});

describe('correction and deletion', () => {
  it('corrects with the reason and deletes softly, through the API', async () => {
    const childId = await makeChild(t);
    await openEpisode(t, childId, '2026-09-01');
    const created = await manager.api('POST', `/api/v1/children/${childId}/oversight`, {
      kind: 'oversight', overseenOn: '2026-11-17', partsRead: ['visits'], analysis: 'Settled.', direction: 'Continue.', actions: [],
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    const corrected = await manager.api('PUT', `/api/v1/children/${childId}/oversight/${id}`, {
      overseenOn: '2026-11-16', partsRead: ['visits'], analysis: 'Settled at home.', direction: 'Continue.', reason: 'Wrong date',
    });
    expect(corrected.statusCode).toBe(200);
    const row = await t.ctx.db.selectFrom('management_oversight').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.overseen_on).toBe('2026-11-16');
    const deleted = await manager.api('DELETE', `/api/v1/children/${childId}/oversight/${id}`, { reason: 'Recorded on the wrong child' });
    expect(deleted.statusCode).toBe(200);
    const events = await t.ctx.db.selectFrom('child_event').select('id').where('source_id', '=', id).where('deleted_at', 'is', null).execute();
    expect(events).toHaveLength(0);
  });
});

describe('the oversight clock (decision 0021)', () => {
  it('cites its sources', () => {
    expect(ruleById('management-oversight')?.source).toMatch(/Wandsworth 2017 rec 1/);
    expect(ruleById('oversight-at-referral')?.source).toMatch(/MO-08/);
  });

  it('a referral needs oversight within 1 working day (MO-08; Southend 2016 cover §3.7), and then every 3 months for a child in need', async () => {
    const childId = await makeChild(t);
    await openEpisode(t, childId, '2026-11-02');
    expect(await clocksOf(childId, 'oversight-at-referral')).toEqual([{ started_on: '2026-11-02', due_on: '2026-11-03', met_on: null, stopped_on: null }]);
    expect(await clocksOf(childId, 'management-oversight')).toEqual([{ started_on: '2026-11-02', due_on: '2027-02-02', met_on: null, stopped_on: null }]);
    await manager.post(`/children/${childId}/oversight/new`, form({ ...dateFields('overseenOn', '2026-11-03') }));
    expect((await clocksOf(childId, 'oversight-at-referral'))[0]!.met_on).toBe('2026-11-03');
    expect((await clocksOf(childId, 'management-oversight')).at(-1)).toMatchObject({ started_on: '2026-11-03', due_on: '2027-02-03' });
  });

  it('a child protection plan brings the oversight forward to 4 weeks, and oversight of a child on a plan is due again in 4 weeks (Wandsworth 2017 rec 1)', async () => {
    const childId = await makeChild(t);
    const episodeId = await openEpisode(t, childId, '2026-09-01');
    await makePlan(t, childId, 'cp', '2026-10-01', episodeId);
    expect((await clocksOf(childId, 'management-oversight')).at(-1)).toMatchObject({ due_on: '2026-10-29', met_on: null });
    await manager.post(`/children/${childId}/oversight/new`, form({ ...dateFields('overseenOn', '2026-11-02') }));
    expect((await clocksOf(childId, 'management-oversight')).at(-1)).toMatchObject({ started_on: '2026-11-02', due_on: '2026-11-30', met_on: null });
  });

  it('the council may tighten the interval, never loosen it', async () => {
    await expect(saveSetting(t.ctx.db, 'oversightIntervalMonthsChildInNeed', 4, t.users.admin)).rejects.toThrow(/cannot be more than 3/);
    await saveSetting(t.ctx.db, 'oversightIntervalMonthsChildInNeed', 2, t.users.admin);
    const childId = await makeChild(t);
    await openEpisode(t, childId, '2026-11-02');
    expect((await clocksOf(childId, 'management-oversight'))[0]).toMatchObject({ due_on: '2027-01-02' });
    await saveSetting(t.ctx.db, 'oversightIntervalMonthsChildInNeed', 3, t.users.admin);
  });
});

describe('the manager’s list (/oversight) and the drift list (Newham 2014 ¶40)', () => {
  it('shows overdue children by worker for a team manager, each count opening its children; drift lists child in need cases with no activity', async () => {
    const overdue = await makeChild(t, { firstName: 'Overdue' });
    await openEpisode(t, overdue, '2026-06-01');
    const page = await manager.get('/oversight');
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('Safeguarding Team 1');
    const list = await manager.get(`/oversight?list=overdue&worker=${t.users.worker}`);
    expect(list.statusCode).toBe(200);
    expect(textOf(list.body)).toContain('Overdue Adeyemi');
    const drift = await manager.get('/oversight?list=drift');
    expect(textOf(drift.body)).toContain('Overdue Adeyemi');
    const home = await manager.get('/');
    expect(textOf(home.body)).toContain('Oversight due and overdue');
  });

  it('a senior leader sees every team, by team', async () => {
    const leader = await t.signIn('leader');
    const page = await leader.get('/oversight');
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('By team');
  });

  it('a social worker is not shown the list', async () => {
    expect((await worker.get('/oversight')).statusCode).toBe(403);
  });
});

