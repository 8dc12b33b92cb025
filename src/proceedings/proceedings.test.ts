// Pre-proceedings and care proceedings: each step after the one before, the 26-week clock of the
// Children Act 1989 s.32 (issue day is day 1), and a tracker with what Newham 2020 F9 found missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, makeChild, textOf } from '../plans/test-helpers.ts';

let t: TestApp;
let worker: Agent;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
});

afterAll(async () => {
  await t?.close();
});

const api = (childId: string) => `/api/v1/children/${childId}`;

async function lpm(childId: string, heldOn: string, decision: 'pre_proceedings' | 'issue_proceedings' | 'neither') {
  const response = await worker.api('POST', `${api(childId)}/legal-planning-meetings`, { heldOn, decision, reasons: 'Neglect continuing despite the CP plan; threshold met.' });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function issue(childId: string, issuedOn: string) {
  const response = await worker.api('POST', `${api(childId)}/care-proceedings`, { issuedOn, court: 'Family Court at East London', caseNumber: 'ZE26C00123', applicationType: 'care_order' });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

describe('care proceedings', () => {
  it('the 26-week date is the issue date + 26 weeks − 1 day (s.32: “beginning with” the day of issue)', async () => {
    const childId = await makeChild(t);
    await lpm(childId, '2026-05-28', 'issue_proceedings');
    const proceedingsId = await issue(childId, '2026-06-01');
    const clock = await t.ctx.db.selectFrom('clock').selectAll().where('child_id', '=', childId).where('rule_id', '=', 'proceedings-26-weeks').executeTakeFirstOrThrow();
    // Hand-worked: 26 weeks after Monday 1 June 2026 is Monday 30 November; the issue day is day 1,
    // so the 26th week ends on Sunday 29 November 2026.
    expect(clock).toMatchObject({ scope_id: proceedingsId, started_on: '2026-06-01', due_on: '2026-11-29', met_on: null });
    const page = textOf((await worker.get(`/children/${childId}/proceedings`)).body);
    expect(page).toContain('Week 25 of 26: 26 weeks end on 29 November 2026');
  });

  it('refuses a hearing before issue, and a conclusion before issue, and stores neither', async () => {
    const childId = await makeChild(t);
    await lpm(childId, '2026-08-03', 'issue_proceedings');
    const proceedingsId = await issue(childId, '2026-08-10');
    const hearing = await worker.post(`/children/${childId}/proceedings/care/${proceedingsId}/hearings/new`, {
      ...dateFields('heardOn', '2026-08-07'),
      hearingType: 'cmh',
      outcome: 'Directions given',
    });
    expect(hearing.statusCode).toBe(422);
    expect(textOf(hearing.body)).toContain('A hearing cannot be before the application was issued (10 August 2026)');
    expect(hearing.body).toContain('Directions given');
    const conclusion = await worker.api('POST', `${api(childId)}/care-proceedings/${proceedingsId}/conclusion`, { concludedOn: '2026-08-01', conclusion: 'Withdrawn' });
    expect(conclusion.statusCode).toBe(422);
    expect(conclusion.json().error).toBe('Proceedings cannot conclude before they were issued (10 August 2026)');
    expect(await t.ctx.db.selectFrom('court_hearing').select('id').where('child_id', '=', childId).execute()).toHaveLength(0);
    expect((await t.ctx.db.selectFrom('care_proceedings').select('concluded_on').where('id', '=', proceedingsId).executeTakeFirstOrThrow()).concluded_on).toBeNull();
  });

  it('cannot be issued without a legal planning meeting that decided to issue, nor before it', async () => {
    const childId = await makeChild(t);
    const none = await worker.api('POST', `${api(childId)}/care-proceedings`, { issuedOn: '2026-09-01', court: 'Family Court', caseNumber: 'X1', applicationType: 'care_order' });
    expect(none.statusCode).toBe(422);
    expect(none.json().error).toBe('Record the legal planning meeting that decided to issue care proceedings first');
    await lpm(childId, '2026-09-10', 'issue_proceedings');
    const before = await worker.api('POST', `${api(childId)}/care-proceedings`, { issuedOn: '2026-09-01', court: 'Family Court', caseNumber: 'X1', applicationType: 'care_order' });
    expect(before.statusCode).toBe(422);
    expect(before.json().error).toContain('before the legal planning meeting that decided to issue them (10 September 2026)');
    expect(await t.ctx.db.selectFrom('care_proceedings').select('id').where('child_id', '=', childId).execute()).toHaveLength(0);
  });
});

describe('pre-proceedings to conclusion', () => {
  let childId: string;
  let preId: string;
  let proceedingsId: string;

  it('refuses the letter before proceedings before the legal planning meeting that decided it', async () => {
    childId = await makeChild(t, { firstName: 'Fola' });
    const noMeeting = await worker.post(`/children/${childId}/proceedings/letter-before-proceedings/new`, dateFields('sentOn', '2026-07-01'));
    expect(noMeeting.statusCode).toBe(422);
    expect(textOf(noMeeting.body)).toContain('Record the legal planning meeting that decided to enter pre-proceedings first');
    await lpm(childId, '2026-07-06', 'pre_proceedings');
    const early = await worker.post(`/children/${childId}/proceedings/letter-before-proceedings/new`, dateFields('sentOn', '2026-07-03'));
    expect(early.statusCode).toBe(422);
    expect(textOf(early.body)).toContain('The letter cannot be sent before the legal planning meeting that decided it (6 July 2026)');
    expect(await t.ctx.db.selectFrom('pre_proceedings').select('id').where('child_id', '=', childId).execute()).toHaveLength(0);
  });

  it('starts pre-proceedings with the letter, records meetings, and the child page shows them', async () => {
    const sent = await worker.post(`/children/${childId}/proceedings/letter-before-proceedings/new`, dateFields('sentOn', '2026-07-08'));
    expect(sent.statusCode).toBe(303);
    const pre = await t.ctx.db.selectFrom('pre_proceedings').selectAll().where('child_id', '=', childId).executeTakeFirstOrThrow();
    preId = pre.id;
    const event = await t.ctx.db.selectFrom('child_event').selectAll().where('source_id', '=', preId).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ type: 'pre-proceedings.started', scope_id: preId, occurred_on: '2026-07-08' });
    const meeting = await worker.post(`/children/${childId}/proceedings/pre-proceedings/${preId}/meetings/new`, {
      ...dateFields('heldOn', '2026-07-20'),
      kind: 'meeting',
      outcome: 'Parents agreed to a parenting assessment and hair strand tests.',
      ...dateFields('nextReviewOn', '2026-09-14'),
    });
    expect(meeting.statusCode).toBe(303);
    const early = await worker.api('POST', `${api(childId)}/pre-proceedings/${preId}/meetings`, { heldOn: '2026-07-01', kind: 'review', outcome: 'x' });
    expect(early.statusCode).toBe(422);
    const page = textOf((await worker.get(`/children/${childId}/proceedings`)).body);
    expect(page).toContain('Pre-proceedings from 8 July 2026');
    expect(page).toContain('Next review 14 September 2026');
  });

  it('issuing proceedings ends pre-proceedings; hearings, orders and conclusion follow, and conclusion meets the clock', async () => {
    proceedingsId = await issue(childId, '2026-09-21');
    const pre = await t.ctx.db.selectFrom('pre_proceedings').selectAll().where('id', '=', preId).executeTakeFirstOrThrow();
    expect(pre).toMatchObject({ ended_on: '2026-09-21', outcome: 'issue_proceedings' });
    const hearing = await worker.api('POST', `${api(childId)}/care-proceedings/${proceedingsId}/hearings`, {
      heardOn: '2026-10-05',
      hearingType: 'cmh',
      outcome: 'Interim care order; parenting assessment to be filed by 30 November.',
      nextHearingOn: '2026-12-14',
    });
    expect(hearing.statusCode).toBe(201);
    const order = await worker.api('POST', `${api(childId)}/care-proceedings/${proceedingsId}/orders`, { madeOn: '2026-10-05', orderType: 'interim_care' });
    expect(order.statusCode).toBe(201);
    const events = await t.ctx.db.selectFrom('child_event').select(['type', 'scope_id']).where('child_id', '=', childId).where('category', '=', 'court').orderBy('occurred_on').execute();
    expect(events.map((e) => e.type)).toEqual([
      'legal-planning.held',
      'pre-proceedings.started',
      'pre-proceedings.meeting',
      'pre-proceedings.ended',
      'proceedings.issued',
      'proceedings.hearing',
      'proceedings.order',
    ]);
  });

  it('the tracker lists only children the user may see, with stage, age, next step and the 26-week date', async () => {
    // A child in pre-proceedings allocated to a worker in another team: not visible to this worker.
    const hidden = await makeChild(t, { firstName: 'Hidden', allocatedTo: t.users.otherWorker });
    const other = await t.signIn('otherWorker');
    const hiddenLpm = await other.api('POST', `${api(hidden)}/legal-planning-meetings`, { heldOn: '2026-10-01', decision: 'pre_proceedings', reasons: 'Risk rising' });
    expect(hiddenLpm.statusCode).toBe(201);
    // A child whose meeting decided on pre-proceedings, with no letter yet: drift shows.
    const waiting = await makeChild(t, { firstName: 'Gus' });
    await lpm(waiting, '2026-10-26', 'pre_proceedings');

    const response = await worker.get('/api/v1/proceedings/tracker');
    expect(response.statusCode).toBe(200);
    const rows = (response.json() as { children: { childId: string; stage: string; startedOn: string; ageWeeks: number; nextStep: { what: string; on: string | null }; dueOn: string | null; weeksToDue: number | null; allocatedTo: string[] }[] }).children;
    expect(rows.map((r) => r.childId)).not.toContain(hidden);
    const fola = rows.find((r) => r.childId === childId)!;
    expect(fola).toMatchObject({
      stage: 'proceedings',
      startedOn: '2026-09-21',
      ageWeeks: 8,
      nextStep: { what: 'Next hearing', on: '2026-12-14' },
      dueOn: '2027-03-21',
      weeksToDue: 17,
      allocatedTo: ['worker'],
    });
    const gus = rows.find((r) => r.childId === waiting)!;
    expect(gus).toMatchObject({ stage: 'letter-to-send', ageWeeks: 3, nextStep: { what: 'Send the letter before proceedings', on: null } });

    const page = await worker.get('/proceedings/tracker');
    const text = textOf(page.body);
    expect(text).toContain('Fola Adeyemi');
    expect(text).toContain('Next hearing 14 December 2026');
    expect(text).toContain('21 March 2027 17 weeks left');
    expect(text).not.toContain('Hidden Adeyemi');
    const theirs = textOf((await other.get('/proceedings/tracker')).body);
    expect(theirs).toContain('Hidden Adeyemi');
    expect(theirs).not.toContain('Fola Adeyemi');
    const partner = await t.signIn('partner');
    expect((await partner.get('/proceedings/tracker')).statusCode).toBe(403);

    // By stage, with each stage's count: only Gus waits for a letter to be sent.
    const byStage = textOf((await worker.get('/proceedings/tracker')).body);
    expect(byStage).toMatch(/Decided: letter before proceedings not yet sent \(1\)/);
    const letters = textOf((await worker.get('/proceedings/tracker?stage=letter-to-send')).body);
    expect(letters).toContain('Gus Adeyemi');
    expect(letters).not.toContain('Fola Adeyemi');
    expect(letters).toContain('1 child');
    // A stage or page that is not one is the whole list's first page, not an error.
    expect((await worker.get('/proceedings/tracker?stage=nonsense&page=99')).statusCode).toBe(200);
  });

  it('the tracker is paged 50 at a time, oldest decision first, with the stage counts over every page', async () => {
    const before = (await worker.get('/api/v1/proceedings/tracker?stage=proceedings-to-issue')).json().counts['proceedings-to-issue'] as number;
    const waiting: string[] = [];
    for (let i = 0; i < 55; i++) {
      const id = await makeChild(t, { firstName: `Pat${String(i).padStart(2, '0')}` });
      waiting.push(id);
      // Decided to issue, not yet issued: held on consecutive days from 1 June 2026, the oldest first.
      await t.ctx.db.insertInto('legal_planning_meeting').values({ id: crypto.randomUUID(), child_id: id, held_on: `2026-06-${String(1 + (i % 30)).padStart(2, '0')}`, decision: 'issue_proceedings', reasons: 'Harm continuing', recorded_by: t.users.worker }).execute();
    }
    const first = (await worker.get('/api/v1/proceedings/tracker?stage=proceedings-to-issue')).json();
    const n = before + 55;
    expect(first).toMatchObject({ page: 1, pages: 2, counts: { 'proceedings-to-issue': n } });
    expect(first.children).toHaveLength(50);
    expect(first.children[0]).toMatchObject({ startedOn: '2026-06-01', stage: 'proceedings-to-issue' });
    const second = (await worker.get('/api/v1/proceedings/tracker?stage=proceedings-to-issue&page=2')).json();
    expect(second.children).toHaveLength(n - 50);
    const listed = new Set([...first.children, ...second.children].map((r: { childId: string }) => r.childId));
    expect(waiting.every((id) => listed.has(id))).toBe(true);
    expect(listed.size).toBe(n);
    const page = textOf((await worker.get('/proceedings/tracker?stage=proceedings-to-issue&page=2')).body);
    expect(page).toContain(`Decided: proceedings not yet issued (${n})`);
    expect(page).toContain(`${n} children, 51 to ${n} shown`);
    for (const id of waiting) await t.ctx.db.updateTable('legal_planning_meeting').set({ deleted_at: new Date(), deleted_by: t.users.worker, deleted_reason: 'test' }).where('child_id', '=', id).execute();
  });

  it('concludes the proceedings, which meets the 26-week clock, and the tracker drops the child', async () => {
    const early = await worker.api('POST', `${api(childId)}/care-proceedings/${proceedingsId}/conclusion`, { concludedOn: '2026-10-01', conclusion: 'Care order' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toBe('Proceedings cannot conclude before the hearing on 5 October 2026 that is recorded in them');
    const done = await worker.api('POST', `${api(childId)}/care-proceedings/${proceedingsId}/conclusion`, { concludedOn: '2026-11-16', conclusion: 'Supervision order; child at home with mother.' });
    expect(done.statusCode).toBe(201);
    const clock = await t.ctx.db.selectFrom('clock').selectAll().where('scope_id', '=', proceedingsId).executeTakeFirstOrThrow();
    expect(clock.met_on).toBe('2026-11-16');
    const rows = (await worker.get('/api/v1/proceedings/tracker')).json().children as { childId: string }[];
    expect(rows.map((r) => r.childId)).not.toContain(childId);
  });
});
