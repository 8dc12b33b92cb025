// The clocks as recorded by the end of a past day are derived with the same milestones as the record's
// own clocks: the exploitation risk review ends on the 18th birthday (decision 0049) in a figure as
// recorded then, as it does on the worker's due list.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHOOL_CALENDAR } from '../calendar/school-terms.ts';
import { deriveClocks } from '../clocks/engine.ts';
import { comingOfAgeOf } from '../clocks/milestones.ts';
import { TIMESCALE_RULES } from '../clocks/rules.ts';
import type { JournalRow } from './facts.ts';
import { JournalIndex, milestonesOfTable } from './known.ts';

const ADE = '00000000-0000-4000-8000-00000000a0de';
const BORN = '2008-10-01'; // 18 on 1 October 2026
const rules = TIMESCALE_RULES.filter((r) => r.id === 'exploitation-review');

const assessment = (id: string, occurredOn: string, recordedAt: string): JournalRow => ({
  id,
  childId: ADE,
  type: 'exploitation-assessment.low',
  occurredOn,
  scopeId: null,
  sourceId: id,
  category: null,
  deleted: false,
  recordedAt: Date.parse(recordedAt),
  changes: null,
});

// Low risk on 1 May 2026: the review is due 6 months later, 1 November, after the 18th birthday. The
// review held on 15 September was written up on 5 November, so on 3 November it was not yet recorded.
const journal = [
  assessment('00000000-0000-4000-8000-000000000001', '2026-05-01', '2026-05-01T10:00:00Z'),
  assessment('00000000-0000-4000-8000-000000000002', '2026-09-15', '2026-11-05T10:00:00Z'),
];
const derivation = (birthDates: ReadonlyMap<string, string>) => ({ rules, settings: {}, school: DEFAULT_SCHOOL_CALENDAR, milestones: milestonesOfTable([], rules, birthDates) });

describe('clocks as recorded by a past day end at 18 as the record’s do (decision 0049)', () => {
  const index = new JournalIndex(journal);

  it('a review recorded late makes the young person’s facts on 3 November differ from the record now', () => {
    expect([...index.changedSince('2026-11-03')]).toEqual([ADE]);
  });

  it('as recorded by 3 November, the review due after the 18th birthday was stopped on it, not overdue', () => {
    const known = index.knownOf(new Set([ADE]), '2026-11-03', derivation(new Map([[ADE, BORN]])));
    expect(known.clocks).toEqual([{ childId: ADE, ruleId: 'exploitation-review', scopeId: null, startedOn: '2026-05-01', dueOn: '2026-11-01', metOn: null, stoppedOn: '2026-10-01' }]);
  });

  it('the same clock as the record’s own derivation from the journal then, with the birthday milestone', () => {
    const known = index.knownOf(new Set([ADE]), '2026-11-03', derivation(new Map([[ADE, BORN]])));
    const record = deriveClocks([journal[0]!, ...comingOfAgeOf(ADE, BORN)], TIMESCALE_RULES, {}, DEFAULT_SCHOOL_CALENDAR).filter((c) => c.ruleId === 'exploitation-review');
    expect(known.clocks.map((c) => [c.startedOn, c.dueOn, c.metOn, c.stoppedOn])).toEqual(record.map((c) => [c.startedOn, c.dueOn, c.metOn, c.stoppedOn]));
  });

  it('without the date of birth the review would still be running, due on 1 November and late after it', () => {
    const known = index.knownOf(new Set([ADE]), '2026-11-03', derivation(new Map()));
    expect(known.clocks.map((c) => [c.dueOn, c.metOn, c.stoppedOn])).toEqual([['2026-11-01', null, null]]);
  });
});
