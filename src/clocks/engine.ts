// Turns a child's events into clocks. Pure and deterministic: the same events always give the same
// clocks, so a back-dated or corrected record simply re-derives them.
import { addDays, addMonths, addWeeks, addWorkingDays } from '../calendar/index.ts';
import type { DueUnit, TimescaleRule } from './rule.ts';
import { DEFAULT_SCHOOL_CALENDAR, type SchoolCalendar } from '../calendar/school-terms.ts';

export interface ClockEvent {
  id: string;
  type: string;
  occurredOn: string;
  scopeId: string | null;
  /** When it was recorded (ms since 1970), to order events of one day that nothing else orders; none for a derived event. */
  recordedAt?: number;
}

export interface DerivedClock {
  ruleId: string;
  scopeId: string | null;
  startEventId: string;
  startedOn: string;
  dueOn: string;
  metOn: string | null;
  metEventId: string | null;
  stoppedOn: string | null;
}

/** The derived event of a child's birthday at which rules with `endsAtAge` end (src/clocks/milestones.ts). */
export const comingOfAge = (age: number): string => `child.turned-${age}`;

export function dueDate(start: string, unit: DueUnit, amount: number, school: SchoolCalendar = DEFAULT_SCHOOL_CALENDAR): string {
  switch (unit) {
    case 'working_days':
      return addWorkingDays(start, amount);
    case 'days':
      return addDays(start, amount);
    case 'weeks':
      return addWeeks(start, amount);
    case 'months':
      return addMonths(start, amount);
    case 'school_days':
      return school.addSchoolDays(start, amount);
    case 'terms':
      return school.endOfTermsAfter(start, amount);
  }
}

/**
 * The interval in force. A council's setting may shorten a rule, never lengthen it. Where a rule has
 * a distinct repeating interval (`then`), the setting tightens that, and the first due date stays.
 */
export function effectiveAmount(rule: TimescaleRule, settings: Readonly<Record<string, number>>, first: boolean): number {
  const standard = first ? rule.due.amount : (rule.then ?? rule.due).amount;
  const local = rule.councilMayTighten && rule.settingKey ? settings[rule.settingKey] : undefined;
  if (local === undefined || (first && rule.then)) return standard;
  return Math.min(standard, local);
}

/**
 * Orders events by the day they happened. Events on the same day are ordered first by what they do, not
 * by when they were recorded: a clock starts before anything that day can meet it (an assessment
 * completed on the day of the referral is in time), and an ending comes last (a visit on the day a
 * plan ends still counts). Within that, by the journey (`journeyRanks`), then by the time they were
 * recorded (two risk assessments on one day: the later one sets the next review), and by id only
 * when nothing else tells them apart, so the same facts always give the same clocks.
 */
