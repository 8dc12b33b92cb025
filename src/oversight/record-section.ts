// The management oversight part of a child's record page: the latest entry, and any challenge awaiting
// a response, in the record page's one query.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';

registerRecordSection<{ last_on: string | null; open_challenges: number; decisions: number }>({
  id: 'oversight',
  title: 'Management oversight',
  href: (childId) => `/children/${childId}/oversight`,
  order: 62,
  facts: (childId) => sql`(SELECT json_build_object(
      'last_on', (SELECT max(overseen_on) FROM management_oversight WHERE child_id = ${childId} AND deleted_at IS NULL),
      'open_challenges', (SELECT count(*) FROM management_oversight WHERE child_id = ${childId} AND deleted_at IS NULL AND kind <> 'oversight' AND resolved_on IS NULL),
      'decisions', (SELECT count(*) FROM management_decision WHERE child_id = ${childId} AND deleted_at IS NULL)))`,
  describe: (facts) => {
    if (!facts?.last_on && !facts?.decisions) return 'No management oversight recorded';
    const parts = [facts.last_on ? `Latest oversight ${formatDate(facts.last_on)}` : 'No oversight recorded'];
    if (facts.open_challenges > 0) parts.push(`${facts.open_challenges} challenge${facts.open_challenges === 1 ? '' : 's'} awaiting a response`);
    if (facts.decisions > 0) parts.push(`${facts.decisions} management decision${facts.decisions === 1 ? '' : 's'}`);
    return parts.join('; ');
  },
});
