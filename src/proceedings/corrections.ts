// Correcting what was recorded about care proceedings, and deleting a hearing or an order: the old
// version is kept with the reason, the chronology follows, and a corrected issue date moves the
// 26-week clock (Children Act 1989 s.32(1)(a)). The same rules as recording them (service.ts).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { refreshClocks } from '../clocks/refresh.ts';
import { daysBetween } from '../calendar/index.ts';
import { correctRecord, deleteRecord, type Correction } from '../server/corrections.ts';
import { formatDate } from '../server/format.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import type { HearingCorrection, OrderCorrection, ProceedingsCorrection } from './schemas.ts';
import * as repo from './repository.ts';
import { assertFgdmAllowsApplication } from './family-group.ts';
import { hearingEvent, issueEvent, notBeforeBirth, notInFuture, orderEvent, proceedingsOfChildOrNotFound, withinProceedings } from './service.ts';

/**
 * Moves one journal event of a record (a record with two, such as proceedings issued and concluded,
 * keeps the other as it is), and re-derives the child's clocks from the journal.
 */
async function correctEventOfType(tx: Db, childId: string, sourceId: string, type: string, changes: { occurredOn?: string; title: string; detail?: string | null }) {
  await tx
    .updateTable('child_event')
    .set({ ...(changes.occurredOn ? { occurred_on: changes.occurredOn } : {}), title: changes.title, ...(changes.detail !== undefined ? { detail: changes.detail } : {}) })
    .where('source_id', '=', sourceId)
    .where('type', '=', type)
    .where('deleted_at', 'is', null)
    .execute();
  await refreshClocks(tx, childId);
}

/**
 * Corrects the issue of care proceedings (the date, court, case number, application, first hearing)
 * with the reason; the old version is kept. A new issue date moves the 26-week clock (issue date +
 * 26 weeks − 1 day, s.32(1)(a)), and must still follow the decision that led to the proceedings and
 * come before every hearing and order recorded in them. Pre-proceedings that ended because the
 * proceedings were issued end on the corrected date too.
 */
export async function correctProceedings(
  db: Kysely<Database>,
  user: SignedInUser,
  childId: string,
  proceedingsId: string,
  input: ProceedingsCorrection,
  today: string,
): Promise<void> {
  notInFuture(input.issuedOn, today, 'issuedOn', 'The issue date');
  await db.transaction().execute(async (tx) => {
    const proceedings = await proceedingsOfChildOrNotFound(tx, childId, proceedingsId, { lock: true });
    await notBeforeBirth(tx, childId, input.issuedOn, 'issuedOn', 'The issue date');
    const moved = input.issuedOn !== proceedings.issued_on;
    // Pre-proceedings closed by this issue end with it; others had to end before it.
    const pre = proceedings.pre_proceedings_id ? await repo.findPreProceedings(tx, proceedings.pre_proceedings_id, { lock: true }) : null;
    const closedByIssue = pre !== undefined && pre !== null && pre.outcome === 'issue_proceedings' && pre.ended_on === proceedings.issued_on;
    if (moved && pre && closedByIssue) {
      if (input.issuedOn < pre.letter_sent_on) {
        throw new RuleBroken(`Proceedings cannot be issued before the letter before proceedings was sent (${formatDate(pre.letter_sent_on)})`, 'issuedOn');
      }
      const lastMeeting = await repo.lastPreProceedingsMeeting(tx, pre.id);
      if (lastMeeting && input.issuedOn < lastMeeting.held_on) {
        throw new RuleBroken(`Proceedings cannot be issued before the pre-proceedings meeting on ${formatDate(lastMeeting.held_on)} that is recorded`, 'issuedOn');
      }
    } else if (moved && pre?.ended_on && input.issuedOn < pre.ended_on) {
      throw new RuleBroken(`Proceedings cannot be issued before pre-proceedings ended with the decision to issue them (${formatDate(pre.ended_on)})`, 'issuedOn');
    }
    if (moved && proceedings.legal_planning_meeting_id) {
      const decision = await tx.selectFrom('legal_planning_meeting').select('held_on').where('id', '=', proceedings.legal_planning_meeting_id).executeTakeFirst();
      if (decision && input.issuedOn < decision.held_on) {
        throw new RuleBroken(`Proceedings cannot be issued before the legal planning meeting that decided to issue them (${formatDate(decision.held_on)})`, 'issuedOn');
      }
    }
    // A new application date still answers s.31ZA: an accepted family group meeting held by then.
    if (moved) await assertFgdmAllowsApplication(tx, proceedings.pre_proceedings_id, input.issuedOn);
    const first = await repo.firstCourtDate(tx, proceedingsId);
    if (first && input.issuedOn > first.date) {
      throw new RuleBroken(`The ${first.what} on ${formatDate(first.date)} is recorded in these proceedings: they cannot have been issued after it`, 'issuedOn');
    }
    if (input.firstHearingOn && first?.what === 'hearing' && input.firstHearingOn > first.date) {
      throw new RuleBroken(`A hearing on ${formatDate(first.date)} is recorded: the first hearing cannot be after it`, 'firstHearingOn');
    }
    if (proceedings.concluded_on && input.issuedOn > proceedings.concluded_on) {
      throw new RuleBroken(`The proceedings concluded on ${formatDate(proceedings.concluded_on)}: they cannot have been issued after that`, 'issuedOn');
    }
    await correctRecord(tx, {
      table: 'care_proceedings',
      id: proceedingsId,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: { issued_on: input.issuedOn, court: input.court, case_number: input.caseNumber, application_type: input.applicationType, first_hearing_on: input.firstHearingOn, letter_initiating_sent_on: input.letterInitiatingSentOn ?? null },
    });
    if (moved && pre && closedByIssue) {
      await correctRecord(tx, { table: 'pre_proceedings', id: pre.id, actorId: user.id, reason: input.reason, changes: { ended_on: input.issuedOn } });
      await correctEventOfType(tx, childId, pre.id, 'pre-proceedings.ended', { occurredOn: input.issuedOn, title: 'Pre-proceedings ended: care proceedings to be issued' });
    }
    if (moved && proceedings.concluded_on) {
      const weeks = Math.floor(daysBetween(input.issuedOn, proceedings.concluded_on) / 7) + 1;
      await correctEventOfType(tx, childId, proceedingsId, 'proceedings.concluded', { title: `Care proceedings concluded in week ${weeks}` });
    }
    // The issued event starts the 26-week clock: moving it moves the clock.
    await correctEventOfType(tx, childId, proceedingsId, 'proceedings.issued', issueEvent(input));
  });
}

