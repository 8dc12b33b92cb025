// The Standard Safeguarding Dataset as read-only views (issue 10, decision 0033): every object and
// field of the SSD specification (../shared/specs/ssd) exists in the `ssd` schema with its type; a child
// recorded by hand appears in the right views with the right values; every view reads the synthetic
// council without error; the views refuse writes; the joins analysts make do not read per row.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../db/connection.ts';
import { generateCouncil } from '../../synth/generate.ts';
import { SSD_OBJECTS } from './spec.ts';
import { SSD_READER_ROLE, SSD_VIEWS, ssdViewStatements } from './views.ts';
import { notRecorded } from './view.ts';

const SPEC_DIR = join(import.meta.dirname, '../../../../shared/specs/ssd');

interface SpecField { name: string; type: string }

/**
 * The specification's objects and fields, read from each yml. The files have one shape
 * (`nodes: - name:` then `fields: - name:` with `type:`), so a line reader is enough and no YAML
 * package is needed.
 */
function readSpecification(): Map<string, SpecField[]> {
  const objects = new Map<string, SpecField[]>();
  for (const file of readdirSync(SPEC_DIR).filter((f) => /^ssd_.*\.yml$/.test(f)).sort()) {
    let fields: SpecField[] | undefined;
    for (const line of readFileSync(join(SPEC_DIR, file), 'utf8').split('\n')) {
      const object = /^- name: (\S+)\s*$/.exec(line);
      if (object?.[1]) {
        fields = [];
        objects.set(object[1], fields);
        continue;
      }
      const field = /^ {2}- name: (\S+)\s*$/.exec(line);
      if (field?.[1] && fields) fields.push({ name: field[1], type: '' });
      const type = /^ {4}type: (\S+)\s*$/.exec(line);
      const last = fields?.at(-1);
      if (type?.[1] && last && last.type === '') last.type = type[1].toLowerCase();
    }
  }
  return objects;
}

/** Field sizes from data_objects_specification.csv (the yml has none). */
function readSizes(): Map<string, string> {
  const rows = parse(readFileSync(join(SPEC_DIR, 'data_objects_specification.csv')), { columns: true, bom: true, relax_column_count: true }) as Record<string, string>[];
  return new Map(rows.map((r) => [`${r['object_name']?.trim()}.${r['field_name']?.trim()}`, (r['max_field_size'] ?? '').trim()]));
}

const SPEC = readSpecification();
const SIZES = readSizes();

/** How information_schema names the PostgreSQL type an SSD field must have. */
function expectedColumn(object: string, field: SpecField): { data_type: string; length: number | null } {
  const size = SIZES.get(`${object}.${field.name}`) ?? '';
  switch (field.type) {
    case 'nvarchar':
      return size === 'MAX' ? { data_type: 'text', length: null } : { data_type: 'character varying', length: Number(size) };
    case 'nchar':
      return { data_type: 'character', length: Number(size) };
    case 'datetime':
      return { data_type: 'timestamp without time zone', length: null };
    case 'int':
      return { data_type: 'integer', length: null };
    case 'float':
      return { data_type: 'double precision', length: null };
    case 'bit':
      return { data_type: 'boolean', length: null };
    case 'binary':
      return { data_type: 'bytea', length: null };
    default:
      throw new Error(`${object}.${field.name}: SSD type ${field.type} has no PostgreSQL type`);
  }
}

