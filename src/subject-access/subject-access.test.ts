// A subject access request (UK GDPR Article 15): everything held about one child, found from the
// database's own foreign keys, as a printable page and as JSON, for managers only, and audited.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type Agent, type TestApp } from '../../test/support/app.ts';
import { addChildAs, textOf } from '../people/test-support.ts';
import { deleteCaseNote, recordCaseNote } from '../visits/service.ts';

let t: TestApp;
let manager: Agent;
let childId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  manager = await t.signIn('manager');
  const db = t.ctx.db;
  const { users } = t;
  childId = await addChildAs(manager, { firstName: 'Rosa', lastName: 'Kernow', laChildId: 'SAR001', ethnicity: 'WBRI' });
  expect((await manager.post(`/children/${childId}/allocate`, { workerId: users.worker, role: 'social_worker', 'fromDate-day': '2', 'fromDate-month': '11', 'fromDate-year': '2026' })).statusCode).toBe(303);
  expect((await manager.post(`/children/${childId}/addresses/new`, { line1: '4 Chapel Street', postcode: 'TR1 1AA', 'fromDate-day': '3', 'fromDate-month': '4', 'fromDate-year': '2019' })).statusCode).toBe(303);
  expect((await manager.post(`/children/${childId}/relationships/new`, { who: 'new', firstName: 'Morwenna', lastName: 'Kernow', kind: 'mother', parentalResponsibility: 'yes' })).statusCode).toBe(303);
  // The front door: a contact, its decision and a check with the police (a row that points at the contact, not the child).
  ids['contact'] = randomUUID();
  await sql`INSERT INTO contact (id, child_id, received_on, received_time, source, worry, consent, risk_indicators, recorded_by)
    VALUES (${ids['contact']}, ${childId}, '2026-09-01', '09:30', '1A', 'School saw a bruise on her arm', 'GIVEN', '["PHYSICAL_HARM"]', ${users.frontDoor})`.execute(db);
  await sql`INSERT INTO agency_check (id, contact_id, agency, asked_on, summary, recorded_by)
    VALUES (${randomUUID()}, ${ids['contact']}, 'POLICE', '2026-09-01', 'No police record of the family', ${users.frontDoor})`.execute(db);
  ids['episode'] = randomUUID();
  await sql`INSERT INTO cin_episode (id, child_id, referral_date, referral_source, contact_id, recorded_by)
    VALUES (${ids['episode']}, ${childId}, '2026-09-02', '1A', ${ids['contact']}, ${users.manager})`.execute(db);
  await sql`INSERT INTO contact_decision (id, contact_id, decided_on, decided_time, outcome, rationale, cin_episode_id, recorded_by)
    VALUES (${randomUUID()}, ${ids['contact']}, '2026-09-02', '10:00', 'REFERRAL', 'An unexplained injury', ${ids['episode']}, ${users.manager})`.execute(db);
  await sql`INSERT INTO assessment (id, child_id, episode_id, started_on, child_views, recorded_by)
    VALUES (${randomUUID()}, ${childId}, ${ids['episode']}, '2026-09-03', 'Rosa said she fell off her bike', ${users.worker})`.execute(db);
  ids['plan'] = randomUUID();
  await sql`INSERT INTO plan (id, child_id, kind, episode_id, started_on, recorded_by) VALUES (${ids['plan']}, ${childId}, 'cin', ${ids['episode']}, '2026-10-01', ${users.worker})`.execute(db);
  await sql`INSERT INTO visit (id, child_id, visited_on, kind, plan_id, worker_id, child_seen, seen_alone, observations, recorded_by)
    VALUES (${randomUUID()}, ${childId}, '2026-10-15', 'cin', ${ids['plan']}, ${users.worker}, true, 'yes', 'Rosa showed me her new bedroom', ${users.worker})`.execute(db);
  await sql`INSERT INTO care_proceedings (id, child_id, issued_on, court, case_number, application_type, recorded_by)
    VALUES (${randomUUID()}, ${childId}, '2026-11-02', 'Truro Family Court', 'TR26C00042', 'care_order', ${users.manager})`.execute(db);
  const author = { id: users.worker, username: 'worker', displayName: 'worker', role: 'social_worker' as const, teamId: t.teams.safeguarding, agency: null };
  await recordCaseNote(db, author, childId, { notedOn: '2026-11-02', title: 'Phone call with school', note: 'Attendance is better.', significance: 'low' }, TEST_TODAY);
  ids['wrongNote'] = await recordCaseNote(db, author, childId, { notedOn: '2026-11-03', title: 'Note on the wrong child', note: 'About her cousin.', significance: 'low' }, TEST_TODAY);
  await deleteCaseNote(db, author, childId, ids['wrongNote'], 'Recorded on the wrong child');
  const worker = await t.signIn('worker');
  expect((await worker.api('POST', `/api/v1/children/${childId}/chronology`, { occurredOn: '2015-06-01', kind: 'history', source: 'Mother', title: 'Older brother taken into care in Plymouth' })).statusCode).toBe(201);
  // Someone opens the record: that view is part of what is held about her.
  expect((await worker.get(`/children/${childId}`)).statusCode).toBe(200);
}, 120_000);
afterAll(async () => t.close());

