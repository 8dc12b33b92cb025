// Deprivation of liberty of a child in care: the order (its kind, court and dates), reviews within a
// month and then 3-monthly, and its end. One order at a time; it must fall within a period of care,
// and it names the placement the child was in. The SSDA903 DoLo table (start and end) comes from here.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { periodOnDate, placementOnDate } from './repository.ts';
import { LIBERTY_KINDS, type LibertyEndInput, type LibertyOrderInput, type LibertyReviewInput } from './schemas.ts';

const kindLabel = (kind: string) => LIBERTY_KINDS.find((k) => k.code === kind)?.label ?? kind;

export async function libertyOrderOfChild(db: Db, childId: string, id: string) {
  const row = await db.selectFrom('liberty_order').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row || row.child_id !== childId) throw new NotFound('No deprivation of liberty order with that id for this child');
  return row;
}

export async function recordLibertyOrder(db: Kysely<Database>, user: SignedInUser, childId: string, input: LibertyOrderInput, today: string): Promise<string> {
  if (input.madeOn > today) throw new RuleBroken('The date the order was made cannot be in the future', 'madeOn');
  if (input.expiresOn <= input.madeOn) throw new RuleBroken('The order must authorise at least until the day after it was made', 'expiresOn');
  return db.transaction().execute(async (tx) => {
    assertNotBeforeBirth(await childDates(tx, childId), input.madeOn, 'madeOn', 'The date the order was made');
    const period = await periodOnDate(tx, childId, input.madeOn);
    if (!period) throw new RuleBroken(`The child was not looked after on ${formatDate(input.madeOn)}: record the period of care first`, 'madeOn');
    const open = await tx.selectFrom('liberty_order').select(['made_on', 'expires_on']).where('child_id', '=', childId).where('ended_on', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
    if (open) throw new RuleBroken(`An order made on ${formatDate(open.made_on)} has not been recorded as ended: end it first (a renewal is a new order from the day the old one ends)`, 'madeOn');
    const placement = await placementOnDate(tx, childId, input.madeOn);
    const id = randomUUID();
    await tx
      .insertInto('liberty_order')
      .values({ id, child_id: childId, period_id: period.id, placement_id: placement?.id ?? null, kind: input.kind, court: input.court, case_number: input.caseNumber, made_on: input.madeOn, expires_on: input.expiresOn, recorded_by: user.id })
      .execute();
    await recordEvent(tx, { childId, type: 'liberty.authorised', occurredOn: input.madeOn, sourceTable: 'liberty_order', sourceId: id, scopeId: id, title: `${kindLabel(input.kind)} by ${input.court}, until ${formatDate(input.expiresOn)}` }, user.id);
    return id;
  });
}

export async function reviewLibertyOrder(db: Kysely<Database>, user: SignedInUser, childId: string, orderId: string, input: LibertyReviewInput, today: string): Promise<string> {
  if (input.reviewedOn > today) throw new RuleBroken('The date of the review cannot be in the future', 'reviewedOn');
  return db.transaction().execute(async (tx) => {
    const order = await libertyOrderOfChild(tx, childId, orderId);
    if (input.reviewedOn < order.made_on) throw new RuleBroken(`The review cannot be before the order was made (${formatDate(order.made_on)})`, 'reviewedOn');
    if (order.ended_on && input.reviewedOn > order.ended_on) throw new RuleBroken(`The order ended on ${formatDate(order.ended_on)}`, 'reviewedOn');
    const id = randomUUID();
    await tx.insertInto('liberty_review').values({ id, order_id: orderId, child_id: childId, reviewed_on: input.reviewedOn, criteria_still_met: input.criteriaStillMet, outcome: input.outcome, recorded_by: user.id }).execute();
    await recordEvent(tx, { childId, type: 'liberty.reviewed', occurredOn: input.reviewedOn, sourceTable: 'liberty_review', sourceId: id, scopeId: orderId, title: `Deprivation of liberty reviewed: ${input.criteriaStillMet ? 'criteria still met' : 'criteria no longer met'}`, detail: input.outcome }, user.id);
    return id;
  });
}

export async function endLibertyOrder(db: Kysely<Database>, user: SignedInUser, childId: string, orderId: string, input: LibertyEndInput, today: string): Promise<void> {
  if (input.endedOn > today) throw new RuleBroken('The date it ended cannot be in the future', 'endedOn');
  await db.transaction().execute(async (tx) => {
    const order = await libertyOrderOfChild(tx, childId, orderId);
    if (order.ended_on) throw new RuleBroken(`It ended on ${formatDate(order.ended_on)}`, 'endedOn');
    if (input.endedOn < order.made_on) throw new RuleBroken(`It cannot end before the order was made (${formatDate(order.made_on)})`, 'endedOn');
    if (input.endedOn > order.expires_on) throw new RuleBroken(`The order authorised the deprivation of liberty only until ${formatDate(order.expires_on)}: record the end on or before that day`, 'endedOn');
    await updateRecord(tx, 'liberty_order', orderId, { ended_on: input.endedOn, end_reason: input.reason }, user.id);
    await recordEvent(tx, { childId, type: 'liberty.ended', occurredOn: input.endedOn, sourceTable: 'liberty_order', sourceId: orderId, scopeId: orderId, title: `Deprivation of liberty ended: ${input.reason}` }, user.id);
  });
}

/** The care page's part: orders newest first, with their reviews and whether one has run past its end. */
export async function libertyOf(db: Db, childId: string, today: string) {
  const [orders, reviews] = await Promise.all([
    db.selectFrom('liberty_order').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('made_on', 'desc').execute(),
    db.selectFrom('liberty_review').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('reviewed_on', 'desc').execute(),
  ]);
  return orders.map((o) => ({
    ...o,
    kindLabel: kindLabel(o.kind),
    reviews: reviews.filter((r) => r.order_id === o.id),
    // Still recorded as in force after the last day it authorised: nobody has recorded what happened.
    pastExpiry: o.ended_on === null && o.expires_on < today,
  }));
}
