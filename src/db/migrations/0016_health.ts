// The health of children in care: health assessments (the initial one by the first review, then
// 6-monthly before 5 and yearly from 5), dental checks, immunisations and the SDQ (the SSDA903 OC2
// table). Seed requirements §1.8e; timescales.md LA13, LA14.
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE health_assessment (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      period_id uuid NOT NULL REFERENCES care_period(id),
      kind text NOT NULL CHECK (kind IN ('initial', 'review')),
      assessed_on date NOT NULL,
      assessed_by text NOT NULL CHECK (length(trim(assessed_by)) > 0),
      summary text NOT NULL CHECK (length(trim(summary)) > 0),
      ${RECORD_COLUMNS}
    )`,
    `CREATE INDEX health_assessment_child ON health_assessment (child_id, assessed_on) WHERE deleted_at IS NULL`,
    // Dental checks, immunisation status and SDQ scores: dated facts, one kind each.
    `CREATE TABLE health_check (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      kind text NOT NULL CHECK (kind IN ('dental', 'immunisations', 'sdq')),
      checked_on date NOT NULL,
      up_to_date boolean,
      sdq_score integer CHECK (sdq_score BETWEEN 0 AND 40),
      sdq_reason text,
      note text,
      ${RECORD_COLUMNS},
      CHECK (kind <> 'immunisations' OR up_to_date IS NOT NULL),
      CHECK (kind <> 'sdq' OR (sdq_score IS NULL) <> (sdq_reason IS NULL))
    )`,
    `CREATE INDEX health_check_child ON health_check (child_id, kind, checked_on) WHERE deleted_at IS NULL`,
  ]);
}
