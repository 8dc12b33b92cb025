// Dates inside the generator are whole day numbers (days from 2000-01-01), so that arithmetic is
// plain integer arithmetic; they become 'YYYY-MM-DD' only when a row is written.
import { addDays, daysBetween } from '../calendar/index.ts';
import type { Random } from './random.ts';

const EPOCH = '2000-01-01';

/** Day number of an ISO date. */
export const dayOf = (iso: string): number => daysBetween(EPOCH, iso);

/** ISO date of a day number. */
export const isoOf = (day: number): string => addDays(EPOCH, day);

export const DAYS_PER_YEAR = 365.25;

/** Whole years from `from` to `to` (an age), on day numbers. */
export function yearsBetween(from: number, to: number): number {
  const a = isoOf(from);
  const b = isoOf(to);
  let years = Number(b.slice(0, 4)) - Number(a.slice(0, 4));
  if (b.slice(5) < a.slice(5)) years--;
  return years;
}

/** The day someone born on `birth` turns `years` old. */
export function birthday(birth: number, years: number): number {
  const iso = isoOf(birth);
  const year = Number(iso.slice(0, 4)) + years;
  // 29 February birthdays fall on 1 March in other years, as in law.
  const candidate = `${String(year).padStart(4, '0')}${iso.slice(4)}`;
  if (iso.slice(5) === '02-29' && !isLeap(year)) return dayOf(`${String(year).padStart(4, '0')}-03-01`);
  return dayOf(candidate);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * A recorded-at timestamp: the given day, or up to `maxDelayDays` later (workers record late, and
 * the seeds say so), never after `notAfter` (today); in office hours, UTC.
 */
export function recordedAt(rng: Random, day: number, notAfter: number, maxDelayDays = 0): Date {
  const delay = maxDelayDays > 0 ? Math.min(rng.skewed(0, maxDelayDays, 3), Math.max(0, notAfter - day)) : 0;
  const minutes = rng.int(8 * 60 + 30, 17 * 60 + 30);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  const ss = String(rng.int(0, 59)).padStart(2, '0');
  return new Date(`${isoOf(day + delay)}T${hh}:${mm}:${ss}Z`);
}
