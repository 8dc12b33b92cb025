// Re-derives a child's clocks from the journal (and the milestones the record implies: milestones.ts).
// Called whenever the journal changes, so a late or corrected record moves the due dates with it.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/history.ts';
import { loadSettings } from '../settings/council-settings.ts';
import { loadSchoolCalendar } from '../settings/school-terms.ts';
import { deriveClocks, type ClockEvent, type DerivedClock } from './engine.ts';
import { TIMESCALE_RULES } from './rules.ts';
import { milestonesOf } from './milestones.ts';

/** Rows of one multi-row insert of clocks: well under PostgreSQL's 65,535 parameters at 10 a row. */
const CLOCKS_PER_INSERT = 5000;

export async function refreshClocks(db: Db, childId: string): Promise<void> {
  await refreshClocksOf(db, [childId]);
}

/**
 * The clocks of many children at once (an import): the same derivation as one child's, read and written
 * in a few statements for them all rather than four per child.
 */
export async function refreshClocksOf(db: Db, childIds: readonly string[]): Promise<void> {
  if (childIds.length === 0) return;
  const [events, settings, milestones, school] = await Promise.all([
    db
      .selectFrom('child_event')
      .select(['id', 'child_id', 'type', 'occurred_on', 'scope_id', 'recorded_at'])
      .where('child_id', 'in', childIds)
      .where('deleted_at', 'is', null)
      .orderBy('occurred_on')
      .orderBy('recorded_at')
      .execute(),
    loadSettings(db),
    milestonesOf(db, childIds),
    loadSchoolCalendar(db),
  ]);
  const journalOf = new Map<string, ClockEvent[]>();
  for (const e of events) {
    const event: ClockEvent = { id: e.id, type: e.type, occurredOn: e.occurred_on, scopeId: e.scope_id, recordedAt: e.recorded_at.getTime() };
    const list = journalOf.get(e.child_id);
    if (list) list.push(event);
    else journalOf.set(e.child_id, [event]);
  }
  const rows = [...new Set(childIds)].flatMap((childId) =>
    deriveClocks([...(journalOf.get(childId) ?? []), ...(milestones.get(childId) ?? [])], TIMESCALE_RULES, settings, school).map((c) => clockRow(randomUUID(), childId, c)),
  );
  await db.deleteFrom('clock').where('child_id', 'in', childIds).execute();
  for (let i = 0; i < rows.length; i += CLOCKS_PER_INSERT) await db.insertInto('clock').values(rows.slice(i, i + CLOCKS_PER_INSERT)).execute();
}

/** The clock table's row of a derived clock (the record's writes and the synthetic council's loader). */
export const clockRow = (id: string, childId: string, c: DerivedClock) => ({
  id,
  child_id: childId,
  rule_id: c.ruleId,
  scope_id: c.scopeId,
  start_event_id: c.startEventId,
  started_on: c.startedOn,
  due_on: c.dueOn,
  met_on: c.metOn,
  met_event_id: c.metEventId,
  stopped_on: c.stoppedOn,
});
