// The child in need part of a child's record page: the open plan's start, in the record page's one
// query.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';

registerRecordSection<string>({
  id: 'child-in-need',
  title: 'Child in need',
  href: (childId) => `/children/${childId}/child-in-need`,
  order: 40,
  facts: (childId) => sql`(SELECT started_on::text FROM plan
    WHERE child_id = ${childId} AND kind = 'cin' AND ended_on IS NULL AND deleted_at IS NULL ORDER BY started_on DESC LIMIT 1)`,
  describe: (startedOn) => (startedOn ? `Child in need plan from ${formatDate(startedOn)}` : null),
});
