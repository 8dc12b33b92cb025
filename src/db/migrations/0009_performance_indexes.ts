// Indexes for the pages people land on (issue 6, part 1), chosen from EXPLAIN of every statement those
// pages run on the large synthetic council (bench/pages.ts). IF NOT EXISTS: the migration may land
// after later ones have run, and the synthetic council's loader drops and recreates secondary indexes.
import type { Kysely } from 'kysely';
import { runStatements } from './sql.ts';

export const PERFORMANCE_INDEXES = [
  // A contact's, plan's or proceedings' own clocks (the front door joins each contact to its decision
  // clock; a plan page and the court tracker read the clocks of their scope).
  `CREATE INDEX IF NOT EXISTS clock_scope ON clock (scope_id, rule_id) WHERE scope_id IS NOT NULL`,
  // What is running for a child: My work's due lists go from allocations to the children's open clocks.
  `CREATE INDEX IF NOT EXISTS clock_child_open ON clock (child_id, due_on) WHERE met_on IS NULL AND stopped_on IS NULL`,
  // Open clocks of a rule (the front door's contacts awaiting a decision are its open decision clocks).
  `CREATE INDEX IF NOT EXISTS clock_rule_open ON clock (rule_id, scope_id) WHERE met_on IS NULL AND stopped_on IS NULL`,
  // A manager's recently late work: clocks met after their due date, by the day they were met.
  `CREATE INDEX IF NOT EXISTS clock_met_late ON clock (met_on) WHERE met_on IS NOT NULL AND met_on > due_on`,
  // Every allocation of a child, past ones too (the record lists them); current ones by child and by
  // worker have partial indexes since 0001.
  `CREATE INDEX IF NOT EXISTS allocation_child_all ON allocation (child_id, from_date) WHERE deleted_at IS NULL`,
  `CREATE INDEX IF NOT EXISTS allocation_worker_child ON allocation (worker_id, child_id) WHERE to_date IS NULL AND deleted_at IS NULL`,
  // The front door: decisions by day (recent decisions, newest first) and the no-service decisions that
  // may need a second look, oldest first.
  `CREATE INDEX IF NOT EXISTS contact_decision_day ON contact_decision (decided_on DESC, decided_time DESC) WHERE deleted_at IS NULL`,
  `CREATE INDEX IF NOT EXISTS contact_decision_no_service ON contact_decision (decided_on, contact_id) WHERE deleted_at IS NULL AND outcome IN ('NFA', 'ADVICE')`,
  `CREATE INDEX IF NOT EXISTS contact_with_risk ON contact (id) WHERE deleted_at IS NULL AND jsonb_array_length(risk_indicators) > 0`,
  // The court tracker: legal planning meetings, pre-proceedings and proceedings by child and by meeting.
  `CREATE INDEX IF NOT EXISTS care_proceedings_child ON care_proceedings (child_id) WHERE deleted_at IS NULL`,
  `CREATE INDEX IF NOT EXISTS care_proceedings_meeting ON care_proceedings (legal_planning_meeting_id) WHERE legal_planning_meeting_id IS NOT NULL`,
  `CREATE INDEX IF NOT EXISTS pre_proceedings_meeting_of ON pre_proceedings (legal_planning_meeting_id) WHERE legal_planning_meeting_id IS NOT NULL`,
  `CREATE INDEX IF NOT EXISTS pre_proceedings_child ON pre_proceedings (child_id) WHERE deleted_at IS NULL`,
  // A child's plan actions (the tracker counts the overdue ones).
  `CREATE INDEX IF NOT EXISTS plan_action_child ON plan_action (child_id) WHERE deleted_at IS NULL`,
  // Access grants of a child (the visibility check asks by child and user).
  `CREATE INDEX IF NOT EXISTS access_grant_child ON access_grant (child_id, user_id) WHERE revoked_at IS NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, PERFORMANCE_INDEXES);
}
