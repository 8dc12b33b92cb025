// The education of children in care and of every child the virtual school follows: the school and
// moves, attendance each term, suspensions (no more than 45 days a school year) and permanent
// exclusions, and personal education plans: the initial PEP within 20 school days of coming into
// care, then one each term (Promoting the education of looked-after children 2018; timescales.md
// LA15; seed ED-01, ED-06, ED-07, ED-09; decision 0013).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDecision } from '../oversight/test-helpers.ts';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, makeChild, openEpisode, textOf } from '../plans/test-helpers.ts';
import { refreshClocks } from '../clocks/refresh.ts';

let t: TestApp;
let worker: Agent;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
});

afterAll(async () => {
  await t?.close();
});

const clocks = (childId: string, rule: string) => t.ctx.db.selectFrom('clock').select(['started_on', 'due_on', 'met_on', 'stopped_on']).where('child_id', '=', childId).where('rule_id', '=', rule).orderBy('started_on').execute();
const intoCare = async (childId: string, on: string) => {
  await openEpisode(t, childId, '2026-05-01');
  await givenDecision(t.ctx.db, childId, 'entry_to_care', on, t.users.manager);
  const entered = await worker.api('POST', `/api/v1/children/${childId}/care-periods`, { startedOn: on, legalStatus: 'C2', categoryOfNeed: 'N1', decidedBy: 'Head of Service', placementType: 'U4', provider: 'PR1', carerName: 'The Osei family' });
  expect(entered.statusCode).toBe(201);
};
const pep = (on: string, more: Record<string, string> = {}) => ({ ...dateFields('heldOn', on), attendedBy: 'Ms Khan (designated teacher), social worker, carer', summary: 'Reading age 9; aiming for the grammar school test; tutoring agreed.', ...more });

