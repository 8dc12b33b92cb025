// The fostering service's oversight of its carers (decision 0056): each DBS check of a carer or an
// adult of the household (Fostering Services (England) Regulations 2011 Schedule 3), the supervising
// social worker of each household over time, the supervisory and unannounced visits (Fostering NMS
// 2011 standard 21), and the household's derived clocks, kept as the children's are (decision 0049).
import type { Kysely } from 'kysely';
import type { Rebuild } from '../rebuilds.ts';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE fostering_dbs_check (
      id uuid PRIMARY KEY,
      household_id uuid NOT NULL REFERENCES fostering_household(id),
      carer smallint CHECK (carer IN (1, 2)),
      member_name text CHECK (member_name IS NULL OR length(trim(member_name)) > 0),
      checked_on date NOT NULL,
      certificate_number text NOT NULL CHECK (length(trim(certificate_number)) > 0),
      barred_list boolean NOT NULL,
      update_service boolean NOT NULL,
      renewal_due_on date NOT NULL,
      ${RECORD_COLUMNS},
      CHECK ((carer IS NULL) <> (member_name IS NULL)),
      CHECK (renewal_due_on > checked_on)
    )`,
    `CREATE INDEX fostering_dbs_check_household ON fostering_dbs_check (household_id, checked_on) WHERE deleted_at IS NULL`,
    `CREATE TABLE fostering_supervising_worker (
      id uuid PRIMARY KEY,
      household_id uuid NOT NULL REFERENCES fostering_household(id),
      worker_id uuid NOT NULL REFERENCES app_user(id),
      from_on date NOT NULL,
      to_on date,
      ${RECORD_COLUMNS},
      CHECK (to_on IS NULL OR to_on >= from_on)
    )`,
    `CREATE INDEX fostering_supervising_worker_household ON fostering_supervising_worker (household_id, from_on) WHERE deleted_at IS NULL`,
    `CREATE UNIQUE INDEX fostering_supervising_worker_open ON fostering_supervising_worker (household_id) WHERE to_on IS NULL AND deleted_at IS NULL`,
    `CREATE TABLE fostering_visit (
      id uuid PRIMARY KEY,
      household_id uuid NOT NULL REFERENCES fostering_household(id),
      visited_on date NOT NULL,
      unannounced boolean NOT NULL,
      visited_by uuid NOT NULL REFERENCES app_user(id),
      summary text NOT NULL CHECK (length(trim(summary)) > 0),
      ${RECORD_COLUMNS}
    )`,
    `CREATE INDEX fostering_visit_household ON fostering_visit (household_id, visited_on) WHERE deleted_at IS NULL`,
    // Derived from the household's rows after every change (src/fostering/clocks.ts), as clock is.
    `CREATE TABLE household_clock (
      id uuid PRIMARY KEY,
      household_id uuid NOT NULL REFERENCES fostering_household(id),
      rule_id text NOT NULL,
      subject text NOT NULL DEFAULT '',
      started_on date NOT NULL,
      due_on date NOT NULL,
      met_on date,
      stopped_on date
    )`,
    `CREATE INDEX household_clock_household ON household_clock (household_id)`,
    `CREATE INDEX household_clock_open_due ON household_clock (rule_id, due_on) WHERE met_on IS NULL AND stopped_on IS NULL`,
  ]);
}

// The households already recorded owe visits from their approval, and their reviews join the due lists:
// their clocks are derived after the last migration, by today's code against the final schema (decision
// 0069; called here, it read the members a database at 0059 does not have yet, decision 0062).
export const rebuilds: readonly Rebuild[] = ['household-clocks'];
