// The virtual school's list for a user who sees every child (decision 0049): the cohort and its counts
// read the school-age children from this index (id, names, whether the record is restricted), not from
// the person rows. Partial: children only, neither deleted nor merged.
import type { Kysely } from 'kysely';
import { runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE INDEX person_child_born ON person (date_of_birth) INCLUDE (id, restricted, last_name, first_name) WHERE kind = 'child' AND deleted_at IS NULL AND merged_into IS NULL`,
  ]);
}
