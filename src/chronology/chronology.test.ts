// The child's chronology, as a worker, a manager and a court would use it (DESIGN.md §2.8).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { versionsOf } from '../db/history.ts';
import { recordEvent } from './journal.ts';
import type { EventType } from './event-types.ts';
import { lateRecording, lateNote } from './service.ts';

let t: TestApp;
let worker: Agent;

interface ChildOptions {
  firstName?: string;
  lastName?: string;
  dateOfBirth?: string;
  laChildId?: string;
  allocatedTo?: string | null;
}

/** A child in the foundation tables, allocated (by default) to the test 'worker'. */
async function makeChild(options: ChildOptions = {}): Promise<string> {
  const id = randomUUID();
  await t.ctx.db
    .insertInto('person')
    .values({
      id,
      kind: 'child',
      first_name: options.firstName ?? 'Amira',
      last_name: options.lastName ?? 'Okafor',
      date_of_birth: options.dateOfBirth ?? '2016-04-12',
      la_child_id: options.laChildId ?? `LA-${id.slice(0, 8)}`,
      recorded_by: t.users.worker,
    })
    .execute();
  const allocatedTo = options.allocatedTo === undefined ? t.users.worker : options.allocatedTo;
  if (allocatedTo) {
    await t.ctx.db
      .insertInto('allocation')
      .values({ id: randomUUID(), child_id: id, worker_id: allocatedTo, role: 'social worker', from_date: '2026-01-05', recorded_by: t.users.manager })
      .execute();
  }
  return id;
}

/** What another service would write: a fact's journal event, through recordEvent. */
async function serviceEvent(childId: string, type: EventType, occurredOn: string, title: string, options: { by?: string; recordedAt?: string } = {}) {
  const id = await recordEvent(
    t.ctx.db,
    { childId, type, occurredOn, sourceTable: 'test_fact', sourceId: randomUUID(), title },
    options.by ?? t.users.worker,
  );
  if (options.recordedAt) await t.ctx.db.updateTable('child_event').set({ recorded_at: new Date(options.recordedAt) }).where('id', '=', id).execute();
  return id;
}

const entryForm = (date: string, fields: Record<string, string>) => {
  const [year, month, day] = date.split('-');
  return { 'occurredOn-day': String(Number(day)), 'occurredOn-month': String(Number(month)), 'occurredOn-year': year!, significance: 'normal', ...fields };
};

