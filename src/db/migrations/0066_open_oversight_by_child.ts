// The open management-oversight clock of each child (issue 6: a team manager's My work). The oversight
// panel asks, for each child of the manager's teams, whether their oversight is overdue: through the
// index of every clock by child it read about 75 clocks a child to find none (9 ms for a team of 163
// children on the large council); this index holds only the open oversight clocks (1 ms).
import type { Kysely } from 'kysely';
import { runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE INDEX IF NOT EXISTS clock_oversight_open_child ON clock (child_id) WHERE rule_id = 'management-oversight' AND met_on IS NULL AND stopped_on IS NULL`,
  ]);
}
