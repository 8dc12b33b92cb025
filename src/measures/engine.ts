// Works out the catalogue's figures for any periods: the facts are read once (a statement for each kind
// of fact the measures asked read, for every period, so 24 months cost what one does), then each measure counts them
// as corrected since (the record now) and, for the children whose record changed after the period, again
// from their facts as recorded by the end of it (DQ-01, DQ-12; decision 0054).
import { TIMESCALE_RULES } from '../clocks/rules.ts';
import type { Db } from '../db/history.ts';
import { RuleBroken } from '../server/errors.ts';
import { loadSettings } from '../settings/council-settings.ts';
import { loadSchoolCalendar } from '../settings/school-terms.ts';
import { addMonths, isIsoDate } from '../calendar/index.ts';
import { MEASURES, rulesOf, type Measure } from './catalogue.ts';
import type { ClocksCounted, SpanTypes } from './catalogue/define.ts';
import { allocationsByChild, teamOn, type Counted, type MeasureFacts, type Period } from './counting.ts';
import type { AllocationFact } from './facts.ts';
import { readAllocations, readAssessments, readBirthDatesEndingRules, readClocks, readDetails, readJournal, readJournalNow, type DetailKind } from './facts.ts';
import { isEventType } from '../chronology/event-types.ts';
import { JournalIndex, journalNow, milestonesOfTable, type KnownFacts } from './known.ts';

export interface Figure {
  measure: Measure;
  period: Period;
  numerator: number;
  /** Null for a count. */
  denominator: number | null;
  /** A percentage (0-100), an average, or the count; null when the denominator is 0. */
  value: number | null;
  rows: Counted[];
}

export interface FigurePair {
  /** As corrected since: the record now. */
  now: Figure;
  /** As recorded by the end of the period; the same as `now` when nothing was recorded or corrected later. */
  known: Figure;
  differs: boolean;
}

export function checkPeriod(p: Period): void {
  if (!isIsoDate(p.from) || !isIsoDate(p.to)) throw new RuleBroken('Give the period’s dates as real dates.', 'from');
  if (p.to < p.from) throw new RuleBroken('The period ends before it starts: give an end date on or after the start date.', 'to');
}

function figureOf(measure: Measure, period: Period, facts: MeasureFacts | readonly Counted[]): Figure {
  const rows = Array.isArray(facts) ? [...(facts as readonly Counted[])] : measure.count(facts as MeasureFacts, period);
  const numerator = measure.numeratorOf ? measure.numeratorOf(rows) : rows.filter((r) => r.met).length;
  if (measure.kind === 'count') return { measure, period, numerator, denominator: null, value: numerator, rows };
  const denominator = measure.denominatorOf ? measure.denominatorOf(rows) : rows.length;
  return { measure, period, numerator, denominator, value: valueOf(measure.kind, numerator, denominator), rows };
}