describe('the SSD specification as Lantern copies it', () => {
  it('has the 48 objects and 359 fields of ../shared/specs/ssd', () => {
    expect(SPEC.size).toBe(48);
    expect([...SPEC.values()].reduce((n, fields) => n + fields.length, 0)).toBe(359);
  });

  it('spec.ts holds every object and field in the specification’s order, with its type and size', () => {
    expect(Object.keys(SSD_OBJECTS).sort()).toEqual([...SPEC.keys()].sort());
    for (const [object, fields] of SPEC) {
      expect(SSD_OBJECTS[object]?.map((f) => `${f.name}:${f.type}`), object).toEqual(fields.map((f) => `${f.name}:${f.type}`));
      for (const f of SSD_OBJECTS[object] ?? []) {
        const size = SIZES.get(`${object}.${f.name}`);
        if (f.type === 'nvarchar' || f.type === 'nchar') expect(String(f.size), `${object}.${f.name}`).toBe(size);
      }
    }
  });

  it('every object has one view, and every field an expression or is named as not recorded', () => {
    expect(SSD_VIEWS.map((v) => v.object).sort()).toEqual([...SPEC.keys()].sort());
    // The fields Lantern does not record, as many as decision record 0033 lists (a change to a view must update it).
    const nulls = SSD_VIEWS.reduce((n, v) => n + notRecorded(v).length, 0);
    const record = readFileSync(join(import.meta.dirname, '../../../docs/decisions/0033-the-standard-safeguarding-dataset-as-views.md'), 'utf8');
    expect(record).toContain(`(${nulls} of 359)`);
  });
});

let handle: DatabaseHandle;
const child = randomUUID();
const baby = randomUUID();
const ids = { contact: randomUUID(), deletedContact: randomUUID(), episode: randomUUID(), discussion: randomUUID(), enquiry: randomUUID(), plan: randomUUID(), icpc: randomUUID(), review: randomUUID(), period: randomUUID(), placement: randomUUID(), legal: randomUUID() };

/** One child recorded by hand, table by table: a contact, a referral, an enquiry, a CP plan, a period of care. */
async function recordChildByHand(db: DatabaseHandle['db']): Promise<void> {
  const user = await db.selectFrom('app_user').select('id').where('role', '=', 'social_worker').orderBy('username').executeTakeFirstOrThrow();
  const by = { recorded_by: user.id };
  await db.insertInto('person').values([
    { id: child, kind: 'child', first_name: 'Ifeoma', last_name: 'Testbridge', date_of_birth: '2010-05-14', sex: 'F', ethnicity: 'BAFR', la_child_id: 'SSD-HAND-1', nhs_number: '9434765919', upn: 'A123456789012', ...by },
    { id: baby, kind: 'child', first_name: 'Tobi', last_name: 'Testbridge', date_of_birth: '2026-09-01', sex: 'M', ...by },
  ]).execute();
  await db.insertInto('relationship').values({ id: randomUUID(), person_id: baby, related_person_id: child, kind: 'mother', ...by }).execute();
  await db.insertInto('cin_episode').values({ id: ids.episode, child_id: child, referral_date: '2026-03-02', referral_source: '2A', primary_need: 'N1', referral_nfa: false, contact_id: ids.contact, ...by }).execute();
  await db.insertInto('contact').values([
    { id: ids.contact, child_id: child, received_on: '2026-03-02', received_time: '09:30', source: '2A', worry: 'Bruise seen at school', consent: 'given', risk_indicators: JSON.stringify(['PHYSICAL_HARM']), submitted_online: false, ...by },
    { id: ids.deletedContact, child_id: child, received_on: '2026-02-01', received_time: '10:00', source: '1A', worry: 'Recorded against the wrong child', consent: 'given', risk_indicators: JSON.stringify([]), submitted_online: false, ...by, deleted_at: new Date(), deleted_by: user.id, deleted_reason: 'Wrong child' },
  ]).execute();
  await db.insertInto('contact_decision').values({ id: randomUUID(), contact_id: ids.contact, decided_on: '2026-03-02', decided_time: '12:00', outcome: 'STRATEGY', rationale: 'Unexplained injury', cin_episode_id: ids.episode, ...by }).execute();
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('strategy_discussion').values({ id: ids.discussion, child_id: child, episode_id: ids.episode, enquiry_id: ids.enquiry, held_on: '2026-03-03', attendees: JSON.stringify([{ agency: 'POLICE', names: null }]), reason: 'Injury', decisions: 'Section 47', outcome: 'S47', ...by }).execute();
    await tx.insertInto('s47_enquiry').values({ id: ids.enquiry, child_id: child, episode_id: ids.episode, initiating_discussion_id: ids.discussion, initiated_on: '2026-03-03', started_on: '2026-03-03', outcome: 'CONFERENCE', completed_on: '2026-03-20', ...by }).execute();
  });
  await db.insertInto('plan').values({ id: ids.plan, child_id: child, kind: 'cp', episode_id: ids.episode, started_on: '2026-03-24', category_of_abuse: 'NEG', ...by }).execute();
  await db.insertInto('child_protection_conference').values([
    { id: ids.icpc, child_id: child, kind: 'initial', enquiry_id: ids.enquiry, plan_id: ids.plan, held_on: '2026-03-24', chair_id: user.id, attendees: JSON.stringify([]), family_attended: JSON.stringify([]), decision: 'PLAN', category_of_abuse: 'NEG', ...by },
    { id: ids.review, child_id: child, kind: 'review', plan_id: ids.plan, held_on: '2026-06-20', chair_id: user.id, attendees: JSON.stringify([]), family_attended: JSON.stringify([]), decision: 'CONTINUE', category_of_abuse: 'EMO', ...by },
  ]).execute();
  // The journal and the review timescale's clock, as the record keeps them: the review met the clock due 3 months after the ICPC.
  const [planStarted, reviewHeld] = [randomUUID(), randomUUID()];
  await db.insertInto('child_event').values([
    { id: planStarted, child_id: child, type: 'cp-plan.started', occurred_on: '2026-03-24', source_table: 'plan', source_id: ids.plan, scope_id: ids.plan, title: 'CP plan', category: 'protection', ...by },
    { id: reviewHeld, child_id: child, type: 'cp-review.held', occurred_on: '2026-06-20', source_table: 'child_protection_conference', source_id: ids.review, scope_id: ids.plan, title: 'Review', category: 'protection', ...by },
  ]).execute();
  await db.insertInto('clock').values({ id: randomUUID(), child_id: child, rule_id: 'cp-review', scope_id: ids.plan, start_event_id: planStarted, started_on: '2026-03-24', due_on: '2026-06-24', met_on: '2026-06-20', met_event_id: reviewHeld }).execute();
  await db.insertInto('care_period').values({ id: ids.period, child_id: child, episode_id: ids.episode, started_on: '2026-08-01', category_of_need: 'N1', decided_by: 'Head of service', ...by }).execute();
  await db.insertInto('placement').values({ id: ids.placement, period_id: ids.period, child_id: child, started_on: '2026-08-01', placement_type: 'U1', provider: 'PR1', carer_name: 'Aunt', urn: 'SC123456', postcode: 'AB1 2CD', distance_miles: 4.5, same_carers: false, intended_until_18: false, ...by }).execute();
  await db.insertInto('legal_status').values({ id: ids.legal, period_id: ids.period, child_id: child, started_on: '2026-08-01', legal_status: 'C2', ...by }).execute();
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await generateCouncil(handle.db, { size: 'tiny', seed: 11, today: '2026-11-20' });
  await recordChildByHand(handle.db);
  await sql`ANALYZE`.execute(handle.db);
}, 300_000);

