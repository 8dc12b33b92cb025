// The help-and-protection part of the measure catalogue (issue 9, decision 0027): contacts and
// referrals, assessment, section 47 and conferences, child protection plans, children in need, early
// help, and the workforce figures counted over those children.
import { addMonths, daysBetween } from '../../calendar/index.ts';
import {
  ageInMonths,
  clocksOverdueOn,
  earlierPlans,
  eventsIn,
  groupByChild,
  eventsOf,
  inPeriod,
  memo,
  openOn,
  planSpans,
  socialWorkerAllocations,
  socialWorkersInYearTo,
  sortedIn,
  type Counted,
  type MeasureFacts,
  type Period,
} from '../counting.ts';
import { clockEvents, MANY_WORKERS, onTime, type Measure, type SpanTypes } from './define.ts';

const CP_PLAN = ['cp-plan.started', 'cp-plan.ended'] as const;
const CIN_PLAN = ['cin-plan.started', 'cin-plan.ended'] as const;
/** An early help episode starts as such or by a step down; it ends closed or stepped up. */
const EARLY_HELP_STARTS = ['early-help.started', 'early-help.stepped-down'] as const;
const EARLY_HELP_ENDS = ['early-help.closed', 'early-help.stepped-up'] as const;
/** Q27: the worst cases found took 10, 12 and 24 days to see the child; Lantern counts within a week. */
export const CHILD_SEEN_DAYS = 7;

const plansOpenOn = (f: MeasureFacts, day: string) => planSpans(f, ...CP_PLAN).filter((s) => openOn(s, day));
/** A measure of the plans open on the day counts only children with a plan open in the period (decision 0065). */
const ON_A_PLAN: SpanTypes = { started: ['cp-plan.started'], ended: 'cp-plan.ended' };

/** Children on a plan on the day whose previous plan ended within `months` before this one started (Q44). */
function repeatWithin(months: number): (f: MeasureFacts, p: Period) => Counted[] {
  return (f, p) => {
    const spans = planSpans(f, ...CP_PLAN);
    const byChild = groupByChild(spans);
    return spans
      .filter((s) => openOn(s, p.to))
      .map((s) => {
        const previous = earlierPlans(byChild, s)[0];
        const recent = previous?.end != null && previous.end >= addMonths(s.start, -months);
        return {
          childId: s.childId,
          on: s.start,
          facts: [`Plan started ${s.start}`, previous ? `Previous plan ${previous.start} to ${previous.end ?? 'still open'}` : 'No previous plan'],
          met: recent,
        };
      });
  };
}

