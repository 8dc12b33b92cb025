// The pages, exports and API of the measures that count workers (decision 0046): one measure with its
// figure by team and the workers behind it, and one worker's caseload behind their row. HTTP only:
// figures and access come from worker-present.ts.
import { z } from 'zod';
import { apiRoute } from '../server/api.ts';
import type { RegisterRoutes } from '../server/context.ts';
import { RuleBroken } from '../server/errors.ts';
import { userOf } from '../server/guard.ts';
import { govukPagination } from '../server/pagination.ts';
import { checkPeriod } from './engine.ts';
import { defaultPeriod, MEASURES_GUARD } from './present.ts';
import { pageAsked, periodOf, periodQuery, renderForPeriod, teamAsked } from './routes.ts';
import { MeasureParams, PeriodQuery } from './schemas.ts';
import { workersCsv, workersExportName, workersXlsx } from './worker-export.ts';
import { workerCaseload, workerCatalogueFigures, workerMeasureDetail } from './worker-present.ts';

const tag = 'Measures';
const WORKERS_PAGE_SIZE = 50;
const WorkerParams = MeasureParams.extend({ workerId: z.guid({ error: 'Not a worker id' }) });

export const workerMeasuresRoutes: RegisterRoutes = (app, ctx) => {
  const today = () => ctx.time.today();

  app.get('/measures/workers/:measureId', { config: { guard: MEASURES_GUARD } }, (request, reply) => {
    const { measureId } = MeasureParams.parse(request.params);
    return renderForPeriod(request, reply, today(), 'measures/views/workers.njk', 'Measure', async (period) => {
      const detail = await workerMeasureDetail(ctx.db, userOf(request), measureId, period, teamAsked(request.query));
      const listQuery = `${periodQuery(period)}${detail.team ? `&team=${detail.team.id}` : ''}`;
      const pageCount = Math.max(1, Math.ceil(detail.rows.length / WORKERS_PAGE_SIZE));
      const page = Math.min(pageAsked(request.query), pageCount);
      const first = (page - 1) * WORKERS_PAGE_SIZE;
      return {
        title: detail.measure.name,
        detail,
        listQuery,
        shown: detail.rows.slice(first, first + WORKERS_PAGE_SIZE),
        first: first + 1,
        pagination: govukPagination(page, pageCount, (p) => `/measures/workers/${detail.measure.id}?${listQuery}${p > 1 ? `&page=${p}` : ''}`),
      };
    });
  });

  // A worker's caseload names children: audited as a view of the children, as a measure's list of children is.
  app.get('/measures/workers/:measureId/workers/:workerId', { config: { guard: MEASURES_GUARD } }, (request, reply) => {
    const { measureId, workerId } = WorkerParams.parse(request.params);
    return renderForPeriod(request, reply, today(), 'measures/views/worker-caseload.njk', 'Caseload', async (period) => {
      const caseload = await workerCaseload(ctx.db, userOf(request), measureId, period, workerId);
      await request.audit({ action: 'view-child', objectType: 'measure-worker-caseload', objectId: workerId, detail: { measure: measureId, from: period.from, to: period.to, children: caseload.children.length - caseload.hidden } });
      return { title: `${caseload.worker.name}: caseload`, caseload };
    });
  });

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/measures/workers/:measureId/workers.${format}`, { config: { guard: MEASURES_GUARD } }, async (request, reply) => {
      const { measureId } = MeasureParams.parse(request.params);
      const { period, errors } = periodOf((request.query ?? {}) as Record<string, unknown>, today());
      if (errors) throw new RuleBroken(errors.list[0]?.text ?? 'Choose a period');
      const detail = await workerMeasureDetail(ctx.db, userOf(request), measureId, period, teamAsked(request.query));
      await request.audit({ action: 'export', objectType: 'measure-workers', objectId: null, detail: { measure: measureId, from: period.from, to: period.to, team: detail.team?.id ?? null, export: format, workers: detail.rows.length - detail.hidden } });
      reply.header('content-disposition', `attachment; filename="${workersExportName(detail, format)}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(workersCsv(detail));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await workersXlsx(detail));
    });
  }

  const periodFrom = (query: { from?: string | undefined; to?: string | undefined }) => {
    const period = { ...defaultPeriod(today()), ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) };
    checkPeriod(period);
    return period;
  };

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/measures/workers',
    summary: 'The measures that count workers (caseloads, agency staff, leavers) with each figure for a period (default the 12 months to today)',
    tag,
    query: PeriodQuery,
    guard: MEASURES_GUARD,
    handler: async ({ query }) => {
      const period = periodFrom(query);
      return { period, measures: await workerCatalogueFigures(ctx.db, period) };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/measures/workers/:measureId',
    summary: 'One measure that counts workers: its figure by team and the workers counted, each with the children they held (a worker of a team the user does not see is counted, not named)',
    tag,
    params: MeasureParams,
    query: PeriodQuery,
    guard: MEASURES_GUARD,
    handler: async ({ params, query, request }) => workerMeasureDetail(ctx.db, userOf(request), params.measureId, periodFrom(query), query.team ?? null),
  });
};
