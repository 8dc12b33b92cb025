// Visits and case notes: quick to record (one page, at most six required inputs, the record fills in
// what it knows), each saying whether the child was seen and seen alone, and meeting the visit clock
// of the plan it was made under (timescales.md CP11: every 10 working days unless the council says less).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type Agent, type TestApp } from '../../test/support/app.ts';
import { saveSetting } from '../settings/council-settings.ts';
import { dateFields, makeChild, makePlan, openEpisode, textOf } from '../plans/test-helpers.ts';

let t: TestApp;
let worker: Agent;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
});

afterAll(async () => {
  await t?.close();
});

const clocksOf = (childId: string, ruleId: string) =>
  t.ctx.db.selectFrom('clock').select(['started_on', 'due_on', 'met_on', 'scope_id']).where('child_id', '=', childId).where('rule_id', '=', ruleId).orderBy('started_on').execute();

const visitForm = (overrides: Record<string, string> = {}) => ({
  ...dateFields('visitedOn', '2026-11-10'),
  kind: 'cp',
  childSeen: 'yes',
  seenAlone: 'yes',
  observations: 'Ayo showed me his room and said he feels safe at home now.',
  ...overrides,
});

describe('recording a visit', () => {
  let childId: string;
  let planId: string;

  beforeAll(async () => {
    childId = await makeChild(t);
    const episodeId = await openEpisode(t, childId);
    planId = await makePlan(t, childId, 'cp', '2026-11-02', episodeId);
  });

  it('is one page with at most 6 required inputs, prefilled with today and the kind of visit from the open plan', async () => {
    const page = await worker.get(`/children/${childId}/visits/new`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/name="visitedOn-day"[^>]*value="20"/);
    expect(page.body).toMatch(/name="visitedOn-month"[^>]*value="11"/);
    expect(page.body).toMatch(/name="visitedOn-year"[^>]*value="2026"/);
    expect(page.body).toMatch(/name="kind"[^>]*value="cp"[^>]*checked/);
    expect(textOf(page.body)).toContain('Visit by worker');
    // Every required input says so when the form is sent empty: count them.
    const empty = await worker.post(`/children/${childId}/visits/new`, {});
    expect(empty.statusCode).toBe(400);
    const required = [...empty.body.matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    expect(required.length).toBeLessThanOrEqual(6);
    expect(required).toEqual(['visitedOn', 'kind', 'childSeen', 'seenAlone', 'observations']);
  });

  it('a child protection visit meets the cp-visit clock, and the next is due 10 working days later (timescales.md CP11)', async () => {
    const before = await clocksOf(childId, 'cp-visit');
    expect(before).toEqual([{ started_on: '2026-11-02', due_on: '2026-11-16', met_on: null, scope_id: planId }]);
    const response = await worker.post(`/children/${childId}/visits/new`, visitForm());
    expect(response.statusCode).toBe(303);
    const visit = await t.ctx.db.selectFrom('visit').selectAll().where('child_id', '=', childId).executeTakeFirstOrThrow();
    expect(visit).toMatchObject({ kind: 'cp', plan_id: planId, worker_id: t.users.worker, child_seen: true, seen_alone: 'yes', visited_on: '2026-11-10' });
    const event = await t.ctx.db.selectFrom('child_event').selectAll().where('source_id', '=', visit.id).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ type: 'visit.cp', scope_id: planId, title: 'Child protection visit: child seen alone' });
    // Hand-worked: 10 working days after Tuesday 10 November 2026 is Tuesday 24 November (no bank holidays).
    expect(await clocksOf(childId, 'cp-visit')).toEqual([
      { started_on: '2026-11-02', due_on: '2026-11-16', met_on: '2026-11-10', scope_id: planId },
      { started_on: '2026-11-10', due_on: '2026-11-24', met_on: null, scope_id: planId },
    ]);
  });

  it('lists visits with whether the child was seen and seen alone, and shows one in full', async () => {
    const list = await worker.get(`/children/${childId}/visits`);
    const text = textOf(list.body);
    expect(text).toContain('10 November 2026');
    expect(text).toMatch(/Seen Seen alone .*10 November 2026 Child protection visit, worker Yes Yes/);
    const api = (await worker.get(`/api/v1/children/${childId}/visits`)).json() as { visits: { child_seen: boolean; seen_alone: string }[] };
    expect(api.visits[0]).toMatchObject({ child_seen: true, seen_alone: 'yes' });
  });

  it('refuses a child seen alone who was not seen, and a visit in the future; nothing is stored', async () => {
    const notSeen = await worker.post(`/children/${childId}/visits/new`, visitForm({ childSeen: 'no', seenAlone: 'yes' }));
    expect(notSeen.statusCode).toBe(400);
    expect(textOf(notSeen.body)).toContain('You did not see the child, so they cannot have been seen alone');
    const future = await worker.post(`/children/${childId}/visits/new`, visitForm(dateFields('visitedOn', '2026-11-21')));
    expect(future.statusCode).toBe(422);
    expect(textOf(future.body)).toContain('The date of the visit cannot be in the future');
    expect(await t.ctx.db.selectFrom('visit').select('id').where('child_id', '=', childId).execute()).toHaveLength(1);
  });

  it('refuses a child protection visit before the plan started', async () => {
    const response = await worker.api('POST', `/api/v1/children/${childId}/visits`, {
      visitedOn: '2026-10-30',
      kind: 'cp',
      childSeen: true,
      seenAlone: 'no',
      observations: 'Seen with mother.',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toContain('the child was not on a child protection plan that day');
  });

  it('updates the plan’s actions from the visit: done on the day of the visit, one new version of the plan', async () => {
    const action = await worker.api('POST', `/api/v1/children/${childId}/plans/${planId}/actions`, { description: 'Fit a stair gate', owner: 'Mother', dueOn: '2026-11-30' });
    const actionId = action.json().id as string;
    const form = await worker.get(`/children/${childId}/visits/new`);
    expect(form.body).toMatch(new RegExp(`name="action-${actionId}"[^>]*value="not_started"[^>]*checked`));
    const response = await worker.post(`/children/${childId}/visits/new`, visitForm({ ...dateFields('visitedOn', '2026-11-19'), seenAlone: 'no', [`action-${actionId}`]: 'done' }));
    expect(response.statusCode).toBe(303);
    const row = await t.ctx.db.selectFrom('plan_action').selectAll().where('id', '=', actionId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'done', completed_on: '2026-11-19', version: 2 });
    const change = await t.ctx.db.selectFrom('plan_version').select('change').where('plan_id', '=', planId).orderBy('version', 'desc').executeTakeFirstOrThrow();
    expect(change.change).toBe('At the visit on 19 November 2026: ‘Fit a stair gate’ Not started → Done');
  });

  it('a child in need visit meets the cin-visit clock of the child in need plan', async () => {
    const child = await makeChild(t, { firstName: 'Cara' });
    const episodeId = await openEpisode(t, child);
    const cin = await makePlan(t, child, 'cin', '2026-10-01', episodeId);
    const page = await worker.get(`/children/${child}/visits/new`);
    expect(page.body).toMatch(/name="kind"[^>]*value="cin"[^>]*checked/);
    const response = await worker.api('POST', `/api/v1/children/${child}/visits`, { visitedOn: '2026-10-20', kind: 'cin', childSeen: 'yes', seenAlone: 'not_applicable', observations: 'Baby seen asleep.' });
    expect(response.statusCode).toBe(201);
    const clocks = await clocksOf(child, 'cin-visit');
    expect(clocks.map((c) => [c.met_on, c.scope_id])).toEqual([
      ['2026-10-20', cin],
      [null, cin],
    ]);
  });

  it('refuses a worker who may not see the child', async () => {
    const other = await t.signIn('otherWorker');
    expect((await other.get(`/children/${childId}/visits/new`)).statusCode).toBe(403);
    expect((await other.post(`/children/${childId}/visits/new`, visitForm())).statusCode).toBe(403);
    expect((await other.get(`/api/v1/children/${childId}/visits`)).statusCode).toBe(403);
  });
});

