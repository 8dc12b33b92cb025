// Family group decision-making on the child's record page: for the open pre-proceedings, how many were
// offered a meeting and accepted, whether one was held, and whether a care application would wait
// (s.31ZA). Part of the record page's one query.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';

interface FamilyGroupFacts {
  pre_id: string | null;
  offered: number;
  accepted: number;
  last_meeting: string | null;
  not_offering: boolean;
  not_holding: boolean;
}

registerRecordSection<FamilyGroupFacts | null>({
  id: 'family-group',
  title: 'Family group decision-making',
  href: (childId) => `/children/${childId}/proceedings`,
  order: 71,
  facts: (childId) => sql`(SELECT json_build_object(
      'pre_id', pp.id,
      'offered', (SELECT count(*) FROM fgdm_offer o WHERE o.pre_proceedings_id = pp.id AND o.deleted_at IS NULL),
      'accepted', (SELECT count(*) FROM fgdm_offer o WHERE o.pre_proceedings_id = pp.id AND o.deleted_at IS NULL AND o.response = 'accepted'),
      'last_meeting', (SELECT max(m.held_on) FROM fgdm_meeting m WHERE m.pre_proceedings_id = pp.id AND m.deleted_at IS NULL),
      'not_offering', EXISTS (SELECT 1 FROM fgdm_exemption e WHERE e.pre_proceedings_id = pp.id AND e.deleted_at IS NULL AND e.covers = 'offer'),
      'not_holding', EXISTS (SELECT 1 FROM fgdm_exemption e WHERE e.pre_proceedings_id = pp.id AND e.deleted_at IS NULL AND e.covers = 'meeting'))
    FROM pre_proceedings pp WHERE pp.child_id = ${childId} AND pp.ended_on IS NULL AND pp.deleted_at IS NULL LIMIT 1)`,
  describe: (facts) => {
    if (!facts?.pre_id) return null;
    if (facts.last_meeting) return `Family group meeting held on ${formatDate(facts.last_meeting)}`;
    if (facts.not_offering) return 'The council decided a family group meeting is not in the child’s best interests: not offered';
    if (facts.accepted > 0 && facts.not_holding) return 'Accepted; the council decided holding the meeting is not in the child’s best interests';
    if (facts.accepted > 0) return `${facts.accepted} of ${facts.offered} accepted a family group meeting: not yet held, so a care application must wait`;
    if (facts.offered > 0) return `Family group meeting offered to ${facts.offered}; none has accepted`;
    return 'No family group meeting offered yet in these pre-proceedings';
  },
});
