// The manager's oversight list (MO-01: "report cases with no recent oversight entry") and the drift
// list (MO-03; Newham 2014 ¶40: child in need cases with no recorded activity). Counts by team and
// worker in one statement each, and the children behind a count paged in SQL. Every child is filtered
// with childVisibleTo.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/history.ts';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import { addDays } from '../calendar/index.ts';
import { dueSoonUntil } from '../clocks/due-items.ts';
import { teamsInViewOf } from '../overview/managed-teams.ts';

export const LIST_PAGE_SIZE = 50;

/** What shows activity on a child in need case: a visit, a case note, a meeting, oversight. */
export const ACTIVITY_EVENT_TYPES = [
  'visit.cp',
  'visit.cin',
  'visit.looked-after',
  'visit.other',
  'case-note.recorded',
  'cin-meeting.held',
  'core-group.held',
  'oversight.protection-or-care',
  'oversight.child-in-need',
] as const;

export type ListKind = 'overdue' | 'due-soon' | 'drift';

/** Teams in view: those the user manages (null = every team). */
export type TeamScope = readonly string[] | null;

const inTeams = (teams: TeamScope, ref: RawBuilder<unknown>) =>
  teams === null ? sql<boolean>`true` : teams.length === 0 ? sql<boolean>`false` : sql<boolean>`${ref} IN (${sql.join(teams.map((t) => sql`${t}::uuid`))})`;

/**
 * Only children allocated now to someone in the teams (all, for null): a manager's few hundred
 * children, so the lists start from them rather than from every case in the council (a team
 * manager's My work read every open episode's journal: 170 ms on the large council).
 */
const ofTeams = (teams: TeamScope, ref: RawBuilder<unknown>) =>
  teams === null
    ? sql``
    : sql`AND ${ref} IN (SELECT sc.child_id FROM allocation sc JOIN app_user sw ON sw.id = sc.worker_id
        WHERE sc.to_date IS NULL AND sc.deleted_at IS NULL AND ${inTeams(teams, sql.ref('sw.team_id'))})`;

/** The cases of one kind, one row per child, before the team and worker filters. */
function cases(kind: ListKind, today: string, driftDays: number, teams: TeamScope) {
  if (kind === 'drift') {
    const since = addDays(today, -driftDays);
    return sql`SELECT ep.child_id, ep.referral_date AS since_on,
        (SELECT max(e.occurred_on) FROM child_event e WHERE e.child_id = ep.child_id AND e.deleted_at IS NULL
          AND e.type IN (${sql.join(ACTIVITY_EVENT_TYPES.map((t) => sql`${t}`))}))::text AS last_on
      FROM cin_episode ep
      WHERE ep.closed_on IS NULL AND ep.deleted_at IS NULL AND NOT ep.referral_nfa AND ep.referral_date <= ${since} ${ofTeams(teams, sql.ref('ep.child_id'))}
        AND NOT EXISTS (SELECT 1 FROM plan dp WHERE dp.child_id = ep.child_id AND dp.kind = 'cp' AND dp.ended_on IS NULL AND dp.deleted_at IS NULL)
        AND NOT EXISTS (SELECT 1 FROM care_period dc WHERE dc.child_id = ep.child_id AND dc.ended_on IS NULL AND dc.deleted_at IS NULL)
        AND NOT EXISTS (SELECT 1 FROM child_event de WHERE de.child_id = ep.child_id AND de.deleted_at IS NULL AND de.occurred_on > ${since}
          AND de.type IN (${sql.join(ACTIVITY_EVENT_TYPES.map((t) => sql`${t}`))}))`;
  }
  const range = kind === 'overdue' ? sql`c.due_on < ${today}` : sql`c.due_on >= ${today} AND c.due_on <= ${dueSoonUntil(today)}`;
  return sql`SELECT c.child_id, c.due_on::text AS since_on,
      (SELECT max(o.overseen_on) FROM management_oversight o WHERE o.child_id = c.child_id AND o.deleted_at IS NULL)::text AS last_on
    FROM clock c
    WHERE c.rule_id = 'management-oversight' AND c.met_on IS NULL AND c.stopped_on IS NULL AND ${range} ${ofTeams(teams, sql.ref('c.child_id'))}`;
}

/** The children of the three lists, each row naming its list: what the counts count. */
function everyList(today: string, driftDays: number, teams: TeamScope) {
  return sql`SELECT 'overdue' AS list, child_id FROM (${cases('overdue', today, driftDays, teams)}) x
    UNION ALL SELECT 'due-soon', child_id FROM (${cases('due-soon', today, driftDays, teams)}) y
    UNION ALL SELECT 'drift', child_id FROM (${cases('drift', today, driftDays, teams)}) z`;
}

export interface CountRow {
  team_id: string;
  team_name: string;
  worker_id: string;
  worker_name: string;
  overdue: number;
  due_soon: number;
  drift: number;
}

