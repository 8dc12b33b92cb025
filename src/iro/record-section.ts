// The IRO challenges part of a child's record page: how many are open and since when, in the record
// page's one query.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';

registerRecordSection<{ open: number; since: string | null } | null>({
  id: 'iro-challenges',
  title: 'IRO challenges',
  href: (childId) => `/children/${childId}/iro-challenges`,
  order: 52,
  facts: (childId) => sql`(SELECT json_build_object('open', count(*), 'since', min(raised_on))
    FROM iro_challenge WHERE child_id = ${childId} AND resolved_on IS NULL AND deleted_at IS NULL)`,
  describe: (facts) => (facts && facts.open > 0 ? `${facts.open} open challenge${facts.open === 1 ? '' : 's'}, the oldest from ${formatDate(facts.since!)}` : null),
});
