// The adoption part of the measure catalogue (issue 9, decision 0038): adoptions and special
// guardianship orders, the adoption scorecard's timings A1, A2 and A10 as averages of days over the
// children adopted in the period, and the match's timeliness on the due list's clock.
import { addMonths, daysBetween } from '../../calendar/index.ts';
import { ADOPTION_THRESHOLDS } from '../../permanence/timings.ts';
import { eventsIn, eventsOf, inPeriod, sortedIn, sumOfAmounts, type Counted, type MeasureFacts, type Period } from '../counting.ts';
import type { JournalFact } from '../facts.ts';
import { CARE, careSpans, PLACEMENT, placementOn, WITH_CURRENT_FOSTER_CARERS, withTheseCarersSince } from './care-counting.ts';
import { eventsByChild } from './children-in-care.ts';
import { onTime, type Measure } from './define.ts';

/** SSDA903 REC: adopted (E11 unopposed, E12 consent dispensed with). */
export const ADOPTED: readonly string[] = ['E11', 'E12'];
/** SSDA903 REC: special guardianship orders (E45-E48). */
export const SPECIAL_GUARDIANSHIP: readonly string[] = ['E45', 'E46', 'E47', 'E48'];
const A10_TITLE = 'Entering care to moving in with the adoptive family, adjusted for foster carer adoptions';

/** Periods of care that ended in the period, with why (SSDA903 REC). */
const endedIn = (f: MeasureFacts, p: Period) =>
  careSpans(f)
    .filter((s) => s.end !== null && inPeriod(s.end, p))
    .map((s) => ({ ...s, end: s.end!, reason: f.details.reasonCeased.get(s.planId) ?? null }));

/** The last event of a type for the child from `from` to `to`. */
const lastIn = (f: MeasureFacts, type: string, childId: string, from: string, to: string): JournalFact | undefined =>
  (eventsByChild(f, type).get(childId) ?? []).filter((e) => e.occurredOn >= from && e.occurredOn <= to).at(-1);

/** The children adopted in the period, each with the day they entered care and moved in with the family that adopted them. */
export function adoptedIn(f: MeasureFacts, p: Period) {
  return endedIn(f, p)
    .filter((s) => s.reason !== null && ADOPTED.includes(s.reason))
    .map((s) => ({ ...s, placed: lastIn(f, 'adoption.placed', s.childId, s.start, s.end)?.occurredOn ?? null }));
}

/** An average of days over the children adopted in the period: each row's amount is the child's days. */
function averageDays(days: (f: MeasureFacts, child: ReturnType<typeof adoptedIn>[number]) => { from: string; to: string; facts: string[] } | null, threshold: number) {
  return (f: MeasureFacts, p: Period): Counted[] =>
    adoptedIn(f, p).flatMap((s) => {
      const span = days(f, s);
      if (!span) return [];
      const amount = Math.max(0, daysBetween(span.from, span.to));
      return [{ childId: s.childId, on: s.end, facts: [...span.facts, `${amount} days`, amount > threshold ? `Over the ${threshold}-day threshold` : `Within the ${threshold}-day threshold`], met: amount <= threshold, amount }];
    });
}

const averageOf = { kind: 'average' as const, when: 'period' as const, numeratorOf: sumOfAmounts, direction: 'lower' as const };

