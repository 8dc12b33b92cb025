// Every SQL statement the fostering pages read: the sufficiency figures, the lists behind them (paged
// in SQL), a household's page and the households that match a child. Children are named only where
// the user may see them (childVisibleTo); a household's figures count every child placed with it.
import { sql, type Selectable } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import { addDays } from '../calendar/index.ts';
import { routeOf, type PlacementRoute } from './codes.ts';
import type { HouseholdKind, HouseholdStatus } from './tables.ts';
import { membersOf } from './members.ts';

export const PAGE_SIZE = 50;

/** SQL: children placed with the household `h` now (open placements). */
const placedNow = sql<number>`(SELECT count(*) FROM placement pn WHERE pn.fostering_household_id = h.id AND pn.ended_on IS NULL AND pn.deleted_at IS NULL)::int`;

export interface HouseholdFigures {
  status: HouseholdStatus;
  kind: HouseholdKind;
  households: number;
  places: number;
  placed: number;
  vacancies: number;
  reviews_overdue: number;
  temporary_in_force: number;
  temporary_expired: number;
}

/** Households by status and kind, with places, children placed now, vacancies and what is late. One statement. */
export async function householdFigures(db: Db, today: string): Promise<HouseholdFigures[]> {
  const result = await sql<HouseholdFigures>`
    WITH h AS (
      SELECT h.id, h.status, h.kind, h.places, h.review_due_on, h.temporary_approved_on,
        coalesce(h.temporary_extended_until, h.temporary_expires_on) AS temporary_until, ${placedNow} AS placed
      FROM fostering_household h WHERE h.deleted_at IS NULL)
    SELECT status, kind, count(*)::int AS households,
      coalesce(sum(places) FILTER (WHERE status = 'approved'), 0)::int AS places,
      coalesce(sum(placed), 0)::int AS placed,
      coalesce(sum(greatest(places - placed, 0)) FILTER (WHERE status = 'approved'), 0)::int AS vacancies,
      count(*) FILTER (WHERE status IN ('approved', 'on_hold') AND review_due_on < ${today})::int AS reviews_overdue,
      count(*) FILTER (WHERE status = 'in_assessment' AND temporary_approved_on IS NOT NULL AND temporary_until >= ${today})::int AS temporary_in_force,
      count(*) FILTER (WHERE status = 'in_assessment' AND temporary_approved_on IS NOT NULL AND temporary_until < ${today})::int AS temporary_expired
    FROM h GROUP BY status, kind`.execute(db);
  return result.rows;
}

/** Children in care now (an open placement in an open period) that the user may see, by where they live. */
export async function childrenByRoute(db: Db, user: SignedInUser): Promise<{ route: PlacementRoute; children: number }[]> {
  const result = await sql<{ route: PlacementRoute; children: number }>`
    SELECT ${routeOf('p')} AS route, count(*)::int AS children
    FROM placement p JOIN care_period cp ON cp.id = p.period_id AND cp.ended_on IS NULL AND cp.deleted_at IS NULL
    WHERE p.ended_on IS NULL AND p.deleted_at IS NULL AND ${childVisibleTo(user, sql`p.child_id`)}
    GROUP BY 1`.execute(db);
  return result.rows;
}

export interface ChildInRouteRow {
  child_id: string;
  first_name: string;
  last_name: string;
  la_child_id: string | null;
  date_of_birth: string | null;
  placement_type: string;
  provider: string | null;
  carer_name: string;
  started_on: string;
  fostering_household_id: string | null;
  total: number;
}

/** The children behind a figure, a page at a time: by where they live, or placed with households of a kind. */
export async function childrenInCare(db: Db, user: SignedInUser, filter: { route: PlacementRoute } | { kind: HouseholdKind }, page: number): Promise<ChildInRouteRow[]> {
  const which =
    'route' in filter
      ? sql`${routeOf('p')} = ${filter.route}`
      : sql`p.fostering_household_id IN (SELECT fh.id FROM fostering_household fh WHERE fh.kind = ${filter.kind} AND fh.deleted_at IS NULL)`;
  const result = await sql<ChildInRouteRow>`
    SELECT p.child_id, c.first_name, c.last_name, c.la_child_id, c.date_of_birth, p.placement_type, p.provider, p.carer_name, p.started_on,
      p.fostering_household_id, count(*) OVER ()::int AS total
    FROM placement p
    JOIN care_period cp ON cp.id = p.period_id AND cp.ended_on IS NULL AND cp.deleted_at IS NULL
    JOIN person c ON c.id = p.child_id
    WHERE p.ended_on IS NULL AND p.deleted_at IS NULL AND ${which} AND ${childVisibleTo(user, sql`p.child_id`)}
    ORDER BY c.last_name, c.first_name, c.id
    LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`.execute(db);
  return result.rows;
}

