// The one measure of the service overview no other area counts: open cases by team (issue 8).
import { sql } from 'kysely';
import { CASE_HOLDING } from '../access/roles.ts';
import type { Db } from '../db/history.ts';

export interface TeamCount {
  /** Null on the row for every team together. */
  team_id: string | null;
  n: number;
}

/**
 * Children allocated now to the case-holding workers of each team (as the caseloads page counts them),
 * each child once per team, and once in all. A caseload is workload: restricted records count too.
 */
export async function openCasesByTeam(db: Db, teams: readonly string[] | null): Promise<TeamCount[]> {
  if (teams && teams.length === 0) return [];
  const result = await sql<TeamCount>`SELECT w.team_id, count(DISTINCT a.child_id)::int AS n
    FROM allocation a
    JOIN app_user w ON w.id = a.worker_id
    JOIN person p ON p.id = a.child_id AND p.deleted_at IS NULL AND p.merged_into IS NULL
    WHERE a.to_date IS NULL AND a.deleted_at IS NULL AND w.active AND w.team_id IS NOT NULL
      AND w.role IN (${sql.join(CASE_HOLDING.map((r) => sql`${r}`))})
      ${teams ? sql`AND w.team_id IN (${sql.join(teams.map((t) => sql`${t}::uuid`))})` : sql``}
    GROUP BY GROUPING SETS ((w.team_id), ())`.execute(db);
  return result.rows;
}
