// Compliance with the practice standards, set-based: each standard's rows (standards.ts) are grouped to
// one line per child (meets it when every row does), only children the user may see (childVisibleTo),
// then rolled up by the team and worker of the child's social worker now, with the paired quality
// (DQ-47): the child's latest case audit grade of the last 12 months, and the standard's own quality
// fact where the record has one. One statement for the council's page; one for a level; one for the
// exception list.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/history.ts';
import { childVisibleTo, reachableChildren, type SignedInUser } from '../access/policy.ts';
import { addMonths } from '../calendar/index.ts';
import { GOOD_OR_BETTER } from '../case-audits/codes.ts';
import type { PracticeStandard, StandardRow, StandardWindow } from './standards.ts';

export const EXCEPTIONS_PAGE_SIZE = 50;

/** Where a level narrows: a team ('none': children with no social worker), a worker. */
export interface LevelFilter {
  teamId?: string | 'none';
  workerId?: string;
}

export interface Compliance {
  children: number;
  meeting: number;
  /** Children with the paired quality fact known, and those with it recorded. */
  qualityKnown: number;
  qualityYes: number;
  /** Children with a completed audit in the last 12 months, and those graded good or outstanding. */
  audited: number;
  goodOrBetter: number;
}

function allRows(standards: readonly { standard: PracticeStandard; window: StandardWindow }[]): RawBuilder<StandardRow & { standard_id: string }> {
  return sql`${sql.join(
    standards.map(({ standard, window }) => sql`SELECT ${standard.id}::text AS standard_id, r.* FROM (${standard.rows(window)}) r`),
    sql` UNION ALL `,
  )}`;
}

/** The CTEs every compliance statement starts from: kids (a line per standard and child), seen, social worker, grade. */
function base(user: SignedInUser, standards: readonly { standard: PracticeStandard; window: StandardWindow }[], today: string) {
  // A manager's rows start from the children they could see (a few hundred of the council's tens of
  // thousands); childVisibleTo still decides, in seen.
  const reachable = reachableChildren(user);
  const scoped = reachable ? standards.map((s) => ({ standard: s.standard, window: { ...s.window, reach: true } })) : standards;
  return sql`WITH ${reachable ? sql`reach AS MATERIALIZED (${reachable}),` : sql``} r AS MATERIALIZED (${allRows(scoped)}),
    kids AS MATERIALIZED (
      SELECT r.standard_id, r.child_id, bool_and(r.met) AS met, bool_and(r.quality) AS quality,
        count(*) FILTER (WHERE NOT r.met)::int AS missed, count(*)::int AS checked
      FROM r JOIN person p ON p.id = r.child_id AND p.deleted_at IS NULL AND p.merged_into IS NULL
      GROUP BY r.standard_id, r.child_id),
    seen AS MATERIALIZED (
      SELECT c.child_id FROM (SELECT DISTINCT child_id FROM kids) c WHERE ${childVisibleTo(user, sql.ref('c.child_id'))}),
    sw AS MATERIALIZED (
      SELECT DISTINCT ON (a.child_id) a.child_id, a.worker_id, w.display_name AS worker_name, w.team_id, t.name AS team_name
      FROM seen s JOIN allocation a ON a.child_id = s.child_id AND a.role = 'social_worker' AND a.to_date IS NULL AND a.deleted_at IS NULL
      JOIN app_user w ON w.id = a.worker_id LEFT JOIN team t ON t.id = w.team_id
      ORDER BY a.child_id, a.from_date DESC, a.id),
    grade AS MATERIALIZED (
      SELECT DISTINCT ON (ca.child_id) ca.child_id, ca.overall_grade
      FROM seen s JOIN case_audit ca ON ca.child_id = s.child_id AND ca.status = 'completed' AND ca.deleted_at IS NULL
        AND ca.audited_on > ${addMonths(today, -12)}::date AND ca.audited_on <= ${today}::date
      ORDER BY ca.child_id, ca.audited_on DESC, ca.id)`;
}

