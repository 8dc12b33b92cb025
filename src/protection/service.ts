// Strategy discussions, section 47 enquiries, child protection conferences, core groups and the end
// of a child protection plan: what may be recorded, in what order.
//
// - A strategy discussion belongs to the child's open episode. It records who took part by agency;
//   one where only police and social care took part is flagged (Wandsworth ¶22, rec 5; seed SD-01).
// - A discussion that decides on section 47 enquiries starts one. The enquiry is initiated on the
//   discussion's date and the ICPC clock runs 15 working days from it (Working Together 2023 ch.3;
//   timescales.md CP5). Later strategy meetings attach to the open enquiry and never restart its clock
//   (Southend ¶24-25, ¶117). The section 47 start date is kept too: the DfE measure counts from it.
//   It may be later than the discussion, never earlier.
// - An initial conference follows its enquiry: never before it was initiated or started (CIN census
//   8615), never at a weekend (8875). If it decides on a plan, the plan starts on the conference date
//   (2885) in the same transaction.
// - Review conferences and core groups belong to an open plan; the first review is after the plan
//   starts (8841). A plan does not end before, or on the day, it starts (8925, 8840).
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import { recordEvent } from '../chronology/journal.ts';
import { mayChangeChild, requireChangeChild, requireSeeChild, type SignedInUser } from '../access/policy.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { CATEGORY_OF_ABUSE, STRATEGY_DISCUSSION_AGENCY, labelFor } from '../codes/index.ts';
import { isWeekend } from '../calendar/index.ts';
import { endPlan, startPlan } from '../plans/lifecycle.ts';
import type { PlanTable } from '../plans/tables.ts';
import { openEpisodeOf } from '../episodes/service.ts';
import { childHeader, clocksIn, inTransaction, runningClock, firstClock, type ClockRow } from '../episodes/repository.ts';
import { ENQUIRY_OUTCOME, INITIAL_CONFERENCE_DECISION, REVIEW_CONFERENCE_DECISION } from './codes.ts';
import type { CoreGroupInput, EnquiryOutcomeInput, InitialConferenceInput, PlanEndInput, ReviewConferenceInput, StrategyDiscussionInput } from './schemas.ts';
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

