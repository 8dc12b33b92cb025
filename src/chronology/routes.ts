// The chronology's pages and API: HTTP only. The rules (who may see it, what may be added, what is
// late) are in service.ts.
import { readFileSync } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SignedInUser } from '../access/policy.ts';
import { ROLES } from '../access/roles.ts';
import { apiRoute } from '../server/api.ts';
import type { AppContext, RegisterRoutes } from '../server/context.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { dateInputItems, foldDateInputs, parseForm, singleError, type FormErrors } from '../server/forms.ts';
import { CATEGORIES } from './event-types.ts';
import {
  ApiChronologyQuery,
  CATEGORY_CODES,
  ChildParams,
  ChronologyEntryChange,
  ChronologyEntryDeletion,
  ChronologyEntryInput,
  ChronologyFilters,
  ENTRY_KINDS,
  SIGNIFICANCES,
  type ChronologyFilterValues,
} from './schemas.ts';
import {
  PAGE_SIZE,
  addChronologyEntry,
  changeChronologyEntry,
  childChronology,
  childForEntry,
  chronologyEntry,
  deleteChronologyEntry,
  kindLabel,
  type Chronology,
} from './service.ts';

const VIEWS = 'chronology/views';
const printCss = readFileSync(new URL('./views/print.css', import.meta.url), 'utf8');

/** The onRequest hook has already sent anyone not signed in to the sign-in page. */
const signedIn = (request: FastifyRequest): SignedInUser => request.user as SignedInUser;

/** An id that cannot exist is a page that cannot exist, not a server error. */
function idParam(request: FastifyRequest, name: 'childId' | 'entryId'): string {
  const value = (request.params as Record<string, string | undefined>)[name];
  const parsed = ChildParams.shape.childId.safeParse(value);
  if (!parsed.success) throw new NotFound('Page not found');
  return parsed.data;
}

const chronologyPath = (childId: string) => `/children/${childId}/chronology`;

/** The filters as a query string, so pages, print and links carry the same view. */
export function filterQuery(filters: ChronologyFilterValues, page = 1): string {
  const params = new URLSearchParams();
  for (const category of filters.category) params.append('category', category);
  if (filters.significance !== 'all') params.set('significance', filters.significance);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.order !== 'newest') params.set('order', filters.order);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function pagination(chronology: Chronology, base: string) {
  const { page, pageCount, filters } = chronology;
  if (pageCount <= 1) return null;
  const href = (p: number) => `${base}${filterQuery(filters, p)}`;
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  for (let p = 1; p <= pageCount; p++) {
    if (p === 1 || p === pageCount || Math.abs(p - page) <= 1) items.push({ number: p, href: href(p), current: p === page });
    else if (!('ellipsis' in (items.at(-1) ?? {}))) items.push({ ellipsis: true });
  }
  return {
    items,
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pageCount ? { next: { href: href(page + 1) } } : {}),
  };
}

/** Reads the filter form (a GET form: date inputs come as from-day, from-month, from-year). */
function readFilters(query: unknown): { filters: ChronologyFilterValues; errors: FormErrors | null; values: Record<string, unknown> } {
  const values = foldDateInputs({ ...((query as Record<string, unknown>) ?? {}) }, ['from', 'to']);
  const parsed = parseForm(ChronologyFilters, values);
  // With a filter that makes no sense, say so and show everything rather than nothing.
  return parsed.ok
    ? { filters: parsed.data, errors: null, values }
    : { filters: ChronologyFilters.parse({}), errors: linkDatesToDay(parsed.errors, ['from', 'to']), values };
}

function filterForm(values: Record<string, unknown>, filters: ChronologyFilterValues, errors: FormErrors | null) {
  const chosen = new Set(errors ? [values['category']].flat().map(String) : filters.category);
  return {
    categoryItems: CATEGORY_CODES.map((code) => ({ value: code, text: CATEGORIES[code], checked: chosen.has(code) })),
    significance: errors ? values['significance'] : filters.significance,
    order: errors ? values['order'] : filters.order,
    fromItems: dateInputItems('from', values, Boolean(errors?.fields['from'])),
    toItems: dateInputItems('to', values, Boolean(errors?.fields['to'])),
    active: filters.category.length > 0 || filters.significance !== 'all' || Boolean(filters.from || filters.to) || filters.order !== 'newest',
  };
}

const auditDetail = (chronology: Chronology) => ({
  categories: chronology.filters.category,
  significance: chronology.filters.significance,
  from: chronology.filters.from ?? null,
  to: chronology.filters.to ?? null,
  order: chronology.filters.order,
  page: chronology.pageSize === null ? 'all' : chronology.page,
  entries: chronology.total,
});

// ---------------------------------------------------------------------------------------------
// Entry form
// ---------------------------------------------------------------------------------------------

