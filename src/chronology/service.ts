// The child's chronology: assembled from the journal every service writes, plus the entries a worker
// types in (history from before the first referral, partners' information, other significant events).
// DESIGN.md §2.8; Newham 2014 ¶2, ¶11 (pre-referral history); §2.2 (late recording is visible).
// Who may see or change it is checked once, by the route guard, before any of this runs.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { CALENDAR_FIRST_DATE, CALENDAR_LAST_DATE, isIsoDate, workingDaysBetween } from '../calendar/index.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { isoDateInLondon } from '../server/time.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import { assertNotBeforeBirth, childDates, type ChildDates } from '../people/dates.ts';
import { correctEvent, recordEvent } from './journal.ts';
import { CATEGORIES, EVENT_TYPES, isEventType, type Category, type EventType } from './event-types.ts';
import * as repo from './repository.ts';
import type { ChronologyChild, EntryDetails, EntryRow, JournalRow } from './repository.ts';
import { ENTRY_KINDS, type ChronologyEntryCorrection, type ChronologyEntryInput, type ChronologyFilterValues, type EntryKind } from './schemas.ts';

/** The screen view shows this many entries a page; print shows them all. */
export const PAGE_SIZE = 100;

/**
 * A fact recorded more than this many working days after it happened is flagged as late (Wandsworth:
 * case notes two months late, a strategy outcome 24 days late, were invisible in the record).
 */
export const LATE_AFTER_WORKING_DAYS = 5;

const EVENT_TYPE_OF_KIND: Record<EntryKind, EventType> = {
  history: 'chronology.history',
  partner: 'chronology.partner',
  note: 'chronology.note',
};

export interface ChronologyEntry {
  /** The journal row's id. */
  id: string;
  occurredOn: string;
  type: string;
  typeLabel: string;
  category: string;
  categoryLabel: string;
  title: string;
  detail: string | null;
  significance: string;
  /** Where the information came from: the partner agency, or the source of the history. */
  source: string | null;
  recordedAt: Date;
  recordedBy: string;
  /** 'recorded 12 working days later', when recorded late; otherwise null. */
  lateNote: string | null;
  lateWorkingDays: number | null;
  /** Set for entries typed into the chronology, which can be changed from it. */
  entryId: string | null;
  /** When a typed entry was last corrected (the previous version is kept). */
  correctedAt: Date | null;
}

