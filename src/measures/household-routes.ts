// The pages, exports and API of the measures that count households (decision 0050): one measure with
// its figure by stage or kind and the households behind it, each opening its record where the user may
// open it. HTTP only: figures and who sees names come from household-present.ts. A list that names
// households is audited as a view of their records (adopters as the adopters' pages audit a view).
import type { FastifyRequest } from 'fastify';
import { apiRoute } from '../server/api.ts';
import type { RegisterRoutes } from '../server/context.ts';
import { RuleBroken } from '../server/errors.ts';
import { userOf } from '../server/guard.ts';
import { govukPagination } from '../server/pagination.ts';
import { checkPeriod } from './engine.ts';
import { householdsCsv, householdsExportName, householdsXlsx } from './household-export.ts';
import { householdCatalogueFigures, householdMeasureDetail, type HouseholdMeasureDetail } from './household-present.ts';
import { householdMeasuresNamed } from './catalogue/households.ts';
import { readHouseholdFacts } from './households.ts';
import { defaultPeriod, MEASURES_GUARD } from './present.ts';
import { pageAsked, periodOf, periodQuery, renderForPeriod } from './routes.ts';
import { MeasureParams, PeriodQuery } from './schemas.ts';

const tag = 'Measures';
const HOUSEHOLDS_PAGE_SIZE = 50;

/** A list naming households is a view of their records; a list that names none views no one's. */
const auditNamed = (request: FastifyRequest, d: HouseholdMeasureDetail, detail: Record<string, unknown> = {}) =>
  d.named && d.rows.length > 0
    ? request.audit({
        action: d.service === 'adopters' ? 'view-adopter' : 'view-child',
        objectType: 'measure-households',
        objectId: null,
        detail: { measure: d.measure.id, from: d.period.from, to: d.period.to, households: d.rows.length, ...detail },
      })
    : Promise.resolve();

export const householdMeasuresRoutes: RegisterRoutes = (app, ctx) => {
  const today = () => ctx.time.today();

  app.get('/measures/households/:measureId', { config: { guard: MEASURES_GUARD } }, (request, reply) => {
    const { measureId } = MeasureParams.parse(request.params);
    return renderForPeriod(request, reply, today(), 'measures/views/households.njk', 'Measure', async (period) => {
      const detail = householdMeasureDetail(await readHouseholdFacts(ctx.db, today(), householdMeasuresNamed(measureId)), userOf(request), measureId, period);
      await auditNamed(request, detail);
      const pageCount = Math.max(1, Math.ceil(detail.rows.length / HOUSEHOLDS_PAGE_SIZE));
      const page = Math.min(pageAsked(request.query), pageCount);
      const first = (page - 1) * HOUSEHOLDS_PAGE_SIZE;
      return {
        title: detail.measure.name,
        detail,
        shown: detail.rows.slice(first, first + HOUSEHOLDS_PAGE_SIZE),
        first: first + 1,
        pagination: govukPagination(page, pageCount, (p) => `/measures/households/${detail.measure.id}?${periodQuery(period)}${p > 1 ? `&page=${p}` : ''}`),
      };
    });
  });

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/measures/households/:measureId/households.${format}`, { config: { guard: MEASURES_GUARD } }, async (request, reply) => {
      const { measureId } = MeasureParams.parse(request.params);
      const { period, errors } = periodOf((request.query ?? {}) as Record<string, unknown>, today());
      if (errors) throw new RuleBroken(errors.list[0]?.text ?? 'Choose a period');
      const detail = householdMeasureDetail(await readHouseholdFacts(ctx.db, today(), householdMeasuresNamed(measureId)), userOf(request), measureId, period);
      await request.audit({ action: 'export', objectType: 'measure-households', objectId: null, detail: { measure: measureId, from: period.from, to: period.to, export: format, households: detail.rows.length, named: detail.named } });
      reply.header('content-disposition', `attachment; filename="${householdsExportName(detail, format)}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(householdsCsv(detail));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await householdsXlsx(detail));
    });
  }

  const periodFrom = (query: { from?: string | undefined; to?: string | undefined }) => {
    const period = { ...defaultPeriod(today()), ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) };
    checkPeriod(period);
    return period;
  };

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/measures/households',
    summary: 'The measures that count households (prospective adopters, foster carers) with each figure for a period (default the 12 months to today)',
    tag,
    query: PeriodQuery,
    guard: MEASURES_GUARD,
    handler: async ({ query }) => {
      const period = periodFrom(query);
      return { period, measures: householdCatalogueFigures(await readHouseholdFacts(ctx.db, today()), period) };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/measures/households/:measureId',
    summary: 'One measure that counts households: its figure by stage or kind and the households counted (named only for a user who may open their records)',
    tag,
    params: MeasureParams,
    query: PeriodQuery,
    guard: MEASURES_GUARD,
    handler: async ({ params, query, request }) => {
      const detail = householdMeasureDetail(await readHouseholdFacts(ctx.db, today(), householdMeasuresNamed(params.measureId)), userOf(request), params.measureId, periodFrom(query));
      await auditNamed(request, detail, { api: true });
      return detail;
    },
  });
};
