// One policy decides who sees which child, for single records and for lists alike.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { childVisibleTo, maySeeChild, mayChangeChild, type SignedInUser } from './policy.ts';
import { audit } from './audit.ts';
import type { Role } from './roles.ts';

let t: TestApp;
let allocated: string;
let restricted: string;
let unallocated: string;

const as = async (key: keyof TestApp['users']): Promise<SignedInUser> => {
  const row = await t.ctx.db.selectFrom('app_user').selectAll().where('id', '=', t.users[key]).executeTakeFirstOrThrow();
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role as Role, teamId: row.team_id, agency: row.agency };
};

async function child(restrictedRecord = false): Promise<string> {
  const id = randomUUID();
  await t.ctx.db
    .insertInto('person')
    .values({ id, kind: 'child', first_name: 'Policy', last_name: 'Child', date_of_birth: '2016-01-01', restricted: restrictedRecord, recorded_by: t.users.admin })
    .execute();
  return id;
}

beforeAll(async () => {
  t = await startTestApp();
  allocated = await child();
  restricted = await child(true);
  unallocated = await child();
  for (const childId of [allocated, restricted]) {
    await t.ctx.db
      .insertInto('allocation')
      .values({ id: randomUUID(), child_id: childId, worker_id: t.users.worker, role: 'social_worker', from_date: '2026-01-01', recorded_by: t.users.manager })
      .execute();
  }
});
afterAll(async () => t.close());

describe('who may see a child', () => {
  it.each([
    ['worker', true, 'the allocated worker'],
    ['colleague', true, 'a colleague in the same team (cover)'],
    ['manager', true, 'the manager of that team'],
    ['otherWorker', false, 'a worker in another team'],
    ['frontDoor', true, 'the front door, who must check history on anyone'],
    ['analyst', true, 'a performance analyst, who opens the children behind a figure'],
    ['partner', false, 'a partner agency user who did not refer the child'],
    ['admin', false, 'an administrator, who manages the system, not cases'],
  ] as const)('%s: %s (%s)', async (key, expected, _who) => {
    expect(await maySeeChild(t.ctx.db, await as(key), allocated)).toBe(expected);
  });

  it('a restricted record is hidden even from its allocated worker until access is granted', async () => {
    const worker = await as('worker');
    expect(await maySeeChild(t.ctx.db, worker, restricted)).toBe(false);
    expect(await maySeeChild(t.ctx.db, await as('frontDoor'), restricted)).toBe(false);
    await t.ctx.db
      .insertInto('access_grant')
      .values({ id: randomUUID(), child_id: restricted, user_id: worker.id, reason: 'Allocated worker', granted_by: t.users.admin })
      .execute();
    expect(await maySeeChild(t.ctx.db, worker, restricted)).toBe(true);
  });

  it('lists use the same rule as single records', async () => {
    for (const key of ['worker', 'otherWorker', 'frontDoor', 'partner'] as const) {
      const user = await as(key);
      const listed = await t.ctx.db
        .selectFrom('person')
        .select('id')
        .where('id', 'in', [allocated, restricted, unallocated])
        .where(childVisibleTo(user, sql.ref('person.id')))
        .execute();
      const single = [];
      for (const id of [allocated, restricted, unallocated]) if (await maySeeChild(t.ctx.db, user, id)) single.push(id);
      expect(listed.map((r) => r.id).sort()).toEqual(single.sort());
    }
  });

  it('read-only roles may see but never change', async () => {
    expect(await mayChangeChild(t.ctx.db, await as('analyst'), allocated)).toBe(false);
    expect(await mayChangeChild(t.ctx.db, await as('leader'), allocated)).toBe(false);
    expect(await mayChangeChild(t.ctx.db, await as('worker'), allocated)).toBe(true);
  });
});

describe('the audit log', () => {
  it('is append-only: the database refuses to change or delete an entry', async () => {
    await audit(t.ctx.db, { userId: t.users.worker, action: 'view-child', childId: allocated });
    await expect(sql`UPDATE audit_log SET action = 'nothing'`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
  });
});
