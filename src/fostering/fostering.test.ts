// The council's foster carers: a household's assessment, approval, annual review and temporary
// approval (FS(E)R 2011 regs 27-28; CPPCR 2010 regs 24-25), the children placed with it and its
// vacancies (worked by hand below), the usual fostering limit (Children Act 1989 Sch 7), matching a
// child, the sufficiency figures and who may see them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDecision } from '../oversight/test-helpers.ts';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { makeChild, openEpisode, textOf } from '../plans/test-helpers.ts';
import { householdClocks } from './clocks.ts';

let t: TestApp;
let worker: Agent;
let manager: Agent;
let analyst: Agent;

beforeAll(async () => {
  t = await startTestApp();
  [worker, manager, analyst] = await Promise.all([t.signIn('worker'), t.signIn('manager'), t.signIn('analyst')]);
});

afterAll(async () => {
  await t?.close();
});

const json = <T = Record<string, unknown>>(r: { json(): unknown }) => r.json() as T;

async function household(first: string, kind = 'mainstream', startedOn = '2025-01-06'): Promise<string> {
  const r = await manager.api('POST', '/api/v1/fostering/households', { firstCarer: first, kind, assessmentStartedOn: startedOn });
  expect(r.statusCode, r.body).toBe(201);
  return json<{ id: string }>(r).id;
}

async function approved(first: string, terms: { places: number; ageFrom?: number; ageTo?: number; decidedOn?: string; kind?: string }): Promise<string> {
  const id = await household(first, terms.kind);
  expect((await manager.api('POST', `/api/v1/fostering/households/${id}/panel`, { panelOn: '2025-06-02', recommends: true })).statusCode).toBe(201);
  const decided = await manager.api('POST', `/api/v1/fostering/households/${id}/decision`, {
    decidedOn: terms.decidedOn ?? '2025-06-10',
    decisionMaker: 'Head of Service, Children in Care',
    approved: true,
    places: terms.places,
    ageFrom: terms.ageFrom ?? 0,
    ageTo: terms.ageTo ?? 17,
  });
  expect(decided.statusCode, decided.body).toBe(201);
  return id;
}

const entering = (startedOn: string, placement: Record<string, unknown>) => ({
  startedOn,
  legalStatus: 'V2',
  categoryOfNeed: 'N1',
  decidedBy: 'Head of Service, Children in Care',
  homePostcode: null,
  placementType: 'U6',
  provider: 'PR1',
  postcode: null,
  intendedUntil18: false,
  ...placement,
});

/** A child in the worker's caseload with an open episode, and the answer to placing them in care. */
async function intoCare(firstName: string, startedOn: string, placement: Record<string, unknown>, dateOfBirth = '2016-04-04') {
  const childId = await makeChild(t, { firstName, dateOfBirth });
  await openEpisode(t, childId, '2026-03-02');
  await givenDecision(t.ctx.db, childId, 'entry_to_care', startedOn, t.users.manager);
  const response = await worker.api('POST', `/api/v1/children/${childId}/care-periods`, entering(startedOn, placement));
  return { childId, response };
}

const move = (childId: string, movedOn: string, placement: Record<string, unknown>) =>
  worker.api('POST', `/api/v1/children/${childId}/placements`, { movedOn, changeReason: 'CARPL', sameCarers: false, placementType: 'U6', provider: 'PR1', postcode: null, intendedUntil18: false, ...placement });

