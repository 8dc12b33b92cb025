// The front door: from a worried call to a decision within one working day, with checks, the
// referrer told, and a second look at no-service decisions made while risk was recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type Agent, type TestApp } from '../../test/support/app.ts';
import { dueItems } from '../clocks/due-items.ts';
import type { SignedInUser } from '../access/policy.ts';
import { addTestChild, dateFields, errorSummary, formInputs, frontDoorManagers } from './test-support.ts';

let t: TestApp;
let frontDoor: Agent;
let manager: Agent;
let deputy: Agent;

beforeAll(async () => {
  t = await startTestApp();
  frontDoor = await t.signIn('frontDoor');
  ({ manager, deputy } = await frontDoorManagers(t));
});
afterAll(async () => t?.close());

const db = () => t.handle.db;

/** A front door worker records a contact about the child through the page. */
async function recordContact(laChildId: string, receivedOn: string, extra: Record<string, string | string[]> = {}): Promise<string> {
  const response = await frontDoor.post('/front-door/contacts/new', {
    laChildId,
    ...dateFields('receivedOn', receivedOn),
    receivedTime: '09:15',
    source: '2A',
    referrerName: 'Ms Patel',
    referrerRole: 'Designated safeguarding lead',
    referrerAgency: 'Hillside Primary',
    worry: 'Came to school with a bruise on her cheek and would not say how.',
    consent: 'GIVEN',
    ...extra,
  });
  expect(response.statusCode, errorSummary(response.body)).toBe(303);
  const id = /\/front-door\/contacts\/([0-9a-f-]{36})$/.exec(response.headers.location as string)?.[1];
  if (!id) throw new Error('No contact id in the redirect');
  return id;
}

async function decide(agent: Agent, contactId: string, decidedOn: string, outcome: string, rationale = 'Checked with school and health; the family accepts support.') {
  return agent.post(`/front-door/contacts/${contactId}/decision`, { ...dateFields('decidedOn', decidedOn), decidedTime: '15:30', outcome, rationale, primaryNeed: '' });
}

const clockOf = (contactId: string) => db().selectFrom('clock').selectAll().where('scope_id', '=', contactId).where('rule_id', '=', 'contact-decision').executeTakeFirstOrThrow();
const eventsOf = (childId: string) => db().selectFrom('child_event').select(['type', 'occurred_on', 'scope_id', 'recorded_by', 'title']).where('child_id', '=', childId).orderBy('occurred_on').execute();

async function signedInUser(id: string): Promise<SignedInUser> {
  const row = await db().selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role as SignedInUser['role'], teamId: row.team_id, agency: row.agency };
}

