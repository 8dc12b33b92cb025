// The workforce part of a child's record page, in the record page's one query: how many social
// workers the child has had in the last 12 months (Newham 2014 ¶6, ¶44) and a transfer waiting.
import { sql } from 'kysely';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';
import { changesSince, MANY_SOCIAL_WORKERS } from './worker-changes.ts';

interface Facts {
  /** Social worker allocations (worker, from, to): few per child, so "today" can be applied in describe. */
  workers: { w: string; f: string; t: string | null }[] | null;
  waiting: { team: string; on: string } | null;
}

registerRecordSection<Facts>({
  id: 'worker-changes',
  title: 'Social workers and transfers',
  href: (childId) => `/children/${childId}/transfers`,
  order: 12,
  facts: (childId) => sql`json_build_object(
    'workers', (SELECT json_agg(json_build_object('w', a.worker_id, 'f', a.from_date, 't', a.to_date)) FROM allocation a
      WHERE a.child_id = ${childId} AND a.role = 'social_worker' AND a.deleted_at IS NULL),
    'waiting', (SELECT json_build_object('team', t.name, 'on', x.requested_on) FROM case_transfer x JOIN team t ON t.id = x.to_team_id
      WHERE x.child_id = ${childId} AND x.status = 'requested' AND x.deleted_at IS NULL LIMIT 1))`,
  describe: (facts, today) => {
    const since = changesSince(today);
    const workers = new Set((facts?.workers ?? []).filter((a) => a.f <= today && (a.t === null || a.t >= since)).map((a) => a.w)).size;
    const parts: string[] = [];
    if (workers > 0) {
      parts.push(`${workers} social worker${workers === 1 ? '' : 's'} in the last 12 months${workers >= MANY_SOCIAL_WORKERS ? ' (3 or more: on the managers’ list)' : ''}`);
    }
    if (facts?.waiting) parts.push(`transfer to ${facts.waiting.team} waiting since ${formatDate(facts.waiting.on)}`);
    if (!parts.length) return null;
    const line = parts.join('; ');
    return line.charAt(0).toUpperCase() + line.slice(1);
  },
});
