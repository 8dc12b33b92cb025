// The facts as recorded by the end of any day (decision 0027), for many days from one read of the
// journal (decision 0045). The journal is indexed once: each event's lists in date order as it is now,
// and the instant from which its version now was already the one in force ("settled": recorded, and
// changed for the last time). The journal as known on a day is then the events settled by its end,
// in the order they already have, with the few events changed after it put back as they then were:
// a filter of the lists, not a sort of the whole journal again for each of 24 months.
import { deriveClocks, eventTypesOf, type ClockEvent } from '../clocks/engine.ts';
import type { TimescaleRule } from '../clocks/rule.ts';
import { isEventType } from '../chronology/event-types.ts';
import type { SchoolCalendar } from '../calendar/school-terms.ts';
import { byDate, clocksByRuleOf, groupClocksByRule, setClocksByRule } from './counting.ts';
import { endOfDay, toFact, type ClockFact, type EventVersion, type JournalFact, type JournalRow } from './facts.ts';

interface TypeList {
  /** In date order (byDate), as now. */
  facts: JournalFact[];
  /** When each was settled, in the same order (ms). */
  settledAt: Float64Array;
}

interface RowTimes {
  row: JournalRow;
  recordedAt: number;
  /** The last change's time, or -Infinity. */
  lastChange: number;
  /** The earliest day it happened on, now or in an earlier version. */
  earliest: string;
}

/** The journal as it is now, by type, each list in date order: what JournalIndex.now holds, from facts read as they are now (readJournalNow). */
export function journalNow(facts: JournalFact[]): Map<string, readonly JournalFact[]> {
  const byType = new Map<string, JournalFact[]>();
  for (const fact of facts) {
    const list = byType.get(fact.type);
    if (list) list.push(fact);
    else byType.set(fact.type, [fact]);
  }
  for (const list of byType.values()) byDate(list);
  return byType;
}

/** The version of a row in force at `cutoff`: the first change after it kept what it looked like. */
function versionAt(row: JournalRow, cutoff: number): EventVersion {
  return row.changes.find((c) => c.changedAt.getTime() >= cutoff) ?? row.now;
}

export interface KnownFacts {
  byType: Map<string, readonly JournalFact[]>;
  /** The clock table's clocks, with those of children whose journal changed after the day derived again. */
  clocks: readonly ClockFact[];
}

export interface ClockDerivation {
  rules: readonly TimescaleRule[];
  settings: Readonly<Record<string, number>>;
  school: SchoolCalendar;
}

export class JournalIndex {
  /** The journal as corrected since, by type, each list in date order. */
  readonly now = new Map<string, readonly JournalFact[]>();
  private readonly lists = new Map<string, TypeList>();
  private readonly times: RowTimes[];
  private readonly changedRows: RowTimes[];
  private readonly rowsByChild = new Map<string, RowTimes[]>();

  constructor(rows: readonly JournalRow[]) {
    this.times = rows.map((row) => {
      let lastChange = -Infinity;
      let earliest = row.now.occurredOn;
      for (const c of row.changes) {
        lastChange = Math.max(lastChange, c.changedAt.getTime());
        if (c.occurredOn < earliest) earliest = c.occurredOn;
      }
      return { row, recordedAt: row.recordedAt.getTime(), lastChange, earliest };
    });
    this.changedRows = this.times.filter((t) => t.row.changes.length > 0);
    const byType = new Map<string, { fact: JournalFact; settledAt: number }[]>();
    for (const t of this.times) {
      const list = this.rowsByChild.get(t.row.childId);
      if (list) list.push(t);
      else this.rowsByChild.set(t.row.childId, [t]);
      if (t.row.now.deleted) continue;
      const fact = toFact(t.row, t.row.now);
      const entries = byType.get(fact.type) ?? [];
      entries.push({ fact, settledAt: Math.max(t.recordedAt, t.lastChange) });
      byType.set(fact.type, entries);
    }
    for (const [type, entries] of byType) {
      const read = entries.map((e) => e.fact);
      const facts = byDate([...read]);
      // The journal is read in date order (facts.ts): then each settled time is where it was read, and no
      // lookup by event is needed; a list put in order here is matched event by event.
      const inOrder = facts.every((f, i) => f === read[i]);
      const order = inOrder ? null : new Map(entries.map((e) => [e.fact, e.settledAt]));
      this.lists.set(type, { facts, settledAt: order ? Float64Array.from(facts, (f) => order.get(f)!) : Float64Array.from(entries, (e) => e.settledAt) });
      this.now.set(type, facts);
    }
  }

  /** The day of the earliest event read, in any version (null when none was). */
  earliestDay(): string | null {
    let earliest: string | null = null;
    for (const t of this.times) if (earliest === null || t.row.now.occurredOn < earliest) earliest = t.row.now.occurredOn;
    return earliest;
  }

