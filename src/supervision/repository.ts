// All of supervision's SQL: who supervises whom, the sessions and discussions, and the gaps.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/history.ts';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';

export const PAGE_SIZE = 50;

/**
 * Each user with their supervisor: the line manager on their profile, else their team's manager
 * (decision 0020). A team manager with no line manager set has no supervisor in Lantern.
 */
const SUPERVISED = sql`SELECT u.id AS user_id, u.display_name, u.active, u.role, u.team_id,
    wp.qualified_on, wp.asye_completed_on, wp.started_on,
    COALESCE(wp.line_manager_id, NULLIF(t.manager_id, u.id)) AS supervisor_id
  FROM app_user u
  LEFT JOIN worker_profile wp ON wp.user_id = u.id AND wp.deleted_at IS NULL
  LEFT JOIN team t ON t.id = u.team_id`;

export interface WorkerLine {
  user_id: string;
  display_name: string;
  role: string;
  supervisor_id: string | null;
  supervisor_name: string | null;
  /** The supervisor's own line manager: "the line above". */
  line_above_id: string | null;
}

export async function lineOf(db: Db, workerId: string): Promise<WorkerLine | undefined> {
  const result = await sql<WorkerLine>`WITH s AS (${SUPERVISED})
    SELECT w.user_id, w.display_name, w.role, w.supervisor_id, m.display_name AS supervisor_name, m.supervisor_id AS line_above_id
    FROM s w LEFT JOIN s m ON m.user_id = w.supervisor_id
    WHERE w.user_id = ${workerId}::uuid`.execute(db);
  return result.rows[0];
}

export interface WorkerRow {
  user_id: string;
  display_name: string;
  supervisor_id: string;
  supervisor_name: string | null;
  qualified_on: string | null;
  asye_completed_on: string | null;
  started_on: string | null;
  last_on: string | null;
  last_kind: string | null;
  /** Sessions in the last 6 months. */
  recent: number;
}

/**
 * The social workers (a profile with a qualification date) whose supervisor is `managerId` or whose
 * supervisor's supervisor is: a team manager's team, a head of service's managers and their teams.
 * Or one worker. One statement, indexed on the sessions by worker.
 */
export async function workersSupervised(db: Db, who: { line: string } | { worker: string }, today: string): Promise<WorkerRow[]> {
  const filter = 'line' in who ? sql`(w.supervisor_id = ${who.line}::uuid OR m.supervisor_id = ${who.line}::uuid)` : sql`w.user_id = ${who.worker}::uuid`;
  const result = await sql<WorkerRow>`WITH s AS (${SUPERVISED}),
    w AS (SELECT w.*, m.display_name AS supervisor_name FROM s w LEFT JOIN s m ON m.user_id = w.supervisor_id
      WHERE w.active AND w.qualified_on IS NOT NULL AND w.supervisor_id IS NOT NULL AND ${filter})
    SELECT w.user_id, w.display_name, w.supervisor_id, w.supervisor_name, w.qualified_on::text, w.asye_completed_on::text, w.started_on::text,
      last.held_on::text AS last_on, last.kind AS last_kind,
      (SELECT count(*)::int FROM supervision_session r WHERE r.worker_id = w.user_id AND r.deleted_at IS NULL AND r.held_on > ${today}::date - 183) AS recent
    FROM w
    LEFT JOIN LATERAL (SELECT ss.held_on, ss.kind FROM supervision_session ss WHERE ss.worker_id = w.user_id AND ss.deleted_at IS NULL
      ORDER BY ss.held_on DESC LIMIT 1) last ON true
    ORDER BY w.display_name`.execute(db);
  return result.rows;
}

/** Whose children a gap list covers: the user's line (undefined), some teams, or every team (null). */
export type GapTeams = readonly string[] | null | undefined;

export interface ChildGapRow {
  child_id: string;
  first_name: string;
  last_name: string;
  worker_id: string;
  worker_name: string;
  allocated_on: string;
  last_discussed_on: string | null;
  due_on: string;
}

