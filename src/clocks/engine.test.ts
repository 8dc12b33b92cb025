import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deriveClocks, effectiveAmount, type ClockEvent, type DerivedClock } from './engine.ts';
import { TIMESCALE_RULES, ruleById } from './rules.ts';
import { dueStatus, isOpen } from './due-items.ts';
import { SETTING_DEFINITIONS, settingMax, validateSetting, type SettingKey } from '../settings/council-settings.ts';
import { RuleBroken } from '../server/errors.ts';
import { addDays } from '../calendar/index.ts';

let n = 0;
const event = (type: string, occurredOn: string, scopeId: string | null = 'scope-1'): ClockEvent => ({
  id: `event-${String(++n).padStart(4, '0')}`,
  type,
  occurredOn,
  scopeId,
});

const only = (clocks: DerivedClock[], ruleId: string) => clocks.filter((c) => c.ruleId === ruleId);

describe('hand-worked clocks', () => {
  it('the initial conference is due 15 working days after the strategy discussion that initiated s47, and a later strategy meeting does not restart it (Southend ¶24-25)', () => {
    // Monday 2 March 2026; 15 working days later is Monday 23 March (no bank holidays in March 2026).
    const clocks = deriveClocks(
      [
        event('strategy.discussion', '2026-03-02', 'enquiry-1'),
        event('s47.initiated', '2026-03-02', 'enquiry-1'),
        // A second strategy meeting a week later, and even a second "initiated" in the same enquiry,
        // must not move the conference date: counting from the last meeting hid Southend's delays.
        event('strategy.discussion', '2026-03-09', 'enquiry-1'),
        event('s47.initiated', '2026-03-09', 'enquiry-1'),
      ],
      TIMESCALE_RULES,
    );
    const icpc = only(clocks, 'initial-conference');
    expect(icpc).toHaveLength(1);
    expect(icpc[0]).toMatchObject({ startedOn: '2026-03-02', dueOn: '2026-03-23', metOn: null });
  });

  it('a care leaver’s move brings the adviser’s visit forward to within 7 days, never back (timescales.md CL5)', () => {
    const visits = (events: ClockEvent[]) => only(deriveClocks(events, TIMESCALE_RULES), 'personal-adviser-visit').map((c) => c.dueOn);
    // Moved on 1 June (due 8 June), moved again on 3 June: 10 June would be later, so 8 June stands.
    expect(visits([event('care-leaver.accommodation', '2026-06-01', null), event('care-leaver.accommodation', '2026-06-03', null)])).toEqual(['2026-06-08']);
    // Seen on 2 June (next due 2 August), moved on 20 June: due by 27 June.
    expect(visits([event('care-leaver.accommodation', '2026-06-01', null), event('care-leaver.visited', '2026-06-02', null), event('care-leaver.accommodation', '2026-06-20', null)])).toEqual(['2026-06-08', '2026-06-27']);
  });

  it('a child placed with a connected person is visited weekly until the first review, then at least every 4 weeks (CPPCR reg 28(4))', () => {
    const clocks = only(
      deriveClocks(
        [
          // A review before this placement began is not its "first review".
          event('looked-after-review.held', '2026-02-20', 'care'),
          event('placement.started-weekly-then-4-weekly', '2026-03-02', 'p'),
          event('visit.looked-after', '2026-03-06', 'p'),
          event('visit.looked-after', '2026-03-12', 'p'),
          // The review on 17 March moves the visit then due (19 March) to 4 weeks after the last one.
          event('looked-after-review.held', '2026-03-17', 'care'),
          event('visit.looked-after', '2026-04-01', 'p'),
        ],
        TIMESCALE_RULES,
      ),
      'looked-after-visit-weekly-then-4-weekly',
    );
    expect(clocks.map((c) => [c.startedOn, c.dueOn, c.metOn])).toEqual([
      ['2026-03-02', '2026-03-09', '2026-03-06'],
      ['2026-03-06', '2026-03-13', '2026-03-12'],
      ['2026-03-12', '2026-04-09', '2026-04-01'],
      ['2026-04-01', '2026-04-29', null],
    ]);
  });

  it('a child placed for adoption is visited within a week, weekly until the first review, and reviewed within 4 weeks, 3 months after, then 6-monthly (AAR 2005 reg 36(3), (4))', () => {
    const events = [
      // Placed with the adopters on Monday 2 March 2026.
      event('adoption.placed', '2026-03-02', 'plan'),
      event('visit.looked-after', '2026-03-06', 'p'),
      event('visit.looked-after', '2026-03-12', 'p'),
      // The first review, within the 4 weeks (due 30 March).
      event('looked-after-review.held', '2026-03-26', 'care'),
      event('visit.looked-after', '2026-04-20', 'p'),
      // The second, within 3 months of the first (due 26 June).
      event('looked-after-review.held', '2026-06-25', 'care'),
    ];
    const clocks = deriveClocks(events, TIMESCALE_RULES);
    expect(only(clocks, 'adoption-placement-visit').map((c) => [c.startedOn, c.dueOn, c.metOn])).toEqual([
      ['2026-03-02', '2026-03-09', '2026-03-06'],
      ['2026-03-06', '2026-03-13', '2026-03-12'],
      // The visit due on 19 March was owed before the review of 26 March: it stays overdue until 20 April.
      ['2026-03-12', '2026-03-19', '2026-04-20'],
      ['2026-04-20', '2026-06-01', null],
    ]);
    expect(only(clocks, 'adoption-placement-review').map((c) => [c.dueOn, c.metOn])).toEqual([
      ['2026-03-30', '2026-03-26'],
      ['2026-06-26', '2026-06-25'],
      ['2026-12-25', null],
    ]);
    // Disrupted: no further visits or reviews under reg 36 are owed.
    const disrupted = deriveClocks([...events, event('adoption.disrupted', '2026-07-01', 'plan')], TIMESCALE_RULES);
    expect(only(disrupted, 'adoption-placement-review').filter(isOpen)).toEqual([]);
  });

  it('a child authorised for adoption and not yet placed is reviewed within 3 months, then 6-monthly, until placed (AAR 2005 reg 36(1))', () => {
    const clocks = only(
      deriveClocks(
        [
          event('permanence.placement-order', '2026-01-15', 'plan'),
          event('looked-after-review.held', '2026-04-10', 'care'),
          event('adoption.placed', '2026-05-04', 'plan'),
        ],
        TIMESCALE_RULES,
      ),
      'adoption-authorised-review',
    );
    expect(clocks.map((c) => [c.dueOn, c.metOn, c.stoppedOn])).toEqual([
      ['2026-04-15', '2026-04-10', null],
      ['2026-10-10', null, '2026-05-04'],
    ]);
  });

  it('an initial conference held on the due date meets the clock in time', () => {
    const clocks = deriveClocks([event('s47.initiated', '2026-03-02', 'e'), event('icpc.held', '2026-03-23', 'e')], TIMESCALE_RULES);
    const [icpc] = only(clocks, 'initial-conference');
    expect(icpc).toMatchObject({ dueOn: '2026-03-23', metOn: '2026-03-23' });
    expect(icpc!.metOn! <= icpc!.dueOn).toBe(true);
  });

  it('an assessment is due 45 working days from the referral, a day later for the summer bank holiday (WT 2023 ch.3)', () => {
    // Wednesday 1 July 2026 + 9 weeks of weekdays is Wednesday 2 September; Monday 31 August is the
    // summer bank holiday, so the 45th working day is Thursday 3 September.
    const clocks = deriveClocks([event('referral.received', '2026-07-01', 'episode-1')], TIMESCALE_RULES);
    expect(only(clocks, 'assessment-completed')).toEqual([
      expect.objectContaining({ startedOn: '2026-07-01', dueOn: '2026-09-03', metOn: null, stoppedOn: null }),
    ]);
  });

  it('an assessment completed on the day of the referral is in time, whatever order the two were recorded in', () => {
    const referral = event('referral.received', '2026-07-01', 'episode-1');
    const completed = event('assessment.completed', '2026-07-01', 'episode-1');
    for (const events of [[referral, completed], [completed, referral]]) {
      const [clock] = only(deriveClocks(events, TIMESCALE_RULES), 'assessment-completed');
      expect(clock).toMatchObject({ dueOn: '2026-09-03', metOn: '2026-07-01' });
    }
  });

  describe('child protection visits', () => {
    const plan = () => [event('cp-plan.started', '2026-09-07', 'plan-1'), event('visit.cp', '2026-09-18', 'plan-1')];

    it('recur every 10 working days from the last visit (timescales.md CP11)', () => {
      const visits = only(deriveClocks(plan(), TIMESCALE_RULES), 'cp-visit');
      expect(visits.map((v) => [v.startedOn, v.dueOn, v.metOn])).toEqual([
        ['2026-09-07', '2026-09-21', '2026-09-18'], // plan start Monday 7 Sept + 10 WD = Monday 21 Sept; visited Friday 18th
        ['2026-09-18', '2026-10-02', null], // next due 10 WD after the visit
      ]);
    });

    it('recur every 5 working days once the council tightens the setting, and the first visit falls late', () => {
      const visits = only(deriveClocks(plan(), TIMESCALE_RULES, { cpVisitIntervalWorkingDays: 5 }), 'cp-visit');
      expect(visits.map((v) => [v.startedOn, v.dueOn, v.metOn])).toEqual([
        ['2026-09-07', '2026-09-14', '2026-09-18'], // due Monday 14th, met Friday 18th: late
        ['2026-09-18', '2026-09-25', null],
      ]);
    });

    it('a visit on the day the plan ends still counts, and nothing is left running', () => {
      const clocks = deriveClocks(
        [event('cp-plan.ended', '2026-09-18', 'plan-1'), ...plan()], // recorded in a different order
        TIMESCALE_RULES,
      );
      const visits = only(clocks, 'cp-visit');
      expect(visits[0]).toMatchObject({ metOn: '2026-09-18' });
      expect(visits[1]).toMatchObject({ startedOn: '2026-09-18', stoppedOn: '2026-09-18', metOn: null });
      expect(clocks.filter(isOpen)).toEqual([]);
    });
  });

  it('refuses a council setting above the statutory or standard maximum: a council may tighten, not loosen', () => {
    expect(() => validateSetting('cpVisitIntervalWorkingDays', 15)).toThrow(RuleBroken);
    expect(() => validateSetting('assessmentWorkingDays', 46)).toThrow(/cannot be more than 45/);
    expect(() => validateSetting('assessmentWorkingDays', 0)).toThrow(RuleBroken);
    expect(() => validateSetting('assessmentWorkingDays', 40)).not.toThrow();
    // And a value that got into the table some other way is ignored by the engine: the standard stands.
    const [visit] = only(deriveClocks(plan10(), TIMESCALE_RULES, { cpVisitIntervalWorkingDays: 15 }), 'cp-visit');
    expect(visit!.dueOn).toBe('2026-09-21');
  });

  it('the core group setting tightens the interval after the first meeting, not the first 10 working days', () => {
    const rule = ruleById('core-group')!;
    expect(effectiveAmount(rule, { coreGroupIntervalWeeks: 4 }, true)).toBe(10);
    expect(effectiveAmount(rule, { coreGroupIntervalWeeks: 4 }, false)).toBe(4);
  });

  it('a stopped clock (the plan ended) is not open and so never overdue', () => {
    const clocks = deriveClocks([event('cp-plan.started', '2026-09-07', 'plan-1'), event('cp-plan.ended', '2026-09-10', 'plan-1')], TIMESCALE_RULES);
    const [visit] = only(clocks, 'cp-visit');
    expect(visit).toMatchObject({ dueOn: '2026-09-21', stoppedOn: '2026-09-10', metOn: null });
    expect(isOpen(visit!)).toBe(false);
    // Months later its due date is long past, but only open clocks are judged: none is.
    expect(clocks.filter(isOpen).filter((c) => dueStatus(c.dueOn, '2026-11-20') === 'overdue')).toEqual([]);
  });

  it('a closed episode stops the assessment clock', () => {
    const clocks = deriveClocks([event('referral.received', '2026-07-01', 'ep'), event('episode.closed', '2026-07-03', 'ep')], TIMESCALE_RULES);
    expect(clocks.filter(isOpen)).toEqual([]);
  });

  it('an event in another scope does not meet the clock', () => {
    const clocks = deriveClocks([event('s47.initiated', '2026-03-02', 'enquiry-1'), event('icpc.held', '2026-03-10', 'enquiry-2')], TIMESCALE_RULES);
    expect(only(clocks, 'initial-conference')[0]).toMatchObject({ metOn: null });
  });
});

