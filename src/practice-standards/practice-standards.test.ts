// Practice standards per child (issue 9; seed DQ-22, DQ-47): compliance from council to team, worker and
// child, with the exception list; the quality of the work beside each standard for the same children;
// the council's parameters, changed by administrators and senior leaders only, each change kept. Each
// test gives its children their own worker, so the worker's line is exactly the hand-worked example.
// Today is TEST_TODAY, 20 November 2026.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type Agent, type TestApp } from '../../test/support/app.ts';
import { insertAssessment, insertReferral } from '../../test/support/records.ts';
import { createUser } from '../access/users.ts';
import { makeChild, makePlan, openEpisode, textOf } from '../plans/test-helpers.ts';
import { GENERAL_TOOL_ID } from '../case-audits/default-tools.ts';
import { overview, standardDetail } from './service.ts';
import { frontDoorManagers } from '../front-door/test-support.ts';

let t: TestApp;
let analyst: Agent;
let manager: Agent;

beforeAll(async () => {
  t = await startTestApp();
  analyst = await t.signIn('analyst');
  manager = await t.signIn('manager');
});
afterAll(async () => {
  await t?.close();
});

/** A social worker of their own in a team, so a test's children are that worker's line alone. */
async function newWorker(team = t.teams.safeguarding) {
  return createUser(t.ctx.db, { username: `sw-${randomUUID().slice(0, 8)}`, displayName: `Worker ${randomUUID().slice(0, 4)}`, role: 'social_worker', teamId: team, agency: null, password: 'correct horse battery staple 1' });
}

async function referral(childId: string, referralDate: string, seenOn: string | null, views: string | null = null) {
  const episodeId = await insertReferral(t, childId, referralDate);
  await insertAssessment(t, childId, episodeId, referralDate, { seenOn, views });
  return episodeId;
}

async function audit(childId: string, grade: 'outstanding' | 'good' | 'requires_improvement' | 'inadequate', auditedOn: string) {
  await t.ctx.db
    .insertInto('case_audit')
    .values({ id: randomUUID(), child_id: childId, tool_id: GENERAL_TOOL_ID, sample_id: null, reaudit_of: null, subject_worker_id: null, team_id: null, status: 'completed', audited_on: auditedOn, auditor_id: t.users.leader, auditor_role: 'senior', overall_grade: grade, child_experience: 'Seen and heard.', impact: 'Safer.', recorded_by: t.users.leader })
    .execute();
}

interface Detail {
  total: { children: number; notMeeting: number; meeting: { numerator: number; denominator: number; percent: number | null }; qualityFigure: { numerator: number; denominator: number } | null; audited: number; goodOrBetter: { numerator: number; denominator: number } };
  lines: { id: string | null; name: string; met: boolean | null; missed: number | null; checked: number | null; meeting: { numerator: number; denominator: number } }[];
  exceptions: { childId: string; what: string; fixAt: string; missed: number }[];
  exceptionTotal: number;
}

