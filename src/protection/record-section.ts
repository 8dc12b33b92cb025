// The child protection part of a child's record page: the open plan, or else the open section 47
// enquiry, or else how many plans the child has had; in the record page's one query.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';
import { categoryLabel } from './shapes.ts';

interface ProtectionFacts {
  plan: { started_on: string; category_of_abuse: string | null } | null;
  enquiry_initiated_on: string | null;
  plans: number;
}

registerRecordSection<ProtectionFacts>({
  id: 'protection',
  title: 'Child protection',
  href: (childId) => `/children/${childId}/protection`,
  order: 40,
  // An open enquiry is one in the open episode with no initial conference, not ended without one.
  facts: (childId) => sql`(SELECT json_build_object(
      'plan', (SELECT json_build_object('started_on', pl.started_on, 'category_of_abuse', pl.category_of_abuse) FROM plan pl
        WHERE pl.child_id = ${childId} AND pl.kind = 'cp' AND pl.ended_on IS NULL AND pl.deleted_at IS NULL ORDER BY pl.started_on DESC LIMIT 1),
      'enquiry_initiated_on', (SELECT q.initiated_on FROM s47_enquiry q JOIN cin_episode ep ON ep.id = q.episode_id AND ep.closed_on IS NULL AND ep.deleted_at IS NULL
        WHERE q.child_id = ${childId} AND q.deleted_at IS NULL AND (q.outcome IS NULL OR q.outcome = 'CONFERENCE')
          AND NOT EXISTS (SELECT 1 FROM child_protection_conference c WHERE c.enquiry_id = q.id AND c.kind = 'initial' AND c.deleted_at IS NULL)
        ORDER BY q.initiated_on DESC LIMIT 1),
      'plans', (SELECT count(*) FROM plan pc WHERE pc.child_id = ${childId} AND pc.kind = 'cp' AND pc.deleted_at IS NULL)))`,
  describe: (facts) => {
    if (facts?.plan) {
      const category = categoryLabel(facts.plan.category_of_abuse);
      return `Child protection plan since ${formatDate(facts.plan.started_on)}${category ? ` (${category})` : ''}`;
    }
    if (facts?.enquiry_initiated_on) return `Section 47 enquiry from ${formatDate(facts.enquiry_initiated_on)}`;
    const count = Number(facts?.plans ?? 0);
    return count > 0 ? `No current plan (${count} previous child protection plan${count === 1 ? '' : 's'})` : null;
  },
});