function plan10() {
  return [event('cp-plan.started', '2026-09-07', 'plan-1')];
}

describe('clock properties', () => {
  const types = [...new Set(TIMESCALE_RULES.flatMap((r) => [...r.startsOn, ...r.satisfiedBy, ...(r.stoppedBy ?? [])]))];
  const arbEvents = fc
    .array(
      fc.record({
        type: fc.constantFrom(...types),
        // 2024 to 2027: due dates (26 weeks, 6 months) stay inside the working-day calendar.
        day: fc.integer({ min: 0, max: 3 * 365 }),
        scopeId: fc.constantFrom('scope-a', 'scope-b', null),
      }),
      { maxLength: 40 },
    )
    .map((raw) => raw.map((e, i) => ({ id: `e${String(i).padStart(3, '0')}`, type: e.type, occurredOn: addDays('2024-01-01', e.day), scopeId: e.scopeId })));
  const keys = Object.keys(SETTING_DEFINITIONS) as SettingKey[];
  const arbSettings = fc.record(
    Object.fromEntries(keys.map((key) => [key, fc.integer({ min: 1, max: settingMax(key) })])) as Record<SettingKey, fc.Arbitrary<number>>,
    { requiredKeys: [] },
  );

  it('a met clock is never open, and a clock is never both met and stopped', () => {
    fc.assert(
      fc.property(arbEvents, arbSettings, (events, settings) => {
        for (const clock of deriveClocks(events, TIMESCALE_RULES, settings)) {
          if (clock.metOn !== null) {
            expect(isOpen(clock)).toBe(false);
            expect(clock.stoppedOn).toBeNull();
            expect(clock.metOn >= clock.startedOn).toBe(true);
          }
        }
      }),
    );
  });

  it('at most one clock runs for a rule in a scope', () => {
    fc.assert(
      fc.property(arbEvents, (events) => {
        const open = deriveClocks(events, TIMESCALE_RULES).filter(isOpen);
        const keysOpen = open.map((c) => `${c.ruleId}|${ruleById(c.ruleId)!.match === 'scope' ? c.scopeId : ''}`);
        expect(new Set(keysOpen).size).toBe(keysOpen.length);
      }),
    );
  });

  it('a clock is never due before it started', () => {
    fc.assert(
      fc.property(arbEvents, arbSettings, (events, settings) => {
        for (const clock of deriveClocks(events, TIMESCALE_RULES, settings)) expect(clock.dueOn > clock.startedOn).toBe(true);
      }),
    );
  });

  it('events recorded in any order give the same clocks (a back-dated record re-derives them)', () => {
    fc.assert(
      fc.property(
        arbEvents.chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }))),
        arbSettings,
        ([events, shuffled], settings) => {
          expect(deriveClocks(shuffled, TIMESCALE_RULES, settings)).toEqual(deriveClocks(events, TIMESCALE_RULES, settings));
        },
      ),
    );
  });

  it('a tightened setting never makes anything due later', () => {
    fc.assert(
      fc.property(arbEvents.filter((e) => e.length > 0), arbSettings, (events, settings) => {
        const standard = deriveClocks(events.filter((e) => e.type.endsWith('started') || e.type.endsWith('received') || e.type === 's47.initiated'), TIMESCALE_RULES);
        const local = deriveClocks(events.filter((e) => e.type.endsWith('started') || e.type.endsWith('received') || e.type === 's47.initiated'), TIMESCALE_RULES, settings);
        // With only starting events, the same clocks start either way; the local ones are never later.
        expect(local.map((c) => c.startEventId)).toEqual(standard.map((c) => c.startEventId));
        local.forEach((clock, i) => expect(clock.dueOn <= standard[i]!.dueOn).toBe(true));
      }),
    );
  });
});

