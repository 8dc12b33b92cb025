// The permanence part of a child's record page: the plan running and its latest step, in the record page's one query.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { labelFor } from '../codes/code-list.ts';
import { PERMANENCE_ROUTE } from '../codes/lantern.ts';

interface Facts {
  plan: string;
  parallel_plan: string | null;
  decided_on: string;
  placed_on: string | null;
  matched_on: string | null;
  authority_on: string | null;
}

registerRecordSection<Facts | null>({
  id: 'permanence',
  title: 'Permanence',
  href: (childId) => `/children/${childId}/permanence`,
  order: 52,
  facts: (childId) => sql`(SELECT json_build_object('plan', pp.plan, 'parallel_plan', pp.parallel_plan, 'decided_on', pp.decided_on,
      'placed_on', (SELECT m.placed_on FROM adoption_match m WHERE m.plan_id = pp.id AND m.deleted_at IS NULL AND m.disrupted_on IS NULL LIMIT 1),
      'matched_on', (SELECT m.decided_on FROM adoption_match m WHERE m.plan_id = pp.id AND m.deleted_at IS NULL AND m.disrupted_on IS NULL LIMIT 1),
      'authority_on', (SELECT s.occurred_on FROM permanence_step s WHERE s.plan_id = pp.id AND s.kind = 'authority_to_place' AND s.deleted_at IS NULL LIMIT 1))
    FROM permanence_plan pp JOIN care_period cp ON cp.id = pp.period_id AND cp.ended_on IS NULL AND cp.deleted_at IS NULL
    WHERE pp.child_id = ${childId} AND pp.ended_on IS NULL AND pp.deleted_at IS NULL LIMIT 1)`,
  describe: (f) => {
    if (!f) return null;
    const plan = `Plan: ${midSentence(labelFor(PERMANENCE_ROUTE, f.plan) ?? f.plan)} since ${formatDate(f.decided_on)}${f.parallel_plan ? ` (parallel: ${midSentence(labelFor(PERMANENCE_ROUTE, f.parallel_plan) ?? f.parallel_plan)})` : ''}`;
    const latest = f.placed_on ? `; placed for adoption ${formatDate(f.placed_on)}` : f.matched_on ? `; matched ${formatDate(f.matched_on)}` : f.authority_on ? `; authority to place ${formatDate(f.authority_on)}` : '';
    return plan + latest;
  },
});
