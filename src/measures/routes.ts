// The measure pages: the catalogue with its figures, one measure with its figure by team and the
// children behind it, the exports of that list, and the API. HTTP only: figures come from present.ts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../access/roles.ts';
import { apiRoute } from '../server/api.ts';
import type { RegisterRoutes } from '../server/context.ts';
import { RuleBroken } from '../server/errors.ts';
import { dateInputItems, foldDateInputs, singleError, type FormErrors } from '../server/forms.ts';
import { userOf } from '../server/guard.ts';
import { addNavigationItem } from '../server/navigation.ts';
import { govukPagination } from '../server/pagination.ts';
import { isIsoDate } from '../calendar/index.ts';
import type { Period } from './counting.ts';
import { checkPeriod } from './engine.ts';
import { childrenCsv, childrenXlsx, exportName } from './export.ts';
import { MEASURE_GROUPS } from './catalogue.ts';
import { catalogueFigures, catalogueFiguresAndAllocations, defaultPeriod, MEASURES_GUARD, measureDetail, measurePage } from './present.ts';
import { householdCatalogueFigures } from './household-present.ts';
import { readHouseholdFacts } from './households.ts';
import { MeasureParams, PeriodQuery } from './schemas.ts';
import { workerCatalogueFigures } from './worker-present.ts';

addNavigationItem({ href: '/measures', text: 'Measures', show: (role) => can(role, 'view-performance') });

const tag = 'Measures';

/** The period from the query (day, month and year fields, or ISO dates), or the 12 months to today. */
export function periodOf(query: Record<string, unknown>, today: string): { period: Period; values: Record<string, unknown>; errors?: FormErrors } {
  const values = foldDateInputs(query, ['from', 'to']);
  const fallback = defaultPeriod(today);
  const pick = (name: 'from' | 'to') => {
    const v = values[name];
    return v === undefined || v === '' ? fallback[name] : String(v);
  };
  const period = { from: pick('from'), to: pick('to') };
  const shownValues = { ...values, from: period.from, to: period.to };
  for (const name of ['from', 'to'] as const) {
    if (!isIsoDate(period[name])) return { period: fallback, values: shownValues, errors: singleError(name, `Enter a real date ${name === 'from' ? 'for the start of the period' : 'for the end of the period'}`) };
  }
  try {
    checkPeriod(period);
  } catch (error) {
    if (error instanceof RuleBroken) return { period: fallback, values: shownValues, errors: singleError(error.field ?? 'from', error.message) };
    throw error;
  }
  return { period, values: shownValues };
}

export const periodQuery = (p: Period) => `from=${p.from}&to=${p.to}`;

/** The team asked for, if it looks like a team's id (anything else is no team: the whole council). */
/** The rows counted are shown 50 a page (the exports give them all). */
const PAGE_SIZE = 50;
export const pageAsked = (query: unknown): number => {
  const n = Number.parseInt(String((query as { page?: unknown } | undefined)?.page ?? '1'), 10);
  return Number.isSafeInteger(n) && n >= 1 ? n : 1;
};

/** One page of a measure's list (of children, workers or households), the team asked for kept in its links. */
export function listPage<R>(rows: readonly R[], query: unknown, href: string, period: Period, team: { id: string } | null | undefined) {
  const listQuery = `${periodQuery(period)}${team ? `&team=${team.id}` : ''}`;
  const pageCount = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(pageAsked(query), pageCount);
  const first = (page - 1) * PAGE_SIZE;
  return {
    listQuery,
    shown: rows.slice(first, first + PAGE_SIZE),
    first: first + 1,
    pagination: govukPagination(page, pageCount, (p) => `${href}?${listQuery}${p > 1 ? `&page=${p}` : ''}`),
  };
}

export const teamAsked = (query: unknown): string | null => {
  const team = (query as Record<string, unknown> | null)?.['team'];
  return typeof team === 'string' && /^[0-9a-f-]{36}$/i.test(team) ? team : null;
};

const formOf = (values: Record<string, unknown>, errors?: FormErrors) => ({
  values,
  errors: errors && { ...errors, list: errors.list.map((e) => (e.href === '#from' || e.href === '#to' ? { ...e, href: `${e.href}-day` } : e)) },
  fromItems: dateInputItems('from', values, Boolean(errors?.fields['from'])),
  toItems: dateInputItems('to', values, Boolean(errors?.fields['to'])),
});

/** Renders a period error on the page that asked, never a figure for a period that was not asked (the measures of workers use it too). */
export async function renderForPeriod(request: FastifyRequest, reply: FastifyReply, today: string, template: string, title: string, show: (p: Period) => Promise<Record<string, unknown>>) {
  const { period, values, errors } = periodOf((request.query ?? {}) as Record<string, unknown>, today);
  if (errors) return reply.code(400).render(template, { title, ...formOf(values, errors), period: null });
  try {
    return reply.render(template, { title, ...formOf(values), period, periodQuery: periodQuery(period), ...(await show(period)) });
  } catch (error) {
    if (error instanceof RuleBroken) return reply.code(400).render(template, { title, ...formOf(values, singleError(error.field ?? 'from', error.message)), period: null });
    throw error;
  }
}

