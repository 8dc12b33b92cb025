// The facts as recorded by the end of a past day (decision 0027), for many days from one read of the
// journal (decision 0045). The journal as known on a day differs from the journal now only for the
// children with an event that had happened by the day but was recorded after it, or one changed or
// deleted after it (a few hundred a month on a large council). Only their facts are rebuilt as they
// then stood: their journal, and their clocks derived again by the same engine, rules and milestones as
// the due list. Every other child's figures on the day are the record now's (decision 0054).
import { deriveClocks, eventTypesOf, type ClockEvent } from '../clocks/engine.ts';
import { comingOfAgeOf } from '../clocks/milestones.ts';
import type { TimescaleRule } from '../clocks/rule.ts';
import { isEventType } from '../chronology/event-types.ts';
import type { SchoolCalendar } from '../calendar/school-terms.ts';
import { byDate, inDateOrder } from './counting.ts';
import { endOfDay, toFact, type ClockFact, type EventVersion, type JournalFact, type JournalRow } from './facts.ts';

/** The earliest day a row happened on, now or in an earlier version. */
const earliestOf = (row: JournalRow) => (row.changes ?? []).reduce((day, c) => (c.occurredOn < day ? c.occurredOn : day), row.occurredOn);

/** When a row was last changed (ms), or -Infinity. */
const lastChangeOf = (row: JournalRow) => (row.changes ?? []).reduce((at, c) => Math.max(at, c.changedAt), -Infinity);

/** The journal as it is now, by type, each list in date order, from facts read as they are now (readJournalNow). */
export function journalNow(facts: readonly JournalFact[]): Map<string, readonly JournalFact[]> {
  const byType = new Map<string, JournalFact[]>();
  for (const fact of facts) {
    const list = byType.get(fact.type);
    if (list) list.push(fact);
    else byType.set(fact.type, [fact]);
  }
  for (const list of byType.values()) byDate(list);
  return byType;
}

/** The event as it stood at `cutoff` (null: deleted then): the first change after it kept what it looked like. */
function factAt(row: JournalRow, cutoff: number): JournalFact | null {
  const before = row.changes?.find((c) => c.changedAt >= cutoff);
  if (before) return before.deleted ? null : toFact(row, before);
  return row.deleted ? null : row;
}

/** What a child's clocks are derived from beside their journal. */
export interface ClockDerivation {
  rules: readonly TimescaleRule[];
  settings: Readonly<Record<string, number>>;
  school: SchoolCalendar;
  /** The days the record implies (milestones), by child: see milestonesOfTable. */
  milestones: ReadonlyMap<string, readonly ClockEvent[]>;
}

/**
 * The milestones (src/clocks/milestones.ts) of the children's clocks of `rules`, as the record's own clocks
 * have them: a clock started by a day the record implies (a 16th birthday, school age) keeps its start as
 * the clock table has it, and a rule that ends at an age (decision 0049) ends on the birthday, from the
 * date of birth, with the same event the record's clocks are derived with.
 */
export function milestonesOfTable(clocks: readonly ClockFact[], rules: readonly TimescaleRule[], birthDates: ReadonlyMap<string, string>): Map<string, ClockEvent[]> {
  const milestones = new Map<string, ClockEvent[]>();
  const add = (childId: string, event: ClockEvent) => {
    const list = milestones.get(childId);
    if (list) list.push(event);
    else milestones.set(childId, [event]);
  };
  const startsOnMilestone = new Map(rules.filter((r) => !r.startsOn.some(isEventType)).map((r) => [r.id, r.startsOn[0]!]));
  if (startsOnMilestone.size > 0) {
    for (const c of clocks) {
      const type = startsOnMilestone.get(c.ruleId);
      if (type) add(c.childId, { id: `milestone:${c.ruleId}:${c.scopeId ?? ''}:${c.startedOn}`, type, occurredOn: c.startedOn, scopeId: c.scopeId });
    }
  }
  if (rules.some((r) => r.endsAtAge !== undefined)) for (const [childId, born] of birthDates) for (const event of comingOfAgeOf(childId, born)) add(childId, event);
  return milestones;
}