/**
 * Children allocated to a social worker in the manager's line who have not been discussed in
 * casework supervision within the interval since they were allocated or last discussed (DQ-17),
 * only those the manager may see; paged in SQL. `workerId` narrows to one worker.
 */
function childGapsQuery(user: SignedInUser, today: string, caseDays: number, workerId: string | null, teams?: GapTeams): RawBuilder<unknown> {
  const worker = workerId ? sql`AND a.worker_id = ${workerId}::uuid` : sql``;
  // The manager's line, or (issue 8) the workers of some teams: a head of service's view by team.
  const inLine =
    teams === undefined
      ? sql`(w.supervisor_id = ${user.id}::uuid OR m.supervisor_id = ${user.id}::uuid)`
      : teams === null
        ? sql`w.team_id IS NOT NULL`
        : teams.length === 0
          ? sql`false`
          : sql`w.team_id IN (${sql.join(teams.map((t) => sql`${t}::uuid`))})`;
  return sql`WITH s AS (${SUPERVISED}),
    line AS (SELECT w.user_id, w.display_name, w.team_id FROM s w LEFT JOIN s m ON m.user_id = w.supervisor_id
      WHERE w.active AND ${inLine}),
    g AS (SELECT a.child_id, p.first_name, p.last_name, a.worker_id, line.display_name AS worker_name, line.team_id, a.from_date AS allocated_on,
        d.last_on AS last_discussed_on, (GREATEST(a.from_date, d.last_on) + ${caseDays}::int) AS due_on
      FROM allocation a
      JOIN line ON line.user_id = a.worker_id
      JOIN person p ON p.id = a.child_id AND p.deleted_at IS NULL AND p.merged_into IS NULL
      LEFT JOIN LATERAL (SELECT max(sd.discussed_on) AS last_on FROM supervision_discussion sd WHERE sd.child_id = a.child_id AND sd.deleted_at IS NULL) d ON true
      WHERE a.role = 'social_worker' AND a.to_date IS NULL AND a.deleted_at IS NULL ${worker}
        AND ${childVisibleTo(user, sql`a.child_id`)})
    SELECT * FROM g WHERE g.due_on < ${today}::date`;
}

export async function childGaps(db: Db, user: SignedInUser, today: string, caseDays: number, page: number, workerId: string | null = null, teams?: GapTeams): Promise<{ rows: ChildGapRow[]; total: number }> {
  const base = childGapsQuery(user, today, caseDays, workerId, teams);
  const rows = await sql<ChildGapRow & { total: number }>`SELECT q.child_id, q.first_name, q.last_name, q.worker_id, q.worker_name,
      q.allocated_on::text, q.last_discussed_on::text, q.due_on::text, count(*) OVER ()::int AS total
    FROM (${base}) q ORDER BY q.due_on, q.last_name, q.first_name LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`.execute(db);
  return { rows: rows.rows, total: rows.rows[0]?.total ?? 0 };
}

/**
 * Children with no case supervision within the interval, by the team of their social worker, and in
 * all, for the service overview (issue 8): the same query as the list by team.
 */
export async function childGapCountsByTeam(db: Db, user: SignedInUser, today: string, caseDays: number, teams: readonly string[] | null): Promise<{ team_id: string | null; n: number }[]> {
  const result = await sql<{ team_id: string | null; n: number }>`SELECT q.team_id,
      -- A team's row counts the list's rows (a child and their social worker); the total each child once.
      (CASE WHEN GROUPING(q.team_id) = 0 THEN count(*) ELSE count(DISTINCT q.child_id) END)::int AS n
    FROM (${childGapsQuery(user, today, caseDays, null, teams)}) q
    GROUP BY GROUPING SETS ((q.team_id), ())`.execute(db);
  return result.rows;
}

