// One hand-worked example per measure: a tiny journal of a few children, the clocks the due list
// would hold for it (derived by the same engine and rules as refreshClocks), and the numerator and
// denominator worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import { deriveClocks } from '../clocks/engine.ts';
import { TIMESCALE_RULES } from '../clocks/rules.ts';
import { MEASURES, measureById, rulesOf } from './catalogue.ts';
import { allocationsByChild, byDate, type MeasureFacts, type Period } from './counting.ts';
import { NO_DETAILS, type AllocationFact, type AssessmentFact, type ClockFact, type JournalFact, type RecordDetails } from './facts.ts';

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
  childId,
  workerId,
  workerName: workerId,
  role: 'social_worker',
  fromDate,
  toDate,
  teamId: teamName,
  teamName,
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
});