/** The journal and clocks of some children as recorded by the end of a day. */
export interface KnownFacts {
  /** Their journal by type, each list in date order. */
  byType: Map<string, readonly JournalFact[]>;
  /** Their clocks, derived again from it. */
  clocks: readonly ClockFact[];
}

/** The journal's order: by type, then date, then id (as readJournal reads it, but for the order of the types). */
const inJournalOrder = (a: JournalFact, b: JournalFact) => (a.type < b.type ? -1 : a.type > b.type ? 1 : inDateOrder(a, b));

export class JournalIndex {
  private readonly rows: readonly JournalRow[];
  /** Each row's place in the journal's order (the order read, unless given otherwise), by its index in `rows`. */
  private readonly rank: Int32Array;
  /** The indexes of each child's rows, in the order they were recorded (a day's journal as known is a first part of it). */
  private readonly rowsByChild = new Map<string, number[]>();
  /** By row index, what knownOf reads of each row, kept together rather than in a million objects: when it was recorded, */
  private readonly recordedAt: Float64Array;
  /** its type (an index into `typeNames`), */
  private readonly typeOf: Int32Array;
  private readonly typeNames: string[] = [];
  /** and whether it was ever changed or is deleted (its version at a day is then worked out from the row). */
  private readonly versioned: Uint8Array;
  /** Each row as an event put to the clock engine, made once (the engine does not change them). */
  private readonly clockEvents: (ClockEvent | undefined)[];
  /** The rows that can make a child's journal differ on some day: recorded after the day they happened, or changed since. */
  private readonly late: { row: JournalRow; earliest: string; lastChange: number }[] = [];
  private earliestRead: string | null = null;

