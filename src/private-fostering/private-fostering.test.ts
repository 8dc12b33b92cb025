// Private fostering: the first visit within 7 working days of the notification, then 6-weekly in the
// first year and 12-weekly after (SI 2005/1533 regs 4, 7, 8); a notification found not to be private
// fostering stops the visits (seed PF-01, PF-02).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, makeChild, textOf } from '../plans/test-helpers.ts';
import { deriveClocks } from '../clocks/engine.ts';
import { TIMESCALE_RULES } from '../clocks/rules.ts';

let t: TestApp;
let worker: Agent;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
});

afterAll(async () => {
  await t?.close();
});

const notification = { notifiedBy: 'Head of year, Seabrook Academy', alreadyInPlace: 'yes', carerName: 'Mrs Grace Owusu (family friend)', carerPostcode: 'bw3 4pq' };
const clocks = (childId: string) => t.ctx.db.selectFrom('clock').select(['due_on', 'met_on', 'stopped_on']).where('child_id', '=', childId).where('rule_id', '=', 'private-fostering-visit').orderBy('started_on').execute();
const arrangementOf = async (childId: string) => (await t.ctx.db.selectFrom('private_fostering').selectAll().where('child_id', '=', childId).executeTakeFirstOrThrow());

describe('a private fostering arrangement', () => {
  it('the first visit is due within 7 working days; a visit meets it and the next is due 6 weeks on', async () => {
    const childId = await makeChild(t, { firstName: 'Kwame' });
    expect((await worker.post(`/children/${childId}/private-fostering/new`, { ...notification, ...dateFields('notifiedOn', '2026-10-01') })).statusCode).toBe(303);
    const arrangement = await arrangementOf(childId);
    expect(arrangement.carer_postcode).toBe('BW3 4PQ');
    // Thursday 1 October 2026 + 7 working days = Monday 12 October.
    expect(await clocks(childId)).toEqual([{ due_on: '2026-10-12', met_on: null, stopped_on: null }]);
    const early = await worker.post(`/children/${childId}/private-fostering/${arrangement.id}/visits/new`, { ...dateFields('visitedOn', '2026-09-30'), seenAlone: 'yes', childViews: 'x' });
    expect(early.statusCode).toBe(422);
    expect(textOf(early.body)).toContain('The visit cannot be before the council was told (1 October 2026)');
    expect((await worker.post(`/children/${childId}/private-fostering/${arrangement.id}/visits/new`, { ...dateFields('visitedOn', '2026-10-09'), seenAlone: 'yes', childViews: 'Kwame says he likes living with Mrs Owusu while his mum works abroad.' })).statusCode).toBe(303);
    expect(await clocks(childId)).toEqual([
      { due_on: '2026-10-12', met_on: '2026-10-09', stopped_on: null },
      { due_on: '2026-11-20', met_on: null, stopped_on: null },
    ]);
    const again = await worker.post(`/children/${childId}/private-fostering/new`, { ...notification, ...dateFields('notifiedOn', '2026-11-02') });
    expect(textOf(again.body)).toContain('An arrangement notified on 1 October 2026 is still open');
    const page = textOf((await worker.get(`/children/${childId}/private-fostering`)).body);
    expect(page).toContain('Kwame says he likes living with Mrs Owusu');
    expect(page).toContain('20 November 2026');
  });

  it('found not to be private fostering: it closes and no visit is owed', async () => {
    const childId = await makeChild(t, { firstName: 'Lena' });
    await worker.api('POST', `/api/v1/children/${childId}/private-fostering`, { ...notification, alreadyInPlace: false, notifiedOn: '2026-11-02' });
    const arrangement = await arrangementOf(childId);
    const before = await worker.api('POST', `/api/v1/children/${childId}/private-fostering/${arrangement.id}/decision`, { decidedOn: '2026-10-30', confirmed: false, reason: 'x' });
    expect(before.statusCode).toBe(422);
    const decided = await worker.api('POST', `/api/v1/children/${childId}/private-fostering/${arrangement.id}/decision`, { decidedOn: '2026-11-05', confirmed: false, reason: 'The carer is the child’s aunt: a close relative, so not private fostering.' });
    expect(decided.statusCode).toBe(201);
    expect(await arrangementOf(childId)).toMatchObject({ confirmed: false, ended_on: '2026-11-05' });
    expect(await clocks(childId)).toEqual([{ due_on: '2026-11-11', met_on: null, stopped_on: '2026-11-05' }]);
  });

  it('after the first year visits are due every 12 weeks (reg 8)', () => {
    const events = [
      { id: 'a', type: 'private-fostering.notified', occurredOn: '2025-01-06', scopeId: 'pf' },
      { id: 'b', type: 'visit.private-fostering', occurredOn: '2025-01-10', scopeId: 'pf' },
      { id: 'c', type: 'visit.private-fostering', occurredOn: '2026-01-12', scopeId: 'pf' },
    ];
    const pf = deriveClocks(events, TIMESCALE_RULES).filter((c) => c.ruleId === 'private-fostering-visit');
    expect(pf.map((c) => [c.startedOn, c.dueOn])).toEqual([
      ['2025-01-06', '2025-01-15'],
      ['2025-01-10', '2025-02-21'],
      ['2026-01-12', '2026-04-06'],
    ]);
  });
});
