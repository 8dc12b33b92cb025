// Workforce (issue 8): profiles, weighted caseloads, changes of social worker, the allocation guard
// for newly qualified workers and the workforce figures (seed requirements §1.16 WF-01..WF-05;
// Newham 2014 ¶3, ¶6, ¶17, ¶44, ¶116-120; Southend 2016 ¶72-73, ¶123; Wandsworth 2016 ¶101, ¶112-113).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, makeChild, makePlan, textOf } from '../plans/test-helpers.ts';
import { forgetSettings } from '../settings/council-settings.ts';

let t: TestApp;
let manager: Agent;
let worker: Agent;
let admin: Agent;
let leader: Agent;

beforeAll(async () => {
  t = await startTestApp(); // today is Friday 20 November 2026
  [manager, worker, admin, leader] = [await t.signIn('manager'), await t.signIn('worker'), await t.signIn('admin'), await t.signIn('leader')];
});

afterAll(async () => {
  await t?.close();
});

const profileForm = (more: Record<string, string> = {}) => ({
  ...dateFields('startedOn', '2026-09-01'),
  ...dateFields('qualifiedOn', '2026-07-01'),
  employment: 'permanent',
  fte: '1',
  lineManagerId: '',
  ...more,
});

async function setting(key: string, value: number) {
  await t.ctx.db.insertInto('council_setting').values({ key, value: JSON.stringify(value) }).onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) })).execute();
  forgetSettings(t.ctx.db);
}

const allocateForm = (workerId: string, more: Record<string, string> = {}) => ({ workerId, role: 'social_worker', ...dateFields('fromDate', TEST_TODAY), changeReason: 'MANAGE', ...more });