export async function childGapCount(db: Db, user: SignedInUser, today: string, caseDays: number): Promise<number> {
  const result = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (${childGapsQuery(user, today, caseDays, null)}) q`.execute(db);
  return result.rows[0]?.n ?? 0;
}

/** The worker's current allocations as their social worker: the children offered for discussion. */
export async function allocatedChildren(db: Db, workerId: string) {
  return db
    .selectFrom('allocation as a')
    .innerJoin('person as p', 'p.id', 'a.child_id')
    .select(['a.child_id', 'p.first_name', 'p.last_name', 'a.from_date'])
    .where('a.worker_id', '=', workerId)
    .where('a.role', '=', 'social_worker')
    .where('a.to_date', 'is', null)
    .where('a.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .execute();
}

export async function sessionsOf(db: Db, workerId: string) {
  return db
    .selectFrom('supervision_session as s')
    .innerJoin('app_user as u', 'u.id', 's.supervisor_id')
    .selectAll('s')
    .select('u.display_name as supervisor_name')
    .select((eb) =>
      eb
        .selectFrom('supervision_discussion as d')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('d.session_id', '=', 's.id')
        .where('d.deleted_at', 'is', null)
        .as('children_discussed'),
    )
    .where('s.worker_id', '=', workerId)
    .where('s.deleted_at', 'is', null)
    .orderBy('s.held_on', 'desc')
    .orderBy('s.recorded_at', 'desc')
    .execute();
}

export async function sessionRow(db: Db, workerId: string, sessionId: string) {
  return db
    .selectFrom('supervision_session as s')
    .innerJoin('app_user as u', 'u.id', 's.supervisor_id')
    .selectAll('s')
    .select('u.display_name as supervisor_name')
    .where('s.id', '=', sessionId)
    .where('s.worker_id', '=', workerId)
    .where('s.deleted_at', 'is', null)
    .executeTakeFirst();
}

/** A session's discussions, naming only the children the viewer may see. */
export async function discussionsOfSession(db: Db, user: SignedInUser, sessionId: string) {
  return db
    .selectFrom('supervision_discussion as d')
    .innerJoin('person as p', 'p.id', 'd.child_id')
    .selectAll('d')
    .select(['p.first_name', 'p.last_name'])
    .select(childVisibleTo(user, sql`d.child_id`).as('visible'))
    .where('d.session_id', '=', sessionId)
    .where('d.deleted_at', 'is', null)
    .orderBy('p.last_name')
    .execute();
}

/** A child's discussions in supervision, newest first, with their actions. */
export async function discussionsOfChild(db: Db, childId: string) {
  const discussions = await db
    .selectFrom('supervision_discussion as d')
    .innerJoin('app_user as s', 's.id', 'd.supervisor_id')
    .innerJoin('app_user as w', 'w.id', 'd.worker_id')
    .selectAll('d')
    .select(['s.display_name as supervisor_name', 'w.display_name as worker_name'])
    .where('d.child_id', '=', childId)
    .where('d.deleted_at', 'is', null)
    .orderBy('d.discussed_on', 'desc')
    .orderBy('d.recorded_at', 'desc')
    .execute();
  const actions = await db
    .selectFrom('case_action')
    .select(['id', 'source_id', 'description', 'owner', 'due_on', 'status', 'completed_on'])
    .where('child_id', '=', childId)
    .where('source', '=', 'supervision')
    .where('deleted_at', 'is', null)
    .orderBy('due_on')
    .execute();
  return discussions.map((d) => ({ ...d, actions: actions.filter((a) => a.source_id === d.id) }));
}

export async function discussionRow(db: Db, childId: string, discussionId: string) {
  return db
    .selectFrom('supervision_discussion as d')
    .innerJoin('app_user as s', 's.id', 'd.supervisor_id')
    .innerJoin('app_user as w', 'w.id', 'd.worker_id')
    .selectAll('d')
    .select(['s.display_name as supervisor_name', 'w.display_name as worker_name'])
    .where('d.id', '=', discussionId)
    .where('d.child_id', '=', childId)
    .where('d.deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function concernsOf(db: Db, workerId: string) {
  return db
    .selectFrom('supervision_concern as c')
    .innerJoin('app_user as u', 'u.id', 'c.recorded_by')
    .selectAll('c')
    .select('u.display_name as raised_by_name')
    .where('c.worker_id', '=', workerId)
    .where('c.deleted_at', 'is', null)
    .orderBy('c.raised_on', 'desc')
    .execute();
}
