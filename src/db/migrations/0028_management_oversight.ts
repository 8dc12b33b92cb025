// Management oversight (issue 8; seeds MO-01, MO-02, MO-04, DQ-18): a manager's oversight entry on a
// child's case (or a challenge or escalation, tracked to a response), and the manager's decision that
// a key transition needs before it takes effect (decision 0021).
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE management_oversight (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      kind text NOT NULL CHECK (kind IN ('oversight', 'challenge', 'escalation')),
      overseen_on date NOT NULL,
      manager_id uuid NOT NULL REFERENCES app_user(id),
      -- The parts of the record the manager read (codes), and anything else in their words.
      parts_read jsonb NOT NULL DEFAULT '[]',
      what_read text,
      analysis text NOT NULL CHECK (length(trim(analysis)) > 0),
      direction text NOT NULL CHECK (length(trim(direction)) > 0),
      -- A challenge or escalation names whom it is to, and is tracked to a response and a resolution.
      addressed_to text,
      addressed_to_user_id uuid REFERENCES app_user(id),
      responded_on date,
      response text,
      resolved_on date,
      ${RECORD_COLUMNS},
      CHECK (kind = 'oversight' OR addressed_to IS NOT NULL),
      CHECK ((responded_on IS NULL) = (response IS NULL)),
      CHECK (resolved_on IS NULL OR responded_on IS NOT NULL)
    )`,
    `CREATE INDEX management_oversight_child ON management_oversight (child_id, overseen_on) WHERE deleted_at IS NULL`,
    `CREATE INDEX management_oversight_unresolved ON management_oversight (child_id) WHERE kind <> 'oversight' AND resolved_on IS NULL AND deleted_at IS NULL`,
    `CREATE TABLE management_decision (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      kind text NOT NULL CHECK (kind IN ('s47_outcome', 'plan_start', 'plan_end', 'closure', 'step_down', 'entry_to_care', 'return_home')),
      decided_on date NOT NULL,
      manager_id uuid NOT NULL REFERENCES app_user(id),
      rationale text NOT NULL CHECK (length(trim(rationale)) > 0),
      authorises text NOT NULL CHECK (length(trim(authorises)) > 0),
      -- A closure's summary: the work done, and the child's situation at closure (the rationale says why closing is right).
      work_summary text,
      situation_at_closure text,
      -- The record of the transition that took effect under this decision (a decision authorises one).
      acted_on_id uuid,
      ${RECORD_COLUMNS},
      CHECK (kind <> 'closure' OR (work_summary IS NOT NULL AND situation_at_closure IS NOT NULL))
    )`,
    // The manager's list: open oversight clocks by due date.
    `CREATE INDEX clock_oversight_open ON clock (due_on, child_id) WHERE rule_id = 'management-oversight' AND met_on IS NULL AND stopped_on IS NULL`,
    `CREATE INDEX management_decision_child ON management_decision (child_id, kind, decided_on) WHERE deleted_at IS NULL`,
  ]);
}
