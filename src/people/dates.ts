// Dates checked against the child: nothing that happened to a child can be dated before they were
// born (or, for an unborn child, long before the expected date), nor after their death.
import type { Db } from '../db/history.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';

export interface ChildDates {
  id: string;
  date_of_birth: string | null;
  expected_date_of_birth: string | null;
  date_of_death: string | null;
}

/** The child's dates, inside the caller's transaction. A record that is not a live child is not found. */
export async function childDates(db: Db, childId: string): Promise<ChildDates> {
  const child = await db
    .selectFrom('person')
    .select(['id', 'kind', 'date_of_birth', 'expected_date_of_birth', 'date_of_death'])
    .where('id', '=', childId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!child || child.kind === 'adult') throw new NotFound('No child with that id');
  return child;
}

/**
 * Refuses a date before the child's birth. Work with an unborn child starts in pregnancy, so before
 * birth is allowed where there is only an expected date (up to 40 weeks before it).
 */
export function assertNotBeforeBirth(child: ChildDates, date: string, field: string, what: string): void {
  if (child.date_of_birth && date < child.date_of_birth) {
    throw new RuleBroken(`${what} cannot be before the child was born (${formatDate(child.date_of_birth)}): check the year`, field);
  }
  if (!child.date_of_birth && child.expected_date_of_birth) {
    const earliest = new Date(`${child.expected_date_of_birth}T00:00:00Z`);
    earliest.setUTCDate(earliest.getUTCDate() - 280);
    const limit = earliest.toISOString().slice(0, 10);
    if (date < limit) throw new RuleBroken(`${what} cannot be more than 40 weeks before the baby is due (${formatDate(child.expected_date_of_birth)})`, field);
  }
  if (child.date_of_death && date > child.date_of_death) {
    throw new RuleBroken(`${what} cannot be after the child died (${formatDate(child.date_of_death)})`, field);
  }
}
