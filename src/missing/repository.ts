// Every SQL statement about missing episodes and return interviews.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';

/** A child's episodes, newest first, with the placement each started from (in or out of the area). */
export function episodesOfChild(db: Db, childId: string) {
  return db
    .selectFrom('missing_episode as e')
    .leftJoin('placement as pl', 'pl.id', 'e.placement_id')
    .selectAll('e')
    .select(['pl.carer_name', 'pl.in_council_area', 'pl.host_council'])
    .where('e.child_id', '=', childId)
    .where('e.deleted_at', 'is', null)
    .orderBy('e.went_missing_at', 'desc')
    .execute();
}

export function interviewsOfChild(db: Db, childId: string) {
  return db
    .selectFrom('return_interview')
    .selectAll()
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .orderBy('offered_at', 'desc')
    .orderBy('id')
    .execute();
}

export function findEpisode(db: Db, episodeId: string, options: { lock?: boolean } = {}) {
  const query = db.selectFrom('missing_episode').selectAll().where('id', '=', episodeId).where('deleted_at', 'is', null);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

export function findInterview(db: Db, interviewId: string) {
  return db.selectFrom('return_interview').selectAll().where('id', '=', interviewId).where('deleted_at', 'is', null).executeTakeFirst();
}

export function interviewsOfEpisode(db: Db, episodeId: string) {
  return db.selectFrom('return_interview').selectAll().where('episode_id', '=', episodeId).where('deleted_at', 'is', null).orderBy('offered_at').execute();
}

/** Another episode of the child that overlaps the time from `from` to `to` (still missing when `to` is null). */
export function overlappingEpisode(db: Db, childId: string, from: Date, to: Date | null, exceptId: string | null) {
  let query = db
    .selectFrom('missing_episode')
    .select(['id', 'went_missing_at', 'returned_at'])
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('returned_at', 'is', null), eb('returned_at', '>', from)]));
  if (to) query = query.where('went_missing_at', '<', to);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return query.orderBy('went_missing_at').executeTakeFirst();
}

/** Serialises recordings about one child's episodes, so two at once cannot overlap. */
export async function lockChild(db: Db, childId: string): Promise<void> {
  await db.selectFrom('person').select('id').where('id', '=', childId).forUpdate().execute();
}

// The managers' list, paged in SQL. Aliases unlike those inside childVisibleTo (policy_…).

/** The filters of the managers' list, each a condition on a row of the `children` CTE below. */
export const LIST_CONDITIONS = {
  'missing-now': sql<boolean>`c.missing_since IS NOT NULL`,
  repeat: sql<boolean>`c.repeat`,
  'in-care': sql<boolean>`c.in_care`,
  'at-home': sql<boolean>`NOT c.in_care`,
  'outside-area': sql<boolean>`cardinality(c.outside_area) > 0`,
  overdue: sql<boolean>`c.overdue > 0`,
  late: sql<boolean>`c.late > 0`,
  declined: sql<boolean>`c.declined > 0`,
  exploitation: sql<boolean>`c.exploitation`,
} as const;
export type ListCondition = keyof typeof LIST_CONDITIONS;

export interface ListWindow {
  /** The instant the window starts (midnight in England, 89 days before today). */
  since: Date;
  now: Date;
  /** Episodes in the window that make a child "repeat missing" (codes.ts REPEAT_MISSING). */
  repeatEpisodes: number;
  /** The return interview's limit, in minutes (72 hours). */
  limitMinutes: number;
}

/**
 * One row a child the user may see who went missing in the window (or is missing now), with their
 * figures, as the CTE `children`. The episodes are found first through the two went_missing_at
 * indexes, and each child checked for visibility once, before anything is joined to them: otherwise
 * the planner joins the visibility test to every child in the council (a sequential scan of person
 * on the large council). Each episode's return interview status is worked out as present.ts's
 * interviewStatus does, in minutes from the return.
 */
