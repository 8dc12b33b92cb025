// The data quality checks' counts and lists, only over children the user may see (childVisibleTo).
// The counts are one statement for every check; a list is one statement, paged, with its total.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { childVisibleTo, reachableChildren } from '../access/policy.ts';
import { QUALITY_CHECKS, type CheckWindow, type QualityCheck, type QualityItem } from './checks.ts';

export const QUALITY_PAGE_SIZE = 50;

export interface CheckCount {
  checkId: string;
  items: number;
  children: number;
}

export async function checkCounts(db: Db, user: SignedInUser, w: CheckWindow): Promise<CheckCount[]> {
  // A manager's counts start from the children they could see (the planner takes the condition into
  // each check's statement); childVisibleTo still decides, in seen.
  const reachable = reachableChildren(user);
  const inReach = reachable ? sql`WHERE i.child_id IN (SELECT child_id FROM reach)` : sql``;
  const all = sql.join(
    QUALITY_CHECKS.map((check) => sql`SELECT ${check.id}::text AS check_id, i.child_id FROM (${check.items(w)}) i ${inReach}`),
    sql` UNION ALL `,
  );
  const result = await sql<{ check_id: string; items: number; children: number }>`
    WITH ${reachable ? sql`reach AS MATERIALIZED (${reachable}),` : sql``} items AS MATERIALIZED (${all}),
    seen AS MATERIALIZED (
      SELECT c.child_id FROM (SELECT DISTINCT child_id FROM items) c WHERE ${childVisibleTo(user, sql.ref('c.child_id'))})
    SELECT i.check_id, count(*)::int AS items, count(DISTINCT i.child_id)::int AS children
    FROM items i JOIN seen s ON s.child_id = i.child_id
    GROUP BY i.check_id`.execute(db);
  const byId = new Map(result.rows.map((r) => [r.check_id, r]));
  return QUALITY_CHECKS.map((check) => ({ checkId: check.id, items: byId.get(check.id)?.items ?? 0, children: byId.get(check.id)?.children ?? 0 }));
}

export interface QualityRow extends QualityItem {
  first_name: string;
  last_name: string;
  la_child_id: string | null;
  total: number;
}

/** A page of one check's items, newest first, with the child's name (children the user may see only). */
export async function checkItems(db: Db, user: SignedInUser, check: QualityCheck, w: CheckWindow, page: number): Promise<QualityRow[]> {
  const result = await sql<QualityRow>`
    WITH items AS MATERIALIZED (${check.items(w)})
    SELECT i.child_id, i.day, i.other_on, i.what, p.first_name, p.last_name, p.la_child_id, count(*) OVER ()::int AS total
    FROM items i JOIN person p ON p.id = i.child_id
    WHERE ${childVisibleTo(user, sql.ref('i.child_id'))}
    ORDER BY i.day DESC, p.last_name, p.first_name, i.child_id, i.what
    LIMIT ${QUALITY_PAGE_SIZE} OFFSET ${(page - 1) * QUALITY_PAGE_SIZE}`.execute(db);
  return result.rows;
}
