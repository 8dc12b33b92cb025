// The analysts' CIN census page, its download and its API (issue 10): the report names each failure
// by child and DfE rule and opens the child's record; a correction to the record clears it on the
// next look; only roles that see the whole council may make the return.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../../test/support/app.ts';
import { addTestChild } from '../../front-door/test-support.ts';
import { receiveReferral } from '../../episodes/service.ts';
import { updateRecord } from '../../db/history.ts';

let t: TestApp;
let analyst: Agent;
let child: { id: string; laChildId: string };
let episodeId: string;

beforeAll(async () => {
  t = await startTestApp();
  analyst = await t.signIn('analyst');
  child = await addTestChild(t, { firstName: 'Censa', lastName: 'Testchild' });
  // A referral that went on to further action with no primary need: DfE rule 8610.
  episodeId = await receiveReferral(t.ctx.db, { childId: child.id, referralDate: '2026-09-01', referralSource: '2A', primaryNeed: null }, t.users.frontDoor, '2026-11-20');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const auditRows = (objectType: string) => t.ctx.db.selectFrom('audit_log').select(['action', 'user_id', 'detail']).where('object_type', '=', objectType).execute();

describe('the CIN census page for analysts (standards.md §1.5)', () => {
  it('shows this year to date from the live record, with rule 8610 failing for the child, who opens their record', async () => {
    const page = await analyst.get('/returns/cin-census');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('this year to date');
    expect(page.body).toContain('Primary Need code is missing for a referral which led to further action.');
    expect(page.body).toContain(`href="/children/${child.id}">Censa Testchild</a>`);
    expect(page.body).toContain(child.laChildId);
    expect(page.body).toContain('/returns/cin-census/2027/download');
    expect((await auditRows('cin-census-report')).some((r) => r.user_id === t.users.analyst && r.action === 'view-child')).toBe(true);
  });

  it('rule 8610: once the primary need is recorded, the failure is gone on the next look', async () => {
    await updateRecord(t.ctx.db, 'cin_episode', episodeId, { primary_need: 'N1' }, t.users.frontDoor);
    const page = await analyst.get('/returns/cin-census?year=2027');
    expect(page.body).not.toContain('Primary Need code is missing');
    await updateRecord(t.ctx.db, 'cin_episode', episodeId, { primary_need: null }, t.users.frontDoor);
  });

  it('each rule’s count opens the children behind it (8610)', async () => {
    const page = await analyst.get('/returns/cin-census?year=2027&rule=8610');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Failures by child: rule 8610');
    expect(page.body).toContain('href="/returns/cin-census?year=2027&amp;rule=8610"');
    expect(page.body).toContain(`href="/children/${child.id}">Censa Testchild</a>`);
    const other = await analyst.get('/returns/cin-census?year=2027&rule=8500');
    expect(other.body).not.toContain(`href="/children/${child.id}"`);
  });

  it('an earlier year can be chosen; a year Lantern does not offer is not found', async () => {
    const earlier = await analyst.get('/returns/cin-census?year=2026');
    expect(earlier.statusCode).toBe(200);
    expect(earlier.body).toContain('The return for 2025 to 2026');
    expect((await analyst.get('/returns/cin-census/2019/download')).statusCode).toBe(404);
    expect((await analyst.get('/returns/cin-census/next/download')).statusCode).toBe(404);
    expect((await analyst.get('/returns/cin-census?year=next')).statusCode).toBe(200);
  });

  it('downloads the XML for the year, and the download is audited as an export', async () => {
    const file = await analyst.get('/returns/cin-census/2027/download');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('application/xml');
    expect(file.headers['content-disposition']).toContain('cin-census-2027.xml');
    expect(file.body).toContain(`<LAchildID>${child.laChildId}</LAchildID>`);
    expect(file.body).toContain('<Sex>F</Sex>');
    expect((await auditRows('cin-census')).some((r) => r.action === 'export' && r.user_id === t.users.analyst)).toBe(true);
  });

  it('a team manager, who sees only their teams’ children, and a social worker may not make the return', async () => {
    const manager = await t.signIn('manager');
    expect((await manager.get('/returns/cin-census')).statusCode).toBe(403);
    expect((await manager.get('/api/v1/returns/cin-census/2027')).statusCode).toBe(403);
    const worker = await t.signIn('worker');
    expect((await worker.get('/returns/cin-census')).statusCode).toBe(403);
  });
});

describe('the CIN census API', () => {
  it('GET /api/v1/returns/cin-census/:year answers the XML', async () => {
    const response = await analyst.get('/api/v1/returns/cin-census/2027');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/xml');
    expect(response.body).toContain('<Collection>CIN</Collection>');
    expect(response.body).toContain('<Year>2027</Year>');
  });

  it('GET /api/v1/returns/cin-census/:year/report answers each failure by child and rule, and a count per rule (8610)', async () => {
    const response = await analyst.get('/api/v1/returns/cin-census/2027/report');
    expect(response.statusCode).toBe(200);
    const report = response.json() as { referenceDate: string; children: number; counts: { code: string; failures: number }[]; failures: { code: string; childId: string | null }[] };
    expect(report.referenceDate).toBe('2027-03-31');
    expect(report.children).toBe(1);
    expect(report.counts.find((c) => c.code === '8610')?.failures).toBe(1);
    expect(report.failures.some((f) => f.code === '8610' && f.childId === child.id)).toBe(true);
    expect((await analyst.get('/api/v1/returns/cin-census/2019/report')).statusCode).toBe(404);
  });
});
