// Child in need plans: started within an open episode, reviewed at child in need meetings at the
// council's interval (the cin-review clock), and ended with a reason; a plan ended because things
// are better needs evidence that the change has lasted. Seed requirements §1.6 CN-01 to CN-05.
// Who may see or record what is checked once, by the route guard, before any of this runs.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { openEpisodeOf } from '../episodes/service.ts';
import { endPlan, startPlan } from '../plans/lifecycle.ts';
import { authoriseTransition } from '../oversight/decisions.ts';
import { planDetails, planOfChild, type Plan } from '../plans/service.ts';
import { runningClocks } from '../plans/repository.ts';
import { ruleById } from '../clocks/rules.ts';
import { labelFor } from '../codes/index.ts';
import { formatDate } from '../server/format.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import { CIN_PLAN_END_REASON, ENDINGS_NEEDING_EVIDENCE } from './codes.ts';
import type { CinMeetingCorrection, CinMeetingInput, CinPlanEnd, CinPlanStart } from './schemas.ts';

async function cinPlan(db: Db, childId: string, planId: string, options: { lock?: boolean } = {}): Promise<Plan> {
  const plan = await planOfChild(db, childId, planId, options);
  if (plan.kind !== 'cin') throw new NotFound('No child in need plan with that id for this child');
  return plan;
}

export async function startCinPlan(db: Kysely<Database>, user: SignedInUser, childId: string, input: CinPlanStart, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const episode = await openEpisodeOf(tx, childId);
    if (!episode) {
      throw new RuleBroken('A child in need plan needs an open episode: record the referral first (or re-open the case with a new referral)', 'startedOn');
    }
    if (input.startedOn < episode.referral_date) {
      throw new RuleBroken(`The plan cannot start before the referral that opened this episode (${formatDate(episode.referral_date)})`, 'startedOn');
    }
    const planId = await startPlan(tx, { childId, kind: 'cin', startedOn: input.startedOn, episodeId: episode.id }, user.id, today);
    // Decision 0025 (MO-04, DQ-18): no child in need plan starts without the manager's decision record.
    await authoriseTransition(tx, user.id, childId, 'plan_start', input.startedOn, planId, 'startedOn');
    return planId;
  });
}

/** A meeting is about its plan: not in the future, not before the child was born, within the plan. */
async function checkMeetingDate(tx: Db, plan: Plan, heldOn: string, today: string) {
  if (heldOn > today) throw new RuleBroken('The meeting date cannot be in the future: record a meeting once it has been held', 'heldOn');
  assertNotBeforeBirth(await childDates(tx, plan.child_id), heldOn, 'heldOn', 'The date of the meeting');
  if (heldOn < plan.started_on) throw new RuleBroken(`The meeting cannot be before the plan started (${formatDate(plan.started_on)})`, 'heldOn');
  if (plan.ended_on && heldOn > plan.ended_on) throw new RuleBroken(`The plan ended on ${formatDate(plan.ended_on)}: a meeting after that is not about this plan`, 'heldOn');
}

const meetingEvent = (input: CinMeetingInput) => ({
  occurredOn: input.heldOn,
  title: `Child in need meeting${input.planReviewed ? ': plan reviewed' : ': plan not reviewed'}`,
  detail: `Attended by ${input.attendees}.\n${input.summary}`,
});

export async function recordCinMeeting(db: Kysely<Database>, user: SignedInUser, childId: string, planId: string, input: CinMeetingInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const plan = await cinPlan(tx, childId, planId);
    await checkMeetingDate(tx, plan, input.heldOn, today);
    const id = randomUUID();
    await tx
      .insertInto('cin_meeting')
      .values({ id, child_id: childId, plan_id: planId, held_on: input.heldOn, attendees: input.attendees, plan_reviewed: input.planReviewed, summary: input.summary, recorded_by: user.id })
      .execute();
    await recordEvent(
      tx,
      { childId, type: 'cin-meeting.held', sourceTable: 'cin_meeting', sourceId: id, scopeId: planId, ...meetingEvent(input) },
      user.id,
    );
    return id;
  });
}

