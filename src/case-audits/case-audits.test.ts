// Case audits (issue 8; seed QA-01..QA-06, DQ-41..DQ-43; decision 0024): factual items from the
// record, refusals (the child's own worker, a factual item graded against the record without a
// reason, an action with no owner or date), moderation, samples drawn again from their seed,
// re-audits, and a hand-worked report whose every figure is known.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, makeChild, textOf } from '../plans/test-helpers.ts';
import type { SignedInUser } from '../access/policy.ts';
import { factsFrom } from './facts.ts';
import { GENERAL_TOOL_ID, STRATEGY_TOOL_ID } from './default-tools.ts';
import { drawSample, gradeAudit, moderateAudit, sampleChildren } from './service.ts';
import { addTool, toolOf } from './tools.ts';
import { auditReport, auditsBehind, poorPracticeThemes } from './report.ts';
import type { Grade } from './codes.ts';

let t: TestApp;
let manager: Agent;
let worker: Agent;

beforeAll(async () => {
  t = await startTestApp(); // today is Friday 20 November 2026
  manager = await t.signIn('manager');
  worker = await t.signIn('worker');
});

afterAll(async () => {
  await t?.close();
});

const userOf = async (who: keyof TestApp['users']): Promise<SignedInUser> => {
  const u = await t.ctx.db.selectFrom('app_user').selectAll().where('id', '=', t.users[who]).executeTakeFirstOrThrow();
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role as SignedInUser['role'], teamId: u.team_id, agency: u.agency };
};
const count = async (table: 'case_audit' | 'case_audit_answer' | 'case_action' | 'case_audit_moderation', childId: string) =>
  Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('child_id', '=', childId).executeTakeFirstOrThrow()).n);

/** The general tool's form, every question graded `grade`. */
async function generalForm(more: Record<string, string> = {}, grade: Grade = 'good') {
  const tool = await toolOf(t.ctx.db, GENERAL_TOOL_ID);
  return {
    questionKeys: tool.questions.map((q) => q.key).join(','),
    ...dateFields('auditedOn', '2026-11-16'),
    auditorRole: 'first_line',
    ...Object.fromEntries(tool.questions.map((q) => [`grade-${q.key}`, grade])),
    overallGrade: grade,
    childExperience: 'Ayo is settled at school and says home is calmer; he sees his worker alone.',
    impact: 'The plan has reduced the arguments at home; the school reports better attendance.',
    ...more,
  };
}

describe('factual items are read from the record (Wandsworth 2017 ¶23, ¶104; QA-05, DQ-41)', () => {
  const row = { sd_on: null, sd_agencies: null, as_started: null, as_seen_on: null, as_not_seen_reason: null, ac_due: null, ac_met: null, visits_due: 0, visits_late: 0, plan_kind: null, plan_actions: 0, plan_overdue: 0, cd_due: null, cd_met: null };

  it('a strategy discussion of police and social care only is not met, and names who was missing (Wandsworth 2017 ¶23)', () => {
    const facts = factsFrom({ ...row, sd_on: '2026-10-01', sd_agencies: ['POLICE', 'SOCIAL_CARE'] });
    expect(facts.strategy_agencies.met).toBe(false);
    expect(facts.strategy_agencies.says).toContain('not there: health');
    expect(factsFrom({ ...row, sd_on: '2026-10-01', sd_agencies: ['POLICE', 'HEALTH', 'SOCIAL_CARE'] }).strategy_agencies.met).toBe(true);
  });

  it('an item the record has nothing for does not apply; a plan with actions past their date is not met (Southend 2016 ¶27)', () => {
    const facts = factsFrom({ ...row, plan_kind: 'cin', plan_actions: 4, plan_overdue: 1, ac_due: '2026-05-01', ac_met: '2026-05-08' });
    expect(facts.strategy_agencies.met).toBeNull();
    expect(facts.plan_actions_on_time).toEqual({ met: false, says: '4 actions on the plan, 1 open past their date' });
    expect(facts.assessment_on_time.met).toBe(false);
  });
});

