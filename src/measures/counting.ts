// What the catalogue's definitions count with: the facts of one version of the record (as corrected
// since, or as recorded by a day), and small helpers that read them the same way for every measure.
import { addDays, addMonths, daysBetween } from '../calendar/index.ts';
import type { AllocationFact, AssessmentFact, ClockFact, JournalFact, RecordDetails } from './facts.ts';

export interface Period {
  from: string;
  to: string;
}

export interface MeasureFacts {
  /** Journal events by type, each list in date order. */
  byType: ReadonlyMap<string, readonly JournalFact[]>;
  clocks: readonly ClockFact[];
  allocations: readonly AllocationFact[];
  /** The same, by child. */
  allocationsByChild: ReadonlyMap<string, readonly AllocationFact[]>;
  assessments: readonly AssessmentFact[];
  /** What the record says about the events' records (placement type and distance …), as it is now. */
  details: RecordDetails;
  /** The council's settings (the supervision policy's interval). */
  settings: Readonly<Record<string, number>>;
  /** Clocks due after the day before this are not late yet. */
  today: string;
}

/** One child (or one of their plans, clocks or referrals) counted in a figure, with why. */
export interface Counted {
  childId: string;
  /** The day of the fact that put them there: their team is the one allocated on it. */
  on: string;
  facts: string[];
  /** In the numerator (a count counts every row). */
  met: boolean;
  /** What a denominator other than the rows counts (the worker, for an average caseload). */
  key?: string;
  /** What an average adds up (days from entering care to moving in with the adoptive family). */
  amount?: number;
  /** What a rate of amounts is out of (the sessions possible, beside the sessions attended). */
  outOf?: number;
}

/** The sum of the rows' amounts: the numerator of an average of days. */
export const sumOfAmounts = (rows: readonly Counted[]) => rows.reduce((sum, r) => sum + (r.amount ?? 0), 0);

const memos = new WeakMap<MeasureFacts, Map<string, unknown>>();

/** Worked out once per set of facts (the spans of care, say), not again by every measure and month. */
export function memo<T>(f: MeasureFacts, key: string, compute: () => T): T {
  let map = memos.get(f);
  if (!map) {
    map = new Map();
    memos.set(f, map);
  }
  if (!map.has(key)) map.set(key, compute());
  return map.get(key) as T;
}

export const inPeriod = (day: string, p: Period) => day >= p.from && day <= p.to;

export const eventsOf = (f: MeasureFacts, type: string): readonly JournalFact[] => f.byType.get(type) ?? [];

/** By date, then by id on the same day: the order of every list of events. */
export const inDateOrder = (a: JournalFact, b: JournalFact) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.id < b.id ? -1 : 1);

/** Events in date order (by id on the same day). The journal is read in that order already (facts.ts), so a list is only checked, and sorted only when it is not. */
export function byDate(facts: JournalFact[]): JournalFact[] {
  for (let i = 1; i < facts.length; i++) if (inDateOrder(facts[i - 1]!, facts[i]!) > 0) return facts.sort(inDateOrder);
  return facts;
}

