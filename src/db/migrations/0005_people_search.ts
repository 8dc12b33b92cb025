// Finding a child quickly among 100,000 people without pg_trgm (PGlite ships without it): prefix
// indexes on lower-cased names (text_pattern_ops so LIKE 'abc%' uses them under any collation), the
// LA child id case-insensitively, and a sequence for the LA child ids Lantern gives out.
import type { Kysely } from 'kysely';
import { runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE INDEX person_last_name_prefix ON person (lower(last_name) text_pattern_ops)`,
    `CREATE INDEX person_first_name_prefix ON person (lower(first_name) text_pattern_ops)`,
    `CREATE INDEX person_la_child_id_lower ON person (lower(la_child_id))`,
    `CREATE INDEX person_expected_dob ON person (expected_date_of_birth) WHERE expected_date_of_birth IS NOT NULL`,
    `CREATE INDEX person_link_person ON person_link (person_id)`,
    `CREATE INDEX person_link_other ON person_link (other_person_id)`,
    `CREATE SEQUENCE la_child_id_seq START 1`,
  ]);
}
