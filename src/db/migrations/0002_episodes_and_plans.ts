// The child-in-need episode (referral to closure: CIN census CINdetails) and the one plan model
// shared by early help, child in need, child protection, care and pathway plans.
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS_BEFORE_0010, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE cin_episode (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      referral_date date NOT NULL,
      referral_source text NOT NULL,
      primary_need text,
      referral_nfa boolean NOT NULL DEFAULT false,
      contact_id uuid,
      closed_on date,
      closure_reason text,
      ${RECORD_COLUMNS_BEFORE_0010},
      CHECK (closed_on IS NULL OR closed_on >= referral_date),
      CHECK ((closed_on IS NULL) = (closure_reason IS NULL))
    )`,
    // A child has at most one open episode (Wandsworth: episodes re-opened before they were closed
    // made the re-referral rate wrong).
    `CREATE UNIQUE INDEX cin_episode_one_open ON cin_episode (child_id) WHERE closed_on IS NULL AND deleted_at IS NULL`,
    `CREATE INDEX cin_episode_child ON cin_episode (child_id, referral_date)`,
    `CREATE INDEX cin_episode_referral_date ON cin_episode (referral_date)`,
    `CREATE TABLE plan (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      kind text NOT NULL CHECK (kind IN ('early_help', 'cin', 'cp', 'care', 'pathway')),
      episode_id uuid REFERENCES cin_episode(id),
      started_on date NOT NULL,
      ended_on date,
      end_reason text,
      category_of_abuse text,
      ${RECORD_COLUMNS_BEFORE_0010},
      CHECK (ended_on IS NULL OR ended_on >= started_on)
    )`,
    `CREATE UNIQUE INDEX plan_one_open_of_kind ON plan (child_id, kind) WHERE ended_on IS NULL AND deleted_at IS NULL`,
    `CREATE INDEX plan_child ON plan (child_id)`,
    `CREATE INDEX plan_kind_dates ON plan (kind, started_on)`,
  ]);
}