const COUNTS = sql`count(*)::int AS children, count(*) FILTER (WHERE k.met)::int AS meeting,
  count(k.quality)::int AS quality_known, count(*) FILTER (WHERE k.quality)::int AS quality_yes,
  count(g.child_id)::int AS audited, count(*) FILTER (WHERE g.overall_grade IN (${sql.join(GOOD_OR_BETTER.map((x) => sql`${x}`))}))::int AS good_or_better`;

interface CountRow {
  children: number;
  meeting: number;
  quality_known: number;
  quality_yes: number;
  audited: number;
  good_or_better: number;
}

const complianceOf = (r: CountRow | undefined): Compliance => ({
  children: r?.children ?? 0,
  meeting: r?.meeting ?? 0,
  qualityKnown: r?.quality_known ?? 0,
  qualityYes: r?.quality_yes ?? 0,
  audited: r?.audited ?? 0,
  goodOrBetter: r?.good_or_better ?? 0,
});

const FROM = sql`FROM kids k JOIN seen s ON s.child_id = k.child_id LEFT JOIN sw ON sw.child_id = k.child_id LEFT JOIN grade g ON g.child_id = k.child_id`;

function narrowed(filter: LevelFilter) {
  const parts = [sql`true`];
  if (filter.teamId === 'none') parts.push(sql`sw.team_id IS NULL`);
  else if (filter.teamId) parts.push(sql`sw.team_id = ${filter.teamId}::uuid`);
  if (filter.workerId) parts.push(sql`sw.worker_id = ${filter.workerId}::uuid`);
  return sql.join(parts, sql` AND `);
}

/** The council's line for every standard asked (children the user may see). One statement. */
export async function councilCompliance(db: Db, user: SignedInUser, standards: readonly { standard: PracticeStandard; window: StandardWindow }[], today: string): Promise<Map<string, Compliance>> {
  if (standards.length === 0) return new Map();
  const result = await sql<CountRow & { standard_id: string }>`${base(user, standards, today)}
    SELECT k.standard_id, ${COUNTS} ${FROM} GROUP BY k.standard_id`.execute(db);
  return new Map(standards.map(({ standard }) => [standard.id, complianceOf(result.rows.find((r) => r.standard_id === standard.id))]));
}

export interface LevelLine extends Compliance {
  /** The team's id (null: no social worker), the worker's id, or the child's id. */
  id: string | null;
  name: string;
  /** For a child: their local id, and their social worker. */
  laChildId?: string | null;
  met?: boolean;
  missed?: number;
  checked?: number;
}

/**
 * One standard one level down from the filter: by team (no filter), by worker (a team), or by child (a
 * worker); with the filter's own total. One statement.
 */