export interface HouseholdListFilter {
  status?: HouseholdStatus | undefined;
  kind?: HouseholdKind | undefined;
  show?: 'vacancies' | 'placed' | 'review-overdue' | 'temporary' | 'no-supervising-worker' | undefined;
}

export interface HouseholdRow {
  id: string;
  first_carer: string;
  second_carer: string | null;
  kind: HouseholdKind;
  status: HouseholdStatus;
  status_since: string;
  places: number | null;
  age_from: number | null;
  age_to: number | null;
  review_due_on: string | null;
  temporary_approved_on: string | null;
  temporary_until: string | null;
  placed: number;
  supervising_worker: string | null;
  total: number;
}

/** SQL: the household `h` is approved (or on hold, still approved) and has no supervising social worker now. */
const withoutSupervisingWorker = sql`h.status IN ('approved', 'on_hold') AND NOT EXISTS (SELECT 1 FROM fostering_supervising_worker sw WHERE sw.household_id = h.id AND sw.to_on IS NULL AND sw.deleted_at IS NULL)`;

/** Households matching the filter, by name, a page at a time. */
export async function householdList(db: Db, filter: HouseholdListFilter, today: string, page: number): Promise<HouseholdRow[]> {
  const conditions = [sql`h.deleted_at IS NULL`];
  if (filter.status) conditions.push(sql`h.status = ${filter.status}`);
  if (filter.kind) conditions.push(sql`h.kind = ${filter.kind}`);
  if (filter.show === 'vacancies') conditions.push(sql`h.status = 'approved' AND h.places > ${placedNow}`);
  if (filter.show === 'placed') conditions.push(sql`${placedNow} > 0`);
  if (filter.show === 'review-overdue') conditions.push(sql`h.status IN ('approved', 'on_hold') AND h.review_due_on < ${today}`);
  if (filter.show === 'temporary') conditions.push(sql`h.status = 'in_assessment' AND h.temporary_approved_on IS NOT NULL`);
  if (filter.show === 'no-supervising-worker') conditions.push(withoutSupervisingWorker);
  // The page's households first, then their supervising social workers: one lookup each for 50 rows.
  const result = await sql<HouseholdRow>`
    SELECT l.*, u.display_name AS supervising_worker FROM (
      SELECT h.id, h.first_carer, h.second_carer, h.kind, h.status, h.status_since, h.places, h.age_from, h.age_to, h.review_due_on,
        h.temporary_approved_on, coalesce(h.temporary_extended_until, h.temporary_expires_on) AS temporary_until,
        ${placedNow} AS placed, count(*) OVER ()::int AS total
      FROM fostering_household h
      WHERE ${sql.join(conditions, sql` AND `)}
      ORDER BY h.first_carer, h.id
      LIMIT ${sql.lit(PAGE_SIZE)} OFFSET ${sql.lit((page - 1) * PAGE_SIZE)}) l
    LEFT JOIN fostering_supervising_worker sw ON sw.household_id = l.id AND sw.to_on IS NULL AND sw.deleted_at IS NULL
    LEFT JOIN app_user u ON u.id = sw.worker_id
    ORDER BY l.first_carer, l.id`.execute(db);
  return result.rows;
}

/** What the due lists show, and how far ahead each looks: a DBS renewal takes weeks to come back. */
export const DUE_RULES = [
  { what: 'dbs', ruleId: 'foster-carer-dbs-renewal', label: 'DBS check renewal', aheadDays: 90 },
  { what: 'supervisory-visit', ruleId: 'foster-carer-supervisory-visit', label: 'Supervisory visit', aheadDays: 28 },
  { what: 'unannounced-visit', ruleId: 'foster-carer-unannounced-visit', label: 'Unannounced visit', aheadDays: 28 },
  { what: 'review', ruleId: 'foster-carer-review', label: 'Annual review', aheadDays: 28 },
] as const;
export type DueWhat = (typeof DUE_RULES)[number]['what'];

export interface DueRow {
  household_id: string;
  first_carer: string;
  second_carer: string | null;
  rule_id: string;
  subject: string;
  started_on: string;
  due_on: string;
  supervising_worker: string | null;
  /** FO-04: the risk assessment in force today for the person whose check is owed (decision 0060). */
  risk_assessed_until: string | null;
  risk_assessed_by: string | null;
  /** The member of the household whose check it is (decision 0062), when not a carer. */
  member_name: string | null;
  total: number;
}

