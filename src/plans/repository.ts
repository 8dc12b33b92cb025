// All the SQL for plan content: outcomes, actions, versions and written agreements.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import type { PlanSnapshot } from './tables.ts';
import { OPEN_ACTION_STATUSES } from './codes.ts';

export async function findPlan(db: Db, planId: string, options: { lock?: boolean } = {}) {
  let query = db.selectFrom('plan').selectAll().where('id', '=', planId).where('deleted_at', 'is', null);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function plansOfChild(db: Db, childId: string) {
  return db
    .selectFrom('plan as p')
    .selectAll('p')
    .select((eb) => [
      eb
        .selectFrom('plan_action as a')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('a.plan_id', '=', 'p.id')
        .where('a.deleted_at', 'is', null)
        .where('a.status', 'in', OPEN_ACTION_STATUSES)
        .as('open_actions'),
    ])
    .where('p.child_id', '=', childId)
    .where('p.deleted_at', 'is', null)
    .orderBy('p.started_on', 'desc')
    .execute();
}

export async function outcomesOf(db: Db, planId: string) {
  return db
    .selectFrom('plan_outcome')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .execute();
}

export async function actionsOf(db: Db, planId: string) {
  return db
    .selectFrom('plan_action as a')
    .leftJoin('app_user as u', 'u.id', 'a.owner_user_id')
    .selectAll('a')
    .select('u.display_name as owner_user_name')
    .where('a.plan_id', '=', planId)
    .where('a.deleted_at', 'is', null)
    .orderBy('a.due_on')
    .orderBy('a.recorded_at')
    .execute();
}

export async function findAction(db: Db, actionId: string) {
  return db.selectFrom('plan_action').selectAll().where('id', '=', actionId).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findOutcome(db: Db, outcomeId: string) {
  return db.selectFrom('plan_outcome').selectAll().where('id', '=', outcomeId).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function nextOutcomePosition(db: Db, planId: string): Promise<number> {
  const row = await db
    .selectFrom('plan_outcome')
    .select(sql<number>`coalesce(max(position), 0)::int`.as('n'))
    .where('plan_id', '=', planId)
    .executeTakeFirstOrThrow();
  return row.n + 1;
}

/** The plan's outcomes and actions as they stand now. */
export async function snapshotOf(db: Db, planId: string): Promise<PlanSnapshot> {
  const [outcomes, actions] = await Promise.all([outcomesOf(db, planId), actionsOf(db, planId)]);
  return {
    outcomes: outcomes.map((o) => ({ id: o.id, description: o.description, measure: o.measure })),
    actions: actions.map((a) => ({
      id: a.id,
      outcomeId: a.outcome_id,
      description: a.description,
      owner: a.owner,
      ownerUserId: a.owner_user_id,
      dueOn: a.due_on,
      status: a.status,
      statusReason: a.status_reason,
      completedOn: a.completed_on,
    })),
  };
}

export async function nextVersionNumber(db: Db, planId: string): Promise<number> {
  const row = await db
    .selectFrom('plan_version')
    .select(sql<number>`coalesce(max(version), 0)::int`.as('n'))
    .where('plan_id', '=', planId)
    .executeTakeFirstOrThrow();
  return row.n + 1;
}

export async function versionsOf(db: Db, planId: string) {
  return db
    .selectFrom('plan_version as v')
    .innerJoin('app_user as u', 'u.id', 'v.changed_by')
    .select(['v.id', 'v.version', 'v.change', 'v.snapshot', 'v.changed_on', 'v.changed_at', 'v.changed_by', 'u.display_name as changed_by_name'])
    .where('v.plan_id', '=', planId)
    .orderBy('v.version', 'desc')
    .execute();
}

export async function latestVersion(db: Db, planId: string) {
  return db
    .selectFrom('plan_version as v')
    .innerJoin('app_user as u', 'u.id', 'v.changed_by')
    .select(['v.version', 'v.change', 'v.changed_on', 'v.changed_at', 'u.display_name as changed_by_name'])
    .where('v.plan_id', '=', planId)
    .orderBy('v.version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function userName(db: Db, userId: string): Promise<string | null> {
  const row = await db.selectFrom('app_user').select('display_name').where('id', '=', userId).executeTakeFirst();
  return row?.display_name ?? null;
}

export async function activeUser(db: Db, userId: string) {
  return db.selectFrom('app_user').select(['id', 'display_name']).where('id', '=', userId).where('active', '=', true).executeTakeFirst();
}

/** People an action may be given to in Lantern: the worker's team and whoever holds the child. */
export async function possibleOwners(db: Db, user: SignedInUser, childId: string) {
  return db
    .selectFrom('app_user as u')
    .select(['u.id', 'u.display_name'])
    .where('u.active', '=', true)
    .where((eb) =>
      eb.or([
        eb('u.id', '=', user.id),
        ...(user.teamId ? [eb('u.team_id', '=', user.teamId)] : []),
        eb.exists(
          eb
            .selectFrom('allocation as al')
            .select('al.id')
            .whereRef('al.worker_id', '=', 'u.id')
            .where('al.child_id', '=', childId)
            .where('al.to_date', 'is', null)
            .where('al.deleted_at', 'is', null),
        ),
      ]),
    )
    .orderBy('u.display_name')
    .execute();
}

export async function agreementsOfChild(db: Db, childId: string) {
  const agreements = await db
    .selectFrom('written_agreement as w')
    .innerJoin('app_user as u', 'u.id', 'w.recorded_by')
    .selectAll('w')
    .select('u.display_name as recorded_by_name')
    .where('w.child_id', '=', childId)
    .where('w.deleted_at', 'is', null)
    .orderBy('w.made_on', 'desc')
    .execute();
  if (agreements.length === 0) return [];
  const terms = await db
    .selectFrom('written_agreement_term')
    .selectAll()
    .where(
      'agreement_id',
      'in',
      agreements.map((a) => a.id),
    )
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .execute();
  return agreements.map((a) => ({ ...a, terms: terms.filter((t) => t.agreement_id === a.id) }));
}

export interface OverdueFilter {
  /** Actions given to this Lantern user, or on plans of children allocated to them. */
  workerId?: string;
  /** The same for everyone in this team. */
  teamId?: string;
}

/**
 * Overdue plan actions (due before today and not done or dropped) on open plans of children the user
 * may see, for a worker or a team. Derived from the actions themselves, so nothing can fall out of step.
 */
export async function overdueActions(db: Db, user: SignedInUser, filter: OverdueFilter, today: string) {
  // Aliases unlike those inside childVisibleTo (a, p, w, t, g, e), so its subqueries cannot capture them.
  let query = db
    .selectFrom('plan_action as action')
    .innerJoin('plan as action_plan', 'action_plan.id', 'action.plan_id')
    .innerJoin('person as child', 'child.id', 'action.child_id')
    .leftJoin('app_user as owner', 'owner.id', 'action.owner_user_id')
    .select([
      'action.id',
      'action.plan_id',
      'action.child_id',
      'action.description',
      'action.owner',
      'action.owner_user_id',
      'owner.display_name as owner_user_name',
      'action.due_on',
      'action.status',
      'action_plan.kind as plan_kind',
      'child.first_name',
      'child.last_name',
    ])
    .where('action.deleted_at', 'is', null)
    .where('action.status', 'in', OPEN_ACTION_STATUSES)
    .where('action.due_on', '<', today)
    .where('action_plan.ended_on', 'is', null)
    .where('action_plan.deleted_at', 'is', null)
    .where(childVisibleTo(user, sql.ref('action.child_id')));
  if (filter.workerId) {
    const workerId = filter.workerId;
    query = query.where(
      sql<boolean>`(action.owner_user_id = ${workerId} OR EXISTS (SELECT 1 FROM allocation held WHERE held.child_id = action.child_id
        AND held.worker_id = ${workerId} AND held.to_date IS NULL AND held.deleted_at IS NULL))`,
    );
  }
  if (filter.teamId) {
    const teamId = filter.teamId;
    query = query.where(
      sql<boolean>`(EXISTS (SELECT 1 FROM app_user member WHERE member.id = action.owner_user_id AND member.team_id = ${teamId})
        OR EXISTS (SELECT 1 FROM allocation held JOIN app_user holder ON holder.id = held.worker_id WHERE held.child_id = action.child_id
        AND holder.team_id = ${teamId} AND held.to_date IS NULL AND held.deleted_at IS NULL))`,
    );
  }
  return query.orderBy('action.due_on').orderBy('child.last_name').limit(500).execute();
}

/** The clocks still running for a plan or proceedings (next visit, next meeting, 26 weeks …). */
export async function runningClocks(db: Db, childId: string, scopeId: string) {
  return db
    .selectFrom('clock')
    .select(['rule_id', 'due_on', 'started_on'])
    .where('child_id', '=', childId)
    .where('scope_id', '=', scopeId)
    .where('met_on', 'is', null)
    .where('stopped_on', 'is', null)
    .orderBy('due_on')
    .execute();
}
