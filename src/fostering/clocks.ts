// A fostering household's timescales (the annual review, a connected person's temporary approval),
// derived by the clock engine from the household's own dated facts with FOSTERING_HOUSEHOLD_RULES, and
// the open due dates kept on the household for the lists (decision 0015). Pure but for the refresh.
import type { Db } from '../db/history.ts';
import { deriveClocks, type ClockEvent, type DerivedClock } from '../clocks/engine.ts';
import { FOSTERING_HOUSEHOLD_RULES } from '../clocks/rules.ts';

export interface HouseholdFacts {
  id: string;
  temporary_approved_on: string | null;
  decided_on: string | null;
  approved: boolean | null;
  reviews: readonly { id: string; reviewed_on: string }[];
  /** Status rows: resigned or deregistered end the approval. */
  statuses: readonly { id: string; status: string; from_on: string }[];
}

export function householdEvents(h: HouseholdFacts): ClockEvent[] {
  const events: ClockEvent[] = [];
  const add = (id: string, type: string, occurredOn: string) => events.push({ id, type, occurredOn, scopeId: h.id });
  if (h.temporary_approved_on) add(`${h.id}:temporary`, 'fostering.temporarily-approved', h.temporary_approved_on);
  if (h.decided_on && h.approved !== null) add(`${h.id}:decision`, h.approved ? 'fostering.approved' : 'fostering.not-approved', h.decided_on);
  for (const r of h.reviews) add(r.id, 'fostering.reviewed', r.reviewed_on);
  for (const s of h.statuses) if (s.status === 'resigned' || s.status === 'deregistered') add(s.id, 'fostering.approval-ended', s.from_on);
  return events;
}

export interface HouseholdClocks {
  all: DerivedClock[];
  /** The next review's due date while the approval lasts. */
  reviewDueOn: string | null;
  /** The last day the temporary approval covers before any extension (16 weeks less a day). */
  temporaryExpiresOn: string | null;
}

export function householdClocks(h: HouseholdFacts): HouseholdClocks {
  const all = deriveClocks(householdEvents(h), FOSTERING_HOUSEHOLD_RULES);
  const open = (c: DerivedClock) => c.metOn === null && c.stoppedOn === null;
  return {
    all,
    reviewDueOn: all.find((c) => c.ruleId === 'foster-carer-review' && open(c))?.dueOn ?? null,
    temporaryExpiresOn: all.find((c) => c.ruleId === 'connected-person-temporary-approval')?.dueOn ?? null,
  };
}

/** Re-derives the household's clocks from what is recorded and keeps the due dates on the household. */
export async function refreshHouseholdClocks(db: Db, householdId: string): Promise<HouseholdClocks> {
  const [h, reviews, statuses] = await Promise.all([
    db.selectFrom('fostering_household').select(['id', 'temporary_approved_on', 'decided_on', 'approved']).where('id', '=', householdId).executeTakeFirstOrThrow(),
    db.selectFrom('fostering_review').select(['id', 'reviewed_on']).where('household_id', '=', householdId).where('deleted_at', 'is', null).execute(),
    db.selectFrom('fostering_household_status').select(['id', 'status', 'from_on']).where('household_id', '=', householdId).where('deleted_at', 'is', null).execute(),
  ]);
  const clocks = householdClocks({ ...h, reviews, statuses });
  // Derived values, not a recorded fact: set directly, as the clock table is.
  await db.updateTable('fostering_household').set({ review_due_on: clocks.reviewDueOn, temporary_expires_on: clocks.temporaryExpiresOn }).where('id', '=', householdId).execute();
  return clocks;
}
