// Workforce (issue 8): when a worker left (leavers in the last 12 months), a manager's approval of
// child protection or proceedings work given to a newly qualified worker (Southend 2016 ¶123), and
// transfers of a case between teams, accepted or declined by the receiving team's manager (decision 0023).
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `ALTER TABLE worker_profile ADD COLUMN left_on date`,
    `ALTER TABLE worker_profile ADD CONSTRAINT worker_profile_left_after_start CHECK (left_on IS NULL OR left_on >= started_on)`,
    `CREATE INDEX worker_profile_left ON worker_profile (left_on) WHERE left_on IS NOT NULL`,
    `CREATE TABLE allocation_approval (
      id uuid PRIMARY KEY,
      allocation_id uuid NOT NULL REFERENCES allocation(id),
      child_id uuid NOT NULL REFERENCES person(id),
      approved_by uuid NOT NULL REFERENCES app_user(id),
      approved_on date NOT NULL,
      -- Why the work was given to a newly qualified worker: complexity, or the protected caseload.
      needed_for text NOT NULL CHECK (needed_for IN ('complex_work', 'protected_caseload', 'both')),
      reason text NOT NULL CHECK (length(trim(reason)) > 0),
      ${RECORD_COLUMNS}
    )`,
    `CREATE UNIQUE INDEX allocation_approval_of ON allocation_approval (allocation_id) WHERE deleted_at IS NULL`,
    `CREATE INDEX allocation_approval_child ON allocation_approval (child_id)`,
    `CREATE TABLE case_transfer (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      from_team_id uuid NOT NULL REFERENCES team(id),
      to_team_id uuid NOT NULL REFERENCES team(id) CHECK (to_team_id <> from_team_id),
      requested_on date NOT NULL,
      reason text NOT NULL CHECK (length(trim(reason)) > 0),
      status text NOT NULL CHECK (status IN ('requested', 'accepted', 'declined')),
      decided_on date,
      decided_by uuid REFERENCES app_user(id),
      decline_reason text,
      -- The social worker in the receiving team who took the case on acceptance.
      allocation_id uuid REFERENCES allocation(id),
      ${RECORD_COLUMNS},
      CHECK ((status = 'requested') = (decided_on IS NULL)),
      CHECK (status <> 'declined' OR length(trim(coalesce(decline_reason, ''))) > 0),
      CHECK (status <> 'accepted' OR allocation_id IS NOT NULL),
      CHECK (decided_on IS NULL OR decided_on >= requested_on)
    )`,
    // One transfer waiting per child: a second request while one waits would split the case.
    `CREATE UNIQUE INDEX case_transfer_one_waiting ON case_transfer (child_id) WHERE status = 'requested' AND deleted_at IS NULL`,
    `CREATE INDEX case_transfer_waiting ON case_transfer (to_team_id, requested_on) WHERE status = 'requested' AND deleted_at IS NULL`,
    `CREATE INDEX case_transfer_child ON case_transfer (child_id, requested_on) WHERE deleted_at IS NULL`,
    // Worker changes per child: social worker allocations by child and start (Newham 2014 ¶6).
    `CREATE INDEX allocation_social_worker_child ON allocation (child_id, from_date) WHERE role = 'social_worker' AND deleted_at IS NULL`,
  ]);
}