const householdRow = (id: string) => t.ctx.db.selectFrom('fostering_household').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('a household’s approval and its timescales', () => {
  it('the agency decision maker decides after the fostering panel (FS(E)R 2011 reg 27)', async () => {
    const id = await household('Grace Okafor');
    const early = await manager.api('POST', `/api/v1/fostering/households/${id}/decision`, { decidedOn: '2025-06-10', decisionMaker: 'ADM', approved: true, places: 2, ageFrom: 0, ageTo: 10 });
    expect(early.statusCode).toBe(422);
    expect(json(early)['error']).toContain('Record the fostering panel’s recommendation first');
    await manager.api('POST', `/api/v1/fostering/households/${id}/panel`, { panelOn: '2025-06-02', recommends: true });
    const before = await manager.api('POST', `/api/v1/fostering/households/${id}/decision`, { decidedOn: '2025-05-30', decisionMaker: 'ADM', approved: true, places: 2, ageFrom: 0, ageTo: 10 });
    expect(json(before)['error']).toContain('The decision cannot be before the panel (2 June 2025)');
    const noTerms = await manager.api('POST', `/api/v1/fostering/households/${id}/decision`, { decidedOn: '2025-06-10', decisionMaker: 'ADM', approved: true });
    expect(noTerms.statusCode).toBe(400);
  });

  it('the first review is due within a year of approval, then within a year of each review; the first goes to the panel (FS(E)R 2011 reg 28(2))', async () => {
    const id = await approved('Mary Hughes', { places: 2, decidedOn: '2025-06-10' });
    expect((await householdRow(id)).review_due_on).toBe('2026-06-10');
    const withoutPanel = await manager.post(`/fostering/households/${id}/reviews/new`, { 'reviewedOn-day': '20', 'reviewedOn-month': '6', 'reviewedOn-year': '2026', suitable: 'yes', summary: 'Warm, consistent care; the children say they feel safe.' });
    expect(withoutPanel.statusCode).toBe(422);
    expect(textOf(withoutPanel.body)).toContain('This is the first review since approval: its report goes to the fostering panel');
    const reviewed = await manager.post(`/fostering/households/${id}/reviews/new`, {
      'reviewedOn-day': '20', 'reviewedOn-month': '6', 'reviewedOn-year': '2026',
      'panelOn-day': '1', 'panelOn-month': '7', 'panelOn-year': '2026',
      suitable: 'yes', summary: 'Warm, consistent care; the children say they feel safe.',
    });
    expect(reviewed.statusCode).toBe(303);
    expect((await householdRow(id)).review_due_on).toBe('2027-06-20');
    // Held ten days after it was due: shown as late on the household's page.
    const page = textOf((await manager.get(`/fostering/households/${id}`)).body);
    expect(page).toMatch(/Due by 10 June 2026 Late/);
    expect(page).toContain('Next review due 20 June 2027');
  });

  it('a review not held within the year is overdue, and stops being due when the carers resign', () => {
    const facts = { id: 'h', temporary_approved_on: null, decided_on: '2024-03-01', approved: true, reviews: [{ id: 'r1', reviewed_on: '2025-02-20' }], statuses: [] };
    expect(householdClocks(facts).reviewDueOn).toBe('2026-02-20');
    expect(householdClocks({ ...facts, statuses: [{ id: 's', status: 'resigned', from_on: '2026-01-05' }] }).reviewDueOn).toBeNull();
  });

  it('a connected person’s temporary approval ends 16 weeks less a day after it (CPPCR 2010 reg 24) and may be extended once, before it ends, by up to 8 weeks (reg 25(2))', async () => {
    const id = await household('Ama Owusu', 'connected_person', '2026-06-01');
    const mainstream = await household('Not Connected');
    expect(json(await manager.api('POST', `/api/v1/fostering/households/${mainstream}/temporary-approval`, { approvedOn: '2026-06-01' }))['error']).toContain('Only a connected person');
    expect((await manager.api('POST', `/api/v1/fostering/households/${id}/temporary-approval`, { approvedOn: '2026-06-01' })).statusCode).toBe(201);
    // 1 June is the first of its 112 days: the last is Sunday 20 September 2026.
    expect((await householdRow(id)).temporary_expires_on).toBe('2026-09-20');
    const extend = (extendedOn: string, extendedUntil: string) => manager.api('POST', `/api/v1/fostering/households/${id}/extension`, { extendedOn, extendedUntil, nominatedOfficer: 'Service Manager, Kinship' });
    expect(json(await extend('2026-09-21', '2026-10-30'))['error']).toContain('it can only be extended before it ends');
    expect(json(await extend('2026-09-14', '2026-11-16'))['error']).toContain('to 15 November 2026 at the latest (CPPCR 2010 reg 25(2))');
    expect((await extend('2026-09-14', '2026-11-15')).statusCode).toBe(201);
    expect(json(await extend('2026-09-15', '2026-11-01'))['error']).toContain('it can be extended only once');
    // Today (20 November) it has ended with no decision.
    const page = textOf((await manager.get(`/fostering/households/${id}`)).body);
    expect(page).toContain('From 1 June 2026 to 20 September 2026; extended on 14 September 2026 by Service Manager, Kinship to 15 November 2026 Ended without a decision');
  });
});

