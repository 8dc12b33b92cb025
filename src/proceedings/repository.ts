// All the SQL for legal planning, pre-proceedings and care proceedings, and the tracker.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import { OPEN_ACTION_STATUSES } from '../plans/codes.ts';

const PROCEEDINGS_RULE = 'proceedings-26-weeks';

export async function findPreProceedings(db: Db, id: string, options: { lock?: boolean } = {}) {
  let query = db.selectFrom('pre_proceedings').selectAll().where('id', '=', id).where('deleted_at', 'is', null);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}
export type PreProceedingsRow = NonNullable<Awaited<ReturnType<typeof findPreProceedings>>>;

export async function findProceedings(db: Db, id: string, options: { lock?: boolean } = {}) {
  let query = db.selectFrom('care_proceedings').selectAll().where('id', '=', id).where('deleted_at', 'is', null);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}
export type ProceedingsRow = NonNullable<Awaited<ReturnType<typeof findProceedings>>>;

export async function openPreProceedings(db: Db, childId: string, options: { lock?: boolean } = {}) {
  let query = db.selectFrom('pre_proceedings').selectAll().where('child_id', '=', childId).where('ended_on', 'is', null).where('deleted_at', 'is', null);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function openProceedings(db: Db, childId: string) {
  return db.selectFrom('care_proceedings').selectAll().where('child_id', '=', childId).where('concluded_on', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
}

/** The child's most recent legal planning meeting: its decision is the one in force. */
export async function latestLegalPlanningMeeting(db: Db, childId: string) {
  return db
    .selectFrom('legal_planning_meeting')
    .selectAll()
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .orderBy('held_on', 'desc')
    .orderBy('recorded_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function preProceedingsFrom(db: Db, legalPlanningMeetingId: string) {
  return db.selectFrom('pre_proceedings').selectAll().where('legal_planning_meeting_id', '=', legalPlanningMeetingId).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function proceedingsFrom(db: Db, legalPlanningMeetingId: string) {
  return db.selectFrom('care_proceedings').selectAll().where('legal_planning_meeting_id', '=', legalPlanningMeetingId).where('deleted_at', 'is', null).executeTakeFirst();
}

/** Pre-proceedings that ended with the decision to issue, for which nothing has been issued yet. */
export async function preProceedingsEndedForIssue(db: Db, childId: string) {
  return db
    .selectFrom('pre_proceedings as p')
    .selectAll('p')
    .where('p.child_id', '=', childId)
    .where('p.deleted_at', 'is', null)
    .where('p.outcome', '=', 'issue_proceedings')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('care_proceedings as c').select('c.id').whereRef('c.pre_proceedings_id', '=', 'p.id').where('c.deleted_at', 'is', null))),
    )
    .orderBy('p.ended_on', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function lastPreProceedingsMeeting(db: Db, preProceedingsId: string) {
  return db
    .selectFrom('pre_proceedings_meeting')
    .select('held_on')
    .where('pre_proceedings_id', '=', preProceedingsId)
    .where('deleted_at', 'is', null)
    .orderBy('held_on', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The latest hearing or order in the proceedings. */
export async function lastCourtDate(db: Db, proceedingsId: string): Promise<{ date: string; what: string } | null> {
  const [hearing, order] = await Promise.all([
    db.selectFrom('court_hearing').select('heard_on').where('proceedings_id', '=', proceedingsId).where('deleted_at', 'is', null).orderBy('heard_on', 'desc').limit(1).executeTakeFirst(),
    db.selectFrom('court_order').select('made_on').where('proceedings_id', '=', proceedingsId).where('deleted_at', 'is', null).orderBy('made_on', 'desc').limit(1).executeTakeFirst(),
  ]);
  if (!hearing && !order) return null;
  if (hearing && (!order || hearing.heard_on >= order.made_on)) return { date: hearing.heard_on, what: 'hearing' };
  return { date: order!.made_on, what: 'order' };
}

export async function legalPlanningMeetingsOf(db: Db, childId: string) {
  return db
    .selectFrom('legal_planning_meeting as m')
    .innerJoin('app_user as u', 'u.id', 'm.recorded_by')
    .selectAll('m')
    .select('u.display_name as recorded_by_name')
    .where('m.child_id', '=', childId)
    .where('m.deleted_at', 'is', null)
    .orderBy('m.held_on', 'desc')
    .execute();
}

export async function preProceedingsOf(db: Db, childId: string) {
  return db.selectFrom('pre_proceedings').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('letter_sent_on', 'desc').execute();
}

export async function proceedingsOf(db: Db, childId: string) {
  return db.selectFrom('care_proceedings').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('issued_on', 'desc').execute();
}

export async function preProceedingsMeetingsOf(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('pre_proceedings_meeting')
    .selectAll()
    .where('pre_proceedings_id', 'in', ids)
    .where('deleted_at', 'is', null)
    .orderBy('held_on')
    .orderBy('recorded_at')
    .execute();
}

export async function hearingsOf(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('court_hearing').selectAll().where('proceedings_id', 'in', ids).where('deleted_at', 'is', null).orderBy('heard_on').orderBy('recorded_at').execute();
}

export async function ordersOf(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('court_order').selectAll().where('proceedings_id', 'in', ids).where('deleted_at', 'is', null).orderBy('made_on').orderBy('recorded_at').execute();
}

/** The 26-week clocks of these proceedings (derived by the clock engine from proceedings.issued). */
export async function proceedingsClocks(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('clock').select(['scope_id', 'due_on', 'met_on']).where('rule_id', '=', PROCEEDINGS_RULE).where('scope_id', 'in', ids).execute();
}

// Aliases unlike those inside childVisibleTo (a, p, w, t, g, e), so its subqueries cannot capture them.
const childColumns = ['child.first_name', 'child.last_name', 'child.la_child_id'] as const;

export async function openProceedingsVisible(db: Db, user: SignedInUser) {
  return db
    .selectFrom('care_proceedings as proceedings')
    .innerJoin('person as child', 'child.id', 'proceedings.child_id')
    .selectAll('proceedings')
    .select(childColumns)
    .where('proceedings.concluded_on', 'is', null)
    .where('proceedings.deleted_at', 'is', null)
    .where(childVisibleTo(user, sql.ref('proceedings.child_id')))
    .execute();
}

export async function openPreProceedingsVisible(db: Db, user: SignedInUser) {
  return db
    .selectFrom('pre_proceedings as pre')
    .innerJoin('person as child', 'child.id', 'pre.child_id')
    .selectAll('pre')
    .select(childColumns)
    .where('pre.ended_on', 'is', null)
    .where('pre.deleted_at', 'is', null)
    .where(childVisibleTo(user, sql.ref('pre.child_id')))
    .execute();
}

/**
 * Children whose latest legal planning meeting decided on pre-proceedings or proceedings where
 * nothing has followed yet: the letter is not sent, or the application not issued.
 */
export async function pendingDecisionsVisible(db: Db, user: SignedInUser) {
  const latest = db
    .selectFrom('legal_planning_meeting as m')
    .distinctOn('m.child_id')
    .selectAll('m')
    .where('m.deleted_at', 'is', null)
    .orderBy('m.child_id')
    .orderBy('m.held_on', 'desc')
    .orderBy('m.recorded_at', 'desc')
    .as('lpm');
  return db
    .selectFrom(latest)
    .innerJoin('person as child', 'child.id', 'lpm.child_id')
    .selectAll('lpm')
    .select(childColumns)
    .where('lpm.decision', 'in', ['pre_proceedings', 'issue_proceedings'])
    .where(
      sql<boolean>`(lpm.decision <> 'pre_proceedings' OR NOT EXISTS (SELECT 1 FROM pre_proceedings pp WHERE pp.legal_planning_meeting_id = lpm.id AND pp.deleted_at IS NULL))`,
    )
    .where(
      sql<boolean>`(lpm.decision <> 'issue_proceedings' OR NOT EXISTS (SELECT 1 FROM care_proceedings cp WHERE cp.child_id = lpm.child_id AND cp.deleted_at IS NULL
        AND (cp.legal_planning_meeting_id = lpm.id OR cp.issued_on >= lpm.held_on)))`,
    )
    .where(childVisibleTo(user, sql.ref('lpm.child_id')))
    .execute();
}

export async function latestLegalPlanningMeetings(db: Db, childIds: readonly string[]) {
  if (childIds.length === 0) return [];
  return db
    .selectFrom('legal_planning_meeting')
    .distinctOn('child_id')
    .select(['child_id', 'held_on', 'decision'])
    .where('child_id', 'in', childIds)
    .where('deleted_at', 'is', null)
    .orderBy('child_id')
    .orderBy('held_on', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute();
}

export async function allocatedWorkers(db: Db, childIds: readonly string[]) {
  if (childIds.length === 0) return [];
  return db
    .selectFrom('allocation as a')
    .innerJoin('app_user as u', 'u.id', 'a.worker_id')
    .select(['a.child_id', 'u.display_name'])
    .where('a.child_id', 'in', childIds)
    .where('a.to_date', 'is', null)
    .where('a.deleted_at', 'is', null)
    .orderBy('a.from_date')
    .execute();
}

export async function overdueActionCounts(db: Db, childIds: readonly string[], today: string) {
  if (childIds.length === 0) return [];
  return db
    .selectFrom('plan_action as a')
    .innerJoin('plan as p', 'p.id', 'a.plan_id')
    .select(['a.child_id', sql<number>`count(*)::int`.as('n')])
    .where('a.child_id', 'in', childIds)
    .where('a.deleted_at', 'is', null)
    .where('a.status', 'in', OPEN_ACTION_STATUSES)
    .where('a.due_on', '<', today)
    .where('p.ended_on', 'is', null)
    .where('p.deleted_at', 'is', null)
    .groupBy('a.child_id')
    .execute();
}

export async function findHearing(db: Db, id: string) {
  return db.selectFrom('court_hearing').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findOrder(db: Db, id: string) {
  return db.selectFrom('court_order').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

/** The earliest hearing or order in the proceedings: the issue date cannot move past it. */
export async function firstCourtDate(db: Db, proceedingsId: string): Promise<{ date: string; what: string } | null> {
  const row = await sql<{ on_date: string; what: string }>`SELECT on_date::text, what FROM (
      SELECT heard_on AS on_date, 'hearing' AS what FROM court_hearing WHERE proceedings_id = ${proceedingsId} AND deleted_at IS NULL
      UNION ALL SELECT made_on, 'order' FROM court_order WHERE proceedings_id = ${proceedingsId} AND deleted_at IS NULL
    ) d ORDER BY on_date LIMIT 1`.execute(db);
  const first = row.rows[0];
  return first ? { date: first.on_date, what: first.what } : null;
}