describe('children in care clocks (CPPCR 2010)', () => {
  it('reviews: the first within 20 working days of coming into care, the second within 3 months, then every 6 months (reg 33)', () => {
    // Monday 1 June 2026 + 20 working days = Monday 29 June. Reviews on 20 June → due 20 September;
    // on 15 September → due 15 March 2027; on 1 March 2027 → due 1 September 2027.
    const clocks = only(
      deriveClocks(
        [event('care.started', '2026-06-01', 'p'), event('looked-after-review.held', '2026-06-20', 'p'), event('looked-after-review.held', '2026-09-15', 'p'), event('looked-after-review.held', '2027-03-01', 'p')],
        TIMESCALE_RULES,
      ),
      'looked-after-review',
    );
    expect(clocks.map((c) => [c.startedOn, c.dueOn, c.metOn])).toEqual([
      ['2026-06-01', '2026-06-29', '2026-06-20'],
      ['2026-06-20', '2026-09-20', '2026-09-15'],
      ['2026-09-15', '2027-03-15', '2027-03-01'],
      ['2027-03-01', '2027-09-01', null],
    ]);
  });

  it('visits: within a week of any placement, then 6-weekly; 3-monthly after the first year only where the placement is meant to last until 18 (reg 28(2))', () => {
    const visits = (start: string) =>
      only(
        deriveClocks([event(start, '2025-01-06', 'pl'), event('visit.looked-after', '2025-01-10', 'pl'), event('visit.looked-after', '2026-01-12', 'pl'), event('visit.looked-after', '2026-02-02', 'pl')], TIMESCALE_RULES),
        'looked-after-visit',
      ).map((c) => [c.startedOn, c.dueOn]);
    // A placement meant to last until 18: the visit on 12 January 2026 is after the first year, so the next is due 3 months on.
    expect(visits('placement.started-long-term')).toEqual([
      ['2025-01-06', '2025-01-13'],
      ['2025-01-10', '2025-02-21'],
      ['2026-01-12', '2026-04-12'],
      ['2026-02-02', '2026-05-02'],
    ]);
    // Any other placement stays 6-weekly.
    expect(visits('placement.started')).toEqual([
      ['2025-01-06', '2025-01-13'],
      ['2025-01-10', '2025-02-21'],
      ['2026-01-12', '2026-02-23'],
      ['2026-02-02', '2026-03-16'],
    ]);
  });

  it('a placement that ends stops its visit clock; the new placement starts its own', () => {
    const clocks = only(deriveClocks([event('placement.started', '2026-03-02', 'a'), event('placement.ended', '2026-03-05', 'a'), event('placement.started', '2026-03-05', 'b')], TIMESCALE_RULES), 'looked-after-visit');
    expect(clocks.map((c) => [c.scopeId, c.dueOn, c.stoppedOn])).toEqual([
      ['a', '2026-03-09', '2026-03-05'],
      ['b', '2026-03-12', null],
    ]);
  });
});

