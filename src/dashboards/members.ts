// The elected members' report (issue 9; Southend 2016 recommendation 11: members to see practice
// quality and audit findings alongside volumes). Council-wide, plain language, printable, and with
// small numbers suppressed because it leaves the building (suppress.ts). The volumes and timeliness
// come from the same kept monthly figures as the dashboards; practice quality from the case audits
// graded and the assessments completed in the 12 months to the end of the latest month; data quality
// from the same monthly count as the dashboards.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { addMonths } from '../calendar/index.ts';
import { trendChart } from './chart.ts';
import { formatMonth } from './format.ts';
import { monthEnd } from './monthly.ts';
import { dashboardOf, type MeasureCard } from './present.ts';
import { suppressCount, suppressFigure, type Shown } from './suppress.ts';
import { MEASURES } from '../measures/catalogue.ts';
import { GRADES } from '../case-audits/codes.ts';

/** The audit question about the child's wishes and feelings (src/case-audits/default-tools.ts). */
const VOICE_QUESTION = 'voice';

export interface ReportMeasure {
  id: string;
  name: string;
  definition: string;
  betterWhen: string;
  latest: Shown;
  yearBefore: Shown;
  england: string | null;
  chart: string;
  rows: { label: string; text: string }[];
}


export interface PracticeQuality {
  audits: Shown;
  byGrade: { label: string; shown: Shown }[];
  goodOrBetter: Shown;
  voice: Shown;
  childViews: Shown;
  findings: { question: string; shown: Shown }[];
}

async function practiceQuality(db: Db, from: string, to: string): Promise<PracticeQuality> {
  const [grades, voice, views, findings] = await Promise.all([
    sql<{ grade: string; n: number }>`SELECT overall_grade AS grade, count(*)::int AS n FROM case_audit
      WHERE status = 'completed' AND deleted_at IS NULL AND audited_on BETWEEN ${from} AND ${to} AND overall_grade IS NOT NULL GROUP BY overall_grade`.execute(db),
    sql<{ good: number; n: number }>`SELECT count(*) FILTER (WHERE x.grade IN ('outstanding', 'good'))::int AS good, count(*)::int AS n
      FROM case_audit_answer x JOIN case_audit a ON a.id = x.audit_id
      WHERE a.status = 'completed' AND a.deleted_at IS NULL AND x.deleted_at IS NULL AND a.audited_on BETWEEN ${from} AND ${to} AND x.question_key = ${VOICE_QUESTION}`.execute(db),
    sql<{ recorded: number; n: number }>`SELECT count(*) FILTER (WHERE nullif(trim(child_views), '') IS NOT NULL)::int AS recorded, count(*)::int AS n
      FROM assessment WHERE deleted_at IS NULL AND completed_on BETWEEN ${from} AND ${to}`.execute(db),
    sql<{ question: string; weak: number }>`SELECT x.question, count(*)::int AS weak
      FROM case_audit_answer x JOIN case_audit a ON a.id = x.audit_id
      WHERE a.status = 'completed' AND a.deleted_at IS NULL AND x.deleted_at IS NULL AND a.audited_on BETWEEN ${from} AND ${to}
        AND x.grade IN ('requires_improvement', 'inadequate')
      GROUP BY x.question ORDER BY weak DESC, x.question LIMIT 3`.execute(db),
  ]);
  const count = (g: string) => grades.rows.find((r) => r.grade === g)?.n ?? 0;
  const total = grades.rows.reduce((n, r) => n + r.n, 0);
  const good = count('outstanding') + count('good');
  const pct = (n: number, d: number) => (d === 0 ? null : Math.round((1000 * n) / d) / 10);
  const v = voice.rows[0] ?? { good: 0, n: 0 };
  const w = views.rows[0] ?? { recorded: 0, n: 0 };
  return {
    audits: suppressCount(total),
    byGrade: GRADES.map((g) => ({ label: g.label, shown: suppressCount(count(g.code)) })),
    goodOrBetter: suppressFigure('percentage', good, total, pct(good, total)),
    voice: suppressFigure('percentage', v.good, v.n, pct(v.good, v.n)),
    childViews: suppressFigure('percentage', w.recorded, w.n, pct(w.recorded, w.n)),
    findings: findings.rows.map((r) => ({ question: r.question, shown: suppressCount(r.weak) })),
  };
}

