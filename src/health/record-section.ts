// The health part of a child's record page: the last health assessment, in the record page's one query.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';

registerRecordSection<string | null>({
  id: 'health',
  title: 'Health',
  href: (childId) => `/children/${childId}/health`,
  order: 51,
  facts: (childId) => sql`(SELECT assessed_on::text FROM health_assessment WHERE child_id = ${childId} AND deleted_at IS NULL ORDER BY assessed_on DESC LIMIT 1)`,
  describe: (on) => (on ? `Last health assessment ${formatDate(on)}` : null),
});
