// Upgrading a council's database (decision 0069): rows derived from the record by live code (the foster
// households' clocks) are rebuilt once after the last migration, against the final schema, and only
// when a migration that asked for it ran. A migration calling today's code broke an upgrade from before
// it once (decision 0062); this test upgrades a database from before migration 0062, which asks for the
// households' clocks.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/database.ts';
import { refreshHouseholdClocks } from '../fostering/clocks.ts';
import type { DatabaseHandle } from './connection.ts';
import { migrateToLatest } from './migrate.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

/** The migrations named before `name`: a database as it was before that migration was written. */
const before = (name: string) => Object.fromEntries(Object.entries(migrations).filter(([n]) => n < name));

const household = randomUUID();
const worker = randomUUID();
const lodger = 'Jo Lodger';

/**
 * An approved mainstream household of two carers with a lodger, both carers and the lodger checked, a
 * review, a supervisory and an unannounced visit: the statements hold at 0061 and at the latest.
 */
async function recordHousehold(db: Kysely<Database>, lodgerCheck: string): Promise<void> {
  const statements = [
    `INSERT INTO app_user (id, username, display_name, role, password_hash) VALUES ('${worker}', 'sam.supervisor', 'Sam Supervisor', 'team_manager', 'x')`,
    `INSERT INTO fostering_household (id, first_carer, second_carer, kind, assessment_started_on, status, status_since, panel_on, panel_recommends,
      decided_on, decision_maker, approved, places, age_from, age_to, recorded_by)
      VALUES ('${household}', 'Alex Carer', 'Robin Carer', 'mainstream', '2025-01-06', 'approved', '2025-06-02', '2025-05-20', true,
      '2025-06-02', 'Agency decision maker', true, 2, 0, 17, '${worker}')`,
    `INSERT INTO fostering_household_status (id, household_id, status, from_on, recorded_by) VALUES ('${randomUUID()}', '${household}', 'approved', '2025-06-02', '${worker}')`,
    `INSERT INTO fostering_review (id, household_id, reviewed_on, suitable, summary, recorded_by) VALUES ('${randomUUID()}', '${household}', '2026-05-28', true, 'Suitable', '${worker}')`,
    `INSERT INTO fostering_visit (id, household_id, visited_on, unannounced, visited_by, summary, recorded_by) VALUES
      ('${randomUUID()}', '${household}', '2025-07-01', false, '${worker}', 'Supervision', '${worker}'),
      ('${randomUUID()}', '${household}', '2025-11-04', true, '${worker}', 'Unannounced', '${worker}')`,
    `INSERT INTO fostering_dbs_check (id, household_id, carer, checked_on, certificate_number, barred_list, update_service, renewal_due_on, recorded_by) VALUES
      ('${randomUUID()}', '${household}', 1, '2025-03-01', '001', true, false, '2028-03-01', '${worker}'),
      ('${randomUUID()}', '${household}', 2, '2025-03-08', '002', true, false, '2028-03-08', '${worker}')`,
    lodgerCheck,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/** Before migration 0062 the lodger was known only by the name on their check. */
const lodgerCheckByName = `INSERT INTO fostering_dbs_check (id, household_id, member_name, checked_on, certificate_number, barred_list, update_service, renewal_due_on, recorded_by)
  VALUES ('${randomUUID()}', '${household}', '${lodger}', '2025-08-01', '003', true, false, '2028-08-01', '${worker}')`;

/** At the latest the lodger is a member, as 0062 makes one of a name (relationship and birth not recorded). */
function lodgerAsMember(): string {
  const member = randomUUID();
  return `WITH m AS (INSERT INTO fostering_household_member (id, household_id, name, relationship, from_on, recorded_by)
      VALUES ('${member}', '${household}', '${lodger}', 'not_recorded', '2025-08-01', '${worker}') RETURNING id)
    INSERT INTO fostering_dbs_check (id, household_id, member_id, member_name, checked_on, certificate_number, barred_list, update_service, renewal_due_on, recorded_by)
    SELECT '${randomUUID()}', '${household}', m.id, '${lodger}', '2025-08-01', '003', true, false, '2028-08-01', '${worker}' FROM m`;
}

/** The household's clocks and due dates, a member named by name (their id differs between databases). */
async function clocksOf(db: Kysely<Database>) {
  const clocks = await db
    .selectFrom('household_clock as k')
    .leftJoin('fostering_household_member as m', (j) => j.on(sql<string>`'member:' || m.id::text`, '=', sql.ref('k.subject')))
    .select(['k.rule_id', sql<string>`coalesce('member:' || m.name, k.subject)`.as('subject'), 'k.started_on', 'k.due_on', 'k.met_on', 'k.stopped_on'])
    .where('k.household_id', '=', household)
    .orderBy('k.rule_id')
    .orderBy('subject')
    .orderBy('k.started_on')
    .execute();
  const dueDates = await db.selectFrom('fostering_household').select(['review_due_on', 'temporary_expires_on']).where('id', '=', household).executeTakeFirstOrThrow();
  return { clocks, dueDates };
}

/** How many clocks the household has (the members' table is not there before 0062). */
const clockCount = async (db: Kysely<Database>) =>
  Number((await db.selectFrom('household_clock').select((eb) => eb.fn.countAll().as('n')).where('household_id', '=', household).executeTakeFirstOrThrow()).n);

let upgraded: DatabaseHandle;
let latest: DatabaseHandle;

beforeAll(async () => {
  [upgraded, latest] = await Promise.all([createTestDatabase({ empty: true }), createTestDatabase()]);
  await migrateToLatest(upgraded.db, before('0062'));
  await recordHousehold(upgraded.db, lodgerCheckByName);
  // At the latest the service derives the clocks after recording, as after every change.
  await recordHousehold(latest.db, lodgerAsMember());
  await refreshHouseholdClocks(latest.db, household);
}, 120_000);

afterAll(async () => {
  await Promise.all([upgraded?.close(), latest?.close()]);
});

describe('upgrading a database from before migration 0062 with a foster household (decision 0069)', () => {
  it('a migration that asks for no rebuild leaves the derived rows alone', async () => {
    // 0066 (an index) runs on the database before 0062, as an unordered upgrade may run it.
    const ran = await migrateToLatest(upgraded.db, { ...before('0062'), '0066_open_oversight_by_child': migrations['0066_open_oversight_by_child']! });
    expect(ran).toEqual(['0066_open_oversight_by_child']);
    expect(await clockCount(upgraded.db)).toBe(0);
  });

  it('derives the household clocks once every migration has run, the same as a database made at the latest', async () => {
    const ran = await migrateToLatest(upgraded.db);
    expect(ran).toContain('0062_fostering_household_members');
    const expected = await clocksOf(latest.db);
    // Both carers' and the lodger's DBS renewals, the review and the visits.
    expect(expected.clocks.map((c) => c.subject)).toEqual(expect.arrayContaining(['carer:1', 'carer:2', `member:${lodger}`]));
    expect(expected.dueDates.review_due_on).not.toBeNull();
    expect(await clocksOf(upgraded.db)).toEqual(expected);
  });

  it('runs no rebuild when no migration is left to run', async () => {
    await upgraded.db.deleteFrom('household_clock').where('household_id', '=', household).execute();
    expect(await migrateToLatest(upgraded.db)).toEqual([]);
    expect(await clockCount(upgraded.db)).toBe(0);
  });
});
