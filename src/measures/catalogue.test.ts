// One hand-worked example per measure: a tiny journal of a few children, the clocks the due list
// would hold for it (derived by the same engine and rules as refreshClocks), and the numerator and
// denominator worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import { deriveClocks } from '../clocks/engine.ts';
import { TIMESCALE_RULES } from '../clocks/rules.ts';
import { MEASURES, measureById, rulesOf } from './catalogue.ts';
import { allocationsByChild, byDate, type MeasureFacts, type Period } from './counting.ts';
import { NO_DETAILS, type AllocationFact, type BirthdayDetail, type PlacementDetail, type AssessmentFact, type ClockFact, type JournalFact, type RecordDetails } from './facts.ts';

let n = 0;
const ev = (childId: string, type: string, occurredOn: string, scopeId: string | null = null, category: string | null = null, sourceId: string | null = null): JournalFact => ({
  id: `e${String(++n).padStart(4, '0')}`,
  childId,
  type,
  occurredOn,
  scopeId,
  sourceId,
  category,
});

interface FactOptions {
  allocations?: AllocationFact[];
  assessments?: AssessmentFact[];
  details?: Partial<RecordDetails>;
  settings?: Record<string, number>;
  today?: string;
}

function factsOf(events: JournalFact[], options: FactOptions = {}): MeasureFacts {
  const byType = new Map<string, JournalFact[]>();
  for (const e of byDate([...events])) byType.set(e.type, [...(byType.get(e.type) ?? []), e]);
  const clocks: ClockFact[] = [];
  for (const childId of new Set(events.map((e) => e.childId))) {
    const own = events.filter((e) => e.childId === childId).map((e) => ({ id: e.id, type: e.type, occurredOn: e.occurredOn, scopeId: e.scopeId }));
    for (const c of deriveClocks(own, TIMESCALE_RULES)) clocks.push({ childId, ruleId: c.ruleId, scopeId: c.scopeId, startedOn: c.startedOn, dueOn: c.dueOn, metOn: c.metOn, stoppedOn: c.stoppedOn });
  }
  const allocations = options.allocations ?? [];
  return {
    byType,
    clocks,
    allocations,
    allocationsByChild: allocationsByChild(allocations),
    assessments: options.assessments ?? [],
    details: { ...NO_DETAILS, ...options.details },
    settings: options.settings ?? {},
    today: options.today ?? '2026-11-20',
  };
}

const figure = (id: string, f: MeasureFacts, p: Period) => {
  const m = measureById(id)!;
  const rows = m.count(f, p);
  return { numerator: m.numeratorOf ? m.numeratorOf(rows) : rows.filter((r) => r.met).length, denominator: m.kind === 'count' ? null : m.denominatorOf ? m.denominatorOf(rows) : rows.length, rows };
};

const OCTOBER: Period = { from: '2026-10-01', to: '2026-10-31' };
const YEAR: Period = { from: '2026-01-01', to: '2026-10-31' };

const alloc = (childId: string, workerId: string, fromDate: string, toDate: string | null = null, teamName = 'Team A'): AllocationFact => ({
  id: `${childId}-${workerId}-${fromDate}`,
  childId,
  workerId,
  workerName: workerId,
  role: 'social_worker',
  fromDate,
  toDate,
  teamId: teamName,
  teamName,
  recordedAt: 0,
});

