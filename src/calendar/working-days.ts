/**
 * England and Wales working-day calendar on ISO date strings ('YYYY-MM-DD').
 *
 * Dates are calendar dates, not instants: everything is integer arithmetic on a day
 * number (days since 1970-01-01, proleptic Gregorian), so there are no time zones,
 * no DST and no Date objects. The current date is deliberately not available here;
 * it comes from the injected time source elsewhere.
 *
 * Plain date arithmetic (addDays, addMonths, daysBetween, ...) works for any valid
 * date with a four-digit year. The working-day functions only know bank holidays for
 * 2000–2030, so they throw a RangeError outside that range rather than guess.
 */

import { BANK_HOLIDAYS, CALENDAR_FIRST_DATE, CALENDAR_LAST_DATE } from './bank-holidays.ts';

// ---------------------------------------------------------------------------
// Day numbers (Howard Hinnant's civil-date algorithms; exact for every Gregorian date)
// ---------------------------------------------------------------------------

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0, so the leap day is the last day of the year
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function isoFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) {
    throw new RangeError(`Date arithmetic left the four-digit year range 0000–9999 (day number ${days})`);
  }
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Digit value of the char at i, or -1. Char codes avoid a regex on the hot path. */
function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Day number of a valid ISO date, or NaN if s is not one. */
function parseDays(s: unknown): number {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const y0 = digitAt(s, 0), y1 = digitAt(s, 1), y2 = digitAt(s, 2), y3 = digitAt(s, 3);
  const m0 = digitAt(s, 5), m1 = digitAt(s, 6), d0 = digitAt(s, 8), d1 = digitAt(s, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return daysFromCivil(year, month, day);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function toDays(date: string, argName: string): number {
  const days = parseDays(date);
  if (Number.isNaN(days)) {
    throw new RangeError(`${argName} is not a valid ISO calendar date (YYYY-MM-DD): ${describe(date)}`);
  }
  return days;
}

function assertInteger(n: number, argName: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${argName} must be an integer, got ${describe(n)}`);
}

// ---------------------------------------------------------------------------
// Plain date arithmetic (any four-digit year)
// ---------------------------------------------------------------------------

/**
 * True if s is a real calendar date written exactly as 'YYYY-MM-DD' (four-digit year,
 * proleptic Gregorian). '2023-02-29' and '2024-1-05' are false; '2024-02-29' is true.
 */
export function isIsoDate(s: unknown): s is string {
  return !Number.isNaN(parseDays(s));
}

/** date plus n calendar days (n may be negative). */
export function addDays(date: string, n: number): string {
  assertInteger(n, 'n');
  return isoFromDays(toDays(date, 'date') + n);
}

/** date plus n weeks (n may be negative). */
export function addWeeks(date: string, n: number): string {
  assertInteger(n, 'n');
  return addDays(date, n * 7);
}

/**
 * date plus n calendar months (n may be negative). The day is clamped to the end of
 * the target month, so 2023-01-31 + 1 month is 2023-02-28 and 2024-01-31 is 2024-02-29;
 * this matches how "one month after" is read for statutory review dates.
 */
export function addMonths(date: string, n: number): string {
  assertInteger(n, 'n');
  toDays(date, 'date'); // validate only
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const total = year * 12 + (month - 1) + n;
  const newYear = Math.floor(total / 12);
  const newMonth = total - newYear * 12 + 1;
  if (newYear < 0 || newYear > 9999) {
    throw new RangeError(`addMonths(${describe(date)}, ${n}) leaves the four-digit year range 0000–9999`);
  }
  return isoFromDays(daysFromCivil(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth))));
}

/** Calendar days from start to end: positive if end is later, 0 if the same day. */
export function daysBetween(start: string, end: string): number {
  return toDays(end, 'end') - toDays(start, 'start');
}

/** -1, 0 or 1 as a is before, the same as, or after b. Usable as a sort comparator. */
export function compareDates(a: string, b: string): -1 | 0 | 1 {
  const d = toDays(a, 'a') - toDays(b, 'b');
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/** Saturday or Sunday (any valid date). */
export function isWeekend(date: string): boolean {
  const dow = mod7(toDays(date, 'date') + 4); // 1970-01-01 was a Thursday; 0 = Sunday
  return dow === 0 || dow === 6;
}

function mod7(n: number): number {
  return ((n % 7) + 7) % 7;
}

// ---------------------------------------------------------------------------
// Working days (2000–2030 only)
// ---------------------------------------------------------------------------

// Precomputed once at load (~11,300 days) so every working-day query is O(1):
//   cumulative[i] = number of working days in [FIRST, FIRST + i] inclusive
//   workingDayOffsets[k] = offset from FIRST of the k-th (0-based) working day
// A Map from ISO string to offset both validates and locates the date in one lookup.
const FIRST = daysFromCivil(2000, 1, 1);
const LAST = daysFromCivil(2030, 12, 31);
const SPAN = LAST - FIRST + 1;

const isoByOffset: string[] = new Array<string>(SPAN);
const offsetByIso = new Map<string, number>();
const holidayNameByOffset = new Map<number, string>();
const dayKind = new Uint8Array(SPAN); // 0 = working day, 1 = weekend, 2 = bank holiday
const cumulative = new Int32Array(SPAN);

for (const h of BANK_HOLIDAYS) {
  const days = parseDays(h.date);
  // Guards the vendored data itself; the tests cover it too.
  if (Number.isNaN(days) || days < FIRST || days > LAST) throw new Error(`Bad bank holiday date: ${h.date}`);
  holidayNameByOffset.set(days - FIRST, h.name);
}

let workingCount = 0;
for (let i = 0; i < SPAN; i++) {
  const iso = isoFromDays(FIRST + i);
  isoByOffset[i] = iso;
  offsetByIso.set(iso, i);
  const dow = mod7(FIRST + i + 4);
  const kind = dow === 0 || dow === 6 ? 1 : holidayNameByOffset.has(i) ? 2 : 0;
  dayKind[i] = kind;
  if (kind === 0) workingCount++;
  cumulative[i] = workingCount;
}

const workingDayOffsets = new Int32Array(workingCount);
for (let i = 0, k = 0; i < SPAN; i++) {
  if (dayKind[i] === 0) workingDayOffsets[k++] = i;
}

const RANGE_TEXT = `the working-day calendar covers 2000–2030 (${CALENDAR_FIRST_DATE} to ${CALENDAR_LAST_DATE}), the years with vendored bank holiday data`;

/** Offset of date from 2000-01-01; throws for an invalid or out-of-range date. */
function offsetOf(date: string, argName: string): number {
  const offset = offsetByIso.get(date);
  if (offset !== undefined) return offset;
  toDays(date, argName); // throws the "not a valid date" error if that is the problem
  throw new RangeError(`${argName} ${describe(date)} is out of range: ${RANGE_TEXT}`);
}

/** True if date is an England and Wales bank holiday (including substitute and one-off days). */
export function isBankHoliday(date: string): boolean {
  return dayKind[offsetOf(date, 'date')] === 2;
}

/** The bank holiday's GOV.UK title, or undefined if date is not a bank holiday. */
export function bankHolidayName(date: string): string | undefined {
  return holidayNameByOffset.get(offsetOf(date, 'date'));
}

/** Monday to Friday and not a bank holiday. */
export function isWorkingDay(date: string): boolean {
  return dayKind[offsetOf(date, 'date')] === 0;
}

/**
 * The nth working day after start, counting start as day 0.
 *
 * n = 0 returns start itself, even if start is a weekend or bank holiday: "day 0" is
 * when the clock starts (a referral received on a Saturday is still received that
 * day), and returning start keeps addWorkingDays(d, 0) an identity, so
 * workingDaysBetween(d, addWorkingDays(d, n)) === n holds for every n >= 0.
 * For n >= 1 the result is always a working day.
 *
 * A duty "within N working days" of start is met on or before addWorkingDays(start, N).
 *
 * O(1): a lookup in precomputed tables, not a day-by-day walk.
 * Throws RangeError if n is not a non-negative integer, or if start or the result
 * falls outside 2000–2030.
 */
export function addWorkingDays(start: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${describe(n)}`);
  }
  const offset = offsetOf(start, 'start');
  if (n === 0) return start;
  // Working days up to and including start number cumulative[offset], so the first one
  // after start has 0-based index cumulative[offset] and the nth has that + n - 1.
  const k = (cumulative[offset] as number) + n - 1;
  const target = workingDayOffsets[k];
  if (target === undefined) {
    throw new RangeError(`addWorkingDays(${describe(start)}, ${n}) goes past ${CALENDAR_LAST_DATE}: ${RANGE_TEXT}`);
  }
  return isoByOffset[target] as string;
}

/**
 * Working days after start up to and including end, so that
 * workingDaysBetween(s, addWorkingDays(s, n)) === n for every n >= 0.
 * The same date gives 0. If end is before start the result is negative and symmetric:
 * workingDaysBetween(a, b) === -workingDaysBetween(b, a) (working days after end up to
 * and including start, negated). It is also additive:
 * workingDaysBetween(a, b) + workingDaysBetween(b, c) === workingDaysBetween(a, c).
 */
export function workingDaysBetween(start: string, end: string): number {
  const s = offsetOf(start, 'start');
  const e = offsetOf(end, 'end');
  return (cumulative[e] as number) - (cumulative[s] as number);
}
