// Early help: the episode and its assessment, meetings and plan; step-up to social care and step-down
// from it with a handover; no step-down or closure before the assessment is complete without a team
// manager's recorded reason (Southend ¶16, ¶19-21).
import { givenDecision } from '../oversight/test-helpers.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type Agent, type TestApp } from '../../test/support/app.ts';
import { receiveReferral } from '../episodes/service.ts';
import { addTestChild, dateFields, errorSummary } from '../front-door/test-support.ts';

let t: TestApp;
let worker: Agent;
let manager: Agent;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
  manager = await t.signIn('manager');
});
afterAll(async () => t?.close());

const db = () => t.handle.db;
const eventTypes = async (childId: string) =>
  (await db().selectFrom('child_event').select('type').where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('occurred_on').orderBy('recorded_at').execute()).map((e) => e.type);
const episodesOf = (childId: string) => db().selectFrom('early_help_episode').selectAll().where('child_id', '=', childId).orderBy('started_on').execute();

async function startEarlyHelp(childId: string, startedOn = '2026-11-02'): Promise<string> {
  const response = await worker.post(`/children/${childId}/early-help/new`, { ...dateFields('startedOn', startedOn), leadUserId: '', leadName: 'Jo Bloggs', leadAgency: 'SCHOOL' });
  expect(response.statusCode, errorSummary(response.body)).toBe(303);
  return (response.headers.location as string).split('/').pop()!;
}

const closeForm = (extra: Record<string, string> = {}) => ({ ...dateFields('closedOn', TEST_TODAY), reason: 'NEEDS_MET', notes: '', ...extra });

describe('an early help episode', () => {
  it('records the assessment, team-around-the-family meetings and the plan, each in the chronology', async () => {
    const child = await addTestChild(t, { allocatedTo: t.users.worker });
    const episodeId = await startEarlyHelp(child.id);
    const base = `/children/${child.id}/early-help/${episodeId}`;

    expect((await worker.post(`${base}/assessment`, { ...dateFields('startedOn', '2026-11-03'), needs: 'Sleep and school attendance', views: '', analysis: '' })).statusCode).toBe(303);
    const incomplete = await worker.post(`${base}/assessment`, { ...dateFields('startedOn', '2026-11-03'), ...dateFields('completedOn', '2026-11-10'), needs: 'Sleep and school attendance', analysis: '' });
    expect(incomplete.statusCode).toBe(400);
    expect(errorSummary(incomplete.body)).toContain('Give the analysis before completing the assessment');

    const noAgencies = await worker.post(`${base}/meetings`, { ...dateFields('heldOn', '2026-11-12'), summary: 'Agreed a routine.' });
    expect(noAgencies.statusCode).toBe(400);
    expect(errorSummary(noAgencies.body)).toContain('Select who came to the meeting');
    expect((await worker.post(`${base}/meetings`, { ...dateFields('heldOn', '2026-11-12'), agencies: ['FAMILY', 'SCHOOL', 'HEALTH'], summary: 'Agreed a bedtime routine and a school-gate check-in.' })).statusCode).toBe(303);

    const plan = await worker.post(`${base}/plan`, dateFields('startedOn', '2026-11-12'));
    expect(plan.statusCode).toBe(303);
    const planRow = await db().selectFrom('plan').selectAll().where('child_id', '=', child.id).executeTakeFirstOrThrow();
    expect(planRow).toMatchObject({ kind: 'early_help', started_on: '2026-11-12', ended_on: null });
    expect(plan.headers.location).toBe(`/children/${child.id}/plans/${planRow.id}`);

    const page = await worker.get(base);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Jo Bloggs (School or nursery)');
    expect(page.body).toContain('Parents or carers, School or nursery, Health');
    expect(await eventTypes(child.id)).toEqual(['early-help.started', 'early-help.assessment-started', 'early-help.meeting-held', 'early-help.plan-started']);
    const api = await worker.get(`/api/v1/children/${child.id}/early-help/${episodeId}`);
    expect(api.json()).toMatchObject({ episode: { id: episodeId, lead_name: 'Jo Bloggs' }, meetings: [{ held_on: '2026-11-12' }], plan: { id: planRow.id } });
  });

  it('cannot start alongside another early help episode or an open social care episode', async () => {
    const child = await addTestChild(t, { allocatedTo: t.users.worker });
    await startEarlyHelp(child.id);
    const again = await worker.post(`/children/${child.id}/early-help/new`, dateFields('startedOn', TEST_TODAY));
    expect(again.statusCode).toBe(422);
    expect(errorSummary(again.body)).toContain('already has early help from 2 November 2026');

    const inCare = await addTestChild(t, { allocatedTo: t.users.worker });
    await receiveReferral(db(), { childId: inCare.id, referralDate: '2026-11-01', referralSource: '2A' }, t.users.worker, TEST_TODAY);
    const alongside = await worker.post(`/children/${inCare.id}/early-help/new`, dateFields('startedOn', TEST_TODAY));
    expect(alongside.statusCode).toBe(422);
    expect(errorSummary(alongside.body)).toContain('open social care episode');
  });
});

