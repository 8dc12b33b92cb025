// Family group decision-making before proceedings: Children Act 1989 s.31ZA, inserted by the
// Children's Wellbeing and Schools Act 2026 s.1 (policy-2026.md §1; decision 0032). Before applying
// for a care or supervision order the council must offer a family group decision-making meeting, in
// the letter before proceedings, to the parents and everyone with parental responsibility; if anyone
// accepts, it must hold the meeting before applying, unless it decides that offering, or holding, the
// meeting would not be in the child's best interests. Here: the offer to each person and their
// answer, the meetings with who attended (and their relationship to the child) and the family's
// proposal, the best-interests decisions (who, when, why), and the gate the care application passes.
// Each is tied to the pre-proceedings it belongs to. Access is checked by the route guard.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import { updateRecord } from '../db/history.ts';
import { relationshipsOf } from '../people/record.ts';
import { labelFor } from '../codes/index.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { FGDM_EXEMPTION_COVERS, FGDM_RESPONSE, PARENT_KINDS } from './codes.ts';
import type { FgdmAttendee } from './tables.ts';
import type { FgdmExemptionCorrection, FgdmExemptionInput, FgdmMeetingCorrection, FgdmMeetingInput, FgdmOfferInput, FgdmResponseInput } from './family-group-schemas.ts';
import { dutyAppliesOn, fgdmDuty } from './family-group-duty.ts';
import * as repo from './repository.ts';
import * as fgRepo from './family-group-repository.ts';
import { notBeforeBirth, notInFuture } from './service.ts';

/** The statute, as a worker reads it in a refusal. */
export const S31ZA = 'Children Act 1989 s.31ZA, inserted by the Children’s Wellbeing and Schools Act 2026 s.1';

async function preOfChild(db: Db, childId: string, preProceedingsId: string) {
  const pre = await repo.findPreProceedings(db, preProceedingsId);
  if (!pre || pre.child_id !== childId) throw new NotFound('No pre-proceedings with that id for this child');
  return pre;
}

/** Within the pre-proceedings: not before the letter, not after they ended. */
function withinPre(pre: repo.PreProceedingsRow, date: string, field: string, what: string) {
  if (date < pre.letter_sent_on) throw new RuleBroken(`${what} cannot be before the letter before proceedings was sent (${formatDate(pre.letter_sent_on)})`, field);
  if (pre.ended_on && date > pre.ended_on) throw new RuleBroken(`Pre-proceedings ended on ${formatDate(pre.ended_on)}: ${midSentence(what)} after that is not part of them`, field);
}

const fullName = (p: { first_name: string; last_name: string }) => `${p.first_name} ${p.last_name}`;

/**
 * The child's family network on the record today: every current relationship, with whether the person
 * is to be offered the meeting (a parent, or anyone with parental responsibility: s.31ZA(1)).
 */
export async function familyNetwork(db: Db, childId: string) {
  const relationships = await relationshipsOf(db, childId);
  return relationships
    .filter((r) => r.ended_on === null && r.other_kind !== 'child' && r.other_kind !== 'unborn')
    .map((r) => ({
      personId: r.other_id,
      name: fullName(r),
      relationship: r.kindLabel,
      parentalResponsibility: !r.fromOtherSide && r.parental_responsibility,
      toBeOffered: !r.fromOtherSide && (r.parental_responsibility || PARENT_KINDS.includes(r.kind)),
    }));
}

// ---------------------------------------------------------------------------------------------
// The offer and the answers
// ---------------------------------------------------------------------------------------------

