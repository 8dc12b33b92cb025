// Monthly figures of every measure for closed months, kept (decision 0035). Counting 24 months of the
// whole catalogue live costs seconds on a large council, so each closed month's figures are counted
// once by the measure engine (src/measures/engine.ts, the same code as /measures) and kept, for the
// council and for each team. A kept month is counted again when anything the engine reads for it may
// have changed since it was counted:
//   - a journal event recorded since, that happened on or before the month's last day;
//   - a journal event corrected or deleted since (child_event_change), either date on or before it;
//   - an allocation or assessment recorded since, or any allocation, assessment, episode or plan
//     corrected or deleted since (record_version), either version's date on or before it;
//   - the council's settings, school terms, the workers' teams, the timescale rules or the catalogue
//     changed (a fingerprint: the clocks are derived from the journal with these).
// So a kept figure is always the figure the engine would give now ("true for any date").
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { addDays, addMonths } from '../calendar/index.ts';
import { TIMESCALE_RULES } from '../clocks/rules.ts';
import { MEASURES, type Measure, type MeasureKind } from '../measures/catalogue.ts';
import { byTeam, computeFigures } from '../measures/engine.ts';
import type { Period } from '../measures/counting.ts';

/** Months in a trend. */
export const TREND_MONTHS = 24;
/** The whole council's row; children allocated to no team on the day of their fact are 'unallocated'. */
export const COUNCIL = 'council';
export const UNALLOCATED = 'unallocated';
/**
 * A change recorded this long before a month was counted still makes it stale: a transaction that
 * began before the count (recorded_at is its start) may commit after the facts were read.
 */
const MARGIN_SECONDS = 60;
/** Bump when the way figures are kept changes, so every kept month is counted again. */
const KEEPING_VERSION = '1';

export const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
export const monthEnd = (month: string) => addDays(addMonths(month, 1), -1);
export const monthPeriod = (month: string): Period => ({ from: month, to: monthEnd(month) });

/** The closed months of a trend, oldest first: the 24 months before the month of `today`. */
export function trendMonths(today: string, count = TREND_MONTHS): string[] {
  const last = addMonths(monthStart(today), -1);
  return Array.from({ length: count }, (_, i) => addMonths(last, i - count + 1));
}

export interface MonthFigure {
  month: string;
  numerator: number;
  denominator: number | null;
  /** A percentage (0-100), an average or the count, as the engine gives it; null when nothing was counted. */
  value: number | null;
  /** As recorded by the end of the month. */
  known: { numerator: number; denominator: number | null; value: number | null };
  differs: boolean;
}

/** The value of a figure from its numerator and denominator: the engine's own rounding (engine.ts figureOf). */
export function valueOf(kind: MeasureKind, numerator: number, denominator: number | null): number | null {
  if (kind === 'count') return numerator;
  if (!denominator) return null;
  return kind === 'percentage' ? Math.round((1000 * numerator) / denominator) / 10 : Math.round((10 * numerator) / denominator) / 10;
}

/** What the figures are counted with that has no date: a change to any of it recounts every month. */
function codeFingerprint(measures: readonly Measure[]): string {
  const definitions = measures.map((m) => [m.id, m.kind, m.when, m.definition, m.events, m.lookBackMonths ?? null, m.clockRule ?? null, String(m.count), String(m.denominatorOf ?? '')]);
  return JSON.stringify([KEEPING_VERSION, definitions, TIMESCALE_RULES]);
}

async function fingerprintOf(db: Db, measures: readonly Measure[]): Promise<string> {
  const row = await sql<{ fp: string | null }>`SELECT md5(concat_ws('|',
      (SELECT string_agg(c.key || '=' || c.value::text, ';' ORDER BY c.key) FROM council_setting c WHERE c.key NOT LIKE 'synth.%'),
      (SELECT string_agg(s::text, ';' ORDER BY s::text) FROM school_term s),
      (SELECT string_agg(u.id::text || ':' || coalesce(u.team_id::text, '-'), ';' ORDER BY u.id) FROM app_user u))) AS fp`.execute(db);
  return createHash('sha256').update(`${row.rows[0]?.fp ?? ''}|${codeFingerprint(measures)}`).digest('hex');
}

/** The first day Lantern records a fact the measures count: a journal event or an allocation (null: none). */
export async function recordsBegin(db: Db): Promise<string | null> {
  const row = await sql<{ day: string | null }>`SELECT least(
      (SELECT min(occurred_on) FROM child_event WHERE deleted_at IS NULL),
      (SELECT min(from_date) FROM allocation WHERE deleted_at IS NULL))::text AS day`.execute(db);
  return row.rows[0]?.day ?? null;
}

/**
 * The kept months that something recorded or corrected since they were counted may have changed, or
 * that were counted with other settings. One statement; each source read by its change time's index.
 */
