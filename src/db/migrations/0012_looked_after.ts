// Children in care: periods of care, the placements and legal statuses in them (from which the
// SSDA903 episodes are derived, never typed twice), looked-after reviews, statutory visits, and the
// postcode centroids that give a placement's distance from home.
// Seed requirements §1.8a-d (LA-01, LA-02, PS-01, PS-03, PS-04, IR-01, VI-01); timescales.md §1.2.
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // A period of care: from the day the child starts to be looked after to the day they cease.
    `CREATE TABLE care_period (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      episode_id uuid REFERENCES cin_episode(id),
      started_on date NOT NULL,
      ended_on date,
      reason_ceased text,
      category_of_need text NOT NULL,
      home_postcode text,
      decided_by text NOT NULL CHECK (length(trim(decided_by)) > 0),
      alternatives_considered text,
      ${RECORD_COLUMNS},
      CHECK (ended_on IS NULL OR ended_on >= started_on),
      CHECK ((ended_on IS NULL) = (reason_ceased IS NULL))
    )`,
    `CREATE INDEX care_period_child ON care_period (child_id, started_on) WHERE deleted_at IS NULL`,
    `CREATE INDEX care_period_open ON care_period (started_on) WHERE ended_on IS NULL AND deleted_at IS NULL`,
    // Where the child lives while looked after. Contiguous within a period: a placement ends the day
    // the next starts.
    `CREATE TABLE placement (
      id uuid PRIMARY KEY,
      period_id uuid NOT NULL REFERENCES care_period(id),
      child_id uuid NOT NULL REFERENCES person(id),
      started_on date NOT NULL,
      ended_on date,
      placement_type text NOT NULL,
      provider text,
      carer_name text NOT NULL CHECK (length(trim(carer_name)) > 0),
      urn text,
      postcode text,
      distance_miles double precision,
      host_council text,
      in_council_area boolean,
      same_carers boolean NOT NULL DEFAULT false,
      intended_until_18 boolean NOT NULL DEFAULT false,
      change_reason text,
      plan_agreed_on date,
      notified_on date,
      host_council_notified boolean NOT NULL DEFAULT false,
      ${RECORD_COLUMNS},
      CHECK (ended_on IS NULL OR ended_on >= started_on),
      CHECK (distance_miles IS NULL OR postcode IS NOT NULL)
    )`,
    `CREATE INDEX placement_period ON placement (period_id, started_on) WHERE deleted_at IS NULL`,
    `CREATE INDEX placement_child ON placement (child_id, started_on) WHERE deleted_at IS NULL`,
    `CREATE TABLE legal_status (
      id uuid PRIMARY KEY,
      period_id uuid NOT NULL REFERENCES care_period(id),
      child_id uuid NOT NULL REFERENCES person(id),
      started_on date NOT NULL,
      ended_on date,
      legal_status text NOT NULL,
      ${RECORD_COLUMNS},
      CHECK (ended_on IS NULL OR ended_on >= started_on)
    )`,
    `CREATE INDEX legal_status_period ON legal_status (period_id, started_on) WHERE deleted_at IS NULL`,
    // Looked-after reviews, chaired by an IRO (CPPCR reg 33, 36).
    `CREATE TABLE looked_after_review (
      id uuid PRIMARY KEY,
      period_id uuid NOT NULL REFERENCES care_period(id),
      child_id uuid NOT NULL REFERENCES person(id),
      held_on date NOT NULL,
      chair_id uuid NOT NULL REFERENCES app_user(id),
      participation text NOT NULL,
      permanence_plan text,
      decisions text NOT NULL CHECK (length(trim(decisions)) > 0),
      ${RECORD_COLUMNS}
    )`,
    `CREATE INDEX looked_after_review_period ON looked_after_review (period_id, held_on) WHERE deleted_at IS NULL`,
    // Centroids of postcodes (a full postcode, or an outward code such as "BW1"), with the council
    // the postcode is in. Loaded from the ONS Postcode Directory in production (docs/decisions/0010).
    `CREATE TABLE postcode_centroid (
      postcode text PRIMARY KEY,
      latitude double precision NOT NULL,
      longitude double precision NOT NULL,
      council_code text NOT NULL,
      council_name text NOT NULL
    )`,
    // A statutory visit to a child in care belongs to the placement the child was in that day.
    `ALTER TABLE visit DROP CONSTRAINT IF EXISTS visit_kind_check`,
    `ALTER TABLE visit ADD CONSTRAINT visit_kind_check CHECK (kind IN ('cp', 'cin', 'looked_after', 'other'))`,
    `ALTER TABLE visit ADD COLUMN placement_id uuid REFERENCES placement(id)`,
    // Was: an "other" visit has no plan, every other kind has one.
    `ALTER TABLE visit DROP CONSTRAINT IF EXISTS visit_check1`,
    `ALTER TABLE visit ADD CONSTRAINT visit_plan_or_placement CHECK ((kind IN ('cp', 'cin')) = (plan_id IS NOT NULL) AND (kind = 'looked_after') = (placement_id IS NOT NULL))`,
  ]);
}
