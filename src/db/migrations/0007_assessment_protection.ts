// Help and protection inside an episode of need: the child and family assessment, strategy
// discussions, section 47 enquiries, child protection conferences and core group meetings.
// The CP plan itself is a row of `plan` (kind 'cp'); these tables hang off it.
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS_BEFORE_0010, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // CIN census Assessments: start, completion (AssessmentAuthorisationDate), factors; and what
    // inspections found missing from assessments (WW ¶24, N14 ¶34, N20 F3, Newham 2020 on fathers).
    `CREATE TABLE assessment (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      episode_id uuid NOT NULL REFERENCES cin_episode(id),
      started_on date NOT NULL,
      completed_on date,
      factors jsonb NOT NULL DEFAULT '[]',
      outcome text,
      delay_reason text,
      child_seen_on date,
      child_seen_alone text CHECK (child_seen_alone IN ('yes', 'no')),
      child_not_seen_reason text,
      child_views text,
      adults_involved text,
      father_involved text CHECK (father_involved IN ('yes', 'no', 'not-known')),
      father_not_involved_reason text,
      culture_and_identity text,
      use_of_history text,
      analysis text,
      authorised_on date,
      authorised_by uuid REFERENCES app_user(id),
      authorisation_rationale text,
      ${RECORD_COLUMNS_BEFORE_0010},
      CHECK (completed_on IS NULL OR completed_on >= started_on),
      CHECK (authorised_on IS NULL OR (completed_on IS NOT NULL AND authorised_on >= completed_on))
    )`,
    // CIN census rule 8896: no more than one open assessment in an episode.
    `CREATE UNIQUE INDEX assessment_one_open ON assessment (episode_id) WHERE completed_on IS NULL AND deleted_at IS NULL`,
    `CREATE INDEX assessment_child ON assessment (child_id)`,
    `CREATE TABLE strategy_discussion (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      episode_id uuid NOT NULL REFERENCES cin_episode(id),
      enquiry_id uuid,
      held_on date NOT NULL,
      held_at text CHECK (held_at IS NULL OR held_at ~ '^[0-2][0-9]:[0-5][0-9]$'),
      attendees jsonb NOT NULL,
      reason text NOT NULL,
      other_views text,
      decisions text NOT NULL,
      next_steps text,
      outcome text NOT NULL CHECK (outcome IN ('S47', 'NO_S47', 'REVIEW')),
      ${RECORD_COLUMNS_BEFORE_0010}
    )`,
    `CREATE INDEX strategy_discussion_child ON strategy_discussion (child_id, held_on)`,
    `CREATE INDEX strategy_discussion_held_on ON strategy_discussion (held_on)`,
    // initiated_on is the date of the strategy discussion that initiated the enquiry: the ICPC clock
    // runs from it (WT 2023; Southend ¶24-25). started_on is the CIN census S47ActualStartDate, which
    // the DfE measure counts from; it may be later, never earlier.
    `CREATE TABLE s47_enquiry (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      episode_id uuid NOT NULL REFERENCES cin_episode(id),
      initiating_discussion_id uuid NOT NULL REFERENCES strategy_discussion(id),
      initiated_on date NOT NULL,
      started_on date NOT NULL,
      outcome text CHECK (outcome IN ('CONFERENCE', 'NO_CONFERENCE')),
      completed_on date,
      outcome_summary text,
      ${RECORD_COLUMNS_BEFORE_0010},
      CHECK (started_on >= initiated_on),
      CHECK (completed_on IS NULL OR completed_on >= started_on),
      CHECK (outcome <> 'NO_CONFERENCE' OR completed_on IS NOT NULL)
    )`,
    // The discussion and the enquiry it initiates point at each other, and are written together.
    `ALTER TABLE strategy_discussion ADD CONSTRAINT strategy_discussion_enquiry_fk
      FOREIGN KEY (enquiry_id) REFERENCES s47_enquiry(id) DEFERRABLE INITIALLY DEFERRED`,
    // CIN census rule 8839: not two open section 47 enquiries in one episode.
    `CREATE UNIQUE INDEX s47_enquiry_one_undecided ON s47_enquiry (episode_id) WHERE outcome IS NULL AND deleted_at IS NULL`,
    `CREATE INDEX s47_enquiry_child ON s47_enquiry (child_id)`,
    `CREATE TABLE child_protection_conference (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      kind text NOT NULL CHECK (kind IN ('initial', 'review')),
      enquiry_id uuid REFERENCES s47_enquiry(id),
      plan_id uuid REFERENCES plan(id),
      held_on date NOT NULL,
      chair_id uuid NOT NULL REFERENCES app_user(id),
      attendees jsonb NOT NULL,
      family_attended jsonb NOT NULL DEFAULT '[]',
      decision text NOT NULL,
      category_of_abuse text,
      end_reason text,
      summary text,
      ${RECORD_COLUMNS_BEFORE_0010},
      CHECK ((kind = 'initial' AND enquiry_id IS NOT NULL AND decision IN ('PLAN', 'NO_PLAN'))
          OR (kind = 'review' AND plan_id IS NOT NULL AND decision IN ('CONTINUE', 'END')))
    )`,
    `CREATE UNIQUE INDEX child_protection_conference_one_initial ON child_protection_conference (enquiry_id)
      WHERE kind = 'initial' AND deleted_at IS NULL`,
    `CREATE INDEX child_protection_conference_child ON child_protection_conference (child_id, held_on)`,
    `CREATE INDEX child_protection_conference_plan ON child_protection_conference (plan_id)`,
    `CREATE TABLE core_group_meeting (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      plan_id uuid NOT NULL REFERENCES plan(id),
      held_on date NOT NULL,
      attendees jsonb NOT NULL,
      family_attended jsonb NOT NULL DEFAULT '[]',
      risk_reducing text CHECK (risk_reducing IN ('yes', 'no', 'unclear')),
      summary text NOT NULL,
      ${RECORD_COLUMNS_BEFORE_0010}
    )`,
    `CREATE INDEX core_group_meeting_plan ON core_group_meeting (plan_id, held_on)`,
  ]);
}