describe('the measure catalogue', () => {
  it('defines every measure once, with a citation, a plain definition, and a clock rule that exists', () => {
    const ids = MEASURES.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(MEASURES.length).toBeGreaterThanOrEqual(25);
    for (const m of MEASURES) {
      expect(m.citation.length, m.id).toBeGreaterThan(5);
      expect(m.definition.length, m.id).toBeGreaterThan(20);
      if (m.kind !== 'count') expect(m.denominator, m.id).not.toBeNull();
      for (const rule of rulesOf(m)) expect(TIMESCALE_RULES.some((r) => r.id === rule), `${m.id}: ${rule}`).toBe(true);
      if (m.clockRule) expect(rulesOf(m)[0], m.id).toBe(m.clockRule);
    }
  });

  it('contacts: seed §1.1: counts contacts received in the period', () => {
    // A: 2 October contacts; B: one in September (outside). 2.
    const f = factsOf([ev('A', 'contact.received', '2026-10-02', 'c1'), ev('A', 'contact.received', '2026-10-20', 'c2'), ev('B', 'contact.received', '2026-09-30', 'c3')]);
    expect(figure('contacts', f, OCTOBER)).toMatchObject({ numerator: 2, denominator: null });
  });

  it('contact decisions within 1 working day: timescales.md CP1', () => {
    // Fri 2 Oct due Mon 5 Oct: decided 5th → on time. Tue 6 Oct due Wed 7th: decided 9th → late. 1 / 2.
    const f = factsOf([
      ev('A', 'contact.received', '2026-10-02', 'c1'),
      ev('A', 'contact.decided', '2026-10-05', 'c1'),
      ev('B', 'contact.received', '2026-10-06', 'c2'),
      ev('B', 'contact.decided', '2026-10-09', 'c2'),
    ]);
    expect(figure('contact-decisions-on-time', f, OCTOBER)).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('referrals: DfE dashboard: counts referrals in the period', () => {
    const f = factsOf([ev('A', 'referral.received', '2026-10-01', 'r1'), ev('B', 'referral.received', '2026-11-01', 'r2')]);
    expect(figure('referrals', f, OCTOBER).numerator).toBe(1);
  });

  it('re-referrals within 12 months: Q25, DfE dashboard', () => {
    // October referrals: A (earlier 2026-03-01: within 12 months → yes), B (earlier 2025-09-01: 13 months → no), C (first). 1 / 3.
    const f = factsOf([
      ev('A', 'referral.received', '2026-03-01', 'a1'),
      ev('A', 'referral.received', '2026-10-10', 'a2'),
      ev('B', 'referral.received', '2025-09-01', 'b1'),
      ev('B', 'referral.received', '2026-10-10', 'b2'),
      ev('C', 'referral.received', '2026-10-12', 'c1'),
    ]);
    expect(figure('re-referrals', f, OCTOBER)).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('assessments within 45 working days: timescales.md CP2, same clock as the due list', () => {
    // A referred 2026-08-03: 45 working days → due 2026-10-05 (Aug bank holiday 31st); done 2026-10-01 → on time.
    // B referred 2026-08-04 → due 2026-10-06; not done by today → late. 1 / 2.
    const f = factsOf([
      ev('A', 'referral.received', '2026-08-03', 'a'),
      ev('A', 'assessment.completed', '2026-10-01', 'a'),
      ev('B', 'referral.received', '2026-08-04', 'b'),
    ]);
    expect(figure('assessments-on-time', f, OCTOBER)).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('assessments overdue on the day: timescales.md CP2', () => {
    // On 31 Oct: B (due 6 Oct, open) overdue; A done. 1.
    const f = factsOf([ev('A', 'referral.received', '2026-08-03', 'a'), ev('A', 'assessment.completed', '2026-10-01', 'a'), ev('B', 'referral.received', '2026-08-04', 'b')]);
    expect(figure('assessments-overdue', f, OCTOBER).numerator).toBe(1);
  });

  it('child seen within 7 days of referral: Q27', () => {
    // A seen after 3 days (yes), B after 12 days (no), C not seen (no). 1 / 3.
    const f = factsOf([], {
      assessments: [
        { childId: 'A', referralDate: '2026-10-01', startedOn: '2026-10-01', childSeenOn: '2026-10-04' },
        { childId: 'B', referralDate: '2026-10-01', startedOn: '2026-10-01', childSeenOn: '2026-10-13' },
        { childId: 'C', referralDate: '2026-10-05', startedOn: '2026-10-05', childSeenOn: null },
      ],
    });
    expect(figure('child-seen', f, OCTOBER)).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('strategy discussions, section 47 enquiries and initial conferences are counted in the period: CIN census', () => {
    const f = factsOf([
      ev('A', 'strategy.discussion', '2026-10-01', 's'),
      ev('B', 'strategy.discussion', '2026-10-02', 't'),
      ev('A', 's47.initiated', '2026-10-01', 's'),
      ev('A', 'icpc.held', '2026-10-20', 's'),
    ]);
    expect(figure('strategy-discussions', f, OCTOBER).numerator).toBe(2);
    expect(figure('s47-enquiries', f, OCTOBER).numerator).toBe(1);
    expect(figure('icpcs', f, OCTOBER).numerator).toBe(1);
  });

  it('initial conferences within 15 working days of the initiating strategy discussion: Q36, DQ-01 (Southend ¶24-25)', () => {
    // A: discussion (s47 initiated) Thu 1 Oct → due Thu 22 Oct; ICPC 20 Oct → on time.
    // B: initiated Fri 2 Oct → due Fri 23 Oct; a later strategy meeting on 12 Oct does not restart it; ICPC 28 Oct → late. 1 / 2.
    const f = factsOf([
      ev('A', 's47.initiated', '2026-10-01', 'ea'),
      ev('A', 'icpc.held', '2026-10-20', 'ea'),
      ev('B', 's47.initiated', '2026-10-02', 'eb'),
      ev('B', 'strategy.discussion', '2026-10-12', 'eb'),
      ev('B', 'icpc.held', '2026-10-28', 'eb'),
    ]);
    expect(figure('icpc-on-time', f, OCTOBER)).toMatchObject({ numerator: 1, denominator: 2 });
  });

  // Plans for the child protection plan measures:
  // A: plan 2023-01-10 to 2025-02-01 (2 years+), new plan 2026-10-05 (ended 20 months before: within 2 years, not 1).
  // B: plan 2026-10-10 (first), category neglect, open.
  // C: plan 2025-11-01 to 2026-02-01, new plan 2026-06-01 (previous ended 4 months before: within 1 year); open 31 Oct, category PHY.
  // D: plan 2025-05-01 open (18 months at 31 Oct: over 15 months), neglect.
  const plans = () =>
    factsOf([
      ev('A', 'cp-plan.started', '2023-01-10', 'pa1', 'EMO'),
      ev('A', 'cp-plan.ended', '2025-02-01', 'pa1'),
      ev('A', 'cp-plan.started', '2026-10-05', 'pa2', 'EMO'),
      ev('B', 'cp-plan.started', '2026-10-10', 'pb1', 'NEG'),
      ev('C', 'cp-plan.started', '2025-11-01', 'pc1', 'PHY'),
      ev('C', 'cp-plan.ended', '2026-02-01', 'pc1'),
      ev('C', 'cp-plan.started', '2026-06-01', 'pc2', 'PHY'),
      ev('D', 'cp-plan.started', '2025-05-01', 'pd1', 'NEG'),
    ]);

  it('child protection plans started: DfE dashboard', () => {
    // October: A (5th), B (10th). 2.
    expect(figure('cp-plans-started', plans(), OCTOBER).numerator).toBe(2);
  });

  it('second or subsequent plans, ever: Q43', () => {
    // Started January-October: A (earlier plan: yes), B (no), C 2026-06-01 (yes). 2 / 3.
    expect(figure('cp-second-ever', plans(), YEAR)).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('current plans within 2 years of a previous plan: Q44 (denominator current plans)', () => {
    // On 31 Oct: A (previous ended 20 months before: yes), B (none), C (4 months: yes), D (none). 2 / 4.
    expect(figure('cp-second-2-years', plans(), OCTOBER)).toMatchObject({ numerator: 2, denominator: 4 });
  });

  it('current plans within 1 year of a previous plan: Q44', () => {
    // A's previous ended 20 months before: no; C's 4 months: yes. 1 / 4.
    expect(figure('cp-second-1-year', plans(), OCTOBER)).toMatchObject({ numerator: 1, denominator: 4 });
  });

  it('plans ending that lasted 2 years or more: DfE dashboard', () => {
    // Ended 2025-01-01..2026-10-31: A's first (2 years 3 weeks: yes), C's first (3 months: no). 1 / 2.
    expect(figure('cp-ended-2-years', plans(), { from: '2025-01-01', to: '2026-10-31' })).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('children on a plan on the day: Q8', () => {
    expect(figure('cp-current', plans(), OCTOBER).numerator).toBe(4);
  });

  it('plans open more than 15 months: Q41', () => {
    // Only D (since 2025-05-01). 1 / 4.
    expect(figure('cp-over-15-months', plans(), OCTOBER)).toMatchObject({ numerator: 1, denominator: 4 });
  });

  it('plans for neglect: Q45', () => {
    // B and D neglect. 2 / 4.
    expect(figure('cp-neglect', plans(), OCTOBER)).toMatchObject({ numerator: 2, denominator: 4 });
  });

  it('child protection visits on time: Q40, timescales.md CP11 (same clock as the due list)', () => {
    // Plan Thu 1 Oct: first visit due 15 Oct (10 working days); visited 14 Oct → on time; next due 28 Oct; visited 30 Oct → late. 1 / 2.
    const f = factsOf([ev('A', 'cp-plan.started', '2026-10-01', 'p'), ev('A', 'visit.cp', '2026-10-14', 'p'), ev('A', 'visit.cp', '2026-10-30', 'p')]);
    expect(figure('cp-visits-on-time', f, OCTOBER)).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('core groups on time: Q39, timescales.md CP6', () => {
    // Plan 1 Oct: first core group due 15 Oct; held 16 Oct → late. 0 / 1.
    const f = factsOf([ev('A', 'cp-plan.started', '2026-10-01', 'p'), ev('A', 'core-group.held', '2026-10-16', 'p')]);
    expect(figure('core-groups-on-time', f, OCTOBER)).toMatchObject({ numerator: 0, denominator: 1 });
  });

  it('review conferences on time: Q38, timescales.md CP8', () => {
    // Plan 2026-07-01: first review due 2026-10-01; held 2026-09-29 → on time. 1 / 1.
    const f = factsOf([ev('A', 'cp-plan.started', '2026-07-01', 'p'), ev('A', 'cp-review.held', '2026-09-29', 'p')]);
    expect(figure('cp-reviews-on-time', f, OCTOBER)).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('children on a plan with 3 or more social workers in a year: Q47', () => {
    // On 31 Oct: A had workers w1, w2, w3 in the year (yes); B had w1 only (no). 1 / 2.
    const f = factsOf([ev('A', 'cp-plan.started', '2026-01-05', 'pa'), ev('B', 'cp-plan.started', '2026-02-05', 'pb')], {
      allocations: [alloc('A', 'w1', '2025-06-01', '2026-02-01'), alloc('A', 'w2', '2026-02-01', '2026-06-01'), alloc('A', 'w3', '2026-06-01'), alloc('B', 'w1', '2026-02-05')],
    });
    expect(figure('cp-three-workers', f, OCTOBER)).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('children in need: plans started, on a plan, visits and meetings on time, and 3+ workers: Q7, Q48, Q49', () => {
    // A: CIN plan Thu 1 Oct; visit due 29 Oct (20 working days), visited 20 Oct (on time); meeting due 12 Nov (not yet due).
    // B: CIN plan 2026-06-01, ended 2026-09-30 (not on a plan on 31 Oct).
    const f = factsOf(
      [ev('A', 'cin-plan.started', '2026-10-01', 'pa'), ev('A', 'visit.cin', '2026-10-20', 'pa'), ev('B', 'cin-plan.started', '2026-06-01', 'pb'), ev('B', 'cin-plan.ended', '2026-09-30', 'pb')],
      { allocations: [alloc('A', 'w1', '2026-01-01', '2026-03-01'), alloc('A', 'w2', '2026-03-01', '2026-05-01'), alloc('A', 'w3', '2026-05-01')] },
    );
    expect(figure('cin-plans-started', f, OCTOBER).numerator).toBe(1);
    expect(figure('cin-current', f, OCTOBER).numerator).toBe(1);
    expect(figure('cin-visits-on-time', f, OCTOBER)).toMatchObject({ numerator: 1, denominator: 1 });
    expect(figure('cin-reviews-on-time', f, OCTOBER)).toMatchObject({ numerator: 0, denominator: 0 });
    expect(figure('cin-three-workers', f, OCTOBER)).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('early help started, open on the day and stepped up: Q31, seed §1.2', () => {
    // A started 5 Oct (open); B started in August, stepped up 20 Oct (not open on the 31st); C stepped down
    // to early help on 2 Oct (open, not counted as started); D started in June, closed 30 Sept.
    const f = factsOf([
      ev('A', 'early-help.started', '2026-10-05', 'ea'),
      ev('B', 'early-help.started', '2026-08-01', 'eb'),
      ev('B', 'early-help.stepped-up', '2026-10-20', 'eb'),
      ev('C', 'early-help.stepped-down', '2026-10-02', 'ec'),
      ev('D', 'early-help.started', '2026-06-01', 'ed'),
      ev('D', 'early-help.closed', '2026-09-30', 'ed'),
    ]);
    expect(figure('early-help-started', f, OCTOBER).numerator).toBe(1);
    expect(figure('early-help-open', f, OCTOBER).numerator).toBe(2);
    expect(figure('stepped-up', f, OCTOBER).numerator).toBe(1);
  });

  it('average caseload: DfE dashboard (caseloads)', () => {
    // On 31 Oct: w1 holds A and B, w2 holds C; D's allocation ended. 3 children / 2 workers = 1.5.
    const f = factsOf([], { allocations: [alloc('A', 'w1', '2026-01-01'), alloc('B', 'w1', '2026-02-01'), alloc('C', 'w2', '2026-03-01'), alloc('D', 'w2', '2026-01-01', '2026-06-01')] });
    expect(figure('caseload-average', f, OCTOBER)).toMatchObject({ numerator: 3, denominator: 2 });
  });
  // --- Children in care (decision 0038) ------------------------------------------------------------
  // On 31 October 2026:
  // A: in care since 2023-03-01, born 2014-05-01 (12); one foster placement since then, 25 miles, outside the area.
  // B: in care since 2024-01-10 (an earlier period 2020-01-01 to 2021-06-01), born 2012-02-01 (14); in the 12 months:
  //    placement b1 to 2026-01-15, a temporary move (T1) to 2026-03-01, b3 (K2) to 2026-07-01, b4 since (8 miles, in area).
  // C: in care since 2026-10-05, born 2010-01-01, unaccompanied asylum-seeking child; in a children's home with no
  //    postcode (distance and area not known).
  // D: in care 2022-01-01 to 2026-09-30 (adopted): not looked after on 31 October.
  // E: in care since 2023-01-01, born 2013-06-01 (13); e1 to 2025-12-01, then e2 with the same carers (3 miles, in area).
  // F: in care since 2024-03-01, born 2022-01-01 (4); foster placement f1 2024-06-01, placed for adoption (A6) on
  //    2026-01-01 with other carers (30 miles, outside the area).
  const place = (type: string, distanceMiles: number | null, inCouncilArea: boolean | null, sameCarers = false): PlacementDetail => ({ type, distanceMiles, inCouncilArea, sameCarers });
  const care = () =>
    factsOf(
      [
        ev('A', 'care.started', '2023-03-01', 'ca'),
        ev('A', 'placement.started', '2023-03-01', 'a1'),
        ev('B', 'care.started', '2020-01-01', 'cb0'),
        ev('B', 'care.ended', '2021-06-01', 'cb0'),
        ev('B', 'care.started', '2024-01-10', 'cb'),
        ev('B', 'placement.started', '2024-01-10', 'b1'),
        ev('B', 'placement.ended', '2026-01-15', 'b1'),
        ev('B', 'placement.started', '2026-01-15', 'b2'),
        ev('B', 'placement.ended', '2026-03-01', 'b2'),
        ev('B', 'placement.started', '2026-03-01', 'b3'),
        ev('B', 'placement.ended', '2026-07-01', 'b3'),
        ev('B', 'placement.started', '2026-07-01', 'b4'),
        ev('C', 'care.started', '2026-10-05', 'cc'),
        ev('C', 'placement.started', '2026-10-05', 'c1'),
        ev('D', 'care.started', '2022-01-01', 'cd'),
        ev('D', 'care.ended', '2026-09-30', 'cd'),
        ev('E', 'care.started', '2023-01-01', 'ce'),
        ev('E', 'placement.started-long-term', '2023-01-01', 'e1'),
        ev('E', 'placement.ended', '2025-12-01', 'e1'),
        ev('E', 'placement.started-long-term', '2025-12-01', 'e2'),
        ev('F', 'care.started', '2024-03-01', 'cf'),
        ev('F', 'placement.started', '2024-06-01', 'f0'),
        ev('F', 'placement.ended', '2024-06-01', 'f0'),
        ev('F', 'placement.started', '2024-06-01', 'f1'),
        ev('F', 'placement.ended', '2026-01-01', 'f1'),
        ev('F', 'placement.started', '2026-01-01', 'f2'),
        // Care plans: A updated 2026-05-01; B written 2024-01-15, never updated; E updated 2025-11-01; F written 2024-03-05.
        ev('A', 'care-plan.started', '2023-03-10', 'ca'),
        ev('A', 'care-plan.changed', '2026-05-01', 'ca'),
        ev('B', 'care-plan.started', '2024-01-15', 'cb'),
        ev('E', 'care-plan.changed', '2025-11-01', 'ce'),
        ev('F', 'care-plan.started', '2024-03-05', 'cf'),
        // Health: A assessed 2026-02-01, dental 2026-03-01, immunisations 2026-03-02 not up to date; B assessed
        // 2025-10-01 (13 months before), dental 2026-04-01; E immunisations 2026-04-01 up to date; F assessed 2026-06-01.
        ev('A', 'health-assessment.5-and-over', '2026-02-01', null),
        ev('A', 'health-check.recorded', '2026-03-01', null, null, 'hA1'),
        ev('A', 'health-check.recorded', '2026-03-02', null, null, 'hA2'),
        ev('B', 'health-assessment.5-and-over', '2025-10-01', null),
        ev('B', 'health-check.recorded', '2026-04-01', null, null, 'hB1'),
        ev('E', 'health-check.recorded', '2026-04-01', null, null, 'hE1'),
        ev('F', 'health-assessment.under-5', '2026-06-01', null),
        // Missing in October: B (in care) on the 12th; G (not in care) on the 5th; B in September.
        ev('B', 'missing.started', '2026-10-12', 'mb'),
        ev('G', 'missing.started', '2026-10-05', 'mg'),
        ev('B', 'missing.started', '2026-09-20', 'mb0'),
        // SDQ scores: A 18 (2026-05-01), E 12 (2026-06-01), B 20 but in September 2025 (over 12 months before).
        ev('A', 'health-check.recorded', '2026-05-01', null, null, 'hA3'),
        ev('E', 'health-check.recorded', '2026-06-01', null, null, 'hE2'),
        ev('B', 'health-check.recorded', '2025-09-01', null, null, 'hB2'),
        // Exclusions in October: B suspended (in care), A permanently excluded (in care), G permanently excluded (not in care).
        ev('B', 'exclusion.suspension', '2026-10-14'),
        ev('A', 'exclusion.permanent', '2026-10-20'),
        ev('G', 'exclusion.permanent', '2026-10-10'),
      ],
      {
        allocations: [alloc('B', 'w1', '2025-06-01', '2026-02-01'), alloc('B', 'w2', '2026-02-01', '2026-06-01'), alloc('B', 'w3', '2026-06-01'), alloc('A', 'w1', '2024-01-01')],
        details: {
          placements: new Map([
            ['a1', place('U4', 25, false)],
            ['b1', place('U6', 12, true)],
            ['b2', place('T1', null, null)],
            ['b3', place('K2', 40, false)],
            ['b4', place('U6', 8, true)],
            ['c1', place('K2', null, null)],
            ['e1', place('U4', 3, true)],
            ['e2', place('U4', 3, true, true)],
            ['f0', place('U6', 2, true)],
            ['f1', place('U6', 2, true)],
            ['f2', place('A6', 30, false)],
          ]),
          birthDates: new Map([
            ['A', '2014-05-01'],
            ['B', '2012-02-01'],
            ['C', '2010-01-01'],
            ['D', '2015-01-01'],
            ['E', '2013-06-01'],
            ['F', '2022-01-01'],
          ]),
          healthChecks: new Map([
            ['hA1', { kind: 'dental', upToDate: null, sdqScore: null }],
            ['hA2', { kind: 'immunisations', upToDate: false, sdqScore: null }],
            ['hB1', { kind: 'dental', upToDate: null, sdqScore: null }],
            ['hE1', { kind: 'immunisations', upToDate: true, sdqScore: null }],
            ['hA3', { kind: 'sdq', upToDate: null, sdqScore: 18 }],
            ['hE2', { kind: 'sdq', upToDate: null, sdqScore: 12 }],
            ['hB2', { kind: 'sdq', upToDate: null, sdqScore: 20 }],
          ]),
          unaccompanied: new Set(['C']),
        },
      },
    );

  it('children looked after on the day: Q11, DfE dashboard', () => {
    // A, B, C, E, F (D ceased on 30 September). 5.
    expect(figure('looked-after', care(), OCTOBER)).toMatchObject({ numerator: 5, denominator: null });
  });

  it('children who started and ceased to be looked after: Q20, DfE dashboard', () => {
    // Started in October: C. Ceased January to October: D.
    expect(figure('started-care', care(), OCTOBER).numerator).toBe(1);
    expect(figure('ceased-care', care(), YEAR).numerator).toBe(1);
  });

  it('children looked after who had been looked after before: Q54', () => {
    // Only B (earlier period 2020-2021). 1 / 5.
    expect(figure('previous-period-of-care', care(), OCTOBER)).toMatchObject({ numerator: 1, denominator: 5 });
  });

  it('3 or more placements in the 12 months: Q64, DfE dashboard, seed PS-01 (temporary moves are not placements)', () => {
    // B: b1 (ran into the year), b3, b4 = 3 (the T1 move not counted). E: e1 and e2 = 2. F: f1, f2 = 2. A, C: 1. 1 / 5.
    expect(figure('three-placements', care(), OCTOBER)).toMatchObject({ numerator: 1, denominator: 5 });
  });

  it('children who moved placement in the 12 months: Q65, seed PS-01 (as the record counts moves)', () => {
    // A none; B to b3 and b4 (the temporary move not counted); C's first placement is not a move; E to e2; F to f2. 3 / 5.
    expect(figure('placement-moves', care(), OCTOBER)).toMatchObject({ numerator: 3, denominator: 5 });
  });

  it('placement types on the day: foster care Q15, children’s homes Q13, with parents Q16 (SSDA903 PLACE)', () => {
    // A U4, B U6, E U4 foster (F is placed for adoption, A6): 3 / 5. C in a children's home (K2): 1 / 5. None with parents.
    expect(figure('placed-in-foster-care', care(), OCTOBER)).toMatchObject({ numerator: 3, denominator: 5 });
    expect(figure('placed-in-childrens-homes', care(), OCTOBER)).toMatchObject({ numerator: 1, denominator: 5 });
    expect(figure('placed-with-parents', care(), OCTOBER)).toMatchObject({ numerator: 0, denominator: 5 });
  });

  it('unaccompanied asylum-seeking children looked after: Q17', () => {
    expect(figure('unaccompanied-looked-after', care(), OCTOBER).numerator).toBe(1);
  });

  it('SDQ scores that are a cause for concern: Q74, SSDA903 OC2', () => {
    // In care a year with a score in the 12 months: A (18: yes), E (12: no); B's score is older. 1 / 2.
    expect(figure('sdq-concern', care(), OCTOBER)).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('children in care persistently absent (below 90% in their last recorded term): Q87, seed ED-06', () => {
    // Terms recorded in 2026 of children looked after on 31 Oct: A summer 170 of 190 (89.5%: yes); B spring 150 of
    // 160 (93.8%) then summer 180 of 190 (94.7%): no; E spring 100 of 130 (76.9%) then summer 180 of 190 (94.7%: the last
    // term decides, no). 1 / 3.
    const f = factsOf(
      [
        ...['A', 'B', 'E'].map((c) => ev(c, 'care.started', '2024-01-01', `c${c}`)),
        ev('A', 'attendance.recorded', '2026-07-22', null, null, 'tA2'),
        ev('B', 'attendance.recorded', '2026-03-27', null, null, 'tB1'),
        ev('B', 'attendance.recorded', '2026-07-22', null, null, 'tB2'),
        ev('E', 'attendance.recorded', '2026-03-27', null, null, 'tE1'),
        ev('E', 'attendance.recorded', '2026-07-22', null, null, 'tE2'),
      ],
      {
        details: {
          attendance: new Map([
            ['tA2', { attended: 170, possible: 190 }],
            ['tB1', { attended: 150, possible: 160 }],
            ['tB2', { attended: 180, possible: 190 }],
            ['tE1', { attended: 100, possible: 130 }],
            ['tE2', { attended: 180, possible: 190 }],
          ]),
        },
      },
    );
    expect(figure('persistent-absence', f, YEAR)).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('suspensions and permanent exclusions of children in care: Q90, seed ED-07', () => {
    // B suspended; A permanently excluded; G's exclusion is not of a child in care.
    expect(figure('looked-after-suspensions', care(), OCTOBER).numerator).toBe(1);
    expect(figure('looked-after-permanent-exclusions', care(), OCTOBER).numerator).toBe(1);
  });

  it('fostering for adoption placements: Q109, seed AD-08', () => {
    // Started in October: u1 (U5) yes, u2 (U6) no; u0 (U2) started in September. 1.
    const f = factsOf([ev('A', 'placement.started', '2026-10-03', 'u1'), ev('B', 'placement.started', '2026-10-04', 'u2'), ev('C', 'placement.started', '2026-09-01', 'u0')], {
      details: { placements: new Map([['u1', place('U5', null, null)], ['u2', place('U6', null, null)], ['u0', place('U2', null, null)]]) },
    });
    expect(figure('fostering-for-adoption', f, OCTOBER).numerator).toBe(1);
  });

  it('long-term placement stability: Q66, seed PS-02, DfE (under 16, in care 2½ years, same placement 2 years)', () => {
    // In care since on or before 2024-04-30 and under 16: A, B, E, F (C too recent).
    // A: same placement since 2023-03-01 (yes). B: since 2026-07-01 (no). E: same carers since 2023-01-01 (yes).
    // F: placed for adoption 2026-01-01, with the placement before since 2024-06-01: 2 years 4 months (yes). 3 / 4.
    expect(figure('long-term-stability', care(), OCTOBER)).toMatchObject({ numerator: 3, denominator: 4 });
  });

  it('placed more than 20 miles from home: Q67, seed PS-03, DfE dashboard', () => {
    // A 25 miles (yes), B 8, C not known, E 3, F 30 (yes). 2 / 5.
    const f = figure('placed-far-from-home', care(), OCTOBER);
    expect(f).toMatchObject({ numerator: 2, denominator: 5 });
    expect(f.rows.find((r) => r.childId === 'C')?.facts).toContain('Distance not known');
  });

  it('placed outside the council’s area: Q12, seed PS-03', () => {
    // A and F outside; B and E inside; C not known. 2 / 5.
    expect(figure('placed-out-of-area', care(), OCTOBER)).toMatchObject({ numerator: 2, denominator: 5 });
  });

  it('care plans not updated in the past year: Q58', () => {
    // A updated 2026-05-01 (no), B last 2024-01-15 (yes), C none (yes), E 2025-11-01 (no), F 2024-03-05 (yes). 3 / 5.
    expect(figure('care-plan-not-updated', care(), OCTOBER)).toMatchObject({ numerator: 3, denominator: 5 });
  });

  it('children in care with 3 or more social workers in a year: Q56, seed VI-06', () => {
    // B had w1, w2 and w3 in the 12 months to 31 October. 1 / 5.
    expect(figure('looked-after-three-workers', care(), OCTOBER)).toMatchObject({ numerator: 1, denominator: 5 });
  });

  it('health assessment in the year for children in care a year: Q70, SSDA903 OC2', () => {
    // In care 12 months on 31 October: A, B, E, F. A (2026-02-01) yes; B (2025-10-01, over 12 months) no; E none; F (2026-06-01) yes. 2 / 4.
    expect(figure('health-assessments-up-to-date', care(), OCTOBER)).toMatchObject({ numerator: 2, denominator: 4 });
  });

  it('dental check in the year for children in care a year: Q73, SSDA903 OC2', () => {
    // A (2026-03-01) and B (2026-04-01); E's check was immunisations, F none. 2 / 4.
    expect(figure('dental-checks', care(), OCTOBER)).toMatchObject({ numerator: 2, denominator: 4 });
  });

  it('immunisations up to date for children in care a year: Q72, SSDA903 OC2', () => {
    // E up to date; A's check found them not up to date; B and F not checked. 1 / 4.
    expect(figure('immunisations-up-to-date', care(), OCTOBER)).toMatchObject({ numerator: 1, denominator: 4 });
  });

  it('missing episodes, and children in care who went missing: Q77, Q78', () => {
    // Started in October: B's and G's (B's September episode not). Of the 5 looked after in October, B went missing. 1 / 5.
    expect(figure('missing-episodes', care(), OCTOBER).numerator).toBe(2);
    expect(figure('looked-after-missing', care(), OCTOBER)).toMatchObject({ numerator: 1, denominator: 5 });
  });

  it('looked-after reviews on time: Q59, CPPCR reg 33 (timescales.md LA9), the due list’s clock', () => {
    // R came into care Tue 1 Sept: first review due 29 Sept (20 working days), held 28 Sept (on time).
    // S came into care Thu 3 Sept: due 1 Oct, not held (late). September to October: 1 / 2.
    const f = factsOf([ev('R', 'care.started', '2026-09-01', 'cr'), ev('R', 'looked-after-review.held', '2026-09-28', 'cr'), ev('S', 'care.started', '2026-09-03', 'cs')]);
    expect(figure('looked-after-reviews-on-time', f, { from: '2026-09-01', to: '2026-10-31' })).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('visits to children in care on time, whatever the placement’s pattern: Q57, CPPCR reg 28 (timescales.md LA4-LA7)', () => {
    // V placed 1 Oct: visit due 8 Oct, made 7 Oct (on time); next due 18 Nov.
    // W placed 1 Oct, weekly until the first review: due 8 Oct, visited 9 Oct (late); due 16 Oct, visited 15 Oct;
    // due 22 Oct, visited 22 Oct; due 29 Oct, not visited (late). October: 3 / 5.
    const f = factsOf([
      ev('V', 'placement.started', '2026-10-01', 'pv'),
      ev('V', 'visit.looked-after', '2026-10-07', 'pv'),
      ev('W', 'placement.started-weekly-then-4-weekly', '2026-10-01', 'pw'),
      ev('W', 'visit.looked-after', '2026-10-09', 'pw'),
      ev('W', 'visit.looked-after', '2026-10-15', 'pw'),
      ev('W', 'visit.looked-after', '2026-10-22', 'pw'),
    ]);
    expect(figure('looked-after-visits-on-time', f, OCTOBER)).toMatchObject({ numerator: 3, denominator: 5 });
  });

  it('IRO challenges raised and escalated: Q60, Q61, seed IR-03', () => {
    const f = factsOf([ev('A', 'iro-challenge.raised', '2026-09-28', 'x1'), ev('A', 'iro-challenge.raised', '2026-10-02', 'x2'), ev('A', 'iro-challenge.escalated', '2026-10-20', 'x2')]);
    expect(figure('iro-challenges', f, OCTOBER).numerator).toBe(2);
  });

  it('initial health assessments within 20 working days: Q71, CPPCR reg 7 (timescales.md LA13)', () => {
    // R in care Tue 1 Sept: due 29 Sept, assessed 20 Sept (on time). S in care Thu 3 Sept: due 1 Oct, assessed 5 Oct (late). 1 / 2.
    const f = factsOf([
      ev('R', 'care.started', '2026-09-01', 'cr'),
      ev('R', 'health-assessment.5-and-over', '2026-09-20'),
      ev('S', 'care.started', '2026-09-03', 'cs'),
      ev('S', 'health-assessment.under-5', '2026-10-05'),
    ]);
    expect(figure('initial-health-assessments-on-time', f, { from: '2026-09-01', to: '2026-10-31' })).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('review health assessments on time: Q70, CPPCR reg 7(4) (timescales.md LA14)', () => {
    // R (under 5) assessed 10 April: next due 10 Oct, assessed 9 Oct (on time). S (5 and over) assessed 15 Oct 2025:
    // due 15 Oct 2026, not assessed (late). October: 1 / 2.
    const f = factsOf([ev('R', 'health-assessment.under-5', '2026-04-10'), ev('R', 'health-assessment.under-5', '2026-10-09'), ev('S', 'health-assessment.5-and-over', '2025-10-15')]);
    expect(figure('review-health-assessments-on-time', f, OCTOBER)).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('personal education plans within 20 school days: seed ED-01, timescales.md LA15 (school days on the term dates)', () => {
    // R needs a PEP from Mon 7 Sept: 20 school days → due Mon 5 Oct; PEP 2 Oct (on time).
    // S from Mon 14 Sept: due Mon 12 Oct; PEP 14 Oct (late). 1 / 2.
    const f = factsOf([ev('R', 'pep.needed', '2026-09-07'), ev('R', 'pep.initial', '2026-10-02'), ev('S', 'pep.needed', '2026-09-14'), ev('S', 'pep.initial', '2026-10-14')]);
    expect(figure('initial-peps-on-time', f, OCTOBER)).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('personal education plans reviewed each term: seed ED-01, timescales.md LA15', () => {
    // PEP 1 Nov 2025 (autumn term): review due by the end of the spring term, Fri 27 March 2026; reviewed 20 March
    // (on time). Next due by the end of the summer term, Wed 22 July; not reviewed (late). 2026 to October: 1 / 2.
    const f = factsOf([ev('R', 'pep.initial', '2025-11-01'), ev('R', 'pep.review', '2026-03-20')]);
    expect(figure('pep-reviews-on-time', f, YEAR)).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('return interviews within 72 hours, in hours as the missing pages count them: Q79, seed MI-02, timescales.md MI1', () => {
    // m1: returned 5 Oct, interviewed 33.3 hours after (in time). m2: returned 10 Oct, interviewed on the clock's
    // last day but 80 hours after (late: the hours decide). m3: declined (not counted). m4: returned 20 Oct, no interview (late). 1 / 3.
    const f = factsOf(
      [
        ev('M', 'missing.returned', '2026-10-05', 'm1'),
        ev('M', 'return-interview.done', '2026-10-07', 'm1'),
        ev('M', 'missing.returned', '2026-10-10', 'm2'),
        ev('M', 'return-interview.done', '2026-10-13', 'm2'),
        ev('N', 'missing.returned', '2026-10-15', 'm3'),
        ev('N', 'return-interview.declined', '2026-10-16', 'm3'),
        ev('N', 'missing.returned', '2026-10-20', 'm4'),
      ],
      { details: { returnInterviewMinutes: new Map([['m1', 2000], ['m2', 4800]]) } },
    );
    const result = figure('return-interviews-in-time', f, OCTOBER);
    expect(result).toMatchObject({ numerator: 1, denominator: 3 });
    expect(result.rows.find((r) => r.facts[0] === 'Returned 2026-10-10')?.met).toBe(false);
  });

  it('private fostering notifications, arrangements and visits: Q9, Q134, seed PF-01, PF-02 (timescales.md PF1)', () => {
    // Notified in October: p1 (Thu 1 Oct) and p3 (Fri 2 Oct); p2 notified in May, ended 20 Oct. Open on 31 Oct: p1, p3.
    // p1 visit due 12 Oct (7 working days), visited 12 Oct (on time); p3 due 13 Oct, visited 14 Oct (late).
    const f = factsOf([
      ev('P', 'private-fostering.notified', '2026-10-01', 'p1'),
      ev('P', 'visit.private-fostering', '2026-10-12', 'p1'),
      ev('Q', 'private-fostering.notified', '2026-05-01', 'p2'),
      ev('Q', 'private-fostering.ended', '2026-10-20', 'p2'),
      ev('R', 'private-fostering.notified', '2026-10-02', 'p3'),
      ev('R', 'visit.private-fostering', '2026-10-14', 'p3'),
    ]);
    expect(figure('private-fostering-notifications', f, OCTOBER).numerator).toBe(2);
    expect(figure('privately-fostered', f, OCTOBER).numerator).toBe(2);
    const visits = figure('private-fostering-visits-on-time', f, OCTOBER);
    expect(visits.rows.filter((r) => r.childId !== 'Q')).toHaveLength(2);
    expect(visits.rows.filter((r) => r.childId !== 'Q' && r.met)).toHaveLength(1);
  });

  it('children discussed in casework supervision to policy: seed WF-06, DQ-22 (the council’s interval)', () => {
    // On 31 Oct, 8 weeks back is 5 Sept. A (w1 since January) discussed 15 Sept: yes. B (w2 since January) last
    // discussed 1 Aug: no. C allocated 20 Oct, not yet discussed: not yet owed, not counted. D allocated 1 Oct,
    // discussed 15 Oct: yes. 2 / 3. With a 4-week interval (from 3 Oct): A no, B no, D yes: 1 / 3.
    const events = [ev('A', 'supervision.discussed', '2026-09-15'), ev('B', 'supervision.discussed', '2026-08-01'), ev('D', 'supervision.discussed', '2026-10-15')];
    const allocations = [alloc('A', 'w1', '2026-01-01'), alloc('B', 'w2', '2026-01-01'), alloc('C', 'w1', '2026-10-20'), alloc('D', 'w2', '2026-10-01')];
    expect(figure('case-supervision-to-policy', factsOf(events, { allocations }), OCTOBER)).toMatchObject({ numerator: 2, denominator: 3 });
    expect(figure('case-supervision-to-policy', factsOf(events, { allocations, settings: { caseSupervisionIntervalWeeks: 4 } }), OCTOBER)).toMatchObject({ numerator: 1, denominator: 3 });
  });

  // --- Adoption --------------------------------------------------------------------------------------
  // P: in care 2024-01-01; placement order 2024-09-01; matched 2024-12-20 (110 days); placed for adoption (A6, new
  //    carers) 2025-02-01 (397 days from care); adopted (E11) 2026-03-01.
  // Q: in care 2024-06-01 with foster carers; placement order 2025-01-10; matched 2025-07-01 (172 days); placed for
  //    adoption with the same carers (A5) 2025-08-01 (426 days from care; 0 days to moving in with them); adopted (E12) 2026-06-01.
  // S: special guardianship order (E45) 2026-04-01. T: returned home (E4A) 2026-05-01. I: moved to independent living (E5) 2026-07-01.
  const adoption = () =>
    factsOf(
      [
        ev('P', 'care.started', '2024-01-01', 'cp'),
        ev('P', 'placement.started', '2024-01-01', 'pp1'),
        ev('P', 'permanence.placement-order', '2024-09-01', 'planp'),
        ev('P', 'adoption.matched', '2024-12-20', 'planp'),
        ev('P', 'placement.ended', '2025-02-01', 'pp1'),
        ev('P', 'placement.started', '2025-02-01', 'pp2'),
        ev('P', 'adoption.placed', '2025-02-01', 'planp'),
        ev('P', 'care.ended', '2026-03-01', 'cp'),
        ev('Q', 'care.started', '2024-06-01', 'cq'),
        ev('Q', 'placement.started', '2024-06-01', 'pq1'),
        ev('Q', 'permanence.placement-order', '2025-01-10', 'planq'),
        ev('Q', 'adoption.matched', '2025-07-01', 'planq'),
        ev('Q', 'placement.ended', '2025-08-01', 'pq1'),
        ev('Q', 'placement.started', '2025-08-01', 'pq2'),
        ev('Q', 'adoption.placed', '2025-08-01', 'planq'),
        ev('Q', 'care.ended', '2026-06-01', 'cq'),
        ev('S', 'care.started', '2025-01-01', 'cs'),
        ev('S', 'care.ended', '2026-04-01', 'cs'),
        ev('T', 'care.started', '2025-02-01', 'ct'),
        ev('T', 'care.ended', '2026-05-01', 'ct'),
        ev('I', 'care.started', '2024-01-01', 'ci'),
        ev('I', 'care.ended', '2026-07-01', 'ci'),
      ],
      {
        details: {
          reasonCeased: new Map([
            ['cp', 'E11'],
            ['cq', 'E12'],
            ['cs', 'E45'],
            ['ct', 'E4A'],
            ['ci', 'E5'],
          ]),
          placements: new Map([
            ['pp1', place('U6', null, null)],
            ['pp2', place('A6', null, null)],
            ['pq1', place('U4', null, null)],
            ['pq2', place('A5', null, null, true)],
          ]),
        },
      },
    );

  it('children adopted, adoption as a share of leaving care, special guardianship orders and independent living: Q18, Q19, Q21, Q102', () => {
    // Ceased January to October: P (E11), Q (E12), S (E45), T (E4A), I (E5). Adopted 2; share 2 / 5; SGOs 1; independent living 1.
    expect(figure('adoptions', adoption(), YEAR).numerator).toBe(2);
    expect(figure('adoptions-of-those-leaving-care', adoption(), YEAR)).toMatchObject({ numerator: 2, denominator: 5 });
    expect(figure('special-guardianship-orders', adoption(), YEAR).numerator).toBe(1);
    expect(figure('left-care-to-independent-living', adoption(), YEAR).numerator).toBe(1);
  });

  it('A1, entering care to moving in with the adoptive family: Q98, adoption scorecard A1 (426-day threshold)', () => {
    // P 397 days, Q 426 days (on the threshold: within it). (397 + 426) / 2 = 411.5 days.
    const f = figure('adoption-a1', adoption(), YEAR);
    expect(f).toMatchObject({ numerator: 823, denominator: 2 });
    expect(f.rows.every((r) => r.met)).toBe(true);
  });

  it('A2, placement order to the match: Q100, adoption scorecard A2 (121-day threshold)', () => {
    // P 110 days (within), Q 172 days (over). (110 + 172) / 2 = 141 days.
    const f = figure('adoption-a2', adoption(), YEAR);
    expect(f).toMatchObject({ numerator: 282, denominator: 2 });
    expect(f.rows.filter((r) => r.met).map((r) => r.childId)).toEqual(['P']);
  });

  it('A10, adjusted for foster carer adoptions: adoption scorecard A10', () => {
    // P placed with new adopters (A6): 397 days as A1. Q adopted by the foster carers she moved in with on the day she
    // came into care (A5): 0 days. (397 + 0) / 2 = 198.5 days.
    expect(figure('adoption-a10', adoption(), YEAR)).toMatchObject({ numerator: 397, denominator: 2 });
  });

  it('matches within 121 days of the placement order: Q100, timescales.md AD2 (the due list’s clock)', () => {
    // Order 1 May: match due 30 Aug (121 days), matched 20 Aug (on time). Order 1 June: due 30 Sept, no match (late). 1 / 2.
    const f = factsOf([ev('X', 'permanence.placement-order', '2026-05-01', 'px'), ev('X', 'adoption.matched', '2026-08-20', 'px'), ev('Y', 'permanence.placement-order', '2026-06-01', 'py')]);
    expect(figure('adoption-matches-on-time', f, YEAR)).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('placed for adoption within 12 months of the placement order, and disruptions: Q95, Q114', () => {
    // Placed in 2026: U (order 2025-03-01, placed 2026-02-01: within 12 months), V (order 2024-12-01, placed 2026-01-15: not). 1 / 2.
    const f = factsOf([
      ev('U', 'permanence.placement-order', '2025-03-01', 'pu'),
      ev('U', 'adoption.placed', '2026-02-01', 'pu'),
      ev('V', 'permanence.placement-order', '2024-12-01', 'pv'),
      ev('V', 'adoption.placed', '2026-01-15', 'pv'),
      ev('V', 'adoption.disrupted', '2026-05-05', 'pv'),
    ]);
    expect(figure('placed-within-12-months-of-order', f, YEAR)).toMatchObject({ numerator: 1, denominator: 2 });
    expect(figure('adoption-disruptions', f, YEAR).numerator).toBe(1);
  });

  // --- Care leavers ----------------------------------------------------------------------------------
  // Birthdays in October: K1 17th (full-time education F2; community home, suitable C1; in touch), K2 18th (NEET G5;
  // bed and breakfast, unsuitable W2; in touch), K3 19th (employment F5; with former foster carers, suitable Z1; in touch), K4 20th
  // (not known 0; not known 0; not in touch), K5 21st (apprenticeship P4; homeless S2; in touch). K6's 19th was in September.
  const birthday = (age: number, inTouch: string, activity: string, accommodation: string): BirthdayDetail => ({ age, inTouch, activity, accommodation });
  const leavers = () =>
    factsOf(
      [
        ev('K1', 'care-leaver.birthday', '2026-10-03', null, null, 'k1'),
        ev('K2', 'care-leaver.birthday', '2026-10-09', null, null, 'k2'),
        ev('K3', 'care-leaver.birthday', '2026-10-12', null, null, 'k3'),
        ev('K4', 'care-leaver.birthday', '2026-10-20', null, null, 'k4'),
        ev('K5', 'care-leaver.birthday', '2026-10-28', null, null, 'k5'),
        ev('K6', 'care-leaver.birthday', '2026-09-28', null, null, 'k6'),
      ],
      {
        details: {
          birthdays: new Map([
            ['k1', birthday(17, 'YES', 'F2', 'C1')],
            ['k2', birthday(18, 'YES', 'G5', 'W2')],
            ['k3', birthday(19, 'YES', 'F5', 'Z1')],
            ['k4', birthday(20, 'NO', '0', '0')],
            ['k5', birthday(21, 'YES', 'P4', 'S2')],
            ['k6', birthday(19, 'YES', 'F1', 'U1')],
          ]),
        },
      },
    );

  it('care leavers aged 17 to 18 and 19 to 21 in education, employment or training: Q117, Q118, DfE dashboard, SSDA903 OC3', () => {
    // 17-18: K1 yes, K2 no: 1 / 2. 19-21: K3 yes, K4 not known (no), K5 yes: 2 / 3.
    expect(figure('care-leavers-eet-17-18', leavers(), OCTOBER)).toMatchObject({ numerator: 1, denominator: 2 });
    expect(figure('care-leavers-eet-19-21', leavers(), OCTOBER)).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('care leavers aged 17 to 18 and 19 to 21 in suitable accommodation: Q122, DfE dashboard, SSDA903 OC3', () => {
    // 17-18: K1 yes, K2 (B&B, unsuitable) no: 1 / 2. 19-21: K3 yes, K4 not known, K5 homeless: 1 / 3.
    expect(figure('care-leavers-suitable-17-18', leavers(), OCTOBER)).toMatchObject({ numerator: 1, denominator: 2 });
    expect(figure('care-leavers-suitable-19-21', leavers(), OCTOBER)).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('care leavers in touch: Q116, seed CL-01, SSDA903 OC3', () => {
    // K1, K2, K3, K5 in touch; K4 not. 4 / 5.
    expect(figure('care-leavers-in-touch', leavers(), OCTOBER)).toMatchObject({ numerator: 4, denominator: 5 });
  });

  it('care leavers living with their former foster carers (staying put): Q124, seed CL-07', () => {
    // 18th-21st birthdays in October: K2, K3 (Z1: yes), K4, K5. 1 / 4.
    expect(figure('care-leavers-staying-put', leavers(), OCTOBER)).toMatchObject({ numerator: 1, denominator: 4 });
  });

  it('young people with a pathway plan on the day: Q129', () => {
    // L1's plan since March is open; L2's ended in September. 1.
    const f = factsOf([ev('L1', 'pathway-plan.started', '2026-03-01', 'pl1'), ev('L2', 'pathway-plan.started', '2025-01-01', 'pl2'), ev('L2', 'pathway-plan.ended', '2026-09-01', 'pl2')]);
    expect(figure('care-leavers-supported', f, OCTOBER).numerator).toBe(1);
  });

  it('pathway plans within 3 months of eligibility: CPPCR regs 42-43 (timescales.md CL2, CL3)', () => {
    // L1 eligible 15 July: due 15 Oct, plan 10 Oct (on time). L2 eligible 1 July: due 1 Oct, plan 5 Oct (late). 1 / 2.
    const f = factsOf([ev('L1', 'leaving-care.eligible', '2026-07-15'), ev('L1', 'pathway-plan.started', '2026-10-10'), ev('L2', 'leaving-care.eligible', '2026-07-01'), ev('L2', 'pathway-plan.started', '2026-10-05')]);
    expect(figure('pathway-plans-on-time', f, OCTOBER)).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('pathway plans reviewed within 6 months: Q126, seed CL-04 (timescales.md CL4)', () => {
    // L1 plan 1 April: review due 1 Oct, reviewed 30 Sept (on time). L2 plan 20 April: due 20 Oct, not reviewed (late).
    // September to October: 1 / 2.
    const f = factsOf([ev('L1', 'pathway-plan.started', '2026-04-01'), ev('L1', 'pathway-plan.reviewed', '2026-09-30'), ev('L2', 'pathway-plan.started', '2026-04-20')]);
    expect(figure('pathway-plan-reviews-on-time', f, { from: '2026-09-01', to: '2026-10-31' })).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('personal adviser visits on time: Q116, seed CL-01 (timescales.md CL5)', () => {
    // L1 moved 1 Oct: visit due 8 Oct, made 6 Oct (on time). L2 moved 10 Aug: visit due 17 Aug, made 17 Aug; next
    // due 17 Oct (2 months), not made (late). October: 1 / 2.
    const f = factsOf([
      ev('L1', 'care-leaver.accommodation', '2026-10-01'),
      ev('L1', 'care-leaver.visited', '2026-10-06'),
      ev('L2', 'care-leaver.accommodation', '2026-08-10'),
      ev('L2', 'care-leaver.visited', '2026-08-17'),
    ]);
    expect(figure('personal-adviser-visits-on-time', f, OCTOBER)).toMatchObject({ numerator: 1, denominator: 2 });
  });
});
