// The health of a child in care: the initial assessment within 20 working days, review assessments
// 6-monthly before the 5th birthday and yearly from it, and the SDQ scored only from 4 to 16
// (CPPCR 2010 reg 7; timescales.md LA13, LA14; SSDA903 OC2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDecision } from '../oversight/test-helpers.ts';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, makeChild, openEpisode, textOf } from '../plans/test-helpers.ts';

let t: TestApp;
let worker: Agent;
let childId: string;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
  // Born 1 March 2021: 5 on 1 March 2026.
  childId = await makeChild(t, { dateOfBirth: '2021-03-01', firstName: 'Ivy' });
  await openEpisode(t, childId, '2025-05-01');
  await givenDecision(t.ctx.db, childId, 'entry_to_care', '2025-06-02', t.users.manager);
  const entered = await worker.api('POST', `/api/v1/children/${childId}/care-periods`, { startedOn: '2025-06-02', legalStatus: 'C1', categoryOfNeed: 'N1', decidedBy: 'Head of Service', placementType: 'U6', provider: 'PR1', carerName: 'The Osei family' });
  expect(entered.statusCode).toBe(201);
});

afterAll(async () => {
  await t?.close();
});

const clocks = (rule: string) => t.ctx.db.selectFrom('clock').select(['started_on', 'due_on', 'met_on']).where('child_id', '=', childId).where('rule_id', '=', rule).orderBy('started_on').execute();
const assessment = (on: string) => ({ ...dateFields('assessedOn', on), assessedBy: 'Dr Amara Bello, looked-after children’s health team', summary: 'Growth and development on track; eczema plan agreed with the carers.' });

describe('health assessments (reg 7)', () => {
  it('the initial assessment is due 20 working days after coming into care', async () => {
    // Monday 2 June 2025 + 20 working days = Monday 30 June.
    expect(await clocks('initial-health-assessment')).toEqual([{ started_on: '2025-06-02', due_on: '2025-06-30', met_on: null }]);
  });

  it('refuses an assessment before the child was looked after', async () => {
    const before = await worker.post(`/children/${childId}/health/assessments/new`, assessment('2025-05-20'));
    expect(before.statusCode).toBe(422);
    expect(textOf(before.body)).toContain('The child was not looked after on 20 May 2025');
  });

  it('before the 5th birthday the next is due in 6 months; from it, in 12', async () => {
    expect((await worker.post(`/children/${childId}/health/assessments/new`, assessment('2025-06-25'))).statusCode).toBe(303);
    expect((await worker.post(`/children/${childId}/health/assessments/new`, assessment('2025-12-15'))).statusCode).toBe(303);
    // Aged 4 on 15 December 2025: next by 15 June 2026. Aged 5 on 10 June 2026: next by 10 June 2027.
    expect((await worker.post(`/children/${childId}/health/assessments/new`, assessment('2026-06-10'))).statusCode).toBe(303);
    expect((await clocks('initial-health-assessment'))[0]).toMatchObject({ met_on: '2025-06-25' });
    expect((await clocks('review-health-assessment')).map((c) => [c.started_on, c.due_on, c.met_on])).toEqual([
      ['2025-06-25', '2025-12-25', '2025-12-15'],
      ['2025-12-15', '2026-06-15', '2026-06-10'],
      ['2026-06-10', '2027-06-10', null],
    ]);
    const page = textOf((await worker.get(`/children/${childId}/health`)).body);
    expect(page).toContain('Initial health assessment, 25 June 2025');
    expect(page).toContain('Review health assessment 10 June 2027');
  });
});

describe('dental checks, immunisations and the SDQ (SSDA903 OC2)', () => {
  it('refuses an SDQ score for a child under 4, and one with both a score and a reason', async () => {
    const young = await worker.post(`/children/${childId}/health/checks/new`, { kind: 'sdq', ...dateFields('checkedOn', '2025-01-15'), sdqScore: '12' });
    expect(young.statusCode).toBe(422);
    expect(textOf(young.body)).toContain('the SDQ is scored from 4 to 16');
    const both = await worker.post(`/children/${childId}/health/checks/new`, { kind: 'sdq', ...dateFields('checkedOn', '2026-09-01'), sdqScore: '12', sdqReason: 'SDQ4' });
    expect(both.statusCode).toBe(400);
    expect(textOf(both.body)).toContain('Enter the SDQ score, or choose why there is none (not both)');
    const high = await worker.post(`/children/${childId}/health/checks/new`, { kind: 'sdq', ...dateFields('checkedOn', '2026-09-01'), sdqScore: '41' });
    expect(textOf(high.body)).toContain('The SDQ score must be a whole number from 0 to 40');
  });

  it('records a dental check over a year ago (flagged), immunisations and an SDQ score', async () => {
    expect((await worker.post(`/children/${childId}/health/checks/new`, { kind: 'dental', ...dateFields('checkedOn', '2025-07-01') })).statusCode).toBe(303);
    expect((await worker.post(`/children/${childId}/health/checks/new`, { kind: 'immunisations', ...dateFields('checkedOn', '2026-06-10'), upToDate: 'yes' })).statusCode).toBe(303);
    expect((await worker.post(`/children/${childId}/health/checks/new`, { kind: 'sdq', ...dateFields('checkedOn', '2026-09-01'), sdqScore: '14' })).statusCode).toBe(303);
    const page = textOf((await worker.get(`/children/${childId}/health`)).body);
    expect(page).toContain('1 July 2025 Over a year ago');
    expect(page).toContain('Up to date on 10 June 2026');
    expect(page).toContain('Score 14, 1 September 2026');
  });
});
