// Starting and ending a plan. One open plan of each kind per child; a plan ends on or after it
// started. Each start and end goes into the child's journal, where the visit, review and core group
// clocks pick it up.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import { recordEvent } from '../chronology/journal.ts';
import type { EventType } from '../chronology/event-types.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import type { PlanKind } from './tables.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';

export const PLAN_NAMES: Record<PlanKind, string> = {
  early_help: 'early help plan',
  cin: 'child in need plan',
  cp: 'child protection plan',
  care: 'care plan',
  pathway: 'pathway plan',
};

const START_EVENT: Partial<Record<PlanKind, EventType>> = { cin: 'cin-plan.started', cp: 'cp-plan.started', care: 'care-plan.started', pathway: 'pathway-plan.started' };
const END_EVENT: Partial<Record<PlanKind, EventType>> = { cin: 'cin-plan.ended', cp: 'cp-plan.ended', care: 'care-plan.ended', pathway: 'pathway-plan.ended' };

export interface NewPlan {
  childId: string;
  kind: PlanKind;
  startedOn: string;
  episodeId?: string | null;
  categoryOfAbuse?: string | null;
}

export async function startPlan(db: Db, plan: NewPlan, actorId: string, today: string, title?: string): Promise<string> {
  if (plan.startedOn > today) throw new RuleBroken('The plan’s start date cannot be in the future', 'startedOn');
  assertNotBeforeBirth(await childDates(db, plan.childId), plan.startedOn, 'startedOn', 'The plan’s start date');
  const open = await db
    .selectFrom('plan')
    .select('started_on')
    .where('child_id', '=', plan.childId)
    .where('kind', '=', plan.kind)
    .where('ended_on', 'is', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (open) throw new RuleBroken(`This child already has a ${PLAN_NAMES[plan.kind]} from ${formatDate(open.started_on)}`, 'startedOn');
  const id = randomUUID();
  await db
    .insertInto('plan')
    .values({
      id,
      child_id: plan.childId,
      kind: plan.kind,
      episode_id: plan.episodeId ?? null,
      started_on: plan.startedOn,
      category_of_abuse: plan.categoryOfAbuse ?? null,
      recorded_by: actorId,
    })
    .execute();
  const type = START_EVENT[plan.kind];
  if (type) {
    await recordEvent(db, { childId: plan.childId, type, occurredOn: plan.startedOn, sourceTable: 'plan', sourceId: id, scopeId: id, title: title ?? `${capitalise(PLAN_NAMES[plan.kind])} started` }, actorId);
  }
  return id;
}

export interface PlanEnding {
  endedOn: string;
  /** Why the plan ended: a code or words. */
  reason: string;
  /** The reason in words, for the chronology, where `reason` is a code. */
  reasonLabel?: string;
  /** More about why, e.g. the evidence that change has lasted. */
  detail?: string | null;
}

export async function endPlan(db: Db, planId: string, ending: PlanEnding, actorId: string, today: string): Promise<void> {
  const plan = await db.selectFrom('plan').selectAll().where('id', '=', planId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!plan) throw new NotFound('No plan with that id');
  if (plan.ended_on) throw new RuleBroken(`This plan already ended on ${formatDate(plan.ended_on)}`);
  if (ending.endedOn > today) throw new RuleBroken('The end date cannot be in the future', 'endedOn');
  if (ending.endedOn < plan.started_on) throw new RuleBroken(`A plan cannot end before it starts (${formatDate(plan.started_on)})`, 'endedOn');
  await updateRecord(db, 'plan', planId, { ended_on: ending.endedOn, end_reason: ending.reason, end_detail: ending.detail ?? null }, actorId);
  const type = END_EVENT[plan.kind];
  if (type) {
    await recordEvent(db, { childId: plan.child_id, type, occurredOn: ending.endedOn, sourceTable: 'plan', sourceId: planId, scopeId: planId, title: `${capitalise(PLAN_NAMES[plan.kind])} ended`, detail: [ending.reasonLabel ?? ending.reason, ending.detail].filter(Boolean).join(': ') }, actorId);
  }
}

export async function openPlanOf(db: Db, childId: string, kind: PlanKind) {
  return db
    .selectFrom('plan')
    .selectAll()
    .where('child_id', '=', childId)
    .where('kind', '=', kind)
    .where('ended_on', 'is', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
