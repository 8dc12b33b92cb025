// Deprivation of liberty of a child in care: secure accommodation orders and, from the Children's
// Wellbeing and Schools Act 2026 s.13, orders for "relevant accommodation" under CA 1989 s.25, and High
// Court orders under the inherent jurisdiction; each with its court, dates and reviews (the SSDA903
// DoLo table from 2026-27: policy-2026.md; ssda903-rules.md rules 700-710).
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE liberty_order (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      period_id uuid NOT NULL REFERENCES care_period(id),
      placement_id uuid REFERENCES placement(id),
      kind text NOT NULL CHECK (kind IN ('secure_accommodation', 'relevant_accommodation', 'high_court')),
      court text NOT NULL CHECK (length(trim(court)) > 0),
      case_number text,
      made_on date NOT NULL,
      expires_on date NOT NULL,
      ended_on date,
      end_reason text,
      ${RECORD_COLUMNS},
      CHECK (expires_on > made_on),
      CHECK (ended_on IS NULL OR ended_on >= made_on),
      CHECK ((ended_on IS NULL) = (end_reason IS NULL))
    )`,
    `CREATE INDEX liberty_order_child ON liberty_order (child_id, made_on) WHERE deleted_at IS NULL`,
    `CREATE TABLE liberty_review (
      id uuid PRIMARY KEY,
      order_id uuid NOT NULL REFERENCES liberty_order(id),
      child_id uuid NOT NULL REFERENCES person(id),
      reviewed_on date NOT NULL,
      criteria_still_met boolean NOT NULL,
      outcome text NOT NULL CHECK (length(trim(outcome)) > 0),
      ${RECORD_COLUMNS}
    )`,
    `CREATE INDEX liberty_review_child ON liberty_review (child_id, reviewed_on) WHERE deleted_at IS NULL`,
  ]);
}
