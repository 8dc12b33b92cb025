// The IRO is told of every change to a child's care plan and records reading it (CPPCR 2010 reg 45;
// Southend 2016 ¶59: "IROs had not been informed of changes to care plans"; seeds IR-04, DQ-27).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDecision } from '../oversight/test-helpers.ts';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { fixedTime } from '../server/time.ts';
import { dateFields, makeChild, openEpisode, textOf } from './test-helpers.ts';

let t: TestApp;
let worker: Agent;
let iro: Agent;
let childId: string;
let planId: string;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
  iro = await t.signIn('iro');
  childId = await makeChild(t);
  await openEpisode(t, childId, '2026-06-01');
  await givenDecision(t.ctx.db, childId, 'entry_to_care', '2026-06-01', t.users.manager);
  const care = { startedOn: '2026-06-01', legalStatus: 'C2', categoryOfNeed: 'N1', decidedBy: 'Head of Service', placementType: 'U4', provider: 'PR1', carerName: 'The Okafor family' };
  expect((await worker.api('POST', `/api/v1/children/${childId}/care-periods`, care)).statusCode).toBe(201);
  const started = await worker.post(`/children/${childId}/care/care-plan`, dateFields('startedOn', '2026-06-10'));
  planId = /plans\/([0-9a-f-]+)/.exec(started.headers.location as string)![1]!;
  await t.ctx.db.insertInto('allocation').values({ id: crypto.randomUUID(), child_id: childId, worker_id: t.users.iro, role: 'iro', from_date: '2026-06-01', recorded_by: t.users.manager }).execute();
});

afterAll(async () => {
  await t?.close();
});

const clocks = () => t.ctx.db.selectFrom('clock').select(['started_on', 'due_on', 'met_on']).where('child_id', '=', childId).where('rule_id', '=', 'iro-reads-care-plan-change').orderBy('started_on').execute();
const addOutcome = (description: string) => worker.post(`/children/${childId}/plans/${planId}/outcomes/new`, { description });

describe('the IRO reads the changes to a care plan (CPPCR 2010 reg 45; Southend 2016 ¶59)', () => {
  it('a change to the care plan is the IRO’s to read within 5 working days; a second change before they read it does not restart the clock', async () => {
    expect((await addOutcome('Noah sees his brother every fortnight')).statusCode).toBe(303);
    expect((await addOutcome('Noah stays at the same school')).statusCode).toBe(303);
    // Friday 20 November 2026 + 5 working days: Friday 27 November.
    expect(await clocks()).toEqual([{ started_on: '2026-11-20', due_on: '2026-11-27', met_on: null }]);
    const page = textOf((await worker.get(`/children/${childId}/plans/${planId}`)).body);
    expect(page).toContain('No IRO has recorded reading the plan’s changes yet. 2 changes not yet read by the IRO.');
    expect(page).not.toContain('Record that you have read the changes');
    expect(textOf((await iro.get('/')).body)).toContain('IRO to read the changes to the care plan');
  });

  it('only an IRO records reading them, and not on a date before the plan began', async () => {
    const byWorker = await worker.post(`/children/${childId}/plans/${planId}/iro-reading`, dateFields('readOn', '2026-11-20'));
    expect(byWorker.statusCode).toBe(422);
    expect(textOf(byWorker.body)).toContain('Only an independent reviewing officer records that they have read the changes to a care plan');
    const early = await iro.post(`/children/${childId}/plans/${planId}/iro-reading`, dateFields('readOn', '2026-06-01'));
    expect(textOf(early.body)).toContain('The care plan started on 10 June 2026');
    expect(await t.ctx.db.selectFrom('care_plan_acknowledgement').select('id').execute()).toHaveLength(0);
  });

  it('the IRO’s reading meets the clock; the plan page says so; a later change starts a new clock', async () => {
    expect(textOf((await iro.get(`/children/${childId}/plans/${planId}`)).body)).toContain('Record that you have read the changes');
    const read = await iro.post(`/children/${childId}/plans/${planId}/iro-reading`, { ...dateFields('readOn', '2026-11-20'), comment: 'Agree: contact with his brother is what Noah asked for.' });
    expect(read.statusCode).toBe(303);
    expect(await clocks()).toEqual([{ started_on: '2026-11-20', due_on: '2026-11-27', met_on: '2026-11-20' }]);
    expect(textOf((await worker.get(`/children/${childId}/plans/${planId}`)).body)).toContain('read the plan on 20 November 2026. The IRO has read every change.');
    const again = await iro.api('POST', `/api/v1/children/${childId}/plans/${planId}/iro-reading`, { readOn: '2026-11-20' });
    expect(again.statusCode).toBe(422);
    expect(again.json().error).toContain('There are no changes to the care plan since it was last read');
    // The next working day the social worker changes the plan again.
    const ctx = t.ctx as { time: TestApp['ctx']['time'] };
    ctx.time = fixedTime('2026-11-23');
    [worker, iro] = [await t.signIn('worker'), await t.signIn('iro')];
    await addOutcome('Noah joins the football club');
    expect((await iro.get(`/api/v1/children/${childId}/plans/${planId}/iro-reading`)).json()).toMatchObject({ latestVersion: 3, unread: 1, lastRead: { versionRead: 2 } });
    expect((await clocks()).map((c) => [c.started_on, c.due_on, c.met_on])).toEqual([
      ['2026-11-20', '2026-11-27', '2026-11-20'],
      ['2026-11-23', '2026-11-30', null],
    ]);
    const stale = await iro.api('POST', `/api/v1/children/${childId}/plans/${planId}/iro-reading`, { readOn: '2026-11-20' });
    expect(stale.json().error).toContain('The last change was made on 23 November 2026');
    expect(textOf((await worker.get(`/children/${childId}/chronology`)).body)).toContain('IRO read the care plan’s changes (2 changes)');
  });
});
