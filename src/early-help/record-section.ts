// The early help part of a child's record page: the latest episode, open or ended, in the record
// page's one query.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { endReasonLabel, leadText } from './service.ts';

interface EarlyHelpFacts {
  started_on: string;
  ended_on: string | null;
  end_reason: string | null;
  lead_name: string | null;
  lead_agency: string | null;
}

registerRecordSection<EarlyHelpFacts>({
  id: 'early-help',
  title: 'Early help',
  href: (childId) => `/children/${childId}/early-help`,
  visibleTo: (user) => user.role !== 'partner_agency',
  order: 25,
  facts: (childId) => sql`(SELECT json_build_object('started_on', e.started_on, 'ended_on', e.ended_on, 'end_reason', e.end_reason, 'lead_name', e.lead_name, 'lead_agency', e.lead_agency)
    FROM early_help_episode e WHERE e.child_id = ${childId} AND e.deleted_at IS NULL ORDER BY e.started_on DESC, e.recorded_at DESC LIMIT 1)`,
  describe: (latest) => {
    if (!latest) return null;
    if (!latest.ended_on) {
      const lead = leadText(latest);
      return `Open since ${formatDate(latest.started_on)}${lead ? `, led by ${lead}` : ', no lead practitioner yet'}`;
    }
    return `Ended ${formatDate(latest.ended_on)}: ${midSentence(endReasonLabel(latest.end_reason) ?? '')}`;
  },
});
