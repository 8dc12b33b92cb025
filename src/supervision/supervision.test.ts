// Supervision (issue 8; WF-06, WF-07, WF-11, DQ-17; decision 0022): only the worker's supervisor
// records it; casework and reflective supervision are kept apart and only a child's discussion
// reaches their record; actions have an owner and a date; gaps are flagged per worker and per child.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, TEST_TODAY, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, makeChild, textOf } from '../plans/test-helpers.ts';
import { saveSetting, clearSetting } from '../settings/council-settings.ts';
import { workerStatus } from './service.ts';
import type { SupervisionPolicy } from './policy.ts';

let t: TestApp;
let manager: Agent;
let worker: Agent;
let childId: string;

const profile = (userId: string, values: { qualified_on: string | null; started_on: string; line_manager_id?: string | null; asye_completed_on?: string | null }) =>
  t.ctx.db
    .insertInto('worker_profile')
    .values({ user_id: userId, employment: 'permanent', fte: 1, recorded_by: t.users.admin, asye_completed_on: null, line_manager_id: null, ...values })
    .execute();

const sessionsOf = (workerId: string) => t.ctx.db.selectFrom('supervision_session').selectAll().where('worker_id', '=', workerId).where('deleted_at', 'is', null).execute();
const discussionsOf = (child: string) => t.ctx.db.selectFrom('supervision_discussion').selectAll().where('child_id', '=', child).where('deleted_at', 'is', null).execute();

beforeAll(async () => {
  t = await startTestApp();
  // The worker and their colleague are supervised by their team's manager; the manager by the head of service.
  await profile(t.users.worker, { qualified_on: '2015-07-01', started_on: '2019-09-02' });
  await profile(t.users.colleague, { qualified_on: '2026-07-10', started_on: '2026-09-07' });
  await profile(t.users.manager, { qualified_on: '2008-07-01', started_on: '2016-01-04', line_manager_id: t.users.leader });
  await profile(t.users.otherWorker, { qualified_on: '2012-07-01', started_on: '2020-01-06' });
  manager = await t.signIn('manager');
  worker = await t.signIn('worker');
  childId = await makeChild(t, { firstName: 'Maya' });
}, 60_000);

afterAll(async () => {
  await t?.close();
});

const sessionForm = (overrides: Record<string, string> = {}) => ({ ...dateFields('heldOn', '2026-11-18'), kind: 'casework', notes: 'Caseload reviewed: 14 children.', ...overrides });
const discussionForm = (sessionId: string, overrides: Record<string, string> = {}) => ({
  sessionId,
  progress: 'Mother has attended 3 of 4 parenting sessions; home conditions improved.',
  reflection: 'Maya’s school says she is calmer; the risk from father’s visits is not yet understood.',
  decisions: 'Hold a core group before the review; ask police for father’s history.',
  ...overrides,
});

async function recordSession(agent: Agent, workerId: string, form = sessionForm()): Promise<string> {
  const response = await agent.post(`/workers/${workerId}/supervision/new`, form);
  expect(response.statusCode, textOf(response.body).slice(0, 400)).toBe(303);
  return String(response.headers.location).split('/').at(-1)!;
}

