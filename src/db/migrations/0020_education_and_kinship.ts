// Kinship care whatever its legal status (Children's Wellbeing and Schools Act 2026 s.5: CA 1989
// s.22H, s.22I), and the education of children in care and of every child the virtual school now
// follows (s.6: CA 1989 s.23ZZZA): the school, moves between schools, attendance each term,
// suspensions and permanent exclusions, personal education plans with their targets, and the
// council's own term dates. Seed requirements §1.8f (ED-01, ED-05 to ED-09); timescales.md LA15;
// policy-2026.md §1; decision 0013.
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // --- Kinship care -------------------------------------------------------------------------
    `CREATE TABLE kinship_arrangement (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      kind text NOT NULL CHECK (kind IN ('informal', 'kinship_foster', 'sgo', 'cao')),
      started_on date NOT NULL,
      placement_id uuid REFERENCES placement(id),
      offer_sent_on date,
      offer_sent_how text CHECK (offer_sent_how IN ('post', 'email', 'in_person', 'phone')),
      ended_on date,
      end_reason text,
      note text,
      ${RECORD_COLUMNS},
      CHECK ((offer_sent_on IS NULL) = (offer_sent_how IS NULL)),
      CHECK (ended_on IS NULL OR ended_on >= started_on),
      CHECK ((ended_on IS NULL) = (end_reason IS NULL)),
      CHECK (placement_id IS NULL OR kind = 'kinship_foster')
    )`,
    `CREATE INDEX kinship_arrangement_child ON kinship_arrangement (child_id, started_on) WHERE deleted_at IS NULL`,
    `CREATE INDEX kinship_arrangement_open ON kinship_arrangement (child_id) WHERE ended_on IS NULL AND deleted_at IS NULL`,
    `CREATE TABLE kinship_carer (
      id uuid PRIMARY KEY,
      arrangement_id uuid NOT NULL REFERENCES kinship_arrangement(id),
      child_id uuid NOT NULL REFERENCES person(id),
      name text NOT NULL CHECK (length(trim(name)) > 0),
      relationship text NOT NULL CHECK (length(trim(relationship)) > 0),
      ${RECORD_COLUMNS}
    )`,
    `CREATE INDEX kinship_carer_arrangement ON kinship_carer (arrangement_id) WHERE deleted_at IS NULL`,
    `CREATE INDEX kinship_carer_child ON kinship_carer (child_id) WHERE deleted_at IS NULL`,

    // --- Education ----------------------------------------------------------------------------
    // The school a child is on the roll of; a move is a new row, with why the child moved.
    `CREATE TABLE school_enrolment (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      school_name text NOT NULL CHECK (length(trim(school_name)) > 0),
      urn text CHECK (urn ~ '^[0-9]{6}$'),
      started_on date NOT NULL,
      ended_on date,
      move_reason text,
      ${RECORD_COLUMNS},
      CHECK (ended_on IS NULL OR ended_on >= started_on)
    )`,
    `CREATE INDEX school_enrolment_child ON school_enrolment (child_id, started_on) WHERE deleted_at IS NULL`,
    // Attendance for one term: sessions (half-days) possible and attended, as schools report them.
    `CREATE TABLE school_attendance (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      school_year integer NOT NULL,
      term text NOT NULL CHECK (term IN ('autumn', 'spring', 'summer')),
      term_ends_on date NOT NULL,
      sessions_possible integer NOT NULL CHECK (sessions_possible BETWEEN 1 AND 200),
      sessions_attended integer NOT NULL CHECK (sessions_attended >= 0),
      ${RECORD_COLUMNS},
      CHECK (sessions_attended <= sessions_possible)
    )`,
    `CREATE UNIQUE INDEX school_attendance_one_a_term ON school_attendance (child_id, school_year, term) WHERE deleted_at IS NULL`,
    `CREATE TABLE school_exclusion (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      kind text NOT NULL CHECK (kind IN ('suspension', 'permanent')),
      starts_on date NOT NULL,
      days numeric(4, 1) CHECK (days > 0 AND days <= 45),
      school_name text NOT NULL CHECK (length(trim(school_name)) > 0),
      reason text,
      ${RECORD_COLUMNS},
      CHECK ((kind = 'suspension') = (days IS NOT NULL))
    )`,
    `CREATE INDEX school_exclusion_child ON school_exclusion (child_id, starts_on) WHERE deleted_at IS NULL`,
    // Personal education plans of children in care: the first in a period of care is the initial PEP.
    `CREATE TABLE pep (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      period_id uuid NOT NULL REFERENCES care_period(id),
      kind text NOT NULL CHECK (kind IN ('initial', 'review')),
      held_on date NOT NULL,
      attended_by text NOT NULL CHECK (length(trim(attended_by)) > 0),
      child_views text,
      summary text NOT NULL CHECK (length(trim(summary)) > 0),
      ${RECORD_COLUMNS}
    )`,
    `CREATE INDEX pep_child ON pep (child_id, held_on) WHERE deleted_at IS NULL`,
    `CREATE TABLE pep_target (
      id uuid PRIMARY KEY,
      pep_id uuid NOT NULL REFERENCES pep(id),
      child_id uuid NOT NULL REFERENCES person(id),
      what text NOT NULL CHECK (length(trim(what)) > 0),
      who text NOT NULL CHECK (length(trim(who)) > 0),
      by_when date NOT NULL,
      met boolean,
      reviewed_on date,
      ${RECORD_COLUMNS},
      CHECK ((met IS NULL) = (reviewed_on IS NULL))
    )`,
    `CREATE INDEX pep_target_pep ON pep_target (pep_id) WHERE deleted_at IS NULL`,
    `CREATE INDEX pep_target_child ON pep_target (child_id) WHERE deleted_at IS NULL`,
    // The council's own term dates; where a term has none, Lantern uses the common pattern.
    `CREATE TABLE school_term (
      school_year integer NOT NULL,
      term text NOT NULL CHECK (term IN ('autumn', 'spring', 'summer')),
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      half_term_starts_on date,
      half_term_ends_on date,
      updated_at timestamptz NOT NULL DEFAULT lantern_now(),
      updated_by uuid NOT NULL REFERENCES app_user(id),
      PRIMARY KEY (school_year, term),
      CHECK (ends_on > starts_on),
      CHECK ((half_term_starts_on IS NULL) = (half_term_ends_on IS NULL)),
      CHECK (half_term_starts_on IS NULL OR (half_term_starts_on > starts_on AND half_term_ends_on >= half_term_starts_on AND half_term_ends_on < ends_on))
    )`,
    // The virtual school's cohort: children with a social worker now or in the last 6 years.
    `CREATE INDEX cin_episode_closed ON cin_episode (closed_on, child_id) WHERE deleted_at IS NULL AND NOT referral_nfa`,
  ]);
}
