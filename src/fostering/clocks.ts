// A fostering household's timescales (the annual review, a connected person's temporary approval, the
// supervisory and unannounced visits, each person's DBS renewal), derived from the household's own
// dated facts: the first four by the clock engine with FOSTERING_HOUSEHOLD_RULES, the renewals from
// the date each check recorded. The open due dates of the review and temporary approval are kept on
// the household for its lists (decision 0015); every clock is written to household_clock for the due
// lists (decision 0056). Pure but for the refresh.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/history.ts';
import { deriveClocks, type ClockEvent, type DerivedClock } from '../clocks/engine.ts';
import { FOSTERING_HOUSEHOLD_RULES } from '../clocks/rules.ts';
import { loadSettings } from '../settings/council-settings.ts';
import { birthdayAt } from '../clocks/milestones.ts';

export const DBS_RULE = 'foster-carer-dbs-renewal';

export interface DbsCheckFact {
  id: string;
  carer: number | null;
  /** The member of the household checked, when not a carer (decision 0062). */
  member_id: string | null;
  checked_on: string;
  /** Only a check with the children's barred list is the one Schedule 3 asks for. */
  barred_list: boolean;
  renewal_due_on: string;
}

export interface HouseholdFacts {
  id: string;
  temporary_approved_on: string | null;
  decided_on: string | null;
  approved: boolean | null;
  /** Whether there is a second carer, whose check is owed as the first's is. */
  second_carer?: string | null;
  reviews: readonly { id: string; reviewed_on: string }[];
  /** Status rows: resigned or deregistered end the approval. */
  statuses: readonly { id: string; status: string; from_on: string }[];
  visits?: readonly { id: string; visited_on: string; unannounced: boolean }[];
  checks?: readonly DbsCheckFact[];
  /** The household's members other than the carers (decision 0062). */
  members?: readonly MemberFact[];
}

/** A member of the household: from when to when they lived there, and when they turn 18. */
export interface MemberFact {
  id: string;
  /** Null for an adult known only from a check recorded before members were: an adult from moving in. */
  date_of_birth: string | null;
  from_on: string;
  to_on: string | null;
}

/** Whose check it is: 'carer:1', 'carer:2' or 'member:<member id>'. */
export const subjectOf = (c: { carer: number | null; member_id: string | null }) => (c.carer !== null ? `carer:${c.carer}` : `member:${c.member_id ?? ''}`);

export function householdEvents(h: HouseholdFacts): ClockEvent[] {
  const events: ClockEvent[] = [];
  const add = (id: string, type: string, occurredOn: string) => events.push({ id, type, occurredOn, scopeId: h.id });
  if (h.temporary_approved_on) add(`${h.id}:temporary`, 'fostering.temporarily-approved', h.temporary_approved_on);
  if (h.decided_on && h.approved !== null) add(`${h.id}:decision`, h.approved ? 'fostering.approved' : 'fostering.not-approved', h.decided_on);
  for (const r of h.reviews) add(r.id, 'fostering.reviewed', r.reviewed_on);
  for (const v of h.visits ?? []) add(v.id, v.unannounced ? 'fostering.unannounced-visit' : 'fostering.supervisory-visit', v.visited_on);
  for (const s of h.statuses) if (s.status === 'resigned' || s.status === 'deregistered') add(s.id, 'fostering.approval-ended', s.from_on);
  return events;
}

/** The day the approval ended (resigned or deregistered after it), or null. */
const approvalEnded = (h: HouseholdFacts) => h.statuses.filter((s) => (s.status === 'resigned' || s.status === 'deregistered') && h.decided_on !== null && s.from_on >= h.decided_on).map((s) => s.from_on).sort()[0] ?? null;

export interface HouseholdClock extends DerivedClock {
  /** Whose clock: '' the household's, else the person a DBS check is of (subjectOf). */
  subject: string;
}

const latestOf = (...days: string[]) => days.reduce((a, b) => (a > b ? a : b));
const earliestOf = (...days: (string | null)[]) => days.reduce<string | null>((a, b) => (a === null ? b : b === null ? a : a < b ? a : b), null);

/**
 * The day a member of the household first owes a DBS check and the day it stops: FS(E)R 2011 Schedule 3
 * para 2 asks for the check of each member of the household aged 18 or over, so it is owed from the
 * latest of the approval, their moving in and their 18th birthday, until they move out (or the approval
 * ends). Null when they never were an adult there while the household was approved.
 */
export function memberOwes(m: MemberFact, decidedOn: string, approvalEndedOn: string | null): { from: string; to: string | null } | null {
  const from = latestOf(decidedOn, m.from_on, m.date_of_birth ? birthdayAt(m.date_of_birth, 18) : m.from_on);
  const to = earliestOf(approvalEndedOn, m.to_on);
  return to !== null && from >= to ? null : { from, to };
}

/**
 * Each person's DBS check while the household is approved (Schedule 3 para 2): from each check to its
 * renewal date, met by the next check of the same person. A carer with no check in force at the approval
 * owes one from the approval; a member of the household from the day memberOwes says (the day due: a
 * son or daughter turning 18 is on the due list 90 days before). Stopped when the approval ends or the
 * member moves out.
 */