interface Export {
  subject: { id: string; name: string; laChildId: string };
  held: Record<string, { title: string; foundThrough: string[]; rows: Record<string, unknown>[] }>;
  audit: { by: string; action: string; objectType: string | null }[];
  earlierVersions: { table_name: string; change: string; reason: string | null }[];
}

const exportOf = async (agent: Agent = manager) => {
  const response = await agent.get(`/api/v1/children/${childId}/subject-access`);
  expect(response.statusCode).toBe(200);
  return response.json() as Export;
};

describe('everything held about one child (UK GDPR Article 15)', () => {
  it('holds the record’s details, relationships, addresses and allocations', async () => {
    const data = await exportOf();
    expect(data.subject).toMatchObject({ id: childId, name: 'Rosa Kernow', laChildId: 'SAR001' });
    expect(data.held['person']!.rows[0]).toMatchObject({ first_name: 'Rosa', ethnicity: 'WBRI' });
    expect(data.held['relationship']!.rows).toHaveLength(1);
    expect(data.held['address']!.rows[0]).toMatchObject({ line1: '4 Chapel Street' });
    expect(data.held['allocation']!.rows[0]).toMatchObject({ worker_id: t.users.worker });
  });

  it('holds every fact that names her, with its dates, including those reached through another record', async () => {
    const data = await exportOf();
    for (const table of ['contact', 'cin_episode', 'assessment', 'plan', 'visit', 'case_note', 'chronology_entry', 'care_proceedings', 'child_event']) {
      expect(data.held[table]?.rows.length, table).toBeGreaterThan(0);
    }
    // Not the child's own rows: found through the contact and the episode they point at.
    expect(data.held['agency_check']!.rows[0]).toMatchObject({ agency: 'POLICE', asked_on: '2026-09-01' });
    expect(data.held['agency_check']!.foundThrough).toEqual(['agency_check.contact_id → contact.id']);
    expect(data.held['contact_decision']!.rows[0]).toMatchObject({ outcome: 'REFERRAL', decided_on: '2026-09-02' });
    expect(data.held['visit']!.rows[0]).toMatchObject({ visited_on: '2026-10-15', observations: 'Rosa showed me her new bedroom' });
  });

  it('holds deleted records with the reason, and the earlier versions kept', async () => {
    const data = await exportOf();
    const deleted = data.held['case_note']!.rows.find((r) => r['id'] === ids['wrongNote']);
    expect(deleted).toMatchObject({ title: 'Note on the wrong child', deleted_reason: 'Recorded on the wrong child' });
    expect(data.earlierVersions).toContainEqual(expect.objectContaining({ table_name: 'case_note', change: 'delete', reason: 'Recorded on the wrong child' }));
  });

  it('holds who opened her record and when, and audits the export itself as an export', async () => {
    const before = await t.ctx.db.selectFrom('audit_log').select('id').where('child_id', '=', childId).where('action', '=', 'export').execute();
    const data = await exportOf();
    expect(data.audit).toContainEqual(expect.objectContaining({ by: 'worker', action: 'view-child', objectType: 'person' }));
    const exports = await t.ctx.db.selectFrom('audit_log').select(['user_id', 'object_type']).where('child_id', '=', childId).where('action', '=', 'export').execute();
    expect(exports.length).toBe(before.length + 1);
    expect(exports.at(-1)).toEqual({ user_id: t.users.manager, object_type: 'subject-access' });
  });

  it('includes a fact recorded in a table added later, and one that points at it, without changing the export', async () => {
    const db = t.ctx.db;
    await sql`CREATE TABLE test_sar_family_group_conference (id uuid PRIMARY KEY, child_id uuid NOT NULL REFERENCES person(id), held_on date NOT NULL, outcome text)`.execute(db);
    await sql`CREATE TABLE test_sar_fgc_attendee (id uuid PRIMARY KEY, conference_id uuid NOT NULL REFERENCES test_sar_family_group_conference(id), name text NOT NULL)`.execute(db);
    const conference = randomUUID();
    await sql`INSERT INTO test_sar_family_group_conference VALUES (${conference}, ${childId}, '2026-11-10', 'Grandmother to care for Rosa at weekends')`.execute(db);
    await sql`INSERT INTO test_sar_fgc_attendee VALUES (${randomUUID()}, ${conference}, 'Aunt Tamsin')`.execute(db);
    // And another child's, which must not appear.
    const other = await addChildAs(manager, { firstName: 'Other', lastName: 'Child', 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '2018' });
    await sql`INSERT INTO test_sar_family_group_conference VALUES (${randomUUID()}, ${other}, '2026-11-11', 'Not Rosa')`.execute(db);

    const data = await exportOf();
    expect(data.held['test_sar_family_group_conference']!.rows).toEqual([expect.objectContaining({ held_on: '2026-11-10', outcome: 'Grandmother to care for Rosa at weekends' })]);
    expect(data.held['test_sar_fgc_attendee']!.rows).toEqual([expect.objectContaining({ name: 'Aunt Tamsin' })]);
    const page = textOf((await manager.get(`/children/${childId}/subject-access`)).body);
    expect(page).toContain('Test sar family group conference');
    expect(page).toContain('Grandmother to care for Rosa at weekends');
    expect(page).toContain('Aunt Tamsin');
    expect(page).not.toContain('Not Rosa');
  });
});