describe('personal education plans (Promoting the education of looked-after children 2018)', () => {
  let childId: string;

  beforeAll(async () => {
    // Born 10 April 2015: year 6 in 2025/26, year 7 in 2026/27.
    childId = await makeChild(t, { firstName: 'Kayden', dateOfBirth: '2015-04-10' });
    await intoCare(childId, '2026-06-01');
  });

  it('the initial PEP is due 20 school days after coming into care (timescales.md LA15)', async () => {
    // Monday 1 June 2026, in the summer term (half-term 25-29 May is behind it): 2-5 June, 8-12,
    // 15-19, 22-26 and Monday 29 June is the 20th school day.
    expect(await clocks(childId, 'initial-pep')).toEqual([{ started_on: '2026-06-01', due_on: '2026-06-29', met_on: null, stopped_on: null }]);
  });

  it('refuses a PEP before the child was looked after', async () => {
    const before = await worker.post(`/children/${childId}/education/peps/new`, pep('2026-05-20'));
    expect(before.statusCode).toBe(422);
    expect(textOf(before.body)).toContain('The child was not looked after on 20 May 2026');
  });

  it('asks for the whole target or none of it (seed ED-01: SMART targets)', async () => {
    const half = await worker.post(`/children/${childId}/education/peps/new`, pep('2026-06-24', { targetWhat: 'Read 20 minutes every night' }));
    expect(half.statusCode).toBe(400);
    expect(textOf(half.body)).toContain('Enter who will help with the target');
  });

  it('the initial PEP with a target; then a review each term, due by the end of the next term', async () => {
    expect((await worker.post(`/children/${childId}/education/peps/new`, pep('2026-06-24', { targetWhat: 'Read 20 minutes every night', targetWho: 'Carer and Ms Khan', ...dateFields('targetBy', '2026-10-23') }))).statusCode).toBe(303);
    expect((await clocks(childId, 'initial-pep'))[0]).toMatchObject({ met_on: '2026-06-24' });
    // 24 June is in the summer term 2025/26: the next PEP is due by the end of the autumn term 2026 (Friday 18 December).
    expect(await clocks(childId, 'pep-review')).toEqual([{ started_on: '2026-06-24', due_on: '2026-12-18', met_on: null, stopped_on: null }]);
    expect((await worker.post(`/children/${childId}/education/peps/new`, pep('2026-11-10'))).statusCode).toBe(303);
    expect((await clocks(childId, 'pep-review')).map((c) => [c.started_on, c.due_on, c.met_on])).toEqual([
      ['2026-06-24', '2026-12-18', '2026-11-10'],
      ['2026-11-10', '2027-03-26', null],
    ]);
    const page = textOf((await worker.get(`/children/${childId}/education`)).body);
    expect(page).toContain('Initial PEP, 24 June 2026');
    expect(page).toContain('PEP review, 10 November 2026');
    expect(page).toContain('Read 20 minutes every night (Carer and Ms Khan, by 23 October 2026): Not reviewed');
    expect(page).toContain('Review the personal education plan (PEP) 26 March 2027');
  });

  it('records whether a target was met', async () => {
    const target = await t.ctx.db.selectFrom('pep_target').select(['id', 'pep_id']).where('child_id', '=', childId).executeTakeFirstOrThrow();
    expect((await worker.post(`/children/${childId}/education/peps/${target.pep_id}/targets/${target.id}/outcome`, { met: 'yes', ...dateFields('reviewedOn', '2026-11-10') })).statusCode).toBe(303);
    expect(textOf((await worker.get(`/children/${childId}/education`)).body)).toContain('by 23 October 2026): Met');
    const added = await worker.api('POST', `/api/v1/children/${childId}/peps/${target.pep_id}/targets`, { what: 'Join the after-school coding club', who: 'Virtual school', byWhen: '2026-06-01' });
    expect(added.statusCode).toBe(422);
    expect(added.json().error).toContain('The target is set at the PEP of 24 June 2026: it is due after that');
  });

  it('a correction moves the due date; a deletion takes the PEP out of the clocks', async () => {
    const review = await t.ctx.db.selectFrom('pep').select(['id', 'version']).where('child_id', '=', childId).where('kind', '=', 'review').executeTakeFirstOrThrow();
    // Held on 10 July, in the summer term, not in November: the next is due by the end of the autumn term.
    const corrected = await worker.api('PUT', `/api/v1/children/${childId}/peps/${review.id}`, { heldOn: '2026-07-10', attendedBy: 'Designated teacher', summary: 'Transition to year 7 planned.', reason: 'The review was in July; November was the date it was typed', version: review.version });
    expect(corrected.statusCode).toBe(200);
    expect((await clocks(childId, 'pep-review')).map((c) => [c.started_on, c.due_on, c.met_on])).toEqual([
      ['2026-06-24', '2026-12-18', '2026-07-10'],
      ['2026-07-10', '2026-12-18', null],
    ]);
    const deleted = await worker.post(`/children/${childId}/education/peps/${review.id}/delete`, { reason: 'Recorded on the wrong child' });
    expect(deleted.statusCode).toBe(303);
    expect((await clocks(childId, 'pep-review')).map((c) => [c.started_on, c.due_on, c.met_on])).toEqual([['2026-06-24', '2026-12-18', null]]);
  });
});

describe('school days and terms follow the calendar (decision 0013)', () => {
  it('a child who comes into care in the summer holidays: the school days start in September', async () => {
    const childId = await makeChild(t, { firstName: 'Zara', dateOfBirth: '2012-11-02' });
    await intoCare(childId, '2026-07-27');
    // Tuesday 1 September 2026 is the first school day: 1-4, 7-11, 14-18, 21-25, Monday 28 September.
    expect((await clocks(childId, 'initial-pep'))[0]).toMatchObject({ started_on: '2026-07-27', due_on: '2026-09-28' });
    // The council's own autumn term starts on Thursday 3 September: the 20th school day is Wednesday 30 September.
    await t.ctx.db.insertInto('school_term').values({ school_year: 2026, term: 'autumn', starts_on: '2026-09-03', ends_on: '2026-12-18', half_term_starts_on: '2026-10-26', half_term_ends_on: '2026-10-30', updated_by: t.users.admin }).execute();
    await refreshClocks(t.ctx.db, childId);
    expect((await clocks(childId, 'initial-pep'))[0]).toMatchObject({ due_on: '2026-09-30' });
    await t.ctx.db.deleteFrom('school_term').execute();
    await refreshClocks(t.ctx.db, childId);
  });

  it('a child in care before school age: the PEP is owed from the start of the reception year', async () => {
    // Born 3 March 2022: reception from 1 September 2026 (a Tuesday); 20 school days later is Tuesday 29 September.
    const childId = await makeChild(t, { firstName: 'Ivy', dateOfBirth: '2022-03-03' });
    await intoCare(childId, '2026-06-01');
    expect(await clocks(childId, 'initial-pep')).toEqual([{ started_on: '2026-09-01', due_on: '2026-09-29', met_on: null, stopped_on: null }]);
  });
});

