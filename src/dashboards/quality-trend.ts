// The data quality count as a measure with a monthly trend (issue 9: "the count is itself a measure with
// a trend"; decision 0035). The data quality page's own checks (src/data-quality/checks.ts), each item
// counted in the month of the fact it is about, as the record stands now: facts recorded late, episodes
// that overlap, cases re-opened within 28 days, dates in an impossible order. Facts a return needs are
// a position today, not a history, so they are a count today beside the trend. Counted live (one
// statement for the checks, one for the allocations): the checks read only their own items.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { QUALITY_CHECKS, type CheckWindow } from '../data-quality/checks.ts';
import { loadSettings, settingMax } from '../settings/council-settings.ts';
import { readAllocations } from '../measures/facts.ts';
import { allocationsByChild, teamOn } from '../measures/counting.ts';
import { monthEnd, UNALLOCATED } from './monthly.ts';

/** The checks whose items have a day of their own (the others describe the record today). */
export const TRENDED_CHECKS = QUALITY_CHECKS.filter((c) => c.id !== 'missing-for-returns');
export const TODAY_CHECKS = QUALITY_CHECKS.filter((c) => c.id === 'missing-for-returns');

export interface QualityMonth {
  month: string;
  total: number;
  /** By check id. */
  byCheck: Record<string, number>;
}

export interface QualityTrend {
  checks: { id: string; title: string }[];
  months: QualityMonth[];
  /** Facts a return needs, missing today. */
  missingToday: number;
  lateRecordingDays: number;
}

/** Items by month for a scope (the council, or some teams: the team of the child's allocation on the day of the fact). */
export async function qualityTrend(db: Db, months: readonly string[], today: string, scope: { council: true } | { teams: readonly string[] }): Promise<QualityTrend> {
  const from = months[0]!;
  const to = monthEnd(months.at(-1)!);
  const lateRecordingDays = (await loadSettings(db)).lateRecordingDays ?? settingMax('lateRecordingDays');
  const w: CheckWindow = { today, since: from, lateRecordingDays };
  const dated = sql.join(
    TRENDED_CHECKS.map((check) => sql`SELECT ${check.id}::text AS check_id, i.child_id, i.day::text AS day FROM (${check.items(w)}) i WHERE i.day BETWEEN ${from} AND ${to}`),
    sql` UNION ALL `,
  );
  const undated = sql.join(
    TODAY_CHECKS.map((check) => sql`SELECT ${check.id}::text AS check_id, i.child_id, ${today}::text AS day FROM (${check.items(w)}) i`),
    sql` UNION ALL `,
  );
  const [items, allocations] = await Promise.all([
    sql<{ check_id: string; child_id: string; day: string; n: number }>`
      SELECT check_id, child_id, day, count(*)::int AS n FROM (${dated} UNION ALL ${undated}) x GROUP BY check_id, child_id, day`.execute(db),
    readAllocations(db, from, today),
  ]);
  const byChild = allocationsByChild(allocations);
  const teams = 'council' in scope ? null : new Set(scope.teams);
  const inScope = (childId: string, day: string) => teams === null || teams.has(teamOn(byChild, childId, day)?.id ?? UNALLOCATED);
  const perMonth = new Map(months.map((m) => [m, { month: m, total: 0, byCheck: Object.fromEntries(TRENDED_CHECKS.map((c) => [c.id, 0])) as Record<string, number> }]));
  let missingToday = 0;
  for (const item of items.rows) {
    if (!inScope(item.child_id, item.day)) continue;
    if (TODAY_CHECKS.some((c) => c.id === item.check_id)) {
      missingToday += item.n;
      continue;
    }
    const month = perMonth.get(`${item.day.slice(0, 7)}-01`);
    if (!month) continue;
    month.total += item.n;
    month.byCheck[item.check_id] = (month.byCheck[item.check_id] ?? 0) + item.n;
  }
  return { checks: TRENDED_CHECKS.map((c) => ({ id: c.id, title: c.title })), months: [...perMonth.values()], missingToday, lateRecordingDays };
}