export function dbsClocks(h: HouseholdFacts): HouseholdClock[] {
  if (!h.approved || !h.decided_on) return [];
  const decided = h.decided_on;
  const ended = approvalEnded(h);
  const bySubject = new Map<string, DbsCheckFact[]>();
  for (const c of (h.checks ?? []).filter((c) => c.barred_list).sort((a, b) => (a.checked_on < b.checked_on ? -1 : a.checked_on > b.checked_on ? 1 : a.id < b.id ? -1 : 1))) {
    const key = subjectOf(c);
    bySubject.set(key, [...(bySubject.get(key) ?? []), c]);
  }
  // Whose check is owed, from when until when.
  const owed: { subject: string; startEventId: string; from: string; to: string | null }[] = (h.second_carer ? ['carer:1', 'carer:2'] : ['carer:1']).map((subject) => ({ subject, startEventId: `${h.id}:decision`, from: decided, to: ended }));
  for (const m of h.members ?? []) {
    const window = memberOwes(m, decided, ended);
    if (window) owed.push({ subject: `member:${m.id}`, startEventId: m.id, ...window });
  }
  const clocks: HouseholdClock[] = [];
  for (const { subject, startEventId, from, to } of owed) {
    const push = (startEventId: string, startedOn: string, dueOn: string, next: DbsCheckFact | undefined) => {
      if (to !== null && startedOn >= to) return;
      const metOn = next && (to === null || next.checked_on < to) ? next.checked_on : null;
      clocks.push({ ruleId: DBS_RULE, scopeId: h.id, subject, startEventId, startedOn, dueOn, metOn, metEventId: metOn ? next!.id : null, stoppedOn: metOn === null ? to : null });
    };
    const checks = bySubject.get(subject) ?? [];
    // Only the checks in force from the day it is owed are owed renewals; with none by then, one is owed that day.
    const inForce = checks.filter((c, i) => (checks[i + 1]?.checked_on ?? '9999-12-31') > from);
    if (checks[0] === undefined || checks[0].checked_on > from) push(startEventId, from, from, checks[0]);
    inForce.forEach((c) => push(c.id, c.checked_on < from ? from : c.checked_on, c.renewal_due_on, checks[checks.indexOf(c) + 1]));
  }
  return clocks;
}

export interface HouseholdClocks {
  all: HouseholdClock[];
  /** The next review's due date while the approval lasts. */
  reviewDueOn: string | null;
  /** The last day the temporary approval covers before any extension (16 weeks less a day). */
  temporaryExpiresOn: string | null;
}

export function householdClocks(h: HouseholdFacts, settings: Readonly<Record<string, number>> = {}): HouseholdClocks {
  const all = [...deriveClocks(householdEvents(h), FOSTERING_HOUSEHOLD_RULES, settings).map((c) => ({ ...c, subject: '' })), ...dbsClocks(h)];
  const open = (c: DerivedClock) => c.metOn === null && c.stoppedOn === null;
  return {
    all,
    reviewDueOn: all.find((c) => c.ruleId === 'foster-carer-review' && open(c))?.dueOn ?? null,
    temporaryExpiresOn: all.find((c) => c.ruleId === 'connected-person-temporary-approval')?.dueOn ?? null,
  };
}

/** What the household's clocks are derived from, as recorded now. Six small statements. */
export async function householdClockFacts(db: Db, householdId: string): Promise<HouseholdFacts> {
  const [h, reviews, statuses, visits, checks, members] = await Promise.all([
    db.selectFrom('fostering_household').select(['id', 'temporary_approved_on', 'decided_on', 'approved', 'second_carer']).where('id', '=', householdId).executeTakeFirstOrThrow(),
    db.selectFrom('fostering_review').select(['id', 'reviewed_on']).where('household_id', '=', householdId).where('deleted_at', 'is', null).execute(),
    db.selectFrom('fostering_household_status').select(['id', 'status', 'from_on']).where('household_id', '=', householdId).where('deleted_at', 'is', null).execute(),
    db.selectFrom('fostering_visit').select(['id', 'visited_on', 'unannounced']).where('household_id', '=', householdId).where('deleted_at', 'is', null).execute(),
    db.selectFrom('fostering_dbs_check').select(['id', 'carer', 'member_id', 'checked_on', 'barred_list', 'renewal_due_on']).where('household_id', '=', householdId).where('deleted_at', 'is', null).execute(),
    db.selectFrom('fostering_household_member').select(['id', 'date_of_birth', 'from_on', 'to_on']).where('household_id', '=', householdId).where('deleted_at', 'is', null).execute(),
  ]);
  return { ...h, reviews, statuses, visits, checks, members };
}

/** A derived clock as a household_clock row. */
export const householdClockRow = (householdId: string, c: HouseholdClock, id: string = randomUUID()) => ({
  id,
  household_id: householdId,
  rule_id: c.ruleId,
  subject: c.subject,
  started_on: c.startedOn,
  due_on: c.dueOn,
  met_on: c.metOn,
  stopped_on: c.stoppedOn,
});

/** Re-derives the household's clocks from what is recorded, keeps the due dates on the household and writes its clocks. */
export async function refreshHouseholdClocks(db: Db, householdId: string): Promise<HouseholdClocks> {
  const [facts, settings] = await Promise.all([householdClockFacts(db, householdId), loadSettings(db)]);
  const clocks = householdClocks(facts, settings);
  // Derived values, not a recorded fact: set directly, as the clock table is.
  await db.updateTable('fostering_household').set({ review_due_on: clocks.reviewDueOn, temporary_expires_on: clocks.temporaryExpiresOn }).where('id', '=', householdId).execute();
  await db.deleteFrom('household_clock').where('household_id', '=', householdId).execute();
  if (clocks.all.length) await db.insertInto('household_clock').values(clocks.all.map((c) => householdClockRow(householdId, c))).execute();
  return clocks;
}
