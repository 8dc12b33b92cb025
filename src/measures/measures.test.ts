// The measures against a real database: a figure as recorded by the end of a period beside the figure
// as corrected since (DQ-01, DQ-12), and the pages, exports and API an analyst or manager uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { startTestApp, TEST_TODAY, type TestApp } from '../../test/support/app.ts';
import { addChild, allocate, happened } from '../clocks/test-fixtures.ts';
import { correctEvent } from '../chronology/journal.ts';
import { measureById } from './catalogue.ts';
import { computeFigures } from './engine.ts';
import { DETAIL_KINDS } from './facts.ts';
import { measurePage } from './present.ts';
import { dueItems } from '../clocks/due-items.ts';

let t: TestApp;
const OCTOBER = { from: '2026-10-01', to: '2026-10-31' };
const children: Record<string, string> = {};
const enquiry = '00000000-0000-4000-8000-000000000047';

/** Recorded on the day it happened, as good practice would have it. */
async function recordedOnTheDay(eventId: string, day: string) {
  await sql`UPDATE child_event SET recorded_at = ${`${day}T12:00:00Z`}::timestamptz WHERE id = ${eventId}`.execute(t.ctx.db);
}

const figure = async (id: string, period = OCTOBER) => {
  const f = await computeFigures(t.ctx.db, { periods: [period], measures: [measureById(id)!], today: TEST_TODAY });
  const pair = f.pairs[0]![0]!;
  return { now: [pair.now.numerator, pair.now.denominator], known: [pair.known.numerator, pair.known.denominator], differs: pair.differs };
};

beforeAll(async () => {
  t = await startTestApp();
  const { worker, otherWorker } = t.users;
  for (const name of ['Amy', 'Ben', 'Cal', 'Dee', 'Eve']) children[name] = await addChild(t.ctx.db, { firstName: name, lastName: 'Measure', laChildId: `M-${name}` }, worker);
  // Amy, Ben and Cal are held by the safeguarding team (the manager sees them); Dee and Eve by the other team.
  for (const name of ['Amy', 'Ben', 'Cal']) await allocate(t.ctx.db, children[name]!, worker, '2026-01-01', worker);
  for (const name of ['Dee', 'Eve']) await allocate(t.ctx.db, children[name]!, otherWorker, '2026-01-01', worker);

  // Child protection plans starting in October.
  // Amy: started 5 Oct, recorded that day.
  await recordedOnTheDay(await happened(t.ctx.db, children['Amy']!, 'cp-plan.started', '2026-10-05', null, worker), '2026-10-05');
  // Ben: started 10 Oct, recorded late (on the test's today, 20 Nov).
  await happened(t.ctx.db, children['Ben']!, 'cp-plan.started', '2026-10-10', null, worker);
  // Cal: recorded on 12 Oct as starting that day, corrected on 20 Nov to 28 September.
  const cal = await happened(t.ctx.db, children['Cal']!, 'cp-plan.started', '2026-10-12', null, worker);
  await recordedOnTheDay(cal, '2026-10-12');
  const calSource = (await sql<{ source_id: string }>`SELECT source_id FROM child_event WHERE id = ${cal}`.execute(t.ctx.db)).rows[0]!.source_id;
  await correctEvent(t.ctx.db, calSource, { occurredOn: '2026-09-28' });
  // Dee: recorded on 15 Oct, deleted on 20 Nov (recorded in error).
  const dee = await happened(t.ctx.db, children['Dee']!, 'cp-plan.started', '2026-10-15', null, worker);
  await recordedOnTheDay(dee, '2026-10-15');
  await sql`UPDATE child_event SET deleted_at = lantern_now() WHERE id = ${dee}`.execute(t.ctx.db);

  // Eve: section 47 enquiry initiated at the strategy discussion on Thu 1 Oct (ICPC due Thu 22 Oct),
  // recorded that day; the conference held on 20 Oct was recorded only on 20 Nov.
  await recordedOnTheDay(await happened(t.ctx.db, children['Eve']!, 's47.initiated', '2026-10-01', enquiry, worker), '2026-10-01');
  await happened(t.ctx.db, children['Eve']!, 'icpc.held', '2026-10-20', enquiry, worker);
});

