// Seed FO-04's "risk-assessment override" (decision 0060): while a carer's or an adult's DBS check is
// outstanding, the fostering service may decide, on a risk assessment, that the household goes on as it
// is until a day (Wandsworth 2016 ¶68: "the local authority has completed risk assessments and is putting
// in extra visits"). Who decided, when, why and until when; it does not meet the renewal (Q92 still
// counts the carer, as Ofsted did), it is shown beside it.
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE fostering_dbs_risk_assessment (
      id uuid PRIMARY KEY,
      household_id uuid NOT NULL REFERENCES fostering_household(id),
      subject text NOT NULL CHECK (subject ~ '^(carer:[12]|member:.+)$'),
      decided_on date NOT NULL,
      decided_by text NOT NULL CHECK (length(trim(decided_by)) > 0),
      reason text NOT NULL CHECK (length(trim(reason)) > 0),
      until_on date NOT NULL,
      ${RECORD_COLUMNS},
      CHECK (until_on >= decided_on)
    )`,
    `CREATE INDEX fostering_dbs_risk_assessment_household ON fostering_dbs_risk_assessment (household_id, subject, until_on) WHERE deleted_at IS NULL`,
  ]);
}
