// The actions part of a child's record page: how many actions from oversight, supervision and audits
// are open, how many overdue, and the next due, in the record page's one query.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';

interface ActionFacts {
  /** Due dates of the open actions, soonest first (overdue is a matter of today). */
  due: string[];
  finished: number;
}

registerRecordSection<ActionFacts>({
  id: 'case-actions',
  title: 'Actions from oversight, supervision and audits',
  href: (childId) => `/children/${childId}/actions`,
  order: 58,
  facts: (childId) => sql`(SELECT json_build_object(
      'due', coalesce(json_agg(due_on ORDER BY due_on) FILTER (WHERE status IN ('not_started', 'in_progress')), '[]'::json),
      'finished', count(*) FILTER (WHERE status NOT IN ('not_started', 'in_progress')))
    FROM case_action WHERE child_id = ${childId} AND deleted_at IS NULL)`,
  describe: (facts, today) => {
    if (!facts || facts.due.length + facts.finished === 0) return 'None set';
    if (facts.due.length === 0) return `All ${facts.finished} finished`;
    const overdue = facts.due.filter((due) => due < today).length;
    return `${facts.due.length} open${overdue ? `, ${overdue} overdue` : ''}; next due ${formatDate(facts.due[0]!)}`;
  },
});