afterAll(async () => t.close());

describe('figures as known at any date (DQ-01, DQ-12)', () => {
  it('plans started in October: as corrected since Amy and Ben; as recorded by 31 October Amy, Cal and Dee (Ben late, Cal moved, Dee deleted)', async () => {
    expect(await figure('cp-plans-started')).toEqual({ now: [2, null], known: [3, null], differs: true });
  });

  it('late recording: a conference held in time but recorded a month later is on time as corrected since, late as recorded by then (Q36, DQ-12)', async () => {
    expect(await figure('icpc-on-time')).toEqual({ now: [1, 1], known: [0, 1], differs: true });
  });

  it('a further late record moves the figure as corrected since but not the figure as recorded by then', async () => {
    const before = await figure('cp-current');
    const late = await happened(t.ctx.db, children['Eve']!, 'cp-plan.started', '2026-10-21', null, t.users.worker);
    const after = await figure('cp-current');
    expect(after.now[0]).toBe(before.now[0]! + 1);
    expect(after.known).toEqual(before.known);
    await sql`UPDATE child_event SET deleted_at = lantern_now() WHERE id = ${late}`.execute(t.ctx.db);
  });

  it('late recording shows on a clock started by a milestone the record implies (the pathway plan at eligibility, CL2): as recorded by then it was late', async () => {
    // Fay became eligible on 1 July (the clock table holds the due list's milestone clock, due 1 Oct); her pathway
    // plan started on 20 Sept but was recorded only on 20 Nov. As corrected since: on time. As recorded by 31 Oct: not done.
    const fay = await addChild(t.ctx.db, { firstName: 'Fay', lastName: 'Measure', laChildId: 'M-Fay' }, t.users.worker);
    const plan = await happened(t.ctx.db, fay, 'pathway-plan.started', '2026-09-20', null, t.users.worker);
    await t.ctx.db
      .insertInto('clock')
      .values({ id: crypto.randomUUID(), child_id: fay, rule_id: 'pathway-plan', scope_id: null, start_event_id: crypto.randomUUID(), started_on: '2026-07-01', due_on: '2026-10-01', met_on: '2026-09-20', met_event_id: plan })
      .execute();
    expect(await figure('pathway-plans-on-time')).toEqual({ now: [1, 1], known: [0, 1], differs: true });
  });

  it('a trend of 24 months is a few statements (one for each kind of fact), whatever the number of measures, and each month is the figure asked alone', async () => {
    let statements = 0;
    const counted = t.ctx.db.withPlugin({
      transformQuery: (args) => {
        statements++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const months = Array.from({ length: 24 }, (_, i) => {
      const start = new Date(Date.UTC(2024, 11 + i, 1));
      const end = new Date(Date.UTC(2024, 12 + i, 0));
      return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
    });
    const trend = await computeFigures(counted, { periods: months, today: TEST_TODAY });
    // The journal now, the changed children and every version of their journal (decisions 0061, 0064), the
    // clocks and the milestone rules' clocks, allocations, assessments, settings and term dates, and one
    // for each kind of the record's details.
    expect(statements).toBeLessThanOrEqual(9 + DETAIL_KINDS.length);
    const october = months.findIndex((m) => m.from === '2026-10-01');
    const started = trend.pairs[october]!.find((p) => p.now.measure.id === 'cp-plans-started')!;
    expect([started.now.numerator, started.known.numerator]).toEqual([2, 3]);
  });

  it('the worker’s due list and the timeliness figure read the same clock: an overdue visit on the list is a late visit in the figure (issue 9: the two cannot disagree)', async () => {
    const viewer = { id: t.users.worker, username: 'worker', displayName: 'worker', role: 'social_worker' as const, teamId: t.teams.safeguarding, agency: null };
    const due = await dueItems(t.ctx.db, viewer, { childId: children['Amy']! }, TEST_TODAY, { within: 'overdue' });
    const visit = due.find((d) => d.ruleId === 'cp-visit')!;
    expect(visit).toBeDefined();
    const f = await computeFigures(t.ctx.db, { periods: [{ from: visit.dueOn, to: visit.dueOn }], measures: [measureById('cp-visits-on-time')!], today: TEST_TODAY });
    const amy = f.pairs[0]![0]!.now.rows.filter((r) => r.childId === children['Amy']);
    expect(amy).toEqual([{ childId: children['Amy'], on: visit.dueOn, facts: [`Started ${visit.startedOn}`, `Due ${visit.dueOn}`, 'Not done'], met: false }]);
  });

  it('a period that ends before it starts is refused with a clear message, never a wrong number', async () => {
    await expect(computeFigures(t.ctx.db, { periods: [{ from: '2026-10-31', to: '2026-10-01' }], today: TEST_TODAY })).rejects.toThrow(/ends before it starts/);
  });
});

describe('the measure pages', () => {
  it('an analyst sees the catalogue with every % shown with its numerator and denominator (DQ-45)', async () => {
    const analyst = await t.signIn('analyst');
    const page = await analyst.get('/measures?from=2026-10-01&to=2026-10-31');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Initial conferences within 15 working days of the strategy discussion');
    expect(page.body).toContain('1 of 1');
    expect(page.body).toContain('0 of 1'); // as recorded by the end of October
  });

  it('a social worker cannot open the measures', async () => {
    const worker = await t.signIn('worker');
    expect((await worker.get('/measures')).statusCode).toBe(403);
  });

  it('a period that ends before it starts is a clear error on the page', async () => {
    const analyst = await t.signIn('analyst');
    const page = await analyst.get('/measures?from-day=31&from-month=10&from-year=2026&to-day=1&to-month=10&to-year=2026');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('The period ends before it starts');
  });

  it('a measure opens the children behind it, each linking to their record; a child the manager may not see is counted, not named', async () => {
    const manager = await t.signIn('manager');
    const page = await manager.get('/measures/cp-current?from=2026-10-01&to=2026-10-31');
    expect(page.statusCode).toBe(200);
    // On a plan on 31 October: Amy, Ben (as corrected), Cal (started 28 Sept). Not Dee (deleted).
    expect(page.body).toContain(`href="/children/${children['Amy']}"`);
    expect(page.body).toContain(`href="/children/${children['Cal']}"`);
    expect(page.body).toContain('3 counted');
    const analyst = await t.signIn('analyst');
    const eve = await analyst.get('/measures/icpc-on-time?from=2026-10-01&to=2026-10-31');
    expect(eve.body).toContain(`href="/children/${children['Eve']}"`);
    const hidden = await manager.get('/measures/icpc-on-time?from=2026-10-01&to=2026-10-31');
    expect(hidden.body).not.toContain('Eve Measure');
    expect(hidden.body).toContain('Not shown');
  });

  it('a page names only the rows it shows; a restricted child is counted, not named, for an analyst who sees every other child', async () => {
    const analyst = { id: t.users.analyst, username: 'analyst', displayName: 'Analyst', role: 'performance_analyst' as const, teamId: null, agency: null };
    const page = await measurePage(t.ctx.db, analyst, 'cp-current', OCTOBER, TEST_TODAY, null, (rows) => ({ shown: rows.slice(1, 2) }));
    expect(page.detail.rows).toHaveLength(3);
    expect(page.detail.rows[0]).not.toHaveProperty('name');
    expect(page.shown).toHaveLength(1);
    expect(page.shown[0]).toMatchObject({ childId: page.detail.rows[1]!.childId, name: expect.stringMatching(/ Measure$/) });
    await sql`UPDATE person SET restricted = true WHERE id = ${children['Cal']!}`.execute(t.ctx.db);
    try {
      const list = await (await t.signIn('analyst')).get('/measures/cp-current?from=2026-10-01&to=2026-10-31');
      expect(list.body).toContain('3 counted');
      expect(list.body).toContain('1 of them you may not see');
      expect(list.body).not.toContain('Cal Measure');
      expect(list.body).toContain(`href="/children/${children['Amy']}"`);
    } finally {
      await sql`UPDATE person SET restricted = false WHERE id = ${children['Cal']!}`.execute(t.ctx.db);
    }
  });

  it('a figure for one team: the manager’s own team opens; another team is refused with a clear message', async () => {
    const manager = await t.signIn('manager');
    const own = await manager.get(`/measures/cp-current?from=2026-10-01&to=2026-10-31&team=${t.teams.safeguarding}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Safeguarding Team 1 only');
    expect(own.body).toContain('3 counted');
    // The figure by team links only the teams the manager may open: another team's row is text.
    const byTeam = await manager.get('/measures/icpc-on-time?from=2026-10-01&to=2026-10-31');
    expect(byTeam.body).toContain('Safeguarding Team 2');
    expect(byTeam.body).not.toContain(`team=${t.teams.other}`);
    const other = await manager.get(`/measures/icpc-on-time?from=2026-10-01&to=2026-10-31&team=${t.teams.other}`);
    expect(other.statusCode).toBe(403);
    expect(other.body).toContain('You can ask for the figures of the teams you belong to or manage only.');
    const analyst = await t.signIn('analyst');
    const theirs = await analyst.get(`/measures/icpc-on-time?from=2026-10-01&to=2026-10-31&team=${t.teams.other}`);
    expect(theirs.statusCode).toBe(200);
    expect((await analyst.get('/measures/icpc-on-time?from=2026-10-01&to=2026-10-31')).body).toContain(`team=${t.teams.other}`);
    expect(theirs.body).toContain('1 counted');
    expect(theirs.body).toContain(`href="/children/${children['Eve']}"`);
  });

  it('the list exports to CSV and XLSX with the page’s rows', async () => {
    const analyst = await t.signIn('analyst');
    const page = await analyst.get('/measures/cp-current?from=2026-10-01&to=2026-10-31');
    const pageRows = [...page.body.matchAll(/href="\/children\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    const csv = await analyst.get('/measures/cp-current/children.csv?from=2026-10-01&to=2026-10-31');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const csvLines = csv.body.trim().split('\r\n');
    expect(csvLines[0]).toContain('"Child"');
    expect(csvLines.slice(1).map((l) => /"([0-9a-f-]{36})"/.exec(l)?.[1])).toEqual(pageRows);
    const xlsx = await analyst.get('/measures/cp-current/children.xlsx?from=2026-10-01&to=2026-10-31');
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const ids: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) ids.push(String(row.getCell(3).value));
    });
    expect(ids).toEqual(pageRows);
  });

  it('the API gives the catalogue and a measure’s children', async () => {
    const analyst = await t.signIn('analyst');
    const all = await analyst.get('/api/v1/measures?from=2026-10-01&to=2026-10-31');
    expect(all.statusCode).toBe(200);
    const icpc = (all.json() as { measures: { id: string; asCorrected: { numerator: number; denominator: number } }[] }).measures.find((m) => m.id === 'icpc-on-time');
    expect(icpc?.asCorrected).toMatchObject({ numerator: 1, denominator: 1 });
    const list = await analyst.get('/api/v1/measures/cp-current/children?from=2026-10-01&to=2026-10-31');
    expect(list.statusCode).toBe(200);
    expect((list.json() as { rows: unknown[] }).rows).toHaveLength(3);
    const worker = await t.signIn('worker');
    expect((await worker.get('/api/v1/measures')).statusCode).toBe(403);
  });
});
