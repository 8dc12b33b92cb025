// The leaving care part of a child's record page: the current accommodation and the last contact,
// in the record page's one query. The status itself is on the leaving care page (it needs the
// periods of care worked through, not one row).
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';

registerRecordSection<{ pathway_from: string | null; bed_and_breakfast_since: string | null } | null>({
  id: 'leaving-care',
  title: 'Leaving care',
  href: (childId) => `/children/${childId}/leaving-care`,
  order: 55,
  facts: (childId) => sql`(SELECT json_build_object(
      'pathway_from', (SELECT started_on FROM plan WHERE child_id = ${childId} AND kind = 'pathway' AND ended_on IS NULL AND deleted_at IS NULL LIMIT 1),
      'bed_and_breakfast_since', (SELECT from_on FROM care_leaver_accommodation WHERE child_id = ${childId} AND kind = 'W' AND to_on IS NULL AND deleted_at IS NULL LIMIT 1)))`,
  describe: (facts) => {
    if (facts?.bed_and_breakfast_since) return `In bed and breakfast since ${formatDate(facts.bed_and_breakfast_since)}`;
    if (facts?.pathway_from) return `Pathway plan from ${formatDate(facts.pathway_from)}`;
    return null;
  },
});
