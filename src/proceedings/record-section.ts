// The pre-proceedings and court part of a child's record page: open proceedings (with the week of
// the 26) or open pre-proceedings, in the record page's one query.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';
import { daysBetween } from '../calendar/index.ts';

registerRecordSection<{ issued_on: string | null; letter_sent_on: string | null }>({
  id: 'proceedings',
  title: 'Pre-proceedings and court',
  href: (childId) => `/children/${childId}/proceedings`,
  order: 70,
  facts: (childId) => sql`json_build_object(
    'issued_on', (SELECT issued_on FROM care_proceedings WHERE child_id = ${childId} AND concluded_on IS NULL AND deleted_at IS NULL ORDER BY issued_on DESC LIMIT 1),
    'letter_sent_on', (SELECT letter_sent_on FROM pre_proceedings WHERE child_id = ${childId} AND ended_on IS NULL AND deleted_at IS NULL ORDER BY letter_sent_on DESC LIMIT 1))`,
  describe: (facts, today) => {
    if (facts?.issued_on) return `In care proceedings since ${formatDate(facts.issued_on)} (week ${Math.floor(daysBetween(facts.issued_on, today) / 7) + 1} of 26)`;
    if (facts?.letter_sent_on) return `In pre-proceedings since ${formatDate(facts.letter_sent_on)}`;
    return null;
  },
});
