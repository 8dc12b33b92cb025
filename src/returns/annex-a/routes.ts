// Ofsted's Annex A for analysts and senior leaders (issue 10, decision 0031): choose the range, see
// how many rows each list has, open a list to see the children behind it (each opening their
// record), download the workbook. The same make-returns capability as the CIN census: the lists
// cover every child in the council. HTTP only: the lists are made in service.ts.
import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RegisterRoutes } from '../../server/context.ts';
import { apiRoute } from '../../server/api.ts';
import { addNavigationItem } from '../../server/navigation.ts';
import { govukPagination } from '../../server/pagination.ts';
import { NotFound, RuleBroken } from '../../server/errors.ts';
import { dateInputItems, foldDateInputs, singleError, type FormErrors } from '../../server/forms.ts';
import { userOf } from '../../server/guard.ts';
import { can } from '../../access/roles.ts';
import { childVisibleTo } from '../../access/policy.ts';
import { CENSUS_GUARD } from '../cin-census/routes.ts';
import { listOf, type ListNumber } from './columns.ts';
import type { AnnexARange } from './extract.ts';
import { annexAFile, annexAList, annexASummary, checkRange, defaultRange, fileName } from './service.ts';
import { XLSX_TYPE } from './workbook.ts';
import type { AnnexARow } from './rows.ts';

/** The same guard as the CIN census: making a return over the whole council (make-returns). */
export const ANNEX_A_GUARD = {
  ...CENSUS_GUARD,
  reason: 'Ofsted’s Annex A lists cover every child the council worked with in the range, so only roles that see every unrestricted child (make-returns) may make them',
};

addNavigationItem({ href: '/returns/annex-a', text: 'Annex A', show: (role) => can(role, 'make-returns') });

export const LIST_PAGE_SIZE = 50;
/** The list page shows the child and the list's first few columns of its own; the workbook has them all. */
const SHOWN_COLUMNS = 4;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Give a date as YYYY-MM-DD');
const RangeQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });
const ListParams = z.object({ list: z.coerce.number().int().min(1).max(11) });

const rangeQuery = (r: AnnexARange) => `from=${r.from}&to=${r.to}`;

/** The range asked for (day, month and year fields, or ISO dates), or the 12 months to today. */
function rangeOf(query: Record<string, unknown>, today: string): { range: AnnexARange; values: Record<string, unknown>; errors?: FormErrors } {
  const values = foldDateInputs(query, ['from', 'to']);
  const fallback = defaultRange(today);
  const pick = (name: 'from' | 'to') => (values[name] === undefined || values[name] === '' ? fallback[name] : String(values[name]));
  const range = { from: pick('from'), to: pick('to') };
  const shown = { ...values, from: range.from, to: range.to };
  try {
    checkRange(range, today);
  } catch (error) {
    if (error instanceof RuleBroken) return { range: fallback, values: shown, errors: singleError(error.field ?? 'from', error.message) };
    throw error;
  }
  return { range, values: shown };
}

const pageAsked = (query: unknown): number => {
  const n = Number.parseInt(String((query as { page?: unknown } | undefined)?.page ?? '1'), 10);
  return Number.isSafeInteger(n) && n >= 1 ? n : 1;
};