describe('closing early help before its assessment is complete (Southend ¶16, ¶19-21)', () => {
  it('is refused without a team manager’s reason, and accepted with one; a refusal stores nothing', async () => {
    const child = await addTestChild(t, { allocatedTo: t.users.worker });
    const episodeId = await startEarlyHelp(child.id);
    const base = `/children/${child.id}/early-help/${episodeId}`;

    const byWorker = await worker.post(`${base}/close`, closeForm());
    expect(byWorker.statusCode).toBe(422);
    expect(errorSummary(byWorker.body)).toContain('The early help assessment is not complete');
    const workerReason = await worker.post(`${base}/close`, closeForm({ managerReason: 'I say so' }));
    expect(workerReason.statusCode).toBe(422);
    expect(errorSummary(workerReason.body)).toContain('Only a team manager');
    const managerNoReason = await manager.post(`${base}/close`, closeForm());
    expect(managerNoReason.statusCode).toBe(422);
    expect((await episodesOf(child.id))[0]).toMatchObject({ ended_on: null, end_reason: null });
    expect(await eventTypes(child.id)).not.toContain('early-help.closed');

    const withReason = await manager.post(`${base}/close`, closeForm({ reason: 'DECLINED', managerReason: 'The family withdrew consent; school will keep watch.' }));
    expect(withReason.statusCode, errorSummary(withReason.body)).toBe(303);
    expect((await episodesOf(child.id))[0]).toMatchObject({ ended_on: TEST_TODAY, end_reason: 'DECLINED', manager_id: t.users.manager });
    expect(await eventTypes(child.id)).toContain('early-help.closed');
  });

  it('once the assessment is complete a worker may close it, and the plan ends with it', async () => {
    const child = await addTestChild(t, { allocatedTo: t.users.worker });
    const episodeId = await startEarlyHelp(child.id);
    const base = `/children/${child.id}/early-help/${episodeId}`;
    await worker.post(`${base}/plan`, dateFields('startedOn', '2026-11-03'));
    const done = await worker.post(`${base}/assessment`, {
      ...dateFields('startedOn', '2026-11-03'),
      ...dateFields('completedOn', '2026-11-17'),
      needs: 'Routines at home',
      views: 'Mum wants help with mornings',
      analysis: 'Low risk; needs met by a short plan',
    });
    expect(done.statusCode, errorSummary(done.body)).toBe(303);
    expect((await worker.post(`${base}/close`, closeForm())).statusCode).toBe(303);
    expect(await db().selectFrom('plan').select(['ended_on']).where('child_id', '=', child.id).execute()).toEqual([{ ended_on: TEST_TODAY }]);
    expect(await eventTypes(child.id)).toEqual(expect.arrayContaining(['early-help.assessment-completed', 'early-help.closed']));
  });
});

