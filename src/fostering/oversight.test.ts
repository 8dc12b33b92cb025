// The fostering service's oversight of its carers (decision 0056): DBS checks of each carer and adult of
// the household (FS(E)R 2011 Schedule 3 para 2; renewed every 3 years unless the council sets less),
// the supervising social worker (Fostering NMS 2011 standard 21), supervisory visits (6-weekly unless
// the council sets less) and the yearly unannounced visit (NMS 21.8), with the due list. Hand-worked
// dates below. Today is TEST_TODAY, 20 November 2026.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, textOf } from '../plans/test-helpers.ts';
import { changeSettings } from '../settings/service.ts';
import { dbsClocks } from './clocks.ts';
import { HOUSEHOLD_MEASURES, householdMeasureById } from '../measures/catalogue/households.ts';
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

async function approved(firstCarer: string, secondCarer: string | null, decidedOn: string): Promise<string> {
  const r = await manager.api('POST', '/api/v1/fostering/households', { firstCarer, secondCarer, kind: 'mainstream', assessmentStartedOn: '2025-01-06' });
  const id = json<{ id: string }>(r).id;
  expect((await manager.api('POST', `/api/v1/fostering/households/${id}/panel`, { panelOn: '2025-06-02', recommends: true })).statusCode).toBe(201);
  const decided = await manager.api('POST', `/api/v1/fostering/households/${id}/decision`, { decidedOn, decisionMaker: 'Head of Service', approved: true, places: 2, ageFrom: 0, ageTo: 17 });
  expect(decided.statusCode, decided.body).toBe(201);
  return id;
}

const check = (id: string, body: Record<string, unknown>) => manager.api('POST', `/api/v1/fostering/households/${id}/dbs-checks`, { barredList: true, updateService: false, certificateNumber: '001234567890', ...body });
const openClocks = (id: string, ruleId: string) =>
  t.ctx.db.selectFrom('household_clock').select(['subject', 'due_on']).where('household_id', '=', id).where('rule_id', '=', ruleId).where('met_on', 'is', null).where('stopped_on', 'is', null).orderBy('subject').execute();

