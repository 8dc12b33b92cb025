// Recording a contact, correcting it or deleting it with a reason, a partner's online referral, and
// matching that referral to a child. Each dated fact is checked against the child (born, alive) and
// against what followed it (the checks, the decision).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { SignedInUser } from '../access/policy.ts';
import { correctEvent, recordEvent } from '../chronology/journal.ts';
import type { Db } from '../db/history.ts';
import { softDelete, updateRecord } from '../db/history.ts';
import type { Database } from '../db/schema.ts';
import { addChild } from '../people/create.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { likelyDuplicates } from '../people/duplicates.ts';
import { newChildSchema } from '../people/schemas.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate, midSentence } from '../server/format.ts';
import type { TimeSource } from '../server/time.ts';
import { agencyName, outcomeLabel, sourceLabel } from './describe.ts';
import * as repo from './repository.ts';
import type { ContactCorrection, ContactInput, NewChildForMatch, PartnerReferralInput } from './schemas.ts';
import { contactOf, holdAtFrontDoor, releaseFrontDoorHold, timeNow } from './service.ts';

const contactTitle = (source: string, agency: string | null, online: boolean) =>
  `${online ? 'Online referral' : 'Contact'} from ${agency ? `${agencyName(agency)} (${sourceLabel(source)})` : sourceLabel(source)}`;

const significanceOf = (risks: readonly string[]) => (risks.length > 0 ? 'high' : 'normal');

/**
 * The child a contact may be recorded about, on the day it was received: a live child (not an adult,
 * not a record merged into another), born by then (or due within 40 weeks), and not in the future.
 */
async function checkChildForContact(db: Db, childId: string, receivedOn: string, today: string): Promise<void> {
  const person = await db.selectFrom('person').select(['kind', 'merged_into']).where('id', '=', childId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!person) throw new NotFound('No child with that id');
  if (person.merged_into) throw new RuleBroken('This record was merged into another: record the contact on the record that was kept');
  if (person.kind === 'adult') throw new RuleBroken('A contact to children’s services is about a child or an unborn child');
  if (receivedOn > today) throw new RuleBroken('The contact cannot be received in the future', 'receivedOn');
  assertNotBeforeBirth(await childDates(db, childId), receivedOn, 'receivedOn', 'The date the contact was received');
}

export async function recordContact(db: Kysely<Database>, user: SignedInUser, childId: string, input: ContactInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    await checkChildForContact(tx, childId, input.receivedOn, today);
    const id = randomUUID();
    await tx
      .insertInto('contact')
      .values({
        id,
        child_id: childId,
        received_on: input.receivedOn,
        received_time: input.receivedTime,
        source: input.source,
        referrer_name: input.referrerName,
        referrer_role: input.referrerRole,
        referrer_agency: input.referrerAgency,
        referrer_phone: input.referrerPhone,
        worry: input.worry,
        risk_indicators: JSON.stringify(input.riskIndicators),
        consent: input.consent,
        submitted_online: false,
        recorded_by: user.id,
      })
      .execute();
    await holdAtFrontDoor(tx, childId, user, input.receivedOn);
    await recordEvent(
      tx,
      {
        childId,
        type: 'contact.received',
        occurredOn: input.receivedOn,
        sourceTable: 'contact',
        sourceId: id,
        scopeId: id,
        title: contactTitle(input.source, input.referrerAgency, false),
        detail: input.worry,
        significance: significanceOf(input.riskIndicators),
      },
      user.id,
    );
    return id;
  });
}

/**
 * Corrects what a contact says was reported, when and by whom. The version as it was is kept with the
 * reason; the chronology and the decision clock follow the corrected date. A contact cannot be
 * received after the checks made about it, nor after the decision on it.
 */
export async function correctContact(db: Kysely<Database>, user: SignedInUser, contactId: string, input: ContactCorrection, today: string): Promise<void> {
  if (input.receivedOn > today) throw new RuleBroken('The contact cannot be received in the future', 'receivedOn');
  await db.transaction().execute(async (tx) => {
    const contact = await contactOf(tx, contactId);
    if (contact.child_id) assertNotBeforeBirth(await childDates(tx, contact.child_id), input.receivedOn, 'receivedOn', 'The date the contact was received');
    if (contact.decided_on && (input.receivedOn > contact.decided_on || (input.receivedOn === contact.decided_on && input.receivedTime > (contact.decided_time ?? '')))) {
      throw new RuleBroken(
        `The contact cannot be received after the decision on it (${formatDate(contact.decided_on)} at ${contact.decided_time}): check the date and time`,
        'receivedOn',
      );
    }
    const firstAsked = (await repo.checksOf(tx, contactId)).map((c) => c.asked_on).sort()[0];
    if (firstAsked && input.receivedOn > firstAsked) {
      throw new RuleBroken(`Checks about this contact were asked on ${formatDate(firstAsked)}: the contact cannot be received after that`, 'receivedOn');
    }
    await correctRecord(tx, {
      table: 'contact',
      id: contactId,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: {
        received_on: input.receivedOn,
        received_time: input.receivedTime,
        source: input.source,
        referrer_name: input.referrerName,
        referrer_role: input.referrerRole,
        referrer_agency: input.referrerAgency,
        referrer_phone: input.referrerPhone,
        worry: input.worry,
        risk_indicators: JSON.stringify(input.riskIndicators),
        consent: input.consent,
      },
    });
    if (contact.child_id) {
      await correctEvent(tx, contactId, {
        occurredOn: input.receivedOn,
        title: contactTitle(input.source, input.referrerAgency, contact.submitted_online),
        detail: input.worry,
        significance: significanceOf(input.riskIndicators),
      });
      // An anonymous source leaves nobody to tell: the front door may be done with the child.
      await releaseFrontDoorHold(tx, contact.child_id, today, user.id);
    }
  });
}

