// The open child protection plans, by child (issue 6: pages a user lands on). A caseload's weighting
// asks of each child whether a protection plan is open (src/workforce/caseloads.ts): the planner reads
// every open plan once into a hash, and without this index it read every protection plan ever made.
import type { Kysely } from 'kysely';
import { runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [`CREATE INDEX IF NOT EXISTS plan_open_cp ON plan (child_id) WHERE kind = 'cp' AND ended_on IS NULL AND deleted_at IS NULL`]);
}
