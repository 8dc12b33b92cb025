// Improvement actions marked done, reopened or removed (issue 9, decision 0046). Done: the day, who did
// it and a note of what was done; each linked measure keeps its figure on that day (12 months to it),
// as it kept its figure when linked, so the plan shows then, when done and now. Reopening clears them
// (the done version is kept in record_version); removal is the soft delete every record has, with its reason.
import type { Kysely } from 'kysely';
import { runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `ALTER TABLE improvement_action
      ADD COLUMN done_on date,
      ADD COLUMN done_by uuid REFERENCES app_user(id),
      ADD COLUMN done_note text,
      ADD CONSTRAINT improvement_action_done_whole CHECK (
        (done_on IS NULL AND done_by IS NULL AND done_note IS NULL)
        OR (done_on IS NOT NULL AND done_by IS NOT NULL AND length(trim(done_note)) > 0))`,
    `ALTER TABLE improvement_action_measure
      ADD COLUMN done_from date,
      ADD COLUMN done_value numeric,
      ADD COLUMN done_numerator integer,
      ADD COLUMN done_denominator integer`,
  ]);
}
