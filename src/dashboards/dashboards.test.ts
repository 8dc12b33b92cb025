// The dashboards against a real database: kept monthly figures are the engine's figures, before and
// after a late correction ("true for any date", DQ-01, DQ-12); each chart draws what its table says;
// a team manager sees only their teams; the members' report suppresses small numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, TEST_TODAY, type TestApp } from '../../test/support/app.ts';
import { addChild, allocate, happened } from '../clocks/test-fixtures.ts';
import { correctEvent } from '../chronology/journal.ts';
import { MEASURES } from '../measures/catalogue.ts';
import { byTeam, computeFigures } from '../measures/engine.ts';
import { monthPeriod, readTrends, refreshMonths, trendMonths } from './monthly.ts';
import { valueAtY } from './chart.ts';
import { createUser, setTeamManager } from '../access/users.ts';
import { textOf } from '../plans/test-helpers.ts';
import { TEST_PASSWORD } from '../../test/support/app.ts';
import { changeSettings } from '../settings/service.ts';

let t: TestApp;
const children: Record<string, string> = {};
const months = trendMonths(TEST_TODAY);
const enquiry = '00000000-0000-4000-8000-000000000039';
let calSource = '';

async function recordedOnTheDay(eventId: string, day: string) {
  await sql`UPDATE child_event SET recorded_at = ${`${day}T12:00:00Z`}::timestamptz WHERE id = ${eventId}`.execute(t.ctx.db);
}

/** The engine's figures now, counted afresh for every month of the trend (council, or one team). */
async function freshFigures(teamId?: string) {
  const f = await computeFigures(t.ctx.db, { periods: months.map(monthPeriod), today: TEST_TODAY });
  const out = new Map<string, [number, number | null][]>();
  MEASURES.forEach((m, i) => {
    out.set(
      m.id,
      months.map((_, p) => {
        const figure = f.pairs[p]![i]!.now;
        if (!teamId) return [figure.numerator, figure.denominator];
        const team = byTeam(figure, f.teamOf).find((x) => x.teamId === teamId);
        return [team?.numerator ?? 0, team ? team.denominator : m.kind === 'count' ? null : 0];
      }),
    );
  });
  return out;
}

async function keptFigures(scope: { council: true } | { teams: string[] }) {
  const trends = await readTrends(t.ctx.db, months, scope);
  const out = new Map<string, [number, number | null][]>();
  for (const m of MEASURES) out.set(m.id, trends.get(m.id)!.map((f) => (f ? [f.numerator, f.denominator] : [0, m.kind === 'count' ? null : 0])));
  return out;
}

beforeAll(async () => {
  t = await startTestApp();
  const { worker, otherWorker } = t.users;
  for (const name of ['Amy', 'Ben', 'Cal', 'Dee', 'Eve', 'Fay', 'Gus']) children[name] = await addChild(t.ctx.db, { firstName: name, lastName: 'Dashboard', laChildId: `D-${name}` }, worker);
  // Amy, Ben, Cal, Fay, Gus in the safeguarding team (the manager's); Dee and Eve in the other team.
  for (const name of ['Amy', 'Ben', 'Cal', 'Fay', 'Gus']) await allocate(t.ctx.db, children[name]!, worker, '2025-06-01', worker);
  for (const name of ['Dee', 'Eve']) await allocate(t.ctx.db, children[name]!, otherWorker, '2025-06-01', worker);
  // Referrals across the trend, each recorded on the day it happened.
  const referrals: [string, string][] = [['Amy', '2025-07-03'], ['Ben', '2025-07-10'], ['Cal', '2026-03-02'], ['Dee', '2026-03-05'], ['Eve', '2026-09-01'], ['Fay', '2026-09-02'], ['Gus', '2026-09-03']];
  for (const [name, day] of referrals) await recordedOnTheDay(await happened(t.ctx.db, children[name]!, 'referral.received', day, null, worker), day);
  // Child protection plans: Amy in September, Ben in October, Cal on 12 October (corrected later), Dee in October.
  await recordedOnTheDay(await happened(t.ctx.db, children['Amy']!, 'cp-plan.started', '2026-09-14', null, worker), '2026-09-14');
  await recordedOnTheDay(await happened(t.ctx.db, children['Ben']!, 'cp-plan.started', '2026-10-05', null, worker), '2026-10-05');
  const cal = await happened(t.ctx.db, children['Cal']!, 'cp-plan.started', '2026-10-12', null, worker);
  await recordedOnTheDay(cal, '2026-10-12');
  calSource = (await sql<{ source_id: string }>`SELECT source_id FROM child_event WHERE id = ${cal}`.execute(t.ctx.db)).rows[0]!.source_id;
  await recordedOnTheDay(await happened(t.ctx.db, children['Dee']!, 'cp-plan.started', '2026-10-15', null, worker), '2026-10-15');
  // Eve: an enquiry in October whose conference was recorded only on the test's today (late).
  await recordedOnTheDay(await happened(t.ctx.db, children['Eve']!, 's47.initiated', '2026-10-01', enquiry, worker), '2026-10-01');
  await happened(t.ctx.db, children['Eve']!, 'icpc.held', '2026-10-20', enquiry, worker);
  await refreshMonths(t.ctx.db, TEST_TODAY, { margin: 0 });
});

