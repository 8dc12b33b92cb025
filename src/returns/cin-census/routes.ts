// The CIN census for analysts (issue 10, decision 0028): choose the year, download the XML, read the
// validation report (each failure by child and rule, each child opening their record; a count per
// rule). The current year is the live record to date. HTTP only: the return is made in service.ts.
import { z } from 'zod';
import type { RegisterRoutes } from '../../server/context.ts';
import type { Guard } from '../../server/guard.ts';
import { apiRoute } from '../../server/api.ts';
import { addNavigationItem } from '../../server/navigation.ts';
import { NotFound } from '../../server/errors.ts';
import { can } from '../../access/roles.ts';
import { censusFile, censusReport } from './service.ts';
import { collectionYear, isCensusYear, yearsToOffer } from './year.ts';
import { returnReportPage } from '../report-page.ts';

export const CENSUS_GUARD: Guard = {
  signedIn: true,
  capability: 'make-returns',
  reason: 'The CIN census return and its validation report, for performance analysts and senior leaders: it covers every child in need in the council, so only roles that see every unrestricted child may make it',
};

addNavigationItem({ href: '/returns/cin-census', text: 'CIN census', show: (role) => can(role, 'make-returns') });

const YearParams = z.object({ year: z.coerce.number().int() });

export const cinCensusRoutes: RegisterRoutes = (app, ctx) => {
  const today = () => ctx.time.today();
  const yearOrNotFound = (year: number) => {
    if (!isCensusYear(year, today())) throw new NotFound('There is no CIN census for that year in Lantern.');
    return year;
  };

  const reportPage = returnReportPage({
    db: ctx.db,
    path: '/returns/cin-census',
    rule: /^\d{3,4}Q?$/,
    auditObject: 'cin-census-report',
    isYear: isCensusYear,
    yearsToOffer,
    load: (year) => censusReport(ctx.db, year, today(), ctx.time.now()),
  });

  app.get('/returns/cin-census', { config: { guard: CENSUS_GUARD } }, async (request, reply) => {
    const { loaded: { census }, view } = await reportPage(request, today());
    return reply.render('returns/cin-census/views/census.njk', { title: 'CIN census', ...view, children: census.children.length });
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
