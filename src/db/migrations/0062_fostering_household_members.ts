// A foster household's members (decisions 0060, 0062): the people living with the carers (their
// children, adult sons and daughters, relatives, lodgers), each with a date of birth, how they are
// related to the carers and the days they moved in and out. Each member aged 18 or over owes a DBS check
// (FS(E)R 2011 Schedule 3 para 2), so a check now names the member by id. The checks of another adult
// recorded before this migration named the adult only by name: each name becomes a member, its
// relationship and date of birth not recorded, living there from the first check or risk assessment of
// them (all Lantern knows), and its checks, risk assessments and clocks name that member.
import type { Kysely } from 'kysely';
import type { Rebuild } from '../rebuilds.ts';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE fostering_household_member (
      id uuid PRIMARY KEY,
      household_id uuid NOT NULL REFERENCES fostering_household(id),
      name text NOT NULL CHECK (length(trim(name)) > 0),
      date_of_birth date,
      relationship text NOT NULL,
      from_on date NOT NULL,
      to_on date,
      ${RECORD_COLUMNS},
      CHECK (to_on IS NULL OR to_on >= from_on),
      CHECK (date_of_birth IS NULL OR date_of_birth <= from_on)
    )`,
    `CREATE INDEX fostering_household_member_household ON fostering_household_member (household_id) WHERE deleted_at IS NULL`,
    `ALTER TABLE fostering_dbs_check ADD COLUMN member_id uuid REFERENCES fostering_household_member(id)`,
    `INSERT INTO fostering_household_member (id, household_id, name, relationship, from_on, recorded_at, recorded_by)
      SELECT gen_random_uuid(), household_id, name, 'not_recorded', min(since), min(recorded_at), (array_agg(recorded_by ORDER BY recorded_at))[1]
      FROM (
        SELECT household_id, trim(member_name) AS name, checked_on AS since, recorded_at, recorded_by FROM fostering_dbs_check WHERE carer IS NULL AND deleted_at IS NULL
        UNION ALL
        SELECT household_id, substr(subject, 8), decided_on, recorded_at, recorded_by FROM fostering_dbs_risk_assessment WHERE subject LIKE 'member:%'
      ) named
      GROUP BY household_id, name`,
    // Deleted checks name their adult too, so that every check has a member (their dates do not set the move-in).
    `INSERT INTO fostering_household_member (id, household_id, name, relationship, from_on, recorded_at, recorded_by)
      SELECT gen_random_uuid(), household_id, trim(member_name), 'not_recorded', min(checked_on), min(recorded_at), (array_agg(recorded_by ORDER BY recorded_at))[1]
      FROM fostering_dbs_check c WHERE carer IS NULL
        AND NOT EXISTS (SELECT 1 FROM fostering_household_member m WHERE m.household_id = c.household_id AND m.name = trim(c.member_name))
      GROUP BY household_id, trim(member_name)`,
    `UPDATE fostering_dbs_check c SET member_id = m.id FROM fostering_household_member m
      WHERE c.carer IS NULL AND m.household_id = c.household_id AND m.name = trim(c.member_name)`,
    `UPDATE fostering_dbs_risk_assessment r SET subject = 'member:' || m.id::text FROM fostering_household_member m
      WHERE r.subject = 'member:' || m.name AND m.household_id = r.household_id`,
    // Derived rows, not recorded facts: the clocks name the member as the checks now do.
    `UPDATE household_clock k SET subject = 'member:' || m.id::text FROM fostering_household_member m
      WHERE k.subject = 'member:' || m.name AND m.household_id = k.household_id`,
    // A check is of a carer or of a member; member_name stays the name as it was when recorded.
    `ALTER TABLE fostering_dbs_check ADD CONSTRAINT fostering_dbs_check_whose CHECK ((carer IS NULL) = (member_id IS NOT NULL))`,
  ]);
}

// Every household's clocks derived as the record now derives them, once the members exist, by today's
// code after the last migration (decision 0069; 0060 asked this first, decision 0062). For the adults
// made members above the clocks are much as before (owed from their first check, which meets it; from
// a risk assessment of them, when that came first).
export const rebuilds: readonly Rebuild[] = ['household-clocks'];
