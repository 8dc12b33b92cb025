// The episodes part of a child's record page: the open episode, or when the last one closed, in the
// record page's one query.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';

interface EpisodeFacts {
  referral_date: string;
  closed_on: string | null;
  re_referral: boolean;
}

registerRecordSection<EpisodeFacts>({
  id: 'episodes',
  title: 'Episodes of need',
  href: (childId) => `/children/${childId}/episodes`,
  order: 20,
  // The open episode if there is one, else the latest; a re-referral is within 12 months of an earlier referral.
  facts: (childId) => sql`(SELECT json_build_object('referral_date', e.referral_date, 'closed_on', e.closed_on,
      're_referral', EXISTS (SELECT 1 FROM cin_episode p WHERE p.child_id = e.child_id AND p.id <> e.id AND p.deleted_at IS NULL
        AND p.referral_date < e.referral_date AND p.referral_date >= (e.referral_date - interval '12 months')::date))
    FROM cin_episode e WHERE e.child_id = ${childId} AND e.deleted_at IS NULL
    ORDER BY (e.closed_on IS NULL) DESC, e.referral_date DESC LIMIT 1)`,
  describe: (last) => {
    if (!last) return 'No episodes of need';
    if (!last.closed_on) return `Open episode from ${formatDate(last.referral_date)}${last.re_referral ? ' (re-referral)' : ''}`;
    return `No open episode. Last closed ${formatDate(last.closed_on)}`;
  },
});
