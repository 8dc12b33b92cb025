// Case audits (issue 8, quality assurance; seed QA-01..QA-10, DQ-41..DQ-43; decision 0024): the audit
// tools a council uses (domains of questions, as data), samples drawn for a dip-sample audit (with the
// seed, so the sample can be drawn again), each child's audit with its graded answers (factual items
// carry what the record said, and the auditor's reason where they graded against it), and the
// moderator's second grade.
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS, runStatements } from './sql.ts';
import { DEFAULT_TOOLS } from '../../case-audits/default-tools.ts';

const GRADE = `CHECK (%s IN ('outstanding', 'good', 'requires_improvement', 'inadequate'))`;
const grade = (column: string) => GRADE.replace('%s', column);
const ROLE = (column: string) => `CHECK (${column} IN ('first_line', 'senior', 'external'))`;
const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE audit_tool (
      id uuid PRIMARY KEY,
      name text NOT NULL CHECK (length(trim(name)) > 0),
      purpose text NOT NULL,
      -- [{ key, title, questions: [{ key, text, fact? }] }]: the questions are the themes of the report.
      domains jsonb NOT NULL,
      built_in boolean NOT NULL DEFAULT false,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT lantern_now(),
      created_by uuid REFERENCES app_user(id)
    )`,
    `CREATE UNIQUE INDEX audit_tool_name ON audit_tool (lower(name))`,
    `CREATE TABLE audit_sample (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('nfa_contacts', 'closed_cases', 'strategy_discussions', 'team_random')),
      tool_id uuid NOT NULL REFERENCES audit_tool(id),
      team_id uuid REFERENCES team(id),
      period_from date NOT NULL,
      period_to date NOT NULL,
      size integer NOT NULL CHECK (size BETWEEN 1 AND 100),
      seed integer NOT NULL,
      drawn_on date NOT NULL,
      -- How many children the sample was drawn from, so the report can say what share was audited.
      eligible integer NOT NULL,
      ${RECORD_COLUMNS},
      CHECK (period_to >= period_from),
      CHECK (kind <> 'team_random' OR team_id IS NOT NULL)
    )`,
    `CREATE INDEX audit_sample_drawn ON audit_sample (drawn_on DESC) WHERE deleted_at IS NULL`,
    `CREATE TABLE case_audit (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      tool_id uuid NOT NULL REFERENCES audit_tool(id),
      sample_id uuid REFERENCES audit_sample(id),
      -- A re-audit to test the impact of the first audit's actions (QA-03).
      reaudit_of uuid REFERENCES case_audit(id),
      -- The worker whose work is audited (allocated when the audit was planned or graded) and their team.
      subject_worker_id uuid REFERENCES app_user(id),
      team_id uuid REFERENCES team(id),
      status text NOT NULL CHECK (status IN ('planned', 'completed')),
      audited_on date,
      auditor_id uuid REFERENCES app_user(id),
      auditor_role text ${ROLE('auditor_role')},
      overall_grade text ${grade('overall_grade')},
      child_experience text,
      impact text,
      ${RECORD_COLUMNS},
      CHECK (status = 'planned' OR (audited_on IS NOT NULL AND auditor_id IS NOT NULL AND auditor_role IS NOT NULL
        AND overall_grade IS NOT NULL AND length(trim(child_experience)) > 0 AND length(trim(impact)) > 0)),
      CHECK (auditor_id IS NULL OR subject_worker_id IS NULL OR auditor_id <> subject_worker_id)
    )`,
    `CREATE INDEX case_audit_child ON case_audit (child_id, audited_on DESC) WHERE deleted_at IS NULL`,
    `CREATE INDEX case_audit_completed ON case_audit (audited_on, tool_id) WHERE status = 'completed' AND deleted_at IS NULL`,
    `CREATE INDEX case_audit_planned ON case_audit (sample_id) WHERE status = 'planned' AND deleted_at IS NULL`,
    `CREATE INDEX case_audit_reaudit ON case_audit (reaudit_of) WHERE reaudit_of IS NOT NULL`,
    `CREATE TABLE case_audit_answer (
      id uuid PRIMARY KEY,
      audit_id uuid NOT NULL REFERENCES case_audit(id),
      child_id uuid NOT NULL REFERENCES person(id),
      domain_key text NOT NULL,
      domain_title text NOT NULL,
      question_key text NOT NULL,
      question text NOT NULL,
      position integer NOT NULL,
      grade text NOT NULL ${grade('grade')},
      comment text,
      -- A factual item: what the record said when the audit was graded (met, not met, or null when it does not apply).
      fact text,
      fact_met boolean,
      fact_says text,
      -- Why the auditor graded good or better what the record says was not met (DQ-41).
      override_reason text,
      ${RECORD_COLUMNS},
      CHECK (fact_met IS NOT FALSE OR grade NOT IN ('outstanding', 'good') OR length(trim(override_reason)) > 0),
      UNIQUE (audit_id, question_key)
    )`,
    `CREATE INDEX case_audit_answer_child ON case_audit_answer (child_id)`,
    `CREATE INDEX case_audit_answer_override ON case_audit_answer (audit_id) WHERE override_reason IS NOT NULL`,
    `CREATE TABLE case_audit_moderation (
      id uuid PRIMARY KEY,
      audit_id uuid NOT NULL REFERENCES case_audit(id),
      child_id uuid NOT NULL REFERENCES person(id),
      moderated_on date NOT NULL,
      moderator_id uuid NOT NULL REFERENCES app_user(id),
      moderator_role text NOT NULL ${ROLE('moderator_role')},
      overall_grade text NOT NULL ${grade('overall_grade')},
      comment text NOT NULL CHECK (length(trim(comment)) > 0),
      ${RECORD_COLUMNS}
    )`,
    `CREATE INDEX case_audit_moderation_audit ON case_audit_moderation (audit_id) WHERE deleted_at IS NULL`,
    `CREATE INDEX case_audit_moderation_child ON case_audit_moderation (child_id)`,
    ...DEFAULT_TOOLS.map(
      (t) => `INSERT INTO audit_tool (id, name, purpose, domains, built_in) VALUES ('${t.id}', ${quote(t.name)}, ${quote(t.purpose)}, ${quote(JSON.stringify(t.domains))}::jsonb, true)`,
    ),
  ]);
}
