// Correcting and deleting what was recorded about care proceedings: the old version is kept with the
// reason, the chronology follows, and a corrected issue date moves the 26-week clock of the Children
// Act 1989 s.32(1)(a) (issue date + 26 weeks − 1 day). Dates are checked against the child, and each
// page offers the next step of the Public Law Outline.
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
const page = (childId: string) => `/children/${childId}/proceedings`;

async function lpm(childId: string, heldOn: string, decision: 'pre_proceedings' | 'issue_proceedings') {
  const response = await worker.api('POST', `${api(childId)}/legal-planning-meetings`, { heldOn, decision, reasons: 'Threshold met.' });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function issue(childId: string, issuedOn: string) {
  const response = await worker.api('POST', `${api(childId)}/care-proceedings`, { issuedOn, court: 'Family Court at East London', caseNumber: 'ZE26C00123', applicationType: 'care_order' });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

const clockOf = (proceedingsId: string) => t.ctx.db.selectFrom('clock').selectAll().where('scope_id', '=', proceedingsId).where('rule_id', '=', 'proceedings-26-weeks').executeTakeFirstOrThrow();
const issueForm = (issuedOn: string, extra: Record<string, string> = {}) => ({
  ...dateFields('issuedOn', issuedOn),
  court: 'Family Court at East London',
  caseNumber: 'ZE26C00123',
  applicationType: 'care_order',
  ...extra,
});

describe('correcting the issue of care proceedings', () => {
  let childId: string;
  let proceedingsId: string;

  beforeAll(async () => {
    childId = await makeChild(t, { firstName: 'Ada' });
    await lpm(childId, '2026-05-28', 'issue_proceedings');
    proceedingsId = await issue(childId, '2026-06-08');
  });

  it('a corrected issue date moves the 26-week clock to the new date + 26 weeks − 1 day, and keeps the old version with the reason (s.32(1)(a))', async () => {
    expect((await clockOf(proceedingsId)).due_on).toBe('2026-12-06');
    const form = await worker.get(`${page(childId)}/care/${proceedingsId}/change`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="version" value="1"');
    const saved = await worker.post(`${page(childId)}/care/${proceedingsId}/change`, issueForm('2026-06-01', { reason: 'The court’s seal shows 1 June', version: '1' }));
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(page(childId));
    // Hand-worked: the issue day is day 1, so the 26th week ends on Sunday 29 November 2026.
    expect(await clockOf(proceedingsId)).toMatchObject({ started_on: '2026-06-01', due_on: '2026-11-29' });
    const old = await t.ctx.db.selectFrom('record_version').selectAll().where('record_id', '=', proceedingsId).executeTakeFirstOrThrow();
    expect(old.data).toMatchObject({ issued_on: '2026-06-08' });
    expect(old.reason).toBe('The court’s seal shows 1 June');
    const event = await t.ctx.db.selectFrom('child_event').selectAll().where('source_id', '=', proceedingsId).where('type', '=', 'proceedings.issued').executeTakeFirstOrThrow();
    expect(event.occurred_on).toBe('2026-06-01');
    expect(textOf((await worker.get(page(childId))).body)).toContain('26 weeks end on 29 November 2026');
  });

  it('asks why, refuses a change made over a colleague’s, and stores nothing either time', async () => {
    const noReason = await worker.post(`${page(childId)}/care/${proceedingsId}/change`, issueForm('2026-06-03', { reason: '', version: '2' }));
    expect(noReason.statusCode).toBe(400);
    expect(textOf(noReason.body)).toContain('Say why you are correcting this record');
    const stale = await worker.post(`${page(childId)}/care/${proceedingsId}/change`, issueForm('2026-06-03', { reason: 'Typo', version: '1' }));
    expect(stale.statusCode).toBe(422);
    expect(textOf(stale.body)).toContain('Someone else changed this record');
    expect(stale.body).toContain('>Typo</textarea>');
    expect((await clockOf(proceedingsId)).started_on).toBe('2026-06-01');
  });

  it('refuses an issue date before the legal planning meeting that decided it, or after a hearing recorded in the proceedings', async () => {
    const early = await worker.api('PUT', `${api(childId)}/care-proceedings/${proceedingsId}`, { ...issueBody('2026-05-20'), reason: 'Wrong date', version: 2 });
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toBe('Proceedings cannot be issued before the legal planning meeting that decided to issue them (28 May 2026)');
    const hearing = await worker.api('POST', `${api(childId)}/care-proceedings/${proceedingsId}/hearings`, { heardOn: '2026-06-15', hearingType: 'cmh', outcome: 'Directions' });
    expect(hearing.statusCode).toBe(201);
    const late = await worker.api('PUT', `${api(childId)}/care-proceedings/${proceedingsId}`, { ...issueBody('2026-06-22'), reason: 'Wrong date', version: 2 });
    expect(late.statusCode).toBe(422);
    expect(late.json().error).toBe('The hearing on 15 June 2026 is recorded in these proceedings: they cannot have been issued after it');
    expect((await clockOf(proceedingsId)).started_on).toBe('2026-06-01');
  });

  it('pre-proceedings that ended because the proceedings were issued end on the corrected date too', async () => {
    const child = await makeChild(t, { firstName: 'Bo' });
    await lpm(child, '2026-07-01', 'pre_proceedings');
    const letter = await worker.api('POST', `${api(child)}/pre-proceedings`, { sentOn: '2026-07-06' });
    const preId = letter.json().id as string;
    const id = await issue(child, '2026-09-21');
    const corrected = await worker.api('PUT', `${api(child)}/care-proceedings/${id}`, { ...issueBody('2026-09-14'), reason: 'Issued a week earlier', version: 1 });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const pre = await t.ctx.db.selectFrom('pre_proceedings').selectAll().where('id', '=', preId).executeTakeFirstOrThrow();
    expect(pre).toMatchObject({ ended_on: '2026-09-14', outcome: 'issue_proceedings' });
    const ended = await t.ctx.db.selectFrom('child_event').select('occurred_on').where('source_id', '=', preId).where('type', '=', 'pre-proceedings.ended').executeTakeFirstOrThrow();
    expect(ended.occurred_on).toBe('2026-09-14');
    const tooEarly = await worker.api('PUT', `${api(child)}/care-proceedings/${id}`, { ...issueBody('2026-07-01'), reason: 'Wrong', version: 2 });
    expect(tooEarly.statusCode).toBe(422);
    expect(tooEarly.json().error).toBe('Proceedings cannot be issued before the letter before proceedings was sent (6 July 2026)');
  });
});

const issueBody = (issuedOn: string) => ({ issuedOn, court: 'Family Court at East London', caseNumber: 'ZE26C00123', applicationType: 'care_order' });

describe('correcting and deleting hearings and orders', () => {
  let childId: string;
  let proceedingsId: string;
  let hearingId: string;
  let orderId: string;

  beforeAll(async () => {
    childId = await makeChild(t, { firstName: 'Cy' });
    await lpm(childId, '2026-08-03', 'issue_proceedings');
    proceedingsId = await issue(childId, '2026-08-10');
    hearingId = (await worker.api('POST', `${api(childId)}/care-proceedings/${proceedingsId}/hearings`, { heardOn: '2026-08-24', hearingType: 'cmh', outcome: 'Directions given' })).json().id;
    orderId = (await worker.api('POST', `${api(childId)}/care-proceedings/${proceedingsId}/orders`, { madeOn: '2026-08-24', orderType: 'interim_care' })).json().id;
  });

  it('the proceedings page offers Correct and Delete for each hearing and order', async () => {
    const body = (await worker.get(page(childId))).body;
    expect(body).toContain(`href="${page(childId)}/hearings/${hearingId}/change"`);
    expect(body).toContain(`href="${page(childId)}/hearings/${hearingId}/delete"`);
    expect(body).toContain(`href="${page(childId)}/orders/${orderId}/change"`);
    expect(body).toContain(`href="${page(childId)}/orders/${orderId}/delete"`);
    expect(body).toContain(`href="${page(childId)}/care/${proceedingsId}/change"`);
  });

  it('corrects a hearing with the reason: the old version is kept and the chronology follows', async () => {
    const form = await worker.get(`${page(childId)}/hearings/${hearingId}/change`);
    expect(textOf(form.body)).toContain('Correct the hearing on 24 August 2026');
    const saved = await worker.post(`${page(childId)}/hearings/${hearingId}/change`, {
      ...dateFields('heardOn', '2026-08-25'),
      hearingType: 'interim',
      outcome: 'Interim care order made',
      reason: 'It was the interim hearing, on the 25th',
      version: '1',
    });
    expect(saved.statusCode).toBe(303);
    const event = await t.ctx.db.selectFrom('child_event').selectAll().where('source_id', '=', hearingId).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ occurred_on: '2026-08-25', title: 'Interim order hearing' });
    const old = await t.ctx.db.selectFrom('record_version').selectAll().where('record_id', '=', hearingId).executeTakeFirstOrThrow();
    expect(old).toMatchObject({ reason: 'It was the interim hearing, on the 25th' });
    expect(old.data).toMatchObject({ heard_on: '2026-08-24', hearing_type: 'cmh' });
  });

  it('refuses a hearing corrected to before the proceedings were issued, says so, and stores nothing', async () => {
    const response = await worker.post(`${page(childId)}/hearings/${hearingId}/change`, {
      ...dateFields('heardOn', '2026-08-07'),
      hearingType: 'interim',
      outcome: 'Interim care order made',
      reason: 'Wrong date',
      version: '2',
    });
    expect(response.statusCode).toBe(422);
    expect(textOf(response.body)).toContain('A hearing cannot be before the application was issued (10 August 2026)');
    expect((await t.ctx.db.selectFrom('court_hearing').select('heard_on').where('id', '=', hearingId).executeTakeFirstOrThrow()).heard_on).toBe('2026-08-25');
  });

  it('corrects an order through the API, and refuses one corrected to before the issue', async () => {
    const wrong = await worker.api('PUT', `${api(childId)}/court-orders/${orderId}`, { madeOn: '2026-08-01', orderType: 'interim_care', reason: 'Date' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error).toBe('An order cannot be before the application was issued (10 August 2026)');
    const noReason = await worker.api('PUT', `${api(childId)}/court-orders/${orderId}`, { madeOn: '2026-08-25', orderType: 'interim_care' });
    expect(noReason.statusCode).toBe(400);
    const right = await worker.api('PUT', `${api(childId)}/court-orders/${orderId}`, { madeOn: '2026-08-25', orderType: 'interim_supervision', reason: 'It was a supervision order', version: 1 });
    expect(right.statusCode).toBe(200);
    const event = await t.ctx.db.selectFrom('child_event').selectAll().where('source_id', '=', orderId).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ occurred_on: '2026-08-25', title: 'Interim supervision order' });
  });

  it('deletes a hearing only with a reason; it leaves the page and the chronology, and a copy is kept', async () => {
    const ask = await worker.get(`${page(childId)}/hearings/${hearingId}/delete`);
    expect(textOf(ask.body)).toContain('Interim order hearing on 25 August 2026');
    const noReason = await worker.post(`${page(childId)}/hearings/${hearingId}/delete`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(textOf(noReason.body)).toContain('Say why you are deleting it');
    expect((await t.ctx.db.selectFrom('court_hearing').select('deleted_at').where('id', '=', hearingId).executeTakeFirstOrThrow()).deleted_at).toBeNull();
    const deleted = await worker.post(`${page(childId)}/hearings/${hearingId}/delete`, { reason: 'Recorded on the wrong child' });
    expect(deleted.statusCode).toBe(303);
    const row = await t.ctx.db.selectFrom('court_hearing').selectAll().where('id', '=', hearingId).executeTakeFirstOrThrow();
    expect(row.deleted_reason).toBe('Recorded on the wrong child');
    const event = await t.ctx.db.selectFrom('child_event').select('deleted_at').where('source_id', '=', hearingId).executeTakeFirstOrThrow();
    expect(event.deleted_at).not.toBeNull();
    expect(textOf((await worker.get(page(childId))).body)).toContain('No hearings recorded.');
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'delete').where('object_id', '=', hearingId).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ child_id: childId, object_type: 'court-hearing' });
  });

  it('deletes an order through the API with the reason', async () => {
    const response = await worker.api('DELETE', `${api(childId)}/court-orders/${orderId}`, { reason: 'Duplicate' });
    expect(response.statusCode).toBe(200);
    expect((await t.ctx.db.selectFrom('court_order').select('deleted_reason').where('id', '=', orderId).executeTakeFirstOrThrow()).deleted_reason).toBe('Duplicate');
    expect(textOf((await worker.get(page(childId))).body)).toContain('No orders recorded.');
  });
});

