// The pages around a child's record (family, addresses, allocation, merging) as declared routes: the
// guard checks and audits each, and a date that cannot be (before the child was born) is refused with
// what to change, storing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { addChildAs, textOf } from './test-support.ts';

let t: TestApp;
let manager: Agent;
let worker: Agent;
let childId: string;

const allocateForm = (workerId: string, day: string, month: string, year: string) => ({ workerId, role: 'social_worker', 'fromDate-day': day, 'fromDate-month': month, 'fromDate-year': year });

beforeAll(async () => {
  t = await startTestApp();
  manager = await t.signIn('manager');
  worker = await t.signIn('worker');
  // Born 3 April 2019 (childForm's default date of birth).
  childId = await addChildAs(manager, { firstName: 'Iris', lastName: 'Penhale', laChildId: 'PEN001' });
  expect((await manager.post(`/children/${childId}/allocate`, allocateForm(t.users.worker, '2', '11', '2026'))).statusCode).toBe(303);
});
afterAll(async () => t.close());

const count = async (table: 'address' | 'relationship' | 'allocation', column: 'person_id' | 'child_id', id = childId) =>
  (await t.ctx.db.selectFrom(table).select('id').where(column, '=', id).execute()).length;

describe('dates checked against the child', () => {
  it('refuses an address moved into before the child was born, saying what to change and keeping what was typed', async () => {
    const before = await count('address', 'person_id');
    const response = await worker.post(`/children/${childId}/addresses/new`, { line1: '7 Harbour Row', postcode: 'PZ1 1AA', 'fromDate-day': '1', 'fromDate-month': '6', 'fromDate-year': '2009' });
    expect(response.statusCode).toBe(422);
    expect(textOf(response.body)).toContain('The date they moved in cannot be before the child was born (3 April 2019): check the year');
    expect(response.body).toContain('value="7 Harbour Row"');
    expect(response.body).toContain('value="2009"');
    expect(await count('address', 'person_id')).toBe(before);
  });

  it('refuses a relationship that started before the child was born, and stores no one', async () => {
    const people = (await t.ctx.db.selectFrom('person').select('id').execute()).length;
    const response = await worker.post(`/children/${childId}/relationships/new`, {
      who: 'new',
      firstName: 'Tomas',
      lastName: 'Penhale',
      kind: 'step-parent',
      'startedOn-day': '1',
      'startedOn-month': '1',
      'startedOn-year': '2015',
    });
    expect(response.statusCode).toBe(422);
    expect(textOf(response.body)).toContain('The date the relationship started cannot be before the child was born (3 April 2019)');
    expect(response.body).toContain('value="Tomas"');
    expect(await count('relationship', 'person_id')).toBe(0);
    expect((await t.ctx.db.selectFrom('person').select('id').execute()).length).toBe(people);
  });

  it('refuses an allocation from before the child was born', async () => {
    const before = await count('allocation', 'child_id');
    const response = await manager.post(`/children/${childId}/allocate`, allocateForm(t.users.colleague, '1', '1', '2018'));
    expect(response.statusCode).toBe(422);
    expect(textOf(response.body)).toContain('The date the allocation starts cannot be before the child was born (3 April 2019)');
    expect(await count('allocation', 'child_id')).toBe(before);
  });

  it('asks for a 4-digit year on the allocation form rather than reading 26 as the year 26', async () => {
    const response = await manager.post(`/children/${childId}/allocate`, allocateForm(t.users.colleague, '1', '11', '26'));
    expect(response.statusCode).toBe(400);
    expect(textOf(response.body)).toContain('Enter the year as 4 digits');
  });

  it('allows an unborn child’s address from pregnancy, but not more than 40 weeks before the baby is due', async () => {
    const unborn = await addChildAs(manager, { kind: 'unborn', firstName: '', lastName: 'Penhale', 'dateOfBirth-day': '', 'dateOfBirth-month': '', 'dateOfBirth-year': '', 'expectedDateOfBirth-day': '10', 'expectedDateOfBirth-month': '3', 'expectedDateOfBirth-year': '2027', sex: 'U' });
    const early = await manager.post(`/children/${unborn}/addresses/new`, { line1: '2 Quay Street', postcode: 'PZ1 2BB', 'fromDate-day': '1', 'fromDate-month': '1', 'fromDate-year': '2026' });
    expect(early.statusCode).toBe(422);
    expect(textOf(early.body)).toContain('cannot be more than 40 weeks before the baby is due (10 March 2027)');
    const inPregnancy = await manager.post(`/children/${unborn}/addresses/new`, { line1: '2 Quay Street', postcode: 'PZ1 2BB', 'fromDate-day': '1', 'fromDate-month': '8', 'fromDate-year': '2026' });
    expect(inPregnancy.statusCode).toBe(303);
  });
});

