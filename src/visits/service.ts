// Visits and case notes: recording is quick (one page each, the record fills in what it knows), and
// each goes into the child's journal. A child protection or child in need visit belongs to the plan
// it was made under, so it meets that plan's visit clock (timescales.md CP11, CP15).
// Who may see or record what is checked once, by the route guard, before any of this runs.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import type { EventType } from '../chronology/event-types.ts';
import { formatDate } from '../server/format.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { PLAN_NAMES } from '../plans/lifecycle.ts';
import { updateActionStatuses, type StatusUpdate } from '../plans/service.ts';
import { OPEN_ACTION_STATUSES } from '../plans/codes.ts';
import type { PlanKind } from '../plans/tables.ts';
import type { VisitKindCode } from './codes.ts';
import { childDates, assertNotBeforeBirth } from '../people/dates.ts';
import { placementOnDate, currentPlacement } from '../looked-after/repository.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import type { CaseNoteCorrection, CaseNoteInput, VisitCorrection, VisitInput } from './schemas.ts';

const EVENT_OF_KIND: Record<VisitKindCode, EventType> = { cp: 'visit.cp', cin: 'visit.cin', looked_after: 'visit.looked-after', other: 'visit.other' };
type PlanVisitKind = Exclude<VisitKindCode, 'looked_after' | 'other'>;

/** The plan of this kind the child was on that day (it may have ended since: a late record still counts). */
async function planOnDate(db: Db, childId: string, kind: PlanVisitKind & PlanKind, on: string) {
  return db
    .selectFrom('plan')
    .selectAll()
    .where('child_id', '=', childId)
    .where('kind', '=', kind)
    .where('deleted_at', 'is', null)
    .where('started_on', '<=', on)
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', on)]))
    .orderBy('started_on', 'desc')
    .executeTakeFirst();
}

async function openPlans(db: Db, childId: string) {
  return db
    .selectFrom('plan')
    .selectAll()
    .where('child_id', '=', childId)
    .where('kind', 'in', ['cp', 'cin'])
    .where('ended_on', 'is', null)
    .where('deleted_at', 'is', null)
    .orderBy('kind', 'desc') // cp before cin
    .execute();
}

const VISIT_NAMES: Record<VisitKindCode, string> = { cp: 'Child protection visit', cin: 'Child in need visit', looked_after: 'Statutory visit (child in care)', other: 'Visit' };

export const visitTitle = (visit: { kind: VisitKindCode; childSeen: boolean; seenAlone: string }) => {
  const what = VISIT_NAMES[visit.kind];
  const seen = !visit.childSeen ? 'child not seen' : visit.seenAlone === 'yes' ? 'child seen alone' : visit.seenAlone === 'no' ? 'child seen, not alone' : 'child seen';
  return `${what}: ${seen}`;
};

/** What the visit page can fill in: the kind of visit from the open plan, and that plan's actions to update. */
export async function visitDefaults(db: Db, childId: string) {
  const [plans, placement] = await Promise.all([openPlans(db, childId), currentPlacement(db, childId)]);
  const kind: VisitKindCode = placement ? 'looked_after' : plans.some((p) => p.kind === 'cp') ? 'cp' : plans.some((p) => p.kind === 'cin') ? 'cin' : 'other';
  const actions = plans.length
    ? await db
        .selectFrom('plan_action')
        .select(['id', 'plan_id', 'description', 'owner', 'due_on', 'status'])
        .where(
          'plan_id',
          'in',
          plans.map((p) => p.id),
        )
        .where('deleted_at', 'is', null)
        .where('status', 'in', OPEN_ACTION_STATUSES)
        .orderBy('due_on')
        .execute()
    : [];
  return {
    kind,
    kinds: [...(placement ? ['looked_after' as const] : []), ...plans.map((p) => p.kind as VisitKindCode)],
    plans: plans.map((p) => ({ id: p.id, kind: p.kind, name: PLAN_NAMES[p.kind], actions: actions.filter((a) => a.plan_id === p.id) })),
  };
}

