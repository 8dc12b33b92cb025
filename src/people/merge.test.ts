import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { happened } from '../clocks/test-fixtures.ts';
import { childReferences } from './merge.ts';
import { addChildAs, textOf } from './test-support.ts';

let t: TestApp;
let manager: Agent;
let survivorId: string;
let duplicateId: string;

beforeAll(async () => {
  t = await startTestApp();
  manager = await t.signIn('manager');
  survivorId = await addChildAs(manager, { firstName: 'Ellie', lastName: 'Marchbank', 'dateOfBirth-day': '8', 'dateOfBirth-month': '8', 'dateOfBirth-year': '2018', laChildId: 'KEEP01' });
  duplicateId = await addChildAs(manager, {
    firstName: 'Eleanor',
    lastName: 'Marchbanks',
    'dateOfBirth-day': '8',
    'dateOfBirth-month': '8',
    'dateOfBirth-year': '2018',
    laChildId: 'DUP01',
    disabilities: 'VIS',
  });
  const allocate = (id: string) =>
    manager.post(`/children/${id}/allocate`, { workerId: t.users.worker, role: 'social_worker', 'fromDate-day': '2', 'fromDate-month': '11', 'fromDate-year': '2026' });
  expect((await allocate(survivorId)).statusCode).toBe(303);
  expect((await allocate(duplicateId)).statusCode).toBe(303);
  await manager.post(`/children/${duplicateId}/addresses/new`, { line1: '1 Dup Road', postcode: 'DU1 1PP', 'fromDate-day': '1', 'fromDate-month': '1', 'fromDate-year': '2024' });
  await manager.post(`/children/${duplicateId}/relationships/new`, { who: 'new', firstName: 'Dana', lastName: 'Marchbanks', kind: 'mother' });
  await manager.post(`/children/${duplicateId}/relationships/new`, { who: 'existing', laChildId: 'KEEP01', kind: 'sibling' });
  await happened(t.ctx.db, duplicateId, 'referral.received', '2026-10-01', null, t.users.manager);
});
afterAll(async () => t.close());

describe('merging a duplicate record', () => {
  it('finds every table that points at a child from the foreign keys, including later service areas', async () => {
    expect(await childReferences(t.ctx.db)).toEqual(
      expect.arrayContaining([
        { table: 'relationship', column: 'related_person_id' },
        { table: 'clock', column: 'child_id' },
        { table: 'cin_episode', column: 'child_id' },
        { table: 'plan', column: 'child_id' },
      ]),
    );
  });

  it('is for managers only', async () => {
    const worker = await t.signIn('worker');
    expect((await worker.get(`/children/${duplicateId}/merge`)).statusCode).toBe(403);
    expect((await worker.post(`/children/${duplicateId}/merge`, { survivor: 'KEEP01', reason: 'Same child' })).statusCode).toBe(403);
  });

  it('asks for the record to keep and a reason', async () => {
    const response = await manager.post(`/children/${duplicateId}/merge`, { survivor: 'NOSUCH', reason: '' });
    expect(response.statusCode).toBe(400);
    expect(textOf(response.body)).toContain('Say why these are the same child');
    const unknown = await manager.post(`/children/${duplicateId}/merge`, { survivor: 'NOSUCH', reason: 'Same child' });
    expect(unknown.statusCode).toBe(422);
    expect(textOf(unknown.body)).toContain('No child you have access to has this LA child ID');
    expect(unknown.body).toContain('value="NOSUCH"');
  });

  it('moves everything to the record kept, keeping the previous versions, and redirects the old address', async () => {
    const eventsBefore = await t.ctx.db.selectFrom('child_event').select('id').where('child_id', '=', duplicateId).execute();
    expect(eventsBefore.length).toBeGreaterThan(2);
    const response = await manager.post(`/children/${duplicateId}/merge`, { survivor: 'keep01', reason: 'Same child: name misspelt at the front door' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/children/${survivorId}`);

    const db = t.ctx.db;
    for (const { table, column } of await childReferences(t.ctx.db)) {
      const left = await db.selectFrom(table as 'address').select('id').where(column as 'person_id', '=', duplicateId).execute();
      // Only the ended relationship between the two records stays behind.
      if (table === 'relationship') expect(left.length, `${table}.${column}`).toBeLessThanOrEqual(1);
      else expect(left, `${table}.${column}`).toHaveLength(0);
    }
    const events = await db.selectFrom('child_event').select(['id', 'type']).where('child_id', '=', survivorId).execute();
    for (const e of eventsBefore) expect(events.some((x) => x.id === e.id)).toBe(true);
    expect(events.some((e) => e.type === 'person.merged')).toBe(true);
    const clocks = await db.selectFrom('clock').select('rule_id').where('child_id', '=', survivorId).execute();
    expect(clocks.map((c) => c.rule_id)).toContain('assessment-completed');

    const duplicate = await db.selectFrom('person').selectAll().where('id', '=', duplicateId).executeTakeFirstOrThrow();
    expect(duplicate.merged_into).toBe(survivorId);
    expect(duplicate.deleted_at).not.toBeNull();
    const link = await db.selectFrom('person_link').selectAll().where('person_id', '=', duplicateId).where('decision', '=', 'merged').executeTakeFirstOrThrow();
    expect(link).toMatchObject({ other_person_id: survivorId, reason: 'Same child: name misspelt at the front door' });
    const mergeVersions = await db.selectFrom('record_version').select(['table_name']).where('change', '=', 'merge').execute();
    expect(new Set(mergeVersions.map((v) => v.table_name))).toEqual(new Set(['person', 'child_event', 'allocation', 'address', 'person_disability', 'relationship', 'access_grant', 'clock']));
    const audits = await db.selectFrom('audit_log').select('child_id').where('action', '=', 'merge').execute();
    expect(audits.map((a) => a.child_id).sort()).toEqual([duplicateId, survivorId].sort());

    const old = await manager.get(`/children/${duplicateId}`);
    expect(old.statusCode).toBe(302);
    expect(old.headers.location).toBe(`/children/${survivorId}`);
    const page = textOf((await manager.get(`/children/${survivorId}`)).body);
    expect(page).toContain('Dana Marchbanks');
    expect(page).toContain('DU1 1PP');
    expect(page).not.toContain('Eleanor Marchbanks Brother or sister');
    // Both allocations moved: one per worker per role is shown, and the worker still sees the child.
    expect((await (await t.signIn('worker')).get(`/children/${survivorId}`)).statusCode).toBe(200);
    // Searching no longer finds the closed duplicate.
    const search = await manager.get('/children?q=DUP01');
    expect(textOf(search.body)).toContain('0 children found');
  });

  it('refuses to merge a record that has already been merged', async () => {
    const again = await manager.api('POST', `/api/v1/children/${duplicateId}/merge`, { survivor: 'KEEP01', reason: 'again' });
    expect(again.statusCode).toBe(404);
    expect(again.json().error).toBe('This record was merged into another');
  });
});
