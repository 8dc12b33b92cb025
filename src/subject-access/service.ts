// Everything Lantern holds about one person, for a subject access request (UK GDPR Article 15).
//
// What is "about them" is read from the database's own foreign keys, as merging reads what points at
// a child (src/people/merge.ts): every row that points at their person record, then every row that
// points at one of those rows (a contact's decision, a plan's versions, a written agreement's terms),
// and so on until nothing new is found. A table a service area adds later with a foreign key to the
// person, or to any of their records, is in the export without anyone changing this file. Deleted
// rows are included (they are still held), marked as deleted with the reason; so are the earlier
// versions kept when a record was corrected, and the audit of who opened the record and when.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { NotFound } from '../server/errors.ts';

/** One foreign key, single-column: `table.column` points at `refTable.refColumn`. */
export interface ForeignKey {
  table: string;
  column: string;
  refTable: string;
  refColumn: string;
}

export type Row = Record<string, unknown>;

/** Tables whose rows describe sessions, sign-ins and housekeeping, never a person's record. */
const NOT_RECORDS = new Set(['app_user', 'team', 'user_session', 'sign_in_throttle', 'password_reset', 'form_submission', 'api_idempotency', 'idempotency_key', 'council_setting', 'kysely_migration', 'kysely_migration_lock', 'audit_log', 'record_version']);

/** Every single-column foreign key in the schema. */
export async function foreignKeys(db: Db): Promise<ForeignKey[]> {
  const { rows } = await sql<ForeignKey>`
      SELECT kcu.table_name AS "table", kcu.column_name AS "column", ccu.table_name AS "refTable", ccu.column_name AS "refColumn"
      FROM information_schema.table_constraints tc
      JOIN information_schema.key_column_usage kcu
        ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
      JOIN information_schema.constraint_column_usage ccu
        ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
      WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()
      ORDER BY 1, 2`.execute(db);
  return rows;
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** A row's identity within its table: its id, or (no id column) the whole row. */
const keyOf = (row: Row) => (row['id'] !== undefined && row['id'] !== null ? String(row['id']) : JSON.stringify(row));

export interface HeldData {
  /** Every table holding something about the person, each with its rows (deleted ones too). */
  tables: Map<string, Row[]>;
  /** How each table was reached: the foreign key that led to it (for the export's own explanation). */
  reachedBy: Map<string, ForeignKey[]>;
  foreignKeys: ForeignKey[];
}

/**
 * Every row that points, directly or through other rows, at the person: a walk along the foreign keys
 * from the person's row, inwards only (a row the person's records point at, like the worker who
 * recorded them, is not "about" the person).
 */
export async function heldAbout(db: Db, personId: string, allKeys?: readonly ForeignKey[]): Promise<HeldData> {
  const keys = (allKeys ?? (await foreignKeys(db))).filter((fk) => !NOT_RECORDS.has(fk.table) && !NOT_RECORDS.has(fk.refTable));
  const person = await sql<{ row: Row }>`SELECT to_jsonb(p) AS row FROM person p WHERE p.id = ${personId}::uuid`.execute(db);
  if (!person.rows[0]) throw new NotFound('No one with that id');
  const tables = new Map<string, Map<string, Row>>([['person', new Map([[personId, person.rows[0].row]])]]);
  const reachedBy = new Map<string, ForeignKey[]>();
  // Rows found in the last round, by table: only keys into these can find anything new.
  let fresh = new Map<string, Row[]>([['person', [person.rows[0].row]]]);
  for (let round = 0; fresh.size > 0 && round < 20; round++) {
    const next = new Map<string, Row[]>();
    for (const fk of keys) {
      const found = fresh.get(fk.refTable);
      if (!found) continue;
      const values = [...new Set(found.map((r) => r[fk.refColumn]).filter((v) => v !== null && v !== undefined).map(String))];
      if (values.length === 0) continue;
      const { rows } = await sql<{ row: Row }>`SELECT to_jsonb(t) AS row FROM ${sql.table(fk.table)} t
          WHERE t.${sql.ref(fk.column)} IN (${sql.join(values)})`.execute(db);
      if (rows.length === 0) continue;
      const held = tables.get(fk.table) ?? new Map<string, Row>();
      tables.set(fk.table, held);
      const via = reachedBy.get(fk.table) ?? [];
      if (!via.some((v) => v.column === fk.column && v.refTable === fk.refTable)) via.push(fk);
      reachedBy.set(fk.table, via);
      for (const { row } of rows) {
        const key = keyOf(row);
        if (held.has(key)) continue;
        held.set(key, row);
        const list = next.get(fk.table) ?? [];
        list.push(row);
        next.set(fk.table, list);
      }
    }
    fresh = next;
  }
  return { tables: new Map([...tables].map(([table, rows]) => [table, [...rows.values()]])), reachedBy, foreignKeys: keys };
}

export interface AuditRow {
  at: string;
  user_id: string | null;
  username: string | null;
  display_name: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
}

/** Who did what with the person's record and when: every audit row naming them (views, changes, refusals, exports). */
export async function auditOf(db: Db, personIds: readonly string[]): Promise<AuditRow[]> {
  const { rows } = await sql<AuditRow>`SELECT a.at, a.user_id, a.username, u.display_name, a.action, a.object_type, a.object_id
      FROM audit_log a LEFT JOIN app_user u ON u.id = a.user_id
      WHERE a.child_id IN (${sql.join(personIds.map((id) => sql`${id}::uuid`))})
      ORDER BY a.at, a.id`.execute(db);
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}

export interface EarlierVersion {
  table_name: string;
  record_id: string;
  version: number;
  change: string;
  changed_at: string;
  changed_by: string;
  reason: string | null;
  data: Row;
}

/** The versions kept when one of these records was corrected, deleted or merged. */
export async function earlierVersionsOf(db: Db, ids: readonly string[]): Promise<EarlierVersion[]> {
  const recordIds = ids.filter(isUuid);
  if (recordIds.length === 0) return [];
  const { rows } = await sql<EarlierVersion>`SELECT table_name, record_id::text, version, change, changed_at, changed_by::text, reason, data
      FROM record_version WHERE record_id IN (${sql.join(recordIds)}) ORDER BY changed_at, id`.execute(db);
  return rows.map((r) => ({ ...r, changed_at: new Date(r.changed_at).toISOString(), data: typeof r.data === 'string' ? (JSON.parse(r.data) as Row) : r.data }));
}

/** Display names of the staff who recorded, changed or were allocated: ids become names. */
export async function staffNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.some(isUuid)) return new Map();
  const { rows } = await sql<{ id: string; display_name: string }>`SELECT id::text, display_name FROM app_user WHERE id IN (${sql.join([...new Set(ids.filter(isUuid))])})`.execute(db);
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Names of other people a record points at (a parent in a relationship, a record merged in). */
export async function personNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.some(isUuid)) return new Map();
  const { rows } = await sql<{ id: string; name: string }>`SELECT id::text, first_name || ' ' || last_name AS name FROM person WHERE id IN (${sql.join([...new Set(ids.filter(isUuid))])})`.execute(db);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface SubjectAccessData {
  personId: string;
  held: HeldData;
  audit: AuditRow[];
  earlierVersions: EarlierVersion[];
  staff: Map<string, string>;
  people: Map<string, string>;
  /** Columns, by table, that name a member of staff. */
  staffColumns: Map<string, Set<string>>;
}

