// Child protection conferences: the initial conference of a section 47 enquiry, and the review
// conferences of a plan.
// - An initial conference follows its enquiry: never before it was initiated or started (CIN census
//   8615), so never before the referral, nor at a weekend (8875). If it decides on a plan, the plan
//   starts on the conference date (2885) in the same transaction.
// - A review conference belongs to an open plan, after the plan starts (8841); one that ends the plan
//   ends it on its date.
// - A correction keeps the old version with the reason and moves what the conference decided with
//   its date: the plan's start (initial) or end (review), and so the clocks. What it decided is not
//   corrected: delete it and record it again.
// - Deleting a conference re-opens the clock it met (the ICPC's, or the review's). An initial
//   conference that started a plan takes the plan with it, so only while nothing has been recorded
//   under the plan; a review that ended a plan re-opens the plan.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import { RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { CATEGORY_OF_ABUSE, labelFor } from '../codes/index.ts';
import { isWeekend } from '../calendar/index.ts';
import { endPlan, startPlan } from '../plans/lifecycle.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { inTransaction } from '../episodes/repository.ts';
import { assertNotBeforeReferral } from '../episodes/dates.ts';
import { INITIAL_CONFERENCE_DECISION, REVIEW_CONFERENCE_DECISION } from './codes.ts';
import type { ConferenceCorrection, InitialConferenceInput, ReviewConferenceInput } from './schemas.ts';
import type { Attendee } from './tables.ts';
import {
  agencyList,
  initialConferenceOf,
  loadConference,
  loadCpPlan,
  loadEnquiry,
  loadEpisode,
  moveEvent,
  notInFuture,
  toAttendees,
  withdrawEvent,
  type Conference,
  type Enquiry,
  type Plan,
} from './service.ts';

async function checkChair(db: Db, chairId: string): Promise<string> {
  const chair = await db.selectFrom('app_user').select(['display_name', 'role', 'active']).where('id', '=', chairId).executeTakeFirst();
  if (!chair || !chair.active || chair.role !== 'iro') throw new RuleBroken('Choose the conference chair from the list of chairs', 'chairId');
  return chair.display_name;
}

/** Active conference chairs (IROs), for the chair list. */
export async function conferenceChairs(db: Db) {
  return db.selectFrom('app_user').select(['id', 'display_name']).where('role', '=', 'iro').where('active', '=', true).orderBy('display_name').execute();
}

const categoryLabel = (code: string | null | undefined) => (code ? (labelFor(CATEGORY_OF_ABUSE, code) ?? code) : null);

/** The conference's line in the chronology, and its detail. */
function conferenceEvent(kind: 'initial' | 'review', decision: string, chair: string, attendees: readonly Attendee[], categoryOfAbuse: string | null, summary: string | null) {
  if (kind === 'initial') {
    return {
      title: `Initial child protection conference: ${labelFor(INITIAL_CONFERENCE_DECISION, decision) ?? decision}`,
      detail: `Chair: ${chair}. Agencies: ${agencyList(attendees)}${summary ? `\n${summary}` : ''}`,
    };
  }
  const categoryChange = categoryOfAbuse ? `. Category of abuse: ${categoryLabel(categoryOfAbuse)}` : '';
  return {
    title: `Child protection review conference: ${labelFor(REVIEW_CONFERENCE_DECISION, decision) ?? decision}`,
    detail: `Chair: ${chair}. Agencies: ${agencyList(attendees)}${categoryChange}${summary ? `\n${summary}` : ''}`,
  };
}