afterAll(async () => {
  await handle?.close();
});

/** Rows of a query with every value as text (timestamps as PostgreSQL writes them, whatever the driver does with dates). */
async function rowsOf(view: string, where: string): Promise<Record<string, string | null>[]> {
  const columns = SSD_OBJECTS[view]!.map((f) => `${f.name}::text AS ${f.name}`).join(', ');
  const result = await sql.raw<Record<string, string | null>>(`SELECT ${columns} FROM ssd.${view} WHERE ${where}`).execute(handle.db);
  return result.rows;
}

describe('the ssd schema in the database', () => {
  it('has a view for every SSD object and a column for every field, in order, with the SSD’s type (issue 10)', async () => {
    const columns = await sql<{ table_name: string; column_name: string; ordinal_position: number; data_type: string; character_maximum_length: number | null }>`
      SELECT table_name, column_name, ordinal_position, data_type, character_maximum_length FROM information_schema.columns
      WHERE table_schema = 'ssd' ORDER BY table_name, ordinal_position`.execute(handle.db);
    const views = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.views WHERE table_schema = 'ssd'`.execute(handle.db);
    expect(views.rows.map((v) => v.table_name).sort()).toEqual([...SPEC.keys()].sort());
    const problems: string[] = [];
    for (const [object, fields] of SPEC) {
      const actual = columns.rows.filter((c) => c.table_name === object);
      if (actual.length !== fields.length) problems.push(`${object}: ${actual.length} columns, the SSD has ${fields.length}`);
      fields.forEach((field, i) => {
        const column = actual.find((c) => c.column_name === field.name);
        const expected = expectedColumn(object, field);
        if (!column) problems.push(`${object}.${field.name} missing`);
        else if (column.data_type !== expected.data_type || (expected.length !== null && Number(column.character_maximum_length) !== expected.length)) {
          problems.push(`${object}.${field.name} is ${column.data_type}(${column.character_maximum_length}), the SSD's ${field.type} wants ${expected.data_type}(${expected.length})`);
        } else if (Number(column.ordinal_position) !== i + 1) problems.push(`${object}.${field.name} at ${column.ordinal_position}, the SSD has it at ${i + 1}`);
      });
    }
    expect(problems).toEqual([]);
  });

  it('every view is read-only: none is updatable, and a DELETE is refused', async () => {
    const updatable = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.views
      WHERE table_schema = 'ssd' AND (is_updatable = 'YES' OR is_insertable_into = 'YES')`.execute(handle.db);
    expect(updatable.rows).toEqual([]);
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM person`.execute(handle.db);
    await expect(sql`DELETE FROM ssd.ssd_person`.execute(handle.db)).rejects.toThrow(/cannot delete from view/);
    await expect(sql`DELETE FROM ssd.ssd_department`.execute(handle.db)).rejects.toThrow(/cannot delete from view/);
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM person`.execute(handle.db)).rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('rebuilding the views, as a migration that changes a table they read does, keeps every view and the analysts’ role’s grant', async () => {
    const exists = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_roles WHERE rolname = ${SSD_READER_ROLE}`.execute(handle.db);
    if (exists.rows[0]!.n === 0) await sql.raw(`CREATE ROLE ${SSD_READER_ROLE}`).execute(handle.db);
    try {
      for (let i = 0; i < 2; i++) for (const statement of ssdViewStatements()) await sql.raw(statement).execute(handle.db);
      const views = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_views WHERE schemaname = 'ssd'`.execute(handle.db);
      expect(views.rows[0]!.n).toBe(48);
      const grants = await sql<{ views: boolean; tables: boolean }>`SELECT
        has_table_privilege(${SSD_READER_ROLE}, 'ssd.ssd_person', 'SELECT') AS views,
        has_table_privilege(${SSD_READER_ROLE}, 'public.person', 'SELECT') AS tables`.execute(handle.db);
      expect(grants.rows[0]).toEqual({ views: true, tables: false });
    } finally {
      if (exists.rows[0]!.n === 0) {
        await sql.raw(`DROP OWNED BY ${SSD_READER_ROLE}`).execute(handle.db);
        await sql.raw(`DROP ROLE ${SSD_READER_ROLE}`).execute(handle.db);
      }
    }
  });

  it('every view reads the synthetic council without error, and the record’s main objects have rows', async () => {
    const counts: Record<string, number> = {};
    for (const view of SSD_VIEWS) {
      const result = await sql.raw<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT * FROM ssd.${view.object}) v`).execute(handle.db);
      counts[view.object] = result.rows[0]!.n;
    }
    for (const object of ['ssd_person', 'ssd_contacts', 'ssd_cin_episodes', 'ssd_cin_assessments', 'ssd_s47_enquiry', 'ssd_cp_plans', 'ssd_cla_episodes', 'ssd_cla_placement', 'ssd_legal_status', 'ssd_involvements', 'ssd_professionals', 'ssd_department']) {
      expect(counts[object], object).toBeGreaterThan(0);
    }
    // Reviews held on time or late carry the due date of the timescale they met.
    const due = await sql<{ cp: number; cla: number }>`SELECT (SELECT count(*)::int FROM ssd.ssd_cp_reviews WHERE cppr_cp_review_due IS NOT NULL) AS cp,
      (SELECT count(*)::int FROM ssd.ssd_cla_reviews WHERE clar_cla_review_due_date IS NOT NULL) AS cla`.execute(handle.db);
    expect(due.rows[0]!.cp).toBeGreaterThan(0);
    expect(due.rows[0]!.cla).toBeGreaterThan(0);
    // Objects Lantern holds nothing for are there, typed, with no rows (decision 0033).
    expect(counts['ssd_ehcp_requests']).toBe(0);
    expect(counts['ssd_version_log']).toBe(1);
  });

  it('the SSD’s ids join: every episode’s person is in ssd_person, every CP plan’s referral in ssd_cin_episodes', async () => {
    const orphans = await sql<{ n: number }>`SELECT
      (SELECT count(*) FROM ssd.ssd_cin_episodes e WHERE NOT EXISTS (SELECT 1 FROM ssd.ssd_person p WHERE p.pers_person_id = e.cine_person_id))
      + (SELECT count(*) FROM ssd.ssd_cp_plans c WHERE c.cppl_referral_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ssd.ssd_cin_episodes e WHERE e.cine_referral_id = c.cppl_referral_id))
      + (SELECT count(*) FROM ssd.ssd_cla_placement p WHERE NOT EXISTS (SELECT 1 FROM ssd.ssd_cla_episodes e WHERE e.clae_cla_id = p.clap_cla_id)) AS n`.execute(handle.db);
    expect(Number(orphans.rows[0]!.n)).toBe(0);
  });
});