describe('grading an audit on the child’s record (QA-01)', () => {
  it('a manager grades a general audit: the answers, the journal event and the actions are recorded', async () => {
    const childId = await makeChild(t);
    const page = await manager.get(`/children/${childId}/audits/new?tool=${GENERAL_TOOL_ID}`);
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('What the record says');
    const response = await manager.post(`/children/${childId}/audits/new?tool=${GENERAL_TOOL_ID}`, await generalForm({ action1: 'Update the chronology', owner1: 'worker', ...dateFields('due1', '2026-12-04') }));
    expect(response.statusCode, textOf(response.body).slice(0, 600)).toBe(303);
    const audit = await t.ctx.db.selectFrom('case_audit').selectAll().where('child_id', '=', childId).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ status: 'completed', overall_grade: 'good', auditor_role: 'first_line', subject_worker_id: t.users.worker, team_id: t.teams.safeguarding });
    expect(await count('case_audit_answer', childId)).toBe(8);
    const action = await t.ctx.db.selectFrom('case_action').selectAll().where('child_id', '=', childId).executeTakeFirstOrThrow();
    expect(action).toMatchObject({ source: 'audit', source_id: audit.id, owner: 'worker', due_on: '2026-12-04' });
    const event = await t.ctx.db.selectFrom('child_event').selectAll().where('child_id', '=', childId).where('type', '=', 'case-audit.completed').executeTakeFirstOrThrow();
    expect(event.title).toContain('Case audit (General case audit): good');
    const record = await manager.get(`/children/${childId}/audits/${audit.id}`);
    expect(textOf(record.body)).toContain('Update the chronology');
  });

  it('refuses an audit graded by the child’s own allocated worker, and stores nothing (Southend 2016 ¶118; QA-09)', async () => {
    const childId = await makeChild(t, { allocatedTo: t.users.manager });
    const response = await manager.post(`/children/${childId}/audits/new?tool=${GENERAL_TOOL_ID}`, await generalForm());
    expect(response.statusCode).toBe(422);
    expect(textOf(response.body)).toContain('You are, or recently were, this child’s allocated worker');
    expect(await count('case_audit', childId)).toBe(0);
    expect(await count('case_audit_answer', childId)).toBe(0);
  });

  it('refuses a worker whose allocation ended within six months, but not one who left the child a year ago (decision 0024)', async () => {
    const childId = await makeChild(t);
    const allocation = { child_id: childId, worker_id: t.users.manager, role: 'social_worker', recorded_by: t.users.admin };
    await t.ctx.db.insertInto('allocation').values({ id: randomUUID(), ...allocation, from_date: '2026-02-01', to_date: '2026-08-31' }).execute();
    expect((await manager.post(`/children/${childId}/audits/new?tool=${GENERAL_TOOL_ID}`, await generalForm())).statusCode).toBe(422);
    await t.ctx.db.updateTable('allocation').set({ from_date: '2025-01-01', to_date: '2025-10-31' }).where('child_id', '=', childId).where('worker_id', '=', t.users.manager).execute();
    expect((await manager.post(`/children/${childId}/audits/new?tool=${GENERAL_TOOL_ID}`, await generalForm())).statusCode).toBe(303);
  });

  it('refuses a factual item graded good against the record without a reason; with one, the override is stored (DQ-41; Wandsworth 2017 ¶23)', async () => {
    const childId = await makeChild(t);
    const episode = await t.ctx.db.insertInto('cin_episode').values({ id: randomUUID(), child_id: childId, referral_date: '2026-09-01', referral_source: '2A', referral_nfa: false, contact_id: null, closed_on: null, closure_reason: null, primary_need: null, recorded_by: t.users.worker }).returning('id').executeTakeFirstOrThrow();
    await t.ctx.db
      .insertInto('strategy_discussion')
      .values({ id: randomUUID(), child_id: childId, episode_id: episode.id, enquiry_id: null, held_on: '2026-09-03', held_at: null, attendees: JSON.stringify([{ agency: 'POLICE', names: null }, { agency: 'SOCIAL_CARE', names: null }]), reason: 'Injury', other_views: null, decisions: 'S47', next_steps: null, outcome: 'S47', recorded_by: t.users.worker })
      .execute();
    const tool = await toolOf(t.ctx.db, STRATEGY_TOOL_ID);
    const form = {
      questionKeys: tool.questions.map((q) => q.key).join(','),
      ...dateFields('auditedOn', '2026-11-16'),
      auditorRole: 'first_line',
      ...Object.fromEntries(tool.questions.map((q) => [`grade-${q.key}`, 'good'])),
      overallGrade: 'good',
      childExperience: 'Seen at school the next day.',
      impact: 'Safety plan in place.',
    };
    const url = `/children/${childId}/audits/new?tool=${STRATEGY_TOOL_ID}`;
    const page = await manager.get(url);
    expect(textOf(page.body)).toContain('What the record says: not met . Strategy discussion on 3 September 2026: police, children’s social care; not there: health');
    const refused = await manager.post(url, form);
    expect(refused.statusCode).toBe(422);
    expect(textOf(refused.body)).toContain('the record says this was not met');
    expect(refused.body).toContain('href="#override-participation-agencies"');
    expect(await count('case_audit', childId)).toBe(0);
    const saved = await manager.post(url, { ...form, 'override-participation-agencies': 'Health gave their view by email the same afternoon.' });
    expect(saved.statusCode, textOf(saved.body).slice(0, 500)).toBe(303);
    const answer = await t.ctx.db.selectFrom('case_audit_answer').selectAll().where('child_id', '=', childId).where('question_key', '=', 'participation-agencies').executeTakeFirstOrThrow();
    expect(answer).toMatchObject({ fact: 'strategy_agencies', fact_met: false, grade: 'good', override_reason: 'Health gave their view by email the same afternoon.' });
  });

  it('refuses an action with no owner or date, and stores nothing (decision 0020; Southend 2016 ¶27)', async () => {
    const childId = await makeChild(t);
    const response = await manager.post(`/children/${childId}/audits/new?tool=${GENERAL_TOOL_ID}`, await generalForm({ action1: 'Visit the child alone' }));
    expect(response.statusCode).toBe(400);
    expect(textOf(response.body)).toContain('Enter who will do action 1');
    expect(textOf(response.body)).toContain('Enter the date action 1 is due');
    expect(await count('case_audit', childId)).toBe(0);
    expect(await count('case_action', childId)).toBe(0);
  });

  it('refuses a question left ungraded, naming it', async () => {
    const childId = await makeChild(t);
    const form = await generalForm();
    delete (form as Record<string, string>)['grade-planning-smart'];
    const response = await manager.post(`/children/${childId}/audits/new?tool=${GENERAL_TOOL_ID}`, form);
    expect(response.statusCode).toBe(400);
    expect(textOf(response.body)).toContain('Choose a grade for question 7');
  });

  it('a social worker does not audit (decision 0024)', async () => {
    const childId = await makeChild(t, { allocatedTo: t.users.colleague });
    const response = await worker.post(`/children/${childId}/audits/new?tool=${GENERAL_TOOL_ID}`, await generalForm());
    expect(response.statusCode).toBe(403);
    expect(await count('case_audit', childId)).toBe(0);
  });

  it('the auditor does not moderate their own audit; a senior leader does, and a re-audit shows the change (QA-02, QA-03)', async () => {
    const childId = await makeChild(t);
    await manager.post(`/children/${childId}/audits/new?tool=${GENERAL_TOOL_ID}`, await generalForm({}, 'requires_improvement'));
    const audit = await t.ctx.db.selectFrom('case_audit').select('id').where('child_id', '=', childId).executeTakeFirstOrThrow();
    const moderation = { ...dateFields('moderatedOn', '2026-11-18'), moderatorRole: 'senior', overallGrade: 'inadequate', comment: 'No plan for the risk from the father.' };
    const own = await manager.post(`/children/${childId}/audits/${audit.id}/moderate`, moderation);
    expect(own.statusCode).toBe(422);
    expect(textOf(own.body)).toContain('moderation needs a second person');
    const leader = await t.signIn('leader');
    expect((await leader.post(`/children/${childId}/audits/${audit.id}/moderate`, moderation)).statusCode).toBe(303);
    expect(await count('case_audit_moderation', childId)).toBe(1);
    const reaudit = await leader.post(`/children/${childId}/audits/new?tool=${GENERAL_TOOL_ID}&reauditOf=${audit.id}`, await generalForm({ ...dateFields('auditedOn', '2026-11-19'), auditorRole: 'senior' }, 'good'));
    expect(reaudit.statusCode, textOf(reaudit.body).slice(0, 500)).toBe(303);
    const page = await leader.get(`/children/${childId}/audits/${audit.id}`);
    expect(textOf(page.body)).toContain('Good (better by 1 grade)');
  });
});

