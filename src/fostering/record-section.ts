// The foster carers part of a child's record page: the council's own foster carers the child lives
// with now, in the record page's one query; the link opens the carers with a vacancy for the child.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';
import { householdName } from './placing.ts';

registerRecordSection<{ first_carer: string; second_carer: string | null; started_on: string } | null>({
  id: 'fostering',
  title: 'The council’s foster carers',
  href: (childId) => `/children/${childId}/fostering`,
  order: 51,
  facts: (childId) => sql`(SELECT json_build_object('first_carer', h.first_carer, 'second_carer', h.second_carer, 'started_on', p.started_on)
    FROM placement p JOIN fostering_household h ON h.id = p.fostering_household_id
    WHERE p.child_id = ${childId} AND p.ended_on IS NULL AND p.deleted_at IS NULL LIMIT 1)`,
  describe: (f) => (f ? `Living with ${householdName(f)}, the council’s foster carers, since ${formatDate(f.started_on)}` : null),
});
