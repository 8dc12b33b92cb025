// The case audits part of a child's record page: the latest completed audit and its grade.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { GRADES, labelOf } from './codes.ts';

registerRecordSection<{ audited_on: string | null; overall_grade: string | null; planned: number }>({
  id: 'case-audits',
  title: 'Case audits',
  href: (childId) => `/children/${childId}/audits`,
  order: 95,
  facts: (childId) => sql`(SELECT json_build_object(
      'audited_on', (SELECT audited_on FROM case_audit WHERE child_id = ${childId} AND status = 'completed' AND deleted_at IS NULL ORDER BY audited_on DESC LIMIT 1),
      'overall_grade', (SELECT overall_grade FROM case_audit WHERE child_id = ${childId} AND status = 'completed' AND deleted_at IS NULL ORDER BY audited_on DESC LIMIT 1),
      'planned', (SELECT count(*) FROM case_audit WHERE child_id = ${childId} AND status = 'planned' AND deleted_at IS NULL)))`,
  describe: (f) => {
    if (!f || (!f.audited_on && !f.planned)) return null;
    const last = f.audited_on ? `Last audited ${formatDate(f.audited_on)}: ${midSentence(labelOf(GRADES, f.overall_grade))}` : 'Not audited yet';
    return f.planned ? `${last}; ${f.planned} audit${f.planned > 1 ? 's' : ''} to grade` : last;
  },
});