describe('samples (QA-06, MO-07)', () => {
  it('draws the same children again from the same seed, and plans an audit naming the worker audited', async () => {
    const children = [];
    for (let i = 0; i < 6; i++) children.push(await makeChild(t, { allocatedTo: t.users.colleague, firstName: `Sample${i}` }));
    const leader = await userOf('leader');
    const input = { kind: 'team_random' as const, toolId: GENERAL_TOOL_ID, teamId: t.teams.safeguarding, periodFrom: '2026-10-01', periodTo: '2026-10-31', size: 3, seed: 42 };
    const first = await sampleChildren(t.ctx.db, leader, input, 42);
    const again = await sampleChildren(t.ctx.db, leader, input, 42);
    expect(again.map((r) => r.child_id)).toEqual(first.map((r) => r.child_id));
    const sample = await drawSample(t.ctx.db, leader, input, TEST_TODAY);
    expect(sample.drawn).toBe(3);
    const planned = await t.ctx.db.selectFrom('case_audit').select(['child_id', 'subject_worker_id', 'status']).where('sample_id', '=', sample.id).orderBy('child_id').execute();
    expect(planned.map((p) => p.child_id).sort()).toEqual(first.map((r) => r.child_id).sort());
    const stored = await t.ctx.db.selectFrom('audit_sample').selectAll().where('id', '=', sample.id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ seed: 42, size: 3, eligible: first[0]!.eligible });
  });

  it('refuses a period that has not ended, and a team sample with no team', async () => {
    const response = await manager.post('/audits/samples/new', { kind: 'team_random', toolId: GENERAL_TOOL_ID, teamId: '', ...dateFields('periodFrom', '2026-11-01'), ...dateFields('periodTo', '2026-11-07'), size: '5', seed: '' });
    expect(response.statusCode).toBe(400);
    expect(textOf(response.body)).toContain('Choose the team to sample');
    const future = await manager.post('/audits/samples/new', { kind: 'nfa_contacts', toolId: GENERAL_TOOL_ID, teamId: '', ...dateFields('periodFrom', '2026-11-16'), ...dateFields('periodTo', '2026-11-27'), size: '5', seed: '' });
    expect(future.statusCode).toBe(422);
    expect(textOf(future.body)).toContain('The period must have ended');
  });
});

