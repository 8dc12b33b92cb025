// What a plan says and how it changes: outcomes (what should be better for the child) and actions
// (who does what by when), each change kept as a whole-plan version and written to the journal.
// Seed requirements §1.5 CP-04, CP-06, CP-17; §1.6 CN-09. Written agreements are in agreements.ts.
// Who may see or record what is checked once, by the route guard, before any of this runs.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { daysBetween } from '../calendar/index.ts';
import { isoDateInLondon } from '../server/time.ts';
import { formatDate } from '../server/format.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { labelFor } from '../codes/index.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { CIN_PLAN_END_REASON } from '../child-in-need/codes.ts';
import { EARLY_HELP_END_REASON } from '../early-help/codes.ts';
import { PLAN_NAMES } from './lifecycle.ts';
import { ACTION_STATUS, CARE_PLAN_END_REASON, OPEN_ACTION_STATUSES, type ActionStatusCode } from './codes.ts';
import type { PlanTable } from './tables.ts';
import type { ActionChange, ActionInput, OutcomeInput } from './schemas.ts';
import * as repo from './repository.ts';

export type Plan = Awaited<ReturnType<typeof repo.findPlan>> & {};

export const planName = (plan: Pick<PlanTable, 'kind'>) => capitalise(PLAN_NAMES[plan.kind]);
export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const statusLabel = (status: ActionStatusCode) => labelFor(ACTION_STATUS, status);
const quote = (text: string) => `‘${text.length > 80 ? `${text.slice(0, 77)}…` : text}’`;

/** The plan, checked to be this child's. */
export async function planOfChild(db: Db, childId: string, planId: string, options: { lock?: boolean } = {}): Promise<Plan> {
  const plan = await repo.findPlan(db, planId, options);
  if (!plan || plan.child_id !== childId) throw new NotFound('No plan with that id for this child');
  return plan;
}

/** A plan that may still change: it has not ended. Locked, so that versions are numbered in turn. */
async function openPlanForChange(db: Db, childId: string, planId: string): Promise<Plan> {
  const plan = await planOfChild(db, childId, planId, { lock: true });
  if (plan.ended_on) throw new RuleBroken(`This ${PLAN_NAMES[plan.kind]} ended on ${formatDate(plan.ended_on)}: it can no longer be changed`);
  return plan;
}

/**
 * Keeps the plan as it now stands as a new version and writes `plan.changed` to the journal. Called
 * in the same transaction as every change to the plan's content.
 */
export async function recordPlanChange(db: Db, plan: Plan, actorId: string, change: string, today: string): Promise<string> {
  const id = randomUUID();
  const snapshot = await repo.snapshotOf(db, plan.id);
  const version = await repo.nextVersionNumber(db, plan.id);
  await db.insertInto('plan_version').values({ id, plan_id: plan.id, version, change, snapshot: JSON.stringify(snapshot), changed_on: today, changed_by: actorId }).execute();
  await recordEvent(
    db,
    // A care plan's change is the IRO's to read (reg 45): its own kind of event starts their clock.
    { childId: plan.child_id, type: plan.kind === 'care' ? 'care-plan.changed' : 'plan.changed', occurredOn: today, sourceTable: 'plan_version', sourceId: id, scopeId: plan.id, title: `${planName(plan)} updated`, detail: change },
    actorId,
  );
  return id;
}

// ---------------------------------------------------------------------------------------------
// Outcomes
// ---------------------------------------------------------------------------------------------

export async function addOutcome(db: Kysely<Database>, user: SignedInUser, childId: string, planId: string, input: OutcomeInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const plan = await openPlanForChange(tx, childId, planId);
    const id = randomUUID();
    const position = await repo.nextOutcomePosition(tx, planId);
    await tx
      .insertInto('plan_outcome')
      .values({ id, plan_id: planId, child_id: childId, description: input.description, measure: input.measure, position, recorded_by: user.id })
      .execute();
    await recordPlanChange(tx, plan, user.id, `Outcome added: ${quote(input.description)}`, today);
    return id;
  });
}

