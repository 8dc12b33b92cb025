// Which teams a user sees across the service (issue 8: "the manager and the line above"). A team
// manager sees the teams they manage; a head of service or senior leader the teams managed by them or
// by anyone below them in line management (worker_profile.line_manager_id, any depth); an analyst,
// and a senior leader who manages nobody (a director), every team. One statement (decision 0026).
import { sql } from 'kysely';
import type { SignedInUser } from '../access/policy.ts';
import type { Db } from '../db/history.ts';

export interface TeamInView {
  id: string;
  name: string;
}

export interface TeamsInView {
  teams: TeamInView[];
  /** True when the user sees every team (an analyst, or a senior leader with no line): lists need no team scope. */
  every: boolean;
}

export async function teamsInViewOf(db: Db, user: SignedInUser): Promise<TeamsInView> {
  if (user.role !== 'team_manager' && user.role !== 'senior_leader' && user.role !== 'performance_analyst') return { teams: [], every: false };
  const analyst = user.role === 'performance_analyst';
  const leader = user.role === 'senior_leader';
  // UNION (not UNION ALL) stops at a loop in the line management.
  const rows = await sql<TeamInView & { led: boolean }>`WITH RECURSIVE line(user_id) AS (
      SELECT ${user.id}::uuid
      UNION
      SELECT wp.user_id FROM worker_profile wp JOIN line ON wp.line_manager_id = line.user_id WHERE wp.deleted_at IS NULL
    ),
    led AS (SELECT t.id FROM team t WHERE t.manager_id IN (SELECT user_id FROM line))
    SELECT t.id, t.name, (t.id IN (SELECT id FROM led)) AS led FROM team t
    WHERE t.id IN (SELECT id FROM led) OR ${analyst}::boolean OR (${leader}::boolean AND NOT EXISTS (SELECT 1 FROM led))
    ORDER BY t.name, t.id`.execute(db);
  const every = analyst || (leader && !rows.rows.some((r) => r.led));
  return { teams: rows.rows.map(({ id, name }) => ({ id, name })), every };
}

/** The team ids a list is scoped to: null for every team. */
export const scopeOf = (view: TeamsInView): readonly string[] | null => (view.every ? null : view.teams.map((t) => t.id));

/** The `team` a list was asked to narrow to, if it is one of the user's (else none: a list never widens). */
export function chosenTeam(view: TeamsInView, team: unknown): TeamInView | null {
  return typeof team === 'string' ? (view.teams.find((t) => t.id === team) ?? null) : null;
}
