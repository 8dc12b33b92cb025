// Child protection: what the steps share. The steps' own rules are in service-strategy.ts (strategy
// discussions, which start section 47 enquiries), service-enquiry.ts (the enquiry's outcome),
// service-conference.ts (initial and review conferences) and service-plan.ts (core groups and the
// end of a plan). Here: loading each record within its child, the enquiry's status, what a plan's
// summary shows, the overview page, and the journal moves a correction needs.
//
// Who may see or record what is checked once, by the route guard, before any of this runs.
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { STRATEGY_DISCUSSION_AGENCY, labelFor } from '../codes/index.ts';
import type { EventType } from '../chronology/event-types.ts';
import type { PlanTable } from '../plans/tables.ts';
import { openEpisodeOf } from '../episodes/service.ts';
import { clocksIn, firstClock, runningClock, type ClockRow } from '../episodes/repository.ts';
import type { Attendee, ChildProtectionConferenceTable, CoreGroupMeetingTable, S47EnquiryTable, StrategyDiscussionTable } from './tables.ts';
import { onlyPoliceAndSocialCare, planDurationFlags, previousPlanCount } from './queries.ts';

export type StrategyDiscussion = Selectable<StrategyDiscussionTable>;
export type Enquiry = Selectable<S47EnquiryTable>;
export type Conference = Selectable<ChildProtectionConferenceTable>;
export type CoreGroup = Selectable<CoreGroupMeetingTable>;
export type Plan = Selectable<PlanTable>;

export type EnquiryStatus = 'open' | 'awaiting-conference' | 'conference-held' | 'ended-no-conference';

// ---------------------------------------------------------------------------------------------
// Loading, always within the child
// ---------------------------------------------------------------------------------------------

export async function loadDiscussion(db: Db, childId: string, discussionId: string): Promise<StrategyDiscussion> {
  const discussion = await db
    .selectFrom('strategy_discussion')
    .selectAll()
    .where('id', '=', discussionId)
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!discussion) throw new NotFound('No strategy discussion with that id for this child');
  return discussion;
}

export async function loadEnquiry(db: Db, childId: string, enquiryId: string): Promise<Enquiry> {
  const enquiry = await db
    .selectFrom('s47_enquiry')
    .selectAll()
    .where('id', '=', enquiryId)
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!enquiry) throw new NotFound('No section 47 enquiry with that id for this child');
  return enquiry;
}

export async function loadConference(db: Db, childId: string, conferenceId: string): Promise<Conference> {
  const conference = await db
    .selectFrom('child_protection_conference')
    .selectAll()
    .where('id', '=', conferenceId)
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!conference) throw new NotFound('No child protection conference with that id for this child');
  return conference;
}

export async function loadCoreGroup(db: Db, childId: string, coreGroupId: string): Promise<CoreGroup> {
  const coreGroup = await db
    .selectFrom('core_group_meeting')
    .selectAll()
    .where('id', '=', coreGroupId)
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!coreGroup) throw new NotFound('No core group meeting with that id for this child');
  return coreGroup;
}

export async function loadCpPlan(db: Db, childId: string, planId: string): Promise<Plan> {
  const plan = await db
    .selectFrom('plan')
    .selectAll()
    .where('id', '=', planId)
    .where('child_id', '=', childId)
    .where('kind', '=', 'cp')
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!plan) throw new NotFound('No child protection plan with that id for this child');
  return plan;
}

export async function loadEpisode(db: Db, episodeId: string) {
  return db.selectFrom('cin_episode').select(['id', 'referral_date', 'closed_on']).where('id', '=', episodeId).executeTakeFirstOrThrow();
}