describe('step-up to social care', () => {
  it('makes the referral, ends early help with a handover, and starts the assessment clock, in one go', async () => {
    const child = await addTestChild(t, { allocatedTo: t.users.worker });
    const episodeId = await startEarlyHelp(child.id);
    const base = `/children/${child.id}/early-help/${episodeId}`;
    const missing = await worker.post(`${base}/step-up`, { ...dateFields('steppedUpOn', TEST_TODAY), referralSource: '5D', workDone: 'Six weeks of family support', currentRisks: '', familyViews: 'Dad agrees' });
    expect(missing.statusCode).toBe(400);
    expect(errorSummary(missing.body)).toContain('Say what the risks to the child are now');
    expect(await db().selectFrom('cin_episode').selectAll().where('child_id', '=', child.id).execute()).toEqual([]);

    const response = await worker.post(`${base}/step-up`, {
      ...dateFields('steppedUpOn', TEST_TODAY),
      referralSource: '5D',
      workDone: 'Six weeks of family support',
      currentRisks: 'New bruising seen by school',
      familyViews: 'Dad agrees help is needed',
    });
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    const [cin] = await db().selectFrom('cin_episode').selectAll().where('child_id', '=', child.id).execute();
    expect(cin).toMatchObject({ referral_date: TEST_TODAY, referral_source: '5D', closed_on: null });
    expect((await episodesOf(child.id))[0]).toMatchObject({ ended_on: TEST_TODAY, end_reason: 'STEPPED_UP' });
    expect(await db().selectFrom('early_help_handover').select(['direction', 'cin_episode_id', 'current_risks']).where('child_id', '=', child.id).execute()).toEqual([
      { direction: 'STEP_UP', cin_episode_id: cin!.id, current_risks: 'New bruising seen by school' },
    ]);
    expect(await eventTypes(child.id)).toEqual(expect.arrayContaining(['referral.received', 'early-help.stepped-up']));
    expect(await db().selectFrom('clock').select(['rule_id', 'due_on']).where('child_id', '=', child.id).execute()).toContainEqual({ rule_id: 'assessment-completed', due_on: expect.any(String) });
  });
});

