// Looked-after reviews: chaired by an independent reviewing officer (CPPCR reg 36), with how the
// child took part (SSDA903 REVIEW_CODE) and, by the second review, the permanence plan (Children
// Act 1989 guidance vol.2 ch.2; Wandsworth 2017 ¶51). Each review meets the review clock
// (reg 33: 20 working days, then 3 months, then every 6 months).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { ageOn, formatDate } from '../server/format.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import * as repo from './repository.ts';
import type { ReviewCorrection, ReviewInput } from './schemas.ts';

async function periodOfReview(tx: Db, childId: string, on: string) {
  const period = await repo.periodOnDate(tx, childId, on);
  if (!period) throw new RuleBroken(`The child was not looked after on ${formatDate(on)}: check the date of the review`, 'heldOn');
  return period;
}

/** The rules a review must keep, whether recorded or corrected. */
async function checkReview(tx: Db, childId: string, input: ReviewInput, today: string, exceptId: string | null) {
  if (input.heldOn > today) throw new RuleBroken('The date of the review cannot be in the future: record it once it has been held', 'heldOn');
  const child = await childDates(tx, childId);
  assertNotBeforeBirth(child, input.heldOn, 'heldOn', 'The date of the review');
  const period = await periodOfReview(tx, childId, input.heldOn);
  const chair = await tx.selectFrom('app_user').select(['role', 'display_name']).where('id', '=', input.chairId).executeTakeFirst();
  if (!chair || chair.role !== 'iro') {
    throw new RuleBroken(`${chair ? chair.display_name : 'That person'} is not an independent reviewing officer: a looked-after review is chaired by an IRO (CPPCR reg 36)`, 'chairId');
  }
  if (child.date_of_birth) {
    const underFour = ageOn(child.date_of_birth, input.heldOn) < 4;
    if (underFour && input.participation !== 'PN0') throw new RuleBroken('The child was under 4 at the review: choose “Child under 4 at the time of the review”', 'participation');
    if (!underFour && input.participation === 'PN0') throw new RuleBroken('The child was 4 or over at the review: say how they took part', 'participation');
  }
  const earlier = (await repo.reviewsOfChild(tx, childId)).filter((r) => r.period_id === period.id && r.id !== exceptId && r.held_on <= input.heldOn);
  if (earlier.length >= 1 && !input.permanencePlan && !earlier.some((r) => r.permanence_plan)) {
    throw new RuleBroken('A permanence plan is due by the second review: record what it is (Care Planning guidance ch.2)', 'permanencePlan');
  }
  return { period, chair };
}

const reviewEvent = (input: ReviewInput, chairName: string) => ({ occurredOn: input.heldOn, title: `Looked-after review chaired by ${chairName}`, detail: input.decisions });

export async function recordReview(db: Kysely<Database>, user: SignedInUser, childId: string, input: ReviewInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const { period, chair } = await checkReview(tx, childId, input, today, null);
    const id = randomUUID();
    await tx
      .insertInto('looked_after_review')
      .values({
        id,
        period_id: period.id,
        child_id: childId,
        held_on: input.heldOn,
        chair_id: input.chairId,
        participation: input.participation,
        permanence_plan: input.permanencePlan,
        decisions: input.decisions,
        recorded_by: user.id,
      })
      .execute();
    await recordEvent(tx, { childId, type: 'looked-after-review.held', sourceTable: 'looked_after_review', sourceId: id, scopeId: period.id, ...reviewEvent(input, chair.display_name) }, user.id);
    return id;
  });
}

export async function reviewOfChild(db: Db, childId: string, reviewId: string) {
  const review = await repo.findReview(db, reviewId);
  if (!review || review.child_id !== childId) throw new NotFound('No looked-after review with that id for this child');
  return review;
}

/** Corrects a review with the reason (the old version is kept); it must stay in the same period of care. */
export async function correctReview(db: Kysely<Database>, user: SignedInUser, childId: string, reviewId: string, input: ReviewCorrection, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const review = await reviewOfChild(tx, childId, reviewId);
    const { period, chair } = await checkReview(tx, childId, input, today, reviewId);
    if (period.id !== review.period_id) throw new RuleBroken('The corrected date falls in another period of care: delete this review and record it there', 'heldOn');
    await correctRecord(tx, {
      table: 'looked_after_review',
      id: reviewId,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: { held_on: input.heldOn, chair_id: input.chairId, participation: input.participation, permanence_plan: input.permanencePlan, decisions: input.decisions },
      event: reviewEvent(input, chair.display_name),
    });
  });
}

export async function deleteReview(db: Kysely<Database>, user: SignedInUser, childId: string, reviewId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await reviewOfChild(tx, childId, reviewId);
    await deleteRecord(tx, { table: 'looked_after_review', id: reviewId, actorId: user.id, reason, childId });
  });
}
