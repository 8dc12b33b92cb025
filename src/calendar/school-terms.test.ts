// The school calendar PEP timescales count with (timescales.md LA15; decision 0013): the common
// pattern of English term dates, school days that skip half-terms and bank holidays, a date in a
// holiday belonging to the term after it, and the council's own term dates in place of the pattern.
import { describe, expect, it } from 'vitest';
import { defaultTerms, SchoolCalendar, schoolYearOf } from './school-terms.ts';

describe('the default term dates', () => {
  it('2025/26 as most English councils set it', () => {
    expect(defaultTerms(2025).map((t) => [t.term, t.startsOn, t.endsOn, t.halfTermStartsOn, t.halfTermEndsOn])).toEqual([
      ['autumn', '2025-09-01', '2025-12-19', '2025-10-27', '2025-10-31'],
      ['spring', '2026-01-05', '2026-03-27', '2026-02-16', '2026-02-20'],
      ['summer', '2026-04-13', '2026-07-22', '2026-05-25', '2026-05-29'],
    ]);
  });

  it('a school year runs from 1 September', () => {
    expect(schoolYearOf('2026-08-31')).toBe(2025);
    expect(schoolYearOf('2026-09-01')).toBe(2026);
  });
});

describe('school days', () => {
  const calendar = new SchoolCalendar();

  it('skip weekends, half-term and bank holidays', () => {
    expect(calendar.isSchoolDay('2026-05-22')).toBe(true); // Friday before half-term
    expect(calendar.isSchoolDay('2026-05-26')).toBe(false); // half-term
    expect(calendar.isSchoolDay('2026-05-04')).toBe(false); // early May bank holiday, in term
    expect(calendar.isSchoolDay('2026-08-03')).toBe(false); // summer holiday
    // Friday 22 May + 1 school day is Monday 1 June, after half-term.
    expect(calendar.addSchoolDays('2026-05-22', 1)).toBe('2026-06-01');
  });

  it('counted from a day in the holidays start with the next term', () => {
    expect(calendar.addSchoolDays('2026-12-24', 1)).toBe('2027-01-04');
  });
});

describe('terms', () => {
  const calendar = new SchoolCalendar();

  it('a date in a holiday belongs to the term after it', () => {
    expect(calendar.termOf('2026-08-10')).toMatchObject({ schoolYear: 2026, term: 'autumn' });
    expect(calendar.termOf('2026-04-01')).toMatchObject({ schoolYear: 2025, term: 'summer' });
    expect(calendar.termOf('2026-10-28')).toMatchObject({ schoolYear: 2026, term: 'autumn' });
  });

  it('"each term": the end of the next term, across the school year', () => {
    expect(calendar.endOfTermsAfter('2026-06-24', 1)).toBe('2026-12-18');
    expect(calendar.endOfTermsAfter('2026-11-10', 1)).toBe('2027-03-26');
    expect(calendar.endOfTermsAfter('2027-02-01', 1)).toBe('2027-07-22');
  });

  it('the council’s own dates replace the pattern for the terms it recorded', () => {
    const own = new SchoolCalendar([{ schoolYear: 2026, term: 'autumn', startsOn: '2026-09-03', endsOn: '2026-12-17', halfTermStartsOn: '2026-10-26', halfTermEndsOn: '2026-10-30' }]);
    expect(own.isSchoolDay('2026-09-02')).toBe(false);
    expect(own.endOfTermsAfter('2026-06-24', 1)).toBe('2026-12-17');
    expect(own.termsOf(2026)[1]!.startsOn).toBe('2027-01-04');
  });
});