export interface MembersReport {
  month: string;
  yearBeforeMonth: string;
  firstMonth: string;
  sections: { heading: string; intro: string; measures: ReportMeasure[] }[];
  practice: PracticeQuality;
  practiceFrom: string;
  practiceTo: string;
  quality: { chart: string; rows: { label: string; text: string }[]; latest: Shown; yearBefore: Shown; missingToday: Shown; lateRecordingDays: number };
}

function suppressedCard(card: MeasureCard, months: readonly string[]): ReportMeasure {
  const m = MEASURES.find((x) => x.id === card.id)!;
  const trend = card.trend;
  const shownAt = (i: number): Shown => {
    const f = trend[i] ?? null;
    return f ? suppressFigure(m.kind, f.numerator, f.denominator, f.value) : { text: 'before Lantern’s records', value: null, suppressed: false, fraction: null };
  };
  const shown = months.map((_, i) => shownAt(i));
  const chart = trendChart({
    id: `report-${m.id}`,
    title: `${m.name}, by month, ${formatMonth(months[0]!)} to ${formatMonth(months.at(-1)!)}`,
    points: months.map((month, i) => ({ month, value: shown[i]!.value })),
    percentage: m.kind === 'percentage',
    reference: card.england ? { value: card.england.value, label: `England, ${card.england.year}` } : null,
  });
  return {
    id: m.id,
    name: m.name,
    definition: m.definition,
    betterWhen: card.betterWhen,
    latest: shown.at(-1)!,
    yearBefore: shown.at(-13) ?? shown[0]!,
    england: card.england ? `${card.england.text} (${card.england.year})` : null,
    chart: chart.svg,
    rows: months.map((month, i) => ({ label: formatMonth(month), text: shown[i]!.text + (shown[i]!.fraction ? ` (${shown[i]!.fraction})` : '') })),
  };
}

export async function membersReport(db: Db, today: string): Promise<MembersReport> {
  const dashboard = await dashboardOf(db, today, { kind: 'council' });
  const months = dashboard.months;
  const last = months.at(-1)!;
  const cards = dashboard.groups.flatMap((g) => g.measures);
  const counts = cards.filter((c) => c.kind === 'count').map((c) => suppressedCard(c, months));
  const timely = cards.filter((c) => c.kind !== 'count').map((c) => suppressedCard(c, months));
  const practiceFrom = addMonths(last, -11);
  const practiceTo = monthEnd(last);
  const q = dashboard.quality;
  const qShown = q.months.map((m) => suppressCount(m.total));
  return {
    month: formatMonth(last),
    yearBeforeMonth: formatMonth(months.at(-13) ?? months[0]!),
    firstMonth: dashboard.firstMonth,
    sections: [
      { heading: 'How many children and families we worked with', intro: 'Counts of what happened in each month, or of the children on a plan or receiving help on its last day.', measures: counts },
      { heading: 'How quickly and how well we acted', intro: 'Each percentage says how many of how many: for example “45 of 50” assessments done on time is 90%.', measures: timely },
    ],
    practice: await practiceQuality(db, practiceFrom, practiceTo),
    practiceFrom,
    practiceTo,
    quality: {
      chart: trendChart({
        id: 'report-data-quality',
        title: `Things to put right in children’s records, by month, ${dashboard.firstMonth} to ${dashboard.lastMonth}`,
        points: q.months.map((m, i) => ({ month: m.month, value: qShown[i]!.value })),
        percentage: false,
      }).svg,
      rows: q.months.map((m, i) => ({ label: formatMonth(m.month), text: qShown[i]!.text })),
      latest: qShown.at(-1)!,
      yearBefore: qShown.at(-13) ?? qShown[0]!,
      missingToday: suppressCount(q.missingToday),
      lateRecordingDays: q.lateRecordingDays,
    },
  };
}
