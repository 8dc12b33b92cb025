// Strategy discussions, and the section 47 enquiries they start.
// - A strategy discussion belongs to the child's open episode, on or after its referral, and never
//   before the child was born. It records who took part by agency; one where only police and social
//   care took part is flagged (Wandsworth ¶22, rec 5; seed SD-01).
// - A discussion that decides on section 47 enquiries starts one. The enquiry is initiated on the
//   discussion's date and the ICPC clock runs 15 working days from it (Working Together 2023 ch.3;
//   timescales.md CP5). Later strategy meetings attach to the open enquiry and never restart its clock
//   (Southend ¶24-25, ¶117). The section 47 start date is kept too: the DfE measure counts from it.
//   It may be later than the discussion, never earlier.
// - A correction keeps the old version with the reason. Correcting the date of the discussion that
//   initiated an enquiry moves the enquiry's initiation with it, so the ICPC clock follows; a later
//   meeting's date never moves it. Deleting the initiating discussion deletes the enquiry it started,
//   so only while nothing else has been recorded in that enquiry.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent, correctEvent } from '../chronology/journal.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import { RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { openEpisodeOf } from '../episodes/service.ts';
import { inTransaction } from '../episodes/repository.ts';
import { assertNotBeforeReferral } from '../episodes/dates.ts';
import type { StrategyDiscussionCorrection, StrategyDiscussionInput } from './schemas.ts';
import type { Attendee, StrategyOutcome } from './tables.ts';
import { onlyPoliceAndSocialCare } from './queries.ts';
import {
  agencyList,
  initialConferenceOf,
  loadDiscussion,
  loadEnquiry,
  loadEpisode,
  moveEvent,
  notInFuture,
  openEnquiryOf,
  toAttendees,
  type Enquiry,
  type StrategyDiscussion,
} from './service.ts';

export interface RecordedDiscussion {
  id: string;
  enquiryId: string | null;
  /** 'initiated': started a new enquiry; 'attached': a later meeting of the open enquiry. */
  enquiry: 'initiated' | 'attached' | 'none';
}

/** The discussion's line in the chronology. */
function discussionTitle(outcome: StrategyOutcome, attendees: readonly Attendee[], enquiry?: { initiated_on: string }): string {
  const flag = onlyPoliceAndSocialCare(attendees) ? ' (only police and social care took part)' : '';
  if (outcome === 'REVIEW') return `Strategy meeting in the section 47 enquiry started ${formatDate(enquiry?.initiated_on ?? '')}${flag}`;
  if (outcome === 'S47') return `Strategy discussion: section 47 enquiries to start${flag}`;
  return `Strategy discussion: no section 47 enquiry${flag}`;
}

const discussionDetail = (attendees: readonly Attendee[], decisions: string) => `Agencies: ${agencyList(attendees)}\nDecided: ${decisions}`;

const initiationDetail = (heldOn: string, startedOn: string) =>
  startedOn === heldOn ? null : `Initiated at the strategy discussion on ${formatDate(heldOn)}; section 47 start date ${formatDate(startedOn)}`;

/** The checks every date of a discussion meets: not in the future, not before birth, within its episode. */
async function checkDiscussionDate(tx: Db, childId: string, episode: { referral_date: string; closed_on: string | null }, heldOn: string, today: string) {
  notInFuture(heldOn, today, 'heldOn', 'The date of the strategy discussion');
  assertNotBeforeBirth(await childDates(tx, childId), heldOn, 'heldOn', 'The date of the strategy discussion');
  assertNotBeforeReferral(episode, heldOn, 'heldOn', 'The strategy discussion');
  if (episode.closed_on && heldOn > episode.closed_on) {
    throw new RuleBroken(`The episode closed on ${formatDate(episode.closed_on)}: the strategy discussion cannot be after that`, 'heldOn');
  }
}