export async function recordVisit(db: Kysely<Database>, user: SignedInUser, childId: string, input: VisitInput, today: string): Promise<string> {
  if (input.visitedOn > today) throw new RuleBroken('The date of the visit cannot be in the future: record a visit once it has happened', 'visitedOn');
  return db.transaction().execute(async (tx) => {
    assertNotBeforeBirth(await childDates(tx, childId), input.visitedOn, 'visitedOn', 'The date of the visit');
    let planId: string | null = null;
    let placementId: string | null = null;
    if (input.kind === 'looked_after') {
      const placement = await placementOnDate(tx, childId, input.visitedOn);
      if (!placement) {
        throw new RuleBroken(`${formatDate(input.visitedOn)}: the child was not in a placement that day. Choose another kind of visit, or check the date.`, 'kind');
      }
      placementId = placement.id;
    } else if (input.kind !== 'other') {
      const plan = await planOnDate(tx, childId, input.kind, input.visitedOn);
      if (!plan) {
        throw new RuleBroken(`${formatDate(input.visitedOn)}: the child was not on a ${PLAN_NAMES[input.kind]} that day. Choose another kind of visit, or check the date.`, 'kind');
      }
      planId = plan.id;
    }
    const id = randomUUID();
    await tx
      .insertInto('visit')
      .values({
        id,
        child_id: childId,
        visited_on: input.visitedOn,
        kind: input.kind,
        plan_id: planId,
        placement_id: placementId,
        worker_id: user.id,
        child_seen: input.childSeen,
        seen_alone: input.seenAlone,
        observations: input.observations,
        recorded_by: user.id,
      })
      .execute();
    await recordEvent(
      tx,
      {
        childId,
        type: EVENT_OF_KIND[input.kind],
        occurredOn: input.visitedOn,
        sourceTable: 'visit',
        sourceId: id,
        scopeId: planId ?? placementId,
        title: visitTitle(input),
        detail: input.observations,
      },
      user.id,
    );
    await updateActionsFrom(tx, user, childId, input.actions, input.visitedOn, `At the visit on ${formatDate(input.visitedOn)}`, today);
    return id;
  });
}

/** Applies status updates to actions of the child's plans, one version per plan. */
async function updateActionsFrom(tx: Db, user: SignedInUser, childId: string, updates: readonly (StatusUpdate & { reason?: string | null })[], onDate: string, context: string, today: string) {
  if (updates.length === 0) return;
  const actions = await tx
    .selectFrom('plan_action')
    .select(['id', 'plan_id', 'child_id'])
    .where(
      'id',
      'in',
      updates.map((u) => u.actionId),
    )
    .where('deleted_at', 'is', null)
    .execute();
  const byPlan = new Map<string, StatusUpdate[]>();
  for (const update of updates) {
    const action = actions.find((a) => a.id === update.actionId);
    if (!action || action.child_id !== childId) throw new RuleBroken('One of the actions is not part of this child’s plans: reload the page and try again');
    const list = byPlan.get(action.plan_id) ?? [];
    list.push(update);
    byPlan.set(action.plan_id, list);
  }
  for (const [planId, list] of byPlan) await updateActionStatuses(tx, user.id, childId, planId, list, onDate, context, today);
}

function visits(db: Db, childId: string) {
  return db
    .selectFrom('visit as v')
    .innerJoin('app_user as u', 'u.id', 'v.worker_id')
    .selectAll('v')
    .select('u.display_name as worker_name')
    .where('v.child_id', '=', childId)
    .where('v.deleted_at', 'is', null);
}

export async function visitsOf(db: Db, childId: string) {
  return visits(db, childId).orderBy('v.visited_on', 'desc').orderBy('v.recorded_at', 'desc').execute();
}

export async function visitOf(db: Db, childId: string, visitId: string) {
  const visit = await visits(db, childId).where('v.id', '=', visitId).executeTakeFirst();
  if (!visit) throw new NotFound('No visit with that id for this child');
  return visit;
}

/**
 * Corrects a visit (the date, whether the child was seen and seen alone, what was seen): the old
 * version is kept with the reason, and the chronology and the plan's visit clock follow. A date
 * moved outside the plan the visit was made under is refused: the kind of a visit is not corrected,
 * it is deleted and recorded again.
 */
