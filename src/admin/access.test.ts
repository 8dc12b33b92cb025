import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { maySeeChild, type SignedInUser } from '../access/policy.ts';
import { addChild, allocate } from '../clocks/test-fixtures.ts';

let t: TestApp;
let admin: Agent;
let sealed: string;
let iroUser: SignedInUser;

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await startTestApp();
  sealed = await addChild(t.ctx.db, { firstName: 'Sealed', lastName: 'Record', laChildId: 'LA-R1', restricted: true }, t.users.admin);
  await allocate(t.ctx.db, sealed, t.users.worker, '2026-01-05', t.users.manager);
  await addChild(t.ctx.db, { firstName: 'Open', lastName: 'Record', laChildId: 'LA-O1' }, t.users.admin);
  iroUser = { id: t.users.iro, username: 'iro', displayName: 'iro', role: 'iro', teamId: null, agency: null };
  admin = await t.signIn('admin');
});
afterAll(async () => t.close());

describe('access to restricted records', () => {
  it('is managed by administrators only', async () => {
    const manager = await t.signIn('manager');
    expect((await manager.get('/admin/access')).statusCode).toBe(403);
    expect((await manager.post('/admin/access', { username: 'manager', laChildId: 'LA-R1', reason: 'Curious' })).statusCode).toBe(403);
    expect((await manager.api('POST', '/api/v1/access-grants', { username: 'manager', laChildId: 'LA-R1', reason: 'Curious' })).statusCode).toBe(403);
    expect(await t.ctx.db.selectFrom('access_grant').selectAll().execute()).toEqual([]);
  });

  it('gives a named user access to a restricted record for a reason, and audits it', async () => {
    expect(await maySeeChild(t.ctx.db, iroUser, sealed)).toBe(false);
    const response = await admin.post('/admin/access', { username: 'IRO', laChildId: 'LA-R1', reason: 'Chairs this child’s reviews' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/access?done=granted');
    expect(await maySeeChild(t.ctx.db, iroUser, sealed)).toBe(true);
    const page = text((await admin.get('/admin/access?done=granted')).body);
    expect(page).toContain('Access given');
    expect(page).toMatch(/LA-R1 iro iro Chairs this child’s reviews 20 November 2026 by admin/);
    const entry = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'grant-access').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ user_id: t.users.admin, child_id: sealed, object_type: 'access_grant' });
    expect(entry.detail).toMatchObject({ change: 'granted', grantedTo: t.users.iro });
  });

  it('says what is wrong and keeps what was typed', async () => {
    const empty = await admin.post('/admin/access', { username: '', laChildId: '', reason: '' });
    expect(empty.statusCode).toBe(400);
    expect(text(empty.body)).toContain('Enter the username of the person who needs access');
    expect(text(empty.body)).toContain('Enter why they need access to this record');
    const cases: [Record<string, string>, string][] = [
      [{ username: 'nobody', laChildId: 'LA-R1', reason: 'x' }, 'No one has the username nobody'],
      [{ username: 'worker', laChildId: 'LA-NONE', reason: 'x' }, 'No child has the LA child id LA-NONE'],
      [{ username: 'worker', laChildId: 'LA-O1', reason: 'x' }, 'This child’s record is not restricted'],
      [{ username: 'admin', laChildId: 'LA-R1', reason: 'x' }, 'administrators and partner agency users do not see records'],
      [{ username: 'partner', laChildId: 'LA-R1', reason: 'x' }, 'administrators and partner agency users do not see records'],
      [{ username: 'iro', laChildId: 'LA-R1', reason: 'Again' }, 'iro already has access to this record'],
    ];
    for (const [form, message] of cases) {
      const response = await admin.post('/admin/access', form);
      expect(response.statusCode, message).toBe(400);
      expect(text(response.body)).toContain(message);
      expect(response.body).toContain(`value="${form['laChildId']}"`);
    }
  });

  it('revokes access, and audits that too', async () => {
    const grant = await t.ctx.db.selectFrom('access_grant').select('id').where('user_id', '=', t.users.iro).executeTakeFirstOrThrow();
    const response = await admin.post(`/admin/access/${grant.id}/revoke`, {});
    expect(response.statusCode).toBe(303);
    expect(await maySeeChild(t.ctx.db, iroUser, sealed)).toBe(false);
    expect(text((await admin.get('/admin/access')).body)).toContain('No one has been given access to a restricted record');
    const entries = await t.ctx.db.selectFrom('audit_log').select('detail').where('action', '=', 'grant-access').orderBy('id').execute();
    expect(entries.map((e) => (e.detail as { change: string }).change)).toEqual(['granted', 'revoked']);
    expect((await admin.post(`/admin/access/${grant.id}/revoke`, {})).statusCode).toBe(422);
  });

  it('does the same through the API', async () => {
    const created = await admin.api('POST', '/api/v1/access-grants', { username: 'worker', laChildId: 'LA-R1', reason: 'Allocated social worker' });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    const list = (await admin.get('/api/v1/access-grants')).json() as { grants: { id: string; username: string; laChildId: string }[] };
    expect(list.grants).toEqual([expect.objectContaining({ id, username: 'worker', laChildId: 'LA-R1' })]);
    expect((await admin.api('POST', `/api/v1/access-grants/${id}/revoke`, {})).statusCode).toBe(200);
    expect((await admin.api('POST', `/api/v1/access-grants/${id}/revoke`, {})).statusCode).toBe(422);
    expect((await admin.api('POST', '/api/v1/access-grants', { username: 'worker', laChildId: 'LA-O1', reason: 'x' })).statusCode).toBe(422);
  });
});
