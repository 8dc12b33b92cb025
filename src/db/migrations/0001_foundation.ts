// The foundation: users and teams, sessions, people and their relationships, allocations,
// the child's event journal (chronology and clocks read it), version history and the audit log.
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS_BEFORE_0010, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE team (
      id uuid PRIMARY KEY,
      name text NOT NULL UNIQUE,
      service text NOT NULL,
      manager_id uuid
    )`,
    `CREATE TABLE app_user (
      id uuid PRIMARY KEY,
      username text NOT NULL UNIQUE,
      display_name text NOT NULL,
      role text NOT NULL,
      team_id uuid REFERENCES team(id),
      agency text,
      password_hash text NOT NULL,
      failed_sign_ins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `ALTER TABLE team ADD CONSTRAINT team_manager_fk FOREIGN KEY (manager_id) REFERENCES app_user(id)`,
    `CREATE TABLE user_session (
      id text PRIMARY KEY,
      user_id uuid REFERENCES app_user(id),
      data jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`,
    `CREATE INDEX user_session_expiry ON user_session (expires_at)`,
    `CREATE TABLE council_setting (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES app_user(id)
    )`,
    `CREATE TABLE person (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('child', 'unborn', 'adult')),
      first_name text NOT NULL,
      last_name text NOT NULL,
      other_names text,
      date_of_birth date,
      expected_date_of_birth date,
      date_of_death date,
      sex text,
      ethnicity text,
      la_child_id text UNIQUE,
      nhs_number text,
      upn text,
      former_upn text,
      immigration_status text,
      unaccompanied_asylum_seeker boolean NOT NULL DEFAULT false,
      first_language text,
      religion text,
      restricted boolean NOT NULL DEFAULT false,
      merged_into uuid REFERENCES person(id),
      ${RECORD_COLUMNS_BEFORE_0010},
      CHECK (date_of_death IS NULL OR date_of_birth IS NULL OR date_of_death >= date_of_birth)
    )`,
    `CREATE INDEX person_name ON person (lower(last_name), lower(first_name))`,
    `CREATE INDEX person_dob ON person (date_of_birth)`,
    `CREATE INDEX person_nhs ON person (nhs_number) WHERE nhs_number IS NOT NULL`,
    `CREATE TABLE person_disability (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL REFERENCES person(id),
      code text NOT NULL,
      ${RECORD_COLUMNS_BEFORE_0010}
    )`,
    `CREATE INDEX person_disability_person ON person_disability (person_id)`,
    `CREATE TABLE relationship (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL REFERENCES person(id),
      related_person_id uuid NOT NULL REFERENCES person(id),
      kind text NOT NULL,
      parental_responsibility boolean NOT NULL DEFAULT false,
      lives_with boolean NOT NULL DEFAULT false,
      started_on date,
      ended_on date,
      ${RECORD_COLUMNS_BEFORE_0010},
      CHECK (person_id <> related_person_id)
    )`,
    `CREATE INDEX relationship_person ON relationship (person_id)`,
    `CREATE INDEX relationship_related ON relationship (related_person_id)`,
    `CREATE TABLE address (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL REFERENCES person(id),
      line1 text NOT NULL,
      line2 text,
      town text,
      postcode text NOT NULL,
      from_date date NOT NULL,
      to_date date,
      ${RECORD_COLUMNS_BEFORE_0010},
      CHECK (to_date IS NULL OR to_date >= from_date)
    )`,
    `CREATE INDEX address_person ON address (person_id)`,
    `CREATE TABLE person_link (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL REFERENCES person(id),
      other_person_id uuid NOT NULL REFERENCES person(id),
      decision text NOT NULL CHECK (decision IN ('merged', 'not_the_same')),
      reason text NOT NULL,
      decided_by uuid NOT NULL REFERENCES app_user(id),
      decided_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE allocation (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      worker_id uuid NOT NULL REFERENCES app_user(id),
      role text NOT NULL,
      from_date date NOT NULL,
      to_date date,
      ${RECORD_COLUMNS_BEFORE_0010},
      CHECK (to_date IS NULL OR to_date >= from_date)
    )`,
    `CREATE INDEX allocation_child ON allocation (child_id) WHERE to_date IS NULL AND deleted_at IS NULL`,
    `CREATE INDEX allocation_worker ON allocation (worker_id) WHERE to_date IS NULL AND deleted_at IS NULL`,
    `CREATE TABLE access_grant (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      user_id uuid NOT NULL REFERENCES app_user(id),
      reason text NOT NULL,
      granted_by uuid NOT NULL REFERENCES app_user(id),
      granted_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    )`,
    `CREATE INDEX access_grant_user ON access_grant (user_id) WHERE revoked_at IS NULL`,
    `CREATE TABLE chronology_entry (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      occurred_on date NOT NULL,
      kind text NOT NULL,
      source text NOT NULL,
      title text NOT NULL,
      detail text,
      significance text NOT NULL,
      ${RECORD_COLUMNS_BEFORE_0010}
    )`,
    `CREATE INDEX chronology_entry_child ON chronology_entry (child_id)`,
    // The journal of what happened to a child. Each row is written by the service that records the
    // fact, in the same transaction, and points back to it; the chronology and the clocks read it.
    `CREATE TABLE child_event (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      type text NOT NULL,
      occurred_on date NOT NULL,
      source_table text NOT NULL,
      source_id uuid NOT NULL,
      scope_id uuid,
      title text NOT NULL,
      detail text,
      category text NOT NULL,
      significance text NOT NULL DEFAULT 'normal',
      recorded_at timestamptz NOT NULL DEFAULT now(),
      recorded_by uuid NOT NULL REFERENCES app_user(id),
      deleted_at timestamptz
    )`,
    `CREATE INDEX child_event_child ON child_event (child_id, occurred_on)`,
    `CREATE INDEX child_event_source ON child_event (source_id)`,
    `CREATE INDEX child_event_type ON child_event (type, occurred_on)`,
    `CREATE TABLE clock (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      rule_id text NOT NULL,
      scope_id uuid,
      start_event_id uuid NOT NULL,
      started_on date NOT NULL,
      due_on date NOT NULL,
      met_on date,
      met_event_id uuid,
      stopped_on date
    )`,
    `CREATE INDEX clock_child ON clock (child_id)`,
    `CREATE INDEX clock_open_due ON clock (due_on) WHERE met_on IS NULL AND stopped_on IS NULL`,
    `CREATE INDEX clock_rule ON clock (rule_id, started_on)`,
    `CREATE TABLE record_version (
      id bigserial PRIMARY KEY,
      table_name text NOT NULL,
      record_id uuid NOT NULL,
      version integer NOT NULL,
      data jsonb NOT NULL,
      change text NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now(),
      changed_by uuid NOT NULL REFERENCES app_user(id)
    )`,
    `CREATE INDEX record_version_record ON record_version (record_id)`,
    `CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      user_id uuid REFERENCES app_user(id),
      username text,
      action text NOT NULL,
      child_id uuid,
      object_type text,
      object_id text,
      detail jsonb NOT NULL DEFAULT '{}',
      ip text
    )`,
    `CREATE INDEX audit_log_at ON audit_log (at)`,
    `CREATE INDEX audit_log_child ON audit_log (child_id, at)`,
    `CREATE INDEX audit_log_user ON audit_log (user_id, at)`,
    // Append-only by construction: the database itself refuses to change or remove an audit entry.
    `CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       RAISE EXCEPTION 'The audit log is append-only';
     END $$`,
    `CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
     FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`,
    `CREATE TABLE idempotency_key (
      key text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user(id),
      result text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
  ]);
}
