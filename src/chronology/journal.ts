// Writes to the child's journal. Every service that records a significant fact calls recordEvent in
// the same transaction, so the chronology and the clocks can never miss it or disagree with it.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/history.ts';
import { refreshClocks } from '../clocks/refresh.ts';
import { EVENT_TYPES, type EventType } from './event-types.ts';

export interface NewEvent {
  childId: string;
  type: EventType;
  occurredOn: string;
  sourceTable: string;
  sourceId: string;
  /** The episode, enquiry, plan or proceedings the event belongs to (clocks match on it). */
  scopeId?: string | null;
  title: string;
  detail?: string | null;
  significance?: 'high' | 'normal' | 'low';
}

/**
 * The journal row of an event, for a writer that inserts many at once (an import, the synthetic
 * council, which gives its own seeded id).
 */
export function eventRow(event: NewEvent, actorId: string, id: string = randomUUID()) {
  const definition = EVENT_TYPES[event.type];
  return {
    id,
    child_id: event.childId,
    type: event.type,
    occurred_on: event.occurredOn,
    source_table: event.sourceTable,
    source_id: event.sourceId,
    scope_id: event.scopeId ?? null,
    title: event.title,
    detail: event.detail ?? null,
    category: definition.category,
    significance: event.significance ?? definition.significance,
    recorded_by: actorId,
  };
}

export async function recordEvent(db: Db, event: NewEvent, actorId: string, options: { refresh?: boolean } = {}): Promise<string> {
  const row = eventRow(event, actorId);
  await db.insertInto('child_event').values(row).execute();
  if (options.refresh !== false) await refreshClocks(db, event.childId);
  return row.id;
}

/** Keeps the journal in step when the fact behind an event is corrected. */
export async function correctEvent(
  db: Db,
  sourceId: string,
  changes: { occurredOn?: string; title?: string; detail?: string | null; significance?: string },
): Promise<void> {
  const rows = await db
    .updateTable('child_event')
    .set({
      ...(changes.occurredOn ? { occurred_on: changes.occurredOn } : {}),
      ...(changes.title ? { title: changes.title } : {}),
      ...(changes.detail !== undefined ? { detail: changes.detail } : {}),
      ...(changes.significance ? { significance: changes.significance } : {}),
    })
    .where('source_id', '=', sourceId)
    .returning('child_id')
    .execute();
  for (const childId of new Set(rows.map((r) => r.child_id))) await refreshClocks(db, childId);
}