export async function correctVisit(db: Kysely<Database>, user: SignedInUser, childId: string, visitId: string, input: VisitCorrection, today: string): Promise<void> {
  if (input.visitedOn > today) throw new RuleBroken('The date of the visit cannot be in the future', 'visitedOn');
  await db.transaction().execute(async (tx) => {
    const visit = await visitOf(tx, childId, visitId);
    assertNotBeforeBirth(await childDates(tx, childId), input.visitedOn, 'visitedOn', 'The date of the visit');
    if (visit.kind === 'looked_after') {
      const placement = await placementOnDate(tx, childId, input.visitedOn);
      if (placement?.id !== visit.placement_id) {
        throw new RuleBroken(`On ${formatDate(input.visitedOn)} the child was not in the placement this visit was made in: check the date`, 'visitedOn');
      }
    } else if (visit.kind !== 'other') {
      const plan = await planOnDate(tx, childId, visit.kind, input.visitedOn);
      if (plan?.id !== visit.plan_id) {
        throw new RuleBroken(`On ${formatDate(input.visitedOn)} the child was not on the ${PLAN_NAMES[visit.kind]} this visit was made under: check the date`, 'visitedOn');
      }
    }
    const corrected = { kind: visit.kind, childSeen: input.childSeen, seenAlone: input.seenAlone };
    await correctRecord(tx, {
      table: 'visit',
      id: visitId,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: { visited_on: input.visitedOn, child_seen: input.childSeen, seen_alone: input.seenAlone, observations: input.observations },
      event: { occurredOn: input.visitedOn, title: visitTitle(corrected), detail: input.observations },
    });
  });
}

export async function deleteVisit(db: Kysely<Database>, user: SignedInUser, childId: string, visitId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await visitOf(tx, childId, visitId);
    await deleteRecord(tx, { table: 'visit', id: visitId, actorId: user.id, reason, childId });
  });
}

// ---------------------------------------------------------------------------------------------
// Case notes
// ---------------------------------------------------------------------------------------------

export async function recordCaseNote(db: Kysely<Database>, user: SignedInUser, childId: string, input: CaseNoteInput, today: string): Promise<string> {
  if (input.notedOn > today) throw new RuleBroken('The date cannot be in the future', 'notedOn');
  return db.transaction().execute(async (tx) => {
    assertNotBeforeBirth(await childDates(tx, childId), input.notedOn, 'notedOn', 'The date');
    const id = randomUUID();
    await tx
      .insertInto('case_note')
      .values({ id, child_id: childId, noted_on: input.notedOn, title: input.title, note: input.note, significance: input.significance, recorded_by: user.id })
      .execute();
    await recordEvent(
      tx,
      { childId, type: 'case-note.recorded', occurredOn: input.notedOn, sourceTable: 'case_note', sourceId: id, title: input.title, detail: input.note, significance: input.significance },
      user.id,
    );
    return id;
  });
}

export async function caseNotesOf(db: Db, childId: string) {
  return db
    .selectFrom('case_note as n')
    .innerJoin('app_user as u', 'u.id', 'n.recorded_by')
    .selectAll('n')
    .select('u.display_name as recorded_by_name')
    .where('n.child_id', '=', childId)
    .where('n.deleted_at', 'is', null)
    .orderBy('n.noted_on', 'desc')
    .orderBy('n.recorded_at', 'desc')
    .execute();
}

export async function caseNoteOf(db: Db, childId: string, noteId: string) {
  const note = await db
    .selectFrom('case_note as n')
    .innerJoin('app_user as u', 'u.id', 'n.recorded_by')
    .selectAll('n')
    .select('u.display_name as recorded_by_name')
    .where('n.id', '=', noteId)
    .where('n.child_id', '=', childId)
    .where('n.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!note) throw new NotFound('No case note with that id for this child');
  return note;
}

/** Corrects a case note; the old version is kept with the reason and the chronology follows. */
export async function correctCaseNote(db: Kysely<Database>, user: SignedInUser, childId: string, noteId: string, input: CaseNoteCorrection, today: string): Promise<void> {
  if (input.notedOn > today) throw new RuleBroken('The date cannot be in the future', 'notedOn');
  await db.transaction().execute(async (tx) => {
    await caseNoteOf(tx, childId, noteId);
    assertNotBeforeBirth(await childDates(tx, childId), input.notedOn, 'notedOn', 'The date');
    await correctRecord(tx, {
      table: 'case_note',
      id: noteId,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: { noted_on: input.notedOn, title: input.title, note: input.note, significance: input.significance },
      event: { occurredOn: input.notedOn, title: input.title, detail: input.note },
    });
  });
}

export async function deleteCaseNote(db: Kysely<Database>, user: SignedInUser, childId: string, noteId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await caseNoteOf(tx, childId, noteId);
    await deleteRecord(tx, { table: 'case_note', id: noteId, actorId: user.id, reason, childId });
  });
}
