// The service overview (issue 8: oversight, supervision, caseloads and audit actions visible to the
// manager and "the line above"): each role sees the right teams, each count equals the rows of the list
// it opens for that team, a child held by two teams counts once in the total, and a worker is refused.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type Agent, type TestApp } from '../../test/support/app.ts';
import { createUser, setTeamManager } from '../access/users.ts';
import type { SignedInUser } from '../access/policy.ts';
import { makeChild, openEpisode, textOf } from '../plans/test-helpers.ts';
import { teamsInViewOf } from './managed-teams.ts';
import { MEASURES, type MeasureKey } from './service.ts';

let t: TestApp;
let leader: Agent;
let manager: Agent;
let analyst: Agent;
let secondManager: string;
let director: string;
let childA: string;
let childB: string;
let childC: string;

const profile = (userId: string, values: { line_manager_id?: string | null; fte?: number } = {}) =>
  t.ctx.db
    .insertInto('worker_profile')
    .values({ user_id: userId, employment: 'permanent', fte: 1, recorded_by: t.users.admin, qualified_on: '2012-07-01', started_on: '2019-09-02', asye_completed_on: null, line_manager_id: null, ...values })
    .execute();

const allocate = (childId: string, workerId: string, fromDate: string, toDate: string | null = null) =>
  t.ctx.db.insertInto('allocation').values({ id: randomUUID(), child_id: childId, worker_id: workerId, role: 'social_worker', from_date: fromDate, to_date: toDate, recorded_by: t.users.manager }).execute();

const oversightOverdue = (childId: string, dueOn: string) =>
  t.ctx.db.insertInto('clock').values({ id: randomUUID(), child_id: childId, rule_id: 'management-oversight', scope_id: null, start_event_id: randomUUID(), started_on: '2026-09-01', due_on: dueOn, met_on: null, met_event_id: null, stopped_on: null }).execute();

const action = (childId: string, source: 'oversight' | 'supervision' | 'audit', dueOn: string, status: 'not_started' | 'done' = 'not_started') =>
  t.ctx.db
    .insertInto('case_action')
    .values({ id: randomUUID(), child_id: childId, source, source_id: randomUUID(), description: `Ask the school for attendance (${source})`, owner: 'Social worker', owner_user_id: t.users.worker, due_on: dueOn, status, status_reason: null, completed_on: status === 'done' ? '2026-11-05' : null, recorded_by: t.users.manager })
    .execute();

const userOf = (id: string, role: SignedInUser['role']): SignedInUser => ({ id, username: id, displayName: id, role, teamId: null, agency: null });

/** The counts on the overview as { href, n }, in table order. */
function countsOn(html: string) {
  return [...html.matchAll(/<a class="govuk-link" href="([^"]+)">(\d+)<span/g)].map((m) => ({ href: m[1]!.replace(/&amp;/g, '&'), n: Number(m[2]) }));
}

