// The front door (contacts, checks with other agencies, threshold decisions, telling the referrer,
// second looks at no-service decisions) and early help (episodes, assessments, team-around-the-
// family meetings, step-up and step-down handovers).
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS_BEFORE_0010, runStatements } from './sql.ts';

const TIME = `~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // A contact about a child. A partner's online submission has no child until the front door
    // matches it, so the child is kept as the partner described them until then.
    `CREATE TABLE contact (
      id uuid PRIMARY KEY,
      child_id uuid REFERENCES person(id),
      received_on date NOT NULL,
      received_time text NOT NULL CHECK (received_time ${TIME}),
      source text NOT NULL,
      referrer_name text,
      referrer_role text,
      referrer_agency text,
      referrer_phone text,
      worry text NOT NULL,
      risk_indicators jsonb NOT NULL DEFAULT '[]',
      consent text NOT NULL,
      submitted_online boolean NOT NULL DEFAULT false,
      subject_first_name text,
      subject_last_name text,
      subject_date_of_birth date,
      subject_address text,
      subject_postcode text,
      matched_on date,
      ${RECORD_COLUMNS_BEFORE_0010},
      CHECK (submitted_online OR child_id IS NOT NULL),
      CHECK (NOT submitted_online OR (child_id IS NULL) = (matched_on IS NULL))
    )`,
    `CREATE INDEX contact_child ON contact (child_id, received_on) WHERE deleted_at IS NULL`,
    `CREATE INDEX contact_unmatched ON contact (received_on) WHERE child_id IS NULL AND deleted_at IS NULL`,
    `CREATE INDEX contact_recorded_by ON contact (recorded_by, received_on)`,
    `CREATE TABLE agency_check (
      id uuid PRIMARY KEY,
      contact_id uuid NOT NULL REFERENCES contact(id),
      agency text NOT NULL,
      asked_on date NOT NULL,
      answered_on date,
      summary text,
      ${RECORD_COLUMNS_BEFORE_0010},
      CHECK (answered_on IS NULL OR answered_on >= asked_on)
    )`,
    `CREATE INDEX agency_check_contact ON agency_check (contact_id)`,
    `CREATE TABLE early_help_episode (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      started_on date NOT NULL,
      origin text NOT NULL CHECK (origin IN ('CONTACT', 'STEP_DOWN', 'DIRECT')),
      contact_id uuid REFERENCES contact(id),
      stepped_down_from uuid REFERENCES cin_episode(id),
      lead_user_id uuid REFERENCES app_user(id),
      lead_name text,
      lead_agency text,
      plan_id uuid REFERENCES plan(id),
      ended_on date,
      end_reason text,
      end_notes text,
      manager_reason text,
      manager_id uuid REFERENCES app_user(id),
      ${RECORD_COLUMNS_BEFORE_0010},
      CHECK (ended_on IS NULL OR ended_on >= started_on),
      CHECK ((ended_on IS NULL) = (end_reason IS NULL)),
      CHECK ((manager_reason IS NULL) = (manager_id IS NULL))
    )`,
    // One open early help episode per child.
    `CREATE UNIQUE INDEX early_help_episode_one_open ON early_help_episode (child_id) WHERE ended_on IS NULL AND deleted_at IS NULL`,
    `CREATE INDEX early_help_episode_child ON early_help_episode (child_id, started_on)`,
    `CREATE TABLE contact_decision (
      id uuid PRIMARY KEY,
      contact_id uuid NOT NULL REFERENCES contact(id),
      decided_on date NOT NULL,
      decided_time text NOT NULL CHECK (decided_time ${TIME}),
      outcome text NOT NULL,
      rationale text NOT NULL CHECK (length(trim(rationale)) > 0),
      cin_episode_id uuid REFERENCES cin_episode(id),
      early_help_episode_id uuid REFERENCES early_help_episode(id),
      ${RECORD_COLUMNS_BEFORE_0010}
    )`,
    `CREATE UNIQUE INDEX contact_decision_one ON contact_decision (contact_id) WHERE deleted_at IS NULL`,
    `CREATE INDEX contact_decision_decided_on ON contact_decision (decided_on)`,
    `CREATE TABLE referrer_feedback (
      id uuid PRIMARY KEY,
      contact_id uuid NOT NULL REFERENCES contact(id),
      informed_on date NOT NULL,
      method text NOT NULL,
      note text,
      ${RECORD_COLUMNS_BEFORE_0010}
    )`,
    `CREATE UNIQUE INDEX referrer_feedback_one ON referrer_feedback (contact_id) WHERE deleted_at IS NULL`,
    `CREATE TABLE contact_second_look (
      id uuid PRIMARY KEY,
      contact_id uuid NOT NULL REFERENCES contact(id),
      reviewed_on date NOT NULL,
      reviewer_id uuid NOT NULL REFERENCES app_user(id),
      conclusion text NOT NULL CHECK (conclusion IN ('AGREE', 'CHANGE')),
      new_outcome text,
      notes text NOT NULL,
      cin_episode_id uuid REFERENCES cin_episode(id),
      early_help_episode_id uuid REFERENCES early_help_episode(id),
      ${RECORD_COLUMNS_BEFORE_0010},
      CHECK ((conclusion = 'CHANGE') = (new_outcome IS NOT NULL))
    )`,
    `CREATE UNIQUE INDEX contact_second_look_one ON contact_second_look (contact_id) WHERE deleted_at IS NULL`,
    `CREATE TABLE early_help_assessment (
      id uuid PRIMARY KEY,
      episode_id uuid NOT NULL REFERENCES early_help_episode(id),
      child_id uuid NOT NULL REFERENCES person(id),
      started_on date NOT NULL,
      completed_on date,
      needs text,
      views text,
      analysis text,
      ${RECORD_COLUMNS_BEFORE_0010},
      CHECK (completed_on IS NULL OR completed_on >= started_on)
    )`,
    `CREATE UNIQUE INDEX early_help_assessment_one ON early_help_assessment (episode_id) WHERE deleted_at IS NULL`,
    `CREATE TABLE early_help_meeting (
      id uuid PRIMARY KEY,
      episode_id uuid NOT NULL REFERENCES early_help_episode(id),
      child_id uuid NOT NULL REFERENCES person(id),
      held_on date NOT NULL,
      agencies jsonb NOT NULL DEFAULT '[]',
      attendees text,
      summary text NOT NULL,
      ${RECORD_COLUMNS_BEFORE_0010}
    )`,
    `CREATE INDEX early_help_meeting_episode ON early_help_meeting (episode_id, held_on)`,
    // What passed between early help and social care when a child moved between them (EH-08, EH-10).
    `CREATE TABLE early_help_handover (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      direction text NOT NULL CHECK (direction IN ('STEP_UP', 'STEP_DOWN')),
      early_help_episode_id uuid NOT NULL REFERENCES early_help_episode(id),
      cin_episode_id uuid NOT NULL REFERENCES cin_episode(id),
      handed_over_on date NOT NULL,
      work_done text,
      current_risks text,
      family_views text,
      family_knows text,
      outstanding_actions text,
      meeting_on date,
      manager_reason text,
      ${RECORD_COLUMNS_BEFORE_0010}
    )`,
    `CREATE INDEX early_help_handover_child ON early_help_handover (child_id)`,
  ]);
}
