// The child protection plan once it has started: core group meetings, and ending it.
// - Core groups belong to the plan: on or after it started, and not after it ended; the core group
//   clock runs from the plan's start and then from each meeting (timescales.md CP8). A correction
//   keeps the old version with the reason and moves the clock with its date; a deletion re-opens it.
// - A plan does not end before, or on the day, it starts (CIN census 8925, 8840).
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import { RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { endPlan } from '../plans/lifecycle.ts';
import { authoriseTransition } from '../oversight/decisions.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { clocksIn, inTransaction } from '../episodes/repository.ts';
import type { CoreGroupCorrection, CoreGroupInput, PlanEndInput } from './schemas.ts';
import type { Attendee } from './tables.ts';
import { agencyList, loadCoreGroup, loadCpPlan, notInFuture, planSummary, toAttendees, type Plan } from './service.ts';

/** The core group's line in the chronology, and its detail. */
function coreGroupEvent(riskReducing: string | null, attendees: readonly Attendee[], summary: string) {
  const risk = riskReducing === 'yes' ? 'risk is reducing' : riskReducing === 'no' ? 'risk is not reducing' : 'not yet clear whether risk is reducing';
  return { title: `Core group meeting: ${risk}`, detail: `Agencies: ${agencyList(attendees)}\n${summary}` };
}

async function checkCoreGroupDate(tx: Db, childId: string, plan: Plan, heldOn: string, today: string) {
  notInFuture(heldOn, today, 'heldOn', 'The date of the meeting');
  assertNotBeforeBirth(await childDates(tx, childId), heldOn, 'heldOn', 'The date of the meeting');
  if (heldOn < plan.started_on) {
    throw new RuleBroken(`A core group meeting cannot be before the plan started (${formatDate(plan.started_on)})`, 'heldOn');
  }
  if (plan.ended_on && heldOn > plan.ended_on) {
    throw new RuleBroken(`The plan ended on ${formatDate(plan.ended_on)}: a core group meeting cannot be after that`, 'heldOn');
  }
}

export async function recordCoreGroup(db: Db, user: SignedInUser, childId: string, planId: string, input: CoreGroupInput, today: string): Promise<string> {
  return inTransaction(db, async (tx) => {
    const plan = await loadCpPlan(tx, childId, planId);
    await checkCoreGroupDate(tx, childId, plan, input.heldOn, today);
    const attendees = toAttendees(input.attendees);
    const id = randomUUID();
    await tx
      .insertInto('core_group_meeting')
      .values({
        id,
        child_id: childId,
        plan_id: planId,
        held_on: input.heldOn,
        attendees: JSON.stringify(attendees),
        family_attended: JSON.stringify(input.familyAttended),
        risk_reducing: input.riskReducing,
        summary: input.summary,
        recorded_by: user.id,
      })
      .execute();
    await recordEvent(
      tx,
      {
        childId,
        type: 'core-group.held',
        occurredOn: input.heldOn,
        sourceTable: 'core_group_meeting',
        sourceId: id,
        scopeId: planId,
        ...coreGroupEvent(input.riskReducing, attendees, input.summary),
      },
      user.id,
    );
    return id;
  });
}

export async function coreGroupOf(db: Db, childId: string, coreGroupId: string) {
  const coreGroup = await loadCoreGroup(db, childId, coreGroupId);
  return { coreGroup, plan: await loadCpPlan(db, childId, coreGroup.plan_id) };
}

/** Corrects a core group meeting: the old version is kept with the reason, the core group clock follows its date. */
export async function correctCoreGroup(db: Db, user: SignedInUser, childId: string, coreGroupId: string, input: CoreGroupCorrection, today: string): Promise<string> {
  return inTransaction(db, async (tx) => {
    const { coreGroup, plan } = await coreGroupOf(tx, childId, coreGroupId);
    await checkCoreGroupDate(tx, childId, plan, input.heldOn, today);
    const attendees = toAttendees(input.attendees);
    await correctRecord(tx, {
      table: 'core_group_meeting',
      id: coreGroupId,
      actorId: user.id,
      reason: input.changeReason,
      expectedVersion: input.version,
      changes: {
        held_on: input.heldOn,
        attendees: JSON.stringify(attendees),
        family_attended: JSON.stringify(input.familyAttended),
        risk_reducing: input.riskReducing,
        summary: input.summary,
      },
      event: { occurredOn: input.heldOn, ...coreGroupEvent(input.riskReducing, attendees, input.summary) },
    });
    return coreGroup.plan_id;
  });
}

/** Deletes a core group meeting with the reason; the core group it met is due again. */
export async function deleteCoreGroup(db: Db, user: SignedInUser, childId: string, coreGroupId: string, reason: string): Promise<string> {
  return inTransaction(db, async (tx) => {
    const coreGroup = await loadCoreGroup(tx, childId, coreGroupId);
    await deleteRecord(tx, { table: 'core_group_meeting', id: coreGroupId, actorId: user.id, reason, childId });
    return coreGroup.plan_id;
  });
}

export async function endChildProtectionPlan(db: Db, user: SignedInUser, childId: string, planId: string, input: PlanEndInput, today: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const plan = await loadCpPlan(tx, childId, planId);
    if (plan.ended_on) throw new RuleBroken(`This plan already ended on ${formatDate(plan.ended_on)}`);
    assertNotBeforeBirth(await childDates(tx, childId), input.endedOn, 'endedOn', 'The end of the plan');
    if (input.endedOn < plan.started_on) {
      throw new RuleBroken(`A plan cannot end before it starts: this plan started on ${formatDate(plan.started_on)}`, 'endedOn');
    }
    if (input.endedOn === plan.started_on) {
      throw new RuleBroken('A child protection plan cannot start and end on the same day (CIN census rule 8840)', 'endedOn');
    }
    await endPlan(tx, planId, { endedOn: input.endedOn, reason: input.reason }, user.id, today);
    // Decision 0025: a plan ended at a review conference has the conference's decision; one ended
    // outside a conference (the child moved away, turned 18, died) needs the manager's decision record.
    await authoriseTransition(tx, user.id, childId, 'plan_end', input.endedOn, planId, 'endedOn');
  });
}

