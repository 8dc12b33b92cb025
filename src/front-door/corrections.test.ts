// Correcting and deleting at the front door, dates checked against the child, what comes next after a
// decision, who may decide, and the queue on a phone. Each refused write stores nothing and says what
// to change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type Agent, type TestApp } from '../../test/support/app.ts';
import { addTestChild, dateFields, errorSummary, frontDoorManagers } from './test-support.ts';

let t: TestApp;
let frontDoor: Agent;
let manager: Agent;

beforeAll(async () => {
  t = await startTestApp();
  frontDoor = await t.signIn('frontDoor');
  ({ manager } = await frontDoorManagers(t));
});
afterAll(async () => t?.close());

const db = () => t.handle.db;

const contactForm = (receivedOn: string, extra: Record<string, string | string[]> = {}) => ({
  ...dateFields('receivedOn', receivedOn),
  receivedTime: '09:15',
  source: '2A',
  referrerName: 'Ms Patel',
  referrerAgency: 'Hillside Primary',
  worry: 'Came to school hungry three days running.',
  consent: 'GIVEN',
  ...extra,
});

async function recordContact(childId: string, receivedOn: string, extra: Record<string, string | string[]> = {}): Promise<string> {
  const response = await frontDoor.post(`/children/${childId}/contacts/new`, contactForm(receivedOn, extra));
  expect(response.statusCode, errorSummary(response.body)).toBe(303);
  return (response.headers.location as string).split('/').pop()!;
}

async function decide(contactId: string, outcome: string, decidedOn = TEST_TODAY) {
  const response = await manager.post(`/front-door/contacts/${contactId}/decision`, {
    ...dateFields('decidedOn', decidedOn),
    decidedTime: '16:00',
    outcome,
    rationale: 'Weighed the school’s account and the checks.',
  });
  expect(response.statusCode, errorSummary(response.body)).toBe(303);
  return response;
}

const contactRow = (id: string) => db().selectFrom('contact').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const receivedEvent = (id: string) =>
  db().selectFrom('child_event').select(['occurred_on', 'title', 'deleted_at']).where('source_id', '=', id).where('type', '=', 'contact.received').executeTakeFirstOrThrow();
const clockOf = (contactId: string) => db().selectFrom('clock').selectAll().where('scope_id', '=', contactId).where('rule_id', '=', 'contact-decision').executeTakeFirst();
const versionsOf = (id: string) => db().selectFrom('record_version').select(['change', 'reason']).where('record_id', '=', id).execute();

describe('the queue and the My work panel', () => {
  it('say so when no contact waits, and fit a 375px screen: wide tables scroll in their own box', async () => {
    const empty = await frontDoor.get('/front-door');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('No contacts are waiting for a decision');
    const home = await frontDoor.get('/');
    expect(home.body).toContain('Contacts awaiting a decision');
    expect(home.body).toContain('No contacts are waiting for a decision');

    const child = await addTestChild(t, { firstName: 'Quinn', lastName: 'Queue' });
    await recordContact(child.id, TEST_TODAY, { riskIndicators: ['DOMESTIC_ABUSE'] });
    const queue = await frontDoor.get('/front-door');
    const tables = queue.body.match(/<table/g) ?? [];
    const scrolled = queue.body.match(/<div class="lantern-table-scroll"[^>]*>\s*<table/g) ?? [];
    expect(tables.length).toBeGreaterThan(0);
    expect(scrolled.length).toBe(tables.length);
    expect(queue.body).toContain('Domestic abuse');
    expect(queue.body).not.toContain('DOMESTIC_ABUSE');
  });

  it('leads the child’s social worker back to the child’s contacts from a contact waiting for a decision, not to the queue they may not open', async () => {
    const worker = await t.signIn('worker');
    const child = await addTestChild(t, { allocatedTo: t.users.worker });
    const contactId = await recordContact(child.id, TEST_TODAY);
    const page = await worker.get(`/front-door/contacts/${contactId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/children/${child.id}/contacts"`);
    expect(page.body).not.toContain('Back to the front door');
    expect((await worker.get('/front-door')).statusCode).toBe(403);
    expect((await frontDoor.get(`/front-door/contacts/${contactId}`)).body).toContain('Back to the front door');
  });

  it('tags a contact whose decision is overdue on My work (one working day: Working Together 2023 ch.3, timescales.md CP1)', async () => {
    const child = await addTestChild(t, { firstName: 'Olu', lastName: 'Overdue' });
    await recordContact(child.id, '2026-11-16');
    const home = await frontDoor.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toMatch(/Olu Overdue[\s\S]*govuk-tag--red[^>]*>\s*Overdue/);
  });

  it('shows a partner’s agency in words, not the code on their account', async () => {
    const partner = await t.signIn('partner');
    const sent = await partner.api('POST', '/api/v1/referrals', { firstName: 'Pat', lastName: 'Police', source: '6', worry: 'Found alone at night.', riskIndicators: [], consent: 'UNKNOWN' });
    expect(sent.statusCode).toBe(201);
    const queue = await frontDoor.get('/front-door');
    expect(queue.body).toContain('Pat Police');
    expect(queue.body).not.toMatch(/>\s*police\s*</);
  });
});