export async function changeOutcome(
  db: Kysely<Database>,
  user: SignedInUser,
  childId: string,
  planId: string,
  outcomeId: string,
  input: OutcomeInput,
  today: string,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const plan = await openPlanForChange(tx, childId, planId);
    const outcome = await repo.findOutcome(tx, outcomeId);
    if (!outcome || outcome.plan_id !== planId) throw new NotFound('No outcome with that id in this plan');
    if (outcome.description === input.description && outcome.measure === input.measure) return;
    await updateRecord(tx, 'plan_outcome', outcomeId, { description: input.description, measure: input.measure }, user.id, input.version);
    await recordPlanChange(tx, plan, user.id, `Outcome changed: ${quote(outcome.description)} is now ${quote(input.description)}`, today);
  });
}

// ---------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------

async function checkAction(db: Db, plan: Plan, input: ActionInput | ActionChange, today: string): Promise<void> {
  const child = await childDates(db, plan.child_id);
  assertNotBeforeBirth(child, input.dueOn, 'dueOn', 'The date an action is due');
  if (input.completedOn) assertNotBeforeBirth(child, input.completedOn, 'completedOn', 'The date it was done');
  // The plan's start is the rule: an action belongs to the plan, so it cannot fall due before it.
  if (input.dueOn < plan.started_on) {
    throw new RuleBroken(`An action cannot be due before the plan started (${formatDate(plan.started_on)})`, 'dueOn');
  }
  if (input.outcomeId) {
    const outcome = await repo.findOutcome(db, input.outcomeId);
    if (!outcome || outcome.plan_id !== plan.id) throw new RuleBroken('Choose an outcome of this plan', 'outcomeId');
  }
  if (input.ownerUserId && !(await repo.activeUser(db, input.ownerUserId))) {
    throw new RuleBroken('Choose a current Lantern user, or leave it blank', 'ownerUserId');
  }
  if (input.completedOn) {
    if (input.completedOn > today) throw new RuleBroken('The date it was done cannot be in the future', 'completedOn');
    if (input.completedOn < plan.started_on) throw new RuleBroken(`The date it was done cannot be before the plan started (${formatDate(plan.started_on)})`, 'completedOn');
  }
}

export async function addAction(db: Kysely<Database>, user: SignedInUser, childId: string, planId: string, input: ActionInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const plan = await openPlanForChange(tx, childId, planId);
    await checkAction(tx, plan, input, today);
    const id = randomUUID();
    await tx
      .insertInto('plan_action')
      .values({
        id,
        plan_id: planId,
        child_id: childId,
        outcome_id: input.outcomeId,
        description: input.description,
        owner: input.owner,
        owner_user_id: input.ownerUserId,
        due_on: input.dueOn,
        status: input.status,
        status_reason: input.statusReason,
        completed_on: input.completedOn,
        recorded_by: user.id,
      })
      .execute();
    await recordPlanChange(tx, plan, user.id, `Action added: ${quote(input.description)} by ${input.owner}, due ${formatDate(input.dueOn)}`, today);
    return id;
  });
}

type ActionRow = NonNullable<Awaited<ReturnType<typeof repo.findAction>>>;

/** "due date 1 December 2026 → 8 December 2026; status In progress → Done" */
function describeActionChange(before: ActionRow, after: ActionChange): string | null {
  const parts: string[] = [];
  if (before.description !== after.description) parts.push(`now ${quote(after.description)}`);
  if (before.owner !== after.owner || before.owner_user_id !== after.ownerUserId) parts.push(`given to ${after.owner}`);
  if (before.due_on !== after.dueOn) parts.push(`due date ${formatDate(before.due_on)} → ${formatDate(after.dueOn)}`);
  if (before.status !== after.status) {
    parts.push(`${statusLabel(before.status)} → ${statusLabel(after.status)}${after.status === 'no_longer_needed' && after.statusReason ? ` (${after.statusReason})` : ''}`);
  } else if (before.status_reason !== after.statusReason || before.completed_on !== after.completedOn) parts.push('status details changed');
  if (before.outcome_id !== after.outcomeId) parts.push('linked to another outcome');
  return parts.length ? `Action ${quote(before.description)}: ${parts.join('; ')}` : null;
}