export const HELP_AND_PROTECTION: readonly Measure[] = [
  // --- Contacts and referrals -------------------------------------------------------------------
  {
    id: 'contacts',
    group: 'Contacts and referrals',
    name: 'Contacts received',
    definition: 'Contacts about a child known to Lantern received in the period (a contact about someone not yet matched to a child is counted once it is matched).',
    numerator: 'Contacts received in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'seed-requirements §1.1; DfE children’s social care dashboard (contacts)',
    direction: 'neither',
    lookBackMonths: 0,
    events: ['contact.received'],
    count: (f, p) => eventsIn(f, 'contact.received', p, 'Contact received'),
  },
  onTime({
    id: 'contact-decisions-on-time',
    group: 'Contacts and referrals',
    name: 'Contact decisions within 1 working day',
    definition: 'Contacts decided (what happens next) within one working day of being received.',
    what: 'Contact decisions',
    citation: 'Working Together 2023 ch.3 (timescales.md CP1); Q26',
    clockRule: 'contact-decision',
  }),
  {
    id: 'referrals',
    group: 'Contacts and referrals',
    name: 'Referrals to children’s social care',
    definition: 'Referrals received in the period (each opens an episode of need).',
    numerator: 'Referrals received in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'DfE children’s social care dashboard (referrals); CIN census',
    direction: 'neither',
    lookBackMonths: 0,
    events: ['referral.received'],
    count: (f, p) => eventsIn(f, 'referral.received', p, 'Referral'),
  },
  {
    id: 're-referrals',
    group: 'Contacts and referrals',
    name: 'Re-referrals within 12 months',
    definition: 'Referrals in the period about a child who had another referral in the 12 months before it.',
    numerator: 'Referrals with an earlier referral of the child in the 12 months before',
    denominator: 'Referrals received in the period',
    kind: 'percentage',
    when: 'period',
    citation: 'Q25 (Wandsworth 18%, England 24%); DfE dashboard (repeat referrals); DQ-08',
    direction: 'lower',
    lookBackMonths: 12,
    events: ['referral.received'],
    // Every row is a referral in the period; the earlier ones are of the same child.
    lookBackOfChildrenWith: 'referral.received',
    count: (f, p) => {
      const referrals = eventsOf(f, 'referral.received');
      // Grouped once per set of facts (the same grouping as eventsByChild), not again for every month.
      const byChild = memo(f, 'events-by-child:referral.received', () => groupByChild(referrals));
      return sortedIn(referrals, (r) => r.occurredOn, p)
        .map((r) => {
          const since = addMonths(r.occurredOn, -12);
          const before = byChild.get(r.childId)!.filter((o) => o.id !== r.id && o.occurredOn >= since && o.occurredOn < r.occurredOn);
          const last = before.at(-1);
          return { childId: r.childId, on: r.occurredOn, facts: [`Referral ${r.occurredOn}`, last ? `Earlier referral ${last.occurredOn}` : 'No referral in the 12 months before'], met: before.length > 0 };
        });
    },
  },
  // --- Assessment -------------------------------------------------------------------------------
  onTime({
    id: 'assessments-on-time',
    group: 'Assessment',
    name: 'Assessments completed within 45 working days of referral',
    definition: 'Child and family assessments completed within 45 working days of the referral (or the council’s shorter timescale), counted when they fell due.',
    what: 'Assessments',
    citation: 'Working Together 2023 ch.3 (timescales.md CP2); DfE dashboard (assessments within 45 working days)',
    clockRule: 'assessment-completed',
  }),
  {
    id: 'assessments-overdue',
    group: 'Assessment',
    name: 'Assessments open past their due date',
    definition: 'Assessments not completed on the day, whose 45 working days from the referral had already passed.',
    numerator: 'Assessments overdue on the day',
    denominator: null,
    kind: 'count',
    when: 'as-at',
    citation: 'Working Together 2023 ch.3 (timescales.md CP2)',
    clockRule: 'assessment-completed',
    countsClocks: 'running',
    direction: 'lower',
    events: clockEvents('assessment-completed'),
    count: (f, p) => clocksOverdueOn(f, 'assessment-completed', p.to),
  },
  {
    id: 'child-seen',
    group: 'Assessment',
    name: `Child seen within ${CHILD_SEEN_DAYS} days of referral`,
    definition: `Assessments of referrals received in the period where the child was seen within ${CHILD_SEEN_DAYS} days of the referral.`,
    numerator: `Children seen within ${CHILD_SEEN_DAYS} days of the referral`,
    denominator: 'Assessments of referrals received in the period',
    kind: 'percentage',
    when: 'period',
    citation: 'Q27 (Wandsworth: 10, 12 and 24 days from referral to seeing the child)',
    direction: 'higher',
    events: [],
    assessments: true,
    count: (f, p) =>
      f.assessments
        .filter((a) => inPeriod(a.referralDate, p))
        .map((a) => ({
          childId: a.childId,
          on: a.referralDate,
          facts: [`Referral ${a.referralDate}`, a.childSeenOn ? `Seen ${a.childSeenOn} (${daysBetween(a.referralDate, a.childSeenOn)} days)` : 'Not recorded as seen'],
          met: a.childSeenOn !== null && daysBetween(a.referralDate, a.childSeenOn) <= CHILD_SEEN_DAYS,
        })),
  },
  // --- Section 47 and conferences ---------------------------------------------------------------
  {
    id: 'strategy-discussions',
    group: 'Section 47 and conferences',
    name: 'Strategy discussions',
    definition: 'Strategy discussions held in the period, whatever they decided.',
    numerator: 'Strategy discussions held in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'seed-requirements §1.4; Working Together 2023 ch.3',
    direction: 'neither',
    lookBackMonths: 0,
    events: ['strategy.discussion'],
    count: (f, p) => eventsIn(f, 'strategy.discussion', p, 'Strategy discussion'),
  },
  {
    id: 's47-enquiries',
    group: 'Section 47 and conferences',
    name: 'Section 47 enquiries started',
    definition: 'Section 47 enquiries started in the period, dated by the strategy discussion that initiated them. A count: Lantern does not yet hold the council’s child population, so no rate per 10,000.',
    numerator: 'Section 47 enquiries started in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'DfE dashboard (section 47 enquiries); CIN census',
    direction: 'neither',
    lookBackMonths: 0,
    events: ['s47.initiated'],
    count: (f, p) => eventsIn(f, 's47.initiated', p, 'Section 47 enquiry initiated'),
  },
  onTime({
    id: 'icpc-on-time',
    group: 'Section 47 and conferences',
    name: 'Initial conferences within 15 working days of the strategy discussion',
    definition: 'Initial child protection conferences held within 15 working days of the strategy discussion that initiated the section 47 enquiry (not of a later strategy meeting).',
    what: 'Initial conferences',
    citation: 'Q36 (Southend 28%), Q38; DQ-01; Southend ¶24-25; Working Together 2023 ch.3 (timescales.md CP5)',
    clockRule: 'initial-conference',
  }),
  {
    id: 'icpcs',
    group: 'Section 47 and conferences',
    name: 'Initial child protection conferences',
    definition: 'Initial child protection conferences held in the period.',
    numerator: 'Initial conferences held in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'DfE dashboard (initial child protection conferences); CIN census',
    direction: 'neither',
    lookBackMonths: 0,
    events: ['icpc.held'],
    count: (f, p) => eventsIn(f, 'icpc.held', p, 'Initial conference'),
  },
  // --- Child protection plans -------------------------------------------------------------------
  {
    id: 'cp-plans-started',
    group: 'Child protection plans',
    name: 'Child protection plans started',
    definition: 'Children who became the subject of a child protection plan in the period.',
    numerator: 'Plans started in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'DfE dashboard (child protection plans starting); CIN census',
    direction: 'neither',
    lookBackMonths: 0,
    events: [...CP_PLAN],
    count: (f, p) => eventsIn(f, 'cp-plan.started', p, 'Plan started'),
  },
  {
    id: 'cp-second-ever',
    group: 'Child protection plans',
    name: 'Second or subsequent child protection plans (ever)',
    definition: 'Plans started in the period for a child who had had a child protection plan before, at any time.',
    numerator: 'Plans started in the period for a child with an earlier plan',
    denominator: 'Plans started in the period',
    kind: 'percentage',
    when: 'period',
    citation: 'Q43 (Southend 22.6%, England 17%); DfE dashboard (second or subsequent plans)',
    direction: 'lower',
    events: [...CP_PLAN],
    count: (f, p) => {
      const spans = planSpans(f, ...CP_PLAN);
      const byChild = groupByChild(spans);
      return spans
        .filter((s) => inPeriod(s.start, p))
        .map((s) => {
          const previous = earlierPlans(byChild, s)[0];
          return { childId: s.childId, on: s.start, facts: [`Plan started ${s.start}`, previous ? `Earlier plan started ${previous.start}` : 'No earlier plan'], met: previous !== undefined };
        });
    },
  },
  {
    id: 'cp-second-2-years',
    group: 'Child protection plans',
    name: 'Current plans within 2 years of a previous plan',
    definition: 'Children on a plan on the day whose previous plan ended within the 2 years before this one started. Note the denominator: current plans, not plans starting (Q44).',
    numerator: 'Current plans whose previous plan ended within 2 years before they started',
    denominator: 'Children on a plan on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q44 (Southend 9%); DfE dashboard (second or subsequent plans within 2 years)',
    direction: 'lower',
    events: [...CP_PLAN],
    count: repeatWithin(24),
  },
  {
    id: 'cp-second-1-year',
    group: 'Child protection plans',
    name: 'Current plans within 1 year of a previous plan',
    definition: 'Children on a plan on the day whose previous plan ended within the year before this one started (Q44’s denominator).',
    numerator: 'Current plans whose previous plan ended within 1 year before they started',
    denominator: 'Children on a plan on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q44 (Southend 5%)',
    direction: 'lower',
    events: [...CP_PLAN],
    count: repeatWithin(12),
  },
  {
    id: 'cp-ended-2-years',
    group: 'Child protection plans',
    name: 'Plans ending that lasted 2 years or more',
    definition: 'Child protection plans that ended in the period after lasting 2 years or more.',
    numerator: 'Plans ended in the period that had lasted 2 years or more',
    denominator: 'Plans ended in the period',
    kind: 'percentage',
    when: 'period',
    citation: 'DfE dashboard (plans lasting 2 years or more); CIN census',
    direction: 'lower',
    events: [...CP_PLAN],
    count: (f, p) =>
      planSpans(f, ...CP_PLAN)
        .filter((s) => s.end !== null && inPeriod(s.end, p))
        .map((s) => ({ childId: s.childId, on: s.end!, facts: [`Plan ${s.start} to ${s.end}`], met: ageInMonths(s.start, s.end!) >= 24 })),
  },
  {
    id: 'cp-current',
    group: 'Child protection plans',
    name: 'Children on a child protection plan',
    definition: 'Children on a child protection plan on the day.',
    numerator: 'Children on a plan on the day',
    denominator: null,
    kind: 'count',
    when: 'as-at',
    citation: 'Q8; DfE dashboard (children on a plan at 31 March)',
    direction: 'neither',
    events: [...CP_PLAN],
    childrenWith: ON_A_PLAN,
    count: (f, p) => plansOpenOn(f, p.to).map((s) => ({ childId: s.childId, on: s.start, facts: [`Plan started ${s.start}`], met: true })),
  },
  {
    id: 'cp-over-15-months',
    group: 'Child protection plans',
    name: 'Plans open more than 15 months',
    definition: 'Of the children on a plan on the day, those whose plan had been open more than 15 months (“longer-term plans”).',
    numerator: 'Current plans open more than 15 months',
    denominator: 'Children on a plan on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q41 (Wandsworth 5.6% to 0.7%)',
    direction: 'lower',
    events: [...CP_PLAN],
    childrenWith: ON_A_PLAN,
    count: (f, p) =>
      plansOpenOn(f, p.to).map((s) => ({ childId: s.childId, on: s.start, facts: [`Plan started ${s.start}`, `${ageInMonths(s.start, p.to)} months on the day`], met: s.start < addMonths(p.to, -15) })),
  },
  {
    id: 'cp-neglect',
    group: 'Child protection plans',
    name: 'Plans for neglect',
    definition: 'Of the children on a plan on the day, those whose category of abuse is neglect.',
    numerator: 'Current plans under the category neglect',
    denominator: 'Children on a plan on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q45 (Wandsworth 36%); CIN census category of abuse',
    direction: 'neither',
    events: [...CP_PLAN],
    childrenWith: ON_A_PLAN,
    count: (f, p) => plansOpenOn(f, p.to).map((s) => ({ childId: s.childId, on: s.start, facts: [`Plan started ${s.start}`, `Category: ${s.category ?? 'not recorded'}`], met: s.category === 'NEG' })),
  },
  onTime({
    id: 'cp-visits-on-time',
    group: 'Child protection plans',
    name: 'Child protection visits on time',
    definition: 'Visits to children on a child protection plan made within the council’s interval (10 working days unless set shorter) of the plan starting or the last visit.',
    what: 'Visits',
    citation: 'Q40 (Wandsworth 98% within 15 working days); Q49; timescales.md CP11',
    clockRule: 'cp-visit',
  }),
  onTime({
    id: 'core-groups-on-time',
    group: 'Child protection plans',
    name: 'Core groups on time',
    definition: 'Core group meetings held within 10 working days of the plan starting, then within the council’s interval.',
    what: 'Core group meetings',
    citation: 'Q39; timescales.md CP6-CP7',
    clockRule: 'core-group',
  }),
  onTime({
    id: 'cp-reviews-on-time',
    group: 'Child protection plans',
    name: 'Review conferences on time',
    definition: 'Child protection review conferences held within 3 months of the plan starting, then within 6 months of the last.',
    what: 'Review conferences',
    citation: 'Q38, Q39; Working Together 2023 ch.3 (timescales.md CP8-CP9)',
    clockRule: 'cp-review',
  }),
  {
    id: 'cp-three-workers',
    group: 'Workforce',
    name: 'Children on a plan with 3 or more social workers in a year',
    definition: 'Of the children on a child protection plan on the day, those who had 3 or more different social workers in the 12 months to it.',
    numerator: 'Children on a plan with 3 or more social workers in the 12 months',
    denominator: 'Children on a plan on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q47 (Newham 16%); DfE dashboard (social worker changes); DQ-45',
    direction: 'lower',
    events: [...CP_PLAN],
    count: (f, p) =>
      plansOpenOn(f, p.to).map((s) => {
        const workers = socialWorkersInYearTo(f, s.childId, p.to);
        return { childId: s.childId, on: p.to, facts: [`Plan started ${s.start}`, `${workers} social workers in the 12 months`], met: workers >= MANY_WORKERS };
      }),
  },
  // --- Child in need -----------------------------------------------------------------------------
  {
    id: 'cin-plans-started',
    group: 'Child in need',
    name: 'Child in need plans started',
    definition: 'Child in need plans started in the period.',
    numerator: 'Plans started in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'seed-requirements §1.6; CIN census',
    direction: 'neither',
    lookBackMonths: 0,
    events: [...CIN_PLAN],
    count: (f, p) => eventsIn(f, 'cin-plan.started', p, 'Plan started'),
  },
  {
    id: 'cin-current',
    group: 'Child in need',
    name: 'Children on a child in need plan',
    definition: 'Children on a child in need plan on the day.',
    numerator: 'Children on a plan on the day',
    denominator: null,
    kind: 'count',
    when: 'as-at',
    citation: 'Q7 (children formally in need of a specialist service)',
    direction: 'neither',
    events: [...CIN_PLAN],
    count: (f, p) =>
      planSpans(f, ...CIN_PLAN)
        .filter((s) => openOn(s, p.to))
        .map((s) => ({ childId: s.childId, on: s.start, facts: [`Plan started ${s.start}`], met: true })),
  },
  onTime({
    id: 'cin-visits-on-time',
    group: 'Child in need',
    name: 'Child in need visits on time',
    definition: 'Visits to children on a child in need plan made within the council’s interval (20 working days unless set shorter).',
    what: 'Visits',
    citation: 'Q49 (Southend 51.3% visited in line with plans); timescales.md CP15',
    clockRule: 'cin-visit',
  }),
  onTime({
    id: 'cin-reviews-on-time',
    group: 'Child in need',
    name: 'Child in need meetings on time',
    definition: 'Child in need meetings held within the council’s interval (6 weeks unless set shorter).',
    what: 'Child in need meetings',
    citation: 'timescales.md CP15; seed-requirements §1.6',
    clockRule: 'cin-review',
  }),
  {
    id: 'cin-three-workers',
    group: 'Workforce',
    name: 'Children in need with 3 or more social workers in a year',
    definition: 'Of the children on a child in need plan on the day, those who had 3 or more different social workers in the 12 months to it.',
    numerator: 'Children in need with 3 or more social workers in the 12 months',
    denominator: 'Children on a child in need plan on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q48 (Newham 354 children, 16%); DQ-45',
    direction: 'lower',
    events: [...CIN_PLAN],
    count: (f, p) =>
      planSpans(f, ...CIN_PLAN)
        .filter((s) => openOn(s, p.to))
        .map((s) => {
          const workers = socialWorkersInYearTo(f, s.childId, p.to);
          return { childId: s.childId, on: p.to, facts: [`Plan started ${s.start}`, `${workers} social workers in the 12 months`], met: workers >= MANY_WORKERS };
        }),
  },
  // --- Early help --------------------------------------------------------------------------------
  {
    id: 'early-help-started',
    group: 'Early help',
    name: 'Early help started',
    definition: 'Early help episodes started in the period.',
    numerator: 'Early help episodes started in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'Q31, Q35; seed-requirements §1.2',
    direction: 'neither',
    lookBackMonths: 0,
    events: ['early-help.started'],
    count: (f, p) => eventsIn(f, 'early-help.started', p, 'Early help started'),
  },
  {
    id: 'early-help-open',
    group: 'Early help',
    name: 'Children receiving early help',
    definition: 'Children with an early help episode open on the day (started, or stepped down from social care, and not yet closed or stepped up).',
    numerator: 'Early help episodes open on the day',
    denominator: null,
    kind: 'count',
    when: 'as-at',
    citation: 'Q31 (Wandsworth 2,849 open early help assessments)',
    direction: 'neither',
    events: [...EARLY_HELP_STARTS, ...EARLY_HELP_ENDS],
    count: (f, p) =>
      planSpans(f, EARLY_HELP_STARTS, EARLY_HELP_ENDS)
        .filter((s) => openOn(s, p.to))
        .map((s) => ({ childId: s.childId, on: s.start, facts: [`Early help started ${s.start}`], met: true })),
  },
  {
    id: 'stepped-up',
    group: 'Early help',
    name: 'Stepped up from early help to social care',
    definition: 'Early help episodes stepped up to children’s social care in the period.',
    numerator: 'Step-ups in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'seed-requirements §1.2 (step-up and step-down)',
    direction: 'neither',
    lookBackMonths: 0,
    events: ['early-help.stepped-up'],
    count: (f, p) => eventsIn(f, 'early-help.stepped-up', p, 'Stepped up'),
  },
  // --- Workforce ---------------------------------------------------------------------------------
  {
    id: 'caseload-average',
    group: 'Workforce',
    name: 'Average caseload of social workers',
    definition: 'Children allocated to a social worker on the day, divided by the social workers holding at least one child.',
    numerator: 'Children allocated to a social worker on the day',
    denominator: 'Social workers holding children on the day',
    kind: 'average',
    when: 'as-at',
    citation: 'DfE dashboard (caseloads); seed-requirements §1.16, §2i',
    direction: 'lower',
    events: [],
    count: (f, p) =>
      socialWorkerAllocations(f)
        .filter((a) => a.fromDate <= p.to && (a.toDate === null || a.toDate > p.to))
        .map((a) => ({ childId: a.childId, on: p.to, facts: [`Allocated to ${a.workerName} since ${a.fromDate}`], met: true, key: a.workerId })),
    denominatorOf: (rows) => new Set(rows.map((r) => r.key)).size,
  },
];
