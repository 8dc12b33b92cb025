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
/** The tracker's stages in their order (furthest on first), as the SQL ranks them. */
export type TrackerStage = 'proceedings' | 'pre-proceedings' | 'proceedings-to-issue' | 'letter-to-send';

/**
 * Each child the user may see with their furthest stage: open proceedings, else open pre-proceedings,
 * else a latest legal planning meeting's decision that nothing has followed yet (the letter not sent,
 * the application not issued). One row a child, with the record it comes from.
 */
function trackerEntries(user: SignedInUser) {
  return sql`
    SELECT DISTINCT ON (u.child_id) u.child_id, u.stage, u.rank, u.source_id, u.started_on
    FROM (
      SELECT cp.child_id, 'proceedings' AS stage, 1 AS rank, cp.id AS source_id, cp.issued_on AS started_on
        FROM care_proceedings cp WHERE cp.concluded_on IS NULL AND cp.deleted_at IS NULL
      UNION ALL
      SELECT pp.child_id, 'pre-proceedings', 2, pp.id, pp.letter_sent_on
        FROM pre_proceedings pp WHERE pp.ended_on IS NULL AND pp.deleted_at IS NULL
      UNION ALL
      SELECT lpm.child_id, CASE lpm.decision WHEN 'issue_proceedings' THEN 'proceedings-to-issue' ELSE 'letter-to-send' END,
             CASE lpm.decision WHEN 'issue_proceedings' THEN 3 ELSE 4 END, lpm.id, lpm.held_on
        FROM (SELECT DISTINCT ON (m.child_id) m.* FROM legal_planning_meeting m WHERE m.deleted_at IS NULL
              ORDER BY m.child_id, m.held_on DESC, m.recorded_at DESC) lpm
       WHERE lpm.decision IN ('pre_proceedings', 'issue_proceedings')
         AND (lpm.decision <> 'pre_proceedings' OR NOT EXISTS (SELECT 1 FROM pre_proceedings pp WHERE pp.legal_planning_meeting_id = lpm.id AND pp.deleted_at IS NULL))
         AND (lpm.decision <> 'issue_proceedings' OR NOT EXISTS (SELECT 1 FROM care_proceedings cp WHERE cp.child_id = lpm.child_id AND cp.deleted_at IS NULL
              AND (cp.legal_planning_meeting_id = lpm.id OR cp.issued_on >= lpm.held_on)))
    ) u
    WHERE ${childVisibleTo(user, sql.ref('u.child_id'))}
    ORDER BY u.child_id, u.rank, u.started_on`;
}

export interface TrackerEntry {
  child_id: string;
  stage: TrackerStage;
  source_id: string;
  started_on: string;
  first_name: string;
  last_name: string;
  la_child_id: string | null;
}

/**
 * One page of the tracker (furthest stage first, then the longest waiting, then by name) and how many
 * children the user may see at each stage: in one statement, so the children are found once.
 */
export async function trackerPage(
  db: Db,
  user: SignedInUser,
  stage: TrackerStage | null,
  limit: number,
  offset: number,
): Promise<{ counts: Map<TrackerStage, number>; entries: TrackerEntry[] }> {
  const { rows } = await sql<{ counts: Record<string, number>; entries: TrackerEntry[] }>`
    WITH e AS MATERIALIZED (${trackerEntries(user)})
    SELECT (SELECT COALESCE(json_object_agg(c.stage, c.n), '{}') FROM (SELECT stage, count(*)::int AS n FROM e GROUP BY stage) c) AS counts,
      (SELECT COALESCE(json_agg(p ORDER BY p.ord), '[]') FROM (
        SELECT row_number() OVER (ORDER BY e.rank, e.started_on, child.first_name, child.last_name, e.child_id) AS ord,
          e.child_id, e.stage, e.source_id, e.started_on, child.first_name, child.last_name, child.la_child_id
          FROM e JOIN person child ON child.id = e.child_id
         WHERE ${stage === null ? sql`true` : sql`e.stage = ${stage}`}
         ORDER BY ord
         LIMIT ${limit} OFFSET ${offset}) p) AS entries`.execute(db);
  const row = rows[0]!;
  return { counts: new Map(Object.entries(row.counts) as [TrackerStage, number][]), entries: row.entries };
}

export function proceedingsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('care_proceedings').selectAll().where('id', 'in', ids).execute();
}

export function preProceedingsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('pre_proceedings').selectAll().where('id', 'in', ids).execute();
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
