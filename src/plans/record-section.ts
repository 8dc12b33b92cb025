// The plans part of a child's record page: how many plans are open and how many of their actions
// are overdue, in the record page's one query.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { OPEN_ACTION_STATUSES } from './codes.ts';

interface PlanFacts {
  plans: number;
  open: number;
  /** The due dates of the actions still to do on open plans (overdue is a matter of today). */
  due: string[];
}

registerRecordSection<PlanFacts>({
  id: 'plans',
  title: 'Plans',
  href: (childId) => `/children/${childId}/plans`,
  order: 45,
  facts: (childId) => sql`(SELECT json_build_object(
      'plans', count(*),
      'open', count(*) FILTER (WHERE p.ended_on IS NULL),
      'due', (SELECT coalesce(json_agg(a.due_on), '[]'::json) FROM plan_action a JOIN plan ap ON ap.id = a.plan_id
        WHERE a.child_id = ${childId} AND a.deleted_at IS NULL AND a.status IN (${sql.join(OPEN_ACTION_STATUSES)})
        AND ap.ended_on IS NULL AND ap.deleted_at IS NULL))
    FROM plan p WHERE p.child_id = ${childId} AND p.deleted_at IS NULL)`,
  describe: (facts, today) => {
    if (!facts || facts.plans === 0) return null;
    const overdue = facts.due.filter((due) => due < today).length;
    const open = facts.open === 0 ? 'No open plans' : `${facts.open} open plan${facts.open === 1 ? '' : 's'}`;
    return overdue ? `${open}; ${overdue} overdue action${overdue === 1 ? '' : 's'}` : open;
  },
});