/** The first index of a list sorted by `key` whose key is on or after `day`. */
function firstFrom<T>(list: readonly T[], key: (item: T) => string, day: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(list[mid]!) < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The items of a list sorted by `key` whose key falls in the period: found by halving, not by reading them all (24 months read a list 24 times). */
export function sortedIn<T>(list: readonly T[], key: (item: T) => string, p: Period): T[] {
  return list.slice(firstFrom(list, key, p.from), firstFrom(list, key, addDays(p.to, 1)));
}

/** Every event of `type` in the period, one row each (the lists are in date order). */
export function eventsIn(f: MeasureFacts, type: string, p: Period, label: string): Counted[] {
  return sortedIn(eventsOf(f, type), (e) => e.occurredOn, p)
    .map((e) => ({ childId: e.childId, on: e.occurredOn, facts: [`${label} ${e.occurredOn}`], met: true }));
}

const clocksByRule = new WeakMap<readonly ClockFact[], ReadonlyMap<string, readonly ClockFact[]>>();

/** Clocks grouped by rule, each rule's by due date (a stable sort: clocks due the same day keep their order). */
export function groupClocksByRule(clocks: readonly ClockFact[]): Map<string, ClockFact[]> {
  const byRule = new Map<string, ClockFact[]>();
  for (const c of clocks) {
    const list = byRule.get(c.ruleId);
    if (list) list.push(c);
    else byRule.set(c.ruleId, [c]);
  }
  // By due date, so that a period's clocks are found by halving the list (clocksCounted). The table is
  // read in that order (facts.ts): a list is checked, and sorted only when it is not.
  for (const list of byRule.values()) {
    for (let i = 1; i < list.length; i++) {
      if (list[i - 1]!.dueOn > list[i]!.dueOn) {
        list.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
        break;
      }
    }
  }
  return byRule;
}

/** The clocks of a set of facts grouped by rule, once per set (not filtered again by every measure and month). */
export function clocksByRuleOf(clocks: readonly ClockFact[]): ReadonlyMap<string, readonly ClockFact[]> {
  let byRule = clocksByRule.get(clocks);
  if (!byRule) {
    byRule = groupClocksByRule(clocks);
    clocksByRule.set(clocks, byRule);
  }
  return byRule;
}

/** The clocks of one rule, by due date. */
export const clocksOf = (f: MeasureFacts, ruleId: string): readonly ClockFact[] => clocksByRuleOf(f.clocks).get(ruleId) ?? [];

/** The clocks of a rule a timeliness figure counts in the period (see clocksDue). */
export function clocksCounted(f: MeasureFacts, ruleId: string, p: Period): ClockFact[] {
  return sortedIn(clocksOf(f, ruleId), (c) => c.dueOn, p)
    .filter((c) => c.metOn !== null || !(c.stoppedOn !== null && c.stoppedOn <= c.dueOn))
    .filter((c) => c.metOn !== null || c.dueOn < f.today);
}

/**
 * A timeliness figure from the clocks of one rule (the rule that puts the task on the worker's due
 * list): each clock that fell due in the period, on time when met on or before its due date. A clock
 * stopped before it fell due (the plan ended) is not counted; one due today or later and not met is
 * not late yet.
 */
export function clocksDue(f: MeasureFacts, ruleId: string, p: Period): Counted[] {
  return clocksCounted(f, ruleId, p)
    .map((c) => ({
      childId: c.childId,
      on: c.dueOn,
      facts: [`Started ${c.startedOn}`, `Due ${c.dueOn}`, c.metOn ? `Done ${c.metOn}` : 'Not done'],
      met: c.metOn !== null && c.metOn <= c.dueOn,
    }));
}

/** Clocks of a rule running late on the day: due before it, not met or stopped by it. */
export function clocksOverdueOn(f: MeasureFacts, ruleId: string, day: string): Counted[] {
  return clocksOf(f, ruleId)
    .filter((c) => c.startedOn <= day && c.dueOn < day)
    .filter((c) => (c.metOn === null || c.metOn > day) && (c.stoppedOn === null || c.stoppedOn > day))
    .map((c) => ({ childId: c.childId, on: day, facts: [`Started ${c.startedOn}`, `Due ${c.dueOn}`, `${daysBetween(c.dueOn, day)} days overdue`], met: true }));
}

export interface PlanSpan {
  childId: string;
  planId: string;
  start: string;
  end: string | null;
  category: string | null;
}

/** Plans from their start and end events, matched on the plan (the events' scope): made once per set of facts, not by every measure and month. */
export const planSpans = (f: MeasureFacts, started: string | readonly string[], ended: string | readonly string[]): readonly PlanSpan[] =>
  memo(f, `plan-spans:${String(started)}|${String(ended)}`, () => spansOf(f, started, ended));

function spansOf(f: MeasureFacts, started: string | readonly string[], ended: string | readonly string[]): PlanSpan[] {
  const list = (types: string | readonly string[]) => (typeof types === 'string' ? eventsOf(f, types) : types.flatMap((t) => eventsOf(f, t)));
  const ends = new Map<string, string>();
  for (const e of list(ended)) if (e.scopeId && !ends.has(e.scopeId)) ends.set(e.scopeId, e.occurredOn);
  return list(started).map((e) => {
    const end = e.scopeId ? (ends.get(e.scopeId) ?? null) : null;
    return { childId: e.childId, planId: e.scopeId ?? e.id, start: e.occurredOn, end, category: e.category };
  });
}

/** Open on the day: started by it, not ended by it. */
export const openOn = (s: PlanSpan, day: string) => s.start <= day && (s.end === null || s.end > day);

export function groupByChild<T extends { childId: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.childId);
    if (list) list.push(item);
    else map.set(item.childId, [item]);
  }
  return map;
}

