// What the SSDA903 return needs and the record did not hold (issues 7 and 10, decision 0041). Every
// column is nullable: records made before this migration stay valid, and the return reports what is
// still missing through DfE's own rules.
import type { Kysely } from 'kysely';
import { runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // PrevPerm: the permanence the child had before this period of care (rules 630-635).
    `ALTER TABLE care_period ADD COLUMN previous_permanence text CHECK (previous_permanence IN ('P1', 'P2', 'P3', 'P4', 'Z1'))`,
    `ALTER TABLE care_period ADD COLUMN previous_permanence_la text`,
    `ALTER TABLE care_period ADD COLUMN previous_permanence_on date`,
    // PlacedAdoption REASON_PLACED_CEASED: why a plan of adoption was changed (rules 119, 120, 557).
    // UASC DUC: the day the child's status as an unaccompanied asylum-seeking child ceased (rules 104, 303, 304).
    `ALTER TABLE person ADD COLUMN uasc_ceased_on date`,
    `ALTER TABLE permanence_plan ADD COLUMN adoption_reversed_reason text CHECK (adoption_reversed_reason IN ('RD1', 'RD2', 'RD3', 'RD4'))`,
  ]);
}