export const ADOPTION: readonly Measure[] = [
  {
    id: 'adoptions',
    group: 'Adoption',
    name: 'Children adopted',
    definition: 'Children who ceased to be looked after in the period because they were adopted.',
    numerator: 'Children adopted in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'Q18 (Newham 28, Wandsworth 8, Southend 24); DfE dashboard (adoptions); SSDA903 REC E11, E12',
    direction: 'neither',
    events: [...CARE],
    details: ['carePeriods'],
    count: (f, p) => adoptedIn(f, p).map((s) => ({ childId: s.childId, on: s.end, facts: [`Looked after from ${s.start}`, `Adopted ${s.end}`], met: true })),
  },
  {
    id: 'adoptions-of-those-leaving-care',
    group: 'Adoption',
    name: 'Adoption as a share of children leaving care',
    definition: 'Of the children who ceased to be looked after in the period, those who were adopted.',
    numerator: 'Children adopted in the period',
    denominator: 'Children who ceased to be looked after in the period',
    kind: 'percentage',
    when: 'period',
    citation: 'Q102 (Wandsworth 16%, 8%, 6%; England 14%); SSDA903 REC',
    direction: 'neither',
    events: [...CARE],
    details: ['carePeriods'],
    count: (f, p) => endedIn(f, p).map((s) => ({ childId: s.childId, on: s.end, facts: [`Ceased to be looked after ${s.end}`, `Reason ${s.reason ?? 'not recorded'}`], met: s.reason !== null && ADOPTED.includes(s.reason) })),
  },
  {
    id: 'special-guardianship-orders',
    group: 'Adoption',
    name: 'Children leaving care on a special guardianship order',
    definition: 'Children who ceased to be looked after in the period because a special guardianship order was made.',
    numerator: 'Children who left care on a special guardianship order in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'Q19 (Newham 24, Wandsworth 19, Southend 19); Q94; SSDA903 REC E45-E48',
    direction: 'neither',
    events: [...CARE],
    details: ['carePeriods'],
    count: (f, p) =>
      endedIn(f, p)
        .filter((s) => s.reason !== null && SPECIAL_GUARDIANSHIP.includes(s.reason))
        .map((s) => ({ childId: s.childId, on: s.end, facts: [`Special guardianship order; left care ${s.end}`], met: true })),
  },
  {
    id: 'adoption-a1',
    group: 'Adoption',
    name: 'A1: days from entering care to moving in with the adoptive family',
    definition: `For the children adopted in the period, the average number of days from the start of the period of care they were adopted from to the day they moved in with the family that adopted them (placed for adoption). The scorecard threshold is ${ADOPTION_THRESHOLDS.A1.days} days.`,
    numerator: 'Days from entering care to moving in, added up over the children',
    denominator: 'Children adopted in the period with the move recorded',
    ...averageOf,
    citation: `Q98 (Southend 386 days, target 426); adoption scorecard A1; ${ADOPTION_THRESHOLDS.A1.source}`,
    events: [...CARE, 'adoption.placed'],
    details: ['carePeriods'],
    count: averageDays((_, s) => (s.placed ? { from: s.start, to: s.placed, facts: [`Entered care ${s.start}`, `Moved in with the adoptive family ${s.placed}`] } : null), ADOPTION_THRESHOLDS.A1.days),
  },
  {
    id: 'adoption-a2',
    group: 'Adoption',
    name: 'A2: days from the placement order to the match',
    definition: `For the children adopted in the period under a placement order, the average number of days from the court’s placement order to the agency’s decision on the match. The scorecard threshold is ${ADOPTION_THRESHOLDS.A2.days} days, the same as the due list’s match clock.`,
    numerator: 'Days from the placement order to the match decision, added up over the children',
    denominator: 'Children adopted in the period with a placement order and a match recorded',
    ...averageOf,
    citation: `Q100 (Wandsworth 254 → 224 days, Southend 144 → 119); adoption scorecard A2; ${ADOPTION_THRESHOLDS.A2.source}`,
    events: [...CARE, 'permanence.placement-order', 'adoption.matched', 'adoption.placed'],
    details: ['carePeriods'],
    count: averageDays((f, s) => {
      const until = s.placed ?? s.end;
      const order = lastIn(f, 'permanence.placement-order', s.childId, s.start, until);
      const match = order ? lastIn(f, 'adoption.matched', s.childId, order.occurredOn, until) : undefined;
      return order && match ? { from: order.occurredOn, to: match.occurredOn, facts: [`Placement order ${order.occurredOn}`, `Match decided ${match.occurredOn}`] } : null;
    }, ADOPTION_THRESHOLDS.A2.days),
  },
  {
    id: 'adoption-a10',
    group: 'Adoption',
    name: 'A10: days from entering care to moving in with the adoptive family, adjusted for foster carer adoptions',
    definition: `As A1, but for a child adopted by their foster carers (placed for adoption with their current foster carers: SSDA903 PLACE A3, A5) counted to the day they moved in with those carers. Threshold as A1, ${ADOPTION_THRESHOLDS.A1.days} days.`,
    numerator: 'Days from entering care to moving in with the family who adopted them, added up over the children',
    denominator: 'Children adopted in the period with the move recorded',
    ...averageOf,
    citation: `Adoption scorecard A10 (${A10_TITLE}); Q98; ${ADOPTION_THRESHOLDS.A1.source}`,
    events: [...CARE, 'adoption.placed', ...PLACEMENT],
    details: ['carePeriods', 'placements'],
    count: averageDays((f, s) => {
      if (!s.placed) return null;
      // Placed with their current foster carers (A3, A5): from the day they moved in with those carers.
      const adoptive = placementOn(f, s.childId, s.placed);
      const withCarers = adoptive?.detail && WITH_CURRENT_FOSTER_CARERS.includes(adoptive.detail.type) ? withTheseCarersSince(f, s.childId, s.placed, true) : null;
      const movedIn = withCarers !== null && withCarers >= s.start && withCarers < s.placed ? withCarers : s.placed;
      return { from: s.start, to: movedIn, facts: [`Entered care ${s.start}`, movedIn === s.placed ? `Moved in with the adoptive family ${s.placed}` : `Moved in with the foster carers who adopted them ${movedIn} (placed for adoption ${s.placed})`] };
    }, ADOPTION_THRESHOLDS.A1.days),
  },
  onTime({
    id: 'adoption-matches-on-time',
    group: 'Adoption',
    name: `Matches within ${ADOPTION_THRESHOLDS.A2.days} days of the placement order`,
    definition: `Children with a placement order matched with adopters within ${ADOPTION_THRESHOLDS.A2.days} days (4 months) of it, counted when the match fell due; a plan changed away from adoption stops the clock.`,
    what: 'Matches',
    citation: 'Q100; adoption scorecard A2 threshold (timescales.md AD2); Adoption National Minimum Standards 2011 standard 13',
    clockRule: 'adoption-match',
  }),
  {
    id: 'placed-within-12-months-of-order',
    group: 'Adoption',
    name: 'Children placed for adoption within 12 months of the placement order',
    definition: 'Of the children placed for adoption in the period under a placement order, those placed within 12 months of the order.',
    numerator: 'Children placed within 12 months of the placement order',
    denominator: 'Children placed for adoption in the period with a placement order',
    kind: 'percentage',
    when: 'period',
    citation: 'Q95 (Newham 27 of 28); seed AD-01',
    direction: 'higher',
    events: ['permanence.placement-order', 'adoption.placed'],
    count: (f, p) =>
      sortedIn(eventsOf(f, 'adoption.placed'), (e) => e.occurredOn, p).flatMap((e) => {
          const order = (eventsByChild(f, 'permanence.placement-order').get(e.childId) ?? []).filter((o) => o.occurredOn <= e.occurredOn).at(-1);
          if (!order) return [];
          return [{ childId: e.childId, on: e.occurredOn, facts: [`Placement order ${order.occurredOn}`, `Placed for adoption ${e.occurredOn}`], met: e.occurredOn <= addMonths(order.occurredOn, 12) }];
        }),
  },
  {
    id: 'adoption-disruptions',
    group: 'Adoption',
    name: 'Adoptive placements disrupted',
    definition: 'Placements for adoption that ended (disrupted) before an adoption order, in the period.',
    numerator: 'Disruptions in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'Q114 (Newham 0 in 24 months, Wandsworth 1); seed AD-01',
    direction: 'lower',
    lookBackMonths: 0,
    events: ['adoption.disrupted'],
    count: (f, p) => eventsIn(f, 'adoption.disrupted', p, 'Disrupted'),
  },
];
