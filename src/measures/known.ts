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
import { byDate } from './counting.ts';
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

export class JournalIndex {
  private readonly rowsByChild = new Map<string, JournalRow[]>();
  /** The rows that can make a child's journal differ on some day: recorded after the day they happened, or changed since. */
  private readonly late: { row: JournalRow; earliest: string; lastChange: number }[] = [];
  private earliestRead: string | null = null;

  constructor(rows: readonly JournalRow[]) {
    // Midnight (UTC) of each day read: a row recorded before 23:00 UTC of the day it happened is not
    // late for any day (the end of a day in London is 23:00 or 24:00 UTC), so changedSince never reads it.
    const midnight = new Map<string, number>();
    for (const row of rows) {
      const own = this.rowsByChild.get(row.childId);
      if (own) own.push(row);
      else this.rowsByChild.set(row.childId, [row]);
      const earliest = row.changes ? earliestOf(row) : row.occurredOn;
      let day = midnight.get(earliest);
      if (day === undefined) midnight.set(earliest, (day = Date.parse(earliest)));
      if (row.changes || row.recordedAt >= day + 23 * 3600_000) this.late.push({ row, earliest, lastChange: lastChangeOf(row) });
      if (this.earliestRead === null || row.occurredOn < this.earliestRead) this.earliestRead = row.occurredOn;
    }
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
    const byType = new Map<string, JournalFact[]>();
    const clocks: ClockFact[] = [];
    for (const childId of children) {
      const events: ClockEvent[] = [];
      for (const row of this.rowsByChild.get(childId) ?? []) {
        const fact = row.recordedAt < cutoff ? factAt(row, cutoff) : null;
        if (!fact) continue;
        const list = byType.get(fact.type);
        if (list) list.push(fact);
        else byType.set(fact.type, [fact]);
        // The recorded time orders a day's events of one phase (src/clocks/engine.ts), as on the record.
        if (types.has(fact.type)) events.push({ id: fact.id, type: fact.type, occurredOn: fact.occurredOn, scopeId: fact.scopeId, recordedAt: row.recordedAt });
      }
      for (const m of milestones.get(childId) ?? []) if (types.has(m.type)) events.push(m);
      for (const c of deriveClocks(events, rules, settings, school)) {
        clocks.push({ childId, ruleId: c.ruleId, scopeId: c.scopeId, startedOn: c.startedOn, dueOn: c.dueOn, metOn: c.metOn, stoppedOn: c.stoppedOn });
      }
    }
    for (const list of byType.values()) byDate(list);
    return { byType, clocks };
  }
}
