// Recording for a care leaver: the pathway plan and its reviews, contact, accommodation, the OC3
// record at each birthday from 17 to 21, and the support owed. Each is one fact with its journal
// event in the same transaction. Who may record is checked once, by the route guard.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { labelFor } from '../codes/code-list.ts';
import { CARE_LEAVER_ACCOMMODATION, CARE_LEAVER_IN_TOUCH } from '../codes/ssda903.ts';
import { addMonths } from '../calendar/index.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { startPlan } from '../plans/lifecycle.ts';
import { ACCOMMODATION_KINDS, ALWAYS_UNSUITABLE, BED_AND_BREAKFAST, CONTACT_METHOD, NEEDS_OUTCOME, SUPPORT_KIND } from './codes.ts';
import { careLeaverStatus, STATUS_LABELS } from './status.ts';
import * as repo from './repository.ts';
import type { AccommodationInput, BirthdayCorrection, BirthdayInput, ContactInput, PathwayPlanReviewCorrection, PathwayPlanReviewInput, PathwayPlanStart, SupportInput } from './schemas.ts';

const notInFuture = (date: string, today: string, field: string, what: string) => {
  if (date > today) throw new RuleBroken(`${what} cannot be in the future: record it once it has happened`, field);
};

async function checkDate(tx: Db, childId: string, date: string, today: string, field: string, what: string) {
  notInFuture(date, today, field, what);
  assertNotBeforeBirth(await childDates(tx, childId), date, field, what);
}

/** The young person's care leaver status on a day, refusing a record for someone who is not one. */
async function careLeaverOn(tx: Db, childId: string, on: string, field: string, allowed: readonly string[] = ['eligible', 'relevant', 'former-relevant']) {
  const { dateOfBirth, spans } = await repo.careSpansOf(tx, childId);
  if (!dateOfBirth) throw new RuleBroken('Record the young person’s date of birth first: care leaver status depends on it', field);
  const standing = careLeaverStatus(dateOfBirth, spans, on);
  if (!standing.status || !allowed.includes(standing.status)) {
    const now = standing.status ? `${STATUS_LABELS[standing.status]}, ` : '';
    throw new RuleBroken(`On ${formatDate(on)} the young person was ${now ? midSentence(now) : 'not a care leaver, '}so this does not apply: check the date`, field);
  }
  return { ...standing, dateOfBirth };
}

// --- The pathway plan ---------------------------------------------------------------------------

/** The pathway plan (CPPCR reg 43), in the one plan model; due by 16 years 3 months (reg 42). */
export async function startPathwayPlan(db: Kysely<Database>, user: SignedInUser, childId: string, input: PathwayPlanStart, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    await checkDate(tx, childId, input.startedOn, today, 'startedOn', 'The date of the pathway plan');
    await careLeaverOn(tx, childId, input.startedOn, 'startedOn');
    return startPlan(tx, { childId, kind: 'pathway', startedOn: input.startedOn }, user.id, today);
  });
}

async function openPathwayPlan(tx: Db, childId: string) {
  const plan = (await repo.pathwayPlansOf(tx, childId)).find((p) => p.ended_on === null);
  if (!plan) throw new RuleBroken('The young person has no pathway plan: start it first');
  return plan;
}

const reviewEvent = (input: PathwayPlanReviewInput) => ({
  occurredOn: input.reviewedOn,
  title: `Pathway plan reviewed${input.youngPersonTookPart ? ' with the young person' : ' (the young person did not take part)'}`,
  detail: `${input.summary}\nContingencies: ${input.contingencies}`,
});

export async function reviewPathwayPlan(db: Kysely<Database>, user: SignedInUser, childId: string, input: PathwayPlanReviewInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    await checkDate(tx, childId, input.reviewedOn, today, 'reviewedOn', 'The date of the review');
    const plan = await openPathwayPlan(tx, childId);
    if (input.reviewedOn < plan.started_on) throw new RuleBroken(`The review cannot be before the pathway plan started (${formatDate(plan.started_on)})`, 'reviewedOn');
    const id = randomUUID();
    await tx
      .insertInto('pathway_plan_review')
      .values({ id, plan_id: plan.id, child_id: childId, reviewed_on: input.reviewedOn, young_person_took_part: input.youngPersonTookPart, contingencies: input.contingencies, summary: input.summary, recorded_by: user.id })
      .execute();
    await recordEvent(tx, { childId, type: 'pathway-plan.reviewed', sourceTable: 'pathway_plan_review', sourceId: id, scopeId: plan.id, ...reviewEvent(input) }, user.id);
    return id;
  });
}

