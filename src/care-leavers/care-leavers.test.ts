// A young person leaves care: their status is worked out from their time in care, the pathway plan
// falls due 3 months after they become eligible, bed and breakfast is never recorded without a plan to
// move, and the OC3 record at each birthday is checked (CPPCR 2010 regs 40-43; Care Leavers (England)
// Regulations 2010; Wandsworth 2017 rec 6; seed requirements §1.11).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDecision } from '../oversight/test-helpers.ts';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, makeChild, openEpisode, textOf } from '../plans/test-helpers.ts';

let t: TestApp;
let worker: Agent;
let childId: string;

const care = {
  startedOn: '2024-06-01',
  legalStatus: 'V2',
  categoryOfNeed: 'N1',
  decidedBy: 'Head of Service',
  placementType: 'U6',
  provider: 'PR1',
  carerName: 'The Lowe family',
};

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
  // Born 10 March 2009: 16 on 10 March 2025, 17 on 10 March 2026, 18 on 10 March 2027.
  childId = await makeChild(t, { dateOfBirth: '2009-03-10', firstName: 'Tyler' });
  await openEpisode(t, childId, '2024-05-01');
  await givenDecision(t.ctx.db, childId, 'entry_to_care', care.startedOn, t.users.manager);
  expect((await worker.api('POST', `/api/v1/children/${childId}/care-periods`, care)).statusCode).toBe(201);
});

afterAll(async () => {
  await t?.close();
});

const clocksOf = (ruleId: string) => t.ctx.db.selectFrom('clock').select(['started_on', 'due_on', 'met_on']).where('child_id', '=', childId).where('rule_id', '=', ruleId).orderBy('started_on').execute();
const leavingCare = async () => (await worker.get(`/api/v1/children/${childId}/leaving-care`)).json();

describe('status and the pathway plan', () => {
  it('is eligible from the 16th birthday after 13 weeks in care since 14, and the pathway plan is due 3 months later (regs 40, 42)', async () => {
    const page = await leavingCare();
    expect(page.status).toBe('eligible');
    expect(page.eligibleFrom).toBe('2025-03-10');
    expect(await clocksOf('pathway-plan')).toEqual([{ started_on: '2025-03-10', due_on: '2025-06-10', met_on: null }]);
    expect(textOf((await worker.get(`/children/${childId}/leaving-care`)).body)).toContain('Assess needs and prepare the pathway plan 10 June 2025 Overdue');
  });

  it('refuses a pathway plan dated before the young person was a care leaver', async () => {
    const early = await worker.post(`/children/${childId}/leaving-care/pathway-plan`, dateFields('startedOn', '2025-01-15'));
    expect(early.statusCode).toBe(422);
    expect(textOf(early.body)).toContain('not a care leaver');
  });

  it('a pathway plan started meets the clock and starts the 6-monthly review', async () => {
    expect((await worker.post(`/children/${childId}/leaving-care/pathway-plan`, dateFields('startedOn', '2025-05-20'))).statusCode).toBe(303);
    expect((await clocksOf('pathway-plan'))[0]).toMatchObject({ met_on: '2025-05-20' });
    expect((await clocksOf('pathway-plan-review'))[0]).toMatchObject({ started_on: '2025-05-20', due_on: '2025-11-20' });
  });

  it('a pathway plan review needs the contingencies (Southend 2016 ¶99)', async () => {
    const without = await worker.post(`/children/${childId}/leaving-care/reviews/new`, { ...dateFields('reviewedOn', '2025-11-10'), youngPersonTookPart: 'yes', summary: 'College going well.' });
    expect(without.statusCode).toBe(400);
    expect(textOf(without.body)).toContain('Enter what happens if the plan does not work out');
    const ok = await worker.post(`/children/${childId}/leaving-care/reviews/new`, { ...dateFields('reviewedOn', '2025-11-10'), youngPersonTookPart: 'yes', summary: 'College going well.', contingencies: 'If the college place ends, a referral to the youth employment service.' });
    expect(ok.statusCode).toBe(303);
    expect((await clocksOf('pathway-plan-review')).map((c) => [c.due_on, c.met_on])).toEqual([
      ['2025-11-20', '2025-11-10'],
      ['2026-05-10', null],
    ]);
  });

  it('is relevant after leaving care at 17', async () => {
    expect((await worker.api('POST', `/api/v1/children/${childId}/care-periods/current/end`, { endedOn: '2026-06-01', reasonCeased: 'E8' })).statusCode).toBe(201);
    const page = await leavingCare();
    expect(page.status).toBe('relevant');
    expect(page.notInTouch).toBe(true);
  });
});

