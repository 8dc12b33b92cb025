// Moving to Lantern (issue 10, decision 0040): an import job may be an SSDA903 return as well as a CIN
// census.
import type { Kysely } from 'kysely';
import { runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `ALTER TABLE import_job DROP CONSTRAINT IF EXISTS import_job_kind_check`,
    `ALTER TABLE import_job ADD CONSTRAINT import_job_kind_check CHECK (kind IN ('cin-census', 'ssda903'))`,
  ]);
}