export async function changeAction(
  db: Kysely<Database>,
  user: SignedInUser,
  childId: string,
  planId: string,
  actionId: string,
  input: ActionChange,
  today: string,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const plan = await openPlanForChange(tx, childId, planId);
    const action = await repo.findAction(tx, actionId);
    if (!action || action.plan_id !== planId) throw new NotFound('No action with that id in this plan');
    await checkAction(tx, plan, input, today);
    const change = describeActionChange(action, input);
    if (!change) return;
    await updateRecord(
      tx,
      'plan_action',
      actionId,
      {
        description: input.description,
        owner: input.owner,
        owner_user_id: input.ownerUserId,
        due_on: input.dueOn,
        outcome_id: input.outcomeId,
        status: input.status,
        status_reason: input.statusReason,
        completed_on: input.completedOn,
      },
      user.id,
      input.version,
    );
    await recordPlanChange(tx, plan, user.id, change, today);
  });
}

export interface StatusUpdate {
  actionId: string;
  status: ActionStatusCode;
  reason?: string | null;
}

/**
 * Updates the status of some of a plan's actions from another record (a visit, a meeting): an action
 * marked done is done on `onDate`. Only actions whose status changes are touched. Runs inside the
 * caller's transaction; returns the words for the change, or null when nothing changed.
 */
export async function updateActionStatuses(
  tx: Db,
  actorId: string,
  childId: string,
  planId: string,
  updates: readonly StatusUpdate[],
  onDate: string,
  context: string,
  today: string,
): Promise<string | null> {
  if (updates.length === 0) return null;
  const plan = await openPlanForChange(tx, childId, planId);
  const parts: string[] = [];
  for (const update of updates) {
    const action = await repo.findAction(tx, update.actionId);
    if (!action || action.plan_id !== planId) throw new RuleBroken('One of the actions is not part of this plan: reload the page and try again');
    if (action.status === update.status) continue;
    if (update.status === 'no_longer_needed' && !update.reason) {
      throw new RuleBroken(`Say why ${quote(action.description)} is no longer needed`, `action-${action.id}-reason`);
    }
    if (update.status === 'done' && onDate < plan.started_on) throw new RuleBroken(`The plan started on ${formatDate(plan.started_on)}: an action cannot be done before then`);
    await updateRecord(
      tx,
      'plan_action',
      action.id,
      {
        status: update.status,
        status_reason: update.status === 'no_longer_needed' ? (update.reason ?? null) : null,
        completed_on: update.status === 'done' ? onDate : null,
      },
      actorId,
    );
    parts.push(`${quote(action.description)} ${statusLabel(action.status)} → ${statusLabel(update.status)}`);
  }
  if (parts.length === 0) return null;
  const change = `${context}: ${parts.join('; ')}`;
  await recordPlanChange(tx, plan, actorId, change, today);
  return change;
}

// ---------------------------------------------------------------------------------------------
// Reading a plan
// ---------------------------------------------------------------------------------------------

export const isOverdue = (action: { status: ActionStatusCode; due_on: string }, today: string) =>
  OPEN_ACTION_STATUSES.includes(action.status) && action.due_on < today;

export interface LastChange {
  on: string;
  at: Date;
  by: string;
  daysAgo: number;
  change: string;
  version: number | null;
}

