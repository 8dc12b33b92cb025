import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  BANK_HOLIDAYS,
  CALENDAR_FIRST_DATE,
  CALENDAR_LAST_DATE,
  addDays,
  addMonths,
  addWeeks,
  addWorkingDays,
  bankHolidayName,
  compareDates,
  daysBetween,
  isBankHoliday,
  isIsoDate,
  isWeekend,
  isWorkingDay,
  workingDaysBetween,
} from './index.ts';

// ---------------------------------------------------------------------------
// Independent reference implementations (Date-based, day-by-day) used as oracles,
// so the tests do not just restate the precomputed tables.
// ---------------------------------------------------------------------------

const HOLIDAY_SET = new Set(BANK_HOLIDAYS.map((h) => h.date));

function utc(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}
function weekday(iso: string): number {
  return utc(iso).getUTCDay(); // 0 = Sunday
}
function nextDay(iso: string): string {
  const d = utc(iso);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
function naiveIsWorkingDay(iso: string): boolean {
  const w = weekday(iso);
  return w !== 0 && w !== 6 && !HOLIDAY_SET.has(iso);
}
function naiveAddWorkingDays(start: string, n: number): string {
  let d = start;
  for (let left = n; left > 0; ) {
    d = nextDay(d);
    if (naiveIsWorkingDay(d)) left--;
  }
  return d;
}

/** Easter Sunday (Meeus/Jones/Butcher), to check the vendored Good Fridays and Easter Mondays. */
function easterSunday(y: number): string {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const SPAN = daysBetween(CALENDAR_FIRST_DATE, CALENDAR_LAST_DATE);
/** Any date in the calendar range. */
const anyDate = fc.integer({ min: 0, max: SPAN }).map((k) => addDays(CALENDAR_FIRST_DATE, k));
/** Dates early enough that 300 working days later (about 14 months) is still in range. */
const startDate = fc
  .integer({ min: 0, max: daysBetween(CALENDAR_FIRST_DATE, '2029-06-30') })
  .map((k) => addDays(CALENDAR_FIRST_DATE, k));
const count = fc.integer({ min: 0, max: 300 });

// ---------------------------------------------------------------------------
// Vendored data
// ---------------------------------------------------------------------------

describe('BANK_HOLIDAYS data', () => {
  it('is sorted, unique, valid, in range and never on a weekend', () => {
    const dates = BANK_HOLIDAYS.map((h) => h.date);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    for (const h of BANK_HOLIDAYS) {
      expect(isIsoDate(h.date), h.date).toBe(true);
      expect(h.date >= CALENDAR_FIRST_DATE && h.date <= CALENDAR_LAST_DATE, h.date).toBe(true);
      expect([0, 6], h.date).not.toContain(weekday(h.date));
      expect(h.name.length).toBeGreaterThan(0);
    }
  });

  it('has 8 bank holidays a year except the years with one-off days', () => {
    const expected: Record<number, number> = { 2002: 9, 2011: 9, 2012: 9, 2022: 10, 2023: 9 };
    for (let y = 2000; y <= 2030; y++) {
      const n = BANK_HOLIDAYS.filter((h) => h.date.startsWith(`${y}-`)).length;
      expect(n, String(y)).toBe(expected[y] ?? 8); // 2020 stays at 8: the early May day moved
    }
  });

  it('has Good Friday and Easter Monday on the right dates every year', () => {
    for (let y = 2000; y <= 2030; y++) {
      const easter = easterSunday(y);
      expect(bankHolidayName(addDays(easter, -2)), `${y} Good Friday`).toBe('Good Friday');
      expect(bankHolidayName(addDays(easter, 1)), `${y} Easter Monday`).toBe('Easter Monday');
    }
    // Spot checks against published dates.
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2008)).toBe('2008-03-23');
    expect(easterSunday(2011)).toBe('2011-04-24');
  });

  it('includes the one-off days and moved holidays', () => {
    const oneOffs = [
      '2002-06-03', '2002-06-04', '2011-04-29', '2012-06-04', '2012-06-05',
      '2020-05-08', '2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08',
    ];
    for (const d of oneOffs) expect(isBankHoliday(d), d).toBe(true);
    // The days they displaced are ordinary working days.
    for (const d of ['2002-05-27', '2012-05-28', '2020-05-04', '2022-05-30']) {
      expect(isWorkingDay(d), d).toBe(true);
    }
  });

  it('includes Christmas, Boxing Day and New Year substitute days', () => {
    const substitutes = [
      '2004-12-27', '2004-12-28', '2010-12-27', '2010-12-28', '2011-12-26', '2011-12-27',
      '2015-12-28', '2016-12-26', '2016-12-27', '2020-12-28', '2021-12-27', '2021-12-28',
      '2022-12-26', '2022-12-27', '2027-12-27', '2027-12-28',
      '2005-01-03', '2011-01-03', '2012-01-02', '2017-01-02', '2022-01-03', '2023-01-02', '2028-01-03',
    ];
    for (const d of substitutes) expect(isBankHoliday(d), d).toBe(true);
    expect(bankHolidayName('2022-12-27')).toBe('Christmas Day (substitute day)');
    expect(bankHolidayName('2022-12-26')).toBe('Boxing Day');
  });
});

