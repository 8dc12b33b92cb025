// The missing part of a child's record page, in the record page's one query: missing now (since
// when), or how many episodes in the last 12 months (on Lantern's clock, lantern_now()).
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatLondon } from './london-time.ts';

registerRecordSection<{ missing_since: string | null; last_year: number }>({
  id: 'missing',
  title: 'Missing episodes',
  href: (childId) => `/children/${childId}/missing`,
  order: 55,
  facts: (childId) => sql`json_build_object(
    'missing_since', (SELECT max(went_missing_at) FROM missing_episode WHERE child_id = ${childId} AND returned_at IS NULL AND deleted_at IS NULL),
    'last_year', (SELECT count(*) FROM missing_episode WHERE child_id = ${childId} AND deleted_at IS NULL AND went_missing_at >= lantern_now() - interval '12 months'))`,
  describe: (facts) => {
    if (!facts) return null;
    if (facts.missing_since) return `Missing now, since ${formatLondon(new Date(facts.missing_since))}`;
    const n = Number(facts.last_year);
    return n > 0 ? `${n} missing episode${n === 1 ? '' : 's'} in the last 12 months` : null;
  },
});
