// Indexes for reading a child's rows where the first migrations of these tables indexed only their
// parent (the benchmark's EXPLAIN found sequential scans on the large council: looked_after_review
// has 32,000 rows). Each page reads these by child.
import type { Kysely } from 'kysely';
import { runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE INDEX IF NOT EXISTS looked_after_review_child ON looked_after_review (child_id, held_on) WHERE deleted_at IS NULL`,
    `CREATE INDEX IF NOT EXISTS legal_status_child ON legal_status (child_id, started_on) WHERE deleted_at IS NULL`,
    `CREATE INDEX IF NOT EXISTS iro_challenge_stage_child ON iro_challenge_stage (child_id, raised_on) WHERE deleted_at IS NULL`,
    `CREATE INDEX IF NOT EXISTS private_fostering_visit_child ON private_fostering_visit (child_id, visited_on) WHERE deleted_at IS NULL`,
    `CREATE INDEX IF NOT EXISTS visit_placement ON visit (placement_id) WHERE placement_id IS NOT NULL`,
  ]);
}
