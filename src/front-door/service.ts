// The front door: contacts from anyone (recorded by a front door worker, or sent online by a partner
// agency and matched to a child), checks with other agencies, the manager's threshold decision within
// one working day (the 'contact-decision' clock), telling the referrer, and a second look at
// no-service decisions made while risk was recorded (Southend ¶18). Each step has its own file:
// service-contact.ts (recording, correcting, matching), service-checks.ts, service-decision.ts; this
// one reads, and holds the child at the front door while a contact waits there.
//
// While a child's contact waits at the front door, the front door worker who took it holds the child
// (an allocation with role 'front_door'): the contact's clock then shows in that worker's and their
// team's due lists, and the front door manager can see the child to decide. The hold ends when the
// child has nothing left at the front door: every contact decided, looked at again where it had to
// be, and its referrer told the outcome.
//
// Who may see or change a contact is checked once, by the route guard, before any of this runs.
import { randomUUID } from 'node:crypto';
import type { SignedInUser } from '../access/policy.ts';
import { can } from '../access/roles.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import type { TimeSource } from '../server/time.ts';
import { isFrontDoorStaff } from './access.ts';
import { describeCheck, describeContact, partnerView, type PartnerReferralView } from './describe.ts';
import * as repo from './repository.ts';
import type { ContactRow } from './repository.ts';

// ---------------------------------------------------------------------------------------------
// One contact
// ---------------------------------------------------------------------------------------------

/** The contact the path names (the guard has found it and checked who may see it). */
export async function contactOf(db: Db, contactId: string): Promise<ContactRow> {
  const contact = await repo.contactById(db, contactId);
  if (!contact) throw new NotFound('No contact with that id');
  return contact;
}

/** The child a contact is about: checks and decisions wait until a partner's referral is matched. */
export function requireMatched(contact: ContactRow): string {
  if (!contact.child_id) throw new RuleBroken('Match this referral to a child first');
  return contact.child_id;
}

export async function contactView(db: Db, contactId: string, today: string) {
  const [contact, checks] = await Promise.all([contactOf(db, contactId), repo.checksOf(db, contactId)]);
  return { contact: describeContact(contact, today), checks: checks.map(describeCheck) };
}

// ---------------------------------------------------------------------------------------------
// Lists: every one filters children with childVisibleTo (in the repository)
// ---------------------------------------------------------------------------------------------

/** What the front door queue shows the user: contacts waiting, partners' referrals to match, recent decisions. */
export async function frontDoorQueue(db: Db, user: SignedInUser, today: string) {
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

export async function secondLookList(db: Db, user: SignedInUser, today: string, options: { all?: boolean; limit?: number } = {}) {
  return (await repo.secondLookQueue(db, user, options)).map((c) => describeContact(c, today));
}

export async function contactsOfChild(db: Db, childId: string, today: string) {
  return (await repo.contactsOfChild(db, childId)).map((c) => describeContact(c, today));
}

// ---------------------------------------------------------------------------------------------
// Partner agencies: their own referrals and the outcome, never the record
// ---------------------------------------------------------------------------------------------

export async function partnerReferrals(db: Db, user: SignedInUser): Promise<PartnerReferralView[]> {
  return (await repo.contactsRecordedBy(db, user.id)).map(partnerView);
}

/** One of the partner's own referrals, or null when there is none of theirs with that id. */
export async function partnerReferral(db: Db, user: SignedInUser, contactId: string): Promise<PartnerReferralView | null> {
  const contact = await repo.contactById(db, contactId);
  return contact && contact.recorded_by === user.id ? partnerView(contact) : null;
}

const londonTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
/** The time now in England as HH:MM. */
export const timeNow = (time: TimeSource) => londonTime.format(time.now());

// ---------------------------------------------------------------------------------------------
// Holding the child at the front door
// ---------------------------------------------------------------------------------------------

export async function holdAtFrontDoor(tx: Db, childId: string, user: SignedInUser, fromDate: string): Promise<void> {
  if (user.role !== 'front_door_worker') return;
  const holds = await repo.currentHolds(tx, childId);
  if (holds.length > 0) return;
  await tx
    .insertInto('allocation')
    .values({ id: randomUUID(), child_id: childId, worker_id: user.id, role: repo.FRONT_DOOR_HOLD, from_date: fromDate, recorded_by: user.id })
    .execute();
}

export async function releaseFrontDoorHold(tx: Db, childId: string, on: string, actorId: string): Promise<void> {
  if (await repo.childHasFrontDoorWork(tx, childId)) return;
  for (const hold of await repo.currentHolds(tx, childId)) {
    await updateRecord(tx, 'allocation', hold.id, { to_date: on < hold.from_date ? hold.from_date : on }, actorId);
  }
}

/** Finds a child by LA child id (the contact form and matching, where the child is typed, not in the path). */
export async function childForLaId(db: Db, laChildId: string): Promise<string> {
  const child = await repo.childByLaId(db, laChildId);
  if (!child) throw new RuleBroken('No child has this LA child ID: check it, or add the child first', 'laChildId');
  if (child.merged_into) throw new RuleBroken('This record was merged into another: use the LA child ID of the record that was kept', 'laChildId');
  if (child.kind === 'adult') throw new RuleBroken('A contact to children’s services is about a child or an unborn child', 'laChildId');
  return child.id;
}