// ---------------------------------------------------------------------------
// Known dates, checked by hand
// ---------------------------------------------------------------------------

describe('working days: known dates', () => {
  it('skips Christmas 2023: Friday 22 Dec + 1 working day is Wednesday 27 Dec', () => {
    expect(addWorkingDays('2023-12-22', 1)).toBe('2023-12-27');
    expect(workingDaysBetween('2023-12-22', '2023-12-27')).toBe(1);
    expect(isWorkingDay('2023-12-25')).toBe(false);
    expect(isWorkingDay('2023-12-26')).toBe(false);
  });

  it('45 working days from Monday 2023-01-09 is Monday 2023-03-13 (no holidays in between)', () => {
    // Jan 10-13 is 4; eight full weeks to Fri 10 Mar make 44; Mon 13 Mar is the 45th.
    expect(addWorkingDays('2023-01-09', 45)).toBe('2023-03-13');
  });

  it('45 working days from Monday 2023-03-20 is Friday 2023-05-26 (Easter, early May, Coronation)', () => {
    // Mar 21-24: 4; Mar 27-31: 9; Apr 3-6 (Good Fri 7th): 13; Apr 11-14 (Easter Mon 10th): 17;
    // Apr 17-21: 22; Apr 24-28: 27; May 2-5 (1st holiday): 31; May 9-12 (8th Coronation): 35;
    // May 15-19: 40; May 22-26: 45.
    expect(addWorkingDays('2023-03-20', 45)).toBe('2023-05-26');
    expect(workingDaysBetween('2023-03-20', '2023-05-26')).toBe(45);
  });

  it('knows the Coronation and the State Funeral', () => {
    expect(isWorkingDay('2023-05-08')).toBe(false);
    expect(bankHolidayName('2023-05-08')).toBe('Bank holiday for the coronation of King Charles III');
    expect(isWorkingDay('2022-09-19')).toBe(false);
    expect(addWorkingDays('2022-09-16', 1)).toBe('2022-09-20');
  });

  it('knows Easter 2024 and counts 15 working days across it', () => {
    expect(isBankHoliday('2024-03-29')).toBe(true);
    expect(isBankHoliday('2024-04-01')).toBe(true);
    expect(isWorkingDay('2024-03-28')).toBe(true);
    // From Thursday 21 Mar: Fri 22 (1); Mar 25-28 (5); Apr 2-5 (9); Apr 8-12 (14); Mon 15 Apr (15).
    expect(addWorkingDays('2024-03-21', 15)).toBe('2024-04-15');
  });

  it('handles the June moves of 2002, 2012 and 2022', () => {
    expect(addWorkingDays('2002-05-31', 1)).toBe('2002-06-05'); // Fri -> Mon 3, Tue 4 off -> Wed
    expect(addWorkingDays('2012-06-01', 1)).toBe('2012-06-06'); // Fri -> Mon 4, Tue 5 off -> Wed
    expect(addWorkingDays('2022-06-01', 1)).toBe('2022-06-06'); // Wed -> Thu 2, Fri 3 off -> Mon
    expect(workingDaysBetween('2022-05-27', '2022-06-06')).toBe(4); // May 30, 31, Jun 1, Jun 6
  });

  it('treats day 0 as start itself, even on a non-working day', () => {
    expect(addWorkingDays('2023-12-25', 0)).toBe('2023-12-25');
    expect(addWorkingDays('2023-12-23', 0)).toBe('2023-12-23'); // Saturday
    expect(addWorkingDays('2023-12-23', 1)).toBe('2023-12-27'); // Sat -> Wed (25, 26 off)
    expect(workingDaysBetween('2023-12-23', '2023-12-23')).toBe(0);
  });

  it('counts negatively and symmetrically when end is before start', () => {
    expect(workingDaysBetween('2023-12-27', '2023-12-22')).toBe(-1);
    expect(workingDaysBetween('2023-05-26', '2023-03-20')).toBe(-45);
  });

  it('works at the edges of the range', () => {
    expect(isWorkingDay('2000-01-03')).toBe(false); // New Year substitute
    expect(addWorkingDays('2000-01-01', 1)).toBe('2000-01-04');
    expect(addWorkingDays('2030-12-30', 1)).toBe('2030-12-31');
    expect(workingDaysBetween(CALENDAR_FIRST_DATE, CALENDAR_LAST_DATE)).toBeGreaterThan(7700);
  });
});

