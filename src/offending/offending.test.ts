// The OC2 items the record did not hold (decision 0043): a conviction, final warning or reprimand
// (Offending), a development check of a child under 5 and a substance misuse problem with its
// intervention (Health). Each is a dated fact in the chronology, corrected with the reason, and the
// SSDA903 return's OC2 row is derived from them, never keyed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { addTestChild } from '../front-door/test-support.ts';

let t: TestApp;
let worker: Agent;
let analyst: Agent;
let teenager: { id: string; laChildId: string };
let toddler: { id: string; laChildId: string };

/** In care from 1 March 2024 to now: looked after for 12 months at 31 March 2026 (OC2 for 2025-26). */
async function inCareSince2024(childId: string) {
  const by = t.users.manager;
  const periodId = randomUUID();
  await t.handle.db.insertInto('care_period').values({ id: periodId, child_id: childId, episode_id: null, started_on: '2024-03-01', category_of_need: 'N1', home_postcode: 'NG1 1AA', decided_by: 'Head of service', recorded_by: by }).execute();
  await t.handle.db.insertInto('placement').values({ id: randomUUID(), period_id: periodId, child_id: childId, started_on: '2024-03-01', placement_type: 'U4', provider: 'PR1', carer_name: 'Foster carers', postcode: 'NG2 2BB', same_carers: false, intended_until_18: false, recorded_by: by }).execute();
  await t.handle.db.insertInto('legal_status').values({ id: randomUUID(), period_id: periodId, child_id: childId, started_on: '2024-03-01', legal_status: 'C2', recorded_by: by }).execute();
}

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
  analyst = await t.signIn('analyst');
  // 13 at 31 March 2026 (CONVICTED asked, HEALTH_CHECK not); 3 at 31 March 2026 (the reverse).
  teenager = await addTestChild(t, { firstName: 'Tom', lastName: 'Offending', dateOfBirth: '2012-06-15', allocatedTo: t.users.worker });
  toddler = await addTestChild(t, { firstName: 'Tia', lastName: 'Development', dateOfBirth: '2022-05-01', allocatedTo: t.users.worker });
  await inCareSince2024(teenager.id);
  await inCareSince2024(toddler.id);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const date = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });
/** The OC2 row of a child in the 2025-26 return, from CONVICTED to INTERVENTION_OFFERED. */
const oc2Of = async (laChildId: string) => {
  const csv = (await analyst.get('/returns/ssda903/2026/csv/oc2')).body as string;
  const row = csv.split('\r\n').find((line) => line.startsWith(`${laChildId},`));
  return row?.split(',').slice(4).join(',');
};
const reportCodes = async () => (await analyst.get('/api/v1/returns/ssda903/2026/report')).json().counts.map((c: { code: string }) => c.code) as string[];

describe('offending outcomes and OC2 CONVICTED (rules 542, 543, 544)', () => {
  it('before anything is recorded, OC2 is still complete: not convicted, no substance misuse (0), development check 0 for the under-5', async () => {
    expect(await oc2Of(teenager.laChildId)).toBe('0,,0,0,0,0,,');
    expect(await oc2Of(toddler.laChildId)).toBe(',0,0,0,0,0,,');
    const codes = await reportCodes();
    for (const code of ['191', '543', '545', '182']) expect(codes, code).not.toContain(code);
  });

  it('a child under 10 on the day cannot be convicted, warned or reprimanded; the future is refused', async () => {
    const young = await worker.api('POST', `/api/v1/children/${teenager.id}/offending`, { kind: 'reprimand', givenOn: '2022-06-14' });
    expect(young.statusCode).toBe(422);
    expect(young.json().error).toContain('The child was 9 on that day');
    expect((await worker.api('POST', `/api/v1/children/${teenager.id}/offending`, { kind: 'conviction', givenOn: '2026-12-01' })).statusCode).toBe(422);
  });

  it('a final warning in the year: on the page, in the chronology (high significance), CONVICTED 1', async () => {
    const saved = await worker.post(`/children/${teenager.id}/offending/new`, { kind: 'final_warning', ...date('givenOn', '2025-10-02'), note: 'Criminal damage at school' });
    expect(saved.statusCode).toBe(303);
    expect((await worker.get(`/children/${teenager.id}/offending`)).body).toContain('2 October 2025: Given a final warning');
    const events = await t.ctx.db.selectFrom('child_event').select(['type', 'title', 'occurred_on']).where('child_id', '=', teenager.id).where('type', '=', 'offending.outcome').execute();
    expect(events).toEqual([{ type: 'offending.outcome', title: 'Given a final warning', occurred_on: '2025-10-02' }]);
    expect(await oc2Of(teenager.laChildId)).toBe('1,,0,0,0,0,,');
  });

  it('a correction needs the reason, keeps the old version and moves the chronology; moved out of the year, CONVICTED is 0 again', async () => {
    const row = await t.ctx.db.selectFrom('offending_outcome').select(['id', 'version']).where('child_id', '=', teenager.id).executeTakeFirstOrThrow();
    const url = `/api/v1/children/${teenager.id}/offending/${row.id}`;
    expect((await worker.api('PUT', url, { kind: 'final_warning', givenOn: '2025-03-02', version: row.version })).statusCode).toBe(400);
    expect((await worker.api('PUT', url, { kind: 'final_warning', givenOn: '2025-03-02', version: row.version, reason: 'The police letter says 2 March' })).statusCode).toBeLessThan(300);
    const kept = await t.ctx.db.selectFrom('record_version').select('data').where('record_id', '=', row.id).where('reason', '=', 'The police letter says 2 March').executeTakeFirstOrThrow();
    expect((kept.data as { given_on: string }).given_on).toBe('2025-10-02');
    expect((await t.ctx.db.selectFrom('child_event').select('occurred_on').where('source_id', '=', row.id).executeTakeFirstOrThrow()).occurred_on).toBe('2025-03-02');
    expect(await oc2Of(teenager.laChildId)).toBe('0,,0,0,0,0,,');
  });
});

