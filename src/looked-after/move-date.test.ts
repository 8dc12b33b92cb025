// A move recorded on the wrong day is corrected: the last placement's end moves with it, the visits
// made in the days that change hands belong to the placement the child was then in, and the clocks
// and the SSDA903 episodes follow (CPPCR 2010 reg 28; standards.md §2.1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDecision } from '../oversight/test-helpers.ts';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, makeChild, openEpisode, textOf } from '../plans/test-helpers.ts';

let t: TestApp;
let worker: Agent;
let childId: string;
let first: string;
let second: string;

const placed = { legalStatus: 'C2', categoryOfNeed: 'N1', decidedBy: 'Head of Service', placementType: 'U6', provider: 'PR1', carerName: 'Kim and Lee Hughes' };
const visit = (visitedOn: string) => worker.api('POST', `/api/v1/children/${childId}/visits`, { kind: 'looked_after', childSeen: true, seenAlone: 'yes', observations: 'Saw Ayo in placement.', visitedOn });
const placementOf = (visitedOn: string) => t.ctx.db.selectFrom('visit').select('placement_id').where('child_id', '=', childId).where('visited_on', '=', visitedOn).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
  childId = await makeChild(t);
  await openEpisode(t, childId, '2026-05-01');
  await givenDecision(t.ctx.db, childId, 'entry_to_care', '2026-05-01', t.users.manager);
  expect((await worker.api('POST', `/api/v1/children/${childId}/care-periods`, { ...placed, startedOn: '2026-06-01' })).statusCode).toBe(201);
  expect((await worker.api('POST', `/api/v1/children/${childId}/placements`, { ...placed, movedOn: '2026-07-01', carerName: 'Sam and Jo Patel', changeReason: 'CARPL', sameCarers: false })).statusCode).toBe(201);
  const rows = await t.ctx.db.selectFrom('placement').select(['id', 'started_on']).where('child_id', '=', childId).orderBy('started_on').execute();
  [first, second] = [rows[0]!.id, rows[1]!.id];
  for (const on of ['2026-06-05', '2026-06-25', '2026-07-03']) expect((await visit(on)).statusCode).toBe(201);
});

afterAll(async () => {
  await t?.close();
});

describe('correcting the day of a move', () => {
  it('refuses the first placement, a day before the last placement began, or after this one ended, and changes nothing', async () => {
    const firstMove = await worker.post(`/children/${childId}/care/placements/${first}/moved-on`, { ...dateFields('movedOn', '2026-06-03'), reason: 'Typed wrongly', version: '1' });
    expect(firstMove.statusCode).toBe(422);
    expect(textOf(firstMove.body)).toContain('This is the first placement of the period of care');
    const tooEarly = await worker.post(`/children/${childId}/care/placements/${second}/moved-on`, { ...dateFields('movedOn', '2026-05-30'), reason: 'Typed wrongly', version: '1' });
    expect(textOf(tooEarly.body)).toContain('The child was placed with Kim and Lee Hughes on 1 June 2026: the move must be after that');
    const noReason = await worker.post(`/children/${childId}/care/placements/${second}/moved-on`, { ...dateFields('movedOn', '2026-06-20'), version: '1' });
    expect(noReason.statusCode).toBe(400);
    expect((await t.ctx.db.selectFrom('placement').select('started_on').where('id', '=', second).executeTakeFirstOrThrow()).started_on).toBe('2026-07-01');
  });

  it('moves both placements’ dates, the visits in between, the clocks and the episodes; the old dates are kept with the reason', async () => {
    expect((await placementOf('2026-06-25')).placement_id).toBe(first);
    const corrected = await worker.post(`/children/${childId}/care/placements/${second}/moved-on`, { ...dateFields('movedOn', '2026-06-20'), reason: 'The move was on 20 June; the form was filled in on 1 July', version: '1' });
    expect(corrected.statusCode).toBe(303);
    const rows = await t.ctx.db.selectFrom('placement').select(['id', 'started_on', 'ended_on']).where('child_id', '=', childId).orderBy('started_on').execute();
    expect(rows.map((r) => [r.started_on, r.ended_on])).toEqual([
      ['2026-06-01', '2026-06-20'],
      ['2026-06-20', null],
    ]);
    expect((await placementOf('2026-06-25')).placement_id).toBe(second);
    expect((await placementOf('2026-06-05')).placement_id).toBe(first);
    // The new placement's first visit was due within a week of 20 June, and was made on 25 June.
    const visits = await t.ctx.db.selectFrom('clock').select(['started_on', 'due_on', 'met_on']).where('child_id', '=', childId).where('rule_id', '=', 'looked-after-visit').where('scope_id', '=', second).orderBy('started_on').execute();
    expect(visits[0]).toEqual({ started_on: '2026-06-20', due_on: '2026-06-27', met_on: '2026-06-25' });
    const care = (await worker.get(`/api/v1/children/${childId}/care`)).json();
    expect(care.periods[0].episodes.map((e: Record<string, unknown>) => [e['startedOn'], e['reasonNewEpisode'], e['endedOn']])).toEqual([
      ['2026-06-01', 'S', '2026-06-20'],
      ['2026-06-20', 'P', null],
    ]);
    const versions = await t.ctx.db.selectFrom('record_version').select(['record_id', 'reason']).where('record_id', 'in', [first, second]).where('reason', 'like', 'The move was on 20 June%').execute();
    expect(versions.map((v) => v.record_id).sort()).toEqual([first, second].sort());
    expect(textOf((await worker.get(`/children/${childId}/chronology`)).body)).toMatch(/20 June 2026.*Placed with Sam and Jo Patel|20 June 2026.*Sam and Jo Patel/);
  });
});
