// Every SQL statement of the adopters' list and a household's page.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/history.ts';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import type { StageFilter } from './schemas.ts';

export const LIST_PAGE_SIZE = 50;

/** A household's stage, in SQL, so the list filters and counts by it without reading every household. */
const stageOf: RawBuilder<StageFilter> = sql<StageFilter>`CASE
  WHEN h.left_on IS NOT NULL THEN 'left'
  WHEN h.approved THEN (CASE WHEN EXISTS (SELECT 1 FROM adoption_match hm WHERE hm.household_id = h.id AND hm.deleted_at IS NULL AND hm.disrupted_on IS NULL) THEN 'matched' ELSE 'approved' END)
  WHEN h.stage_two_started_on IS NOT NULL THEN (CASE WHEN h.panel_on IS NOT NULL THEN 'awaiting_decision' ELSE 'stage_two' END)
  WHEN h.stage_one_ended_on IS NOT NULL THEN 'between_stages'
  WHEN h.registered_on IS NOT NULL THEN 'stage_one'
  ELSE 'enquiry' END`;

export async function stageCounts(db: Db) {
  const rows = await sql<{ stage: StageFilter; n: number }>`SELECT s.stage, count(*)::int AS n FROM (SELECT ${stageOf} AS stage FROM adopter_household h WHERE h.deleted_at IS NULL) s GROUP BY s.stage`.execute(db);
  return new Map(rows.rows.map((r) => [r.stage, Number(r.n)]));
}

/** One page of households, longest on the record first, with the first match (for the wait after approval). */
export async function householdsPage(db: Db, stage: StageFilter | null, page: number) {
  const rows = await sql<{
    id: string;
    name: string;
    applicants: number;
    worker_name: string | null;
    enquiry_on: string;
    registered_on: string | null;
    stage_one_ended_on: string | null;
    stage_two_started_on: string | null;
    panel_on: string | null;
    decided_on: string | null;
    approved: boolean | null;
    left_on: string | null;
    left_reason: string | null;
    stage: StageFilter;
    first_match_on: string | null;
  }>`SELECT * FROM (
      SELECT h.id, h.name, h.applicants, w.display_name AS worker_name, h.enquiry_on::text, h.registered_on::text, h.stage_one_ended_on::text,
        h.stage_two_started_on::text, h.panel_on::text, h.decided_on::text, h.approved, h.left_on::text, h.left_reason, ${stageOf} AS stage,
        (SELECT min(fm.panel_on)::text FROM adoption_match fm WHERE fm.household_id = h.id AND fm.deleted_at IS NULL) AS first_match_on
      FROM adopter_household h LEFT JOIN app_user w ON w.id = h.worker_id
      WHERE h.deleted_at IS NULL) l
    WHERE ${stage ? sql`l.stage = ${stage}` : sql`true`}
    ORDER BY l.enquiry_on, l.id
    LIMIT ${LIST_PAGE_SIZE} OFFSET ${(page - 1) * LIST_PAGE_SIZE}`.execute(db);
  return rows.rows;
}

/**
 * The household's matches. The child is named, and linked, only for a user who may see the child
 * (childVisibleTo): the adopters' pages are open to casework roles, the children's records are not.
 */
export function matchesOfHousehold(db: Db, user: SignedInUser, householdId: string) {
  const visible = childVisibleTo(user, sql.ref('m.child_id'));
  return db
    .selectFrom('adoption_match as m')
    .innerJoin('person as c', 'c.id', 'm.child_id')
    .select(['m.id', 'm.panel_on', 'm.decided_on', 'm.placed_on', 'm.disrupted_on', 'm.disruption_reason', 'm.plan_id'])
    .select([
      sql<string | null>`CASE WHEN ${visible} THEN m.child_id END`.as('child_id'),
      sql<string | null>`CASE WHEN ${visible} THEN c.first_name || ' ' || c.last_name END`.as('child_name'),
    ])
    .select((eb) => eb.selectFrom('permanence_step as s').select('s.occurred_on').whereRef('s.plan_id', '=', 'm.plan_id').where('s.kind', '=', 'order').where('s.deleted_at', 'is', null).limit(1).as('order_on'))
    .where('m.household_id', '=', householdId)
    .where('m.deleted_at', 'is', null)
    .orderBy('m.decided_on')
    .execute();
}

/** Approved households still in the process, for choosing a match. */
export function approvedHouseholds(db: Db) {
  return db
    .selectFrom('adopter_household')
    .select(['id', 'name', 'decided_on', 'applicants'])
    .where('approved', '=', true)
    .where('left_on', 'is', null)
    .where('deleted_at', 'is', null)
    .orderBy('decided_on')
    .execute();
}

export function adoptionWorkers(db: Db) {
  return db.selectFrom('app_user').select(['id', 'display_name']).where('active', '=', true).where('role', 'in', ['social_worker', 'team_manager']).orderBy('display_name').execute();
}
