// A child comes into care, moves placement, changes legal status, is visited and reviewed, and
// leaves care: each recorded once, with the SSDA903 episodes, the chronology and the clocks
// following (CPPCR 2010 regs 4, 9, 13, 28, 33; seed requirements §1.8a-d).
import { givenDecision } from '../oversight/test-helpers.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, makeChild, openEpisode, textOf } from '../plans/test-helpers.ts';

let t: TestApp;
let worker: Agent;
let iro: Agent;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
  iro = await t.signIn('iro');
  // Brightwater's own postcodes and one district of Kestrelford, the neighbouring council.
  await t.ctx.db
    .insertInto('postcode_centroid')
    .values([
      { postcode: 'BW1 2AB', latitude: 50.8, longitude: -1.1, council_code: 'E0000BW', council_name: 'Brightwater' },
      { postcode: 'BW1', latitude: 50.81, longitude: -1.09, council_code: 'E0000BW', council_name: 'Brightwater' },
      { postcode: 'KQ3', latitude: 51.0, longitude: -1.1, council_code: 'E0000KQ', council_name: 'Kestrelford' },
    ])
    .execute();
  await t.ctx.db.insertInto('council_setting').values({ key: 'ownCouncilCode', value: JSON.stringify('E0000BW') }).execute();
});

afterAll(async () => {
  await t?.close();
});

const firstPlacement = {
  legalStatus: 'V2',
  categoryOfNeed: 'N1',
  decidedBy: 'Head of Service, Children in Care',
  alternativesConsidered: 'Family group conference: no family member able to care',
  homePostcode: 'bw1 2ab',
  placementType: 'U6',
  provider: 'PR1',
  carerName: 'Kim and Lee Hughes',
  postcode: 'BW1 7XY',
  intendedUntil18: 'no',
};

const clocksOf = (childId: string, ruleId: string) =>
  t.ctx.db.selectFrom('clock').select(['due_on', 'met_on', 'stopped_on', 'scope_id']).where('child_id', '=', childId).where('rule_id', '=', ruleId).orderBy('started_on').orderBy('due_on').execute();
/** The child's IRO: access follows the allocation, as for the social worker. */
const allocateIro = (childId: string) =>
  t.ctx.db.insertInto('allocation').values({ id: crypto.randomUUID(), child_id: childId, worker_id: t.users.iro, role: 'iro', from_date: '2026-06-01', recorded_by: t.users.manager }).execute();
const periodsOf = (childId: string) => t.ctx.db.selectFrom('care_period').selectAll().where('child_id', '=', childId).execute();

describe('coming into care', () => {
  it('needs an open episode of need, and stores nothing without one', async () => {
    const childId = await makeChild(t);
    const page = await worker.post(`/children/${childId}/care/start`, { ...firstPlacement, ...dateFields('startedOn', '2026-06-01') });
    expect(page.statusCode).toBe(422);
    expect(textOf(page.body)).toContain('A child comes into care from an open episode of need: record the referral first');
    expect(await periodsOf(childId)).toHaveLength(0);
  });

  it('refuses a date before the referral, before birth, or in the future, and a provider for a temporary move, keeping what was typed', async () => {
    const childId = await makeChild(t);
    await openEpisode(t, childId, '2026-03-02');
    await givenDecision(t.ctx.db, childId, 'entry_to_care', '2026-03-02', t.users.manager);
    const early = await worker.post(`/children/${childId}/care/start`, { ...firstPlacement, ...dateFields('startedOn', '2026-02-27') });
    expect(early.statusCode).toBe(422);
    expect(textOf(early.body)).toContain('The child cannot have come into care before the referral of this episode (2 March 2026)');
    expect(early.body).toContain('value="Kim and Lee Hughes"');
    const future = await worker.post(`/children/${childId}/care/start`, { ...firstPlacement, ...dateFields('startedOn', '2026-12-01') });
    expect(textOf(future.body)).toContain('cannot be in the future');
    const temporary = await worker.post(`/children/${childId}/care/start`, { ...firstPlacement, placementType: 'T1', ...dateFields('startedOn', '2026-06-01') });
    expect(temporary.statusCode).toBe(400);
    expect(textOf(temporary.body)).toContain('A temporary move has no provider: leave it blank');
    const badPostcode = await worker.post(`/children/${childId}/care/start`, { ...firstPlacement, postcode: 'nowhere', ...dateFields('startedOn', '2026-06-01') });
    expect(textOf(badPostcode.body)).toContain('The placement’s postcode must be a UK postcode');
    expect(await periodsOf(childId)).toHaveLength(0);
  });
});