describe('recording a contact', () => {
  it('starts the one-working-day decision clock, shows in the front door queue and in the worker’s due list (WT 2023 ch.3; timescales CP1)', async () => {
    const child = await addTestChild(t, { firstName: 'Mia', lastName: 'Queue' });
    const contactId = await recordContact(child.laChildId, '2026-11-19', { riskIndicators: ['PHYSICAL_HARM', 'NEGLECT'] });

    const events = await eventsOf(child.id);
    expect(events).toContainEqual(expect.objectContaining({ type: 'contact.received', occurred_on: '2026-11-19', scope_id: contactId }));
    const clock = await clockOf(contactId);
    expect(clock).toMatchObject({ started_on: '2026-11-19', due_on: '2026-11-20', met_on: null });

    const queue = await frontDoor.get('/front-door');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('Mia Queue');
    expect(queue.body).toContain('20 November 2026');

    const due = await dueItems(db(), await signedInUser(frontDoor.userId), { workerId: frontDoor.userId }, TEST_TODAY);
    expect(due.map((d) => [d.childId, d.ruleId])).toContainEqual([child.id, 'contact-decision']);
    const api = await frontDoor.get('/api/v1/front-door/contacts');
    expect(api.statusCode).toBe(200);
    expect((api.json() as { awaitingDecision: { id: string; ageWorkingDays: number; decisionDueOn: string }[] }).awaitingDecision).toContainEqual(
      expect.objectContaining({ id: contactId, ageWorkingDays: 1, decisionDueOn: '2026-11-20' }),
    );
  });

  it('refuses a contact without the worry or with an unknown child, and stores nothing', async () => {
    const before = await db().selectFrom('contact').select(db().fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const noWorry = await frontDoor.post('/front-door/contacts/new', { laChildId: 'NOPE', ...dateFields('receivedOn', TEST_TODAY), receivedTime: '09:00', source: '6', worry: '', consent: 'GIVEN' });
    expect(noWorry.statusCode).toBe(400);
    expect(errorSummary(noWorry.body)).toContain('Say what the worry about the child is');
    const unknownChild = await frontDoor.post('/front-door/contacts/new', { laChildId: 'NOPE', ...dateFields('receivedOn', TEST_TODAY), receivedTime: '09:00', source: '6', worry: 'A worry', consent: 'GIVEN' });
    expect(unknownChild.statusCode).toBe(422);
    expect(errorSummary(unknownChild.body)).toContain('No child has this LA child ID');
    const after = await db().selectFrom('contact').select(db().fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('the threshold decision', () => {
  it('decided within one working day meets the clock; decided two working days later shows late', async () => {
    const onTime = await addTestChild(t, { firstName: 'Ola', lastName: 'Ontime' });
    const late = await addTestChild(t, { firstName: 'Lev', lastName: 'Late' });
    const onTimeContact = await recordContact(onTime.laChildId, '2026-11-19');
    const lateContact = await recordContact(late.laChildId, '2026-11-18');

    expect((await decide(manager, onTimeContact, TEST_TODAY, 'ADVICE')).statusCode).toBe(303);
    expect((await decide(manager, lateContact, TEST_TODAY, 'ADVICE')).statusCode).toBe(303);

    expect(await clockOf(onTimeContact)).toMatchObject({ due_on: '2026-11-20', met_on: '2026-11-20' });
    const lateClock = await clockOf(lateContact);
    expect(lateClock).toMatchObject({ due_on: '2026-11-19', met_on: '2026-11-20' });

    const page = await manager.get(`/front-door/contacts/${lateContact}`);
    expect(page.body).toContain('Decided after it was due (19 November 2026)');
    const onTimePage = await manager.get(`/front-door/contacts/${onTimeContact}`);
    expect(onTimePage.body).toContain('Within one working day');
    expect((await eventsOf(late.id)).map((e) => e.type)).toEqual(['contact.received', 'contact.decided']);
    // The front door worker holds the child until the referrer is told the outcome, then lets go.
    const holds = () => db().selectFrom('allocation').select(['to_date']).where('child_id', '=', late.id).where('role', '=', 'front_door').execute();
    expect(await holds()).toEqual([{ to_date: null }]);
    expect((await frontDoor.post(`/front-door/contacts/${lateContact}/referrer-informed`, { ...dateFields('informedOn', TEST_TODAY), method: 'EMAIL' })).statusCode).toBe(303);
    expect(await holds()).toEqual([{ to_date: TEST_TODAY }]);
  });

  it('is one page with at most 6 inputs, prefilled with the child, the contact and the checks, and no wide tables (phone width)', async () => {
    const child = await addTestChild(t, { firstName: 'Pia', lastName: 'Prefill' });
    const contactId = await recordContact(child.laChildId, TEST_TODAY, { riskIndicators: 'SEXUAL_HARM' });
    await frontDoor.post(`/front-door/contacts/${contactId}/checks/new`, { agency: 'HEALTH', ...dateFields('askedOn', TEST_TODAY), ...dateFields('answeredOn', TEST_TODAY), summary: 'Health visitor has no concerns.' });
    const page = await manager.get(`/front-door/contacts/${contactId}/decision`);
    expect(page.statusCode).toBe(200);
    const inputs = formInputs(page.body, `/front-door/contacts/${contactId}/decision`);
    expect(inputs.sort()).toEqual(['decidedOn', 'decidedTime', 'outcome', 'primaryNeed', 'rationale']);
    expect(inputs.length).toBeLessThanOrEqual(6);
    expect(page.body).toContain('Pia Prefill');
    expect(page.body).toContain('Came to school with a bruise');
    expect(page.body).toContain('Health visitor has no concerns.');
    expect(page.body).toContain('name="decidedOn-year" type="text" value="2026"');
    expect(page.body).toMatch(/name="decidedTime" type="text" value="\d\d:\d\d"/);
    expect(page.body).toContain('Consider a strategy discussion now');
    expect(page.body).not.toContain('<table');
    expect(page.body).toContain('width=device-width');
  });

  it('without a rationale is refused with a message, and nothing is stored', async () => {
    const child = await addTestChild(t, { firstName: 'Ned', lastName: 'Norationale' });
    const contactId = await recordContact(child.laChildId, TEST_TODAY);
    const response = await decide(manager, contactId, TEST_TODAY, 'REFERRAL', '   ');
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toContain('Give the reasons for the decision');
    expect(response.body).toContain('value="REFERRAL" checked');
    expect(await db().selectFrom('contact_decision').selectAll().where('contact_id', '=', contactId).execute()).toEqual([]);
    expect(await db().selectFrom('cin_episode').selectAll().where('child_id', '=', child.id).execute()).toEqual([]);
    expect((await eventsOf(child.id)).map((e) => e.type)).toEqual(['contact.received']);
  });

  it('is made only by a team manager', async () => {
    const child = await addTestChild(t);
    const contactId = await recordContact(child.laChildId, TEST_TODAY);
    expect((await decide(frontDoor, contactId, TEST_TODAY, 'NFA')).statusCode).toBe(403);
    // A manager of another team cannot see the child at all.
    const otherManager = await t.signIn('manager');
    expect((await decide(otherManager, contactId, TEST_TODAY, 'NFA')).statusCode).toBe(403);
    expect((await otherManager.get('/front-door')).body).not.toContain(contactId);
  });

  it('to refer opens an episode linked to the contact; a second open episode is refused and nothing is stored', async () => {
    const child = await addTestChild(t, { firstName: 'Rex', lastName: 'Referral' });
    const first = await recordContact(child.laChildId, TEST_TODAY, { riskIndicators: 'DOMESTIC_ABUSE' });
    expect((await decide(manager, first, TEST_TODAY, 'STRATEGY', 'Police report of domestic abuse with the child present.')).statusCode).toBe(303);
    const episodes = await db().selectFrom('cin_episode').selectAll().where('child_id', '=', child.id).execute();
    expect(episodes).toHaveLength(1);
    expect(episodes[0]).toMatchObject({ referral_date: TEST_TODAY, referral_source: '2A', contact_id: first });
    const decision = await db().selectFrom('contact_decision').selectAll().where('contact_id', '=', first).executeTakeFirstOrThrow();
    expect(decision.cin_episode_id).toBe(episodes[0]!.id);
    expect((await eventsOf(child.id)).map((e) => e.type)).toEqual(expect.arrayContaining(['contact.received', 'referral.received', 'contact.decided']));
    // The referral's assessment clock starts too.
    expect(await db().selectFrom('clock').select('rule_id').where('child_id', '=', child.id).where('rule_id', '=', 'assessment-completed').execute()).toHaveLength(1);

    const second = await recordContact(child.laChildId, TEST_TODAY);
    const page = await manager.get(`/front-door/contacts/${second}/decision`);
    expect(page.body).toContain('already has an open social care episode');
    const refused = await decide(manager, second, TEST_TODAY, 'REFERRAL', 'New worry from school.');
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toContain('already has an open episode');
    expect(await db().selectFrom('contact_decision').selectAll().where('contact_id', '=', second).execute()).toEqual([]);
    expect(await db().selectFrom('cin_episode').selectAll().where('child_id', '=', child.id).execute()).toHaveLength(1);

    const api = await manager.api('POST', `/api/v1/contacts/${second}/decision`, { decidedOn: TEST_TODAY, decidedTime: '16:00', outcome: 'REFERRAL', rationale: 'Again' });
    expect(api.statusCode).toBe(422);
    expect((api.json() as { error: string }).error).toContain('already has an open episode');
  });

  it('to early help starts an early help episode from the contact', async () => {
    const child = await addTestChild(t, { firstName: 'Eve', lastName: 'Earlyhelp' });
    const contactId = await recordContact(child.laChildId, TEST_TODAY);
    expect((await decide(manager, contactId, TEST_TODAY, 'EARLY_HELP')).statusCode).toBe(303);
    const episode = await db().selectFrom('early_help_episode').selectAll().where('child_id', '=', child.id).executeTakeFirstOrThrow();
    expect(episode).toMatchObject({ origin: 'CONTACT', contact_id: contactId, started_on: TEST_TODAY, ended_on: null });
    expect((await eventsOf(child.id)).map((e) => e.type)).toContain('early-help.started');
  });

  it('cannot come before the contact arrived', async () => {
    const child = await addTestChild(t);
    const contactId = await recordContact(child.laChildId, TEST_TODAY);
    const response = await decide(manager, contactId, '2026-11-19', 'NFA');
    expect(response.statusCode).toBe(422);
    expect(errorSummary(response.body)).toContain('cannot come before the contact was received');
  });
});

describe('checks and telling the referrer', () => {
  it('records checks with other agencies, their answer, and when the referrer was told, each in the chronology', async () => {
    const child = await addTestChild(t, { firstName: 'Cal', lastName: 'Checks' });
    const contactId = await recordContact(child.laChildId, '2026-11-19');
    expect((await frontDoor.post(`/front-door/contacts/${contactId}/checks/new`, { agency: 'POLICE', ...dateFields('askedOn', '2026-11-19') })).statusCode).toBe(303);
    const check = await db().selectFrom('agency_check').selectAll().where('contact_id', '=', contactId).executeTakeFirstOrThrow();
    const early = await frontDoor.post(`/front-door/contacts/${contactId}/checks/${check.id}`, { ...dateFields('answeredOn', '2026-11-18'), summary: 'Nothing known.' });
    expect(early.statusCode).toBe(422);
    expect(errorSummary(early.body)).toContain('cannot come before the agency was asked');
    expect((await frontDoor.post(`/front-door/contacts/${contactId}/checks/${check.id}`, { ...dateFields('answeredOn', TEST_TODAY), summary: 'Nothing known to police.' })).statusCode).toBe(303);

    const tooSoon = await frontDoor.post(`/front-door/contacts/${contactId}/referrer-informed`, { ...dateFields('informedOn', TEST_TODAY), method: 'PHONE' });
    expect(tooSoon.statusCode).toBe(422);
    expect(errorSummary(tooSoon.body)).toContain('Record the decision before telling the referrer');

    expect((await decide(manager, contactId, TEST_TODAY, 'NFA')).statusCode).toBe(303);
    expect((await frontDoor.post(`/front-door/contacts/${contactId}/referrer-informed`, { ...dateFields('informedOn', TEST_TODAY), method: 'PHONE' })).statusCode).toBe(303);
    const page = await frontDoor.get(`/front-door/contacts/${contactId}`);
    expect(page.body).toContain('Nothing known to police.');
    expect(page.body).toContain('20 November 2026 (phone)');
    expect((await eventsOf(child.id)).map((e) => e.type)).toEqual([
      'contact.received',
      'contact.check-asked',
      'contact.check-answered',
      'contact.decided',
      'contact.referrer-informed',
    ]);
    const api = await frontDoor.get(`/api/v1/contacts/${contactId}`);
    expect(api.json()).toMatchObject({ contact: { referrerInformed: { informedOn: TEST_TODAY, method: 'PHONE' } }, checks: [{ agency: 'POLICE', answeredOn: TEST_TODAY }] });
  });
});

describe('second look (Southend ¶18)', () => {
  it('a contact decided NFA while risk indicators are recorded is flagged for another manager, who agrees or changes the decision', async () => {
    const risky = await addTestChild(t, { firstName: 'Rita', lastName: 'Risky' });
    const plain = await addTestChild(t, { firstName: 'Paul', lastName: 'Plain' });
    const riskyContact = await recordContact(risky.laChildId, TEST_TODAY, { riskIndicators: ['DOMESTIC_ABUSE', 'PARENT_MENTAL_HEALTH'] });
    const plainContact = await recordContact(plain.laChildId, TEST_TODAY);
    const undecided = await deputy.post(`/front-door/contacts/${plainContact}/second-look`, { ...dateFields('reviewedOn', TEST_TODAY), conclusion: 'AGREE', notes: 'Agree.' });
    expect(undecided.statusCode).toBe(422);
    expect(errorSummary(undecided.body)).toContain('Only a decision of no further action or advice, made while risk was recorded');
    expect((await decide(manager, riskyContact, TEST_TODAY, 'NFA', 'Parents separated; no further incidents.')).statusCode).toBe(303);
    expect((await decide(manager, plainContact, TEST_TODAY, 'NFA', 'No worry about the child.')).statusCode).toBe(303);

    const list = await deputy.get('/front-door/second-look');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Rita Risky');
    expect(list.body).not.toContain('Paul Plain');
    expect((await eventsOf(risky.id)).find((e) => e.type === 'contact.decided')?.title).toContain('flagged for a second look');
    // The front door keeps the child until the second look is done.
    expect(await db().selectFrom('allocation').select('to_date').where('child_id', '=', risky.id).where('role', '=', 'front_door').execute()).toEqual([{ to_date: null }]);

    const byDecider = await manager.post(`/front-door/contacts/${riskyContact}/second-look`, { ...dateFields('reviewedOn', TEST_TODAY), conclusion: 'AGREE', notes: 'Agree.' });
    expect(byDecider.statusCode).toBe(422);
    expect(errorSummary(byDecider.body)).toContain('different manager');

    const changed = await deputy.post(`/front-door/contacts/${riskyContact}/second-look`, {
      ...dateFields('reviewedOn', TEST_TODAY),
      conclusion: 'CHANGE',
      newOutcome: 'REFERRAL',
      notes: 'Domestic abuse with a parent’s mental health: needs an assessment.',
    });
    expect(changed.statusCode, errorSummary(changed.body)).toBe(303);
    expect((await deputy.get('/front-door/second-look')).body).not.toContain('Rita Risky');
    expect(await db().selectFrom('cin_episode').select(['contact_id', 'referral_date']).where('child_id', '=', risky.id).execute()).toEqual([{ contact_id: riskyContact, referral_date: TEST_TODAY }]);
    expect((await eventsOf(risky.id)).map((e) => e.type)).toEqual(expect.arrayContaining(['contact.second-look', 'referral.received']));
    expect((await frontDoor.post(`/front-door/contacts/${riskyContact}/referrer-informed`, { ...dateFields('informedOn', TEST_TODAY), method: 'PHONE' })).statusCode).toBe(303);
    expect(await db().selectFrom('allocation').select('to_date').where('child_id', '=', risky.id).where('role', '=', 'front_door').execute()).toEqual([{ to_date: TEST_TODAY }]);
  });
});

describe('partner agency online referral', () => {
  it('a partner submits, the front door matches it to a child, the partner sees the outcome but never the child’s record', async () => {
    const partner = await t.signIn('partner');
    const form = await partner.get('/referrals/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="6" selected'); // police, from the partner's account
    const sent = await partner.post('/referrals/new', {
      firstName: 'Sam',
      lastName: 'Online',
      ...dateFields('dateOfBirth', '2014-02-03'),
      address: '4 River Row',
      postcode: 'ZZ1 1ZZ',
      source: '6',
      worry: 'Found alone at midnight on the high street.',
      riskIndicators: ['MISSING'],
      consent: 'NOT_SOUGHT',
    });
    expect(sent.statusCode, errorSummary(sent.body)).toBe(303);
    const contactId = (sent.headers.location as string).split('/').pop()!;
    expect((await partner.get(`/referrals/${contactId}`)).body).toContain('Received: waiting for a decision');

    // The front door sees it waiting to be matched; nobody else's child list shows it.
    const queue = await frontDoor.get('/front-door');
    expect(queue.body).toContain(`/front-door/contacts/${contactId}/match`);
    const child = await addTestChild(t, { firstName: 'Sam', lastName: 'Online', dateOfBirth: '2014-02-03' });
    const matchPage = await frontDoor.get(`/front-door/contacts/${contactId}/match`);
    expect(matchPage.body).toContain(child.id); // offered as a likely match
    expect((await frontDoor.post(`/front-door/contacts/${contactId}/match`, { how: 'candidate', childId: child.id })).statusCode).toBe(303);

    const received = (await eventsOf(child.id)).find((e) => e.type === 'contact.received');
    expect(received).toMatchObject({ recorded_by: t.users.partner, occurred_on: TEST_TODAY, scope_id: contactId });
    expect(await db().selectFrom('clock').select('due_on').where('scope_id', '=', contactId).execute()).toEqual([{ due_on: '2026-11-23' }]);

    expect((await decide(manager, contactId, TEST_TODAY, 'EARLY_HELP', 'Family support for boundaries; police checks show nothing else.')).statusCode).toBe(303);
    expect((await frontDoor.post(`/front-door/contacts/${contactId}/referrer-informed`, { ...dateFields('informedOn', TEST_TODAY), method: 'ONLINE' })).statusCode).toBe(303);

    const outcome = await partner.get(`/referrals/${contactId}`);
    expect(outcome.statusCode).toBe(200);
    expect(outcome.body).toContain('Early help offered to the family');
    expect(outcome.body).not.toContain('Family support for boundaries'); // the rationale stays in the record
    expect((await partner.get('/referrals')).body).toContain('Early help offered to the family');
    expect((await partner.get('/api/v1/referrals')).json()).toMatchObject({ referrals: [{ id: contactId, outcome: 'Early help offered to the family', toldOn: TEST_TODAY }] });

    // The people area's record page (/children/:id) must refuse partners too: see the report.
    for (const url of [`/children/${child.id}/contacts`, `/children/${child.id}/early-help`, `/front-door/contacts/${contactId}`, `/api/v1/contacts/${contactId}`]) {
      expect((await partner.get(url)).statusCode, url).toBe(403);
    }
    expect((await partner.get('/front-door')).statusCode).toBe(403);
  });

  it('a partner cannot see another user’s referral, and the front door may add the child while matching', async () => {
    const partner = await t.signIn('partner');
    const sent = await partner.api('POST', '/api/v1/referrals', {
      firstName: 'Nia',
      lastName: 'Newchild',
      dateOfBirth: '2019-07-07',
      source: '6',
      worry: 'Neighbours report shouting every night.',
      riskIndicators: [],
      consent: 'UNKNOWN',
    });
    expect(sent.statusCode).toBe(201);
    const { id } = sent.json() as { id: string };
    expect((await frontDoor.get(`/referrals/${id}`)).statusCode).toBe(403);

    const added = await frontDoor.post(`/front-door/contacts/${id}/match`, { how: 'new', firstName: 'Nia', lastName: 'Newchild', ...dateFields('dateOfBirth', '2019-07-07'), sex: 'F' });
    expect(added.statusCode, errorSummary(added.body)).toBe(303);
    const contact = await db().selectFrom('contact').select(['child_id', 'matched_on']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(contact.matched_on).toBe(TEST_TODAY);
    const person = await db().selectFrom('person').select(['first_name', 'date_of_birth']).where('id', '=', contact.child_id!).executeTakeFirstOrThrow();
    expect(person).toEqual({ first_name: 'Nia', date_of_birth: '2019-07-07' });
  });
});

describe('the child’s record', () => {
  it('lists the child’s contacts and audits the view', async () => {
    const child = await addTestChild(t, { firstName: 'Lia', lastName: 'Listed' });
    await recordContact(child.laChildId, TEST_TODAY);
    const page = await frontDoor.get(`/children/${child.id}/contacts`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Awaiting decision');
    const audit = await db().selectFrom('audit_log').select(['action', 'object_type']).where('child_id', '=', child.id).where('user_id', '=', frontDoor.userId).execute();
    expect(audit).toEqual(expect.arrayContaining([{ action: 'create', object_type: 'contact' }, { action: 'view-child', object_type: 'contacts' }]));
    const other = await t.signIn('otherWorker');
    expect((await other.get(`/children/${child.id}/contacts`)).statusCode).toBe(403);
  });
});