/** Everything held about the person, read in one transaction so the parts agree with each other. */
export async function subjectAccessData(db: Db, personId: string): Promise<SubjectAccessData> {
  const read = async (tx: Db): Promise<SubjectAccessData> => {
    const keys = await foreignKeys(tx);
    const held = await heldAbout(tx, personId, keys);
    // Records merged into this one are the same person: their audit trail is theirs too.
    const personIds = (held.tables.get('person') ?? []).map((p) => String(p['id']));
    const recordIds = [...held.tables.values()].flat().map((r) => r['id']).filter((id): id is string => typeof id === 'string');
    const audit = await auditOf(tx, personIds);
    const earlierVersions = await earlierVersionsOf(tx, recordIds);
    const userKeys = columnsPointingAt(keys, 'app_user');
    const personKeys = columnsPointingAt(keys, 'person');
    const staffIds: string[] = [...audit.map((a) => a.user_id).filter((id): id is string => Boolean(id)), ...earlierVersions.map((v) => v.changed_by)];
    const otherPeople: string[] = [];
    for (const [table, rows] of held.tables) {
      for (const row of rows) {
        for (const column of userKeys.get(table) ?? []) if (typeof row[column] === 'string') staffIds.push(row[column] as string);
        for (const column of personKeys.get(table) ?? []) if (typeof row[column] === 'string') otherPeople.push(row[column] as string);
      }
    }
    return { personId, held, audit, earlierVersions, staff: await staffNames(tx, staffIds), people: await personNames(tx, otherPeople), staffColumns: userKeys };
  };
  return db.isTransaction ? read(db) : db.transaction().execute(read);
}

/** Columns, by table, that point at a table (app_user: a member of staff; person: a person). */
export function columnsPointingAt(keys: readonly ForeignKey[], table: string): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const fk of keys) {
    if (fk.refTable !== table) continue;
    const set = map.get(fk.table) ?? new Set<string>();
    set.add(fk.column);
    map.set(fk.table, set);
  }
  return map;
}
