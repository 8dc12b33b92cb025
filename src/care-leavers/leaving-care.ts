// What the "Leaving care" page and API show about one young person: their status and why, the
// pathway plan and its reviews, when the council last reached them, where they live (with bed and
// breakfast and unsuitable accommodation flagged), the OC3 record at each birthday from 17 to 21,
// the support given, and what is due.
import type { Db } from '../db/history.ts';
import { labelFor } from '../codes/code-list.ts';
import { CARE_LEAVER_ACCOMMODATION, CARE_LEAVER_ACTIVITY, CARE_LEAVER_IN_TOUCH } from '../codes/ssda903.ts';
import { addMonths, daysBetween } from '../calendar/index.ts';
import { ruleById } from '../clocks/rules.ts';
import { ACCOMMODATION_KINDS, BED_AND_BREAKFAST, CONTACT_METHOD, SUPPORT_KIND, oc3Accommodation } from './codes.ts';
import { careLeaverStatus, STATUS_LABELS } from './status.ts';
import { birthdayOn } from './service.ts';
import * as repo from './repository.ts';

/** Not reached for this long counts as "not in touch" on the page (the 2-monthly PA contact: timescales.md CL5). */
export const IN_TOUCH_DAYS = 61;

export async function leavingCareOf(db: Db, childId: string, today: string) {
  const [{ dateOfBirth, spans }, plans, reviews, contacts, lastReached, accommodation, birthdays, support, clocks] = await Promise.all([
    repo.careSpansOf(db, childId),
    repo.pathwayPlansOf(db, childId),
    repo.reviewsOf(db, childId),
    repo.contactsOf(db, childId),
    repo.lastReachedOn(db, childId),
    repo.accommodationOf(db, childId),
    repo.birthdaysOf(db, childId),
    repo.supportOf(db, childId),
    repo.openLeavingCareClocks(db, childId),
  ]);
  const standing = dateOfBirth ? careLeaverStatus(dateOfBirth, spans, today) : null;
  const reachedOn = typeof lastReached?.on === 'string' ? lastReached.on : null;
  const current = accommodation.find((a) => a.to_on === null) ?? null;
  const kindLabel = (kind: string) => ACCOMMODATION_KINDS.find((k) => k.code === kind)?.label ?? kind;
  return {
    dateOfBirth,
    status: standing?.status ?? null,
    statusLabel: standing?.status ? STATUS_LABELS[standing.status] : null,
    eligibleFrom: standing?.eligibleFrom ?? null,
    supportUntil: standing?.twentyFiveOn ?? null,
    pathwayPlan: plans.find((p) => p.ended_on === null) ?? null,
    reviews,
    contacts: contacts.map((c) => ({ ...c, methodLabel: labelFor(CONTACT_METHOD, c.method) ?? c.method })),
    lastReachedOn: reachedOn,
    notInTouch: standing?.status !== null && standing?.status !== undefined && standing.status !== 'eligible' && (reachedOn === null || daysBetween(reachedOn, today) > IN_TOUCH_DAYS),
    accommodation: accommodation.map((a) => ({
      ...a,
      kindLabel: kindLabel(a.kind),
      bedAndBreakfast: a.kind === BED_AND_BREAKFAST,
      moveOverdue: a.to_on === null && a.move_by !== null && a.move_by < today,
    })),
    currentAccommodation: current ? { ...current, kindLabel: kindLabel(current.kind), oc3: oc3Accommodation(current.kind, current.suitable) } : null,
    birthdays: dateOfBirth
      ? [17, 18, 19, 20, 21].map((age) => {
          const on = birthdayOn(dateOfBirth, age);
          const row = birthdays.find((b) => b.age === age) ?? null;
          return {
            age,
            on,
            reached: on <= today,
            // Recordable from 3 months before to 1 month after (timescales.md CL7).
            open: addMonths(on, -3) <= today && today <= addMonths(on, 1),
            record: row
              ? {
                  ...row,
                  inTouchLabel: labelFor(CARE_LEAVER_IN_TOUCH, row.in_touch) ?? row.in_touch,
                  activityLabel: labelFor(CARE_LEAVER_ACTIVITY, row.activity) ?? row.activity,
                  accommodationLabel: labelFor(CARE_LEAVER_ACCOMMODATION, row.accommodation) ?? row.accommodation,
                }
              : null,
          };
        })
      : [],
    support: support.map((s) => ({ ...s, kindLabel: labelFor(SUPPORT_KIND, s.kind) ?? s.kind })),
    due: clocks.map((c) => ({ ...c, title: ruleById(c.rule_id)?.title ?? c.rule_id, overdue: c.due_on < today, future: c.started_on > today })),
  };
}

export type LeavingCare = Awaited<ReturnType<typeof leavingCareOf>>;