export interface Chronology {
  entries: ChronologyEntry[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number | null;
  filters: ChronologyFilterValues;
  /** The filters in words, for the page and the court bundle header. */
  filterSummary: string[];
  mayChange: boolean;
  /**
   * Set when nothing is recorded from before the child's first referral: the gap Newham 2014 ¶2, ¶11
   * found. Only known when no filter hides entries.
   */
  noHistoryBefore: string | null;
}

// ---------------------------------------------------------------------------------------------
// Late recording
// ---------------------------------------------------------------------------------------------

const clampToCalendar = (date: string) => (date < CALENDAR_FIRST_DATE ? CALENDAR_FIRST_DATE : date > CALENDAR_LAST_DATE ? CALENDAR_LAST_DATE : date);

/**
 * Working days between when something happened and the day it was recorded, if that is more than
 * LATE_AFTER_WORKING_DAYS. The calendar knows bank holidays for 2000–2030 only, so dates outside it
 * are brought to its edge and the count becomes a lower bound ("more than").
 */
export function lateRecording(occurredOn: string, recordedOn: string): { workingDays: number; atLeast: boolean } | null {
  if (!isIsoDate(occurredOn) || !isIsoDate(recordedOn) || recordedOn <= occurredOn) return null;
  const start = clampToCalendar(occurredOn);
  const end = clampToCalendar(recordedOn);
  const workingDays = workingDaysBetween(start, end);
  if (workingDays <= LATE_AFTER_WORKING_DAYS) return null;
  return { workingDays, atLeast: start !== occurredOn || end !== recordedOn };
}

export function lateNote(late: { workingDays: number; atLeast: boolean }): string {
  const days = late.workingDays.toLocaleString('en-GB');
  return `recorded ${late.atLeast ? 'more than ' : ''}${days} working day${late.workingDays === 1 ? '' : 's'} later`;
}

function toEntry(row: JournalRow, names: Map<string, string>, typed: Map<string, EntryDetails>): ChronologyEntry {
  const category = row.category as Category;
  // History before Lantern is recorded later by its nature; flagging it as late would only be noise.
  const late = row.category === 'history' ? null : lateRecording(row.occurred_on, isoDateInLondon(row.recorded_at));
  const entry = row.source_table === 'chronology_entry' ? typed.get(row.source_id) : undefined;
  return {
    id: row.id,
    occurredOn: row.occurred_on,
    type: row.type,
    typeLabel: isEventType(row.type) ? EVENT_TYPES[row.type].label : row.type,
    category: row.category,
    categoryLabel: CATEGORIES[category] ?? row.category,
    title: row.title,
    detail: row.detail,
    significance: row.significance,
    source: entry?.source ? entry.source : null,
    recordedAt: row.recorded_at,
    recordedBy: names.get(row.recorded_by) ?? 'Unknown user',
    lateNote: late ? lateNote(late) : null,
    lateWorkingDays: late?.workingDays ?? null,
    entryId: entry ? entry.id : null,
    correctedAt: entry && entry.version > 1 ? entry.updated_at : null,
  };
}

const unfiltered = (f: ChronologyFilterValues) => f.category.length === 0 && f.significance === 'all' && !f.from && !f.to;

/** The first referral's date when nothing in the chronology comes before it. */
const historyGap = (row: JournalRow | undefined): string | null =>
  row?.first_referral_on && row.earliest_on >= row.first_referral_on ? row.first_referral_on : null;

/** Journal rows with the names of who recorded them and the sources of typed entries. */
async function assemble(db: Db, childId: string, rows: JournalRow[]): Promise<ChronologyEntry[]> {
  const typedIds = rows.filter((r) => r.source_table === 'chronology_entry').map((r) => r.source_id);
  const [names, typed] = await Promise.all([
    repo.userNames(db, rows.map((r) => r.recorded_by)),
    repo.entryDetails(db, childId, typedIds),
  ]);
  return rows.map((row) => toEntry(row, names, typed));
}

export function describeFilters(filters: ChronologyFilterValues): string[] {
  const parts: string[] = [];
  parts.push(filters.category.length ? `Categories: ${filters.category.map((c) => CATEGORIES[c]).join(', ')}` : 'All categories');
  parts.push(filters.significance === 'high' ? 'High significance only' : 'All significance');
  if (filters.from && filters.to) parts.push(`From ${formatDate(filters.from)} to ${formatDate(filters.to)}`);
  else if (filters.from) parts.push(`From ${formatDate(filters.from)}`);
  else if (filters.to) parts.push(`Up to ${formatDate(filters.to)}`);
  else parts.push('All dates');
  parts.push(filters.order === 'oldest' ? 'Oldest first' : 'Newest first');
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/**
 * The child's chronology with the filters applied. `pageSize: null` gives every entry (print, court
 * bundle). The route's guard has checked that the user may see the child (and whether they may
 * change the record, `mayChange`) before this runs.
 */
export async function childChronology(
  db: Db,
  childId: string,
  filters: ChronologyFilterValues,
  options: { pageSize: number | null; mayChange: boolean },
): Promise<Chronology> {
  const pageSize = options.pageSize;
  const query: repo.JournalQuery = {
    childId,
    categories: filters.category,
    highOnly: filters.significance === 'high',
    from: filters.from,
    to: filters.to,
    oldestFirst: filters.order === 'oldest',
  };
  let page = pageSize === null ? 1 : filters.page;
  let rows = await repo.journalPage(db, pageSize === null ? query : { ...query, limit: pageSize, offset: (page - 1) * pageSize });
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page > 1 && pageSize !== null) {
    // A page past the end (the list got shorter, or a typed URL): show the last page instead.
    total = await repo.journalCount(db, query);
    page = Math.max(1, Math.ceil(total / pageSize));
    rows = total ? await repo.journalPage(db, { ...query, limit: pageSize, offset: (page - 1) * pageSize }) : [];
  }
  return {
    entries: await assemble(db, childId, rows),
    total,
    page,
    pageCount: pageSize === null ? 1 : Math.max(1, Math.ceil(total / pageSize)),
    pageSize,
    filters: { ...filters, page },
    filterSummary: describeFilters(filters),
    mayChange: options.mayChange,
    noHistoryBefore: unfiltered(filters) ? historyGap(rows[0]) : null,
  };
}

/** What the court bundle's header says about the child beyond the guard's heading. */
export async function childForPrint(db: Db, childId: string): Promise<ChronologyChild> {
  const child = await repo.findChild(db, childId);
  if (!child) throw new NotFound('No child with that id');
  return child;
}

/** A typed entry, for its correction and delete pages (the guard has checked it is this child's). */
export async function chronologyEntry(db: Db, childId: string, entryId: string): Promise<EntryRow> {
  const entry = await repo.findEntry(db, childId, entryId);
  if (!entry) throw new NotFound('This chronology entry does not exist or has been deleted.');
  return entry;
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/**
 * The rules on when a typed entry can have happened: not in the future, and not before the child was
 * born (or long before an unborn child is due). Family history predates the child (a parent's own
 * childhood, an older sibling's removal), so 'History before Lantern' is not held to the birth. The
 * chronology goes on after a death (an inquest, a practice review), so a later date is allowed.
 */
function checkDate(child: ChildDates, entry: { occurredOn: string; kind: EntryKind }, today: string): void {
  if (entry.occurredOn > today) {
    throw new RuleBroken(`The date it happened must be today or in the past (today is ${formatDate(today)})`, 'occurredOn');
  }
  if (entry.kind === 'history') return;
  try {
    assertNotBeforeBirth({ ...child, date_of_death: null }, entry.occurredOn, 'occurredOn', 'The date it happened');
  } catch (error) {
    if (!(error instanceof RuleBroken)) throw error;
    throw new RuleBroken(`${error.message}. For family history from before then, choose ‘History before Lantern’`, 'occurredOn');
  }
}

export const kindLabel = (kind: string) => ENTRY_KINDS.find((k) => k.code === kind)?.label ?? kind;

export async function addChronologyEntry(
  db: Kysely<Database>,
  user: SignedInUser,
  childId: string,
  input: ChronologyEntryInput,
  today: string,
): Promise<{ entryId: string; eventId: string }> {
  const entryId = randomUUID();
  const eventId = await db.transaction().execute(async (tx) => {
    checkDate(await childDates(tx, childId), input, today);
    await repo.insertEntry(tx, { id: entryId, childId, ...input }, user.id);
    return recordEvent(
      tx,
      {
        childId,
        type: EVENT_TYPE_OF_KIND[input.kind],
        occurredOn: input.occurredOn,
        sourceTable: 'chronology_entry',
        sourceId: entryId,
        title: input.title,
        detail: input.detail,
        significance: input.significance,
      },
      user.id,
    );
  });
  return { entryId, eventId };
}

/**
 * Corrects a typed entry: the old version is kept with the reason, and the journal row (so the
 * chronology) follows, moving to the matching category when the kind changes.
 */
export async function correctChronologyEntry(
  db: Kysely<Database>,
  user: SignedInUser,
  childId: string,
  entryId: string,
  input: ChronologyEntryCorrection,
  today: string,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const entry = await chronologyEntry(tx, childId, entryId);
    checkDate(await childDates(tx, childId), input, today);
    await correctRecord(tx, {
      table: 'chronology_entry',
      id: entry.id,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: { occurred_on: input.occurredOn, kind: input.kind, source: input.source, title: input.title, detail: input.detail, significance: input.significance },
    });
    // Significance is part of the journal row too, so the journal is corrected here rather than by correctRecord.
    await correctEvent(tx, entry.id, { occurredOn: input.occurredOn, title: input.title, detail: input.detail, significance: input.significance });
    if (input.kind !== entry.kind) {
      const type = EVENT_TYPE_OF_KIND[input.kind];
      await repo.refileEvent(tx, entry.id, type, EVENT_TYPES[type].category);
    }
  });
}

/** Deletes a typed entry softly with the reason: it leaves the chronology, a copy is kept. */
export async function deleteChronologyEntry(db: Kysely<Database>, user: SignedInUser, childId: string, entryId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const entry = await chronologyEntry(tx, childId, entryId);
    await deleteRecord(tx, { table: 'chronology_entry', id: entry.id, actorId: user.id, reason, childId });
  });
}