/** The dates an initial conference must keep to, for a new one and a correction alike. */
async function checkInitialConferenceDate(tx: Db, childId: string, enquiry: Enquiry, heldOn: string, today: string) {
  notInFuture(heldOn, today, 'heldOn', 'The date of the conference');
  assertNotBeforeBirth(await childDates(tx, childId), heldOn, 'heldOn', 'The date of the conference');
  const episode = await loadEpisode(tx, enquiry.episode_id);
  assertNotBeforeReferral(episode, heldOn, 'heldOn', 'The conference');
  if (heldOn < enquiry.initiated_on) {
    throw new RuleBroken(
      `The conference cannot be before its section 47 enquiry: the enquiry was initiated at the strategy discussion on ${formatDate(enquiry.initiated_on)}`,
      'heldOn',
    );
  }
  if (heldOn < enquiry.started_on) {
    throw new RuleBroken(`The conference cannot be before section 47 enquiries started (${formatDate(enquiry.started_on)}) (CIN census rule 8615)`, 'heldOn');
  }
  if (isWeekend(heldOn)) throw new RuleBroken('An initial child protection conference cannot be on a Saturday or Sunday (CIN census rule 8875)', 'heldOn');
  if (episode.closed_on && heldOn > episode.closed_on) {
    throw new RuleBroken(`The episode closed on ${formatDate(episode.closed_on)}: a conference cannot be after that`, 'heldOn');
  }
}

/** The dates a review conference must keep to. */
async function checkReviewDate(tx: Db, childId: string, plan: Plan, heldOn: string, today: string) {
  notInFuture(heldOn, today, 'heldOn', 'The date of the conference');
  assertNotBeforeBirth(await childDates(tx, childId), heldOn, 'heldOn', 'The date of the conference');
  if (heldOn <= plan.started_on) {
    throw new RuleBroken(`A review conference must be after the plan started (${formatDate(plan.started_on)}) (CIN census rule 8841)`, 'heldOn');
  }
}

export async function recordInitialConference(
  db: Db,
  user: SignedInUser,
  childId: string,
  enquiryId: string,
  input: InitialConferenceInput,
  today: string,
): Promise<{ id: string; planId: string | null }> {
  return inTransaction(db, async (tx) => {
    const enquiry = await loadEnquiry(tx, childId, enquiryId);
    const held = await initialConferenceOf(tx, enquiryId);
    if (held) throw new RuleBroken(`The initial conference for this enquiry was already held on ${formatDate(held.held_on)}`);
    if (enquiry.outcome === 'NO_CONFERENCE') {
      throw new RuleBroken(`This enquiry ended on ${formatDate(enquiry.completed_on ?? enquiry.started_on)} with no conference needed`);
    }
    const { heldOn } = input;
    await checkInitialConferenceDate(tx, childId, enquiry, heldOn, today);
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
        ...conferenceEvent('initial', input.decision, chair, attendees, null, input.summary),
      },
      user.id,
    );
    let planId: string | null = null;
    if (input.decision === 'PLAN') {
      planId = await startPlan(
        tx,
        { childId, kind: 'cp', startedOn: heldOn, episodeId: enquiry.episode_id, categoryOfAbuse: input.categoryOfAbuse },
        user.id,
        today,
        `Child protection plan started: ${categoryLabel(input.categoryOfAbuse)}`,
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
    const plan = await loadCpPlan(tx, childId, planId);
    if (plan.ended_on) throw new RuleBroken(`This plan ended on ${formatDate(plan.ended_on)}: a review conference is for a plan that is still open`);
    const { heldOn } = input;
    await checkReviewDate(tx, childId, plan, heldOn, today);
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
    await recordEvent(
      tx,
      {
        childId,
        type: 'cp-review.held',
        occurredOn: heldOn,
        sourceTable: 'child_protection_conference',
        sourceId: id,
        scopeId: planId,
        ...conferenceEvent('review', input.decision, chair, attendees, input.categoryOfAbuse, input.summary),
      },
      user.id,
    );
    if (input.decision === 'END') await endPlan(tx, planId, { endedOn: heldOn, reason: input.endReason ?? '' }, user.id, today);
    return id;
  });
}

/** One conference with its chair's name, the enquiry it belongs to and the plan it started or reviewed. */
export async function conferencePage(db: Db, childId: string, conferenceId: string) {
  const conference = await loadConference(db, childId, conferenceId);
  const chair = await db.selectFrom('app_user').select('display_name').where('id', '=', conference.chair_id).executeTakeFirst();
  return {
    conference,
    chairName: chair?.display_name ?? '',
    enquiry: conference.enquiry_id ? await loadEnquiry(db, childId, conference.enquiry_id) : undefined,
    plan: conference.plan_id ? await loadCpPlan(db, childId, conference.plan_id) : undefined,
  };
}