describe('the council’s term dates (decision 0013)', () => {
  it('an administrator sets a term’s dates; running PEP clocks follow; the usual dates come back', async () => {
    const childId = await makeChild(t, { firstName: 'Theo', dateOfBirth: '2013-05-05' });
    await intoCare(childId, '2026-08-10');
    expect((await clocks(childId, 'initial-pep'))[0]).toMatchObject({ due_on: '2026-09-28' });
    expect((await worker.get('/admin/settings/school-terms')).statusCode).toBe(403);
    const admin = await t.signIn('admin');
    const term = (more: Record<string, string>) => ({ schoolYear: '2026', term: 'autumn', ...dateFields('startsOn', '2026-09-03'), ...dateFields('halfTermStartsOn', '2026-10-26'), ...dateFields('halfTermEndsOn', '2026-10-30'), ...dateFields('endsOn', '2026-12-18'), ...more });
    const outside = await admin.post('/admin/settings/school-terms', term({ ...dateFields('halfTermStartsOn', '2026-12-21'), ...dateFields('halfTermEndsOn', '2026-12-23') }));
    expect(outside.statusCode).toBe(422);
    expect(textOf(outside.body)).toContain('The half-term must fall inside the term');
    const saved = await admin.post('/admin/settings/school-terms', term({}));
    expect(saved.statusCode).toBe(303);
    // From Thursday 3 September: 3-4, 7-11, 14-18, 21-25, 28-30 September: the 20th school day is Wednesday 30 September.
    expect((await clocks(childId, 'initial-pep'))[0]).toMatchObject({ due_on: '2026-09-30' });
    const page = textOf((await admin.get(saved.headers.location as string)).body);
    expect(page).toContain('Autumn 3 September 2026 26 October 2026 to 30 October 2026 18 December 2026 The council’s');
    expect((await admin.post('/admin/settings/school-terms/usual', { schoolYear: '2026', term: 'autumn' })).statusCode).toBe(303);
    expect((await clocks(childId, 'initial-pep'))[0]).toMatchObject({ due_on: '2026-09-28' });
    const audited = await t.ctx.db.selectFrom('audit_log').select('object_id').where('object_type', '=', 'school_term').execute();
    expect(audited.map((a) => a.object_id)).toEqual(['2026-autumn', '2026-autumn']);
  });
});

