// The visits and case notes parts of a child's record page: the latest of each, in the record
// page's one query.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';

registerRecordSection<{ visited_on: string; child_seen: boolean; seen_alone: string }>({
  id: 'visits',
  title: 'Visits',
  href: (childId) => `/children/${childId}/visits`,
  order: 60,
  facts: (childId) => sql`(SELECT json_build_object('visited_on', visited_on, 'child_seen', child_seen, 'seen_alone', seen_alone)
    FROM visit WHERE child_id = ${childId} AND deleted_at IS NULL ORDER BY visited_on DESC, recorded_at DESC LIMIT 1)`,
  describe: (last) => {
    if (!last) return 'No visits recorded';
    const seen = !last.child_seen ? 'child not seen' : last.seen_alone === 'yes' ? 'child seen alone' : 'child seen';
    return `Last visit ${formatDate(last.visited_on)} (${seen})`;
  },
});

registerRecordSection<string>({
  id: 'case-notes',
  title: 'Case notes',
  href: (childId) => `/children/${childId}/case-notes`,
  order: 65,
  facts: (childId) => sql`(SELECT max(noted_on)::text FROM case_note WHERE child_id = ${childId} AND deleted_at IS NULL)`,
  describe: (latest) => (latest ? `Latest ${formatDate(latest)}` : null),
});
