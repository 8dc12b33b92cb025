// Brothers and sisters placed, or to be placed, for adoption together, or the decision to place them
// apart, with the reason (seed PS-05, AD-07; decision 0055): the group, from when, and its children.
// Annex A lists 10 and 11 give a group placed together one family identifier, with the adopters matched
// with them; the SSD's permanence and family views read it, so the views are built again here.
import type { Kysely } from 'kysely';
import { buildSsdViews } from '../../returns/ssd/views.ts';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE sibling_group (
      id uuid PRIMARY KEY,
      decided_on date NOT NULL,
      decision text NOT NULL CHECK (decision IN ('together', 'apart')),
      reason text NOT NULL CHECK (length(trim(reason)) > 0),
      ${RECORD_COLUMNS}
    )`,
    `CREATE TABLE sibling_group_member (
      id uuid PRIMARY KEY,
      group_id uuid NOT NULL REFERENCES sibling_group(id),
      child_id uuid NOT NULL REFERENCES person(id),
      ${RECORD_COLUMNS}
    )`,
    // A child is in one sibling group at a time.
    `CREATE UNIQUE INDEX sibling_group_member_child ON sibling_group_member (child_id) WHERE deleted_at IS NULL`,
    `CREATE INDEX sibling_group_member_group ON sibling_group_member (group_id) WHERE deleted_at IS NULL`,
  ]);
  await buildSsdViews(db, '0059_sibling_groups');
}