describe('DBS checks of the carers and the adults of the household (FS(E)R 2011 Schedule 3 para 2)', () => {
  let bennett: string;

  it('a check issued 1 May 2023 is due for renewal 3 years on, 1 May 2026: overdue today; the second carer’s, from March 2025, is not', async () => {
    bennett = await approved('Rose Bennett', 'Tom Bennett', '2025-06-10');
    // Approved with no check recorded: each carer owes one from the approval.
    expect(await openClocks(bennett, 'foster-carer-dbs-renewal')).toEqual([
      { subject: 'carer:1', due_on: '2025-06-10' },
      { subject: 'carer:2', due_on: '2025-06-10' },
    ]);
    expect((await check(bennett, { whose: 'carer:1', checkedOn: '2023-05-01' })).statusCode).toBe(201);
    expect((await check(bennett, { whose: 'carer:2', checkedOn: '2025-03-03', updateService: true })).statusCode).toBe(201);
    expect(await openClocks(bennett, 'foster-carer-dbs-renewal')).toEqual([
      { subject: 'carer:1', due_on: '2026-05-01' },
      { subject: 'carer:2', due_on: '2028-03-03' },
    ]);
    const page = textOf((await manager.get(`/fostering/households/${bennett}`)).body);
    expect(page).toContain('Renewals owed Whose Due by Risk assessment in force Rose Bennett 1 May 2026 Overdue None Tom Bennett 3 March 2028 None');
  });

  it('an adult of the household is checked as the carers are; the renewal may be set earlier, never later than the council’s interval', async () => {
    const added = await manager.api('POST', `/api/v1/fostering/households/${bennett}/members`, { name: 'Sam Bennett', dateOfBirth: '2001-04-02', relationship: 'child', fromOn: '2001-04-02' });
    expect(added.statusCode, added.body).toBe(201);
    const sam = `member:${json<{ id: string }>(added).id}`;
    const late = await check(bennett, { whose: sam, checkedOn: '2026-10-01', renewalDueOn: '2029-10-02' });
    expect(late.statusCode).toBe(422);
    expect(json(late)['error']).toBe('The council renews DBS checks at least every 36 months: the renewal is due by 1 October 2029 at the latest');
    expect((await check(bennett, { whose: sam, checkedOn: '2026-10-01', renewalDueOn: '2027-10-01' })).statusCode).toBe(201);
    expect((await openClocks(bennett, 'foster-carer-dbs-renewal')).find((c) => c.subject === sam)).toEqual({ subject: sam, due_on: '2027-10-01' });
    const single = await approved('Ada Clarke', null, '2025-06-10');
    expect(json(await check(single, { whose: 'carer:2', checkedOn: '2026-10-01' }))['error']).toBe('Ada Clarke is the only carer: choose the first carer or a member of the household');
    // A member of another household is not this one's.
    expect(json(await check(single, { whose: sam, checkedOn: '2026-10-01' }))['error']).toBe('Choose a carer or a member of this household: add the member first if they are not listed');
  });

  it('the fostering team’s due list shows the overdue renewal, with the supervising social worker; a renewal meets it', async () => {
    const due = textOf((await analyst.get('/fostering/due?what=dbs&overdue=yes')).body);
    expect(due).toContain('Rose Bennett and Tom Bennett DBS check renewal Rose Bennett 1 May 2026 Overdue None allocated');
    expect((await check(bennett, { whose: 'carer:1', checkedOn: '2026-11-02' })).statusCode).toBe(201);
    expect((await openClocks(bennett, 'foster-carer-dbs-renewal')).find((c) => c.subject === 'carer:1')).toEqual({ subject: 'carer:1', due_on: '2029-11-02' });
    expect(textOf((await analyst.get('/fostering/due?what=dbs&overdue=yes')).body)).not.toContain('Rose Bennett and Tom Bennett');
  });

  it('a check without the children’s barred list is not the check Schedule 3 asks for: the renewal stays owed', () => {
    const clocks = dbsClocks({
      id: 'h', temporary_approved_on: null, decided_on: '2025-06-10', approved: true, second_carer: null, reviews: [], statuses: [],
      checks: [{ id: 'a', carer: 1, member_id: null, checked_on: '2024-01-10', barred_list: false, renewal_due_on: '2027-01-10' }],
    });
    expect(clocks.map((c) => [c.subject, c.dueOn, c.metOn])).toEqual([['carer:1', '2025-06-10', null]]);
  });

  it('a council that renews every 2 years gets that as the default renewal date', async () => {
    await changeSettings(t.ctx.db, { fosteringDbsRenewalMonths: 24 }, { id: t.users.admin, username: 'admin', ip: null });
    const h = await approved('Noor Hassan', null, '2025-06-10');
    expect((await check(h, { whose: 'carer:1', checkedOn: '2026-01-15' })).statusCode).toBe(201);
    expect(await openClocks(h, 'foster-carer-dbs-renewal')).toEqual([{ subject: 'carer:1', due_on: '2028-01-15' }]);
    await changeSettings(t.ctx.db, { fosteringDbsRenewalMonths: null }, { id: t.users.admin, username: 'admin', ip: null });
  });
});

