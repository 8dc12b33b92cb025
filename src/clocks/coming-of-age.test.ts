// Duties to a child end at 18 (decision 0049): the exploitation risk review of a young person who has
// turned 18 leaves the worker's due list and the manager's counts, through the record's own writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type TestApp } from '../../test/support/app.ts';
import type { SignedInUser } from '../access/policy.ts';
import { teamDueCounts } from '../my-work/repository.ts';
import { dueItems, dueSoonUntil } from './due-items.ts';
import { addChild, allocate, happened } from './test-fixtures.ts';

let t: TestApp;
let worker: SignedInUser;
let manager: SignedInUser;
const child: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  const { db } = t.ctx;
  const { users } = t;
  worker = { id: users.worker, username: 'worker', displayName: 'worker', role: 'social_worker', teamId: t.teams.safeguarding, agency: null };
  manager = { id: users.manager, username: 'manager', displayName: 'manager', role: 'team_manager', teamId: t.teams.safeguarding, agency: null };
  const add = async (key: string, firstName: string, dateOfBirth: string, level: 'high' | 'low', assessedOn: string) => {
    child[key] = await addChild(db, { firstName, lastName: 'Test', dateOfBirth }, users.admin);
    await allocate(db, child[key]!, users.worker, '2026-01-05', users.manager);
    await happened(db, child[key]!, `exploitation-assessment.${level}`, assessedOn, null, users.worker);
  };
  // Turned 18 on 1 October 2026; the review after a high-risk assessment was due on 31 August.
  await add('adult', 'Ade', '2008-10-01', 'high', '2026-08-03');
  // 17 on 20 November 2026; the review was due on 2 November.
  await add('child', 'Cal', '2009-03-01', 'high', '2026-10-05');
  // 17 now, 18 on 10 January 2027: the review after a low-risk assessment would fall due on 1 April 2027.
  await add('nearly', 'Nia', '2009-01-10', 'low', '2026-10-01');
});

afterAll(async () => {
  await t.close();
});

const reviewClocks = (key: string) =>
  t.ctx.db.selectFrom('clock').select(['due_on', 'met_on', 'stopped_on']).where('child_id', '=', child[key]!).where('rule_id', '=', 'exploitation-review').execute();

describe('the exploitation risk review ends at 18 (Children Act 1989 s.105(1); decision 0016 Consequences)', () => {
  it('a review missed before the 18th birthday stays unmet in the clock table (the figures count it late) but is no longer in the worker’s due list', async () => {
    expect(await reviewClocks('adult')).toEqual([{ due_on: '2026-08-31', met_on: null, stopped_on: null }]);
    const items = await dueItems(t.ctx.db, worker, { workerId: worker.id }, TEST_TODAY);
    expect(items.filter((i) => i.ruleId === 'exploitation-review').map((i) => [i.childName, i.dueOn, i.status])).toEqual([['Cal Test', '2026-11-02', 'overdue']]);
  });

  it('a review that would fall due after the 18th birthday is stopped on the birthday, so it is never listed', async () => {
    expect(await reviewClocks('nearly')).toEqual([{ due_on: '2027-04-01', met_on: null, stopped_on: '2027-01-10' }]);
    const items = await dueItems(t.ctx.db, worker, { childId: child['nearly']! }, TEST_TODAY);
    expect(items).toEqual([]);
  });

  it('the manager’s count of overdue work matches the worker’s list: the 17-year-old only', async () => {
    const counts = await teamDueCounts(t.ctx.db, manager, [t.teams.safeguarding], TEST_TODAY, dueSoonUntil(TEST_TODAY));
    expect(counts.find((c) => c.workerId === worker.id)).toEqual({ workerId: worker.id, overdue: 1, dueThisWeek: 0 });
  });
});