describe('the school, attendance and exclusions, for any child', () => {
  let childId: string;

  beforeAll(async () => {
    childId = await makeChild(t, { firstName: 'Noah', dateOfBirth: '2011-01-15' });
  });

  it('a move between schools needs a reason, and ends the last school that day (seed ED-09)', async () => {
    expect((await worker.post(`/children/${childId}/education/schools/new`, { schoolName: 'Kestrel Primary', urn: '100123', ...dateFields('startedOn', '2019-09-04') })).statusCode).toBe(303);
    const badUrn = await worker.post(`/children/${childId}/education/schools/new`, { schoolName: 'Heron Academy', urn: '12AB', ...dateFields('startedOn', '2022-09-05') });
    expect(textOf(badUrn.body)).toContain('The URN is the school’s 6-digit unique reference number');
    const noReason = await worker.post(`/children/${childId}/education/schools/new`, { schoolName: 'Heron Academy', ...dateFields('startedOn', '2025-09-03') });
    expect(noReason.statusCode).toBe(422);
    expect(textOf(noReason.body)).toContain('Choose why the child moved from Kestrel Primary');
    expect((await worker.post(`/children/${childId}/education/schools/new`, { schoolName: 'Heron Academy', ...dateFields('startedOn', '2025-09-03'), moveReason: 'transition' })).statusCode).toBe(303);
    expect((await worker.post(`/children/${childId}/education/schools/new`, { schoolName: 'Marsh Lane School', ...dateFields('startedOn', '2026-04-20'), moveReason: 'placement_move' })).statusCode).toBe(303);
    const page = textOf((await worker.get(`/children/${childId}/education`)).body);
    expect(page).toContain('School Marsh Lane School, since 20 April 2026');
    expect(page).toContain('School moves in the last 2 years 2 2 or more moves');
    expect(page).toContain('Heron Academy 3 September 2025 20 April 2026 Usual move to the next phase');
  });

  it('attendance as a percentage of sessions; below 90% is persistent absence', async () => {
    expect((await worker.post(`/children/${childId}/education/attendance/new`, { schoolYear: '2025', term: 'summer', sessionsPossible: '122', sessionsAttended: '118' })).statusCode).toBe(303);
    const twice = await worker.post(`/children/${childId}/education/attendance/new`, { schoolYear: '2025', term: 'summer', sessionsPossible: '122', sessionsAttended: '100' });
    expect(twice.statusCode).toBe(422);
    expect(textOf(twice.body)).toContain('Attendance for the summer term 2025/26 is already recorded');
    const future = await worker.post(`/children/${childId}/education/attendance/new`, { schoolYear: '2026', term: 'spring', sessionsPossible: '110', sessionsAttended: '100' });
    expect(textOf(future.body)).toContain('The spring term 2026/27 has not started yet');
    const more = await worker.post(`/children/${childId}/education/attendance/new`, { schoolYear: '2026', term: 'autumn', sessionsPossible: '80', sessionsAttended: '81' });
    expect(textOf(more.body)).toContain('Sessions attended cannot be more than the sessions possible');
    // 130 of 148 = 87.8%.
    expect((await worker.post(`/children/${childId}/education/attendance/new`, { schoolYear: '2026', term: 'autumn', sessionsPossible: '148', sessionsAttended: '130' })).statusCode).toBe(303);
    const page = textOf((await worker.get(`/children/${childId}/education`)).body);
    expect(page).toContain('Latest attendance 87.8% (Autumn 2026/27) Persistently absent');
    expect(page).toContain('Summer 2025/26 122 118 96.7%');
  });

  it('suspensions add up to no more than 45 school days in a school year (Education Act 2002 s.51A)', async () => {
    expect((await worker.post(`/children/${childId}/education/exclusions/new`, { kind: 'suspension', ...dateFields('startsOn', '2026-09-14'), days: '2.5' })).statusCode).toBe(303);
    expect((await worker.post(`/children/${childId}/education/exclusions/new`, { kind: 'suspension', ...dateFields('startsOn', '2026-10-05'), days: '40' })).statusCode).toBe(303);
    const over = await worker.post(`/children/${childId}/education/exclusions/new`, { kind: 'suspension', ...dateFields('startsOn', '2026-11-02'), days: '3' });
    expect(over.statusCode).toBe(422);
    expect(textOf(over.body)).toContain('That makes 45.5 days of suspension in 2026/27: a pupil may be suspended for no more than 45 school days');
    const permanentDays = await worker.post(`/children/${childId}/education/exclusions/new`, { kind: 'permanent', ...dateFields('startsOn', '2026-11-02'), days: '3' });
    expect(textOf(permanentDays.body)).toContain('A permanent exclusion has no number of days');
    expect((await worker.post(`/children/${childId}/education/exclusions/new`, { kind: 'permanent', ...dateFields('startsOn', '2026-11-02'), reason: 'Serious assault on a member of staff' })).statusCode).toBe(303);
    const page = textOf((await worker.get(`/children/${childId}/education`)).body);
    expect(page).toContain('Exclusions in 2026/27 Permanently excluded 2 suspensions, 42.5 school days');
    expect(page).toContain('2 November 2026: permanently excluded from Marsh Lane School. Serious assault on a member of staff');
    expect(textOf((await worker.get(`/children/${childId}/chronology`)).body)).toContain('Suspended from Marsh Lane School for 2.5 school days');
  });

  it('no PEP button for a child who was never in care; the record page shows the school', async () => {
    const page = textOf((await worker.get(`/children/${childId}/education`)).body);
    expect(page).not.toContain('Record a PEP meeting');
    expect(textOf((await worker.get(`/children/${childId}`)).body)).toContain('At Marsh Lane School');
  });
});