/** A percentage to one decimal place, or an average to one; null when there is nothing to divide by. */
const valueOf = (kind: 'percentage' | 'average', numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : kind === 'percentage' ? Math.round((1000 * numerator) / denominator) / 10 : Math.round((10 * numerator) / denominator) / 10;

/**
 * The figure of a measure whose rows are not children (workers, households): the rows met over the
 * rows (or the measure's own numerator, a sum of amounts), as a count, a percentage or an average.
 */
export function rowsFigure<M extends { kind: 'percentage' | 'average' | 'count'; numeratorOf?(rows: readonly R[]): number }, R extends { met: boolean }>(measure: M, period: Period, rows: readonly R[]) {
  const numerator = measure.numeratorOf ? measure.numeratorOf(rows) : rows.filter((r) => r.met).length;
  if (measure.kind === 'count') return { measure, period, numerator, denominator: null, value: numerator, rows: [...rows] };
  const denominator = rows.length;
  return { measure, period, numerator, denominator, value: valueOf(measure.kind, numerator, denominator), rows: [...rows] };
}

/** The figure of a measure over some of its rows (one team's). */
export const figureOfRows = (figure: Figure, rows: readonly Counted[]): Figure => figureOf(figure.measure, figure.period, rows);

const sameFigure = (a: Figure, b: Figure) => a.numerator === b.numerator && a.denominator === b.denominator;

export interface FigureRequest {
  periods: readonly Period[];
  measures?: readonly Measure[];
  today: string;
  /**
   * Something more to read about the children counted in the figures as corrected since (a measure's
   * page: their names), read while their allocations are, not after them.
   */
  alongside?(children: readonly string[]): Promise<void>;
  /**
   * False where only the figures are wanted (an improvement plan's "now"), not the teams of the children
   * counted: their allocations are then not read (a scan of the council's allocations on a large one).
   */
  teams?: boolean;
  /** Where a bench asks where the time goes: CPU milliseconds of this process added to each phase's. */
  cpu?: Map<string, number>;
}

export interface Figures {
  /** [period][measure], in the order asked. */
  pairs: FigurePair[][];
  /** The team of the child's allocation on a day (figures by team). */
  teamOf(childId: string, day: string): { id: string | null; name: string };
  /**
   * The allocations read (from a year before the first period): the council's when the whole catalogue was
   * counted (the measures of workers count them too, not read again); for a few measures, those of the
   * children counted that ran on the days of their rows (their teams), unless one of the measures needed the council's.
   */
  allocations: readonly AllocationFact[];
}

/** For each event type counted, the first day its events are needed from (null: the whole record). */
export function countedSince(measures: readonly Measure[], from: string): Map<string, string | null> {
  const since = new Map<string, string | null>();
  for (const m of measures) {
    if (rulesOf(m).length > 0) continue;
    for (const type of m.events) {
      const months = m.eventLookBackMonths?.[type] ?? m.lookBackMonths;
      const day = months === undefined ? null : addMonths(from, -months);
      const before = since.get(type);
      if (before === undefined) since.set(type, day);
      else if (before !== null) since.set(type, day === null || day < before ? day : before);
    }
  }
  return since;
}

/** The figures alone, without the teams of the children counted (`teams: false`). */
export type CountedFigures = Pick<Figures, 'pairs'>;

/**
 * For each event type, the span whose children alone are read for it: where every measure counting the
 * type (not by clocks) counts only the children with that span open in the period (`childrenWith`,
 * decision 0065). A drill-down reads one measure; the catalogue, a type only some measures say so of, whole.
 */
export function childrenWithSpans(measures: readonly Measure[]): Map<string, SpanTypes> {
  const spans = new Map<string, SpanTypes | null>();
  const same = (a: SpanTypes, b: SpanTypes) => a.ended === b.ended && a.started.join() === b.started.join();
  for (const m of measures) {
    if (rulesOf(m).length > 0) continue;
    for (const type of m.events) {
      const own = m.childrenWith ?? null;
      const before = spans.get(type);
      if (before === undefined) spans.set(type, own);
      else if (before !== null && (own === null || !same(before, own))) spans.set(type, null);
    }
  }
  return new Map([...spans].filter((e): e is [string, SpanTypes] => e[1] !== null));
}

/**
 * For each event type, the type of the event in the period whose children alone have its look-back read:
 * where a measure counting the type says every row is a child's event of it in the period
 * (`lookBackOfChildrenWith`, decision 0074) and every other measure counting the type says the same or
 * reads none of it before the period. A drill-down of re-referrals reads the earlier referrals only of
 * the children referred in the period.
 */
export function lookBackOfChildrenWith(measures: readonly Measure[]): Map<string, string> {
  const withTypes = new Map<string, string | null>();
  for (const m of measures) {
    if (rulesOf(m).length > 0) continue;
    for (const type of m.events) {
      const readsBefore = (m.eventLookBackMonths?.[type] ?? m.lookBackMonths) !== 0;
      const own = m.lookBackOfChildrenWith ?? (readsBefore ? null : undefined);
      if (own === undefined) continue;
      const before = withTypes.get(type);
      if (before === undefined) withTypes.set(type, own);
      else if (before !== own) withTypes.set(type, null);
    }
  }
  return new Map([...withTypes].filter((e): e is [string, string] => e[1] !== null));
}

/**
 * For each rule, the clocks its measures count (`countsClocks`, decision 0075): due in a period, running on
 * a period's last day, or both; a rule some measure asked says nothing of is left out (every clock read).
 */
export function clocksCountedByRule(measures: readonly Measure[]): Map<string, ReadonlySet<ClocksCounted>> {
  const counted = new Map<string, Set<ClocksCounted> | null>();
  for (const m of measures) {
    for (const rule of rulesOf(m)) {
      const before = counted.get(rule);
      if (before === null) continue;
      if (!m.countsClocks) counted.set(rule, null);
      else counted.set(rule, new Set([...(before ?? []), m.countsClocks]));
    }
  }
  return new Map([...counted].filter((e): e is [string, Set<ClocksCounted>] => e[1] !== null));
}

/** Figures of every measure asked for every period. */
export async function computeFigures(db: Db, request: FigureRequest & { teams: false }): Promise<CountedFigures>;
export async function computeFigures(db: Db, request: FigureRequest): Promise<Figures>;
export async function computeFigures(db: Db, request: FigureRequest): Promise<Figures | CountedFigures> {
  const measures = request.measures ?? MEASURES;
  for (const p of request.periods) checkPeriod(p);
  const from = request.periods.reduce((m, p) => (p.from < m ? p.from : m), request.periods[0]!.from);
  const until = request.periods.reduce((m, p) => (p.to > m ? p.to : m), request.periods[0]!.to);
  const ruleIds = [...new Set(measures.flatMap(rulesOf))];
  const rules = TIMESCALE_RULES.filter((r) => ruleIds.includes(r.id));
  const detailKinds = new Set<DetailKind>(measures.flatMap((m) => m.details ?? []));
  // The record now is read the same way for any period: each counted type from its look-back on, the
  // events that only meet clocks not at all (the clock table's clocks are counted), and the clocks stopped
  // unmet before the first period left out (decision 0047).
  const nowTypes = [...new Set(measures.flatMap((m) => (rulesOf(m).length === 0 ? m.events : [])))];
  const since = countedSince(measures, from);
  // As recorded by the end of each past day: every version of the journal of the children whose record
  // changed after one of the days (decision 0061), and the clocks whose start is a day the record
  // implies (milestones: the clocks derived again start on them as the table's do).
  const pastDays = request.periods.filter((p) => p.to < request.today).map((p) => p.to);
  const late = pastDays.length === 0 ? null : pastDays;
  const types = [...new Set(measures.flatMap((m) => m.events))];
  const milestoneRules = rules.filter((r) => !r.startsOn.some(isEventType)).map((r) => r.id);
  // A few measures asked (a drill-down): the council's allocations are read only if one of them counts
  // with them (a child's social workers); otherwise only those of the children counted, for their teams.
  const allocationsFirst = request.measures === undefined;
  const { mark, spent } = cpuPhases(request.cpu);
  let phaseFrom = mark();
  const [facts, lateRows, clocks, milestoneClocks, everyAllocation, assessments, settings, school, details, birthDates] = await Promise.all([
    readJournalNow(db, nowTypes, until, since, { from, spans: childrenWithSpans(measures), eventIn: lookBackOfChildrenWith(measures) }),
    late ? readJournal(db, types, until, late) : null,
    readClocks(db, ruleIds, from, until, true, { rules: clocksCountedByRule(measures), ends: request.periods.map((p) => p.to) }),
    late ? readClocks(db, milestoneRules, from, until) : [],
    allocationsFirst ? readAllocations(db, from, until) : null,
    measures.some((m) => m.assessments) ? readAssessments(db, from, until) : [],
    loadSettings(db),
    loadSchoolCalendar(db),
    readDetails(db, detailKinds, since),
    late ? readBirthDatesEndingRules(db, rules) : new Map<string, string>(),
  ]);
  phaseFrom = spent('reading', phaseFrom);
  const index = lateRows ? new JournalIndex(lateRows) : null;
  spent('the journal index', phaseFrom);
  const earliestOf = (day: string | null, other: string | null) => (day === null || (other !== null && other < day) ? other : day);
  const earliest = earliestOf(
    facts.reduce<string | null>((m, f) => (m === null || f.occurredOn < m ? f.occurredOn : m), null),
    index ? index.earliestDay() : null,
  );
  if (earliest !== null && from < earliest && request.periods.every((p) => p.to < earliest)) {
    throw new RuleBroken(`Lantern’s records of these facts begin on ${earliest}: choose a period that ends on or after it.`, 'from');
  }

  const nowByType = journalNow(facts);
  // As recorded by the end of each past day: the children whose facts then differ, and those facts. Worked
  // out once for a day, even when the measures are counted again with the allocations.
  const derivation = index ? { rules, settings, school, milestones: milestonesOfTable(milestoneClocks, rules, birthDates) } : null;
  const knownOn = new Map<string, { children: ReadonlySet<string>; facts: KnownFacts } | null>();
  const changedOn = index ? index.changedSinceEach(pastDays) : null;
  const knownDay = (day: string) => {
    if (!index || !derivation || !changedOn) return null;
    if (!knownOn.has(day)) {
      const children = changedOn.get(day)!;
      const at = mark();
      knownOn.set(day, children.size === 0 ? null : { children, facts: index.knownOf(children, day, derivation) });
      spent('the changed children’s facts as recorded then', at);
    }
    return knownOn.get(day)!;
  };
  const countAll = (allocations: readonly AllocationFact[] | null) => {
    const factsOf = (byType: MeasureFacts['byType'], clocks: MeasureFacts['clocks'], children?: ReadonlySet<string>): MeasureFacts => {
      const own = <T extends { childId: string }>(list: readonly T[]) => (children ? list.filter((x) => children.has(x.childId)) : list);
      const ofChildren = allocations ? own(allocations) : null;
      const base = { assessments: own(assessments), details, settings, today: request.today };
      return ofChildren ? { ...base, allocations: ofChildren, allocationsByChild: allocationsByChild(ofChildren), byType, clocks } : withoutAllocations(base, byType, clocks);
    };
    const now = factsOf(nowByType, clocks);
    return request.periods.map((period) => {
      const known = period.to < request.today ? knownDay(period.to) : null;
      // The children whose facts differ as recorded then are counted again from those facts; every other
      // child's rows are the record now's (a figure of a period reads nothing after its last day).
      const then = known ? { children: known.children, facts: factsOf(known.facts.byType, known.facts.clocks, known.children) } : null;
      return measures.map((measure) => {
        const at = mark();
        const current = figureOf(measure, period, now);
        const counted = spent('counting the record now', at);
        if (!then) return { now: current, known: current, differs: false };
        const rows = [...current.rows.filter((r) => !then.children.has(r.childId)), ...measure.count(then.facts, period)];
        const asKnown = figureOf(measure, period, rows);
        spent('counting the changed children again', counted);
        return { now: current, known: asKnown, differs: !sameFigure(current, asKnown) };
      });
    });
  };
  let allocations = everyAllocation;
  let pairs: FigurePair[][];
  try {
    pairs = countAll(allocations);
  } catch (error) {
    if (!(error instanceof AllocationsNeeded)) throw error;
    allocations = await readAllocations(db, from, until);
    pairs = countAll(allocations);
  }
  const countedNow = new Set<string>();
  if (request.alongside) for (const row of pairs) for (const pair of row) for (const r of pair.now.rows) countedNow.add(r.childId);
  const alongside = request.alongside ? request.alongside([...countedNow]) : Promise.resolve();
  if (request.teams === false) {
    await alongside;
    return { pairs };
  }
  if (!allocations) {
    // Only for the teams of the children counted: an allocation that ran on none of their rows' days
    // gives no row its team (teamOn), so only those from the first such day to the last are read (within
    // the year before the period to its end, as before: the same teams, from fewer allocations). Working
    // each row's team out in the statement instead (one per child and day) was slower on the large
    // council: a probe of the allocations for each of 14,339 rows, or a sort of them (decision 0074).
    const counted = new Set<string>();
    let first: string | null = null;
    let last: string | null = null;
    for (const row of pairs) {
      for (const pair of row) {
        for (const figure of [pair.now, pair.known]) {
          for (const r of figure.rows) {
            counted.add(r.childId);
            if (first === null || r.on < first) first = r.on;
            if (last === null || r.on > last) last = r.on;
          }
        }
      }
    }
    const yearBefore = addMonths(from, -12);
    const days = first && last ? { from: first > yearBefore ? first : yearBefore, until: last < until ? last : until } : null;
    [allocations] = await Promise.all([days && days.from <= days.until ? readAllocations(db, days.from, days.until, [...counted], 0) : [], alongside]);
  } else await alongside;
  const byChild = allocationsByChild(allocations);
  return { pairs, teamOf: (childId, day) => teamOn(byChild, childId, day) ?? NOT_ALLOCATED, allocations };
}

const NOT_ALLOCATED = { id: null, name: 'Not allocated to a team' };

/** No time: what a phase is timed from when no one asked for the times. */
const NO_TIME: NodeJS.CpuUsage = { user: 0, system: 0 };

/**
 * CPU timers for the phases of computeFigures: `spent` adds the CPU time since a mark to a phase of `cpu`
 * and gives a mark to time the next phase from. Where no one asked (every page), the clock is not read.
 */
function cpuPhases(cpu: Map<string, number> | undefined) {
  if (!cpu) return { mark: () => NO_TIME, spent: (_phase: string, since: NodeJS.CpuUsage) => since };
  return {
    mark: () => process.cpuUsage(),
    spent: (phase: string, since: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(since);
      cpu.set(phase, (cpu.get(phase) ?? 0) + (used.user + used.system) / 1000);
      return process.cpuUsage();
    },
  };
}

/** Thrown where a measure reads the council's allocations from facts counted without them. */
class AllocationsNeeded extends Error {}

/** Facts without the council's allocations: a measure that reads them stops the count, which is then made again with them. */
function withoutAllocations(base: Omit<MeasureFacts, 'byType' | 'clocks' | 'allocations' | 'allocationsByChild'>, byType: MeasureFacts['byType'], clocks: MeasureFacts['clocks']): MeasureFacts {
  const needed = (): never => {
    throw new AllocationsNeeded('The council’s allocations are needed');
  };
  return Object.defineProperties({ ...base, byType, clocks } as MeasureFacts, { allocations: { get: needed, enumerable: false }, allocationsByChild: { get: needed, enumerable: false } });
}

export interface TeamFigure {
  teamId: string | null;
  team: string;
  numerator: number;
  denominator: number | null;
  value: number | null;
}

/** The figure by the team of the child's allocation on the day of the fact that counted them. */
export function byTeam(figure: Figure, teamOf: Figures['teamOf']): TeamFigure[] {
  const groups = new Map<string | null, { name: string; rows: Counted[] }>();
  for (const row of figure.rows) {
    const team = teamOf(row.childId, row.on);
    const group = groups.get(team.id) ?? { name: team.name, rows: [] };
    group.rows.push(row);
    groups.set(team.id, group);
  }
  return [...groups]
    .sort(([, a], [, b]) => a.name.localeCompare(b.name))
    .map(([teamId, { name, rows }]) => {
      const { numerator, denominator, value } = figureOf(figure.measure, figure.period, rows);
      return { teamId, team: name, numerator, denominator, value };
    });
}