describe('a supervisor records casework supervision and discusses a child (WF-06, WF-07)', () => {
  let sessionId: string;

  it('records a session for the worker they supervise, and offers the worker’s allocated children', async () => {
    sessionId = await recordSession(manager, t.users.worker);
    const page = await manager.get(`/workers/${t.users.worker}/supervision/${sessionId}`);
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('Discuss Maya Adeyemi');
  });

  it('the discussion goes on the child’s record with its action, in the chronology and on the owner’s list (Wandsworth 2016 rec 4; Southend 2016 ¶124)', async () => {
    const response = await manager.post(`/children/${childId}/supervision/new`, {
      ...discussionForm(sessionId),
      'actions.0.description': 'Request police history on father',
      'actions.0.owner': 'worker',
      'actions.0.ownerUserId': t.users.worker,
      ...dateFields('actions.0.dueOn', '2026-11-27'),
    });
    expect(response.statusCode, textOf(response.body).slice(0, 600)).toBe(303);
    const [discussion] = await discussionsOf(childId);
    expect(discussion).toMatchObject({ session_id: sessionId, worker_id: t.users.worker, supervisor_id: t.users.manager, discussed_on: '2026-11-18' });
    const actions = await t.ctx.db.selectFrom('case_action').selectAll().where('source_id', '=', discussion!.id).execute();
    expect(actions).toMatchObject([{ source: 'supervision', owner_user_id: t.users.worker, due_on: '2026-11-27', child_id: childId }]);
    const event = await t.ctx.db.selectFrom('child_event').selectAll().where('source_id', '=', discussion!.id).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ type: 'supervision.discussed', occurred_on: '2026-11-18' });
    const page = textOf((await worker.get(`/children/${childId}/supervision`)).body);
    expect(page).toContain('18 November 2026: manager with worker');
    expect(page).toContain('Hold a core group before the review');
    expect(page).toContain('Request police history on father');
  });

  it('refuses an action with no owner or no date; nothing is stored (issue 8, bad input)', async () => {
    const child = await makeChild(t, { firstName: 'Noor' });
    const noOwner = await manager.post(`/children/${child}/supervision/new`, { ...discussionForm(sessionId), 'actions.0.description': 'Visit', ...dateFields('actions.0.dueOn', '2026-11-27') });
    expect(noOwner.statusCode).toBe(400);
    expect(textOf(noOwner.body)).toContain('Enter who will do it');
    const noDate = await manager.post(`/children/${child}/supervision/new`, { ...discussionForm(sessionId), 'actions.0.description': 'Visit', 'actions.0.owner': 'worker' });
    expect(noDate.statusCode).toBe(400);
    expect(textOf(noDate.body)).toContain('Enter the date the action is due');
    const api = await manager.api('POST', `/api/v1/children/${child}/supervision`, { ...discussionForm(sessionId), actions: [{ description: 'Visit', owner: '', dueOn: '' }] });
    expect(api.statusCode).toBe(400);
    expect(await discussionsOf(child)).toEqual([]);
  });

  it('refuses a child not allocated to the worker', async () => {
    const child = await makeChild(t, { firstName: 'Zed', allocatedTo: t.users.colleague });
    const response = await manager.api('POST', `/api/v1/children/${child}/supervision`, discussionForm(sessionId));
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toContain('not allocated to worker');
  });

  it('corrects a discussion with the reason through the API, keeping the old version, and deletes it with its actions', async () => {
    const [discussion] = await discussionsOf(childId);
    const put = await manager.api('PUT', `/api/v1/children/${childId}/supervision/${discussion!.id}`, { ...discussionForm(sessionId), decisions: 'Core group on 1 December.', reason: 'Date agreed after the session' });
    expect(put.statusCode).toBe(200);
    const corrected = await t.ctx.db.selectFrom('supervision_discussion').selectAll().where('id', '=', discussion!.id).executeTakeFirstOrThrow();
    expect(corrected).toMatchObject({ decisions: 'Core group on 1 December.', version: 2 });
    // The worker may see the child but is not the supervisor: refused, with a clear message.
    const byWorker = await worker.api('PUT', `/api/v1/children/${childId}/supervision/${discussion!.id}`, { ...discussionForm(sessionId), reason: 'x' });
    expect(byWorker.statusCode).toBe(403);
    expect(byWorker.json().error).toContain('Only their supervisor, manager, can record worker’s supervision');
  });
});

