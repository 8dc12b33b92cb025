/**
 * Bank holidays in England and Wales, 2000 to 2030 inclusive.
 *
 * Source: GOV.UK "UK bank holidays" (https://www.gov.uk/bank-holidays), England and
 * Wales list. 2018–2025 were compared date by date with a copy of GOV.UK's JSON feed
 * (bank-holidays.json). Other years were generated once from the pattern below plus
 * the proclaimed one-off days, then hand-checked (Easter dates, substitute days, and
 * 2002 Golden Jubilee, 2011 royal wedding, 2012 Diamond Jubilee, 2020 VE Day move,
 * 2022 Platinum Jubilee and State Funeral, 2023 Coronation).
 *
 * Years GOV.UK has not yet published (after 2026) follow the Banking and Financial
 * Dealings Act 1971 pattern and may change by proclamation: if one is proclaimed,
 * edit this list (it is data on purpose, so a change is a reviewable diff).
 *
 * Pattern: New Year's Day, Good Friday, Easter Monday, first and last Mondays in May,
 * last Monday in August, Christmas Day and Boxing Day. A holiday falling on a weekend
 * gets a substitute on the next weekday that is not already a holiday, so Christmas
 * on a Saturday gives 27 and 28 December, and on a Sunday gives 26 (Boxing Day) and
 * 27 (Christmas substitute). 1999-12-31 (Millennium) is outside the range.
 *
 * Titles follow GOV.UK's wording. The trailing comment on each line is the weekday,
 * to make hand-checking easy; the tests also check that none falls on a weekend.
 */

export interface BankHoliday {
  /** ISO calendar date, YYYY-MM-DD. */
  readonly date: string;
  readonly name: string;
}

/** First and last dates the vendored list (and so the working-day calendar) covers. */
export const CALENDAR_FIRST_DATE = '2000-01-01';
export const CALENDAR_LAST_DATE = '2030-12-31';

