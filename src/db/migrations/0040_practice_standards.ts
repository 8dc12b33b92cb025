// Practice standards per child (issue 9, DQ-22, decision 0036): the council's own parameters for each
// standard Lantern defines in code (on or off, N days, how far back it looks). One row per standard
// once a council changes it; a change goes through updateRecord, so the earlier version, who changed
// it and when are kept. Timeliness standards on a clock read the clock table by rule and due date.
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE practice_standard_setting (
      id uuid PRIMARY KEY,
      standard_id text NOT NULL,
      enabled boolean NOT NULL,
      days integer CHECK (days IS NULL OR days BETWEEN 1 AND 365),
      look_back_months integer NOT NULL CHECK (look_back_months BETWEEN 1 AND 24),
      ${RECORD_COLUMNS}
    )`,
    `CREATE UNIQUE INDEX practice_standard_setting_one ON practice_standard_setting (standard_id) WHERE deleted_at IS NULL`,
    // The clock standards read each rule's clocks that fell due in the look-back: by rule and due date.
    `CREATE INDEX clock_rule_due ON clock (rule_id, due_on)`,
  ]);
}
