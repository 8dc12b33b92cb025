// Where "now" comes from. Injected so tests and the synthetic council can fix the date;
// every clock, overdue flag and age is worked out from this, never from new Date() directly.
export interface TimeSource {
  now(): Date;
  /** Today in England as 'YYYY-MM-DD'. */
  today(): string;
}

const londonDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function isoDateInLondon(instant: Date): string {
  return londonDate.format(instant);
}

export const systemTime: TimeSource = {
  now: () => new Date(),
  today: () => isoDateInLondon(new Date()),
};

/** A fixed date, for tests and for demos that should look the same every day. */
export function fixedTime(today: string): TimeSource {
  const instant = new Date(`${today}T12:00:00Z`);
  return { now: () => new Date(instant), today: () => today };
}
