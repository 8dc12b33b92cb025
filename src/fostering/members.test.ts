// A foster household's members and the DBS check each adult owes (decision 0062): FS(E)R 2011 Schedule 3
// para 2 asks for an enhanced certificate of each member of the household aged 18 or over, so a member's
// check is owed from the latest of the approval, their moving in and their 18th birthday, and stops when
// they move out. Corrections of checks, visits and risk assessments on the API, and FO-04's risk
// assessments corrected or withdrawn; a member recorded in error deleted (decision 0068). Hand-worked
// dates below; today is TEST_TODAY, 20 November 2026.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, textOf } from '../plans/test-helpers.ts';
import { dbsClocks, type HouseholdFacts, type MemberFact } from './clocks.ts';
import { householdMeasureById } from '../measures/catalogue/households.ts';
import { computeHouseholdFigure, readHouseholdFacts } from '../measures/households.ts';

let t: TestApp;
let manager: Agent;
let analyst: Agent;

beforeAll(async () => {
  t = await startTestApp();
  [manager, analyst] = await Promise.all([t.signIn('manager'), t.signIn('analyst')]);
});
afterAll(async () => {
  await t?.close();
});

const json = <T = Record<string, unknown>>(r: { json(): unknown }) => r.json() as T;

async function approved(firstCarer: string, decidedOn: string): Promise<string> {
  const r = await manager.api('POST', '/api/v1/fostering/households', { firstCarer, kind: 'mainstream', assessmentStartedOn: '2025-01-06' });
  const id = json<{ id: string }>(r).id;
  expect((await manager.api('POST', `/api/v1/fostering/households/${id}/panel`, { panelOn: '2025-06-02', recommends: true })).statusCode).toBe(201);
  expect((await manager.api('POST', `/api/v1/fostering/households/${id}/decision`, { decidedOn, decisionMaker: 'Head of Service', approved: true, places: 2, ageFrom: 0, ageTo: 17 })).statusCode).toBe(201);
  return id;
}
const check = (id: string, body: Record<string, unknown>) => manager.api('POST', `/api/v1/fostering/households/${id}/dbs-checks`, { barredList: true, updateService: false, certificateNumber: '001234567890', ...body });
const dbsClocksOf = (id: string) =>
  t.ctx.db.selectFrom('household_clock').select(['subject', 'started_on', 'due_on', 'met_on', 'stopped_on']).where('household_id', '=', id).where('rule_id', '=', 'foster-carer-dbs-renewal').orderBy('subject').orderBy('started_on').execute();

