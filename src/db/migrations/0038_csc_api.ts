// The DfE CSC API daily flow (issue 10, decision 0034): each run, each request sent with its answer,
// and what DfE last accepted for each child, so that the next run sends only the children whose
// payload changed and purges what the record no longer holds. These are Lantern's own records of
// sending, not facts about a child, so they carry no RECORD_COLUMNS and are never corrected.
import type { Kysely } from 'kysely';
import { runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // seq orders runs and sends that share an instant (a pinned clock).
    `CREATE TABLE csc_api_run (
      id uuid PRIMARY KEY,
      seq bigserial NOT NULL,
      kind text NOT NULL CHECK (kind IN ('snapshot', 'changes')),
      started_at timestamptz NOT NULL,
      started_by uuid REFERENCES app_user(id),
      finished_at timestamptz,
      outcome text CHECK (outcome IN ('sent', 'nothing-to-send', 'failed', 'partly-sent', 'not-configured', 'abandoned')),
      children integer NOT NULL DEFAULT 0,
      purged integer NOT NULL DEFAULT 0,
      batches integer NOT NULL DEFAULT 0,
      failed_batches integer NOT NULL DEFAULT 0,
      note text
    )`,
    // One run at a time, across every process: a second insert while one is running fails.
    `CREATE UNIQUE INDEX csc_api_run_one_running ON csc_api_run ((true)) WHERE finished_at IS NULL`,
    `CREATE INDEX csc_api_run_seq ON csc_api_run (seq DESC)`,
    `CREATE TABLE csc_api_send (
      id uuid PRIMARY KEY,
      seq bigserial NOT NULL,
      run_id uuid NOT NULL REFERENCES csc_api_run(id),
      sent_at timestamptz NOT NULL,
      answered_at timestamptz NOT NULL,
      child_ids jsonb NOT NULL,
      children integer NOT NULL,
      purged integer NOT NULL,
      attempts integer NOT NULL,
      http_status integer,
      outcome text NOT NULL CHECK (outcome IN ('accepted', 'rejected', 'failed')),
      receipt text,
      answer_excerpt text
    )`,
    `CREATE INDEX csc_api_send_run ON csc_api_send (run_id)`,
    `CREATE INDEX csc_api_send_failed ON csc_api_send (seq DESC) WHERE outcome <> 'accepted'`,
    `CREATE TABLE csc_api_child_state (
      child_id uuid PRIMARY KEY,
      la_child_id text NOT NULL,
      hash text NOT NULL,
      payload jsonb NOT NULL,
      accepted_at timestamptz NOT NULL,
      send_id uuid NOT NULL REFERENCES csc_api_send(id)
    )`,
  ]);
}
