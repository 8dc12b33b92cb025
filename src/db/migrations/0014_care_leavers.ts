// Care leavers: pathway plan reviews, contact with the young person, their accommodation (with its
// suitability, and a plan to move out of bed and breakfast), the SSDA903 OC3 record at each birthday
// from 17 to 21, and the support the council owes (health history, entitlements, staying put,
// staying close). The pathway plan itself is a plan of kind 'pathway' in the one plan model; the
// young person's status is derived from their periods of care (src/care-leavers/status.ts).
// Seed requirements §1.11 (CL-01, CL-02, CL-04, CL-05, CL-07, CL-08, CL-10, CL-12); timescales.md §1.4.
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE pathway_plan_review (
      id uuid PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES plan(id),
      child_id uuid NOT NULL REFERENCES person(id),
      reviewed_on date NOT NULL,
      young_person_took_part boolean NOT NULL,
      contingencies text NOT NULL CHECK (length(trim(contingencies)) > 0),
      summary text NOT NULL CHECK (length(trim(summary)) > 0),
      ${RECORD_COLUMNS}
    )`,
    `CREATE INDEX pathway_plan_review_child ON pathway_plan_review (child_id, reviewed_on) WHERE deleted_at IS NULL`,
    `CREATE TABLE care_leaver_contact (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      contact_on date NOT NULL,
      worker_id uuid NOT NULL REFERENCES app_user(id),
      method text NOT NULL,
      reached boolean NOT NULL,
      note text NOT NULL CHECK (length(trim(note)) > 0),
      ${RECORD_COLUMNS}
    )`,
    `CREATE INDEX care_leaver_contact_child ON care_leaver_contact (child_id, contact_on) WHERE deleted_at IS NULL`,
    // Contiguous, like placements: a move ends the last accommodation the day the next starts.
    `CREATE TABLE care_leaver_accommodation (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      from_on date NOT NULL,
      to_on date,
      kind text NOT NULL,
      suitable boolean NOT NULL,
      description text,
      plan_to_move text,
      move_by date,
      ${RECORD_COLUMNS},
      CHECK (to_on IS NULL OR to_on >= from_on),
      CHECK (kind <> 'W' OR (plan_to_move IS NOT NULL AND move_by IS NOT NULL))
    )`,
    `CREATE INDEX care_leaver_accommodation_child ON care_leaver_accommodation (child_id, from_on) WHERE deleted_at IS NULL`,
    `CREATE INDEX care_leaver_accommodation_bed_and_breakfast ON care_leaver_accommodation (from_on) WHERE kind = 'W' AND to_on IS NULL AND deleted_at IS NULL`,
    `CREATE TABLE care_leaver_birthday (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      age integer NOT NULL CHECK (age BETWEEN 17 AND 21),
      recorded_on date NOT NULL,
      in_touch text NOT NULL,
      activity text NOT NULL,
      accommodation text NOT NULL,
      ${RECORD_COLUMNS}
    )`,
    `CREATE UNIQUE INDEX care_leaver_birthday_once ON care_leaver_birthday (child_id, age) WHERE deleted_at IS NULL`,
    `CREATE TABLE care_leaver_support (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      kind text NOT NULL,
      on_date date NOT NULL,
      outcome text,
      note text,
      ${RECORD_COLUMNS}
    )`,
    `CREATE INDEX care_leaver_support_child ON care_leaver_support (child_id, on_date) WHERE deleted_at IS NULL`,
  ]);
}
