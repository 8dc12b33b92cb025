// The private fostering part of a child's record page: an open arrangement, in the record page's one query.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';

registerRecordSection<{ notified_on: string; carer_name: string; confirmed: boolean | null } | null>({
  id: 'private-fostering',
  title: 'Private fostering',
  href: (childId) => `/children/${childId}/private-fostering`,
  order: 56,
  facts: (childId) => sql`(SELECT json_build_object('notified_on', notified_on, 'carer_name', carer_name, 'confirmed', confirmed)
    FROM private_fostering WHERE child_id = ${childId} AND ended_on IS NULL AND deleted_at IS NULL LIMIT 1)`,
  describe: (f) => (f ? `${f.confirmed ? 'Privately fostered' : 'Private fostering notified'} with ${f.carer_name} (notified ${formatDate(f.notified_on)})` : null),
});
