// Reading actions from oversight, supervision and audits: a child's, one of them, and a user's own
// open actions (with their plan actions, so "my actions" is one list).
import { sql } from 'kysely';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import type { Db } from '../db/history.ts';
import { OPEN_ACTION_STATUSES } from '../plans/codes.ts';
import { CASE_ACTION_SOURCE } from './codes.ts';

/** The child's actions: open ones first by due date, then the rest, most recently finished first. */
export async function caseActionsOf(db: Db, childId: string) {
  return db
    .selectFrom('case_action as a')
    .innerJoin('app_user as by', 'by.id', 'a.recorded_by')
    .leftJoin('app_user as owner', 'owner.id', 'a.owner_user_id')
    .select([
      'a.id',
      'a.source',
      'a.description',
      'a.owner',
      'owner.display_name as owner_user_name',
      'a.due_on',
      'a.status',
      'a.status_reason',
      'a.completed_on',
      'a.version',
      'by.display_name as set_by',
      sql<string>`(a.recorded_at AT TIME ZONE 'Europe/London')::date::text`.as('set_on'),
    ])
    .where('a.child_id', '=', childId)
    .where('a.deleted_at', 'is', null)
    .orderBy(sql`a.status IN ('not_started', 'in_progress')`, 'desc')
    .orderBy(sql`CASE WHEN a.status IN ('not_started', 'in_progress') THEN a.due_on END`, 'asc')
    .orderBy('a.completed_on', sql`desc nulls last`)
    .orderBy('a.id')
    .execute();
}

export type CaseActionRow = Awaited<ReturnType<typeof caseActionsOf>>[number];

export async function caseActionOf(db: Db, childId: string, actionId: string) {
  return (await caseActionsOf(db, childId)).find((a) => a.id === actionId);
}

export interface OwnedAction {
  id: string;
  childId: string;
  childName: string;
  description: string;
  dueOn: string;
  /** Where it came from: a plan, oversight, supervision or an audit. */
  from: string;
  overdue: boolean;
  /** Where the action can be updated. */
  href: string;
}

/**
 * The open statuses written into the statement, not passed as parameters: the partial indexes of open
 * actions (`case_action_owner_open`) say `status IN ('not_started', 'in_progress')`, and a generic
 * plan can use them only when the statement says the same constants (decision 0052's reason for LIMIT).
 */
export const OPEN_STATUSES_SQL = sql.join(OPEN_ACTION_STATUSES.map((status) => sql.lit(status)));

/**
 * The user's own open actions (those given to them as a Lantern user), from plans and from oversight,
 * supervision and audits, on children they may see, soonest due first. One statement.
 */
export async function openActionsOwnedBy(db: Db, user: SignedInUser, today: string, limit = 50): Promise<OwnedAction[]> {
  const open = OPEN_STATUSES_SQL;
  const result = await sql<{ id: string; child_id: string; first_name: string; last_name: string; description: string; due_on: string; source: string; plan_id: string | null }>`
    SELECT mine.id, mine.child_id, child.first_name, child.last_name, mine.description, mine.due_on::text AS due_on, mine.source, mine.plan_id
    FROM (
      SELECT pa.id, pa.child_id, pa.description, pa.due_on, 'plan' AS source, pa.plan_id
        FROM plan_action pa JOIN plan pl ON pl.id = pa.plan_id AND pl.ended_on IS NULL AND pl.deleted_at IS NULL
        WHERE pa.owner_user_id = ${user.id} AND pa.status IN (${open}) AND pa.deleted_at IS NULL
      UNION ALL
      SELECT ca.id, ca.child_id, ca.description, ca.due_on, ca.source, NULL
        FROM case_action ca
        WHERE ca.owner_user_id = ${user.id} AND ca.status IN (${open}) AND ca.deleted_at IS NULL
    ) mine
    JOIN person child ON child.id = mine.child_id
    WHERE ${childVisibleTo(user, sql`mine.child_id`)}
    ORDER BY mine.due_on, mine.id
    LIMIT ${limit}`.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    childId: r.child_id,
    childName: `${r.first_name} ${r.last_name}`,
    description: r.description,
    dueOn: r.due_on,
    from: r.source === 'plan' ? 'Plan' : (CASE_ACTION_SOURCE.find((s) => s.code === r.source)?.label ?? r.source),
    overdue: r.due_on < today,
    href: r.plan_id ? `/children/${r.child_id}/plans/${r.plan_id}` : `/children/${r.child_id}/actions/${r.id}/status`,
  }));
}
