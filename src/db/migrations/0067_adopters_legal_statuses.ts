// Every legal status of adopters the SSDA903 return holds (AD1 LS_ADOPTR; decision 0072): 0048 allowed
// only L0, L11 and L2, the codes whose meaning had been found, so a same-sex married couple or an
// unmarried couple could not be recorded. The meanings of L12, L3 and L4 are now read from the return's
// own rules (decision 0072), and the database allows all six.
import type { Kysely } from 'kysely';
import { runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // The name PostgreSQL gave 0048's column check.
    `ALTER TABLE adopter_household DROP CONSTRAINT IF EXISTS adopter_household_adopters_legal_status_check`,
    `ALTER TABLE adopter_household ADD CONSTRAINT adopter_household_adopters_legal_status_check
      CHECK (adopters_legal_status IN ('L0', 'L11', 'L12', 'L2', 'L3', 'L4'))`,
  ]);
}