const kindItems = (selected: unknown) => ENTRY_KINDS.map((k) => ({ value: k.code, text: k.label, hint: { text: k.hint }, checked: k.code === selected }));
const significanceItems = (selected: unknown) =>
  SIGNIFICANCES.map((s) => ({ value: s.code, text: s.label, ...(s.hint ? { hint: { text: s.hint } } : {}), checked: s.code === (selected || 'normal') }));

function renderEntryForm(
  reply: FastifyReply,
  status: number,
  context: { child: { id: string; name: string }; values: Record<string, unknown>; errors?: FormErrors; entryId?: string; version?: number },
) {
  const { child, values, entryId } = context;
  const errors = context.errors ? linkDatesToDay(context.errors, ['occurredOn']) : undefined;
  return reply.code(status).render(`${VIEWS}/entry-form.njk`, {
    title: entryId ? 'Change a chronology entry' : 'Add to the chronology',
    child,
    action: entryId ? `${chronologyPath(child.id)}/${entryId}/change` : `${chronologyPath(child.id)}/new`,
    backHref: chronologyPath(child.id),
    values,
    errors,
    version: context.version ?? values['version'],
    dateItems: dateInputItems('occurredOn', values, Boolean(errors?.fields['occurredOn'])),
    kindItems: kindItems(values['kind']),
    significanceItems: significanceItems(values['significance']),
    editing: Boolean(entryId),
  });
}

/** The error summary links a date to its day field, as the GOV.UK date input pattern asks. */
function linkDatesToDay(errors: FormErrors, dateFields: readonly string[]): FormErrors {
  return { ...errors, list: errors.list.map((e) => (dateFields.includes(e.href.slice(1)) ? { ...e, href: `${e.href}-day` } : e)) };
}

/** A broken rule of the record goes back to the form as an error on its field. */
function ruleErrors(error: unknown): FormErrors | null {
  return error instanceof RuleBroken ? singleError(error.field ?? 'form', error.message) : null;
}

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