async function staleMonths(db: Db, months: readonly string[], fingerprint: string, margin: number): Promise<Set<string>> {
  const rows = await sql<{ month: string; stale: boolean }>`
    WITH kept AS MATERIALIZED (
      SELECT month, computed_at - make_interval(secs => ${margin}) AS since, fingerprint FROM dashboard_month WHERE month IN (${sql.join(months)})),
    -- A change stamped after Lantern's clock now (a synthetic council's, or one typed in by hand) was
    -- in the tables when the month was counted: it counts as a change only once its time has come.
    since AS (SELECT min(since) AS at, lantern_now() AS now FROM kept),
    changes AS MATERIALIZED (
      SELECT e.occurred_on AS day, e.recorded_at AS at FROM child_event e WHERE e.recorded_at >= (SELECT at FROM since)
      UNION ALL
      SELECT least(c.occurred_on, e.occurred_on), c.changed_at FROM child_event_change c JOIN child_event e ON e.id = c.event_id
      WHERE c.changed_at >= (SELECT at FROM since)
      UNION ALL
      SELECT a.from_date, a.recorded_at FROM allocation a WHERE a.recorded_at >= (SELECT at FROM since)
      UNION ALL
      SELECT least(e.referral_date, a.started_on), a.recorded_at FROM assessment a JOIN cin_episode e ON e.id = a.episode_id
      WHERE a.recorded_at >= (SELECT at FROM since)
      UNION ALL
      -- A correction or deletion: the earlier of the day it was about before and the day it is about now.
      SELECT coalesce(least((v.data->>'from_date')::date, (v.data->>'referral_date')::date, (v.data->>'started_on')::date,
          al.from_date, pl.started_on, ep.referral_date, asep.referral_date), DATE '1900-01-01'), v.changed_at
      FROM record_version v
      LEFT JOIN allocation al ON v.table_name = 'allocation' AND al.id = v.record_id
      LEFT JOIN plan pl ON v.table_name = 'plan' AND pl.id = v.record_id
      LEFT JOIN cin_episode ep ON v.table_name = 'cin_episode' AND ep.id = v.record_id
      LEFT JOIN assessment asm ON v.table_name = 'assessment' AND asm.id = v.record_id
      LEFT JOIN cin_episode asep ON asep.id = coalesce(asm.episode_id, CASE WHEN v.table_name = 'assessment' THEN (v.data->>'episode_id')::uuid END)
      WHERE v.changed_at >= (SELECT at FROM since) AND v.table_name IN ('allocation', 'assessment', 'cin_episode', 'plan'))
    SELECT k.month::text AS month, (k.fingerprint <> ${fingerprint} OR EXISTS (
        SELECT 1 FROM changes c WHERE c.at >= k.since AND c.at <= (SELECT now FROM since) AND c.day <= (k.month + interval '1 month' - interval '1 day')::date)) AS stale
    FROM kept k`.execute(db);
  const kept = new Map(rows.rows.map((r) => [r.month, r.stale]));
  return new Set(months.filter((m) => kept.get(m) !== false));
}

export interface RefreshResult {
  /** The months counted again (or for the first time) by this call. */
  counted: string[];
  /** Months before Lantern's records begin: no figures. */
  beforeRecords: string[];
}

/**
 * Counts again the months of the trend whose kept figures may be out of date, in one engine call (the
 * engine reads its facts once for every month asked), and keeps them. `margin` is in seconds.
 */
