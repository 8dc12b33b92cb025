// Changes of social worker per child (WF-05). Newham 2014 ¶6: "Many children experience too many
// changes of social worker"; ¶44 counts the children who "had had three or more social workers" in
// a period. A child counts the different social workers who held their case at any time in the last
// 12 months; three or more puts them on the list (decision 0023).
import { sql } from 'kysely';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import { addMonths } from '../calendar/index.ts';
import type { Db } from '../db/history.ts';

/** Three or more social workers in the last 12 months (Newham 2014 ¶44). */
export const MANY_SOCIAL_WORKERS = 3;
export const PAGE_SIZE = 50;

export const changesSince = (today: string) => addMonths(today, -12);

export interface ChildWithManyWorkers {
  childId: string;
  name: string;
  laChildId: string | null;
  socialWorkers: number;
  currentWorker: string | null;
  currentTeam: string | null;
}

/** Social workers per child in the window, for children the viewer may see, optionally only those now held by the teams. */
const counted = (viewer: SignedInUser, today: string, teamIds: readonly string[] | null) => sql`SELECT many.* FROM (
  SELECT a.child_id, count(DISTINCT a.worker_id)::int AS social_workers
  FROM allocation a
  WHERE a.role = 'social_worker' AND a.deleted_at IS NULL AND a.from_date <= ${today}
    AND (a.to_date IS NULL OR a.to_date >= ${changesSince(today)})
  GROUP BY a.child_id
  HAVING count(DISTINCT a.worker_id) >= ${MANY_SOCIAL_WORKERS}
    ${teamIds ? sql`AND EXISTS (SELECT 1 FROM allocation c JOIN app_user cw ON cw.id = c.worker_id
      WHERE c.child_id = a.child_id AND c.role = 'social_worker' AND c.to_date IS NULL AND c.deleted_at IS NULL AND cw.team_id IN (${sql.join(teamIds)}))` : sql``}
  OFFSET 0) many
  -- Visibility after the count (OFFSET 0 keeps the planner from pushing it below the grouping): only the few children with many workers are checked.
  WHERE ${childVisibleTo(viewer, sql.ref('many.child_id'))}`;

/** How many children have had three or more social workers in the last 12 months. */
export async function manyWorkersCount(db: Db, viewer: SignedInUser, today: string, teamIds: readonly string[] | null): Promise<number> {
  if (teamIds && teamIds.length === 0) return 0;
  const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (${counted(viewer, today, teamIds)}) c
    JOIN person p ON p.id = c.child_id AND p.deleted_at IS NULL AND p.merged_into IS NULL`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

/** The children behind the count, most social workers first, a page at a time. */
export async function childrenWithManyWorkers(db: Db, viewer: SignedInUser, today: string, teamIds: readonly string[] | null, page: number): Promise<{ rows: ChildWithManyWorkers[]; total: number }> {
  if (teamIds && teamIds.length === 0) return { rows: [], total: 0 };
  const rows = await sql<ChildWithManyWorkers & { total: number }>`SELECT c.child_id AS "childId", p.first_name || ' ' || p.last_name AS name, p.la_child_id AS "laChildId",
      c.social_workers AS "socialWorkers", now_w.display_name AS "currentWorker", now_t.name AS "currentTeam", (count(*) OVER ())::int AS total
    FROM (${counted(viewer, today, teamIds)}) c
    JOIN person p ON p.id = c.child_id AND p.deleted_at IS NULL AND p.merged_into IS NULL
    LEFT JOIN LATERAL (SELECT n.worker_id FROM allocation n WHERE n.child_id = c.child_id AND n.role = 'social_worker' AND n.to_date IS NULL AND n.deleted_at IS NULL ORDER BY n.from_date DESC LIMIT 1) cur ON true
    LEFT JOIN app_user now_w ON now_w.id = cur.worker_id
    LEFT JOIN team now_t ON now_t.id = now_w.team_id
    ORDER BY c.social_workers DESC, p.last_name, p.first_name, c.child_id
    LIMIT ${PAGE_SIZE} OFFSET ${(Math.max(1, page) - 1) * PAGE_SIZE}`.execute(db);
  return { rows: rows.rows.map(({ total: _total, ...row }) => row), total: Number(rows.rows[0]?.total ?? 0) };
}

/**
 * The children with many social workers by the team of their social worker now, and in all (each
 * child once), for the service overview (issue 8): the list with `team` shows the same children.
 */
export async function manyWorkersByTeam(db: Db, viewer: SignedInUser, today: string, teamIds: readonly string[] | null): Promise<{ team_id: string | null; n: number }[]> {
  if (teamIds && teamIds.length === 0) return [];
  const rows = await sql<{ team_id: string | null; n: number }>`SELECT cw.team_id, count(DISTINCT c.child_id)::int AS n
    FROM (${counted(viewer, today, teamIds)}) c
    JOIN person p ON p.id = c.child_id AND p.deleted_at IS NULL AND p.merged_into IS NULL
    JOIN allocation ca ON ca.child_id = c.child_id AND ca.role = 'social_worker' AND ca.to_date IS NULL AND ca.deleted_at IS NULL
    JOIN app_user cw ON cw.id = ca.worker_id
    WHERE cw.team_id IS NOT NULL ${teamIds ? sql`AND cw.team_id IN (${sql.join(teamIds)})` : sql``}
    GROUP BY GROUPING SETS ((cw.team_id), ())`.execute(db);
  return rows.rows;
}
