// Indicators of seed-requirements §2e-2f the record held but were not yet measures (decision 0050):
// children in care waiting more than 8 weeks for a visit (Q55, from the visit clocks the due list
// shows), their school attendance rate (Q86) and school moves (Q89). Hand-worked examples in
// recorded-indicators.test.ts, each citing its source.
import { addMonths, daysBetween } from '../../calendar/index.ts';
import { groupByChild, sortedIn, clocksOf, eventsOf, type Counted, type MeasureFacts, type Period } from '../counting.ts';
import { CARE, lookedAfterOn } from './care-counting.ts';
import { eventsByChild } from './children-in-care.ts';
import { clockEvents, type Measure } from './define.ts';

/** Q55 (Newham 2014 ¶63): "waited longer than eight weeks for a social worker's visit". */
export const VISIT_WAIT_DAYS = 8 * 7;
/** Q89 (Newham 2014 ¶80): the 2 years school moves are counted over. */
const SCHOOL_MOVES_MONTHS = 24;

const LOOKED_AFTER_VISITS = ['looked-after-visit', 'looked-after-visit-weekly-then-6-weekly', 'looked-after-visit-weekly-then-4-weekly', 'looked-after-visit-care-order-at-home'] as const;

/** Children with a visit clock running on the day, each with the day it started (the placement or their last visit): the latest if more than one runs. */
function visitsRunningOn(f: MeasureFacts, day: string): Map<string, string> {
  const since = new Map<string, string>();
  for (const rule of LOOKED_AFTER_VISITS) {
    for (const c of clocksOf(f, rule)) {
      if (c.startedOn > day || (c.metOn !== null && c.metOn <= day) || (c.stoppedOn !== null && c.stoppedOn <= day)) continue;
      const before = since.get(c.childId);
      if (before === undefined || c.startedOn > before) since.set(c.childId, c.startedOn);
    }
  }
  return since;
}

export const VISITS_AND_SCHOOLING: readonly Measure[] = [
  {
    id: 'looked-after-waiting-for-a-visit',
    group: 'Children in care',
    name: 'Children in care waiting more than 8 weeks for a visit',
    definition:
      'Of the children in care with a visit running on the day (a visit due under their placement’s visiting pattern, as the worker’s due list has it), those not visited for more than 8 weeks: the placement began, or they were last visited, more than 56 days before the day. Whatever the pattern: a child in a settled long-term placement visited 3-monthly is counted too.',
    numerator: 'Children not visited for more than 8 weeks',
    denominator: 'Children in care with a visit running on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q55 (Newham 2014 ¶63: 23 children, 5.5%, waited longer than eight weeks for a social worker’s visit); CPPCR 2010 reg 28 (timescales.md LA4-LA7)',
    clockRule: LOOKED_AFTER_VISITS[0],
    clockRules: LOOKED_AFTER_VISITS,
    countsClocks: 'running',
    direction: 'lower',
    events: clockEvents(...LOOKED_AFTER_VISITS),
    count: (f, p) =>
      [...visitsRunningOn(f, p.to)].map(([childId, since]) => {
        const days = daysBetween(since, p.to);
        return { childId, on: p.to, facts: [`Placed or last visited ${since}`, `${days} days without a visit`], met: days > VISIT_WAIT_DAYS };
      }),
  },
  {
    id: 'looked-after-attendance',
    group: 'Health and education of children in care',
    name: 'School attendance of children in care',
    definition:
      'Of the school sessions possible in the terms recorded in the period for the children looked after on the day, those attended: the sessions of all their terms added up (not an average of the children’s rates).',
    numerator: 'Sessions attended',
    denominator: 'Sessions possible',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q86 (Newham 2014 ¶80: 90% in 2013/14; Southend 2016 ¶69: secondary 91%, Year 7 96% to Year 11 86%); seed ED-06',
    direction: 'higher',
    events: [...CARE, 'attendance.recorded'],
    // Only the terms recorded in the period are counted: the whole record of care, but not every term
    // ever recorded (142,000 on the large council, read for the catalogue as at one day: decision 0064).
    eventLookBackMonths: { 'attendance.recorded': 0 },
    details: ['attendance'],
    count: (f, p) => {
      const terms = groupByChild(sortedIn(eventsOf(f, 'attendance.recorded'), (e) => e.occurredOn, p).filter((e) => e.sourceId !== null && f.details.attendance.has(e.sourceId)));
      return lookedAfterOn(f, p.to).flatMap((s): Counted[] => {
        const own = terms.get(s.childId);
        if (!own) return [];
        const attended = own.reduce((sum, e) => sum + f.details.attendance.get(e.sourceId!)!.attended, 0);
        const possible = own.reduce((sum, e) => sum + f.details.attendance.get(e.sourceId!)!.possible, 0);
        return [{ childId: s.childId, on: own.at(-1)!.occurredOn, facts: [`${attended} of ${possible} sessions over ${own.length} ${own.length === 1 ? 'term' : 'terms'}`], met: true, amount: attended, outOf: possible }];
      });
    },
    numeratorOf: (rows) => rows.reduce((sum, r) => sum + (r.amount ?? 0), 0),
    denominatorOf: (rows) => rows.reduce((sum, r) => sum + (r.outOf ?? 0), 0),
  },
  {
    id: 'looked-after-school-moves',
    group: 'Health and education of children in care',
    name: 'Children in care who attended 2 or more schools in 2 years',
    definition:
      'Of the children looked after on the day with a school recorded in the 2 years to it, those who attended 2 or more schools in those 2 years: the school they were at when the 2 years began, if any, and each school they started at since.',
    numerator: 'Children who attended 2 or more schools in the 2 years',
    denominator: 'Children looked after on the day with a school recorded in the 2 years',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q89 (Newham 2014 ¶80: fewer than 5% of children looked after had 2 or more schools in the past 2 years); seed ED-09 (school moves, 2+ schools in 2 years)',
    direction: 'lower',
    events: [...CARE, 'school.started'],
    count: (f, p) => {
      const since = addMonths(p.to, -SCHOOL_MOVES_MONTHS);
      const schools = eventsByChild(f, 'school.started');
      return lookedAfterOn(f, p.to).flatMap((s): Counted[] => {
        const own = (schools.get(s.childId) ?? []).filter((e) => e.occurredOn <= p.to);
        const started = own.filter((e) => e.occurredOn >= since);
        const heldAtStart = own.some((e) => e.occurredOn < since);
        const count = started.length + (heldAtStart ? 1 : 0);
        if (count === 0) return [];
        return [{ childId: s.childId, on: started.at(-1)?.occurredOn ?? p.to, facts: [`${count} ${count === 1 ? 'school' : 'schools'} since ${since}`, ...started.map((e) => `Started at a school ${e.occurredOn}`)], met: count >= 2 }];
      });
    },
  },
];