function childrenCte(user: SignedInUser, w: ListWindow) {
  const now = sql`${w.now}::timestamptz`;
  return sql`recent AS MATERIALIZED (
      SELECT id, child_id, went_missing_at, returned_at, placement_id FROM missing_episode
      WHERE deleted_at IS NULL AND (went_missing_at >= ${w.since} OR returned_at IS NULL)),
    seen AS MATERIALIZED (
      SELECT mc.id AS child_id, mc.first_name, mc.last_name, mc.la_child_id
      FROM (SELECT DISTINCT child_id FROM recent) r JOIN person mc ON mc.id = r.child_id
      WHERE mc.deleted_at IS NULL AND mc.merged_into IS NULL AND ${childVisibleTo(user, sql.ref('r.child_id'))}),
    episodes AS (
      SELECT r.child_id, r.went_missing_at, r.returned_at, r.placement_id,
        -- The placement's host council when it is outside the area, probed by its key (a join hashed every placement).
        (SELECT mp.host_council FROM placement mp WHERE mp.id = r.placement_id AND mp.in_council_area = false) AS outside_host,
        CASE
          WHEN r.returned_at IS NULL THEN 'missing'
          WHEN ri.done_at IS NOT NULL THEN CASE WHEN round(extract(epoch FROM ri.done_at - r.returned_at) / 60) <= ${w.limitMinutes} THEN 'in-time' ELSE 'late' END
          WHEN ri.declined THEN 'declined'
          WHEN round(extract(epoch FROM ${now} - r.returned_at) / 60) <= ${w.limitMinutes} THEN 'not-yet'
          ELSE 'overdue'
        END AS status,
        coalesce(ri.exploitation, false) AS exploitation
      FROM recent r
      JOIN seen s ON s.child_id = r.child_id
      LEFT JOIN LATERAL (
        SELECT min(i.done_at) FILTER (WHERE i.outcome = 'done') AS done_at,
          bool_or(i.outcome = 'declined') AS declined,
          bool_or(i.exploitation_risk IN ('sexual', 'criminal', 'both')) AS exploitation
        FROM return_interview i WHERE i.episode_id = r.id AND i.deleted_at IS NULL) ri ON true),
    children AS (
      SELECT child_id,
        count(*)::int AS episodes,
        -- An episode open since before the window is counted, but "repeat" counts the window's own.
        count(*) FILTER (WHERE went_missing_at >= ${w.since}) >= ${w.repeatEpisodes} AS repeat,
        sum(round(extract(epoch FROM coalesce(returned_at, ${now}) - went_missing_at) / 60))::int AS minutes,
        max(went_missing_at) AS last_went,
        max(went_missing_at) FILTER (WHERE returned_at IS NULL) AS missing_since,
        bool_or(placement_id IS NOT NULL) AS in_care,
        coalesce(array_agg(DISTINCT outside_host) FILTER (WHERE outside_host IS NOT NULL), '{}') AS outside_area,
        count(*) FILTER (WHERE status = 'in-time')::int AS in_time,
        count(*) FILTER (WHERE status = 'late')::int AS late,
        count(*) FILTER (WHERE status = 'declined')::int AS declined,
        count(*) FILTER (WHERE status = 'not-yet')::int AS not_yet,
        count(*) FILTER (WHERE status = 'overdue')::int AS overdue,
        bool_or(exploitation) AS exploitation
      FROM episodes GROUP BY child_id)`;
}

export interface ListFigures {
  children: number;
  episodes: number;
  byCondition: Record<ListCondition, number>;
  interviews: { inTime: number; late: number; declined: number; notYet: number; overdue: number };
}

export interface ListRow {
  child_id: string;
  first_name: string;
  last_name: string;
  la_child_id: string | null;
  episodes: number;
  repeat: boolean;
  minutes: number;
  last_went: Date;
  missing_since: Date | null;
  in_care: boolean;
  outside_area: string[];
  in_time: number;
  late: number;
  declined: number;
  not_yet: number;
  overdue: number;
  exploitation: boolean;
}

/**
 * The list's figures (children and episodes, the children behind each filter, the interviews by
 * status) and a page of the children matching a filter (or among `childIds`): missing now first, then
 * repeat missing, then by episodes and the latest. One statement: the children are worked out once
 * for both (the figures' row comes back even when the page is empty).
 */
