// The children-in-care part of the measure catalogue (issue 9, decision 0038): children looked after,
// placement stability and location, reviews and visits, health and education, missing from care,
// private fostering, and the workforce figures over children in care. Timeliness measures count the
// clocks of the rules that drive the due lists (src/clocks/rules.ts).
import { addDays, addMonths } from '../../calendar/index.ts';
import { ageInMonths, clocksCounted, eventsIn, eventsOf, groupByChild, inPeriod, memo, openOn, planSpans, socialWorkerAllocations, socialWorkersInYearTo, sortedIn, type Counted, type MeasureFacts, type Period, type PlanSpan } from '../counting.ts';
import { CARE, careSpansByChild, everyPlacement, IN_CARE, lookedAfterDuring, lookedAfterOn, PLACEMENT, PLACEMENT_STARTS, placementOn, stabilityInYearTo, withTheseCarersSince, yearsAndMonths } from './care-counting.ts';
import { PERSISTENT_ABSENCE_BELOW } from '../../education/codes.ts';
import { attendancePercent } from '../../education/service.ts';
import { MANY_WORKERS, onTime, type Measure } from './define.ts';
import { midSentence } from '../../server/format.ts';

/** DfE: "placed more than 20 miles from home" (seed PS-03; Southend 2016 ¶74). */
export const FAR_FROM_HOME_MILES = 20;
/** Q64 (Wandsworth, Southend): three or more placements in the 12 months. */
export const MANY_PLACEMENTS = 3;
/** The 72 hours of the return interview (timescales.md MI1), in minutes as the missing pages count them. */
const RETURN_INTERVIEW_MINUTES = 72 * 60;
/** Each allocated child discussed in casework supervision at least this often: the council's setting, else 8 weeks (src/supervision/policy.ts, decision 0022). */
export const caseSupervisionDays = (settings: Readonly<Record<string, number>>) => 7 * (settings.caseSupervisionIntervalWeeks ?? 8);

const HEALTH_ASSESSMENTS = ['health-assessment.under-5', 'health-assessment.5-and-over'] as const;
const CARE_PLAN_WRITTEN = ['care-plan.started', 'care-plan.changed'] as const;
const LOOKED_AFTER_VISITS = ['looked-after-visit', 'looked-after-visit-weekly-then-6-weekly', 'looked-after-visit-weekly-then-4-weekly', 'looked-after-visit-care-order-at-home'] as const;
const PRIVATE_FOSTERING = ['private-fostering.notified', 'private-fostering.ended'] as const;

/** The events of a type by child, grouped once per set of facts. */
export const eventsByChild = (f: MeasureFacts, type: string) => memo(f, `events-by-child:${type}`, () => groupByChild(eventsOf(f, type)));

/** An event of `types` for the child in the days (after, to]: the day of the last one, if any. */
function lastOfIn(f: MeasureFacts, types: readonly string[], childId: string, after: string, to: string, keep: (e: { sourceId: string | null }) => boolean = () => true) {
  let last: string | null = null;
  for (const type of types) {
    for (const e of eventsByChild(f, type).get(childId) ?? []) {
      if (e.occurredOn > after && e.occurredOn <= to && keep(e) && (last === null || e.occurredOn > last)) last = e.occurredOn;
    }
  }
  return last;
}

/** The events of a type in the 12 months to the day (after the day a year before, to it), found by halving the list. */
const inTheYearTo = (f: MeasureFacts, type: string, day: string) => sortedIn(eventsOf(f, type), (e) => e.occurredOn, { from: addDays(addMonths(day, -12), 1), to: day });

/** Children looked after on the day who had been for 12 months or more (the SSDA903 OC2 cohort). */
const lookedAfterAYear = (f: MeasureFacts, day: string): readonly PlanSpan[] =>
  memo(f, `looked-after-a-year:${day}`, () => {
    const yearAgo = addMonths(day, -12);
    return lookedAfterOn(f, day).filter((s) => s.start <= yearAgo);
  });

/** An OC2 figure: of the children looked after for 12 months on the day, those with `what` in the 12 months to it. */
function inTheYear(types: readonly string[], label: string, keep?: (f: MeasureFacts) => (e: { sourceId: string | null }) => boolean): (f: MeasureFacts, p: Period) => Counted[] {
  return (f, p) => {
    const since = addMonths(p.to, -12);
    const filter = keep?.(f);
    return lookedAfterAYear(f, p.to).map((s) => {
      const last = lastOfIn(f, types, s.childId, since, p.to, filter);
      return { childId: s.childId, on: p.to, facts: [`Looked after since ${s.start}`, last ? `${label} ${last}` : `No ${midSentence(label)} in the 12 months`], met: last !== null };
    });
  };
}

