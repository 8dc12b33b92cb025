// The day a child's UASC status ceased (SSDA903 UASC table DUC, rules 303 and 304; decision 0041):
// recorded on the child's record, shown there and in the chronology, sent in the return's UASC table;
// a change is a correction with the reason.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { addTestChild } from '../front-door/test-support.ts';
import { eighteenthBirthday } from './uasc.ts';

let t: TestApp;
let worker: Agent;
let analyst: Agent;
let child: { id: string; laChildId: string };
let notUasc: { id: string; laChildId: string };

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
  analyst = await t.signIn('analyst');
  // An unaccompanied asylum-seeking boy, 18 on 10 October 2026, looked after since 1 May 2026.
  child = await addTestChild(t, { firstName: 'Amir', lastName: 'Uasc', dateOfBirth: '2008-10-10', allocatedTo: t.users.worker });
  notUasc = await addTestChild(t, { firstName: 'Nia', lastName: 'Resident', dateOfBirth: '2012-01-01', allocatedTo: t.users.worker });
  await t.handle.db.updateTable('person').set({ unaccompanied_asylum_seeker: true, sex: 'M' }).where('id', '=', child.id).execute();
  const by = t.users.manager;
  const periodId = randomUUID();
  await t.handle.db.insertInto('care_period').values({ id: periodId, child_id: child.id, episode_id: null, started_on: '2026-05-01', category_of_need: 'N8', home_postcode: 'NG1 1AA', decided_by: 'Head of service', recorded_by: by }).execute();
  await t.handle.db.insertInto('placement').values({ id: randomUUID(), period_id: periodId, child_id: child.id, started_on: '2026-05-01', placement_type: 'K3', provider: 'PR4', carer_name: 'Supported lodgings', postcode: 'NG2 2BB', same_carers: false, intended_until_18: false, recorded_by: by }).execute();
  await t.handle.db.insertInto('legal_status').values({ id: randomUUID(), period_id: periodId, child_id: child.id, started_on: '2026-05-01', legal_status: 'V2', recorded_by: by }).execute();
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const date = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });
const uascCsv = async () => (await analyst.get('/returns/ssda903/2027/csv/uasc')).body;

describe('the date UASC status ceased (SSDA903 DUC, rules 303 and 304)', () => {
  it('the 18th birthday of a child born on 29 February is 1 March in a common year', () => {
    expect(eighteenthBirthday('2008-02-29')).toBe('2026-03-01');
    expect(eighteenthBirthday('2008-10-10')).toBe('2026-10-10');
  });

  it('before it is recorded, the UASC row has no DUC and the record offers to record it', async () => {
    expect(await uascCsv()).toBe(`CHILD,SEX,DOB,DUC\r\n${child.laChildId},M,10/10/2008,\r\n`);
    expect((await worker.get(`/children/${child.id}`)).body).toContain(`/children/${child.id}/uasc-ceased`);
  });

  it('rule 304: a date after the 18th birthday is refused; rule 303: a child not recorded as UASC is refused', async () => {
    const late = await worker.post(`/children/${child.id}/uasc-ceased`, date('ceasedOn', '2026-10-11'));
    expect(late.statusCode).toBe(422);
    expect(late.body).toContain('UASC status ends at 18 at the latest (10 October 2026)');
    const notOne = await worker.api('POST', `/api/v1/children/${notUasc.id}/uasc-ceased`, { ceasedOn: '2026-01-01' });
    expect(notOne.statusCode).toBe(422);
    expect(notOne.json().error).toContain('not recorded as an unaccompanied asylum-seeking child');
  });

  it('the 18th birthday: shown on the record and in the chronology, sent as DUC', async () => {
    expect((await worker.post(`/children/${child.id}/uasc-ceased`, date('ceasedOn', '2026-10-10'))).statusCode).toBe(303);
    expect((await worker.get(`/children/${child.id}`)).body).toContain('Yes, status ceased 10 October 2026');
    const events = await t.ctx.db.selectFrom('child_event').select(['type', 'occurred_on']).where('child_id', '=', child.id).where('type', '=', 'person.uasc-ceased').execute();
    expect(events).toEqual([{ type: 'person.uasc-ceased', occurred_on: '2026-10-10' }]);
    expect(await uascCsv()).toBe(`CHILD,SEX,DOB,DUC\r\n${child.laChildId},M,10/10/2008,10/10/2026\r\n`);
  });

  it('a change is a correction: without a reason refused; with one the earlier date is kept and the chronology moves', async () => {
    const url = `/api/v1/children/${child.id}/uasc-ceased`;
    expect((await worker.api('POST', url, { ceasedOn: '2026-09-01' })).statusCode).toBe(422);
    expect((await worker.api('POST', url, { ceasedOn: '2026-09-01', reason: 'The Home Office decision letter is dated 1 September' })).statusCode).toBeLessThan(300);
    const kept = await t.ctx.db.selectFrom('record_version').select(['data']).where('record_id', '=', child.id).where('reason', '=', 'The Home Office decision letter is dated 1 September').executeTakeFirstOrThrow();
    expect((kept.data as { uasc_ceased_on: string }).uasc_ceased_on).toBe('2026-10-10');
    expect((await t.ctx.db.selectFrom('child_event').select('occurred_on').where('child_id', '=', child.id).where('type', '=', 'person.uasc-ceased').execute()).map((e) => e.occurred_on)).toEqual(['2026-09-01']);
    expect(await uascCsv()).toContain(',01/09/2026\r\n');
  });
});
