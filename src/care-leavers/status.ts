// Whether a young person is a care leaver, and which kind, worked out from their periods of care and
// date of birth, never typed (Children Act 1989 Sch.2 para 19B, s.23A, s.23C, s.24; CPPCR 2010
// reg 40; timescales.md CL1). The kinds decide what the council owes them: a pathway plan, a
// personal adviser, support to 25.
import { addDays, addMonths, daysBetween } from '../calendar/index.ts';

export type CareLeaverStatus = 'eligible' | 'relevant' | 'former-relevant' | 'qualifying';

export const STATUS_LABELS: Record<CareLeaverStatus, string> = {
  eligible: 'Eligible: aged 16 or 17 and still looked after',
  relevant: 'Relevant: aged 16 or 17, was eligible, and has left care',
  'former-relevant': 'Former relevant: aged 18 to 25, was eligible or relevant',
  qualifying: 'Qualifying: looked after after 16, but not for long enough to be eligible',
};

/** A stretch of time looked after. Short breaks (legal status V3, V4) do not count towards the 13 weeks. */
export interface CareSpan {
  from: string;
  /** The day care ended (not looked after that day); null while looked after. */
  to: string | null;
  counts: boolean;
}

/** 13 weeks (reg 40(1)). */
const THIRTEEN_WEEKS = 91;

const birthday = (dateOfBirth: string, years: number) => addMonths(dateOfBirth, years * 12);
const lookedAfterOn = (spans: readonly CareSpan[], on: string) => spans.some((s) => s.counts && s.from <= on && (s.to === null || s.to > on));

/** Days looked after (counting spans only) from `from` up to, not including, `end`. */
function daysLookedAfter(spans: readonly CareSpan[], from: string, end: string): number {
  let total = 0;
  for (const s of spans) {
    if (!s.counts) continue;
    const a = s.from > from ? s.from : from;
    const b = s.to === null || s.to > end ? end : s.to;
    if (b > a) total += daysBetween(a, b);
  }
  return total;
}

/**
 * The day the young person becomes eligible: the first day on or after their 16th birthday (and
 * before their 18th) on which they are looked after and have already been looked after for 13 full
 * weeks in all since their 14th birthday. An open span is taken to go on, so for a child in care now this may be a future
 * day; it moves if the care ends first. Null if it never happens.
 */
export function eligibleFrom(dateOfBirth: string, spans: readonly CareSpan[]): string | null {
  const b14 = birthday(dateOfBirth, 14);
  const b16 = birthday(dateOfBirth, 16);
  const b18 = birthday(dateOfBirth, 18);
  for (const s of [...spans].filter((x) => x.counts).sort((x, y) => (x.from < y.from ? -1 : 1))) {
    const start = s.from > b16 ? s.from : b16;
    const last = s.to === null ? b18 : s.to < b18 ? s.to : b18; // exclusive
    if (start >= last) continue;
    const before = daysLookedAfter(spans, b14, start);
    if (before >= THIRTEEN_WEEKS) return start;
    const needed = addDays(start, THIRTEEN_WEEKS - before);
    if (needed < last) return needed;
  }
  return null;
}

export interface CareLeaverStanding {
  status: CareLeaverStatus | null;
  eligibleFrom: string | null;
  /** The 18th and 25th birthdays: relevant becomes former relevant at 18; support runs to 25. */
  eighteenOn: string;
  twentyFiveOn: string;
}

/** The young person's status on a day. */
export function careLeaverStatus(dateOfBirth: string, spans: readonly CareSpan[], on: string): CareLeaverStanding {
  const b16 = birthday(dateOfBirth, 16);
  const b18 = birthday(dateOfBirth, 18);
  const b25 = birthday(dateOfBirth, 25);
  const eligible = eligibleFrom(dateOfBirth, spans);
  const base = { eligibleFrom: eligible, eighteenOn: b18, twentyFiveOn: b25 };
  if (on < b16 || on >= b25) return { ...base, status: null };
  const wasEligible = eligible !== null && eligible <= on;
  const lookedAfterSince16 = spans.some((s) => s.counts && (s.to === null || s.to > b16) && s.from <= on);
  if (on < b18) {
    if (wasEligible) return { ...base, status: lookedAfterOn(spans, on) ? 'eligible' : 'relevant' };
  } else if (wasEligible) {
    return { ...base, status: 'former-relevant' };
  }
  return { ...base, status: lookedAfterSince16 && !lookedAfterOn(spans, on) ? 'qualifying' : null };
}
