import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { audit } from '../access/audit.ts';
import { addChild } from '../clocks/test-fixtures.ts';

let t: TestApp;
let admin: Agent;
let childId: string;

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
/** The rows of the results table, as text. */
const rows = (html: string) => [...html.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].slice(1).map((m) => text(m[1]!).trim());

beforeAll(async () => {
  t = await startTestApp();
  const db = t.ctx.db;
  childId = await addChild(db, { firstName: 'Amira', lastName: 'Ahmed', laChildId: 'LA-100' }, t.users.admin);
  await t.signIn('worker');
  await audit(db, { userId: t.users.worker, username: 'worker', action: 'view-child', childId, objectType: 'person', objectId: childId });
  await audit(db, { userId: t.users.colleague, username: 'colleague', action: 'update', childId, objectType: 'address', objectId: 'addr-1' });
  await audit(db, { userId: null, username: 'NoSuchPerson', action: 'sign-in-failed' });
  // Entries on known days, either side of midnight in London (GMT in March, BST in June).
  const at = (iso: string, action: 'export' | 'merge') =>
    db.insertInto('audit_log').values({ at: new Date(iso), user_id: t.users.analyst, username: 'analyst', action, detail: '{}' }).execute();
  await at('2026-03-05T23:30:00Z', 'export'); // 5 March in London
  await at('2026-06-01T23:30:00Z', 'export'); // 2 June in London (00:30 BST)
  await at('2026-06-02T22:59:00Z', 'export'); // still 2 June in London (23:59 BST)
  await at('2026-06-02T23:00:00Z', 'merge'); // 3 June in London
  // 120 entries for one user, for paging.
  await db
    .insertInto('audit_log')
    .values(Array.from({ length: 120 }, (_, i) => ({ at: new Date(Date.UTC(2025, 0, 1, 0, i)), user_id: t.users.adviser, username: 'adviser', action: 'search-children', detail: JSON.stringify({ n: i }) })))
    .execute();
  admin = await t.signIn('admin');
});
afterAll(async () => t.close());

describe('searching the audit log', () => {
  it('is for administrators only: anyone else is refused, and the refusal is itself audited', async () => {
    const worker = await t.signIn('worker');
    expect((await worker.get('/admin/audit')).statusCode).toBe(403);
    expect((await worker.get('/api/v1/audit')).statusCode).toBe(403);
    const denied = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'denied').where('user_id', '=', t.users.worker).execute();
    expect(denied.map((d) => d.object_id)).toContain('/admin/audit');
  });

  it('shows who, what, when and which child, newest first, and records that the log was viewed', async () => {
    const page = await admin.get('/admin/audit');
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Showing entries 1 to 50, newest first');
    const viewed = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'view-audit').where('user_id', '=', t.users.admin).execute();
    expect(viewed).toHaveLength(1);
  });

  it('filters by user, including a username no account has (a failed sign-in)', async () => {
    const page = await admin.get('/admin/audit?username=COLLEAGUE');
    expect(rows(page.body)).toEqual([expect.stringMatching(/colleague Changed LA-100 address addr-1/)]);
    // The child links to the log's entries about them: an administrator does not open children's records.
    expect(page.body).toContain('href="/admin/audit?child=LA-100"');
    expect(page.body).not.toContain(`href="/children/${childId}"`);
    const failed = await admin.get('/admin/audit?username=nosuchperson');
    expect(rows(failed.body)).toEqual([expect.stringMatching(/NoSuchPerson Sign-in failed/)]);
  });

  it('filters by child, from the LA child id, and records the search against that child', async () => {
    const page = await admin.get('/admin/audit?child=LA-100');
    const found = rows(page.body);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/colleague Changed LA-100/); // newest first
    expect(found[1]).toMatch(/worker Viewed a child’s record LA-100 person/);
    const entry = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'view-audit').where('child_id', '=', childId).executeTakeFirst();
    expect(entry?.detail).toMatchObject({ laChildId: 'LA-100' });
  });

  it('says so when no child has the LA child id', async () => {
    const page = await admin.get('/admin/audit?child=LA-999');
    expect(page.statusCode).toBe(400);
    expect(text(page.body)).toContain('No child has the LA child id LA-999');
    expect(page.body).toContain('value="LA-999"');
  });

  it('filters by action', async () => {
    const page = await admin.get('/admin/audit?action=merge');
    expect(rows(page.body)).toEqual([expect.stringMatching(/analyst Merged records/)]);
    expect(page.body).toMatch(/<option value="merge" selected>/);
  });

  it('filters by dates in England, whatever the clock change: a day runs from midnight to midnight London time', async () => {
    const page = await admin.get('/admin/audit?from-day=2&from-month=6&from-year=2026&to-day=2&to-month=6&to-year=2026');
    const found = rows(page.body);
    expect(found).toHaveLength(2);
    expect(found.every((r) => r.includes('Exported'))).toBe(true);
    expect(found[0]).toMatch(/2 June 2026 at 11:59pm|2 June 2026, 11:59pm|2 June 2026 11:59pm/);
    const march = rows((await admin.get('/admin/audit?from-day=5&from-month=3&from-year=2026&to-day=5&to-month=3&to-year=2026')).body);
    expect(march).toHaveLength(1);
  });

  it('refuses dates that are not real, or a range that ends before it starts, keeping what was typed', async () => {
    const bad = await admin.get('/admin/audit?from-day=31&from-month=2&from-year=2026');
    expect(bad.statusCode).toBe(400);
    expect(text(bad.body)).toContain('Date from must be a real date');
    expect(bad.body).toContain('value="31"');
    expect(bad.body).toContain('href="#from-day"'); // the error summary goes to the day field
    const backwards = await admin.get('/admin/audit?from-day=2&from-month=6&from-year=2026&to-day=1&to-month=6&to-year=2026');
    expect(backwards.statusCode).toBe(400);
    expect(text(backwards.body)).toContain('Date to must be the same as or after date from');
  });

  it('pages 50 entries at a time, keeping the filters in the page links', async () => {
    const first = await admin.get('/admin/audit?username=adviser');
    expect(rows(first.body)).toHaveLength(50);
    expect(first.body).toContain('href="/admin/audit?username=adviser&amp;page=2"');
    const third = await admin.get('/admin/audit?username=adviser&page=3');
    expect(rows(third.body)).toHaveLength(20);
    expect(text(third.body)).toContain('Showing entries 101 to 120');
    expect(third.body).not.toContain('page=4');
    expect(third.body).toContain('href="/admin/audit?username=adviser&amp;page=2"');
  });

  it('gives the same search through the API', async () => {
    const response = await admin.get('/api/v1/audit?username=adviser&page=3');
    expect(response.statusCode).toBe(200);
    const json = response.json() as { entries: { action: string; detail: { n: number } }[]; hasNext: boolean; page: number };
    expect(json.page).toBe(3);
    expect(json.hasNext).toBe(false);
    expect(json.entries).toHaveLength(20);
    expect(json.entries[0]!.detail.n).toBe(19); // newest of the oldest twenty
    expect((await admin.get('/api/v1/audit?from=2026-02-30')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/audit?child=LA-999')).statusCode).toBe(422);
  });
});