describe('the printable page', () => {
  it('reads as a person would: labels not codes, staff and people by name, dates as dates', async () => {
    const response = await manager.get(`/children/${childId}/subject-access`);
    expect(response.statusCode).toBe(200);
    expect(response.body.match(/<h1/g)).toHaveLength(1);
    const page = textOf(response.body);
    expect(page).toContain('Everything held about Rosa Kernow');
    expect(page).toContain('White British'); // not WBRI
    expect(page).toContain('Morwenna Kernow Mother');
    expect(page).toContain('Allocated social worker'); // the allocation's role, not social_worker
    expect(page).toContain('Referral to children’s social care'); // the decision, not REFERRAL
    expect(page).toContain('Physical harm or unexplained injury'); // the risk indicator
    expect(page).toContain('Police');
    expect(page).toContain('Rosa said she fell off her bike');
    expect(page).toContain('15 October 2026');
    expect(page).toContain('Older brother taken into care in Plymouth');
    expect(page).toContain('Recorded on the wrong child');
    expect(page).toContain('Deleted');
    expect(page).toMatch(/Who has opened or changed the record .*worker Opened: person/);
    expect(page).toContain('Lantern holds no documents');
    expect(page).not.toContain('REFERRAL');
    expect(page).not.toContain('PHYSICAL_HARM');
    expect(page).not.toContain('social_worker');
    expect(page).toContain('The family agreed to the contact');
    expect(page).toContain('Care order (s.31)');
    expect(page).toContain('Child in need plan');
    expect(page).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // ids only as short references
  });

  it('names the parts of the record a manager read, the facts a case audit checked and why an allocation was approved, in words rather than codes', async () => {
    const db = t.ctx.db;
    await sql`INSERT INTO management_oversight (id, child_id, kind, overseen_on, manager_id, parts_read, analysis, direction, recorded_by)
      VALUES (${randomUUID()}, ${childId}, 'oversight', '2026-11-10', ${t.users.manager}, '["chronology", "child_views"]', 'Progress is slow.', 'See Rosa alone at the next visit.', ${t.users.manager})`.execute(db);
    const tool = (await sql<{ id: string }>`SELECT id FROM audit_tool WHERE built_in ORDER BY name LIMIT 1`.execute(db)).rows[0]!;
    const audit = randomUUID();
    await sql`INSERT INTO case_audit (id, child_id, tool_id, status, recorded_by) VALUES (${audit}, ${childId}, ${tool.id}, 'planned', ${t.users.manager})`.execute(db);
    await sql`INSERT INTO case_audit_answer (id, audit_id, child_id, domain_key, domain_title, question_key, question, position, grade, fact, fact_met, fact_says, recorded_by)
      VALUES (${randomUUID()}, ${audit}, ${childId}, 'voice', 'The child’s experience and voice', 'visits', 'The child was visited within the timescale', 1, 'good', 'visits_on_time', true, 'Every visit on time', ${t.users.manager})`.execute(db);
    const allocation = await sql<{ id: string }>`SELECT id FROM allocation WHERE child_id = ${childId} LIMIT 1`.execute(db);
    await sql`INSERT INTO allocation_approval (id, allocation_id, child_id, approved_by, approved_on, needed_for, reason, recorded_by)
      VALUES (${randomUUID()}, ${allocation.rows[0]!.id}, ${childId}, ${t.users.manager}, '2026-11-02', 'complex_work', 'Close supervision weekly', ${t.users.manager})`.execute(db);
    const page = textOf((await manager.get(`/children/${childId}/subject-access`)).body);
    expect(page).toContain('Complex work for a newly qualified worker');
    expect(page).not.toContain('complex_work');
    expect(page).toContain('Chronology; The child’s wishes and feelings');
    expect(page).toContain('Every statutory visit due in the six months before the audit was made on time');
    expect(page).toContain('The child was visited within the timescale');
    expect(page).not.toMatch(/child_views|visits_on_time/);
    expect(page).not.toContain('Question key');
  });

  it('is for managers only: a worker with the child allocated is refused, and the refusal names the child', async () => {
    const worker = await t.signIn('worker');
    for (const url of [`/children/${childId}/subject-access`, `/api/v1/children/${childId}/subject-access`]) {
      const before = await t.ctx.db.selectFrom('audit_log').select('id').where('user_id', '=', t.users.worker).where('action', '=', 'denied').execute();
      expect((await worker.get(url)).statusCode).toBe(403);
      const after = await t.ctx.db.selectFrom('audit_log').select(['child_id']).where('user_id', '=', t.users.worker).where('action', '=', 'denied').execute();
      expect(after.length).toBe(before.length + 1);
      expect(after.at(-1)!.child_id).toBe(childId);
    }
    // A senior leader may read the record, but does not authorise: refused too.
    expect((await (await t.signIn('leader')).get(`/children/${childId}/subject-access`)).statusCode).toBe(403);
  });

  it('is offered on the child’s record to a manager, and not to the worker', async () => {
    const link = `href="/children/${childId}/subject-access"`;
    expect((await manager.get(`/children/${childId}`)).body).toContain(link);
    expect((await (await t.signIn('worker')).get(`/children/${childId}`)).body).not.toContain(link);
  });
});