describe('the supervising social worker and the visits (Fostering NMS 2011 standard 21)', () => {
  let okoro: string;

  it('a household approved 1 September 2026 is visited by 13 October (6 weeks); after a visit on 6 October the next was due 17 November: overdue today', async () => {
    okoro = await approved('Chioma Okoro', null, '2026-09-01');
    expect(await openClocks(okoro, 'foster-carer-supervisory-visit')).toEqual([{ subject: '', due_on: '2026-10-13' }]);
    expect(await openClocks(okoro, 'foster-carer-unannounced-visit')).toEqual([{ subject: '', due_on: '2027-09-01' }]);
    const visit = await manager.api('POST', `/api/v1/fostering/households/${okoro}/visits`, { visitedOn: '2026-10-06', unannounced: false, visitedBy: t.users.worker, summary: 'Settling in well; safer caring plan agreed.' });
    expect(visit.statusCode, visit.body).toBe(201);
    expect(await openClocks(okoro, 'foster-carer-supervisory-visit')).toEqual([{ subject: '', due_on: '2026-11-17' }]);
    const page = textOf((await manager.get(`/fostering/households/${okoro}`)).body);
    expect(page).toContain('Next supervisory visit due 17 November 2026 Overdue');
    expect(page).toContain('Next unannounced visit due 1 September 2027');
  });

  it('an unannounced visit on 19 November meets both: the next supervisory visit by 31 December, the next unannounced by 19 November 2027', async () => {
    expect((await manager.api('POST', `/api/v1/fostering/households/${okoro}/visits`, { visitedOn: '2026-11-19', unannounced: true, visitedBy: t.users.worker, summary: 'Home safe and warm; the children were seen.' })).statusCode).toBe(201);
    expect(await openClocks(okoro, 'foster-carer-supervisory-visit')).toEqual([{ subject: '', due_on: '2026-12-31' }]);
    expect(await openClocks(okoro, 'foster-carer-unannounced-visit')).toEqual([{ subject: '', due_on: '2027-11-19' }]);
  });

  it('a council that visits every 4 weeks moves the due dates of households already open', async () => {
    await changeSettings(t.ctx.db, { fosteringSupervisoryVisitWeeks: 4 }, { id: t.users.admin, username: 'admin', ip: null });
    expect(await openClocks(okoro, 'foster-carer-supervisory-visit')).toEqual([{ subject: '', due_on: '2026-12-17' }]);
    await changeSettings(t.ctx.db, { fosteringSupervisoryVisitWeeks: null }, { id: t.users.admin, username: 'admin', ip: null });
    expect(await openClocks(okoro, 'foster-carer-supervisory-visit')).toEqual([{ subject: '', due_on: '2026-12-31' }]);
  });

  it('a visit is to approved carers: not before the approval, not in the future', async () => {
    const before = await manager.api('POST', `/api/v1/fostering/households/${okoro}/visits`, { visitedOn: '2026-08-30', unannounced: false, visitedBy: t.users.worker, summary: 'x' });
    expect(json(before)['error']).toBe('The visit cannot be before the approval (1 September 2026)');
  });

  it('the supervising social worker is allocated from a day; the one before stops that day; the lists name them', async () => {
    const allocate = (workerId: string, fromOn: string) => manager.api('POST', `/api/v1/fostering/households/${okoro}/supervising-worker`, { workerId, fromOn });
    expect((await allocate(t.users.worker, '2026-09-01')).statusCode).toBe(201);
    expect(json(await allocate(t.users.analyst, '2026-10-01'))['error']).toBe('Choose a social worker or team manager from the list');
    expect(json(await allocate(t.users.colleague, '2026-08-01'))['error']).toBe('The date cannot be before the present supervising social worker began (1 September 2026)');
    expect((await allocate(t.users.colleague, '2026-11-02')).statusCode).toBe(201);
    const rows = await t.ctx.db.selectFrom('fostering_supervising_worker').select(['worker_id', 'from_on', 'to_on']).where('household_id', '=', okoro).orderBy('from_on').execute();
    expect(rows).toEqual([
      { worker_id: t.users.worker, from_on: '2026-09-01', to_on: '2026-11-02' },
      { worker_id: t.users.colleague, from_on: '2026-11-02', to_on: null },
    ]);
    const page = textOf((await manager.get(`/fostering/households/${okoro}`)).body);
    expect(page).toContain('Supervising social worker colleague, from 2 November 2026');
    expect(page).toContain('Earlier supervising social workers worker: 1 September 2026 to 2 November 2026');
    const without = textOf((await analyst.get('/fostering/households?show=no-supervising-worker')).body);
    expect(without).toContain('Approved households without a supervising social worker');
    expect(without).toContain('Rose Bennett and Tom Bennett');
    expect(without).not.toContain('Chioma Okoro');
  });

  it('the sufficiency page counts what is overdue and due soon, each opening its list', async () => {
    const s = json<{ oversight: { due: { what: string; overdue: number; soon: number }[]; withoutSupervisingWorker: number } }>(await analyst.get('/api/v1/fostering/sufficiency'));
    // DBS overdue: Ada Clarke and Chioma Okoro, no check since their approval. Supervisory visits overdue:
    // Bennett, Clarke and Hassan, approved 10 June 2025 and never visited (due 22 July 2025).
    expect(s.oversight.due.find((d) => d.what === 'dbs')).toMatchObject({ overdue: 2, soon: 0 });
    expect(s.oversight.due.find((d) => d.what === 'supervisory-visit')).toMatchObject({ overdue: 3, soon: 0 });
    expect(s.oversight.withoutSupervisingWorker).toBe(3);
    const page = await analyst.get('/fostering');
    expect(page.body).toContain('href="/fostering/due?what=dbs&amp;overdue=yes"');
  });

  it('a social worker may not see the due list; a team manager records, an analyst may not', async () => {
    const worker = await t.signIn('worker');
    expect((await worker.get('/fostering/due')).statusCode).toBe(403);
    expect((await analyst.api('POST', `/api/v1/fostering/households/${okoro}/visits`, { visitedOn: '2026-11-19', unannounced: false, visitedBy: t.users.worker, summary: 'x' })).statusCode).toBe(403);
  });
});