describe('worker profiles (WF-02; Newham 2014 ¶118-119)', () => {
  it('the worker’s manager records a profile; the worker sees it as newly qualified, with tenure; history is kept on change', async () => {
    const saved = await manager.post(`/workers/${t.users.colleague}/change`, profileForm());
    expect(saved.statusCode, textOf(saved.body).slice(0, 600)).toBe(303);
    const seen = textOf((await t.signIn('colleague').then((a) => a.get(`/workers/${t.users.colleague}`))).body);
    expect(seen).toContain('Newly qualified');
    expect(seen).toContain('2 months');
    expect(seen).toContain('manager (manager of their team)');
    const changed = await admin.post(`/workers/${t.users.colleague}/change`, profileForm({ fte: '0.8', version: '1' }));
    expect(changed.statusCode).toBe(303);
    const versions = await t.ctx.db.selectFrom('record_version').select('version').where('table_name', '=', 'worker_profile').where('record_id', '=', t.users.colleague).execute();
    expect(versions).toHaveLength(1);
    expect(textOf((await manager.get(`/workers/${t.users.colleague}`)).body)).toContain('0.8');
  });

  it('refuses an FTE of 0, and stores nothing', async () => {
    const response = await manager.post(`/workers/${t.users.worker}/change`, profileForm({ fte: '0' }));
    expect(response.statusCode).toBe(422);
    expect(textOf(response.body)).toContain('Hours must be more than 0 and at most 1');
    expect(await t.ctx.db.selectFrom('worker_profile').select('user_id').where('user_id', '=', t.users.worker).executeTakeFirst()).toBeUndefined();
  });

  it('refuses an ASYE completed before qualifying, and FTE above full-time through the API', async () => {
    const response = await manager.post(`/workers/${t.users.worker}/change`, profileForm({ ...dateFields('asyeCompletedOn', '2026-06-01') }));
    expect(response.statusCode).toBe(422);
    expect(textOf(response.body)).toContain('The ASYE cannot be completed before they qualified');
    const api = await manager.api('PUT', `/api/v1/workers/${t.users.worker}`, { startedOn: '2026-01-05', employment: 'agency', fte: 1.2 });
    expect(api.statusCode).toBe(422);
    expect(api.json().error).toContain('Hours must be more than 0');
  });

  it('a social worker cannot see or change a colleague’s profile; a senior leader sees it but cannot change it', async () => {
    expect((await worker.get(`/workers/${t.users.colleague}`)).statusCode).toBe(403);
    expect((await worker.post(`/workers/${t.users.colleague}/change`, profileForm())).statusCode).toBe(403);
    const page = await leader.get(`/workers/${t.users.colleague}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Change the profile');
    expect((await leader.post(`/workers/${t.users.colleague}/change`, profileForm())).statusCode).toBe(403);
  });
});

describe('allocation guard for newly qualified workers (WF-03; Southend 2016 ¶123)', () => {
  it('refuses a child on a child protection plan to a newly qualified worker without a manager’s approval, and stores nothing', async () => {
    const childId = await makeChild(t, { allocatedTo: t.users.worker });
    await makePlan(t, childId, 'cp', '2026-10-01');
    const refused = await manager.post(`/children/${childId}/allocate`, allocateForm(t.users.colleague));
    expect(refused.statusCode).toBe(422);
    expect(textOf(refused.body)).toContain('colleague is newly qualified');
    expect(textOf(refused.body)).toContain('on a child protection plan');
    const open = await t.ctx.db.selectFrom('allocation').select('worker_id').where('child_id', '=', childId).where('to_date', 'is', null).execute();
    expect(open.map((a) => a.worker_id)).toEqual([t.users.worker]);

    const approved = await manager.post(`/children/${childId}/allocate`, allocateForm(t.users.colleague, { approvalReason: 'Co-worked with Sam; weekly supervision; the plan is stable.' }));
    expect(approved.statusCode, textOf(approved.body).slice(0, 600)).toBe(303);
    const approval = await t.ctx.db.selectFrom('allocation_approval').selectAll().where('child_id', '=', childId).executeTakeFirstOrThrow();
    expect(approval).toMatchObject({ approved_by: t.users.manager, approved_on: TEST_TODAY, needed_for: 'complex_work' });
  });

  it('refuses an allocation beyond the protected caseload without approval, and allows a child in need within it (Newham 2014 ¶118)', async () => {
    // colleague: 0.8 full-time, holding one child on a protection plan (2 points); a limit of 4 is 3.2 for them.
    await setting('caseloadPointsNewlyQualified', 4);
    try {
      const first = await makeChild(t, { allocatedTo: t.users.worker });
      expect((await manager.post(`/children/${first}/allocate`, allocateForm(t.users.colleague))).statusCode).toBe(303);
      const second = await makeChild(t, { allocatedTo: t.users.worker });
      const refused = await manager.post(`/children/${second}/allocate`, allocateForm(t.users.colleague));
      expect(refused.statusCode).toBe(422);
      expect(textOf(refused.body)).toContain('above their protected limit');
    } finally {
      await t.ctx.db.deleteFrom('council_setting').where('key', '=', 'caseloadPointsNewlyQualified').execute();
      forgetSettings(t.ctx.db);
    }
  });

  it('an experienced worker needs no approval (no profile: not newly qualified)', async () => {
    const childId = await makeChild(t, { allocatedTo: t.users.colleague });
    await makePlan(t, childId, 'cp', '2026-10-01');
    expect((await manager.post(`/children/${childId}/allocate`, allocateForm(t.users.worker))).statusCode).toBe(303);
  });
});

describe('caseloads (WF-01; Newham 2014 ¶116-117) and changes of social worker (WF-05; Newham 2014 ¶6, ¶44)', () => {
  it('weights a child protection case by the council’s setting and flags a worker above the limit', async () => {
    await setting('caseloadPointsPerFte', 1);
    try {
      const page = textOf((await manager.get('/caseloads')).body);
      expect(page).toContain('Workers in your teams');
      expect(page).toContain('Above the limit');
      const api = await leader.get('/api/v1/caseloads');
      const body = api.json();
      const sam = body.teams.find((x: { teamName: string }) => x.teamName === 'Safeguarding Team 1');
      expect(sam.childProtection).toBeGreaterThanOrEqual(1);
      expect(body.counts.over).toBeGreaterThanOrEqual(1);
    } finally {
      await t.ctx.db.deleteFrom('council_setting').where('key', '=', 'caseloadPointsPerFte').execute();
      forgetSettings(t.ctx.db);
    }
  });

  it('a child with 3 social workers in 12 months is on the list, counted on the caseloads page and on the record', async () => {
    const childId = await makeChild(t, { allocatedTo: null, firstName: 'Tobiah' });
    const rows = [
      { worker: t.users.otherWorker, from: '2025-06-01', to: '2026-01-10' },
      { worker: t.users.colleague, from: '2026-01-10', to: '2026-06-01' },
      { worker: t.users.worker, from: '2026-06-01', to: null },
    ];
    for (const r of rows) await t.ctx.db.insertInto('allocation').values({ id: randomUUID(), child_id: childId, worker_id: r.worker, role: 'social_worker', from_date: r.from, to_date: r.to, recorded_by: t.users.manager }).execute();
    const list = textOf((await manager.get('/caseloads/worker-changes')).body);
    expect(list).toContain('Tobiah Adeyemi');
    expect(textOf((await manager.get('/caseloads')).body)).toMatch(/[1-9]\d* child(ren)? with 3 or more social workers/);
    expect(textOf((await worker.get(`/children/${childId}`)).body)).toContain('3 social workers in the last 12 months');
  });

  it('a social worker cannot see the caseloads page', async () => {
    expect((await worker.get('/caseloads')).statusCode).toBe(403);
  });
});

describe('workforce figures (WF-04; Newham 2014 ¶119; Southend 2016 ¶123)', () => {
  it('counts agency staff in post more than 6 months and leavers in 12 months, each opening its workers', async () => {
    await t.ctx.db.insertInto('worker_profile').values([
      { user_id: t.users.otherWorker, employment: 'agency', started_on: '2026-01-05', fte: 1, recorded_by: t.users.admin },
      { user_id: t.users.manager, employment: 'permanent', started_on: '2015-01-05', fte: 1, qualified_on: '2010-07-01', asye_completed_on: '2011-07-01', recorded_by: t.users.admin },
    ]).execute();
    await t.ctx.db.updateTable('worker_profile').set({ left_on: '2026-11-01' }).where('user_id', '=', t.users.colleague).execute();
    const body = (await leader.get('/api/v1/workforce')).json();
    const other = body.teams.find((x: { teamName: string }) => x.teamName === 'Safeguarding Team 2');
    expect(other).toMatchObject({ agency: 1, agencyLong: 1, agencyPercent: 100 });
    expect(body.totals.leavers).toBe(1);
    const page = textOf((await leader.get('/workforce?show=leavers')).body);
    expect(page).toContain('colleague');
  });
});
