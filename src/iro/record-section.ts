// The IRO parts of a child's record page: the IRO's last contact with the child, and how many
// challenges are open and since when, each in the record page's one query.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';
import { contactSummary } from './contacts.ts';

registerRecordSection<{ on: string; method: string; seen_alone: boolean | null } | null>({
  id: 'iro-contacts',
  title: 'IRO contact with the child',
  href: (childId) => `/children/${childId}/iro-contacts`,
  order: 51,
  facts: (childId) => sql`(SELECT json_build_object('on', c.contact_on, 'method', c.method, 'seen_alone', c.seen_alone)
    FROM iro_contact c WHERE c.child_id = ${childId} AND c.deleted_at IS NULL ORDER BY c.contact_on DESC LIMIT 1)`,
  describe: (facts) => (facts ? `Last ${formatDate(facts.on)}: ${contactSummary(facts.method, facts.seen_alone)}` : null),
});

registerRecordSection<{ open: number; since: string | null } | null>({
  id: 'iro-challenges',
  title: 'IRO challenges',
  href: (childId) => `/children/${childId}/iro-challenges`,
  order: 52,
  facts: (childId) => sql`(SELECT json_build_object('open', count(*), 'since', min(raised_on))
    FROM iro_challenge WHERE child_id = ${childId} AND resolved_on IS NULL AND deleted_at IS NULL)`,
  describe: (facts) => (facts && facts.open > 0 ? `${facts.open} open challenge${facts.open === 1 ? '' : 's'}, the oldest from ${formatDate(facts.since!)}` : null),
});
