// How a section 47 enquiry ends: an initial conference is to be held (its clock keeps running until
// the conference), or none is needed (which stops the clock). Not before the enquiry started, so
// never before the referral that opened its episode, nor before the child was born.
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { labelFor } from '../codes/index.ts';
import { RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { clocksIn, firstClock, inTransaction } from '../episodes/repository.ts';
import { assertNotBeforeReferral } from '../episodes/dates.ts';
import { ENQUIRY_OUTCOME } from './codes.ts';
import { authoriseTransition } from '../oversight/decisions.ts';
import type { EnquiryOutcomeInput } from './schemas.ts';
import { onlyPoliceAndSocialCare } from './queries.ts';
import { enquiryStatus, initialConferenceOf, loadEnquiry, loadEpisode, notInFuture } from './service.ts';

export async function recordEnquiryOutcome(db: Db, user: SignedInUser, childId: string, enquiryId: string, input: EnquiryOutcomeInput, today: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const enquiry = await loadEnquiry(tx, childId, enquiryId);
    if (enquiry.outcome) throw new RuleBroken(`The outcome of this enquiry was already recorded: ${labelFor(ENQUIRY_OUTCOME, enquiry.outcome)}`);
    notInFuture(input.completedOn, today, 'completedOn', 'The completion date');
    assertNotBeforeBirth(await childDates(tx, childId), input.completedOn, 'completedOn', 'The completion of the enquiry');
    assertNotBeforeReferral(await loadEpisode(tx, enquiry.episode_id), input.completedOn, 'completedOn', 'The completion of the enquiry');
    if (input.completedOn < enquiry.started_on) {
      throw new RuleBroken(`The enquiry cannot be completed before it started (${formatDate(enquiry.started_on)})`, 'completedOn');
    }
    // Decision 0021 (MO-04, DQ-18): no s47 outcome without the manager's decision record.
    await authoriseTransition(tx, user.id, childId, 's47_outcome', input.completedOn, enquiryId, 'outcome');
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

export async function enquiryPage(db: Db, childId: string, enquiryId: string) {
  const enquiry = await loadEnquiry(db, childId, enquiryId);
  const [discussions, initialConference, clocks] = await Promise.all([
    db.selectFrom('strategy_discussion').selectAll().where('enquiry_id', '=', enquiryId).where('deleted_at', 'is', null).orderBy('held_on').execute(),
    initialConferenceOf(db, enquiryId),
    clocksIn(db, childId, [enquiryId]),
  ]);
  return {
    enquiry,
    status: enquiryStatus(enquiry, initialConference),
    discussions: discussions.map((d) => ({ ...d, onlyPoliceAndSocialCare: onlyPoliceAndSocialCare(d.attendees) })),
    initialConference,
    conferenceClock: firstClock(clocks, 'initial-conference', enquiryId),
  };
}
