// The front door: contacts from anyone (recorded by a front door worker, or sent online by a partner
// agency and matched to a child), checks with other agencies, the manager's threshold decision within
// one working day (the 'contact-decision' clock), telling the referrer, and a second look at
// no-service decisions made while risk was recorded (Southend ¶18).
//
// While a child's contact waits at the front door, the front door worker who took it holds the child
// (an allocation with role 'front_door'): the contact's clock then shows in that worker's and their
// team's due lists, and the front door manager can see the child to decide. The hold ends when the
// child has nothing left at the front door: every contact decided, looked at again where it had to
// be, and its referrer told the outcome.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { requireChangeChild, requireSeeChild, type SignedInUser } from '../access/policy.ts';
import { can } from '../access/roles.ts';
import { workingDaysBetween } from '../calendar/index.ts';
import { recordEvent } from '../chronology/journal.ts';
import { labelFor, REFERRAL_SOURCE } from '../codes/index.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { Database } from '../db/schema.ts';
import { startEarlyHelpEpisode } from '../early-help/service.ts';
import { receiveReferral } from '../episodes/service.ts';
import { addChild } from '../people/create.ts';
import { likelyDuplicates } from '../people/duplicates.ts';
import { newChildSchema } from '../people/schemas.ts';
import { Forbidden, NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import type { TimeSource } from '../server/time.ts';
import {
  CHECK_AGENCY,
  CONTACT_OUTCOME,
  FEEDBACK_METHOD,
  IMMEDIATE_S47_PROMPT,
  NO_SERVICE_OUTCOMES,
  NON_PROFESSIONAL_SOURCES,
  OUTCOME_FOR_PARTNER,
  REFERRAL_OUTCOMES,
  RISK_INDICATOR,
  type ContactOutcomeCode,
} from './codes.ts';
import * as repo from './repository.ts';
import type { ContactRow } from './repository.ts';
import type { AgencyAnswerInput, AgencyCheckInput, ContactInput, DecisionInput, PartnerReferralInput, ReferrerInformedInput, SecondLookInput } from './schemas.ts';
import type { z } from 'zod';
import type { NewChildForMatch } from './schemas.ts';

// ---------------------------------------------------------------------------------------------
// Who may do what
// ---------------------------------------------------------------------------------------------

/** Front door staff: front door workers, and managers of a front door team. They see partners' unmatched referrals. */
export async function isFrontDoorStaff(db: Db, user: SignedInUser): Promise<boolean> {
  if (user.role === 'front_door_worker') return true;
  return can(user.role, 'decide-threshold') && (await repo.teamService(db, user.teamId)) === 'front-door';
}

/** The front door queue is for front door workers and the managers who decide on contacts. */
export const mayUseFrontDoor = (user: SignedInUser) => user.role === 'front_door_worker' || can(user.role, 'decide-threshold');

function requireCasework(user: SignedInUser): void {
  if (!can(user.role, 'record-casework')) throw new Forbidden('You cannot record contacts.');
}

function requireDecider(user: SignedInUser, what: string): void {
  if (!can(user.role, 'decide-threshold')) throw new Forbidden(`Only a team manager can ${what}.`);
}

/**
 * A contact, for someone who may see (or change) it. A partner never opens a contact here: they see
 * their own referrals, without the record, through partnerReferral.
 */
async function contactFor(db: Db, user: SignedInUser, contactId: string, mode: 'see' | 'change'): Promise<ContactRow> {
  if (user.role === 'partner_agency') throw new Forbidden('You do not have access to this child’s record.');
  const contact = await repo.contactById(db, contactId);
  if (!contact) throw new NotFound('No contact with that id');
  if (!contact.child_id) {
    if (!(await isFrontDoorStaff(db, user))) throw new Forbidden('Only the front door can open a referral that is not yet matched to a child.');
    if (mode === 'change' && !can(user.role, 'record-casework')) throw new Forbidden('You cannot change this referral.');
    return contact;
  }
  if (mode === 'change') await requireChangeChild(db, user, contact.child_id);
  else await requireSeeChild(db, user, contact.child_id);
  return contact;
}

// ---------------------------------------------------------------------------------------------
// Describing a contact
// ---------------------------------------------------------------------------------------------

export const sourceLabel = (code: string) => labelFor(REFERRAL_SOURCE, code) ?? code;
export const outcomeLabel = (code: string | null) => (code ? (labelFor(CONTACT_OUTCOME, code) ?? code) : null);
export const riskLabels = (codes: readonly string[]) => codes.map((c) => labelFor(RISK_INDICATOR, c) ?? c);
export const agencyLabel = (code: string) => labelFor(CHECK_AGENCY, code) ?? code;
export const methodLabel = (code: string | null) => (code ? (labelFor(FEEDBACK_METHOD, code) ?? code) : null);

/** The outcome that stands: the second look's where it changed the decision. */
export const currentOutcome = (contact: Pick<ContactRow, 'outcome' | 'new_outcome'>) => contact.new_outcome ?? contact.outcome;

export type ContactStatus = 'awaiting match' | 'awaiting decision' | 'awaiting second look' | 'decided';

export function statusOf(contact: ContactRow): ContactStatus {
  if (!contact.child_id) return 'awaiting match';
  if (!contact.decision_id) return 'awaiting decision';
  if (contact.awaiting_second_look) return 'awaiting second look';
  return 'decided';
}

export const childName = (contact: ContactRow) =>
  contact.child_id ? `${contact.first_name} ${contact.last_name}` : `${contact.subject_first_name ?? ''} ${contact.subject_last_name ?? ''}`.trim();

/** A contact as the pages and the API show it, with its age and decision clock. */
export function describeContact(contact: ContactRow, today: string) {
  const risks = contact.risk_indicators ?? [];
  return {
    id: contact.id,
    childId: contact.child_id,
    childName: childName(contact),
    laChildId: contact.la_child_id,
    receivedOn: contact.received_on,
    receivedTime: contact.received_time,
    source: contact.source,
    sourceLabel: sourceLabel(contact.source),
    referrerIsProfessional: !NON_PROFESSIONAL_SOURCES.includes(contact.source),
    referrer: { name: contact.referrer_name, role: contact.referrer_role, agency: contact.referrer_agency, phone: contact.referrer_phone },
    worry: contact.worry,
    riskIndicators: risks,
    riskLabels: riskLabels(risks),
    consent: contact.consent,
    submittedOnline: contact.submitted_online,
    subject: contact.child_id
      ? null
      : { firstName: contact.subject_first_name, lastName: contact.subject_last_name, dateOfBirth: contact.subject_date_of_birth, address: contact.subject_address, postcode: contact.subject_postcode },
    recordedBy: contact.recorded_by_name,
    status: statusOf(contact),
    /** Working days since it arrived, while it waits for a decision. */
    ageWorkingDays: contact.decision_id ? null : workingDaysBetween(contact.received_on, today),
    decisionDueOn: contact.decision_due_on,
    decisionOverdue: !contact.decision_id && contact.decision_due_on !== null && contact.decision_due_on < today,
    decisionLate: contact.decision_met_on !== null && contact.decision_due_on !== null && contact.decision_met_on > contact.decision_due_on,
    decision: contact.decision_id
      ? {
          decidedOn: contact.decided_on,
          decidedTime: contact.decided_time,
          outcome: contact.outcome,
          outcomeLabel: outcomeLabel(contact.outcome),
          rationale: contact.rationale,
          decidedBy: contact.decided_by_name,
          cinEpisodeId: contact.cin_episode_id,
          earlyHelpEpisodeId: contact.early_help_episode_id,
        }
      : null,
    referrerInformed: contact.informed_on ? { informedOn: contact.informed_on, method: contact.informed_method, methodLabel: methodLabel(contact.informed_method), note: contact.informed_note } : null,
    flaggedForSecondLook: contact.flagged === true,
    awaitingSecondLook: contact.awaiting_second_look === true,
    secondLook: contact.second_look_id
      ? { reviewedOn: contact.reviewed_on, conclusion: contact.conclusion, newOutcome: contact.new_outcome, newOutcomeLabel: outcomeLabel(contact.new_outcome), notes: contact.second_look_notes }
      : null,
    currentOutcome: currentOutcome(contact),
    currentOutcomeLabel: outcomeLabel(currentOutcome(contact)),
  };
}
export type ContactView = ReturnType<typeof describeContact>;

// ---------------------------------------------------------------------------------------------
// Holding the child at the front door
// ---------------------------------------------------------------------------------------------

async function holdAtFrontDoor(tx: Db, childId: string, user: SignedInUser, fromDate: string): Promise<void> {
  if (user.role !== 'front_door_worker') return;
  const holds = await repo.currentHolds(tx, childId);
  if (holds.length > 0) return;
  await tx
    .insertInto('allocation')
    .values({ id: randomUUID(), child_id: childId, worker_id: user.id, role: repo.FRONT_DOOR_HOLD, from_date: fromDate, recorded_by: user.id })
    .execute();
}

async function releaseFrontDoorHold(tx: Db, childId: string, on: string, actorId: string): Promise<void> {
  if (await repo.childHasFrontDoorWork(tx, childId)) return;
  for (const hold of await repo.currentHolds(tx, childId)) {
    await updateRecord(tx, 'allocation', hold.id, { to_date: on < hold.from_date ? hold.from_date : on }, actorId);
  }
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

export async function contactView(db: Db, user: SignedInUser, contactId: string, today: string) {
  const contact = await contactFor(db, user, contactId, 'see');
  const checks = await repo.checksOf(db, contactId);
  return { contact: describeContact(contact, today), checks: checks.map(describeCheck) };
}

function describeCheck(check: Awaited<ReturnType<typeof repo.checksOf>>[number]) {
  return { id: check.id, agency: check.agency, agencyLabel: agencyLabel(check.agency), askedOn: check.asked_on, answeredOn: check.answered_on, summary: check.summary };
}

/** What the front door queue shows the user: contacts waiting, partners' referrals to match, recent decisions. */
export async function frontDoorQueue(db: Db, user: SignedInUser, today: string) {
  if (!mayUseFrontDoor(user)) throw new Forbidden('The front door queue is for front door workers and managers.');
  const since = addCalendarDays(today, -14);
  const [waiting, unmatched, decided, secondLook] = await Promise.all([
    repo.awaitingDecision(db, user),
    (await isFrontDoorStaff(db, user)) ? repo.unmatchedSubmissions(db) : Promise.resolve([]),
    repo.decidedSince(db, user, since),
    can(user.role, 'decide-threshold') ? repo.secondLookQueue(db, user) : Promise.resolve([]),
  ]);
  return {
    awaitingDecision: waiting.map((c) => describeContact(c, today)),
    unmatched: unmatched.map((c) => describeContact(c, today)),
    recentDecisions: decided.map((c) => describeContact(c, today)),
    secondLookCount: secondLook.length,
    recentSince: since,
  };
}

function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Contacts awaiting decision (for the My work panel). */
export async function contactsAwaitingDecision(db: Db, user: SignedInUser, today: string, limit = 20) {
  return (await repo.awaitingDecision(db, user, limit)).map((c) => describeContact(c, today));
}

export async function secondLookList(db: Db, user: SignedInUser, today: string, options: { all?: boolean } = {}) {
  requireDecider(user, 'take a second look at contact decisions');
  return (await repo.secondLookQueue(db, user, options)).map((c) => describeContact(c, today));
}

export async function contactsOfChild(db: Db, user: SignedInUser, childId: string, today: string) {
  if (user.role === 'partner_agency') throw new Forbidden('You do not have access to this child’s record.');
  await requireSeeChild(db, user, childId);
  const child = await repo.childSummary(db, childId);
  if (!child || child.deleted_at) throw new NotFound('No child with that id');
  const contacts = await repo.contactsOfChild(db, childId);
  return { child: { ...child, name: `${child.first_name} ${child.last_name}` }, contacts: contacts.map((c) => describeContact(c, today)) };
}

/** One line for the child's record. */
export async function contactsSummary(db: Db, childId: string): Promise<string | null> {
  const contacts = await repo.contactsOfChild(db, childId);
  const [latest] = contacts;
  if (!latest) return null;
  const count = contacts.length === 1 ? '1 contact' : `${contacts.length} contacts`;
  const outcome = outcomeLabel(currentOutcome(latest));
  const state = outcome ? `decision: ${outcome.toLowerCase()}` : 'awaiting a decision';
  return `${count}; latest received ${formatDate(latest.received_on)}, ${state}`;
}

// ---------------------------------------------------------------------------------------------
// Partner agencies: their own referrals and the outcome, never the record
// ---------------------------------------------------------------------------------------------

function requirePartner(user: SignedInUser): void {
  if (!can(user.role, 'make-referral')) throw new Forbidden('Online referrals are made by partner agency users.');
}

/** What a partner sees of a referral: what they sent, whether it is decided, the outcome and when they were told. */
function partnerView(contact: ContactRow) {
  const outcome = currentOutcome(contact) as ContactOutcomeCode | null;
  return {
    id: contact.id,
    childName: childName(contact),
    dateOfBirth: contact.child_id ? null : contact.subject_date_of_birth,
    receivedOn: contact.received_on,
    receivedTime: contact.received_time,
    worry: contact.worry,
    riskLabels: riskLabels(contact.risk_indicators ?? []),
    status: contact.decision_id ? 'Decision made' : 'Received: waiting for a decision',
    decidedOn: contact.decided_on,
    outcome: outcome ? OUTCOME_FOR_PARTNER[outcome] : null,
    toldOn: contact.informed_on,
  };
}
export type PartnerReferralView = ReturnType<typeof partnerView>;

export async function partnerReferrals(db: Db, user: SignedInUser): Promise<PartnerReferralView[]> {
  requirePartner(user);
  return (await repo.contactsRecordedBy(db, user.id)).map(partnerView);
}

export async function partnerReferral(db: Db, user: SignedInUser, contactId: string): Promise<PartnerReferralView> {
  requirePartner(user);
  const contact = await repo.contactById(db, contactId);
  // Someone else's referral is as good as absent.
  if (!contact || contact.recorded_by !== user.id) throw new NotFound('No referral of yours with that id');
  return partnerView(contact);
}

const londonTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
/** The time now in England as HH:MM. */
export const timeNow = (time: TimeSource) => londonTime.format(time.now());

export async function submitPartnerReferral(db: Db, user: SignedInUser, input: PartnerReferralInput, time: TimeSource): Promise<string> {
  requirePartner(user);
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
// Recording a contact, and matching a partner's referral to a child
// ---------------------------------------------------------------------------------------------

async function checkChildForContact(db: Db, childId: string, receivedOn: string, today: string): Promise<void> {
  const child = await repo.childSummary(db, childId);
  if (!child || child.deleted_at) throw new NotFound('No child with that id');
  if (child.merged_into) throw new RuleBroken('This record was merged into another: record the contact on the record that was kept');
  if (child.kind === 'adult') throw new RuleBroken('A contact to children’s services is about a child or an unborn child');
  if (receivedOn > today) throw new RuleBroken('The contact cannot be received in the future', 'receivedOn');
  if (child.date_of_birth && receivedOn < child.date_of_birth) {
    throw new RuleBroken(`The contact cannot be before the child was born (${formatDate(child.date_of_birth)})`, 'receivedOn');
  }
}

const contactTitle = (source: string, agency: string | null, online: boolean) =>
  `${online ? 'Online referral' : 'Contact'} from ${agency ? `${agency} (${sourceLabel(source)})` : sourceLabel(source)}`;

export async function recordContact(db: Kysely<Database>, user: SignedInUser, childId: string, input: ContactInput, today: string): Promise<string> {
  requireCasework(user);
  if (user.role === 'partner_agency') throw new Forbidden('Partner agencies make referrals online.');
  await requireChangeChild(db, user, childId);
  await checkChildForContact(db, childId, input.receivedOn, today);
  return db.transaction().execute(async (tx) => {
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
        significance: input.riskIndicators.length > 0 ? 'high' : 'normal',
      },
      user.id,
    );
    return id;
  });
}

/** The children a partner's referral might be about, for the matching page. */
export async function matchCandidates(db: Db, user: SignedInUser, contactId: string) {
  const contact = await contactFor(db, user, contactId, 'change');
  if (contact.child_id) throw new RuleBroken('This referral is already matched to a child');
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
 * when the partner sent it.
 */
export async function matchContact(db: Kysely<Database>, user: SignedInUser, contactId: string, childId: string, today: string): Promise<void> {
  if (!(await isFrontDoorStaff(db, user)) || !can(user.role, 'record-casework')) throw new Forbidden('Only the front door can match a referral to a child.');
  const contact = await contactFor(db, user, contactId, 'change');
  if (contact.child_id) throw new RuleBroken('This referral is already matched to a child');
  await requireChangeChild(db, user, childId);
  await checkChildForContact(db, childId, contact.received_on, today);
  await db.transaction().execute(async (tx) => {
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
        significance: (contact.risk_indicators ?? []).length > 0 ? 'high' : 'normal',
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
  if (!(await isFrontDoorStaff(db, user))) throw new Forbidden('Only the front door can match a referral to a child.');
  const contact = await contactFor(db, user, contactId, 'change');
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

// ---------------------------------------------------------------------------------------------
// Checks with other agencies
// ---------------------------------------------------------------------------------------------

function requireMatched(contact: ContactRow): string {
  if (!contact.child_id) throw new RuleBroken('Match this referral to a child first');
  return contact.child_id;
}

export async function recordAgencyCheck(db: Kysely<Database>, user: SignedInUser, contactId: string, input: AgencyCheckInput, today: string): Promise<string> {
  requireCasework(user);
  const contact = await contactFor(db, user, contactId, 'change');
  const childId = requireMatched(contact);
  if (input.askedOn < contact.received_on) throw new RuleBroken(`Checks cannot be asked before the contact was received (${formatDate(contact.received_on)})`, 'askedOn');
  if (input.askedOn > today) throw new RuleBroken('The date asked cannot be in the future', 'askedOn');
  if (input.answeredOn && input.answeredOn > today) throw new RuleBroken('The date answered cannot be in the future', 'answeredOn');
  return db.transaction().execute(async (tx) => {
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
    if (input.answeredOn) {
      await recordEvent(
        tx,
        { childId, type: 'contact.check-answered', occurredOn: input.answeredOn, sourceTable: 'agency_check', sourceId: id, scopeId: contactId, title: `${agencyLabel(input.agency)} answered checks`, detail: input.summary },
        user.id,
      );
    }
    return id;
  });
}

export async function answerAgencyCheck(db: Kysely<Database>, user: SignedInUser, contactId: string, checkId: string, input: AgencyAnswerInput, today: string): Promise<void> {
  requireCasework(user);
  const contact = await contactFor(db, user, contactId, 'change');
  const childId = requireMatched(contact);
  const check = (await repo.checksOf(db, contactId)).find((c) => c.id === checkId);
  if (!check) throw new NotFound('No check with that id on this contact');
  if (check.answered_on) throw new RuleBroken(`${agencyLabel(check.agency)} already answered on ${formatDate(check.answered_on)}`);
  if (input.answeredOn < check.asked_on) throw new RuleBroken(`The answer cannot come before the agency was asked (${formatDate(check.asked_on)})`, 'answeredOn');
  if (input.answeredOn > today) throw new RuleBroken('The date answered cannot be in the future', 'answeredOn');
  await db.transaction().execute(async (tx) => {
    await updateRecord(tx, 'agency_check', checkId, { answered_on: input.answeredOn, summary: input.summary }, user.id);
    await recordEvent(
      tx,
      { childId, type: 'contact.check-answered', occurredOn: input.answeredOn, sourceTable: 'agency_check', sourceId: checkId, scopeId: contactId, title: `${agencyLabel(check.agency)} answered checks`, detail: input.summary },
      user.id,
    );
  });
}

// ---------------------------------------------------------------------------------------------
// The threshold decision
// ---------------------------------------------------------------------------------------------

/** What the decision page tells the manager before they decide (FD-03, FD-08). */
export async function decisionContext(db: Db, user: SignedInUser, contactId: string, today: string) {
  requireDecider(user, 'make the threshold decision on a contact');
  const contact = await contactFor(db, user, contactId, 'change');
  const view = describeContact(contact, today);
  const checks = (await repo.checksOf(db, contactId)).map(describeCheck);
  const openEpisode = contact.child_id
    ? await db
        .selectFrom('cin_episode')
        .select(['id', 'referral_date'])
        .where('child_id', '=', contact.child_id)
        .where('closed_on', 'is', null)
        .where('deleted_at', 'is', null)
        .executeTakeFirst()
    : undefined;
  return {
    contact: view,
    checks,
    child: contact.child_id ? await repo.childSummary(db, contact.child_id) : null,
    prompts: {
      considerStrategy: view.riskIndicators.some((code) => (IMMEDIATE_S47_PROMPT as readonly string[]).includes(code)),
      noChecks: checks.length === 0,
      memberOfPublic: !view.referrerIsProfessional,
      openEpisodeFrom: openEpisode?.referral_date ?? null,
    },
  };
}

interface Pathway {
  cinEpisodeId: string | null;
  earlyHelpEpisodeId: string | null;
}

/** What an outcome sets going, in the caller's transaction: a referral or early help. */
async function startPathway(
  tx: Db,
  contact: ContactRow,
  childId: string,
  outcome: ContactOutcomeCode,
  on: string,
  primaryNeed: string | null,
  actorId: string,
  today: string,
): Promise<Pathway> {
  if (REFERRAL_OUTCOMES.includes(outcome)) {
    // The contact becomes a referral on the day it is decided to be one (FD-02).
    const cinEpisodeId = await receiveReferral(tx, { childId, referralDate: on, referralSource: contact.source, primaryNeed, contactId: contact.id }, actorId, today);
    return { cinEpisodeId, earlyHelpEpisodeId: null };
  }
  if (outcome === 'EARLY_HELP') {
    const earlyHelpEpisodeId = await startEarlyHelpEpisode(tx, { childId, startedOn: on, origin: 'CONTACT', contactId: contact.id }, actorId, today);
    return { cinEpisodeId: null, earlyHelpEpisodeId };
  }
  return { cinEpisodeId: null, earlyHelpEpisodeId: null };
}

export async function decideContact(db: Kysely<Database>, user: SignedInUser, contactId: string, input: DecisionInput, today: string): Promise<Pathway & { decisionId: string }> {
  requireDecider(user, 'make the threshold decision on a contact');
  const contact = await contactFor(db, user, contactId, 'change');
  const childId = requireMatched(contact);
  if (contact.decision_id) throw new RuleBroken(`A decision was already made on ${formatDate(contact.decided_on!)}: ${outcomeLabel(contact.outcome)}`);
  if (input.decidedOn > today) throw new RuleBroken('The decision date cannot be in the future', 'decidedOn');
  if (input.decidedOn < contact.received_on || (input.decidedOn === contact.received_on && input.decidedTime < contact.received_time)) {
    throw new RuleBroken(`The decision cannot come before the contact was received (${formatDate(contact.received_on)} at ${contact.received_time})`, 'decidedOn');
  }
  if (input.primaryNeed && !REFERRAL_OUTCOMES.includes(input.outcome)) {
    throw new RuleBroken('A primary need is recorded only when the contact becomes a referral', 'primaryNeed');
  }
  return db.transaction().execute(async (tx) => {
    const pathway = await startPathway(tx, contact, childId, input.outcome, input.decidedOn, input.primaryNeed, user.id, today);
    const decisionId = randomUUID();
    await tx
      .insertInto('contact_decision')
      .values({
        id: decisionId,
        contact_id: contactId,
        decided_on: input.decidedOn,
        decided_time: input.decidedTime,
        outcome: input.outcome,
        rationale: input.rationale,
        cin_episode_id: pathway.cinEpisodeId,
        early_help_episode_id: pathway.earlyHelpEpisodeId,
        recorded_by: user.id,
      })
      .execute();
    const risky = NO_SERVICE_OUTCOMES.includes(input.outcome) && (contact.risk_indicators ?? []).length > 0;
    await recordEvent(
      tx,
      {
        childId,
        type: 'contact.decided',
        occurredOn: input.decidedOn,
        sourceTable: 'contact_decision',
        sourceId: decisionId,
        scopeId: contactId,
        title: `Contact decision: ${outcomeLabel(input.outcome)}${risky ? ' (flagged for a second look: risk was recorded)' : ''}`,
        detail: input.rationale,
        significance: REFERRAL_OUTCOMES.includes(input.outcome) || risky ? 'high' : 'normal',
      },
      user.id,
    );
    await releaseFrontDoorHold(tx, childId, input.decidedOn, user.id);
    return { decisionId, ...pathway };
  });
}

// ---------------------------------------------------------------------------------------------
// Telling the referrer, and the second look
// ---------------------------------------------------------------------------------------------

export async function recordReferrerInformed(db: Kysely<Database>, user: SignedInUser, contactId: string, input: ReferrerInformedInput, today: string): Promise<string> {
  requireCasework(user);
  const contact = await contactFor(db, user, contactId, 'change');
  const childId = requireMatched(contact);
  if (!contact.decision_id) throw new RuleBroken('Record the decision before telling the referrer the outcome');
  if (contact.source === '9') throw new RuleBroken('The contact was anonymous: there is no referrer to tell');
  if (contact.informed_on) throw new RuleBroken(`The referrer was already told on ${formatDate(contact.informed_on)}`);
  if (input.informedOn < contact.decided_on!) throw new RuleBroken(`The referrer cannot be told before the decision (${formatDate(contact.decided_on!)})`, 'informedOn');
  if (input.informedOn > today) throw new RuleBroken('The date cannot be in the future', 'informedOn');
  return db.transaction().execute(async (tx) => {
    const id = randomUUID();
    await tx.insertInto('referrer_feedback').values({ id, contact_id: contactId, informed_on: input.informedOn, method: input.method, note: input.note, recorded_by: user.id }).execute();
    await recordEvent(
      tx,
      {
        childId,
        type: 'contact.referrer-informed',
        occurredOn: input.informedOn,
        sourceTable: 'referrer_feedback',
        sourceId: id,
        scopeId: contactId,
        title: `Referrer told the outcome (${methodLabel(input.method)?.toLowerCase()})`,
        detail: input.note,
      },
      user.id,
    );
    await releaseFrontDoorHold(tx, childId, input.informedOn, user.id);
    return id;
  });
}

export async function secondLookContext(db: Db, user: SignedInUser, contactId: string, today: string) {
  requireDecider(user, 'take a second look at a contact decision');
  const contact = await contactFor(db, user, contactId, 'change');
  return { contact: describeContact(contact, today), checks: (await repo.checksOf(db, contactId)).map(describeCheck), decidedByMe: contact.decided_by === user.id };
}

/** Southend ¶18: another manager looks again at a no-service decision made while risk was recorded. */
export async function recordSecondLook(db: Kysely<Database>, user: SignedInUser, contactId: string, input: SecondLookInput, today: string): Promise<Pathway & { secondLookId: string }> {
  requireDecider(user, 'take a second look at a contact decision');
  const contact = await contactFor(db, user, contactId, 'change');
  const childId = requireMatched(contact);
  if (!contact.flagged) throw new RuleBroken('Only a decision of no further action or advice, made while risk was recorded, needs a second look');
  if (contact.second_look_id) throw new RuleBroken(`A second look was already taken on ${formatDate(contact.reviewed_on!)}`);
  if (contact.decided_by === user.id) throw new RuleBroken('A second look is taken by a different manager from the one who made the decision');
  if (input.reviewedOn < contact.decided_on!) throw new RuleBroken(`The second look cannot be before the decision (${formatDate(contact.decided_on!)})`, 'reviewedOn');
  if (input.reviewedOn > today) throw new RuleBroken('The date cannot be in the future', 'reviewedOn');
  if (input.newOutcome && input.newOutcome === contact.outcome) throw new RuleBroken('Choose a decision different from the one being changed', 'newOutcome');
  if (input.primaryNeed && !(input.newOutcome && REFERRAL_OUTCOMES.includes(input.newOutcome))) {
    throw new RuleBroken('A primary need is recorded only when the contact becomes a referral', 'primaryNeed');
  }
  return db.transaction().execute(async (tx) => {
    const pathway = input.newOutcome
      ? await startPathway(tx, contact, childId, input.newOutcome, input.reviewedOn, input.primaryNeed, user.id, today)
      : { cinEpisodeId: null, earlyHelpEpisodeId: null };
    const id = randomUUID();
    await tx
      .insertInto('contact_second_look')
      .values({
        id,
        contact_id: contactId,
        reviewed_on: input.reviewedOn,
        reviewer_id: user.id,
        conclusion: input.conclusion,
        new_outcome: input.newOutcome,
        notes: input.notes,
        cin_episode_id: pathway.cinEpisodeId,
        early_help_episode_id: pathway.earlyHelpEpisodeId,
        recorded_by: user.id,
      })
      .execute();
    await recordEvent(
      tx,
      {
        childId,
        type: 'contact.second-look',
        occurredOn: input.reviewedOn,
        sourceTable: 'contact_second_look',
        sourceId: id,
        scopeId: contactId,
        title: input.newOutcome ? `Second look: decision changed to ${outcomeLabel(input.newOutcome)?.toLowerCase()}` : 'Second look: decision agreed',
        detail: input.notes,
        significance: input.newOutcome ? 'high' : 'normal',
      },
      user.id,
    );
    await releaseFrontDoorHold(tx, childId, input.reviewedOn, user.id);
    return { secondLookId: id, ...pathway };
  });
}

/** The child a contact is about (for audit entries), or null while unmatched. */
export async function childOfContact(db: Db, contactId: string): Promise<string | null> {
  const row = await db.selectFrom('contact').select('child_id').where('id', '=', contactId).executeTakeFirst();
  return row?.child_id ?? null;
}

/** Finds a child by LA child id for the contact form. */
export async function childForLaId(db: Db, user: SignedInUser, laChildId: string): Promise<string> {
  const child = await repo.childByLaId(db, laChildId);
  if (!child) throw new RuleBroken('No child has this LA child ID: check it, or add the child first', 'laChildId');
  if (child.merged_into) throw new RuleBroken('This record was merged into another: use the LA child ID of the record that was kept', 'laChildId');
  await requireSeeChild(db, user, child.id);
  return child.id;
}

export async function childForContactForm(db: Db, user: SignedInUser, childId: string) {
  requireCasework(user);
  await requireChangeChild(db, user, childId);
  const child = await repo.childSummary(db, childId);
  if (!child || child.deleted_at) throw new NotFound('No child with that id');
  return { ...child, name: `${child.first_name} ${child.last_name}` };
}