describe('return interview clock (timescales.md MI1)', () => {
  it('starts on each return, falls on the third day after it, is met by the interview in the same episode and stopped by a declined offer', () => {
    const clocks = only(
      deriveClocks(
        [
          event('missing.started', '2026-11-13', 'ep-1'),
          event('missing.returned', '2026-11-13', 'ep-1'),
          event('return-interview.done', '2026-11-16', 'ep-1'),
          event('missing.returned', '2026-11-18', 'ep-2'),
          event('return-interview.not-reached', '2026-11-19', 'ep-2'),
          event('return-interview.declined', '2026-11-20', 'ep-2'),
          event('missing.returned', '2026-11-19', 'ep-3'),
          event('return-interview.done', '2026-11-25', 'ep-1'),
        ],
        TIMESCALE_RULES,
      ),
      'return-interview',
    );
    // The hours are the service's to count (src/missing/present.ts); the clock says which day it falls due.
    expect(clocks.map((c) => [c.scopeId, c.startedOn, c.dueOn, c.metOn, c.stoppedOn])).toEqual([
      ['ep-1', '2026-11-13', '2026-11-16', '2026-11-16', null],
      ['ep-2', '2026-11-18', '2026-11-21', null, '2026-11-20'],
      ['ep-3', '2026-11-19', '2026-11-22', null, null],
    ]);
  });
});