describe('the children placed with a household, and its vacancies', () => {
  // Hand-worked: the Adeyemi household is approved for 2 children (any age) from 10 June 2025.
  //   1 Sep  Ayo placed        → 1 placed, 1 vacancy
  //   1 Oct  Bola placed       → 2 placed, 0 vacancies
  //  15 Oct  Chidi refused: 2 are placed that day
  //  15 Sep  Dayo refused too: 1 is placed that day, but Bola joins on 1 Oct, when there would be 3
  //   2 Nov  Ayo moves to an agency carer → 1 placed, 1 vacancy
  //   3 Nov  Chidi placed      → 2 placed, 0 vacancies; Ayo is listed as placed before
  let adeyemi: string;
  let ayo: string;
  it('places children while there is a vacancy, and refuses one more with the figures that day', async () => {
    adeyemi = await approved('Funmi Adeyemi', { places: 2, decidedOn: '2025-06-10' });
    const placeAyo = await intoCare('Ayo', '2026-09-01', { fosteringHouseholdId: adeyemi });
    expect(placeAyo.response.statusCode, placeAyo.response.body).toBe(201);
    ayo = placeAyo.childId;
    // The carers' names come from the household when the worker leaves them blank.
    expect((await t.ctx.db.selectFrom('placement').select(['carer_name', 'fostering_household_id']).where('child_id', '=', ayo).executeTakeFirstOrThrow())).toEqual({ carer_name: 'Funmi Adeyemi', fostering_household_id: adeyemi });
    expect((await intoCare('Bola', '2026-10-01', { fosteringHouseholdId: adeyemi })).response.statusCode).toBe(201);
    const chidi = await intoCare('Chidi', '2026-10-15', { fosteringHouseholdId: adeyemi });
    expect(chidi.response.statusCode).toBe(422);
    expect(json(chidi.response)['error']).toBe('Funmi Adeyemi are approved for 2 children, and 2 are placed with them on 15 October 2026: there is no vacancy');
    expect(await t.ctx.db.selectFrom('care_period').select('id').where('child_id', '=', chidi.childId).execute()).toHaveLength(0);
    const dayo = await intoCare('Dayo', '2026-09-15', { fosteringHouseholdId: adeyemi });
    expect(json(dayo.response)['error']).toContain('and 2 are placed with them on 1 October 2026: there is no vacancy');

    expect((await move(ayo, '2026-11-02', { placementType: 'U6', provider: 'PR4', carerName: 'Brightwater Fostering Agency carers' })).statusCode).toBe(201);
    const placed = await move(chidi.childId, '2026-11-03', { fosteringHouseholdId: adeyemi, placementType: 'U6' });
    expect(placed.statusCode).toBe(422); // Chidi is not in care yet
    await givenDecision(t.ctx.db, chidi.childId, 'entry_to_care', '2026-11-03', t.users.manager);
    const chidiIn = await worker.api('POST', `/api/v1/children/${chidi.childId}/care-periods`, entering('2026-11-03', { fosteringHouseholdId: adeyemi }));
    expect(chidiIn.statusCode, chidiIn.body).toBe(201);

    const page = await manager.get(`/fostering/households/${adeyemi}`);
    const text = textOf(page.body);
    expect(text).toContain('Vacancies 0 (2 places less 2 placed now)');
    expect(text).toContain('2 children placed now');
    expect(text).toMatch(/Ayo Adeyemi 1 September 2026 2 November 2026/);
  });

  it('refuses a household not approved that day, on hold, or of the wrong kind for the placement type', async () => {
    const assessing = await household('Still Assessing');
    const refused = await intoCare('Efe', '2026-11-02', { fosteringHouseholdId: assessing });
    expect(json(refused.response)['error']).toBe('Still Assessing are not approved on 2 November 2026: they are in assessment from 6 January 2025');
    const later = await approved('Later Approved', { places: 1, decidedOn: '2026-11-01' });
    expect(json((await intoCare('Femi', '2026-10-30', { fosteringHouseholdId: later })).response)['error']).toContain('are not approved on 30 October 2026: they are in assessment from 6 January 2025');
    const paused = await approved('Paused Carer', { places: 2 });
    expect((await manager.api('POST', `/api/v1/fostering/households/${paused}/status`, { status: 'on_hold', fromOn: '2026-10-01', reason: 'Allegation being looked into' })).statusCode).toBe(201);
    expect(json((await intoCare('Gbenga', '2026-11-02', { fosteringHouseholdId: paused })).response)['error']).toBe('Paused Carer are not approved on 2 November 2026: they are on hold from 1 October 2026 and not taking children');
    expect(json((await intoCare('Hadiza', '2026-11-02', { fosteringHouseholdId: later, placementType: 'U3' })).response)['error']).toContain('choose a foster placement with other foster carers (U4 to U6)');
    expect(json((await intoCare('Ife', '2026-11-02', { fosteringHouseholdId: later, provider: 'PR4' })).response)['error']).toContain('choose “Own local authority provision”');
    expect(json((await intoCare('Jide', '2026-11-02', { fosteringHouseholdId: later, placementType: 'K2' })).response)['error']).toContain('choose a foster placement (U1 to U6)');
  });

  it('never fosters more than 3 children in a household unless they are brothers and sisters or the council exempts the carers (Children Act 1989 Sch 7)', async () => {
    const big = await approved('Big House', { places: 4 });
    for (const name of ['Kemi', 'Lola', 'Musa']) expect((await intoCare(name, '2026-09-01', { fosteringHouseholdId: big })).response.statusCode).toBe(201);
    const fourth = await intoCare('Nneka', '2026-09-02', { fosteringHouseholdId: big });
    expect(json(fourth.response)['error']).toBe('No more than 3 children may be fostered in one household unless they are all brothers and sisters, or the council has exempted the carers (Children Act 1989 Sch 7): Big House would have 4 on 2 September 2026');
    const terms = await manager.api('POST', `/api/v1/fostering/households/${big}/terms`, { changedOn: '2026-09-02', places: 4, ageFrom: 0, ageTo: 17, limitExemption: 'Exempted for Kemi, Lola, Musa and Nneka until the sibling group is placed together.' });
    expect(terms.statusCode, terms.body).toBe(201);
    await givenDecision(t.ctx.db, fourth.childId, 'entry_to_care', '2026-09-02', t.users.manager);
    expect((await worker.api('POST', `/api/v1/children/${fourth.childId}/care-periods`, entering('2026-09-02', { fosteringHouseholdId: big }))).statusCode).toBe(201);
    // Four brothers and sisters may live together without an exemption (Sch 7 para 3).
    const siblingHouse = await approved('Sibling House', { places: 4 });
    const names = ['Qasim', 'Rania', 'Samir', 'Tala'];
    const ids: string[] = [];
    for (const name of names) {
      const childId = await makeChild(t, { firstName: name });
      await openEpisode(t, childId, '2026-03-02');
      ids.push(childId);
    }
    for (const [i, a] of ids.entries()) {
      for (const b of ids.slice(i + 1)) await t.ctx.db.insertInto('relationship').values({ id: crypto.randomUUID(), person_id: a, related_person_id: b, kind: 'sibling', recorded_by: t.users.worker }).execute();
    }
    for (const childId of ids) {
      await givenDecision(t.ctx.db, childId, 'entry_to_care', '2026-10-05', t.users.manager);
      const r = await worker.api('POST', `/api/v1/children/${childId}/care-periods`, entering('2026-10-05', { fosteringHouseholdId: siblingHouse }));
      expect(r.statusCode, r.body).toBe(201);
    }
    // The terms cannot fall below the children placed.
    expect(json(await manager.api('POST', `/api/v1/fostering/households/${big}/terms`, { changedOn: '2026-11-02', places: 3, ageFrom: 0, ageTo: 17 }))['error']).toBe('4 children are placed with Big House: the terms cannot allow fewer');
    // Nor can carers resign while children live with them.
    expect(json(await manager.api('POST', `/api/v1/fostering/households/${big}/status`, { status: 'resigned', fromOn: '2026-11-02', reason: 'Retiring' }))['error']).toBe('4 children are placed with Big House after 2 November 2026: record their moves first');
  });
});

