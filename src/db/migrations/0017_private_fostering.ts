// Private fostering: each notification of an arrangement (proposed or already in place), whether the
// council confirmed it as private fostering, the visits (within 7 working days, 6-weekly in the first
// year, then 12-weekly: SI 2005/1533 regs 4, 7, 8), and how it ended. Seed requirements §1.12.
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE private_fostering (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      notified_on date NOT NULL,
      notified_by text NOT NULL CHECK (length(trim(notified_by)) > 0),
      already_in_place boolean NOT NULL,
      carer_name text NOT NULL CHECK (length(trim(carer_name)) > 0),
      carer_postcode text,
      decided_on date,
      confirmed boolean,
      decision_reason text,
      ended_on date,
      end_reason text,
      ${RECORD_COLUMNS},
      CHECK ((decided_on IS NULL) = (confirmed IS NULL)),
      CHECK (decided_on IS NULL OR decided_on >= notified_on),
      CHECK (ended_on IS NULL OR ended_on >= notified_on)
    )`,
    `CREATE INDEX private_fostering_child ON private_fostering (child_id, notified_on) WHERE deleted_at IS NULL`,
    `CREATE INDEX private_fostering_open ON private_fostering (notified_on) WHERE ended_on IS NULL AND deleted_at IS NULL`,
    `CREATE TABLE private_fostering_visit (
      id uuid PRIMARY KEY,
      arrangement_id uuid NOT NULL REFERENCES private_fostering(id),
      child_id uuid NOT NULL REFERENCES person(id),
      visited_on date NOT NULL,
      worker_id uuid NOT NULL REFERENCES app_user(id),
      seen_alone text NOT NULL CHECK (seen_alone IN ('yes', 'no', 'not_applicable')),
      child_views text NOT NULL CHECK (length(trim(child_views)) > 0),
      ${RECORD_COLUMNS}
    )`,
    `CREATE INDEX private_fostering_visit_arrangement ON private_fostering_visit (arrangement_id, visited_on) WHERE deleted_at IS NULL`,
  ]);
}
