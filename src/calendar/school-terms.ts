// The school year in England: three terms (autumn, spring, summer), each with a half-term break.
// PEP timescales are counted in school days and terms (timescales.md LA15; decision 0013). Term
// dates are set by each council for its community schools: a council may record its own
// (`school_term`), and where it has not, Lantern uses the common pattern below.
//
// The default pattern (checked against the usual English council calendars of 2023-2027):
//   autumn  first weekday on or after 1 September  to the last Friday on or before 20 December;
//           half-term the week of the last Monday in October
//   spring  first weekday on or after 4 January     to the last Friday in March;
//           half-term the week of the third Monday in February
//   summer  second Monday in April                 to the last weekday on or before 22 July;
//           half-term the week of the last Monday in May (the spring bank holiday)
// A school day is a weekday in term, outside the half-term, that is not a bank holiday.
import { addDays, isWorkingDay } from './working-days.ts';

export type TermName = 'autumn' | 'spring' | 'summer';
export const TERM_NAMES: readonly TermName[] = ['autumn', 'spring', 'summer'];
export const TERM_LABELS: Record<TermName, string> = { autumn: 'Autumn', spring: 'Spring', summer: 'Summer' };

export interface SchoolTerm {
  /** The year the school year starts in: 2025 for 2025/26. */
  schoolYear: number;
  term: TermName;
  startsOn: string;
  endsOn: string;
  halfTermStartsOn: string | null;
  halfTermEndsOn: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** 0 = Sunday … 6 = Saturday. */
const weekday = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
};
const onOrAfter = (date: string, day: number) => addDays(date, (day - weekday(date) + 7) % 7);
const onOrBefore = (date: string, day: number) => addDays(date, -((weekday(date) - day + 7) % 7));
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const weekOf = (monday: string): [string, string] => [monday, addDays(monday, 4)];

/** "2025/26" for 2025. */
export const schoolYearLabel = (year: number) => `${year}/${pad((year + 1) % 100)}`;

/** The year the school year containing `date` started in (a school year runs 1 September to 31 August). */
export function schoolYearOf(date: string): number {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m >= 9 ? y : y - 1;
}

/** The common pattern of one school year's terms. */
export function defaultTerms(year: number): SchoolTerm[] {
  const weekdayFrom = (date: string) => {
    const d = weekday(date);
    return d === 6 ? addDays(date, 2) : d === 0 ? addDays(date, 1) : date;
  };
  const autumnStart = weekdayFrom(iso(year, 9, 1));
  const autumnHalf = weekOf(onOrBefore(iso(year, 10, 31), 1));
  const springHalf = weekOf(addDays(onOrAfter(iso(year + 1, 2, 1), 1), 14));
  const summerHalf = weekOf(onOrBefore(iso(year + 1, 5, 31), 1));
  const summerEnd = (() => {
    const d = iso(year + 1, 7, 22);
    const w = weekday(d);
    return w === 6 ? addDays(d, -1) : w === 0 ? addDays(d, -2) : d;
  })();
  return [
    { schoolYear: year, term: 'autumn', startsOn: autumnStart, endsOn: onOrBefore(iso(year, 12, 20), 5), halfTermStartsOn: autumnHalf[0], halfTermEndsOn: autumnHalf[1] },
    { schoolYear: year, term: 'spring', startsOn: weekdayFrom(iso(year + 1, 1, 4)), endsOn: onOrBefore(iso(year + 1, 3, lastDayOfMonth(year + 1, 3)), 5), halfTermStartsOn: springHalf[0], halfTermEndsOn: springHalf[1] },
    { schoolYear: year, term: 'summer', startsOn: addDays(onOrAfter(iso(year + 1, 4, 1), 1), 7), endsOn: summerEnd, halfTermStartsOn: summerHalf[0], halfTermEndsOn: summerHalf[1] },
  ];
}

/**
 * The terms Lantern counts with: the council's own where it recorded them, the default pattern for
 * every other term. Built once per refresh of a child's clocks.
 */
export class SchoolCalendar {
  private readonly own = new Map<string, SchoolTerm>();
  private readonly years = new Map<number, SchoolTerm[]>();

  constructor(councilTerms: readonly SchoolTerm[] = []) {
    for (const t of councilTerms) this.own.set(`${t.schoolYear}|${t.term}`, t);
  }

  /** The three terms of a school year, in order. */
  termsOf(year: number): SchoolTerm[] {
    let terms = this.years.get(year);
    if (!terms) {
      terms = defaultTerms(year).map((t) => this.own.get(`${year}|${t.term}`) ?? t);
      this.years.set(year, terms);
    }
    return terms;
  }

  /** The term a date falls in; a date in a holiday belongs to the term that follows it. */
  termOf(date: string): SchoolTerm {
    const year = schoolYearOf(date);
    for (const t of this.termsOf(year)) if (date <= t.endsOn) return t;
    return this.termsOf(year + 1)[0]!;
  }

  /** The term `n` terms after the given one. */
  termAfter(term: SchoolTerm, n: number): SchoolTerm {
    const index = TERM_NAMES.indexOf(term.term) + n;
    const year = term.schoolYear + Math.floor(index / 3);
    return this.termsOf(year)[((index % 3) + 3) % 3]!;
  }

  isSchoolDay(date: string): boolean {
    if (!isWorkingDay(date)) return false;
    const t = this.termOf(date);
    if (date < t.startsOn || date > t.endsOn) return false;
    return !(t.halfTermStartsOn && t.halfTermEndsOn && date >= t.halfTermStartsOn && date <= t.halfTermEndsOn);
  }

  /** addSchoolDays' answers, by n then date: the terms never change after the calendar is made, so each is walked once. */
  private readonly afterSchoolDays = new Map<number, Map<string, string>>();

  /** The n-th school day strictly after `date` (the day itself is day 0, as for working days). */
  addSchoolDays(date: string, n: number): string {
    let byDate = this.afterSchoolDays.get(n);
    if (!byDate) this.afterSchoolDays.set(n, (byDate = new Map()));
    let day = byDate.get(date);
    if (day === undefined) byDate.set(date, (day = this.walkSchoolDays(date, n)));
    return day;
  }

  /** Day by day from `date` to the n-th school day after it. */
  private walkSchoolDays(date: string, n: number): string {
    let d = date;
    let counted = 0;
    while (counted < n) {
      d = addDays(d, 1);
      if (this.isSchoolDay(d)) counted++;
    }
    return d;
  }

  /** The last day of the term `n` terms after the term `date` belongs to ("a PEP each term"). */
  endOfTermsAfter(date: string, n: number): string {
    return this.termAfter(this.termOf(date), n).endsOn;
  }
}

/** The default calendar (no council term dates). */
export const DEFAULT_SCHOOL_CALENDAR = new SchoolCalendar();
