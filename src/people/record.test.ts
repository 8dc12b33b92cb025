import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type Agent, type TestApp } from '../../test/support/app.ts';
import { happened } from '../clocks/test-fixtures.ts';
import { addChildAs, textOf } from './test-support.ts';

let t: TestApp;
let manager: Agent;
let worker: Agent;
let childId: string;

beforeAll(async () => {
  t = await startTestApp();
  manager = await t.signIn('manager');
  worker = await t.signIn('worker');
  childId = await addChildAs(manager, { firstName: 'Maisie', lastName: 'Thornbury', 'dateOfBirth-day': '21', 'dateOfBirth-month': '11', 'dateOfBirth-year': '2016', ethnicity: 'WBRI' });
  const allocated = await manager.post(`/children/${childId}/allocate`, { workerId: t.users.worker, role: 'social_worker', 'fromDate-day': '2', 'fromDate-month': '11', 'fromDate-year': '2026' });
  expect(allocated.statusCode).toBe(303);
});
afterAll(async () => t.close());

const viewsOf = async (userId: string) =>
  t.ctx.db.selectFrom('audit_log').select('action').where('child_id', '=', childId).where('user_id', '=', userId).where('action', '=', 'view-child').execute();

describe('a child’s record', () => {
  it('shows the summary with age from today, the allocated worker and team, and audits the view', async () => {
    const before = (await viewsOf(t.users.worker)).length;
    const page = await worker.get(`/children/${childId}`);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Maisie Thornbury');
    expect(text).toContain('21 November 2016 (9 years old)'); // TEST_TODAY is 20 November 2026
    expect(text).toContain('White British');
    expect(text).toContain('Allocated social worker: worker (Safeguarding Team 1)');
    expect(text).toMatch(/LA child ID LC\d{7}/);
    expect(page.body).toContain(`/children/${childId}/chronology`);
    expect((await viewsOf(t.users.worker)).length).toBe(before + 1);
  });

  it('refuses a worker in another team, and audits the refusal', async () => {
    const other = await t.signIn('otherWorker');
    const page = await other.get(`/children/${childId}`);
    expect(page.statusCode).toBe(403);
    const api = await other.get(`/api/v1/children/${childId}`);
    expect(api.statusCode).toBe(403);
    const denied = await t.ctx.db.selectFrom('audit_log').select('action').where('user_id', '=', t.users.otherWorker).where('action', '=', 'denied').execute();
    expect(denied.length).toBeGreaterThanOrEqual(2);
    expect(await viewsOf(t.users.otherWorker)).toHaveLength(0);
    expect((await other.post(`/children/${childId}/edit`, { kind: 'child' })).statusCode).toBe(403);
  });

  it('opens a restricted record only with a grant', async () => {
    const sealed = await addChildAs(manager, { firstName: 'Sealed', lastName: 'Record', restricted: 'yes' });
    await manager.post(`/children/${sealed}/allocate`, { workerId: t.users.worker, role: 'social_worker', 'fromDate-day': '2', 'fromDate-month': '11', 'fromDate-year': '2026' });
    expect((await manager.get(`/children/${sealed}`)).statusCode).toBe(200);
    expect((await worker.get(`/children/${sealed}`)).statusCode).toBe(403);
    expect((await (await t.signIn('leader')).get(`/children/${sealed}`)).statusCode).toBe(403);
    // A worker who restricts a record keeps access; a colleague in the same team loses it.
    const open = await addChildAs(manager, { firstName: 'Soon', lastName: 'Sealed' });
    await manager.post(`/children/${open}/allocate`, { workerId: t.users.worker, role: 'social_worker', 'fromDate-day': '2', 'fromDate-month': '11', 'fromDate-year': '2026' });
    const colleague = await t.signIn('colleague');
    expect((await colleague.get(`/children/${open}`)).statusCode).toBe(200);
    const restricted = await worker.post(`/children/${open}/edit`, { kind: 'child', firstName: 'Soon', lastName: 'Sealed', 'dateOfBirth-day': '3', 'dateOfBirth-month': '4', 'dateOfBirth-year': '2019', sex: 'F', restricted: 'yes' });
    expect(restricted.statusCode).toBe(303);
    expect((await worker.get(`/children/${open}`)).statusCode).toBe(200);
    expect((await colleague.get(`/children/${open}`)).statusCode).toBe(403);
  });

  it('shows the child’s open clocks with an overdue tag', async () => {
    await happened(t.ctx.db, childId, 'referral.received', '2026-08-03', null, t.users.manager);
    const text = textOf((await worker.get(`/children/${childId}`)).body);
    expect(text).toContain('Complete the child and family assessment');
    expect(text).toContain('Overdue');
  });

  it('keeps the previous version when details are changed, and shows who changed what', async () => {
    const edit = await worker.get(`/children/${childId}/edit`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('value="Maisie"');
    const version = /name="version" value="(\d+)"/.exec(edit.body)![1]!;
    const saved = await worker.post(`/children/${childId}/edit`, {
      version,
      kind: 'child',
      firstName: 'Maisy',
      lastName: 'Thornbury',
      'dateOfBirth-day': '21',
      'dateOfBirth-month': '11',
      'dateOfBirth-year': '2016',
      sex: 'F',
      ethnicity: 'WIRI',
      disabilities: 'HEAR',
      firstLanguage: 'English',
    });
    expect(saved.statusCode).toBe(303);
    const versions = await t.ctx.db.selectFrom('record_version').selectAll().where('record_id', '=', childId).where('table_name', '=', 'person').execute();
    expect(versions.some((v) => (v.data as { first_name: string }).first_name === 'Maisie')).toBe(true);
    const page = textOf((await worker.get(`/children/${childId}`)).body);
    expect(page).toContain('Maisy Thornbury');
    expect(page).toContain('Last changed by worker on');
    const history = textOf((await worker.get(`/children/${childId}/history`)).body);
    expect(history).toContain('First name: Maisie → Maisy');
    expect(history).toContain('Ethnicity: White British → White Irish');
    // A stale form (someone else saved first) is refused, not silently overwritten.
    const stale = await worker.post(`/children/${childId}/edit`, { version, kind: 'child', firstName: 'Stale', lastName: 'Thornbury', 'dateOfBirth-day': '21', 'dateOfBirth-month': '11', 'dateOfBirth-year': '2016', sex: 'F' });
    expect(stale.statusCode).toBe(422);
    expect(textOf(stale.body)).toContain('Someone else changed this record');
    expect(stale.body).toContain('value="Stale"');
  });

  it('refuses a date of birth after today when changing details, keeping what was typed', async () => {
    const response = await worker.post(`/children/${childId}/edit`, { kind: 'child', firstName: 'Maisy', lastName: 'Thornbury', 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '2030', sex: 'F', nhsNumber: '12' });
    expect(response.statusCode).toBe(400);
    expect(textOf(response.body)).toContain('Date of birth must be today or in the past');
    expect(textOf(response.body)).toContain('NHS number must be 10 digits');
    expect(response.body).toContain('value="2030"');
  });

  it('adds an address, closing the previous one on the day they moved, with a journal entry', async () => {
    const first = await worker.post(`/children/${childId}/addresses/new`, { line1: '4 Mill Lane', postcode: 'ab1 2cd', 'fromDate-day': '1', 'fromDate-month': '3', 'fromDate-year': '2020' });
    expect(first.statusCode).toBe(303);
    const second = await worker.post(`/children/${childId}/addresses/new`, { line1: '9 Quay Street', town: 'Portsby', postcode: 'AB12CD', 'fromDate-day': '14', 'fromDate-month': '9', 'fromDate-year': '2026' });
    expect(second.statusCode).toBe(303);
    const addresses = await t.ctx.db.selectFrom('address').selectAll().where('person_id', '=', childId).orderBy('from_date').execute();
    expect(addresses.map((a) => [a.postcode, a.from_date, a.to_date])).toEqual([
      ['AB1 2CD', '2020-03-01', '2026-09-14'],
      ['AB1 2CD', '2026-09-14', null],
    ]);
    const events = await t.ctx.db.selectFrom('child_event').select('type').where('child_id', '=', childId).where('type', '=', 'address.changed').execute();
    expect(events).toHaveLength(2);
    const bad = await worker.post(`/children/${childId}/addresses/new`, { line1: 'x', postcode: 'NOT A POSTCODE', 'fromDate-day': '1', 'fromDate-month': '1', 'fromDate-year': '2019' });
    expect(bad.statusCode).toBe(400);
    expect(textOf(bad.body)).toContain('Enter a real postcode');
    const earlier = await worker.post(`/children/${childId}/addresses/new`, { line1: 'x', postcode: 'AB1 2CD', 'fromDate-day': '1', 'fromDate-month': '1', 'fromDate-year': '2019' });
    expect(earlier.statusCode).toBe(422);
    expect(textOf(earlier.body)).toContain('must be after the date they moved to their current address');
  });

  it('adds a parent and links a sibling already on Lantern, and can end a relationship', async () => {
    const mother = await worker.post(`/children/${childId}/relationships/new`, { who: 'new', firstName: 'Rachel', lastName: 'Thornbury', kind: 'mother', parentalResponsibility: 'yes', livesWith: 'yes' });
    expect(mother.statusCode).toBe(303);
    const siblingId = await addChildAs(manager, { firstName: 'Oscar', lastName: 'Thornbury', 'dateOfBirth-day': '5', 'dateOfBirth-month': '5', 'dateOfBirth-year': '2019', laChildId: 'SIB0001' });
    await manager.post(`/children/${siblingId}/allocate`, { workerId: t.users.worker, role: 'social_worker', 'fromDate-day': '2', 'fromDate-month': '11', 'fromDate-year': '2026' });
    const sibling = await worker.post(`/children/${childId}/relationships/new`, { who: 'existing', laChildId: 'sib0001', kind: 'sibling', livesWith: 'yes' });
    expect(sibling.statusCode).toBe(303);
    const page = textOf((await worker.get(`/children/${childId}`)).body);
    expect(page).toContain('Rachel Thornbury Mother Yes Yes');
    expect(page).toContain('Oscar Thornbury Brother or sister');
    // From the sibling's record: the mother is offered from the wider family, and the link shows from the other side.
    const siblingPage = await worker.get(`/children/${siblingId}/relationships/new`);
    expect(textOf(siblingPage.body)).toContain('Rachel Thornbury');
    const relationship = await t.ctx.db.selectFrom('relationship').selectAll().where('person_id', '=', childId).where('kind', '=', 'mother').executeTakeFirstOrThrow();
    const ended = await worker.post(`/children/${childId}/relationships/${relationship.id}`, { kind: 'mother', parentalResponsibility: 'yes', 'endedOn-day': '1', 'endedOn-month': '10', 'endedOn-year': '2026' });
    expect(ended.statusCode).toBe(303);
    expect(textOf((await worker.get(`/children/${childId}`)).body)).toContain('Mother (ended 1 October 2026)');
    const versions = await t.ctx.db.selectFrom('record_version').select('change').where('record_id', '=', relationship.id).execute();
    expect(versions).toHaveLength(1);
  });

  it('lets a manager reallocate, saying why the social worker changed (SSDA903 SW_REASON): the previous allocation ends and both show in the journal and history', async () => {
    expect((await worker.get(`/children/${childId}/allocate`)).statusCode).toBe(403);
    const reallocation = { workerId: t.users.colleague, role: 'social_worker', 'fromDate-day': '18', 'fromDate-month': '11', 'fromDate-year': '2026' };
    const noReason = await manager.post(`/children/${childId}/allocate`, reallocation);
    expect(noReason.statusCode).toBe(422);
    expect(textOf(noReason.body)).toContain('Choose why the social worker is changing from worker');
    const response = await manager.post(`/children/${childId}/allocate`, { ...reallocation, changeReason: 'LEFTRL' });
    expect(response.statusCode).toBe(303);
    const allocations = await t.ctx.db.selectFrom('allocation').selectAll().where('child_id', '=', childId).orderBy('from_date').execute();
    expect(allocations.map((a) => [a.worker_id, a.to_date, a.change_reason])).toEqual([
      [t.users.worker, '2026-11-18', null],
      [t.users.colleague, null, 'LEFTRL'],
    ]);
    const types = (await t.ctx.db.selectFrom('child_event').select('type').where('child_id', '=', childId).where('type', 'like', 'allocation.%').execute()).map((e) => e.type);
    expect(types.sort()).toEqual(['allocation.ended', 'allocation.started', 'allocation.started']);
    const text = textOf((await manager.get(`/children/${childId}`)).body);
    expect(text).toContain('Allocated social worker: colleague');
  });

  it('records a death, not before the birth, with a journal entry', async () => {
    const early = await worker.post(`/children/${childId}/death`, { 'dateOfDeath-day': '1', 'dateOfDeath-month': '1', 'dateOfDeath-year': '2010' });
    expect(early.statusCode).toBe(422);
    expect(textOf(early.body)).toContain('Date of death cannot be before the date of birth');
    const future = await worker.post(`/children/${childId}/death`, { 'dateOfDeath-day': '1', 'dateOfDeath-month': '1', 'dateOfDeath-year': '2027' });
    expect(textOf(future.body)).toContain('Date of death must be today or in the past');
    const recorded = await worker.post(`/children/${childId}/death`, { 'dateOfDeath-day': '19', 'dateOfDeath-month': '11', 'dateOfDeath-year': '2026' });
    expect(recorded.statusCode).toBe(303);
    const event = await t.ctx.db.selectFrom('child_event').selectAll().where('child_id', '=', childId).where('type', '=', 'person.died').executeTakeFirstOrThrow();
    expect(event.occurred_on).toBe('2026-11-19');
    expect(textOf((await worker.get(`/children/${childId}`)).body)).toContain('Died');
  });

  it('opens every page of the record for a manager, each with one h1', async () => {
    const relationship = await t.ctx.db.selectFrom('relationship').select('id').where('person_id', '=', childId).executeTakeFirstOrThrow();
    for (const path of ['', '/edit', '/history', '/relationships/new', `/relationships/${relationship.id}`, '/addresses/new', '/allocate', '/merge']) {
      const page = await manager.get(`/children/${childId}${path}`);
      expect(page.statusCode, path).toBe(200);
      expect(page.body.match(/<h1/g), path).toHaveLength(1);
    }
    expect((await manager.get('/children')).statusCode).toBe(200);
    expect((await manager.get('/children/not-a-uuid')).statusCode).toBe(404);
    expect((await manager.get('/children/00000000-0000-4000-8000-000000000000')).statusCode).toBe(403);
  });

  it('serves the record and its history through the API, and documents the operations', async () => {
    const record = await worker.get(`/api/v1/children/${childId}`);
    expect(record.statusCode).toBe(200);
    expect(record.json().person.first_name).toBe('Maisy');
    const history = await worker.get(`/api/v1/children/${childId}/history`);
    expect(history.json().entries.length).toBeGreaterThan(0);
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/openapi.json' });
    expect(Object.keys(docs.json().paths)).toEqual(expect.arrayContaining(['/api/v1/children', '/api/v1/children/{childId}', '/api/v1/children/{childId}/merge']));
    expect(TEST_TODAY).toBe('2026-11-20');
  });
});
