// The council's own foster carers (issue #7): each fostering household with its assessment, the
// fostering panel and the agency decision maker's decision, its approval (kind, number of children,
// age range), its status over time, its annual reviews (Fostering Services (England) Regulations 2011
// reg 28) and, for connected persons, temporary approval (CPPCR 2010 regs 24-25). A placement names
// the household it is with, so vacancies and the children placed follow from the placements.
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

const KINDS = `'mainstream', 'connected_person', 'short_breaks', 'parent_and_child'`;
const STATUSES = `'in_assessment', 'approved', 'on_hold', 'resigned', 'deregistered', 'not_approved'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE fostering_household (
      id uuid PRIMARY KEY,
      first_carer text NOT NULL CHECK (length(trim(first_carer)) > 0),
      second_carer text,
      postcode text,
      kind text NOT NULL CHECK (kind IN (${KINDS})),
      assessment_started_on date NOT NULL,
      status text NOT NULL CHECK (status IN (${STATUSES})),
      status_since date NOT NULL,
      panel_on date,
      panel_recommends boolean,
      decided_on date,
      decision_maker text,
      approved boolean,
      places smallint CHECK (places BETWEEN 1 AND 6),
      age_from smallint CHECK (age_from BETWEEN 0 AND 17),
      age_to smallint CHECK (age_to BETWEEN 0 AND 17),
      limit_exempted_on date,
      limit_exemption text,
      temporary_approved_on date,
      temporary_extended_on date,
      temporary_extended_until date,
      temporary_extended_by text,
      review_due_on date,
      temporary_expires_on date,
      ${RECORD_COLUMNS},
      CHECK ((panel_on IS NULL) = (panel_recommends IS NULL)),
      CHECK ((decided_on IS NULL) = (approved IS NULL)),
      CHECK (age_from IS NULL OR age_to IS NULL OR age_from <= age_to),
      CHECK (NOT coalesce(approved, false) OR (places IS NOT NULL AND age_from IS NOT NULL AND age_to IS NOT NULL)),
      CHECK (temporary_approved_on IS NULL OR kind = 'connected_person'),
      CHECK (status_since >= assessment_started_on)
    )`,
    `CREATE INDEX fostering_household_by_status ON fostering_household (status, kind) WHERE deleted_at IS NULL`,
    `CREATE INDEX fostering_household_name ON fostering_household (first_carer, id) WHERE deleted_at IS NULL`,
    `CREATE INDEX fostering_household_review_due ON fostering_household (review_due_on) WHERE deleted_at IS NULL AND review_due_on IS NOT NULL`,
    `CREATE TABLE fostering_household_status (
      id uuid PRIMARY KEY,
      household_id uuid NOT NULL REFERENCES fostering_household(id),
      status text NOT NULL CHECK (status IN (${STATUSES})),
      from_on date NOT NULL,
      to_on date,
      reason text,
      ${RECORD_COLUMNS},
      CHECK (to_on IS NULL OR to_on >= from_on)
    )`,
    `CREATE INDEX fostering_household_status_household ON fostering_household_status (household_id, from_on) WHERE deleted_at IS NULL`,
    `CREATE TABLE fostering_review (
      id uuid PRIMARY KEY,
      household_id uuid NOT NULL REFERENCES fostering_household(id),
      reviewed_on date NOT NULL,
      panel_on date,
      suitable boolean NOT NULL,
      summary text NOT NULL CHECK (length(trim(summary)) > 0),
      ${RECORD_COLUMNS},
      CHECK (panel_on IS NULL OR panel_on >= reviewed_on)
    )`,
    `CREATE INDEX fostering_review_household ON fostering_review (household_id, reviewed_on) WHERE deleted_at IS NULL`,
    `ALTER TABLE placement ADD COLUMN fostering_household_id uuid REFERENCES fostering_household(id)`,
    `CREATE INDEX placement_fostering_household ON placement (fostering_household_id, started_on) WHERE fostering_household_id IS NOT NULL AND deleted_at IS NULL`,
    // Children in care now, by where they live: the sufficiency page counts the open placements.
    `CREATE INDEX placement_open_type ON placement (placement_type, provider) WHERE ended_on IS NULL AND deleted_at IS NULL`,
  ]);
}