  constructor(rows: readonly JournalRow[]) {
    // Midnight (UTC) of each day read: a row recorded before 23:00 UTC of the day it happened is not
    // late for any day (the end of a day in London is 23:00 or 24:00 UTC), so changedSince never reads it.
    const midnight = new Map<string, number>();
    this.rows = rows;
    this.rank = ranksOf(rows);
    this.recordedAt = new Float64Array(rows.length);
    this.typeOf = new Int32Array(rows.length);
    this.versioned = new Uint8Array(rows.length);
    this.clockEvents = new Array<ClockEvent | undefined>(rows.length);
    const typeIndex = new Map<string, number>();
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      this.recordedAt[i] = row.recordedAt;
      let t = typeIndex.get(row.type);
      if (t === undefined) {
        typeIndex.set(row.type, (t = this.typeNames.length));
        this.typeNames.push(row.type);
      }
      this.typeOf[i] = t;
      this.versioned[i] = row.changes || row.deleted ? 1 : 0;
      const own = this.rowsByChild.get(row.childId);
      if (own) own.push(i);
      else this.rowsByChild.set(row.childId, [i]);
      const earliest = row.changes ? earliestOf(row) : row.occurredOn;
      let day = midnight.get(earliest);
      if (day === undefined) midnight.set(earliest, (day = Date.parse(earliest)));
      if (row.changes || row.recordedAt >= day + 23 * 3600_000) this.late.push({ row, earliest, lastChange: lastChangeOf(row) });
      if (this.earliestRead === null || row.occurredOn < this.earliestRead) this.earliestRead = row.occurredOn;
    }
    const recorded = this.recordedAt;
    for (const own of this.rowsByChild.values()) own.sort((a, b) => recorded[a]! - recorded[b]! || a - b);
  }

  /** The day of the earliest event read, in its version now (null when none was). */
  earliestDay(): string | null {
    return this.earliestRead;
  }

  /**
   * The children whose journal as known at the end of `day` differs from it now in a way that can
   * move a figure about a day up to then: an event that happened by then but was recorded after it
   * (late recording), or one changed or deleted after it. Facts that happened after the day and were
   * recorded after it do not change what was due or done by it.
   */
  changedSince(day: string): Set<string> {
    return this.changedSinceEach([day]).get(day)!;
  }

  /**
   * changedSince for many days in one pass of the late rows (24 passes were 2% of the 24 months): a row
   * recorded late changes the days from the one it happened on to the last that ended before it was
   * recorded, and a row changed every day that ended before its last change.
   */
  changedSinceEach(days: readonly string[]): Map<string, Set<string>> {
    const sorted = [...new Set(days)].sort();
    const cutoffs = sorted.map(endOfDay);
    const sets = sorted.map(() => new Set<string>());
    // The number of days whose end is at or before `at` (the cutoffs rise with the days).
    const endedBy = (at: number) => {
      let lo = 0;
      let hi = cutoffs.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cutoffs[mid]! <= at) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    for (const { row, earliest, lastChange } of this.late) {
      const changed = lastChange === -Infinity ? 0 : endedBy(lastChange);
      for (let i = 0; i < changed; i++) sets[i]!.add(row.childId);
      const recorded = endedBy(row.recordedAt);
      for (let i = changed; i < recorded; i++) if (earliest <= sorted[i]!) sets[i]!.add(row.childId);
    }
    return new Map(sorted.map((day, i) => [day, sets[i]!]));
  }

  /**
   * The facts of `children` as recorded by the end of `day`: their journal as it then stood, and their
   * clocks derived again from it by the same engine and rules as the due list.
   */
  knownOf(children: ReadonlySet<string>, day: string, derivation: ClockDerivation): KnownFacts {
    const { rules, settings, school, milestones } = derivation;
    const cutoff = endOfDay(day);
    // Events of other types change no clock of these rules (src/clocks/engine.ts): not put to the engine.
    const types = new Set(rules.flatMap(eventTypesOf));
    const clockType = Uint8Array.from(this.typeNames, (t) => (types.has(t) ? 1 : 0));
    // The rows as they are now, by their place in the journal's order: put in date order by sorting
    // numbers, not by comparing dates and ids (1.8 million facts over the 24 months); the few earlier
    // versions are merged in after.
    const ranks: number[] = [];
    const versions = new Map<string, JournalFact[]>();
    const clocksByRule = new Map<string, ClockFact[]>();
    for (const childId of children) {
      const events: ClockEvent[] = [];
      for (const i of this.rowsByChild.get(childId) ?? []) {
        // In the order recorded: the rows after this one were recorded after the day too.
        if (this.recordedAt[i]! >= cutoff) break;
        if (!this.versioned[i]) {
          ranks.push(this.rank[i]!);
          if (clockType[this.typeOf[i]!]) events.push(this.clockEventOf(i));
          continue;
        }
        const row = this.rows[i]!;
        const fact = factAt(row, cutoff);
        if (!fact) continue;
        if (fact === row) ranks.push(this.rank[i]!);
        else {
          const list = versions.get(fact.type);
          if (list) list.push(fact);
          else versions.set(fact.type, [fact]);
        }
        if (types.has(fact.type)) events.push(fact === row ? this.clockEventOf(i) : { id: fact.id, type: fact.type, occurredOn: fact.occurredOn, scopeId: fact.scopeId, recordedAt: row.recordedAt });
      }
      for (const m of milestones.get(childId) ?? []) if (types.has(m.type)) events.push(m);
      for (const c of deriveClocks(events, rules, settings, school)) {
        const clock = { childId, ruleId: c.ruleId, scopeId: c.scopeId, startedOn: c.startedOn, dueOn: c.dueOn, metOn: c.metOn, stoppedOn: c.stoppedOn };
        const list = clocksByRule.get(c.ruleId);
        if (list) list.push(clock);
        else clocksByRule.set(c.ruleId, [clock]);
      }
    }
    // Each rule's clocks by due date (those due the same day in the order derived), as the measures
    // group them (groupClocksByRule then finds them in order and sorts nothing): sorted by numbers here.
    const clocks = [...clocksByRule.values()].flatMap(byDueDate);
    return { byType: this.inJournalOrder(ranks, versions), clocks };
  }

  /** Row `i` as the clock engine reads it: the recorded time orders a day's events of one phase (src/clocks/engine.ts), as on the record. */
  private clockEventOf(i: number): ClockEvent {
    let event = this.clockEvents[i];
    if (!event) {
      const row = this.rows[i]!;
      event = this.clockEvents[i] = { id: row.id, type: row.type, occurredOn: row.occurredOn, scopeId: row.scopeId, recordedAt: row.recordedAt };
    }
    return event;
  }

  /** The facts by type in date order: the rows of `ranks`, with the earlier versions merged in. */
  private inJournalOrder(ranks: number[], versions: ReadonlyMap<string, JournalFact[]>): Map<string, readonly JournalFact[]> {
    const ordered = Int32Array.from(ranks).sort();
    const byRank = this.byRank();
    const byType = new Map<string, JournalFact[]>();
    let list: JournalFact[] = [];
    for (const r of ordered) {
      const row = byRank[r]!;
      if (list.length === 0 || list[0]!.type !== row.type) {
        list = [];
        byType.set(row.type, list);
      }
      list.push(row);
    }
    for (const [type, earlier] of versions) byType.set(type, mergeInDateOrder(byType.get(type) ?? [], byDate(earlier)));
    return byType;
  }

  private rowsInOrder: JournalRow[] | null = null;
  /** The rows by their place in the journal's order. */
  private byRank(): JournalRow[] {
    if (!this.rowsInOrder) {
      this.rowsInOrder = new Array<JournalRow>(this.rows.length);
      for (let i = 0; i < this.rows.length; i++) this.rowsInOrder[this.rank[i]!] = this.rows[i]!;
    }
    return this.rowsInOrder;
  }
}