describe('dates checked against the child', () => {
  it('refuses a legal planning meeting dated before the child was born, and stores nothing', async () => {
    const childId = await makeChild(t, { firstName: 'Di', dateOfBirth: '2024-03-01' });
    const response = await worker.post(`${page(childId)}/legal-planning-meetings/new`, {
      ...dateFields('heldOn', '2023-03-01'),
      decision: 'pre_proceedings',
      reasons: 'Neglect',
    });
    expect(response.statusCode).toBe(422);
    expect(textOf(response.body)).toContain('The date of the meeting cannot be before the child was born (1 March 2024): check the year');
    expect(await t.ctx.db.selectFrom('legal_planning_meeting').select('id').where('child_id', '=', childId).execute()).toHaveLength(0);
  });

  it('refuses an order dated before the proceedings were issued', async () => {
    const childId = await makeChild(t, { firstName: 'Ed' });
    await lpm(childId, '2026-09-01', 'issue_proceedings');
    const id = await issue(childId, '2026-09-07');
    const response = await worker.post(`${page(childId)}/care/${id}/orders/new`, { ...dateFields('madeOn', '2026-09-04'), orderType: 'interim_care' });
    expect(response.statusCode).toBe(422);
    expect(textOf(response.body)).toContain('An order cannot be before the application was issued (7 September 2026)');
    expect(await t.ctx.db.selectFrom('court_order').select('id').where('child_id', '=', childId).execute()).toHaveLength(0);
  });
});

