// What the analysts' page shows: the report's failures by child, one page at a time, with the names
// of the children the user may see (childVisibleTo decides; a restricted child shows as their LA
// child ID only).
import { sql } from 'kysely';
import type { Db } from '../../db/history.ts';
import { childVisibleTo, type SignedInUser } from '../../access/policy.ts';
import type { CensusFailure } from './validate.ts';

export const FAILURES_PAGE_SIZE = 100;

export interface FailureRow extends CensusFailure {
  name: string | null;
  href: string | null;
}

export async function failureRows(db: Db, user: SignedInUser, failures: CensusFailure[]): Promise<FailureRow[]> {
  const ids = [...new Set(failures.map((f) => f.childId).filter((id): id is string => id !== null))];
  const names = new Map<string, string>();
  if (ids.length > 0) {
    const { rows } = await sql<{ id: string; name: string | null }>`SELECT p.id,
        CASE WHEN ${childVisibleTo(user, sql`p.id`)} THEN p.first_name || ' ' || p.last_name END AS name
      FROM person p WHERE p.id IN (${sql.join(ids)})`.execute(db);
    for (const r of rows) if (r.name) names.set(r.id, r.name);
  }
  return failures.map((f) => {
    const name = f.childId ? (names.get(f.childId) ?? null) : null;
    return { ...f, name, href: f.childId && name ? `/children/${f.childId}` : null };
  });
}
