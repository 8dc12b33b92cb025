// Previous permanence (SSDA903 PrevPerm, rules 630-635; decision 0041): the worker records on the
// child's period of care whether they were adopted, or under a special guardianship or child
// arrangements order, before coming into care; the return's PrevPerm row comes from it, a change is
// a correction with its reason, and the chronology shows the order.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { addTestChild } from '../front-door/test-support.ts';

let t: TestApp;
let worker: Agent;
let analyst: Agent;
let child: { id: string; laChildId: string };
let periodId: string;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
  analyst = await t.signIn('analyst');
  // In care since 1 May 2026 (in the 2026-27 year, so RNE S in the year: rule 630 asks for PrevPerm).
  child = await addTestChild(t, { firstName: 'Pia', lastName: 'Permanence', dateOfBirth: '2014-02-10', allocatedTo: t.users.worker });
  periodId = randomUUID();
  const by = t.users.manager;
  await t.handle.db.insertInto('care_period').values({ id: periodId, child_id: child.id, episode_id: null, started_on: '2026-05-01', category_of_need: 'N1', home_postcode: 'NG1 1AA', decided_by: 'Head of service', recorded_by: by }).execute();
  await t.handle.db.insertInto('placement').values({ id: randomUUID(), period_id: periodId, child_id: child.id, started_on: '2026-05-01', placement_type: 'U4', provider: 'PR1', carer_name: 'The Smiths', postcode: 'NG2 2BB', same_carers: false, intended_until_18: false, recorded_by: by }).execute();
  await t.handle.db.insertInto('legal_status').values({ id: randomUUID(), period_id: periodId, child_id: child.id, started_on: '2026-05-01', legal_status: 'C2', recorded_by: by }).execute();
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const form = (values: Record<string, string>) => ({ previousPermanence: '', permanenceCouncil: '', 'permanenceOn-day': '', 'permanenceOn-month': '', 'permanenceOn-year': '', ...values });
const prevPermCsv = async () => (await analyst.get('/returns/ssda903/2027/csv/prevperm')).body;
const failing = async (code: string) => {
  const report = JSON.parse((await analyst.get('/api/v1/returns/ssda903/2027/report')).body) as { failures: { code: string; childId: string | null }[] };
  return report.failures.some((f) => f.code === code && f.childId === child.id);
};

describe('previous permanence on the period of care (SSDA903 PrevPerm, rules 630-635)', () => {
  it('before it is recorded, the care page says the return needs it, the PrevPerm file has no row and rule 630 fails', async () => {
    const care = await worker.get(`/children/${child.id}/care`);
    expect(care.body).toContain('Not recorded (the SSDA903 return needs it)');
    expect(care.body).toContain(`/children/${child.id}/care/previous-permanence`);
    expect(await prevPermCsv()).toBe('CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM\r\n');
    expect(await failing('630')).toBe(true);
  });

  it('rule 635: no previous permanence (Z1) with a council is refused, everything typed is put back', async () => {
    const page = await worker.post(`/children/${child.id}/care/previous-permanence`, form({ previousPermanence: 'Z1', permanenceCouncil: '352' }));
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('With no previous permanence, leave the council blank (SSDA903 rule 635)');
    expect(page.body).toContain('value="352"');
  });

  it('rule 632: an order dated on or after the day the child came into care is refused', async () => {
    const page = await worker.post(`/children/${child.id}/care/previous-permanence`, form({ previousPermanence: 'P2', permanenceCouncil: '352', 'permanenceOn-day': '1', 'permanenceOn-month': '5', 'permanenceOn-year': '2026' }));
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('The previous order must be before the child came into care');
  });

  it('a special guardianship order of 3 March 2019 made by council 352: the care page, the chronology and the PrevPerm row show it, and rule 630 passes', async () => {
    const saved = await worker.post(`/children/${child.id}/care/previous-permanence`, form({ previousPermanence: 'P2', permanenceCouncil: '352', 'permanenceOn-day': '3', 'permanenceOn-month': '3', 'permanenceOn-year': '2019' }));
    expect(saved.statusCode).toBe(303);
    const care = await worker.get(`/children/${child.id}/care`);
    expect(care.body).toContain('Previous permanence: Special guardianship order (order of 3 March 2019, council 352)');
    const events = await t.ctx.db.selectFrom('child_event').select(['type', 'occurred_on', 'significance']).where('child_id', '=', child.id).where('type', '=', 'care.previous-permanence').execute();
    expect(events).toEqual([{ type: 'care.previous-permanence', occurred_on: '2019-03-03', significance: 'high' }]);
    expect(await prevPermCsv()).toBe(`CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM\r\n${child.laChildId},10/02/2014,P2,352,03/03/2019\r\n`);
    expect(await failing('630')).toBe(false);
  });

  it('changing it is a correction: without a reason it is refused; with one the earlier answer is kept with the reason (through the API)', async () => {
    const page = await worker.get(`/children/${child.id}/care/previous-permanence`);
    expect(page.body).toContain('Why are you correcting this?');
    expect(page.body).toContain('value="352"');
    const url = `/api/v1/children/${child.id}/care-periods/latest/previous-permanence`;
    const refused = await worker.api('POST', url, { previousPermanence: 'P3', permanenceCouncil: '999', permanenceOn: '2019-03-03' });
    expect(refused.statusCode).toBe(422);
    const corrected = await worker.api('POST', url, { previousPermanence: 'P3', permanenceCouncil: '999', permanenceOn: '2019-03-03', reason: 'It was a child arrangements order, per the court file' });
    expect(corrected.statusCode).toBeLessThan(300);
    const versions = await t.ctx.db.selectFrom('record_version').select(['reason', 'data']).where('record_id', '=', periodId).execute();
    const kept = versions.find((v) => v.reason === 'It was a child arrangements order, per the court file');
    expect((kept?.data as { previous_permanence: string }).previous_permanence).toBe('P2');
    expect(await prevPermCsv()).toContain(`${child.laChildId},10/02/2014,P3,999,03/03/2019`);
    const titles = await t.ctx.db.selectFrom('child_event').select('title').where('child_id', '=', child.id).where('type', '=', 'care.previous-permanence').execute();
    expect(titles.map((e) => e.title)).toEqual(['Previous permanence: Residence order or child arrangements order (order of 3 March 2019, council 999)']);
  });

  it('someone without a relationship to the child cannot record it', async () => {
    const other = await t.signIn('otherWorker');
    const page = await other.post(`/children/${child.id}/care/previous-permanence`, form({ previousPermanence: 'Z1' }));
    expect(page.statusCode).toBe(403);
  });
});
