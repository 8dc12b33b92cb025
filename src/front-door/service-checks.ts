// Checks with other agencies about a contact (FD-03, FD-11): asked, answered, corrected or deleted
// with a reason. Each is in the child's chronology (asked, and answered), so a correction moves those
// entries too. Checks are asked once the contact is received, and answered once asked.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { Database } from '../db/schema.ts';
import { refreshClocks } from '../clocks/refresh.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { agencyLabel } from './describe.ts';
import * as repo from './repository.ts';
import type { AgencyAnswerInput, AgencyCheckInput, CheckCorrection } from './schemas.ts';
import { contactOf, requireMatched } from './service.ts';
import type { ContactRow } from './repository.ts';

/** One check on the contact the path names (the guard has checked that it is this contact's). */
export async function checkOf(db: Db, contactId: string, checkId: string) {
  const check = (await repo.checksOf(db, contactId)).find((c) => c.id === checkId);
  if (!check) throw new NotFound('No check with that id on this contact');
  return check;
}

/** The dates of a check, against the contact and the child. */
async function checkDates(tx: Db, contact: ContactRow, childId: string, askedOn: string, answeredOn: string | null, today: string): Promise<void> {
  if (askedOn < contact.received_on) throw new RuleBroken(`Checks cannot be asked before the contact was received (${formatDate(contact.received_on)})`, 'askedOn');
  if (askedOn > today) throw new RuleBroken('The date asked cannot be in the future', 'askedOn');
  if (answeredOn && answeredOn > today) throw new RuleBroken('The date answered cannot be in the future', 'answeredOn');
  if (answeredOn && answeredOn < askedOn) throw new RuleBroken(`The answer cannot come before the agency was asked (${formatDate(askedOn)})`, 'answeredOn');
  const child = await childDates(tx, childId);
  assertNotBeforeBirth(child, askedOn, 'askedOn', 'The date the agency was asked');
  if (answeredOn) assertNotBeforeBirth(child, answeredOn, 'answeredOn', 'The date the agency answered');
}

const answeredEvent = (childId: string, contactId: string, checkId: string, agency: string, answeredOn: string, summary: string | null) => ({
  childId,
  type: 'contact.check-answered' as const,
  occurredOn: answeredOn,
  sourceTable: 'agency_check',
  sourceId: checkId,
  scopeId: contactId,
  title: `${agencyLabel(agency)} answered checks`,
  detail: summary,
});

export async function recordAgencyCheck(db: Kysely<Database>, user: SignedInUser, contactId: string, input: AgencyCheckInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const contact = await contactOf(tx, contactId);
    const childId = requireMatched(contact);
    await checkDates(tx, contact, childId, input.askedOn, input.answeredOn, today);
    const id = randomUUID();
    await tx
      .insertInto('agency_check')
      .values({ id, contact_id: contactId, agency: input.agency, asked_on: input.askedOn, answered_on: input.answeredOn, summary: input.summary, recorded_by: user.id })
      .execute();
    await recordEvent(
      tx,
      { childId, type: 'contact.check-asked', occurredOn: input.askedOn, sourceTable: 'agency_check', sourceId: id, scopeId: contactId, title: `Checks asked of ${agencyLabel(input.agency)}` },
      user.id,
      { refresh: !input.answeredOn },
    );
    if (input.answeredOn) await recordEvent(tx, answeredEvent(childId, contactId, id, input.agency, input.answeredOn, input.summary), user.id);
    return id;
  });
}

export async function answerAgencyCheck(db: Kysely<Database>, user: SignedInUser, contactId: string, checkId: string, input: AgencyAnswerInput, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const contact = await contactOf(tx, contactId);
    const childId = requireMatched(contact);
    const check = await checkOf(tx, contactId, checkId);
    if (check.answered_on) throw new RuleBroken(`${agencyLabel(check.agency)} already answered on ${formatDate(check.answered_on)}: correct the check to change the answer`);
    await checkDates(tx, contact, childId, check.asked_on, input.answeredOn, today);
    await updateRecord(tx, 'agency_check', checkId, { answered_on: input.answeredOn, summary: input.summary }, user.id);
    await recordEvent(tx, answeredEvent(childId, contactId, checkId, check.agency, input.answeredOn, input.summary), user.id);
  });
}

/**
 * Corrects a check (which agency, when asked, when and what they answered) with the reason; the old
 * version is kept. The chronology follows: the "asked" entry moves, the "answered" entry moves, is
 * added, or goes when the answer is taken away.
 */
export async function correctAgencyCheck(db: Kysely<Database>, user: SignedInUser, contactId: string, checkId: string, input: CheckCorrection, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const contact = await contactOf(tx, contactId);
    const childId = requireMatched(contact);
    await checkOf(tx, contactId, checkId);
    await checkDates(tx, contact, childId, input.askedOn, input.answeredOn, today);
    await correctRecord(tx, {
      table: 'agency_check',
      id: checkId,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: { agency: input.agency, asked_on: input.askedOn, answered_on: input.answeredOn, summary: input.summary },
    });
    // The check has two journal entries (asked, answered) from one record: each is corrected by its type.
    const events = tx.updateTable('child_event').where('source_id', '=', checkId).where('deleted_at', 'is', null);
    await events.where('type', '=', 'contact.check-asked').set({ occurred_on: input.askedOn, title: `Checks asked of ${agencyLabel(input.agency)}` }).execute();
    const answered = await tx.selectFrom('child_event').select('id').where('source_id', '=', checkId).where('type', '=', 'contact.check-answered').where('deleted_at', 'is', null).executeTakeFirst();
    if (input.answeredOn && answered) {
      await events
        .where('type', '=', 'contact.check-answered')
        .set({ occurred_on: input.answeredOn, title: `${agencyLabel(input.agency)} answered checks`, detail: input.summary })
        .execute();
    } else if (input.answeredOn) {
      await recordEvent(tx, answeredEvent(childId, contactId, checkId, input.agency, input.answeredOn, input.summary), user.id, { refresh: false });
    } else if (answered) {
      await events.where('type', '=', 'contact.check-answered').set({ deleted_at: sql<Date>`lantern_now()` }).execute();
    }
    await refreshClocks(tx, childId);
  });
}

/** Deletes a check recorded in error, with the reason: it leaves the contact and the chronology. */
export async function deleteAgencyCheck(db: Kysely<Database>, user: SignedInUser, contactId: string, checkId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const contact = await contactOf(tx, contactId);
    const childId = requireMatched(contact);
    await checkOf(tx, contactId, checkId);
    await deleteRecord(tx, { table: 'agency_check', id: checkId, actorId: user.id, reason, childId });
  });
}