describe('working days: errors', () => {
  it('throws a RangeError naming 2000–2030 outside the data range', () => {
    for (const call of [
      () => isWorkingDay('1999-12-31'),
      () => isBankHoliday('2031-01-01'),
      () => bankHolidayName('1999-12-31'),
      () => addWorkingDays('2031-01-01', 0),
      () => workingDaysBetween('2023-01-01', '2031-06-01'),
      () => addWorkingDays('2030-12-31', 1), // the result would be past the range
    ]) {
      expect(call).toThrow(RangeError);
      expect(call).toThrow(/2000–2030/);
    }
  });

  it('throws a RangeError for invalid dates and counts', () => {
    expect(() => isWorkingDay('2023-02-29')).toThrow(/not a valid ISO calendar date/);
    expect(() => addWorkingDays('2023-1-05', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2023-01-05', -1)).toThrow(/non-negative integer/);
    expect(() => addWorkingDays('2023-01-05', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2023-01-05', Number.NaN)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------
// Plain date arithmetic
// ---------------------------------------------------------------------------

describe('date arithmetic', () => {
  it('validates ISO dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true); // divisible by 400
    expect(isIsoDate('1900-02-29')).toBe(false); // divisible by 100
    expect(isIsoDate('2023-04-31')).toBe(false);
    expect(isIsoDate('2023-13-01')).toBe(false);
    expect(isIsoDate('2023-00-10')).toBe(false);
    expect(isIsoDate('2023-01-00')).toBe(false);
    for (const bad of ['2023-1-01', '2023/01/01', '20230101', '2023-01-01T00:00:00Z', ' 2023-01-01', '+02023-01-01', '', 20230101, null, undefined]) {
      expect(isIsoDate(bad), String(bad)).toBe(false);
    }
  });

  it('adds days, weeks and months', () => {
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addWeeks('2023-12-22', 2)).toBe('2024-01-05');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2023-03-31', -1)).toBe('2023-02-28');
    expect(addMonths('2023-11-15', 3)).toBe('2024-02-15');
    expect(addMonths('2023-01-15', -13)).toBe('2021-12-15');
    expect(() => addDays('2023-02-30', 1)).toThrow(RangeError);
    expect(() => addMonths('9999-12-01', 1)).toThrow(RangeError);
  });

  it('compares and measures', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
    expect(compareDates('2024-01-01', '2024-01-02')).toBe(-1);
    expect(compareDates('2024-01-02', '2024-01-02')).toBe(0);
    expect(compareDates('2024-01-03', '2024-01-02')).toBe(1);
    expect(isWeekend('2023-12-23')).toBe(true);
    expect(isWeekend('2023-12-25')).toBe(false); // a holiday, but not a weekend
    expect(isWeekend('1969-12-28')).toBe(true); // before the day-number epoch
  });
});

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

describe('properties', () => {
  it('addWorkingDays agrees with a day-by-day reference', () => {
    fc.assert(fc.property(startDate, count, (d, n) => addWorkingDays(d, n) === naiveAddWorkingDays(d, n)));
  });

  it('isWorkingDay agrees with weekday + holiday list on every date in range', () => {
    for (let d = CALENDAR_FIRST_DATE; d <= CALENDAR_LAST_DATE; d = nextDay(d)) {
      if (isWorkingDay(d) !== naiveIsWorkingDay(d)) throw new Error(d);
      if (isBankHoliday(d) !== HOLIDAY_SET.has(d)) throw new Error(d);
    }
  });

  it('the result is a working day when n > 0 and start itself when n = 0', () => {
    fc.assert(
      fc.property(startDate, count, (d, n) => {
        const r = addWorkingDays(d, n);
        return n === 0 ? r === d : isWorkingDay(r) && r > d;
      }),
    );
  });

  it('workingDaysBetween(d, addWorkingDays(d, n)) === n for every n >= 0', () => {
    fc.assert(fc.property(startDate, count, (d, n) => workingDaysBetween(d, addWorkingDays(d, n)) === n));
  });

  it('addWorkingDays is strictly increasing in n', () => {
    fc.assert(
      fc.property(startDate, count, count, (d, a, b) => {
        fc.pre(a !== b);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        return addWorkingDays(d, lo) < addWorkingDays(d, hi);
      }),
    );
  });

  it('addWorkingDays composes: (d + a) + b === d + (a + b)', () => {
    // Holds for a = 0 too: day 0 is start itself, so the inner call is the identity.
    // For a > 0 the intermediate result is a working day, so counting on from it loses
    // nothing. (It is the inverse direction that needs care: see the next property.)
    fc.assert(
      fc.property(startDate, fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 150 }), (d, a, b) =>
        addWorkingDays(addWorkingDays(d, a), b) === addWorkingDays(d, a + b),
      ),
    );
  });

  it('addWorkingDays(s, workingDaysBetween(s, e)) === e exactly when e is a working day (or e = s)', () => {
    // A non-working end date is rounded back: the count reaches the last working day before it.
    const pair = fc.tuple(startDate, fc.integer({ min: 0, max: 400 }));
    fc.assert(
      fc.property(pair, ([s, k]) => {
        const e = addDays(s, k);
        const r = addWorkingDays(s, workingDaysBetween(s, e));
        return e === s || isWorkingDay(e) ? r === e : r < e && workingDaysBetween(r, e) === 0;
      }),
    );
  });

  it('workingDaysBetween is antisymmetric and additive', () => {
    fc.assert(
      fc.property(anyDate, anyDate, anyDate, (a, b, c) => {
        return (
          workingDaysBetween(a, b) === -workingDaysBetween(b, a) &&
          workingDaysBetween(a, b) + workingDaysBetween(b, c) === workingDaysBetween(a, c)
        );
      }),
    );
  });

  it('isIsoDate and addDays agree with Date over four-digit years', () => {
    const parts = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }));
    fc.assert(
      fc.property(parts, ([y, m, d]) => {
        const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const dt = new Date(0);
        dt.setUTCFullYear(y, m - 1, d); // setUTCFullYear, unlike Date.UTC, does not remap years 0–99
        const real = m >= 1 && m <= 12 && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
        return isIsoDate(s) === real;
      }),
    );
    const k = fc.integer({ min: -40000, max: 40000 });
    fc.assert(
      fc.property(anyDate, k, (d, n) => {
        const dt = utc(d);
        dt.setUTCDate(dt.getUTCDate() + n);
        return addDays(d, n) === dt.toISOString().slice(0, 10) && daysBetween(d, addDays(d, n)) === n;
      }),
    );
  });

  it('addMonths always gives a valid date, clamped to the month end', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -600, max: 600 }), (d, n) => {
        const r = addMonths(d, n);
        const months = (Number(r.slice(0, 4)) - Number(d.slice(0, 4))) * 12 + Number(r.slice(5, 7)) - Number(d.slice(5, 7));
        const day = Number(d.slice(8, 10));
        const rDay = Number(r.slice(8, 10));
        // Same day of month, or, only when the target month is too short for it, its last day.
        const clamped = rDay < day && addDays(r, 1).endsWith('-01') && !isIsoDate(r.slice(0, 8) + d.slice(8, 10));
        return isIsoDate(r) && months === n && (rDay === day || clamped);
      }),
    );
  });

  it('compareDates matches string order and daysBetween sign', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        const c = compareDates(a, b);
        return c === -Math.sign(daysBetween(a, b)) && c === (a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });
});