describe('a period of care from start to end', () => {
  let childId: string;
  let periodId: string;

  beforeAll(async () => {
    childId = await makeChild(t);
    await openEpisode(t, childId, '2026-03-02');
    await givenDecision(t.ctx.db, childId, 'entry_to_care', '2026-03-02', t.users.manager);
    const response = await worker.post(`/children/${childId}/care/start`, { ...firstPlacement, ...dateFields('startedOn', '2026-06-01') });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/children/${childId}/care`);
    periodId = (await periodsOf(childId))[0]!.id;
    await allocateIro(childId);
  });

  it('starts the care plan (10 working days), placement plan and notification (5), visit (1 week) and review (20 working days) clocks', async () => {
    // Monday 1 June 2026: +5 working days is Monday 8 June; +10 is Monday 15 June; +20 is Monday 29 June.
    expect((await clocksOf(childId, 'care-plan')).map((c) => c.due_on)).toEqual(['2026-06-15']);
    expect((await clocksOf(childId, 'placement-plan')).map((c) => c.due_on)).toEqual(['2026-06-08']);
    expect((await clocksOf(childId, 'placement-notification')).map((c) => c.due_on)).toEqual(['2026-06-08']);
    expect((await clocksOf(childId, 'looked-after-visit')).map((c) => c.due_on)).toEqual(['2026-06-08']);
    expect((await clocksOf(childId, 'looked-after-review')).map((c) => c.due_on)).toEqual(['2026-06-29']);
    const page = textOf((await worker.get(`/children/${childId}/care`)).body);
    expect(page).toContain('Looked after since 1 June 2026');
    expect(page).toContain('Single period of accommodation under section 20');
    expect(page).toContain('Kim and Lee Hughes, since 1 June 2026');
    expect(page).toContain('Prepare the care plan 15 June 2026 Overdue');
    expect(page).toContain('worker, since 5 January 2026 0 changes of social worker in the last 12 months');
  });

  it('works out the distance from home from the postcodes’ centroids (the district’s where the postcode is not in the directory)', async () => {
    const [placement] = await t.ctx.db.selectFrom('placement').selectAll().where('child_id', '=', childId).execute();
    // BW1 2AB (50.8, -1.1) to the BW1 district centroid (50.81, -1.09): 0.8 miles.
    expect(placement).toMatchObject({ postcode: 'BW1 7XY', distance_miles: 0.8, host_council: 'Brightwater', in_council_area: true });
  });

  it('refuses a second period of care while the child is looked after', async () => {
    const again = await worker.post(`/children/${childId}/care/start`, { ...firstPlacement, ...dateFields('startedOn', '2026-07-01') });
    expect(again.statusCode).toBe(422);
    expect(textOf(again.body)).toContain('The child is already looked after, from 1 June 2026');
  });

  it('the care plan is started in the one plan model and meets its clock', async () => {
    const response = await worker.post(`/children/${childId}/care/care-plan`, dateFields('startedOn', '2026-06-10'));
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(new RegExp(`^/children/${childId}/plans/`));
    expect(await clocksOf(childId, 'care-plan')).toEqual([expect.objectContaining({ met_on: '2026-06-10' })]);
  });

  it('a statutory visit belongs to the placement the child was in that day, and meets its visit clock; before care it is refused', async () => {
    const visit = { kind: 'looked_after', childSeen: true, seenAlone: 'yes', observations: 'Saw Ayo at the Hughes’ home; settling, sleeping well.' };
    const ok = await worker.api('POST', `/api/v1/children/${childId}/visits`, { ...visit, visitedOn: '2026-06-05' });
    expect(ok.statusCode).toBe(201);
    const before = await worker.api('POST', `/api/v1/children/${childId}/visits`, { ...visit, visitedOn: '2026-05-20' });
    expect(before.statusCode).toBe(422);
    expect(before.json().error).toContain('the child was not in a placement that day');
    // Met on 5 June; the next is due 6 weeks later, 17 July.
    expect((await clocksOf(childId, 'looked-after-visit')).map((c) => [c.due_on, c.met_on])).toEqual([
      ['2026-06-08', '2026-06-05'],
      ['2026-07-17', null],
    ]);
  });

  it('a child placed with a parent before their assessment is finished is visited weekly until the first review (CPPCR reg 28(3)); the pattern must fit the placement', async () => {
    const other = await makeChild(t);
    await openEpisode(t, other, '2026-05-01');
    await givenDecision(t.ctx.db, other, 'entry_to_care', '2026-05-01', t.users.manager);
    const withParent = { ...firstPlacement, placementType: 'P1', provider: 'PR0', carerName: 'Mother', visitingRule: 'with-parent-before-assessment', ...dateFields('startedOn', '2026-06-01') };
    const misfit = await worker.post(`/children/${other}/care/start`, { ...withParent, placementType: 'U6', provider: 'PR1' });
    expect(misfit.statusCode).toBe(400);
    expect(textOf(misfit.body)).toContain('Weekly visits under regulation 28(3) are for a child placed with a parent (placement type P1)');
    expect((await worker.post(`/children/${other}/care/start`, withParent)).statusCode).toBe(303);
    const visit = { kind: 'looked_after', childSeen: true, seenAlone: 'yes', observations: 'Saw Sam at home with mum.' };
    expect((await worker.api('POST', `/api/v1/children/${other}/visits`, { ...visit, visitedOn: '2026-06-05' })).statusCode).toBe(201);
    expect((await worker.api('POST', `/api/v1/children/${other}/visits`, { ...visit, visitedOn: '2026-06-10' })).statusCode).toBe(201);
    expect((await clocksOf(other, 'looked-after-visit-weekly-then-6-weekly')).map((c) => [c.due_on, c.met_on])).toEqual([
      ['2026-06-08', '2026-06-05'],
      ['2026-06-12', '2026-06-10'],
      ['2026-06-17', null],
    ]);
    expect(await clocksOf(other, 'looked-after-visit')).toEqual([]);
  });

  it('a full care order made while the child lives with a parent: visited within a week of the order, then 6-weekly, in place of the weekly visits (CPPCR reg 28(5); timescales.md LA7)', async () => {
    const other = await makeChild(t);
    await openEpisode(t, other, '2026-05-01');
    await givenDecision(t.ctx.db, other, 'entry_to_care', '2026-05-01', t.users.manager);
    const atHome = { ...firstPlacement, legalStatus: 'C1', placementType: 'P1', provider: 'PR0', carerName: 'Mother', visitingRule: 'connected-person-or-interim-order', ...dateFields('startedOn', '2026-06-01') };
    expect((await worker.post(`/children/${other}/care/start`, atHome)).statusCode).toBe(303);
    const visit = { kind: 'looked_after', childSeen: true, seenAlone: 'yes', observations: 'Saw Sam at home with mum.' };
    expect((await worker.api('POST', `/api/v1/children/${other}/visits`, { ...visit, visitedOn: '2026-06-05' })).statusCode).toBe(201);
    expect((await worker.post(`/children/${other}/care/legal-status`, { ...dateFields('changedOn', '2026-06-29'), legalStatus: 'C2' })).statusCode).toBe(303);
    // The weekly chain (due 12 June, then weekly) stops the day the order is made…
    const weekly = await clocksOf(other, 'looked-after-visit-weekly-then-4-weekly');
    expect(weekly.map((c) => [c.due_on, c.met_on, c.stopped_on])).toEqual([
      ['2026-06-08', '2026-06-05', null],
      ['2026-06-12', null, '2026-06-29'],
    ]);
    // …and the order's own starts: within a week of 29 June, then 6 weeks from each visit.
    expect((await worker.api('POST', `/api/v1/children/${other}/visits`, { ...visit, visitedOn: '2026-07-03' })).statusCode).toBe(201);
    expect((await clocksOf(other, 'looked-after-visit-care-order-at-home')).map((c) => [c.due_on, c.met_on])).toEqual([
      ['2026-07-06', '2026-07-03'],
      ['2026-08-14', null],
    ]);
  });

  it('a move to a placement outside the area: distance, host council, and the host council must be told (Newham 2020 F21)', async () => {
    const noReason = await worker.post(`/children/${childId}/care/move`, { ...firstPlacement, ...dateFields('movedOn', '2026-08-03'), carerName: 'Oakwood House', placementType: 'K2', provider: 'PR4', postcode: 'KQ3 4LM', urn: 'sc123456', sameCarers: 'no' });
    expect(noReason.statusCode).toBe(422);
    expect(textOf(noReason.body)).toContain('Choose why the placement changed');
    const before = await worker.post(`/children/${childId}/care/move`, { ...firstPlacement, ...dateFields('movedOn', '2026-06-01'), changeReason: 'CREQB', sameCarers: 'no' });
    expect(textOf(before.body)).toContain('The move must be after the current placement started (1 June 2026)');
    const moved = await worker.post(`/children/${childId}/care/move`, {
      ...firstPlacement,
      ...dateFields('movedOn', '2026-08-03'),
      changeReason: 'CREQB',
      carerName: 'Oakwood House',
      placementType: 'K2',
      provider: 'PR4',
      postcode: 'KQ3 4LM',
      urn: 'sc123456',
      sameCarers: 'no',
    });
    expect(moved.statusCode).toBe(303);
    const placements = await t.ctx.db.selectFrom('placement').selectAll().where('child_id', '=', childId).orderBy('started_on').execute();
    expect(placements.map((p) => [p.carer_name, p.started_on, p.ended_on, p.change_reason])).toEqual([
      ['Kim and Lee Hughes', '2026-06-01', '2026-08-03', 'CREQB'],
      ['Oakwood House', '2026-08-03', null, null],
    ]);
    // BW1 2AB (50.8, -1.1) to KQ3 (51.0, -1.1): 13.8 miles, in Kestrelford.
    expect(placements[1]).toMatchObject({ urn: 'SC123456', distance_miles: 13.8, host_council: 'Kestrelford', in_council_area: false });
    const placementId = placements[1]!.id;
    const withoutHost = await worker.post(`/children/${childId}/care/placements/${placementId}/notified`, { ...dateFields('notifiedOn', '2026-08-05'), hostCouncilNotified: 'no' });
    expect(withoutHost.statusCode).toBe(422);
    expect(textOf(withoutHost.body)).toContain('The child is placed outside the council’s area, in Kestrelford: that council must be told too');
    const told = await worker.post(`/children/${childId}/care/placements/${placementId}/notified`, { ...dateFields('notifiedOn', '2026-08-05'), hostCouncilNotified: 'yes' });
    expect(told.statusCode).toBe(303);
    const notifications = await clocksOf(childId, 'placement-notification');
    expect(notifications.find((c) => c.scope_id === placementId)).toMatchObject({ met_on: '2026-08-05' });
    // The old placement's clocks stopped when it ended.
    expect(notifications.find((c) => c.scope_id === placements[0]!.id)).toMatchObject({ stopped_on: '2026-08-03' });
  });

  it('a change of legal status makes a new episode: the return falls out of the record (S, P, L)', async () => {
    const same = await worker.post(`/children/${childId}/care/legal-status`, { ...dateFields('changedOn', '2026-09-01'), legalStatus: 'V2' });
    expect(textOf(same.body)).toContain('The legal status is already');
    const changed = await worker.post(`/children/${childId}/care/legal-status`, { ...dateFields('changedOn', '2026-09-01'), legalStatus: 'C1' });
    expect(changed.statusCode).toBe(303);
    const care = (await worker.get(`/api/v1/children/${childId}/care`)).json();
    expect(care.periods[0].episodes.map((e: Record<string, unknown>) => [e['startedOn'], e['reasonNewEpisode'], e['legalStatus'], e['placementType'], e['endedOn'], e['reasonCeased'], e['reasonPlaceChange']])).toEqual([
      ['2026-06-01', 'S', 'V2', 'U6', '2026-08-03', 'X1', 'CREQB'],
      ['2026-08-03', 'P', 'V2', 'K2', '2026-09-01', 'X1', null],
      ['2026-09-01', 'L', 'C1', 'K2', null, null, null],
    ]);
    expect(care.stability).toEqual({ placements: 2, moves: 1 });
  });

  it('a review is chaired by an IRO, with the child’s participation right for their age, and a permanence plan by the second', async () => {
    const review = { ...dateFields('heldOn', '2026-06-20'), chairId: t.users.iro, participation: 'PN1', decisions: 'Placement meeting Ayo’s needs; school transport agreed.' };
    const notIro = await worker.post(`/children/${childId}/care/reviews/new`, { ...review, chairId: t.users.manager });
    expect(notIro.statusCode).toBe(422);
    expect(textOf(notIro.body)).toContain('manager is not an independent reviewing officer');
    const underFour = await worker.post(`/children/${childId}/care/reviews/new`, { ...review, participation: 'PN0' });
    expect(textOf(underFour.body)).toContain('The child was 4 or over at the review');
    expect((await iro.post(`/children/${childId}/care/reviews/new`, review)).statusCode).toBe(303);
    const second = { ...review, ...dateFields('heldOn', '2026-09-15') };
    const noPlan = await iro.post(`/children/${childId}/care/reviews/new`, second);
    expect(noPlan.statusCode).toBe(422);
    expect(textOf(noPlan.body)).toContain('A permanence plan is due by the second review');
    expect((await iro.post(`/children/${childId}/care/reviews/new`, { ...second, permanencePlan: 'Return home to mother with support; parallel plan long-term fostering' })).statusCode).toBe(303);
    // 20 working days, then 3 months, then 6 months (reg 33).
    expect((await clocksOf(childId, 'looked-after-review')).map((c) => [c.due_on, c.met_on])).toEqual([
      ['2026-06-29', '2026-06-20'],
      ['2026-09-20', '2026-09-15'],
      ['2027-03-15', null],
    ]);
    const chronology = textOf((await worker.get(`/children/${childId}/chronology`)).body);
    expect(chronology).toContain('Looked-after review chaired by iro');
    expect(chronology).toContain('Placed with Oakwood House');
  });

  it('the episode cannot close while the child is looked after', async () => {
    const episode = await t.ctx.db.selectFrom('cin_episode').select('id').where('child_id', '=', childId).executeTakeFirstOrThrow();
    const { closureChecks } = await import('../episodes/closure-checks.ts');
    const refusals = await Promise.allSettled(closureChecks().map((check) => check(t.ctx.db, episode.id, { closedOn: '2026-11-02', reason: 'RC8' }, t.users.worker)));
    expect(refusals.some((r) => r.status === 'rejected' && String(r.reason).includes('The child is looked after'))).toBe(true);
  });

  it('leaving care ends the placement, the legal status and the care plan, and a later period cannot overlap it', async () => {
    const tooEarly = await worker.post(`/children/${childId}/care/end`, { ...dateFields('endedOn', '2026-08-20'), reasonCeased: 'E4A' });
    expect(textOf(tooEarly.body)).toContain('before the last change recorded in this period (1 September 2026)');
    // Decision 0021: the manager's decision the transition needs.
    await givenDecision(t.ctx.db, childId, 'return_home', '2026-11-02', t.users.manager);
    expect((await worker.post(`/children/${childId}/care/end`, { ...dateFields('endedOn', '2026-11-02'), reasonCeased: 'E4A' })).statusCode).toBe(303);
    const [period] = await periodsOf(childId);
    expect(period).toMatchObject({ id: periodId, ended_on: '2026-11-02', reason_ceased: 'E4A' });
    const plan = await t.ctx.db.selectFrom('plan').select(['id', 'ended_on']).where('child_id', '=', childId).where('kind', '=', 'care').executeTakeFirstOrThrow();
    expect(plan.ended_on).toBe('2026-11-02');
    // The care plan's page says why it ended in words, not the code Lantern stored.
    const planPage = textOf((await worker.get(`/children/${childId}/plans/${plan.id}`)).body);
    expect(planPage).toContain('Ended 2 November 2026 – The child ceased to be looked after');
    expect(planPage).not.toContain('ceased_looked_after');
    const care = (await worker.get(`/api/v1/children/${childId}/care`)).json();
    expect(care.periods[0].episodes.at(-1)).toMatchObject({ endedOn: '2026-11-02', reasonCeased: 'E4A' });
    expect(care.current).toBeNull();
    const overlap = await worker.post(`/children/${childId}/care/start`, { ...firstPlacement, ...dateFields('startedOn', '2026-10-01') });
    expect(overlap.statusCode).toBe(422);
    expect(textOf(overlap.body)).toContain('a new period of care cannot start before that one ended');
    expect(await periodsOf(childId)).toHaveLength(1);
  });
});

describe('corrections', () => {
  it('a placement’s details are corrected with the reason; the old version is kept and the distance worked out again', async () => {
    const childId = await makeChild(t);
    await openEpisode(t, childId, '2026-03-02');
    await givenDecision(t.ctx.db, childId, 'entry_to_care', '2026-03-02', t.users.manager);
    await worker.post(`/children/${childId}/care/start`, { ...firstPlacement, postcode: '', ...dateFields('startedOn', '2026-06-01') });
    const placement = await t.ctx.db.selectFrom('placement').selectAll().where('child_id', '=', childId).executeTakeFirstOrThrow();
    expect(placement.distance_miles).toBeNull();
    const noReason = await worker.post(`/children/${childId}/care/placements/${placement.id}/change`, { ...firstPlacement, postcode: 'KQ3 1AA', version: '1' });
    expect(noReason.statusCode).toBe(400);
    const corrected = await worker.post(`/children/${childId}/care/placements/${placement.id}/change`, { ...firstPlacement, postcode: 'KQ3 1AA', intendedUntil18: 'yes', version: '1', reason: 'Postcode was missed' });
    expect(corrected.statusCode).toBe(303);
    const after = await t.ctx.db.selectFrom('placement').selectAll().where('id', '=', placement.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ postcode: 'KQ3 1AA', distance_miles: 13.8, in_council_area: false, intended_until_18: true, version: 2 });
    const versions = await t.ctx.db.selectFrom('record_version').select(['reason']).where('record_id', '=', placement.id).execute();
    expect(versions.map((v) => v.reason)).toContain('Postcode was missed');
    const started = await t.ctx.db.selectFrom('child_event').select('type').where('source_id', '=', placement.id).execute();
    expect(started.map((e) => e.type)).toEqual(['placement.started-long-term']);
  });

  it('a review is corrected or deleted with the reason through the API', async () => {
    const childId = await makeChild(t);
    await openEpisode(t, childId, '2026-03-02');
    await givenDecision(t.ctx.db, childId, 'entry_to_care', '2026-03-02', t.users.manager);
    await worker.api('POST', `/api/v1/children/${childId}/care-periods`, { ...firstPlacement, startedOn: '2026-06-01' });
    await allocateIro(childId);
    const created = await iro.api('POST', `/api/v1/children/${childId}/looked-after-reviews`, { heldOn: '2026-06-22', chairId: t.users.iro, participation: 'PN1', decisions: 'Stay in placement.' });
    expect(created.statusCode).toBe(201);
    const reviewId = created.json().id as string;
    const moved = await iro.api('PUT', `/api/v1/children/${childId}/looked-after-reviews/${reviewId}`, { heldOn: '2026-06-24', chairId: t.users.iro, participation: 'PN2', decisions: 'Stay in placement.', reason: 'Wrong date' });
    expect(moved.statusCode).toBe(200);
    expect((await clocksOf(childId, 'looked-after-review'))[0]).toMatchObject({ met_on: '2026-06-24' });
    const deleted = await worker.api('DELETE', `/api/v1/children/${childId}/looked-after-reviews/${reviewId}`, { reason: 'Recorded on the wrong child' });
    expect(deleted.statusCode).toBe(200);
    expect((await clocksOf(childId, 'looked-after-review'))[0]).toMatchObject({ met_on: null });
  });
});

describe('deprivation of liberty (CA 1989 s.25; Children’s Wellbeing and Schools Act 2026 s.13)', () => {
  it('an order needs a period of care; reviews are due within a month, then 3-monthly; it cannot end after the day it authorised', async () => {
    const childId = await makeChild(t, { dateOfBirth: '2011-02-01' });
    await openEpisode(t, childId, '2026-03-02');
    await givenDecision(t.ctx.db, childId, 'entry_to_care', '2026-03-02', t.users.manager);
    const order = { kind: 'secure_accommodation', court: 'Family Court at Brightwater', madeOn: '2026-05-04', expiresOn: '2026-08-03' };
    const early = await worker.api('POST', `/api/v1/children/${childId}/liberty-orders`, order);
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toContain('The child was not looked after on 4 May 2026');
    await worker.api('POST', `/api/v1/children/${childId}/care-periods`, { ...firstPlacement, placementType: 'K1', provider: 'PR2', carerName: 'Beacon Secure Unit', postcode: '', startedOn: '2026-05-04' });
    const made = await worker.api('POST', `/api/v1/children/${childId}/liberty-orders`, order);
    expect(made.statusCode).toBe(201);
    const orderId = made.json().id as string;
    expect((await clocksOf(childId, 'liberty-review')).map((c) => c.due_on)).toEqual(['2026-06-04']);
    expect((await worker.api('POST', `/api/v1/children/${childId}/liberty-orders/${orderId}/reviews`, { reviewedOn: '2026-06-01', criteriaStillMet: true, outcome: 'Still absconding risk.' })).statusCode).toBe(201);
    expect((await clocksOf(childId, 'liberty-review')).map((c) => [c.due_on, c.met_on])).toEqual([
      ['2026-06-04', '2026-06-01'],
      ['2026-09-01', null],
    ]);
    const second = await worker.api('POST', `/api/v1/children/${childId}/liberty-orders`, { ...order, madeOn: '2026-06-10' });
    expect(second.json().error).toContain('has not been recorded as ended');
    const late = await worker.api('POST', `/api/v1/children/${childId}/liberty-orders/${orderId}/end`, { endedOn: '2026-08-10', reason: 'Expired' });
    expect(late.json().error).toContain('only until 3 August 2026');
    const page = textOf((await worker.get(`/children/${childId}/care`)).body);
    expect(page).toContain('Past its end: record what happened');
    const ended = await worker.api('POST', `/api/v1/children/${childId}/liberty-orders/${orderId}/end`, { endedOn: '2026-08-03', reason: 'The order expired' });
    expect(ended.statusCode).toBe(201);
    // A step on a record that exists answers with that record's id.
    expect(ended.json()).toEqual({ id: orderId });
    expect((await clocksOf(childId, 'liberty-review'))[1]).toMatchObject({ stopped_on: '2026-08-03' });
  });
});