describe('only the worker’s supervisor records supervision (decision 0020: line manager, else the team’s manager)', () => {
  it('a colleague, a worker in another team and the head of service (the line above, not the supervisor) are refused; nothing is stored', async () => {
    const before = (await sessionsOf(t.users.worker)).length;
    for (const who of ['colleague', 'otherWorker', 'leader'] as const) {
      const agent = await t.signIn(who);
      const page = await agent.post(`/workers/${t.users.worker}/supervision/new`, sessionForm());
      expect(page.statusCode, who).toBe(403);
      expect(textOf(page.body)).toContain('Only their supervisor, manager, can record worker’s supervision. You are not worker’s line manager.');
      const api = await agent.api('POST', `/api/v1/workers/${t.users.worker}/supervision`, { heldOn: '2026-11-18', kind: 'casework' });
      expect(api.statusCode, who).toBe(403);
    }
    expect(await sessionsOf(t.users.worker)).toHaveLength(before);
  });

  it('the head of service supervises the team manager (their line manager on the profile)', async () => {
    const leader = await t.signIn('leader');
    const response = await leader.api('POST', `/api/v1/workers/${t.users.manager}/supervision`, { heldOn: '2026-11-02', kind: 'reflective', notes: 'Managing a team through a restructure.' });
    expect(response.statusCode).toBe(201);
  });

  it('refuses a session in the future and reflective supervision with nothing recorded', async () => {
    const future = await manager.post(`/workers/${t.users.worker}/supervision/new`, sessionForm(dateFields('heldOn', '2026-11-21')));
    expect(future.statusCode).toBe(422);
    expect(textOf(future.body)).toContain('The date of the supervision cannot be in the future');
    const empty = await manager.post(`/workers/${t.users.worker}/supervision/new`, sessionForm({ kind: 'reflective', notes: '' }));
    expect(empty.statusCode).toBe(400);
    expect(textOf(empty.body)).toContain('Enter what was discussed in reflective supervision');
  });
});

describe('reflective supervision stays in the worker’s file (Southend 2016 ¶124; WF-06)', () => {
  it('its notes never reach a child’s record, and no child can be discussed in it', async () => {
    const reflective = await recordSession(manager, t.users.worker, sessionForm({ kind: 'reflective', notes: 'Worker finds the Adeyemi family hard after her own loss.' }));
    const discussed = await manager.api('POST', `/api/v1/children/${childId}/supervision`, discussionForm(reflective));
    expect(discussed.statusCode).toBe(422);
    expect(discussed.json().error).toContain('this session is reflective supervision');
    const events = await t.ctx.db.selectFrom('child_event').select(['title', 'detail']).where('child_id', '=', childId).execute();
    expect(JSON.stringify(events)).not.toContain('her own loss');
    expect((await worker.get(`/children/${childId}/supervision`)).body).not.toContain('her own loss');
    expect((await worker.get(`/children/${childId}/chronology`)).body).not.toContain('her own loss');
    // In the worker's file it is there, to the worker and their supervisor.
    expect((await worker.get(`/workers/${t.users.worker}/supervision/${reflective}`)).body).toContain('her own loss');
  });
});