describe('matching a child, and the sufficiency figures', () => {
  it('offers approved households whose age range fits the child and who have a vacancy, never connected persons or full ones', async () => {
    const young = await approved('Young Ones', { places: 2, ageFrom: 0, ageTo: 5 });
    const wide = await approved('Wide Range', { places: 3, ageFrom: 5, ageTo: 17 });
    const child = await makeChild(t, { firstName: 'Olu', dateOfBirth: '2016-04-04' }); // 10 today
    const page = await worker.get(`/children/${child}/fostering`);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Foster carers approved today for a child of 10');
    expect(text).toContain('Wide Range');
    expect(text).not.toContain('Young Ones');
    expect(text).not.toContain('Funmi Adeyemi'); // full
    expect(text).not.toContain('Ama Owusu'); // a connected person
    expect(text).not.toContain('Paused Carer'); // on hold
    const api = json<{ rows: { id: string; vacancies: number }[] }>(await worker.get(`/api/v1/children/${child}/fostering-matches`));
    expect(api.rows.find((r) => r.id === wide)?.vacancies).toBe(3);
    expect(api.rows.some((r) => r.id === young)).toBe(false);
  });

  it('names the council’s foster carers a child lives with on the child’s record', async () => {
    const { recordSectionsFor } = await import('../server/record-sections.ts');
    const chidi = (await t.ctx.db.selectFrom('person').select('id').where('first_name', '=', 'Chidi').executeTakeFirstOrThrow()).id;
    const user = { id: t.users.worker, username: 'worker', displayName: 'worker', role: 'social_worker' as const, teamId: t.teams.safeguarding, agency: null };
    const sections = await recordSectionsFor(t.ctx.db, user, chidi, '2026-11-20');
    expect(sections.find((s) => s.id === 'fostering')).toEqual({
      id: 'fostering',
      title: 'The council’s foster carers',
      href: `/children/${chidi}/fostering`,
      summary: 'Living with Funmi Adeyemi, the council’s foster carers, since 3 November 2026',
    });
  });

  it('counts households, places, children placed and vacancies as the households add up, each number opening its list', async () => {
    const s = json<{ totals: { approved: number; places: number; placed: number; vacancies: number }; byKind: { code: string; approved: number }[]; routes: { key: string; children: number }[] }>(
      await analyst.get('/api/v1/fostering/sufficiency'),
    );
    // Approved: Mary Hughes 2 (0 placed), Funmi Adeyemi 2 (2), Later Approved 1 (0), Big House 4 (4), Sibling House 4 (4),
    // Young Ones 2 (0), Wide Range 3 (0); Paused Carer (2 places) is on hold, so neither its places nor
    // vacancies count. Grace Okafor was never decided.
    expect(s.totals).toMatchObject({ approved: 7, places: 18, placed: 10, vacancies: 2 + 1 + 2 + 3 });
    // Ten children with the council's carers, Ayo with an agency.
    expect(s.routes.find((r) => r.key === 'in-house')?.children).toBe(10);
    expect(s.routes.find((r) => r.key === 'ifa')?.children).toBe(1);
    const vacancies = textOf((await analyst.get('/fostering/households?show=vacancies')).body);
    expect(vacancies).toContain('4 households');
    expect(vacancies).toContain('Wide Range');
    expect(vacancies).not.toContain('Big House');
    const inHouse = textOf((await analyst.get('/fostering/children?route=in-house')).body);
    expect(inHouse).toContain('10 children');
  });
});

