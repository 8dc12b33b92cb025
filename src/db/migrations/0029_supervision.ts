// Supervision of social workers (issue 8; WF-06, WF-07, WF-11, DQ-17): sessions held by the worker's
// supervisor, kept apart by kind (casework or reflective, Southend 2016 ¶124), the discussion of each
// child in casework supervision (which goes on the child's record), and capability or conduct
// concerns held beside the supervision file with narrower access (Newham 2014 ¶134). Decision 0022.
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE supervision_session (
      id uuid PRIMARY KEY,
      worker_id uuid NOT NULL REFERENCES app_user(id),
      supervisor_id uuid NOT NULL REFERENCES app_user(id) CHECK (supervisor_id <> worker_id),
      held_on date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('casework', 'reflective')),
      -- Casework: matters not about one child (the worker's caseload as a whole). Reflective: the
      -- developmental discussion. Never shown on a child's record.
      notes text NOT NULL DEFAULT '',
      ${RECORD_COLUMNS}
    )`,
    `CREATE INDEX supervision_session_worker ON supervision_session (worker_id, held_on) WHERE deleted_at IS NULL`,
    `CREATE TABLE supervision_discussion (
      id uuid PRIMARY KEY,
      session_id uuid NOT NULL REFERENCES supervision_session(id),
      child_id uuid NOT NULL REFERENCES person(id),
      -- The session's date and people, copied so that the child's page and the gap lists read one table.
      discussed_on date NOT NULL,
      worker_id uuid NOT NULL REFERENCES app_user(id),
      supervisor_id uuid NOT NULL REFERENCES app_user(id),
      progress text NOT NULL CHECK (length(trim(progress)) > 0),
      reflection text NOT NULL CHECK (length(trim(reflection)) > 0),
      decisions text NOT NULL CHECK (length(trim(decisions)) > 0),
      ${RECORD_COLUMNS}
    )`,
    `CREATE INDEX supervision_discussion_child ON supervision_discussion (child_id, discussed_on) WHERE deleted_at IS NULL`,
    `CREATE INDEX supervision_discussion_session ON supervision_discussion (session_id) WHERE deleted_at IS NULL`,
    `CREATE TABLE supervision_concern (
      id uuid PRIMARY KEY,
      worker_id uuid NOT NULL REFERENCES app_user(id),
      raised_on date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('capability', 'conduct')),
      concern text NOT NULL CHECK (length(trim(concern)) > 0),
      action_agreed text NOT NULL DEFAULT '',
      -- When the concern was put to the worker (decision 0022: the worker is told, not shown the note).
      told_worker_on date,
      ${RECORD_COLUMNS}
    )`,
    `CREATE INDEX supervision_concern_worker ON supervision_concern (worker_id, raised_on) WHERE deleted_at IS NULL`,
  ]);
}
