// Permanence and adoption: each child's permanence plan (and parallel plan) in a period of care, the
// steps of the route to permanence (family finding, authority to place, the order or long-term
// fostering confirmed), prospective adopter households from enquiry to the agency decision, and the
// matches of children with approved households (placed, disrupted). Seed requirements §1.8h, §1.9;
// timescales.md AD1-AD6; decision 0014.
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

const ROUTES = `'adoption', 'special_guardianship', 'long_term_fostering', 'return_home', 'child_arrangements', 'other'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE permanence_plan (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      period_id uuid NOT NULL REFERENCES care_period(id),
      decided_on date NOT NULL,
      review_id uuid REFERENCES looked_after_review(id),
      plan text NOT NULL CHECK (plan IN (${ROUTES})),
      plan_detail text,
      parallel_plan text CHECK (parallel_plan IS NULL OR parallel_plan IN (${ROUTES})),
      ended_on date,
      end_reason text CHECK (end_reason IS NULL OR end_reason IN ('changed', 'achieved')),
      ${RECORD_COLUMNS},
      CHECK (parallel_plan IS NULL OR parallel_plan <> plan),
      CHECK ((ended_on IS NULL) = (end_reason IS NULL)),
      CHECK (ended_on IS NULL OR ended_on >= decided_on)
    )`,
    `CREATE INDEX permanence_plan_child ON permanence_plan (child_id, decided_on) WHERE deleted_at IS NULL`,
    // The tracker: the plan running in each open period of care (care_period_open finds the periods).
    `CREATE INDEX permanence_plan_running ON permanence_plan (period_id) WHERE ended_on IS NULL AND deleted_at IS NULL`,
    `CREATE TABLE permanence_step (
      id uuid PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES permanence_plan(id),
      child_id uuid NOT NULL REFERENCES person(id),
      kind text NOT NULL CHECK (kind IN ('family_finding', 'authority_to_place', 'order', 'long_term_fostering_confirmed')),
      occurred_on date NOT NULL,
      authority text CHECK (authority IS NULL OR authority IN ('placement_order', 'consent')),
      court text,
      case_number text,
      order_kind text CHECK (order_kind IS NULL OR order_kind IN ('adoption', 'special_guardianship', 'child_arrangements')),
      note text,
      ${RECORD_COLUMNS},
      CHECK ((kind = 'authority_to_place') = (authority IS NOT NULL)),
      CHECK (authority IS DISTINCT FROM 'placement_order' OR length(trim(court)) > 0),
      CHECK ((kind = 'order') = (order_kind IS NOT NULL))
    )`,
    `CREATE UNIQUE INDEX permanence_step_once ON permanence_step (plan_id, kind) WHERE deleted_at IS NULL`,
    `CREATE INDEX permanence_step_child ON permanence_step (child_id) WHERE deleted_at IS NULL`,
    `CREATE TABLE adopter_household (
      id uuid PRIMARY KEY,
      name text NOT NULL CHECK (length(trim(name)) > 0),
      applicants integer NOT NULL CHECK (applicants IN (1, 2)),
      postcode text,
      worker_id uuid REFERENCES app_user(id),
      fostering_for_adoption boolean NOT NULL DEFAULT false,
      enquiry_on date NOT NULL,
      registered_on date,
      stage_one_ended_on date,
      stage_two_started_on date,
      panel_on date,
      panel_recommended boolean,
      decided_on date,
      approved boolean,
      left_on date,
      left_reason text CHECK (left_reason IS NULL OR left_reason IN ('WITHDREW', 'ON_HOLD', 'REFUSED')),
      left_note text,
      ${RECORD_COLUMNS},
      CHECK ((panel_on IS NULL) = (panel_recommended IS NULL)),
      CHECK ((decided_on IS NULL) = (approved IS NULL)),
      CHECK ((left_on IS NULL) = (left_reason IS NULL)),
      CHECK (registered_on IS NULL OR registered_on >= enquiry_on),
      CHECK (stage_one_ended_on IS NULL OR stage_one_ended_on >= registered_on),
      CHECK (stage_two_started_on IS NULL OR stage_two_started_on >= stage_one_ended_on),
      CHECK (panel_on IS NULL OR panel_on >= stage_two_started_on),
      CHECK (decided_on IS NULL OR decided_on >= panel_on)
    )`,
    `CREATE INDEX adopter_household_enquiry ON adopter_household (enquiry_on, id) WHERE deleted_at IS NULL`,
    `CREATE TABLE adoption_match (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      plan_id uuid NOT NULL REFERENCES permanence_plan(id),
      household_id uuid NOT NULL REFERENCES adopter_household(id),
      panel_on date NOT NULL,
      decided_on date NOT NULL,
      placed_on date,
      placement_id uuid REFERENCES placement(id),
      disrupted_on date,
      disruption_reason text,
      ${RECORD_COLUMNS},
      CHECK (decided_on >= panel_on),
      CHECK (placed_on IS NULL OR placed_on >= decided_on),
      CHECK ((placed_on IS NULL) = (placement_id IS NULL)),
      CHECK (disrupted_on IS NULL OR (placed_on IS NOT NULL AND disrupted_on >= placed_on AND length(trim(disruption_reason)) > 0))
    )`,
    `CREATE INDEX adoption_match_child ON adoption_match (child_id) WHERE deleted_at IS NULL`,
    `CREATE INDEX adoption_match_plan ON adoption_match (plan_id) WHERE deleted_at IS NULL`,
    `CREATE INDEX adoption_match_household ON adoption_match (household_id) WHERE deleted_at IS NULL`,
  ]);
}
