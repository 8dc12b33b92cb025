import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { addChild, allocate, happened } from '../clocks/test-fixtures.ts';
import { registerWorkPanel } from './panels.ts';
import { ageText } from './service.ts';

let t: TestApp;
let worker: Agent;
let manager: Agent;
const child: Record<string, string> = {};

/** The text of the page without tags, so that assertions read as what a user sees. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await startTestApp();
  const db = t.ctx.db;
  const { users } = t;
  const add = async (key: string, firstName: string, lastName: string, workerId: string, dateOfBirth = '2018-05-01') => {
    child[key] = await addChild(db, { firstName, lastName, laChildId: `LA-${key}`, dateOfBirth }, users.admin);
    await allocate(db, child[key]!, workerId, '2026-03-02', users.manager);
    return child[key]!;
  };
  // Worker: one child overdue (CP plan from 26 October), one due soon (referral 25 September), one with nothing due.
  await happened(db, await add('a', 'Amira', 'Ahmed', users.worker), 'cp-plan.started', '2026-10-26', randomUUID(), users.worker);
  await happened(db, await add('b', 'Ben', 'Brown', users.worker, '2026-06-10'), 'referral.received', '2026-09-25', randomUUID(), users.worker);
  await add('z', 'Zara', 'Zed', users.worker);
  // Colleague: a contact decided two working days late; a child protection plan overdue.
  const contact = randomUUID();
  await happened(db, await add('c', 'Cara', 'Cole', users.colleague), 'contact.received', '2026-11-02', contact, users.colleague);
  await happened(db, child['c']!, 'contact.decided', '2026-11-05', contact, users.colleague);
  await happened(db, await add('d', 'Dan', 'Dale', users.colleague), 'cp-plan.started', '2026-10-26', randomUUID(), users.colleague);
  // Another team.
  await happened(db, await add('f', 'Finn', 'Ford', users.otherWorker), 'cp-plan.started', '2026-10-26', randomUUID(), users.otherWorker);
  worker = await t.signIn('worker');
  manager = await t.signIn('manager');
});
afterAll(async () => t.close());

describe('My work for a social worker', () => {
  it('lists my children with their LA id and age, each linked to the record', async () => {
    const page = await worker.get('/');
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain('My children');
    expect(page.body).toContain(`href="/children/${child['a']}"`);
    expect(page.body).toContain(`href="/children/${child['z']}"`);
    expect(body).toMatch(/Amira Ahmed LA-a 8 years/);
    expect(body).toMatch(/Ben Brown LA-b 5 months/);
    expect(body).not.toContain('Finn Ford');
    expect(body).not.toContain('Dan Dale'); // the colleague's child is not on my list
  });

  it('shows what is due: overdue first with working days overdue, then due soon, and not what is weeks away', async () => {
    const body = text((await worker.get('/')).body);
    expect(body).toContain('2 overdue and 1 due in the next 5 working days');
    expect(body).toMatch(/Amira Ahmed LA id LA-a Visit the child \(child protection plan\) 9 November 2026 Overdue 9 working days/);
    expect(body.indexOf('Overdue')).toBeLessThan(body.indexOf('Due soon'));
    expect(body).toMatch(/Ben Brown LA id LA-b Complete the child and family assessment 27 November 2026 Due soon/);
    expect(body).not.toContain('Hold the child protection review conference'); // due January
  });

  it('shows no team sections to a worker', async () => {
    const body = text((await worker.get('/')).body);
    expect(body).not.toContain('Caseloads');
    expect(body).not.toContain('Overdue in your team');
  });

  it('marks "My work" as the current page in the navigation', async () => {
    const page = await worker.get('/');
    expect(page.body).toMatch(/<li class="govuk-service-navigation__item govuk-service-navigation__item--active">\s*<a class="govuk-service-navigation__link" href="\/" aria-current="(page|true)">/);
  });

  it('gives the same through the API', async () => {
    const response = await worker.get('/api/v1/my-work');
    expect(response.statusCode).toBe(200);
    const json = response.json() as { children: { name: string; laChildId: string; age: string }[]; due: { childName: string; status: string; workingDaysOverdue: number }[]; team: unknown };
    expect(json.children.map((c) => c.name)).toEqual(['Amira Ahmed', 'Ben Brown', 'Zara Zed']);
    expect(json.due.map((d) => [d.childName, d.status, d.workingDaysOverdue])).toEqual([
      ['Amira Ahmed', 'overdue', 9],
      ['Amira Ahmed', 'overdue', 9],
      ['Ben Brown', 'due soon', 0],
    ]);
    expect(json.team).toBeNull();
  });
});

describe('My work for a team manager', () => {
  it("shows one row per worker: children, overdue and due this week, each number linked to that worker's list, not every overdue item", async () => {
    const page = await manager.get('/');
    const body = text(page.body);
    expect(body).toContain('Your team: Safeguarding Team 1');
    expect(body).toContain('4 overdue and 1 due in the next 5 working days, for the children allocated to your team');
    expect(body).toMatch(/colleague 2 children allocated to colleague 2 overdue for colleague’s children 0/);
    expect(body).toMatch(/worker 3 children allocated to worker 2 overdue for worker’s children 1 due this week for worker’s children/);
    expect(body).toMatch(/manager 0 children allocated to manager 0 0/);
    expect(body).not.toContain('otherworker');
    expect(page.body).toContain(`href="/my-work/workers/${t.users.worker}"`);
    expect(page.body).toContain(`href="/my-work/workers/${t.users.worker}?show=overdue"`);
    expect(page.body).toContain(`href="/my-work/workers/${t.users.worker}?show=week"`);
    // The items themselves are behind the numbers: the team's children are not listed one by one.
    expect(body).not.toContain('Overdue in your team');
    expect(body).not.toContain('Dan Dale');
    expect(body).not.toContain('Finn Ford');
  });

  it('still lists what was done late in the last 30 days, with who holds each child', async () => {
    const body = text((await manager.get('/')).body);
    const late = body.slice(body.indexOf('Done late'));
    expect(late).toMatch(/Cara Cole LA id LA-c Decide what happens with the contact 3 November 2026 5 November 2026 2 colleague/);
  });

  it('lists behind each count only what it counted', async () => {
    const overdue = text((await manager.get(`/my-work/workers/${t.users.worker}?show=overdue`)).body);
    expect(overdue).toContain('Overdue (2)');
    expect(overdue).toMatch(/Amira Ahmed .*Overdue/);
    expect(overdue).not.toContain('Ben Brown LA id'); // due this week, not overdue
    const week = text((await manager.get(`/my-work/workers/${t.users.worker}?show=week`)).body);
    expect(week).toContain('Due this week (1)');
    expect(week).toMatch(/Ben Brown LA id LA-b Complete the child and family assessment 27 November 2026 Due soon/);
    expect(week).not.toContain('Amira Ahmed LA id');
  });

  it("opens a worker's caseload behind the number", async () => {
    const page = await manager.get(`/my-work/workers/${t.users.worker}`);
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain('worker’s caseload');
    expect(body).toContain('Children allocated (3)');
    expect(body).toContain('Zara Zed');
    expect(body).toContain('Hold the child protection review conference'); // every open clock, not just the due ones
  });

  it("includes the team in the API, and the counts behind My work", async () => {
    const json = (await manager.get('/api/v1/my-work')).json() as { team: { caseloads: { displayName: string; children: number }[]; late: unknown[] } };
    expect(json.team.caseloads).toContainEqual(expect.objectContaining({ displayName: 'worker', children: 3 }));
    expect(json.team.late).toHaveLength(1);
    const team = (await manager.get('/api/v1/my-work/team')).json() as { workers: { displayName: string; children: number; overdue: number; dueThisWeek: number }[] };
    expect(team.workers).toContainEqual(expect.objectContaining({ displayName: 'worker', children: 3, overdue: 2, dueThisWeek: 1 }));
  });

  it("refuses a caseload page for a worker in a team they do not manage, and to other workers; a senior leader may look", async () => {
    expect((await manager.get(`/my-work/workers/${t.users.otherWorker}`)).statusCode).toBe(403);
    expect((await manager.get(`/api/v1/my-work/workers/${t.users.otherWorker}`)).statusCode).toBe(403);
    expect((await worker.get(`/my-work/workers/${t.users.colleague}`)).statusCode).toBe(403);
    // An analyst opens the workers behind the caseloads page's figures (src/workforce, decision 0023).
    expect((await (await t.signIn('analyst')).get(`/my-work/workers/${t.users.worker}`)).statusCode).toBe(200);
    expect((await (await t.signIn('frontDoor')).get(`/my-work/workers/${t.users.worker}`)).statusCode).toBe(403);
    expect((await worker.get(`/my-work/workers/${t.users.worker}`)).statusCode).toBe(200);
    const leader = await (await t.signIn('leader')).get(`/my-work/workers/${t.users.otherWorker}`);
    expect(leader.statusCode).toBe(200);
    expect(text(leader.body)).toContain('Finn Ford');
    expect((await worker.get('/my-work/workers/not-a-uuid')).statusCode).toBe(404);
    expect((await manager.get('/my-work/workers/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('counts a restricted record in the caseload but does not name it', async () => {
    const sealed = await addChild(t.ctx.db, { firstName: 'Sealed', lastName: 'Record', laChildId: 'LA-s', restricted: true }, t.users.admin);
    await allocate(t.ctx.db, sealed, t.users.colleague, '2026-03-02', t.users.manager);
    const home = text((await manager.get('/')).body);
    expect(home).toMatch(/colleague 3 children allocated to colleague/);
    const page = text((await manager.get(`/my-work/workers/${t.users.colleague}`)).body);
    expect(page).toContain('1 more child is allocated whose records are restricted');
    expect(page).not.toContain('Sealed');
  });
});

describe('My work for other roles', () => {
  it('shows a front door worker the front door queue even when it is empty, saying so', async () => {
    const frontDoor = await t.signIn('frontDoor');
    const page = await frontDoor.get('/');
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Contacts awaiting a decision No contacts are waiting for a decision.');
  });

  it('shows the contacts awaiting a decision to a manager of the front door team, and not to other team managers', async () => {
    const manager = await t.signIn('manager');
    expect(text((await manager.get('/')).body)).not.toContain('Contacts awaiting a decision');
    const before = await t.ctx.db.selectFrom('team').select('manager_id').where('id', '=', t.teams.frontDoor).executeTakeFirstOrThrow();
    await t.ctx.db.updateTable('team').set({ manager_id: t.users.manager }).where('id', '=', t.teams.frontDoor).execute();
    try {
      expect(text((await manager.get('/')).body)).toContain('Contacts awaiting a decision');
    } finally {
      await t.ctx.db.updateTable('team').set({ manager_id: before.manager_id }).where('id', '=', t.teams.frontDoor).execute();
    }
  });

  it('shows front door workers their own work and the panels other areas register', async () => {
    registerWorkPanel({
      id: 'test-awaiting-decision',
      title: 'Contacts awaiting a decision',
      roles: ['front_door_worker'],
      load: async () => [{ childId: child['a'], childName: 'Amira Ahmed', receivedOn: '2026-11-19' }],
      template: 'my-work/views/panels/children.njk',
    });
    registerWorkPanel({ id: 'test-empty', title: 'Nothing to see', roles: ['front_door_worker'], load: async () => [], template: 'x.njk' });
    registerWorkPanel({ id: 'test-empty-said', title: 'Strategy discussions today', roles: ['front_door_worker'], load: async () => [], template: 'x.njk', emptyText: 'None today.' });
    // Null: the role has the panel but this user does not (its empty text is not shown either).
    registerWorkPanel({ id: 'test-not-theirs', title: 'Another team’s queue', roles: ['front_door_worker'], load: async () => null, template: 'x.njk', emptyText: 'Nothing queued.' });
    registerWorkPanel({
      id: 'test-broken',
      title: 'Broken list',
      roles: ['front_door_worker'],
      load: async () => {
        throw new Error('boom');
      },
      template: 'x.njk',
    });
    const frontDoor = await t.signIn('frontDoor');
    const page = await frontDoor.get('/');
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Contacts awaiting a decision');
    expect(body).toMatch(/19 November 2026 Amira Ahmed/);
    expect(body).not.toContain('Nothing to see');
    expect(body).toContain('Strategy discussions today None today.');
    expect(body).not.toContain('Another team’s queue');
    expect(body).toContain('Broken list Sorry, this list could not be loaded');
    expect(body).toContain('My children');
    // A worker does not get the front door's panels.
    expect(text((await worker.get('/')).body)).not.toContain('Contacts awaiting a decision');
  });

  it('points senior leaders and analysts to finding a child', async () => {
    for (const who of ['leader', 'analyst'] as const) {
      const page = await (await t.signIn(who)).get('/');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('href="/children"');
      expect(text(page.body)).toContain('Find a child');
      expect(text(page.body)).not.toContain('My children');
    }
  });

  it('sends administrators to the audit log', async () => {
    const page = await (await t.signIn('admin')).get('/');
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toBe('/admin/audit');
  });

  it('tells a partner agency user what they can do, and shows no list of referrals before they have made one', async () => {
    const partner = await t.signIn('partner');
    const page = await partner.get('/');
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain('you can make a referral');
    // The front door area provides the form; without it the page says the service is not available yet.
    expect(page.body).toContain('href="/referrals/new"');
    expect(page.body).not.toContain('<table');
    expect(text(page.body)).not.toContain('Amira');
  });

});

describe("a manager's counts and the lists behind them count only what is still open", () => {
  const colleagueRow = async () => {
    const team = (await manager.get('/api/v1/my-work/team')).json() as { workers: { workerId: string; overdue: number; dueThisWeek: number }[] };
    return team.workers.find((w) => w.workerId === t.users.colleague)!;
  };
  const overdueRows = async () => {
    const body = (await manager.get(`/my-work/workers/${t.users.colleague}?show=overdue`)).body;
    return (body.split('<tbody class="govuk-table__body">')[1] ?? '').split('</tbody>')[0]!.split('</tr>').map(text).filter((r) => r.trim());
  };

  it('drops a visit once it is done, a plan once it has ended, and a child once they are allocated to someone else', async () => {
    const { users } = t;
    const db = t.ctx.db;
    const before = await colleagueRow();
    expect(before.overdue).toBe((await overdueRows()).length);

    // Gina: on a child protection plan since 26 October, so the visit and the core group are overdue.
    const ginaPlan = randomUUID();
    const gina = await addChild(db, { firstName: 'Gina', lastName: 'Gale', laChildId: 'LA-g', dateOfBirth: '2017-01-01' }, users.admin);
    await allocate(db, gina, users.colleague, '2026-03-02', users.manager);
    await happened(db, gina, 'cp-plan.started', '2026-10-26', ginaPlan, users.colleague);
    // Hal: the same, but the plan ended on Wednesday: nothing of it is open.
    const halPlan = randomUUID();
    const hal = await addChild(db, { firstName: 'Hal', lastName: 'Hart', laChildId: 'LA-h', dateOfBirth: '2017-01-01' }, users.admin);
    await allocate(db, hal, users.colleague, '2026-03-02', users.manager);
    await happened(db, hal, 'cp-plan.started', '2026-10-26', halPlan, users.colleague);
    await happened(db, hal, 'cp-plan.ended', '2026-11-18', halPlan, users.colleague);
    // Ivy: overdue too, but reallocated from the colleague to a worker in another team on 1 November.
    const ivy = await addChild(db, { firstName: 'Ivy', lastName: 'Ives', laChildId: 'LA-i', dateOfBirth: '2017-01-01' }, users.admin);
    await allocate(db, ivy, users.colleague, '2026-03-02', users.manager, '2026-11-01');
    await allocate(db, ivy, users.otherWorker, '2026-11-01', users.manager);
    await happened(db, ivy, 'cp-plan.started', '2026-10-26', randomUUID(), users.otherWorker);

    expect((await colleagueRow()).overdue).toBe(before.overdue + 2);
    let rows = await overdueRows();
    expect(rows.filter((r) => r.includes('Gina Gale'))).toHaveLength(2);
    expect(rows.join()).not.toContain('Hal Hart');
    expect(rows.join()).not.toContain('Ivy Ives');

    // The visit is done (a day late): it leaves the count and the list; the next one is not yet due.
    await happened(db, gina, 'visit.cp', '2026-11-19', ginaPlan, users.colleague);
    expect((await colleagueRow()).overdue).toBe(before.overdue + 1);
    rows = await overdueRows();
    expect(rows).toHaveLength(before.overdue + 1);
    expect(rows.filter((r) => r.includes('Gina Gale'))).toEqual([expect.stringContaining('Hold the core group meeting')]);
  });
});

describe('ages', () => {
  it('says years from one year old, months before, and "Unborn" for an unborn child', () => {
    expect(ageText({ kind: 'child', dateOfBirth: '2018-05-01' }, '2026-11-20')).toBe('8 years');
    expect(ageText({ kind: 'child', dateOfBirth: '2025-11-20' }, '2026-11-20')).toBe('1 year');
    expect(ageText({ kind: 'child', dateOfBirth: '2025-11-21' }, '2026-11-20')).toBe('11 months');
    expect(ageText({ kind: 'child', dateOfBirth: '2026-11-01' }, '2026-11-20')).toBe('Under 1 month');
    expect(ageText({ kind: 'unborn', dateOfBirth: null }, '2026-11-20')).toBe('Unborn');
    expect(ageText({ kind: 'child', dateOfBirth: null }, '2026-11-20')).toBe('Not known');
  });
});
