// A child's route to permanence, as a social worker records it: the plan by the second review
// (Care Planning guidance ch.2), a placement order (the legal status becomes E1), family finding,
// the match with approved adopters (never before the authority to place), the move in with them as a
// placement for adoption (SSDA903 A6, RNE P), the adoption order not before 10 weeks (ACA 2002
// s.42(2)) ending care (REC E12). The scorecard timings A1 and A2 are checked against a hand-worked
// example (timescales.md AD1, AD2; seed AD-01, PM-01).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, makeChild, openEpisode, textOf } from '../plans/test-helpers.ts';
import { givenDecision } from '../oversight/test-helpers.ts';

let t: TestApp;
let worker: Agent;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
});

afterAll(async () => {
  await t?.close();
});

const inCare = async (firstName: string, dateOfBirth: string, startedOn: string) => {
  const childId = await makeChild(t, { firstName, dateOfBirth });
  await openEpisode(t, childId, '2025-01-06');
  await givenDecision(t.ctx.db, childId, 'entry_to_care', '2025-01-06', t.users.manager);
  const care = await worker.post(`/children/${childId}/care/start`, {
    legalStatus: 'C1',
    categoryOfNeed: 'N1',
    decidedBy: 'Head of Service, Children in Care',
    placementType: 'U6',
    provider: 'PR1',
    carerName: 'Jo and Sam Penrose',
    intendedUntil18: 'no',
    ...dateFields('startedOn', startedOn),
  });
  expect(care.statusCode).toBe(303);
  return childId;
};

/** An approved household, through the adopters' API: enquiry to the agency decision. */
const approvedHousehold = async (name: string) => {
  const created = await worker.api('POST', '/api/v1/adopters', { name, applicants: 2, enquiryOn: '2024-09-01' });
  expect(created.statusCode).toBe(201);
  const id = created.json().id as string;
  for (const [step, body] of [
    ['registration', { registeredOn: '2024-10-01' }],
    ['stage-one', { endedOn: '2024-11-29', mayProceed: true }],
    ['stage-two', { startedOn: '2025-01-06' }],
    ['panel', { panelOn: '2025-05-01', recommended: true }],
    ['decision', { decidedOn: '2025-05-15', approved: true }],
  ] as const) {
    const r = await worker.api('POST', `/api/v1/adopters/${id}/${step}`, body);
    expect(r.statusCode, `${step}: ${r.body}`).toBe(201);
  }
  return id;
};

const refusal = async (response: Promise<{ statusCode: number; body: string }>) => {
  const r = await response;
  expect(r.statusCode).toBe(422);
  return textOf(r.body);
};