export async function recordStrategyDiscussion(db: Db, user: SignedInUser, childId: string, input: StrategyDiscussionInput, today: string): Promise<RecordedDiscussion> {
  return inTransaction(db, async (tx) => {
    const episode = await openEpisodeOf(tx, childId);
    if (!episode) throw new RuleBroken('This child has no open episode of need. Record the referral first: a strategy discussion belongs to an episode', 'heldOn');
    await checkDiscussionDate(tx, childId, episode, input.heldOn, today);
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
    const detail = discussionDetail(attendees, input.decisions);
    const event = { childId, type: 'strategy.discussion' as const, occurredOn: input.heldOn, sourceTable: 'strategy_discussion', sourceId: id, detail };

    if (open && input.heldOn >= open.initiated_on) {
      // A later strategy meeting: recorded against the enquiry, whose clocks it never restarts.
      if (input.s47StartedOn) {
        throw new RuleBroken(`Section 47 enquiries are already under way from ${formatDate(open.started_on)}: this meeting is recorded against that enquiry`, 's47StartedOn');
      }
      await tx.insertInto('strategy_discussion').values({ ...base, enquiry_id: open.id, outcome: 'REVIEW' }).execute();
      await recordEvent(tx, { ...event, scopeId: open.id, title: discussionTitle('REVIEW', attendees, open) }, user.id);
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
        .values({ id: enquiryId, child_id: childId, episode_id: episode.id, initiating_discussion_id: id, initiated_on: input.heldOn, started_on: startedOn, recorded_by: user.id })
        .execute();
      await recordEvent(tx, { ...event, scopeId: enquiryId, title: discussionTitle('S47', attendees) }, user.id, { refresh: false });
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
          detail: initiationDetail(input.heldOn, startedOn),
        },
        user.id,
      );
      return { id, enquiryId, enquiry: 'initiated' };
    }
    if (input.s47StartedOn) throw new RuleBroken('A section 47 start date is only for a discussion that starts section 47 enquiries', 's47StartedOn');
    await tx.insertInto('strategy_discussion').values({ ...base, enquiry_id: null, outcome: 'NO_S47' }).execute();
    await recordEvent(tx, { ...event, scopeId: episode.id, title: discussionTitle('NO_S47', attendees) }, user.id);
    return { id, enquiryId: null, enquiry: 'none' };
  });
}

/** The discussion, with the enquiry it belongs to and whether it started it. */
export async function strategyDiscussionOf(db: Db, childId: string, discussionId: string) {
  const discussion = await loadDiscussion(db, childId, discussionId);
  const enquiry = discussion.enquiry_id ? await loadEnquiry(db, childId, discussion.enquiry_id) : undefined;
  return {
    discussion,
    enquiry,
    initiatedEnquiry: enquiry?.initiating_discussion_id === discussion.id,
    onlyPoliceAndSocialCare: onlyPoliceAndSocialCare(discussion.attendees),
  };
}

/** The later strategy meetings of an enquiry (not the discussion that started it). */
async function laterMeetingsOf(db: Db, enquiry: Enquiry): Promise<StrategyDiscussion[]> {
  return db
    .selectFrom('strategy_discussion')
    .selectAll()
    .where('enquiry_id', '=', enquiry.id)
    .where('id', '<>', enquiry.initiating_discussion_id)
    .where('deleted_at', 'is', null)
    .orderBy('held_on')
    .execute();
}

/**
 * Corrects a strategy discussion: when and who, why, what was decided. What it decided (section 47
 * or not) is not corrected: delete it and record it again. The discussion that initiated an enquiry
 * moves the enquiry's initiation (and the ICPC clock) with its date; its section 47 start date is
 * the one given, or the discussion's date.
 */