describe('case notes', () => {
  it('records a case note in one page, in the chronology with its significance', async () => {
    const childId = await makeChild(t, { firstName: 'Dan' });
    const page = await worker.get(`/children/${childId}/case-notes/new`);
    expect(page.body).toMatch(/name="notedOn-day"[^>]*value="20"/);
    const empty = await worker.post(`/children/${childId}/case-notes/new`, { significance: 'low' });
    expect([...empty.body.matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1])).toEqual(['notedOn', 'title', 'note']);
    const response = await worker.post(`/children/${childId}/case-notes/new`, { ...dateFields('notedOn', TEST_TODAY), title: 'Call from school', note: 'Ayo was late twice this week.', significance: 'normal' });
    expect(response.statusCode).toBe(303);
    const event = await t.ctx.db.selectFrom('child_event').selectAll().where('child_id', '=', childId).where('type', '=', 'case-note.recorded').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ title: 'Call from school', significance: 'normal', occurred_on: TEST_TODAY });
    expect(textOf((await worker.get(`/children/${childId}/case-notes`)).body)).toContain('Ayo was late twice this week.');
  });
});

describe('a council that visits more often', () => {
  it('with a setting of 5 working days, the next child protection visit is due 5 working days later', async () => {
    await saveSetting(t.ctx.db, 'cpVisitIntervalWorkingDays', 5, t.users.admin);
    const childId = await makeChild(t, { firstName: 'Eli' });
    const episodeId = await openEpisode(t, childId);
    const planId = await makePlan(t, childId, 'cp', '2026-11-02', episodeId);
    const response = await worker.post(`/children/${childId}/visits/new`, visitForm());
    expect(response.statusCode).toBe(303);
    // Hand-worked: 5 working days after Monday 2 November is Monday 9 November; after Tuesday
    // 10 November, Tuesday 17 November.
    expect(await clocksOf(childId, 'cp-visit')).toEqual([
      { started_on: '2026-11-02', due_on: '2026-11-09', met_on: '2026-11-10', scope_id: planId },
      { started_on: '2026-11-10', due_on: '2026-11-17', met_on: null, scope_id: planId },
    ]);
  });
});
