// What a measure of the catalogue is (decision 0027), and the one shape every timeliness measure
// takes: shared by each service area's part of the catalogue (help-and-protection.ts,
// children-in-care.ts, adoption.ts, care-leavers.ts), which catalogue.ts puts together.
import { eventTypesOf } from '../../clocks/engine.ts';
import { TIMESCALE_RULES } from '../../clocks/rules.ts';
import { clocksDue, type Counted, type MeasureFacts, type Period } from '../counting.ts';
import type { DetailKind } from '../facts.ts';

export type MeasureKind = 'count' | 'percentage' | 'average';

/** The order the catalogue page shows its groups in. */
export const MEASURE_GROUPS = [
  'Contacts and referrals',
  'Assessment',
  'Section 47 and conferences',
  'Child protection plans',
  'Child in need',
  'Early help',
  'Children in care',
  'Health and education of children in care',
  'Missing from care',
  'Adoption',
  'Care leavers',
  'Private fostering',
  'Workforce',
] as const;

/** What a measure says about itself, whatever it counts (children, workers, households). */
export interface MeasureAbout {
  id: string;
  name: string;
  /** What it counts, in plain English. */
  definition: string;
  numerator: string;
  /** Null for a count. */
  denominator: string | null;
  kind: MeasureKind;
  /** 'period': facts from–to; 'as-at': the position on the last day. */
  when: 'period' | 'as-at';
  citation: string;
  direction: 'higher' | 'lower' | 'neither';
}

export interface Measure extends MeasureAbout {
  group: (typeof MEASURE_GROUPS)[number];
  /** The timescale rule it counts with (src/clocks/rules.ts). */
  clockRule?: string;
  /**
   * Every rule it counts, where one duty is kept by several rules (the visits of regulation 28 follow
   * the placement's pattern): the first is `clockRule`. Left out, `clockRule` alone.
   */
  clockRules?: readonly string[];
  /**
   * Which of its rules' clocks it counts in a period, so that only those are read (decision 0075): `due`,
   * those that fell due in the period (clocksDue, a timeliness measure's own default); `running`, those
   * running on its last day (started by it, neither met nor stopped by it). Left out, every clock read.
   */
  countsClocks?: ClocksCounted;
  /** Journal event types it reads (with a clock rule: the events of its clocks, to derive them as known then). */
  events: readonly string[];
  /**
   * How far before the period it counts its events from, in months: 0 for only the period's own facts,
   * 12 for re-referrals; left out, the whole record (plans open on a day, earlier plans). Not used for a
   * measure with a clock rule, which counts the clock table.
   */
  lookBackMonths?: number;
  /**
   * A shorter look-back for some of its event types than `lookBackMonths` gives them all (in months, as
   * it): the children looked after on the day need every period of care, but only the period's school
   * attendance, or the 12 months' health checks. Left out, every type as `lookBackMonths` (decision 0047).
   */
  eventLookBackMonths?: Readonly<Record<string, number>>;
  /**
   * The spans every row is about (a period of care, a plan), where each row is about a child with such a
   * span open at some time in the period (started by its end, not ended before its start) and is worked
   * out from that child's facts alone: the record now is then read only for those children (every event
   * of theirs of the measure's types, an earlier placement too), not the whole council's (decision 0065).
   * Left out, every child's.
   */
  childrenWith?: SpanTypes;
  /**
   * The event type every row is a child's event of in the period (a referral received): the events
   * before the period (its look-back) are then read only for the children with such an event in it, not
   * the whole council's (decision 0074). Left out, every child's.
   */
  lookBackOfChildrenWith?: string;
  /** It reads the assessments of the referrals received in the period (when the child was seen): read only for a measure that says so. */
  assessments?: boolean;
  /** What else of the record it reads beside the journal (the placement's type and distance …): one statement each, read only when asked. */
  details?: readonly DetailKind[];
  count(f: MeasureFacts, p: Period): Counted[];
  /** When the numerator is not the rows met (an average of days: their sum). */
  numeratorOf?(rows: readonly Counted[]): number;
  /** When the denominator is not the rows counted (an average caseload: the workers holding them). */
  denominatorOf?(rows: readonly Counted[]): number;
}

/** Which clocks of its rules a measure counts in a period (Measure.countsClocks). */
export type ClocksCounted = 'due' | 'running';

/** A span of the journal: from an event of a start type to the first event of the end type with the same scope (planSpans). */
export interface SpanTypes {
  started: readonly string[];
  ended: string;
}

/** Q47, Q48, Q56: three or more social workers. */
export const MANY_WORKERS = 3;

/** Every rule a measure counts. */
export const rulesOf = (m: Measure): readonly string[] => m.clockRules ?? (m.clockRule ? [m.clockRule] : []);

export const clockEvents = (...ruleIds: string[]): string[] => {
  const events = new Set<string>();
  for (const ruleId of ruleIds) {
    const rule = TIMESCALE_RULES.find((r) => r.id === ruleId);
    if (!rule) throw new Error(`No timescale rule ${ruleId}`);
    for (const e of eventTypesOf(rule)) events.add(e);
  }
  return [...events];
};

type OnTime = Omit<Measure, 'kind' | 'when' | 'direction' | 'events' | 'count' | 'numerator' | 'denominator'> & { clockRule: string; what: string };

/** A timeliness measure on a clock rule (or several keeping one duty): one definition shape for all of them. */
export function onTime(m: OnTime & { count?: Measure['count'] }): Measure {
  const { what, ...rest } = m;
  const rules = m.clockRules ?? [m.clockRule];
  return {
    ...rest,
    kind: 'percentage',
    when: 'period',
    direction: 'higher',
    numerator: `${what} done on or before the due date`,
    denominator: `${what} that fell due in the period (not stopped before it fell due)`,
    events: clockEvents(...rules),
    // A timeliness measure counts the clocks that fell due in the period (its own count too: return interviews).
    countsClocks: m.countsClocks ?? 'due',
    count: m.count ?? ((f, p) => rules.flatMap((rule) => clocksDue(f, rule, p))),
  };
}