describe('substance misuse and its intervention (OC2 SUBSTANCE_MISUSE, INTERVENTION_RECEIVED/OFFERED; rules 158, 159, 192, 193)', () => {
  it('the intervention must be said', async () => {
    const none = await worker.api('POST', `/api/v1/children/${teenager.id}/health-checks`, { kind: 'substance_misuse', checkedOn: '2025-11-01' });
    expect(none.statusCode).toBe(400);
  });

  it('offered and not received: SUBSTANCE_MISUSE 1, RECEIVED 0, OFFERED 1; corrected to received: OFFERED blank', async () => {
    const saved = await worker.post(`/children/${teenager.id}/health/checks/new`, { kind: 'substance_misuse', ...date('checkedOn', '2025-11-01'), intervention: 'offered' });
    expect(saved.statusCode).toBe(303);
    expect(await oc2Of(teenager.laChildId)).toBe('0,,0,0,0,1,0,1');
    const row = await t.ctx.db.selectFrom('health_check').select(['id', 'version']).where('child_id', '=', teenager.id).where('kind', '=', 'substance_misuse').executeTakeFirstOrThrow();
    const changed = await worker.post(`/children/${teenager.id}/health/checks/${row.id}/change`, { kind: 'substance_misuse', ...date('checkedOn', '2025-11-01'), intervention: 'received', version: String(row.version), reason: 'She started the young people’s service in November' });
    expect(changed.statusCode).toBe(303);
    expect(await oc2Of(teenager.laChildId)).toBe('0,,0,0,0,1,1,');
    const event = await t.ctx.db.selectFrom('child_event').select('title').where('source_id', '=', row.id).executeTakeFirstOrThrow();
    expect(event.title).toBe('Substance misuse problem identified: intervention received');
    for (const code of ['158', '159', '192', '193']) expect(await reportCodes(), code).not.toContain(code);
  });
});

describe('the development check of a child under 5 (OC2 HEALTH_CHECK; rules 545, 546)', () => {
  it('refused for a child of 5 or over on the day', async () => {
    const old = await worker.api('POST', `/api/v1/children/${teenager.id}/health-checks`, { kind: 'development', checkedOn: '2025-09-01' });
    expect(old.statusCode).toBe(422);
    expect(old.json().error).toContain('development checks here are of children under 5');
  });

  it('a development check in the year: HEALTH_CHECK 1 for the under-5, and CONVICTED stays blank for them', async () => {
    expect((await worker.api('POST', `/api/v1/children/${toddler.id}/health-checks`, { kind: 'development', checkedOn: '2025-09-01' })).statusCode).toBeLessThan(300);
    expect(await oc2Of(toddler.laChildId)).toBe(',1,0,0,0,0,,');
    expect((await worker.get(`/children/${toddler.id}/health`)).body).toContain('development check');
  });
});