describe('a child’s route to adoption', () => {
  it('is recorded step by step, in order, with the care record following and A1/A2 against their thresholds', async () => {
    const childId = await inCare('Maya', '2024-02-10', '2025-01-10');
    const base = `/children/${childId}/permanence`;
    const plan = { plan: 'adoption', parallelPlan: 'long_term_fostering' };

    expect(await refusal(worker.post(`${base}/plan`, { ...plan, ...dateFields('decidedOn', '2024-12-01') }))).toContain('cannot be before the child came into care (10 January 2025)');
    expect((await worker.post(`${base}/plan`, { ...plan, ...dateFields('decidedOn', '2025-05-02') })).statusCode).toBe(303);

    const householdId = await approvedHousehold('Ruth and Dev Okafor');
    const match = { householdId, ...dateFields('panelOn', '2026-01-08'), ...dateFields('decidedOn', '2026-01-20') };
    // No match before a placement order (the scorecard's A2 starts at the court's authority).
    expect(await refusal(worker.post(`${base}/match`, match))).toContain('A child is matched for adoption once there is authority to place');

    expect((await worker.post(`${base}/authority`, { authority: 'placement_order', court: 'Family Court at Brightwater', caseNumber: 'BW25C00412', ...dateFields('grantedOn', '2025-08-15') })).statusCode).toBe(303);
    const status = await t.ctx.db.selectFrom('legal_status').select(['legal_status', 'started_on']).where('child_id', '=', childId).where('ended_on', 'is', null).executeTakeFirstOrThrow();
    expect(status).toEqual({ legal_status: 'E1', started_on: '2025-08-15' });
    // Family finding after the placement order is allowed (before it would be better: seed AD-04).
    expect((await worker.post(`${base}/family-finding`, { note: 'Linkmaker profile', ...dateFields('startedOn', '2025-09-01') })).statusCode).toBe(303);

    expect(await refusal(worker.post(`${base}/match`, { ...match, ...dateFields('panelOn', '2025-08-10') }))).toContain('The placement order was made on 15 August 2025: the match cannot go to panel before it');
    expect((await worker.post(`${base}/match`, match)).statusCode).toBe(303);
    // The match clock: 121 days from the placement order (2025-12-14), met late on 20 January 2026.
    const clocks = await t.ctx.db.selectFrom('clock').select(['due_on', 'met_on']).where('child_id', '=', childId).where('rule_id', '=', 'adoption-match').execute();
    expect(clocks).toEqual([{ due_on: '2025-12-14', met_on: '2026-01-20' }]);

    const matchId = (await t.ctx.db.selectFrom('adoption_match').select('id').where('child_id', '=', childId).executeTakeFirstOrThrow()).id;
    expect(await refusal(worker.post(`${base}/matches/${matchId}/placed`, { currentCarers: 'no', provider: 'PR1', ...dateFields('movedOn', '2026-01-10') }))).toContain('after the agency decided on the match (20 January 2026)');
    expect((await worker.post(`${base}/matches/${matchId}/placed`, { currentCarers: 'no', provider: 'PR1', ...dateFields('movedOn', '2026-02-16') })).statusCode).toBe(303);
    const placements = await t.ctx.db.selectFrom('placement').select(['placement_type', 'carer_name', 'started_on', 'ended_on', 'change_reason']).where('child_id', '=', childId).orderBy('started_on').execute();
    expect(placements).toEqual([
      { placement_type: 'U6', carer_name: 'Jo and Sam Penrose', started_on: '2025-01-10', ended_on: '2026-02-16', change_reason: 'CARPL' },
      { placement_type: 'A6', carer_name: 'Ruth and Dev Okafor', started_on: '2026-02-16', ended_on: null, change_reason: null },
    ]);
    const care = await worker.get(`/api/v1/children/${childId}/care`);
    const episodes = care.json().periods[0].episodes as { reasonNewEpisode: string; placementType: string; legalStatus: string }[];
    expect(episodes.map((e) => `${e.reasonNewEpisode} ${e.legalStatus} ${e.placementType}`)).toEqual(['S C1 U6', 'L E1 U6', 'P E1 A6']);

    // A1: 10 January 2025 to 16 February 2026 is 402 days, within 426; A2: 15 August 2025 to 20 January 2026 is 158, over 121.
    const page = textOf((await worker.get(base)).body);
    expect(page).toContain('A1: Entering care to moving in with the adoptive family 10 January 2025 to 16 February 2026 402 days Within 426 days');
    expect(page).toContain('A2: Placement order to the decision on the match 15 August 2025 to 20 January 2026 158 days Over 121 days');

    // The adoption order: not before the child has lived with the adopters for 10 weeks (ACA 2002 s.42(2)).
    const order = { orderKind: 'adoption', court: 'Family Court at Brightwater', reasonCeased: 'E12' };
    expect(await refusal(worker.post(`${base}/order`, { ...order, ...dateFields('madeOn', '2026-04-01') }))).toContain('so not before 27 April 2026');
    expect(await refusal(worker.post(`${base}/order`, { ...order, reasonCeased: 'E41', ...dateFields('madeOn', '2026-06-10') }))).toContain('the child leaves care as E11 or E12');
    expect((await worker.post(`${base}/order`, { ...order, ...dateFields('madeOn', '2026-06-10') })).statusCode).toBe(303);
    const period = await t.ctx.db.selectFrom('care_period').select(['ended_on', 'reason_ceased']).where('child_id', '=', childId).executeTakeFirstOrThrow();
    expect(period).toEqual({ ended_on: '2026-06-10', reason_ceased: 'E12' });
    expect(await t.ctx.db.selectFrom('permanence_plan').select(['ended_on', 'end_reason']).where('child_id', '=', childId).executeTakeFirstOrThrow()).toEqual({ ended_on: '2026-06-10', end_reason: 'achieved' });
    const chronology = await t.ctx.db.selectFrom('child_event').select('title').where('child_id', '=', childId).where('category', '=', 'permanence').orderBy('occurred_on').execute();
    expect(chronology.map((e) => e.title)).toEqual([
      'Permanence plan: adoption; parallel plan: long-term fostering',
      'Placement order made by Family Court at Brightwater (BW25C00412)',
      'Family finding started',
      'Matched for adoption with Ruth and Dev Okafor (panel 8 January 2026)',
      'Moved in with Ruth and Dev Okafor, placed for adoption',
      'Adoption order made by Family Court at Brightwater',
    ]);
  });

  it('a match needs adoption as the plan, approved adopters, and one live match at a time', async () => {
    const childId = await inCare('Theo', '2023-06-01', '2025-02-03');
    const base = `/api/v1/children/${childId}/permanence`;
    expect((await worker.api('POST', `${base}/plan`, { decidedOn: '2025-05-01', plan: 'long_term_fostering', parallelPlan: 'adoption' })).statusCode).toBe(201);
    expect((await worker.api('POST', `${base}/authority`, { authority: 'consent', grantedOn: '2025-06-02' })).statusCode).toBe(201);
    const householdId = await approvedHousehold('Lee Marsh');
    const onParallel = await worker.api('POST', `${base}/matches`, { householdId, panelOn: '2025-07-01', decidedOn: '2025-07-08' });
    expect(onParallel.statusCode).toBe(422);
    expect(onParallel.json().error).toContain('when adoption is the plan: change the plan first');
    expect((await worker.api('POST', `${base}/plan-changes`, { decidedOn: '2025-06-20', plan: 'adoption' })).statusCode).toBe(201);
    // The consent belonged to the plan that changed: the new plan needs its own authority.
    const noAuthority = await worker.api('POST', `${base}/matches`, { householdId, panelOn: '2025-07-01', decidedOn: '2025-07-08' });
    expect(noAuthority.json().error).toContain('once there is authority to place');
    expect((await worker.api('POST', `${base}/authority`, { authority: 'consent', grantedOn: '2025-06-23' })).statusCode).toBe(201);
    const unapproved = (await worker.api('POST', '/api/v1/adopters', { name: 'Pat Quinn', applicants: 1, enquiryOn: '2025-01-02' })).json().id as string;
    expect((await worker.api('POST', `${base}/matches`, { householdId: unapproved, panelOn: '2025-07-01', decidedOn: '2025-07-08' })).json().error).toContain('Pat Quinn are not approved to adopt');
    const matched = await worker.api('POST', `${base}/matches`, { householdId, panelOn: '2025-07-01', decidedOn: '2025-07-08' });
    expect(matched.statusCode).toBe(201);
    expect((await worker.api('POST', `${base}/matches`, { householdId, panelOn: '2025-07-02', decidedOn: '2025-07-09' })).json().error).toContain('The child was matched with Lee Marsh on 8 July 2025');
    // With consent and the current foster carers: A3, the same carers (SSDA903 RNE T).
    const placed = await worker.api('POST', `${base}/matches/${matched.json().id}/placed`, { movedOn: '2025-07-14', currentCarers: true });
    expect(placed.statusCode).toBe(201);
    expect(await t.ctx.db.selectFrom('placement').select(['placement_type', 'same_carers']).where('id', '=', placed.json().id).executeTakeFirstOrThrow()).toEqual({ placement_type: 'A3', same_carers: true });
    const changeAway = await worker.api('POST', `${base}/plan-changes`, { decidedOn: '2025-09-01', plan: 'long_term_fostering' });
    expect(changeAway.json().error).toContain('record the disruption before changing the plan');
    expect((await worker.api('POST', `${base}/matches/${matched.json().id}/disruption`, { disruptedOn: '2025-07-10', reason: 'x' })).json().error).toContain('cannot have ended before that');
    expect((await worker.api('POST', `${base}/matches/${matched.json().id}/disruption`, { disruptedOn: '2025-08-30', reason: 'The adopters could not meet Theo’s needs after his diagnosis.' })).statusCode).toBe(201);
    expect((await worker.api('POST', `${base}/plan-changes`, { decidedOn: '2025-09-01', plan: 'long_term_fostering', reversedReason: 'RD1' })).statusCode).toBe(201);
    const adopters = textOf((await worker.get(`/adopters/${householdId}`)).body);
    expect(adopters).toContain('Disrupted 30 August 2025: The adopters could not meet Theo’s needs after his diagnosis.');
  });
});

