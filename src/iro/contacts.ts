// The IRO's contact with the child between reviews: the IRO speaks with the child before each review
// and keeps in touch between them (IRO Handbook 2010 ¶3.19-3.25; Care Planning Regulations 2010 reg
// 36, 45; seed IR-05: "meet with children prior to their reviews"). Recorded by the IRO; each contact
// is in the child's chronology. Annex A list 8 takes the latest (decision 0055).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { labelFor } from '../codes/code-list.ts';
import { Forbidden, NotFound, RuleBroken } from '../server/errors.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { IRO_CONTACT_METHOD } from './codes.ts';
import type { IroContactCorrection, IroContactInput } from './schemas.ts';
import { midSentence } from '../server/format.ts';

export const ONLY_IROS_CONTACT = 'Only an independent reviewing officer records their contact with the child';

const methodLabel = (code: string) => labelFor(IRO_CONTACT_METHOD, code) ?? code;

/** How, and whether the child was seen alone: "visit, seen alone". */
export const contactSummary = (method: string, seenAlone: boolean | null) =>
  `${midSentence(methodLabel(method))}${seenAlone === null ? '' : seenAlone ? ', seen alone' : ', not seen alone'}`;
/** The chronology's title. */
export const contactTitle = (method: string, seenAlone: boolean | null) => `IRO contact with the child: ${contactSummary(method, seenAlone)}`;

/** What any date of a contact must be: not in the future, not before the child was born. */
async function assertContactDate(tx: Db, childId: string, contactOn: string, today: string): Promise<void> {
  if (contactOn > today) throw new RuleBroken('The date of the contact cannot be in the future', 'contactOn');
  assertNotBeforeBirth(await childDates(tx, childId), contactOn, 'contactOn', 'The date of the contact');
}

export async function recordIroContact(db: Kysely<Database>, user: SignedInUser, childId: string, input: IroContactInput, today: string): Promise<string> {
  if (user.role !== 'iro') throw new Forbidden(ONLY_IROS_CONTACT);
  return db.transaction().execute(async (tx) => {
    await assertContactDate(tx, childId, input.contactOn, today);
    const id = randomUUID();
    await tx.insertInto('iro_contact').values({ id, child_id: childId, contact_on: input.contactOn, method: input.method, seen_alone: input.seenAlone, iro_id: user.id, note: input.note, recorded_by: user.id }).execute();
    await recordEvent(tx, { childId, type: 'iro-contact.recorded', occurredOn: input.contactOn, sourceTable: 'iro_contact', sourceId: id, scopeId: null, title: contactTitle(input.method, input.seenAlone), ...(input.note ? { detail: input.note } : {}) }, user.id);
    return id;
  });
}

/** A contact recorded wrongly, corrected by an IRO: the earlier version is kept with the reason, and the chronology follows. */
export async function correctIroContact(db: Kysely<Database>, user: SignedInUser, childId: string, contactId: string, input: IroContactCorrection, today: string): Promise<void> {
  if (user.role !== 'iro') throw new Forbidden(ONLY_IROS_CONTACT);
  await db.transaction().execute(async (tx) => {
    await iroContactOfChild(tx, childId, contactId);
    await assertContactDate(tx, childId, input.contactOn, today);
    await correctRecord(tx, {
      table: 'iro_contact',
      id: contactId,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: { contact_on: input.contactOn, method: input.method, seen_alone: input.seenAlone, note: input.note },
      event: { occurredOn: input.contactOn, title: contactTitle(input.method, input.seenAlone), detail: input.note },
    });
  });
}

export async function iroContactOfChild(db: Db, childId: string, contactId: string) {
  const contact = await db.selectFrom('iro_contact').selectAll().where('id', '=', contactId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!contact || contact.child_id !== childId) throw new NotFound('No IRO contact with that id for this child');
  return contact;
}

/** A contact recorded in error, deleted with the reason (kept with the deleted version); the chronology entry goes with it. */
export async function deleteIroContact(db: Kysely<Database>, user: SignedInUser, childId: string, contactId: string, reason: string): Promise<void> {
  if (user.role !== 'iro') throw new Forbidden(ONLY_IROS_CONTACT);
  await db.transaction().execute(async (tx) => {
    await iroContactOfChild(tx, childId, contactId);
    await deleteRecord(tx, { table: 'iro_contact', id: contactId, actorId: user.id, reason, childId });
  });
}

/** The child's contacts with the IRO, latest first, with the IRO's name and how long since the last. */
export async function iroContactsOf(db: Db, childId: string) {
  const rows = await db
    .selectFrom('iro_contact as c')
    .innerJoin('app_user as u', 'u.id', 'c.iro_id')
    .select(['c.id', 'c.contact_on', 'c.method', 'c.seen_alone', 'c.note', 'u.display_name as iro_name'])
    .where('c.child_id', '=', childId)
    .where('c.deleted_at', 'is', null)
    .orderBy('c.contact_on', 'desc')
    .orderBy('c.recorded_at', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, methodLabel: methodLabel(r.method), seenAloneText: r.seen_alone === null ? 'Not applicable' : r.seen_alone ? 'Yes' : 'No' }));
}