describe('the next step (Public Law Outline)', () => {
  const primaryLink = (html: string, href: string) => new RegExp(`<a href="${href}"[^>]*class="govuk-button"`).test(html);

  it('after the letter before proceedings, the page offers “Record a pre-proceedings meeting” first', async () => {
    const childId = await makeChild(t, { firstName: 'Flo' });
    await lpm(childId, '2026-10-01', 'pre_proceedings');
    const decided = (await worker.get(page(childId))).body;
    expect(primaryLink(decided, `${page(childId)}/letter-before-proceedings/new`)).toBe(true);
    const sent = await worker.post(`${page(childId)}/letter-before-proceedings/new`, dateFields('sentOn', '2026-10-05'));
    expect(sent.statusCode).toBe(303);
    const landed = (await worker.get(String(sent.headers.location))).body;
    const pre = await t.ctx.db.selectFrom('pre_proceedings').select('id').where('child_id', '=', childId).executeTakeFirstOrThrow();
    expect(textOf(landed)).toContain('Record a pre-proceedings meeting');
    expect(primaryLink(landed, `${page(childId)}/pre-proceedings/${pre.id}/meetings/new`)).toBe(true);
  });

  it('after proceedings are issued, the page offers “Record a hearing” first', async () => {
    const childId = await makeChild(t, { firstName: 'Gil' });
    await lpm(childId, '2026-10-01', 'issue_proceedings');
    const issued = await worker.post(`${page(childId)}/issue`, issueForm('2026-10-05'));
    expect(issued.statusCode).toBe(303);
    const landed = (await worker.get(String(issued.headers.location))).body;
    const proceedings = await t.ctx.db.selectFrom('care_proceedings').select('id').where('child_id', '=', childId).executeTakeFirstOrThrow();
    expect(textOf(landed)).toContain('Record a hearing');
    expect(primaryLink(landed, `${page(childId)}/care/${proceedings.id}/hearings/new`)).toBe(true);
  });
});