export const measuresRoutes: RegisterRoutes = (app, ctx) => {
  const today = () => ctx.time.today();

  const withPeriod = (request: FastifyRequest, reply: FastifyReply, template: string, title: string, show: (p: Period) => Promise<Record<string, unknown>>) =>
    renderForPeriod(request, reply, today(), template, title, show);

  app.get('/measures', { config: { guard: MEASURES_GUARD } }, (request, reply) =>
    withPeriod(request, reply, 'measures/views/catalogue.njk', 'Measures', async (period) => {
      // The workers' figures count the allocations the children's read: read once (the profiles alongside).
      const children = catalogueFiguresAndAllocations(ctx.db, period, today());
      const [{ measures }, workerMeasures, households] = await Promise.all([
        children,
        workerCatalogueFigures(ctx.db, period, children.then((c) => c.allocations)),
        readHouseholdFacts(ctx.db, today()),
      ]);
      const groups = MEASURE_GROUPS.map((group) => ({ group, measures: measures.filter((m) => m.group === group) })).filter((g) => g.measures.length > 0);
      const householdFigures = householdCatalogueFigures(households, period);
      const householdGroups = [...new Set(householdFigures.map((m) => m.group))].map((group) => ({ group, measures: householdFigures.filter((m) => m.group === group) }));
      return { groups, workerMeasures, householdGroups, anyDiffers: measures.some((m) => m.differs) };
    }),
  );

  app.get('/measures/:measureId', { config: { guard: MEASURES_GUARD } }, async (request, reply) => {
    const { measureId } = MeasureParams.parse(request.params);
    return withPeriod(request, reply, 'measures/views/measure.njk', 'Measure', async (period) => {
      // Every row is counted and teamed; only the page's rows are named (the exports name them all).
      const page = await measurePage(ctx.db, userOf(request), measureId, period, today(), teamAsked(request.query), (rows, team) => listPage(rows, request.query, `/measures/${measureId}`, period, team));
      const { detail } = page;
      await request.audit({ action: 'view-child', objectType: 'measure-children', objectId: null, detail: { measure: measureId, from: period.from, to: period.to, team: detail.team?.id ?? null, children: detail.rows.length - detail.hidden } });
      return { title: detail.measure.name, ...page };
    });
  });

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/measures/:measureId/children.${format}`, { config: { guard: MEASURES_GUARD } }, async (request, reply) => {
      const { measureId } = MeasureParams.parse(request.params);
      const { period, errors } = periodOf((request.query ?? {}) as Record<string, unknown>, today());
      if (errors) throw new RuleBroken(errors.list[0]?.text ?? 'Choose a period');
      const detail = await measureDetail(ctx.db, userOf(request), measureId, period, today(), teamAsked(request.query));
      await request.audit({ action: 'view-child', objectType: 'measure-children', objectId: null, detail: { measure: measureId, from: period.from, to: period.to, team: detail.team?.id ?? null, export: format, children: detail.rows.length - detail.hidden } });
      reply.header('content-disposition', `attachment; filename="${exportName(detail, format)}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(childrenCsv(detail));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await childrenXlsx(detail));
    });
  }

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/measures',
    summary: 'The measure catalogue with each figure for a period (default the 12 months to today): as corrected since, and as recorded by the end of the period; every % with its numerator and denominator',
    tag,
    query: PeriodQuery,
    guard: MEASURES_GUARD,
    handler: async ({ query }) => {
      const period = { ...defaultPeriod(today()), from: query.from ?? defaultPeriod(today()).from, to: query.to ?? today() };
      checkPeriod(period);
      return { period, measures: await catalogueFigures(ctx.db, period, today()) };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/measures/:measureId/children',
    summary: 'One measure for a period: its figure by team and the children counted in it, with the facts that put them there (a child the user may not see is counted, not named)',
    tag,
    params: MeasureParams,
    query: PeriodQuery,
    guard: MEASURES_GUARD,
    handler: async ({ params, query, request }) => {
      const { team, ...dates } = query;
      const period = { ...defaultPeriod(today()), ...dates };
      checkPeriod(period);
      const detail = await measureDetail(ctx.db, userOf(request), params.measureId, period, today(), team ?? null);
      await request.audit({ action: 'view-child', objectType: 'measure-children', objectId: null, detail: { measure: params.measureId, from: period.from, to: period.to, api: true, children: detail.rows.length - detail.hidden } });
      return detail;
    },
  });
};
