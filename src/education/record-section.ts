// The education part of a child's record page: the current school, the last PEP and the next PEP
// due for a child in care, in the record page's one query.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';

registerRecordSection<{ school: string | null; last_pep: string | null; pep_due: string | null } | null>({
  id: 'education',
  title: 'Education',
  href: (childId) => `/children/${childId}/education`,
  order: 53,
  facts: (childId) => sql`(SELECT json_build_object(
      'school', (SELECT s.school_name FROM school_enrolment s WHERE s.child_id = ${childId} AND s.ended_on IS NULL AND s.deleted_at IS NULL ORDER BY s.started_on DESC LIMIT 1),
      'last_pep', (SELECT max(p.held_on) FROM pep p WHERE p.child_id = ${childId} AND p.deleted_at IS NULL),
      'pep_due', (SELECT min(c.due_on) FROM clock c WHERE c.child_id = ${childId} AND c.rule_id IN ('initial-pep', 'pep-review') AND c.met_on IS NULL AND c.stopped_on IS NULL)))`,
  describe: (f, today) => {
    if (!f || (!f.school && !f.last_pep && !f.pep_due)) return null;
    const parts = [f.school ? `At ${f.school}` : 'No school recorded'];
    if (f.last_pep) parts.push(`last PEP ${formatDate(f.last_pep)}`);
    if (f.pep_due) parts.push(`next PEP due ${formatDate(f.pep_due)}${f.pep_due < today ? ' (overdue)' : ''}`);
    return parts.join('; ');
  },
});
