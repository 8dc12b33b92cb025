// Family group decision-making before proceedings (Children's Wellbeing and Schools Act 2026 s.1, new
// Children Act 1989 s.31ZA; issue 10; decision 0032): the offer of a family group decision-making
// meeting in the letter before proceedings to each person with parental responsibility, each person's
// response, the meetings held with who attended and their relationship to the child, the family's
// proposal, and the council's "not in the child's best interests" decisions (not offering, not
// holding). And the date of the letter initiating care proceedings (CIN census 2026-27 LetterInitCPDate).
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE fgdm_offer (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      pre_proceedings_id uuid NOT NULL REFERENCES pre_proceedings(id),
      -- The person offered the meeting (a parent or someone with parental responsibility).
      person_id uuid NOT NULL REFERENCES person(id),
      -- Their relationship to the child and whether they held parental responsibility, when offered.
      relationship text NOT NULL,
      parental_responsibility boolean NOT NULL,
      offered_on date NOT NULL,
      response text CHECK (response IN ('accepted', 'declined', 'no_response')),
      responded_on date,
      ${RECORD_COLUMNS},
      CHECK ((response IS NULL) = (responded_on IS NULL)),
      CHECK (responded_on IS NULL OR responded_on >= offered_on)
    )`,
    `CREATE UNIQUE INDEX fgdm_offer_one_a_person ON fgdm_offer (pre_proceedings_id, person_id) WHERE deleted_at IS NULL`,
    `CREATE INDEX fgdm_offer_child ON fgdm_offer (child_id)`,
    `CREATE TABLE fgdm_meeting (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      pre_proceedings_id uuid NOT NULL REFERENCES pre_proceedings(id),
      held_on date NOT NULL,
      -- [{ personId | null, name, relationship }]: family members on the record, and others (friends,
      -- connected persons) by name, each with their relationship to the child.
      attendees jsonb NOT NULL,
      family_proposal text NOT NULL,
      ${RECORD_COLUMNS}
    )`,
    `CREATE INDEX fgdm_meeting_pre ON fgdm_meeting (pre_proceedings_id, held_on)`,
    `CREATE INDEX fgdm_meeting_child ON fgdm_meeting (child_id)`,
    `CREATE TABLE fgdm_exemption (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      pre_proceedings_id uuid NOT NULL REFERENCES pre_proceedings(id),
      -- Not offering the meeting, or not holding one that was accepted (s.31ZA: each is its own decision).
      covers text NOT NULL CHECK (covers IN ('offer', 'meeting')),
      decided_on date NOT NULL,
      decided_by text NOT NULL,
      reason text NOT NULL,
      ${RECORD_COLUMNS}
    )`,
    `CREATE INDEX fgdm_exemption_pre ON fgdm_exemption (pre_proceedings_id)`,
    `CREATE INDEX fgdm_exemption_child ON fgdm_exemption (child_id)`,
    `ALTER TABLE care_proceedings ADD COLUMN letter_initiating_sent_on date`,
    `ALTER TABLE care_proceedings ADD CONSTRAINT care_proceedings_letter_after_issue CHECK (letter_initiating_sent_on IS NULL OR letter_initiating_sent_on >= issued_on)`,
    // The census reads pre-proceedings by their legal planning meeting's date; care proceedings by the pre-proceedings they followed.
    `CREATE INDEX legal_planning_meeting_held ON legal_planning_meeting (held_on) WHERE deleted_at IS NULL`,
    `CREATE INDEX care_proceedings_pre ON care_proceedings (pre_proceedings_id) WHERE pre_proceedings_id IS NOT NULL`,
  ]);
}
