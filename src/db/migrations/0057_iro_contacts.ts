// The IRO's contact with the child between reviews (IRO Handbook 2010 ¶3.19-3.25; Care Planning
// Regulations 2010 reg 36 and 45: the IRO speaks with the child before each review): the date, how,
// whether the child was seen alone, a note. Annex A list 8 asks for the latest (seed IR-05; decision 0055).
// The SSD views read it too (clae_cla_last_iro_contact_date), so they are built again here.
import type { Kysely } from 'kysely';
import { buildSsdViews } from '../../returns/ssd/views.ts';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE iro_contact (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      contact_on date NOT NULL,
      method text NOT NULL CHECK (method IN ('visit', 'phone', 'video', 'message', 'review')),
      seen_alone boolean,
      iro_id uuid NOT NULL REFERENCES app_user(id),
      note text,
      ${RECORD_COLUMNS},
      CHECK (seen_alone IS NULL OR method IN ('visit', 'video', 'review'))
    )`,
    `CREATE INDEX iro_contact_child ON iro_contact (child_id, contact_on) WHERE deleted_at IS NULL`,
  ]);
  await buildSsdViews(db, '0057_iro_contacts');
}