async function ofChild<T extends { child_id: string }>(row: T | undefined, childId: string, what: string): Promise<T> {
  if (!row || row.child_id !== childId) throw new NotFound(`No ${what} with that id for this young person`);
  return row;
}

export const reviewOfChild = async (db: Db, childId: string, id: string) =>
  ofChild(await db.selectFrom('pathway_plan_review').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst(), childId, 'pathway plan review');

export async function correctPathwayPlanReview(db: Kysely<Database>, user: SignedInUser, childId: string, reviewId: string, input: PathwayPlanReviewCorrection, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const review = await reviewOfChild(tx, childId, reviewId);
    await checkDate(tx, childId, input.reviewedOn, today, 'reviewedOn', 'The date of the review');
    const plan = await tx.selectFrom('plan').select(['started_on', 'ended_on']).where('id', '=', review.plan_id).executeTakeFirstOrThrow();
    if (input.reviewedOn < plan.started_on) throw new RuleBroken(`The review cannot be before the pathway plan started (${formatDate(plan.started_on)})`, 'reviewedOn');
    await correctRecord(tx, {
      table: 'pathway_plan_review',
      id: reviewId,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: { reviewed_on: input.reviewedOn, young_person_took_part: input.youngPersonTookPart, contingencies: input.contingencies, summary: input.summary },
      event: reviewEvent(input),
    });
  });
}

// --- Contact ------------------------------------------------------------------------------------

export async function recordContact(db: Kysely<Database>, user: SignedInUser, childId: string, input: ContactInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    await checkDate(tx, childId, input.contactOn, today, 'contactOn', 'The date of the contact');
    await careLeaverOn(tx, childId, input.contactOn, 'contactOn', ['eligible', 'relevant', 'former-relevant', 'qualifying']);
    const id = randomUUID();
    await tx.insertInto('care_leaver_contact').values({ id, child_id: childId, contact_on: input.contactOn, worker_id: user.id, method: input.method, reached: input.reached, note: input.note, recorded_by: user.id }).execute();
    const how = labelFor(CONTACT_METHOD, input.method) ?? input.method;
    // Seeing the young person face to face is the adviser's visit (the clock); other contact is not.
    const type = input.method === 'face_to_face' && input.reached ? 'care-leaver.visited' : 'care-leaver.contact';
    await recordEvent(tx, { childId, type, occurredOn: input.contactOn, sourceTable: 'care_leaver_contact', sourceId: id, title: input.reached ? `${how} with the young person` : `${how}: tried to reach the young person`, detail: input.note }, user.id);
    return id;
  });
}

export const contactOfChild = async (db: Db, childId: string, id: string) =>
  ofChild(await db.selectFrom('care_leaver_contact').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst(), childId, 'contact');

// --- Accommodation ------------------------------------------------------------------------------

const kindLabel = (kind: string) => ACCOMMODATION_KINDS.find((k) => k.code === kind)?.label ?? kind;

/**
 * A move into new accommodation. Bed and breakfast is never recorded without a plan to move and the
 * date to move by, and unsuitable accommodation without a plan (Wandsworth 2017 rec 6; seed CL-05).
 */