/** Each row's place in the journal's order: its index when the rows came in that order (as readJournal reads them), else found by sorting once. */
function ranksOf(rows: readonly JournalRow[]): Int32Array {
  const rank = new Int32Array(rows.length);
  // Each type's rows together, each in date order (the order of the types themselves is the database's collation's).
  const typesSeen = new Set<string>();
  let inOrder = true;
  for (let i = 0; i < rows.length && inOrder; i++) {
    const row = rows[i]!;
    const before = rows[i - 1];
    if (before && before.type === row.type) inOrder = inDateOrder(before, row) < 0;
    else inOrder = !typesSeen.has(row.type);
    typesSeen.add(row.type);
  }
  if (inOrder) for (let i = 0; i < rows.length; i++) rank[i] = i;
  else [...rows.keys()].sort((a, b) => inJournalOrder(rows[a]!, rows[b]!)).forEach((row, place) => (rank[row] = place));
  return rank;
}

/** An ISO day as a number in the same order. */
const dayNumber = (day: string) => {
  const digit = (i: number) => day.charCodeAt(i) - 48;
  const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  return (year * 16 + digit(5) * 10 + digit(6)) * 32 + digit(8) * 10 + digit(9);
};

/** Clocks by due date, those due the same day in the order given (a stable sort, of numbers: the day, then the place). */
function byDueDate(clocks: readonly ClockFact[]): ClockFact[] {
  const place = 2 ** 22;
  if (clocks.length >= place) return [...clocks].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  const keys = Float64Array.from(clocks, (c, i) => dayNumber(c.dueOn) * place + i).sort();
  return Array.from(keys, (k) => clocks[k % place]!);
}

/** Two lists in date order as one. */
function mergeInDateOrder(a: readonly JournalFact[], b: readonly JournalFact[]): JournalFact[] {
  const merged: JournalFact[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) merged.push(inDateOrder(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) merged.push(a[i++]!);
  while (j < b.length) merged.push(b[j++]!);
  return merged;
}
