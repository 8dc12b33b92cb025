// The contacts part of a child's record page: how many, and the latest with its decision, in the
// record page's one query.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { outcomeLabel } from './describe.ts';

interface ContactFacts {
  count: number;
  received_on: string;
  outcome: string | null;
}

registerRecordSection<ContactFacts>({
  id: 'contacts',
  title: 'Contacts',
  href: (childId) => `/children/${childId}/contacts`,
  visibleTo: (user) => user.role !== 'partner_agency',
  order: 20,
  // The outcome that stands: the second look's where it changed the decision.
  facts: (childId) => sql`(SELECT json_build_object('count', count(*) OVER (), 'received_on', c.received_on, 'outcome', COALESCE(s.new_outcome, d.outcome))
    FROM contact c
    LEFT JOIN contact_decision d ON d.contact_id = c.id AND d.deleted_at IS NULL
    LEFT JOIN contact_second_look s ON s.contact_id = c.id AND s.deleted_at IS NULL
    WHERE c.child_id = ${childId} AND c.deleted_at IS NULL
    ORDER BY c.received_on DESC, c.received_time DESC LIMIT 1)`,
  describe: (latest) => {
    if (!latest) return null;
    const count = latest.count === 1 ? '1 contact' : `${latest.count} contacts`;
    const outcome = outcomeLabel(latest.outcome);
    const state = outcome ? `decision: ${midSentence(outcome)}` : 'awaiting a decision';
    return `${count}; latest received ${formatDate(latest.received_on)}, ${state}`;
  },
});
