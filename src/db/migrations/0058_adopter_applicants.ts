// Each applicant of a prospective adopter household: their name, sex, ethnicity (the children's list,
// CIN census) and whether they have a disability. Annex A list 11 is one row per adopter and asks each
// one's gender, ethnicity and disability (decision 0055). The SSD's permanence view reads the
// applicants' sexes, so the views are built again here.
import type { Kysely } from 'kysely';
import { buildSsdViews } from '../../returns/ssd/views.ts';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE adopter_applicant (
      id uuid PRIMARY KEY,
      household_id uuid NOT NULL REFERENCES adopter_household(id),
      position smallint NOT NULL CHECK (position IN (1, 2)),
      name text NOT NULL CHECK (length(trim(name)) > 0),
      sex text CHECK (sex IN ('M', 'F', 'U')),
      ethnicity text,
      disabled boolean,
      ${RECORD_COLUMNS}
    )`,
    `CREATE UNIQUE INDEX adopter_applicant_position ON adopter_applicant (household_id, position) WHERE deleted_at IS NULL`,
  ]);
  await buildSsdViews(db, '0058_adopter_applicants');
}