function byOccurrence(rules: readonly TimescaleRule[]): (a: ClockEvent, b: ClockEvent) => number {
  const made = byOccurrenceOf.get(rules);
  if (made) return made;
  const phase = new Map<string, number>();
  for (const rule of rules) {
    for (const type of rule.stoppedBy ?? []) phase.set(type, 2);
  }
  for (const rule of rules) {
    for (const type of rule.satisfiedBy) phase.set(type, 1);
  }
  for (const rule of rules) {
    for (const type of rule.startsOn) phase.set(type, 0);
  }
  // A birthday that ends a duty comes first: from that day nothing of it is owed.
  for (const rule of rules) {
    if (rule.endsAtAge !== undefined) phase.set(comingOfAge(rule.endsAtAge), -1);
  }
  const phaseOf = (event: ClockEvent) => phase.get(event.type) ?? 1;
  const journey = journeyRanks(rules);
  const rankOf = (event: ClockEvent) => journey.get(event.type) ?? 0;
  // Derived events (milestones) carry no recording time: they follow from the record, so come first.
  const recordedOf = (event: ClockEvent) => event.recordedAt ?? -Infinity;
  const compare = (a: ClockEvent, b: ClockEvent) => {
    if (a.occurredOn !== b.occurredOn) return a.occurredOn < b.occurredOn ? -1 : 1;
    const byPhase = phaseOf(a) - phaseOf(b);
    if (byPhase !== 0) return byPhase;
    const byJourney = rankOf(a) - rankOf(b);
    if (byJourney !== 0) return byJourney;
    if (recordedOf(a) !== recordedOf(b)) return recordedOf(a) < recordedOf(b) ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
  byOccurrenceOf.set(rules, compare);
  return compare;
}

/** Made once per set of rules: deriving clocks again for every child would otherwise make it each time. */
const byOccurrenceOf = new WeakMap<readonly TimescaleRule[], (a: ClockEvent, b: ClockEvent) => number>();

/**
 * Each event type's place in the child's journey: an event that starts a timescale comes before one
 * of another type that meets, brings forward or ends it, as the referral comes before the child
 * protection plan that follows it and care begins before the health assessment it calls for. On one
 * day both happened, and in that order, so a plan that starts on the day of its referral brings the
 * management oversight forward to 4 weeks. Read from the rules (the longest chain of such steps before
 * a type), so a new rule orders its own events; a type in no chain is 0.
 */
function journeyRanks(rules: readonly TimescaleRule[]): Map<string, number> {
  const before = new Map<string, Set<string>>(); // type → the types that start what it meets, tightens or ends
  for (const rule of rules) {
    const follows = [...rule.satisfiedBy, ...(rule.tightenedBy ?? []), ...(rule.stoppedBy ?? []), ...(rule.untilFirst?.events ?? [])];
    for (const later of follows) {
      if (rule.startsOn.includes(later)) continue; // a type that starts the rule too (a review that starts the next) has no place after itself
      const set = before.get(later) ?? new Set<string>();
      for (const first of rule.startsOn) set.add(first);
      before.set(later, set);
    }
  }
  const ranks = new Map<string, number>();
  const visiting = new Set<string>();
  const rankOf = (type: string): number => {
    const known = ranks.get(type);
    if (known !== undefined) return known;
    if (visiting.has(type)) throw new Error(`The timescale rules put ${type} before itself in the journey`);
    visiting.add(type);
    let rank = 0;
    for (const first of before.get(type) ?? []) rank = Math.max(rank, rankOf(first) + 1);
    visiting.delete(type);
    ranks.set(type, rank);
    return rank;
  };
  for (const type of before.keys()) rankOf(type);
  return ranks;
}

/** Every event type a rule reads: the events that start, meet, stop, tighten or end its first phase. */
export const eventTypesOf = (rule: TimescaleRule): readonly string[] => [
  ...rule.startsOn,
  ...rule.satisfiedBy,
  ...(rule.stoppedBy ?? []),
  ...(rule.tightenedBy ?? []),
  ...(rule.untilFirst?.events ?? []),
  ...(rule.endsAtAge === undefined ? [] : [comingOfAge(rule.endsAtAge)]),
];

const rulesByTypeOf = new WeakMap<readonly TimescaleRule[], Map<string, TimescaleRule[]>>();

/**
 * For each event type, the rules that read it, in the rules' order: an event of a type a rule does not
 * read changes nothing of that rule's clocks, so it is not put to it (a child's whole history against
 * every rule was most of the work of deriving clocks again for the measures "as known then").
 */
function rulesByType(rules: readonly TimescaleRule[]): Map<string, TimescaleRule[]> {
  let map = rulesByTypeOf.get(rules);
  if (!map) {
    map = new Map();
    for (const rule of rules) {
      for (const type of new Set(eventTypesOf(rule))) {
        const list = map.get(type);
        if (list) list.push(rule);
        else map.set(type, [rule]);
      }
    }
    rulesByTypeOf.set(rules, map);
  }
  return map;
}

export function deriveClocks(
  events: readonly ClockEvent[],
  rules: readonly TimescaleRule[],
  settings: Readonly<Record<string, number>> = {},
  /** The council's term dates, for rules counted in school days or terms. */
  school: SchoolCalendar = DEFAULT_SCHOOL_CALENDAR,
): DerivedClock[] {
  const ordered = [...events].sort(byOccurrence(rules));
  const clocks: DerivedClock[] = [];
  const open = new Map<string, DerivedClock>(); // rule + scope → the clock running for it

  const key = (rule: TimescaleRule, scopeId: string | null) => `${rule.id}|${rule.match === 'scope' ? scopeId : ''}`;
  // The event that started each chain of a recurring clock, and how many clocks it has had.
  const chains = new Map<string, { origin: ClockEvent; count: number }>();
  // Days on which an event that ends a rule's `untilFirst` phase happened, by type, as they are reached.
  const phaseEnds = new Map<string, string[]>();
  const phaseEnded = (rule: TimescaleRule, origin: ClockEvent, by: string) =>
    rule.untilFirst?.events.some((type) => (phaseEnds.get(type) ?? []).some((on) => on >= origin.occurredOn && on <= by)) ?? false;
  const intervalOf = (rule: TimescaleRule, chain: { origin: ClockEvent; count: number }, from: ClockEvent) => {
    const byType = rule.intervalAfter?.[from.type];
    if (byType) {
      const local = byType.settingKey ? settings[byType.settingKey] : undefined;
      return { interval: byType, amount: local === undefined ? byType.amount : Math.min(byType.amount, local) };
    }
    if (rule.untilFirst && phaseEnded(rule, chain.origin, from.occurredOn)) return { interval: rule.untilFirst.interval, amount: rule.untilFirst.interval.amount };
    const settled = rule.settled;
    if (settled && settled.startsOn.includes(chain.origin.type) && from.occurredOn >= dueDate(chain.origin.occurredOn, settled.after.unit, settled.after.amount, school)) {
      return { interval: settled.interval, amount: settled.interval.amount };
    }
    if (chain.count === 0) return { interval: rule.due, amount: effectiveAmount(rule, settings, true) };
    const interval = chain.count >= 2 && rule.thereafter ? rule.thereafter : (rule.then ?? rule.due);
    const local = rule.councilMayTighten && rule.settingKey ? settings[rule.settingKey] : undefined;
    return { interval, amount: local === undefined ? interval.amount : Math.min(interval.amount, local) };
  };
  // The day each rule's duty ended for the child (`endsAtAge`): nothing starts on or after it.
  const ended = new Map<string, string>();
  // `k` is the event's key for the rule (key(rule, event.scopeId)), made once by the caller.
  const start = (rule: TimescaleRule, event: ClockEvent, first: boolean, k: string) => {
    const endedOn = ended.get(rule.id);
    if (endedOn !== undefined && event.occurredOn >= endedOn) return;
    const chain = first || !chains.has(k) ? { origin: event, count: 0 } : chains.get(k)!;
    const { interval, amount } = intervalOf(rule, chain, event);
    chain.count += 1;
    chains.set(k, chain);
    const clock: DerivedClock = {
      ruleId: rule.id,
      scopeId: event.scopeId,
      startEventId: event.id,
      startedOn: event.occurredOn,
      dueOn: dueDate(event.occurredOn, interval.unit, amount, school),
      metOn: null,
      metEventId: null,
      stoppedOn: null,
    };
    clocks.push(clock);
    open.set(k, clock);
  };

  const concerning = rulesByType(rules);
  for (const event of ordered) {
    const concerned = concerning.get(event.type);
    if (!concerned) continue;
    for (const rule of concerned) {
      if (!rule.untilFirst?.events.includes(event.type)) continue;
      // The first such event since a running chain began lengthens (or shortens) the clock now running,
      // unless that clock was already overdue: a weekly visit owed before the first review stays owed.
      for (const [k, clock] of open) {
        const chain = chains.get(k);
        if (clock.ruleId !== rule.id || !chain || event.occurredOn < chain.origin.occurredOn || event.occurredOn > clock.dueOn || phaseEnded(rule, chain.origin, event.occurredOn)) continue;
        clock.dueOn = dueDate(clock.startedOn, rule.untilFirst.interval.unit, rule.untilFirst.interval.amount);
      }
    }
    if (concerned.some((rule) => rule.untilFirst?.events.includes(event.type))) phaseEnds.set(event.type, [...(phaseEnds.get(event.type) ?? []), event.occurredOn]);
    for (const rule of concerned) {
      if (rule.endsAtAge !== undefined && event.type === comingOfAge(rule.endsAtAge)) {
        ended.set(rule.id, event.occurredOn);
        // Whatever the scope: a clock due from the birthday on was never owed to the child; one
        // already overdue was missed while they were a child and stays so.
        for (const [k, clock] of open) {
          if (clock.ruleId !== rule.id || clock.dueOn < event.occurredOn) continue;
          clock.stoppedOn = event.occurredOn;
          open.delete(k);
        }
        continue;
      }
      // The event's key for the rule, made once (the string was most of the engine's garbage when clocks are derived again for 36,000 child-months).
      const k = key(rule, event.scopeId);
      const running = open.get(k);
      if (running && rule.satisfiedBy.includes(event.type)) {
        running.metOn = event.occurredOn;
        running.metEventId = event.id;
        open.delete(k);
        // Met by an event that also ends the chain (stoppedBy too): nothing more is owed.
        if (rule.recurring && !rule.stoppedBy?.includes(event.type)) start(rule, event, false, k);
        continue;
      }
      if (running && rule.tightenedBy?.includes(event.type)) {
        // The interval that follows this kind of event where the rule gives one (a child protection plan
        // brings management oversight forward to 4 weeks), else the rule's first interval.
        const byType = rule.intervalAfter?.[event.type];
        const local = byType?.settingKey ? settings[byType.settingKey] : undefined;
        const sooner = byType
          ? dueDate(event.occurredOn, byType.unit, local === undefined ? byType.amount : Math.min(byType.amount, local), school)
          : dueDate(event.occurredOn, rule.due.unit, rule.due.amount);
        if (sooner < running.dueOn) running.dueOn = sooner;
        continue;
      }
      if (running && rule.stoppedBy?.includes(event.type)) {
        running.stoppedOn = event.occurredOn;
        open.delete(k);
        continue;
      }
      // A later event of the starting kind never restarts a running clock (Southend ¶24-25).
      if (!running && rule.startsOn.includes(event.type)) start(rule, event, true, k);
    }
  }
  return clocks;
}
