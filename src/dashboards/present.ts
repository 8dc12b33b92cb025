// What a dashboard shows: every measure of the catalogue (read through its exports, so a measure added
// there appears here by itself) for a scope (one team, a head of service's teams, the council), each
// with its latest closed month, numerator and denominator, direction, the same month a year before,
// its 24-month trend as an SVG with the same figures in a table, England's figure where one is
// bundled, and a link to the children behind it on /measures.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { MEASURE_GROUPS, MEASURES, type Measure } from '../measures/catalogue.ts';
import { trendChart } from './chart.ts';
import { englandFor, type PublishedFigure } from './england.ts';
import { formatMonth } from './format.ts';
import { COUNCIL, monthEnd, readTrends, refreshMonths, trendMonths, UNALLOCATED, valueOf, type MonthFigure } from './monthly.ts';
import { qualityTrend, type QualityTrend } from './quality-trend.ts';

export type Scope = { kind: 'council' } | { kind: 'teams'; teams: readonly { id: string; name: string }[] };

export const figureText = (m: Pick<Measure, 'kind'>, value: number | null, numerator: number) =>
  value === null ? 'No cases' : m.kind === 'percentage' ? `${value}%` : m.kind === 'average' ? `${value}` : `${numerator}`;

export const fractionText = (m: Pick<Measure, 'kind'>, numerator: number, denominator: number | null) =>
  denominator === null ? null : m.kind === 'average' ? `${numerator} ÷ ${denominator}` : `${numerator} of ${denominator}`;

export const betterWhen = (m: Pick<Measure, 'direction'>) => (m.direction === 'higher' ? 'Higher is better' : m.direction === 'lower' ? 'Lower is better' : 'Neither higher nor lower is better');

/** How the latest month compares with the same month a year before, in words. */
export function comparedWithYearBefore(m: Pick<Measure, 'direction' | 'kind'>, latest: MonthFigure | null, before: MonthFigure | null): string | null {
  if (!latest || !before || latest.value === null || before.value === null) return null;
  const was = figureText(m, before.value, before.numerator);
  if (latest.value === before.value) return `The same as a year before (${was})`;
  const up = latest.value > before.value;
  const judged = m.direction === 'neither' ? '' : (up === (m.direction === 'higher') ? ' (better)' : ' (worse)');
  return `${up ? 'Up' : 'Down'} from ${was} a year before${judged}`;
}

export const measuresHref = (measureId: string, month: string, teamId: string | null) =>
  `/measures/${measureId}?from=${month}&to=${monthEnd(month)}${teamId ? `&team=${teamId}` : ''}`;

export interface TrendRow {
  month: string;
  label: string;
  text: string;
  fraction: string | null;
  knownText: string | null;
  href: string | null;
}

export interface MeasureCard {
  id: string;
  group: string;
  name: string;
  definition: string;
  kind: Measure['kind'];
  when: Measure['when'];
  betterWhen: string;
  /** The kept figures, oldest month first (null: before Lantern's records). */
  trend: (MonthFigure | null)[];
  latest: MonthFigure | null;
  latestText: string;
  latestFraction: string | null;
  latestMonth: string;
  comparison: string | null;
  href: string | null;
  chart: string;
  rows: TrendRow[];
  england: (PublishedFigure & { text: string }) | null;
  teams: { id: string; name: string; text: string; fraction: string | null; href: string }[];
}

export interface Dashboard {
  months: string[];
  lastMonth: string;
  firstMonth: string;
  groups: { group: string; measures: MeasureCard[] }[];
  quality: QualityTrend & { chart: string; rows: { label: string; total: number; byCheck: { id: string; n: number }[] }[] };
  beforeRecords: number;
  /** The months counted again for this page (the rest were kept). */
  counted: number;
}

function groupsOf(cards: MeasureCard[]) {
  const order = (g: string) => {
    const i = (MEASURE_GROUPS as readonly string[]).indexOf(g);
    return i === -1 ? MEASURE_GROUPS.length : i;
  };
  const names = [...new Set(cards.map((c) => c.group))].sort((a, b) => order(a) - order(b));
  return names.map((group) => ({ group, measures: cards.filter((c) => c.group === group) }));
}

/** Each team's figure for the latest month (service and council dashboards). One statement. */
async function teamFigures(db: Db, month: string, teams: readonly { id: string; name: string }[]) {
  const ids = teams.map((t) => t.id);
  if (ids.length === 0) return new Map<string, Map<string, { numerator: number; denominator: number | null }>>();
  const rows = await sql<{ measure_id: string; scope: string; numerator: number; denominator: number | null }>`
    SELECT measure_id, scope, numerator, denominator FROM dashboard_figure WHERE month = ${month} AND scope IN (${sql.join(ids)})`.execute(db);
  const out = new Map<string, Map<string, { numerator: number; denominator: number | null }>>();
  for (const r of rows.rows) {
    const byTeam = out.get(r.measure_id) ?? new Map();
    byTeam.set(r.scope, r);
    out.set(r.measure_id, byTeam);
  }
  return out;
}