export async function cinMeetingOf(db: Db, childId: string, meetingId: string) {
  const meeting = await db.selectFrom('cin_meeting').selectAll().where('id', '=', meetingId).where('child_id', '=', childId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!meeting) throw new NotFound('No child in need meeting with that id for this child');
  return meeting;
}

/**
 * Corrects a child in need meeting (its date, who came, whether it reviewed the plan, what it
 * found): the old version is kept with the reason, and the chronology and the meeting clock follow.
 */
export async function correctCinMeeting(db: Kysely<Database>, user: SignedInUser, childId: string, meetingId: string, input: CinMeetingCorrection, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const meeting = await cinMeetingOf(tx, childId, meetingId);
    await checkMeetingDate(tx, await cinPlan(tx, childId, meeting.plan_id), input.heldOn, today);
    await correctRecord(tx, {
      table: 'cin_meeting',
      id: meetingId,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: { held_on: input.heldOn, attendees: input.attendees, plan_reviewed: input.planReviewed, summary: input.summary },
      event: meetingEvent(input),
    });
  });
}

/** Deletes a child in need meeting with the reason: it leaves the chronology and stops meeting the clock. */
export async function deleteCinMeeting(db: Kysely<Database>, user: SignedInUser, childId: string, meetingId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await cinMeetingOf(tx, childId, meetingId);
    await deleteRecord(tx, { table: 'cin_meeting', id: meetingId, actorId: user.id, reason, childId });
  });
}

export async function endCinPlan(db: Kysely<Database>, user: SignedInUser, childId: string, planId: string, input: CinPlanEnd, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const plan = await cinPlan(tx, childId, planId, { lock: true });
    if (ENDINGS_NEEDING_EVIDENCE.includes(input.reason) && !plan.ended_on) {
      const reviewed = await tx
        .selectFrom('cin_meeting')
        .select('held_on')
        .where('plan_id', '=', planId)
        .where('plan_reviewed', '=', true)
        .where('deleted_at', 'is', null)
        .where('held_on', '<=', input.endedOn)
        .executeTakeFirst();
      if (!reviewed) {
        throw new RuleBroken('Review the plan at a child in need meeting before ending it because things are better: record the meeting first', 'reason');
      }
    }
    await endPlan(tx, planId, { endedOn: input.endedOn, reason: input.reason, reasonLabel: labelFor(CIN_PLAN_END_REASON, input.reason), detail: input.evidence }, user.id, today);
    // Decision 0025 (MO-04, DQ-18): nor ends without it.
    await authoriseTransition(tx, user.id, childId, 'plan_end', input.endedOn, planId, 'endedOn');
  });
}

/** The child in need page: the current plan with its meetings and what is due next, and past plans. */
export async function childInNeed(db: Db, childId: string, today: string) {
  const plans = await db
    .selectFrom('plan')
    .selectAll()
    .where('child_id', '=', childId)
    .where('kind', '=', 'cin')
    .where('deleted_at', 'is', null)
    .orderBy('started_on', 'desc')
    .execute();
  const meetings = plans.length
    ? await db
        .selectFrom('cin_meeting as m')
        .innerJoin('app_user as u', 'u.id', 'm.recorded_by')
        .selectAll('m')
        .select('u.display_name as recorded_by_name')
        .where(
          'm.plan_id',
          'in',
          plans.map((p) => p.id),
        )
        .where('m.deleted_at', 'is', null)
        .orderBy('m.held_on', 'desc')
        .execute()
    : [];
  const current = plans.find((p) => !p.ended_on) ?? null;
  const due = current
    ? (await runningClocks(db, childId, current.id)).map((c) => ({ ...c, title: ruleById(c.rule_id)?.title ?? c.rule_id, overdue: c.due_on < today }))
    : [];
  const details = current ? await planDetails(db, current, today) : null;
  const episode = await openEpisodeOf(db, childId);
  return {
    current,
    details,
    due,
    episode,
    plans: plans.map((p) => ({
      ...p,
      endReasonLabel: p.end_reason ? (labelFor(CIN_PLAN_END_REASON, p.end_reason) ?? p.end_reason) : null,
      meetings: meetings.filter((m) => m.plan_id === p.id),
    })),
  };
}