describe('a decision to place for adoption reversed (SSDA903 PlacedAdoption REASON_PLACED_CEASED, rules 119 and 120; decision 0041)', () => {
  it('changing the plan away from adoption asks why; the reason is in the chronology and in the return’s PlacedAdoption row', async () => {
    const childId = await inCare('Ruby', '2023-05-05', '2025-02-03');
    const base = `/api/v1/children/${childId}/permanence`;
    expect((await worker.api('POST', `${base}/plan`, { decidedOn: '2025-05-01', plan: 'adoption' })).statusCode).toBe(201);
    const form = await worker.get(`/children/${childId}/permanence/change-plan`);
    expect(form.body).toContain('why the decision to place for adoption was reversed');
    expect(form.body).toContain('The court did not make a placement order');
    const noReason = await worker.post(`/children/${childId}/permanence/change-plan`, { ...dateFields('decidedOn', '2025-09-01'), plan: 'long_term_fostering', planDetail: 'With the current carers', reversedReason: '' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Choose why the decision to place for adoption was reversed');
    const saved = await worker.post(`/children/${childId}/permanence/change-plan`, { ...dateFields('decidedOn', '2025-09-01'), plan: 'long_term_fostering', planDetail: 'With the current carers', reversedReason: 'RD2' });
    expect(saved.statusCode).toBe(303);
    const titles = (await t.ctx.db.selectFrom('child_event').select('title').where('child_id', '=', childId).where('type', '=', 'permanence.plan-changed').execute()).map((e) => e.title);
    expect(titles).toEqual(['Permanence plan changed from adoption to long-term fostering: the court did not make a placement order']);
    // A change between two other routes has no reason to give.
    const notAdoption = await worker.api('POST', `${base}/plan-changes`, { decidedOn: '2025-10-01', plan: 'special_guardianship', planDetail: 'The aunt', reversedReason: 'RD4' });
    expect(notAdoption.statusCode).toBe(422);
    expect(notAdoption.json().error).toContain('The plan being changed is not adoption');
    const analyst = await t.signIn('analyst');
    const csv = (await analyst.get('/returns/ssda903/2026/csv/placedadoption')).body;
    const laChildId = (await t.ctx.db.selectFrom('person').select('la_child_id').where('id', '=', childId).executeTakeFirstOrThrow()).la_child_id;
    expect(csv).toContain(`${laChildId ?? ''},05/05/2023,01/05/2025,01/09/2025,RD2\r\n`);
  });
});

describe('the permanence tracker', () => {
  it('lists the children the user may see with a plan running, with the age of each step and what comes next', async () => {
    const childId = await inCare('Ellis', '2019-03-03', '2025-03-10');
    await worker.api('POST', `/api/v1/children/${childId}/permanence/plan`, { decidedOn: '2025-06-02', plan: 'special_guardianship', planDetail: 'The maternal grandmother' });
    const tracker = textOf((await worker.get('/permanence?route=special_guardianship')).body);
    expect(tracker).toContain('Special guardianship order (1)');
    expect(tracker).toContain('Ellis Adeyemi');
    // 2 June 2025 to 20 November 2026: 536 days since the decision, with no step since.
    expect(tracker).toContain('decided 2 June 2025 (536 days)');
    expect(tracker).toContain('Plan decided: Special guardianship order: 2 June 2025 (536 days)');
    const other = await t.signIn('otherWorker');
    const theirs = textOf((await other.get('/permanence')).body);
    expect(theirs).not.toContain('Ellis Adeyemi');
    expect(theirs).toContain('No children you can see have a permanence plan running');
    const audited = await t.ctx.db.selectFrom('audit_log').select(['action', 'object_type']).where('object_type', '=', 'permanence-tracker').execute();
    expect(audited.length).toBeGreaterThanOrEqual(2);
  });
});

describe('corrections and deletions, each with the reason', () => {
  it('a step’s date is corrected with the reason and the chronology follows; a placement order’s date is put right on the care page', async () => {
    const childId = await inCare('Rosa', '2023-09-09', '2025-04-07');
    const api = `/api/v1/children/${childId}/permanence`;
    await worker.api('POST', `${api}/plan`, { decidedOn: '2025-07-01', plan: 'adoption' });
    const ff = (await worker.api('POST', `${api}/family-finding`, { startedOn: '2025-07-14' })).json().id as string;
    const po = (await worker.api('POST', `${api}/authority`, { authority: 'placement_order', grantedOn: '2025-10-06', court: 'Family Court at Kestrelford' })).json().id as string;
    const corrected = await worker.post(`/children/${childId}/permanence/steps/${ff}/change`, { ...dateFields('occurredOn', '2025-07-21'), note: 'Consortium profile', reason: 'The profile went out a week later', version: '1' });
    expect(corrected.statusCode).toBe(303);
    const event = await t.ctx.db.selectFrom('child_event').select(['occurred_on', 'detail']).where('source_id', '=', ff).executeTakeFirstOrThrow();
    expect(event).toEqual({ occurred_on: '2025-07-21', detail: 'Consortium profile' });
    expect((await t.ctx.db.selectFrom('record_version').select('reason').where('record_id', '=', ff).execute()).map((v) => v.reason)).toEqual(['The profile went out a week later']);
    const moved = await worker.api('PUT', `${api}/steps/${po}`, { occurredOn: '2025-10-13', court: 'Family Court at Kestrelford', reason: 'Wrong day' });
    expect(moved.statusCode).toBe(422);
    expect(moved.json().error).toContain('a placement order is the day the legal status became E1: put it right on the care page');
    const courtOnly = await worker.api('PUT', `${api}/steps/${po}`, { occurredOn: '2025-10-06', court: 'Family Court at Brightwater', caseNumber: 'BW25C00777', reason: 'The order was made at Brightwater' });
    expect(courtOnly.statusCode).toBe(200);
    expect((await t.ctx.db.selectFrom('child_event').select('title').where('source_id', '=', po).executeTakeFirstOrThrow()).title).toBe('Placement order made by Family Court at Brightwater (BW25C00777)');
    const deleted = await worker.api('DELETE', `${api}/steps/${ff}`, { reason: 'Recorded on the wrong child' });
    expect(deleted.statusCode).toBe(200);
    expect(await t.ctx.db.selectFrom('child_event').select('id').where('source_id', '=', ff).where('deleted_at', 'is', null).execute()).toEqual([]);
  });

  it('a match, a step and a plan each have a delete page: it shows the record, asks why, deletes it softly with the reason, audits it and goes back to the permanence page', async () => {
    const childId = await inCare('Ines', '2023-04-04', '2025-02-03');
    const api = `/api/v1/children/${childId}/permanence`;
    const plan = (await worker.api('POST', `${api}/plan`, { decidedOn: '2025-07-01', plan: 'adoption' })).json().id as string;
    const ff = (await worker.api('POST', `${api}/family-finding`, { startedOn: '2025-07-14' })).json().id as string;
    expect((await worker.api('POST', `${api}/authority`, { authority: 'consent', grantedOn: '2025-07-21' })).statusCode).toBe(201);
    const householdId = await approvedHousehold('Kit Amari');
    const match = await worker.api('POST', `${api}/matches`, { householdId, panelOn: '2025-08-01', decidedOn: '2025-08-08' });
    expect(match.statusCode, match.body).toBe(201);
    const permanence = `/children/${childId}/permanence`;
    const cases = [
      { path: `${permanence}/matches/${match.json().id}/delete`, table: 'adoption_match', id: match.json().id as string, objectType: 'adoption-match', shows: ['Delete this match', 'Panel 1 August 2025, decided 8 August 2025'] },
      { path: `${permanence}/steps/${ff}/delete`, table: 'permanence_step', id: ff, objectType: 'permanence-step', shows: ['Delete this step', 'family finding on 14 July 2025'] },
    ] as const;
    for (const c of cases) {
      const page = await worker.get(c.path);
      expect(page.statusCode).toBe(200);
      for (const text of c.shows) expect(textOf(page.body)).toContain(text);
      expect(page.body).toContain(`href="${permanence}"`);
      const noReason = await worker.post(c.path, { reason: '' });
      expect(noReason.statusCode).toBe(400);
      expect(textOf(noReason.body)).toContain('Say why you are deleting it');
      const deleted = await worker.post(c.path, { reason: 'Recorded on the wrong child' });
      expect(deleted.statusCode).toBe(303);
      expect(deleted.headers.location).toBe(permanence);
      const row = await t.ctx.db.selectFrom(c.table).select(['deleted_at', 'deleted_reason']).where('id', '=', c.id).executeTakeFirstOrThrow();
      expect(row.deleted_at).not.toBeNull();
      expect(row.deleted_reason).toBe('Recorded on the wrong child');
      const audited = await t.ctx.db.selectFrom('audit_log').select(['action', 'child_id']).where('object_type', '=', c.objectType).where('object_id', '=', c.id).where('action', '=', 'delete').execute();
      expect(audited).toEqual([{ action: 'delete', child_id: childId }]);
    }
    // A plan recorded alone, on another child: its page names the plan and the day it was decided.
    const other = await inCare('Jude', '2023-05-05', '2025-02-03');
    const only = (await worker.api('POST', `/api/v1/children/${other}/permanence/plan`, { decidedOn: '2025-07-01', plan: 'adoption' })).json().id as string;
    const planPage = `/children/${other}/permanence/plans/${only}/delete`;
    expect(textOf((await worker.get(planPage)).body)).toContain('decided 1 July 2025');
    expect((await worker.post(planPage, { reason: 'Meant for his sister' })).headers.location).toBe(`/children/${other}/permanence`);
    expect((await t.ctx.db.selectFrom('permanence_plan').select('deleted_reason').where('id', '=', only).executeTakeFirstOrThrow()).deleted_reason).toBe('Meant for his sister');
    // Another child's record is not found through this child.
    expect((await worker.get(`/children/${other}/permanence/plans/${plan}/delete`)).statusCode).toBe(404);
  });

  it('deleting a change of plan recorded in error reopens the plan it replaced', async () => {
    const childId = await inCare('Noah', '2022-01-15', '2025-02-10');
    const api = `/api/v1/children/${childId}/permanence`;
    const first = (await worker.api('POST', `${api}/plan`, { decidedOn: '2025-05-06', plan: 'adoption' })).json().id as string;
    const second = (await worker.api('POST', `${api}/plan-changes`, { decidedOn: '2025-09-01', plan: 'long_term_fostering', reversedReason: 'RD4' })).json().id as string;
    expect((await worker.api('DELETE', `${api}/plans/${first}`, { reason: 'x' })).json().error).toContain('This plan was changed for another: delete the newer plan first');
    expect((await worker.api('DELETE', `${api}/plans/${second}`, { reason: 'The change was meant for his brother' })).statusCode).toBe(200);
    expect(await t.ctx.db.selectFrom('permanence_plan').select(['plan', 'ended_on', 'end_reason']).where('child_id', '=', childId).where('deleted_at', 'is', null).execute()).toEqual([{ plan: 'adoption', ended_on: null, end_reason: null }]);
    const page = textOf((await worker.get(`/children/${childId}/permanence`)).body);
    expect(page).toContain('Plan now: Adoption');
  });
});

describe('the tracker is paged', () => {
  it('fifty children a page, with the count, in the order the plans were decided', async () => {
    // Sixty children in care with a child arrangements order as the plan, straight into the tables (the rules are tested above).
    const rows = Array.from({ length: 60 }, (_, i) => ({ child: randomUUID(), period: randomUUID(), plan: randomUUID(), day: `2025-0${1 + Math.floor(i / 28)}-${String(1 + (i % 28)).padStart(2, '0')}` }));
    const db = t.ctx.db;
    await db.insertInto('person').values(rows.map((r, i) => ({ id: r.child, kind: 'child' as const, first_name: `Paged${String(i).padStart(2, '0')}`, last_name: 'Child', date_of_birth: '2015-01-01', recorded_by: t.users.admin }))).execute();
    await db.insertInto('allocation').values(rows.map((r) => ({ id: randomUUID(), child_id: r.child, worker_id: t.users.colleague, role: 'social_worker', from_date: '2024-12-01', recorded_by: t.users.manager }))).execute();
    await db.insertInto('care_period').values(rows.map((r) => ({ id: r.period, child_id: r.child, started_on: '2024-12-02', category_of_need: 'N1', decided_by: 'Panel', recorded_by: t.users.admin }))).execute();
    await db.insertInto('permanence_plan').values(rows.map((r) => ({ id: r.plan, child_id: r.child, period_id: r.period, decided_on: r.day, plan: 'child_arrangements' as const, recorded_by: t.users.admin }))).execute();
    const manager = await t.signIn('manager');
    const first = textOf((await manager.get('/permanence?route=child_arrangements')).body);
    expect(first).toContain('60 children, 1 to 50 shown');
    expect(first).toContain('Paged00 Child');
    expect(first).not.toContain('Paged50 Child');
    const second = textOf((await manager.get('/permanence?route=child_arrangements&page=2')).body);
    expect(second).toContain('60 children, 51 to 60 shown');
    expect(second).toContain('Paged59 Child');
    expect(second).not.toContain('Paged49 Child');
    // Someone with no relationship to these children sees none of them.
    const other = await t.signIn('otherWorker');
    expect(textOf((await other.get('/permanence?route=child_arrangements')).body)).not.toContain('Paged');
  });
});
