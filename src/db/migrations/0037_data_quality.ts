// The data quality page's late recording (DQ-12): facts of the last months put on the record more than
// N days after they happened. By the day alone it read every event of the window (260k rows on the large
// council, 500 ms); with how late each was in the index beside the day it reads only the late ones (10 ms).
// The expression must be the same as the check's (src/data-quality/checks.ts) for the index to be used.
import type { Kysely } from 'kysely';
import { runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE INDEX child_event_recorded_late ON child_event (occurred_on, ((recorded_at AT TIME ZONE 'Europe/London')::date - occurred_on)) WHERE deleted_at IS NULL`,
  ]);
}
