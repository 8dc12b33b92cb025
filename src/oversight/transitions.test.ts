// No transition without its decision record (MO-04; DQ-18; Newham 2014 ¶61, Southend 2016 ¶120;
// decisions 0021, 0025): the s47 outcome, a child in need plan's start and end, a child protection plan
// ended outside a conference, a case's closure, a step-down to early help, entry to care and a return
// home are refused until a manager of the case has recorded the decision, with its rationale; a
// decision authorises one transition.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type Agent, type TestApp } from '../../test/support/app.ts';
import type { SignedInUser } from '../access/policy.ts';
import { enterCare, leaveCare } from '../looked-after/service.ts';
import { dateFields, makeChild, makePlan, openEpisode, textOf } from '../plans/test-helpers.ts';
import { givenDecision } from './test-helpers.ts';

let t: TestApp;
let manager: Agent;
let worker: Agent;
let asWorker: SignedInUser;

beforeAll(async () => {
  t = await startTestApp();
  manager = await t.signIn('manager');
  worker = await t.signIn('worker');
  asWorker = { id: t.users.worker, username: 'worker', displayName: 'worker', role: 'social_worker', teamId: t.teams.safeguarding, agency: null };
});

afterAll(async () => {
  await t?.close();
});

const decision = (kind: string, decidedOn: string, extra: Record<string, string> = {}) => ({
  kind,
  ...dateFields('decidedOn', decidedOn),
  authorises: 'As the rationale says',
  rationale: 'The evidence gathered supports it and it is right for the child.',
  ...extra,
});

describe('the management decision record', () => {
  it('only a manager of the case records it; the rationale is required; a closure needs its summary', async () => {
    const childId = await makeChild(t);
    await openEpisode(t, childId, '2026-09-01');
    const byWorker = await worker.post(`/children/${childId}/decisions/new`, decision('closure', '2026-11-18', { workSummary: 'Plan done', situationAtClosure: 'Safe' }));
    expect(byWorker.statusCode).toBe(422);
    expect(textOf(byWorker.body)).toContain('Only a manager of this child’s case may record this');
    const noRationale = await manager.post(`/children/${childId}/decisions/new`, decision('s47_outcome', '2026-11-18', { rationale: '' }));
    expect(noRationale.statusCode).toBe(400);
    expect(textOf(noRationale.body)).toContain('Enter the rationale');
    const noSummary = await manager.post(`/children/${childId}/decisions/new`, decision('closure', '2026-11-18'));
    expect(noSummary.statusCode).toBe(400);
    expect(textOf(noSummary.body)).toContain('Enter a summary of the work done');
    expect(textOf(noSummary.body)).toContain('Enter the child’s situation at closure');
    const saved = await manager.post(`/children/${childId}/decisions/new`, decision('closure', '2026-11-18', { workSummary: 'Assessment and a CIN plan; outcomes met.', situationAtClosure: 'Safe at home, attending school.' }));
    expect(saved.statusCode).toBe(303);
    const page = await worker.get(`/children/${childId}/oversight`);
    expect(textOf(page.body)).toContain('Safe at home, attending school.');
    const events = await t.ctx.db.selectFrom('child_event').select('type').where('child_id', '=', childId).where('type', '=', 'management-decision.recorded').execute();
    expect(events).toHaveLength(1);
  });
});