export const chronologyRoutes: RegisterRoutes = (app, ctx: AppContext) => {
  app.get('/chronology/print.css', { config: { public: true } }, async (_request, reply) => {
    return reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(printCss);
  });

  app.get('/children/:childId/chronology', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const { filters, errors, values } = readFilters(request.query);
    const chronology = await childChronology(ctx.db, signedIn(request), childId, filters, { pageSize: PAGE_SIZE });
    await request.audit({ action: 'view-chronology', childId, objectType: 'chronology', objectId: childId, detail: auditDetail(chronology) });
    const first = (chronology.page - 1) * PAGE_SIZE + 1;
    return reply.code(errors ? 400 : 200).render(`${VIEWS}/chronology.njk`, {
      title: `Chronology: ${chronology.child.name}`,
      chronology,
      errors,
      form: filterForm(values, filters, errors),
      pagination: pagination(chronology, chronologyPath(childId)),
      showing: chronology.total ? { first, last: first + chronology.entries.length - 1 } : null,
      printHref: `${chronologyPath(childId)}/print${filterQuery({ ...chronology.filters, page: 1 })}`,
      path: chronologyPath(childId),
    });
  });

  app.get('/children/:childId/chronology/print', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const { filters, errors } = readFilters(request.query);
    // The screen view explains what is wrong with the filters; a court bundle should not.
    if (errors) return reply.redirect(`${chronologyPath(childId)}${request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : ''}`);
    const user = signedIn(request);
    const chronology = await childChronology(ctx.db, user, childId, filters, { pageSize: null });
    await request.audit({ action: 'print-chronology', childId, objectType: 'chronology', objectId: childId, detail: auditDetail(chronology) });
    return reply.render(`${VIEWS}/print.njk`, {
      title: `Chronology: ${chronology.child.name}`,
      chronology,
      producedOn: ctx.time.today(),
      producedAt: ctx.time.now(),
      producedBy: `${user.displayName} (${ROLES[user.role]})`,
      backHref: `${chronologyPath(childId)}${filterQuery({ ...chronology.filters, page: 1 })}`,
    });
  });

  app.get('/children/:childId/chronology/new', async (request, reply) => {
    const child = await childForEntry(ctx.db, signedIn(request), idParam(request, 'childId'));
    return renderEntryForm(reply, 200, { child, values: { significance: 'normal' } });
  });

  app.post('/children/:childId/chronology/new', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const user = signedIn(request);
    const child = await childForEntry(ctx.db, user, childId);
    const values = foldDateInputs((request.body ?? {}) as Record<string, unknown>, ['occurredOn']);
    const form = parseForm(ChronologyEntryInput, values);
    if (!form.ok) return renderEntryForm(reply, 400, { child, values, errors: form.errors });
    try {
      const { entryId } = await addChronologyEntry(ctx.db, user, childId, form.data, ctx.time.today());
      await request.audit({ action: 'create', childId, objectType: 'chronology-entry', objectId: entryId });
    } catch (error) {
      const errors = ruleErrors(error);
      if (!errors) throw error;
      return renderEntryForm(reply, 400, { child, values, errors });
    }
    return reply.code(303).redirect(chronologyPath(childId));
  });

  app.get('/children/:childId/chronology/:entryId/change', async (request, reply) => {
    const { child, entry } = await chronologyEntry(ctx.db, signedIn(request), idParam(request, 'childId'), idParam(request, 'entryId'));
    const values = { occurredOn: entry.occurred_on, kind: entry.kind, source: entry.source, title: entry.title, detail: entry.detail ?? '', significance: entry.significance };
    return renderEntryForm(reply, 200, { child, values, entryId: entry.id, version: entry.version });
  });

  app.post('/children/:childId/chronology/:entryId/change', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const entryId = idParam(request, 'entryId');
    const user = signedIn(request);
    const { child } = await chronologyEntry(ctx.db, user, childId, entryId);
    const values = foldDateInputs((request.body ?? {}) as Record<string, unknown>, ['occurredOn']);
    const form = parseForm(ChronologyEntryChange, values);
    if (!form.ok) return renderEntryForm(reply, 400, { child, values, errors: form.errors, entryId });
    try {
      await changeChronologyEntry(ctx.db, user, childId, entryId, form.data, ctx.time.today());
      await request.audit({ action: 'update', childId, objectType: 'chronology-entry', objectId: entryId });
    } catch (error) {
      const errors = ruleErrors(error);
      if (!errors) throw error;
      return renderEntryForm(reply, 400, { child, values, errors, entryId });
    }
    return reply.code(303).redirect(chronologyPath(childId));
  });

  app.get('/children/:childId/chronology/:entryId/delete', async (request, reply) => {
    const { child, entry } = await chronologyEntry(ctx.db, signedIn(request), idParam(request, 'childId'), idParam(request, 'entryId'));
    return reply.render(`${VIEWS}/delete.njk`, { title: 'Delete a chronology entry', child, entry, kind: kindLabel(entry.kind), values: {}, backHref: chronologyPath(child.id) });
  });

  app.post('/children/:childId/chronology/:entryId/delete', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const entryId = idParam(request, 'entryId');
    const user = signedIn(request);
    const { child, entry } = await chronologyEntry(ctx.db, user, childId, entryId);
    const form = parseForm(ChronologyEntryDeletion, request.body);
    if (!form.ok) {
      return reply.code(400).render(`${VIEWS}/delete.njk`, {
        title: 'Delete a chronology entry',
        child,
        entry,
        kind: kindLabel(entry.kind),
        values: request.body ?? {},
        errors: form.errors,
        backHref: chronologyPath(child.id),
      });
    }
    await deleteChronologyEntry(ctx.db, user, childId, entryId, form.data.reason);
    await request.audit({ action: 'delete', childId, objectType: 'chronology-entry', objectId: entryId });
    return reply.code(303).redirect(chronologyPath(childId));
  });

  // -------------------------------------------------------------------------------------------
  // API
  // -------------------------------------------------------------------------------------------

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/chronology',
    summary: 'A child’s chronology: every significant event, newest first unless order=oldest. Filter by category (repeat or comma-separate), significance=high, from and to (YYYY-MM-DD).',
    tag: 'Chronology',
    params: ChildParams,
    query: ApiChronologyQuery,
    handler: async ({ params, query, request }) => {
      const { pageSize, ...filters } = query;
      const chronology = await childChronology(ctx.db, signedIn(request), params.childId, filters, { pageSize });
      await request.audit({ action: 'view-chronology', childId: params.childId, objectType: 'chronology', objectId: params.childId, detail: auditDetail(chronology) });
      const { child } = chronology;
      return {
        child: { id: child.id, name: child.name, dateOfBirth: child.date_of_birth, expectedDateOfBirth: child.expected_date_of_birth, laChildId: child.la_child_id },
        filters: chronology.filters,
        total: chronology.total,
        page: chronology.page,
        pageSize: chronology.pageSize,
        pageCount: chronology.pageCount,
        entries: chronology.entries.map((e) => ({
          id: e.id,
          occurredOn: e.occurredOn,
          type: e.type,
          category: e.category,
          categoryLabel: e.categoryLabel,
          title: e.title,
          detail: e.detail,
          significance: e.significance,
          source: e.source,
          recordedAt: e.recordedAt.toISOString(),
          recordedBy: e.recordedBy,
          lateWorkingDays: e.lateWorkingDays,
          lateNote: e.lateNote,
          entryId: e.entryId,
          correctedAt: e.correctedAt ? e.correctedAt.toISOString() : null,
        })),
      };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/chronology',
    summary: 'Add an entry to a child’s chronology: history before Lantern, information from a partner agency, or another significant event.',
    tag: 'Chronology',
    params: ChildParams,
    body: ChronologyEntryInput,
    handler: async ({ params, body, request }) => {
      const { entryId, eventId } = await addChronologyEntry(ctx.db, signedIn(request), params.childId, body, ctx.time.today());
      await request.audit({ action: 'create', childId: params.childId, objectType: 'chronology-entry', objectId: entryId });
      return { id: entryId, eventId };
    },
  });
};