describe('a household measure reads only the facts it counts (decision 0060)', () => {
  it('each foster carers’ measure gives the same figure and rows from its own facts as from all of them, over the households above', async () => {
    const all = await readHouseholdFacts(t.ctx.db, '2026-11-20');
    const period = { from: '2025-11-21', to: '2026-11-20' };
    for (const m of HOUSEHOLD_MEASURES.filter((m) => m.service === 'foster-carers')) {
      const own = await readHouseholdFacts(t.ctx.db, '2026-11-20', [m]);
      expect(computeHouseholdFigure(own, m, period), m.id).toEqual(computeHouseholdFigure(all, m, period));
    }
  });

  it('Q92 reads no visit and no placement: they are read empty', async () => {
    const q92 = await readHouseholdFacts(t.ctx.db, '2026-11-20', [householdMeasureById('foster-carers-without-dbs-check')!]);
    expect(q92.fosterCarers.length).toBeGreaterThan(0);
    expect(q92.fosterCarers.flatMap((h) => [...h.visits, ...h.placements])).toEqual([]);
    expect(q92.fosterCarers.some((h) => h.dbsChecks.length > 0)).toBe(true);
    const unannounced = await readHouseholdFacts(t.ctx.db, '2026-11-20', [householdMeasureById('foster-carers-unannounced-visit-in-year')!]);
    expect(unannounced.fosterCarers.flatMap((h) => h.visits).every((v) => v.unannounced)).toBe(true);
  });
});

describe('correcting a DBS check or a visit (decision 0060): the earlier version is kept, with the reason', () => {
  let patel: string;

  it('a check recorded as issued 1 May 2022 (renewal due 1 May 2025: overdue) corrected to 1 May 2024 is due 1 May 2027; the first version is kept', async () => {
    patel = await approved('Priya Patel', null, '2025-06-10');
    const r = await check(patel, { whose: 'carer:1', checkedOn: '2022-05-01' });
    const checkId = json<{ id: string }>(r).id;
    expect(await openClocks(patel, 'foster-carer-dbs-renewal')).toEqual([{ subject: 'carer:1', due_on: '2025-05-01' }]);
    const form = await manager.get(`/fostering/households/${patel}/dbs-checks/${checkId}/change`);
    expect(form.statusCode).toBe(200);
    expect(textOf(form.body)).toContain('Correct the DBS check of Priya Patel on 1 May 2022');
    const saved = await manager.post(`/fostering/households/${patel}/dbs-checks/${checkId}/change`, {
      whose: 'carer:1', ...dateFields('checkedOn', '2024-05-01'), certificateNumber: '001234567890', barredList: 'yes', updateService: 'no', version: '1', reason: 'The year was mistyped',
    });
    expect(saved.statusCode, saved.body).toBe(303);
    // FS(E)R 2011 Sch 3: 3 years from 1 May 2024 (the council's default interval).
    expect(await openClocks(patel, 'foster-carer-dbs-renewal')).toEqual([{ subject: 'carer:1', due_on: '2027-05-01' }]);
    const versions = await t.ctx.db.selectFrom('record_version').select(['version', 'reason', 'change']).where('record_id', '=', checkId).execute();
    expect(versions).toEqual([{ version: 1, reason: 'The year was mistyped', change: 'update' }]);
    // Seen version 1 again: someone else's change is not overwritten.
    const stale = await manager.post(`/fostering/households/${patel}/dbs-checks/${checkId}/change`, {
      whose: 'carer:1', ...dateFields('checkedOn', '2024-05-02'), certificateNumber: '001234567890', barredList: 'yes', updateService: 'no', version: '1', reason: 'Again',
    });
    expect(textOf(stale.body)).toContain('Someone else changed this record');
  });

  it('a visit recorded as planned, corrected to unannounced, meets the yearly unannounced visit (NMS 21.8) from its day', async () => {
    const r = await manager.api('POST', `/api/v1/fostering/households/${patel}/visits`, { visitedOn: '2026-11-02', unannounced: false, visitedBy: t.users.worker, summary: 'The home was visited.' });
    const visitId = json<{ id: string }>(r).id;
    // Approved 10 June 2025: the first unannounced visit was due 10 June 2026 and is overdue.
    expect(await openClocks(patel, 'foster-carer-unannounced-visit')).toEqual([{ subject: '', due_on: '2026-06-10' }]);
    const saved = await manager.post(`/fostering/households/${patel}/visits/${visitId}/change`, {
      ...dateFields('visitedOn', '2026-11-02'), unannounced: 'yes', visitedBy: t.users.worker, summary: 'The home was visited unannounced.', version: '1', reason: 'It was unannounced',
    });
    expect(saved.statusCode, saved.body).toBe(303);
    expect(await openClocks(patel, 'foster-carer-unannounced-visit')).toEqual([{ subject: '', due_on: '2027-11-02' }]);
    expect(textOf((await manager.get(`/fostering/households/${patel}`)).body)).toContain('Unannounced');
    const [earlier] = await t.ctx.db.selectFrom('record_version').select(['data', 'reason']).where('record_id', '=', visitId).execute();
    expect(earlier?.reason).toBe('It was unannounced');
    expect(JSON.stringify(earlier?.data)).toContain('The home was visited.');
  });

  it('an analyst may not correct', async () => {
    expect((await analyst.get(`/fostering/households/${patel}/visits/00000000-0000-4000-8000-000000000000/change`)).statusCode).toBe(403);
  });
});