export async function listFiguresAndPage(
  db: Db,
  user: SignedInUser,
  w: ListWindow,
  choice: { condition: ListCondition | null; childIds: readonly string[] | null },
  limit: number,
  offset: number,
): Promise<{ figures: ListFigures; rows: ListRow[] }> {
  const conditions = Object.entries(LIST_CONDITIONS) as [ListCondition, (typeof LIST_CONDITIONS)[ListCondition]][];
  const where = choice.condition ? LIST_CONDITIONS[choice.condition] : choice.childIds ? sql<boolean>`c.child_id = ANY(${sql.val([...choice.childIds])}::uuid[])` : sql<boolean>`true`;
  const result = await sql<ListRow & Record<string, number | null>>`WITH ${childrenCte(user, w)},
    figures AS (
      SELECT count(*)::int AS f_children, coalesce(sum(c.episodes), 0)::int AS f_episodes,
        coalesce(sum(c.in_time), 0)::int AS f_in_time, coalesce(sum(c.late), 0)::int AS f_late, coalesce(sum(c.declined), 0)::int AS f_declined,
        coalesce(sum(c.not_yet), 0)::int AS f_not_yet, coalesce(sum(c.overdue), 0)::int AS f_overdue,
        ${sql.join(conditions.map(([key, condition]) => sql`count(*) FILTER (WHERE ${condition})::int AS ${sql.ref(`f_${key}`)}`))}
      FROM children c)
    SELECT f.*, p.* FROM figures f
    LEFT JOIN LATERAL (
      SELECT c.*, s.first_name, s.last_name, s.la_child_id
      FROM children c JOIN seen s ON s.child_id = c.child_id
      WHERE ${where}
      ORDER BY (c.missing_since IS NOT NULL) DESC, c.repeat DESC, c.episodes DESC, c.last_went DESC, s.first_name, s.last_name, c.child_id
      LIMIT ${limit} OFFSET ${offset}) p ON true`.execute(db);
  const row = result.rows[0] ?? {};
  const n = (key: string) => Number((row as Record<string, unknown>)[key] ?? 0);
  return {
    figures: {
      children: n('f_children'),
      episodes: n('f_episodes'),
      byCondition: Object.fromEntries(conditions.map(([key]) => [key, n(`f_${key}`)])) as Record<ListCondition, number>,
      interviews: { inTime: n('f_in_time'), late: n('f_late'), declined: n('f_declined'), notYet: n('f_not_yet'), overdue: n('f_overdue') },
    },
    rows: result.rows.filter((r) => r.child_id !== null),
  };
}

/**
 * What children said at the return interviews of the window's episodes (only interviews that name a
 * place or a person), for the places and people named by more than one child. Each child's visibility
 * is checked once, and each episode's interviews found by its index (OFFSET 0 keeps the planner from
 * hashing the whole return_interview table instead).
 */
export async function recentNamesVisible(db: Db, user: SignedInUser, since: Date) {
  const result = await sql<{ episode_id: string; child_id: string; where_they_were: string | null; who_with: string | null }>`
    WITH recent AS MATERIALIZED (
      SELECT id, child_id FROM missing_episode WHERE deleted_at IS NULL AND (went_missing_at >= ${since} OR returned_at IS NULL)),
    seen AS MATERIALIZED (
      SELECT r.child_id FROM (SELECT DISTINCT child_id FROM recent) r WHERE ${childVisibleTo(user, sql.ref('r.child_id'))})
    SELECT ri.episode_id, ri.child_id, ri.where_they_were, ri.who_with
    FROM recent me JOIN seen s ON s.child_id = me.child_id
    CROSS JOIN LATERAL (
      SELECT i.episode_id, i.child_id, i.where_they_were, i.who_with FROM return_interview i
      WHERE i.episode_id = me.id AND i.deleted_at IS NULL AND (i.where_they_were IS NOT NULL OR i.who_with IS NOT NULL) OFFSET 0) ri`.execute(db);
  return result.rows;
}
