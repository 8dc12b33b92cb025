// The kinship care part of a child's record page: the open arrangement, its carers and whether the
// local offer was sent, in the record page's one query.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';
import { kinshipKindLabel } from './codes.ts';

registerRecordSection<{ kind: string; started_on: string; offer_sent_on: string | null; carers: string | null } | null>({
  id: 'kinship',
  title: 'Kinship care',
  href: (childId) => `/children/${childId}/kinship`,
  order: 57,
  facts: (childId) => sql`(SELECT json_build_object('kind', k.kind, 'started_on', k.started_on, 'offer_sent_on', k.offer_sent_on,
      'carers', (SELECT string_agg(c.name, ' and ' ORDER BY c.recorded_at) FROM kinship_carer c WHERE c.arrangement_id = k.id AND c.deleted_at IS NULL))
    FROM kinship_arrangement k WHERE k.child_id = ${childId} AND k.ended_on IS NULL AND k.deleted_at IS NULL LIMIT 1)`,
  describe: (f) =>
    f ? `${kinshipKindLabel(f.kind)}${f.carers ? ` with ${f.carers}` : ''} since ${formatDate(f.started_on)}; ${f.offer_sent_on ? `local offer sent ${formatDate(f.offer_sent_on)}` : 'local offer not sent'}` : null,
});
