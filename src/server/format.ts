// Dates as people in England write them: 4 March 2025.
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
  timeZone: 'Europe/London',
});

// A page shows the same few hundred dates over and over (a chronology, a list of clocks), and Intl's
// formatting was a measurable part of rendering one: each day is formatted once.
const formattedDays = new Map<string, string>();
const MAX_REMEMBERED_DAYS = 20_000;

export function formatDate(value: string | Date): string {
  if (typeof value !== 'string') return dateFormat.format(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return value;
  const day = value.slice(0, 10);
  let formatted = formattedDays.get(day);
  if (formatted === undefined) {
    if (formattedDays.size >= MAX_REMEMBERED_DAYS) formattedDays.clear();
    formatted = dateFormat.format(new Date(`${day}T00:00:00Z`));
    formattedDays.set(day, formatted);
  }
  return formatted;
}

export function formatDateTime(value: string | Date): string {
  return dateTimeFormat.format(typeof value === 'string' ? new Date(value) : value).replace(' am', 'am').replace(' pm', 'pm');
}

/** Age in whole years on a given date. */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

// Names that keep their capital in the middle of a sentence. Acronyms (DBS, IRO, EHCP) need no list:
// any word with two or more capitals keeps its case.
const PROPER_NAMES = new Set([
  'I', 'Ofsted', 'Cafcass', 'Lantern', 'England', 'English', 'Wales', 'Welsh', 'Scotland', 'Scottish', 'Ireland', 'Irish', 'British',
  'White', 'Black', 'Asian', 'Mixed', 'Gypsy', 'Roma', 'Traveller', 'Chinese', 'Indian', 'Pakistani', 'Bangladeshi', 'Caribbean', 'African', 'Arab',
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
]);

/**
 * A label as it reads in the middle of a sentence: "DBS check renewal" stays, "Foster carer" becomes
 * "foster carer". Labels are in sentence case, so only the first word can be capitalised for being
 * first; it keeps its capital when it is an acronym (two or more capitals), a proper name ("Ofsted"),
 * or starts a name of several words ("High Court order", "National Referral Mechanism").
 */
export function midSentence(label: string | null | undefined): string {
  if (!label) return '';
  const first = /^[A-Z][a-z’'-]*(?=$|[^A-Za-z])/.exec(label)?.[0];
  if (first === undefined || PROPER_NAMES.has(first)) return label;
  const rest = label.slice(first.length);
  if (/^ [A-Z][a-z]/.test(rest) && !/^ [A-Z][a-z]*[A-Z]/.test(rest)) return label;
  return first.charAt(0).toLowerCase() + first.slice(1) + rest;
}