describe('when a member of the household owes a DBS check (FS(E)R 2011 Schedule 3 para 2: each member aged 18 or over)', () => {
  // Approved 10 June 2025, the carer checked during the assessment.
  const household = (members: MemberFact[], checks: HouseholdFacts['checks'] = [], statuses: HouseholdFacts['statuses'] = []): HouseholdFacts => ({
    id: 'h', temporary_approved_on: null, decided_on: '2025-06-10', approved: true, second_carer: null, reviews: [], statuses, members,
    checks: [{ id: 'c', carer: 1, member_id: null, checked_on: '2025-03-01', barred_list: true, renewal_due_on: '2028-03-01' }, ...(checks ?? [])],
  });
  const ofMember = (facts: HouseholdFacts) => dbsClocks(facts).filter((c) => c.subject !== 'carer:1').map((c) => [c.subject, c.startedOn, c.dueOn, c.metOn, c.stoppedOn]);

  it('Sch. 3 para 2: an adult living there before the approval owes a check from the approval', () => {
    expect(ofMember(household([{ id: 'gran', date_of_birth: '1950-04-04', from_on: '2020-01-01', to_on: null }]))).toEqual([['member:gran', '2025-06-10', '2025-06-10', null, null]]);
  });

  it('Sch. 3 para 2: an adult moving in while approved owes one from the day they move in; their check meets it and its renewal is owed 3 years on', () => {
    const lodger = { id: 'lodger', date_of_birth: '1990-05-05', from_on: '2026-02-01', to_on: null };
    expect(ofMember(household([lodger]))).toEqual([['member:lodger', '2026-02-01', '2026-02-01', null, null]]);
    expect(ofMember(household([lodger], [{ id: 'l1', carer: null, member_id: 'lodger', checked_on: '2026-03-10', barred_list: true, renewal_due_on: '2029-03-10' }]))).toEqual([
      ['member:lodger', '2026-02-01', '2026-02-01', '2026-03-10', null],
      ['member:lodger', '2026-03-10', '2029-03-10', null, null],
    ]);
  });

  it('Sch. 3 para 2: a son born there owes one from his 18th birthday (15 January 2027), due that day; one checked a month before meets it', () => {
    const kofi = { id: 'kofi', date_of_birth: '2009-01-15', from_on: '2009-01-15', to_on: null };
    expect(ofMember(household([kofi]))).toEqual([['member:kofi', '2027-01-15', '2027-01-15', null, null]]);
    expect(ofMember(household([kofi], [{ id: 'k1', carer: null, member_id: 'kofi', checked_on: '2026-12-15', barred_list: true, renewal_due_on: '2029-12-15' }]))).toEqual([
      ['member:kofi', '2027-01-15', '2029-12-15', null, null],
    ]);
  });

  it('Sch. 3 para 2: a member who moves out stops owing it that day; one who moved out before turning 18 never owed one', () => {
    expect(ofMember(household([{ id: 'sam', date_of_birth: '2000-02-01', from_on: '2010-01-01', to_on: '2026-08-01' }]))).toEqual([['member:sam', '2025-06-10', '2025-06-10', null, '2026-08-01']]);
    expect(ofMember(household([{ id: 'mia', date_of_birth: '2010-01-01', from_on: '2010-01-01', to_on: '2026-08-01' }]))).toEqual([]);
  });

  it('Sch. 3 para 2: the approval ending (resigned) stops a member’s check as it stops the carers’', () => {
    const resigned = household([{ id: 'gran', date_of_birth: '1950-04-04', from_on: '2020-01-01', to_on: null }], [], [{ id: 's', status: 'resigned', from_on: '2026-05-01' }]);
    expect(ofMember(resigned)).toEqual([['member:gran', '2025-06-10', '2025-06-10', null, '2026-05-01']]);
  });
});

