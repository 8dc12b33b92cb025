// The SQL behind "My work": a worker's children, the teams a manager leads and their caseloads, and
// what a partner agency user has referred. Due items come from src/clocks/due-items.ts.
import { MANAGERS_RULE_IDS } from '../clocks/rules.ts';
import { stillOwedToday } from '../clocks/due-items.ts';
import { sql } from 'kysely';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import type { Db } from '../db/history.ts';
import { caseloadRows } from '../workforce/caseloads.ts';

export interface MyChild {
  childId: string;
  name: string;
  laChildId: string | null;
  kind: 'child' | 'unborn' | 'adult';
  dateOfBirth: string | null;
  expectedDateOfBirth: string | null;
  allocatedFrom: string;
}

/** Children currently allocated to the worker that the viewer may see, by surname. */
export async function allocatedChildren(db: Db, viewer: SignedInUser, workerId: string): Promise<MyChild[]> {
  const rows = await db
    .selectFrom('allocation as a')
    .innerJoin('person as p', 'p.id', 'a.child_id')
    .select([
      'p.id as childId',
      'p.first_name',
      'p.last_name',
      'p.la_child_id as laChildId',
      'p.kind',
      'p.date_of_birth as dateOfBirth',
      'p.expected_date_of_birth as expectedDateOfBirth',
      'a.from_date as allocatedFrom',
    ])
    .where('a.worker_id', '=', workerId)
    .where('a.to_date', 'is', null)
    .where('a.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .where('p.merged_into', 'is', null)
    .where(childVisibleTo(viewer, sql.ref('a.child_id')))
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .orderBy('a.from_date')
    .execute();
  // A child allocated twice to the same worker (two roles) is one child on their list: the earliest.
  const seen = new Set<string>();
  const children: MyChild[] = [];
  for (const { first_name, last_name, ...row } of rows) {
    if (seen.has(row.childId)) continue;
    seen.add(row.childId);
    children.push({ ...row, name: `${first_name} ${last_name}` });
  }
  return children;
}

/** How many of the worker's current allocations the viewer may not see (restricted records). */
export async function hiddenAllocationCount(db: Db, viewer: SignedInUser, workerId: string): Promise<number> {
  const row = await db
    .selectFrom('allocation as a')
    .innerJoin('person as p', 'p.id', 'a.child_id')
    .select((eb) => eb.fn.count<number>('a.child_id').distinct().as('hidden'))
    .where('a.worker_id', '=', workerId)
    .where('a.to_date', 'is', null)
    .where('a.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .where('p.merged_into', 'is', null)
    .where(sql<boolean>`NOT ${childVisibleTo(viewer, sql.ref('a.child_id'))}`)
    .executeTakeFirst();
  return Number(row?.hidden ?? 0);
}

export interface Team {
  id: string;
  name: string;
}

/** Teams the user leads: those naming them as manager, and a team manager's own team. */
export async function teamsLedBy(db: Db, user: SignedInUser): Promise<Team[]> {
  return db
    .selectFrom('team')
    .select(['id', 'name'])
    .where((eb) =>
      eb.or([
        eb('manager_id', '=', user.id),
        ...(user.role === 'team_manager' && user.teamId ? [eb('id', '=', user.teamId)] : []),
      ]),
    )
    .orderBy('name')
    .execute();
}

export interface Caseload {
  workerId: string;
  displayName: string;
  role: string;
  teamName: string;
  /** Children currently allocated, restricted records included: a caseload is workload. */
  children: number;
  /** Weighted by the kind of work (council settings), against the limit for their hours; null limit for those not flagged. */
  points: number;
  limit: number | null;
  over: boolean;
}

/**
 * Every active case holder of the teams with the children allocated to them now, weighted: the same
 * figures as the caseloads page (src/workforce/caseloads.ts), computed once, there.
 */
export async function caseloads(db: Db, teamIds: readonly string[], today: string): Promise<Caseload[]> {
  return caseloadRows(db, teamIds, today);
}

export interface Worker {
  id: string;
  displayName: string;
  role: string;
  teamId: string | null;
  teamName: string | null;
}

export async function findWorker(db: Db, workerId: string): Promise<Worker | undefined> {
  return db
    .selectFrom('app_user as w')
    .leftJoin('team as t', 't.id', 'w.team_id')
    .select(['w.id', 'w.display_name as displayName', 'w.role', 'w.team_id as teamId', 't.name as teamName'])
    .where('w.id', '=', workerId)
    .executeTakeFirst();
}


export interface WorkerDueCounts {
  workerId: string;
  /** Open clocks past their due date, for the worker's children the viewer may see. */
  overdue: number;
  /** Open clocks due from today up to `until` (the "due soon" horizon: this week). */
  dueThisWeek: number;
}

/**
 * For each worker in the teams, how many open clocks of their current children (that the viewer may
 * see) are overdue and how many are due this week: the manager's summary, one grouped query. The same
 * scope and visibility as dueItems for one worker, so each count matches the list behind it.
 */
export async function teamDueCounts(db: Db, viewer: SignedInUser, teamIds: readonly string[], today: string, until: string): Promise<WorkerDueCounts[]> {
  if (teamIds.length === 0) return [];
  const rows = await db
    .selectFrom('allocation as a')
    .innerJoin('app_user as w', 'w.id', 'a.worker_id')
    .innerJoin('clock as c', 'c.child_id', 'a.child_id')
    .innerJoin('person as p', 'p.id', 'a.child_id')
    .select([
      'w.id as workerId',
      sql<number>`count(DISTINCT c.id) FILTER (WHERE c.due_on < ${today})`.as('overdue'),
      sql<number>`count(DISTINCT c.id) FILTER (WHERE c.due_on >= ${today})`.as('dueThisWeek'),
    ])
    .where('w.team_id', 'in', teamIds)
    .where('w.active', '=', true)
    .where('a.to_date', 'is', null)
    .where('a.deleted_at', 'is', null)
    .where('c.met_on', 'is', null)
    .where('c.stopped_on', 'is', null)
    // Management oversight has its own panel (decision 0021).
    .where('c.rule_id', 'not in', MANAGERS_RULE_IDS)
    .where('c.due_on', '<=', until)
    .where(stillOwedToday(today))
    .where('p.deleted_at', 'is', null)
    .where('p.merged_into', 'is', null)
    .where(childVisibleTo(viewer, sql.ref('a.child_id')))
    .groupBy('w.id')
    .execute();
  return rows.map((row) => ({ workerId: row.workerId, overdue: Number(row.overdue), dueThisWeek: Number(row.dueThisWeek) }));
}
