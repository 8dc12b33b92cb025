import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type TestApp } from '../../test/support/app.ts';
import type { SignedInUser } from '../access/policy.ts';
import { dueItems, dueStatus, lateItems, workingDaysOverdue, type DueItem } from './due-items.ts';
import { addChild, allocate, happened } from './test-fixtures.ts';

let t: TestApp;
const child: Record<string, string> = {};
const as = (key: keyof TestApp['users'], role: SignedInUser['role'], teamId: string | null): SignedInUser => ({
  id: t.users[key],
  username: key,
  displayName: key,
  role,
  teamId,
  agency: null,
});
let worker: SignedInUser;
let manager: SignedInUser;
let otherWorker: SignedInUser;

const summary = (items: DueItem[]) => items.map((i) => [i.childName, i.ruleId, i.dueOn, i.status, i.workingDaysOverdue]);

beforeAll(async () => {
  t = await startTestApp();
  const db = t.ctx.db;
  const { users } = t;
  worker = as('worker', 'social_worker', t.teams.safeguarding);
  manager = as('manager', 'team_manager', t.teams.safeguarding);
  otherWorker = as('otherWorker', 'social_worker', t.teams.other);
  const add = async (key: string, firstName: string, workerId: string, extra: { restricted?: boolean; to?: string } = {}) => {
    child[key] = await addChild(db, { firstName, lastName: 'Test', laChildId: `LA-${key}`, dateOfBirth: '2018-05-01', restricted: extra.restricted ?? false }, users.admin);
    await allocate(db, child[key]!, workerId, '2026-01-05', users.manager, extra.to ?? null);
    return child[key]!;
  };
  // The worker's: a child protection plan started Monday 26 October (visit and core group due
  // Monday 9 November: 9 working days overdue on Friday 20 November) …
  await happened(db, await add('a', 'Amira', users.worker), 'cp-plan.started', '2026-10-26', randomUUID(), users.worker);
  // … a referral on Friday 25 September (assessment due 27 November: due soon) …
  await happened(db, await add('b', 'Ben', users.worker), 'referral.received', '2026-09-25', randomUUID(), users.worker);
  // … a plan that has ended (its clocks stopped) …
  const planG = randomUUID();
  await happened(db, await add('g', 'Gill', users.worker), 'cp-plan.started', '2026-09-07', planG, users.worker);
  await happened(db, child['g']!, 'cp-plan.ended', '2026-09-10', planG, users.worker);
  // … a child no longer allocated to them …
  await happened(db, await add('h', 'Hal', users.worker, { to: '2026-10-01' }), 'referral.received', '2026-10-20', randomUUID(), users.worker);
  // … and a restricted record, allocated to them but not granted.
  await happened(db, await add('e', 'Eve', users.worker, { restricted: true }), 's47.initiated', '2026-10-01', randomUUID(), users.admin);
  // The colleague's: a child in need plan (visit due 30 November), and a contact decided late.
  await happened(db, await add('c', 'Cara', users.colleague), 'cin-plan.started', '2026-11-02', randomUUID(), users.colleague);
  const contact = randomUUID();
  await happened(db, await add('d', 'Dan', users.colleague), 'contact.received', '2026-11-02', contact, users.colleague);
  await happened(db, child['d']!, 'contact.decided', '2026-11-05', contact, users.colleague);
  // A contact decided late, but more than 30 days ago.
  const old = randomUUID();
  await happened(db, await add('i', 'Ida', users.colleague), 'contact.received', '2026-10-01', old, users.colleague);
  await happened(db, child['i']!, 'contact.decided', '2026-10-05', old, users.colleague);
  // Another team's child, overdue.
  await happened(db, await add('f', 'Finn', users.otherWorker), 'cp-plan.started', '2026-10-26', randomUUID(), users.otherWorker);
});
afterAll(async () => t.close());