/** Records the offer of a meeting to each person chosen; each offer is its own fact, with its own answer. */
export async function recordFgdmOffer(db: Kysely<Database>, user: SignedInUser, childId: string, preProceedingsId: string, input: FgdmOfferInput, today: string): Promise<string> {
  notInFuture(input.offeredOn, today, 'offeredOn', 'The date of the offer');
  return db.transaction().execute(async (tx) => {
    const pre = await preOfChild(tx, childId, preProceedingsId);
    withinPre(pre, input.offeredOn, 'offeredOn', 'The offer');
    const network = await familyNetwork(tx, childId);
    const already = await fgRepo.fgdmOffersOf(tx, [preProceedingsId]);
    const ids: string[] = [];
    for (const personId of new Set(input.personIds)) {
      const person = network.find((p) => p.personId === personId && p.toBeOffered);
      if (!person) throw new RuleBroken('The meeting is offered to the child’s parents and anyone with parental responsibility recorded on the child’s record: choose from them', 'personIds');
      const offered = already.find((o) => o.person_id === personId);
      if (offered) throw new RuleBroken(`${person.name} was already offered the meeting on ${formatDate(offered.offered_on)}`, 'personIds');
      const id = randomUUID();
      await tx
        .insertInto('fgdm_offer')
        .values({ id, child_id: childId, pre_proceedings_id: pre.id, person_id: personId, relationship: person.relationship, parental_responsibility: person.parentalResponsibility, offered_on: input.offeredOn, recorded_by: user.id })
        .execute();
      await recordEvent(
        tx,
        {
          childId,
          type: 'fgdm.offered',
          occurredOn: input.offeredOn,
          sourceTable: 'fgdm_offer',
          sourceId: id,
          scopeId: pre.id,
          title: `Family group decision-making meeting offered to ${person.name} (${midSentence(person.relationship)})`,
          detail: input.offeredOn === pre.letter_sent_on ? 'Offered in the letter before proceedings.' : `Offered after the letter before proceedings of ${formatDate(pre.letter_sent_on)}.`,
        },
        user.id,
        { refresh: false },
      );
      ids.push(id);
    }
    return ids[0]!;
  });
}

export async function fgdmOfferOf(db: Db, childId: string, offerId: string) {
  const offer = await fgRepo.findFgdmOffer(db, offerId);
  if (!offer || offer.child_id !== childId) throw new NotFound('No offer of a family group meeting with that id for this child');
  return offer;
}

const RESPONSE_VERB: Record<string, string> = { accepted: 'accepted', declined: 'declined', no_response: 'gave no answer to' };
const responseTitle = (name: string, response: string) => `${name} ${RESPONSE_VERB[response] ?? response} the offer of a family group meeting`;

/**
 * Records a person's answer. Changing an answer already recorded (someone who declined now accepts)
 * needs a reason, and the answer as it was is kept with it.
 */
export async function recordFgdmResponse(db: Kysely<Database>, user: SignedInUser, childId: string, offerId: string, input: FgdmResponseInput, today: string): Promise<string> {
  notInFuture(input.respondedOn, today, 'respondedOn', 'The date of the answer');
  return db.transaction().execute(async (tx) => {
    const offer = await fgdmOfferOf(tx, childId, offerId);
    if (input.respondedOn < offer.offered_on) throw new RuleBroken(`The answer cannot be before the offer was made (${formatDate(offer.offered_on)})`, 'respondedOn');
    const person = await tx.selectFrom('person').select(['first_name', 'last_name']).where('id', '=', offer.person_id).executeTakeFirstOrThrow();
    const name = fullName(person);
    const event = { occurredOn: input.respondedOn, title: responseTitle(name, input.response), detail: input.reason };
    if (offer.response === null) {
      await updateRecord(tx, 'fgdm_offer', offerId, { response: input.response, responded_on: input.respondedOn }, user.id);
      await recordEvent(tx, { childId, type: 'fgdm.response', sourceTable: 'fgdm_offer', sourceId: offerId, scopeId: offer.pre_proceedings_id, ...event }, user.id, { refresh: false });
      return offerId;
    }
    if (!input.reason) {
      throw new RuleBroken(`${name}’s answer (${midSentence(labelFor(FGDM_RESPONSE, offer.response))}, ${formatDate(offer.responded_on!)}) is already recorded: say why it is changing`, 'reason');
    }
    await updateRecord(tx, 'fgdm_offer', offerId, { response: input.response, responded_on: input.respondedOn }, user.id, undefined, input.reason);
    await tx.updateTable('child_event').set(event.detail ? { occurred_on: event.occurredOn, title: event.title, detail: event.detail } : { occurred_on: event.occurredOn, title: event.title }).where('source_id', '=', offerId).where('type', '=', 'fgdm.response').where('deleted_at', 'is', null).execute();
    return offerId;
  });
}

/**
 * Deletes a record of family group decision-making with the reason, once it is found to be this
 * child's (`find` says which it is not, as NotFound). deleteRecord refreshes the child's clocks, so
 * the care application's gate and the due lists follow.
 */