export async function levelCompliance(db: Db, user: SignedInUser, standard: PracticeStandard, window: StandardWindow, filter: LevelFilter): Promise<{ total: Compliance; lines: LevelLine[] }> {
  const one = [{ standard, window }];
  if (filter.workerId) {
    const rows = await sql<CountRow & { child_id: string; first_name: string; last_name: string; la_child_id: string | null; met: boolean; missed: number; checked: number }>`${base(user, one, window.today)}
      SELECT k.child_id, p.first_name, p.last_name, p.la_child_id, k.met, k.missed, k.checked,
        1 AS children, (CASE WHEN k.met THEN 1 ELSE 0 END)::int AS meeting, (CASE WHEN k.quality IS NULL THEN 0 ELSE 1 END)::int AS quality_known,
        (CASE WHEN k.quality THEN 1 ELSE 0 END)::int AS quality_yes, (CASE WHEN g.child_id IS NULL THEN 0 ELSE 1 END)::int AS audited,
        (CASE WHEN g.overall_grade IN (${sql.join(GOOD_OR_BETTER.map((x) => sql`${x}`))}) THEN 1 ELSE 0 END)::int AS good_or_better
      ${FROM} JOIN person p ON p.id = k.child_id
      WHERE ${narrowed(filter)}
      ORDER BY k.met, p.last_name, p.first_name, k.child_id`.execute(db);
    const lines = rows.rows.map((r) => ({ ...complianceOf(r), id: r.child_id, name: `${r.first_name} ${r.last_name}`, laChildId: r.la_child_id, met: r.met, missed: r.missed, checked: r.checked }));
    const sum = (key: keyof Compliance) => lines.reduce((n, l) => n + l[key], 0);
    return { total: { children: sum('children'), meeting: sum('meeting'), qualityKnown: sum('qualityKnown'), qualityYes: sum('qualityYes'), audited: sum('audited'), goodOrBetter: sum('goodOrBetter') }, lines };
  }
  const key = filter.teamId ? sql`sw.worker_id, sw.worker_name` : sql`sw.team_id, sw.team_name`;
  const rows = await sql<CountRow & { id: string | null; name: string | null; whole: number }>`${base(user, one, window.today)}
    SELECT ${filter.teamId ? sql`sw.worker_id` : sql`sw.team_id`} AS id, ${filter.teamId ? sql`sw.worker_name` : sql`sw.team_name`} AS name,
      GROUPING(${filter.teamId ? sql`sw.worker_id` : sql`sw.team_id`})::int AS whole, ${COUNTS}
    ${FROM} WHERE ${narrowed(filter)}
    GROUP BY GROUPING SETS ((${key}), ())`.execute(db);
  const total = complianceOf(rows.rows.find((r) => r.whole === 1));
  const lines = rows.rows
    .filter((r) => r.whole === 0)
    .map((r) => ({ ...complianceOf(r), id: r.id, name: r.name ?? (filter.teamId ? 'No social worker allocated' : 'No social worker allocated (no team)') }))
    .sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : a.name.localeCompare(b.name)));
  return { total, lines };
}

export interface ExceptionRow {
  child_id: string;
  first_name: string;
  last_name: string;
  la_child_id: string | null;
  worker_name: string | null;
  team_name: string | null;
  /** The first thing checked that the child did not meet. */
  first: StandardRow;
  missed: number;
  total: number;
}

/** The children not meeting one standard under the filter, a page at a time (null: all, for an export), earliest miss first. One statement. */
export async function exceptions(db: Db, user: SignedInUser, standard: PracticeStandard, window: StandardWindow, filter: LevelFilter, page: number | null): Promise<ExceptionRow[]> {
  const rows = await sql<Omit<ExceptionRow, 'first'> & { day: string; met: boolean; quality: boolean | null; what: string | null; other_on: string | null }>`${base(user, [{ standard, window }], window.today)},
    firstMiss AS (SELECT DISTINCT ON (r.child_id) r.child_id, r.day, r.met, r.quality, r.what, r.other_on FROM r WHERE NOT r.met ORDER BY r.child_id, r.day, r.what)
    SELECT k.child_id, p.first_name, p.last_name, p.la_child_id, sw.worker_name, sw.team_name, k.missed,
      f.day, f.met, f.quality, f.what, f.other_on, count(*) OVER ()::int AS total
    ${FROM} JOIN person p ON p.id = k.child_id JOIN firstMiss f ON f.child_id = k.child_id
    WHERE NOT k.met AND ${narrowed(filter)}
    ORDER BY f.day, p.last_name, p.first_name, k.child_id
    ${page === null ? sql`` : sql`LIMIT ${EXCEPTIONS_PAGE_SIZE} OFFSET ${(page - 1) * EXCEPTIONS_PAGE_SIZE}`}`.execute(db);
  return rows.rows.map(({ day, met, quality, what, other_on, ...r }) => ({ ...r, first: { child_id: r.child_id, day, met, quality, what, other_on } }));
}

/** One child's rows for every standard asked (the child's own page). One statement. */
export async function childRows(db: Db, standards: readonly { standard: PracticeStandard; window: StandardWindow }[]): Promise<(StandardRow & { standard_id: string })[]> {
  if (standards.length === 0) return [];
  const rows = await sql<StandardRow & { standard_id: string }>`SELECT * FROM (${allRows(standards)}) r ORDER BY r.standard_id, r.day DESC`.execute(db);
  return rows.rows;
}