/** SQL: what is due within each rule's horizon (or overdue), of the rules asked. */
const dueWithin = (whats: readonly DueWhat[], today: string, overdueOnly: boolean) =>
  sql.join(
    DUE_RULES.filter((r) => whats.includes(r.what)).map((r) => sql`(c.rule_id = ${r.ruleId} AND c.due_on ${overdueOnly ? sql`<` : sql`<=`} ${overdueOnly ? today : addDays(today, r.aheadDays)})`),
    sql` OR `,
  );

/** The open household clocks due soon or overdue, soonest first, a page at a time, with the supervising social worker. */
export async function dueList(db: Db, filter: { what?: DueWhat | undefined; overdue?: boolean | undefined }, today: string, page: number): Promise<DueRow[]> {
  const whats = filter.what ? [filter.what] : DUE_RULES.map((r) => r.what);
  const result = await sql<DueRow>`
    SELECT l.*, u.display_name AS supervising_worker, ra.until_on AS risk_assessed_until, ra.decided_by AS risk_assessed_by, m.name AS member_name FROM (
      SELECT c.household_id, h.first_carer, h.second_carer, c.rule_id, c.subject, c.started_on, c.due_on, count(*) OVER ()::int AS total
      FROM household_clock c JOIN fostering_household h ON h.id = c.household_id AND h.deleted_at IS NULL
      WHERE c.met_on IS NULL AND c.stopped_on IS NULL AND (${dueWithin(whats, today, filter.overdue ?? false)})
      ORDER BY c.due_on, h.first_carer, c.household_id, c.rule_id, c.subject
      LIMIT ${sql.lit(PAGE_SIZE)} OFFSET ${sql.lit((page - 1) * PAGE_SIZE)}) l
    LEFT JOIN fostering_supervising_worker sw ON sw.household_id = l.household_id AND sw.to_on IS NULL AND sw.deleted_at IS NULL
    LEFT JOIN app_user u ON u.id = sw.worker_id
    LEFT JOIN fostering_household_member m ON l.subject LIKE 'member:%' AND m.id::text = substr(l.subject, 8)
    LEFT JOIN LATERAL (
      SELECT r.until_on, r.decided_by FROM fostering_dbs_risk_assessment r
      WHERE l.rule_id = 'foster-carer-dbs-renewal' AND r.household_id = l.household_id AND r.subject = l.subject AND r.deleted_at IS NULL
        AND r.decided_on <= ${today} AND r.until_on >= ${today}
      ORDER BY r.until_on DESC LIMIT 1) ra ON true
    ORDER BY l.due_on, l.first_carer, l.household_id, l.rule_id, l.subject`.execute(db);
  return result.rows;
}

/** How many of each are overdue and due soon, and the approved households without a supervising social worker. One statement. */
export async function oversightFigures(db: Db, today: string): Promise<{ what: DueWhat | 'no-supervising-worker'; overdue: number; soon: number }[]> {
  const result = await sql<{ what: DueWhat; overdue: number; soon: number }>`
    SELECT CASE ${sql.join(DUE_RULES.map((r) => sql`WHEN c.rule_id = ${r.ruleId} THEN ${r.what}`), sql` `)} END AS what,
      count(*) FILTER (WHERE c.due_on < ${today})::int AS overdue, count(*) FILTER (WHERE c.due_on >= ${today})::int AS soon
    FROM household_clock c JOIN fostering_household h ON h.id = c.household_id AND h.deleted_at IS NULL
    WHERE c.met_on IS NULL AND c.stopped_on IS NULL AND (${dueWithin(DUE_RULES.map((r) => r.what), today, false)})
    GROUP BY 1
    UNION ALL
    SELECT 'no-supervising-worker', count(*)::int, 0 FROM fostering_household h WHERE h.deleted_at IS NULL AND ${withoutSupervisingWorker}`.execute(db);
  return result.rows;
}

/** A household's rows of a record that names a member of staff (its supervising social workers, its visits), latest first, with their name. */
async function namingStaff<T extends 'fostering_supervising_worker' | 'fostering_visit'>(db: Db, table: T, staff: keyof Database[T] & string, latest: keyof Database[T] & string, householdId: string) {
  const result = await sql<Selectable<Database[T]> & { staff_name: string }>`
    SELECT r.*, u.display_name AS staff_name FROM ${sql.table(table)} r JOIN app_user u ON u.id = ${sql.ref(`r.${staff}`)}
    WHERE r.household_id = ${householdId} AND r.deleted_at IS NULL
    ORDER BY ${sql.ref(`r.${latest}`)} DESC, r.id`.execute(db);
  return result.rows;
}