/** The rows of the chronology table, as text, in the order shown. */
function rowsOf(html: string): string[] {
  const body = html.split('<tbody class="govuk-table__body">')[1]?.split('</tbody>')[0] ?? '';
  return body
    .split('</tr>')
    .map((row) => row.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

const chronologyEntryCount = async (childId: string) =>
  Number(
    (await t.ctx.db.selectFrom('chronology_entry').select((eb) => eb.fn.countAll().as('n')).where('child_id', '=', childId).executeTakeFirstOrThrow()).n,
  );
const journalCount = async (childId: string) =>
  Number((await t.ctx.db.selectFrom('child_event').select((eb) => eb.fn.countAll().as('n')).where('child_id', '=', childId).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
});
afterAll(async () => t.close());

describe('assembling the chronology', () => {
  it('shows events recorded by other services, with category, significance and who recorded them', async () => {
    const child = await makeChild();
    await serviceEvent(child, 'referral.received', '2026-03-02', 'Referral from school: bruising seen on arm');
    await serviceEvent(child, 's47.initiated', '2026-03-04', 'Section 47 enquiry started', { by: t.users.colleague });
    await serviceEvent(child, 'visit.cp', '2026-03-10', 'Home visit, seen alone');

    const page = await worker.get(`/children/${child}/chronology`);
    expect(page.statusCode).toBe(200);
    const rows = rowsOf(page.body);
    expect(rows).toHaveLength(3);
    // Newest first by default.
    expect(rows[0]).toContain('10 March 2026');
    expect(rows[0]).toContain('Visits');
    expect(rows[2]).toContain('Referral from school: bruising seen on arm');
    expect(rows[2]).toContain('Referral and episode');
    expect(rows[2]).toContain('High');
    expect(rows[1]).toContain('colleague');
    expect(page.body).toContain('Amira Okafor');
    // Nothing from before the first referral yet: the gap Newham 2014 ¶11 found is pointed out.
    expect(page.body).toContain('Nothing is recorded from before Amira’s first referral on 2 March 2026');
  });

  it('puts history from before Lantern knew the child in date order with its source, even before birth (Newham 2014 ¶2, ¶11)', async () => {
    const child = await makeChild({ dateOfBirth: '2016-04-12' });
    await serviceEvent(child, 'referral.received', '2026-02-01', 'Referral from health visitor');
    const added = await worker.post(
      `/children/${child}/chronology/new`,
      entryForm('2014-09-01', { kind: 'history', source: 'Previous council’s records (Kent)', title: 'Older sibling removed under a care order', detail: 'Neglect.\nPlaced with grandparents.' }),
    );
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`/children/${child}/chronology`);
    await worker.post(
      `/children/${child}/chronology/new`,
      entryForm('2019-06-02', { kind: 'partner', source: 'Metropolitan Police', title: 'Police attended a domestic incident at the family home', significance: 'high' }),
    );

    const page = await worker.get(`/children/${child}/chronology?order=oldest`);
    const rows = rowsOf(page.body);
    expect(rows.map((r) => r.slice(0, 20))).toEqual([
      expect.stringContaining('1 September 2014'),
      expect.stringContaining('2 June 2019'),
      expect.stringContaining('1 February 2026'),
    ]);
    expect(rows[0]).toContain('History before Lantern');
    expect(rows[0]).toContain('Source: Previous council’s records (Kent)');
    expect(rows[0]).not.toContain('working days later'); // history is recorded later by nature
    expect(page.body).toContain('Neglect.<br />');
    expect(rows[1]).toContain('Information from partners');
    expect(rows[1]).toContain('Source: Metropolitan Police');
    expect(page.body).not.toContain('Nothing is recorded from before');

    // Each entry wrote its journal event in the same transaction, pointing back at the entry.
    const events = await t.ctx.db.selectFrom('child_event').selectAll().where('child_id', '=', child).where('source_table', '=', 'chronology_entry').orderBy('occurred_on').execute();
    expect(events.map((e) => [e.type, e.category, e.significance])).toEqual([
      ['chronology.history', 'history', 'normal'],
      ['chronology.partner', 'partner', 'high'],
    ]);
  });

  it('asks partner information to name the agency, and keeps what was typed', async () => {
    const child = await makeChild();
    const response = await worker.post(`/children/${child}/chronology/new`, entryForm('2025-05-05', { kind: 'partner', source: '', title: 'School raised attendance concerns' }));
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Enter the agency the information came from');
    expect(response.body).toContain('value="School raised attendance concerns"');
    expect(response.body).toContain('value="2025"');
    expect(await chronologyEntryCount(child)).toBe(0);
  });

  it('refuses a date in the future with a clear message and stores nothing', async () => {
    const child = await makeChild();
    const before = await journalCount(child);
    const response = await worker.post(`/children/${child}/chronology/new`, entryForm('2026-11-21', { kind: 'note', title: 'Mother due to move house' }));
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('There is a problem');
    expect(response.body).toContain('The date it happened must be today or in the past (today is 20 November 2026)');
    expect(response.body).toContain('href="#occurredOn"');
    expect(response.body).toContain('value="Mother due to move house"');
    expect(await chronologyEntryCount(child)).toBe(0);
    expect(await journalCount(child)).toBe(before);

    const api = await worker.api('POST', `/api/v1/children/${child}/chronology`, { occurredOn: '2027-01-01', kind: 'note', title: 'Planned move' });
    expect(api.statusCode).toBe(422);
    expect(api.json().error).toContain('must be today or in the past');
    expect(await chronologyEntryCount(child)).toBe(0);
  });

  it('refuses an event other than history dated before the child was born, and says to choose history instead', async () => {
    const child = await makeChild({ dateOfBirth: '2016-04-12' });
    const response = await worker.post(`/children/${child}/chronology/new`, entryForm('2015-01-01', { kind: 'note', title: 'Parents separated' }));
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('The date it happened cannot be before the child was born (12 April 2016): check the year');
    expect(response.body).toContain('For family history from before then, choose ‘History before Lantern’');
    expect(response.body).toContain('value="Parents separated"');
    expect(await chronologyEntryCount(child)).toBe(0);
  });

  it('allows an event after the child’s death: the chronology goes on (an inquest, a practice review)', async () => {
    const child = await makeChild({ dateOfBirth: '2016-04-12' });
    await t.ctx.db.updateTable('person').set({ date_of_death: '2026-03-01' }).where('id', '=', child).execute();
    const response = await worker.post(`/children/${child}/chronology/new`, entryForm('2026-09-14', { kind: 'note', title: 'Inquest opened' }));
    expect(response.statusCode).toBe(303);
    expect(await chronologyEntryCount(child)).toBe(1);
  });

  it('holds an unborn child’s entries to 40 weeks before the baby is due', async () => {
    const child = await makeChild();
    await t.ctx.db.updateTable('person').set({ kind: 'unborn', date_of_birth: null, expected_date_of_birth: '2027-01-10' }).where('id', '=', child).execute();
    const early = await worker.post(`/children/${child}/chronology/new`, entryForm('2026-03-01', { kind: 'note', title: 'Pregnancy confirmed by GP' }));
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain('cannot be more than 40 weeks before the baby is due (10 January 2027)');
    expect(await chronologyEntryCount(child)).toBe(0);
    const inPregnancy = await worker.post(`/children/${child}/chronology/new`, entryForm('2026-05-01', { kind: 'note', title: 'Pregnancy confirmed by GP' }));
    expect(inPregnancy.statusCode).toBe(303);
  });

  it('refuses a date that is not a real date', async () => {
    const child = await makeChild();
    const response = await worker.post(`/children/${child}/chronology/new`, { ...entryForm('2025-02-30', { kind: 'note', title: 'Something' }) });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('The date it happened must be a real date');
    expect(await chronologyEntryCount(child)).toBe(0);
  });
});

describe('late recording (DESIGN.md §2.2)', () => {
  it('flags an event recorded more than 5 working days after it happened', async () => {
    const child = await makeChild();
    // 1 June 2026 (Monday) to 30 June: 21 working days.
    await serviceEvent(child, 'visit.cp', '2026-06-01', 'Visit written up a month late', { recordedAt: '2026-06-30T10:00:00Z' });
    // 1 June to 8 June: 5 working days, on time.
    await serviceEvent(child, 'visit.cp', '2026-06-01', 'Visit written up within the week', { recordedAt: '2026-06-08T16:00:00Z' });
    const rows = rowsOf((await worker.get(`/children/${child}/chronology`)).body);
    const late = rows.find((r) => r.includes('a month late'))!;
    const onTime = rows.find((r) => r.includes('within the week'))!;
    expect(late).toContain('Recorded 21 working days later');
    expect(onTime).not.toContain('working days later');
  });

  it('counts working days without weekends and bank holidays, and stays calm outside the calendar', () => {
    // Christmas 2025: 25, 26 Dec and 1 Jan are bank holidays. From Wednesday 24 Dec to Monday 5 Jan
    // is 29, 30, 31 Dec, 2 and 5 Jan: 5 working days, not late. From Tuesday 23 Dec it is 6.
    expect(lateRecording('2025-12-24', '2026-01-05')).toBeNull();
    expect(lateRecording('2025-12-23', '2026-01-05')).toEqual({ workingDays: 6, atLeast: false });
    expect(lateRecording('2026-06-01', '2026-05-01')).toBeNull(); // recorded before it happened (planned)
    const old = lateRecording('1998-05-01', '2026-11-20');
    expect(old?.atLeast).toBe(true);
    expect(lateNote(old!)).toMatch(/^recorded more than [\d,]+ working days later$/);
    expect(lateRecording('2031-01-01', '2032-06-01')).toBeNull();
    expect(lateRecording('not a date', '2026-01-01')).toBeNull();
  });
});

describe('filters', () => {
  let child: string;
  beforeAll(async () => {
    child = await makeChild();
    await serviceEvent(child, 'referral.received', '2025-01-10', 'Referral A');
    await serviceEvent(child, 'visit.cin', '2025-03-15', 'Visit B');
    await serviceEvent(child, 'icpc.held', '2025-06-20', 'Conference C');
    await serviceEvent(child, 'core-group.held', '2025-07-01', 'Core group D');
    await serviceEvent(child, 'proceedings.issued', '2026-02-01', 'Proceedings E');
  });

  it('filters by category (checkboxes)', async () => {
    const rows = rowsOf((await worker.get(`/children/${child}/chronology?category=protection&category=court`)).body);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('Proceedings E');
    expect(rows[1]).toContain('Core group D');
    expect(rows[2]).toContain('Conference C');
  });

  it('shows high significance only', async () => {
    const page = await worker.get(`/children/${child}/chronology?significance=high`);
    const rows = rowsOf(page.body);
    expect(rows).toHaveLength(3);
    expect(rows.join()).not.toContain('Visit B');
    expect(rows.join()).not.toContain('Core group D');
    expect(page.body).toContain('High significance only');
  });

  it('filters by a date range typed into the date inputs, oldest first', async () => {
    const page = await worker.get(`/children/${child}/chronology?from-day=1&from-month=3&from-year=2025&to-day=30&to-month=6&to-year=2025&order=oldest`);
    const rows = rowsOf(page.body);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Visit B');
    expect(rows[1]).toContain('Conference C');
    expect(page.body).toContain('From 1 March 2025 to 30 June 2025');
    // The print link carries the same filters.
    expect(page.body).toContain(`/children/${child}/chronology/print?from=2025-03-01&amp;to=2025-06-30&amp;order=oldest`);
  });

  it('explains a date range the wrong way round and still shows the chronology', async () => {
    const page = await worker.get(`/children/${child}/chronology?from=2025-06-01&to=2025-01-01`);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('The end of the date range must be the same as or after the start');
    expect(page.body).toContain('href="#to-day"');
    expect(rowsOf(page.body)).toHaveLength(5);
  });

  it('sends a print with filters that make no sense back to the screen view, which says what is wrong', async () => {
    const print = await worker.get(`/children/${child}/chronology/print?from=2025-06-01&to=2025-01-01`);
    expect(print.statusCode).toBe(302);
    expect(print.headers.location).toBe(`/children/${child}/chronology?from=2025-06-01&to=2025-01-01`);
    const page = await worker.get(String(print.headers.location));
    expect(page.body).toContain('The end of the date range must be the same as or after the start');
  });

  it('takes the same filters through the API', async () => {
    const response = await worker.get(`/api/v1/children/${child}/chronology?category=protection,court&significance=high&from=2025-06-01&order=oldest`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.total).toBe(2);
    expect(body.entries.map((e: { title: string }) => e.title)).toEqual(['Conference C', 'Proceedings E']);
    expect(body.entries[0]).toMatchObject({ occurredOn: '2025-06-20', category: 'protection', categoryLabel: 'Child protection', significance: 'high', recordedBy: 'worker' });
    expect(body.child).toMatchObject({ id: child, name: 'Amira Okafor', dateOfBirth: '2016-04-12' });

    const bad = await worker.get(`/api/v1/children/${child}/chronology?category=gossip`);
    expect(bad.statusCode).toBe(400);
  });
});

describe('who may see and change it', () => {
  it('refuses a worker in another team, on the page, the print view, the form and the API', async () => {
    const child = await makeChild();
    await serviceEvent(child, 'referral.received', '2026-01-10', 'Referral');
    const other = await t.signIn('otherWorker');
    expect((await other.get(`/children/${child}/chronology`)).statusCode).toBe(403);
    expect((await other.get(`/children/${child}/chronology/print`)).statusCode).toBe(403);
    expect((await other.get(`/children/${child}/chronology/new`)).statusCode).toBe(403);
    expect((await other.get(`/api/v1/children/${child}/chronology`)).statusCode).toBe(403);
    const post = await other.api('POST', `/api/v1/children/${child}/chronology`, { occurredOn: '2026-01-01', kind: 'note', title: 'Not mine to add' });
    expect(post.statusCode).toBe(403);
    expect(await chronologyEntryCount(child)).toBe(0);
    const denied = await t.ctx.db.selectFrom('audit_log').selectAll().where('user_id', '=', other.userId).where('action', '=', 'denied').execute();
    expect(denied.length).toBeGreaterThanOrEqual(5);
  });

  it('lets a read-only role read it but not add to it', async () => {
    const child = await makeChild();
    await serviceEvent(child, 'referral.received', '2026-01-10', 'Referral');
    const analyst = await t.signIn('analyst');
    const page = await analyst.get(`/children/${child}/chronology`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Add to the chronology');
    expect((await analyst.get(`/children/${child}/chronology/new`)).statusCode).toBe(403);
  });

  it('does not show a partner agency the chronology of a child they referred', async () => {
    const child = await makeChild();
    await serviceEvent(child, 'contact.received', '2026-01-10', 'Contact from police', { by: t.users.partner });
    const partner = await t.signIn('partner');
    expect((await partner.get(`/children/${child}/chronology`)).statusCode).toBe(403);
    // Not even with a grant to the record: refused, and the refusal names the child.
    await t.ctx.db.insertInto('access_grant').values({ id: randomUUID(), child_id: child, user_id: t.users.partner, reason: 'test', granted_by: t.users.admin }).execute();
    const granted = await partner.get(`/children/${child}/chronology`);
    expect(granted.statusCode).toBe(403);
    expect(granted.body).toContain('Partner agency users cannot see a child’s chronology');
    const denied = await t.ctx.db.selectFrom('audit_log').select('action').where('user_id', '=', t.users.partner).where('child_id', '=', child).execute();
    expect(denied.map((d) => d.action)).toEqual(['denied', 'denied']);
  });

  it('answers 404, not an error, for an id that cannot exist', async () => {
    expect((await worker.get('/children/not-a-child/chronology')).statusCode).toBe(404);
  });
});

describe('the print view for a court bundle', () => {
  it('has the child, the filters, who produced it and every entry numbered, and is audited', async () => {
    const child = await makeChild({ firstName: 'Mia', lastName: 'Thornbury', dateOfBirth: '2015-08-30', laChildId: 'BW-PRINT-0001' });
    await worker.post(`/children/${child}/chronology/new`, entryForm('2012-02-02', { kind: 'history', source: 'Mother', title: 'Mother left care at 18' }));
    // More than one screen page: print shows them all.
    const rows = Array.from({ length: 120 }, (_, i) => ({
      id: randomUUID(),
      child_id: child,
      type: 'visit.cin',
      occurred_on: `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      source_table: 'test_fact',
      source_id: randomUUID(),
      title: `Visit number ${i + 1}`,
      category: 'visit',
      significance: 'normal',
      recorded_by: t.users.colleague,
    }));
    await t.ctx.db.insertInto('child_event').values(rows).execute();

    const page = await worker.get(`/children/${child}/chronology/print?order=oldest`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Chronology of Mia Thornbury');
    expect(page.body).toContain('30 August 2015');
    expect(page.body).toContain('BW-PRINT-0001');
    expect(page.body).toContain('All categories; All significance; All dates; Oldest first');
    expect(page.body).toContain('by worker (Social worker), Test Council');
    expect(page.body).toContain('20 November 2026');
    expect(page.body).toContain('/chronology/print.css');
    expect(page.body).toContain('lantern-no-print');
    const printed = rowsOf(page.body);
    expect(printed).toHaveLength(121);
    expect(printed[0]).toMatch(/^1 2 February 2012 History before Lantern Mother left care at 18/);
    expect(printed[120]).toMatch(/^121 /);
    expect(page.body).not.toContain('govuk-pagination');

    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('child_id', '=', child).where('action', '=', 'print-chronology').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ user_id: worker.userId, object_type: 'chronology' });
    expect(audit[0]!.detail).toMatchObject({ order: 'oldest', page: 'all', categories: [], significance: 'all' });

    const css = await worker.get('/chronology/print.css');
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.body).toContain('break-inside: avoid');
  });

  it('audits the screen view', async () => {
    const child = await makeChild();
    await worker.get(`/children/${child}/chronology?significance=high`);
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('child_id', '=', child).where('action', '=', 'view-chronology').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ significance: 'high', page: 1 });
  });
});

describe('a long chronology', () => {
  it('pages 1,050 entries 100 at a time with GOV.UK pagination', async () => {
    const child = await makeChild();
    const rows = Array.from({ length: 1050 }, (_, i) => ({
      id: randomUUID(),
      child_id: child,
      type: i % 10 === 0 ? 'cp-review.held' : 'visit.cp',
      occurred_on: `${2020 + Math.floor(i / 200)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      source_table: 'test_fact',
      source_id: randomUUID(),
      title: `Event ${i + 1}`,
      category: i % 10 === 0 ? 'protection' : 'visit',
      significance: i % 10 === 0 ? 'high' : 'normal',
      recorded_by: t.users.worker,
    }));
    await t.ctx.db.insertInto('child_event').values(rows).execute();

    const first = await worker.get(`/children/${child}/chronology`);
    expect(rowsOf(first.body)).toHaveLength(100);
    expect(first.body).toContain('Showing 1 to 100 of 1050 entries');
    expect(first.body).toContain('govuk-pagination');
    expect(first.body).toContain(`href="/children/${child}/chronology?page=11"`);

    const last = await worker.get(`/children/${child}/chronology?page=11`);
    expect(rowsOf(last.body)).toHaveLength(50);
    expect(last.body).toContain('Showing 1001 to 1050 of 1050 entries');

    // A page past the end shows the last page rather than nothing.
    const beyond = await worker.get(`/children/${child}/chronology?page=40&significance=high`);
    expect(beyond.body).toContain('Showing 101 to 105 of 105 entries');

    const api = (await worker.get(`/api/v1/children/${child}/chronology?pageSize=2000`)).json();
    expect(api.entries).toHaveLength(1050);
    // Newest first: never older than the one before.
    expect(api.entries.every((e: { occurredOn: string }, i: number, all: { occurredOn: string }[]) => i === 0 || all[i - 1]!.occurredOn >= e.occurredOn)).toBe(true);
  });
});

describe('correcting and deleting an entry', () => {
  it('keeps the previous version with the reason when an entry is corrected, and the journal follows', async () => {
    const child = await makeChild();
    await worker.post(`/children/${child}/chronology/new`, entryForm('2026-09-01', { kind: 'note', title: 'Father returned to the home' }));
    const entry = await t.ctx.db.selectFrom('chronology_entry').selectAll().where('child_id', '=', child).executeTakeFirstOrThrow();

    const list = await worker.get(`/children/${child}/chronology`);
    expect(list.body).toContain(`href="/children/${child}/chronology/${entry.id}/change">Correct`);
    expect(list.body).toContain(`href="/children/${child}/chronology/${entry.id}/delete">Delete`);

    const form = await worker.get(`/children/${child}/chronology/${entry.id}/change`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Father returned to the home"');
    expect(form.body).toContain('name="version" value="1"');
    expect(form.body).toContain('Why are you correcting it?');
    // The correction page shows the entry's whole text: the view is audited, naming the entry.
    const views = await t.ctx.db.selectFrom('audit_log').selectAll().where('child_id', '=', child).where('object_id', '=', entry.id).where('action', '=', 'view-child').execute();
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ object_type: 'chronology-entry', user_id: worker.userId });

    const corrected = { kind: 'partner', source: 'Health visitor', title: 'Father returned to the home (reported by the health visitor)', significance: 'high', version: '1' };
    const noReason = await worker.post(`/children/${child}/chronology/${entry.id}/change`, entryForm('2026-08-28', corrected));
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Say why you are correcting this entry');
    expect(noReason.body).toContain('value="Health visitor"');
    expect(await versionsOf(t.ctx.db, entry.id)).toHaveLength(0);

    const changed = await worker.post(`/children/${child}/chronology/${entry.id}/change`, entryForm('2026-08-28', { ...corrected, reason: 'The health visitor told us, not the school' }));
    expect(changed.statusCode).toBe(303);
    expect(changed.headers.location).toBe(`/children/${child}/chronology`);

    const versions = await versionsOf(t.ctx.db, entry.id);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ change: 'update', reason: 'The health visitor told us, not the school' });
    expect(versions[0]!.data).toMatchObject({ title: 'Father returned to the home', kind: 'note', version: 1 });

    const event = await t.ctx.db.selectFrom('child_event').selectAll().where('source_id', '=', entry.id).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ occurred_on: '2026-08-28', type: 'chronology.partner', category: 'partner', significance: 'high', title: 'Father returned to the home (reported by the health visitor)' });

    const rows = rowsOf((await worker.get(`/children/${child}/chronology`)).body);
    expect(rows[0]).toContain('Information from partners');
    expect(rows[0]).toContain('Source: Health visitor');
    expect(rows[0]).toContain('Corrected');

    // A second save from the same stale form is refused, not silently applied, and says what to do.
    const stale = await worker.post(`/children/${child}/chronology/${entry.id}/change`, entryForm('2026-08-28', { kind: 'note', title: 'Stale', version: '1', reason: 'Again' }));
    expect(stale.statusCode).toBe(422);
    expect(stale.body).toContain('Someone else changed this record');
    expect(stale.body).toContain('value="Stale"');
  });

  it('refuses a correction dated before the child was born, storing nothing', async () => {
    const child = await makeChild({ dateOfBirth: '2016-04-12' });
    await worker.post(`/children/${child}/chronology/new`, entryForm('2026-09-01', { kind: 'note', title: 'Moved school' }));
    const entry = await t.ctx.db.selectFrom('chronology_entry').selectAll().where('child_id', '=', child).executeTakeFirstOrThrow();
    const response = await worker.post(`/children/${child}/chronology/${entry.id}/change`, entryForm('2006-09-01', { kind: 'note', title: 'Moved school', version: '1', reason: 'Wrong year' }));
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('cannot be before the child was born (12 April 2016): check the year');
    expect(response.body).toContain('value="2006"');
    expect(await versionsOf(t.ctx.db, entry.id)).toHaveLength(0);
    const event = await t.ctx.db.selectFrom('child_event').select('occurred_on').where('source_id', '=', entry.id).executeTakeFirstOrThrow();
    expect(event.occurred_on).toBe('2026-09-01');
  });

  it('deletes an entry with a reason: it leaves the chronology, a copy is kept', async () => {
    const child = await makeChild();
    await worker.post(`/children/${child}/chronology/new`, entryForm('2026-10-01', { kind: 'note', title: 'Recorded on the wrong child' }));
    const entry = await t.ctx.db.selectFrom('chronology_entry').selectAll().where('child_id', '=', child).executeTakeFirstOrThrow();

    const page = await worker.get(`/children/${child}/chronology/${entry.id}/delete`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Recorded on the wrong child');
    expect(page.body).toContain('Other significant event');

    const noReason = await worker.post(`/children/${child}/chronology/${entry.id}/delete`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Say why you are deleting it');
    expect(await chronologyEntryCount(child)).toBe(1);

    const deleted = await worker.post(`/children/${child}/chronology/${entry.id}/delete`, { reason: 'Belongs to her brother' });
    expect(deleted.statusCode).toBe(303);
    expect(rowsOf((await worker.get(`/children/${child}/chronology`)).body)).toHaveLength(0);
    const stored = await t.ctx.db.selectFrom('chronology_entry').selectAll().where('id', '=', entry.id).executeTakeFirstOrThrow();
    expect(stored.deleted_reason).toBe('Belongs to her brother');
    expect((await versionsOf(t.ctx.db, entry.id))[0]!.change).toBe('delete');
    expect((await worker.get(`/children/${child}/chronology/${entry.id}/change`)).statusCode).toBe(404);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('object_id', '=', entry.id).where('action', '<>', 'view-child').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it('does not open another child’s entry under this child (404), even for a worker who sees both', async () => {
    const first = await makeChild();
    const second = await makeChild();
    await worker.post(`/children/${second}/chronology/new`, entryForm('2026-10-01', { kind: 'note', title: 'About the second child' }));
    const entry = await t.ctx.db.selectFrom('chronology_entry').selectAll().where('child_id', '=', second).executeTakeFirstOrThrow();
    expect((await worker.get(`/children/${first}/chronology/${entry.id}/change`)).statusCode).toBe(404);
    expect((await worker.post(`/children/${first}/chronology/${entry.id}/delete`, { reason: 'x' })).statusCode).toBe(404);
    expect(await chronologyEntryCount(second)).toBe(1);
  });

  it('adds, corrects and deletes an entry through the API', async () => {
    const child = await makeChild();
    const response = await worker.api('POST', `/api/v1/children/${child}/chronology`, {
      occurredOn: '2018-03-01',
      kind: 'history',
      source: 'Grandmother',
      title: 'Family moved from Leeds',
    });
    expect(response.statusCode).toBe(201);
    const { id } = response.json();
    const listed = (await worker.get(`/api/v1/children/${child}/chronology`)).json();
    expect(listed.entries[0]).toMatchObject({ entryId: id, source: 'Grandmother', category: 'history', title: 'Family moved from Leeds' });

    const noReason = await worker.api('PUT', `/api/v1/children/${child}/chronology/${id}`, { occurredOn: '2018-04-01', kind: 'history', source: 'Grandmother', title: 'Family moved from Leeds' });
    expect(noReason.statusCode).toBe(400);
    const corrected = await worker.api('PUT', `/api/v1/children/${child}/chronology/${id}`, {
      occurredOn: '2018-04-01',
      kind: 'history',
      source: 'Grandmother',
      title: 'Family moved from Leeds to Portsby',
      reason: 'Grandmother remembered the month',
      version: 1,
    });
    expect(corrected.statusCode).toBe(200);
    const after = (await worker.get(`/api/v1/children/${child}/chronology`)).json();
    expect(after.entries[0]).toMatchObject({ occurredOn: '2018-04-01', title: 'Family moved from Leeds to Portsby' });
    expect((await versionsOf(t.ctx.db, id))[0]).toMatchObject({ change: 'update', reason: 'Grandmother remembered the month' });

    const removed = await worker.api('DELETE', `/api/v1/children/${child}/chronology/${id}`, { reason: 'Duplicate of the council’s own record' });
    expect(removed.statusCode).toBe(200);
    expect((await worker.get(`/api/v1/children/${child}/chronology`)).json().total).toBe(0);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('object_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });
});