describe('No transition without its decision record', () => {
  it('the s47 outcome (MO-04; DQ-18)', async () => {
    const childId = await makeChild(t);
    await openEpisode(t, childId, '2026-10-01');
    const sd = await worker.api('POST', `/api/v1/children/${childId}/strategy-discussions`, {
      heldOn: '2026-10-02',
      attendees: [
        { agency: 'POLICE', names: 'DC Rahman' },
        { agency: 'SOCIAL_CARE', names: 'Sam Worker' },
        { agency: 'HEALTH', names: 'Dr Okafor' },
      ],
      reason: 'Bruise to the cheek reported by school',
      decisions: 'Threshold for section 47 met',
      outcome: 'S47',
    });
    expect(sd.statusCode).toBeLessThan(300);
    const enquiryId = sd.json().enquiryId as string;
    const outcome = { outcome: 'NO_CONFERENCE', completedOn: '2026-10-09', summary: 'Accidental injury consistent with the account' };
    const refused = await worker.api('POST', `/api/v1/children/${childId}/enquiries/${enquiryId}/outcome`, outcome);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatch(/A manager must record the decision \(“Outcome of the section 47 enquiry”\)/);
    expect((await t.ctx.db.selectFrom('s47_enquiry').select('outcome').where('id', '=', enquiryId).executeTakeFirstOrThrow()).outcome).toBeNull();
    expect((await manager.post(`/children/${childId}/decisions/new`, decision('s47_outcome', '2026-10-09'))).statusCode).toBe(303);
    expect((await worker.api('POST', `/api/v1/children/${childId}/enquiries/${enquiryId}/outcome`, outcome)).statusCode).toBeLessThan(300);
    const used = await t.ctx.db.selectFrom('management_decision').select('acted_on_id').where('child_id', '=', childId).executeTakeFirstOrThrow();
    expect(used.acted_on_id).toBe(enquiryId);
  });

  it('the return home from care (MO-04), and a decision authorises one return only', async () => {
    const childId = await makeChild(t);
    await openEpisode(t, childId, '2026-05-01');
    const care = { legalStatus: 'V2', categoryOfNeed: 'N1', decidedBy: 'Head of Service', alternativesConsidered: null, homePostcode: null, placementType: 'U6', provider: 'PR1', carerName: 'The Lowe family', urn: null, postcode: null, intendedUntil18: false } as const;
    await givenDecision(t.ctx.db, childId, 'entry_to_care', '2026-06-01', t.users.manager);
    await enterCare(t.ctx.db, asWorker, childId, { startedOn: '2026-06-01', ...care }, TEST_TODAY);
    await expect(leaveCare(t.ctx.db, asWorker, childId, { endedOn: '2026-08-01', reasonCeased: 'E4A' }, TEST_TODAY)).rejects.toThrow(/The child to return home from care/);
    expect((await manager.post(`/children/${childId}/decisions/new`, decision('return_home', '2026-07-30'))).statusCode).toBe(303);
    await leaveCare(t.ctx.db, asWorker, childId, { endedOn: '2026-08-01', reasonCeased: 'E4A' }, TEST_TODAY);
    await givenDecision(t.ctx.db, childId, 'entry_to_care', '2026-09-01', t.users.manager);
    await enterCare(t.ctx.db, asWorker, childId, { startedOn: '2026-09-01', ...care }, TEST_TODAY);
    await expect(leaveCare(t.ctx.db, asWorker, childId, { endedOn: '2026-10-01', reasonCeased: 'E4B' }, TEST_TODAY)).rejects.toThrow(/A manager must record the decision/);
    // Leaving care for another reason (moving to independent living) is not a return home.
    await leaveCare(t.ctx.db, asWorker, childId, { endedOn: '2026-10-01', reasonCeased: 'E8' }, TEST_TODAY);
  });

  it('the step-down to early help (MO-04)', async () => {
    const childId = await makeChild(t);
    await openEpisode(t, childId, '2026-11-02');
    const form = {
      ...dateFields('steppedDownOn', TEST_TODAY),
      closureReason: 'RC7',
      leadName: 'Sam Family-Hub',
      leadAgency: 'CHILDRENS_CENTRE',
      familyKnows: 'Mum knows.',
      managerReason: 'The family asked for early help.',
    };
    const refused = await manager.post(`/children/${childId}/step-down`, form);
    expect(refused.statusCode).toBe(422);
    expect(textOf(refused.body)).toContain('A manager must record the decision (“Step down to early help”)');
    expect((await t.ctx.db.selectFrom('cin_episode').select('closed_on').where('child_id', '=', childId).executeTakeFirstOrThrow()).closed_on).toBeNull();
    expect((await manager.post(`/children/${childId}/decisions/new`, decision('step_down', TEST_TODAY))).statusCode).toBe(303);
    const accepted = await manager.post(`/children/${childId}/step-down`, form);
    expect(accepted.statusCode).toBe(303);
  });

  const decided = async (childId: string, kind: string) =>
    t.ctx.db.selectFrom('management_decision').select(['acted_on_id']).where('child_id', '=', childId).where('kind', '=', kind as never).execute();

  it('a child in need plan’s start and its end, each with its own decision (MO-04; DQ-18: Newham 2014 ¶61)', async () => {
    const childId = await makeChild(t);
    await openEpisode(t, childId, '2026-09-01');
    const refused = await worker.post(`/children/${childId}/child-in-need/start`, dateFields('startedOn', '2026-09-14'));
    expect(refused.statusCode).toBe(422);
    expect(textOf(refused.body)).toContain('A manager must record the decision (“Start a plan”)');
    expect(await t.ctx.db.selectFrom('plan').select('id').where('child_id', '=', childId).execute()).toHaveLength(0);
    expect((await manager.post(`/children/${childId}/decisions/new`, decision('plan_start', '2026-09-14'))).statusCode).toBe(303);
    expect((await worker.post(`/children/${childId}/child-in-need/start`, dateFields('startedOn', '2026-09-14'))).statusCode).toBe(303);
    const plan = await t.ctx.db.selectFrom('plan').select('id').where('child_id', '=', childId).executeTakeFirstOrThrow();
    expect(await decided(childId, 'plan_start')).toEqual([{ acted_on_id: plan.id }]);
    const ending = { endedOn: '2026-11-02', reason: 'moved_away' };
    const notDecided = await worker.api('POST', `/api/v1/children/${childId}/child-in-need/plans/${plan.id}/end`, ending);
    expect(notDecided.statusCode).toBe(422);
    expect(notDecided.json().error).toMatch(/“End a plan”/);
    expect((await manager.post(`/children/${childId}/decisions/new`, decision('plan_end', '2026-11-02'))).statusCode).toBe(303);
    expect((await worker.api('POST', `/api/v1/children/${childId}/child-in-need/plans/${plan.id}/end`, ending)).statusCode).toBe(200);
    // The start decision was used: a second plan needs a decision of its own.
    const again = await worker.api('POST', `/api/v1/children/${childId}/child-in-need/plans`, { startedOn: '2026-11-09' });
    expect(again.statusCode).toBe(422);
    expect(again.json().error).toMatch(/“Start a plan”/);
  });

  it('a child protection plan ended outside a conference needs the decision; one ended at a conference has the conference’s (MO-04)', async () => {
    const childId = await makeChild(t);
    const episodeId = await openEpisode(t, childId, '2026-09-01');
    const planId = await makePlan(t, childId, 'cp', '2026-09-14', episodeId);
    const ending = { endedOn: '2026-11-02', reason: 'The family moved to another council, which held a transfer-in conference' };
    const refused = await worker.api('POST', `/api/v1/children/${childId}/cp-plans/${planId}/end`, ending);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatch(/“End a plan”/);
    expect((await t.ctx.db.selectFrom('plan').select('ended_on').where('id', '=', planId).executeTakeFirstOrThrow()).ended_on).toBeNull();
    await givenDecision(t.ctx.db, childId, 'plan_end', '2026-11-02', t.users.manager);
    expect((await worker.api('POST', `/api/v1/children/${childId}/cp-plans/${planId}/end`, ending)).statusCode).toBe(200);
    expect(await decided(childId, 'plan_end')).toEqual([{ acted_on_id: planId }]);
  });

  it('closing the case needs the closure decision with its summary; one decision closes one episode (MO-04; Southend 2016 ¶120)', async () => {
    const childId = await makeChild(t);
    const first = await openEpisode(t, childId, '2026-03-02');
    const closure = { closedOn: '2026-04-01', reason: 'RC8', managerReason: 'Advice and information only: no assessment needed' };
    const refused = await manager.api('POST', `/api/v1/children/${childId}/episodes/${first}/closure`, closure);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatch(/“Close the case”/);
    expect((await t.ctx.db.selectFrom('cin_episode').select('closed_on').where('id', '=', first).executeTakeFirstOrThrow()).closed_on).toBeNull();
    const saved = await manager.post(`/children/${childId}/decisions/new`, decision('closure', '2026-04-01', { workSummary: 'Advice to the family; school support in place.', situationAtClosure: 'Safe at home.' }));
    expect(saved.statusCode).toBe(303);
    expect((await manager.api('POST', `/api/v1/children/${childId}/episodes/${first}/closure`, closure)).statusCode).toBe(200);
    expect(await decided(childId, 'closure')).toEqual([{ acted_on_id: first }]);
    const second = await openEpisode(t, childId, '2026-06-01');
    const again = await manager.api('POST', `/api/v1/children/${childId}/episodes/${second}/closure`, { ...closure, closedOn: '2026-07-01' });
    expect(again.statusCode).toBe(422);
  });

  it('a step-down’s decision covers the closure it causes: no closure decision as well (MO-04)', async () => {
    const childId = await makeChild(t);
    await openEpisode(t, childId, '2026-11-02');
    await givenDecision(t.ctx.db, childId, 'step_down', TEST_TODAY, t.users.manager);
    const stepped = await manager.post(`/children/${childId}/step-down`, {
      ...dateFields('steppedDownOn', TEST_TODAY),
      closureReason: 'RC7',
      leadName: 'Sam Family-Hub',
      leadAgency: 'CHILDRENS_CENTRE',
      familyKnows: 'Mum knows.',
      managerReason: 'The family asked for early help.',
    });
    expect(stepped.statusCode).toBe(303);
    expect((await t.ctx.db.selectFrom('cin_episode').select('closed_on').where('child_id', '=', childId).executeTakeFirstOrThrow()).closed_on).toBe(TEST_TODAY);
    expect(await decided(childId, 'closure')).toEqual([]);
  });

  it('entry to care needs the decision; a second period of care needs its own (MO-04; DQ-18)', async () => {
    const childId = await makeChild(t);
    await openEpisode(t, childId, '2026-03-02');
    const care = { legalStatus: 'V2', categoryOfNeed: 'N1', decidedBy: 'Head of Service', alternativesConsidered: 'Family and friends', homePostcode: null, placementType: 'U6', provider: 'PR1', carerName: 'The Lowe family', urn: null, postcode: null, intendedUntil18: false } as const;
    await expect(enterCare(t.ctx.db, asWorker, childId, { startedOn: '2026-06-01', ...care }, TEST_TODAY)).rejects.toThrow(/“The child to become looked after”/);
    expect(await t.ctx.db.selectFrom('care_period').select('id').where('child_id', '=', childId).execute()).toHaveLength(0);
    expect((await manager.post(`/children/${childId}/decisions/new`, decision('entry_to_care', '2026-05-29'))).statusCode).toBe(303);
    const periodId = await enterCare(t.ctx.db, asWorker, childId, { startedOn: '2026-06-01', ...care }, TEST_TODAY);
    expect(await decided(childId, 'entry_to_care')).toEqual([{ acted_on_id: periodId }]);
    await leaveCare(t.ctx.db, asWorker, childId, { endedOn: '2026-08-01', reasonCeased: 'E8' }, TEST_TODAY);
    await expect(enterCare(t.ctx.db, asWorker, childId, { startedOn: '2026-09-01', ...care }, TEST_TODAY)).rejects.toThrow(/A manager must record the decision/);
  });
});