/**
 * Deletes a contact recorded in error (on the wrong child, or twice), with the reason; its checks go
 * with it. A decided contact is not deleted: its decision started what followed, so it is corrected.
 */
export async function deleteContact(db: Kysely<Database>, user: SignedInUser, contactId: string, reason: string, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const contact = await contactOf(tx, contactId);
    if (contact.decision_id) {
      throw new RuleBroken(
        `A decision was made on this contact on ${formatDate(contact.decided_on!)} (${midSentence(outcomeLabel(contact.outcome))}), so it cannot be deleted: correct it instead`,
      );
    }
    const checks = await repo.checksOf(tx, contactId);
    if (contact.child_id) {
      for (const check of checks) await deleteRecord(tx, { table: 'agency_check', id: check.id, actorId: user.id, reason, childId: contact.child_id });
      await deleteRecord(tx, { table: 'contact', id: contactId, actorId: user.id, reason, childId: contact.child_id });
      await releaseFrontDoorHold(tx, contact.child_id, today, user.id);
    } else {
      // A partner's referral not yet matched is in nobody's chronology.
      await softDelete(tx, 'contact', contactId, user.id, reason);
    }
  });
}

export async function submitPartnerReferral(db: Db, user: SignedInUser, input: PartnerReferralInput, time: TimeSource): Promise<string> {
  const today = time.today();
  if (input.dateOfBirth && input.dateOfBirth > today) throw new RuleBroken('The date of birth cannot be in the future', 'dateOfBirth');
  const id = randomUUID();
  await db
    .insertInto('contact')
    .values({
      id,
      child_id: null,
      received_on: today,
      received_time: timeNow(time),
      source: input.source,
      referrer_name: user.displayName,
      referrer_role: input.referrerRole,
      referrer_agency: user.agency,
      referrer_phone: input.referrerPhone,
      worry: input.worry,
      risk_indicators: JSON.stringify(input.riskIndicators),
      consent: input.consent,
      submitted_online: true,
      subject_first_name: input.firstName,
      subject_last_name: input.lastName,
      subject_date_of_birth: input.dateOfBirth,
      subject_address: input.address,
      subject_postcode: input.postcode,
      recorded_by: user.id,
    })
    .execute();
  return id;
}

// ---------------------------------------------------------------------------------------------
// Matching a partner's referral to a child
// ---------------------------------------------------------------------------------------------

/** The children a partner's referral might be about, for the matching page (none once it is matched). */
export async function matchCandidates(db: Db, user: SignedInUser, contactId: string) {
  const contact = await contactOf(db, contactId);
  if (contact.child_id) return [];
  const candidates = await likelyDuplicates(db, user, {
    firstName: contact.subject_first_name ?? '',
    lastName: contact.subject_last_name ?? '',
    dateOfBirth: contact.subject_date_of_birth,
    expectedDateOfBirth: null,
    nhsNumber: null,
  });
  return candidates.filter((c) => c.visible);
}

/**
 * Matches a partner's referral to a child: the contact is received for that child in the journal,
 * recorded by the partner (so the partner may see that outcome), and its decision clock starts from
 * when the partner sent it. The caller has checked that the user may record on that child.
 */
export async function matchContact(db: Kysely<Database>, user: SignedInUser, contactId: string, childId: string, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const contact = await contactOf(tx, contactId);
    if (contact.child_id) throw new RuleBroken('This referral is already matched to a child');
    await checkChildForContact(tx, childId, contact.received_on, today);
    await updateRecord(tx, 'contact', contactId, { child_id: childId, matched_on: today }, user.id, contact.version);
    await holdAtFrontDoor(tx, childId, user, today);
    await recordEvent(
      tx,
      {
        childId,
        type: 'contact.received',
        occurredOn: contact.received_on,
        sourceTable: 'contact',
        sourceId: contactId,
        scopeId: contactId,
        title: contactTitle(contact.source, contact.referrer_agency, true),
        detail: contact.worry,
        significance: significanceOf(contact.risk_indicators ?? []),
      },
      contact.recorded_by,
    );
  });
}

export type MatchToNewChildResult =
  | { status: 'matched'; childId: string }
  | { status: 'possible-duplicates'; candidates: { id: string; first_name: string; last_name: string; date_of_birth: string | null; la_child_id: string | null }[] };

/** Adds the child through the people area (duplicate checks and all), then matches the referral to them. */
export async function matchToNewChild(
  db: Kysely<Database>,
  user: SignedInUser,
  contactId: string,
  details: z.infer<typeof NewChildForMatch>,
  today: string,
): Promise<MatchToNewChildResult> {
  const contact = await contactOf(db, contactId);
  if (contact.child_id) throw new RuleBroken('This referral is already matched to a child');
  if (details.dateOfBirth > today) throw new RuleBroken('Date of birth must be today or in the past', 'dateOfBirth');
  const child = newChildSchema(today).parse({
    kind: 'child',
    firstName: details.firstName,
    lastName: details.lastName,
    dateOfBirth: details.dateOfBirth,
    sex: details.sex,
    // One record however many times the form is sent: the referral's id is the submission key.
    submissionId: contactId,
    notDuplicateReason: details.notDuplicateReason,
  });
  const result = await addChild(db, user, child, today);
  if (result.status === 'possible-duplicates') return { status: 'possible-duplicates', candidates: result.candidates };
  await matchContact(db, user, contactId, result.id, today);
  return { status: 'matched', childId: result.id };
}
