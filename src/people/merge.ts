// Merging a duplicate child record into the one that is kept. Everything that points at the
// duplicate moves to the survivor; each moved row's previous version is kept in record_version
// (change 'merge'), so a wrong merge can be traced and undone by hand.
//
// What points at a child is read from the database's own foreign keys to person(id), so a table
// that a service area adds later is moved too, without anyone having to remember to list it.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { softDelete, type Db } from '../db/history.ts';
import { mayChangeChild, type SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { refreshClocks } from '../clocks/refresh.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';

export interface ChildReference {
  table: string;
  column: string;
}

/** Every column, outside the person table itself, with a foreign key to person(id). */
export async function childReferences(db: Db): Promise<ChildReference[]> {
  const { rows } = await sql<ChildReference>`
      SELECT kcu.table_name AS table, kcu.column_name AS column
      FROM information_schema.table_constraints tc
      JOIN information_schema.key_column_usage kcu
        ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
      JOIN information_schema.constraint_column_usage ccu
        ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
      WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()
        AND ccu.table_name = 'person' AND ccu.column_name = 'id'
        -- The person table's own merged_into, and the record of which records were linked or merged,
        -- describe the two records themselves and stay as they are.
        AND kcu.table_name NOT IN ('person', 'person_link')
      ORDER BY 1, 2`.execute(db);
  return rows;
}

/** Whether a table carries RECORD_COLUMNS (so a move also bumps its version and who changed it). */
async function hasRecordColumns(db: Db, table: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ${table} AND column_name IN ('version', 'updated_by')`.execute(db);
  return rows[0]?.n === 2;
}

async function moveReferences(db: Db, references: readonly ChildReference[], ref: ChildReference, from: string, to: string, actorId: string): Promise<number> {
  const table = sql.table(ref.table);
  const column = sql.ref(ref.column);
  // A row that names both records (a relationship between them) would end up naming the survivor
  // twice: it stays with the duplicate (mergeChildren has already ended it).
  const others = references.filter((r) => r.table === ref.table && r.column !== ref.column);
  const rows = sql.join(
    [sql`${column} = ${from}`, ...others.map((o) => sql`${sql.ref(o.column)} IS DISTINCT FROM ${to}`)],
    sql` AND `,
  );
  await sql`INSERT INTO record_version (table_name, record_id, version, data, change, changed_by)
      SELECT ${ref.table}, t.id, COALESCE((to_jsonb(t) ->> 'version')::int, 0), to_jsonb(t), 'merge', ${actorId}
      FROM ${table} t WHERE ${rows}`.execute(db);
  const bump = (await hasRecordColumns(db, ref.table)) ? sql`, version = version + 1, updated_at = now(), updated_by = ${actorId}` : sql``;
  const result = await sql`UPDATE ${table} SET ${column} = ${to} ${bump} WHERE ${rows}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * The record a duplicate is merged into, found by its LA child id (or id), only if this user may
 * change it: a record they cannot see is reported as not found, so nothing about it is revealed. (The
 * duplicate itself is checked by the route's guard; the record kept is named in the form, not the path.)
 */
export async function survivorFor(db: Db, user: SignedInUser, reference: string): Promise<string> {
  const row = await db
    .selectFrom('person')
    .select('id')
    .where((eb) => (/^[0-9a-f-]{36}$/i.test(reference) ? eb('id', '=', reference) : eb(sql<string>`lower(la_child_id)`, '=', reference.toLowerCase())))
    .where('deleted_at', 'is', null)
    .where('kind', '<>', 'adult')
    .executeTakeFirst();
  if (!row || !(await mayChangeChild(db, user, row.id))) {
    throw new RuleBroken('No child you have access to has this LA child ID', 'survivor');
  }
  return row.id;
}

/** The duplicate's LA child ID, for the merge page's heading. */
export async function laChildIdOf(db: Db, childId: string): Promise<string | null> {
  const row = await db.selectFrom('person').select('la_child_id').where('id', '=', childId).executeTakeFirst();
  return row?.la_child_id ?? null;
}

export interface MergeRequest {
  duplicateId: string;
  survivorId: string;
  reason: string;
  actorId: string;
  today: string;
}

export async function mergeChildren(db: Kysely<Database>, merge: MergeRequest): Promise<void> {
  const { duplicateId, survivorId, actorId } = merge;
  if (duplicateId === survivorId) throw new RuleBroken('Choose a different record to keep: a record cannot be merged into itself', 'survivor');
  await db.transaction().execute(async (tx) => {
    const { rows } = await sql<{ id: string; kind: string; la_child_id: string | null; merged_into: string | null; deleted_at: Date | null; version: number }>`
        SELECT id, kind, la_child_id, merged_into, deleted_at, version FROM person WHERE id IN (${duplicateId}, ${survivorId}) ORDER BY id FOR UPDATE`.execute(tx);
    const duplicate = rows.find((r) => r.id === duplicateId);
    const survivor = rows.find((r) => r.id === survivorId);
    if (!duplicate || !survivor) throw new NotFound('No child with that id');
    if (duplicate.merged_into || duplicate.deleted_at) throw new RuleBroken('This record has already been merged or deleted');
    if (survivor.merged_into || survivor.deleted_at) throw new RuleBroken('The record to keep has itself been merged or deleted: choose the record it was merged into', 'survivor');
    if (duplicate.kind === 'adult' || survivor.kind === 'adult') throw new RuleBroken('Only children’s records can be merged here');

    // A relationship between the two records would become a relationship with oneself.
    const between = await tx
      .selectFrom('relationship')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('person_id', '=', duplicateId), eb('related_person_id', '=', survivorId)]),
          eb.and([eb('person_id', '=', survivorId), eb('related_person_id', '=', duplicateId)]),
        ]),
      )
      .where('deleted_at', 'is', null)
      .execute();
    for (const r of between) await softDelete(tx, 'relationship', r.id, actorId, 'The two records were merged: the same child');

    const references = await childReferences(tx);
    for (const ref of references) await moveReferences(tx, references, ref, duplicateId, survivorId, actorId);

    const snapshot = await sql<Record<string, unknown>>`SELECT * FROM person WHERE id = ${duplicateId}`.execute(tx);
    await tx
      .insertInto('record_version')
      .values({ table_name: 'person', record_id: duplicateId, version: duplicate.version, data: JSON.stringify(snapshot.rows[0]), change: 'merge', changed_by: actorId })
      .execute();
    const label = survivor.la_child_id ?? survivorId;
    await sql`UPDATE person SET merged_into = ${survivorId}, deleted_at = now(), deleted_by = ${actorId},
        deleted_reason = ${`Merged into ${label}: ${merge.reason}`}, version = version + 1, updated_at = now(), updated_by = ${actorId}
        WHERE id = ${duplicateId}`.execute(tx);
    const linkId = randomUUID();
    await tx
      .insertInto('person_link')
      .values({ id: linkId, person_id: duplicateId, other_person_id: survivorId, decision: 'merged', reason: merge.reason, decided_by: actorId })
      .execute();
    await recordEvent(
      tx,
      {
        childId: survivorId,
        type: 'person.merged',
        occurredOn: merge.today,
        sourceTable: 'person_link',
        sourceId: linkId,
        title: duplicate.la_child_id ? `Duplicate record ${duplicate.la_child_id} merged into this record` : 'Duplicate record merged into this record',
        detail: merge.reason,
      },
      actorId,
    );
    await refreshClocks(tx, duplicateId);
  });
}