/** The hearing or order if it is the child's; another child's is not found, as a missing one is. */
function ofChild<R extends { child_id: string }>(record: R | undefined, childId: string, noun: 'hearing' | 'order'): R {
  if (!record || record.child_id !== childId) throw new NotFound(`No ${noun} with that id for this child`);
  return record;
}

export async function hearingOf(db: Db, childId: string, hearingId: string) {
  return ofChild(await repo.findHearing(db, hearingId), childId, 'hearing');
}

export async function orderOf(db: Db, childId: string, orderId: string) {
  return ofChild(await repo.findOrder(db, orderId), childId, 'order');
}

/** What differs between a hearing and an order when one is corrected or deleted. */
interface CourtRecord {
  table: 'court_hearing' | 'court_order';
  of: (db: Db, childId: string, id: string) => Promise<{ proceedings_id: string }>;
  /** The field of its date, and how messages name the date and the record. */
  dateField: string;
  dateName: string;
  name: string;
}

const HEARING: CourtRecord = { table: 'court_hearing', of: hearingOf, dateField: 'heardOn', dateName: 'The date of the hearing', name: 'A hearing' };
const ORDER: CourtRecord = { table: 'court_order', of: orderOf, dateField: 'madeOn', dateName: 'The date of the order', name: 'An order' };

/** A hearing or an order keeps to the rules of recording it: not in the future, not before birth, within its proceedings. */
async function correctCourtRecord(
  db: Kysely<Database>,
  user: SignedInUser,
  childId: string,
  today: string,
  kind: CourtRecord,
  id: string,
  /** The date it happened, as corrected. */
  date: string,
  correction: Pick<Correction, 'reason' | 'expectedVersion' | 'changes' | 'event'>,
): Promise<void> {
  notInFuture(date, today, kind.dateField, kind.dateName);
  await db.transaction().execute(async (tx) => {
    const record = await kind.of(tx, childId, id);
    const proceedings = await proceedingsOfChildOrNotFound(tx, childId, record.proceedings_id);
    await notBeforeBirth(tx, childId, date, kind.dateField, kind.dateName);
    withinProceedings(proceedings, date, kind.dateField, kind.name);
    await correctRecord(tx, { table: kind.table, id, actorId: user.id, ...correction });
  });
}

async function deleteCourtRecord(db: Kysely<Database>, user: SignedInUser, childId: string, kind: CourtRecord, id: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await kind.of(tx, childId, id);
    await deleteRecord(tx, { table: kind.table, id, actorId: user.id, reason, childId });
  });
}

/** Corrects a hearing with the reason; the old version is kept and the chronology follows. */
export async function correctHearing(db: Kysely<Database>, user: SignedInUser, childId: string, hearingId: string, input: HearingCorrection, today: string): Promise<void> {
  await correctCourtRecord(db, user, childId, today, HEARING, hearingId, input.heardOn, {
    reason: input.reason,
    expectedVersion: input.version,
    changes: { heard_on: input.heardOn, hearing_type: input.hearingType, outcome: input.outcome, next_hearing_on: input.nextHearingOn },
    event: hearingEvent(input),
  });
}

export async function deleteHearing(db: Kysely<Database>, user: SignedInUser, childId: string, hearingId: string, reason: string): Promise<void> {
  await deleteCourtRecord(db, user, childId, HEARING, hearingId, reason);
}

/** Corrects an order with the reason; the old version is kept and the chronology follows. */
export async function correctOrder(db: Kysely<Database>, user: SignedInUser, childId: string, orderId: string, input: OrderCorrection, today: string): Promise<void> {
  await correctCourtRecord(db, user, childId, today, ORDER, orderId, input.madeOn, {
    reason: input.reason,
    expectedVersion: input.version,
    changes: { made_on: input.madeOn, order_type: input.orderType, note: input.note },
    event: orderEvent(input),
  });
}

export async function deleteOrder(db: Kysely<Database>, user: SignedInUser, childId: string, orderId: string, reason: string): Promise<void> {
  await deleteCourtRecord(db, user, childId, ORDER, orderId, reason);
}
