// The virtual school's cohort (Children and Families Act 2014 s.99; CA 1989 s.23ZZZA, inserted by
// the Children's Wellbeing and Schools Act 2026 s.6): children of school age (reception to year 13)
// who are in care, who have a social worker now or had one in the last 6 years (a child in need or
// child protection episode that was not closed at referral), or who are in kinship care. A child may
// be in more than one group (kinship foster care is care too); "social worker" leaves out children
// in care, whom the virtual school already counts as such (decision 0013).
//
// Paged in SQL, filtered with childVisibleTo; the columns of a page (school, PEP, attendance,
// exclusions) are read for its rows only. A manager's cohort comes from the children they may reach
// (a few hundred). For a user who sees every child (an analyst: half the council's school-age children
// are in the cohort) it is one pass over an index of school-age children (ids, names, restricted)
// tested against three hashed sets of ids, with no read of a person row but the page's (decision 0049).
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { childVisibleTo, reachableChildren, seesEveryUnrestrictedChild } from '../access/policy.ts';
import { addMonths } from '../calendar/index.ts';
import { schoolYearLabel, schoolYearOf, TERM_LABELS, type TermName } from '../calendar/school-terms.ts';
import { PERSISTENT_ABSENCE_BELOW } from './codes.ts';
import { schoolAgeBirthRange, yearGroupLabel, yearGroupOn } from './school-age.ts';
import { attendancePercent } from './service.ts';

export const COHORT_GROUPS = {
  'in-care': 'Children in care',
  'social-worker': 'Children with a social worker now or in the last 6 years (not in care)',
  kinship: 'Children in kinship care',
} as const;
export type CohortGroup = keyof typeof COHORT_GROUPS;
export const isCohortGroup = (value: unknown): value is CohortGroup => typeof value === 'string' && Object.hasOwn(COHORT_GROUPS, value);

export const PAGE_SIZE = 25;

interface CohortRow {
  id: string;
  first_name: string;
  last_name: string;
  la_child_id: string | null;
  date_of_birth: string;
  in_care: boolean;
  social_worker: boolean;
  kinship: boolean;
  total: number;
  all_count: number;
  in_care_count: number;
  social_worker_count: number;
  kinship_count: number;
  school: string | null;
  last_pep: string | null;
  pep_due: string | null;
  attendance_year: number | null;
  attendance_term: TermName | null;
  sessions_possible: number | null;
  sessions_attended: number | null;
  suspensions: number;
  suspension_days: number;
  permanent: boolean;
}

/**
 * The cohort as CTEs: each child of the three sets once, with the groups they are in (from the sets
 * themselves, not a probe a child), of school age, that the user may see.
 */
function cohort(user: SignedInUser, today: string) {
  const [bornFrom, bornTo] = schoolAgeBirthRange(today);
  const sixYearsAgo = addMonths(today, -72);
  // A manager sees a few hundred children of the council's tens of thousands: start from those.
  const reachable = reachableChildren(user);
  const inReach = (column: string) => (reachable ? sql`AND ${sql.ref(column)} IN (SELECT child_id FROM reach)` : sql``);
  return sql`${reachable ? sql`reach AS MATERIALIZED (${reachable}),` : sql``}
    members AS (
      SELECT c.child_id, true AS in_care, false AS worked_with, false AS kinship FROM care_period c WHERE c.ended_on IS NULL AND c.deleted_at IS NULL ${inReach('c.child_id')}
      UNION ALL SELECT e.child_id, false, true, false FROM cin_episode e WHERE NOT e.referral_nfa AND e.deleted_at IS NULL AND e.closed_on IS NULL ${inReach('e.child_id')}
      UNION ALL SELECT e.child_id, false, true, false FROM cin_episode e WHERE NOT e.referral_nfa AND e.deleted_at IS NULL AND e.closed_on >= ${sixYearsAgo} ${inReach('e.child_id')}
      UNION ALL SELECT k.child_id, false, false, true FROM kinship_arrangement k WHERE k.ended_on IS NULL AND k.deleted_at IS NULL ${inReach('k.child_id')}),
    flags AS (SELECT child_id, bool_or(in_care) AS in_care, bool_or(worked_with) AS worked_with, bool_or(kinship) AS kinship FROM members GROUP BY child_id),
    cohort AS (
      SELECT p.id, p.first_name, p.last_name, p.la_child_id, p.date_of_birth::text AS date_of_birth, f.in_care, f.worked_with AND NOT f.in_care AS social_worker, f.kinship
      FROM flags f JOIN person p ON p.id = f.child_id
      WHERE p.kind = 'child' AND p.deleted_at IS NULL AND p.merged_into IS NULL
        AND p.date_of_birth BETWEEN ${bornFrom} AND ${bornTo}
        AND ${childVisibleTo(user, sql`p.id`)})`;
}

const groupCondition = (group: CohortGroup | null) => (group === 'in-care' ? sql`in_care` : group === 'social-worker' ? sql`social_worker` : group === 'kinship' ? sql`kinship` : sql`true`);

