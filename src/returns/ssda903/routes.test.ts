// The analysts' SSDA903 page, its downloads and its API (issue 10): a child in care recorded through
// the care record comes out as DfE's Header, Episodes, Reviews, SWEpisodes and DoLo rows; the report
// names each failure by child and rule and opens the child's record; a correction clears it on the
// next look; only roles that see the whole council may make the return.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../../test/support/app.ts';
import { addTestChild } from '../../front-door/test-support.ts';
import { updateRecord } from '../../db/history.ts';
import { swIdOf } from './mapping.ts';

let t: TestApp;
let analyst: Agent;
let child: { id: string; laChildId: string };

beforeAll(async () => {
  t = await startTestApp();
  analyst = await t.signIn('analyst');
  // A girl of 10 with no UPN (rule 442), allocated since January, in care from 1 May 2026 with foster
  // carers, who moved on 1 August (care plan), had a review in May, and has been under a High Court
  // DoLO since September while in an ordinary foster placement (rule 709, from 2026-27). No previous
  // permanence (Z1: PrevPerm, rule 630, decision 0041).
  child = await addTestChild(t, { firstName: 'Lara', lastName: 'Lookedafter', dateOfBirth: '2016-04-12', allocatedTo: t.users.worker });
  const db = t.handle.db;
  const by = t.users.manager;
  const periodId = randomUUID();
  await db.insertInto('care_period').values({ id: periodId, child_id: child.id, episode_id: null, started_on: '2026-05-01', category_of_need: 'N1', home_postcode: 'NG1 1AA', decided_by: 'Head of service', previous_permanence: 'Z1', recorded_by: by }).execute();
  const first = randomUUID();
  await db.insertInto('placement').values([
    { id: first, period_id: periodId, child_id: child.id, started_on: '2026-05-01', ended_on: '2026-08-01', placement_type: 'U4', provider: 'PR1', carer_name: 'The Smiths', postcode: 'NG2 2BB', same_carers: false, intended_until_18: false, change_reason: 'CARPL', recorded_by: by },
    { id: randomUUID(), period_id: periodId, child_id: child.id, started_on: '2026-08-01', placement_type: 'U6', provider: 'PR4', carer_name: 'Agency carers', postcode: 'NG3 3CC', same_carers: false, intended_until_18: false, recorded_by: by },
  ]).execute();
  await db.insertInto('legal_status').values({ id: randomUUID(), period_id: periodId, child_id: child.id, started_on: '2026-05-01', legal_status: 'C2', recorded_by: by }).execute();
  await db.insertInto('looked_after_review').values({ id: randomUUID(), period_id: periodId, child_id: child.id, held_on: '2026-05-20', chair_id: t.users.iro, participation: 'PN1', decisions: 'Stay with carers.', recorded_by: by }).execute();
  await db.insertInto('liberty_order').values({ id: randomUUID(), child_id: child.id, period_id: periodId, placement_id: null, kind: 'high_court', court: 'High Court', made_on: '2026-09-01', expires_on: '2027-01-31', recorded_by: by }).execute();
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const auditRows = (objectType: string) => t.ctx.db.selectFrom('audit_log').select(['action', 'user_id']).where('object_type', '=', objectType).execute();

describe('the SSDA903 page for analysts (ssda903-rules.md)', () => {
  it('shows this year to date, with rule 442 failing for the child, who opens their record, and a CSV file for each table', async () => {
    const page = await analyst.get('/returns/ssda903');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('this year to date');
    expect(page.body).toContain('Unique Pupil Number (UPN) field is not completed.');
    expect(page.body).toContain(`href="/children/${child.id}">Lara Lookedafter</a>`);
    for (const file of ['header.csv', 'episodes.csv', 'reviews.csv', 'sw_episodes.csv', 'dolo.csv']) expect(page.body).toContain(file);
    expect(page.body).toContain('/returns/ssda903/2027/xml');
    expect((await auditRows('ssda903-report')).some((r) => r.user_id === t.users.analyst && r.action === 'view-child')).toBe(true);
  });

  it('the Header and Episodes files: one row per child and per episode, columns in DfE’s order, dates dd/mm/yyyy', async () => {
    const header = await analyst.get('/returns/ssda903/2027/csv/header');
    expect(header.statusCode).toBe(200);
    expect(header.headers['content-type']).toContain('text/csv');
    expect(header.headers['content-disposition']).toContain('ssda903-2027-header.csv');
    expect(header.body).toBe(`CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n${child.laChildId},F,12/04/2016,NOBT,,0,\r\n`);
    const episodes = await analyst.get('/returns/ssda903/2027/csv/episodes');
    expect(episodes.body).toBe(
      'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n' +
        `${child.laChildId},01/05/2026,S,C2,N1,U4,PR1,01/08/2026,X1,CARPL,NG1 1AA,NG2 2BB,\r\n` +
        `${child.laChildId},01/08/2026,P,C2,N1,U6,PR4,,,,NG1 1AA,NG3 3CC,\r\n`,
    );
    expect((await auditRows('ssda903')).some((r) => r.action === 'export' && r.user_id === t.users.analyst)).toBe(true);
  });

  it('reviews, social worker episodes and (from 2026-27) the DoLO, whose last day is still to come', async () => {
    expect((await analyst.get('/returns/ssda903/2027/csv/reviews')).body).toBe(`CHILD,DOB,REVIEW,REVIEW_CODE\r\n${child.laChildId},12/04/2016,20/05/2026,PN1\r\n`);
    expect((await analyst.get('/returns/ssda903/2027/csv/swepisodes')).body).toBe(`CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\r\n${child.laChildId},12/04/2016,${swIdOf(t.users.worker)},05/01/2026,,\r\n`);
    expect((await analyst.get('/returns/ssda903/2027/csv/dolo')).body).toBe(`CHILD,DOB,DOLO_START,DOLO_END\r\n${child.laChildId},12/04/2016,01/09/2026,\r\n`);
    expect((await analyst.get('/returns/ssda903/2026/csv/dolo')).statusCode).toBe(404);
    expect((await analyst.get('/returns/ssda903/2027/csv/nosuch')).statusCode).toBe(404);
  });

  it('the XML holds the same return', async () => {
    const xml = await analyst.get('/returns/ssda903/2027/xml');
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-type']).toContain('application/xml');
    expect(xml.body).toContain(`<CHILDID>${child.laChildId}</CHILDID>`);
    expect(xml.body).toContain('<PL>U6</PL>');
    expect(xml.body).toContain('<DECOM>01/08/2026</DECOM>');
    expect(xml.body).toContain('<DOLO_START>01/09/2026</DOLO_START>');
  });

  it('rule 442: once the UPN is recorded, the failure is gone on the next look', async () => {
    await updateRecord(t.ctx.db, 'person', child.id, { upn: 'A201123456788' }, t.users.worker);
    const page = await analyst.get('/returns/ssda903?year=2027');
    expect(page.body).not.toContain('Unique Pupil Number (UPN) field is not completed.');
    await updateRecord(t.ctx.db, 'person', child.id, { upn: null }, t.users.worker);
  });

  it('each rule’s count opens the children behind it (709); an earlier year can be chosen; a year Lantern does not offer is not found', async () => {
    const page = await analyst.get('/returns/ssda903?year=2027&rule=709');
    expect(page.body).toContain('Failures by child: rule 709');
    expect(page.body).toContain('Child with a DoLO is in an unexpected placement type.');
    const earlier = await analyst.get('/returns/ssda903?year=2026');
    expect(earlier.statusCode).toBe(200);
    expect(earlier.body).toContain('The return for 2025 to 2026');
    expect((await analyst.get('/returns/ssda903/2025/xml')).statusCode).toBe(404);
  });

  it('a team manager, who sees only their teams’ children, and a social worker may not make the return', async () => {
    const manager = await t.signIn('manager');
    expect((await manager.get('/returns/ssda903')).statusCode).toBe(403);
    expect((await manager.get('/api/v1/returns/ssda903/2027')).statusCode).toBe(403);
    const worker = await t.signIn('worker');
    expect((await worker.get('/returns/ssda903/2027/csv/header')).statusCode).toBe(403);
  });
});

describe('the SSDA903 API', () => {
  it('GET /api/v1/returns/ssda903/:year/report answers each failure by child and rule, a count per rule and the rows per table', async () => {
    const response = await analyst.get('/api/v1/returns/ssda903/2027/report');
    expect(response.statusCode).toBe(200);
    const report = response.json() as { referenceDate: string; children: number; tables: { name: string; rows: number }[]; counts: { code: string }[]; failures: { code: string; childId: string | null }[] };
    expect(report.referenceDate).toBe('2027-03-31');
    expect(report.children).toBe(1);
    expect(report.tables.find((x) => x.name === 'Episodes')?.rows).toBe(2);
    expect(report.failures.filter((f) => f.childId === child.id).map((f) => f.code).sort()).toEqual(['218', '218', '442', '709']); // 218: the foster placements have no URN (decision 0077)
  });

  it('GET /api/v1/returns/ssda903/:year answers the XML, and /tables/:table each CSV', async () => {
    expect((await analyst.get('/api/v1/returns/ssda903/2027')).body).toContain('<EXPSSDA903>');
    const csv = await analyst.get('/api/v1/returns/ssda903/2027/tables/Episodes');
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\r\n')[0]).toBe('CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN');
    expect((await analyst.get('/api/v1/returns/ssda903/2019/report')).statusCode).toBe(404);
  });
});