describe('who sees a worker’s supervision file (decision 0022)', () => {
  it('the worker, their supervisor and the line above; not a colleague, not an analyst; every view audited', async () => {
    for (const who of ['worker', 'manager', 'leader'] as const) {
      const agent = await t.signIn(who);
      const before = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE object_type = 'supervision-file'`.execute(t.ctx.db)).rows[0]!.n);
      expect((await agent.get(`/workers/${t.users.worker}/supervision`)).statusCode, who).toBe(200);
      const after = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE object_type = 'supervision-file'`.execute(t.ctx.db)).rows[0]!.n);
      expect(after, who).toBe(before + 1);
    }
    for (const who of ['colleague', 'analyst', 'otherWorker'] as const) {
      const agent = await t.signIn(who);
      const page = await agent.get(`/workers/${t.users.worker}/supervision`);
      expect(page.statusCode, who).toBe(403);
      expect(textOf(page.body)).toContain('seen only by them, their supervisor and the manager above their supervisor');
    }
  });

  it('the form to discuss a child links to the worker’s file only for those who may open it: a colleague is told who records it, with no link to a refusal', async () => {
    const child = await makeChild(t, { firstName: 'Noor' });
    const colleague = await t.signIn('colleague');
    const form = await colleague.get(`/children/${child}/supervision/new`);
    expect(form.statusCode).toBe(200);
    expect(textOf(form.body)).toContain('Only worker’s supervisor can record it');
    expect(form.body).not.toContain(`href="/workers/${t.users.worker}/supervision"`);
    // The worker may open their own file, so is led to it.
    expect((await worker.get(`/children/${child}/supervision/new`)).body).toContain(`href="/workers/${t.users.worker}/supervision"`);
  });

  it('capability or conduct concerns: the supervisor and the line above only, not the worker nor their peers (WF-11; Newham 2014 ¶134)', async () => {
    const response = await manager.post(`/workers/${t.users.worker}/supervision/concerns/new`, { ...dateFields('raisedOn', '2026-11-10'), kind: 'capability', concern: 'Assessments repeatedly late and lacking analysis.' });
    expect(response.statusCode, textOf(response.body).slice(0, 300)).toBe(303);
    expect((await manager.get(`/workers/${t.users.worker}/supervision`)).body).toContain('Assessments repeatedly late');
    expect((await (await t.signIn('leader')).get(`/workers/${t.users.worker}/supervision`)).body).toContain('Assessments repeatedly late');
    expect((await worker.get(`/workers/${t.users.worker}/supervision`)).body).not.toContain('Assessments repeatedly late');
    const byWorker = await worker.post(`/workers/${t.users.worker}/supervision/concerns/new`, { ...dateFields('raisedOn', '2026-11-10'), kind: 'conduct', concern: 'x' });
    expect(byWorker.statusCode).toBe(403);
    const told = await manager.post(`/workers/${t.users.worker}/supervision/concerns/new`, { ...dateFields('raisedOn', '2026-11-10'), kind: 'conduct', concern: 'Late to visits', ...dateFields('toldWorkerOn', '2026-11-09') });
    expect(told.statusCode).toBe(422);
    expect(textOf(told.body)).toContain('The worker cannot have been told before the concern was raised');
  });
});

describe('how often supervision is due', () => {
  const policy: SupervisionPolicy = { intervalDays: 28, newlyQualifiedDays: 14, firstWeeksDays: 7, firstWeeks: 6, caseDays: 56 };
  const nq = { qualified_on: '2026-07-10', asye_completed_on: null, started_on: '2026-10-12' };

  it('a newly qualified worker weekly for their first 6 weeks, fortnightly to 6 months, then monthly (ASYE framework, Skills for Care)', () => {
    expect(workerStatus({ ...nq, last_on: '2026-11-10' }, '2026-11-20', policy)).toMatchObject({ newlyQualified: true, intervalDays: 7, dueOn: '2026-11-17', overdue: true });
    expect(workerStatus({ ...nq, last_on: '2026-11-25' }, '2026-12-01', policy)).toMatchObject({ intervalDays: 14, dueOn: '2026-12-09', overdue: false });
    // After 6 months of the ASYE (from 12 April 2027) and still newly qualified until 10 July 2027: monthly.
    expect(workerStatus({ ...nq, last_on: '2027-04-20' }, '2027-05-01', policy)).toMatchObject({ newlyQualified: true, intervalDays: 28 });
    expect(workerStatus({ ...nq, asye_completed_on: '2027-01-15', last_on: '2027-01-20' }, '2027-02-01', policy)).toMatchObject({ newlyQualified: false, intervalDays: 28 });
  });

  it('an experienced worker at least every 4 weeks: "supervision overdue since …" (Newham 2014 ¶18, ¶134; DQ-17)', async () => {
    expect(workerStatus({ qualified_on: '2015-07-01', asye_completed_on: null, started_on: '2019-09-02', last_on: '2026-10-01' }, TEST_TODAY, policy)).toMatchObject({ dueOn: '2026-10-29', overdue: true });
    const ow = t.users.otherWorker;
    // otherWorker's team has no manager: no supervisor, so they are in nobody's line.
    expect(ow).toBeTruthy();
  });

  it('a council may tighten the interval but not loosen it', async () => {
    await expect(saveSetting(t.ctx.db, 'supervisionIntervalWeeks', 6, t.users.admin)).rejects.toThrow('cannot be more than 4');
    await saveSetting(t.ctx.db, 'caseSupervisionIntervalWeeks', 4, t.users.admin);
    await clearSetting(t.ctx.db, 'caseSupervisionIntervalWeeks');
  });
});