/** A household's status history, reviews and placements (now and before), each child named only if visible. */
export async function householdHistory(db: Db, user: SignedInUser, householdId: string) {
  const [statuses, reviews, placements, checks, workers, visits, clocks, riskAssessments, members] = await Promise.all([
    db.selectFrom('fostering_household_status').selectAll().where('household_id', '=', householdId).where('deleted_at', 'is', null).orderBy('from_on').orderBy('recorded_at').execute(),
    db.selectFrom('fostering_review').selectAll().where('household_id', '=', householdId).where('deleted_at', 'is', null).orderBy('reviewed_on').execute(),
    sql<{ id: string; child_id: string; started_on: string; ended_on: string | null; placement_type: string; visible: boolean; first_name: string | null; last_name: string | null; date_of_birth: string | null }>`
      SELECT p.id, p.child_id, p.started_on, p.ended_on, p.placement_type, v.visible,
        CASE WHEN v.visible THEN c.first_name END AS first_name, CASE WHEN v.visible THEN c.last_name END AS last_name,
        CASE WHEN v.visible THEN c.date_of_birth END AS date_of_birth
      FROM placement p JOIN person c ON c.id = p.child_id
      CROSS JOIN LATERAL (SELECT ${childVisibleTo(user, sql`p.child_id`)} AS visible) v
      WHERE p.fostering_household_id = ${householdId} AND p.deleted_at IS NULL
      ORDER BY p.started_on DESC, p.id`.execute(db),
    db.selectFrom('fostering_dbs_check').selectAll().where('household_id', '=', householdId).where('deleted_at', 'is', null).orderBy('checked_on', 'desc').orderBy('id').execute(),
    namingStaff(db, 'fostering_supervising_worker', 'worker_id', 'from_on', householdId),
    namingStaff(db, 'fostering_visit', 'visited_by', 'visited_on', householdId),
    db.selectFrom('household_clock').selectAll().where('household_id', '=', householdId).execute(),
    db.selectFrom('fostering_dbs_risk_assessment').selectAll().where('household_id', '=', householdId).where('deleted_at', 'is', null).orderBy('decided_on', 'desc').orderBy('id').execute(),
    membersOf(db, householdId),
  ]);
  return { statuses, reviews, placements: placements.rows, checks, workers, visits, clocks, riskAssessments, members };
}

export interface MatchRow {
  id: string;
  first_carer: string;
  second_carer: string | null;
  kind: HouseholdKind;
  postcode: string | null;
  places: number;
  age_from: number;
  age_to: number;
  placed: number;
  total: number;
}

/**
 * Households approved today whose age range includes `age` and who have a vacancy, most places free
 * first. Connected persons are left out: they are approved for the child they are connected to.
 */
export async function matchingHouseholds(db: Db, age: number, page: number): Promise<MatchRow[]> {
  const result = await sql<MatchRow>`
    SELECT m.*, count(*) OVER ()::int AS total FROM (
      SELECT h.id, h.first_carer, h.second_carer, h.kind, h.postcode, h.places, h.age_from, h.age_to, ${placedNow} AS placed
      FROM fostering_household h
      WHERE h.deleted_at IS NULL AND h.status = 'approved' AND h.kind <> 'connected_person' AND h.age_from <= ${age} AND h.age_to >= ${age}) m
    WHERE m.places > m.placed
    ORDER BY m.places - m.placed DESC, m.first_carer, m.id
    LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`.execute(db);
  return result.rows;
}

/** The child's current placement, with the household it is with, and where the child's home is. */
export async function childPlacementNow(db: Db, childId: string) {
  return db
    .selectFrom('placement as p')
    .innerJoin('care_period as cp', 'cp.id', 'p.period_id')
    .leftJoin('fostering_household as h', 'h.id', 'p.fostering_household_id')
    .select(['p.id', 'p.started_on', 'p.carer_name', 'p.placement_type', 'p.fostering_household_id', 'h.first_carer', 'h.second_carer', 'cp.home_postcode'])
    .where('p.child_id', '=', childId)
    .where('p.ended_on', 'is', null)
    .where('p.deleted_at', 'is', null)
    .where('cp.ended_on', 'is', null)
    .executeTakeFirst();
}
