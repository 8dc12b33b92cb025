// Transfers between teams: requested by the sending manager, accepted or declined by the receiving
// team's manager only; until accepted the case stays with the sending team, accepted the allocation
// moves and the history keeps who held it when (decision 0023; Newham 2014 ¶6; Southend 2016 ¶73).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfTokenIn, startTestApp, TEST_PASSWORD, TEST_TODAY, type Agent, type TestApp } from '../../test/support/app.ts';
import { createUser, setTeamManager } from '../access/users.ts';
import type { SignedInUser } from '../access/policy.ts';
import { dateFields, makeChild, makePlan, textOf } from '../plans/test-helpers.ts';
import { acceptTransfer, declineTransfer, transfersWaitingFor } from './transfers.ts';
import { RuleBroken } from '../server/errors.ts';

let t: TestApp;
let manager: Agent;
let receiver: SignedInUser;
let receivingWorker: string;

beforeAll(async () => {
  t = await startTestApp();
  manager = await t.signIn('manager');
  const id = await createUser(t.ctx.db, { username: 'receiver', displayName: 'Rae Okafor', role: 'team_manager', teamId: t.teams.other, agency: null, password: TEST_PASSWORD });
  await setTeamManager(t.ctx.db, t.teams.other, id);
  receiver = { id, username: 'receiver', displayName: 'Rae Okafor', role: 'team_manager', teamId: t.teams.other, agency: null };
  receivingWorker = t.users.otherWorker;
});

afterAll(async () => {
  await t?.close();
});

