// Measures that count workers (decision 0046): hand-worked examples, each citing its source, then the
// pages: a manager sees the workers of their own team named and others counted only; each worker opens
// the children they held; the list exports to CSV and XLSX. Today is TEST_TODAY, 20 November 2026.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type Agent, type TestApp } from '../../test/support/app.ts';
import { makeChild, textOf } from '../plans/test-helpers.ts';
import { measureById } from './catalogue.ts';
import { WORKER_MEASURES, workerMeasureById } from './catalogue/workers.ts';
import type { MeasureFacts } from './counting.ts';
import { readAllocations, type AllocationFact } from './facts.ts';
import { computeWorkerFigure, readWorkerFacts, type WorkerFact, type WorkerFacts } from './workers.ts';

const OCTOBER = { from: '2025-11-01', to: '2026-10-31' };

const alloc = (childId: string, workerId: string, fromDate: string, toDate: string | null = null, role = 'social_worker'): AllocationFact => ({
  id: `${childId}-${workerId}-${fromDate}`,
  childId,
  workerId,
  workerName: workerId,
  role,
  fromDate,
  toDate,
  teamId: 'team-1',
  teamName: 'Team 1',
  recordedAt: 0,
});

const staff = (id: string, employment: string | null, startedOn: string | null, leftOn: string | null = null): WorkerFact => ({ id, name: id, teamId: 'team-1', teamName: 'Team 1', employment, startedOn, leftOn });

const factsOf = (allocations: AllocationFact[], workers: WorkerFact[] = [], caseloadLimit = 30): WorkerFacts => ({ workers: new Map(workers.map((w) => [w.id, w])), allocations, caseloadLimit });

const figure = (id: string, f: WorkerFacts, p = OCTOBER) => computeWorkerFigure(f, workerMeasureById(id)!, p);

// On 31 October 2026: w1 holds A, B and C; w2 holds D and E; w3's only child F moved to w2 on 1 October
// (w3 holds none, so is not a case-holder); G's allocation to w1 ended on 31 October itself (not held on
// the day, as the children's "average caseload" reads it); the adviser pa holds H as personal adviser only.
const CASELOADS = [
  alloc('A', 'w1', '2026-01-01'),
  alloc('B', 'w1', '2026-02-01'),
  alloc('C', 'w1', '2026-03-01'),
  alloc('D', 'w2', '2026-04-01'),
  alloc('F', 'w3', '2026-01-01', '2026-10-01'),
  alloc('E', 'w2', '2026-05-01'),
  alloc('F', 'w2', '2026-10-01'),
  alloc('G', 'w1', '2026-01-01', '2026-10-31'),
  alloc('H', 'pa', '2026-01-01', null, 'personal_adviser'),
];

describe('average caseload per case-holding social worker (DfE dashboard, caseloads; WF-01)', () => {
  it('6 children held by 2 case-holding social workers on 31 October 2026 is an average of 3', () => {
    const result = figure('social-worker-caseload', factsOf(CASELOADS));
    expect(result).toMatchObject({ numerator: 6, denominator: 2, value: 3 });
    expect(result.rows.map((r) => [r.workerId, r.children])).toEqual([
      ['w1', ['A', 'B', 'C']],
      ['w2', ['D', 'E', 'F']],
    ]);
  });

  it('agrees with the children’s “average caseload” on the same allocations (decision 0038)', () => {
    const children = measureById('caseload-average')!;
    // caseload-average reads only the allocations of its facts.
    const rows = children.count({ allocations: CASELOADS } as unknown as MeasureFacts, OCTOBER);
    const byWorkers = figure('social-worker-caseload', factsOf(CASELOADS));
    expect([rows.length, children.denominatorOf!(rows)]).toEqual([byWorkers.numerator, byWorkers.denominator]);
  });

  it('no social worker holding a child gives no figure, not 0', () => {
    expect(figure('social-worker-caseload', factsOf([alloc('H', 'pa', '2026-01-01', null, 'personal_adviser')]))).toMatchObject({ numerator: 0, denominator: 0, value: null });
  });
});

describe('social workers holding more children than the caseload limit (WF-01; decision 0023’s limit)', () => {
  it('with the limit lowered to 2, w1 (3 children) is over it and w2 (3) too; at a limit of 3 neither is: holding the limit is not over it', () => {
    expect(figure('social-workers-over-limit', factsOf(CASELOADS, [], 2))).toMatchObject({ numerator: 2, denominator: 2, value: 100 });
    expect(figure('social-workers-over-limit', factsOf(CASELOADS, [], 3))).toMatchObject({ numerator: 0, denominator: 2, value: 0 });
    const uneven = [...CASELOADS, alloc('J', 'w1', '2026-06-01')];
    expect(figure('social-workers-over-limit', factsOf(uneven, [], 3))).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
  });
});