describe('each transition form shows the decision before the worker types (MO-04; decision 0025)', () => {
  it('a warning with the link to the decision form, then who decided, when and why', async () => {
    const childId = await makeChild(t);
    await openEpisode(t, childId, '2026-09-01');
    const forms = [`/children/${childId}/child-in-need/start`, `/children/${childId}/care/start`, `/children/${childId}/step-down`];
    for (const form of forms) {
      const page = await worker.get(form);
      expect(page.statusCode).toBe(200);
      expect(textOf(page.body)).toContain('A manager must record the decision first');
    }
    const before = await worker.get(forms[0]!);
    expect(before.body).toContain(`href="/children/${childId}/decisions/new?kind=plan_start"`);
    const form = await manager.get(`/children/${childId}/decisions/new?kind=plan_start`);
    expect(form.body).toMatch(/value="plan_start" checked/);
    await manager.post(`/children/${childId}/decisions/new`, decision('plan_start', '2026-09-14'));
    const after = textOf((await worker.get(forms[0]!)).body);
    expect(after).toContain('Decision (“Start a plan”) recorded by');
    expect(after).toContain('on 14 September 2026: The evidence gathered supports it and it is right for the child.');
    expect(after).not.toContain('A manager must record the decision first');
  });
});


describe('correcting and deleting a management decision (MO-04; DQ-18; decision 0025)', () => {
  it('a manager of the case corrects it with the reason; one acted on is neither deleted nor dated after its transition; one not acted on is deleted', async () => {
    const childId = await makeChild(t);
    await openEpisode(t, childId, '2026-09-01');
    await manager.post(`/children/${childId}/decisions/new`, decision('plan_start', '2026-09-14'));
    const row = () => t.ctx.db.selectFrom('management_decision').selectAll().where('child_id', '=', childId).where('kind', '=', 'plan_start').executeTakeFirstOrThrow();
    const { id } = await row();
    const form = await manager.get(`/children/${childId}/decisions/${id}/change`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('The evidence gathered supports it');
    const correction = { ...dateFields('decidedOn', '2026-09-11'), authorises: 'Start the child in need plan', rationale: 'The assessment found needs a plan can meet.', version: '1' };
    expect((await manager.post(`/children/${childId}/decisions/${id}/change`, correction)).statusCode).toBe(400); // no reason
    const byWorker = await worker.post(`/children/${childId}/decisions/${id}/change`, { ...correction, reason: 'Wrong date' });
    expect(byWorker.statusCode).toBe(422);
    expect((await manager.post(`/children/${childId}/decisions/${id}/change`, { ...correction, reason: 'Decided at the Friday meeting' })).statusCode).toBe(303);
    expect(await row()).toMatchObject({ decided_on: '2026-09-11', rationale: 'The assessment found needs a plan can meet.', version: 2 });
    expect(await t.ctx.db.selectFrom('record_version').select('version').where('record_id', '=', id).execute()).toHaveLength(1);

    expect((await worker.post(`/children/${childId}/child-in-need/start`, dateFields('startedOn', '2026-09-14'))).statusCode).toBe(303);
    const later = await manager.api('PUT', `/api/v1/children/${childId}/decisions/${id}`, { decidedOn: '2026-09-15', authorises: 'Start the plan', rationale: 'As before', reason: 'Typo', version: 2 });
    expect(later.statusCode).toBe(422);
    expect(later.json().error).toContain('This decision authorised a transition on 14 September 2026: it cannot be dated after it');
    const acted = await manager.api('DELETE', `/api/v1/children/${childId}/decisions/${id}`, { reason: 'Recorded in error' });
    expect(acted.statusCode).toBe(422);
    expect(acted.json().error).toContain('cannot be deleted');
    expect((await row()).deleted_at).toBeNull();

    await manager.post(`/children/${childId}/decisions/new`, decision('entry_to_care', '2026-09-20'));
    const unused = await t.ctx.db.selectFrom('management_decision').select('id').where('child_id', '=', childId).where('kind', '=', 'entry_to_care').executeTakeFirstOrThrow();
    const page = textOf((await manager.get(`/children/${childId}/oversight`)).body);
    expect(page).toContain('Delete the decision “The child to become looked after”');
    expect(page).not.toContain('Delete the decision “Start a plan”');
    expect((await manager.get(`/children/${childId}/decisions/${unused.id}/delete`)).statusCode).toBe(200);
    expect((await manager.post(`/children/${childId}/decisions/${unused.id}/delete`, { reason: 'Recorded on the wrong child' })).statusCode).toBe(303);
    const gone = await t.ctx.db.selectFrom('management_decision').select('deleted_at').where('id', '=', unused.id).executeTakeFirstOrThrow();
    expect(gone.deleted_at).not.toBeNull();
    expect(textOf((await worker.get(`/children/${childId}/care/start`)).body)).toContain('A manager must record the decision first');
  });
});
