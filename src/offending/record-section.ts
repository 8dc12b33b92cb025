// The offending part of a child's record page: the latest outcome, in the record page's one query.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';

registerRecordSection<string | null>({
  id: 'offending',
  title: 'Offending',
  href: (childId) => `/children/${childId}/offending`,
  order: 52,
  facts: (childId) => sql`(SELECT given_on::text FROM offending_outcome WHERE child_id = ${childId} AND deleted_at IS NULL ORDER BY given_on DESC LIMIT 1)`,
  describe: (on) => (on ? `Latest conviction, final warning or reprimand ${formatDate(on)}` : null),
});