describe('a member of the household, from the pages: added, owed a check on the due list, checked, moved out', () => {
  let osei: string;
  let kofi: string;

  it('a son turning 18 on 15 January 2027 is on the DBS due list (90 days ahead) once added; his check takes him off it', async () => {
    osei = await approved('Maya Osei', '2025-06-10');
    expect((await check(osei, { whose: 'carer:1', checkedOn: '2025-05-01' })).statusCode).toBe(201);
    const added = await manager.post(`/fostering/households/${osei}/members/new`, { name: 'Kofi Osei', ...dateFields('dateOfBirth', '2009-01-15'), relationship: 'child', ...dateFields('fromOn', '2009-01-15') });
    expect(added.statusCode, added.body).toBe(303);
    kofi = (await t.ctx.db.selectFrom('fostering_household_member').select('id').where('household_id', '=', osei).executeTakeFirstOrThrow()).id;
    const page = textOf((await manager.get(`/fostering/households/${osei}`)).body);
    expect(page).toContain('Kofi Osei The carers’ son or daughter 15 January 2009 (aged 17) 15 January 2009 to now First check due by 15 January 2027');
    expect(textOf((await analyst.get('/fostering/due?what=dbs')).body)).toContain('Maya Osei DBS check renewal Kofi Osei (member of the household) 15 January 2027');

    const form = await manager.get(`/fostering/households/${osei}/dbs-checks/new`);
    expect(textOf(form.body)).toContain('Kofi Osei The carers’ son or daughter, born 15 January 2009');
    const checked = await manager.post(`/fostering/households/${osei}/dbs-checks/new`, {
      whose: `member:${kofi}`, ...dateFields('checkedOn', '2026-11-18'), certificateNumber: '009876543210', barredList: 'yes', updateService: 'yes',
    });
    expect(checked.statusCode, checked.body).toBe(303);
    expect(textOf((await analyst.get('/fostering/due?what=dbs')).body)).not.toContain('Kofi Osei');
    expect(await dbsClocksOf(osei)).toContainEqual({ subject: `member:${kofi}`, started_on: '2027-01-15', due_on: '2029-11-18', met_on: null, stopped_on: null });
  });

  it('a date of birth corrected keeps the earlier version with the reason; moving out stops his renewal', async () => {
    const saved = await manager.post(`/fostering/households/${osei}/members/${kofi}/change`, {
      name: 'Kofi Osei', ...dateFields('dateOfBirth', '2009-01-16'), relationship: 'child', ...dateFields('fromOn', '2009-01-16'), version: '1', reason: 'Birth certificate seen',
    });
    expect(saved.statusCode, saved.body).toBe(303);
    const [earlier] = await t.ctx.db.selectFrom('record_version').select(['reason', 'data']).where('record_id', '=', kofi).execute();
    expect(earlier?.reason).toBe('Birth certificate seen');
    expect(JSON.stringify(earlier?.data)).toContain('2009-01-15');
    const before = await manager.post(`/fostering/households/${osei}/members/${kofi}/left`, dateFields('toOn', '2008-01-01'));
    expect(textOf(before.body)).toContain('They cannot have moved out before they moved in (16 January 2009)');
    expect((await manager.post(`/fostering/households/${osei}/members/${kofi}/left`, dateFields('toOn', '2026-11-19'))).statusCode).toBe(303);
    // He moved out before his 18th birthday: no check of him is owed at all.
    expect((await dbsClocksOf(osei)).filter((c) => c.subject === `member:${kofi}`)).toEqual([]);
    expect(textOf((await manager.get(`/fostering/households/${osei}`)).body)).toContain('16 January 2009 to 19 November 2026 Not owed: moved out');
  });

  it('the API adds a member, and refuses a move-in before their birth and a member of another household', async () => {
    const born = await manager.api('POST', `/api/v1/fostering/households/${osei}/members`, { name: 'Ama Osei', dateOfBirth: '2020-03-03', relationship: 'child', fromOn: '2019-01-01' });
    expect(born.statusCode).toBe(422);
    expect(json(born)['error']).toBe('They cannot have moved in before they were born (3 March 2020)');
    expect((await manager.api('POST', `/api/v1/fostering/households/${osei}/members`, { name: 'Ama Osei', dateOfBirth: '2020-03-03', relationship: 'child', fromOn: '2020-03-03' })).statusCode).toBe(201);
    // Aged 6: her check is owed only from 3 March 2038, not among the renewals owed now.
    const page = textOf((await manager.get(`/fostering/households/${osei}`)).body);
    expect(page).toContain('Ama Osei The carers’ son or daughter 3 March 2020 (aged 6) 3 March 2020 to now From 3 March 2038, when 18');
    expect(page).toContain('Renewals owed Whose Due by Risk assessment in force Maya Osei 1 May 2028 None Record a risk assessment');
    // A carer's mother born in 1948 who has lived there since 1985, long before Lantern's records begin.
    const grandmother = await manager.api('POST', `/api/v1/fostering/households/${osei}/members`, { name: 'Efua Osei', dateOfBirth: '1948-07-09', relationship: 'parent', fromOn: '1985-04-01' });
    expect(grandmother.statusCode).toBe(201);
    const tooEarly = await manager.api('POST', `/api/v1/fostering/households/${osei}/members`, { name: 'Efua Osei', dateOfBirth: '1848-07-09', relationship: 'parent', fromOn: '1985-04-01' });
    expect(tooEarly.statusCode).toBe(400);
    expect(JSON.stringify(json(tooEarly))).toContain('Their date of birth must be in 1900 or later');
    const other = await approved('Lena Fischer', '2025-06-10');
    expect((await manager.api('PUT', `/api/v1/fostering/households/${other}/members/${kofi}`, { name: 'X', dateOfBirth: '2009-01-16', relationship: 'child', fromOn: '2009-01-16', reason: 'x', version: 2 })).statusCode).toBe(404);
    expect((await analyst.get(`/fostering/households/${osei}/members/new`)).statusCode).toBe(403);
  });
});

