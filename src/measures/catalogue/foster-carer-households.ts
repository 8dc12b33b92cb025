// The measures that count the council's own foster carers (decision 0050): each row a fostering
// household, its list opening the household's record. Status on a day is read from the household's
// status history (what "approved on that day" is read from: src/fostering/tables.ts); reviews from the
// same timescale rule that keeps the household's review due date (FOSTERING_HOUSEHOLD_RULES).
// Hand-worked examples in src/measures/households.test.ts, each citing its source.
import { householdEvents } from '../../fostering/clocks.ts';
import { deriveClocks } from '../../clocks/engine.ts';
import { FOSTERING_HOUSEHOLD_RULES } from '../../clocks/rules.ts';
import type { TimescaleRule } from '../../clocks/rule.ts';
import { addMonths } from '../../calendar/index.ts';
import { birthdayAt } from '../../clocks/milestones.ts';
import { kindLabel, statusLabel } from '../../fostering/codes.ts';
import { inPeriod } from '../counting.ts';
import type { FosteringHouseholdFact, HouseholdCounted, HouseholdFacts, HouseholdMeasure } from '../households.ts';

/** The household's status on the day: the latest status begun by it (null before the assessment started). */
export function fosteringStatusOn(h: FosteringHouseholdFact, day: string): string | null {
  let status: string | null = null;
  for (const s of h.statuses) if (s.fromOn <= day) status = s.status;
  return status;
}

/** Children placed with the household on the day: moved in by it, not moved out by it. */
export const placedOn = (h: FosteringHouseholdFact, day: string) => new Set(h.placements.filter((p) => p.startedOn <= day && (p.endedOn === null || p.endedOn > day)).map((p) => p.childId)).size;

const ENDED = new Set(['resigned', 'deregistered']);
const GROUPED_BY_KIND = 'Kind of household';

/** Approved households whose approval ended (resigned, deregistered) in the period: a carer who withdrew during assessment was never a carer. */
function approvalsEnded(households: readonly FosteringHouseholdFact[], p: { from: string; to: string }): HouseholdCounted[] {
  return households.flatMap((h) => {
    const ended = h.statuses.find((s) => ENDED.has(s.status) && inPeriod(s.fromOn, p));
    if (!ended || !h.approved || h.decidedOn === null || h.decidedOn > ended.fromOn) return [];
    return [{ householdId: h.id, on: ended.fromOn, group: kindLabel(h.kind), met: true, amount: -1, facts: [`Approved ${h.decidedOn}`, `${statusLabel(ended.status)} ${ended.fromOn}`] }];
  });
}

function approvals(households: readonly FosteringHouseholdFact[], p: { from: string; to: string }): HouseholdCounted[] {
  return households
    .filter((h) => h.approved === true && h.decidedOn !== null && inPeriod(h.decidedOn, p))
    .map((h) => ({ householdId: h.id, on: h.decidedOn!, group: kindLabel(h.kind), met: true, amount: 1, facts: [`Approved ${h.decidedOn}`] }));
}

/** The household's clocks of one rule, derived from its facts as the record derives them (src/fostering/clocks.ts). */
const clocksOf = (h: FosteringHouseholdFact, rule: readonly TimescaleRule[], settings: HouseholdFacts['settings']) => {
  const reads = new Set(rule.flatMap((r) => [...r.startsOn, ...r.satisfiedBy, ...(r.stoppedBy ?? [])]));
  return deriveClocks(
    householdEvents({
      id: h.id,
      temporary_approved_on: null,
      decided_on: h.decidedOn,
      approved: h.approved,
      reviews: h.reviews.map((reviewedOn, i) => ({ id: `${h.id}:review:${i}`, reviewed_on: reviewedOn })),
      statuses: h.statuses.map((s, i) => ({ id: `${h.id}:status:${i}`, status: s.status, from_on: s.fromOn })),
      visits: h.visits.map((v) => ({ id: v.id, visited_on: v.visitedOn, unannounced: v.unannounced })),
    }).filter((e) => reads.has(e.type)),
    rule,
    settings,
  );
};

/**
 * Clocks of the rule that fell due in the period, met on or before the due date, counted as the
 * children's are: one stopped (the approval ended) before it fell due is not counted, one not yet
 * due and not met is not late yet.
 */
const clocksOnTime = (f: HouseholdFacts, p: { from: string; to: string }, ruleId: string, done: string, notDone: string): HouseholdCounted[] => {
  // Only the rule counted is derived: the others' events (a visit, for the reviews) change nothing of it.
  const rule = FOSTERING_HOUSEHOLD_RULES.filter((r) => r.id === ruleId);
  return f.fosterCarers.flatMap((h) =>
    clocksOf(h, rule, f.settings)
      .filter((c) => inPeriod(c.dueOn, p))
      .filter((c) => c.metOn !== null || !(c.stoppedOn !== null && c.stoppedOn <= c.dueOn))
      .filter((c) => c.metOn !== null || c.dueOn < f.today)
      .map((c) => ({ householdId: h.id, on: c.dueOn, group: kindLabel(h.kind), met: c.metOn !== null && c.metOn <= c.dueOn, facts: [`Due ${c.dueOn}`, c.metOn ? `${done} ${c.metOn}` : notDone] })),
  );
};