/** Of the children looked after on the day, those whose placement on it is one of `types` (SSDA903 PLACE). */
function placedIn(id: string, name: string, types: readonly string[], what: string, citation: string): Measure {
  return {
    id,
    group: 'Children in care',
    name,
    definition: `Of the children looked after on the day, those placed ${what} (SSDA903 PLACE ${types.join(', ')}).`,
    numerator: `Children placed ${what}`,
    denominator: 'Children looked after on the day',
    kind: 'percentage',
    when: 'as-at',
    citation,
    direction: 'neither',
    events: [...CARE, ...PLACEMENT],
    childrenWith: IN_CARE,
    details: ['placements'],
    count: (f, p) =>
      lookedAfterOn(f, p.to).map((s) => {
        const type = placementOn(f, s.childId, p.to)?.detail?.type ?? null;
        return { childId: s.childId, on: p.to, facts: [`Looked after since ${s.start}`, type ? `Placement ${type}` : 'No placement recorded'], met: type !== null && types.includes(type) };
      }),
  };
}

/** Exclusions from school of children looked after on the day of the exclusion. */
function excludedInCare(id: string, type: 'exclusion.suspension' | 'exclusion.permanent', name: string, citation: string): Measure {
  return {
    id,
    group: 'Health and education of children in care',
    name,
    definition: `${name} in the period, of children looked after on the day.`,
    numerator: `${type === 'exclusion.permanent' ? 'Permanent exclusions' : 'Suspensions'} of children in care in the period`,
    denominator: null,
    kind: 'count',
    when: 'period',
    citation,
    direction: 'lower',
    events: [...CARE, type],
    eventLookBackMonths: { [type]: 0 },
    count: (f, p) =>
      sortedIn(eventsOf(f, type), (e) => e.occurredOn, p)
        .filter((e) => (careSpansByChild(f).get(e.childId) ?? []).some((c) => openOn(c, e.occurredOn)))
        .map((e) => ({ childId: e.childId, on: e.occurredOn, facts: [`${type === 'exclusion.permanent' ? 'Permanently excluded' : 'Suspended'} ${e.occurredOn}`], met: true })),
  };
}

/** SDQ total difficulties: 17 or more is a cause for concern (the DfE's banding of SSDA903 OC2 scores). */
export const SDQ_CONCERN = 17;
/** SSDA903 REC: moved into independent living, with or without formal support. */
const INDEPENDENT_LIVING: readonly string[] = ['E5', 'E6'];
/** SSDA903 PLACE: fostering for adoption or concurrent planning. */
const FOSTERING_FOR_ADOPTION: readonly string[] = ['U2', 'U5'];