export async function initialConferenceOf(db: Db, enquiryId: string): Promise<Conference | undefined> {
  return db
    .selectFrom('child_protection_conference')
    .selectAll()
    .where('enquiry_id', '=', enquiryId)
    .where('kind', '=', 'initial')
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function enquiryStatus(enquiry: Enquiry, initialConference: Conference | undefined): EnquiryStatus {
  if (initialConference) return 'conference-held';
  if (enquiry.outcome === 'NO_CONFERENCE') return 'ended-no-conference';
  if (enquiry.outcome === 'CONFERENCE') return 'awaiting-conference';
  return 'open';
}

/** The episode's enquiry that is still running: no conference held yet, and not ended without one. */
export async function openEnquiryOf(db: Db, episodeId: string): Promise<Enquiry | undefined> {
  const enquiries = await db
    .selectFrom('s47_enquiry')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('outcome', 'is', null), eb('outcome', '=', 'CONFERENCE')]))
    .orderBy('initiated_on', 'desc')
    .execute();
  for (const enquiry of enquiries) {
    if (!(await initialConferenceOf(db, enquiry.id))) return enquiry;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Small shared rules
// ---------------------------------------------------------------------------------------------

export const agencyList = (attendees: readonly Attendee[]) => attendees.map((a) => labelFor(STRATEGY_DISCUSSION_AGENCY, a.agency) ?? a.agency).join(', ');
export const toAttendees = (list: readonly { agency: string; names: string | null }[]): Attendee[] => list.map((a) => ({ agency: a.agency, names: a.names || null }));

export function notInFuture(date: string, today: string, field: string, what: string) {
  if (date > today) throw new RuleBroken(`${what} cannot be in the future`, field);
}

/**
 * Moves one journal event of a record (the start or the end of a plan, the initiation of an enquiry)
 * when a correction moves its date. correctEvent moves every event of a record; a plan's start and
 * end, or an enquiry's initiation and completion, share their record, so this names the type. The
 * clocks are refreshed by the correction that follows in the same transaction.
 */
export async function moveEvent(db: Db, sourceId: string, type: EventType, changes: { occurredOn?: string; title?: string; detail?: string | null }): Promise<void> {
  await db
    .updateTable('child_event')
    .set({
      ...(changes.occurredOn ? { occurred_on: changes.occurredOn } : {}),
      ...(changes.title ? { title: changes.title } : {}),
      ...(changes.detail !== undefined ? { detail: changes.detail } : {}),
    })
    .where('source_id', '=', sourceId)
    .where('type', '=', type)
    .where('deleted_at', 'is', null)
    .execute();
}

/** Takes one journal event of a record out of the chronology (a plan's end, when the review that ended it is deleted). */
export async function withdrawEvent(db: Db, sourceId: string, type: EventType): Promise<void> {
  await db.updateTable('child_event').set({ deleted_at: sql<Date>`lantern_now()` }).where('source_id', '=', sourceId).where('type', '=', type).where('deleted_at', 'is', null).execute();
}

// ---------------------------------------------------------------------------------------------
// Summaries and the overview page
// ---------------------------------------------------------------------------------------------

export interface EnquirySummary {
  enquiry: Enquiry;
  status: EnquiryStatus;
  initialConference: Conference | undefined;
  /** The initial conference clock: due 15 working days from the initiating discussion. */
  conferenceClock: ClockRow | undefined;
}

export interface PlanSummary {
  plan: Plan;
  repeat: boolean;
  previousPlans: number;
  latestCategory: string | null;
  flags: ReturnType<typeof planDurationFlags>;
  due: { review: ClockRow | undefined; coreGroup: ClockRow | undefined; visit: ClockRow | undefined };
}

async function enquirySummaries(db: Db, childId: string): Promise<EnquirySummary[]> {
  const enquiries = await db.selectFrom('s47_enquiry').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('initiated_on', 'desc').execute();
  const clocks = await clocksIn(
    db,
    childId,
    enquiries.map((e) => e.id),
  );
  return Promise.all(
    enquiries.map(async (enquiry) => {
      const initialConference = await initialConferenceOf(db, enquiry.id);
      return { enquiry, status: enquiryStatus(enquiry, initialConference), initialConference, conferenceClock: firstClock(clocks, 'initial-conference', enquiry.id) };
    }),
  );
}

export async function planSummary(db: Db, plan: Plan, clocks: readonly ClockRow[], today: string): Promise<PlanSummary> {
  const previousPlans = await previousPlanCount(db, plan.child_id, plan.started_on, plan.id);
  const latestReview = await db
    .selectFrom('child_protection_conference')
    .select('category_of_abuse')
    .where('plan_id', '=', plan.id)
    .where('kind', '=', 'review')
    .where('category_of_abuse', 'is not', null)
    .where('deleted_at', 'is', null)
    .orderBy('held_on', 'desc')
    .executeTakeFirst();
  return {
    plan,
    repeat: previousPlans > 0,
    previousPlans,
    latestCategory: latestReview?.category_of_abuse ?? plan.category_of_abuse,
    flags: planDurationFlags(plan, today),
    due: {
      review: runningClock(clocks, 'cp-review', plan.id),
      coreGroup: runningClock(clocks, 'core-group', plan.id),
      visit: runningClock(clocks, 'cp-visit', plan.id),
    },
  };
}

export async function protectionOverview(db: Db, childId: string, today: string) {
  const [episode, enquiries, discussions, plans] = await Promise.all([
    openEpisodeOf(db, childId),
    enquirySummaries(db, childId),
    db.selectFrom('strategy_discussion').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('held_on', 'desc').execute(),
    db.selectFrom('plan').selectAll().where('child_id', '=', childId).where('kind', '=', 'cp').where('deleted_at', 'is', null).orderBy('started_on', 'desc').execute(),
  ]);
  const clocks = await clocksIn(
    db,
    childId,
    plans.map((p) => p.id),
  );
  const conferences = await db.selectFrom('child_protection_conference').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('held_on', 'desc').execute();
  return {
    episode,
    openEnquiry: enquiries.find((e) => e.status === 'open' || e.status === 'awaiting-conference'),
    enquiries,
    discussions: discussions.map((d) => ({ ...d, onlyPoliceAndSocialCare: onlyPoliceAndSocialCare(d.attendees) })),
    conferences,
    plans: await Promise.all(plans.map((p) => planSummary(db, p, clocks, today))),
  };
}

/** What the recording forms prefill: who came to the last meeting of the plan or enquiry. */
export async function lastAttendees(db: Db, childId: string, scope: { planId?: string; enquiryId?: string }): Promise<Attendee[]> {
  if (scope.planId) {
    const [conference, coreGroup] = await Promise.all([
      db.selectFrom('child_protection_conference').select(['held_on', 'attendees']).where('plan_id', '=', scope.planId).where('deleted_at', 'is', null).orderBy('held_on', 'desc').executeTakeFirst(),
      db.selectFrom('core_group_meeting').select(['held_on', 'attendees']).where('plan_id', '=', scope.planId).where('deleted_at', 'is', null).orderBy('held_on', 'desc').executeTakeFirst(),
    ]);
    const latest = [conference, coreGroup].filter((m) => m !== undefined).sort((a, b) => (a.held_on < b.held_on ? 1 : -1))[0];
    if (latest) return latest.attendees;
  }
  if (scope.enquiryId) {
    const discussion = await db
      .selectFrom('strategy_discussion')
      .select('attendees')
      .where('enquiry_id', '=', scope.enquiryId)
      .where('child_id', '=', childId)
      .where('deleted_at', 'is', null)
      .orderBy('held_on', 'desc')
      .executeTakeFirst();
    if (discussion) return discussion.attendees;
  }
  return [];
}