describe('a child recorded by hand, in the SSD views', () => {
  it('ssd_person: her identifiers, sex, ethnicity, date of birth as a datetime, and that she is a mother (PERS011A)', async () => {
    expect(await rowsOf('ssd_person', `pers_person_id = '${child}'`)).toEqual([
      {
        pers_person_id: child,
        pers_forename: 'Ifeoma',
        pers_surname: 'Testbridge',
        pers_sex: 'F',
        pers_gender: null,
        pers_ethnicity: 'BAFR',
        pers_dob: '2010-05-14 00:00:00',
        pers_common_child_id: '9434765919',
        pers_legacy_id: 'SSD-HAND-1',
        pers_upn_unknown: null,
        pers_send_flag: null,
        pers_expected_dob: null,
        pers_death_date: null,
        pers_is_mother: 'Y',
        pers_nationality: null,
      },
    ]);
    expect(await rowsOf('ssd_mother', `moth_person_id = '${child}'`)).toEqual([expect.objectContaining({ moth_childs_person_id: baby, moth_childs_dob: '2026-09-01 00:00:00' })]);
    const identifiers = await rowsOf('ssd_linked_identifiers', `link_person_id = '${child}'`);
    expect(identifiers.map((i) => `${i.link_identifier_type}=${i.link_identifier_value}`).sort()).toEqual(['Local authority child ID=SSD-HAND-1', 'NHS number=9434765919', 'Unique Pupil Number=A123456789012']);
  });

  it('ssd_contacts: the contact with its time and outcome, not the one deleted as recorded against the wrong child', async () => {
    const contacts = await rowsOf('ssd_contacts', `cont_person_id = '${child}'`);
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ cont_contact_id: ids.contact, cont_contact_date: '2026-03-02 09:30:00', cont_contact_source_code: '2A', cont_contact_source_desc: 'Schools' });
    expect(JSON.parse(contacts[0]!.cont_contact_outcome_json!)).toEqual({
      NEW_REFERRAL_FLAG: 'Y', EXISTING_REFERRAL_FLAG: '', CP_ENQUIRY_FLAG: 'Y', NFA_FLAG: 'N', NON_AGENCY_ADOPTION_FLAG: '', PRIVATE_FOSTERING_FLAG: '',
      ADVICE_FLAG: 'N', MISSING_FLAG: '', OLA_CP_FLAG: '', OTHER_OUTCOMES_EXIST_FLAG: 'N',
    });
  });

  it('ssd_cin_episodes: the referral with its source, need and outcome flags (strategy discussion and conference, no assessment)', async () => {
    const episodes = await rowsOf('ssd_cin_episodes', `cine_person_id = '${child}'`);
    expect(episodes).toHaveLength(1);
    expect(episodes[0]).toMatchObject({
      cine_referral_id: ids.episode, cine_referral_date: '2026-03-02 00:00:00', cine_cin_primary_need_code: 'N1', cine_referral_source_code: '2A',
      cine_referral_source_desc: 'Schools', cine_referral_nfa: 'N', cine_close_reason: null, cine_close_date: null,
    });
    expect(JSON.parse(episodes[0]!.cine_referral_outcome_json!)).toMatchObject({ SINGLE_ASSESSMENT_FLAG: 'N', NFA_FLAG: 'N', STRATEGY_DISCUSSION_FLAG: 'Y', CLA_REQUEST_FLAG: 'Y', CP_CONFERENCE_FLAG: 'Y', CARE_LEAVER_FLAG: '' });
  });

  it('ssd_s47_enquiry and ssd_initial_cp_conference: the enquiry and the conference that made the plan', async () => {
    expect(await rowsOf('ssd_s47_enquiry', `s47e_person_id = '${child}'`)).toEqual([
      expect.objectContaining({ s47e_s47_enquiry_id: ids.enquiry, s47e_referral_id: ids.episode, s47e_s47_start_date: '2026-03-03 00:00:00', s47e_s47_end_date: '2026-03-20 00:00:00' }),
    ]);
    expect(await rowsOf('ssd_initial_cp_conference', `icpc_person_id = '${child}'`)).toEqual([
      expect.objectContaining({ icpc_icpc_id: ids.icpc, icpc_s47_enquiry_id: ids.enquiry, icpc_cp_plan_id: ids.plan, icpc_referral_id: ids.episode, icpc_icpc_date: '2026-03-24 00:00:00', icpc_icpc_outcome_cp_flag: 'Y' }),
    ]);
  });

  it('ssd_cp_plans: the initial category from the initial conference, the latest from the review (CIN census N00113/N00114); the review due when its clock was (WT 2023: 3 months from the ICPC)', async () => {
    expect(await rowsOf('ssd_cp_plans', `cppl_person_id = '${child}'`)).toEqual([
      {
        cppl_cp_plan_id: ids.plan,
        cppl_referral_id: ids.episode,
        cppl_icpc_id: ids.icpc,
        cppl_person_id: child,
        cppl_cp_plan_start_date: '2026-03-24 00:00:00',
        cppl_cp_plan_end_date: null,
        cppl_cp_plan_initial_category: 'NEG',
        cppl_cp_plan_ola: null,
        cppl_cp_plan_latest_category: 'EMO',
      },
    ]);
    expect(await rowsOf('ssd_cp_reviews', `cppr_person_id = '${child}'`)).toEqual([
      expect.objectContaining({ cppr_cp_review_id: ids.review, cppr_cp_plan_id: ids.plan, cppr_cp_review_due: '2026-06-24 00:00:00', cppr_cp_review_date: '2026-06-20 00:00:00', cppr_cp_review_outcome_continue_cp: 'Y' }),
    ]);
  });

  it('ssd_cla_episodes, ssd_cla_placement and ssd_legal_status: the period of care, its placement and legal status (SSDA903 codes as recorded)', async () => {
    expect(await rowsOf('ssd_cla_episodes', `clae_person_id = '${child}'`)).toEqual([
      {
        clae_cla_episode_id: ids.period,
        clae_person_id: child,
        clae_cla_episode_start_date: '2026-08-01 00:00:00',
        clae_cla_episode_start_reason: 'S',
        clae_cla_primary_need_code: 'N1',
        clae_cla_episode_ceased_date: null,
        clae_cla_episode_ceased_reason: null,
        clae_cla_id: ids.period,
        clae_referral_id: ids.episode,
        clae_cla_placement_id: ids.placement,
        clae_entered_care_date: '2026-08-01 00:00:00',
        clae_cla_last_iro_contact_date: null,
      },
    ]);
    expect(await rowsOf('ssd_cla_placement', `clap_person_id = '${child}'`)).toEqual([
      expect.objectContaining({ clap_cla_placement_id: ids.placement, clap_cla_id: ids.period, clap_cla_placement_type: 'U1', clap_cla_placement_provider: 'PR1', clap_cla_placement_urn: 'SC123456', clap_cla_placement_distance: '4.5', clap_cla_placement_postcode: 'AB1 2CD' }),
    ]);
    expect(await rowsOf('ssd_legal_status', `lega_person_id = '${child}'`)).toEqual([
      expect.objectContaining({ lega_legal_status_id: ids.legal, lega_legal_status: 'C2', lega_legal_status_start_date: '2026-08-01 00:00:00', lega_legal_status_end_date: null }),
    ]);
  });

  it('a child deleted from the record leaves the views, and her mother is no longer counted as one', async () => {
    await handle.db.updateTable('person').set({ deleted_at: new Date(), deleted_by: (await handle.db.selectFrom('app_user').select('id').executeTakeFirstOrThrow()).id, deleted_reason: 'Test' }).where('id', '=', baby).execute();
    expect(await rowsOf('ssd_person', `pers_person_id = '${baby}'`)).toEqual([]);
    expect(await rowsOf('ssd_mother', `moth_childs_person_id = '${baby}'`)).toEqual([]);
    expect(await rowsOf('ssd_person', `pers_person_id = '${child}'`)).toEqual([expect.objectContaining({ pers_is_mother: 'N' })]);
  });
});

