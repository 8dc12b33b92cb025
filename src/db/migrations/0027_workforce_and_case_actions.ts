// The shared ground of managerial oversight (issue 8): who a worker is (qualified when, newly
// qualified or not, agency or permanent, hours), and actions that come from oversight, supervision
// and case audits rather than from a plan (decision 0020).
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE worker_profile (
      user_id uuid PRIMARY KEY REFERENCES app_user(id),
      qualified_on date,
      asye_completed_on date,
      employment text NOT NULL CHECK (employment IN ('permanent', 'agency', 'fixed_term', 'seconded')),
      started_on date NOT NULL,
      fte numeric(3, 2) NOT NULL CHECK (fte > 0 AND fte <= 1),
      -- Who supervises them; when null, the manager of their team (decision 0020).
      line_manager_id uuid REFERENCES app_user(id) CHECK (line_manager_id <> user_id),
      ${RECORD_COLUMNS},
      CHECK (asye_completed_on IS NULL OR (qualified_on IS NOT NULL AND asye_completed_on >= qualified_on))
    )`,
    `CREATE INDEX worker_profile_line_manager ON worker_profile (line_manager_id) WHERE line_manager_id IS NOT NULL`,
    `CREATE TABLE case_action (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      source text NOT NULL CHECK (source IN ('oversight', 'supervision', 'audit')),
      source_id uuid NOT NULL,
      description text NOT NULL CHECK (length(trim(description)) > 0),
      owner text NOT NULL CHECK (length(trim(owner)) > 0),
      owner_user_id uuid REFERENCES app_user(id),
      due_on date NOT NULL,
      status text NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'no_longer_needed')),
      status_reason text,
      completed_on date,
      ${RECORD_COLUMNS},
      CHECK (status <> 'no_longer_needed' OR status_reason IS NOT NULL),
      CHECK ((status = 'done') = (completed_on IS NOT NULL))
    )`,
    `CREATE INDEX case_action_child ON case_action (child_id, due_on) WHERE deleted_at IS NULL`,
    `CREATE INDEX case_action_source ON case_action (source, source_id)`,
    `CREATE INDEX case_action_owner_open ON case_action (owner_user_id, due_on)
      WHERE status IN ('not_started', 'in_progress') AND deleted_at IS NULL`,
  ]);
}