describe('exploitation clocks (decision 0016)', () => {
  it('the review follows the level found: 4 weeks after high, 3 months after medium, 6 after low; no apparent risk meets the review and ends the chain (Wandsworth 2017 rec 9, ¶47)', () => {
    const clocks = only(
      deriveClocks(
        [
          event('exploitation-assessment.medium', '2026-01-05', null),
          event('exploitation-assessment.high', '2026-03-02', null),
          event('exploitation-assessment.low', '2026-04-06', null),
          event('exploitation-assessment.none', '2026-09-01', null),
        ],
        TIMESCALE_RULES,
      ),
      'exploitation-review',
    );
    expect(clocks.map((c) => [c.startedOn, c.dueOn, c.metOn, c.stoppedOn])).toEqual([
      ['2026-01-05', '2026-04-05', '2026-03-02', null],
      ['2026-03-02', '2026-03-30', '2026-04-06', null], // late by a week
      ['2026-04-06', '2026-10-06', '2026-09-01', null],
    ]);
  });

  it('an assessment that finds no apparent risk starts nothing; a later one at low risk starts the reviews again', () => {
    const clocks = only(deriveClocks([event('exploitation-assessment.none', '2026-02-02', null), event('exploitation-assessment.low', '2026-05-04', null)], TIMESCALE_RULES), 'exploitation-review');
    expect(clocks.map((c) => [c.startedOn, c.dueOn, c.metOn])).toEqual([['2026-05-04', '2026-11-04', null]]);
  });

  it('a council setting tightens the interval of one level only, never loosens it', () => {
    const events = [event('exploitation-assessment.high', '2026-03-02', null), event('exploitation-assessment.medium', '2026-03-16', null)];
    const clocks = only(deriveClocks(events, TIMESCALE_RULES, { exploitationReviewHighWeeks: 2, exploitationReviewMediumMonths: 9 }), 'exploitation-review');
    expect(clocks.map((c) => c.dueOn)).toEqual(['2026-03-16', '2026-06-16']);
    expect(() => validateSetting('exploitationReviewMediumMonths', 4)).toThrow(RuleBroken);
    expect(settingMax('exploitationReviewHighWeeks')).toBe(4);
  });

  it('the panel considers a referral within 20 working days, or the council’s shorter time; a referral closed before the panel stops the clock', () => {
    const clocks = only(
      deriveClocks(
        [
          event('exploitation-panel.referred', '2026-03-02', 'ref-1'),
          event('exploitation-panel.discussed', '2026-03-26', 'ref-1'),
          event('exploitation-panel.referred', '2026-03-02', 'ref-2'),
          event('exploitation-panel.closed', '2026-03-10', 'ref-2'),
        ],
        TIMESCALE_RULES,
        { exploitationPanelWorkingDays: 10 },
      ),
      'exploitation-panel',
    );
    // 10 working days from Monday 2 March 2026 is Monday 16 March: the panel on the 26th was late.
    expect(clocks.map((c) => [c.scopeId, c.dueOn, c.metOn, c.stoppedOn])).toEqual([
      ['ref-1', '2026-03-16', '2026-03-26', null],
      ['ref-2', '2026-03-16', null, '2026-03-10'],
    ]);
  });
});