afterAll(async () => t.close());

describe('kept monthly figures are the engine’s figures (issue 9: true for any date)', () => {
  it('every measure, every month of the trend: the council’s and each team’s kept figures equal a fresh computation', async () => {
    expect(await keptFigures({ council: true })).toEqual(await freshFigures());
    expect(await keptFigures({ teams: [t.teams.safeguarding] })).toEqual(await freshFigures(t.teams.safeguarding));
    expect(await keptFigures({ teams: [t.teams.other] })).toEqual(await freshFigures(t.teams.other));
  });

  it('nothing recorded since: no month is counted again', async () => {
    expect((await refreshMonths(t.ctx.db, TEST_TODAY, { margin: 0 })).counted).toEqual([]);
  });

  it('months before Lantern’s first recorded fact have no figures, never zeros', async () => {
    const trends = await readTrends(t.ctx.db, months, { council: true });
    const referrals = trends.get('referrals')!;
    expect(months[0]).toBe('2024-11-01');
    // The first fact is the allocations of 1 June 2025: November 2024 to May 2025 are before the records.
    expect(referrals.slice(0, 7)).toEqual(Array(7).fill(null));
    expect(referrals[7]).toMatchObject({ month: '2025-06-01', numerator: 0 });
    expect(referrals[8]).toMatchObject({ month: '2025-07-01', numerator: 2 });
  });

  it('a late correction (Cal’s plan moved from 12 October to 28 September, DQ-01) makes September and October stale, not the months before, and the kept figures equal the engine’s again', async () => {
    const before = await keptFigures({ council: true });
    await correctEvent(t.ctx.db, calSource, { occurredOn: '2026-09-28' });
    const { counted } = await refreshMonths(t.ctx.db, TEST_TODAY, { margin: 0 });
    expect(counted).toEqual(['2026-09-01', '2026-10-01']);
    const after = await keptFigures({ council: true });
    expect(after).toEqual(await freshFigures());
    const september = months.indexOf('2026-09-01');
    expect(before.get('cp-plans-started')![september]).toEqual([1, null]);
    expect(after.get('cp-plans-started')![september]).toEqual([2, null]);
    expect(after.get('cp-plans-started')![september + 1]).toEqual([2, null]);
  });

  it('a fact recorded late for a past month (a plan ended in August, recorded today) is counted again from August, and as recorded by the end of August it was not there', async () => {
    await happened(t.ctx.db, children['Gus']!, 'cp-plan.started', '2026-08-03', null, t.users.worker);
    const { counted } = await refreshMonths(t.ctx.db, TEST_TODAY, { margin: 0 });
    expect(counted).toEqual(['2026-08-01', '2026-09-01', '2026-10-01']);
    expect(await keptFigures({ council: true })).toEqual(await freshFigures());
    const august = (await readTrends(t.ctx.db, ['2026-08-01'], { council: true })).get('cp-plans-started')![0]!;
    expect(august).toMatchObject({ numerator: 1, known: { numerator: 0 }, differs: true });
  });
});