/** When the plan last changed and who changed it: its latest version, or its start. */
export async function lastChangeOf(db: Db, plan: Plan, today: string): Promise<LastChange> {
  const latest = await repo.latestVersion(db, plan.id);
  if (latest) {
    const on = latest.changed_on;
    return { on, at: latest.changed_at, by: latest.changed_by_name, daysAgo: Math.max(0, daysBetween(on, today)), change: latest.change, version: latest.version };
  }
  const at = plan.updated_at ?? plan.recorded_at;
  const on = isoDateInLondon(at);
  const by = (await repo.userName(db, plan.updated_by ?? plan.recorded_by)) ?? 'unknown';
  return { on, at, by, daysAgo: Math.max(0, daysBetween(on, today)), change: plan.updated_at ? 'Plan details changed' : 'Plan started', version: null };
}

/** Why a plan ended, in words: a code of the kind's own list, or the words the worker wrote. */
function endReasonLabel(plan: Pick<Plan, 'kind' | 'end_reason'>): string | null {
  if (!plan.end_reason) return null;
  const list = plan.kind === 'cin' ? CIN_PLAN_END_REASON : plan.kind === 'early_help' ? EARLY_HELP_END_REASON : plan.kind === 'care' ? CARE_PLAN_END_REASON : null;
  return (list && labelFor(list, plan.end_reason)) ?? plan.end_reason;
}

export async function planDetails(db: Db, plan: Plan, today: string) {
  const [outcomes, actions, lastChange] = await Promise.all([repo.outcomesOf(db, plan.id), repo.actionsOf(db, plan.id), lastChangeOf(db, plan, today)]);
  const withFlags = actions.map((a) => ({ ...a, overdue: isOverdue(a, today), statusLabel: statusLabel(a.status) }));
  return {
    plan: { ...plan, name: planName(plan), end_reason_label: endReasonLabel(plan) },
    outcomes: outcomes.map((o) => ({ ...o, actions: withFlags.filter((a) => a.outcome_id === o.id) })),
    otherActions: withFlags.filter((a) => !a.outcome_id),
    actions: withFlags,
    overdue: withFlags.filter((a) => a.overdue),
    lastChange,
  };
}

export async function viewPlan(db: Db, childId: string, planId: string, today: string) {
  const plan = await planOfChild(db, childId, planId);
  const [details, agreements] = await Promise.all([planDetails(db, plan, today), repo.agreementsOfChild(db, childId)]);
  return { ...details, agreements: agreements.filter((a) => a.plan_id === planId) };
}

export async function plansOf(db: Db, childId: string) {
  const plans = await repo.plansOfChild(db, childId);
  return plans.map((p) => ({ ...p, name: planName(p) }));
}

export async function planVersions(db: Db, childId: string, planId: string) {
  const plan = await planOfChild(db, childId, planId);
  const versions = await repo.versionsOf(db, planId);
  return {
    plan: { ...plan, name: planName(plan) },
    versions: versions.map((v) => ({
      ...v,
      outcomes: v.snapshot.outcomes.map((o) => ({ ...o, actions: v.snapshot.actions.filter((a) => a.outcomeId === o.id) })),
      otherActions: v.snapshot.actions.filter((a) => !a.outcomeId || !v.snapshot.outcomes.some((o) => o.id === a.outcomeId)),
    })),
  };
}

export async function possibleOwners(db: Db, user: SignedInUser, childId: string) {
  return repo.possibleOwners(db, user, childId);
}

/** Overdue plan actions for a worker or a team (default: the signed-in user), for their work list. */
export async function overduePlanActions(db: Db, user: SignedInUser, filter: repo.OverdueFilter, today: string) {
  const rows = await repo.overdueActions(db, user, filter.workerId || filter.teamId ? filter : { workerId: user.id }, today);
  return rows.map((r) => ({ ...r, childName: `${r.first_name} ${r.last_name}`, planName: capitalise(PLAN_NAMES[r.plan_kind]), daysOverdue: daysBetween(r.due_on, today) }));
}
