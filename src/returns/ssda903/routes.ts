// The SSDA903 return for analysts (issue 10, decision 0030): choose the year, download each table as
// a CSV file or the whole return as XML, read the validation report (by rule and by child, each child
// opening their record). The current year is the live record to date. HTTP only: the return is made
// in service.ts.
import { z } from 'zod';
import type { RegisterRoutes } from '../../server/context.ts';
import type { Guard } from '../../server/guard.ts';
import { apiRoute } from '../../server/api.ts';
import { addNavigationItem } from '../../server/navigation.ts';
import { NotFound } from '../../server/errors.ts';
import { can } from '../../access/roles.ts';
import { ssda903File, ssda903Report, ssda903Return } from './service.ts';
import { tableByName, tableCounts, tableCsv } from './tables.ts';
import { collectionYear, hasDoloTable, is903Year, yearsToOffer } from './year.ts';
import { returnReportPage } from '../report-page.ts';

export const SSDA903_GUARD: Guard = {
  signedIn: true,
  capability: 'make-returns',
  reason: 'The SSDA903 return and its validation report, for performance analysts and senior leaders: it covers every child looked after and every care leaver at a birthday in the year, so only roles that see every unrestricted child may make it',
};

addNavigationItem({ href: '/returns/ssda903', text: 'SSDA903 return', show: (role) => can(role, 'make-returns') });

const YearParams = z.object({ year: z.coerce.number().int() });
const TableParams = z.object({ year: z.coerce.number().int(), table: z.string().regex(/^[A-Za-z0-9]{2,20}$/) });

export const ssda903Routes: RegisterRoutes = (app, ctx) => {
  const today = () => ctx.time.today();
  const yearOrNotFound = (year: number) => {
    if (!is903Year(year, today())) throw new NotFound('There is no SSDA903 return for that year in Lantern.');
    return year;
  };
  const tableOrNotFound = (year: number, name: string) => {
    const table = tableByName(year, name);
    if (!table) throw new NotFound(`The SSDA903 return for that year has no table called ${name}.`);
    return table;
  };
  const csvOf = async (year: number, name: string) => {
    const table = tableOrNotFound(yearOrNotFound(year), name);
    return { table, csv: tableCsv(await ssda903Return(ctx.db, year, today(), ctx.time.now()), table) };
  };

  const reportPage = returnReportPage({
    db: ctx.db,
    path: '/returns/ssda903',
    rule: /^[A-Za-z0-9]{3,12}$/,
    auditObject: 'ssda903-report',
    isYear: is903Year,
    yearsToOffer,
    load: (year) => ssda903Report(ctx.db, year, today(), ctx.time.now()),
  });

  app.get('/returns/ssda903', { config: { guard: SSDA903_GUARD } }, async (request, reply) => {
    const { year, loaded: { ret }, view } = await reportPage(request, today());
    return reply.render('returns/ssda903/views/ssda903.njk', {
      title: 'SSDA903 return',
      ...view,
      dolo: hasDoloTable(year),
      children: ret.children.length,
      lookedAfter: ret.children.filter((c) => c.episodes.length > 0).length,
      tables: tableCounts(ret).map((t) => ({ ...t, href: `/returns/ssda903/${year}/csv/${t.name.toLowerCase()}` })),
    });
  });

  app.get('/returns/ssda903/:year/xml', { config: { guard: SSDA903_GUARD } }, async (request, reply) => {
    const params = YearParams.safeParse(request.params);
    const year = yearOrNotFound(params.success ? params.data.year : Number.NaN);
    const xml = await ssda903File(ctx.db, year, today(), ctx.time.now());
    await request.audit({ action: 'export', objectType: 'ssda903', detail: { year, file: 'xml' } });
    return reply.type('application/xml; charset=utf-8').header('content-disposition', `attachment; filename="ssda903-${year}.xml"`).send(xml);
  });

  app.get('/returns/ssda903/:year/csv/:table', { config: { guard: SSDA903_GUARD } }, async (request, reply) => {
    const params = TableParams.safeParse(request.params);
    if (!params.success) throw new NotFound('There is no such SSDA903 table.');
    const { table, csv } = await csvOf(params.data.year, params.data.table);
    await request.audit({ action: 'export', objectType: 'ssda903', detail: { year: params.data.year, file: table.file } });
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="ssda903-${params.data.year}-${table.file}"`).send(csv);
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/returns/ssda903/:year',
    summary: 'The SSDA903 return as XML for the collection year ending 31 March of :year (the current year is the live record to date)',
    tag: 'Returns',
    params: YearParams,
    guard: SSDA903_GUARD,
    handler: async ({ params, request, reply }) => {
      const year = yearOrNotFound(params.year);
      const xml = await ssda903File(ctx.db, year, today(), ctx.time.now());
      await request.audit({ action: 'export', objectType: 'ssda903', detail: { year, file: 'xml' } });
      return reply.type('application/xml; charset=utf-8').send(xml);
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/returns/ssda903/:year/report',
    summary: 'The SSDA903 validation report for the collection year ending 31 March of :year: every failure by child and rule, a count per rule, and the rows in each table',
    tag: 'Returns',
    params: YearParams,
    guard: SSDA903_GUARD,
    handler: async ({ params, request }) => {
      const year = yearOrNotFound(params.year);
      const { ret, report } = await ssda903Report(ctx.db, year, today(), ctx.time.now());
      await request.audit({ action: 'view-child', objectType: 'ssda903-report', detail: { year, children: ret.children.length } });
      const y = collectionYear(year);
      return { year, start: y.start, referenceDate: y.end, children: ret.children.length, tables: tableCounts(ret), ...report };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/returns/ssda903/:year/tables/:table',
    summary: 'One table of the SSDA903 return as CSV (Header, Episodes, UASC, Reviews, OC2, OC3, AD1, PlacedAdoption, PrevPerm, Missing, SWEpisodes; DoLo from 2026-27), columns in DfE’s order',
    tag: 'Returns',
    params: TableParams,
    guard: SSDA903_GUARD,
    handler: async ({ params, request, reply }) => {
      const { table, csv } = await csvOf(params.year, params.table);
      await request.audit({ action: 'export', objectType: 'ssda903', detail: { year: params.year, file: table.file } });
      return reply.type('text/csv; charset=utf-8').send(csv);
    },
  });
};
