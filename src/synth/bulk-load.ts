// Loading a council quickly. Foreign keys are checked by a trigger per inserted row, which is about
// half the cost of the generator's inserts. The generator writes ids it has just made, so, as
// pg_restore --disable-triggers does, it can switch the per-row triggers off for its transaction
// (session_replication_role = replica) and then check every foreign key once, set-wise, before
// committing: a bug still fails the load, in seconds rather than minutes.
//
// Only where it is safe: the role must be a superuser (always so for embedded PGlite), and no table
// may have a trigger of its own (replica mode would skip it too), but for those the generator has no
// use for: the audit log's guard (the generator never writes the audit log), and the journal's
// change history (migration 0033), which keeps an event as it was before a correction of its type,
// date, scope or deletion: a council as generated has had no corrections, and the generator's only
// update of the journal (fostering: carers' names in titles) is none of those. Before this exception
// the history trigger kept every foreign key trigger on and every index up to date for the whole load.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';

const IGNORED_TRIGGER_TABLES = ['audit_log'];
const IGNORED_TRIGGERS = ['child_event_keeps_changes'];

/** Turns per-row foreign key triggers off for this transaction if safe; says why not otherwise. */
export async function skipRowTriggers(tx: Db): Promise<{ skipped: boolean; reason: string }> {
  const su = await sql<{ su: string }>`SELECT current_setting('is_superuser') AS su`.execute(tx);
  if (su.rows[0]?.su !== 'on') return { skipped: false, reason: 'the database role is not a superuser' };
  const triggers = await sql<{ table_name: string; trigger_name: string }>`
    SELECT c.relname AS table_name, t.tgname AS trigger_name
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace`.execute(tx);
  const own = triggers.rows.filter((r) => !IGNORED_TRIGGER_TABLES.includes(r.table_name) && !IGNORED_TRIGGERS.includes(r.trigger_name));
  if (own.length) {
    const names = own.map((r) => `${r.table_name}.${r.trigger_name}`).join(', ');
    return { skipped: false, reason: `tables have triggers of their own (${names})` };
  }
  await sql`SET LOCAL session_replication_role = replica`.execute(tx);
  return { skipped: true, reason: 'foreign keys checked in bulk at the end' };
}

/** Every single-column foreign key on the given tables, checked with one anti-join each. */
export async function checkForeignKeys(tx: Db, tables: readonly string[]): Promise<number> {
  if (tables.length === 0) return 0;
  const keys = await sql<{ table_name: string; column_name: string; ref_table: string; ref_column: string }>`
    SELECT c.conrelid::regclass::text AS table_name, a.attname AS column_name,
           c.confrelid::regclass::text AS ref_table, af.attname AS ref_column
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
    WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND c.connamespace = 'public'::regnamespace
    ORDER BY 1, 2`.execute(tx);
  let checked = 0;
  for (const key of keys.rows) {
    if (!tables.includes(key.table_name)) continue;
    const t = sql.table(key.table_name);
    const r = sql.table(key.ref_table);
    const column = sql.ref(`x.${key.column_name}`);
    const refColumn = sql.ref(`y.${key.ref_column}`);
    const broken = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ${t} x
      WHERE ${column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${r} y WHERE ${refColumn} = ${column})`.execute(tx);
    const n = broken.rows[0]?.n ?? 0;
    if (n > 0) {
      throw new Error(`Synthetic data broke a foreign key: ${n} row(s) of ${key.table_name}.${key.column_name} point at no ${key.ref_table}`);
    }
    checked++;
  }
  return checked;
}

/** Indexes the generator itself reads through while it loads (a child's events, a child's clocks). */
const INDEXES_USED_WHILE_LOADING = ['child_event_child', 'clock_child'];

/**
 * Drops the secondary indexes (not primary keys, not unique ones: those keep the record's rules) for
 * the length of the load, as pg_restore builds indexes after the data: one sorted build per index is
 * far cheaper than keeping it up to date row by row. Returns their definitions for recreateIndexes.
 */
export async function dropSecondaryIndexes(tx: Db): Promise<string[]> {
  const indexes = await sql<{ name: string; definition: string }>`
    SELECT ci.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_index i
    JOIN pg_class ci ON ci.oid = i.indexrelid
    JOIN pg_class ct ON ct.oid = i.indrelid
    WHERE ct.relnamespace = 'public'::regnamespace AND NOT i.indisprimary AND NOT i.indisunique
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
    ORDER BY ci.relname`.execute(tx);
  const dropped: string[] = [];
  for (const index of indexes.rows) {
    if (INDEXES_USED_WHILE_LOADING.includes(index.name)) continue;
    await sql`DROP INDEX ${sql.id(index.name)}`.execute(tx);
    dropped.push(index.definition);
  }
  return dropped;
}

export async function recreateIndexes(tx: Db, definitions: readonly string[]): Promise<void> {
  for (const definition of definitions) await sql.raw(definition).execute(tx);
}
