// Correcting and deleting a recorded fact, the same way for every kind of record: the previous
// version is kept with the reason, the child's journal follows the correction (so the chronology and
// the clocks do too), and a deletion is soft. Services call these inside their own rules.
import type { Db, RecordTable } from '../db/history.ts';
import { softDelete, updateRecord } from '../db/history.ts';
import { correctEvent } from '../chronology/journal.ts';
import { refreshClocks } from '../clocks/refresh.ts';

export interface Correction {
  table: RecordTable;
  id: string;
  actorId: string;
  /** Why, in the worker's words (required: a correction without a reason is a silent overwrite). */
  reason: string;
  changes: Record<string, unknown>;
  /** The row's version the worker saw: a change made meanwhile by someone else is not overwritten. */
  expectedVersion?: number;
  /** How the journal event of this fact changes, if it does. */
  event?: { occurredOn?: string; title?: string; detail?: string | null };
}

export async function correctRecord(tx: Db, correction: Correction): Promise<void> {
  await updateRecord(tx, correction.table, correction.id, correction.changes, correction.actorId, correction.expectedVersion, correction.reason);
  if (correction.event) await correctEvent(tx, correction.id, correction.event);
}

/** Deletes softly with the reason; the fact leaves the chronology and stops meeting clocks. */
export async function deleteRecord(tx: Db, record: { table: RecordTable; id: string; actorId: string; reason: string; childId: string }): Promise<void> {
  await softDelete(tx, record.table, record.id, record.actorId, record.reason);
  await refreshClocks(tx, record.childId);
}