/** Approved on the day: approved, or on hold (still approved, not taking children). */
const approvedOn = (h: FosteringHouseholdFact, day: string) => {
  const status = fosteringStatusOn(h, day);
  return status === 'approved' || status === 'on_hold';
};

/** The DBS check in force on the day of a carer (1, 2) or a member (by id): the latest with the barred list issued by then and not yet due for renewal. */
export function dbsCheckInForce(h: FosteringHouseholdFact, whose: number | string, day: string) {
  const latest = h.dbsChecks
    .filter((c) => (typeof whose === 'number' ? c.carer === whose : c.memberId === whose) && c.barredList && c.checkedOn <= day)
    .sort((a, b) => (a.checkedOn < b.checkedOn ? -1 : 1))
    .at(-1);
  return { latest: latest ?? null, upToDate: latest !== undefined && latest.renewalDueOn >= day };
}

/** The members living in the household on the day aged 18 or over then (a date of birth not recorded: an adult known from a check). */
export const adultMembersOn = (h: FosteringHouseholdFact, day: string) =>
  h.members.filter((m) => m.fromOn <= day && (m.toOn === null || m.toOn > day) && (m.dateOfBirth === null || birthdayAt(m.dateOfBirth, 18) <= day));

/**
 * Of the people of each household approved on the day whose DBS check Schedule 3 para 2 asks for, a row
 * each, met when none is in force: Q92 walks the carers, the measure beside it the adult members.
 */
function withoutDbsCheckInForce(
  f: HouseholdFacts,
  p: { to: string },
  people: (h: FosteringHouseholdFact, day: string) => readonly { whose: number | string; name: string }[],
): HouseholdCounted[] {
  return f.fosterCarers
    .filter((h) => approvedOn(h, p.to))
    .flatMap((h) =>
      people(h, p.to).map(({ whose, name }) => {
        const { latest, upToDate } = dbsCheckInForce(h, whose, p.to);
        return { householdId: h.id, on: p.to, group: kindLabel(h.kind), met: !upToDate, facts: [name, latest ? `Checked ${latest.checkedOn}, renewal due ${latest.renewalDueOn}` : 'No check with the barred list recorded'] };
      }),
    );
}