/** Signs in a user the test app does not make (the receiving team's manager). */
async function signInAs(username: string): Promise<{ get(url: string): Promise<{ statusCode: number; body: string }> }> {
  const page = await t.app.inject({ method: 'GET', url: '/sign-in' });
  const jar = new Map(page.cookies.map((c) => [c.name, c.value]));
  const signed = await t.app.inject({ method: 'POST', url: '/sign-in', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') }, payload: { username, password: TEST_PASSWORD, _csrf: csrfTokenIn(page.body) } });
  for (const c of signed.cookies) jar.set(c.name, c.value);
  const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return { get: (url) => t.app.inject({ method: 'GET', url, headers: { cookie } }) };
}

const request = (childId: string, more: Record<string, string> = {}) =>
  manager.post(`/children/${childId}/transfers/new`, { toTeamId: t.teams.other, ...dateFields('requestedOn', '2026-11-16'), reason: 'Child protection plan ended; long-term work with the family', ...more });

const openSocialWorkers = (childId: string) =>
  t.ctx.db.selectFrom('allocation').select(['worker_id', 'from_date', 'to_date']).where('child_id', '=', childId).where('role', '=', 'social_worker').orderBy('from_date').execute();

describe('transfers between teams', () => {
  it('a request leaves the case with the sending team; the receiving manager accepts it and the allocation moves, with the history kept', async () => {
    const childId = await makeChild(t, { firstName: 'Ines' });
    const response = await request(childId);
    expect(response.statusCode, textOf(response.body).slice(0, 600)).toBe(303);
    const transfer = await t.ctx.db.selectFrom('case_transfer').selectAll().where('child_id', '=', childId).executeTakeFirstOrThrow();
    expect(transfer).toMatchObject({ status: 'requested', from_team_id: t.teams.safeguarding, to_team_id: t.teams.other });
    expect((await openSocialWorkers(childId)).filter((a) => a.to_date === null).map((a) => a.worker_id)).toEqual([t.users.worker]);
    expect((await transfersWaitingFor(t.ctx.db, receiver)).map((w) => w.childName)).toContain('Ines Adeyemi');
    expect(textOf((await manager.get(`/children/${childId}`)).body)).toContain('transfer to Safeguarding Team 2 waiting since 16 November 2026');
    const home = await signInAs('receiver').then((a) => a.get('/'));
    expect(home.statusCode).toBe(200);
    expect(textOf(home.body)).toContain('Transfers waiting for you');

    await acceptTransfer(t.ctx.db, receiver, transfer.id, { workerId: receivingWorker, decidedOn: TEST_TODAY, approvalReason: null }, TEST_TODAY);
    expect(await openSocialWorkers(childId)).toEqual([
      { worker_id: t.users.worker, from_date: '2026-01-05', to_date: TEST_TODAY },
      { worker_id: receivingWorker, from_date: TEST_TODAY, to_date: null },
    ]);
    const events = await t.ctx.db.selectFrom('child_event').select('type').where('child_id', '=', childId).where('type', 'like', 'transfer.%').orderBy('occurred_on').execute();
    expect(events.map((e) => e.type)).toEqual(['transfer.requested', 'transfer.accepted']);
    const change = await t.ctx.db.selectFrom('allocation').select('change_reason').where('child_id', '=', childId).where('to_date', 'is', null).executeTakeFirstOrThrow();
    expect(change.change_reason).toBe('TSPROC');
  });

  it('shows the link to transfer the case only to the manager, who may use it: the allocated social worker is not led to a refusal', async () => {
    const childId = await makeChild(t);
    const worker = await t.signIn('worker');
    const theirs = await worker.get(`/children/${childId}/transfers`);
    expect(theirs.statusCode).toBe(200);
    expect(textOf(theirs.body)).not.toContain('Transfer the case to another team');
    expect((await worker.get(`/children/${childId}/transfers/new`)).statusCode).toBe(403);
    expect(textOf((await manager.get(`/children/${childId}/transfers`)).body)).toContain('Transfer the case to another team');
  });

  it('refuses an acceptance by a manager who does not manage the receiving team, and changes nothing', async () => {
    const childId = await makeChild(t);
    await request(childId);
    const transfer = await t.ctx.db.selectFrom('case_transfer').select('id').where('child_id', '=', childId).executeTakeFirstOrThrow();
    const page = await manager.get(`/transfers/${transfer.id}`);
    expect(page.statusCode).toBe(403);
    const api = await manager.api('POST', `/api/v1/transfers/${transfer.id}/accept`, { workerId: t.users.colleague, decidedOn: TEST_TODAY });
    expect(api.statusCode).toBe(403);
    expect(api.json().error).toContain('Only the manager of Safeguarding Team 2');
    expect((await t.ctx.db.selectFrom('case_transfer').select('status').where('id', '=', transfer.id).executeTakeFirstOrThrow()).status).toBe('requested');
    expect((await openSocialWorkers(childId)).map((a) => a.worker_id)).toEqual([t.users.worker]);
  });

  it('a declined transfer says why and the case stays; a second request while one waits is refused', async () => {
    const childId = await makeChild(t);
    await request(childId);
    const again = await request(childId);
    expect(again.statusCode).toBe(422);
    expect(textOf(again.body)).toContain('has been waiting since 16 November 2026');
    const transfer = await t.ctx.db.selectFrom('case_transfer').select('id').where('child_id', '=', childId).executeTakeFirstOrThrow();
    await expect(declineTransfer(t.ctx.db, receiver, transfer.id, { decidedOn: '2026-11-15', reason: 'Too early' }, TEST_TODAY)).rejects.toThrow(RuleBroken);
    await declineTransfer(t.ctx.db, receiver, transfer.id, { decidedOn: TEST_TODAY, reason: 'Assessment not finished: send it back when it is' }, TEST_TODAY);
    const page = textOf((await manager.get(`/children/${childId}/transfers`)).body);
    expect(page).toContain('Declined');
    expect(page).toContain('Assessment not finished');
    expect((await openSocialWorkers(childId)).map((a) => a.worker_id)).toEqual([t.users.worker]);
  });

  it('refuses a transfer to the team already holding the case, and an accepting worker outside the receiving team', async () => {
    const childId = await makeChild(t);
    const same = await request(childId, { toTeamId: t.teams.safeguarding });
    expect(same.statusCode).toBe(422);
    expect(textOf(same.body)).toContain('already with Safeguarding Team 1');
    await request(childId);
    const transfer = await t.ctx.db.selectFrom('case_transfer').select('id').where('child_id', '=', childId).executeTakeFirstOrThrow();
    await expect(acceptTransfer(t.ctx.db, receiver, transfer.id, { workerId: t.users.colleague, decidedOn: TEST_TODAY, approvalReason: null }, TEST_TODAY)).rejects.toThrow('Select a social worker in Safeguarding Team 2');
  });

  it('accepting a child on a protection plan for a newly qualified worker needs the approval (Southend 2016 ¶123)', async () => {
    await t.ctx.db.insertInto('worker_profile').values({ user_id: receivingWorker, employment: 'permanent', started_on: '2026-09-01', qualified_on: '2026-07-01', fte: 1, recorded_by: t.users.admin }).execute();
    const childId = await makeChild(t);
    await makePlan(t, childId, 'cp', '2026-10-01');
    await request(childId);
    const transfer = await t.ctx.db.selectFrom('case_transfer').select('id').where('child_id', '=', childId).executeTakeFirstOrThrow();
    await expect(acceptTransfer(t.ctx.db, receiver, transfer.id, { workerId: receivingWorker, decidedOn: TEST_TODAY, approvalReason: null }, TEST_TODAY)).rejects.toThrow('newly qualified');
    expect((await t.ctx.db.selectFrom('case_transfer').select('status').where('id', '=', transfer.id).executeTakeFirstOrThrow()).status).toBe('requested');
    await acceptTransfer(t.ctx.db, receiver, transfer.id, { workerId: receivingWorker, decidedOn: TEST_TODAY, approvalReason: 'Co-working with the senior practitioner' }, TEST_TODAY);
    expect(await t.ctx.db.selectFrom('allocation_approval').select('approved_by').where('child_id', '=', childId).executeTakeFirstOrThrow()).toEqual({ approved_by: receiver.id });
  });
});