/** Every plan node, depth first. */
function nodesOf(plan: Record<string, unknown>): Record<string, unknown>[] {
  const children = (plan['Plans'] as Record<string, unknown>[] | undefined) ?? [];
  return [plan, ...children.flatMap(nodesOf)];
}

describe('plans of the joins analysts make', () => {
  const joins: Record<string, string> = {
    'children with their referrals and CP plans': `SELECT p.pers_person_id, e.cine_referral_date, c.cppl_cp_plan_start_date FROM ssd.ssd_person p
      JOIN ssd.ssd_cin_episodes e ON e.cine_person_id = p.pers_person_id LEFT JOIN ssd.ssd_cp_plans c ON c.cppl_referral_id = e.cine_referral_id`,
    'periods of care with placements and legal statuses': `SELECT e.clae_person_id, pl.clap_cla_placement_type, l.lega_legal_status FROM ssd.ssd_cla_episodes e
      JOIN ssd.ssd_cla_placement pl ON pl.clap_cla_id = e.clae_cla_id JOIN ssd.ssd_legal_status l ON l.lega_person_id = e.clae_person_id`,
    'CP reviews with their due dates and plans': `SELECT r.cppr_cp_review_due, r.cppr_cp_review_date, c.cppl_cp_plan_start_date FROM ssd.ssd_cp_reviews r
      JOIN ssd.ssd_cp_plans c ON c.cppl_cp_plan_id = r.cppr_cp_plan_id`,
    'looked-after reviews with their due dates and periods of care': `SELECT r.clar_cla_review_due_date, e.clae_person_id FROM ssd.ssd_cla_reviews r JOIN ssd.ssd_cla_episodes e ON e.clae_cla_id = r.clar_cla_id`,
    'contacts of children with an assessment': `SELECT c.cont_contact_id, a.cina_assessment_start_date FROM ssd.ssd_contacts c JOIN ssd.ssd_cin_assessments a ON a.cina_person_id = c.cont_person_id`,
  };
  for (const [name, query] of Object.entries(joins)) {
    it(`${name}: joined by hash or merge, never a nested loop that scans a table for every row`, async () => {
      const result = await sql.raw<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${query}`).execute(handle.db);
      const raw = result.rows[0]!['QUERY PLAN'];
      const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: Record<string, unknown> }[];
      const nodes = nodesOf(plan[0]!.Plan);
      const types = nodes.map((n) => n['Node Type']);
      expect(types.some((t) => t === 'Hash Join' || t === 'Merge Join')).toBe(true);
      // The inner side of a nested loop is probed once per outer row: it must be an index, not a scan.
      const scannedPerRow = nodes.filter((n) => n['Node Type'] === 'Nested Loop').map((n) => (n['Plans'] as Record<string, unknown>[])[1]!).filter((inner) => inner['Node Type'] === 'Seq Scan');
      expect(scannedPerRow.map((n) => n['Relation Name'])).toEqual([]);
    });
  }
});