describe('the virtual school’s cohort (2026 Act s.6)', () => {
  const names: Record<string, string> = {};
  beforeAll(async () => {
    // A second council's worth of children is not needed: a handful, one of each kind.
    const inCare = await makeChild(t, { firstName: 'Cohort-care', dateOfBirth: '2013-02-01' });
    await intoCare(inCare, '2026-09-01');
    const withWorker = await makeChild(t, { firstName: 'Cohort-worker', dateOfBirth: '2014-02-01' });
    await openEpisode(t, withWorker, '2026-02-02');
    const closedRecently = await makeChild(t, { firstName: 'Cohort-closed-5y', dateOfBirth: '2012-02-01' });
    await t.ctx.db.insertInto('cin_episode').values({ id: crypto.randomUUID(), child_id: closedRecently, referral_date: '2021-01-04', referral_source: '2A', referral_nfa: false, closed_on: '2021-06-30', closure_reason: 'RC7', recorded_by: t.users.worker }).execute();
    const closedLongAgo = await makeChild(t, { firstName: 'Cohort-closed-7y', dateOfBirth: '2012-02-01' });
    await t.ctx.db.insertInto('cin_episode').values({ id: crypto.randomUUID(), child_id: closedLongAgo, referral_date: '2019-01-04', referral_source: '2A', referral_nfa: false, closed_on: '2019-06-30', closure_reason: 'RC7', recorded_by: t.users.worker }).execute();
    const kinship = await makeChild(t, { firstName: 'Cohort-kinship', dateOfBirth: '2016-02-01' });
    expect((await worker.api('POST', `/api/v1/children/${kinship}/kinship`, { kind: 'cao', startedOn: '2025-01-10', carerName: 'Ann Reid', carerRelationship: 'Grandmother' })).statusCode).toBe(201);
    const baby = await makeChild(t, { firstName: 'Cohort-baby', dateOfBirth: '2024-02-01' });
    await intoCare(baby, '2026-09-01');
    Object.assign(names, { inCare, withWorker, closedRecently, closedLongAgo, kinship, baby });
  });

  it('counts each group and opens the children behind each number; under school age and closed over 6 years ago are not in it', async () => {
    const analyst = await t.signIn('analyst');
    const response = await analyst.get('/api/v1/virtual-school');
    expect(response.statusCode).toBe(200);
    const all = response.json();
    const firstNames = (list: { name: string }[]) => list.map((c) => c.name.split(' ')[0]).filter((n) => n!.startsWith('Cohort'));
    expect(firstNames(all.children).sort()).toEqual(['Cohort-care', 'Cohort-closed-5y', 'Cohort-kinship', 'Cohort-worker']);
    const inCare = (await analyst.get('/api/v1/virtual-school?group=in-care')).json();
    expect(firstNames(inCare.children)).toContain('Cohort-care');
    expect(firstNames(inCare.children)).not.toContain('Cohort-worker');
    const care = inCare.children.find((c: { name: string }) => c.name.startsWith('Cohort-care'));
    // In care from Tuesday 1 September 2026: the initial PEP is due on Tuesday 29 September, and is overdue on 20 November.
    expect(care).toMatchObject({ groups: ['in-care'], yearGroup: 'Year 9', lastPep: null, pepDue: '2026-09-29', pepOverdue: true });
    const worked = (await analyst.get('/api/v1/virtual-school?group=social-worker')).json();
    expect(firstNames(worked.children).sort()).toEqual(['Cohort-closed-5y', 'Cohort-worker']);
    const kin = (await analyst.get('/api/v1/virtual-school?group=kinship')).json();
    expect(firstNames(kin.children)).toEqual(['Cohort-kinship']);
    expect(all.counts.byGroup['kinship']).toBe(kin.total);
    const page = textOf((await analyst.get('/virtual-school?group=kinship')).body);
    expect(page).toContain(`Children in kinship care ${kin.total} child${kin.total === 1 ? '' : 'ren'}`);
    expect(page).toContain('Cohort-kinship Adeyemi');
    // A page past the end still says how many there are.
    const past = (await analyst.get('/api/v1/virtual-school?group=kinship&page=99')).json();
    expect(past).toMatchObject({ total: kin.total, children: [], counts: all.counts });
  });

  it('shows a team manager the children their team holds, not another team’s, and an analyst both', async () => {
    const elsewhere = await makeChild(t, { firstName: 'Cohort-elsewhere', dateOfBirth: '2013-03-01' });
    await intoCare(elsewhere, '2026-09-01');
    // Then held by a worker in another team.
    await t.ctx.db.updateTable('allocation').set({ worker_id: t.users.otherWorker }).where('child_id', '=', elsewhere).execute();
    const cohortNames = async (agent: Agent) =>
      ((await agent.get('/api/v1/virtual-school?group=in-care')).json().children as { name: string }[]).map((c) => c.name.split(' ')[0]);
    const manager = await t.signIn('manager');
    const theirs = await cohortNames(manager);
    expect(theirs).toContain('Cohort-care');
    expect(theirs).not.toContain('Cohort-elsewhere');
    expect(await cohortNames(await t.signIn('analyst'))).toEqual(expect.arrayContaining(['Cohort-care', 'Cohort-elsewhere']));
  });

  it('counts and lists a restricted record only for a user it was granted to, whoever else sees every child (decision 0049)', async () => {
    const sealed = await makeChild(t, { firstName: 'Cohort-sealed', dateOfBirth: '2013-04-01' });
    await intoCare(sealed, '2026-09-01');
    const analyst = await t.signIn('analyst');
    const before = (await analyst.get('/api/v1/virtual-school?group=in-care')).json();
    expect(before.children.map((c: { name: string }) => c.name.split(' ')[0])).toContain('Cohort-sealed');
    await t.ctx.db.updateTable('person').set({ restricted: true }).where('id', '=', sealed).execute();
    const hidden = (await analyst.get('/api/v1/virtual-school?group=in-care')).json();
    expect(hidden.children.map((c: { name: string }) => c.name.split(' ')[0])).not.toContain('Cohort-sealed');
    expect(hidden.total).toBe(before.total - 1);
    expect(hidden.counts.all).toBe(before.counts.all - 1);
    await t.ctx.db.insertInto('access_grant').values({ id: crypto.randomUUID(), child_id: sealed, user_id: t.users.analyst, reason: 'Virtual school audit', granted_by: t.users.admin }).execute();
    const granted = (await analyst.get('/api/v1/virtual-school?group=in-care')).json();
    expect(granted.children.map((c: { name: string }) => c.name.split(' ')[0])).toContain('Cohort-sealed');
    expect(granted.counts).toEqual(before.counts);
  });

  it('is for managers, analysts and leaders: a social worker is refused (there is no virtual school role)', async () => {
    expect((await worker.get('/virtual-school')).statusCode).toBe(403);
    const manager = await t.signIn('manager');
    expect((await manager.get('/virtual-school')).statusCode).toBe(200);
  });
});