describe('the audit report is generated from the grades (Southend 2016 ¶119, rec 2; Newham 2014 ¶133; QA-02, QA-04, DQ-42, DQ-43)', () => {
  it('a hand-worked report: counts by grade, domain, team and question, and moderation variance by role, exactly', async () => {
    const leader = await userOf('leader');
    const managerUser = await userOf('manager');
    const analyst = await userOf('analyst');
    const toolId = await addTool(t.ctx.db, leader, { name: 'Hand-worked tool', purpose: 'Test', questions: 'Practice\nQ one\nQ two\n\nOversight\nQ three', facts: [] });
    const grade = async (who: SignedInUser, role: 'first_line' | 'senior' | 'external', childId: string, overall: Grade, answers: [Grade, Grade, Grade]) =>
      gradeAudit(
        t.ctx.db,
        who,
        childId,
        { toolId },
        {
          auditedOn: '2026-11-10',
          auditorRole: role,
          overallGrade: overall,
          childExperience: 'Seen',
          impact: 'Some',
          answers: [
            { questionKey: 'd1-q1', grade: answers[0], comment: null, overrideReason: null },
            { questionKey: 'd1-q2', grade: answers[1], comment: null, overrideReason: null },
            { questionKey: 'd2-q1', grade: answers[2], comment: null, overrideReason: null },
          ],
          actions: [],
        },
        TEST_TODAY,
      );
    const c = [];
    for (let i = 0; i < 5; i++) c.push(await makeChild(t, { allocatedTo: i < 3 ? t.users.worker : t.users.otherWorker }));
    const a1 = await grade(managerUser, 'first_line', c[0]!, 'good', ['good', 'good', 'requires_improvement']);
    const a2 = await grade(managerUser, 'first_line', c[1]!, 'outstanding', ['outstanding', 'good', 'good']);
    const a3 = await grade(analyst, 'external', c[2]!, 'requires_improvement', ['requires_improvement', 'inadequate', 'requires_improvement']);
    const a4 = await grade(leader, 'senior', c[3]!, 'inadequate', ['inadequate', 'inadequate', 'requires_improvement']);
    const a5 = await grade(managerUser, 'first_line', c[4]!, 'good', ['good', 'requires_improvement', 'good']);
    const moderate = (who: SignedInUser, role: 'first_line' | 'senior' | 'external', childId: string, auditId: string, overall: Grade) =>
      moderateAudit(t.ctx.db, who, childId, auditId, { moderatedOn: '2026-11-12', moderatorRole: role, overallGrade: overall, comment: 'Moderated' }, TEST_TODAY);
    await moderate(leader, 'senior', c[0]!, a1, 'requires_improvement');
    await moderate(leader, 'senior', c[1]!, a2, 'good');
    await moderate(leader, 'senior', c[4]!, a5, 'good');
    await moderate(analyst, 'external', c[3]!, a4, 'inadequate');
    await moderate(managerUser, 'first_line', c[2]!, a3, 'good');

    const report = await auditReport(t.ctx.db, leader, { from: '2026-11-01', to: TEST_TODAY, tool: toolId });
    expect(report.byGrade).toEqual({ outstanding: 1, good: 2, requires_improvement: 1, inadequate: 1, total: 5 });
    expect(report.byDomain.map((d) => [d.label, d.counts])).toEqual([
      ['Practice', { outstanding: 1, good: 4, requires_improvement: 2, inadequate: 3, total: 10 }],
      ['Oversight', { outstanding: 0, good: 2, requires_improvement: 3, inadequate: 0, total: 5 }],
    ]);
    expect(report.byTeam.map((d) => [d.label, d.counts])).toEqual([
      ['Safeguarding Team 1', { outstanding: 1, good: 1, requires_improvement: 1, inadequate: 0, total: 3 }],
      ['Safeguarding Team 2', { outstanding: 0, good: 1, requires_improvement: 0, inadequate: 1, total: 2 }],
    ]);
    expect(report.byQuestion.map((q) => [q.label, q.counts.total, q.counts.inadequate])).toEqual([
      ['Q one', 5, 1],
      ['Q two', 5, 2],
      ['Q three', 5, 0],
    ]);
    expect(poorPracticeThemes(report.byQuestion).map((q) => [q.label, q.poor])).toEqual([
      ['Q two', 3],
      ['Q three', 3],
      ['Q one', 2],
    ]);
    // First-line managers graded more generously than the senior manager who moderated them (Newham 2014 ¶133).
    expect(report.moderation).toEqual([
      { auditorRole: 'external', moderatorRole: 'first_line', moderated: 1, agreed: 0, auditorHigher: 0, auditorLower: 1, meanDifference: -1 },
      { auditorRole: 'first_line', moderatorRole: 'senior', moderated: 3, agreed: 1, auditorHigher: 2, auditorLower: 0, meanDifference: 0.67 },
      { auditorRole: 'senior', moderatorRole: 'external', moderated: 1, agreed: 1, auditorHigher: 0, auditorLower: 0, meanDifference: 0 },
    ]);
    // Each count opens exactly the audits behind it.
    const good = await auditsBehind(t.ctx.db, leader, { from: '2026-11-01', to: TEST_TODAY, tool: toolId, grade: 'good' }, 1);
    expect(good.total).toBe(2);
    expect(good.rows.map((r) => r.child_id).sort()).toEqual([c[0], c[4]].sort());
    const practiceInadequate = await auditsBehind(t.ctx.db, leader, { from: '2026-11-01', to: TEST_TODAY, tool: toolId, domain: 'd1', grade: 'inadequate' }, 1);
    expect(practiceInadequate.total).toBe(3);
    const firstLineModerated = await auditsBehind(t.ctx.db, leader, { from: '2026-11-01', to: TEST_TODAY, tool: toolId, auditorRole: 'first_line' }, 1);
    expect(firstLineModerated.total).toBe(3);

    const leaderAgent = await t.signIn('leader');
    const page = await leaderAgent.get(`/audits/report?from=2026-11-01&to=${TEST_TODAY}&tool=${toolId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/audits/report/audits?from=2026-11-01&amp;to=${TEST_TODAY}&amp;tool=${toolId}&amp;grade=good`);
    const list = await leaderAgent.get(`/audits/report/audits?from=2026-11-01&to=${TEST_TODAY}&tool=${toolId}&grade=good`);
    expect(list.statusCode).toBe(200);
    expect(textOf(list.body)).toContain('2 audits');
    const programme = await leaderAgent.get('/audits');
    expect(programme.statusCode).toBe(200);
  });

  it('the report’s figures through the API', async () => {
    const leaderAgent = await t.signIn('leader');
    const response = await leaderAgent.get(`/api/v1/audits/report?from=2026-11-01&to=${TEST_TODAY}`);
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body) as { byGrade: { total: number } };
    expect(body.byGrade.total).toBeGreaterThanOrEqual(5);
  });
});