describe('step-down from social care (Southend ¶16, ¶22; EH-09, EH-10)', () => {
  const stepDownForm = (extra: Record<string, string> = {}) => ({
    ...dateFields('steppedDownOn', TEST_TODAY),
    closureReason: 'RC7',
    leadUserId: '',
    leadName: 'Sam Family-Hub',
    leadAgency: 'CHILDRENS_CENTRE',
    familyKnows: 'Mum knows the family hub will call this week and agreed.',
    outstandingActions: 'Hub to arrange parenting course',
    ...dateFields('meetingOn', '2026-11-19'),
    ...extra,
  });

  it('before the assessment is complete is refused without a team manager’s reason and accepted with one', async () => {
    const child = await addTestChild(t, { allocatedTo: t.users.worker });
    const cinId = await receiveReferral(db(), { childId: child.id, referralDate: '2026-11-02', referralSource: '2A' }, t.users.worker, TEST_TODAY);

    const page = await worker.get(`/children/${child.id}/step-down`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The social care assessment is not complete');

    const byWorker = await worker.post(`/children/${child.id}/step-down`, stepDownForm());
    expect(byWorker.statusCode).toBe(422);
    expect(errorSummary(byWorker.body)).toContain('The social care assessment is not complete');
    const byManagerNoReason = await manager.post(`/children/${child.id}/step-down`, stepDownForm());
    expect(byManagerNoReason.statusCode).toBe(422);
    expect(await db().selectFrom('cin_episode').select(['closed_on']).where('id', '=', cinId).executeTakeFirstOrThrow()).toEqual({ closed_on: null });
    expect(await episodesOf(child.id)).toEqual([]);

    // Decision 0021: the manager's decision the transition needs.
    await givenDecision(db(), child.id, 'step_down', TEST_TODAY, t.users.manager);
    const accepted = await manager.post(`/children/${child.id}/step-down`, stepDownForm({ managerReason: 'The family asked for early help; no safeguarding concern found in the visits so far.' }));
    expect(accepted.statusCode, errorSummary(accepted.body)).toBe(303);
    expect(await db().selectFrom('cin_episode').select(['closed_on', 'closure_reason']).where('id', '=', cinId).executeTakeFirstOrThrow()).toEqual({ closed_on: TEST_TODAY, closure_reason: 'RC7' });
    const [episode] = await episodesOf(child.id);
    expect(episode).toMatchObject({ origin: 'STEP_DOWN', stepped_down_from: cinId, lead_name: 'Sam Family-Hub', lead_agency: 'CHILDRENS_CENTRE', started_on: TEST_TODAY });
    const handover = await db().selectFrom('early_help_handover').selectAll().where('child_id', '=', child.id).executeTakeFirstOrThrow();
    expect(handover).toMatchObject({ direction: 'STEP_DOWN', meeting_on: '2026-11-19', outstanding_actions: 'Hub to arrange parenting course' });
    expect(handover.manager_reason).toContain('The family asked for early help');
    expect(await eventTypes(child.id)).toEqual(expect.arrayContaining(['referral.received', 'episode.closed', 'early-help.started', 'early-help.stepped-down']));
    // The assessment clock stops with the episode: nothing is left overdue.
    const clock = await db().selectFrom('clock').select(['stopped_on']).where('child_id', '=', child.id).where('rule_id', '=', 'assessment-completed').executeTakeFirstOrThrow();
    expect(clock.stopped_on).toBe(TEST_TODAY);

    const record = await worker.get(`/children/${child.id}/early-help/${episode!.id}`);
    expect(record.body).toContain('Handover from children’s social care');
    expect(record.body).toContain('Mum knows the family hub will call this week');
  });

  it('is refused while a child in need plan is open, with a message that says so', async () => {
    const child = await addTestChild(t, { allocatedTo: t.users.worker });
    const cinId = await receiveReferral(db(), { childId: child.id, referralDate: '2026-11-02', referralSource: '2A' }, t.users.worker, TEST_TODAY);
    await db()
      .insertInto('plan')
      .values({ id: crypto.randomUUID(), child_id: child.id, kind: 'cin', episode_id: cinId, started_on: '2026-11-05', recorded_by: t.users.worker })
      .execute();
    const refused = await manager.post(`/children/${child.id}/step-down`, stepDownForm({ managerReason: 'Family asked' }));
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toContain('End the child in need plan');
    expect(await episodesOf(child.id)).toEqual([]);
  });

  it('needs someone to hand over to', async () => {
    const child = await addTestChild(t, { allocatedTo: t.users.worker });
    await receiveReferral(db(), { childId: child.id, referralDate: '2026-11-02', referralSource: '2A' }, t.users.worker, TEST_TODAY);
    const response = await manager.post(`/children/${child.id}/step-down`, stepDownForm({ leadName: '', leadAgency: '', managerReason: 'Family asked' }));
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toContain('Enter who will lead the early help');
  });
});

describe('access', () => {
  it('a worker in another team and a partner cannot see the child’s early help', async () => {
    const child = await addTestChild(t, { allocatedTo: t.users.worker });
    await startEarlyHelp(child.id);
    const other = await t.signIn('otherWorker');
    expect((await other.get(`/children/${child.id}/early-help`)).statusCode).toBe(403);
    const partner = await t.signIn('partner');
    expect((await partner.get(`/children/${child.id}/early-help`)).statusCode).toBe(403);
    const analyst = await t.signIn('analyst');
    expect((await analyst.get(`/children/${child.id}/early-help`)).statusCode).toBe(200);
    expect((await analyst.post(`/children/${child.id}/early-help/new`, dateFields('startedOn', TEST_TODAY))).statusCode).toBe(403);
  });
});

describe('dates checked against the child and the early help they belong to', () => {
  it('early help cannot start before the child was born, and nothing is stored', async () => {
    const child = await addTestChild(t, { allocatedTo: t.users.worker, dateOfBirth: '2024-01-15' });
    const response = await worker.post(`/children/${child.id}/early-help/new`, { ...dateFields('startedOn', '2023-12-01'), leadUserId: '', leadName: '', leadAgency: '' });
    expect(response.statusCode).toBe(422);
    expect(errorSummary(response.body)).toContain('The date early help started cannot be before the child was born (15 January 2024)');
    expect(await episodesOf(child.id)).toEqual([]);
  });

  it('a team around the family meeting cannot be before early help started (EH-15)', async () => {
    const child = await addTestChild(t, { allocatedTo: t.users.worker });
    const episodeId = await startEarlyHelp(child.id, '2026-11-02');
    const response = await worker.post(`/children/${child.id}/early-help/${episodeId}/meetings`, { ...dateFields('heldOn', '2026-10-30'), agencies: ['FAMILY'], summary: 'Met the family.' });
    expect(response.statusCode).toBe(422);
    expect(errorSummary(response.body)).toContain('The meeting cannot be before early help started (2 November 2026)');
    expect(response.body).toContain('Met the family.');
    expect(await db().selectFrom('early_help_meeting').select('id').where('episode_id', '=', episodeId).execute()).toEqual([]);
  });

  it('a step-down cannot be before the referral that opened the social care episode', async () => {
    const child = await addTestChild(t, { allocatedTo: t.users.worker });
    const cinId = await receiveReferral(db(), { childId: child.id, referralDate: '2026-11-02', referralSource: '2A' }, t.users.worker, TEST_TODAY);
    const response = await manager.post(`/children/${child.id}/step-down`, {
      ...dateFields('steppedDownOn', '2026-10-20'),
      closureReason: 'RC7',
      leadName: 'Sam Family-Hub',
      leadAgency: 'CHILDRENS_CENTRE',
      familyKnows: 'Mum knows.',
      managerReason: 'Family asked',
    });
    expect(response.statusCode).toBe(422);
    expect(errorSummary(response.body)).toContain('The step-down cannot be before the referral that opened the social care episode (2 November 2026)');
    expect(await db().selectFrom('cin_episode').select('closed_on').where('id', '=', cinId).executeTakeFirstOrThrow()).toEqual({ closed_on: null });
  });
});

describe('what comes next after a step-up', () => {
  it('the early help page offers to allocate a social worker and start the assessment in the new referral’s episode', async () => {
    const child = await addTestChild(t, { allocatedTo: t.users.worker });
    const episodeId = await startEarlyHelp(child.id);
    const base = `/children/${child.id}/early-help/${episodeId}`;
    const response = await worker.post(`${base}/step-up`, {
      ...dateFields('steppedUpOn', TEST_TODAY),
      referralSource: '5D',
      workDone: 'Eight weeks of family support',
      currentRisks: 'Dad’s drinking has got worse',
      familyViews: 'Mum wants more help',
    });
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    expect(response.headers.location).toBe(base);
    const cin = await db().selectFrom('cin_episode').select('id').where('child_id', '=', child.id).executeTakeFirstOrThrow();
    const page = await worker.get(base);
    expect(page.body).toContain('What happens next');
    // The worker does not allocate (the form refuses them): the manager is offered it, they are not.
    expect(page.body).not.toContain(`href="/children/${child.id}/allocate"`);
    expect((await manager.get(base)).body).toContain(`href="/children/${child.id}/allocate"`);
    expect(page.body).toContain(`href="/children/${child.id}/assessments/new?episode=${cin.id}"`);
    // A closed episode's forms are not offered.
    expect(page.body).not.toContain(`${base}/close`);
  });
});
