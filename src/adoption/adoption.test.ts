// Prospective adopters from enquiry to the agency decision (Adoption Agencies Regulations 2005 as
// amended by SI 2013/985; statutory guidance ch.3): the steps in order, stage one due in 2 months and
// stage two in 4 (timescales.md AD4, AD6), 6 months to go on after stage one (AD5), shown as due or
// overdue on the list (seed AD-09, DQ-23); every view of a household is audited (DESIGN §2.10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, textOf } from '../plans/test-helpers.ts';
import { adopterDue } from './timescales.ts';

let t: TestApp;
let worker: Agent;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
});

afterAll(async () => {
  await t?.close();
});

const enquiry = async (name: string, enquiryOn: string) => {
  const r = await worker.post('/adopters/new', { name, applicants: '2', fosteringForAdoption: 'no', ...dateFields('enquiryOn', enquiryOn) });
  expect(r.statusCode).toBe(303);
  return String(r.headers.location).split('/').at(-1)!;
};

describe('a prospective adopter household', () => {
  it('goes through the stages in order; each refused out of order with a clear message', async () => {
    const id = await enquiry('Sam and Alex Carter', '2026-03-02');
    const page = `/adopters/${id}`;
    const stageOneEarly = await worker.post(`${page}/stage-one`, { mayProceed: 'yes', ...dateFields('endedOn', '2026-05-01') });
    expect(stageOneEarly.statusCode).toBe(422);
    expect(textOf(stageOneEarly.body)).toContain('Record the registration of interest first');
    const beforeEnquiry = await worker.post(`${page}/registration`, dateFields('registeredOn', '2026-02-27'));
    expect(textOf(beforeEnquiry.body)).toContain('The date of the registration of interest cannot be before the enquiry (2 March 2026)');
    expect((await worker.post(`${page}/registration`, dateFields('registeredOn', '2026-03-16'))).statusCode).toBe(303);
    expect((await worker.post(`${page}/stage-one`, { mayProceed: 'yes', ...dateFields('endedOn', '2026-04-30') })).statusCode).toBe(303);
    const future = await worker.post(`${page}/stage-two`, dateFields('startedOn', '2026-11-30'));
    expect(textOf(future.body)).toContain('The date of the start of stage two cannot be in the future');
    // More than 6 months after stage one (30 October): stage one starts again (AAR 2005 as amended 2013).
    const lapsed = await worker.api('POST', `/api/v1/adopters/${id}/stage-two`, { startedOn: '2026-11-02' });
    expect(lapsed.statusCode).toBe(422);
    expect(lapsed.json().error).toContain('they had until 30 October 2026 to say they wish to go on');
    expect((await worker.post(`${page}/stage-two`, dateFields('startedOn', '2026-06-08'))).statusCode).toBe(303);
    const decisionFirst = await worker.post(`${page}/decision`, { approved: 'yes', ...dateFields('decidedOn', '2026-10-01') });
    expect(textOf(decisionFirst.body)).toContain('Record the adoption panel before the agency decision');
    expect((await worker.post(`${page}/panel`, { recommended: 'yes', ...dateFields('panelOn', '2026-09-24') })).statusCode).toBe(303);
    expect((await worker.post(`${page}/decision`, { approved: 'yes', ...dateFields('decidedOn', '2026-10-08') })).statusCode).toBe(303);
    const household = textOf((await worker.get(page)).body);
    // Stage one: 16 March to 30 April, within the 2 months (due 16 May).
    expect(household).toContain('Stage one ended 30 April 2026 Within 2 months');
    // Stage two: 8 June to 8 October is 4 months to the day: within.
    expect(household).toContain('Stage two within 4 months');
    expect(household).toContain('Registration of interest to approval: 206 days (within 9 months)');
    // Approved on 8 October, not matched by 20 November: the match is due by 8 January 2027.
    expect(household).toContain('Match with a child by 8 January 2027');
  });

  it('stage two may start up to 6 months after stage one, not later (timescales.md AD5)', () => {
    const h = { registered_on: '2025-01-06', stage_one_ended_on: '2025-03-03', stage_two_started_on: null, panel_on: null, decided_on: null, approved: null, left_on: null };
    expect(adopterDue(h, null, '2025-09-02')).toMatchObject({ id: 'decide-on-stage-two', dueOn: '2025-09-03', overdue: false, lapses: true });
    expect(adopterDue(h, null, '2025-09-04')).toMatchObject({ overdue: true });
  });

  it('the list shows what is due and what is overdue, by stage', async () => {
    // Registered 1 August 2026: stage one due 1 October, overdue on 20 November.
    const late = await enquiry('Morgan Hale', '2026-07-20');
    expect((await worker.post(`/adopters/${late}/registration`, dateFields('registeredOn', '2026-08-01'))).statusCode).toBe(303);
    // Registered 2 November: stage one due 2 January 2027.
    const due = await enquiry('Priya and Tom Shah', '2026-10-19');
    expect((await worker.post(`/adopters/${due}/registration`, dateFields('registeredOn', '2026-11-02'))).statusCode).toBe(303);
    const withdrawn = await enquiry('Chris Dunn', '2026-04-06');
    expect((await worker.post(`/adopters/${withdrawn}/leave`, { reason: 'WITHDREW', note: 'Moving abroad', ...dateFields('leftOn', '2026-05-11') })).statusCode).toBe(303);
    const list = textOf((await worker.get('/adopters?stage=stage_one')).body);
    expect(list).toContain('Stage one (2)');
    expect(list).toContain('Morgan Hale');
    expect(list).toMatch(/Morgan Hale .* Finish stage one \(pre-assessment\) by 1 October 2026 Overdue/);
    expect(list).toMatch(/Priya and Tom Shah .* by 2 January 2027 Due/);
    expect(list).not.toContain('Chris Dunn');
    const left = textOf((await worker.get('/adopters?stage=left')).body);
    expect(left).toContain('Chris Dunn');
    expect(left).toContain('Adopter withdrew from the process, 11 May 2026');
    const after = await worker.post(`/adopters/${withdrawn}/registration`, dateFields('registeredOn', '2026-06-01'));
    expect(textOf(after.body)).toContain('They left the process on 11 May 2026');
  });

  it('a correction keeps the old version with the reason and checks the order again', async () => {
    const id = await enquiry('Jordan Webb', '2026-01-12');
    await worker.post(`/adopters/${id}/registration`, dateFields('registeredOn', '2026-02-02'));
    const version = (await t.ctx.db.selectFrom('adopter_household').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
    const base = { name: 'Jordan Webb', applicants: '1', fosteringForAdoption: 'no', version: String(version), reason: 'The registration date was typed wrongly' };
    const wrong = await worker.post(`/adopters/${id}/change`, { ...base, ...dateFields('enquiryOn', '2026-01-12'), ...dateFields('registeredOn', '2026-01-05') });
    expect(wrong.statusCode).toBe(422);
    expect(textOf(wrong.body)).toContain('cannot be before the enquiry (12 January 2026)');
    expect((await worker.post(`/adopters/${id}/change`, { ...base, ...dateFields('enquiryOn', '2026-01-12'), ...dateFields('registeredOn', '2026-01-19') })).statusCode).toBe(303);
    const versions = await t.ctx.db.selectFrom('record_version').select(['reason']).where('record_id', '=', id).execute();
    expect(versions.map((v) => v.reason)).toContain('The registration date was typed wrongly');
  });
});

describe('access to adopters’ records', () => {
  it('each view of a household writes a view-adopter row; a role without casework is refused', async () => {
    const id = await enquiry('Robin Ash', '2026-06-01');
    expect((await worker.get(`/adopters/${id}`)).statusCode).toBe(200);
    const rows = await t.ctx.db.selectFrom('audit_log').select(['action', 'object_type', 'user_id']).where('object_id', '=', id).where('action', '=', 'view-adopter').execute();
    expect(rows).toEqual([{ action: 'view-adopter', object_type: 'adopter-household', user_id: t.users.worker }]);
    const partner = await t.signIn('partner');
    expect((await partner.get(`/adopters/${id}`)).statusCode).toBe(403);
    expect((await partner.get('/adopters')).statusCode).toBe(403);
    const admin = await t.signIn('admin');
    expect((await admin.get(`/api/v1/adopters/${id}`)).statusCode).toBe(403);
    expect((await worker.get('/adopters/not-an-id')).statusCode).toBe(404);
  });
});
