// All the chronology's SQL. A child's chronology is one indexed read of the journal (child_event,
// index child_event_child on (child_id, occurred_on)), then the recorders' names and, for entries typed
// into the chronology itself, their source, for that page's rows.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import type { IsoDate } from '../db/schema.ts';
import type { Category } from './event-types.ts';

export interface ChronologyChild {
  id: string;
  first_name: string;
  last_name: string;
  date_of_birth: IsoDate | null;
  expected_date_of_birth: IsoDate | null;
  la_child_id: string | null;
  kind: 'child' | 'unborn' | 'adult';
}

export async function findChild(db: Db, childId: string): Promise<ChronologyChild | undefined> {
  return db
    .selectFrom('person')
    .select(['id', 'first_name', 'last_name', 'date_of_birth', 'expected_date_of_birth', 'la_child_id', 'kind'])
    .where('id', '=', childId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export interface JournalQuery {
  childId: string;
  categories: readonly Category[];
  highOnly: boolean;
  from?: IsoDate | undefined;
  to?: IsoDate | undefined;
  oldestFirst: boolean;
  /** Absent: every row (the print view). */
  limit?: number;
  offset?: number;
}

export interface JournalRow {
  id: string;
  type: string;
  occurred_on: IsoDate;
  category: string;
  title: string;
  detail: string | null;
  significance: string;
  recorded_at: Date;
  recorded_by: string;
  source_table: string;
  source_id: string;
  /** How many rows match the filters, whatever the page. */
  total: number;
  /** Over the matching rows: the first referral's date and the earliest date of all. */
  first_referral_on: IsoDate | null;
  earliest_on: IsoDate;
}

/**
 * One page of the child's journal with the filters applied, in one query on the child_event_child
 * index. The total comes from a window over the same rows, so a page and its count cannot disagree.
 * Names and entry sources are fetched after, for the page's rows only: joining them here made
 * PGlite look up every matching row, not just the page.
 */
export async function journalPage(db: Db, q: JournalQuery): Promise<JournalRow[]> {
  const direction = q.oldestFirst ? sql`ASC` : sql`DESC`;
  const conditions = [sql`e.child_id = ${q.childId}`, sql`e.deleted_at IS NULL`];
  if (q.categories.length) conditions.push(sql`e.category IN (${sql.join(q.categories)})`);
  if (q.highOnly) conditions.push(sql`e.significance = 'high'`);
  if (q.from) conditions.push(sql`e.occurred_on >= ${q.from}`);
  if (q.to) conditions.push(sql`e.occurred_on <= ${q.to}`);
  const result = await sql<JournalRow>`
    SELECT e.id, e.type, e.occurred_on, e.category, e.title, e.detail, e.significance, e.recorded_at, e.recorded_by,
           e.source_table, e.source_id, count(*) OVER () AS total,
           min(e.occurred_on) FILTER (WHERE e.type = 'referral.received') OVER () AS first_referral_on,
           min(e.occurred_on) OVER () AS earliest_on
      FROM child_event e
     WHERE ${sql.join(conditions, sql` AND `)}
     ORDER BY e.occurred_on ${direction}, e.recorded_at ${direction}, e.id ${direction}
     ${q.limit !== undefined ? sql`LIMIT ${q.limit} OFFSET ${q.offset ?? 0}` : sql``}`.execute(db);
  return result.rows.map((row) => ({ ...row, total: Number(row.total) }));
}

/** Display names of the people who recorded a page of entries: a handful of ids, one query. */
export async function userNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export interface EntryDetails {
  id: string;
  kind: string;
  source: string;
  version: number;
  updated_at: Date | null;
}

/** Source and version of the typed entries on a page (none on most pages of a long chronology). */
export async function entryDetails(db: Db, childId: string, ids: readonly string[]): Promise<Map<string, EntryDetails>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('chronology_entry')
    .select(['id', 'kind', 'source', 'version', 'updated_at'])
    .where('child_id', '=', childId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** How many rows the filters match (for a page past the end, where the page query returns none). */
export async function journalCount(db: Db, q: JournalQuery): Promise<number> {
  const rows = await journalPage(db, { ...q, limit: 1, offset: 0 });
  return rows[0]?.total ?? 0;
}

export interface EntryRow {
  id: string;
  child_id: string;
  occurred_on: IsoDate;
  kind: string;
  source: string;
  title: string;
  detail: string | null;
  significance: string;
  version: number;
  recorded_at: Date;
  recorded_by: string;
  deleted_at: Date | null;
}

export async function findEntry(db: Db, childId: string, entryId: string): Promise<EntryRow | undefined> {
  return db
    .selectFrom('chronology_entry')
    .select(['id', 'child_id', 'occurred_on', 'kind', 'source', 'title', 'detail', 'significance', 'version', 'recorded_at', 'recorded_by', 'deleted_at'])
    .where('id', '=', entryId)
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function insertEntry(
  db: Db,
  entry: { id: string; childId: string; occurredOn: IsoDate; kind: string; source: string; title: string; detail: string | null; significance: string },
  actorId: string,
): Promise<void> {
  await db
    .insertInto('chronology_entry')
    .values({
      id: entry.id,
      child_id: entry.childId,
      occurred_on: entry.occurredOn,
      kind: entry.kind,
      source: entry.source,
      title: entry.title,
      detail: entry.detail,
      significance: entry.significance,
      recorded_by: actorId,
    })
    .execute();
}

/** When an entry's kind changes, its journal row moves to the matching event type and category. */
export async function refileEvent(db: Db, sourceId: string, type: string, category: string): Promise<void> {
  await db.updateTable('child_event').set({ type, category }).where('source_id', '=', sourceId).where('deleted_at', 'is', null).execute();
}