export async function correctStrategyDiscussion(
  db: Db,
  user: SignedInUser,
  childId: string,
  discussionId: string,
  input: StrategyDiscussionCorrection,
  today: string,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const discussion = await loadDiscussion(tx, childId, discussionId);
    const episode = await loadEpisode(tx, discussion.episode_id);
    const { heldOn } = input;
    await checkDiscussionDate(tx, childId, episode, heldOn, today);
    const attendees = toAttendees(input.attendees);
    const enquiry = discussion.enquiry_id ? await loadEnquiry(tx, childId, discussion.enquiry_id) : undefined;
    const initiating = discussion.outcome === 'S47' && enquiry !== undefined;
    if (input.s47StartedOn && !initiating) {
      throw new RuleBroken('A section 47 start date is only for the discussion that started section 47 enquiries', 's47StartedOn');
    }
    if (discussion.outcome === 'REVIEW' && enquiry && heldOn < enquiry.initiated_on) {
      throw new RuleBroken(
        `A later strategy meeting cannot be before the strategy discussion that initiated its section 47 enquiry (${formatDate(enquiry.initiated_on)})`,
        'heldOn',
      );
    }
    if (initiating) {
      // As when it was recorded: no separate start date means section 47 enquiries started that day.
      const startedOn = input.s47StartedOn ?? heldOn;
      if (startedOn < heldOn) {
        throw new RuleBroken(
          `Section 47 enquiries cannot start before the strategy discussion that initiated them: the start date is ${formatDate(startedOn)}. Correct the start date too`,
          's47StartedOn',
        );
      }
      notInFuture(startedOn, today, 's47StartedOn', 'The section 47 start date');
      const later = (await laterMeetingsOf(tx, enquiry))[0];
      if (later && later.held_on < heldOn) {
        throw new RuleBroken(
          `A later strategy meeting of this enquiry was held on ${formatDate(later.held_on)}: the discussion that initiated the enquiry must be on or before it`,
          'heldOn',
        );
      }
      const conference = await initialConferenceOf(tx, enquiry.id);
      if (conference && conference.held_on < startedOn) {
        throw new RuleBroken(`The initial conference was held on ${formatDate(conference.held_on)}: section 47 enquiries must have started by then`, 'heldOn');
      }
      if (enquiry.completed_on && enquiry.completed_on < startedOn) {
        throw new RuleBroken(`The enquiry was completed on ${formatDate(enquiry.completed_on)}: it must have started by then`, 'heldOn');
      }
      if (heldOn !== enquiry.initiated_on || startedOn !== enquiry.started_on) {
        await updateRecord(tx, 's47_enquiry', enquiry.id, { initiated_on: heldOn, started_on: startedOn }, user.id, undefined, input.changeReason);
        // The initiation is the ICPC clock's start: it moves, and the clocks follow below.
        await moveEvent(tx, enquiry.id, 's47.initiated', { occurredOn: heldOn, detail: initiationDetail(heldOn, startedOn) });
        for (const meeting of await laterMeetingsOf(tx, enquiry)) {
          await correctEvent(tx, meeting.id, { title: discussionTitle('REVIEW', meeting.attendees, { initiated_on: heldOn }) });
        }
      }
    }
    await correctRecord(tx, {
      table: 'strategy_discussion',
      id: discussionId,
      actorId: user.id,
      reason: input.changeReason,
      expectedVersion: input.version,
      changes: {
        held_on: heldOn,
        held_at: input.heldAt,
        attendees: JSON.stringify(attendees),
        reason: input.reason,
        other_views: input.otherViews,
        decisions: input.decisions,
        next_steps: input.nextSteps,
      },
      event: { occurredOn: heldOn, title: discussionTitle(discussion.outcome, attendees, enquiry), detail: discussionDetail(attendees, input.decisions) },
    });
  });
}

/**
 * Deletes a strategy discussion with the reason. The discussion that initiated a section 47 enquiry
 * takes the enquiry with it (its clock goes too), so only while the enquiry holds nothing else: no
 * later meeting and no conference.
 */
export async function deleteStrategyDiscussion(db: Db, user: SignedInUser, childId: string, discussionId: string, reason: string): Promise<{ enquiryId: string | null }> {
  return inTransaction(db, async (tx) => {
    const discussion = await loadDiscussion(tx, childId, discussionId);
    const enquiry = discussion.outcome === 'S47' && discussion.enquiry_id ? await loadEnquiry(tx, childId, discussion.enquiry_id) : undefined;
    if (enquiry) {
      const later = (await laterMeetingsOf(tx, enquiry))[0];
      const conference = await initialConferenceOf(tx, enquiry.id);
      if (later || conference) {
        const what = [later ? `a later strategy meeting on ${formatDate(later.held_on)}` : null, conference ? `its initial conference on ${formatDate(conference.held_on)}` : null]
          .filter(Boolean)
          .join(' and ');
        throw new RuleBroken(
          `This discussion started the section 47 enquiry, which has ${what} recorded. Delete ${later && conference ? 'those' : 'that'} first, or correct this discussion instead`,
          'reason',
        );
      }
      await deleteRecord(tx, { table: 's47_enquiry', id: enquiry.id, actorId: user.id, reason, childId });
    }
    await deleteRecord(tx, { table: 'strategy_discussion', id: discussionId, actorId: user.id, reason, childId });
    return { enquiryId: enquiry?.id ?? null };
  });
}
