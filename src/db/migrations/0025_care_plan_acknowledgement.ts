// The IRO reads each change to a child's care plan and says so (CPPCR 2010 reg 45; Southend 2016 ¶59:
// "IROs had not been informed of changes to care plans"; seed IR-04, DQ-27). Each acknowledgement names
// the version of the plan read, so the plan page can say how many changes the IRO has not yet seen.
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE care_plan_acknowledgement (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      plan_id uuid NOT NULL REFERENCES plan(id),
      version_read integer NOT NULL CHECK (version_read > 0),
      read_on date NOT NULL,
      iro_id uuid NOT NULL REFERENCES app_user(id),
      comment text,
      ${RECORD_COLUMNS}
    )`,
    `CREATE INDEX care_plan_acknowledgement_plan ON care_plan_acknowledgement (plan_id, version_read DESC) WHERE deleted_at IS NULL`,
    `CREATE INDEX care_plan_acknowledgement_child ON care_plan_acknowledgement (child_id) WHERE deleted_at IS NULL`,
  ]);
}