describe('recording a contact from the child’s record', () => {
  it('the old address with the child still works, and a date before the child was born is refused with the date to check', async () => {
    const child = await addTestChild(t, { dateOfBirth: '2020-06-01' });
    const old = await frontDoor.get(`/front-door/contacts/new?childId=${child.id}`);
    expect(old.statusCode).toBe(303);
    expect(old.headers.location).toBe(`/children/${child.id}/contacts/new`);
    const form = await frontDoor.get(`/children/${child.id}/contacts/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="receivedOn-year" type="text" value="2026"');

    const before = await frontDoor.post(`/children/${child.id}/contacts/new`, contactForm('2019-05-01'));
    expect(before.statusCode).toBe(422);
    expect(errorSummary(before.body)).toContain('cannot be before the child was born (1 June 2020)');
    expect(before.body).toContain('Came to school hungry three days running.');
    expect(await db().selectFrom('contact').select('id').where('child_id', '=', child.id).execute()).toEqual([]);

    const shortYear = await frontDoor.post(`/children/${child.id}/contacts/new`, { ...contactForm(TEST_TODAY), 'receivedOn-year': '26' });
    expect(shortYear.statusCode).toBe(400);
    expect(errorSummary(shortYear.body)).toContain('Enter the year as 4 digits');
  });
});

describe('correcting a contact', () => {
  it('keeps the old version with the reason, and the chronology and the decision clock follow the new date (WT 2023 ch.3)', async () => {
    const child = await addTestChild(t, { firstName: 'Cora', lastName: 'Corrected' });
    const contactId = await recordContact(child.id, TEST_TODAY);
    expect(await clockOf(contactId)).toMatchObject({ started_on: TEST_TODAY, due_on: '2026-11-23' });

    const page = await frontDoor.get(`/front-door/contacts/${contactId}`);
    expect(page.body).toContain(`/front-door/contacts/${contactId}/change`);
    const form = await frontDoor.get(`/front-door/contacts/${contactId}/change`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Came to school hungry three days running.');
    expect(form.body).toContain('name="version" value="1"');

    const noReason = await frontDoor.post(`/front-door/contacts/${contactId}/change`, { ...contactForm('2026-11-19'), version: '1' });
    expect(noReason.statusCode).toBe(400);
    expect(errorSummary(noReason.body)).toContain('Say why you are correcting it');
    expect((await contactRow(contactId)).received_on).toBe(TEST_TODAY);

    const corrected = await frontDoor.post(`/front-door/contacts/${contactId}/change`, {
      ...contactForm('2026-11-19', { source: '3A', referrerAgency: 'Riverside Surgery' }),
      reason: 'The GP rang on Thursday; it was typed in today',
      version: '1',
    });
    expect(corrected.statusCode, errorSummary(corrected.body)).toBe(303);
    expect(await contactRow(contactId)).toMatchObject({ received_on: '2026-11-19', source: '3A', version: 2 });
    expect(await versionsOf(contactId)).toEqual([{ change: 'update', reason: 'The GP rang on Thursday; it was typed in today' }]);
    expect(await receivedEvent(contactId)).toMatchObject({ occurred_on: '2026-11-19', title: 'Contact from Riverside Surgery (Health – GP)' });
    expect(await clockOf(contactId)).toMatchObject({ started_on: '2026-11-19', due_on: '2026-11-20' });

    // The page the worker had open still says version 1: their change would overwrite another's.
    const stale = await frontDoor.post(`/front-door/contacts/${contactId}/change`, { ...contactForm(TEST_TODAY), reason: 'Again', version: '1' });
    expect(stale.statusCode).toBe(422);
    expect(errorSummary(stale.body)).toContain('Someone else changed this record');
    expect((await contactRow(contactId)).received_on).toBe('2026-11-19');
  });

  it('is refused before the child was born, or after the decision on it, and stores nothing', async () => {
    const child = await addTestChild(t, { dateOfBirth: '2021-03-04' });
    const contactId = await recordContact(child.id, '2026-11-19');
    const beforeBirth = await frontDoor.post(`/front-door/contacts/${contactId}/change`, { ...contactForm('2021-03-01'), reason: 'Typo', version: '1' });
    expect(beforeBirth.statusCode).toBe(422);
    expect(errorSummary(beforeBirth.body)).toContain('The date the contact was received cannot be before the child was born (4 March 2021)');

    await decide(contactId, 'ADVICE', '2026-11-19');
    const afterDecision = await frontDoor.post(`/front-door/contacts/${contactId}/change`, { ...contactForm(TEST_TODAY), reason: 'Typo', version: '1' });
    expect(afterDecision.statusCode).toBe(422);
    expect(errorSummary(afterDecision.body)).toContain('cannot be received after the decision on it (19 November 2026 at 16:00)');
    expect(await contactRow(contactId)).toMatchObject({ received_on: '2026-11-19', version: 1 });
    expect(await versionsOf(contactId)).toEqual([]);
  });

  it('through the API too, with the reason', async () => {
    const child = await addTestChild(t);
    const contactId = await recordContact(child.id, TEST_TODAY);
    const body = { receivedOn: '2026-11-18', receivedTime: '08:00', source: '2A', worry: 'Hungry at school.', riskIndicators: [], consent: 'GIVEN' };
    expect((await frontDoor.api('PUT', `/api/v1/contacts/${contactId}`, body)).statusCode).toBe(400);
    const ok = await frontDoor.api('PUT', `/api/v1/contacts/${contactId}`, { ...body, reason: 'Received on Wednesday', version: 1 });
    expect(ok.statusCode).toBe(200);
    expect(await receivedEvent(contactId)).toMatchObject({ occurred_on: '2026-11-18' });
  });
});

describe('deleting a contact', () => {
  it('with a reason takes it and its checks out of the queue, the chronology and the clocks, and lets the front door let go of the child', async () => {
    const child = await addTestChild(t, { firstName: 'Dina', lastName: 'Duplicate' });
    const contactId = await recordContact(child.id, TEST_TODAY);
    await frontDoor.post(`/front-door/contacts/${contactId}/checks/new`, { agency: 'HEALTH', ...dateFields('askedOn', TEST_TODAY) });
    const page = await frontDoor.get(`/front-door/contacts/${contactId}/delete`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Delete this contact');

    const noReason = await frontDoor.post(`/front-door/contacts/${contactId}/delete`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(errorSummary(noReason.body)).toContain('Say why you are deleting it');
    expect((await contactRow(contactId)).deleted_at).toBeNull();

    const deleted = await frontDoor.post(`/front-door/contacts/${contactId}/delete`, { reason: 'Recorded twice: the same call' });
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe(`/children/${child.id}/contacts`);
    expect(await contactRow(contactId)).toMatchObject({ deleted_reason: 'Recorded twice: the same call' });
    expect(await db().selectFrom('agency_check').select('deleted_reason').where('contact_id', '=', contactId).execute()).toEqual([{ deleted_reason: 'Recorded twice: the same call' }]);
    expect(await db().selectFrom('child_event').select('type').where('child_id', '=', child.id).where('deleted_at', 'is', null).execute()).toEqual([]);
    expect(await clockOf(contactId)).toBeUndefined();
    expect(await db().selectFrom('allocation').select('to_date').where('child_id', '=', child.id).where('role', '=', 'front_door').execute()).toEqual([{ to_date: TEST_TODAY }]);
    expect((await frontDoor.get('/front-door')).body).not.toContain('Dina Duplicate');
    expect((await frontDoor.get(`/front-door/contacts/${contactId}`)).statusCode).toBe(404);
  });

  it('is refused once a decision was made on it: it is corrected instead', async () => {
    const child = await addTestChild(t);
    const contactId = await recordContact(child.id, TEST_TODAY);
    await decide(contactId, 'NFA');
    expect((await frontDoor.get(`/front-door/contacts/${contactId}`)).body).not.toContain(`/front-door/contacts/${contactId}/delete`);
    const refused = await frontDoor.post(`/front-door/contacts/${contactId}/delete`, { reason: 'Wrong child' });
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toContain('so it cannot be deleted: correct it instead');
    const api = await frontDoor.api('DELETE', `/api/v1/contacts/${contactId}`, { reason: 'Wrong child' });
    expect(api.statusCode).toBe(422);
    expect((await contactRow(contactId)).deleted_at).toBeNull();
  });

  it('a partner’s referral not yet matched is deleted by the front door team’s manager, and is refused to a manager outside it', async () => {
    const partner = await t.signIn('partner');
    const sent = await partner.api('POST', '/api/v1/referrals', { firstName: 'Twice', lastName: 'Sent', source: '6', worry: 'Sent twice by mistake.', riskIndicators: [], consent: 'UNKNOWN' });
    const { id } = sent.json() as { id: string };
    const outsider = await t.signIn('manager');
    expect((await outsider.get(`/front-door/contacts/${id}`)).statusCode).toBe(403);
    const denied = await db().selectFrom('audit_log').select(['action', 'object_id']).where('user_id', '=', t.users.manager).where('object_id', '=', id).execute();
    expect(denied).toEqual([{ action: 'denied', object_id: id }]);

    expect((await manager.get(`/front-door/contacts/${id}`)).statusCode).toBe(200);
    const deleted = await manager.api('DELETE', `/api/v1/contacts/${id}`, { reason: 'The partner sent it twice' });
    expect(deleted.statusCode).toBe(200);
    expect((await contactRow(id)).deleted_reason).toBe('The partner sent it twice');
  });
});

describe('correcting and deleting checks with other agencies', () => {
  it('moves the chronology with the corrected dates, adds or removes the answer, and refuses checks before the contact arrived', async () => {
    const child = await addTestChild(t, { firstName: 'Kit', lastName: 'Checked' });
    const contactId = await recordContact(child.id, '2026-11-18');
    const early = await frontDoor.post(`/front-door/contacts/${contactId}/checks/new`, { agency: 'POLICE', ...dateFields('askedOn', '2026-11-17') });
    expect(early.statusCode).toBe(422);
    expect(errorSummary(early.body)).toContain('Checks cannot be asked before the contact was received (18 November 2026)');
    expect(await db().selectFrom('agency_check').select('id').where('contact_id', '=', contactId).execute()).toEqual([]);

    expect((await frontDoor.post(`/front-door/contacts/${contactId}/checks/new`, { agency: 'POLICE', ...dateFields('askedOn', '2026-11-18') })).statusCode).toBe(303);
    const check = await db().selectFrom('agency_check').selectAll().where('contact_id', '=', contactId).executeTakeFirstOrThrow();
    const page = await frontDoor.get(`/front-door/contacts/${contactId}`);
    expect(page.body).toContain(`/front-door/contacts/${contactId}/checks/${check.id}/change`);
    expect(page.body).toContain(`/front-door/contacts/${contactId}/checks/${check.id}/delete`);

    const events = () =>
      db().selectFrom('child_event').select(['type', 'occurred_on', 'title']).where('source_id', '=', check.id).where('deleted_at', 'is', null).orderBy('type').execute();
    const beforeContact = await frontDoor.post(`/front-door/contacts/${contactId}/checks/${check.id}/change`, {
      agency: 'HEALTH',
      ...dateFields('askedOn', '2026-11-10'),
      reason: 'Wrong agency',
      version: '1',
    });
    expect(beforeContact.statusCode).toBe(422);
    expect(errorSummary(beforeContact.body)).toContain('before the contact was received');

    const answered = await frontDoor.post(`/front-door/contacts/${contactId}/checks/${check.id}/change`, {
      agency: 'HEALTH',
      ...dateFields('askedOn', '2026-11-19'),
      ...dateFields('answeredOn', TEST_TODAY),
      summary: 'Health visitor saw the baby last week.',
      reason: 'It was health we asked, a day later',
      version: '1',
    });
    expect(answered.statusCode, errorSummary(answered.body)).toBe(303);
    expect(await events()).toEqual([
      { type: 'contact.check-answered', occurred_on: TEST_TODAY, title: 'Health answered checks' },
      { type: 'contact.check-asked', occurred_on: '2026-11-19', title: 'Checks asked of Health' },
    ]);

    const unanswered = await frontDoor.api('PUT', `/api/v1/contacts/${contactId}/checks/${check.id}`, { agency: 'HEALTH', askedOn: '2026-11-19', reason: 'No answer yet: the wrong note was typed', version: 2 });
    expect(unanswered.statusCode).toBe(200);
    expect(await events()).toEqual([{ type: 'contact.check-asked', occurred_on: '2026-11-19', title: 'Checks asked of Health' }]);
    expect((await versionsOf(check.id)).map((v) => v.reason)).toEqual(expect.arrayContaining(['It was health we asked, a day later', 'No answer yet: the wrong note was typed']));

    const deleted = await frontDoor.post(`/front-door/contacts/${contactId}/checks/${check.id}/delete`, { reason: 'Asked about another child' });
    expect(deleted.statusCode).toBe(303);
    expect(await events()).toEqual([]);
    expect((await frontDoor.get(`/front-door/contacts/${contactId}`)).body).toContain('No checks recorded yet.');
  });

  it('a check of another contact in the path is not found', async () => {
    const child = await addTestChild(t);
    const first = await recordContact(child.id, TEST_TODAY);
    const second = await recordContact(child.id, TEST_TODAY);
    await frontDoor.post(`/front-door/contacts/${first}/checks/new`, { agency: 'POLICE', ...dateFields('askedOn', TEST_TODAY) });
    const check = await db().selectFrom('agency_check').select('id').where('contact_id', '=', first).executeTakeFirstOrThrow();
    expect((await frontDoor.get(`/front-door/contacts/${second}/checks/${check.id}/change`)).statusCode).toBe(404);
    expect((await frontDoor.api('DELETE', `/api/v1/contacts/${second}/checks/${check.id}`, { reason: 'x' })).statusCode).toBe(404);
  });
});

describe('the decision', () => {
  it('is refused to a manager outside the front door team even when they may see the child, and the refusal is audited naming the child', async () => {
    const child = await addTestChild(t, { allocatedTo: t.users.worker });
    const contactId = await recordContact(child.id, TEST_TODAY);
    const outsider = await t.signIn('manager');
    const contact = await outsider.get(`/front-door/contacts/${contactId}`);
    expect(contact.statusCode).toBe(200);
    expect(contact.body).not.toContain('Make the decision');
    const page = await outsider.get(`/front-door/contacts/${contactId}/decision`);
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('Only a manager in the front door team');
    const post = await outsider.post(`/front-door/contacts/${contactId}/decision`, { ...dateFields('decidedOn', TEST_TODAY), decidedTime: '16:00', outcome: 'NFA', rationale: 'x' });
    expect(post.statusCode).toBe(403);
    const audit = await db().selectFrom('audit_log').select(['action', 'child_id']).where('user_id', '=', t.users.manager).where('object_id', '=', contactId).execute();
    expect(audit).toEqual(expect.arrayContaining([{ action: 'denied', child_id: child.id }]));
    expect(audit.filter((a) => a.action !== 'view-child').length).toBe(2);
    expect(await db().selectFrom('contact_decision').select('id').where('contact_id', '=', contactId).execute()).toEqual([]);
    expect((await manager.get(`/front-door/contacts/${contactId}`)).body).toContain('Make the decision');
  });
});

describe('what comes next after the decision (FD-01, FD-02)', () => {
  const nextSection = (html: string) => {
    const start = html.indexOf('id="next-steps"');
    return start < 0 ? '' : html.slice(start, html.indexOf('</div>', start));
  };

  it('a referral: allocate a social worker, and start the assessment in the episode it opened; then tell the referrer', async () => {
    const child = await addTestChild(t);
    const contactId = await recordContact(child.id, TEST_TODAY);
    await decide(contactId, 'REFERRAL');
    const episode = await db().selectFrom('cin_episode').select('id').where('child_id', '=', child.id).executeTakeFirstOrThrow();
    const managers = nextSection((await manager.get(`/front-door/contacts/${contactId}`)).body);
    expect(managers).toContain(`href="/children/${child.id}/allocate"`);
    expect(managers).toContain('Allocate a social worker');
    // A front door worker does not allocate (the form refuses them): they are not offered it.
    const next = nextSection((await frontDoor.get(`/front-door/contacts/${contactId}`)).body);
    expect(next).not.toContain('Allocate a social worker');
    expect((await frontDoor.get(`/children/${child.id}/allocate`)).statusCode).toBe(403);
    expect(next).toContain(`href="/children/${child.id}/assessments/new?episode=${episode.id}"`);
    expect(next).toContain('Start the assessment');
    expect(next).toContain('Tell the referrer');
  });

  it('a strategy discussion: allocate, and record the strategy discussion (Wandsworth ¶19)', async () => {
    const child = await addTestChild(t);
    const contactId = await recordContact(child.id, TEST_TODAY, { riskIndicators: 'PHYSICAL_HARM' });
    await decide(contactId, 'STRATEGY');
    const next = nextSection((await manager.get(`/front-door/contacts/${contactId}`)).body);
    expect(next).toContain('Allocate a social worker');
    expect(next).toContain(`href="/children/${child.id}/protection/strategy-discussions/new"`);
    expect(next).not.toContain('Start the assessment');
  });

  it('early help: start early help in the episode the decision opened', async () => {
    const child = await addTestChild(t);
    const contactId = await recordContact(child.id, TEST_TODAY);
    await decide(contactId, 'EARLY_HELP');
    const episode = await db().selectFrom('early_help_episode').select('id').where('child_id', '=', child.id).executeTakeFirstOrThrow();
    const next = nextSection((await frontDoor.get(`/front-door/contacts/${contactId}`)).body);
    expect(next).toContain('Start early help');
    expect(next).toContain(`href="/children/${child.id}/early-help/${episode.id}"`);
    expect(next).not.toContain('Allocate');
  });

  it('no further action: tell the referrer, and once told nothing more is offered; an anonymous referrer cannot be told', async () => {
    const child = await addTestChild(t);
    const contactId = await recordContact(child.id, TEST_TODAY);
    const response = await decide(contactId, 'NFA');
    expect(response.headers.location).toBe(`/front-door/contacts/${contactId}`);
    const next = nextSection((await frontDoor.get(`/front-door/contacts/${contactId}`)).body);
    expect(next).toContain('Tell the referrer');
    expect(next).toContain(`href="/front-door/contacts/${contactId}/referrer-informed"`);
    await frontDoor.post(`/front-door/contacts/${contactId}/referrer-informed`, { ...dateFields('informedOn', TEST_TODAY), method: 'PHONE' });
    expect(nextSection((await frontDoor.get(`/front-door/contacts/${contactId}`)).body)).toBe('');

    const anonymous = await recordContact(child.id, TEST_TODAY, { source: '9', referrerName: '', referrerAgency: '' });
    await decide(anonymous, 'NFA');
    expect(nextSection((await frontDoor.get(`/front-door/contacts/${anonymous}`)).body)).toBe('');
  });

  it('is not offered to someone who only reads the record', async () => {
    const child = await addTestChild(t);
    const contactId = await recordContact(child.id, TEST_TODAY);
    await decide(contactId, 'NFA');
    const analyst = await t.signIn('analyst');
    const page = await analyst.get(`/front-door/contacts/${contactId}`);
    expect(page.statusCode).toBe(200);
    expect(nextSection(page.body)).toBe('');
    expect(page.body).not.toContain('Correct the contact');
  });
});

describe('partners follow only their own referrals', () => {
  it('another user’s referral is not found, and the attempt is audited', async () => {
    const partner = await t.signIn('partner');
    const child = await addTestChild(t);
    const notTheirs = await recordContact(child.id, TEST_TODAY);
    const response = await partner.get(`/referrals/${notTheirs}`);
    expect(response.statusCode).toBe(404);
    const audit = await db().selectFrom('audit_log').select(['action', 'object_type']).where('user_id', '=', t.users.partner).where('object_id', '=', notTheirs).execute();
    expect(audit).toEqual([{ action: 'denied', object_type: 'partner-referral' }]);
  });
});

describe('the child’s record', () => {
  it('shows the contacts and early help lines from the record page’s one query', async () => {
    const child = await addTestChild(t, { firstName: 'Rae', lastName: 'Record' });
    const first = await recordContact(child.id, '2026-11-19');
    await decide(first, 'ADVICE', '2026-11-19');
    const second = await recordContact(child.id, TEST_TODAY);
    await decide(second, 'EARLY_HELP');
    const record = await frontDoor.get(`/children/${child.id}`);
    expect(record.statusCode).toBe(200);
    expect(record.body).toContain('2 contacts; latest received 20 November 2026, decision: early help');
    expect(record.body).toContain('Open since 20 November 2026, no lead practitioner yet');
  });
});
