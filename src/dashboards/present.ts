// What a dashboard shows: every measure of the catalogue (read through its exports, so a measure added
// there appears here by itself) for a scope (one team, a head of service's teams, the council), each
// with its latest closed month, numerator and denominator, direction, the same month a year before,
// its 24-month trend as an SVG, England's figure where one is bundled, and a link to the children
// behind it on /measures. The trend's figures month by month (and, for a service, team by team) are
// on the measure's own page (`measureTrendOf`): 95 tables of 24 months made the council's page 1.9 MB.
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
  /** As recorded by the end of the latest month, where that differs. */
  latestKnownText: string | null;
  comparison: string | null;
  href: string | null;
  chart: string;
  england: (PublishedFigure & { text: string }) | null;
}

/** A measure's own page: its card, the trend month by month, and each team's latest figure (a service). */
export interface MeasureTrend {
  months: string[];
  firstMonth: string;
  lastMonth: string;
  measure: MeasureCard & {
    rows: TrendRow[];
    teams: { id: string; name: string; text: string; fraction: string | null; href: string }[];
  };
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

const readScopeOf = (scope: Scope) => (scope.kind === 'council' ? ({ council: true } as const) : { teams: scope.teams.map((t) => t.id) });
/** One team: the links open that team's children; otherwise the council's list (with its by-team table). */
const linkTeamOf = (scope: Scope) => (scope.kind === 'teams' && scope.teams.length === 1 ? scope.teams[0]!.id : null);

/** The figure as recorded by the end of its month, where it differs from the figure now. */
const knownTextOf = (m: Measure, f: MonthFigure | null) =>
  f && f.differs ? `${figureText(m, f.known.value, f.known.numerator)}${f.known.denominator !== null ? ` (${fractionText(m, f.known.numerator, f.known.denominator)})` : ''}` : null;

/** A measure's card: its latest figure, how it compares, England's and the trend's chart. */
function cardOf(m: Measure, trend: (MonthFigure | null)[], months: readonly string[], linkTeam: string | null): MeasureCard {
  const lastMonth = months.at(-1)!;
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
    latestKnownText: knownTextOf(m, latest),
    comparison: comparedWithYearBefore(m, latest, before),
    href: latest ? measuresHref(m.id, lastMonth, linkTeam) : null,
    chart: chart.svg,
    england: england ? { ...england, text: `${england.value}%` } : null,
  };
}

export async function dashboardOf(db: Db, today: string, scope: Scope): Promise<Dashboard> {
  const months = trendMonths(today);
  const refreshed = await refreshMonths(db, today, { months });
  const readScope = readScopeOf(scope);
  const lastMonth = months.at(-1)!;
  const [trends, quality] = await Promise.all([readTrends(db, months, readScope), qualityTrend(db, months, today, readScope)]);
  const linkTeam = linkTeamOf(scope);
  const cards = MEASURES.map((m) => cardOf(m, trends.get(m.id) ?? months.map(() => null), months, linkTeam));

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

/**
 * One measure's page: its card, the figures of every month of the trend (as recorded now and by the end
 * of the month), each opening its children, and, for several teams, each team's latest figure. Null for
 * a measure not in the catalogue.
 */
export async function measureTrendOf(db: Db, today: string, scope: Scope, measureId: string): Promise<MeasureTrend | null> {
  const m = MEASURES.find((x) => x.id === measureId);
  if (!m) return null;
  const months = trendMonths(today);
  await refreshMonths(db, today, { months });
  const lastMonth = months.at(-1)!;
  const teams = scope.kind === 'teams' && scope.teams.length > 1 ? scope.teams : [];
  const [trends, perTeam] = await Promise.all([readTrends(db, months, readScopeOf(scope)), teamFigures(db, lastMonth, teams)]);
  const trend = trends.get(m.id) ?? months.map(() => null);
  const linkTeam = linkTeamOf(scope);
  const rows = months.map((month, i): TrendRow => {
    const f = trend[i] ?? null;
    return {
      month,
      label: formatMonth(month),
      text: f ? figureText(m, f.value, f.numerator) : 'Before Lantern’s records',
      fraction: f ? fractionText(m, f.numerator, f.denominator) : null,
      knownText: knownTextOf(m, f),
      href: f ? measuresHref(m.id, month, linkTeam) : null,
    };
  });
  const byTeam = perTeam.get(m.id);
  return {
    months,
    firstMonth: formatMonth(months[0]!),
    lastMonth: formatMonth(lastMonth),
    measure: {
      ...cardOf(m, trend, months, linkTeam),
      rows,
      teams: teams.map((t) => {
        const r = byTeam?.get(t.id);
        const numerator = r?.numerator ?? 0;
        const denominator = r ? r.denominator : m.kind === 'count' ? null : 0;
        return { id: t.id, name: t.name, text: figureText(m, valueOf(m.kind, numerator, denominator), numerator), fraction: fractionText(m, numerator, denominator), href: `/dashboards/team?team=${t.id}` };
      }),
    },
  };
}

export { COUNCIL, UNALLOCATED };
