// Months as people write them: "October 2026", or "Oct 2026" where space is short.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function formatMonth(month: string, short = false): string {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) return month;
  const name = MONTHS[Number(m[2]) - 1] ?? m[2]!;
  return `${short ? name.slice(0, 3) : name} ${m[1]}`;
}
