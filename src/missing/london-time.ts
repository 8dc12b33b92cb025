// Times as people in England say them, and back. A worker types a date and a 24-hour time on the
// clock on the wall (GMT in winter, BST in summer); Lantern stores the instant. England's offset is
// only ever +0 or +1 hour, so a wall time is tried at both and kept where it reads back the same:
// - none reads back on the spring morning the clocks go forward (01:00-01:59 did not happen);
// - both read back on the autumn morning they go back (01:00-01:59 happened twice): the first, BST,
//   is taken, as a worker writing up the night would mean the first time the clock showed it.

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The date ('YYYY-MM-DD') and time ('HH:MM') an instant shows on a clock in England. */
export function londonParts(instant: Date): { date: string; time: string } {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: `${p['year']}-${p['month']}-${p['day']}`, time: `${p['hour']}:${p['minute']}` };
}

/** The date an instant falls on in England (a journal event's occurred_on). */
export const londonDate = (instant: Date): string => londonParts(instant).date;

/**
 * The instant a date and time on a clock in England stand for, or null when the time did not
 * happen (the hour skipped when the clocks go forward).
 */
export function londonInstant(date: string, time: string): Date | null {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  for (const offsetHours of [1, 0]) {
    const instant = new Date(wall - offsetHours * 3_600_000);
    const back = londonParts(instant);
    if (back.date === date && back.time === time) return instant;
  }
  return null;
}

/** Minutes from one instant to another (negative when `to` is earlier). */
export const minutesBetween = (from: Date, to: Date): number => Math.round((to.getTime() - from.getTime()) / 60_000);

/** Hours as a worker reads them: whole or to one decimal place ("70.5 hours"); under an hour, minutes. */
export function hoursText(minutes: number): string {
  if (Math.abs(minutes) < 60) return `${minutes} minute${Math.abs(minutes) === 1 ? '' : 's'}`;
  const hours = Math.round((minutes / 60) * 10) / 10;
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}

const longDate = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** "Friday 6 November 2026 at 23:30", on the clock in England (GOV.UK style: no comma after the day). */
export function formatLondon(instant: Date): string {
  const p = Object.fromEntries(longDate.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p['weekday']} ${p['day']} ${p['month']} ${p['year']} at ${londonParts(instant).time}`;
}