describe('duties to a child end at 18 (decision 0049)', () => {
  const review = (events: ClockEvent[]) => only(deriveClocks(events, TIMESCALE_RULES), 'exploitation-review').map((c) => [c.startedOn, c.dueOn, c.metOn, c.stoppedOn]);

  it('a review that would fall due on or after the 18th birthday is not owed: stopped on the birthday (Children Act 1989 s.105(1): a child is under 18)', () => {
    expect(review([event('exploitation-assessment.low', '2026-03-02', null), event('child.turned-18', '2026-06-15', null)])).toEqual([['2026-03-02', '2026-09-02', null, '2026-06-15']]);
  });

  it('a review missed before the 18th birthday stays missed in the figures; an assessment after 18 meets it late and starts no further review', () => {
    expect(
      review([
        event('exploitation-assessment.high', '2026-03-02', null),
        event('child.turned-18', '2026-04-20', null),
        event('exploitation-assessment.medium', '2026-05-04', null),
      ]),
    ).toEqual([['2026-03-02', '2026-03-30', '2026-05-04', null]]);
  });

  it('an assessment on or after the 18th birthday starts no review; the other rules do not end at 18 (care leavers’ duties run to 21 and 25)', () => {
    expect(review([event('child.turned-18', '2026-04-20', null), event('exploitation-assessment.high', '2026-04-20', null)])).toEqual([]);
    expect(TIMESCALE_RULES.filter((r) => r.endsAtAge !== undefined).map((r) => [r.id, r.endsAtAge])).toEqual([['exploitation-review', 18]]);
    const visits = only(deriveClocks([event('child.turned-18', '2026-04-20', null), event('care-leaver.accommodation', '2026-05-01', null)], TIMESCALE_RULES), 'personal-adviser-visit');
    expect(visits.length).toBeGreaterThan(0);
  });

  it('a review running on the day of the birthday that fell due the same day is stopped, not late', () => {
    // 3 months from 20 January is 20 April, the birthday itself: no longer owed on that day.
    expect(review([event('exploitation-assessment.medium', '2026-01-20', null), event('child.turned-18', '2026-04-20', null)])).toEqual([['2026-01-20', '2026-04-20', null, '2026-04-20']]);
  });
});


