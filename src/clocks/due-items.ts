// What is due, overdue and recently late, read from the clocks the engine derived. The worker's list,
// the team's list and the child's list are one query with a different scope, always filtered by who
// may see the child, so a list never shows a child that the record would refuse.
import { sql, type Expression, type SqlBool } from 'kysely';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import { addDays, addMonths, addWorkingDays, workingDaysBetween } from '../calendar/index.ts';
import type { Db } from '../db/history.ts';
import { MANAGERS_RULE_IDS, ruleById, TIMESCALE_RULES } from './rules.ts';

export type DueStatus = 'overdue' | 'due soon' | 'upcoming';

/** "Due soon" means due today or within this many working days. */
export const DUE_SOON_WORKING_DAYS = 5;

/** Late items a manager sees: clocks met after their due date in this many calendar days. */
export const RECENTLY_LATE_DAYS = 30;

/** Whose work: one child, the children allocated to a worker, or those allocated to anyone in the teams. */
export type DueScope = { childId: string } | { workerId: string } | { teamIds: readonly string[] };

export interface DueItem {
  clockId: string;
  childId: string;
  childName: string;
  laChildId: string | null;
  ruleId: string;
  /** What must happen, in a worker's words (from the rule). */
  title: string;
  startedOn: string;
  dueOn: string;
  status: DueStatus;
  /** Working days after the due date up to and including today; 0 unless overdue. */
  workingDaysOverdue: number;
  /** Display names of the workers the child is currently allocated to. */
  allocatedTo: string[];
}

export interface LateItem {
  clockId: string;
  childId: string;
  childName: string;
  laChildId: string | null;
  ruleId: string;
  title: string;
  dueOn: string;
  metOn: string;
  workingDaysLate: number;
  allocatedTo: string[];
}

/** A clock is open while it is neither met nor stopped (a plan that ended stops its visits). */
export function isOpen(clock: { metOn: string | null; stoppedOn: string | null }): boolean {
  return clock.metOn === null && clock.stoppedOn === null;
}

/** The last day that counts as "due soon" from today. */
export function dueSoonUntil(today: string): string {
  return addWorkingDays(today, DUE_SOON_WORKING_DAYS);
}

export function dueStatus(dueOn: string, today: string): DueStatus {
  if (dueOn < today) return 'overdue';
  // Compared as text so that a due date beyond the calendar's years (long proceedings) is simply upcoming.
  return dueOn <= dueSoonUntil(today) ? 'due soon' : 'upcoming';
}

export function workingDaysOverdue(dueOn: string, today: string): number {
  return dueOn < today ? workingDaysBetween(dueOn, today) : 0;
}

