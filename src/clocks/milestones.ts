// Events the record implies rather than records: the day a young person becomes eligible for
// leaving-care support (CPPCR 2010 reg 40) follows from their date of birth and their time in care,
// and nobody types it. The clock engine reads these beside the journal, so the pathway plan is due
// 3 months after it (reg 42) without anyone remembering to start it. They are derived again with the
// clocks whenever the journal changes (a child who leaves care before 16 loses the milestone).
import { createHash } from 'node:crypto';
import type { Db } from '../db/history.ts';
import { eligibleFrom, type CareSpan } from '../care-leavers/status.ts';
import type { ClockEvent } from './engine.ts';

/** Short breaks (V3, V4) do not count towards the 13 weeks (reg 40(1)). */
const SHORT_BREAKS = ['V3', 'V4'];

/** A stable id for a derived event, so that the same record always gives the same clocks. */
function milestoneId(childId: string, type: string, on: string): string {
  const h = createHash('sha256').update(`${childId}|${type}|${on}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The derived events of these children, by child. */
export async function milestonesOf(db: Db, childIds: readonly string[]): Promise<Map<string, ClockEvent[]>> {
  const result = new Map<string, ClockEvent[]>();
  if (childIds.length === 0) return result;
  const rows = await db
    .selectFrom('legal_status as s')
    .innerJoin('person as p', 'p.id', 's.child_id')
    .select(['s.child_id', 'p.date_of_birth', 's.started_on', 's.ended_on', 's.legal_status'])
    .where('s.child_id', 'in', childIds)
    .where('s.deleted_at', 'is', null)
    .execute();
  const byChild = new Map<string, { dob: string | null; spans: CareSpan[] }>();
  for (const r of rows) {
    const entry = byChild.get(r.child_id) ?? { dob: r.date_of_birth, spans: [] as CareSpan[] };
    entry.spans.push({ from: r.started_on, to: r.ended_on, counts: !SHORT_BREAKS.includes(r.legal_status) });
    byChild.set(r.child_id, entry);
  }
  for (const [childId, { dob, spans }] of byChild) {
    if (!dob) continue;
    const on = eligibleFrom(dob, spans);
    if (on) result.set(childId, [{ id: milestoneId(childId, 'leaving-care.eligible', on), type: 'leaving-care.eligible', occurredOn: on, scopeId: null }]);
  }
  return result;
}
