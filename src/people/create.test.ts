import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { addChildAs, childForm, submissionIn, testNhsNumber, testUpn, textOf } from './test-support.ts';

let t: TestApp;
let worker: Agent;
beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
});
afterAll(async () => t.close());

const people = async () => (await t.ctx.db.selectFrom('person').select('id').execute()).length;

describe('adding a child', () => {
  it('adds a child with a generated LA child ID, a journal entry and an audit entry', async () => {
    const id = await addChildAs(worker, { firstName: 'Leo', lastName: 'Baptiste', ethnicity: 'BCRB', disabilities: ['AUT', 'COMM'] });
    const person = await t.ctx.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(person.la_child_id).toMatch(/^LC\d{7}$/);
    expect(person.ethnicity).toBe('BCRB');
    const disabilities = await t.ctx.db.selectFrom('person_disability').select('code').where('person_id', '=', id).execute();
    expect(disabilities.map((d) => d.code).sort()).toEqual(['AUT', 'COMM']);
    const events = await t.ctx.db.selectFrom('child_event').select('type').where('child_id', '=', id).execute();
    expect(events.map((e) => e.type)).toEqual(['person.created']);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('child_id', '=', id).where('action', '=', 'create').execute();
    expect(audit).toHaveLength(1);
    // The worker who recorded the child can open the record straight away.
    const page = await worker.get(`/children/${id}`);
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('Leo Baptiste');
    expect(textOf(page.body)).toContain('Caribbean');
  });

  it('adds an unborn child with an expected date of birth, recorded as sex Unknown (CIN rule 8750)', async () => {
    const response = await worker.post('/children/new', {
      kind: 'unborn',
      lastName: 'Okafor',
      'expectedDateOfBirth-day': '15',
      'expectedDateOfBirth-month': '2',
      'expectedDateOfBirth-year': '2027',
    });
    expect(response.statusCode).toBe(303);
    const id = String(response.headers.location).split('/').pop()!;
    const person = await t.ctx.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ kind: 'unborn', expected_date_of_birth: '2027-02-15', date_of_birth: null, sex: 'U' });
  });

  it('rejects malformed identifiers with messages a worker understands, keeping what was typed', async () => {
    const before = await people();
    const response = await worker.post('/children/new', childForm({ nhsNumber: '123 456 7890', upn: 'A12345', formerUpn: 'UN2', laChildId: 'LC-12' }));
    expect(response.statusCode).toBe(400);
    const text = textOf(response.body);
    expect(text).toContain('There is a problem');
    expect(text).toContain('NHS number check digit is wrong');
    expect(text).toContain('UPN must be 13 characters');
    expect(text).toContain('is a reason the UPN is not known');
    expect(text).toContain('LA child ID can only contain letters and numbers');
    expect(response.body).toContain('value="123 456 7890"');
    expect(response.body).toContain('value="Amira"');
    expect(await people()).toBe(before);
  });

  it('accepts valid identifiers and stores them normalised', async () => {
    const nhs = testNhsNumber(1);
    const id = await addChildAs(worker, { firstName: 'Ivy', nhsNumber: `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`, upn: testUpn(7).toLowerCase(), laChildId: 'ABC123' });
    const person = await t.ctx.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ nhs_number: nhs, upn: testUpn(7), la_child_id: 'ABC123' });
  });

  it('refuses an LA child ID another child already has', async () => {
    const response = await worker.post('/children/new', childForm({ firstName: 'Other', lastName: 'Child', laChildId: 'abc123' }));
    expect(response.statusCode).toBe(422);
    expect(textOf(response.body)).toContain('Another child already has this LA child ID');
  });

  it('refuses impossible dates: a real date, not in the future', async () => {
    const notReal = await worker.post('/children/new', childForm({ 'dateOfBirth-day': '31', 'dateOfBirth-month': '2' }));
    expect(notReal.statusCode).toBe(400);
    expect(textOf(notReal.body)).toContain('Date of birth must be a real date');
    expect(notReal.body).toContain('value="31"');
    const future = await worker.post('/children/new', childForm({ 'dateOfBirth-year': '2027' }));
    expect(future.statusCode).toBe(400);
    expect(textOf(future.body)).toContain('Date of birth must be today or in the past');
  });

  it('refuses oversized fields and unknown codes', async () => {
    const response = await worker.post('/children/new', childForm({ firstName: 'A'.repeat(101), religion: 'x'.repeat(101), ethnicity: 'ZZZZ', disabilities: ['AUT', 'FLY'], sex: 'Q' }));
    expect(response.statusCode).toBe(400);
    const text = textOf(response.body);
    expect(text).toContain('First name must be 100 characters or fewer');
    expect(text).toContain('Religion must be 100 characters or fewer');
    expect(text).toContain('Select the child’s ethnicity from the list');
    expect(text).toContain('Select disabilities from the list');
    expect(text).toContain('Select the child’s sex from the list');
  });

  it('asks for the few required details', async () => {
    const response = await worker.post('/children/new', {});
    expect(response.statusCode).toBe(400);
    expect(textOf(response.body)).toContain('Select whether the child is born or unborn');
    const child = await worker.post('/children/new', { kind: 'child' });
    const text = textOf(child.body);
    for (const message of ['Enter the child’s first name', 'Enter the child’s last name', 'Enter the child’s date of birth', 'Select the child’s sex']) {
      expect(text).toContain(message);
    }
  });

  it('makes one record when the same form is sent twice (DESIGN §2.11)', async () => {
    const page = await worker.get('/children/new');
    const submission = submissionIn(page.body);
    const form = childForm({ firstName: 'Twice', lastName: 'Submitted', _submission: submission });
    const first = await worker.post('/children/new', form);
    const second = await worker.post('/children/new', form);
    expect(first.statusCode).toBe(303);
    expect(second.statusCode).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    const rows = await t.ctx.db.selectFrom('person').select('id').where('last_name', '=', 'Submitted').execute();
    expect(rows).toHaveLength(1);
  });

  it('writes nothing at all when a later step of recording fails', async () => {
    const { sql } = await import('kysely');
    await sql`CREATE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'journal unavailable'; END $$`.execute(t.ctx.db);
    await sql`CREATE TRIGGER refuse_event BEFORE INSERT ON child_event FOR EACH ROW EXECUTE FUNCTION refuse_event()`.execute(t.ctx.db);
    try {
      const page = await worker.get('/children/new');
      const response = await worker.post('/children/new', childForm({ firstName: 'Half', lastName: 'Written', disabilities: 'MOB', _submission: submissionIn(page.body) }));
      expect(response.statusCode).toBe(500);
      expect(textOf(response.body)).toContain('Your last change may not have been saved');
      expect(await t.ctx.db.selectFrom('person').select('id').where('last_name', '=', 'Written').execute()).toHaveLength(0);
      expect(await t.ctx.db.selectFrom('idempotency_key').select('key').where('key', '=', submissionIn(page.body)).execute()).toHaveLength(0);
    } finally {
      await sql`DROP TRIGGER refuse_event ON child_event`.execute(t.ctx.db);
      await sql`DROP FUNCTION refuse_event()`.execute(t.ctx.db);
    }
  });

  it('is refused to a partner agency and to an administrator', async () => {
    for (const who of ['partner', 'admin'] as const) {
      const agent = await t.signIn(who);
      expect((await agent.get('/children/new')).statusCode).toBe(403);
      expect((await agent.post('/children/new', childForm({ lastName: 'Refused' }))).statusCode).toBe(403);
    }
  });
});

