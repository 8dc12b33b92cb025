// Plan content: outcomes and actions with their own due dates (Southend 2016 ¶27), every version
// kept, who changed the plan last, and written agreements with consequences (Newham 2020 F8).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, makeChild, makePlan, openEpisode, textOf } from './test-helpers.ts';
import { givenDecision } from '../oversight/test-helpers.ts';

let t: TestApp;
let worker: Agent;
let colleague: Agent;
let childId: string;
let planId: string;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
  colleague = await t.signIn('colleague');
  childId = await makeChild(t);
  const episodeId = await openEpisode(t, childId);
  planId = await makePlan(t, childId, 'cp', '2026-09-21', episodeId);
});

afterAll(async () => {
  await t?.close();
});

const base = () => `/children/${childId}/plans/${planId}`;
const countActions = async () => (await t.ctx.db.selectFrom('plan_action').select('id').where('plan_id', '=', planId).execute()).length;

describe('plan actions', () => {
  it('refuses an action without a due date, says so, and stores nothing (Southend 2016 ¶27)', async () => {
    const before = await countActions();
    const response = await worker.post(`${base()}/actions/new`, { description: 'Attend the parenting course', owner: 'Ms Adeyemi (mother)', status: 'not_started' });
    expect(response.statusCode).toBe(400);
    expect(textOf(response.body)).toContain('Enter the date the action is due');
    expect(response.body).toContain('Attend the parenting course'); // what was typed is put back
    expect(await countActions()).toBe(before);

    const api = await worker.api('POST', `/api/v1${base()}/actions`, { description: 'Attend the parenting course', owner: 'Mother' });
    expect(api.statusCode).toBe(400);
    expect(api.json().issues.map((i: { field: string }) => i.field)).toContain('dueOn');
    expect(await countActions()).toBe(before);
  });

  it('never prefills an action’s due date: the form has no value, whatever the next review date (Southend 2016 ¶27)', async () => {
    // The CP plan's review conference is due (a clock exists): the form still has no date.
    const review = await t.ctx.db.selectFrom('clock').select('due_on').where('scope_id', '=', planId).where('rule_id', '=', 'cp-review').executeTakeFirst();
    expect(review?.due_on).toBe('2026-12-21');
    const page = await worker.get(`${base()}/actions/new`);
    expect(page.statusCode).toBe(200);
    for (const part of ['day', 'month', 'year']) {
      const input = new RegExp(`<input[^>]*name="dueOn-${part}"[^>]*>`).exec(page.body)?.[0];
      expect(input, `dueOn-${part} input`).toBeDefined();
      expect(input).not.toMatch(/value="[^"]+"/);
    }
    expect(page.body).not.toContain('2026-12-21');
    expect(page.body).not.toContain('21 December 2026');
  });

  it('refuses an action due before the plan started, and one that is done without a date, and stores neither', async () => {
    const before = await countActions();
    const early = await worker.post(`${base()}/actions/new`, { description: 'Early', owner: 'Social worker', ...dateFields('dueOn', '2026-09-01'), status: 'not_started' });
    expect(early.statusCode).toBe(422);
    expect(textOf(early.body)).toContain('An action cannot be due before the plan started (21 September 2026)');
    const done = await worker.post(`${base()}/actions/new`, { description: 'Done', owner: 'Social worker', ...dateFields('dueOn', '2026-10-01'), status: 'done' });
    expect(done.statusCode).toBe(400);
    expect(textOf(done.body)).toContain('Enter the date the action was done');
    expect(await countActions()).toBe(before);
  });

  it('adds outcomes and actions; editing an action keeps the previous version and the plan shows who changed it last', async () => {
    const outcome = await worker.post(`${base()}/outcomes/new`, { description: 'Ayo goes to school every day', measure: 'Attendance above 95%' });
    expect(outcome.statusCode).toBe(303);
    const outcomeRow = await t.ctx.db.selectFrom('plan_outcome').selectAll().where('plan_id', '=', planId).executeTakeFirstOrThrow();
    const added = await worker.post(`${base()}/actions/new`, {
      description: 'Walk Ayo to school each morning',
      owner: 'Ms Adeyemi (mother)',
      ownerUserId: '',
      outcomeId: outcomeRow.id,
      ...dateFields('dueOn', '2026-11-30'),
      status: 'not_started',
    });
    expect(added.statusCode).toBe(303);
    const action = await t.ctx.db.selectFrom('plan_action').selectAll().where('description', '=', 'Walk Ayo to school each morning').executeTakeFirstOrThrow();
    expect(action.due_on).toBe('2026-11-30');

    // A colleague changes it: the due date moves and it is in progress.
    const edit = await colleague.get(`${base()}/actions/${action.id}/edit`);
    expect(edit.statusCode).toBe(200);
    const changed = await colleague.post(`${base()}/actions/${action.id}/edit`, {
      description: 'Walk Ayo to school each morning',
      owner: 'Ms Adeyemi (mother)',
      outcomeId: outcomeRow.id,
      ...dateFields('dueOn', '2026-12-07'),
      status: 'in_progress',
      version: String(action.version),
    });
    expect(changed.statusCode).toBe(303);

    const versions = await t.ctx.db.selectFrom('record_version').selectAll().where('record_id', '=', action.id).execute();
    expect(versions).toHaveLength(1);
    expect(versions[0]!.data).toMatchObject({ due_on: '2026-11-30', status: 'not_started' });
    const now = await t.ctx.db.selectFrom('plan_action').selectAll().where('id', '=', action.id).executeTakeFirstOrThrow();
    expect(now).toMatchObject({ due_on: '2026-12-07', status: 'in_progress', version: 2 });

    const page = textOf((await worker.get(base())).body);
    expect(page).toContain(`Last changed 20 November 2026 by colleague (today)`);
    expect(page).toContain('due date 30 November 2026 → 7 December 2026');

    // Every version of the whole plan is kept.
    const history = await worker.get(`${base()}/versions`);
    const text = textOf(history.body);
    expect(text).toContain('Version 3');
    expect(text).toContain('Version 1');
    expect(text).toContain('Outcome added: ‘Ayo goes to school every day’');
    const api = await worker.get(`/api/v1${base()}/versions`);
    const body = api.json() as { versions: { version: number; snapshot: { actions: { dueOn: string }[] } }[] };
    expect(body.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(body.versions[1]!.snapshot.actions[0]!.dueOn).toBe('2026-11-30');
    expect(body.versions[0]!.snapshot.actions[0]!.dueOn).toBe('2026-12-07');

    // Each change is in the journal as a low-significance plan.changed in the plan's scope.
    const events = await t.ctx.db.selectFrom('child_event').selectAll().where('type', '=', 'plan.changed').where('child_id', '=', childId).execute();
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.scope_id === planId && e.significance === 'low')).toBe(true);
  });

  it('refuses a stale edit and keeps the colleague’s change', async () => {
    const action = await t.ctx.db.selectFrom('plan_action').selectAll().where('description', '=', 'Walk Ayo to school each morning').executeTakeFirstOrThrow();
    const stale = await worker.post(`${base()}/actions/${action.id}/edit`, {
      description: 'Walk Ayo to school',
      owner: 'Mother',
      ...dateFields('dueOn', '2026-12-09'),
      status: 'in_progress',
      version: '1',
    });
    expect(stale.statusCode).toBe(422);
    expect(textOf(stale.body)).toContain('Someone else changed this record');
    expect((await t.ctx.db.selectFrom('plan_action').select('due_on').where('id', '=', action.id).executeTakeFirstOrThrow()).due_on).toBe('2026-12-07');
  });

  it('lists overdue actions on the plan and for the worker, and only for children the user may see', async () => {
    const overdueId = (
      await worker.api('POST', `/api/v1${base()}/actions`, { description: 'Book the health assessment', owner: 'worker', ownerUserId: t.users.worker, dueOn: '2026-11-02' })
    ).json().id as string;
    const page = textOf((await worker.get(base())).body);
    expect(page).toContain('1 action is overdue');
    const mine = (await worker.get('/api/v1/plan-actions/overdue')).json() as { actions: { id: string; daysOverdue: number }[] };
    expect(mine.actions.map((a) => a.id)).toEqual([overdueId]);
    expect(mine.actions[0]!.daysOverdue).toBe(18);
    const team = (await worker.get(`/api/v1/plan-actions/overdue?team=${t.teams.safeguarding}`)).json() as { actions: unknown[] };
    expect(team.actions).toHaveLength(1);
    // The other worker holds a child of their own: that gives them no sight of this one's actions.
    await makeChild(t, { firstName: 'Other', allocatedTo: t.users.otherWorker });
    const other = await t.signIn('otherWorker');
    const theirs = (await other.get(`/api/v1/plan-actions/overdue?worker=${t.users.worker}`)).json() as { actions: unknown[] };
    expect(theirs.actions).toHaveLength(0);
    expect((await other.get(base())).statusCode).toBe(403);
  });

  it('audits viewing the plan', async () => {
    const rows = await t.ctx.db.selectFrom('audit_log').selectAll().where('object_type', '=', 'plan').where('object_id', '=', planId).execute();
    expect(rows.some((r) => r.action === 'view-child' && r.child_id === childId)).toBe(true);
  });
});

