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
  it("shows each worker's caseload, with the number linked to their children", async () => {
    const page = await manager.get('/');
    const body = text(page.body);
    expect(body).toContain('Caseloads in Safeguarding Team 1');
    expect(body).toMatch(/colleague 2 children allocated to colleague/);
    expect(body).toMatch(/worker 3 children allocated to worker/);
    expect(body).toMatch(/manager 0 children allocated to manager/);
    expect(body).not.toContain('otherworker');
    expect(page.body).toContain(`href="/my-work/workers/${t.users.worker}"`);
  });

  it("shows the team's overdue work with who holds each child, and what was done late in the last 30 days", async () => {
    const body = text((await manager.get('/')).body);
    const overdue = body.slice(body.indexOf('Overdue in your team'), body.indexOf('Done late'));
    expect(overdue).toContain('Amira Ahmed');
    expect(overdue).toContain('Dan Dale');
    expect(overdue).toMatch(/Dan Dale LA id LA-d .* colleague/);
    expect(overdue).not.toContain('Ben Brown'); // due soon, not overdue
    expect(overdue).not.toContain('Finn Ford');
    const late = body.slice(body.indexOf('Done late'));
    expect(late).toMatch(/Cara Cole LA id LA-c Decide what happens with the contact 3 November 2026 5 November 2026 2 colleague/);
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

  it("includes the team in the API", async () => {
    const json = (await manager.get('/api/v1/my-work')).json() as { team: { caseloads: { displayName: string; children: number }[]; late: unknown[] } };
    expect(json.team.caseloads).toContainEqual(expect.objectContaining({ displayName: 'worker', children: 3 }));
    expect(json.team.late).toHaveLength(1);
  });

  it("refuses a caseload page for a worker in a team they do not manage, and to other workers", async () => {
    expect((await manager.get(`/my-work/workers/${t.users.otherWorker}`)).statusCode).toBe(403);
    expect((await worker.get(`/my-work/workers/${t.users.colleague}`)).statusCode).toBe(403);
    expect((await worker.get(`/my-work/workers/${t.users.worker}`)).statusCode).toBe(200);
    expect((await worker.get('/my-work/workers/not-a-uuid')).statusCode).toBe(404);
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
