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