describe('written agreements (Newham 2020 F8)', () => {
  it('needs the consequence of each agreed action, and stores nothing without it', async () => {
    const response = await worker.post(`/children/${childId}/written-agreements/new`, {
      ...dateFields('madeOn', TEST_TODAY),
      withWhom: 'Grace Adeyemi (mother)',
      planId,
      ...dateFields('reviewOn', '2026-12-18'),
      'terms.0.action': 'Grace will not let Mr X into the home',
      'terms.0.consequence': '',
    });
    expect(response.statusCode).toBe(400);
    expect(textOf(response.body)).toContain('Say what will happen if action 1 is not kept');
    expect(response.body).toContain('Grace will not let Mr X into the home');
    expect(await t.ctx.db.selectFrom('written_agreement').select('id').execute()).toHaveLength(0);
  });

  it('records an agreement with whom it was made, each action and consequence, and the review date', async () => {
    const response = await worker.post(`/children/${childId}/written-agreements/new`, {
      ...dateFields('madeOn', TEST_TODAY),
      withWhom: 'Grace Adeyemi (mother)',
      planId,
      ...dateFields('reviewOn', '2026-12-18'),
      'terms.0.action': 'Grace will not let Mr X into the home',
      'terms.0.consequence': 'A legal planning meeting will be held to consider proceedings',
      'terms.1.action': '',
      'terms.1.consequence': '',
    });
    expect(response.statusCode).toBe(303);
    const list = textOf((await worker.get(`/children/${childId}/written-agreements`)).body);
    expect(list).toContain('Made on 20 November 2026 with Grace Adeyemi (mother)');
    expect(list).toContain('A legal planning meeting will be held to consider proceedings');
    const event = await t.ctx.db.selectFrom('child_event').selectAll().where('type', '=', 'written-agreement.made').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ child_id: childId, scope_id: planId, occurred_on: TEST_TODAY });
    expect(event.detail).toContain('If this is not kept: A legal planning meeting');
  });

  it('refuses a review date before the agreement was made', async () => {
    const response = await worker.api('POST', `/api/v1/children/${childId}/written-agreements`, {
      madeOn: '2026-11-19',
      withWhom: 'Tom Adeyemi (father)',
      reviewOn: '2026-11-01',
      terms: [{ action: 'Tom will attend the drug service', consequence: 'Contact will be supervised' }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toContainEqual({ field: 'reviewOn', message: 'The review date must be after the date the agreement was made' });
  });
});

describe('plans that have ended', () => {
  it('refuses a plan ending before it starts, with a message, and cannot then be changed once ended', async () => {
    const child = await makeChild(t, { firstName: 'Bea' });
    const episodeId = await openEpisode(t, child);
    const plan = await makePlan(t, child, 'cin', '2026-06-01', episodeId);
    const early = await worker.api('POST', `/api/v1/children/${child}/child-in-need/plans/${plan}/end`, { endedOn: '2026-05-01', reason: 'moved_away' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toBe('A plan cannot end before it starts (1 June 2026)');
    expect((await t.ctx.db.selectFrom('plan').select('ended_on').where('id', '=', plan).executeTakeFirstOrThrow()).ended_on).toBeNull();
    await givenDecision(t.ctx.db, child, 'plan_end', '2026-07-01', t.users.manager);
    const ended = await worker.api('POST', `/api/v1/children/${child}/child-in-need/plans/${plan}/end`, { endedOn: '2026-07-01', reason: 'moved_away' });
    expect(ended.statusCode).toBe(200);
    const add = await worker.api('POST', `/api/v1/children/${child}/plans/${plan}/outcomes`, { description: 'Too late' });
    expect(add.statusCode).toBe(422);
    expect(add.json().error).toContain('ended on 1 July 2026');
  });
});

describe('correcting and deleting a written agreement (Newham 2020 F8)', () => {
  let agreementId: string;

  beforeAll(async () => {
    agreementId = (
      await worker.api('POST', `/api/v1/children/${childId}/written-agreements`, {
        madeOn: '2026-10-01',
        withWhom: 'Tom Adeyemi (father)',
        reviewOn: '2026-11-01',
        planId,
        terms: [{ action: 'Tom will attend the drug service', consequence: 'Contact will be supervised' }],
      })
    ).json().id;
  });

  it('the list offers Correct and Delete for each agreement', async () => {
    const body = (await worker.get(`/children/${childId}/written-agreements`)).body;
    expect(body).toContain(`href="/children/${childId}/written-agreements/${agreementId}/change"`);
    expect(body).toContain(`href="/children/${childId}/written-agreements/${agreementId}/delete"`);
  });

  it('corrects the agreement with the reason: the old version and the old terms are kept, and the chronology follows', async () => {
    const form = await worker.get(`/children/${childId}/written-agreements/${agreementId}/change`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Tom will attend the drug service');
    const added = await worker.post(`/children/${childId}/written-agreements/${agreementId}/change`, { rows: '3', addRow: 'yes', withWhom: 'Tom Adeyemi (father)' });
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain('name="terms.3.action"');
    const saved = await worker.post(`/children/${childId}/written-agreements/${agreementId}/change`, {
      ...dateFields('madeOn', '2026-10-02'),
      withWhom: 'Tom Adeyemi (father)',
      ...dateFields('reviewOn', '2026-11-02'),
      'terms.0.action': 'Tom will attend the drug service every week',
      'terms.0.consequence': 'Contact will be supervised',
      'terms.1.action': 'Tom will give hair strand tests',
      'terms.1.consequence': 'A legal planning meeting',
      reason: 'The agreement was signed the day after, with two actions',
      version: '1',
    });
    expect(saved.statusCode).toBe(303);
    const terms = await t.ctx.db.selectFrom('written_agreement_term').selectAll().where('agreement_id', '=', agreementId).orderBy('recorded_at').execute();
    expect(terms.filter((term) => !term.deleted_at).map((term) => term.action)).toEqual(['Tom will attend the drug service every week', 'Tom will give hair strand tests']);
    expect(terms.filter((term) => term.deleted_at).map((term) => [term.action, term.deleted_reason])).toEqual([
      ['Tom will attend the drug service', 'The agreement was signed the day after, with two actions'],
    ]);
    const old = await t.ctx.db.selectFrom('record_version').selectAll().where('record_id', '=', agreementId).executeTakeFirstOrThrow();
    expect(old.data).toMatchObject({ made_on: '2026-10-01' });
    const event = await t.ctx.db.selectFrom('child_event').selectAll().where('source_id', '=', agreementId).executeTakeFirstOrThrow();
    expect(event.occurred_on).toBe('2026-10-02');
    expect(event.detail).toContain('2. Tom will give hair strand tests. If this is not kept: A legal planning meeting');
  });

  it('refuses a correction to before the plan started, or without a reason, and stores nothing', async () => {
    const early = await worker.api('PUT', `/api/v1/children/${childId}/written-agreements/${agreementId}`, {
      madeOn: '2026-09-01',
      withWhom: 'Tom',
      reviewOn: '2026-11-02',
      terms: [{ action: 'x', consequence: 'y' }],
      reason: 'Date',
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toBe('The agreement cannot be made before the plan started (21 September 2026)');
    const noReason = await worker.api('PUT', `/api/v1/children/${childId}/written-agreements/${agreementId}`, {
      madeOn: '2026-10-02',
      withWhom: 'Tom',
      reviewOn: '2026-11-02',
      terms: [{ action: 'x', consequence: 'y' }],
    });
    expect(noReason.statusCode).toBe(400);
    expect((await t.ctx.db.selectFrom('written_agreement').select('with_whom').where('id', '=', agreementId).executeTakeFirstOrThrow()).with_whom).toBe('Tom Adeyemi (father)');
  });

  it('refuses an agreement dated before the child was born', async () => {
    const response = await worker.api('POST', `/api/v1/children/${childId}/written-agreements`, {
      madeOn: '2016-10-01',
      withWhom: 'Tom',
      reviewOn: '2016-11-01',
      terms: [{ action: 'x', consequence: 'y' }],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toBe('The date the agreement was made cannot be before the child was born (4 May 2018): check the year');
  });

  it('deletes the agreement only with a reason; it leaves the list and the chronology', async () => {
    const noReason = await worker.post(`/children/${childId}/written-agreements/${agreementId}/delete`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    const deleted = await worker.post(`/children/${childId}/written-agreements/${agreementId}/delete`, { reason: 'Made with the wrong family' });
    expect(deleted.statusCode).toBe(303);
    expect(textOf((await worker.get(`/children/${childId}/written-agreements`)).body)).not.toContain('Tom Adeyemi (father)');
    const event = await t.ctx.db.selectFrom('child_event').select('deleted_at').where('source_id', '=', agreementId).executeTakeFirstOrThrow();
    expect(event.deleted_at).not.toBeNull();
    const live = await t.ctx.db.selectFrom('written_agreement_term').select('id').where('agreement_id', '=', agreementId).where('deleted_at', 'is', null).execute();
    expect(live).toHaveLength(0);
  });
});