describe('seed FO-04: the risk-assessment override while a check is outstanding (decision 0060)', () => {
  it('Grace Obi’s check of 9 January 2023 was due for renewal 9 January 2026; the service manager’s risk assessment of 2 November 2026 lasts to 31 January 2027: shown beside it, still owed', async () => {
    // Wandsworth 2016 ¶68: "the local authority has completed risk assessments and is putting in extra visits".
    const obi = await approved('Grace Obi', null, '2025-06-10');
    expect((await check(obi, { whose: 'carer:1', checkedOn: '2023-01-09' })).statusCode).toBe(201);
    const form = await manager.get(`/fostering/households/${obi}/dbs-risk-assessments/new`);
    expect(form.statusCode).toBe(200);
    const early = await manager.api('POST', `/api/v1/fostering/households/${obi}/dbs-risk-assessments`, { whose: 'carer:1', decidedOn: '2026-11-02', decidedBy: 'Fostering service manager', reason: 'x', untilOn: '2026-11-01' });
    expect(json(early)['error']).toBe('It must last until the day of the decision or later');
    const saved = await manager.post(`/fostering/households/${obi}/dbs-risk-assessments/new`, {
      whose: 'carer:1', ...dateFields('decidedOn', '2026-11-02'), decidedBy: 'Fostering service manager', reason: 'Renewal applied for 20 October; no concerns known; monthly unannounced visits until it returns', ...dateFields('untilOn', '2027-01-31'),
    });
    expect(saved.statusCode, saved.body).toBe(303);
    // The renewal stays owed (the check is what Schedule 3 asks for), now shown with the decision.
    expect(await openClocks(obi, 'foster-carer-dbs-renewal')).toEqual([{ subject: 'carer:1', due_on: '2026-01-09' }]);
    const page = textOf((await manager.get(`/fostering/households/${obi}`)).body);
    expect(page).toContain('Grace Obi 9 January 2026 Overdue Until 31 January 2027, decided by Fostering service manager');
    expect(page).toContain('Grace Obi 2 November 2026 Fostering service manager Renewal applied for 20 October');
    const due = textOf((await analyst.get('/fostering/due?what=dbs&overdue=yes')).body);
    expect(due).toContain('Grace Obi DBS check renewal Grace Obi 9 January 2026 Overdue Risk assessed until 31 January 2027 (Fostering service manager)');
    // Q92 still counts her, as Ofsted counted Wandsworth's 23.
    const q92 = await readHouseholdFacts(t.ctx.db, '2026-11-20', [householdMeasureById('foster-carers-without-dbs-check')!]);
    const rows = computeHouseholdFigure(q92, householdMeasureById('foster-carers-without-dbs-check')!, { from: '2025-11-21', to: '2026-11-20' }).rows.filter((r) => r.householdId === obi);
    expect(rows.map((r) => r.met)).toEqual([true]);
  });
});