export const CHILDREN_IN_CARE: readonly Measure[] = [
  // --- Children in care --------------------------------------------------------------------------
  {
    id: 'looked-after',
    group: 'Children in care',
    name: 'Children looked after',
    definition: 'Children looked after on the day (a period of care started and not ended by it). A count: Lantern does not hold the council’s child population, so no rate per 10,000.',
    numerator: 'Children looked after on the day',
    denominator: null,
    kind: 'count',
    when: 'as-at',
    citation: 'Q11; DfE children’s social care dashboard (children looked after); SSDA903',
    direction: 'neither',
    events: [...CARE],
    childrenWith: IN_CARE,
    count: (f, p) => lookedAfterOn(f, p.to).map((s) => ({ childId: s.childId, on: s.start, facts: [`Looked after since ${s.start}`], met: true })),
  },
  {
    id: 'started-care',
    group: 'Children in care',
    name: 'Children who started to be looked after',
    definition: 'Periods of care that started in the period.',
    numerator: 'Periods of care started in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'DfE dashboard (children starting to be looked after); SSDA903',
    direction: 'neither',
    lookBackMonths: 0,
    events: ['care.started'],
    count: (f, p) => eventsIn(f, 'care.started', p, 'Started to be looked after'),
  },
  {
    id: 'ceased-care',
    group: 'Children in care',
    name: 'Children who ceased to be looked after',
    definition: 'Periods of care that ended in the period, whatever the reason.',
    numerator: 'Periods of care ended in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'Q20; DfE dashboard (children ceasing to be looked after); SSDA903',
    direction: 'neither',
    lookBackMonths: 0,
    events: ['care.ended'],
    count: (f, p) => eventsIn(f, 'care.ended', p, 'Ceased to be looked after'),
  },
  {
    id: 'previous-period-of-care',
    group: 'Children in care',
    name: 'Children looked after who had been looked after before',
    definition: 'Of the children looked after on the day, those with an earlier period of care that had ended before this one started.',
    numerator: 'Children looked after on the day with an earlier period of care',
    denominator: 'Children looked after on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q54 (Newham 4%); Q20 (returned to be looked after)',
    direction: 'lower',
    events: [...CARE],
    childrenWith: IN_CARE,
    count: (f, p) =>
      lookedAfterOn(f, p.to).map((s) => {
        const earlier = (careSpansByChild(f).get(s.childId) ?? []).filter((o) => o.planId !== s.planId && o.end !== null && o.end <= s.start).sort((a, b) => (a.start < b.start ? 1 : -1))[0];
        return { childId: s.childId, on: s.start, facts: [`Looked after since ${s.start}`, earlier ? `Earlier period ${earlier.start} to ${earlier.end}` : 'No earlier period of care'], met: earlier !== undefined };
      }),
  },
  {
    id: 'three-placements',
    group: 'Children in care',
    name: 'Children looked after with 3 or more placements in 12 months',
    definition: 'Of the children looked after on the day, those who had 3 or more placements in the 12 months to it (placements that ran at any time in those months; temporary moves of 7 days or less are not placements), counted as the child’s record counts them.',
    numerator: 'Children looked after on the day with 3 or more placements in the 12 months',
    denominator: 'Children looked after on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q64 (Wandsworth 13.9%, Southend 9%, England 11%); DfE dashboard (3 or more placements in a year); seed PS-01',
    direction: 'lower',
    events: [...CARE, ...PLACEMENT],
    childrenWith: IN_CARE,
    details: ['placements'],
    count: (f, p) =>
      lookedAfterOn(f, p.to).map((s) => {
        const placements = stabilityInYearTo(f, s.childId, p.to).placements;
        return { childId: s.childId, on: p.to, facts: [`Looked after since ${s.start}`, `${placements} placement${placements === 1 ? '' : 's'} in the 12 months`], met: placements >= MANY_PLACEMENTS };
      }),
  },
  {
    id: 'placement-moves',
    group: 'Children in care',
    name: 'Children looked after who moved placement in 12 months',
    definition: 'Of the children looked after on the day, those who moved placement at least once in the 12 months to it (a placement starting other than on the day care began; temporary moves are not placements).',
    numerator: 'Children who moved placement in the 12 months',
    denominator: 'Children looked after on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q65 (Newham 26.9%); seed PS-01',
    direction: 'lower',
    events: [...CARE, ...PLACEMENT],
    childrenWith: IN_CARE,
    details: ['placements'],
    count: (f, p) =>
      lookedAfterOn(f, p.to).map((s) => {
        const { moves } = stabilityInYearTo(f, s.childId, p.to);
        return { childId: s.childId, on: p.to, facts: [`Looked after since ${s.start}`, `${moves} move${moves === 1 ? '' : 's'} in the 12 months`], met: moves >= 1 };
      }),
  },
  placedIn('placed-in-foster-care', 'Children looked after in foster care', ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'], 'with foster carers', 'Q15 (Newham 299, Wandsworth 145, Southend 205); DfE dashboard (placement types)'),
  placedIn('placed-in-childrens-homes', 'Children looked after in children’s homes', ['K1', 'K2'], 'in a children’s home (secure or subject to the Children’s Homes Regulations)', 'Q13 (Newham 39, Wandsworth 27, Southend 11)'),
  placedIn('placed-with-parents', 'Children looked after placed with parents', ['P1'], 'with a parent or another person with parental responsibility', 'Q16 (Newham 5, Wandsworth 2, Southend 10)'),
  {
    id: 'unaccompanied-looked-after',
    group: 'Children in care',
    name: 'Unaccompanied asylum-seeking children looked after',
    definition: 'Children looked after on the day whose record says they are unaccompanied asylum-seeking children.',
    numerator: 'Unaccompanied asylum-seeking children looked after on the day',
    denominator: null,
    kind: 'count',
    when: 'as-at',
    citation: 'Q17 (Newham 20, Wandsworth 15, Southend 4); SSDA903 UASC',
    direction: 'neither',
    events: [...CARE],
    childrenWith: IN_CARE,
    details: ['people'],
    count: (f, p) =>
      lookedAfterOn(f, p.to)
        .filter((s) => f.details.unaccompanied.has(s.childId))
        .map((s) => ({ childId: s.childId, on: s.start, facts: [`Looked after since ${s.start}`, 'Unaccompanied asylum-seeking child'], met: true })),
  },
  {
    id: 'left-care-to-independent-living',
    group: 'Children in care',
    name: 'Children who left care to live independently',
    definition: 'Children who ceased to be looked after in the period because they moved into independent living, with or without formal support.',
    numerator: 'Children who left care to independent living in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'Q21 (Newham 7, Wandsworth 44, Southend 26); SSDA903 REC E5, E6',
    direction: 'neither',
    events: [...CARE],
    details: ['carePeriods'],
    count: (f, p) =>
      [...careSpansByChild(f).values()]
            .flat()
            .filter((s) => s.end !== null && inPeriod(s.end, p) && INDEPENDENT_LIVING.includes(f.details.reasonCeased.get(s.planId) ?? ''))
            .map((s) => ({ childId: s.childId, on: s.end!, facts: [`Left care ${s.end} to independent living (${f.details.reasonCeased.get(s.planId)})`], met: true })),
  },
  {
    id: 'fostering-for-adoption',
    group: 'Children in care',
    name: 'Fostering for adoption placements',
    definition: 'Placements with foster carers approved as prospective adopters (fostering for adoption or concurrent planning) that started in the period.',
    numerator: 'Fostering for adoption placements started in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'Q109 (Wandsworth 1, Southend 3); seed AD-08; SSDA903 PLACE U2, U5',
    direction: 'neither',
    lookBackMonths: 0,
    events: [...PLACEMENT_STARTS],
    details: ['placements'],
    count: (f, p) =>
      everyPlacement(f)
        .filter((s) => inPeriod(s.start, p) && s.detail !== null && FOSTERING_FOR_ADOPTION.includes(s.detail.type))
        .map((s) => ({ childId: s.childId, on: s.start, facts: [`Placed ${s.start} (${s.detail!.type})`], met: true })),
  },
  {
    id: 'long-term-stability',
    group: 'Children in care',
    name: 'Long-term placement stability',
    definition:
      'Of the children under 16 on the day who had been looked after for 2½ years or more, those who had lived in the same placement (with the same carers) for 2 years or more, or were placed for adoption and had been in that placement and the one before it together for 2 years or more (the DfE definition).',
    numerator: 'Children in the same placement for 2 years or more',
    denominator: 'Children under 16 looked after for 2½ years or more on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q66 (Wandsworth 60.3% → 69.6%); seed PS-02; DfE children looked after in England (long-term stability)',
    direction: 'higher',
    events: [...CARE, ...PLACEMENT],
    childrenWith: IN_CARE,
    details: ['placements', 'people'],
    count: (f, p) =>
      lookedAfterOn(f, p.to)
        .filter((s) => s.start <= addMonths(p.to, -30))
        .filter((s) => {
          const born = f.details.birthDates.get(s.childId);
          return born !== undefined && addMonths(born, 16 * 12) > p.to;
        })
        .map((s) => {
          const since = withTheseCarersSince(f, s.childId, p.to, true);
          const months = since ? ageInMonths(since, p.to) : 0;
          return { childId: s.childId, on: p.to, facts: [`Looked after since ${s.start}`, since ? `In this placement since ${since} (${yearsAndMonths(months)})` : 'No placement recorded'], met: since !== null && since <= addMonths(p.to, -24) };
        }),
  },
  {
    id: 'placed-far-from-home',
    group: 'Children in care',
    name: `Children placed more than ${FAR_FROM_HOME_MILES} miles from home`,
    definition: `Of the children looked after on the day, those whose placement was more than ${FAR_FROM_HOME_MILES} miles (straight line, postcode to postcode) from the home they came into care from. A placement whose distance is not known is in the denominator, not the numerator, and the list says so.`,
    numerator: `Children placed more than ${FAR_FROM_HOME_MILES} miles from home`,
    denominator: 'Children looked after on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q67 (Southend: “most live within 20 miles”); seed PS-03; DfE dashboard (placed more than 20 miles from home); SSDA903 PL_DISTANCE',
    direction: 'lower',
    events: [...CARE, ...PLACEMENT],
    childrenWith: IN_CARE,
    details: ['placements'],
    count: (f, p) =>
      lookedAfterOn(f, p.to).map((s) => {
        const miles = placementOn(f, s.childId, p.to)?.detail?.distanceMiles ?? null;
        return { childId: s.childId, on: p.to, facts: [`Looked after since ${s.start}`, miles === null ? 'Distance not known' : `${miles} miles from home`], met: miles !== null && miles > FAR_FROM_HOME_MILES };
      }),
  },
  {
    id: 'placed-out-of-area',
    group: 'Children in care',
    name: 'Children placed outside the council’s area',
    definition: 'Of the children looked after on the day, those whose placement was outside the council’s area (from the placement’s postcode). A placement whose area is not known is in the denominator, not the numerator.',
    numerator: 'Children placed outside the council’s area',
    denominator: 'Children looked after on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q12 (Newham 72%, Wandsworth 78%, Southend 44.9% or 52%: DQ-07); Q67; seed PS-03; SSDA903 PL_LOCATION',
    direction: 'neither',
    events: [...CARE, ...PLACEMENT],
    childrenWith: IN_CARE,
    details: ['placements'],
    count: (f, p) =>
      lookedAfterOn(f, p.to).map((s) => {
        const inArea = placementOn(f, s.childId, p.to)?.detail?.inCouncilArea ?? null;
        return { childId: s.childId, on: p.to, facts: [`Looked after since ${s.start}`, inArea === null ? 'Area not known' : inArea ? 'In the council’s area' : 'Outside the council’s area'], met: inArea === false };
      }),
  },
  {
    id: 'care-plan-not-updated',
    group: 'Children in care',
    name: 'Care plans not updated in the past year',
    definition: 'Of the children looked after on the day, those whose care plan was neither written nor updated in the 12 months to it.',
    numerator: 'Children looked after whose care plan was not written or updated in the 12 months',
    denominator: 'Children looked after on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q58 (Newham 35%)',
    direction: 'lower',
    events: [...CARE, ...CARE_PLAN_WRITTEN],
    childrenWith: IN_CARE,
    count: (f, p) =>
      lookedAfterOn(f, p.to).map((s) => {
        const last = lastOfIn(f, CARE_PLAN_WRITTEN, s.childId, '0000-01-01', p.to);
        return { childId: s.childId, on: p.to, facts: [`Looked after since ${s.start}`, last ? `Care plan last written or updated ${last}` : 'No care plan'], met: last === null || last <= addMonths(p.to, -12) };
      }),
  },
  onTime({
    id: 'looked-after-reviews-on-time',
    group: 'Children in care',
    name: 'Looked-after reviews on time',
    definition: 'Looked-after reviews held within 20 working days of the child coming into care, the second within 3 months of the first, then within 6 months of the last.',
    what: 'Looked-after reviews',
    citation: 'Q59 (Wandsworth 61% → 91%); CPPCR 2010 reg 33 (timescales.md LA9-LA11)',
    clockRule: 'looked-after-review',
  }),
  onTime({
    id: 'looked-after-visits-on-time',
    group: 'Children in care',
    name: 'Visits to children in care on time',
    definition:
      'Visits to children in care made within the interval their placement’s visiting pattern sets (regulation 28: within a week of a placement, then at most 6-weekly, 3-monthly after the first year of a placement meant to last until 18; weekly until the first review for some placements), as the worker’s due list has them.',
    what: 'Visits',
    citation: 'Q57 (Wandsworth 94%, Southend two thirds); Q55; CPPCR 2010 reg 28 (timescales.md LA4-LA7)',
    clockRule: 'looked-after-visit',
    clockRules: LOOKED_AFTER_VISITS,
  }),
  {
    id: 'iro-challenges',
    group: 'Children in care',
    name: 'Challenges raised by independent reviewing officers',
    definition: 'Challenges (practice or care-planning alerts) IROs raised in the period, and escalations of them.',
    numerator: 'IRO challenges raised or escalated in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'Q60, Q61 (Wandsworth 27 practice and 18 care-planning alerts); seed IR-03',
    direction: 'neither',
    lookBackMonths: 0,
    events: ['iro-challenge.raised', 'iro-challenge.escalated'],
    count: (f, p) => [...eventsIn(f, 'iro-challenge.raised', p, 'Challenge raised'), ...eventsIn(f, 'iro-challenge.escalated', p, 'Challenge escalated')],
  },
  // --- Health and education ------------------------------------------------------------------------
  onTime({
    id: 'initial-health-assessments-on-time',
    group: 'Health and education of children in care',
    name: 'Initial health assessments within 20 working days',
    definition: 'Initial health assessments of children coming into care done within 20 working days of the day they became looked after.',
    what: 'Initial health assessments',
    citation: 'Q71 (Southend 61%); CPPCR 2010 reg 7 (timescales.md LA13)',
    clockRule: 'initial-health-assessment',
  }),
  onTime({
    id: 'review-health-assessments-on-time',
    group: 'Health and education of children in care',
    name: 'Review health assessments on time',
    definition: 'Review health assessments done within 6 months of the last (under 5) or 12 months (5 and over).',
    what: 'Review health assessments',
    citation: 'Q70; CPPCR 2010 reg 7(4) (timescales.md LA14)',
    clockRule: 'review-health-assessment',
  }),
  {
    id: 'health-assessments-up-to-date',
    group: 'Health and education of children in care',
    name: 'Children in care for a year with a health assessment in the year',
    definition: 'Of the children looked after on the day who had been looked after for 12 months or more, those with a health assessment in the 12 months to it.',
    numerator: 'Children with a health assessment in the 12 months',
    denominator: 'Children looked after on the day for 12 months or more',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q70 (Newham 97%, Wandsworth 92%, Southend 92%, England 90%); SSDA903 OC2 (HEALTH_CHECK)',
    direction: 'higher',
    events: [...CARE, ...HEALTH_ASSESSMENTS],
    // The 12 months to the day: the period's first day less 12 months is as far back as any is read.
    eventLookBackMonths: Object.fromEntries(HEALTH_ASSESSMENTS.map((t) => [t, 12])),
    count: inTheYear(HEALTH_ASSESSMENTS, 'Health assessment'),
  },
  {
    id: 'dental-checks',
    group: 'Health and education of children in care',
    name: 'Children in care for a year with a dental check in the year',
    definition: 'Of the children looked after on the day who had been looked after for 12 months or more, those with a dental check in the 12 months to it.',
    numerator: 'Children with a dental check in the 12 months',
    denominator: 'Children looked after on the day for 12 months or more',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q73 (Newham 94%, Wandsworth 84%, England 86%); SSDA903 OC2 (TEETH_CHECK)',
    direction: 'higher',
    events: [...CARE, 'health-check.recorded'],
    eventLookBackMonths: { 'health-check.recorded': 12 },
    details: ['healthChecks'],
    count: inTheYear(['health-check.recorded'], 'Dental check', (f) => (e) => e.sourceId !== null && f.details.healthChecks.get(e.sourceId)?.kind === 'dental'),
  },
  {
    id: 'immunisations-up-to-date',
    group: 'Health and education of children in care',
    name: 'Children in care for a year with immunisations up to date',
    definition: 'Of the children looked after on the day who had been looked after for 12 months or more, those whose last immunisations check in the 12 months to it found them up to date.',
    numerator: 'Children whose immunisations were up to date',
    denominator: 'Children looked after on the day for 12 months or more',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q72 (Newham 95%, Wandsworth 92%, England 88%); SSDA903 OC2 (IMMUNISATIONS)',
    direction: 'higher',
    events: [...CARE, 'health-check.recorded'],
    eventLookBackMonths: { 'health-check.recorded': 12 },
    details: ['healthChecks'],
    count: (f, p) => {
      const checks = groupByChild(inTheYearTo(f, 'health-check.recorded', p.to).filter((e) => e.sourceId !== null && f.details.healthChecks.get(e.sourceId)?.kind === 'immunisations'));
      return lookedAfterAYear(f, p.to).map((s) => {
        const last = checks.get(s.childId)?.at(-1);
        const upToDate = last ? f.details.healthChecks.get(last.sourceId!)?.upToDate === true : false;
        return { childId: s.childId, on: p.to, facts: [`Looked after since ${s.start}`, last ? `Immunisations checked ${last.occurredOn}: ${upToDate ? 'up to date' : 'not up to date'}` : 'No immunisations check in the 12 months'], met: upToDate };
      });
    },
  },
  {
    id: 'sdq-concern',
    group: 'Health and education of children in care',
    name: 'Children in care whose SDQ score is a cause for concern',
    definition: `Of the children looked after on the day for 12 months or more with a strengths and difficulties questionnaire score in the 12 months to it, those whose last score was ${SDQ_CONCERN} or more.`,
    numerator: `Children whose last SDQ score was ${SDQ_CONCERN} or more`,
    denominator: 'Children looked after for 12 months or more with an SDQ score in the 12 months',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q74 (Newham 42 children, 22% of those assessed); SSDA903 OC2 (SDQ_SCORE)',
    direction: 'lower',
    events: [...CARE, 'health-check.recorded'],
    eventLookBackMonths: { 'health-check.recorded': 12 },
    details: ['healthChecks'],
    count: (f, p) => {
      const scores = groupByChild(inTheYearTo(f, 'health-check.recorded', p.to).filter((e) => e.sourceId !== null && f.details.healthChecks.get(e.sourceId)?.sdqScore != null));
      return lookedAfterAYear(f, p.to).flatMap((s) => {
        const last = scores.get(s.childId)?.at(-1);
        if (!last) return [];
        const score = f.details.healthChecks.get(last.sourceId!)!.sdqScore!;
        return [{ childId: s.childId, on: last.occurredOn, facts: [`Looked after since ${s.start}`, `SDQ ${score} on ${last.occurredOn}`], met: score >= SDQ_CONCERN }];
      });
    },
  },
  {
    id: 'persistent-absence',
    group: 'Health and education of children in care',
    name: 'Children in care persistently absent from school',
    definition: `Of the children looked after on the day whose school attendance was recorded for a term in the period, those whose last recorded term’s attendance was below ${PERSISTENT_ABSENCE_BELOW}% of sessions (persistent absence, as the child’s education record flags it).`,
    numerator: 'Children persistently absent in their last recorded term',
    denominator: 'Children looked after on the day with attendance recorded in the period',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q87 (Wandsworth 12.5% → 8.2%, Southend 9.3%); seed ED-06',
    direction: 'lower',
    events: [...CARE, 'attendance.recorded'],
    eventLookBackMonths: { 'attendance.recorded': 0 },
    details: ['attendance'],
    count: (f, p) => {
      const terms = groupByChild(sortedIn(eventsOf(f, 'attendance.recorded'), (e) => e.occurredOn, p).filter((e) => e.sourceId !== null && f.details.attendance.has(e.sourceId)));
      return lookedAfterOn(f, p.to).flatMap((s) => {
        const last = terms.get(s.childId)?.at(-1);
        if (!last) return [];
        const { attended, possible } = f.details.attendance.get(last.sourceId!)!;
        const percent = attendancePercent(attended, possible);
        return [{ childId: s.childId, on: last.occurredOn, facts: [`Attendance ${percent}% (${attended} of ${possible} sessions), term to ${last.occurredOn}`], met: percent < PERSISTENT_ABSENCE_BELOW }];
      });
    },
  },
  excludedInCare('looked-after-suspensions', 'exclusion.suspension', 'Suspensions from school of children in care', 'Q90 (Newham: “few” fixed-term exclusions); seed ED-07'),
  excludedInCare('looked-after-permanent-exclusions', 'exclusion.permanent', 'Permanent exclusions of children in care', 'Q90 (Newham: none in the past year); seed ED-07'),
  onTime({
    id: 'initial-peps-on-time',
    group: 'Health and education of children in care',
    name: 'Personal education plans within 20 school days of care',
    definition: 'Personal education plans in place within 20 school days of a child of school age coming into care (or reaching school age in care).',
    what: 'Initial personal education plans',
    citation: 'DfE 2018 promoting the education of looked-after children (timescales.md LA15); seed ED-01',
    clockRule: 'initial-pep',
  }),
  onTime({
    id: 'pep-reviews-on-time',
    group: 'Health and education of children in care',
    name: 'Personal education plans reviewed each term',
    definition: 'Personal education plans reviewed by the end of the term after the last.',
    what: 'PEP reviews',
    citation: 'DfE 2018 promoting the education of looked-after children (timescales.md LA15); seed ED-01',
    clockRule: 'pep-review',
  }),
  // --- Missing from care ---------------------------------------------------------------------------
  {
    id: 'missing-episodes',
    group: 'Missing from care',
    name: 'Missing episodes',
    definition: 'Times a child went missing or was away without permission in the period (every child the record holds, in care or not).',
    numerator: 'Missing episodes that started in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'Q78 (Wandsworth 370, up from 89: “more accurate reporting”, DQ-19); SSDA903 Missing',
    direction: 'neither',
    lookBackMonths: 0,
    events: ['missing.started'],
    count: (f, p) => eventsIn(f, 'missing.started', p, 'Went missing'),
  },
  {
    id: 'looked-after-missing',
    group: 'Missing from care',
    name: 'Children in care who went missing',
    definition: 'Of the children looked after at any time in the period, those who went missing (or were away without permission) while looked after in it.',
    numerator: 'Children who went missing while looked after in the period',
    denominator: 'Children looked after at any time in the period',
    kind: 'percentage',
    when: 'period',
    citation: 'Q77 (Newham 21 children, 19 placed outside the area); Q79 (Wandsworth 30)',
    direction: 'lower',
    events: [...CARE, 'missing.started'],
    eventLookBackMonths: { 'missing.started': 0 },
    count: (f, p) => {
      const missing = groupByChild(sortedIn(eventsOf(f, 'missing.started'), (e) => e.occurredOn, p));
      const seen = new Set<string>();
      const rows: Counted[] = [];
      for (const s of lookedAfterDuring(f, p.from, p.to)) {
        if (seen.has(s.childId)) continue;
        seen.add(s.childId);
        const spans = careSpansByChild(f).get(s.childId) ?? [];
        const times = (missing.get(s.childId) ?? []).filter((e) => spans.some((c) => openOn(c, e.occurredOn))).map((e) => e.occurredOn);
        rows.push({ childId: s.childId, on: times[0] ?? s.start, facts: [`Looked after from ${s.start}`, times.length ? `Went missing ${times.join(', ')}` : 'Not missing in the period'], met: times.length > 0 });
      }
      return rows;
    },
  },
  onTime({
    id: 'return-interviews-in-time',
    group: 'Missing from care',
    name: 'Return interviews within 72 hours',
    definition:
      'Returns after a child went missing whose independent return interview was done within 72 hours of the return, measured in hours as the missing pages measure them; the returns counted are those the due list holds, in the period their interview fell due (one the child declined is not counted: the offer was made).',
    what: 'Return interviews',
    citation: 'Q79 (Wandsworth: offered, not borne out in the records); seed MI-02; statutory guidance on children who run away or go missing (timescales.md MI1)',
    clockRule: 'return-interview',
    details: ['returnInterviews'],
    count: (f, p) =>
      clocksCounted(f, 'return-interview', p).map((c) => {
        const minutes = c.scopeId ? f.details.returnInterviewMinutes.get(c.scopeId) : undefined;
        const hours = minutes === undefined ? null : Math.round(minutes / 6) / 10;
        const met = c.metOn !== null && (minutes === undefined ? c.metOn <= c.dueOn : minutes <= RETURN_INTERVIEW_MINUTES);
        return { childId: c.childId, on: c.dueOn, facts: [`Returned ${c.startedOn}`, c.metOn ? `Interview ${c.metOn}${hours === null ? '' : ` (${hours} hours after the return)`}` : 'No interview'], met };
      }),
  }),
  // --- Private fostering ---------------------------------------------------------------------------
  {
    id: 'private-fostering-notifications',
    group: 'Private fostering',
    name: 'Private fostering notifications',
    definition: 'Notifications of a proposed or existing private fostering arrangement received in the period.',
    numerator: 'Notifications received in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'Q134 (Newham 14 notifications, 1 arrangement); seed PF-01',
    direction: 'neither',
    lookBackMonths: 0,
    events: ['private-fostering.notified'],
    count: (f, p) => eventsIn(f, 'private-fostering.notified', p, 'Notified'),
  },
  {
    id: 'privately-fostered',
    group: 'Private fostering',
    name: 'Children privately fostered',
    definition: 'Private fostering arrangements notified and not ended (nor found not to be private fostering) by the day.',
    numerator: 'Arrangements open on the day',
    denominator: null,
    kind: 'count',
    when: 'as-at',
    citation: 'Q9 (Newham 25, Wandsworth 7, Southend 5)',
    direction: 'neither',
    events: [...PRIVATE_FOSTERING],
    count: (f, p) =>
      planSpans(f, ...PRIVATE_FOSTERING)
        .filter((s) => openOn(s, p.to))
        .map((s) => ({ childId: s.childId, on: s.start, facts: [`Notified ${s.start}`], met: true })),
  },
  onTime({
    id: 'private-fostering-visits-on-time',
    group: 'Private fostering',
    name: 'Visits to privately fostered children on time',
    definition: 'Visits made within 7 working days of the notification, then at most 6-weekly in the first year and 12-weekly after.',
    what: 'Visits',
    citation: 'Children (Private Arrangements for Fostering) Regulations 2005 regs 4, 7, 8 (timescales.md PF1-PF3); seed PF-02',
    clockRule: 'private-fostering-visit',
  }),
  // --- Workforce -----------------------------------------------------------------------------------
  {
    id: 'looked-after-three-workers',
    group: 'Workforce',
    name: 'Children in care with 3 or more social workers in a year',
    definition: 'Of the children looked after on the day, those who had 3 or more different social workers in the 12 months to it.',
    numerator: 'Children in care with 3 or more social workers in the 12 months',
    denominator: 'Children looked after on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q56 (Newham 26%); seed VI-06, WF-05; DfE dashboard (social worker changes); DQ-45',
    direction: 'lower',
    events: [...CARE],
    childrenWith: IN_CARE,
    count: (f, p) =>
      lookedAfterOn(f, p.to).map((s) => {
        const workers = socialWorkersInYearTo(f, s.childId, p.to);
        return { childId: s.childId, on: p.to, facts: [`Looked after since ${s.start}`, `${workers} social workers in the 12 months`], met: workers >= MANY_WORKERS };
      }),
  },
  {
    id: 'case-supervision-to-policy',
    group: 'Workforce',
    name: 'Children whose case was discussed in supervision to policy',
    definition:
      'Of the children allocated to a social worker on the day, those whose case was discussed in casework supervision within the council’s interval (8 weeks unless set shorter) before it, or who were allocated less than that interval before it and have been discussed since.',
    numerator: 'Children discussed in supervision within the interval',
    denominator: 'Children allocated to a social worker on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Seed WF-06 (frequency against policy, gaps flagged); DQ-22; Wandsworth 2016 rec 4; decision 0022',
    direction: 'higher',
    events: ['supervision.discussed'],
    lookBackMonths: 3,
    count: (f, p) => {
      const days = caseSupervisionDays(f.settings);
      const since = addDays(p.to, -days);
      const discussed = groupByChild(sortedIn(eventsOf(f, 'supervision.discussed'), (e) => e.occurredOn, { from: addDays(since, 1), to: p.to }));
      const seen = new Set<string>();
      const rows: Counted[] = [];
      for (const a of socialWorkerAllocations(f)) {
        if (a.fromDate > p.to || (a.toDate !== null && a.toDate <= p.to) || seen.has(a.childId)) continue;
        seen.add(a.childId);
        const last = discussed.get(a.childId)?.at(-1);
        // Allocated within the interval: not yet owed a discussion; counted only once discussed.
        if (!last && a.fromDate > since) continue;
        rows.push({ childId: a.childId, on: p.to, facts: [`Allocated to ${a.workerName}`, last ? `Discussed in supervision ${last.occurredOn}` : `Not discussed in the ${days / 7} weeks to the day`], met: last !== undefined });
      }
      return rows;
    },
  },
];