export interface CohortCounts {
  all: number;
  byGroup: Record<CohortGroup, number>;
}

/** How many children the user may see in each group, and in all (for a page past the end, which carries no counts). */
async function cohortCounts(db: Db, user: SignedInUser, today: string): Promise<CohortCounts> {
  const result = await sql<{ all: number; in_care: number; social_worker: number; kinship: number }>`
    WITH ${cohort(user, today)}
    SELECT count(*)::int AS all, count(*) FILTER (WHERE in_care)::int AS in_care, count(*) FILTER (WHERE social_worker)::int AS social_worker, count(*) FILTER (WHERE kinship)::int AS kinship
    FROM cohort`.execute(db);
  const row = result.rows[0] ?? { all: 0, in_care: 0, social_worker: 0, kinship: 0 };
  return { all: row.all, byGroup: { 'in-care': row.in_care, 'social-worker': row.social_worker, kinship: row.kinship } };
}

/** The columns of a page's rows, read for its rows only: school, PEP, attendance, exclusions. */
function pageDetails(today: string) {
  const year = schoolYearOf(today);
  return sql`SELECT s.*,
      (SELECT e.school_name FROM school_enrolment e WHERE e.child_id = s.id AND e.ended_on IS NULL AND e.deleted_at IS NULL ORDER BY e.started_on DESC LIMIT 1) AS school,
      (SELECT max(p.held_on)::text FROM pep p WHERE p.child_id = s.id AND p.deleted_at IS NULL) AS last_pep,
      (SELECT min(c.due_on)::text FROM clock c WHERE c.child_id = s.id AND c.rule_id IN ('initial-pep', 'pep-review') AND c.met_on IS NULL AND c.stopped_on IS NULL) AS pep_due,
      a.school_year AS attendance_year, a.term AS attendance_term, a.sessions_possible, a.sessions_attended,
      x.suspensions, x.suspension_days, x.permanent
    FROM shown s
    LEFT JOIN LATERAL (SELECT a.school_year, a.term, a.sessions_possible, a.sessions_attended FROM school_attendance a
      WHERE a.child_id = s.id AND a.deleted_at IS NULL ORDER BY a.school_year DESC, a.term DESC LIMIT 1) a ON true
    CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE x.kind = 'suspension')::int AS suspensions, coalesce(sum(x.days), 0)::float8 AS suspension_days, bool_or(x.kind = 'permanent') IS TRUE AS permanent
      FROM school_exclusion x WHERE x.child_id = s.id AND x.deleted_at IS NULL AND x.starts_on BETWEEN ${`${year}-09-01`} AND ${`${year + 1}-08-31`}) x
    ORDER BY s.last_name, s.first_name, s.id`;
}

/** A manager's page: the cohort of the children they may reach, with every group's count as window counts. */
async function pageFromReach(db: Db, user: SignedInUser, today: string, group: CohortGroup | null, page: number): Promise<CohortRow[]> {
  const result = await sql<CohortRow>`
    WITH ${cohort(user, today)},
    counted AS (
      SELECT *, count(*) OVER ()::int AS all_count, (count(*) FILTER (WHERE in_care) OVER ())::int AS in_care_count,
        (count(*) FILTER (WHERE social_worker) OVER ())::int AS social_worker_count, (count(*) FILTER (WHERE kinship) OVER ())::int AS kinship_count,
        (count(*) FILTER (WHERE ${groupCondition(group)}) OVER ())::int AS total
      FROM cohort),
    shown AS (
      SELECT * FROM counted WHERE ${groupCondition(group)}
      ORDER BY last_name, first_name, id
      LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE})
    ${pageDetails(today)}`.execute(db);
  return result.rows;
}

/**
 * The cohort for a user who sees every unrestricted child, once, as a materialised set of ids and names:
 * the school-age children from one index (unrestricted ones straight from it; childVisibleTo asked only of
 * restricted records, found from the user's grants), each tested against the three sets of child ids, hashed once.
 */
