// Nothing is overwritten silently: before a recorded fact changes or is deleted, its previous
// version is copied to record_version, and the row's version number goes up.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, RecordColumns } from './schema.ts';
import { RuleBroken, NotFound } from '../server/errors.ts';

export type Db = Kysely<Database> | Transaction<Database>;

/** Tables whose rows carry RecordColumns and an id. */
export type RecordTable = {
  [K in keyof Database]: Database[K] extends RecordColumns & { id: string } ? K : never;
}[keyof Database];

/** The row's version, refused if it is not the one the worker saw (someone changed it meanwhile). */
function seenVersion(previous: Record<string, unknown>, expectedVersion: number | undefined): number {
  const version = Number(previous['version']);
  if (expectedVersion !== undefined && expectedVersion !== version) {
    throw new RuleBroken('Someone else changed this record while you were editing it. Check their change and try again.');
  }
  return version;
}

async function snapshot(db: Db, table: RecordTable, id: string): Promise<Record<string, unknown>> {
  const result = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} WHERE id = ${id} FOR UPDATE`.execute(db);
  const row = result.rows[0];
  if (!row) throw new NotFound(`No ${table.replace(/_/g, ' ')} with that id`);
  return row;
}

export async function updateRecord(
  db: Db,
  table: RecordTable,
  id: string,
  changes: Record<string, unknown>,
  actorId: string,
  expectedVersion?: number,
  /** Why it was corrected, in the worker's words: kept with the version it replaced. */
  reason?: string,
): Promise<void> {
  const previous = await snapshot(db, table, id);
  if (previous['deleted_at']) throw new RuleBroken('This record has been deleted and cannot be changed.');
  const version = seenVersion(previous, expectedVersion);
  await db
    .insertInto('record_version')
    .values({ table_name: table, record_id: id, version, data: JSON.stringify(previous), change: 'update', changed_by: actorId, reason: reason ?? null })
    .execute();
  await sql`UPDATE ${sql.table(table)} SET ${sql.join(
    [
      ...Object.entries(changes).map(([column, value]) => sql`${sql.ref(column)} = ${value}`),
      // Lantern's clock (migration 0010), as recorded_at is, so a pinned day stays consistent.
      sql`updated_at = lantern_now()`,
      sql`updated_by = ${actorId}`,
      sql`version = version + 1`,
    ],
    sql`, `,
  )} WHERE id = ${id}`.execute(db);
}

export async function softDelete(db: Db, table: RecordTable, id: string, actorId: string, reason: string, expectedVersion?: number): Promise<void> {
  const previous = await snapshot(db, table, id);
  if (previous['deleted_at']) return;
  const version = seenVersion(previous, expectedVersion);
  await db
    .insertInto('record_version')
    .values({ table_name: table, record_id: id, version, data: JSON.stringify(previous), change: 'delete', changed_by: actorId, reason })
    .execute();
  await sql`UPDATE ${sql.table(table)} SET deleted_at = lantern_now(), deleted_by = ${actorId}, deleted_reason = ${reason} WHERE id = ${id}`.execute(db);
  // The journal row for this fact goes with it, so the chronology and clocks no longer count it.
  await db.updateTable('child_event').set({ deleted_at: sql<Date>`lantern_now()` }).where('source_id', '=', id).execute();
}

export async function versionsOf(db: Db, id: string) {
  return db.selectFrom('record_version').selectAll().where('record_id', '=', id).orderBy('version', 'desc').execute();
}