describe('agency staff among staff in post (Q136-Q137; Newham 2014 ¶119, Wandsworth 2016 ¶112)', () => {
  it('on 31 October 2026: 1 agency of 3 in post is 33.3%; one not started yet, one gone that day, one without a profile are not counted', () => {
    const workers = [
      staff('w1', 'permanent', '2019-04-01'),
      staff('w2', 'agency', '2026-01-01'),
      staff('w3', 'fixed_term', '2025-09-01'),
      staff('starter', 'agency', '2026-11-01'),
      staff('gone', 'agency', '2024-01-01', '2026-10-31'),
      staff('no-profile', null, null),
    ];
    const result = figure('agency-staff-share', factsOf(CASELOADS, workers));
    expect(result).toMatchObject({ numerator: 1, denominator: 3, value: 33.3 });
    expect(result.rows.find((r) => r.workerId === 'w2')).toMatchObject({ met: true, children: ['D', 'E', 'F'] });
  });
});

describe('staff who left the council (Q138; Southend 2016 ¶123)', () => {
  it('in the 12 months to 31 October 2026: two leavers; one left on 1 November 2025, the first day, one the year before is not counted', () => {
    const workers = [
      staff('w3', 'agency', '2024-01-01', '2026-10-01'),
      staff('early', 'permanent', '2020-01-01', '2025-11-01'),
      staff('before', 'permanent', '2020-01-01', '2025-10-31'),
      staff('w1', 'permanent', '2019-04-01'),
    ];
    const result = figure('staff-leavers', factsOf(CASELOADS, workers));
    expect(result).toMatchObject({ numerator: 2, denominator: null, value: 2 });
    // w3's caseload is read on their last day in post (30 September): F was still theirs then.
    expect(result.rows.find((r) => r.workerId === 'w3')).toMatchObject({ on: '2026-09-30', children: ['F'] });
  });
});

