// What a plan says (outcomes and actions, every version kept), written agreements, child in need
// meetings, visits and case notes, and pre-proceedings and care proceedings.
// Seed requirements §1.5 CP-04, CP-06, CP-17; §1.6; §1.7 PL-01, PL-04; §1.8d VI-01.
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS_BEFORE_0010, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // Why a plan ended, in the worker's words (e.g. the evidence that change has lasted: CN-05).
    `ALTER TABLE plan ADD COLUMN end_detail text`,
    `CREATE TABLE plan_outcome (
      id uuid PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES plan(id),
      child_id uuid NOT NULL REFERENCES person(id),
      description text NOT NULL CHECK (length(trim(description)) > 0),
      measure text,
      position integer NOT NULL,
      ${RECORD_COLUMNS_BEFORE_0010}
    )`,
    `CREATE INDEX plan_outcome_plan ON plan_outcome (plan_id)`,
    // Each action has its own due date: never the next review's (Southend 2016 ¶27), so no default.
    `CREATE TABLE plan_action (
      id uuid PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES plan(id),
      child_id uuid NOT NULL REFERENCES person(id),
      outcome_id uuid REFERENCES plan_outcome(id),
      description text NOT NULL CHECK (length(trim(description)) > 0),
      owner text NOT NULL CHECK (length(trim(owner)) > 0),
      owner_user_id uuid REFERENCES app_user(id),
      due_on date NOT NULL,
      status text NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'no_longer_needed')),
      status_reason text,
      completed_on date,
      ${RECORD_COLUMNS_BEFORE_0010},
      CHECK (status <> 'no_longer_needed' OR status_reason IS NOT NULL),
      CHECK ((status = 'done') = (completed_on IS NOT NULL))
    )`,
    `CREATE INDEX plan_action_plan ON plan_action (plan_id)`,
    `CREATE INDEX plan_action_open_due ON plan_action (due_on) WHERE status IN ('not_started', 'in_progress') AND deleted_at IS NULL`,
    `CREATE INDEX plan_action_owner ON plan_action (owner_user_id) WHERE owner_user_id IS NOT NULL`,
    // The whole plan as it stood after each change (docs/decisions/plan-version-snapshots.md).
    `CREATE TABLE plan_version (
      id uuid PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES plan(id),
      version integer NOT NULL,
      change text NOT NULL,
      snapshot jsonb NOT NULL,
      changed_on date NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now(),
      changed_by uuid NOT NULL REFERENCES app_user(id),
      UNIQUE (plan_id, version)
    )`,
    // Newham 2020 F8: agreements must say what happens if they are not kept.
    `CREATE TABLE written_agreement (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      plan_id uuid REFERENCES plan(id),
      made_on date NOT NULL,
      with_whom text NOT NULL CHECK (length(trim(with_whom)) > 0),
      review_on date NOT NULL,
      ${RECORD_COLUMNS_BEFORE_0010},
      CHECK (review_on >= made_on)
    )`,
    `CREATE INDEX written_agreement_child ON written_agreement (child_id)`,
    `CREATE TABLE written_agreement_term (
      id uuid PRIMARY KEY,
      agreement_id uuid NOT NULL REFERENCES written_agreement(id),
      position integer NOT NULL,
      action text NOT NULL CHECK (length(trim(action)) > 0),
      consequence text NOT NULL CHECK (length(trim(consequence)) > 0),
      ${RECORD_COLUMNS_BEFORE_0010}
    )`,
    `CREATE INDEX written_agreement_term_agreement ON written_agreement_term (agreement_id)`,
    `CREATE TABLE cin_meeting (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      plan_id uuid NOT NULL REFERENCES plan(id),
      held_on date NOT NULL,
      attendees text NOT NULL,
      plan_reviewed boolean NOT NULL,
      summary text NOT NULL,
      ${RECORD_COLUMNS_BEFORE_0010}
    )`,
    `CREATE INDEX cin_meeting_plan ON cin_meeting (plan_id, held_on)`,
    `CREATE TABLE visit (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      visited_on date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('cp', 'cin', 'other')),
      plan_id uuid REFERENCES plan(id),
      worker_id uuid NOT NULL REFERENCES app_user(id),
      child_seen boolean NOT NULL,
      seen_alone text NOT NULL CHECK (seen_alone IN ('yes', 'no', 'not_applicable')),
      observations text NOT NULL,
      ${RECORD_COLUMNS_BEFORE_0010},
      CHECK (child_seen OR seen_alone <> 'yes'),
      CHECK ((kind = 'other') = (plan_id IS NULL))
    )`,
    `CREATE INDEX visit_child ON visit (child_id, visited_on)`,
    `CREATE INDEX visit_worker ON visit (worker_id, visited_on)`,
    `CREATE TABLE case_note (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      noted_on date NOT NULL,
      title text NOT NULL,
      note text NOT NULL,
      significance text NOT NULL CHECK (significance IN ('high', 'normal', 'low')),
      ${RECORD_COLUMNS_BEFORE_0010}
    )`,
    `CREATE INDEX case_note_child ON case_note (child_id, noted_on)`,
    `CREATE TABLE legal_planning_meeting (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      held_on date NOT NULL,
      decision text NOT NULL CHECK (decision IN ('pre_proceedings', 'issue_proceedings', 'neither')),
      reasons text NOT NULL,
      ${RECORD_COLUMNS_BEFORE_0010}
    )`,
    `CREATE INDEX legal_planning_meeting_child ON legal_planning_meeting (child_id, held_on)`,
    `CREATE TABLE pre_proceedings (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      legal_planning_meeting_id uuid NOT NULL REFERENCES legal_planning_meeting(id),
      letter_sent_on date NOT NULL,
      ended_on date,
      outcome text CHECK (outcome IN ('step_down', 'issue_proceedings')),
      end_reason text,
      ${RECORD_COLUMNS_BEFORE_0010},
      CHECK (ended_on IS NULL OR ended_on >= letter_sent_on),
      CHECK ((ended_on IS NULL) = (outcome IS NULL))
    )`,
    `CREATE UNIQUE INDEX pre_proceedings_one_open ON pre_proceedings (child_id) WHERE ended_on IS NULL AND deleted_at IS NULL`,
    `CREATE TABLE pre_proceedings_meeting (
      id uuid PRIMARY KEY,
      pre_proceedings_id uuid NOT NULL REFERENCES pre_proceedings(id),
      child_id uuid NOT NULL REFERENCES person(id),
      held_on date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('meeting', 'review')),
      outcome text NOT NULL,
      next_review_on date,
      ${RECORD_COLUMNS_BEFORE_0010},
      CHECK (next_review_on IS NULL OR next_review_on > held_on)
    )`,
    `CREATE INDEX pre_proceedings_meeting_pre ON pre_proceedings_meeting (pre_proceedings_id, held_on)`,
    `CREATE TABLE care_proceedings (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      legal_planning_meeting_id uuid REFERENCES legal_planning_meeting(id),
      pre_proceedings_id uuid REFERENCES pre_proceedings(id),
      issued_on date NOT NULL,
      court text NOT NULL,
      case_number text NOT NULL,
      application_type text NOT NULL,
      first_hearing_on date,
      concluded_on date,
      conclusion text,
      ${RECORD_COLUMNS_BEFORE_0010},
      CHECK (concluded_on IS NULL OR concluded_on >= issued_on),
      CHECK (first_hearing_on IS NULL OR first_hearing_on >= issued_on)
    )`,
    `CREATE UNIQUE INDEX care_proceedings_one_open ON care_proceedings (child_id) WHERE concluded_on IS NULL AND deleted_at IS NULL`,
    `CREATE TABLE court_hearing (
      id uuid PRIMARY KEY,
      proceedings_id uuid NOT NULL REFERENCES care_proceedings(id),
      child_id uuid NOT NULL REFERENCES person(id),
      heard_on date NOT NULL,
      hearing_type text NOT NULL,
      outcome text NOT NULL,
      next_hearing_on date,
      ${RECORD_COLUMNS_BEFORE_0010},
      CHECK (next_hearing_on IS NULL OR next_hearing_on > heard_on)
    )`,
    `CREATE INDEX court_hearing_proceedings ON court_hearing (proceedings_id, heard_on)`,
    `CREATE TABLE court_order (
      id uuid PRIMARY KEY,
      proceedings_id uuid NOT NULL REFERENCES care_proceedings(id),
      child_id uuid NOT NULL REFERENCES person(id),
      made_on date NOT NULL,
      order_type text NOT NULL,
      note text,
      ${RECORD_COLUMNS_BEFORE_0010}
    )`,
    `CREATE INDEX court_order_proceedings ON court_order (proceedings_id, made_on)`,
  ]);
}
