// The IRO's challenge, tracked to a resolution: raised by an IRO, answered at each stage within 5
// working days, escalated only upwards, resolved by the IRO, and visible to the worker, the manager and
// across the children a manager may see with the trend by category (seed IR-03; Newham 2014 ¶66).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, makeChild, textOf } from '../plans/test-helpers.ts';

let t: TestApp;
let worker: Agent;
let iro: Agent;
let manager: Agent;
let childId: string;
let challengeId: string;

beforeAll(async () => {
  t = await startTestApp();
  [worker, iro, manager] = await Promise.all([t.signIn('worker'), t.signIn('iro'), t.signIn('manager')]);
  childId = await makeChild(t, { firstName: 'Jaden' });
  await t.ctx.db.insertInto('allocation').values({ id: randomUUID(), child_id: childId, worker_id: t.users.iro, role: 'iro', from_date: '2026-06-01', recorded_by: t.users.manager }).execute();
});

afterAll(async () => {
  await t?.close();
});

const clocks = () => t.ctx.db.selectFrom('clock').select(['started_on', 'due_on', 'met_on', 'stopped_on']).where('child_id', '=', childId).where('rule_id', '=', 'iro-challenge-response').orderBy('started_on').execute();
const challenge = { category: 'drift', concern: 'The plan for Jaden to return home has not moved in 4 months; the parenting assessment is not booked.', stage: 'informal', addressedTo: 'Sam Social, social worker' };

describe('an IRO challenge from raising to resolution', () => {
  it('only an IRO raises a challenge; nothing is stored otherwise', async () => {
    const refused = await worker.post(`/children/${childId}/iro-challenges/new`, { ...challenge, ...dateFields('raisedOn', '2026-11-02') });
    expect(refused.statusCode).toBe(403);
    expect(await t.ctx.db.selectFrom('iro_challenge').select('id').where('child_id', '=', childId).execute()).toHaveLength(0);
    expect(textOf((await worker.get(`/children/${childId}/iro-challenges/new`)).body)).toContain('Only an independent reviewing officer raises');
  });

  it('raised informally with the worker: the response is due in 5 working days', async () => {
    const raised = await iro.post(`/children/${childId}/iro-challenges/new`, { ...challenge, ...dateFields('raisedOn', '2026-11-02') });
    expect(raised.statusCode).toBe(303);
    challengeId = (await t.ctx.db.selectFrom('iro_challenge').select('id').where('child_id', '=', childId).executeTakeFirstOrThrow()).id;
    // Monday 2 November 2026 + 5 working days = Monday 9 November.
    expect(await clocks()).toEqual([{ started_on: '2026-11-02', due_on: '2026-11-09', met_on: null, stopped_on: null }]);
  });

  it('the worker answers; an answer dated before the challenge is refused', async () => {
    const early = await worker.post(`/children/${childId}/iro-challenges/${challengeId}/response`, { ...dateFields('respondedOn', '2026-10-30'), response: 'Booked.' });
    expect(early.statusCode).toBe(422);
    expect(textOf(early.body)).toContain('The response cannot be before the challenge was put to Sam Social, social worker (2 November 2026)');
    const answered = await worker.post(`/children/${childId}/iro-challenges/${challengeId}/response`, { ...dateFields('respondedOn', '2026-11-05'), response: 'The parenting assessment is booked for 1 December.' });
    expect(answered.statusCode).toBe(303);
    expect((await clocks())[0]).toMatchObject({ met_on: '2026-11-05' });
  });

  it('the IRO escalates only upwards; the team manager’s answer is then owed, and shows as overdue', async () => {
    const sideways = await iro.post(`/children/${childId}/iro-challenges/${challengeId}/escalate`, { ...dateFields('escalatedOn', '2026-11-10'), stage: 'informal', addressedTo: 'x', why: 'y' });
    expect(sideways.statusCode).toBe(422);
    expect(textOf(sideways.body)).toContain('escalate it to a later stage');
    const up = await iro.post(`/children/${childId}/iro-challenges/${challengeId}/escalate`, {
      ...dateFields('escalatedOn', '2026-11-10'),
      stage: 'team_manager',
      addressedTo: 'Tara Manager, team manager',
      why: 'A date in December is a further month of drift; the assessment should start this month.',
    });
    expect(up.statusCode).toBe(303);
    expect((await clocks())[1]).toMatchObject({ started_on: '2026-11-10', due_on: '2026-11-17', met_on: null });
    const page = textOf((await worker.get(`/children/${childId}/iro-challenges`)).body);
    expect(page).toContain('Stage 1: team manager, with Tara Manager, team manager');
    expect(page).toContain('Response due by 17 November 2026 Overdue');
    expect(textOf((await worker.get(`/children/${childId}`)).body)).toContain('1 open challenge, the oldest from 2 November 2026');
  });

  it('the manager sees it across their children with the trend; a worker in another team does not', async () => {
    const overview = textOf((await manager.get('/iro-challenges')).body);
    expect(overview).toContain('1 raised in the last 12 months, 0 of them resolved; 1 open now');
    expect(overview).toContain('Drift or delay in the care plan 1 1');
    expect(overview).toContain('Jaden Adeyemi');
    const stranger = await t.signIn('otherWorker');
    expect(textOf((await stranger.get('/iro-challenges')).body)).toContain('No open challenges');
  });

  it('only the IRO resolves it, once; the response clock stops', async () => {
    expect((await worker.api('POST', `/api/v1/children/${childId}/iro-challenges/${challengeId}/resolve`, { resolvedOn: '2026-11-19', resolution: 'x' })).statusCode).toBe(403);
    const resolved = await iro.api('POST', `/api/v1/children/${childId}/iro-challenges/${challengeId}/resolve`, { resolvedOn: '2026-11-19', resolution: 'The assessment starts on 23 November; the IRO will check at the review.' });
    expect(resolved.statusCode).toBe(201);
    expect((await clocks())[1]).toMatchObject({ stopped_on: '2026-11-19' });
    const again = await iro.api('POST', `/api/v1/children/${childId}/iro-challenges/${challengeId}/resolve`, { resolvedOn: '2026-11-20', resolution: 'again' });
    expect(again.statusCode).toBe(422);
    const chronology = textOf((await worker.get(`/children/${childId}/chronology`)).body);
    expect(chronology).toContain('IRO challenge escalated to Tara Manager, team manager');
    expect(chronology).toContain('IRO challenge resolved at stage 1: team manager');
  });
});