/**
 * What has been recorded under a plan, in words, for a refusal ("2 core group meetings and 1 visit"):
 * all of it, or only what falls before (a review: on or before) or after a date.
 */
async function recordedUnder(tx: Db, planId: string, window: { before?: string; after?: string; except?: string } = {}): Promise<string[]> {
  const [coreGroups, reviews, visits] = await Promise.all([
    tx.selectFrom('core_group_meeting').select('held_on as on').where('plan_id', '=', planId).where('deleted_at', 'is', null).execute(),
    tx
      .selectFrom('child_protection_conference')
      .select(['id', 'held_on as on'])
      .where('plan_id', '=', planId)
      .where('kind', '=', 'review')
      .where('deleted_at', 'is', null)
      .execute(),
    tx.selectFrom('visit').select('visited_on as on').where('plan_id', '=', planId).where('deleted_at', 'is', null).execute(),
  ]);
  const inWindow = (on: string, sameDayCounts = false) =>
    window.before ? on < window.before || (sameDayCounts && on === window.before) : window.after ? on > window.after : true;
  const counts = [
    [coreGroups.filter((r) => inWindow(r.on)).length, 'core group meeting', 'core group meetings'],
    [reviews.filter((r) => r.id !== window.except && inWindow(r.on, true)).length, 'review conference', 'review conferences'],
    [visits.filter((r) => inWindow(r.on)).length, 'visit', 'visits'],
  ] as const;
  return counts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
}

const inWords = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/**
 * Corrects a conference: date, chair, who came, the category of abuse, the summary, and for a review
 * that ended the plan, why. The plan it started or ended moves with its date.
 */
export async function correctConference(db: Db, user: SignedInUser, childId: string, conferenceId: string, input: ConferenceCorrection, today: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const conference = await loadConference(tx, childId, conferenceId);
    const { heldOn } = input;
    const chair = await checkChair(tx, input.chairId);
    const attendees = toAttendees(input.attendees);
    const moved = heldOn !== conference.held_on;
    let categoryOfAbuse: string | null = input.categoryOfAbuse;
    let endReason: string | null = null;

    if (conference.kind === 'initial') {
      const enquiry = await loadEnquiry(tx, childId, conference.enquiry_id!);
      await checkInitialConferenceDate(tx, childId, enquiry, heldOn, today);
      if (conference.decision === 'PLAN') {
        if (!categoryOfAbuse) throw new RuleBroken('Choose the category of abuse for the child protection plan', 'categoryOfAbuse');
        const plan = await loadCpPlan(tx, childId, conference.plan_id!);
        if (moved) {
          // The plan starts the day of the conference (CIN census rule 2885): it moves too, so
          // nothing recorded under it may fall before the new date.
          const before = await recordedUnder(tx, plan.id, { before: heldOn });
          if (before.length) {
            throw new RuleBroken(
              `The plan this conference started has ${inWords(before)} before ${formatDate(heldOn)}: the conference must be on or before ${before.length === 1 ? 'it' : 'them'}`,
              'heldOn',
            );
          }
          if (plan.ended_on && plan.ended_on <= heldOn) {
            throw new RuleBroken(`The plan this conference started ended on ${formatDate(plan.ended_on)}: the conference must be before that`, 'heldOn');
          }
        }
        if (moved || categoryOfAbuse !== plan.category_of_abuse) {
          await updateRecord(tx, 'plan', plan.id, { started_on: heldOn, category_of_abuse: categoryOfAbuse }, user.id, undefined, input.changeReason);
          await moveEvent(tx, plan.id, 'cp-plan.started', { occurredOn: heldOn, title: `Child protection plan started: ${categoryLabel(categoryOfAbuse)}` });
        }
      } else {
        categoryOfAbuse = null;
      }
    } else {
      const plan = await loadCpPlan(tx, childId, conference.plan_id!);
      await checkReviewDate(tx, childId, plan, heldOn, today);
      if (conference.decision === 'END') {
        if (!input.endReason) throw new RuleBroken('Give the reason the plan ended', 'endReason');
        endReason = input.endReason;
        if (moved) {
          // The plan ends the day of this review: nothing recorded under it may fall after the new date.
          const after = await recordedUnder(tx, plan.id, { after: heldOn, except: conferenceId });
          if (after.length) {
            throw new RuleBroken(`The plan this conference ended has ${inWords(after)} after ${formatDate(heldOn)}: the conference must be on or after ${after.length === 1 ? 'it' : 'them'}`, 'heldOn');
          }
        }
        if (moved || endReason !== plan.end_reason) {
          await updateRecord(tx, 'plan', plan.id, { ended_on: heldOn, end_reason: endReason }, user.id, undefined, input.changeReason);
          await moveEvent(tx, plan.id, 'cp-plan.ended', { occurredOn: heldOn, detail: endReason });
        }
      } else if (plan.ended_on && heldOn > plan.ended_on) {
        throw new RuleBroken(`The plan ended on ${formatDate(plan.ended_on)}: its review conference cannot be after that`, 'heldOn');
      }
    }

    await correctRecord(tx, {
      table: 'child_protection_conference',
      id: conferenceId,
      actorId: user.id,
      reason: input.changeReason,
      expectedVersion: input.version,
      changes: {
        held_on: heldOn,
        chair_id: input.chairId,
        attendees: JSON.stringify(attendees),
        family_attended: JSON.stringify(input.familyAttended),
        category_of_abuse: categoryOfAbuse,
        end_reason: endReason,
        summary: input.summary,
      },
      event: { occurredOn: heldOn, ...conferenceEvent(conference.kind, conference.decision, chair, attendees, conference.kind === 'review' ? categoryOfAbuse : null, input.summary) },
    });
  });
}