export const annexARoutes: RegisterRoutes = (app, ctx) => {
  const today = () => ctx.time.today();

  const formOf = (values: Record<string, unknown>, errors?: FormErrors) => ({
    values,
    errors: errors && { ...errors, list: errors.list.map((e) => (e.href === '#from' || e.href === '#to' ? { ...e, href: `${e.href}-day` } : e)) },
    fromItems: dateInputItems('from', values, Boolean(errors?.fields['from'])),
    toItems: dateInputItems('to', values, Boolean(errors?.fields['to'])),
  });

  /** A page for a range; a range that cannot be made is shown back with its error, never another range's lists. */
  async function withRange(request: FastifyRequest, reply: FastifyReply, template: string, title: string, show: (r: AnnexARange) => Promise<Record<string, unknown>>) {
    const { range, values, errors } = rangeOf((request.query ?? {}) as Record<string, unknown>, today());
    if (errors) return reply.code(400).render(template, { title, ...formOf(values, errors), range: null });
    return reply.render(template, { title, ...formOf(values), range, rangeQuery: rangeQuery(range), ...(await show(range)) });
  }

  app.get('/returns/annex-a', { config: { guard: ANNEX_A_GUARD } }, (request, reply) =>
    withRange(request, reply, 'returns/annex-a/views/annex-a.njk', 'Ofsted Annex A', async (range) => ({
      counts: await annexASummary(ctx.db, range),
    })),
  );

  app.get('/returns/annex-a/lists/:list', { config: { guard: ANNEX_A_GUARD } }, async (request, reply) => {
    const params = ListParams.safeParse(request.params);
    const list = params.success ? listOf(params.data.list) : undefined;
    if (!list) throw new NotFound('Annex A has lists 1 to 11.');
    return withRange(request, reply, 'returns/annex-a/views/list.njk', `Annex A ${list.sheet}: ${list.title}`, async (range) => {
      const rows = await annexAList(ctx.db, list.n, range, ctx.councilName);
      const pageCount = Math.max(1, Math.ceil(rows.length / LIST_PAGE_SIZE));
      const page = Math.min(pageAsked(request.query), pageCount);
      const first = (page - 1) * LIST_PAGE_SIZE;
      const shown = await namedRows(rows.slice(first, first + LIST_PAGE_SIZE), request);
      await request.audit({
        action: 'view-child', objectType: 'annex-a-list', objectId: null,
        detail: { list: list.n, from: range.from, to: range.to, page, children: new Set(shown.map((r) => r.childId).filter(Boolean)).size },
      });
      const own = list.columns.map((c, index) => ({ ...c, index })).filter((c) => !['Child Unique ID', 'Gender', 'Ethnicity', 'Date of Birth', 'Age of Child (Years)', 'Does the Child have a Disability', 'Family identifier', 'Individual adopter identifier'].includes(c.header));
      return {
        list,
        total: rows.length,
        shownColumns: own.slice(0, SHOWN_COLUMNS),
        rows: shown,
        first: first + 1,
        pagination: govukPagination(page, pageCount, (p) => `/returns/annex-a/lists/${list.n}?${rangeQuery(range)}${p > 1 ? `&page=${p}` : ''}`),
      };
    });
  });

  /** The names of the children (or adopter households) on a page: a child the user may not see shows by their ID only. */
  async function namedRows(rows: AnnexARow[], request: FastifyRequest) {
    const user = userOf(request);
    const childIds = [...new Set(rows.map((r) => r.childId).filter((id): id is string => id !== null))];
    const householdIds = [...new Set(rows.map((r) => r.householdId).filter((id): id is string => id !== undefined))];
    const names = new Map<string, string>();
    if (childIds.length > 0) {
      const { rows: found } = await sql<{ id: string; name: string | null }>`SELECT p.id, CASE WHEN ${childVisibleTo(user, sql`p.id`)} THEN p.first_name || ' ' || p.last_name END AS name
        FROM person p WHERE p.id IN (${sql.join(childIds)})`.execute(ctx.db);
      for (const r of found) if (r.name) names.set(r.id, r.name);
    }
    if (householdIds.length > 0) {
      const found = await ctx.db.selectFrom('adopter_household').select(['id', 'name']).where('id', 'in', householdIds).execute();
      for (const h of found) names.set(h.id, h.name);
    }
    return rows.map((r) => {
      const id = r.childId ?? r.householdId ?? '';
      const name = names.get(id) ?? null;
      const href = name === null ? null : r.childId ? `/children/${r.childId}` : `/adopters/${r.householdId}`;
      return { ...r, id: String(r.cells[0] ?? ''), name, href };
    });
  }

  const download = async (request: FastifyRequest, reply: FastifyReply, range: AnnexARange) => {
    const file = await annexAFile(ctx.db, range, ctx.councilName, ctx.time.now());
    await request.audit({ action: 'export', objectType: 'annex-a', objectId: null, detail: { from: range.from, to: range.to } });
    return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="${fileName(range)}"`).send(file);
  };

  app.get('/returns/annex-a/download', { config: { guard: ANNEX_A_GUARD } }, async (request, reply) => {
    const { range, errors } = rangeOf((request.query ?? {}) as Record<string, unknown>, today());
    if (errors) throw new RuleBroken(errors.list[0]?.text ?? 'Choose the range');
    return download(request, reply, range);
  });

  const apiRange = (query: { from?: string | undefined; to?: string | undefined }): AnnexARange => {
    const range = { ...defaultRange(today()), ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) };
    checkRange(range, today());
    return range;
  };

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/returns/annex-a',
    summary: 'Ofsted’s Annex A workbook (XLSX: lists 1 to 11, one sheet each, columns and values as Ofsted names them) for a range (default the 12 months to today)',
    tag: 'Returns',
    query: RangeQuery,
    guard: ANNEX_A_GUARD,
    handler: async ({ query, request, reply }) => download(request, reply, apiRange(query)),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/returns/annex-a/summary',
    summary: 'How many rows (and children) each Annex A list has for a range (default the 12 months to today)',
    tag: 'Returns',
    query: RangeQuery,
    guard: ANNEX_A_GUARD,
    handler: async ({ query }) => {
      const range = apiRange(query);
      const lists = await annexASummary(ctx.db, range);
      return { from: range.from, to: range.to, lists: lists.map((l) => ({ ...l, href: `/returns/annex-a/lists/${l.n}?${rangeQuery(range)}` })) };
    },
  });
};

export type { ListNumber };