export async function planPage(db: Db, childId: string, planId: string, today: string) {
  const plan = await loadCpPlan(db, childId, planId);
  const [clocks, conferences, coreGroups, visits, written] = await Promise.all([
    clocksIn(db, childId, [planId]),
    db
      .selectFrom('child_protection_conference as c')
      .innerJoin('app_user as u', 'u.id', 'c.chair_id')
      .selectAll('c')
      .select('u.display_name as chair_name')
      .where('c.plan_id', '=', planId)
      .where('c.deleted_at', 'is', null)
      .orderBy('c.held_on')
      .execute(),
    db.selectFrom('core_group_meeting').selectAll().where('plan_id', '=', planId).where('deleted_at', 'is', null).orderBy('held_on').execute(),
    db
      .selectFrom('visit')
      .select(['id', 'visited_on', 'child_seen', 'seen_alone'])
      .where('plan_id', '=', planId)
      .where('kind', '=', 'cp')
      .where('deleted_at', 'is', null)
      .orderBy('visited_on')
      .execute(),
    db.selectFrom('plan_action').select('id').where('plan_id', '=', planId).where('deleted_at', 'is', null).executeTakeFirst(),
  ]);
  return {
    summary: await planSummary(db, plan, clocks, today),
    initialConference: conferences.find((c) => c.kind === 'initial'),
    reviews: conferences.filter((c) => c.kind === 'review'),
    coreGroups,
    visits,
    /** Whether the plan's outcomes and actions have been written yet (the next step after the ICPC). */
    written: written !== undefined,
    clocks,
  };
}