  /** The journal as recorded by the end of `day`, by type, each list in date order (DQ-01, DQ-12). */
  journalKnownOn(day: string): Map<string, readonly JournalFact[]> {
    const cutoff = endOfDay(day);
    const known = new Map<string, JournalFact[]>();
    for (const [type, { facts, settledAt }] of this.lists) {
      const kept: JournalFact[] = [];
      for (let i = 0; i < facts.length; i++) if (settledAt[i]! < cutoff) kept.push(facts[i]!);
      known.set(type, kept);
    }
    // Events recorded by then and changed or deleted since: as they then were.
    const before = new Map<string, JournalFact[]>();
    for (const t of this.changedRows) {
      if (t.recordedAt >= cutoff || t.lastChange < cutoff) continue;
      const version = versionAt(t.row, cutoff);
      if (version.deleted) continue;
      const list = before.get(version.type) ?? [];
      list.push(toFact(t.row, version));
      before.set(version.type, list);
    }
    for (const [type, extra] of before) known.set(type, mergeBy(known.get(type) ?? [], byDate(extra), (a, b) => b.occurredOn < a.occurredOn || (b.occurredOn === a.occurredOn && b.id < a.id)));
    return known;
  }

  /**
   * The children whose journal as known at the end of `day` differs from it now in a way that can
   * move a figure about a day up to then: an event that happened by then but was recorded after it
   * (late recording), or one changed or deleted after it. Facts that happened after the day and were
   * recorded after it do not change what was due or done by it. In the journal's order.
   */
  changedSince(day: string): Set<string> {
    const cutoff = endOfDay(day);
    const children = new Set<string>();
    for (const t of this.times) {
      if ((t.recordedAt >= cutoff && t.earliest <= day) || t.lastChange >= cutoff) children.add(t.row.childId);
    }
    return children;
  }

  /** A child's journal as recorded by the end of `day`, for the clock engine: the events of the types its rules read. */
  private eventsKnownOn(childId: string, cutoff: number, types: ReadonlySet<string>): ClockEvent[] {
    const events: ClockEvent[] = [];
    for (const t of this.rowsByChild.get(childId) ?? []) {
      if (t.recordedAt >= cutoff) continue;
      const v = versionAt(t.row, cutoff);
      if (!v.deleted && types.has(v.type)) events.push({ id: t.row.id, type: v.type, occurredOn: v.occurredOn, scopeId: v.scopeId, recordedAt: t.recordedAt });
    }
    return events;
  }

  /**
   * The facts as recorded by the end of `day`. Clocks of children whose journal changed after it are
   * derived again from their journal as it then stood, by the same engine and rules as the due list;
   * the others' clocks are those in the clock table.
   */
  knownOn(day: string, clocks: readonly ClockFact[], derivation: ClockDerivation): KnownFacts {
    const byType = this.journalKnownOn(day);
    const changed = this.changedSince(day);
    if (changed.size === 0) return { byType, clocks };
    const { rules, settings, school } = derivation;
    // A clock started by a day the record implies (a 16th birthday, school age: src/clocks/milestones.ts)
    // keeps its start as the table has it: the milestone follows from the record as it is now.
    const milestones = new Map<string, ClockEvent[]>();
    const startsOnMilestone = new Map(rules.filter((r) => !r.startsOn.some(isEventType)).map((r) => [r.id, r.startsOn[0]!]));
    if (startsOnMilestone.size > 0) {
      for (const c of clocks) {
        const type = startsOnMilestone.get(c.ruleId);
        if (!type || !changed.has(c.childId)) continue;
        const list = milestones.get(c.childId) ?? [];
        list.push({ id: `milestone:${c.ruleId}:${c.scopeId ?? ''}:${c.startedOn}`, type, occurredOn: c.startedOn, scopeId: c.scopeId });
        milestones.set(c.childId, list);
      }
    }
    const cutoff = endOfDay(day);
    // Events of other types change no clock of these rules (src/clocks/engine.ts): not put to the engine.
    const types = new Set(rules.flatMap(eventTypesOf));
    const derived: ClockFact[] = [];
    for (const childId of changed) {
      const events = [...this.eventsKnownOn(childId, cutoff, types), ...(milestones.get(childId) ?? [])];
      for (const c of deriveClocks(events, rules, settings, school)) {
        derived.push({ childId, ruleId: c.ruleId, scopeId: c.scopeId, startedOn: c.startedOn, dueOn: c.dueOn, metOn: c.metOn, stoppedOn: c.stoppedOn });
      }
    }
    const known = [...clocks.filter((c) => !changed.has(c.childId)), ...derived];
    // Grouped by rule from the table's grouping (made once), less the changed children, with theirs merged
    // in: the order grouping `known` afresh would give (on the same due date, the table's before the derived).
    const table = clocksByRuleOf(clocks);
    const again = groupClocksByRule(derived);
    const byRule = new Map<string, readonly ClockFact[]>();
    for (const ruleId of new Set([...table.keys(), ...again.keys()])) {
      const kept = (table.get(ruleId) ?? []).filter((c) => !changed.has(c.childId));
      byRule.set(ruleId, mergeBy(kept, again.get(ruleId) ?? [], (a, b) => b.dueOn < a.dueOn));
    }
    setClocksByRule(known, byRule);
    return { byType, clocks: known };
  }
}

/** Two lists each in order as one: an item of `b` goes before one of `a` only where `bFirst` says so (ties keep `a` first). */
function mergeBy<T>(a: readonly T[], b: readonly T[], bFirst: (a: T, b: T) => boolean): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(bFirst(a[i]!, b[j]!) ? b[j++]! : a[i++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