export const FOSTER_CARER_MEASURES: readonly HouseholdMeasure[] = [
  {
    id: 'foster-carers-approved',
    reads: [],
    name: 'Foster carer households approved',
    definition: 'Households the council approved as its own foster carers in the period (the agency decision maker’s decision), of every kind: mainstream, connected person, short breaks, parent and child.',
    numerator: 'Households approved in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'Q93 (Wandsworth 2016 ¶54: 3 approved this year); seed FO-03 (recruitment pipeline); Fostering Services (England) Regulations 2011 reg 27',
    direction: 'higher',
    service: 'foster-carers',
    groupedBy: GROUPED_BY_KIND,
    count: (f, p) => approvals(f.fosterCarers, p),
  },
  {
    id: 'foster-carers-in-assessment',
    reads: ['statuses'],
    name: 'Foster carer households in assessment',
    definition: 'Households whose assessment as foster carers had started and was not yet decided (nor withdrawn) on the day: the council’s recruitment pipeline.',
    numerator: 'Households in assessment on the day',
    denominator: null,
    kind: 'count',
    when: 'as-at',
    citation: 'Q93 (Wandsworth 2016 ¶54: 6 in assessment); seed FO-03 (recruitment pipeline: in assessment)',
    direction: 'neither',
    service: 'foster-carers',
    groupedBy: GROUPED_BY_KIND,
    count: (f, p) =>
      f.fosterCarers
        .filter((h) => fosteringStatusOn(h, p.to) === 'in_assessment')
        .map((h) => ({ householdId: h.id, on: p.to, group: kindLabel(h.kind), met: true, facts: [`Assessment started ${h.statuses[0]?.fromOn ?? ''}`] })),
  },
  {
    id: 'foster-carers-stopped',
    reads: ['statuses'],
    name: 'Foster carer households that stopped fostering',
    definition: 'Approved households whose approval ended in the period: they resigned, or the council deregistered them (FS(E)R 2011 reg 28). Households that withdrew before approval are not counted.',
    numerator: 'Approved households that resigned or were deregistered in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'Q93 (Wandsworth 2016 ¶54); seed FO-03 (recruitment pipeline: de-registered); Fostering Services (England) Regulations 2011 reg 28',
    direction: 'lower',
    service: 'foster-carers',
    groupedBy: GROUPED_BY_KIND,
    count: (f, p) => approvalsEnded(f.fosterCarers, p),
  },
  {
    id: 'foster-carers-net-change',
    reads: ['statuses'],
    name: 'Net gain or loss of foster carer households',
    definition: 'Households approved in the period less approved households whose approval ended in it (resigned or deregistered). Each row is one approval (+1) or one ending (−1); a negative figure is a net loss.',
    numerator: 'Approvals less endings in the period',
    denominator: null,
    kind: 'count',
    when: 'period',
    citation: 'Q93 (Wandsworth 2016 ¶54: “a net loss of 17 carers”); seed FO-03 (net gain or loss)',
    direction: 'higher',
    service: 'foster-carers',
    groupedBy: GROUPED_BY_KIND,
    count: (f, p) => [...approvals(f.fosterCarers, p), ...approvalsEnded(f.fosterCarers, p)].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)),
    numeratorOf: (rows) => rows.reduce((sum, r) => sum + (r.amount ?? 0), 0),
  },
  {
    id: 'foster-carer-reviews-on-time',
    reads: ['statuses', 'reviews'],
    name: 'Foster carers’ annual reviews on time',
    definition:
      'Reviews of foster carers’ approval that fell due in the period (a year after approval, then a year after each review), done on or before the due date: the rule that keeps the household’s review due date. A review not yet due and not done is not late yet; one whose approval ended before it fell due is not counted.',
    numerator: 'Reviews done on or before the due date',
    denominator: 'Reviews that fell due in the period',
    kind: 'percentage',
    when: 'period',
    citation: 'Fostering Services (England) Regulations 2011 reg 28(2) (a review at least every year); seed FO-04 (carer compliance checks, Wandsworth 2016 ¶68); the timescale rule foster-carer-review',
    direction: 'higher',
    service: 'foster-carers',
    groupedBy: GROUPED_BY_KIND,
    count: (f, p) => clocksOnTime(f, p, 'foster-carer-review', 'Reviewed', 'Not reviewed'),
  },
  {
    id: 'foster-carer-vacancies',
    reads: ['statuses', 'placements'],
    name: 'Vacant places with the council’s foster carers',
    definition:
      'On the day, for each household approved (not on hold), the children its approval allows less the children placed with it; the figure adds them up. Terms of approval are read as they are now (the record does not date their changes).',
    numerator: 'Places approved less children placed, over approved households',
    denominator: null,
    kind: 'count',
    when: 'as-at',
    citation: 'seed FO-02 (sufficiency: carer capacity against the children’s needs; Wandsworth 2016 ¶12*, ¶107); the fostering page’s vacancies (decision 0015)',
    direction: 'neither',
    service: 'foster-carers',
    groupedBy: GROUPED_BY_KIND,
    count: (f, p) =>
      f.fosterCarers
        .filter((h) => fosteringStatusOn(h, p.to) === 'approved')
        .map((h) => {
          const placed = placedOn(h, p.to);
          const vacant = Math.max((h.places ?? 0) - placed, 0);
          return { householdId: h.id, on: p.to, group: kindLabel(h.kind), met: vacant > 0, amount: vacant, facts: [`Approved for ${h.places ?? 'an unrecorded number of'} ${h.places === 1 ? 'child' : 'children'}`, `${placed} placed`, `${vacant} vacant`] };
        }),
    numeratorOf: (rows) => rows.reduce((sum, r) => sum + (r.amount ?? 0), 0),
  },
  {
    id: 'foster-carers-without-dbs-check',
    reads: ['statuses', 'dbsChecks'],
    name: 'Foster carers without an up-to-date DBS check',
    definition:
      'Of the carers of households approved on the day (on hold counts: still approved), those with no enhanced DBS check with the children’s barred list in force: none recorded, or the latest due for renewal before the day. Each carer of a couple is a row. The renewal date is the one recorded with the check (the council’s interval, 3 years unless it sets less, or earlier).',
    numerator: 'Carers without an up-to-date check on the day',
    denominator: 'Carers of households approved on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q92 (Wandsworth 2016 ¶68: “23 approved in-house carers without an up-to-date Disclosure and Barring Service check”); seed FO-04, DQ-33; Fostering Services (England) Regulations 2011 Schedule 3 para 2',
    direction: 'lower',
    service: 'foster-carers',
    groupedBy: GROUPED_BY_KIND,
    count: (f, p) => withoutDbsCheckInForce(f, p, (h) => h.carers.map((name, i) => ({ whose: i + 1, name }))),
  },
  {
    id: 'foster-carer-household-adults-without-dbs-check',
    reads: ['statuses', 'dbsChecks', 'members'],
    name: 'Adults in foster carers’ households without an up-to-date DBS check',
    definition:
      'Of the members of households approved on the day (on hold counts: still approved) other than the carers, living there that day and aged 18 or over by it, those with no enhanced DBS check with the children’s barred list in force: none recorded, or the latest due for renewal before the day. A son or daughter counts from their 18th birthday; someone who moved out, from then no longer. The carers themselves are Q92’s.',
    numerator: 'Adults living with the carers without an up-to-date check on the day',
    denominator: 'Adults living with the carers of households approved on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Fostering Services (England) Regulations 2011 Schedule 3 para 2 (an enhanced certificate of each member of the household aged 18 or over); beside Q92 (Wandsworth 2016 ¶68), seed FO-04; decision 0062',
    direction: 'lower',
    service: 'foster-carers',
    groupedBy: GROUPED_BY_KIND,
    count: (f, p) => withoutDbsCheckInForce(f, p, (h, day) => adultMembersOn(h, day).map((m) => ({ whose: m.id, name: m.name }))),
  },
  {
    id: 'foster-carer-supervisory-visits-on-time',
    reads: ['statuses', 'visits'],
    name: 'Supervisory visits to foster carers on time',
    definition:
      'Supervisory visits to approved foster carers that fell due in the period (the council’s interval, 6 weeks unless it sets less, from the approval and from each visit; an unannounced visit counts), made on or before the due date. One not yet due and not made is not late yet; one whose approval ended before it fell due is not counted.',
    numerator: 'Visits made on or before the due date',
    denominator: 'Visits that fell due in the period',
    kind: 'percentage',
    when: 'period',
    citation: 'Fostering Services National Minimum Standards 2011 standard 21 (supervision of each carer by a named social worker); seed FO-04 (Wandsworth 2016 ¶68: extra visits to carers while checks were outstanding); the timescale rule foster-carer-supervisory-visit',
    direction: 'higher',
    service: 'foster-carers',
    groupedBy: GROUPED_BY_KIND,
    count: (f, p) => clocksOnTime(f, p, 'foster-carer-supervisory-visit', 'Visited', 'Not visited'),
  },
  {
    id: 'foster-carers-unannounced-visit-in-year',
    reads: ['statuses', 'unannouncedVisits'],
    name: 'Foster carers with an unannounced visit in the last 12 months',
    definition:
      'Of the households approved on the day (on hold counts) that were owed an unannounced visit by then (approved at least 12 months before it, or visited unannounced already), those visited unannounced in the 12 months to the day.',
    numerator: 'Households visited unannounced in the 12 months to the day',
    denominator: 'Households approved on the day and owed an unannounced visit',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Fostering Services National Minimum Standards 2011 standard 21.8 (at least one unannounced visit a year); seed FO-04',
    direction: 'higher',
    service: 'foster-carers',
    groupedBy: GROUPED_BY_KIND,
    count: (f, p) =>
      f.fosterCarers
        .filter((h) => approvedOn(h, p.to) && h.decidedOn !== null)
        .flatMap((h) => {
          const yearBefore = addMonths(p.to, -12);
          const last = h.visits.filter((v) => v.unannounced && v.visitedOn <= p.to).at(-1);
          if (h.decidedOn! > yearBefore && !last) return [];
          const inYear = last !== undefined && last.visitedOn > yearBefore;
          return [{ householdId: h.id, on: p.to, group: kindLabel(h.kind), met: inYear, facts: [`Approved ${h.decidedOn}`, last ? `Last unannounced visit ${last.visitedOn}` : 'No unannounced visit recorded'] }];
        }),
  },
  {
    id: 'foster-carers-without-supervising-worker',
    reads: ['statuses', 'supervisingWorkers'],
    name: 'Foster carers without a supervising social worker',
    definition: 'Of the households approved on the day (on hold counts), those with no supervising social worker allocated that day.',
    numerator: 'Households without a supervising social worker on the day',
    denominator: 'Households approved on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Fostering Services National Minimum Standards 2011 standard 21 (each approved carer supervised by a named, qualified social worker); seed FO-04, FO-12',
    direction: 'lower',
    service: 'foster-carers',
    groupedBy: GROUPED_BY_KIND,
    count: (f, p) =>
      f.fosterCarers
        .filter((h) => approvedOn(h, p.to))
        .map((h) => {
          const allocated = h.supervisingWorkers.some((w) => w.fromOn <= p.to && (w.toOn === null || w.toOn > p.to));
          return { householdId: h.id, on: p.to, group: kindLabel(h.kind), met: !allocated, facts: [allocated ? 'Supervising social worker allocated' : 'No supervising social worker'] };
        }),
  },
];
