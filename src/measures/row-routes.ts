// The pages, exports and API of the measures whose rows are not children, once for each kind of row:
// households (decision 0050: each row opens the household's record where the user may open it) and
// workers (decision 0046: each row opens the worker's caseload). One measure with its figure broken down
// and the rows behind it, 50 a page (listPage, as the children's); the list as CSV and XLSX; the API. HTTP only: figures, and who
// sees names, come from household-present.ts and worker-present.ts.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SignedInUser } from '../access/policy.ts';
import type { Db } from '../db/history.ts';
import { apiRoute } from '../server/api.ts';
import type { RegisterRoutes } from '../server/context.ts';
import { RuleBroken } from '../server/errors.ts';
import { userOf } from '../server/guard.ts';
import type { Period } from './counting.ts';
import { checkPeriod } from './engine.ts';
import { exportName } from './export.ts';
import { householdCatalogueFigures, householdColumns, householdMeasureDetail, type HouseholdMeasureDetail, type HouseholdRow } from './household-present.ts';
import { readHouseholdFacts } from './households.ts';
import { householdMeasuresNamed } from './catalogue/households.ts';
import { defaultPeriod, MEASURES_GUARD } from './present.ts';
import { rowsCsv, rowsXlsx, type Column, type RowList } from './row-measures.ts';
import { listPage, periodOf, renderForPeriod, teamAsked } from './routes.ts';
import { MeasureParams, PeriodQuery } from './schemas.ts';
import { WORKER_COLUMNS, workerCatalogueFigures, workerCaseload, workerMeasureDetail, type WorkerMeasureDetail, type WorkerRow } from './worker-present.ts';

const tag = 'Measures';

/** What a measure's list of rows carries for the routes: the rows, and the one team asked for if any. */
interface Detail<R> extends RowList<R> {
  team?: { id: string } | null;
}

/** What a row is, for the routes: a household, a worker. */
interface RowKind<D extends Detail<R>, R> {
  /** In the URLs, the audit and the export's name: `/measures/households/…/households.csv`. */
  rows: 'households' | 'workers';
  template: string;
  summaries: { catalogue: string; one: string };
  /** Every measure's figure for the period: counts, no one named. */
  catalogue: (db: Db, period: Period, today: string) => Promise<unknown[]>;
  /** One measure's figure and its rows (a team asked for where the rows have teams). */
  detail: (db: Db, user: SignedInUser, measureId: string, period: Period, team: string | null, today: string) => Promise<D>;
  /** Audits a page or an answer of the API that names rows; `more` is added to the detail. */
  viewed?: (request: FastifyRequest, detail: D, more: Record<string, unknown>) => Promise<unknown>;
  /** What an export's audit row says it gave, beside the measure, the period and the format. */
  exported: (detail: D) => Record<string, unknown>;
  columns: (detail: D) => readonly Column<R>[];
  /** A row's own page under the measure (a worker's caseload): it audits what it shows. */
  rowPage?: {
    idError: string;
    template: string;
    title: string;
    show: (db: Db, request: FastifyRequest, measureId: string, rowId: string, period: Period) => Promise<Record<string, unknown>>;
  };
}