describe('each page is declared: checked and audited by its guard', () => {
  it('audits opening the allocation page as a view of the child, and refuses it to a worker with a denied row naming the child', async () => {
    const before = await t.ctx.db.selectFrom('audit_log').select('id').where('child_id', '=', childId).execute();
    expect((await manager.get(`/children/${childId}/allocate`)).statusCode).toBe(200);
    expect((await worker.get(`/children/${childId}/allocate`)).statusCode).toBe(403);
    const rows = await t.ctx.db.selectFrom('audit_log').select(['action', 'user_id', 'object_type']).where('child_id', '=', childId).orderBy('id').execute();
    expect(rows.slice(before.length)).toEqual([
      { action: 'view-child', user_id: t.users.manager, object_type: 'allocation' },
      { action: 'denied', user_id: t.users.worker, object_type: 'allocation' },
    ]);
  });

  it('prefills the allocation from today as the allocated social worker', async () => {
    const page = await manager.get(`/children/${childId}/allocate`);
    expect(page.body).toContain('name="fromDate-day" type="text" value="20"');
    expect(page.body).toMatch(/value="social_worker" checked/);
  });

  it('does not open another child’s relationship under this child', async () => {
    const other = await addChildAs(manager, { firstName: 'Noah', lastName: 'Trevail', 'dateOfBirth-day': '9', 'dateOfBirth-month': '9', 'dateOfBirth-year': '2017' });
    await manager.post(`/children/${other}/relationships/new`, { who: 'new', firstName: 'Jenna', lastName: 'Trevail', kind: 'mother' });
    const relationship = await t.ctx.db.selectFrom('relationship').select('id').where('person_id', '=', other).executeTakeFirstOrThrow();
    expect((await manager.get(`/children/${other}/relationships/${relationship.id}`)).statusCode).toBe(200);
    expect((await manager.get(`/children/${childId}/relationships/${relationship.id}`)).statusCode).toBe(404);
    const changed = await manager.post(`/children/${childId}/relationships/${relationship.id}`, { kind: 'aunt-uncle' });
    expect(changed.statusCode).toBe(404);
    expect((await t.ctx.db.selectFrom('relationship').select('kind').where('id', '=', relationship.id).executeTakeFirstOrThrow()).kind).toBe('mother');
  });

  it('does not link a child the worker may not see, nor tell them the child exists', async () => {
    const hidden = await addChildAs(manager, { firstName: 'Sealed', lastName: 'Sibling', laChildId: 'SEAL01', restricted: 'yes' });
    expect(hidden).toBeTruthy();
    const response = await worker.post(`/children/${childId}/relationships/new`, { who: 'existing', laChildId: 'SEAL01', kind: 'sibling' });
    expect(response.statusCode).toBe(422);
    expect(textOf(response.body)).toContain('No child you have access to has this LA child ID');
    const missing = await worker.post(`/children/${childId}/relationships/new`, { who: 'existing', laChildId: 'NOSUCH', kind: 'sibling' });
    expect(textOf(missing.body)).toContain('No child you have access to has this LA child ID');
  });

  it('merges only for a manager: a worker is refused and the refusal names the child', async () => {
    const response = await worker.post(`/children/${childId}/merge`, { survivor: 'PEN001', reason: 'Same child' });
    expect(response.statusCode).toBe(403);
    const denied = await t.ctx.db.selectFrom('audit_log').select(['action', 'child_id']).where('user_id', '=', t.users.worker).where('action', '=', 'denied').where('child_id', '=', childId).execute();
    expect(denied.length).toBeGreaterThanOrEqual(1);
    const api = await worker.api('POST', `/api/v1/children/${childId}/merge`, { survivor: 'PEN001', reason: 'Same child' });
    expect(api.statusCode).toBe(403);
  });

  it('takes an address and a relationship through the API with the same date rules', async () => {
    const early = await worker.api('POST', `/api/v1/children/${childId}/addresses`, { line1: '7 Harbour Row', postcode: 'PZ1 1AA', fromDate: '2010-01-01' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toContain('cannot be before the child was born');
    const added = await worker.api('POST', `/api/v1/children/${childId}/addresses`, { line1: '7 Harbour Row', postcode: 'PZ1 1AA', fromDate: '2019-04-03' });
    expect(added.statusCode).toBe(201);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'object_type']).where('object_id', '=', added.json().id).execute();
    expect(audit).toEqual([{ action: 'create', object_type: 'address' }]);
  });
});

describe('a name that looks like a script', () => {
  it('is shown as text on the record, its history, a form with errors, a relationship and the search', async () => {
    const script = '<script>alert(1)</script>';
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;';
    const id = await addChildAs(manager, { firstName: script, lastName: 'Penrose', laChildId: 'XSS001' });
    expect((await manager.post(`/children/${id}/relationships/new`, { who: 'new', firstName: script, lastName: 'Parent', kind: 'step-parent', 'startedOn-day': '1', 'startedOn-month': '1', 'startedOn-year': '2020' })).statusCode).toBe(303);
    const pages = [
      await manager.get(`/children/${id}`),
      await manager.get(`/children/${id}/history`),
      await manager.post(`/children/${id}/edit`, { kind: 'child', firstName: script, lastName: '', 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2019' }),
      await manager.get(`/children?q=Penrose`),
    ];
    for (const page of pages) {
      expect(page.statusCode, page.body.slice(0, 500)).toBeLessThan(500);
      expect(page.body).toContain(escaped);
      expect(page.body).not.toContain('<script>alert');
    }
    expect(pages[2]!.statusCode).toBe(400);
  });
});