export async function dashboardOf(db: Db, today: string, scope: Scope, options: { teamBreakdown?: boolean } = {}): Promise<Dashboard> {
  const months = trendMonths(today);
  const refreshed = await refreshMonths(db, today, { months });
  const readScope = scope.kind === 'council' ? ({ council: true } as const) : { teams: scope.teams.map((t) => t.id) };
  const lastMonth = months.at(-1)!;
  const [trends, quality, perTeam] = await Promise.all([
    readTrends(db, months, readScope),
    qualityTrend(db, months, today, readScope),
    options.teamBreakdown && scope.kind === 'teams' ? teamFigures(db, lastMonth, scope.teams) : Promise.resolve(null),
  ]);
  // One team: the links open that team's children; otherwise the council's list (with its by-team table).
  const linkTeam = scope.kind === 'teams' && scope.teams.length === 1 ? scope.teams[0]!.id : null;

  const cards = MEASURES.map((m): MeasureCard => {
    const trend = trends.get(m.id) ?? months.map(() => null);
    const latest = trend.at(-1) ?? null;
    const before = trend.at(-13) ?? null;
    const england = englandFor(m.id);
    const chart = trendChart({
      id: `trend-${m.id}`,
      title: `${m.name}, by month, ${formatMonth(months[0]!)} to ${formatMonth(lastMonth)}`,
      points: months.map((month, i) => ({ month, value: trend[i]?.value ?? null })),
      percentage: m.kind === 'percentage',
      reference: england ? { value: england.value, label: `England, ${england.year}` } : null,
    });
    const rows = months.map((month, i): TrendRow => {
      const f = trend[i] ?? null;
      return {
        month,
        label: formatMonth(month),
        text: f ? figureText(m, f.value, f.numerator) : 'Before Lantern’s records',
        fraction: f ? fractionText(m, f.numerator, f.denominator) : null,
        knownText: f && f.differs ? `${figureText(m, f.known.value, f.known.numerator)}${f.known.denominator !== null ? ` (${fractionText(m, f.known.numerator, f.known.denominator)})` : ''}` : null,
        href: f ? measuresHref(m.id, month, linkTeam) : null,
      };
    });
    const teamsOfMeasure = perTeam?.get(m.id);
    return {
      id: m.id,
      group: m.group,
      name: m.name,
      definition: m.definition,
      kind: m.kind,
      when: m.when,
      betterWhen: betterWhen(m),
      trend,
      latest,
      latestText: latest ? figureText(m, latest.value, latest.numerator) : 'Before Lantern’s records',
      latestFraction: latest ? fractionText(m, latest.numerator, latest.denominator) : null,
      latestMonth: formatMonth(lastMonth),
      comparison: comparedWithYearBefore(m, latest, before),
      href: latest ? measuresHref(m.id, lastMonth, linkTeam) : null,
      chart: chart.svg,
      rows,
      england: england ? { ...england, text: `${england.value}%` } : null,
      teams:
        scope.kind === 'teams' && perTeam
          ? scope.teams.map((t) => {
              const r = teamsOfMeasure?.get(t.id);
              const numerator = r?.numerator ?? 0;
              const denominator = r ? r.denominator : m.kind === 'count' ? null : 0;
              return { id: t.id, name: t.name, text: figureText(m, valueOf(m.kind, numerator, denominator), numerator), fraction: fractionText(m, numerator, denominator), href: `/dashboards/team?team=${t.id}` };
            })
          : [],
    };
  });

  const qualityChart = trendChart({
    id: 'trend-data-quality',
    title: `Data quality items, by the month of the fact, ${formatMonth(months[0]!)} to ${formatMonth(lastMonth)}`,
    points: quality.months.map((q) => ({ month: q.month, value: q.total })),
    percentage: false,
  });
  return {
    months,
    firstMonth: formatMonth(months[0]!),
    lastMonth: formatMonth(lastMonth),
    groups: groupsOf(cards),
    quality: {
      ...quality,
      chart: qualityChart.svg,
      rows: quality.months.map((q) => ({ label: formatMonth(q.month), total: q.total, byCheck: quality.checks.map((c) => ({ id: c.id, n: q.byCheck[c.id] ?? 0 })) })),
    },
    beforeRecords: refreshed.beforeRecords.length,
    counted: refreshed.counted.length,
  };
}

export { COUNCIL, UNALLOCATED };