/** Sorted ascending by date. */
export const BANK_HOLIDAYS: readonly BankHoliday[] = Object.freeze([
  // 2000 (Easter Sunday 04-23)
  { date: '2000-01-03', name: 'New Year’s Day (substitute day)' }, // Mon
  { date: '2000-04-21', name: 'Good Friday' }, // Fri
  { date: '2000-04-24', name: 'Easter Monday' }, // Mon
  { date: '2000-05-01', name: 'Early May bank holiday' }, // Mon
  { date: '2000-05-29', name: 'Spring bank holiday' }, // Mon
  { date: '2000-08-28', name: 'Summer bank holiday' }, // Mon
  { date: '2000-12-25', name: 'Christmas Day' }, // Mon
  { date: '2000-12-26', name: 'Boxing Day' }, // Tue
  // 2001 (Easter Sunday 04-15)
  { date: '2001-01-01', name: 'New Year’s Day' }, // Mon
  { date: '2001-04-13', name: 'Good Friday' }, // Fri
  { date: '2001-04-16', name: 'Easter Monday' }, // Mon
  { date: '2001-05-07', name: 'Early May bank holiday' }, // Mon
  { date: '2001-05-28', name: 'Spring bank holiday' }, // Mon
  { date: '2001-08-27', name: 'Summer bank holiday' }, // Mon
  { date: '2001-12-25', name: 'Christmas Day' }, // Tue
  { date: '2001-12-26', name: 'Boxing Day' }, // Wed
  // 2002 (Easter Sunday 03-31)
  { date: '2002-01-01', name: 'New Year’s Day' }, // Tue
  { date: '2002-03-29', name: 'Good Friday' }, // Fri
  { date: '2002-04-01', name: 'Easter Monday' }, // Mon
  { date: '2002-05-06', name: 'Early May bank holiday' }, // Mon
  { date: '2002-06-03', name: 'Queen’s Golden Jubilee' }, // Mon
  { date: '2002-06-04', name: 'Spring bank holiday' }, // Tue
  { date: '2002-08-26', name: 'Summer bank holiday' }, // Mon
  { date: '2002-12-25', name: 'Christmas Day' }, // Wed
  { date: '2002-12-26', name: 'Boxing Day' }, // Thu
  // 2003 (Easter Sunday 04-20)
  { date: '2003-01-01', name: 'New Year’s Day' }, // Wed
  { date: '2003-04-18', name: 'Good Friday' }, // Fri
  { date: '2003-04-21', name: 'Easter Monday' }, // Mon
  { date: '2003-05-05', name: 'Early May bank holiday' }, // Mon
  { date: '2003-05-26', name: 'Spring bank holiday' }, // Mon
  { date: '2003-08-25', name: 'Summer bank holiday' }, // Mon
  { date: '2003-12-25', name: 'Christmas Day' }, // Thu
  { date: '2003-12-26', name: 'Boxing Day' }, // Fri
  // 2004 (Easter Sunday 04-11)
  { date: '2004-01-01', name: 'New Year’s Day' }, // Thu
  { date: '2004-04-09', name: 'Good Friday' }, // Fri
  { date: '2004-04-12', name: 'Easter Monday' }, // Mon
  { date: '2004-05-03', name: 'Early May bank holiday' }, // Mon
  { date: '2004-05-31', name: 'Spring bank holiday' }, // Mon
  { date: '2004-08-30', name: 'Summer bank holiday' }, // Mon
  { date: '2004-12-27', name: 'Christmas Day (substitute day)' }, // Mon
  { date: '2004-12-28', name: 'Boxing Day (substitute day)' }, // Tue
  // 2005 (Easter Sunday 03-27)
  { date: '2005-01-03', name: 'New Year’s Day (substitute day)' }, // Mon
  { date: '2005-03-25', name: 'Good Friday' }, // Fri
  { date: '2005-03-28', name: 'Easter Monday' }, // Mon
  { date: '2005-05-02', name: 'Early May bank holiday' }, // Mon
  { date: '2005-05-30', name: 'Spring bank holiday' }, // Mon
  { date: '2005-08-29', name: 'Summer bank holiday' }, // Mon
  { date: '2005-12-26', name: 'Boxing Day' }, // Mon
  { date: '2005-12-27', name: 'Christmas Day (substitute day)' }, // Tue
  // 2006 (Easter Sunday 04-16)
  { date: '2006-01-02', name: 'New Year’s Day (substitute day)' }, // Mon
  { date: '2006-04-14', name: 'Good Friday' }, // Fri
  { date: '2006-04-17', name: 'Easter Monday' }, // Mon
  { date: '2006-05-01', name: 'Early May bank holiday' }, // Mon
  { date: '2006-05-29', name: 'Spring bank holiday' }, // Mon
  { date: '2006-08-28', name: 'Summer bank holiday' }, // Mon
  { date: '2006-12-25', name: 'Christmas Day' }, // Mon
  { date: '2006-12-26', name: 'Boxing Day' }, // Tue
  // 2007 (Easter Sunday 04-08)
  { date: '2007-01-01', name: 'New Year’s Day' }, // Mon
  { date: '2007-04-06', name: 'Good Friday' }, // Fri
  { date: '2007-04-09', name: 'Easter Monday' }, // Mon
  { date: '2007-05-07', name: 'Early May bank holiday' }, // Mon
  { date: '2007-05-28', name: 'Spring bank holiday' }, // Mon
  { date: '2007-08-27', name: 'Summer bank holiday' }, // Mon
  { date: '2007-12-25', name: 'Christmas Day' }, // Tue
  { date: '2007-12-26', name: 'Boxing Day' }, // Wed
  // 2008 (Easter Sunday 03-23)
  { date: '2008-01-01', name: 'New Year’s Day' }, // Tue
  { date: '2008-03-21', name: 'Good Friday' }, // Fri
  { date: '2008-03-24', name: 'Easter Monday' }, // Mon
  { date: '2008-05-05', name: 'Early May bank holiday' }, // Mon
  { date: '2008-05-26', name: 'Spring bank holiday' }, // Mon
  { date: '2008-08-25', name: 'Summer bank holiday' }, // Mon
  { date: '2008-12-25', name: 'Christmas Day' }, // Thu
  { date: '2008-12-26', name: 'Boxing Day' }, // Fri
  // 2009 (Easter Sunday 04-12)
  { date: '2009-01-01', name: 'New Year’s Day' }, // Thu
  { date: '2009-04-10', name: 'Good Friday' }, // Fri
  { date: '2009-04-13', name: 'Easter Monday' }, // Mon
  { date: '2009-05-04', name: 'Early May bank holiday' }, // Mon
  { date: '2009-05-25', name: 'Spring bank holiday' }, // Mon
  { date: '2009-08-31', name: 'Summer bank holiday' }, // Mon
  { date: '2009-12-25', name: 'Christmas Day' }, // Fri
  { date: '2009-12-28', name: 'Boxing Day (substitute day)' }, // Mon
  // 2010 (Easter Sunday 04-04)
  { date: '2010-01-01', name: 'New Year’s Day' }, // Fri
  { date: '2010-04-02', name: 'Good Friday' }, // Fri
  { date: '2010-04-05', name: 'Easter Monday' }, // Mon
  { date: '2010-05-03', name: 'Early May bank holiday' }, // Mon
  { date: '2010-05-31', name: 'Spring bank holiday' }, // Mon
  { date: '2010-08-30', name: 'Summer bank holiday' }, // Mon
  { date: '2010-12-27', name: 'Christmas Day (substitute day)' }, // Mon
  { date: '2010-12-28', name: 'Boxing Day (substitute day)' }, // Tue
  // 2011 (Easter Sunday 04-24)
  { date: '2011-01-03', name: 'New Year’s Day (substitute day)' }, // Mon
  { date: '2011-04-22', name: 'Good Friday' }, // Fri
  { date: '2011-04-25', name: 'Easter Monday' }, // Mon
  { date: '2011-04-29', name: 'Royal wedding' }, // Fri
  { date: '2011-05-02', name: 'Early May bank holiday' }, // Mon
  { date: '2011-05-30', name: 'Spring bank holiday' }, // Mon
  { date: '2011-08-29', name: 'Summer bank holiday' }, // Mon
  { date: '2011-12-26', name: 'Boxing Day' }, // Mon
  { date: '2011-12-27', name: 'Christmas Day (substitute day)' }, // Tue
  // 2012 (Easter Sunday 04-08)
  { date: '2012-01-02', name: 'New Year’s Day (substitute day)' }, // Mon
  { date: '2012-04-06', name: 'Good Friday' }, // Fri
  { date: '2012-04-09', name: 'Easter Monday' }, // Mon
  { date: '2012-05-07', name: 'Early May bank holiday' }, // Mon
  { date: '2012-06-04', name: 'Spring bank holiday' }, // Mon
  { date: '2012-06-05', name: 'Queen’s Diamond Jubilee' }, // Tue
  { date: '2012-08-27', name: 'Summer bank holiday' }, // Mon
  { date: '2012-12-25', name: 'Christmas Day' }, // Tue
  { date: '2012-12-26', name: 'Boxing Day' }, // Wed
  // 2013 (Easter Sunday 03-31)
  { date: '2013-01-01', name: 'New Year’s Day' }, // Tue
  { date: '2013-03-29', name: 'Good Friday' }, // Fri
  { date: '2013-04-01', name: 'Easter Monday' }, // Mon
  { date: '2013-05-06', name: 'Early May bank holiday' }, // Mon
  { date: '2013-05-27', name: 'Spring bank holiday' }, // Mon
  { date: '2013-08-26', name: 'Summer bank holiday' }, // Mon
  { date: '2013-12-25', name: 'Christmas Day' }, // Wed
  { date: '2013-12-26', name: 'Boxing Day' }, // Thu
  // 2014 (Easter Sunday 04-20)
  { date: '2014-01-01', name: 'New Year’s Day' }, // Wed
  { date: '2014-04-18', name: 'Good Friday' }, // Fri
  { date: '2014-04-21', name: 'Easter Monday' }, // Mon
  { date: '2014-05-05', name: 'Early May bank holiday' }, // Mon
  { date: '2014-05-26', name: 'Spring bank holiday' }, // Mon
  { date: '2014-08-25', name: 'Summer bank holiday' }, // Mon
  { date: '2014-12-25', name: 'Christmas Day' }, // Thu
  { date: '2014-12-26', name: 'Boxing Day' }, // Fri
  // 2015 (Easter Sunday 04-05)
  { date: '2015-01-01', name: 'New Year’s Day' }, // Thu
  { date: '2015-04-03', name: 'Good Friday' }, // Fri
  { date: '2015-04-06', name: 'Easter Monday' }, // Mon
  { date: '2015-05-04', name: 'Early May bank holiday' }, // Mon
  { date: '2015-05-25', name: 'Spring bank holiday' }, // Mon
  { date: '2015-08-31', name: 'Summer bank holiday' }, // Mon
  { date: '2015-12-25', name: 'Christmas Day' }, // Fri
  { date: '2015-12-28', name: 'Boxing Day (substitute day)' }, // Mon
  // 2016 (Easter Sunday 03-27)
  { date: '2016-01-01', name: 'New Year’s Day' }, // Fri
  { date: '2016-03-25', name: 'Good Friday' }, // Fri
  { date: '2016-03-28', name: 'Easter Monday' }, // Mon
  { date: '2016-05-02', name: 'Early May bank holiday' }, // Mon
  { date: '2016-05-30', name: 'Spring bank holiday' }, // Mon
  { date: '2016-08-29', name: 'Summer bank holiday' }, // Mon
  { date: '2016-12-26', name: 'Boxing Day' }, // Mon
  { date: '2016-12-27', name: 'Christmas Day (substitute day)' }, // Tue
  // 2017 (Easter Sunday 04-16)
  { date: '2017-01-02', name: 'New Year’s Day (substitute day)' }, // Mon
  { date: '2017-04-14', name: 'Good Friday' }, // Fri
  { date: '2017-04-17', name: 'Easter Monday' }, // Mon
  { date: '2017-05-01', name: 'Early May bank holiday' }, // Mon
  { date: '2017-05-29', name: 'Spring bank holiday' }, // Mon
  { date: '2017-08-28', name: 'Summer bank holiday' }, // Mon
  { date: '2017-12-25', name: 'Christmas Day' }, // Mon
  { date: '2017-12-26', name: 'Boxing Day' }, // Tue
  // 2018 (Easter Sunday 04-01)
  { date: '2018-01-01', name: 'New Year’s Day' }, // Mon
  { date: '2018-03-30', name: 'Good Friday' }, // Fri
  { date: '2018-04-02', name: 'Easter Monday' }, // Mon
  { date: '2018-05-07', name: 'Early May bank holiday' }, // Mon
  { date: '2018-05-28', name: 'Spring bank holiday' }, // Mon
  { date: '2018-08-27', name: 'Summer bank holiday' }, // Mon
  { date: '2018-12-25', name: 'Christmas Day' }, // Tue
  { date: '2018-12-26', name: 'Boxing Day' }, // Wed
  // 2019 (Easter Sunday 04-21)
  { date: '2019-01-01', name: 'New Year’s Day' }, // Tue
  { date: '2019-04-19', name: 'Good Friday' }, // Fri
  { date: '2019-04-22', name: 'Easter Monday' }, // Mon
  { date: '2019-05-06', name: 'Early May bank holiday' }, // Mon
  { date: '2019-05-27', name: 'Spring bank holiday' }, // Mon
  { date: '2019-08-26', name: 'Summer bank holiday' }, // Mon
  { date: '2019-12-25', name: 'Christmas Day' }, // Wed
  { date: '2019-12-26', name: 'Boxing Day' }, // Thu
  // 2020 (Easter Sunday 04-12)
  { date: '2020-01-01', name: 'New Year’s Day' }, // Wed
  { date: '2020-04-10', name: 'Good Friday' }, // Fri
  { date: '2020-04-13', name: 'Easter Monday' }, // Mon
  { date: '2020-05-08', name: 'Early May bank holiday (VE day)' }, // Fri
  { date: '2020-05-25', name: 'Spring bank holiday' }, // Mon
  { date: '2020-08-31', name: 'Summer bank holiday' }, // Mon
  { date: '2020-12-25', name: 'Christmas Day' }, // Fri
  { date: '2020-12-28', name: 'Boxing Day (substitute day)' }, // Mon
  // 2021 (Easter Sunday 04-04)
  { date: '2021-01-01', name: 'New Year’s Day' }, // Fri
  { date: '2021-04-02', name: 'Good Friday' }, // Fri
  { date: '2021-04-05', name: 'Easter Monday' }, // Mon
  { date: '2021-05-03', name: 'Early May bank holiday' }, // Mon
  { date: '2021-05-31', name: 'Spring bank holiday' }, // Mon
  { date: '2021-08-30', name: 'Summer bank holiday' }, // Mon
  { date: '2021-12-27', name: 'Christmas Day (substitute day)' }, // Mon
  { date: '2021-12-28', name: 'Boxing Day (substitute day)' }, // Tue
  // 2022 (Easter Sunday 04-17)
  { date: '2022-01-03', name: 'New Year’s Day (substitute day)' }, // Mon
  { date: '2022-04-15', name: 'Good Friday' }, // Fri
  { date: '2022-04-18', name: 'Easter Monday' }, // Mon
  { date: '2022-05-02', name: 'Early May bank holiday' }, // Mon
  { date: '2022-06-02', name: 'Spring bank holiday' }, // Thu
  { date: '2022-06-03', name: 'Platinum Jubilee bank holiday' }, // Fri
  { date: '2022-08-29', name: 'Summer bank holiday' }, // Mon
  { date: '2022-09-19', name: 'Bank Holiday for the State Funeral of Queen Elizabeth II' }, // Mon
  { date: '2022-12-26', name: 'Boxing Day' }, // Mon
  { date: '2022-12-27', name: 'Christmas Day (substitute day)' }, // Tue
  // 2023 (Easter Sunday 04-09)
  { date: '2023-01-02', name: 'New Year’s Day (substitute day)' }, // Mon
  { date: '2023-04-07', name: 'Good Friday' }, // Fri
  { date: '2023-04-10', name: 'Easter Monday' }, // Mon
  { date: '2023-05-01', name: 'Early May bank holiday' }, // Mon
  { date: '2023-05-08', name: 'Bank holiday for the coronation of King Charles III' }, // Mon
  { date: '2023-05-29', name: 'Spring bank holiday' }, // Mon
  { date: '2023-08-28', name: 'Summer bank holiday' }, // Mon
  { date: '2023-12-25', name: 'Christmas Day' }, // Mon
  { date: '2023-12-26', name: 'Boxing Day' }, // Tue
  // 2024 (Easter Sunday 03-31)
  { date: '2024-01-01', name: 'New Year’s Day' }, // Mon
  { date: '2024-03-29', name: 'Good Friday' }, // Fri
  { date: '2024-04-01', name: 'Easter Monday' }, // Mon
  { date: '2024-05-06', name: 'Early May bank holiday' }, // Mon
  { date: '2024-05-27', name: 'Spring bank holiday' }, // Mon
  { date: '2024-08-26', name: 'Summer bank holiday' }, // Mon
  { date: '2024-12-25', name: 'Christmas Day' }, // Wed
  { date: '2024-12-26', name: 'Boxing Day' }, // Thu
  // 2025 (Easter Sunday 04-20)
  { date: '2025-01-01', name: 'New Year’s Day' }, // Wed
  { date: '2025-04-18', name: 'Good Friday' }, // Fri
  { date: '2025-04-21', name: 'Easter Monday' }, // Mon
  { date: '2025-05-05', name: 'Early May bank holiday' }, // Mon
  { date: '2025-05-26', name: 'Spring bank holiday' }, // Mon
  { date: '2025-08-25', name: 'Summer bank holiday' }, // Mon
  { date: '2025-12-25', name: 'Christmas Day' }, // Thu
  { date: '2025-12-26', name: 'Boxing Day' }, // Fri
  // 2026 (Easter Sunday 04-05)
  { date: '2026-01-01', name: 'New Year’s Day' }, // Thu
  { date: '2026-04-03', name: 'Good Friday' }, // Fri
  { date: '2026-04-06', name: 'Easter Monday' }, // Mon
  { date: '2026-05-04', name: 'Early May bank holiday' }, // Mon
  { date: '2026-05-25', name: 'Spring bank holiday' }, // Mon
  { date: '2026-08-31', name: 'Summer bank holiday' }, // Mon
  { date: '2026-12-25', name: 'Christmas Day' }, // Fri
  { date: '2026-12-28', name: 'Boxing Day (substitute day)' }, // Mon
  // 2027 (Easter Sunday 03-28)
  { date: '2027-01-01', name: 'New Year’s Day' }, // Fri
  { date: '2027-03-26', name: 'Good Friday' }, // Fri
  { date: '2027-03-29', name: 'Easter Monday' }, // Mon
  { date: '2027-05-03', name: 'Early May bank holiday' }, // Mon
  { date: '2027-05-31', name: 'Spring bank holiday' }, // Mon
  { date: '2027-08-30', name: 'Summer bank holiday' }, // Mon
  { date: '2027-12-27', name: 'Christmas Day (substitute day)' }, // Mon
  { date: '2027-12-28', name: 'Boxing Day (substitute day)' }, // Tue
  // 2028 (Easter Sunday 04-16)
  { date: '2028-01-03', name: 'New Year’s Day (substitute day)' }, // Mon
  { date: '2028-04-14', name: 'Good Friday' }, // Fri
  { date: '2028-04-17', name: 'Easter Monday' }, // Mon
  { date: '2028-05-01', name: 'Early May bank holiday' }, // Mon
  { date: '2028-05-29', name: 'Spring bank holiday' }, // Mon
  { date: '2028-08-28', name: 'Summer bank holiday' }, // Mon
  { date: '2028-12-25', name: 'Christmas Day' }, // Mon
  { date: '2028-12-26', name: 'Boxing Day' }, // Tue
  // 2029 (Easter Sunday 04-01)
  { date: '2029-01-01', name: 'New Year’s Day' }, // Mon
  { date: '2029-03-30', name: 'Good Friday' }, // Fri
  { date: '2029-04-02', name: 'Easter Monday' }, // Mon
  { date: '2029-05-07', name: 'Early May bank holiday' }, // Mon
  { date: '2029-05-28', name: 'Spring bank holiday' }, // Mon
  { date: '2029-08-27', name: 'Summer bank holiday' }, // Mon
  { date: '2029-12-25', name: 'Christmas Day' }, // Tue
  { date: '2029-12-26', name: 'Boxing Day' }, // Wed
  // 2030 (Easter Sunday 04-21)
  { date: '2030-01-01', name: 'New Year’s Day' }, // Tue
  { date: '2030-04-19', name: 'Good Friday' }, // Fri
  { date: '2030-04-22', name: 'Easter Monday' }, // Mon
  { date: '2030-05-06', name: 'Early May bank holiday' }, // Mon
  { date: '2030-05-27', name: 'Spring bank holiday' }, // Mon
  { date: '2030-08-26', name: 'Summer bank holiday' }, // Mon
  { date: '2030-12-25', name: 'Christmas Day' }, // Wed
  { date: '2030-12-26', name: 'Boxing Day' }, // Thu
]);