function inScope(scope: DueScope): Expression<SqlBool> {
  if ('childId' in scope) return sql<SqlBool>`c.child_id = ${scope.childId}`;
  if ('workerId' in scope) {
    return sql<SqlBool>`EXISTS (SELECT 1 FROM allocation a
      WHERE a.child_id = c.child_id AND a.worker_id = ${scope.workerId} AND a.to_date IS NULL AND a.deleted_at IS NULL)`;
  }
  if (scope.teamIds.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`EXISTS (SELECT 1 FROM allocation a JOIN app_user w ON w.id = a.worker_id
      WHERE a.child_id = c.child_id AND a.to_date IS NULL AND a.deleted_at IS NULL
        AND w.team_id IN (${sql.join(scope.teamIds.map((id) => sql`${id}`))}))`;
}

const allocatedTo = sql<string | null>`(SELECT string_agg(w.display_name, ', ' ORDER BY w.display_name)
  FROM allocation a JOIN app_user w ON w.id = a.worker_id
  WHERE a.child_id = c.child_id AND a.to_date IS NULL AND a.deleted_at IS NULL)`;

const splitNames = (names: string | null) => (names ? names.split(', ') : []);

const titleOf = (ruleId: string) => ruleById(ruleId)?.title ?? ruleId;

/**
 * Leaves out the open clocks of duties that end at an age the child has reached by today (rules with
 * `endsAtAge`: an exploitation risk review missed before the 18th birthday stays late in the figures,
 * but is no longer owed: decision 0049). `c` is the clock, `p` the child.
 */
export function stillOwedToday(today: string): Expression<SqlBool> {
  const ending = TIMESCALE_RULES.filter((rule) => rule.endsAtAge !== undefined);
  if (ending.length === 0) return sql<SqlBool>`true`;
  // Born on or before this day: the child has turned `age` by today (29 February as ageOn counts).
  const ended = ending.map((rule) => sql`(c.rule_id = ${rule.id} AND p.date_of_birth <= ${addMonths(today, -12 * rule.endsAtAge!)}::date)`); // not undefined: filtered above
  return sql<SqlBool>`NOT coalesce(${sql.join(ended, sql` OR `)}, false)`;
}

function clocksVisibleTo(db: Db, viewer: SignedInUser, scope: DueScope) {
  return db
    .selectFrom('clock as c')
    .innerJoin('person as p', 'p.id', 'c.child_id')
    .select([
      'c.id as clockId',
      'c.child_id as childId',
      'p.first_name',
      'p.last_name',
      'p.la_child_id as laChildId',
      'c.rule_id as ruleId',
      'c.started_on as startedOn',
      'c.due_on as dueOn',
      allocatedTo.as('allocatedTo'),
    ])
    .where('p.deleted_at', 'is', null)
    .where('p.merged_into', 'is', null)
    .where(inScope(scope))
    // Management oversight has its own list (/oversight, decision 0021).
    .where('c.rule_id', 'not in', MANAGERS_RULE_IDS)
    .where(childVisibleTo(viewer, sql.ref('c.child_id')));
}

export interface DueOptions {
  /** 'overdue': only overdue; 'due': overdue and due soon; 'all' (default): every open clock. */
  within?: 'overdue' | 'due' | 'all';
  limit?: number;
}

/** Open clocks in the scope that the viewer may see, soonest due first (so overdue come first). */
export async function dueItems(db: Db, viewer: SignedInUser, scope: DueScope, today: string, options: DueOptions = {}): Promise<DueItem[]> {
  let query = clocksVisibleTo(db, viewer, scope).where('c.met_on', 'is', null).where('c.stopped_on', 'is', null).where(stillOwedToday(today));
  if (options.within === 'overdue') query = query.where('c.due_on', '<', today);
  if (options.within === 'due') query = query.where('c.due_on', '<=', dueSoonUntil(today));
  query = query.orderBy('c.due_on').orderBy('p.last_name').orderBy('p.first_name').orderBy('c.child_id').orderBy('c.rule_id').orderBy('c.id');
  if (options.limit !== undefined) query = query.limit(options.limit);
  const rows = await query.execute();
  return rows.map((row) => ({
    clockId: row.clockId,
    childId: row.childId,
    childName: `${row.first_name} ${row.last_name}`,
    laChildId: row.laChildId,
    ruleId: row.ruleId,
    title: titleOf(row.ruleId),
    startedOn: row.startedOn,
    dueOn: row.dueOn,
    status: dueStatus(row.dueOn, today),
    workingDaysOverdue: workingDaysOverdue(row.dueOn, today),
    allocatedTo: splitNames(row.allocatedTo),
  }));
}

/** Clocks met after they fell due in the last `days` calendar days, most recent first. */
export async function lateItems(db: Db, viewer: SignedInUser, scope: DueScope, today: string, days = RECENTLY_LATE_DAYS): Promise<LateItem[]> {
  const rows = await clocksVisibleTo(db, viewer, scope)
    .select('c.met_on as metOn')
    .where('c.met_on', 'is not', null)
    .whereRef('c.met_on', '>', 'c.due_on')
    .where('c.met_on', '>', addDays(today, -days))
    .where('c.met_on', '<=', today)
    .orderBy('c.met_on', 'desc')
    .orderBy('c.id')
    .execute();
  return rows.map((row) => {
    const metOn = row.metOn as string; // not null: filtered above
    return {
      clockId: row.clockId,
      childId: row.childId,
      childName: `${row.first_name} ${row.last_name}`,
      laChildId: row.laChildId,
      ruleId: row.ruleId,
      title: titleOf(row.ruleId),
      dueOn: row.dueOn,
      metOn,
      workingDaysLate: workingDaysBetween(row.dueOn, metOn),
      allocatedTo: splitNames(row.allocatedTo),
    };
  });
}