/** Counts of each list by team and allocated worker (a child allocated to two workers counts for each). */
export async function listCounts(db: Db, user: SignedInUser, teams: TeamScope, today: string, driftDays: number): Promise<CountRow[]> {
  const result = await sql<CountRow>`WITH k AS (${everyList(today, driftDays, teams)})
    SELECT t.id AS team_id, t.name AS team_name, w.id AS worker_id, w.display_name AS worker_name,
      count(*) FILTER (WHERE k.list = 'overdue')::int AS overdue,
      count(*) FILTER (WHERE k.list = 'due-soon')::int AS due_soon,
      count(*) FILTER (WHERE k.list = 'drift')::int AS drift
    FROM k
    JOIN allocation a ON a.child_id = k.child_id AND a.to_date IS NULL AND a.deleted_at IS NULL
    JOIN app_user w ON w.id = a.worker_id
    JOIN team t ON t.id = w.team_id
    WHERE ${inTeams(teams, sql.ref('t.id'))} AND ${childVisibleTo(user, sql.ref('k.child_id'))}
    GROUP BY t.id, t.name, w.id, w.display_name
    ORDER BY t.name, w.display_name`.execute(db);
  return result.rows;
}

export interface TeamTotalRow {
  /** Null on the row for every team together. */
  team_id: string | null;
  overdue: number;
  due_soon: number;
  drift: number;
}

/**
 * Each list's children by team, each child once per team (a child allocated to two workers of a team
 * is one child), and for all the teams together each child once (a child held in two teams is counted
 * in both teams' rows but once in the total). The same children as listChildren with a team.
 */
export async function teamTotals(db: Db, user: SignedInUser, teams: TeamScope, today: string, driftDays: number): Promise<TeamTotalRow[]> {
  const result = await sql<TeamTotalRow>`WITH k AS (${everyList(today, driftDays, teams)})
    SELECT w.team_id,
      count(DISTINCT k.child_id) FILTER (WHERE k.list = 'overdue')::int AS overdue,
      count(DISTINCT k.child_id) FILTER (WHERE k.list = 'due-soon')::int AS due_soon,
      count(DISTINCT k.child_id) FILTER (WHERE k.list = 'drift')::int AS drift
    FROM k
    JOIN allocation a ON a.child_id = k.child_id AND a.to_date IS NULL AND a.deleted_at IS NULL
    JOIN app_user w ON w.id = a.worker_id
    WHERE w.team_id IS NOT NULL AND ${inTeams(teams, sql.ref('w.team_id'))} AND ${childVisibleTo(user, sql.ref('k.child_id'))}
    GROUP BY GROUPING SETS ((w.team_id), ())`.execute(db);
  return result.rows;
}

export interface ListedChild {
  child_id: string;
  first_name: string;
  last_name: string;
  la_child_id: string | null;
  since_on: string;
  last_on: string | null;
  workers: string | null;
  total: number;
}

/** The children behind one count: a list, optionally one team or one worker, a page at a time. */
export async function listChildren(
  db: Db,
  user: SignedInUser,
  options: { kind: ListKind; teams: TeamScope; teamId?: string | undefined; workerId?: string | undefined; page: number },
  today: string,
  driftDays: number,
): Promise<ListedChild[]> {
  const teamFilter = options.teamId ? sql<boolean>`w.team_id = ${options.teamId}::uuid` : sql<boolean>`true`;
  const workerFilter = options.workerId ? sql<boolean>`w.id = ${options.workerId}::uuid` : sql<boolean>`true`;
  const result = await sql<ListedChild>`WITH k AS (${cases(options.kind, today, driftDays, options.teams)}),
    chosen AS (
      SELECT k.child_id, k.since_on, k.last_on FROM k
      WHERE EXISTS (SELECT 1 FROM allocation a JOIN app_user w ON w.id = a.worker_id
          WHERE a.child_id = k.child_id AND a.to_date IS NULL AND a.deleted_at IS NULL
            AND ${inTeams(options.teams, sql.ref('w.team_id'))} AND ${teamFilter} AND ${workerFilter})
        AND ${childVisibleTo(user, sql.ref('k.child_id'))}
    )
    SELECT ch.child_id, p.first_name, p.last_name, p.la_child_id, ch.since_on, ch.last_on,
      (SELECT string_agg(w.display_name, ', ' ORDER BY w.display_name) FROM allocation a JOIN app_user w ON w.id = a.worker_id
        WHERE a.child_id = ch.child_id AND a.to_date IS NULL AND a.deleted_at IS NULL) AS workers,
      (count(*) OVER ())::int AS total
    FROM chosen ch JOIN person p ON p.id = ch.child_id
    ORDER BY ch.last_on NULLS FIRST, ch.since_on, p.last_name, p.first_name, ch.child_id
    LIMIT ${LIST_PAGE_SIZE} OFFSET ${(options.page - 1) * LIST_PAGE_SIZE}`.execute(db);
  return result.rows;
}

/** The teams a user manages (team manager), or null for every team (a role that oversees them all). */
export async function teamsInView(db: Db, user: SignedInUser): Promise<TeamScope> {
  if (user.role !== 'team_manager') return null;
  // Theirs and, where they manage other managers, those managers' teams (src/overview/managed-teams.ts).
  return (await teamsInViewOf(db, user)).teams.map((t) => t.id);
}
