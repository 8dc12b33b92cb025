// Public surface of the England and Wales working-day calendar.
export {
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
} from './working-days.ts';
export { BANK_HOLIDAYS, CALENDAR_FIRST_DATE, CALENDAR_LAST_DATE } from './bank-holidays.ts';
export type { BankHoliday } from './bank-holidays.ts';
