// Who manages a child's case (decision 0021, from decision 0020's line management): the manager of the
// team of a worker the child is currently allocated to, that worker's own line manager where one is
// named, or the line manager of the team's manager (a head of service). One statement.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';

/** SQL: true when `userId` manages the case of the child `childId` (both values or references). */
export function managesCaseSql(userId: unknown, childId: unknown) {
  return sql<boolean>`EXISTS (SELECT 1 FROM allocation mc_a
      JOIN app_user mc_w ON mc_w.id = mc_a.worker_id
      LEFT JOIN team mc_t ON mc_t.id = mc_w.team_id
      LEFT JOIN worker_profile mc_wp ON mc_wp.user_id = mc_w.id AND mc_wp.deleted_at IS NULL
      LEFT JOIN worker_profile mc_mp ON mc_mp.user_id = mc_t.manager_id AND mc_mp.deleted_at IS NULL
      WHERE mc_a.child_id = ${childId} AND mc_a.to_date IS NULL AND mc_a.deleted_at IS NULL
        AND (mc_t.manager_id = ${userId} OR mc_wp.line_manager_id = ${userId} OR mc_mp.line_manager_id = ${userId}))`;
}

export async function managesCase(db: Db, userId: string, childId: string): Promise<boolean> {
  const row = await sql<{ manages: boolean }>`SELECT ${managesCaseSql(sql`${userId}::uuid`, sql`${childId}::uuid`)} AS manages`.execute(db);
  return row.rows[0]?.manages === true;
}