export async function refreshMonths(db: Db, today: string, options: { months?: readonly string[]; margin?: number; measures?: readonly Measure[] } = {}): Promise<RefreshResult> {
  const measures = options.measures ?? MEASURES;
  const begin = await recordsBegin(db);
  const all = options.months ?? trendMonths(today);
  const beforeRecords = all.filter((m) => begin === null || monthEnd(m) < begin);
  const months = all.filter((m) => !beforeRecords.includes(m) && monthEnd(m) < today);
  if (months.length === 0) return { counted: [], beforeRecords };
  const fingerprint = await fingerprintOf(db, measures);
  const stale = [...(await staleMonths(db, months, fingerprint, options.margin ?? MARGIN_SECONDS))].sort();
  if (stale.length === 0) return { counted: [], beforeRecords };

  // The moment the facts are read from: anything recorded after it makes these months stale again.
  const startedAt = (await sql<{ at: Date }>`SELECT lantern_now() AS at`.execute(db)).rows[0]!.at;
  const figures = await computeFigures(db, { periods: stale.map(monthPeriod), measures, today });
  const rows: { month: string; measure_id: string; scope: string; numerator: number; denominator: number | null; known_numerator: number; known_denominator: number | null }[] = [];
  stale.forEach((month, p) => {
    measures.forEach((measure, i) => {
      const pair = figures.pairs[p]![i]!;
      rows.push({ month, measure_id: measure.id, scope: COUNCIL, numerator: pair.now.numerator, denominator: pair.now.denominator, known_numerator: pair.known.numerator, known_denominator: pair.known.denominator });
      // By the team of the child's allocation on the day of the fact (the engine's byTeam).
      const teams = new Map<string, { now?: { numerator: number; denominator: number | null }; known?: { numerator: number; denominator: number | null } }>();
      for (const t of byTeam(pair.now, figures.teamOf)) teams.set(t.teamId ?? UNALLOCATED, { now: t });
      for (const t of byTeam(pair.known, figures.teamOf)) {
        const entry = teams.get(t.teamId ?? UNALLOCATED) ?? {};
        entry.known = t;
        teams.set(t.teamId ?? UNALLOCATED, entry);
      }
      const none = measure.kind === 'count' ? null : 0;
      for (const [scope, t] of teams) {
        rows.push({
          month,
          measure_id: measure.id,
          scope,
          numerator: t.now?.numerator ?? 0,
          denominator: t.now ? t.now.denominator : none,
          known_numerator: t.known?.numerator ?? 0,
          known_denominator: t.known ? t.known.denominator : none,
        });
      }
    });
  });
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('dashboard_month').where('month', 'in', stale).execute();
    await tx
      .insertInto('dashboard_month')
      .values(stale.map((month) => ({ month, computed_at: startedAt, fingerprint })))
      .onConflict((oc) => oc.column('month').doUpdateSet({ computed_at: startedAt, fingerprint }))
      .execute();
    for (let i = 0; i < rows.length; i += 1000) {
      await tx
        .insertInto('dashboard_figure')
        .values(rows.slice(i, i + 1000))
        .onConflict((oc) =>
          oc.columns(['month', 'scope', 'measure_id']).doUpdateSet((eb) => ({
            numerator: eb.ref('excluded.numerator'),
            denominator: eb.ref('excluded.denominator'),
            known_numerator: eb.ref('excluded.known_numerator'),
            known_denominator: eb.ref('excluded.known_denominator'),
          })),
        )
        .execute();
    }
  });
  return { counted: stale, beforeRecords };
}

/** A trend for each measure: null where the month is before Lantern's records begin. */
export type Trends = Map<string, (MonthFigure | null)[]>;

/**
 * The kept figures of the months for a scope: the council, or the sum over some teams (each child's
 * row counts in the team of their allocation on the day of the fact, so teams' figures add up; an
 * average caseload's worker holding children of two teams counts in both). One statement.
 */
export async function readTrends(db: Db, months: readonly string[], scope: { council: true } | { teams: readonly string[] }, measures: readonly Measure[] = MEASURES): Promise<Trends> {
  const scopes = 'council' in scope ? [COUNCIL] : scope.teams;
  const found = new Map<string, { numerator: number; denominator: number | null; known_numerator: number; known_denominator: number | null }>();
  const kept = new Set<string>();
  if (scopes.length > 0 && months.length > 0) {
    const rows = await sql<{ month: string; measure_id: string; numerator: number; denominator: number | null; known_numerator: number; known_denominator: number | null }>`
      SELECT f.month::text AS month, f.measure_id, sum(f.numerator)::int AS numerator, sum(f.denominator)::int AS denominator,
        sum(f.known_numerator)::int AS known_numerator, sum(f.known_denominator)::int AS known_denominator
      FROM dashboard_figure f WHERE f.month IN (${sql.join(months)}) AND f.scope IN (${sql.join(scopes)})
      GROUP BY f.month, f.measure_id`.execute(db);
    for (const r of rows.rows) found.set(`${r.month}|${r.measure_id}`, r);
  }
  const monthRows = months.length ? await db.selectFrom('dashboard_month').select(sql<string>`month::text`.as('month')).where('month', 'in', months).execute() : [];
  for (const r of monthRows) kept.add(r.month);
  const trends: Trends = new Map();
  for (const m of measures) {
    trends.set(
      m.id,
      months.map((month) => {
        if (!kept.has(month)) return null;
        const r = found.get(`${month}|${m.id}`);
        const zero = m.kind === 'count' ? null : 0;
        const numerator = r?.numerator ?? 0;
        const denominator = r ? r.denominator : zero;
        const kn = r?.known_numerator ?? 0;
        const kd = r ? r.known_denominator : zero;
        return {
          month,
          numerator,
          denominator,
          value: valueOf(m.kind, numerator, denominator),
          known: { numerator: kn, denominator: kd, value: valueOf(m.kind, kn, kd) },
          differs: kn !== numerator || kd !== denominator,
        };
      }),
    );
  }
  return trends;
}