/** A child's earlier plans than this one, latest first (spans grouped by child: one pass, not one per plan). */
export function earlierPlans(spans: ReadonlyMap<string, readonly PlanSpan[]>, plan: PlanSpan): PlanSpan[] {
  return (spans.get(plan.childId) ?? []).filter((s) => s.planId !== plan.planId && s.start < plan.start).sort((a, b) => (a.start < b.start ? 1 : -1));
}

/** The allocations to a social worker (not another role), in the order read: picked out once, not again for each period. */
export const socialWorkerAllocations = (f: MeasureFacts): readonly AllocationFact[] => memo(f, 'social-worker-allocations', () => f.allocations.filter((a) => a.role === 'social_worker'));

/** The different social workers who held the child's case in the 12 months to the day. */
export function socialWorkersInYearTo(f: MeasureFacts, childId: string, day: string): number {
  const since = memo(f, `year-before:${day}`, () => addMonths(day, -12));
  const workers = new Set<string>();
  for (const a of f.allocationsByChild.get(childId) ?? []) {
    if (a.role === 'social_worker' && a.fromDate <= day && (a.toDate === null || a.toDate >= since)) workers.add(a.workerId);
  }
  return workers.size;
}

export const allocationsByChild = (allocations: readonly AllocationFact[]) => groupByChild(allocations);

/**
 * The team of the child's allocation on a day: the social worker's (another role's only when no social
 * worker with a team was allocated on it). On a day the case changed hands, two allocations ran on it: the
 * team is the one that holds the child at the end of the day (decision 0074), whatever order they were
 * read in: an allocation running past the day before one that ended on it, then the one started last,
 * then the one recorded last, then the highest id.
 */
export function teamOn(allocations: ReadonlyMap<string, readonly AllocationFact[]>, childId: string, day: string): { id: string; name: string } | null {
  let best: AllocationFact | null = null;
  for (const a of allocations.get(childId) ?? []) {
    if (a.fromDate > day || (a.toDate !== null && a.toDate < day) || !a.teamId) continue;
    if (!best || holdsAtEndOf(day, a, best)) best = a;
  }
  return best && best.teamId ? { id: best.teamId, name: best.teamName ?? 'Team' } : null;
}

/** Whether allocation `a` rather than `b` (both running on the day) gives the child's team on it: see teamOn. */
function holdsAtEndOf(day: string, a: AllocationFact, b: AllocationFact): boolean {
  const social = (x: AllocationFact) => x.role === 'social_worker';
  if (social(a) !== social(b)) return social(a);
  const runsOn = (x: AllocationFact) => x.toDate === null || x.toDate > day;
  if (runsOn(a) !== runsOn(b)) return runsOn(a);
  if (a.fromDate !== b.fromDate) return a.fromDate > b.fromDate;
  if (a.recordedAt !== b.recordedAt) return a.recordedAt > b.recordedAt;
  return a.id > b.id;
}

export const ageInMonths = (from: string, to: string) => {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
};