/** Where the conference's page sends you back to, and where a deletion lands. */
export const conferenceHome = (conference: Conference) =>
  conference.kind === 'initial' ? { enquiryId: conference.enquiry_id, planId: null } : { enquiryId: null, planId: conference.plan_id };

/**
 * Deletes a conference with the reason; the clock it met is due again. An initial conference that
 * started a plan deletes the plan too, only while nothing has been recorded under it; a review that
 * ended the plan re-opens it.
 */
export async function deleteConference(db: Db, user: SignedInUser, childId: string, conferenceId: string, reason: string): Promise<Conference> {
  return inTransaction(db, async (tx) => {
    const conference = await loadConference(tx, childId, conferenceId);
    if (conference.kind === 'initial' && conference.plan_id) {
      const plan = await loadCpPlan(tx, childId, conference.plan_id);
      const under = await recordedUnder(tx, plan.id);
      const written = await tx.selectFrom('plan_action').select('id').where('plan_id', '=', plan.id).where('deleted_at', 'is', null).executeTakeFirst();
      if (under.length || written) {
        const what = inWords([...under, ...(written ? ['its actions written'] : [])]);
        throw new RuleBroken(
          `This conference started the child protection plan, which has ${what}. Deleting the conference would delete the plan: correct the conference instead, or delete what was recorded under the plan first`,
          'reason',
        );
      }
      await deleteRecord(tx, { table: 'plan', id: plan.id, actorId: user.id, reason, childId });
    }
    if (conference.kind === 'review' && conference.decision === 'END' && conference.plan_id) {
      const plan = await loadCpPlan(tx, childId, conference.plan_id);
      if (plan.ended_on) {
        const open = await tx.selectFrom('plan').select('started_on').where('child_id', '=', childId).where('kind', '=', 'cp').where('ended_on', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
        if (open) {
          throw new RuleBroken(
            `This review ended the child protection plan, and the child has had another plan since ${formatDate(open.started_on)}: deleting the review would re-open the first. Correct the review instead`,
            'reason',
          );
        }
        // The plan is open again from the day it started: its review, core group and visit clocks run again.
        await updateRecord(tx, 'plan', plan.id, { ended_on: null, end_reason: null, end_detail: null }, user.id, undefined, reason);
        await withdrawEvent(tx, plan.id, 'cp-plan.ended');
      }
    }
    await deleteRecord(tx, { table: 'child_protection_conference', id: conferenceId, actorId: user.id, reason, childId });
    return conference;
  });
}