describe('a change with no date recounts every month', () => {
  it('the council sets child protection visits every 5 working days: every kept month is counted again, and equals the engine', async () => {
    await changeSettings(t.ctx.db, { cpVisitIntervalWorkingDays: 5 }, { id: t.users.admin, username: 'admin', ip: null });
    const { counted } = await refreshMonths(t.ctx.db, TEST_TODAY, { margin: 0 });
    expect(counted).toEqual(months.filter((m) => m >= '2025-06-01'));
    expect(await keptFigures({ council: true })).toEqual(await freshFigures());
    await changeSettings(t.ctx.db, { cpVisitIntervalWorkingDays: null }, { id: t.users.admin, username: 'admin', ip: null });
  });
});

describe('the dashboard pages', () => {
  it('each chart draws what its table says, and both are the kept figure (cp plans started, every month)', async () => {
    const analyst = await t.signIn('analyst');
    const page = await analyst.get('/dashboards/council');
    expect(page.statusCode).toBe(200);
    const trends = await readTrends(t.ctx.db, months, { council: true });
    const kept = trends.get('cp-plans-started')!;
    // The dashboard gives each measure's figure and chart; its figures month by month are on its own page.
    const card = page.body.slice(page.body.indexOf('id="measure-cp-plans-started"'), page.body.indexOf('id="measure-cp-second-ever"'));
    expect(card).toContain('As recorded by the end of October 2026: 3. The difference is facts recorded late or corrected since.');
    expect(card).toContain('href="/measures/cp-plans-started?from=2026-10-01&amp;to=2026-10-31"');
    expect(card).toContain('href="/dashboards/council/measures/cp-plans-started"');
    expect(page.body).not.toContain('<tr class="govuk-table__row" data-month=');
    const own = await analyst.get('/dashboards/council/measures/cp-plans-started');
    expect(own.statusCode).toBe(200);
    expect(textOf(own.body)).toContain('The council: dashboard Child protection plans started');
    const section = own.body.slice(own.body.indexOf('id="measure-cp-plans-started"'));
    const max = Number(/data-max="([\d.]+)"/.exec(section)![1]);
    const drawn = new Map([...section.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)" r="2.5" fill="#1d70b8" data-month="([\d-]+)"\/>/g)].map((m) => [m[2]!, Math.round(valueAtY(Number(m[1]), max) * 100) / 100]));
    const tabled = new Map([...section.matchAll(/<tr class="govuk-table__row" data-month="([\d-]+)">\s*<th[^>]*>[^<]*<\/th>\s*<td[^>]*data-figure>([^<]*)<\/td>/g)].map((m) => [m[1]!, m[2]!]));
    months.forEach((month, i) => {
      const f = kept[i];
      if (f === null) {
        expect(drawn.has(month)).toBe(false);
        expect(tabled.get(month)).toBe('Before Lantern’s records');
      } else {
        expect(drawn.get(month)).toBe(f!.numerator);
        expect(tabled.get(month)).toBe(String(f!.numerator));
      }
    });
    // October as recorded by its end: Ben, Cal and Dee (Cal was moved to September later).
    expect(section).toContain('As recorded by the end of October 2026: 3. The difference is facts recorded late or corrected since.');
    // Every figure opens the children behind it on /measures, for its month.
    expect(section).toContain('href="/measures/cp-plans-started?from=2026-10-01&amp;to=2026-10-31"');
    // The chart is an image with a title and a description for assistive technology.
    expect(section).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="trend-cp-plans-started-title trend-cp-plans-started-desc"/);
  });

  it('a percentage draws on a 0-100 scale and says its numerator and denominator; England’s bundled figure is drawn with its year and source', async () => {
    const analyst = await t.signIn('analyst');
    const page = await analyst.get('/dashboards/council');
    const section = page.body.slice(page.body.indexOf('id="measure-re-referrals"'), page.body.indexOf('id="measure-assessments-on-time"'));
    expect(section).toContain('data-max="100"');
    expect(section).toContain('England: 22.4% (year ending 31 March 2024; 139080 of 621880)');
    expect(section).toMatch(/class="lantern-trend__reference"[^>]*data-value="22.4"/);
  });

  it('a team manager sees only their teams: /dashboards opens their team, whose figures count only its children; another team, the service of others and the council are refused', async () => {
    const manager = await t.signIn('manager');
    const home = await manager.get('/dashboards');
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe(`/dashboards/team?team=${t.teams.safeguarding}`);
    const own = await manager.get(home.headers.location as string);
    expect(own.statusCode).toBe(200);
    const kept = (await readTrends(t.ctx.db, ['2026-10-01'], { teams: [t.teams.safeguarding] })).get('cp-plans-started')![0]!;
    // October: Ben only in the safeguarding team (Cal moved to September, Dee is the other team's).
    expect(kept.numerator).toBe(1);
    const section = own.body.slice(own.body.indexOf('id="measure-cp-plans-started"'), own.body.indexOf('id="measure-cp-second-ever"'));
    expect(section).toMatch(/<p class="lantern-dashboard__figure" data-latest>1<\/p>/);
    expect(section).toContain(`team=${t.teams.safeguarding}`);
    const other = await manager.get(`/dashboards/team?team=${t.teams.other}`);
    expect(other.statusCode).toBe(403);
    expect(other.body).toContain('You can see the dashboard of the teams you manage only');
    expect((await manager.get('/dashboards/council')).statusCode).toBe(403);
    expect((await manager.get('/dashboards/council/measures/cp-plans-started')).statusCode).toBe(403);
    expect((await manager.get(`/dashboards/team/measures/cp-plans-started?team=${t.teams.other}`)).statusCode).toBe(403);
    const ownMeasure = await manager.get(`/dashboards/team/measures/cp-plans-started?team=${t.teams.safeguarding}`);
    expect(ownMeasure.statusCode).toBe(200);
    expect(ownMeasure.body).toContain(`href="/measures/cp-plans-started?from=2026-10-01&amp;to=2026-10-31&amp;team=${t.teams.safeguarding}"`);
    expect((await manager.get(`/dashboards/team/measures/no-such-measure?team=${t.teams.safeguarding}`)).statusCode).toBe(404);
    expect((await manager.get('/dashboards/members-report')).statusCode).toBe(403);
    const worker = await t.signIn('worker');
    expect((await worker.get('/dashboards')).statusCode).toBe(403);
  });

  it('the director (a senior leader who line-manages nobody) lands on the council’s dashboard, and may open any team’s', async () => {
    const leader = await t.signIn('leader');
    const home = await leader.get('/dashboards');
    expect(home.headers.location).toBe('/dashboards/council');
    expect((await leader.get(`/dashboards/team?team=${t.teams.other}`)).statusCode).toBe(200);
  });

  it('the data quality count is a measure with a trend: a fact recorded late is counted in the month it happened (DQ-12)', async () => {
    const analyst = await t.signIn('analyst');
    const page = await analyst.get('/dashboards/council');
    const section = page.body.slice(page.body.indexOf('id="data-quality"'), page.body.indexOf('id="group-1"'));
    // October: Eve's conference (20 Oct) recorded on 20 November; August: Gus's plan recorded today.
    const row = (label: string) => new RegExp(`<th scope="row" class="govuk-table__header">${label}</th>\\s*<td[^>]*data-figure>(\\d+)</td>`).exec(section)?.[1];
    expect(Number(row('October 2026'))).toBeGreaterThanOrEqual(1);
    expect(Number(row('August 2026'))).toBeGreaterThanOrEqual(1);
    expect(row('June 2026')).toBe('0');
    expect(section).toContain('role="img"');
  });
});