async function detail(agent: Agent, standard: string, query = ''): Promise<Detail> {
  const response = await agent.get(`/api/v1/practice-standards/${standard}${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Detail;
}

const ofWorker = (worker: string, team = t.teams.safeguarding) => `?team=${team}&worker=${worker}`;

describe('child seen within N days of referral (DQ-22, Wandsworth 2016 ¶103)', () => {
  it('a child first seen 24 days after referral is on the exception list; one seen in 5 days meets it; a referral still inside its 7 days is not counted yet (DQ-22 seeded test)', async () => {
    const worker = await newWorker();
    const late = await makeChild(t, { allocatedTo: worker, firstName: 'Late' });
    const prompt = await makeChild(t, { allocatedTo: worker, firstName: 'Prompt' });
    const unseen = await makeChild(t, { allocatedTo: worker, firstName: 'Unseen' });
    const recent = await makeChild(t, { allocatedTo: worker, firstName: 'Recent' });
    await referral(late, '2026-09-01', '2026-09-25');
    await referral(prompt, '2026-09-02', '2026-09-07', 'Wants to stay at home with her nan.');
    await referral(unseen, '2026-10-01', null);
    await referral(recent, '2026-11-17', null);
    // Older than the 3 months looked back (from 20 August): not counted.
    const old = await makeChild(t, { allocatedTo: worker, firstName: 'Old' });
    await referral(old, '2026-06-01', '2026-06-30');

    const d = await detail(analyst, 'child-seen', ofWorker(worker));
    // Late, Prompt and Unseen are checked; Recent (3 days ago) and Old are not: 1 of 3 meets it.
    expect(d.total.meeting).toEqual({ numerator: 1, denominator: 3, percent: 33.3, text: '33.3% (1 of 3)' });
    expect(d.lines.map((l) => [l.name, l.met])).toEqual([
      ['Late Adeyemi', false],
      ['Unseen Adeyemi', false],
      ['Prompt Adeyemi', true],
    ]);
    expect(d.exceptions.map((e) => [e.childId, e.what, e.fixAt])).toEqual([
      [late, 'Referred 1 September 2026, seen 25 September 2026', `/children/${late}/episodes`],
      [unseen, 'Referred 1 October 2026, not recorded as seen by 20 November 2026', `/children/${unseen}/episodes`],
    ]);
    // DQ-47: the child's views are recorded in 1 of the 3 assessments (Recent's is not counted yet).
    expect(d.total.qualityFigure).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('the exception list exports to CSV and XLSX, every child not meeting it with where it is put right', async () => {
    const worker = await newWorker();
    const late = await makeChild(t, { allocatedTo: worker, firstName: 'Exported' });
    await referral(late, '2026-09-01', '2026-09-25');
    const csv = await analyst.get(`/practice-standards/child-seen/exceptions.csv${ofWorker(worker)}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[1]).toContain(`"Exported Adeyemi","","${late}"`);
    expect(csv.body).toContain(`"Referred 1 September 2026, seen 25 September 2026","1","/children/${late}/episodes"`);
    const xlsx = await analyst.get(`/practice-standards/child-seen/exceptions.xlsx${ofWorker(worker)}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('the audit grade of the same children sits beside it (DQ-47: 98% on time while practice was inadequate, Wandsworth 2016 ¶27)', async () => {
    const worker = await newWorker();
    const a = await makeChild(t, { allocatedTo: worker });
    const b = await makeChild(t, { allocatedTo: worker });
    await referral(a, '2026-10-05', '2026-10-06');
    await referral(b, '2026-10-05', '2026-10-07');
    await audit(a, 'inadequate', '2026-11-01');
    await audit(b, 'good', '2025-06-01'); // more than 12 months ago: not counted
    const d = await detail(analyst, 'child-seen', ofWorker(worker));
    expect(d.total.meeting).toMatchObject({ numerator: 2, denominator: 2 });
    expect(d.total.audited).toBe(1);
    expect(d.total.goodOrBetter).toMatchObject({ numerator: 0, denominator: 1 });
  });
});

describe('strategy discussions are multi-agency (DQ-22; Working Together 2023 ch.3)', () => {
  it('a discussion without health is an exception, one with police and health meets it', async () => {
    const worker = await newWorker();
    const withHealth = await makeChild(t, { allocatedTo: worker });
    const withoutHealth = await makeChild(t, { allocatedTo: worker });
    for (const [child, agencies] of [
      [withHealth, ['POLICE', 'HEALTH', 'SOCIAL_CARE']],
      [withoutHealth, ['POLICE', 'SOCIAL_CARE']],
    ] as const) {
      const episodeId = await openEpisode(t, child, '2026-10-01');
      await t.ctx.db
        .insertInto('strategy_discussion')
        .values({ id: randomUUID(), child_id: child, episode_id: episodeId, enquiry_id: null, held_on: '2026-10-02', held_at: null, attendees: JSON.stringify(agencies.map((agency) => ({ agency, names: null }))), reason: 'Bruise', other_views: null, decisions: 'Enquiries', next_steps: null, outcome: 'NO_S47', recorded_by: t.users.worker })
        .execute();
    }
    const d = await detail(analyst, 'strategy-multi-agency', ofWorker(worker));
    expect(d.total.meeting).toMatchObject({ numerator: 1, denominator: 2 });
    expect(d.exceptions.map((e) => [e.childId, e.what, e.fixAt])).toEqual([[withoutHealth, 'Strategy discussion on 2 October 2026 without health', `/children/${withoutHealth}/protection`]]);
    // The record keeps no child's view of a strategy discussion: no quality figure, said plainly on the page.
    expect(d.total.qualityFigure).toBeNull();
  });
});

describe('visits to the plan’s frequency: the clocks of the due list (DQ-22, DQ-47)', () => {
  it('counts each visit clock that fell due in the look-back, on time when met by its due date, with the clock the due list shows', async () => {
    const worker = await newWorker();
    const visitor = await t.signIn('worker');
    const child = await makeChild(t, { allocatedTo: worker });
    const episodeId = await openEpisode(t, child, '2026-08-20');
    await makePlan(t, child, 'cin', '2026-09-01', episodeId);
    const visit = (visitedOn: string, seenAlone: 'yes' | 'no') =>
      visitor.api('POST', `/api/v1/children/${child}/visits`, { kind: 'cin', childSeen: true, seenAlone, observations: 'Saw the child at home.', visitedOn });
    expect((await visit('2026-09-15', 'yes')).statusCode).toBe(201);
    expect((await visit('2026-10-20', 'no')).statusCode).toBe(201);
    const clocks = await sql<{ due_on: string; met_on: string | null }>`SELECT due_on::text, met_on::text FROM clock WHERE child_id = ${child} AND rule_id = 'cin-visit' ORDER BY due_on`.execute(t.ctx.db);
    // 20 working days from 1 September is 29 September (met 15 September); from 15 September, 13 October
    // (met late, 20 October); from 20 October, 17 November (not met by 20 November).
    expect(clocks.rows).toEqual([
      { due_on: '2026-09-29', met_on: '2026-09-15' },
      { due_on: '2026-10-13', met_on: '2026-10-20' },
      { due_on: '2026-11-17', met_on: null },
    ]);
    const d = await detail(analyst, 'visits-to-plan', ofWorker(worker));
    expect(d.lines).toMatchObject([{ id: child, met: false, missed: 2, checked: 3 }]);
    expect(d.exceptions).toMatchObject([{ childId: child, what: 'Visit the child (child in need plan): due 13 October 2026, done late on 20 October 2026', missed: 2, fixAt: `/children/${child}/visits` }]);
    // Seen alone at the visit on time, not at the late one: the child's quality is "no" (every visit counts).
    expect(d.total.qualityFigure).toMatchObject({ numerator: 0, denominator: 1 });
  });
});

describe('casework supervision to policy (DQ-22, DQ-17)', () => {
  it('a child never discussed since allocation on 5 January is overdue from 2 March (8 weeks); one discussed on 1 November meets it', async () => {
    const worker = await newWorker();
    const never = await makeChild(t, { allocatedTo: worker });
    const discussed = await makeChild(t, { allocatedTo: worker });
    const sessionId = randomUUID();
    await t.ctx.db.insertInto('supervision_session').values({ id: sessionId, worker_id: worker, supervisor_id: t.users.manager, held_on: '2026-11-01', kind: 'casework', notes: '', recorded_by: t.users.manager }).execute();
    await t.ctx.db
      .insertInto('supervision_discussion')
      .values({ id: randomUUID(), session_id: sessionId, child_id: discussed, discussed_on: '2026-11-01', worker_id: worker, supervisor_id: t.users.manager, progress: 'Better.', reflection: 'Reflected.', decisions: 'Carry on.', recorded_by: t.users.manager })
      .execute();
    const d = await detail(analyst, 'supervision-to-policy', ofWorker(worker));
    expect(d.total.meeting).toMatchObject({ numerator: 1, denominator: 2 });
    expect(d.exceptions.map((e) => [e.childId, e.what, e.fixAt])).toEqual([[never, 'Due to be discussed in supervision by 2 March 2026; never discussed, not by 20 November 2026', `/children/${never}/supervision`]]);
  });
});

describe('from council to team, worker and child (DQ-22)', () => {
  it('each level opens the next: the council by team, a team by worker, a worker by child, each child their record', async () => {
    const worker = await newWorker();
    const child = await makeChild(t, { allocatedTo: worker, firstName: 'Rolled' });
    await referral(child, '2026-10-01', '2026-10-20');
    const council = await analyst.get('/practice-standards/child-seen');
    expect(council.statusCode, council.body.slice(0, 3000)).toBe(200);
    expect(council.body).toContain(`/practice-standards/child-seen?team=${t.teams.safeguarding}`);
    const team = await analyst.get(`/practice-standards/child-seen?team=${t.teams.safeguarding}`);
    expect(team.body).toContain(`worker=${worker}`);
    const line = await analyst.get(`/practice-standards/child-seen${ofWorker(worker)}`);
    expect(line.body).toContain(`/children/${child}/practice-standards`);
    expect(textOf(line.body)).toContain('Referred 1 October 2026, seen 20 October 2026');
    const own = await analyst.get(`/children/${child}/practice-standards`);
    expect(own.statusCode).toBe(200);
    expect(textOf(own.body)).toContain('Not met');
    expect(own.body).toContain(`/children/${child}/episodes`);
  });

  it('the council page pairs each standard with its quality, or says plainly the record has none', async () => {
    const page = await analyst.get('/practice-standards');
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Child seen within 7 days of referral');
    expect(text).toContain('Child’s views recorded in the assessment');
    expect(text).toContain('Not in the record: A strategy discussion records who took part');
  });

  it('a team manager sees their own team’s children only, and is refused another team’s figures', async () => {
    const other = await newWorker(t.teams.other);
    const child = await makeChild(t, { allocatedTo: other });
    await referral(child, '2026-10-01', null);
    const mine = await detail(manager, 'child-seen');
    expect(mine.exceptions.map((e) => e.childId)).not.toContain(child);
    const theirs = await manager.get(`/api/v1/practice-standards/child-seen?team=${t.teams.other}`);
    expect(theirs.statusCode).toBe(403);
    expect((await analyst.get(`/api/v1/practice-standards/child-seen?team=${t.teams.other}`)).json().exceptions.map((e: { childId: string }) => e.childId)).toContain(child);
  });

  it('the front door’s manager sees every team’s figure, but only their own team opens: no link leads to a refusal', async () => {
    const child = await makeChild(t, { allocatedTo: await newWorker(t.teams.other) });
    await referral(child, '2026-10-01', null);
    const { manager: frontDoorManager } = await frontDoorManagers(t);
    const council = await frontDoorManager.get('/practice-standards/child-seen');
    expect(council.statusCode).toBe(200);
    expect(textOf(council.body)).toContain('Safeguarding Team 2');
    expect(council.body).not.toContain(`/practice-standards/child-seen?team=${t.teams.other}`);
    expect((await frontDoorManager.get(`/practice-standards/child-seen?team=${t.teams.other}`)).statusCode).toBe(403);
    // The analyst, who may open every team, is still led to each.
    expect((await analyst.get('/practice-standards/child-seen')).body).toContain(`/practice-standards/child-seen?team=${t.teams.other}`);
  });

  it('a team manager’s figures, counted from the children they could see, are the council’s counted and then filtered by who they may see', async () => {
    const ours = await newWorker();
    const theirs = await newWorker(t.teams.other);
    for (const [worker, seenOn] of [[ours, '2026-10-03'], [ours, null], [theirs, null]] as const) await referral(await makeChild(t, { allocatedTo: worker }), '2026-10-01', seenOn);
    const row = await t.ctx.db.selectFrom('app_user').select(['id', 'username', 'display_name', 'role', 'team_id', 'agency']).where('id', '=', t.users.manager).executeTakeFirstOrThrow();
    expect(row.role).toBe('team_manager');
    const user = { id: row.id, username: row.username, displayName: row.display_name, role: 'team_manager' as const, teamId: row.team_id, agency: row.agency };
    // inFrontDoorTeam false: reachableChildren narrows the statement first; unknown: it does not, and childVisibleTo alone decides.
    const fromTheirChildren = { ...user, inFrontDoorTeam: false as const };
    const fromTheCouncil = { ...user, inFrontDoorTeam: undefined };
    const narrowed = await overview(t.ctx.db, fromTheirChildren, TEST_TODAY);
    expect(narrowed).toEqual(await overview(t.ctx.db, fromTheCouncil, TEST_TODAY));
    const seen = narrowed.standards.find((s) => s.id === 'child-seen')!;
    expect(seen.children).toBeGreaterThanOrEqual(2);
    expect(seen.children).toBeLessThan((await overview(t.ctx.db, { ...user, role: 'senior_leader' }, TEST_TODAY)).standards.find((s) => s.id === 'child-seen')!.children);
    const level = await standardDetail(t.ctx.db, fromTheirChildren, 'child-seen', TEST_TODAY, {}, 1);
    expect(level).toEqual(await standardDetail(t.ctx.db, fromTheCouncil, 'child-seen', TEST_TODAY, {}, 1));
    expect(level.exceptions.length).toBeGreaterThan(0);
  });

  it('a standard that does not exist is not found', async () => {
    expect((await analyst.get('/practice-standards/no-such-standard')).statusCode).toBe(404);
  });
});

describe('the council’s parameters (DQ-22: "a council configures its standards")', () => {
  it('a senior leader changes N days; the change is audited and the earlier version kept; the figures follow', async () => {
    const worker = await newWorker();
    const child = await makeChild(t, { allocatedTo: worker });
    await referral(child, '2026-09-01', '2026-09-25'); // seen after 24 days
    expect((await detail(analyst, 'child-seen', ofWorker(worker))).total.meeting).toMatchObject({ numerator: 0, denominator: 1 });

    const leader = await t.signIn('leader');
    const form = await leader.get('/practice-standards/settings');
    expect(form.statusCode).toBe(200);
    const values: Record<string, string> = {};
    for (const m of form.body.matchAll(/name="([a-z-]+-(?:months|days))"[^>]*value="(\d+)"/g)) values[m[1]!] = m[2]!;
    for (const m of form.body.matchAll(/name="([a-z-]+-enabled)"[^>]*value="(yes|no)" checked/g)) values[m[1]!] = m[2]!;
    expect(values['child-seen-days']).toBe('7');
    const saved = await leader.post('/practice-standards/settings', { ...values, 'child-seen-days': '30', 'strategy-multi-agency-enabled': 'no' });
    expect(saved.statusCode).toBe(303);

    const d = await detail(analyst, 'child-seen', ofWorker(worker));
    expect(d.total.meeting).toMatchObject({ numerator: 1, denominator: 1 });
    const row = await t.ctx.db.selectFrom('practice_standard_setting').selectAll().where('standard_id', '=', 'child-seen').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ days: 30, recorded_by: t.users.leader });
    const auditRow = await t.ctx.db.selectFrom('audit_log').select(['action', 'object_type', 'object_id']).where('user_id', '=', t.users.leader).where('action', '=', 'setting-changed').executeTakeFirstOrThrow();
    expect(auditRow).toEqual({ action: 'setting-changed', object_type: 'practice-standards', object_id: 'child-seen,strategy-multi-agency' });
    // Switched off, a standard leaves the council's page and is not found.
    expect(textOf((await analyst.get('/practice-standards')).body)).toMatch(/Switched off by the council\s+Strategy discussions are multi-agency/);
    expect((await analyst.get('/practice-standards/strategy-multi-agency')).statusCode).toBe(404);

    // Changed again through the API: the earlier version goes to record_version.
    const put = await leader.api('PUT', '/api/v1/practice-standards/settings', { standards: [{ id: 'child-seen', enabled: true, days: 7, lookBackMonths: 3 }, { id: 'strategy-multi-agency', enabled: true, lookBackMonths: 3 }] });
    expect(put.statusCode, put.body).toBe(200);
    const versions = await t.ctx.db.selectFrom('record_version').select(['data', 'changed_by']).where('record_id', '=', row.id).execute();
    expect(versions).toHaveLength(1);
    expect(versions[0]!.changed_by).toBe(t.users.leader);
    expect((await detail(analyst, 'child-seen', ofWorker(worker))).total.meeting).toMatchObject({ numerator: 0, denominator: 1 });
  });

  it('a bad number is refused with the form put back; a social worker or a team manager may not change them', async () => {
    const leader = await t.signIn('leader');
    const bad = await leader.post('/practice-standards/settings', { 'child-seen-enabled': 'yes', 'child-seen-days': '0', 'child-seen-months': '3' });
    expect(bad.statusCode).toBe(400);
    expect(textOf(bad.body)).toContain('must be from 1 to 365');
    for (const who of ['worker', 'manager'] as const) {
      const agent = await t.signIn(who);
      expect((await agent.get('/practice-standards/settings')).statusCode).toBe(403);
    }
    expect((await (await t.signIn('admin')).get('/practice-standards/settings')).statusCode).toBe(200);
  });

  it('the council’s timescale settings are linked for an administrator, who sets them; a senior leader is told who does', async () => {
    const admin = await t.signIn('admin');
    expect((await admin.get('/practice-standards/settings')).body).toContain('href="/admin/settings"');
    const leader = await t.signIn('leader');
    const form = await leader.get('/practice-standards/settings');
    expect(form.body).not.toContain('href="/admin/settings"');
    expect(textOf(form.body)).toContain('timescale settings (set by an administrator)');
    expect((await leader.get('/admin/settings')).statusCode).toBe(403);
  });
});