async function loadEnquiry(db: Db, childId: string, enquiryId: string): Promise<Enquiry> {
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

async function loadCpPlan(db: Db, childId: string, planId: string): Promise<Plan> {
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

async function initialConferenceOf(db: Db, enquiryId: string): Promise<Conference | undefined> {
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

async function checkChair(db: Db, chairId: string): Promise<string> {
  const chair = await db.selectFrom('app_user').select(['display_name', 'role', 'active']).where('id', '=', chairId).executeTakeFirst();
  if (!chair || !chair.active || chair.role !== 'iro') throw new RuleBroken('Choose the conference chair from the list of chairs', 'chairId');
  return chair.display_name;
}

/** Active conference chairs (IROs), for the chair list. */
export async function conferenceChairs(db: Db) {
  return db.selectFrom('app_user').select(['id', 'display_name']).where('role', '=', 'iro').where('active', '=', true).orderBy('display_name').execute();
}

const agencyList = (attendees: readonly Attendee[]) => attendees.map((a) => labelFor(STRATEGY_DISCUSSION_AGENCY, a.agency) ?? a.agency).join(', ');
const toAttendees = (list: readonly { agency: string; names: string | null }[]): Attendee[] => list.map((a) => ({ agency: a.agency, names: a.names || null }));

function notInFuture(date: string, today: string, field: string, what: string) {
  if (date > today) throw new RuleBroken(`${what} cannot be in the future`, field);
}

// ---------------------------------------------------------------------------------------------
// Strategy discussions and section 47 enquiries
// ---------------------------------------------------------------------------------------------

export interface RecordedDiscussion {
  id: string;
  enquiryId: string | null;
  /** 'initiated': started a new enquiry; 'attached': a later meeting of the open enquiry. */
  enquiry: 'initiated' | 'attached' | 'none';
}

export async function recordStrategyDiscussion(db: Db, user: SignedInUser, childId: string, input: StrategyDiscussionInput, today: string): Promise<RecordedDiscussion> {
  return inTransaction(db, async (tx) => {
    await requireChangeChild(tx, user, childId);
    const episode = await openEpisodeOf(tx, childId);
    if (!episode) throw new RuleBroken('This child has no open episode of need. Record the referral first: a strategy discussion belongs to an episode', 'heldOn');
    notInFuture(input.heldOn, today, 'heldOn', 'The date of the strategy discussion');
    if (input.heldOn < episode.referral_date) {
      throw new RuleBroken(`The strategy discussion cannot be before the referral (${formatDate(episode.referral_date)})`, 'heldOn');
    }
    const attendees = toAttendees(input.attendees);
    const open = await openEnquiryOf(tx, episode.id);
    const id = randomUUID();
    const base = {
      id,
      child_id: childId,
      episode_id: episode.id,
      held_on: input.heldOn,
      held_at: input.heldAt,
      attendees: JSON.stringify(attendees),
      reason: input.reason,
      other_views: input.otherViews,
      decisions: input.decisions,
      next_steps: input.nextSteps,
      recorded_by: user.id,
    };
    const flag = onlyPoliceAndSocialCare(attendees) ? ' (only police and social care took part)' : '';
    const detail = `Agencies: ${agencyList(attendees)}\nDecided: ${input.decisions}`;

    if (open && input.heldOn >= open.initiated_on) {
      // A later strategy meeting: recorded against the enquiry, whose clocks it never restarts.
      if (input.s47StartedOn) {
        throw new RuleBroken(`Section 47 enquiries are already under way from ${formatDate(open.started_on)}: this meeting is recorded against that enquiry`, 's47StartedOn');
      }
      await tx.insertInto('strategy_discussion').values({ ...base, enquiry_id: open.id, outcome: 'REVIEW' }).execute();
      await recordEvent(
        tx,
        {
          childId,
          type: 'strategy.discussion',
          occurredOn: input.heldOn,
          sourceTable: 'strategy_discussion',
          sourceId: id,
          scopeId: open.id,
          title: `Strategy meeting in the section 47 enquiry started ${formatDate(open.initiated_on)}${flag}`,
          detail,
        },
        user.id,
      );
      return { id, enquiryId: open.id, enquiry: 'attached' };
    }
    if (!input.outcome) throw new RuleBroken('Choose what the strategy discussion decided', 'outcome');
    if (input.outcome === 'S47') {
      if (open) {
        throw new RuleBroken(
          `A section 47 enquiry is already open from the strategy discussion on ${formatDate(open.initiated_on)}. A discussion on an earlier date cannot start another one`,
          'outcome',
        );
      }
      const startedOn = input.s47StartedOn ?? input.heldOn;
      if (startedOn < input.heldOn) {
        throw new RuleBroken('Section 47 enquiries cannot start before the strategy discussion that initiated them', 's47StartedOn');
      }
      notInFuture(startedOn, today, 's47StartedOn', 'The section 47 start date');
      const enquiryId = randomUUID();
      await tx.insertInto('strategy_discussion').values({ ...base, enquiry_id: enquiryId, outcome: 'S47' }).execute();
      await tx
        .insertInto('s47_enquiry')
        .values({
          id: enquiryId,
          child_id: childId,
          episode_id: episode.id,
          initiating_discussion_id: id,
          initiated_on: input.heldOn,
          started_on: startedOn,
          recorded_by: user.id,
        })
        .execute();
      await recordEvent(
        tx,
        { childId, type: 'strategy.discussion', occurredOn: input.heldOn, sourceTable: 'strategy_discussion', sourceId: id, scopeId: enquiryId, title: `Strategy discussion: section 47 enquiries to start${flag}`, detail },
        user.id,
        { refresh: false },
      );
      await recordEvent(
        tx,
        {
          childId,
          type: 's47.initiated',
          occurredOn: input.heldOn,
          sourceTable: 's47_enquiry',
          sourceId: enquiryId,
          scopeId: enquiryId,
          title: 'Section 47 enquiry started',
          detail: startedOn === input.heldOn ? null : `Initiated at the strategy discussion on ${formatDate(input.heldOn)}; section 47 start date ${formatDate(startedOn)}`,
        },
        user.id,
      );
      return { id, enquiryId, enquiry: 'initiated' };
    }
    if (input.s47StartedOn) throw new RuleBroken('A section 47 start date is only for a discussion that starts section 47 enquiries', 's47StartedOn');
    await tx.insertInto('strategy_discussion').values({ ...base, enquiry_id: null, outcome: 'NO_S47' }).execute();
    await recordEvent(
      tx,
      { childId, type: 'strategy.discussion', occurredOn: input.heldOn, sourceTable: 'strategy_discussion', sourceId: id, scopeId: episode.id, title: `Strategy discussion: no section 47 enquiry${flag}`, detail },
      user.id,
    );
    return { id, enquiryId: null, enquiry: 'none' };
  });
}

export async function recordEnquiryOutcome(db: Db, user: SignedInUser, childId: string, enquiryId: string, input: EnquiryOutcomeInput, today: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    await requireChangeChild(tx, user, childId);
    const enquiry = await loadEnquiry(tx, childId, enquiryId);
    if (enquiry.outcome) throw new RuleBroken(`The outcome of this enquiry was already recorded: ${labelFor(ENQUIRY_OUTCOME, enquiry.outcome)}`);
    notInFuture(input.completedOn, today, 'completedOn', 'The completion date');
    if (input.completedOn < enquiry.started_on) {
      throw new RuleBroken(`The enquiry cannot be completed before it started (${formatDate(enquiry.started_on)})`, 'completedOn');
    }
    await updateRecord(tx, 's47_enquiry', enquiryId, { outcome: input.outcome, completed_on: input.completedOn, outcome_summary: input.summary }, user.id);
    const noConference = input.outcome === 'NO_CONFERENCE';
    await recordEvent(
      tx,
      {
        childId,
        type: noConference ? 's47.ended-without-conference' : 's47.completed',
        occurredOn: input.completedOn,
        sourceTable: 's47_enquiry',
        sourceId: enquiryId,
        scopeId: enquiryId,
        title: noConference ? 'Section 47 enquiry ended: no conference needed' : 'Section 47 enquiry completed: initial child protection conference to be held',
        detail: input.summary,
      },
      user.id,
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Conferences, core groups and the end of a plan
// ---------------------------------------------------------------------------------------------

export async function recordInitialConference(
  db: Db,
  user: SignedInUser,
  childId: string,
  enquiryId: string,
  input: InitialConferenceInput,
  today: string,
): Promise<{ id: string; planId: string | null }> {
  return inTransaction(db, async (tx) => {
    await requireChangeChild(tx, user, childId);
    const enquiry = await loadEnquiry(tx, childId, enquiryId);
    const held = await initialConferenceOf(tx, enquiryId);
    if (held) throw new RuleBroken(`The initial conference for this enquiry was already held on ${formatDate(held.held_on)}`);
    if (enquiry.outcome === 'NO_CONFERENCE') {
      throw new RuleBroken(`This enquiry ended on ${formatDate(enquiry.completed_on ?? enquiry.started_on)} with no conference needed`);
    }
    const { heldOn } = input;
    if (heldOn < enquiry.initiated_on) {
      throw new RuleBroken(
        `The conference cannot be before its section 47 enquiry: the enquiry was initiated at the strategy discussion on ${formatDate(enquiry.initiated_on)}`,
        'heldOn',
      );
    }
    if (heldOn < enquiry.started_on) {
      throw new RuleBroken(`The conference cannot be before section 47 enquiries started (${formatDate(enquiry.started_on)})`, 'heldOn');
    }
    notInFuture(heldOn, today, 'heldOn', 'The date of the conference');
    if (isWeekend(heldOn)) throw new RuleBroken('An initial child protection conference cannot be on a Saturday or Sunday (CIN census rule 8875)', 'heldOn');
    const episode = await tx.selectFrom('cin_episode').select('closed_on').where('id', '=', enquiry.episode_id).executeTakeFirstOrThrow();
    if (episode.closed_on && heldOn > episode.closed_on) {
      throw new RuleBroken(`The episode closed on ${formatDate(episode.closed_on)}: a conference cannot be after that`, 'heldOn');
    }
    const chair = await checkChair(tx, input.chairId);
    if (input.decision === 'PLAN' && !input.categoryOfAbuse) {
      throw new RuleBroken('Choose the category of abuse for the child protection plan', 'categoryOfAbuse');
    }
    const attendees = toAttendees(input.attendees);
    const id = randomUUID();
    await recordEvent(
      tx,
      {
        childId,
        type: 'icpc.held',
        occurredOn: heldOn,
        sourceTable: 'child_protection_conference',
        sourceId: id,
        scopeId: enquiryId,
        title: `Initial child protection conference: ${labelFor(INITIAL_CONFERENCE_DECISION, input.decision)}`,
        detail: `Chair: ${chair}. Agencies: ${agencyList(attendees)}${input.summary ? `\n${input.summary}` : ''}`,
      },
      user.id,
    );
    let planId: string | null = null;
    if (input.decision === 'PLAN') {
      const category = labelFor(CATEGORY_OF_ABUSE, input.categoryOfAbuse ?? '') ?? input.categoryOfAbuse;
      planId = await startPlan(
        tx,
        { childId, kind: 'cp', startedOn: heldOn, episodeId: enquiry.episode_id, categoryOfAbuse: input.categoryOfAbuse },
        user.id,
        today,
        `Child protection plan started: ${category}`,
      );
    }
    await tx
      .insertInto('child_protection_conference')
      .values({
        id,
        child_id: childId,
        kind: 'initial',
        enquiry_id: enquiryId,
        plan_id: planId,
        held_on: heldOn,
        chair_id: input.chairId,
        attendees: JSON.stringify(attendees),
        family_attended: JSON.stringify(input.familyAttended),
        decision: input.decision,
        category_of_abuse: input.decision === 'PLAN' ? input.categoryOfAbuse : null,
        summary: input.summary,
        recorded_by: user.id,
      })
      .execute();
    // The conference is the enquiry's outcome when it was not recorded separately.
    if (!enquiry.outcome) await updateRecord(tx, 's47_enquiry', enquiryId, { outcome: 'CONFERENCE' }, user.id);
    return { id, planId };
  });
}

export async function recordReviewConference(db: Db, user: SignedInUser, childId: string, planId: string, input: ReviewConferenceInput, today: string): Promise<string> {
  return inTransaction(db, async (tx) => {
    await requireChangeChild(tx, user, childId);
    const plan = await loadCpPlan(tx, childId, planId);
    if (plan.ended_on) throw new RuleBroken(`This plan ended on ${formatDate(plan.ended_on)}: a review conference is for a plan that is still open`);
    const { heldOn } = input;
    if (heldOn <= plan.started_on) {
      throw new RuleBroken(`A review conference must be after the plan started (${formatDate(plan.started_on)}) (CIN census rule 8841)`, 'heldOn');
    }
    notInFuture(heldOn, today, 'heldOn', 'The date of the conference');
    const chair = await checkChair(tx, input.chairId);
    if (input.decision === 'END' && !input.endReason) throw new RuleBroken('Give the reason the plan is ending', 'endReason');
    const attendees = toAttendees(input.attendees);
    const id = randomUUID();
    await tx
      .insertInto('child_protection_conference')
      .values({
        id,
        child_id: childId,
        kind: 'review',
        plan_id: planId,
        held_on: heldOn,
        chair_id: input.chairId,
        attendees: JSON.stringify(attendees),
        family_attended: JSON.stringify(input.familyAttended),
        decision: input.decision,
        category_of_abuse: input.categoryOfAbuse,
        end_reason: input.decision === 'END' ? input.endReason : null,
        summary: input.summary,
        recorded_by: user.id,
      })
      .execute();
    const categoryChange = input.categoryOfAbuse ? `. Category of abuse: ${labelFor(CATEGORY_OF_ABUSE, input.categoryOfAbuse)}` : '';
    await recordEvent(
      tx,
      {
        childId,
        type: 'cp-review.held',
        occurredOn: heldOn,
        sourceTable: 'child_protection_conference',
        sourceId: id,
        scopeId: planId,
        title: `Child protection review conference: ${labelFor(REVIEW_CONFERENCE_DECISION, input.decision)}`,
        detail: `Chair: ${chair}. Agencies: ${agencyList(attendees)}${categoryChange}${input.summary ? `\n${input.summary}` : ''}`,
      },
      user.id,
    );
    if (input.decision === 'END') await endPlan(tx, planId, { endedOn: heldOn, reason: input.endReason ?? '' }, user.id, today);
    return id;
  });
}

export async function recordCoreGroup(db: Db, user: SignedInUser, childId: string, planId: string, input: CoreGroupInput, today: string): Promise<string> {
  return inTransaction(db, async (tx) => {
    await requireChangeChild(tx, user, childId);
    const plan = await loadCpPlan(tx, childId, planId);
    if (input.heldOn < plan.started_on) {
      throw new RuleBroken(`A core group meeting cannot be before the plan started (${formatDate(plan.started_on)})`, 'heldOn');
    }
    if (plan.ended_on && input.heldOn > plan.ended_on) {
      throw new RuleBroken(`The plan ended on ${formatDate(plan.ended_on)}: a core group meeting cannot be after that`, 'heldOn');
    }
    notInFuture(input.heldOn, today, 'heldOn', 'The date of the meeting');
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
    const risk = input.riskReducing === 'yes' ? 'risk is reducing' : input.riskReducing === 'no' ? 'risk is not reducing' : 'not yet clear whether risk is reducing';
    await recordEvent(
      tx,
      {
        childId,
        type: 'core-group.held',
        occurredOn: input.heldOn,
        sourceTable: 'core_group_meeting',
        sourceId: id,
        scopeId: planId,
        title: `Core group meeting: ${risk}`,
        detail: `Agencies: ${agencyList(attendees)}\n${input.summary}`,
      },
      user.id,
    );
    return id;
  });
}

export async function endChildProtectionPlan(db: Db, user: SignedInUser, childId: string, planId: string, input: PlanEndInput, today: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    await requireChangeChild(tx, user, childId);
    const plan = await loadCpPlan(tx, childId, planId);
    if (plan.ended_on) throw new RuleBroken(`This plan already ended on ${formatDate(plan.ended_on)}`);
    if (input.endedOn < plan.started_on) {
      throw new RuleBroken(`A plan cannot end before it starts: this plan started on ${formatDate(plan.started_on)}`, 'endedOn');
    }
    if (input.endedOn === plan.started_on) {
      throw new RuleBroken('A child protection plan cannot start and end on the same day (CIN census rule 8840)', 'endedOn');
    }
    await endPlan(tx, planId, { endedOn: input.endedOn, reason: input.reason }, user.id, today);
  });
}

// ---------------------------------------------------------------------------------------------
// Pages
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
  const clocks = await clocksIn(db, childId, enquiries.map((e) => e.id));
  return Promise.all(
    enquiries.map(async (enquiry) => {
      const initialConference = await initialConferenceOf(db, enquiry.id);
      return { enquiry, status: enquiryStatus(enquiry, initialConference), initialConference, conferenceClock: firstClock(clocks, 'initial-conference', enquiry.id) };
    }),
  );
}

async function planSummary(db: Db, plan: Plan, clocks: readonly ClockRow[], today: string): Promise<PlanSummary> {
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

export async function protectionOverview(db: Db, user: SignedInUser, childId: string, today: string) {
  await requireSeeChild(db, user, childId);
  const [child, episode, enquiries, discussions, plans] = await Promise.all([
    childHeader(db, childId),
    openEpisodeOf(db, childId),
    enquirySummaries(db, childId),
    db.selectFrom('strategy_discussion').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('held_on', 'desc').execute(),
    db.selectFrom('plan').selectAll().where('child_id', '=', childId).where('kind', '=', 'cp').where('deleted_at', 'is', null).orderBy('started_on', 'desc').execute(),
  ]);
  const clocks = await clocksIn(db, childId, plans.map((p) => p.id));
  const conferences = await db
    .selectFrom('child_protection_conference')
    .selectAll()
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .orderBy('held_on', 'desc')
    .execute();
  return {
    child,
    episode,
    openEnquiry: enquiries.find((e) => e.status === 'open' || e.status === 'awaiting-conference'),
    enquiries,
    discussions: discussions.map((d) => ({ ...d, onlyPoliceAndSocialCare: onlyPoliceAndSocialCare(d.attendees) })),
    conferences,
    plans: await Promise.all(plans.map((p) => planSummary(db, p, clocks, today))),
    mayChange: await mayChangeChild(db, user, childId),
  };
}

export async function strategyDiscussionPage(db: Db, user: SignedInUser, childId: string, discussionId: string) {
  await requireSeeChild(db, user, childId);
  const discussion = await db
    .selectFrom('strategy_discussion')
    .selectAll()
    .where('id', '=', discussionId)
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!discussion) throw new NotFound('No strategy discussion with that id for this child');
  const enquiry = discussion.enquiry_id ? await loadEnquiry(db, childId, discussion.enquiry_id) : undefined;
  return {
    child: await childHeader(db, childId),
    discussion,
    enquiry,
    initiatedEnquiry: enquiry?.initiating_discussion_id === discussion.id,
    onlyPoliceAndSocialCare: onlyPoliceAndSocialCare(discussion.attendees),
  };
}

export async function enquiryPage(db: Db, user: SignedInUser, childId: string, enquiryId: string) {
  await requireSeeChild(db, user, childId);
  const enquiry = await loadEnquiry(db, childId, enquiryId);
  const [child, discussions, initialConference, clocks] = await Promise.all([
    childHeader(db, childId),
    db.selectFrom('strategy_discussion').selectAll().where('enquiry_id', '=', enquiryId).where('deleted_at', 'is', null).orderBy('held_on').execute(),
    initialConferenceOf(db, enquiryId),
    clocksIn(db, childId, [enquiryId]),
  ]);
  return {
    child,
    enquiry,
    status: enquiryStatus(enquiry, initialConference),
    discussions: discussions.map((d) => ({ ...d, onlyPoliceAndSocialCare: onlyPoliceAndSocialCare(d.attendees) })),
    initialConference,
    conferenceClock: firstClock(clocks, 'initial-conference', enquiryId),
    mayChange: await mayChangeChild(db, user, childId),
  };
}

export async function planPage(db: Db, user: SignedInUser, childId: string, planId: string, today: string) {
  await requireSeeChild(db, user, childId);
  const plan = await loadCpPlan(db, childId, planId);
  const [child, clocks, conferences, coreGroups, visits] = await Promise.all([
    childHeader(db, childId),
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
  ]);
  return {
    child,
    summary: await planSummary(db, plan, clocks, today),
    initialConference: conferences.find((c) => c.kind === 'initial'),
    reviews: conferences.filter((c) => c.kind === 'review'),
    coreGroups,
    visits,
    clocks,
    mayChange: await mayChangeChild(db, user, childId),
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