describe('the pages: workers named only in teams the user sees; each opens their caseload; CSV and XLSX', () => {
  let t: TestApp;
  let manager: Agent;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn('manager');
    // Safeguarding Team 1 (the manager's): worker holds 2 children, colleague 1. Team 2: otherWorker holds 1.
    await makeChild(t, { firstName: 'Amara' });
    await makeChild(t, { firstName: 'Bilal' });
    await makeChild(t, { firstName: 'Cora', allocatedTo: t.users.colleague });
    await makeChild(t, { firstName: 'Dev', allocatedTo: t.users.otherWorker });
    await t.ctx.db
      .insertInto('worker_profile')
      .values([
        { user_id: t.users.worker, employment: 'agency', started_on: '2025-01-05', fte: 1, recorded_by: t.users.admin },
        { user_id: t.users.colleague, employment: 'permanent', started_on: '2020-01-05', fte: 1, recorded_by: t.users.admin },
        { user_id: t.users.otherWorker, employment: 'agency', started_on: '2024-01-05', fte: 1, recorded_by: t.users.admin },
      ])
      .execute();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the catalogue page shows the figures that count workers: 4 children ÷ 3 social workers is 1.3', async () => {
    const text = textOf((await manager.get('/measures')).body);
    expect(text).toMatch(/Workforce: counting workers[\s\S]*Average caseload per case-holding social worker\s+As at 20 November 2026\s+1\.3\s+4 ÷ 3/);
    expect(text).toMatch(/Agency staff among staff in post\s+As at 20 November 2026\s+66\.7%\s+2 of 3/);
  });

  it('a manager sees their team’s workers named and another team’s counted, not named', async () => {
    const response = await manager.get('/measures/workers/social-worker-caseload');
    expect(response.statusCode).toBe(200);
    const text = textOf(response.body);
    expect(text).toMatch(/worker\s*: their caseload\s+Safeguarding Team 1\s+20 November 2026\s+2\s+Yes\s+Holds 2 children/);
    expect(text).toContain('1 of them are in teams you do not see');
    expect(text).not.toContain('otherworker');
    const api = (await manager.get('/api/v1/measures/workers/social-worker-caseload')).json();
    expect(api.figure).toMatchObject({ numerator: 4, denominator: 3, value: 1.3 });
    expect(api.rows.map((r: { name: string | null }) => r.name)).toEqual(['worker', 'colleague', null]);
    const otherTeam = api.teams.find((x: { team: string }) => x.team === 'Safeguarding Team 2');
    expect((await manager.get(`/measures/workers/social-worker-caseload?team=${otherTeam.teamId}`)).statusCode).toBe(403);
    expect((await manager.get(`/measures/workers/social-worker-caseload/workers/${t.users.otherWorker}`)).statusCode).toBe(403);
  });

  it('a worker’s row opens the children they held, each opening their record; the view is audited', async () => {
    const response = await manager.get(`/measures/workers/social-worker-caseload/workers/${t.users.worker}`);
    expect(response.statusCode).toBe(200);
    expect(textOf(response.body)).toMatch(/Children held\s+2/);
    expect(response.body).toMatch(/<a class="govuk-link" href="\/children\/[0-9a-f-]{36}">Amara Adeyemi<\/a>/);
    expect(response.body).toContain('Bilal Adeyemi');
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'object_id']).where('object_type', '=', 'measure-worker-caseload').execute();
    expect(audit).toEqual([{ action: 'view-child', object_id: t.users.worker }]);
    expect((await manager.get(`/measures/workers/social-worker-caseload/workers/${randomUUID()}`)).statusCode).toBe(404);
  });

  it('an analyst sees every worker; the list exports to CSV and XLSX with the same rows', async () => {
    const analyst = await t.signIn('analyst');
    const csv = await analyst.get('/measures/workers/agency-staff-share/workers.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('agency-staff-share-2025-11-21-to-2026-11-20.csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('"Worker","Lantern id","Team","Date","Children held","In the numerator","Facts"');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 1)[0])).toEqual(['"worker"', '"otherworker"', '"colleague"']);
    const xlsx = await analyst.get('/measures/workers/agency-staff-share/workers.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(2).getCell(5).value).toBe(2);
  });

  it('the allocations read are those a caseload is read from (decision 0075): every figure is the one all the allocations give', async () => {
    // The colleague left on 1 October 2026 holding Ellis (allocated from March 2025); Farah's allocation to
    // the worker ended in August 2025, before the 12 months: neither open on 20 November.
    const ellis = await makeChild(t, { firstName: 'Ellis', allocatedTo: null });
    const farah = await makeChild(t, { firstName: 'Farah', allocatedTo: null });
    await t.ctx.db
      .insertInto('allocation')
      .values([
        { id: randomUUID(), child_id: ellis, worker_id: t.users.colleague, role: 'social_worker', from_date: '2025-03-01', to_date: '2026-10-05', recorded_by: t.users.manager },
        { id: randomUUID(), child_id: farah, worker_id: t.users.worker, role: 'social_worker', from_date: '2025-01-01', to_date: '2025-08-31', recorded_by: t.users.manager },
      ])
      .execute();
    await t.ctx.db.updateTable('worker_profile').set({ left_on: '2026-10-01' }).where('user_id', '=', t.users.colleague).execute();
    const period = { from: '2025-11-21', to: TEST_TODAY };
    const read = await readWorkerFacts(t.ctx.db, period, 30);
    const every = { ...read, allocations: await readAllocations(t.ctx.db, period.from, period.to) };
    expect(read.allocations.length).toBeLessThan(every.allocations.length);
    expect(read.allocations.some((a) => a.childId === farah)).toBe(false);
    for (const m of WORKER_MEASURES) expect({ id: m.id, ...computeWorkerFigure(read, m, period) }).toEqual({ id: m.id, ...computeWorkerFigure(every, m, period) });
    // The colleague's caseload on their last day in post (30 September) still holds Ellis.
    expect(computeWorkerFigure(read, workerMeasureById('staff-leavers')!, period).rows).toMatchObject([{ workerId: t.users.colleague, on: '2026-09-30', children: expect.arrayContaining([ellis]) }]);
    await t.ctx.db.updateTable('worker_profile').set({ left_on: null }).where('user_id', '=', t.users.colleague).execute();
    await t.ctx.db.deleteFrom('allocation').where('child_id', 'in', [ellis, farah]).execute();
  });

  it('a measure that does not exist is not found; a social worker may not see these figures', async () => {
    expect((await manager.get('/measures/workers/children-per-hamster')).statusCode).toBe(404);
    const worker = await t.signIn('worker');
    expect((await worker.get('/measures/workers/social-worker-caseload')).statusCode).toBe(403);
  });
});