function cohortForAll(user: SignedInUser, today: string) {
  const [bornFrom, bornTo] = schoolAgeBirthRange(today);
  const sixYearsAgo = addMonths(today, -72);
  const schoolAge = sql`p.kind = 'child' AND p.deleted_at IS NULL AND p.merged_into IS NULL AND p.date_of_birth BETWEEN ${bornFrom} AND ${bornTo}`;
  return sql`visible AS (
      SELECT p.id, p.last_name, p.first_name FROM person p WHERE ${schoolAge} AND NOT p.restricted
      -- A restricted record only with a grant (childVisibleTo still decides): from the user's grants, so
      -- that the planner neither tests nor costs a policy probe for every child.
      UNION ALL SELECT p.id, p.last_name, p.first_name FROM person p
        WHERE p.id IN (SELECT g.child_id FROM access_grant g WHERE g.user_id = ${user.id} AND g.revoked_at IS NULL)
          AND ${schoolAge} AND p.restricted AND ${childVisibleTo(user, sql`p.id`)}),
    tested AS MATERIALIZED (
      SELECT v.id, v.last_name, v.first_name,
        v.id IN (SELECT c.child_id FROM care_period c WHERE c.ended_on IS NULL AND c.deleted_at IS NULL) AS in_care,
        v.id IN (SELECT e.child_id FROM cin_episode e WHERE NOT e.referral_nfa AND e.deleted_at IS NULL AND e.closed_on IS NULL
          UNION ALL SELECT e.child_id FROM cin_episode e WHERE NOT e.referral_nfa AND e.deleted_at IS NULL AND e.closed_on >= ${sixYearsAgo}) AS worked_with,
        v.id IN (SELECT k.child_id FROM kinship_arrangement k WHERE k.ended_on IS NULL AND k.deleted_at IS NULL) AS kinship
      FROM visible v),
    -- Tested once above (the flags are not worked out again to filter); read by the counts and the page.
    cohort AS (SELECT id, last_name, first_name, in_care, worked_with AND NOT in_care AS social_worker, kinship FROM tested WHERE in_care OR worked_with OR kinship),
    counts AS (SELECT count(*)::int AS all_count, count(*) FILTER (WHERE in_care)::int AS in_care_count,
      count(*) FILTER (WHERE social_worker)::int AS social_worker_count, count(*) FILTER (WHERE kinship)::int AS kinship_count FROM cohort)`;
}

/** The page for a user who sees every unrestricted child, with every group's count. */
async function pageForAll(db: Db, user: SignedInUser, today: string, group: CohortGroup | null, page: number): Promise<CohortRow[]> {
  const result = await sql<CohortRow>`
    WITH ${cohortForAll(user, today)},
    shown AS (
      SELECT m.*, p.la_child_id, p.date_of_birth::text AS date_of_birth, k.*, 0 AS total
      FROM (SELECT * FROM cohort WHERE ${groupCondition(group)} ORDER BY last_name, first_name, id LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}) m
      JOIN person p ON p.id = m.id CROSS JOIN counts k)
    ${pageDetails(today)}`.execute(db);
  return result.rows;
}

/** Counts only, for a page past the end (which has no rows to carry them). */
async function countsOnly(db: Db, user: SignedInUser, today: string): Promise<CohortCounts> {
  if (reachableChildren(user) === null && seesEveryUnrestrictedChild(user)) {
    const row = (await sql<{ all_count: number; in_care_count: number; social_worker_count: number; kinship_count: number }>`WITH ${cohortForAll(user, today)} SELECT * FROM counts`.execute(db)).rows[0];
    if (row) return { all: row.all_count, byGroup: { 'in-care': row.in_care_count, 'social-worker': row.social_worker_count, kinship: row.kinship_count } };
  }
  return cohortCounts(db, user, today);
}

/** One page of the cohort (or of one group), by name, with each child's school, PEP, attendance and exclusions. */
export async function cohortPage(db: Db, user: SignedInUser, today: string, group: CohortGroup | null, page: number) {
  const forAll = reachableChildren(user) === null && seesEveryUnrestrictedChild(user);
  const rows = forAll ? await pageForAll(db, user, today, group, page) : await pageFromReach(db, user, today, group, page);
  const first = rows[0];
  const counts: CohortCounts = first
    ? { all: first.all_count, byGroup: { 'in-care': first.in_care_count, 'social-worker': first.social_worker_count, kinship: first.kinship_count } }
    : await countsOnly(db, user, today);
  return {
    counts,
    // The reach's statement counts the group; the counts of every group give it otherwise.
    total: first && !forAll ? first.total : group ? counts.byGroup[group] : counts.all,
    rows: rows.map((r) => {
      const yearGroup = yearGroupOn(r.date_of_birth, today);
      const percent = r.sessions_possible ? attendancePercent(r.sessions_attended ?? 0, r.sessions_possible) : null;
      return {
        childId: r.id,
        name: `${r.first_name} ${r.last_name}`,
        laChildId: r.la_child_id,
        yearGroup: yearGroup === null ? null : yearGroupLabel(yearGroup),
        groups: (Object.keys(COHORT_GROUPS) as CohortGroup[]).filter((g) => (g === 'in-care' ? r.in_care : g === 'social-worker' ? r.social_worker : r.kinship)),
        school: r.school,
        lastPep: r.last_pep,
        pepDue: r.pep_due,
        pepOverdue: r.pep_due !== null && r.pep_due < today,
        attendance: percent === null ? null : { percent, term: `${TERM_LABELS[r.attendance_term!]} ${schoolYearLabel(r.attendance_year!)}`, persistentlyAbsent: percent < PERSISTENT_ABSENCE_BELOW },
        suspensions: r.suspensions,
        suspensionDays: Number(r.suspension_days),
        permanent: r.permanent,
      };
    }),
  };
}