describe('due and overdue items', () => {
  it("lists a worker's open clocks for the children allocated to them, overdue first, with working days overdue", async () => {
    const items = await dueItems(t.ctx.db, worker, { workerId: worker.id }, TEST_TODAY);
    expect(summary(items)).toEqual([
      ['Amira Test', 'core-group', '2026-11-09', 'overdue', 9],
      ['Amira Test', 'cp-visit', '2026-11-09', 'overdue', 9],
      ['Ben Test', 'assessment-completed', '2026-11-27', 'due soon', 0],
      ['Amira Test', 'cp-review', '2027-01-26', 'upcoming', 0],
    ]);
    expect(items[1]).toMatchObject({ title: 'Visit the child (child protection plan)', laChildId: 'LA-a', allocatedTo: ['worker'] });
  });

  it('leaves out stopped clocks (the plan ended), ended allocations and restricted records without a grant', async () => {
    const names = (await dueItems(t.ctx.db, worker, { workerId: worker.id }, TEST_TODAY)).map((i) => i.childName);
    expect(names).not.toContain('Gill Test');
    expect(names).not.toContain('Hal Test');
    expect(names).not.toContain('Eve Test');
  });

  it('shows a restricted record once the worker has been given access to it', async () => {
    await t.ctx.db
      .insertInto('access_grant')
      .values({ id: randomUUID(), child_id: child['e']!, user_id: worker.id, reason: 'Allocated worker', granted_by: t.users.admin })
      .execute();
    const eve = (await dueItems(t.ctx.db, worker, { workerId: worker.id }, TEST_TODAY)).filter((i) => i.childName === 'Eve Test');
    // Section 47 started Thursday 1 October: conference due 22 October, 21 working days ago.
    expect(summary(eve)).toEqual([['Eve Test', 'initial-conference', '2026-10-22', 'overdue', 21]]);
    // The manager has no grant and still does not see it.
    const team = await dueItems(t.ctx.db, manager, { teamIds: [t.teams.safeguarding] }, TEST_TODAY);
    expect(team.map((i) => i.childName)).not.toContain('Eve Test');
  });

  it('"due" leaves out upcoming items and "overdue" leaves out those not yet due', async () => {
    const due = await dueItems(t.ctx.db, worker, { workerId: worker.id }, TEST_TODAY, { within: 'due' });
    expect(due.map((i) => i.status)).not.toContain('upcoming');
    expect(due.length).toBeGreaterThan(0);
    const overdue = await dueItems(t.ctx.db, worker, { workerId: worker.id }, TEST_TODAY, { within: 'overdue' });
    expect(overdue.every((i) => i.status === 'overdue')).toBe(true);
  });

  it("lists one child's clocks", async () => {
    const items = await dueItems(t.ctx.db, worker, { childId: child['c']! }, TEST_TODAY);
    // Child in need plan from Monday 2 November: a visit within 20 working days, a meeting within 6 weeks.
    expect(summary(items)).toEqual([
      ['Cara Test', 'cin-visit', '2026-11-30', 'upcoming', 0],
      ['Cara Test', 'cin-review', '2026-12-14', 'upcoming', 0],
    ]);
  });

  it("lists a team's clocks for children allocated to anyone in the team, with who holds each child", async () => {
    const items = await dueItems(t.ctx.db, manager, { teamIds: [t.teams.safeguarding] }, TEST_TODAY);
    const names = new Set(items.map((i) => i.childName));
    expect(names).toEqual(new Set(['Amira Test', 'Ben Test', 'Cara Test']));
    expect(items.find((i) => i.childName === 'Cara Test')?.allocatedTo).toEqual(['colleague']);
  });

  it("never shows another team's children, even when asked for that team", async () => {
    expect(await dueItems(t.ctx.db, otherWorker, { teamIds: [t.teams.safeguarding] }, TEST_TODAY)).toEqual([]);
    expect(await dueItems(t.ctx.db, worker, { workerId: otherWorker.id }, TEST_TODAY)).toEqual([]);
    expect(await dueItems(t.ctx.db, manager, { teamIds: [] }, TEST_TODAY)).toEqual([]);
  });

  it('lists work done late in the last 30 days with how many working days late', async () => {
    const late = await lateItems(t.ctx.db, manager, { teamIds: [t.teams.safeguarding] }, TEST_TODAY);
    // Contact on Monday 2 November, decision due Tuesday 3rd, made Thursday 5th: 2 working days late.
    // Ida's, decided late on 5 October, is more than 30 days ago.
    expect(late.map((i) => [i.childName, i.ruleId, i.dueOn, i.metOn, i.workingDaysLate])).toEqual([
      ['Dan Test', 'contact-decision', '2026-11-03', '2026-11-05', 2],
    ]);
  });
});

describe('due status', () => {
  it('is due soon from today to the 5th working day ahead, overdue from the day after the due date', () => {
    // Friday 20 November 2026: the 5th working day ahead is Friday 27th.
    expect(dueStatus('2026-11-20', '2026-11-20')).toBe('due soon');
    expect(dueStatus('2026-11-27', '2026-11-20')).toBe('due soon');
    expect(dueStatus('2026-11-30', '2026-11-20')).toBe('upcoming');
    expect(dueStatus('2026-11-19', '2026-11-20')).toBe('overdue');
    expect(dueStatus('2031-06-01', '2026-11-20')).toBe('upcoming'); // beyond the calendar's years: no error
  });

  it('counts working days overdue, so a Friday deadline is 1 working day overdue on Monday and over Christmas', () => {
    expect(workingDaysOverdue('2026-11-20', '2026-11-21')).toBe(0); // Saturday: overdue, no working day lost yet
    expect(dueStatus('2026-11-20', '2026-11-21')).toBe('overdue');
    expect(workingDaysOverdue('2026-11-20', '2026-11-23')).toBe(1);
    // Thursday 24 December 2026 to Tuesday 29th: Christmas Day (Fri) and Boxing Day's substitute (Mon 28th) don't count.
    expect(workingDaysOverdue('2026-12-24', '2026-12-29')).toBe(1);
  });
});
