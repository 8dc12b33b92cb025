// The children in care part of a child's record page: the open period of care and the current
// placement, in the record page's one query.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';

registerRecordSection<{ started_on: string; carer_name: string | null; placed_on: string | null } | null>({
  id: 'looked-after',
  title: 'Children in care',
  href: (childId) => `/children/${childId}/care`,
  order: 50,
  facts: (childId) => sql`(SELECT json_build_object('started_on', cp.started_on, 'carer_name', p.carer_name, 'placed_on', p.started_on)
    FROM care_period cp
    LEFT JOIN placement p ON p.period_id = cp.id AND p.ended_on IS NULL AND p.deleted_at IS NULL
    WHERE cp.child_id = ${childId} AND cp.ended_on IS NULL AND cp.deleted_at IS NULL LIMIT 1)`,
  describe: (facts) => {
    if (!facts) return null;
    const placed = facts.carer_name && facts.placed_on ? `; placed with ${facts.carer_name} since ${formatDate(facts.placed_on)}` : '';
    return `Looked after since ${formatDate(facts.started_on)}${placed}`;
  },
});
