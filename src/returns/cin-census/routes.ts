// The CIN census for analysts (issue 10, decision 0028): choose the year, download the XML, read the
// validation report (each failure by child and rule, each child opening their record; a count per
// rule). The current year is the live record to date. HTTP only: the return is made in service.ts.
import { z } from 'zod';
import type { RegisterRoutes } from '../../server/context.ts';
import type { Guard } from '../../server/guard.ts';
import { apiRoute } from '../../server/api.ts';
import { addNavigationItem } from '../../server/navigation.ts';
import { govukPagination } from '../../server/pagination.ts';
import { NotFound } from '../../server/errors.ts';
import { can } from '../../access/roles.ts';
import { censusFile, censusReport } from './service.ts';
import { collectionYear, collectionYearOf, isCensusYear, yearsToOffer } from './year.ts';
import { failureRows, FAILURES_PAGE_SIZE } from './present.ts';
import { failuresByChild } from '../report.ts';

export const CENSUS_GUARD: Guard = {
  signedIn: true,
  capability: 'make-returns',
  reason: 'The CIN census return and its validation report, for performance analysts and senior leaders: it covers every child in need in the council, so only roles that see every unrestricted child may make it',
};

addNavigationItem({ href: '/returns/cin-census', text: 'CIN census', show: (role) => can(role, 'make-returns') });

const YearParams = z.object({ year: z.coerce.number().int() });
const PageQuery = z.object({ year: z.coerce.number().int().optional(), page: z.coerce.number().int().min(1).optional(), rule: z.string().regex(/^\d{3,4}Q?$/).optional() });

export const cinCensusRoutes: RegisterRoutes = (app, ctx) => {
  const today = () => ctx.time.today();
  const yearOrNotFound = (year: number) => {
    if (!isCensusYear(year, today())) throw new NotFound('There is no CIN census for that year in Lantern.');
    return year;
  };

  app.get('/returns/cin-census', { config: { guard: CENSUS_GUARD } }, async (request, reply) => {
    const query = PageQuery.safeParse(request.query);
    const current = collectionYearOf(today()).year;
    const year = query.success && query.data.year !== undefined && isCensusYear(query.data.year, today()) ? query.data.year : current;
    const { census, report } = await censusReport(ctx.db, year, today(), ctx.time.now());
    const rule = query.success ? (query.data.rule ?? null) : null;
    const byChild = failuresByChild(report.failures, rule);
    const hrefFor = (p: number, r: string | null) => `/returns/cin-census?year=${year}${r ? `&rule=${r}` : ''}${p > 1 ? `&page=${p}` : ''}`;
    const pageCount = Math.max(1, Math.ceil(byChild.length / FAILURES_PAGE_SIZE));
    const page = Math.min(query.success ? (query.data.page ?? 1) : 1, pageCount);
    const shown = await failureRows(ctx.db, request.user!, byChild.slice((page - 1) * FAILURES_PAGE_SIZE, page * FAILURES_PAGE_SIZE));
    await request.audit({ action: 'view-child', objectType: 'cin-census-report', detail: { year, rule, children: new Set(shown.map((f) => f.childId)).size, page } });
    const y = collectionYear(year);
    return reply.render('returns/cin-census/views/census.njk', {
      title: 'CIN census',
      year: y,
      live: year === current,
      today: today(),
      yearItems: yearsToOffer(today()).map((o) => ({ value: String(o.year), text: `${o.label}${o.year === current ? ' (this year to date)' : ''}`, selected: o.year === year })),
      children: census.children.length,
      report,
      rule,
      ruleMessage: rule ? (report.counts.find((c) => c.code === rule)?.message ?? null) : null,
      allHref: hrefFor(1, null),
      counts: report.counts.map((c) => ({ ...c, href: hrefFor(1, c.code) })),
      wholeReturn: report.failures.filter((f) => f.childId === null),
      rows: shown,
      failuresByChild: byChild.length,
      first: (page - 1) * FAILURES_PAGE_SIZE + 1,
      pagination: govukPagination(page, pageCount, (p) => hrefFor(p, rule)),
    });
  });

  app.get('/returns/cin-census/:year/download', { config: { guard: CENSUS_GUARD } }, async (request, reply) => {
    const params = YearParams.safeParse(request.params);
    const year = yearOrNotFound(params.success ? params.data.year : Number.NaN);
    const xml = await censusFile(ctx.db, year, ctx.time.now());
    await request.audit({ action: 'export', objectType: 'cin-census', detail: { year } });
    return reply
      .type('application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="cin-census-${year}.xml"`)
      .send(xml);
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/returns/cin-census/:year',
    summary: 'The CIN census XML for the collection year ending 31 March of :year (the current year is the live record to date), valid against DfE’s schema with the 2024-25 Sex item',
    tag: 'Returns',
    params: YearParams,
    guard: CENSUS_GUARD,
    handler: async ({ params, request, reply }) => {
      const year = yearOrNotFound(params.year);
      const xml = await censusFile(ctx.db, year, ctx.time.now());
      await request.audit({ action: 'export', objectType: 'cin-census', detail: { year } });
      return reply.type('application/xml; charset=utf-8').send(xml);
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/returns/cin-census/:year/report',
    summary: 'The CIN census validation report for the collection year ending 31 March of :year: every failure by child and DfE rule, and a count per rule',
    tag: 'Returns',
    params: YearParams,
    guard: CENSUS_GUARD,
    handler: async ({ params, request }) => {
      const year = yearOrNotFound(params.year);
      const { census, report } = await censusReport(ctx.db, year, today(), ctx.time.now());
      await request.audit({ action: 'view-child', objectType: 'cin-census-report', detail: { year, children: census.children.length } });
      const y = collectionYear(year);
      return { year, start: y.start, referenceDate: y.end, children: census.children.length, ...report };
    },
  });
};