describe('the elected members’ report (Southend rec 11)', () => {
  it('numbers from 1 to 4 are shown as “fewer than 5” and left out of the chart; a percentage that would reveal one is not shown', async () => {
    const analyst = await t.signIn('analyst');
    const page = await analyst.get('/dashboards/members-report');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/dashboards/dashboards.css');
    const part = (name: string) => {
      const start = page.body.indexOf(`<h3 class="govuk-heading-s">${name}</h3>`);
      return page.body.slice(start, page.body.indexOf('<h3', start + 10));
    };
    const section = part('Child protection plans started');
    expect(section).toContain('October 2026: fewer than 5');
    expect(section).not.toMatch(/<td data-figure>[1-4]<\/td>/);
    // Only the months with none are drawn (on the zero line): a month of 1 to 4 is a gap.
    const drawn = [...section.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(drawn.length).toBeGreaterThan(0);
    expect(new Set(drawn)).toEqual(new Set([98]));
    const referrals = part('Re-referrals within 12 months');
    expect(referrals).toContain('not shown: fewer than 5 children');
    expect(page.body).toContain('The quality of our work');
  });

  it('a senior leader may print it; the CSS hides the navigation when printed', async () => {
    const leader = await t.signIn('leader');
    expect((await leader.get('/dashboards/members-report')).statusCode).toBe(200);
    const css = await leader.get('/dashboards/dashboards.css');
    expect(css.statusCode).toBe(200);
    expect(css.body).toContain('@media print');
  });
});

describe('a head of service (a senior leader who line-manages the team managers, decision 0026)', () => {
  it('sees their service: the sum of their teams’ figures, each team’s latest figure, and not the council', async () => {
    const secondManager = await createUser(t.ctx.db, { username: 'manager2', displayName: 'manager2', role: 'team_manager', teamId: t.teams.other, agency: null, password: TEST_PASSWORD });
    await setTeamManager(t.ctx.db, t.teams.other, secondManager);
    for (const userId of [t.users.manager, secondManager]) {
      await t.ctx.db
        .insertInto('worker_profile')
        .values({ user_id: userId, employment: 'permanent', fte: 1, recorded_by: t.users.admin, qualified_on: '2012-07-01', started_on: '2019-09-02', asye_completed_on: null, line_manager_id: t.users.leader })
        .execute();
    }
    const leader = await t.signIn('leader');
    const home = await leader.get('/dashboards');
    expect(home.headers.location).toBe('/dashboards/service');
    const page = await leader.get('/dashboards/service');
    expect(page.statusCode).toBe(200);
    const [own, other, both] = await Promise.all([
      readTrends(t.ctx.db, ['2026-10-01'], { teams: [t.teams.safeguarding] }),
      readTrends(t.ctx.db, ['2026-10-01'], { teams: [t.teams.other] }),
      readTrends(t.ctx.db, ['2026-10-01'], { teams: [t.teams.safeguarding, t.teams.other] }),
    ]);
    const started = (x: typeof own) => x.get('cp-plans-started')![0]!.numerator;
    expect(started(both)).toBe(started(own) + started(other));
    const section = page.body.slice(page.body.indexOf('id="measure-cp-plans-started"'), page.body.indexOf('id="measure-cp-second-ever"'));
    expect(section).toMatch(new RegExp(`<p class="lantern-dashboard__figure" data-latest>${started(both)}</p>`));
    // Each team's latest figure is on the measure's own page.
    expect(section).toContain('href="/dashboards/service/measures/cp-plans-started"');
    const measurePage = await leader.get('/dashboards/service/measures/cp-plans-started');
    expect(measurePage.statusCode).toBe(200);
    expect(measurePage.body).toContain('Child protection plans started, by team, October 2026');
    expect(measurePage.body).toContain(`href="/dashboards/team?team=${t.teams.other}"`);
    expect((await leader.get('/dashboards/council')).statusCode).toBe(403);
    expect((await leader.get('/dashboards/council/measures/cp-plans-started')).statusCode).toBe(403);
  });
});