function rowMeasuresRoutes<D extends Detail<R>, R>(kind: RowKind<D, R>): RegisterRoutes {
  const base = `/measures/${kind.rows}`;
  return (app, ctx) => {
    const today = () => ctx.time.today();
    const detailFor = (request: FastifyRequest, measureId: string, period: Period, team: string | null) =>
      kind.detail(ctx.db, userOf(request), measureId, period, team, today());

    app.get(`${base}/:measureId`, { config: { guard: MEASURES_GUARD } }, (request, reply) => {
      const { measureId } = MeasureParams.parse(request.params);
      return renderForPeriod(request, reply, today(), kind.template, 'Measure', async (period) => {
        const detail = await detailFor(request, measureId, period, teamAsked(request.query));
        await kind.viewed?.(request, detail, {});
        return { title: detail.measure.name, detail, ...listPage(detail.rows, request.query, `${base}/${detail.measure.id}`, period, detail.team) };
      });
    });

    const row = kind.rowPage;
    if (row) {
      const RowParams = MeasureParams.extend({ rowId: z.guid({ error: row.idError }) });
      app.get(`${base}/:measureId/${kind.rows}/:rowId`, { config: { guard: MEASURES_GUARD } }, (request, reply) => {
        const { measureId, rowId } = RowParams.parse(request.params);
        return renderForPeriod(request, reply, today(), row.template, row.title, (period) => row.show(ctx.db, request, measureId, rowId, period));
      });
    }

    for (const format of ['csv', 'xlsx'] as const) {
      app.get(`${base}/:measureId/${kind.rows}.${format}`, { config: { guard: MEASURES_GUARD } }, async (request, reply) => {
        const { measureId } = MeasureParams.parse(request.params);
        const { period, errors } = periodOf((request.query ?? {}) as Record<string, unknown>, today());
        if (errors) throw new RuleBroken(errors.list[0]?.text ?? 'Choose a period');
        const detail = await detailFor(request, measureId, period, teamAsked(request.query));
        await request.audit({ action: 'export', objectType: `measure-${kind.rows}`, objectId: null, detail: { measure: measureId, from: period.from, to: period.to, export: format, ...kind.exported(detail) } });
        reply.header('content-disposition', `attachment; filename="${exportName(detail, format)}"`);
        if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(rowsCsv(detail, kind.columns(detail)));
        return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await rowsXlsx(detail, kind.columns(detail)));
      });
    }

    const periodFrom = (query: { from?: string | undefined; to?: string | undefined }) => {
      const period = { ...defaultPeriod(today()), ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) };
      checkPeriod(period);
      return period;
    };

    apiRoute(app, {
      method: 'GET',
      url: `/api/v1${base}`,
      summary: kind.summaries.catalogue,
      tag,
      query: PeriodQuery,
      guard: MEASURES_GUARD,
      handler: async ({ query }) => {
        const period = periodFrom(query);
        return { period, measures: await kind.catalogue(ctx.db, period, today()) };
      },
    });

    apiRoute(app, {
      method: 'GET',
      url: `/api/v1${base}/:measureId`,
      summary: kind.summaries.one,
      tag,
      params: MeasureParams,
      query: PeriodQuery,
      guard: MEASURES_GUARD,
      handler: async ({ params, query, request }) => {
        const detail = await detailFor(request, params.measureId, periodFrom(query), query.team ?? null);
        await kind.viewed?.(request, detail, { api: true });
        return detail;
      },
    });
  };
}

/** A list naming households is a view of their records (adopters as the adopters' pages audit a view); a list that names none views no one's. */
const householdsViewed = (request: FastifyRequest, d: HouseholdMeasureDetail, more: Record<string, unknown>) =>
  d.named && d.rows.length > 0
    ? request.audit({
        action: d.service === 'adopters' ? 'view-adopter' : 'view-child',
        objectType: 'measure-households',
        objectId: null,
        detail: { measure: d.measure.id, from: d.period.from, to: d.period.to, households: d.rows.length, ...more },
      })
    : Promise.resolve();

export const householdMeasuresRoutes = rowMeasuresRoutes<HouseholdMeasureDetail, HouseholdRow>({
  rows: 'households',
  template: 'measures/views/households.njk',
  summaries: {
    catalogue: 'The measures that count households (prospective adopters, foster carers) with each figure for a period (default the 12 months to today)',
    one: 'One measure that counts households: its figure by stage or kind and the households counted (named only for a user who may open their records)',
  },
  catalogue: async (db, period, today) => householdCatalogueFigures(await readHouseholdFacts(db, today), period),
  // Households have no team: the figure is by stage or kind of household.
  detail: async (db, user, measureId, period, _team, today) => householdMeasureDetail(await readHouseholdFacts(db, today, householdMeasuresNamed(measureId)), user, measureId, period),
  viewed: householdsViewed,
  exported: (d) => ({ households: d.rows.length, named: d.named }),
  columns: householdColumns,
});

export const workerMeasuresRoutes = rowMeasuresRoutes<WorkerMeasureDetail, WorkerRow>({
  rows: 'workers',
  template: 'measures/views/workers.njk',
  summaries: {
    catalogue: 'The measures that count workers (caseloads, agency staff, leavers) with each figure for a period (default the 12 months to today)',
    one: 'One measure that counts workers: its figure by team and the workers counted, each with the children they held (a worker of a team the user does not see is counted, not named)',
  },
  catalogue: (db, period) => workerCatalogueFigures(db, period),
  detail: (db, user, measureId, period, team) => workerMeasureDetail(db, user, measureId, period, team),
  exported: (d) => ({ team: d.team?.id ?? null, workers: d.rows.length - d.hidden }),
  columns: () => WORKER_COLUMNS,
  // A worker's caseload names children: audited as a view of the children, as a measure's list of children is.
  rowPage: {
    idError: 'Not a worker id',
    template: 'measures/views/worker-caseload.njk',
    title: 'Caseload',
    show: async (db, request, measureId, workerId, period) => {
      const caseload = await workerCaseload(db, userOf(request), measureId, period, workerId);
      await request.audit({ action: 'view-child', objectType: 'measure-worker-caseload', objectId: workerId, detail: { measure: measureId, from: period.from, to: period.to, children: caseload.children.length - caseload.hidden } });
      return { title: `${caseload.worker.name}: caseload`, caseload };
    },
  },
});