describe('events of one day in the order of the journey, whatever their ids', () => {
  // The same facts, their ids given either way round: two imports of one file give the same clocks.
  const bothWays = (first: Omit<ClockEvent, 'id'>, second: Omit<ClockEvent, 'id'>) => [
    [{ ...first, id: 'a' }, { ...second, id: 'b' }],
    [{ ...first, id: 'b' }, { ...second, id: 'a' }],
  ];

  it('a child protection plan that starts on the day of its referral brings the management oversight forward to 4 weeks (decision 0021)', () => {
    // The referral came first and the plan followed it (WT 2023 ch.3: referral, section 47, ICPC,
    // plan), so the plan finds the oversight clock running and brings it forward: Monday 2 November
    // 2026 + 4 weeks is 30 November, not 2 February 2027 as for a child in need.
    for (const events of bothWays({ type: 'referral.received', occurredOn: '2026-11-02', scopeId: 'episode-1' }, { type: 'cp-plan.started', occurredOn: '2026-11-02', scopeId: 'plan-1' })) {
      expect(only(deriveClocks(events, TIMESCALE_RULES), 'management-oversight').map((c) => [c.startedOn, c.dueOn])).toEqual([['2026-11-02', '2026-11-30']]);
    }
  });

  it('a health assessment on the day care began meets the initial health assessment (timescales.md LA13)', () => {
    for (const events of bothWays({ type: 'care.started', occurredOn: '2026-06-01', scopeId: 'care' }, { type: 'health-assessment.5-and-over', occurredOn: '2026-06-01', scopeId: null })) {
      expect(only(deriveClocks(events, TIMESCALE_RULES), 'initial-health-assessment').map((c) => c.metOn)).toEqual(['2026-06-01']);
    }
  });

  it('of two risk assessments on one day, the one recorded later sets the next review (decision 0016)', () => {
    // Medium at 09:00, high at 15:00 on Monday 2 March 2026: reviewed within 4 weeks, by 30 March.
    const medium = { type: 'exploitation-assessment.medium', occurredOn: '2026-03-02', scopeId: null, recordedAt: Date.parse('2026-03-02T09:00:00Z') };
    const high = { type: 'exploitation-assessment.high', occurredOn: '2026-03-02', scopeId: null, recordedAt: Date.parse('2026-03-02T15:00:00Z') };
    for (const events of bothWays(medium, high)) {
      expect(only(deriveClocks(events, TIMESCALE_RULES), 'exploitation-review').at(-1)).toMatchObject({ startedOn: '2026-03-02', dueOn: '2026-03-30', metOn: null });
    }
  });
});
