// Open actions from oversight, supervision and case audits across the children a manager's teams hold
// (issue 8: "audit actions visible to the manager and the line above"): overdue first, then by due
// date, a page at a time; and the overdue ones counted by team for the service overview. The team of
// an action is the team of a worker its child is allocated to now (as on the oversight list).
import { sql, type RawBuilder } from 'kysely';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import type { Db } from '../db/history.ts';
import { OPEN_STATUSES_SQL } from './repository.ts';
import type { CaseActionSource } from './tables.ts';

export const ACTION_PAGE_SIZE = 50;

export interface ActionFilter {
  /** The teams whose children count; null for every child. */
  teams: readonly string[] | null;
  source: CaseActionSource | null;
  overdueOnly: boolean;
}

const inTeams = (teams: readonly string[], ref: RawBuilder<unknown>) =>
  teams.length === 0 ? sql<boolean>`false` : sql<boolean>`${ref} IN (${sql.join(teams.map((t) => sql`${t}::uuid`))})`;

function openActions(user: SignedInUser, today: string, filter: ActionFilter) {
  const open = OPEN_STATUSES_SQL;
  const held =
    filter.teams === null
      ? sql`true`
      : sql`EXISTS (SELECT 1 FROM allocation ha JOIN app_user hw ON hw.id = ha.worker_id
          WHERE ha.child_id = ca.child_id AND ha.to_date IS NULL AND ha.deleted_at IS NULL AND ${inTeams(filter.teams, sql.ref('hw.team_id'))})`;
  return sql`SELECT ca.id, ca.child_id, ca.source, ca.description, ca.owner, ca.owner_user_id, ca.due_on, ca.status
    FROM case_action ca
    WHERE ca.deleted_at IS NULL AND ca.status IN (${open})
      ${filter.source ? sql`AND ca.source = ${filter.source}` : sql``}
      ${filter.overdueOnly ? sql`AND ca.due_on < ${today}` : sql``}
      AND ${held} AND ${childVisibleTo(user, sql.ref('ca.child_id'))}`;
}

export interface ListedAction {
  id: string;
  child_id: string;
  child_name: string;
  source: CaseActionSource;
  description: string;
  owner: string;
  owner_user_name: string | null;
  due_on: string;
  status: string;
  overdue: boolean;
  total: number;
}

export async function openActionList(db: Db, user: SignedInUser, today: string, filter: ActionFilter, page: number): Promise<{ rows: ListedAction[]; total: number }> {
  if (filter.teams && filter.teams.length === 0) return { rows: [], total: 0 };
  const result = await sql<ListedAction>`SELECT q.id, q.child_id, p.first_name || ' ' || p.last_name AS child_name, q.source, q.description, q.owner,
      ou.display_name AS owner_user_name, q.due_on::text AS due_on, q.status, (q.due_on < ${today}) AS overdue, (count(*) OVER ())::int AS total
    FROM (${openActions(user, today, filter)}) q
    JOIN person p ON p.id = q.child_id AND p.deleted_at IS NULL
    LEFT JOIN app_user ou ON ou.id = q.owner_user_id
    ORDER BY (q.due_on < ${today}) DESC, q.due_on, p.last_name, p.first_name, q.id
    LIMIT ${ACTION_PAGE_SIZE} OFFSET ${(Math.max(1, page) - 1) * ACTION_PAGE_SIZE}`.execute(db);
  return { rows: result.rows, total: result.rows[0]?.total ?? 0 };
}

/** Overdue open actions by the team holding the child, and in all (each action once). */
export async function overdueActionsByTeam(db: Db, user: SignedInUser, today: string, teams: readonly string[] | null): Promise<{ team_id: string | null; n: number }[]> {
  if (teams && teams.length === 0) return [];
  const result = await sql<{ team_id: string | null; n: number }>`SELECT w.team_id, count(DISTINCT q.id)::int AS n
    FROM (${openActions(user, today, { teams, source: null, overdueOnly: true })}) q
    JOIN person p ON p.id = q.child_id AND p.deleted_at IS NULL
    JOIN allocation a ON a.child_id = q.child_id AND a.to_date IS NULL AND a.deleted_at IS NULL
    JOIN app_user w ON w.id = a.worker_id
    WHERE w.team_id IS NOT NULL ${teams ? sql`AND ${inTeams(teams, sql.ref('w.team_id'))}` : sql``}
    GROUP BY GROUPING SETS ((w.team_id), ())`.execute(db);
  return result.rows;
}