/** The rows of each list, as a user would count them. */
const ROWS_ON: Record<MeasureKey, (html: string) => number> = {
  // The caseloads page for a team: the children of each worker, summed.
  openCases: (html) => [...html.matchAll(/href="\/my-work\/workers\/[^"]+">(\d+)<span/g)].reduce((n, m) => n + Number(m[1]), 0),
  noOversight: (html) => (html.match(/href="\/children\/[^"]+\/oversight"/g) ?? []).length,
  drift: (html) => (html.match(/href="\/children\/[^"]+\/oversight"/g) ?? []).length,
  noSupervision: (html) => (html.match(/href="\/children\/[^"]+\/supervision"/g) ?? []).length,
  overCaseload: (html) => (html.match(/href="\/my-work\/workers\//g) ?? []).length,
  manyWorkers: (html) => (html.match(/<a class="govuk-link" href="\/children\/[0-9a-f-]+">/g) ?? []).length,
  actionsOverdue: (html) => (html.match(/href="\/children\/[^"]+\/actions"/g) ?? []).length,
  transfersWaiting: (html) => Math.max(0, (html.match(/class="govuk-table__row"/g) ?? []).length - 1),
};

/** The counts come row by row, in the order of MEASURES. */
const withMeasures = (counts: { href: string; n: number }[]) => counts.map((c, i) => ({ ...c, key: MEASURES[i % MEASURES.length]!.key }));

beforeAll(async () => {
  t = await startTestApp();
  // The leader is head of service: the line manager of both teams' managers.
  secondManager = await createUser(t.ctx.db, { username: 'manager2', displayName: 'Second Manager', role: 'team_manager', teamId: t.teams.other, agency: null, password: TEST_PASSWORD });
  await setTeamManager(t.ctx.db, t.teams.other, secondManager);
  director = await createUser(t.ctx.db, { username: 'director', displayName: 'Director', role: 'senior_leader', teamId: null, agency: null, password: TEST_PASSWORD });
  await profile(t.users.manager, { line_manager_id: t.users.leader });
  await profile(secondManager, { line_manager_id: t.users.leader });
  // A worker on a twentieth of full-time hours is above their limit with two children.
  await profile(t.users.worker, { fte: 0.05 });

  childA = await makeChild(t, { firstName: 'Amara' });
  childB = await makeChild(t, { firstName: 'Bilal' });
  await allocate(childB, t.users.otherWorker, '2026-02-02');
  // Three social workers in 12 months, held now by the second team.
  childC = await makeChild(t, { firstName: 'Chloe', allocatedTo: null });
  await allocate(childC, t.users.colleague, '2026-01-05', '2026-04-30');
  await allocate(childC, t.users.worker, '2026-05-01', '2026-08-31');
  await allocate(childC, t.users.otherWorker, '2026-09-01');

  // A child in need case with nothing recorded since the referral in March: drifting (N14 ¶40).
  await openEpisode(t, await makeChild(t, { firstName: 'Dara' }), '2026-03-02');

  await oversightOverdue(childA, '2026-11-02');
  await oversightOverdue(childB, '2026-10-20');
  await action(childA, 'audit', '2026-11-10');
  await action(childB, 'oversight', '2026-11-01');
  await action(childB, 'audit', '2026-12-15');
  await action(childA, 'supervision', '2026-11-01', 'done');
  await t.ctx.db
    .insertInto('case_transfer')
    .values({ id: randomUUID(), child_id: childC, from_team_id: t.teams.other, to_team_id: t.teams.safeguarding, requested_on: '2026-11-16', reason: 'The family moved into the team’s area', status: 'requested', recorded_by: secondManager })
    .execute();

  [leader, manager, analyst] = await Promise.all([t.signIn('leader'), t.signIn('manager'), t.signIn('analyst')]);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('which teams each role sees (issue 8: the manager and the line above)', () => {
  it('a team manager sees their team; the head of service the teams of the managers they line-manage; an analyst and a director every team', async () => {
    const names = async (id: string, role: SignedInUser['role']) => (await teamsInViewOf(t.ctx.db, userOf(id, role))).teams.map((team) => team.name);
    expect(await names(t.users.manager, 'team_manager')).toEqual(['Safeguarding Team 1']);
    expect(await names(t.users.leader, 'senior_leader')).toEqual(['Safeguarding Team 1', 'Safeguarding Team 2']);
    expect(await names(t.users.analyst, 'performance_analyst')).toEqual(['Front Door', 'Safeguarding Team 1', 'Safeguarding Team 2']);
    expect((await teamsInViewOf(t.ctx.db, userOf(director, 'senior_leader'))).every).toBe(true);
    expect(await names(t.users.worker, 'social_worker')).toEqual([]);
  });

  it('the overview page shows those teams, one row each and a total', async () => {
    const ofLeader = textOf((await leader.get('/service-overview')).body);
    expect(ofLeader).toContain('Safeguarding Team 1');
    expect(ofLeader).toContain('Safeguarding Team 2');
    expect(ofLeader).not.toContain('Front Door');
    expect(ofLeader).toContain('All teams');
    const ofManager = textOf((await manager.get('/service-overview')).body);
    expect(ofManager).toContain('Safeguarding Team 1');
    expect(ofManager).not.toContain('Safeguarding Team 2');
    expect(textOf((await analyst.get('/service-overview')).body)).toContain('Front Door');
  });

  it('a social worker is refused (403)', async () => {
    const worker = await t.signIn('worker');
    expect((await worker.get('/service-overview')).statusCode).toBe(403);
  });
});

describe('each count opens its list for the team, and equals the rows on it (issue 8)', () => {
  it('for the head of service, every count on every team’s row', async () => {
    const page = await leader.get('/service-overview');
    expect(page.statusCode).toBe(200);
    const counts = withMeasures(countsOn(page.body));
    expect(counts).toHaveLength(2 * MEASURES.length);
    const seen = new Set<MeasureKey>();
    for (const { href, n, key } of counts) {
      const list = await leader.get(href);
      expect(list.statusCode, href).toBe(200);
      expect(ROWS_ON[key](list.body), `${key}: ${href}`).toBe(n);
      if (n > 0) seen.add(key);
    }
    // The data gives every measure something to count.
    expect([...seen].sort()).toEqual(MEASURES.map((m) => m.key).sort());
  });

  it('a team manager’s counts equal their lists too', async () => {
    for (const { href, n, key } of withMeasures(countsOn((await manager.get('/service-overview')).body))) {
      expect(ROWS_ON[key]((await manager.get(href)).body), href).toBe(n);
    }
  });

  it('the API gives the same counts, with the list each opens', async () => {
    const page = withMeasures(countsOn((await leader.get('/service-overview')).body));
    const api = (await leader.get('/api/v1/service-overview')).json() as { teams: { counts: Record<MeasureKey, number>; lists: Record<MeasureKey, string> }[] };
    expect(api.teams.flatMap((team) => MEASURES.map((m) => ({ href: team.lists[m.key], n: team.counts[m.key], key: m.key })))).toEqual(page);
  });

  it('a child held by two teams counts in each team’s row but once in the total', async () => {
    const text = textOf((await leader.get('/service-overview')).body);
    const counts = withMeasures(countsOn((await leader.get('/service-overview')).body));
    const oversight = counts.filter((c) => c.key === 'noOversight').map((c) => c.n);
    expect(oversight).toEqual([3, 1]);
    // Oversight: Amara, Bilal and Dara, three children, though the rows add up to four (open cases: Amara,
    // Bilal, Chloe and Dara; drift: Dara).
    expect(text).toMatch(/All teams 4 3 1 /);
  });

  it('the oversight page counts each child once in a team and in all teams', async () => {
    const text = textOf((await leader.get('/oversight')).body);
    // Team 1 holds Amara, Bilal and Dara, team 2 Bilal: four in the rows, three children in all.
    expect(text).toMatch(/Safeguarding Team 1 3 overdue in Safeguarding Team 1 0 1 drifting in Safeguarding Team 1 Safeguarding Team 2 1 overdue in Safeguarding Team 2 0 0 All teams \(each child once\) 3 0 1/);
  });
});

describe('the lists behind the counts', () => {
  it('actions from case audits: open ones, overdue first, with owner and due date', async () => {
    const page = await leader.get('/audits/actions');
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('2 actions');
    expect(text.indexOf('Amara')).toBeLessThan(text.indexOf('Bilal'));
    expect(text).toContain('Overdue');
    expect(text).toContain('Social worker');
    expect(text).not.toContain('(oversight)');
  });

  it('each list offers a team filter that works without JavaScript (a GET form with a select)', async () => {
    for (const url of ['/actions', '/audits/actions', '/transfers', '/caseloads/worker-changes', '/oversight?list=overdue', '/supervision?show=children', '/caseloads?show=over']) {
      const html = (await leader.get(url)).body;
      expect(html, url).toMatch(/<form method="get"[^>]*>[\s\S]*<select class="govuk-select[^"]*" id="team" name="team"/);
    }
  });

  it('My work gives a head of service a link to their service overview', async () => {
    const home = await leader.get('/');
    expect(textOf(home.body)).toContain('Your service');
    expect(home.body).toContain('href="/service-overview"');
  });
});
