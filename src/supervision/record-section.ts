// The supervision part of a child's record page: when the child was last discussed in casework supervision.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';

registerRecordSection<string>({
  id: 'supervision',
  title: 'Supervision',
  href: (childId) => `/children/${childId}/supervision`,
  order: 67,
  facts: (childId) => sql`(SELECT max(discussed_on)::text FROM supervision_discussion WHERE child_id = ${childId} AND deleted_at IS NULL)`,
  describe: (latest) => (latest ? `Last discussed in supervision ${formatDate(latest)}` : 'Not discussed in supervision'),
});
