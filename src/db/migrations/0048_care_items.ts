// What the SSDA903 return still sent blank (decision 0043): the adopters' sex and legal status (AD1),
// and the OC2 items the record did not hold (the under-5 development check, substance misuse and its
// intervention, offending outcomes). Every new column is nullable or has a default, so records made
// before this migration stay valid and DfE's own rules report what is still missing.
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // AD1 SEX_ADOPTR and LS_ADOPTR: of the household that adopts. Only the legal statuses whose meaning
    // was found in a source are allowed (decision 0043); the sexes fit the number of applicants.
    `ALTER TABLE adopter_household ADD COLUMN adopters_sex text CHECK (adopters_sex IN ('M1', 'F1', 'MM', 'FF', 'MF'))`,
    `ALTER TABLE adopter_household ADD COLUMN adopters_legal_status text CHECK (adopters_legal_status IN ('L0', 'L11', 'L2'))`,
    `ALTER TABLE adopter_household ADD CONSTRAINT adopter_household_sex_fits_applicants
      CHECK (adopters_sex IS NULL OR (applicants = 1) = (adopters_sex IN ('M1', 'F1')))`,
    // OC2 HEALTH_CHECK (development checks of a child under 5) and SUBSTANCE_MISUSE with the
    // intervention: more kinds of dated health fact.
    `ALTER TABLE health_check DROP CONSTRAINT health_check_kind_check`,
    `ALTER TABLE health_check ADD CONSTRAINT health_check_kind_check CHECK (kind IN ('dental', 'immunisations', 'sdq', 'development', 'substance_misuse'))`,
    `ALTER TABLE health_check ADD COLUMN intervention text CHECK (intervention IN ('received', 'offered', 'not_offered'))`,
    `ALTER TABLE health_check ADD CONSTRAINT health_check_intervention_of_substance_misuse CHECK ((kind = 'substance_misuse') = (intervention IS NOT NULL))`,
    // OC2 CONVICTED: a conviction, final warning or reprimand, on the day it was given.
    `CREATE TABLE offending_outcome (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      kind text NOT NULL CHECK (kind IN ('conviction', 'final_warning', 'reprimand')),
      given_on date NOT NULL,
      note text,
      ${RECORD_COLUMNS}
    )`,
    `CREATE INDEX offending_outcome_child ON offending_outcome (child_id, given_on) WHERE deleted_at IS NULL`,
  ]);
}
