// Security (issue 6 part 3): Lantern's clock in the database, sign-in throttling that works across
// processes, one-time password reset links, and the tables that make a form or an API call count once.
import type { Kysely } from 'kysely';
import { runStatements } from './sql.ts';

/**
 * Tables whose `DEFAULT now()` stays on the real clock: the audit log and sessions record what really
 * happened when, whatever date a demo is pinned to.
 */
const REAL_CLOCK_TABLES = ['audit_log', 'user_session'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // "Now" as Lantern's clock has it: the database's now() moved by the offset that connection.ts sets
    // on each connection from the app's TimeSource (none set: the real clock). With a pinned
    // LANTERN_TODAY, recorded_at then falls on the pinned day, so "recorded N days later" is consistent.
    `CREATE OR REPLACE FUNCTION lantern_now() RETURNS timestamptz LANGUAGE sql STABLE AS $$
      SELECT now() + COALESCE(NULLIF(current_setting('lantern.clock_offset', true), '')::interval, interval '0')
    $$`,
    // Every recorded_at (RECORD_COLUMNS) and every other "when was this recorded" column that defaults
    // to now(), in every table that exists now, takes Lantern's clock instead.
    `DO $$
    DECLARE c record;
    BEGIN
      FOR c IN
        SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = current_schema()
           AND column_default = 'now()'
           AND table_name NOT IN (${REAL_CLOCK_TABLES.map((t) => `'${t}'`).join(', ')})
      LOOP
        EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET DEFAULT lantern_now()', c.table_name, c.column_name);
      END LOOP;
    END $$`,
    // Failed sign-ins in a row, per IP address and per username typed (whether or not the account
    // exists). A run ends after 15 minutes without a failure, or, for a username, at a good sign-in.
    // Times are the database's real clock: the same for every Lantern process.
    `CREATE TABLE sign_in_throttle (
      kind text NOT NULL CHECK (kind IN ('ip', 'username')),
      subject text NOT NULL,
      failures integer NOT NULL,
      last_failure_at timestamptz NOT NULL,
      PRIMARY KEY (kind, subject)
    )`,
    // One-time links an administrator makes to let a user set a new password. Only the SHA-256 of the
    // token is kept, so a copy of this table cannot be used.
    `CREATE TABLE password_reset (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user(id),
      token_hash text NOT NULL UNIQUE,
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    )`,
    `CREATE INDEX password_reset_user ON password_reset (user_id) WHERE used_at IS NULL`,
    // A form counts once: the one-time part of its CSRF token is claimed here when it is posted.
    `CREATE TABLE form_submission (
      token text PRIMARY KEY,
      user_id uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz,
      status integer,
      location text
    )`,
    `CREATE INDEX form_submission_created ON form_submission (created_at)`,
    // An API call with an Idempotency-Key counts once: its response is kept and replayed.
    `CREATE TABLE api_idempotency (
      user_id uuid NOT NULL REFERENCES app_user(id),
      key text NOT NULL,
      fingerprint text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz,
      status integer,
      body text,
      PRIMARY KEY (user_id, key)
    )`,
    `CREATE INDEX api_idempotency_created ON api_idempotency (created_at)`,
  ]);
}