describe('corrections on the API (decision 0062): a DBS check and a visit, with the version seen and the reason', () => {
  let h: string;

  it('PUT corrects a check and keeps the earlier version; a stale version is refused; DELETE removes one with the reason', async () => {
    h = await approved('Ruth Mensah', '2025-06-10');
    const checkId = json<{ id: string }>(await check(h, { whose: 'carer:1', checkedOn: '2022-05-01' })).id;
    const body = { whose: 'carer:1', checkedOn: '2024-05-01', certificateNumber: '001234567890', barredList: true, updateService: false, reason: 'The year was mistyped', version: 1 };
    const put = await manager.api('PUT', `/api/v1/fostering/households/${h}/dbs-checks/${checkId}`, body);
    expect(put.statusCode, put.body).toBe(200);
    expect((await dbsClocksOf(h)).at(-1)).toMatchObject({ subject: 'carer:1', due_on: '2027-05-01', met_on: null });
    const stale = await manager.api('PUT', `/api/v1/fostering/households/${h}/dbs-checks/${checkId}`, { ...body, checkedOn: '2024-05-02' });
    expect(stale.statusCode).toBe(422);
    expect(json(stale)['error']).toContain('Someone else changed this record');
    expect(await t.ctx.db.selectFrom('record_version').select(['version', 'reason']).where('record_id', '=', checkId).execute()).toEqual([{ version: 1, reason: 'The year was mistyped' }]);
    expect((await manager.api('DELETE', `/api/v1/fostering/households/${h}/dbs-checks/${checkId}`, { reason: 'Recorded on the wrong household' })).statusCode).toBe(200);
    // With no check, the carer owes one from the approval again.
    expect((await dbsClocksOf(h)).filter((c) => c.met_on === null && c.stopped_on === null)).toEqual([{ subject: 'carer:1', started_on: '2025-06-10', due_on: '2025-06-10', met_on: null, stopped_on: null }]);
  });

  it('PUT corrects a visit to unannounced, meeting the yearly unannounced visit (NMS 21.8); DELETE takes it away again', async () => {
    const visitId = json<{ id: string }>(await manager.api('POST', `/api/v1/fostering/households/${h}/visits`, { visitedOn: '2026-11-02', unannounced: false, visitedBy: t.users.worker, summary: 'The home was visited.' })).id;
    const unannounced = () => t.ctx.db.selectFrom('household_clock').select('due_on').where('household_id', '=', h).where('rule_id', '=', 'foster-carer-unannounced-visit').where('met_on', 'is', null).where('stopped_on', 'is', null).execute();
    expect(await unannounced()).toEqual([{ due_on: '2026-06-10' }]);
    const put = await manager.api('PUT', `/api/v1/fostering/households/${h}/visits/${visitId}`, { visitedOn: '2026-11-02', unannounced: true, visitedBy: t.users.worker, summary: 'The home was visited unannounced.', reason: 'It was unannounced', version: 1 });
    expect(put.statusCode, put.body).toBe(200);
    expect(await unannounced()).toEqual([{ due_on: '2027-11-02' }]);
    expect((await analyst.api('DELETE', `/api/v1/fostering/households/${h}/visits/${visitId}`, { reason: 'x' })).statusCode).toBe(403);
    expect((await manager.api('DELETE', `/api/v1/fostering/households/${h}/visits/${visitId}`, { reason: 'Recorded twice' })).statusCode).toBe(200);
    expect(await unannounced()).toEqual([{ due_on: '2026-06-10' }]);
  });
});

