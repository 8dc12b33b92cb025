// The team a row of a figure is counted in (figures by team): the team of the child's allocation on the
// day of the fact that counted them, and on a day the case changed hands, the team holding the child at
// the end of that day, whatever order the allocations were read in (decision 0074).
import { describe, expect, it } from 'vitest';
import { allocationsByChild, teamOn } from './counting.ts';
import type { AllocationFact } from './facts.ts';

const allocation = (id: string, team: string, fromDate: string, toDate: string | null, more: Partial<AllocationFact> = {}): AllocationFact => ({
  id,
  childId: 'child',
  workerId: `worker-${id}`,
  workerName: `Worker ${id}`,
  role: 'social_worker',
  fromDate,
  toDate,
  teamId: team,
  teamName: team,
  recordedAt: 0,
  ...more,
});

/** The team on the day, with the allocations read in the order given and in the reverse order: the same either way. */
function teamOnDay(allocations: AllocationFact[], day: string): string | null {
  const forwards = teamOn(allocationsByChild(allocations), 'child', day)?.name ?? null;
  const backwards = teamOn(allocationsByChild([...allocations].reverse()), 'child', day)?.name ?? null;
  expect(backwards).toBe(forwards);
  return forwards;
}

describe('a child’s team on the day of a fact (figures by team)', () => {
  // Safeguarding Team 1 held the case until it was transferred to the Children in Care Team on 10 March
  // 2026: the old allocation ends that day (to_date 10 March) and the new one starts it.
  const transfer = [allocation('a', 'Safeguarding Team 1', '2025-06-01', '2026-03-10'), allocation('b', 'Children in Care Team', '2026-03-10', null)];

  it('on a handover day, the team that holds the child at the end of the day, whichever allocation is read first', () => {
    expect(teamOnDay(transfer, '2026-03-09')).toBe('Safeguarding Team 1');
    expect(teamOnDay(transfer, '2026-03-10')).toBe('Children in Care Team');
    expect(teamOnDay(transfer, '2026-03-11')).toBe('Children in Care Team');
  });

  it('a case closed on a day with no one after: the team that held it that day', () => {
    expect(teamOnDay([allocation('a', 'Safeguarding Team 1', '2025-06-01', '2026-03-10')], '2026-03-10')).toBe('Safeguarding Team 1');
    expect(teamOnDay([allocation('a', 'Safeguarding Team 1', '2025-06-01', '2026-03-10')], '2026-03-11')).toBeNull();
  });

  it('two allocations started on the same day: the one still running at its end, then the one recorded last, then the highest id', () => {
    // Allocated to one team in the morning and moved to another the same day.
    const sameDay = [allocation('a', 'Safeguarding Team 1', '2026-03-10', '2026-03-10'), allocation('b', 'Safeguarding Team 2', '2026-03-10', null)];
    expect(teamOnDay(sameDay, '2026-03-10')).toBe('Safeguarding Team 2');
    // Both still running (an imported record): the one recorded last, then the highest id.
    const recorded = [allocation('a', 'Safeguarding Team 1', '2026-03-10', null, { recordedAt: 2000 }), allocation('b', 'Safeguarding Team 2', '2026-03-10', null, { recordedAt: 1000 })];
    expect(teamOnDay(recorded, '2026-03-10')).toBe('Safeguarding Team 1');
    const twins = [allocation('a', 'Safeguarding Team 1', '2026-03-10', null), allocation('b', 'Safeguarding Team 2', '2026-03-10', null)];
    expect(teamOnDay(twins, '2026-03-10')).toBe('Safeguarding Team 2');
  });

  it('two allocations running on through the day: the one started last', () => {
    const overlapping = [allocation('a', 'Safeguarding Team 1', '2026-03-12', null), allocation('b', 'Safeguarding Team 2', '2026-01-01', null, { recordedAt: 5000 })];
    expect(teamOnDay(overlapping, '2026-03-12')).toBe('Safeguarding Team 1');
    expect(teamOnDay(overlapping, '2026-03-11')).toBe('Safeguarding Team 2');
  });

  it('the social worker’s team before another role’s, even one that holds the child at the end of the day', () => {
    const roles = [allocation('a', 'Safeguarding Team 1', '2025-06-01', '2026-03-10'), allocation('b', 'Early Help Team', '2026-03-10', null, { role: 'family_support_worker' })];
    expect(teamOnDay(roles, '2026-03-10')).toBe('Safeguarding Team 1');
    expect(teamOnDay(roles, '2026-03-11')).toBe('Early Help Team');
    // A social worker without a team gives none: another role's team is used.
    expect(teamOnDay([allocation('a', '', '2025-06-01', null, { teamId: null, teamName: null }), roles[1]!], '2026-03-11')).toBe('Early Help Team');
  });
});