export async function recordAccommodation(db: Kysely<Database>, user: SignedInUser, childId: string, input: AccommodationInput, today: string): Promise<string> {
  if (ALWAYS_UNSUITABLE.includes(input.kind) && input.suitable) throw new RuleBroken(`${kindLabel(input.kind)} is never suitable accommodation: choose no`, 'suitable');
  if (input.kind === BED_AND_BREAKFAST && !input.planToMove) throw new RuleBroken('Bed and breakfast needs a plan to move the young person out: say what it is', 'planToMove');
  if (input.kind === BED_AND_BREAKFAST && !input.moveBy) throw new RuleBroken('Bed and breakfast needs a date to move the young person by', 'moveBy');
  if (!input.suitable && !input.planToMove) throw new RuleBroken('Unsuitable accommodation needs a plan to move: say what it is', 'planToMove');
  if (input.moveBy && input.moveBy <= input.fromOn) throw new RuleBroken('The date to move by must be after they moved in', 'moveBy');
  return db.transaction().execute(async (tx) => {
    await checkDate(tx, childId, input.fromOn, today, 'fromOn', 'The date they moved in');
    await careLeaverOn(tx, childId, input.fromOn, 'fromOn', ['relevant', 'former-relevant', 'qualifying', 'eligible']);
    const current = (await repo.accommodationOf(tx, childId)).find((a) => a.to_on === null);
    if (current && input.fromOn <= current.from_on) {
      throw new RuleBroken(`The young person has lived in ${midSentence(kindLabel(current.kind))} since ${formatDate(current.from_on)}: a move must be after that`, 'fromOn');
    }
    if (current) await updateRecord(tx, 'care_leaver_accommodation', current.id, { to_on: input.fromOn }, user.id);
    const id = randomUUID();
    await tx
      .insertInto('care_leaver_accommodation')
      .values({ id, child_id: childId, from_on: input.fromOn, kind: input.kind, suitable: input.suitable, description: input.description, plan_to_move: input.planToMove, move_by: input.moveBy, recorded_by: user.id })
      .execute();
    const flag = input.kind === BED_AND_BREAKFAST ? `: bed and breakfast, to move by ${formatDate(input.moveBy!)}` : input.suitable ? '' : ': unsuitable';
    await recordEvent(
      tx,
      { childId, type: 'care-leaver.accommodation', occurredOn: input.fromOn, sourceTable: 'care_leaver_accommodation', sourceId: id, title: `Moved into ${midSentence(kindLabel(input.kind))}${flag}`, detail: input.planToMove, significance: input.suitable ? 'normal' : 'high' },
      user.id,
    );
    return id;
  });
}

// --- Birthdays 17 to 21 (SSDA903 OC3) --------------------------------------------------------------

export const birthdayOn = (dateOfBirth: string, age: number) => addMonths(dateOfBirth, age * 12);

async function checkBirthday(tx: Db, childId: string, age: number, input: BirthdayInput, today: string) {
  await checkDate(tx, childId, input.recordedOn, today, 'recordedOn', 'The date you checked');
  const { dateOfBirth } = await repo.careSpansOf(tx, childId);
  if (!dateOfBirth) throw new RuleBroken('Record the young person’s date of birth first', 'recordedOn');
  const birthday = birthdayOn(dateOfBirth, age);
  if (birthday > today) throw new RuleBroken(`The young person is not ${age} until ${formatDate(birthday)}`, 'recordedOn');
  // The record is about the young person around the birthday: from 3 months before to 1 month after
  // (DfE's collection window as understood here: timescales.md CL7, marked unverified there).
  if (input.recordedOn < addMonths(birthday, -3) || input.recordedOn > addMonths(birthday, 1)) {
    throw new RuleBroken(`Record what was true around the ${age}th birthday (${formatDate(birthday)}): from ${formatDate(addMonths(birthday, -3))} to ${formatDate(addMonths(birthday, 1))}`, 'recordedOn');
  }
  await careLeaverOn(tx, childId, birthday, 'recordedOn', ['eligible', 'relevant', 'former-relevant']);
  if (['NO', 'REFU', 'DIED'].includes(input.inTouch) && (input.activity !== '0' || input.accommodation !== '0')) {
    throw new RuleBroken('When the council is not in touch, what the young person is doing and where they live are not known: choose “Not known”', 'activity');
  }
  return birthday;
}

