// The IRO's challenges and escalations (the dispute resolution protocol): a concern about a child's
// plan raised with the worker or a manager, each stage with its response, escalated until it is
// resolved. Seed requirements §1.8c IR-03, IR-06 (Newham 2014 ¶66; Southend 2016 ¶52, ¶59).
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE iro_challenge (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      raised_on date NOT NULL,
      raised_by uuid NOT NULL REFERENCES app_user(id),
      category text NOT NULL,
      concern text NOT NULL CHECK (length(trim(concern)) > 0),
      resolved_on date,
      resolution text,
      ${RECORD_COLUMNS},
      CHECK ((resolved_on IS NULL) = (resolution IS NULL)),
      CHECK (resolved_on IS NULL OR resolved_on >= raised_on)
    )`,
    `CREATE INDEX iro_challenge_child ON iro_challenge (child_id, raised_on) WHERE deleted_at IS NULL`,
    `CREATE INDEX iro_challenge_open ON iro_challenge (raised_on) WHERE resolved_on IS NULL AND deleted_at IS NULL`,
    // Each stage: who the challenge was put to, and their response.
    `CREATE TABLE iro_challenge_stage (
      id uuid PRIMARY KEY,
      challenge_id uuid NOT NULL REFERENCES iro_challenge(id),
      child_id uuid NOT NULL REFERENCES person(id),
      stage text NOT NULL,
      raised_on date NOT NULL,
      addressed_to text NOT NULL CHECK (length(trim(addressed_to)) > 0),
      why text,
      responded_on date,
      response text,
      ${RECORD_COLUMNS},
      CHECK ((responded_on IS NULL) = (response IS NULL)),
      CHECK (responded_on IS NULL OR responded_on >= raised_on)
    )`,
    `CREATE INDEX iro_challenge_stage_challenge ON iro_challenge_stage (challenge_id, raised_on) WHERE deleted_at IS NULL`,
  ]);
}