describe('the manager’s view of their line (DQ-17: frequency against policy per worker and per child)', () => {
  it('counts workers overdue and children with no case supervision within the interval, each opening the list behind it', async () => {
    // The colleague is newly qualified and has never been supervised since starting on 7 September.
    await makeChild(t, { firstName: 'Ola', allocatedTo: t.users.colleague });
    const page = textOf((await manager.get('/supervision')).body);
    expect(page).toMatch(/1 worker with supervision overdue/);
    expect(page).toContain('colleague');
    const overdue = textOf((await manager.get('/supervision?show=overdue')).body);
    expect(overdue).toContain('colleague');
    expect(overdue).not.toMatch(/\bworker Every/);
    const children = textOf((await manager.get('/supervision?show=children')).body);
    // Allocated on 5 January 2026 and never discussed: due by 2 March 2026 (8 weeks).
    expect(children).toContain('Zed Adeyemi');
    expect(children).toContain('2 March 2026');
    expect(children).not.toContain('Maya Adeyemi');
    // The head of service sees the same line, one level down.
    const leader = textOf((await (await t.signIn('leader')).get('/supervision')).body);
    expect(leader).toContain('colleague');
    // The manager opens each worker's file from the list; the analyst, who sees every team but no file (decision 0022), is not led to a refusal.
    expect((await manager.get('/supervision?show=children')).body).toContain(`href="/workers/${t.users.worker}/supervision"`);
    const analyst = await t.signIn('analyst');
    const theirs = await analyst.get(`/supervision?show=children&team=${t.teams.safeguarding}`);
    expect(theirs.statusCode).toBe(200);
    expect(textOf(theirs.body)).toContain('Adeyemi');
    expect(theirs.body).not.toMatch(/href="\/workers\/[^"]+\/supervision"/);
    // The head of service's list of a team links only the files of workers in their line (the worker's manager reports to them).
    const leaderTeam = await (await t.signIn('leader')).get(`/supervision?show=children&team=${t.teams.safeguarding}`);
    expect(leaderTeam.body).toContain(`href="/workers/${t.users.worker}/supervision"`);
    // The manager's My work panel links there.
    const home = await manager.get('/');
    expect(home.body).toContain('/supervision?show=overdue');
  });
});