describe('accommodation (Wandsworth 2017 rec 6: bed and breakfast)', () => {
  it('refuses bed and breakfast without a plan to move and a date, and stores nothing', async () => {
    const noPlan = await worker.post(`/children/${childId}/leaving-care/accommodation/new`, { ...dateFields('fromOn', '2026-06-01'), kind: 'W', suitable: 'no' });
    expect(noPlan.statusCode).toBe(422);
    expect(textOf(noPlan.body)).toContain('Bed and breakfast needs a plan to move the young person out');
    const noDate = await worker.post(`/children/${childId}/leaving-care/accommodation/new`, { ...dateFields('fromOn', '2026-06-01'), kind: 'W', suitable: 'no', planToMove: 'Supported lodgings being found' });
    expect(textOf(noDate.body)).toContain('Bed and breakfast needs a date to move the young person by');
    const homeless = await worker.post(`/children/${childId}/leaving-care/accommodation/new`, { ...dateFields('fromOn', '2026-06-01'), kind: 'S', suitable: 'yes', planToMove: 'x' });
    expect(textOf(homeless.body)).toContain('is never suitable accommodation');
    expect(await t.ctx.db.selectFrom('care_leaver_accommodation').select('id').where('child_id', '=', childId).execute()).toHaveLength(0);
  });

  it('records bed and breakfast with the plan, flags it on the record, then a move ends it', async () => {
    const bnb = await worker.post(`/children/${childId}/leaving-care/accommodation/new`, {
      ...dateFields('fromOn', '2026-06-01'),
      ...dateFields('moveBy', '2026-06-15'),
      kind: 'W',
      suitable: 'no',
      planToMove: 'Supported lodgings with Mrs Kaur from 15 June; daily check-in calls meanwhile',
    });
    expect(bnb.statusCode).toBe(303);
    expect(textOf((await worker.get(`/children/${childId}`)).body)).toContain('In bed and breakfast since 1 June 2026');
    const page = await leavingCare();
    expect(page.accommodation[0]).toMatchObject({ kind: 'W', bedAndBreakfast: true, moveOverdue: true });
    expect((await worker.post(`/children/${childId}/leaving-care/accommodation/new`, { ...dateFields('fromOn', '2026-06-12'), kind: 'E', suitable: 'yes' })).statusCode).toBe(303);
    const after = await leavingCare();
    expect(after.currentAccommodation).toMatchObject({ kind: 'E', oc3: 'E1' });
    expect(after.accommodation[1]).toMatchObject({ kind: 'W', to_on: '2026-06-12', moveOverdue: false });
  });
});

describe('the personal adviser’s visits (Care Leavers (England) Regulations 2010; timescales.md CL5)', () => {
  it('are due within 7 days of each move into new accommodation and then at least every 2 months; only seeing the young person counts', async () => {
    const contact = (on: string, method: string, reached = 'yes') => worker.post(`/children/${childId}/leaving-care/contacts/new`, { ...dateFields('contactOn', on), method, reached, note: 'Talked about college and money.' });
    // Moved into bed and breakfast on 1 June, then a flat on 12 June (above): a visit due by 8 June.
    expect((await contact('2026-06-05', 'face_to_face')).statusCode).toBe(303);
    // The move on 12 June brings the next visit forward from 5 August to 19 June.
    expect((await contact('2026-06-15', 'phone')).statusCode).toBe(303);
    expect((await contact('2026-06-18', 'face_to_face')).statusCode).toBe(303);
    expect((await clocksOf('personal-adviser-visit')).map((c) => [c.started_on, c.due_on, c.met_on])).toEqual([
      ['2026-06-01', '2026-06-08', '2026-06-05'],
      ['2026-06-05', '2026-06-19', '2026-06-18'],
      ['2026-06-18', '2026-08-18', null],
    ]);
  });
});

describe('the birthday record (SSDA903 OC3)', () => {
  const at17 = { ...dateFields('recordedOn', '2026-03-20'), inTouch: 'YES', activity: 'F2', accommodation: 'D1' };

  it('is recorded around the birthday, once; not before the birthday, not outside the window', async () => {
    const tooLate = await worker.post(`/children/${childId}/leaving-care/birthday`, { age: '17', ...at17, ...dateFields('recordedOn', '2026-05-01') });
    expect(tooLate.statusCode).toBe(422);
    expect(textOf(tooLate.body)).toContain('Record what was true around the 17th birthday (10 March 2026)');
    const notYet = await worker.post(`/children/${childId}/leaving-care/birthday`, { age: '18', ...at17, ...dateFields('recordedOn', '2026-11-20') });
    expect(textOf(notYet.body)).toContain('The young person is not 18 until 10 March 2027');
    const notInTouch = await worker.post(`/children/${childId}/leaving-care/birthday`, { age: '17', ...at17, inTouch: 'NO' });
    expect(textOf(notInTouch.body)).toContain('choose “Not known”');
    expect((await worker.post(`/children/${childId}/leaving-care/birthday`, { age: '17', ...at17 })).statusCode).toBe(303);
    const twice = await worker.post(`/children/${childId}/leaving-care/birthday`, { age: '17', ...at17 });
    expect(textOf(twice.body)).toContain('The 17th birthday is already recorded: correct it instead');
    const page = await leavingCare();
    expect(page.birthdays[0]).toMatchObject({ age: 17, record: { in_touch: 'YES', activity: 'F2', accommodation: 'D1' } });
  });
});

describe('support owed', () => {
  it('staying close is for former relevant young people only (Children’s Wellbeing and Schools Act 2026 s.7); entitlements are recorded with the date', async () => {
    const early = await worker.post(`/children/${childId}/leaving-care/support/new`, { kind: 'staying_close_assessed', ...dateFields('onDate', '2026-11-02'), outcome: 'needed' });
    expect(early.statusCode).toBe(422);
    expect(textOf(early.body)).toContain('relevant');
    expect((await worker.post(`/children/${childId}/leaving-care/support/new`, { kind: 'entitlements_explained', ...dateFields('onDate', '2026-11-02') })).statusCode).toBe(303);
    const chronology = textOf((await worker.get(`/children/${childId}/chronology`)).body);
    expect(chronology).toContain('Entitlements explained');
    expect(chronology).toContain('Moved into bed and breakfast');
  });

  it('a child who was never in care is not a care leaver: nothing is recorded', async () => {
    const other = await makeChild(t, { dateOfBirth: '2008-01-01' });
    const refused = await worker.api('POST', `/api/v1/children/${other}/care-leaver-contacts`, { contactOn: '2026-11-02', method: 'phone', reached: true, note: 'Called.' });
    expect(refused.statusCode).toBe(422);
    expect(await t.ctx.db.selectFrom('care_leaver_contact').select('id').where('child_id', '=', other).execute()).toHaveLength(0);
  });
});