describe('who may see and record the council’s foster carers', () => {
  it('team managers, analysts and leaders see the pages; a social worker does not, but sees the matching page for their child', async () => {
    const id = (await t.ctx.db.selectFrom('fostering_household').select('id').where('first_carer', '=', 'Funmi Adeyemi').executeTakeFirstOrThrow()).id;
    for (const url of ['/fostering', `/fostering/households/${id}`, '/fostering/households?status=approved', '/fostering/children?route=ifa']) {
      expect((await manager.get(url)).statusCode, url).toBe(200);
      expect((await analyst.get(url)).statusCode, url).toBe(200);
      expect((await worker.get(url)).statusCode, url).toBe(403);
    }
    const child = await makeChild(t, { firstName: 'Pele' });
    expect((await worker.get(`/children/${child}/fostering`)).statusCode).toBe(200);
    const stranger = await t.signIn('otherWorker');
    expect((await stranger.get(`/children/${child}/fostering`)).statusCode).toBe(403);
  });

  it('writes one audit row each time a household’s record is viewed', async () => {
    const id = (await t.ctx.db.selectFrom('fostering_household').select('id').where('first_carer', '=', 'Mary Hughes').executeTakeFirstOrThrow()).id;
    const before = Number((await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id);
    expect((await analyst.get(`/fostering/households/${id}`)).statusCode).toBe(200);
    const rows = await t.ctx.db.selectFrom('audit_log').select(['user_id', 'action', 'object_type', 'object_id']).where('id', '>', before).execute();
    expect(rows).toEqual([{ user_id: t.users.analyst, action: 'view-child', object_type: 'fostering-household', object_id: id }]);
  });

  it('describes the foster carers API in the OpenAPI document', async () => {
    const document = json<{ paths: Record<string, unknown> }>(await analyst.get('/api/docs/openapi.json'));
    for (const path of ['/api/v1/fostering/sufficiency', '/api/v1/fostering/households', '/api/v1/fostering/households/{householdId}/reviews', '/api/v1/children/{childId}/fostering-matches']) expect(document.paths[path], path).toBeDefined();
  });

  it('only team managers record: an analyst is refused, and nothing is stored', async () => {
    const r = await analyst.api('POST', '/api/v1/fostering/households', { firstCarer: 'Should Not', kind: 'mainstream', assessmentStartedOn: '2026-11-02' });
    expect(r.statusCode).toBe(403);
    expect(await t.ctx.db.selectFrom('fostering_household').select('id').where('first_carer', '=', 'Should Not').execute()).toHaveLength(0);
    expect((await worker.get('/fostering/households/new')).statusCode).toBe(403);
  });
});
