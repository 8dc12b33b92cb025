// Actions from management oversight, supervision and case audits (issue 8; decision 0020): each has
// an owner and a date (Southend 2016 ¶27: no default date), shows on the child's record and in the
// owner's work, and is tracked to completion in the child's chronology (QA-03, WF-07).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, makeChild, textOf } from '../plans/test-helpers.ts';
import { RuleBroken } from '../server/errors.ts';
import { addCaseActions } from './service.ts';
import { NewCaseAction } from './schemas.ts';

let t: TestApp;
let worker: Agent;
let manager: Agent;
let childId: string;
const oversightId = '00000000-0000-4000-8000-00000000a001';

const setActions = (actions: Record<string, unknown>[], madeOn = TEST_TODAY) =>
  t.ctx.db.transaction().execute((tx) =>
    addCaseActions(tx, t.users.manager, childId, 'oversight', oversightId, actions.map((a) => NewCaseAction.parse(a)), madeOn),
  );

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
  manager = await t.signIn('manager');
  childId = await makeChild(t);
});

afterAll(async () => {
  await t?.close();
});

describe('actions from oversight, supervision and audits', () => {
  let overdueId: string;
  let laterId: string;

  beforeAll(async () => {
    overdueId = (await setActions([{ description: 'Seek the school’s view on attendance', owner: 'Worker', ownerUserId: t.users.worker, dueOn: '2026-11-18' }], '2026-11-10'))[0]!;
    laterId = (await setActions([{ description: 'Convene a family network meeting', owner: 'Worker', ownerUserId: t.users.worker, dueOn: '2026-12-04' }]))[0]!;
  });

  it('refuses an action with no owner or no date, with the field to change (issue 8, bad input)', () => {
    const noOwner = NewCaseAction.safeParse({ description: 'Visit', owner: ' ', dueOn: '2026-12-01' });
    expect(noOwner.success).toBe(false);
    expect(noOwner.error?.issues[0]?.message).toBe('Enter who will do it: a named person, role or agency');
    const noDate = NewCaseAction.safeParse({ description: 'Visit', owner: 'Worker', dueOn: '' });
    expect(noDate.error?.issues[0]?.message).toBe('Enter the date the action is due');
  });

  it('refuses an action due before it was set, and stores none of the batch', async () => {
    const before = await t.ctx.db.selectFrom('case_action').select('id').execute();
    await expect(
      setActions([
        { description: 'Fine', owner: 'Worker', dueOn: '2026-12-01' },
        { description: 'Backdated', owner: 'Worker', dueOn: '2026-11-01' },
      ]),
    ).rejects.toThrow(RuleBroken);
    expect(await t.ctx.db.selectFrom('case_action').select('id').execute()).toHaveLength(before.length);
  });

  it('shows on the child’s record: open, overdue and the next due', async () => {
    const record = textOf((await worker.get(`/children/${childId}`)).body);
    expect(record).toContain('Actions from oversight, supervision and audits');
    expect(record).toContain('2 open, 1 overdue; next due 18 November 2026');
  });

  it('lists the child’s actions, open ones first by due date, saying where each came from', async () => {
    const page = await worker.get(`/children/${childId}/actions`);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text.indexOf('Seek the school’s view')).toBeLessThan(text.indexOf('Convene a family network meeting'));
    expect(text).toContain('Management oversight, set by');
    expect(text).toContain('Overdue');
  });

  it('appears in the owner’s work with their plan actions', async () => {
    const text = textOf((await worker.get('/')).body);
    expect(text).toContain('Your actions');
    expect(text).toContain('Seek the school’s view on attendance');
    expect(text).toContain('Management oversight');
  });

  it('done needs a date, no longer needed needs why', async () => {
    const noDate = await worker.post(`/children/${childId}/actions/${overdueId}/status`, { status: 'done' });
    expect(noDate.statusCode).toBe(400);
    expect(textOf(noDate.body)).toContain('Enter the date the action was done');
    const noWhy = await worker.post(`/children/${childId}/actions/${overdueId}/status`, { status: 'no_longer_needed' });
    expect(textOf(noWhy.body)).toContain('Say why the action is no longer needed');
    const future = await worker.post(`/children/${childId}/actions/${overdueId}/status`, { status: 'done', ...dateFields('completedOn', '2026-11-25') });
    expect(future.statusCode).toBe(422);
  });

  it('marked done, it leaves the open list and goes in the chronology; reopened, it leaves the chronology', async () => {
    const done = await worker.post(`/children/${childId}/actions/${overdueId}/status`, { status: 'done', ...dateFields('completedOn', '2026-11-19') });
    expect(done.statusCode).toBe(303);
    expect(textOf((await worker.get(`/children/${childId}`)).body)).toContain('1 open; next due 4 December 2026');
    expect(textOf((await worker.get(`/children/${childId}/chronology`)).body)).toContain('Action done: ‘Seek the school’s view on attendance’');
    const version = await t.ctx.db.selectFrom('record_version').select('data').where('record_id', '=', overdueId).executeTakeFirstOrThrow();
    expect(version.data['status']).toBe('not_started');

    await worker.post(`/children/${childId}/actions/${overdueId}/status`, { status: 'in_progress' });
    expect(textOf((await worker.get(`/children/${childId}/chronology`)).body)).not.toContain('Action done: ‘Seek the school’s view');
  });

  it('can be updated through the API', async () => {
    const response = await manager.api('PATCH', `/api/v1/children/${childId}/actions/${laterId}`, { status: 'no_longer_needed', statusReason: 'The family declined; the plan was revised' });
    expect(response.statusCode).toBe(200);
    const listed = await manager.get(`/api/v1/children/${childId}/actions`);
    const actions = (listed.json() as { actions: { id: string; status: string }[] }).actions;
    expect(actions.find((a) => a.id === laterId)?.status).toBe('no_longer_needed');
  });
});