const birthdayEvent = (age: number, birthday: string, input: BirthdayInput) => ({
  occurredOn: birthday,
  title: `At ${age}: ${midSentence(labelFor(CARE_LEAVER_IN_TOUCH, input.inTouch) ?? input.inTouch)}; ${midSentence(labelFor(CARE_LEAVER_ACCOMMODATION, input.accommodation) ?? input.accommodation)}`,
});

export async function recordBirthday(db: Kysely<Database>, user: SignedInUser, childId: string, age: number, input: BirthdayInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const birthday = await checkBirthday(tx, childId, age, input, today);
    const existing = (await repo.birthdaysOf(tx, childId)).find((b) => b.age === age);
    if (existing) throw new RuleBroken(`The ${age}th birthday is already recorded: correct it instead`, 'recordedOn');
    const id = randomUUID();
    await tx.insertInto('care_leaver_birthday').values({ id, child_id: childId, age, recorded_on: input.recordedOn, in_touch: input.inTouch, activity: input.activity, accommodation: input.accommodation, recorded_by: user.id }).execute();
    await recordEvent(tx, { childId, type: 'care-leaver.birthday', sourceTable: 'care_leaver_birthday', sourceId: id, ...birthdayEvent(age, birthday, input) }, user.id);
    return id;
  });
}

export const birthdayOfChild = async (db: Db, childId: string, id: string) =>
  ofChild(await db.selectFrom('care_leaver_birthday').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst(), childId, 'birthday record');

export async function correctBirthday(db: Kysely<Database>, user: SignedInUser, childId: string, recordId: string, input: BirthdayCorrection, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await birthdayOfChild(tx, childId, recordId);
    const birthday = await checkBirthday(tx, childId, row.age, input, today);
    await correctRecord(tx, {
      table: 'care_leaver_birthday',
      id: recordId,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: { recorded_on: input.recordedOn, in_touch: input.inTouch, activity: input.activity, accommodation: input.accommodation },
      event: birthdayEvent(row.age, birthday, input),
    });
  });
}

// --- Support owed -------------------------------------------------------------------------------

export async function recordSupport(db: Kysely<Database>, user: SignedInUser, childId: string, input: SupportInput, today: string): Promise<string> {
  if (NEEDS_OUTCOME.includes(input.kind) && !input.outcome) throw new RuleBroken('Say whether staying close support is needed', 'outcome');
  return db.transaction().execute(async (tx) => {
    await checkDate(tx, childId, input.onDate, today, 'onDate', 'The date');
    // Staying close is for former relevant young people under 25 (Children Act 1989 s.23CZAA).
    const allowed = input.kind.startsWith('staying_close') ? ['former-relevant'] : ['eligible', 'relevant', 'former-relevant', 'qualifying'];
    await careLeaverOn(tx, childId, input.onDate, 'onDate', allowed);
    const id = randomUUID();
    const outcome = NEEDS_OUTCOME.includes(input.kind) ? (input.outcome ?? null) : null;
    await tx.insertInto('care_leaver_support').values({ id, child_id: childId, kind: input.kind, on_date: input.onDate, outcome, note: input.note, recorded_by: user.id }).execute();
    const what = labelFor(SUPPORT_KIND, input.kind) ?? input.kind;
    await recordEvent(
      tx,
      { childId, type: 'care-leaver.support', occurredOn: input.onDate, sourceTable: 'care_leaver_support', sourceId: id, title: outcome ? `${what}: ${outcome === 'needed' ? 'support needed' : 'not needed'}` : what, detail: input.note },
      user.id,
    );
    return id;
  });
}

export const supportOfChild = async (db: Db, childId: string, id: string) =>
  ofChild(await db.selectFrom('care_leaver_support').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst(), childId, 'support record');

/** Deletes a contact, support or birthday record softly with the reason; the chronology follows. */
export async function deleteCareLeaverRecord(db: Kysely<Database>, user: SignedInUser, childId: string, table: 'care_leaver_contact' | 'care_leaver_support' | 'care_leaver_birthday' | 'pathway_plan_review', id: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom(table).select('child_id').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    await ofChild(row, childId, 'record');
    await deleteRecord(tx, { table, id, actorId: user.id, reason, childId });
  });
}