describe('corrections and deletions keep the old version with the reason (the visits pattern)', () => {
  it('a session’s date corrected moves its discussions in the chronology; a session with discussions cannot be deleted until they are', async () => {
    const child = await makeChild(t, { firstName: 'Pia' });
    const sessionId = await recordSession(manager, t.users.worker, sessionForm(dateFields('heldOn', '2026-11-16')));
    const discussion = await manager.api('POST', `/api/v1/children/${child}/supervision`, { ...discussionForm(sessionId), actions: [{ description: 'Visit Pia at school', owner: 'worker', dueOn: '2026-11-30' }] });
    expect(discussion.statusCode).toBe(201);
    const discussionId = discussion.json().id as string;
    const page = await manager.post(`/workers/${t.users.worker}/supervision/${sessionId}/change`, { ...dateFields('heldOn', '2026-11-17'), notes: '', version: '1', reason: 'Held on the Tuesday' });
    expect(page.statusCode, textOf(page.body).slice(0, 300)).toBe(303);
    const event = await t.ctx.db.selectFrom('child_event').select('occurred_on').where('source_id', '=', discussionId).executeTakeFirstOrThrow();
    expect(event.occurred_on).toBe('2026-11-17');
    const refused = await manager.api('DELETE', `/api/v1/workers/${t.users.worker}/supervision/${sessionId}`, { reason: 'Recorded twice' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toContain('Delete the discussions of children in this session first');
    const deleted = await manager.post(`/children/${child}/supervision/${discussionId}/delete`, { reason: 'Recorded on the wrong session' });
    expect(deleted.statusCode).toBe(303);
    expect(await discussionsOf(child)).toEqual([]);
    const actions = await t.ctx.db.selectFrom('case_action').select('deleted_at').where('source_id', '=', discussionId).execute();
    expect(actions.every((a) => a.deleted_at !== null)).toBe(true);
    expect(await t.ctx.db.selectFrom('child_event').select('id').where('source_id', '=', discussionId).where('deleted_at', 'is', null).execute()).toEqual([]);
    const gone = await manager.api('DELETE', `/api/v1/workers/${t.users.worker}/supervision/${sessionId}`, { reason: 'Recorded twice' });
    expect(gone.statusCode).toBe(200);
    const kept = await t.ctx.db.selectFrom('supervision_session').select(['deleted_reason']).where('id', '=', sessionId).executeTakeFirstOrThrow();
    expect(kept.deleted_reason).toBe('Recorded twice');
  });

  it('the page deleting a session asks why, keeps the reason with the session and audits the deletion', async () => {
    const sessionId = await recordSession(manager, t.users.worker);
    const path = `/workers/${t.users.worker}/supervision/${sessionId}/delete`;
    const form = await manager.get(path);
    expect(form.statusCode).toBe(200);
    expect(textOf(form.body)).toContain('Delete this supervision session');
    const blank = await manager.post(path, { reason: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(textOf(blank.body)).toContain('Say why you are deleting this record');
    const deleted = await manager.post(path, { reason: 'Recorded on the wrong worker' });
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe(`/workers/${t.users.worker}/supervision`);
    const kept = await t.ctx.db.selectFrom('supervision_session').select(['deleted_at', 'deleted_reason']).where('id', '=', sessionId).executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ deleted_reason: 'Recorded on the wrong worker' });
    expect(kept.deleted_at).not.toBeNull();
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'object_type']).where('object_id', '=', sessionId).where('action', '=', 'delete').execute();
    expect(audit).toEqual([{ action: 'delete', object_type: 'supervision-session' }]);
  });

  it('a correction by someone who may see the child but did not hold the supervision is refused, saying who can', async () => {
    const child = await makeChild(t, { firstName: 'Rui' });
    const sessionId = await recordSession(manager, t.users.worker);
    const id = (await manager.api('POST', `/api/v1/children/${child}/supervision`, discussionForm(sessionId))).json().id as string;
    const form = await worker.get(`/children/${child}/supervision/${id}/change`);
    expect(form.statusCode).toBe(200);
    expect(textOf(form.body)).toContain('Only the supervisor who held this session, or worker’s supervisor now, can correct it.');
    const post = await worker.post(`/children/${child}/supervision/${id}/change`, { ...discussionForm(sessionId), reason: 'x', version: '1' });
    expect(post.statusCode).toBe(403);
  });
});

describe('a council that tightens the case supervision interval', () => {
  it('with 4 weeks, a child last discussed 5 weeks ago is flagged (DQ-17)', async () => {
    const child = await makeChild(t, { firstName: 'Sol' });
    const sessionId = await recordSession(manager, t.users.worker, sessionForm(dateFields('heldOn', '2026-10-14')));
    expect((await manager.api('POST', `/api/v1/children/${child}/supervision`, discussionForm(sessionId))).statusCode).toBe(201);
    expect(textOf((await manager.get('/supervision?show=children')).body)).not.toContain('Sol Adeyemi');
    await saveSetting(t.ctx.db, 'caseSupervisionIntervalWeeks', 4, t.users.admin);
    try {
      // 14 October + 4 weeks = 11 November, before 20 November.
      const text = textOf((await manager.get('/supervision?show=children')).body);
      expect(text).toContain('Sol Adeyemi');
      expect(text).toContain('11 November 2026');
    } finally {
      await clearSetting(t.ctx.db, 'caseSupervisionIntervalWeeks');
    }
  });
});