describe('likely duplicates', () => {
  it('warns when a child with the same date of birth and a similar name exists, and records "not the same" with the reason', async () => {
    const firstId = await addChildAs(worker, { firstName: 'Jayden', lastName: 'Whitmore', 'dateOfBirth-day': '12', 'dateOfBirth-month': '6', 'dateOfBirth-year': '2016' });
    const form = childForm({ firstName: 'JAYDON', lastName: 'whitmore', 'dateOfBirth-day': '12', 'dateOfBirth-month': '6', 'dateOfBirth-year': '2016' });
    const warning = await worker.post('/children/new', form);
    expect(warning.statusCode).toBe(200);
    const text = textOf(warning.body);
    expect(text).toContain('This child may already be recorded');
    expect(text).toContain('Jayden Whitmore');
    expect(warning.body).toContain(`/children/${firstId}`);
    expect(await t.ctx.db.selectFrom('person').select('id').where('first_name', '=', 'JAYDON').execute()).toHaveLength(0);
    // Everything typed is carried in the warning page's form.
    expect(warning.body).toContain('name="firstName" value="JAYDON"');

    const noReason = await worker.post('/children/new', { ...form, duplicatesShown: 'yes' });
    expect(noReason.statusCode).toBe(400);
    expect(textOf(noReason.body)).toContain('Say why this is a different child');

    const created = await worker.post('/children/new', { ...form, duplicatesShown: 'yes', notDuplicateReason: 'Different mother and address' });
    expect(created.statusCode).toBe(303);
    const newId = String(created.headers.location).split('/').pop()!;
    const link = await t.ctx.db.selectFrom('person_link').selectAll().where('person_id', '=', newId).executeTakeFirstOrThrow();
    expect(link).toMatchObject({ other_person_id: firstId, decision: 'not_the_same', reason: 'Different mother and address' });
  });

  it('does not list a likely duplicate the worker may not see', async () => {
    const other = await t.signIn('otherWorker');
    await addChildAs(other, { firstName: 'Hidden', lastName: 'Fairweather', 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '2015' });
    const response = await worker.post('/children/new', childForm({ firstName: 'Hidden', lastName: 'Fairweather', 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '2015' }));
    expect(response.statusCode).toBe(303);
  });

  it('treats the same NHS number as the same child: no second record', async () => {
    const nhs = testNhsNumber(500);
    const id = await addChildAs(worker, { firstName: 'Nadia', lastName: 'Petrova', nhsNumber: nhs });
    const response = await worker.post('/children/new', childForm({ firstName: 'Completely', lastName: 'Different', nhsNumber: nhs, notDuplicateReason: 'trying anyway' }));
    expect(response.statusCode).toBe(200);
    expect(textOf(response.body)).toContain('This child is already recorded');
    expect(response.body).toContain(`/children/${id}`);
    expect(response.body).not.toContain('Create a new record');
    expect(await t.ctx.db.selectFrom('person').select('id').where('nhs_number', '=', nhs).execute()).toHaveLength(1);
  });

  it('the API answers 409 with the candidates, and creates with a reason', async () => {
    const body = { kind: 'child', firstName: 'Jaydenne', lastName: 'Whitmore', dateOfBirth: '2016-06-12', sex: 'F' };
    const conflict = await worker.api('POST', '/api/v1/children', body);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().candidates.length).toBeGreaterThan(0);
    const created = await worker.api('POST', '/api/v1/children', { ...body, notDuplicateReason: 'Twin' });
    expect(created.statusCode).toBe(201);
    const bad = await worker.api('POST', '/api/v1/children', { ...body, dateOfBirth: '2030-01-01', nhsNumber: '1234567890' });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json().issues as { field: string }[]).map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['dateOfBirth', 'nhsNumber']));
  });
});