describe('audit tools as data', () => {
  it('a senior leader adds a tool with factual items; a manager cannot', async () => {
    const leaderAgent = await t.signIn('leader');
    const ok = await leaderAgent.post('/audits/tools', { name: 'Missing children audit', purpose: 'Return interviews', questions: 'Return interviews\nOffered within 72 hours\nThe child’s account is used', facts: ['visits_on_time'] });
    expect(ok.statusCode, textOf(ok.body).slice(0, 400)).toBe(303);
    const tool = await t.ctx.db.selectFrom('audit_tool').selectAll().where('name', '=', 'Missing children audit').executeTakeFirstOrThrow();
    expect(tool.domains.map((d) => d.title)).toEqual(['Return interviews', 'What the record shows']);
    expect(tool.domains[1]!.questions[0]!.fact).toBe('visits_on_time');
    expect((await manager.post('/audits/tools', { name: 'X', purpose: 'Y', questions: 'A\nB' })).statusCode).toBe(403);
  });
});

describe('retiring a tool', () => {
  it('a retired tool is not offered for new audits, and refused if asked for', async () => {
    const leaderAgent = await t.signIn('leader');
    const tool = await t.ctx.db.selectFrom('audit_tool').select('id').where('name', '=', 'Missing children audit').executeTakeFirstOrThrow();
    expect((await leaderAgent.post(`/audits/tools/${tool.id}/active`, { active: 'no' })).statusCode).toBe(303);
    const childId = await makeChild(t);
    expect(textOf((await manager.get(`/children/${childId}/audits`)).body)).not.toContain('Missing children audit');
    const refused = await gradeAudit(t.ctx.db, await userOf('manager'), childId, { toolId: tool.id }, { auditedOn: '2026-11-16', auditorRole: 'first_line', overallGrade: 'good', childExperience: 'x', impact: 'y', answers: [], actions: [] }, TEST_TODAY).catch((e: Error) => e.message);
    expect(refused).toBe('That tool has been retired: choose another');
  });
});