describe('FO-04: a risk assessment corrected or withdrawn (decision 0062), the reason asked', () => {
  it('corrected on the page (the reason for the correction apart from what the assessment found), withdrawn on the API: the renewal owed then shows none', async () => {
    const h = await approved('Grace Obi', '2025-06-10');
    expect((await check(h, { whose: 'carer:1', checkedOn: '2023-01-09' })).statusCode).toBe(201);
    const recorded = await manager.api('POST', `/api/v1/fostering/households/${h}/dbs-risk-assessments`, { whose: 'carer:1', decidedOn: '2026-11-02', decidedBy: 'Fostering service manager', reason: 'Renewal applied for; no concerns known', untilOn: '2026-12-31' });
    const id = json<{ id: string }>(recorded).id;
    const form = await manager.get(`/fostering/households/${h}/dbs-risk-assessments/${id}/change`);
    expect(textOf(form.body)).toContain('Correct the risk assessment of Grace Obi on 2 November 2026');
    const saved = await manager.post(`/fostering/households/${h}/dbs-risk-assessments/${id}/change`, {
      whose: 'carer:1', ...dateFields('decidedOn', '2026-11-02'), decidedBy: 'Fostering service manager', reason: 'Renewal applied for; no concerns known', ...dateFields('untilOn', '2027-01-31'), version: '1', correctionReason: 'The manager agreed three months, not two',
    });
    expect(saved.statusCode, saved.body).toBe(303);
    expect(await t.ctx.db.selectFrom('record_version').select('reason').where('record_id', '=', id).execute()).toEqual([{ reason: 'The manager agreed three months, not two' }]);
    expect(textOf((await manager.get(`/fostering/households/${h}`)).body)).toContain('Grace Obi 9 January 2026 Overdue Until 31 January 2027, decided by Fostering service manager');
    const withdrawn = await manager.api('DELETE', `/api/v1/fostering/households/${h}/dbs-risk-assessments/${id}`, { reason: 'The decision was withdrawn by the head of service' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(textOf((await manager.get(`/fostering/households/${h}`)).body)).toContain('Grace Obi 9 January 2026 Overdue None');
  });
});

describe('a member recorded in error, deleted (decision 0068): softly, with the reason, the earlier version kept', () => {
  const adultsMeasure = householdMeasureById('foster-carer-household-adults-without-dbs-check')!;
  const adultsCounted = async (h: string) =>
    computeHouseholdFigure(await readHouseholdFacts(t.ctx.db, '2026-11-20', [adultsMeasure]), adultsMeasure, { from: '2026-11-20', to: '2026-11-20' }).rows.filter((r) => r.householdId === h).map((r) => r.facts[0]);
  let h: string;
  let kwame: string;

  it('a team manager deletes a lodger added to the wrong household: his check is no longer owed, the due list and the adults measure drop him', async () => {
    h = await approved('Abena Boateng', '2025-06-10');
    expect((await check(h, { whose: 'carer:1', checkedOn: '2025-05-01' })).statusCode).toBe(201);
    kwame = json<{ id: string }>(await manager.api('POST', `/api/v1/fostering/households/${h}/members`, { name: 'Kwame Asante', dateOfBirth: '1990-05-05', relationship: 'lodger', fromOn: '2026-02-01' })).id;
    expect(textOf((await analyst.get('/fostering/due?what=dbs')).body)).toContain('Abena Boateng DBS check renewal Kwame Asante (member of the household) 1 February 2026');
    expect(await adultsCounted(h)).toEqual(['Kwame Asante']);

    const page = (await manager.get(`/fostering/households/${h}`)).body;
    expect(page).toContain(`href="/fostering/households/${h}/members/${kwame}/delete"`);
    const form = await manager.get(`/fostering/households/${h}/members/${kwame}/delete`);
    expect(form.statusCode).toBe(200);
    expect(textOf(form.body)).toContain('Delete the record of Kwame Asante');
    expect(form.body).toContain('name="version" value="1"');

    const deleted = await manager.post(`/fostering/households/${h}/members/${kwame}/delete`, { version: '1', reason: 'He lodges with the Owusu household, not this one' });
    expect(deleted.statusCode, deleted.body).toBe(303);
    expect(deleted.headers['location']).toBe(`/fostering/households/${h}`);
    expect(textOf((await manager.get(`/fostering/households/${h}`)).body)).not.toContain('Kwame Asante');
    expect((await dbsClocksOf(h)).filter((c) => c.subject === `member:${kwame}`)).toEqual([]);
    expect(textOf((await analyst.get('/fostering/due?what=dbs')).body)).not.toContain('Kwame Asante');
    expect(await adultsCounted(h)).toEqual([]);

    const [earlier] = await t.ctx.db.selectFrom('record_version').select(['change', 'reason', 'data']).where('record_id', '=', kwame).execute();
    expect(earlier).toMatchObject({ change: 'delete', reason: 'He lodges with the Owusu household, not this one' });
    expect(JSON.stringify(earlier?.data)).toContain('Kwame Asante');
    expect(await t.ctx.db.selectFrom('audit_log').select(['action', 'object_type']).where('object_id', '=', kwame).where('action', '=', 'delete').execute()).toEqual([{ action: 'delete', object_type: 'fostering-household-member' }]);
    // Deleted: his pages are no longer found.
    expect((await manager.get(`/fostering/households/${h}/members/${kwame}/delete`)).statusCode).toBe(404);
  });

  it('refused: no reason, a version someone changed meanwhile, a user who may not record (403), a member whose DBS check is recorded', async () => {
    const added = await manager.api('POST', `/api/v1/fostering/households/${h}/members`, { name: 'Ama Boateng', dateOfBirth: '1992-03-03', relationship: 'relative', fromOn: '2026-01-05' });
    expect(added.statusCode, added.body).toBe(201);
    const ama = json<{ id: string }>(added).id;
    const noReason = await manager.post(`/fostering/households/${h}/members/${ama}/delete`, { version: '1', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(textOf(noReason.body)).toContain('Say why you are deleting it');
    expect(noReason.body).toContain('name="version" value="1"');

    // Corrected by someone else after the form was opened at version 1.
    const corrected = await manager.api('PUT', `/api/v1/fostering/households/${h}/members/${ama}`, { name: 'Ama Boateng', dateOfBirth: '1992-03-04', relationship: 'relative', fromOn: '2026-01-05', reason: 'Date of birth mistyped', version: 1 });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const stale = await manager.post(`/fostering/households/${h}/members/${ama}/delete`, { version: '1', reason: 'Recorded twice' });
    expect(stale.statusCode).toBe(422);
    expect(textOf(stale.body)).toContain('Someone else changed this record while you were editing it');
    expect((await manager.api('DELETE', `/api/v1/fostering/households/${h}/members/${ama}`, { reason: 'Recorded twice', version: 1 })).statusCode).toBe(422);

    expect((await analyst.get(`/fostering/households/${h}/members/${ama}/delete`)).statusCode).toBe(403);
    expect((await analyst.post(`/fostering/households/${h}/members/${ama}/delete`, { version: '2', reason: 'x' })).statusCode).toBe(403);
    expect((await analyst.api('DELETE', `/api/v1/fostering/households/${h}/members/${ama}`, { reason: 'x', version: 2 })).statusCode).toBe(403);

    // Her check is a fact about a real person: corrected to whom it is of, or deleted, before she is.
    const checkId = json<{ id: string }>(await check(h, { whose: `member:${ama}`, checkedOn: '2026-01-10' })).id;
    const withCheck = await manager.api('DELETE', `/api/v1/fostering/households/${h}/members/${ama}`, { reason: 'Recorded twice', version: 2 });
    expect(withCheck.statusCode).toBe(422);
    expect(json(withCheck)['error']).toBe('A DBS check of Ama Boateng is recorded: correct it to the person it is of, or delete it, first');
    expect((await manager.api('DELETE', `/api/v1/fostering/households/${h}/dbs-checks/${checkId}`, { reason: 'Recorded on the wrong person' })).statusCode).toBe(200);
    const removed = await manager.api('DELETE', `/api/v1/fostering/households/${h}/members/${ama}`, { reason: 'Recorded twice', version: 2 });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(json(removed)).toEqual({ id: ama });
    expect(await t.ctx.db.selectFrom('fostering_household_member').select(['deleted_reason']).where('id', '=', ama).execute()).toEqual([{ deleted_reason: 'Recorded twice' }]);
  });
});