async function deleteFgdmRecord(
  db: Kysely<Database>,
  user: SignedInUser,
  childId: string,
  record: { table: 'fgdm_offer' | 'fgdm_meeting' | 'fgdm_exemption'; id: string; find: (tx: Db, childId: string, id: string) => Promise<unknown> },
  reason: string,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await record.find(tx, childId, record.id);
    await deleteRecord(tx, { table: record.table, id: record.id, actorId: user.id, reason, childId });
  });
}

/** Deletes an offer recorded in error (with its answer), with the reason. */
export async function deleteFgdmOffer(db: Kysely<Database>, user: SignedInUser, childId: string, offerId: string, reason: string): Promise<void> {
  await deleteFgdmRecord(db, user, childId, { table: 'fgdm_offer', id: offerId, find: fgdmOfferOf }, reason);
}

// ---------------------------------------------------------------------------------------------
// Meetings
// ---------------------------------------------------------------------------------------------

/**
 * Who attended: people on the child's record, by their relationship, and others typed one a line as
 * "name, relationship to the child" (a friend or a connected person the record does not hold).
 */
export async function attendeesOf(db: Db, childId: string, attendeeIds: readonly string[], otherAttendees: string | null): Promise<FgdmAttendee[]> {
  const network = await familyNetwork(db, childId);
  const attendees: FgdmAttendee[] = [];
  for (const id of new Set(attendeeIds)) {
    const person = network.find((p) => p.personId === id);
    if (!person) throw new RuleBroken('Choose attendees from the child’s family network on the record, or type the others below', 'attendeeIds');
    attendees.push({ personId: id, name: person.name, relationship: person.relationship });
  }
  for (const line of (otherAttendees ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const comma = line.lastIndexOf(',');
    const name = comma > 0 ? line.slice(0, comma).trim() : '';
    const relationship = comma > 0 ? line.slice(comma + 1).trim() : '';
    if (!name || !relationship) {
      throw new RuleBroken(`Give each other attendee’s relationship to the child after a comma, for example “Ama Owusu, family friend” (not “${line.slice(0, 60)}”)`, 'otherAttendees');
    }
    attendees.push({ personId: null, name: name.slice(0, 200), relationship: relationship.slice(0, 200) });
  }
  if (attendees.length === 0) throw new RuleBroken('Say who attended the meeting', 'attendeeIds');
  return attendees;
}

const meetingEvent = (heldOn: string, attendees: readonly FgdmAttendee[], proposal: string) => ({
  occurredOn: heldOn,
  title: `Family group decision-making meeting: ${attendees.length} attended`,
  detail: `Attended: ${attendees.map((a) => `${a.name} (${midSentence(a.relationship)})`).join(', ')}.\nThe family’s proposal: ${proposal}`,
});

export async function recordFgdmMeeting(db: Kysely<Database>, user: SignedInUser, childId: string, preProceedingsId: string, input: FgdmMeetingInput, today: string): Promise<string> {
  notInFuture(input.heldOn, today, 'heldOn', 'The date of the meeting');
  return db.transaction().execute(async (tx) => {
    const pre = await preOfChild(tx, childId, preProceedingsId);
    await notBeforeBirth(tx, childId, input.heldOn, 'heldOn', 'The date of the meeting');
    withinPre(pre, input.heldOn, 'heldOn', 'A family group meeting');
    const attendees = await attendeesOf(tx, childId, input.attendeeIds, input.otherAttendees);
    const id = randomUUID();
    await tx
      .insertInto('fgdm_meeting')
      .values({ id, child_id: childId, pre_proceedings_id: pre.id, held_on: input.heldOn, attendees: JSON.stringify(attendees), family_proposal: input.familyProposal, recorded_by: user.id })
      .execute();
    await recordEvent(tx, { childId, type: 'fgdm.meeting', sourceTable: 'fgdm_meeting', sourceId: id, scopeId: pre.id, ...meetingEvent(input.heldOn, attendees, input.familyProposal) }, user.id);
    return id;
  });
}

export async function fgdmMeetingOf(db: Db, childId: string, meetingId: string) {
  const meeting = await fgRepo.findFgdmMeeting(db, meetingId);
  if (!meeting || meeting.child_id !== childId) throw new NotFound('No family group meeting with that id for this child');
  return { ...meeting, attendees: fgRepo.attendeeList(meeting.attendees) };
}

/**
 * Corrects a meeting with the reason; the old version is kept. A meeting that let a care application
 * go ahead cannot be moved after it: the application would not have been made as it was.
 */
export async function correctFgdmMeeting(db: Kysely<Database>, user: SignedInUser, childId: string, meetingId: string, input: FgdmMeetingCorrection, today: string): Promise<void> {
  notInFuture(input.heldOn, today, 'heldOn', 'The date of the meeting');
  await db.transaction().execute(async (tx) => {
    const meeting = await fgdmMeetingOf(tx, childId, meetingId);
    const pre = await preOfChild(tx, childId, meeting.pre_proceedings_id);
    await notBeforeBirth(tx, childId, input.heldOn, 'heldOn', 'The date of the meeting');
    withinPre(pre, input.heldOn, 'heldOn', 'A family group meeting');
    const attendees = await attendeesOf(tx, childId, input.attendeeIds, input.otherAttendees);
    await correctRecord(tx, {
      table: 'fgdm_meeting',
      id: meetingId,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: { held_on: input.heldOn, attendees: JSON.stringify(attendees), family_proposal: input.familyProposal },
      event: meetingEvent(input.heldOn, attendees, input.familyProposal),
    });
  });
}

export async function deleteFgdmMeeting(db: Kysely<Database>, user: SignedInUser, childId: string, meetingId: string, reason: string): Promise<void> {
  await deleteFgdmRecord(db, user, childId, { table: 'fgdm_meeting', id: meetingId, find: fgdmMeetingOf }, reason);
}

// ---------------------------------------------------------------------------------------------
// Best-interests decisions
// ---------------------------------------------------------------------------------------------

const exemptionEvent = (input: { covers: string; decidedOn: string; decidedBy: string; why: string }) => ({
  occurredOn: input.decidedOn,
  title: `Decided: ${midSentence(labelFor(FGDM_EXEMPTION_COVERS, input.covers) ?? input.covers)}, as it is not in the child’s best interests`,
  detail: `Decided by ${input.decidedBy}. ${input.why}`,
});

export async function recordFgdmExemption(db: Kysely<Database>, user: SignedInUser, childId: string, preProceedingsId: string, input: FgdmExemptionInput, today: string): Promise<string> {
  notInFuture(input.decidedOn, today, 'decidedOn', 'The date of the decision');
  return db.transaction().execute(async (tx) => {
    const pre = await preOfChild(tx, childId, preProceedingsId);
    await exemptionFitsPre(tx, pre, input.decidedOn);
    const existing = (await fgRepo.fgdmExemptionsOf(tx, [pre.id])).find((e) => e.covers === input.covers);
    if (existing) throw new RuleBroken(`This decision was already recorded on ${formatDate(existing.decided_on)}: correct it rather than record it again`, 'covers');
    const id = randomUUID();
    await tx
      .insertInto('fgdm_exemption')
      .values({ id, child_id: childId, pre_proceedings_id: pre.id, covers: input.covers, decided_on: input.decidedOn, decided_by: input.decidedBy, reason: input.why, recorded_by: user.id })
      .execute();
    await recordEvent(tx, { childId, type: 'fgdm.exemption', sourceTable: 'fgdm_exemption', sourceId: id, scopeId: pre.id, ...exemptionEvent(input) }, user.id);
    return id;
  });
}

/** A decision about these pre-proceedings is made once they are decided on, and before they end. */
async function exemptionFitsPre(tx: Db, pre: repo.PreProceedingsRow, decidedOn: string) {
  const lpm = await tx.selectFrom('legal_planning_meeting').select('held_on').where('id', '=', pre.legal_planning_meeting_id).executeTakeFirst();
  if (lpm && decidedOn < lpm.held_on) throw new RuleBroken(`The decision cannot be before the legal planning meeting that decided on pre-proceedings (${formatDate(lpm.held_on)})`, 'decidedOn');
  if (pre.ended_on && decidedOn > pre.ended_on) throw new RuleBroken(`Pre-proceedings ended on ${formatDate(pre.ended_on)}: a decision after that is not part of them`, 'decidedOn');
}

export async function fgdmExemptionOf(db: Db, childId: string, exemptionId: string) {
  const exemption = await fgRepo.findFgdmExemption(db, exemptionId);
  if (!exemption || exemption.child_id !== childId) throw new NotFound('No best-interests decision with that id for this child');
  return exemption;
}

export async function correctFgdmExemption(db: Kysely<Database>, user: SignedInUser, childId: string, exemptionId: string, input: FgdmExemptionCorrection, today: string): Promise<void> {
  notInFuture(input.decidedOn, today, 'decidedOn', 'The date of the decision');
  await db.transaction().execute(async (tx) => {
    const exemption = await fgdmExemptionOf(tx, childId, exemptionId);
    const pre = await preOfChild(tx, childId, exemption.pre_proceedings_id);
    await exemptionFitsPre(tx, pre, input.decidedOn);
    if (input.covers !== exemption.covers && (await fgRepo.fgdmExemptionsOf(tx, [pre.id])).some((e) => e.covers === input.covers)) {
      throw new RuleBroken('That decision is already recorded for these pre-proceedings', 'covers');
    }
    await correctRecord(tx, {
      table: 'fgdm_exemption',
      id: exemptionId,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: { covers: input.covers, decided_on: input.decidedOn, decided_by: input.decidedBy, reason: input.why },
      event: exemptionEvent(input),
    });
  });
}

export async function deleteFgdmExemption(db: Kysely<Database>, user: SignedInUser, childId: string, exemptionId: string, reason: string): Promise<void> {
  await deleteFgdmRecord(db, user, childId, { table: 'fgdm_exemption', id: exemptionId, find: fgdmExemptionOf }, reason);
}

// ---------------------------------------------------------------------------------------------
// The gate and the reading
// ---------------------------------------------------------------------------------------------

/**
 * Why a care application made on this day, after these pre-proceedings, must wait (null if it need
 * not): someone accepted the offer of a family group meeting, none has been held by that day, and the
 * council has not decided that holding it is not in the child's best interests. Off while the council
 * setting says the duty is not yet in force. s.31ZA(2)-(3).
 */
export async function fgdmBarsApplication(db: Db, preProceedingsId: string, appliedOn: string): Promise<string | null> {
  if (!dutyAppliesOn(await fgdmDuty(db), appliedOn)) return null;
  const state = await fgRepo.fgdmGateState(db, preProceedingsId, appliedOn);
  if (state.accepted.length === 0 || state.meetingHeld || state.exempted) return null;
  const names = state.accepted.join(' and ');
  return `${names} accepted the offer of a family group decision-making meeting, and none has been held: hold the meeting before the care application, or record the council’s decision that holding it is not in the child’s best interests (${S31ZA})`;
}

export async function assertFgdmAllowsApplication(db: Db, preProceedingsId: string | null, appliedOn: string, field = 'issuedOn'): Promise<void> {
  if (!preProceedingsId) return;
  const bar = await fgdmBarsApplication(db, preProceedingsId, appliedOn);
  if (bar) throw new RuleBroken(bar, field);
}

/** Everything recorded about family group decision-making in one pre-proceedings, with what is still owed. */
export async function familyGroupOf(db: Db, childId: string, preProceedingsId: string, today: string) {
  const pre = await preOfChild(db, childId, preProceedingsId);
  const [offers, meetings, exemptions, network, duty] = await Promise.all([
    fgRepo.fgdmOffersOf(db, [pre.id]),
    fgRepo.fgdmMeetingsOf(db, [pre.id]),
    fgRepo.fgdmExemptionsOf(db, [pre.id]),
    familyNetwork(db, childId),
    fgdmDuty(db),
  ]);
  const offered = new Set(offers.map((o) => o.person_id));
  const accepted = offers.filter((o) => o.response === 'accepted');
  const notOffering = exemptions.find((e) => e.covers === 'offer') ?? null;
  const notHolding = exemptions.find((e) => e.covers === 'meeting') ?? null;
  const barOn = pre.ended_on ?? today;
  return {
    pre,
    duty,
    dutyInForce: dutyAppliesOn(duty, barOn),
    offers: offers.map((o) => ({ ...o, responseLabel: o.response ? labelFor(FGDM_RESPONSE, o.response) : null })),
    meetings: meetings.map((m) => ({ ...m, attendees: fgRepo.attendeeList(m.attendees) })),
    exemptions: exemptions.map((e) => ({ ...e, coversLabel: labelFor(FGDM_EXEMPTION_COVERS, e.covers) })),
    /** Parents and people with parental responsibility not yet offered the meeting. */
    notYetOffered: notOffering ? [] : network.filter((p) => p.toBeOffered && !offered.has(p.personId)),
    network,
    /** A care application would wait: someone accepted, no meeting, no decision not to hold it. */
    applicationWaits: accepted.length > 0 && meetings.length === 0 && !notHolding,
    notOffering,
    notHolding,
  };
}
