// The chronology's pages and API, declared with the child page pattern (src/server/child-pages.ts):
// the access check and the audit row (a view is 'view-chronology', the print view 'print-chronology',
// each with the filters it showed) follow from each declaration. HTTP only: the rules are in service.ts.
import { readFileSync } from 'node:fs';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { SignedInUser } from '../access/policy.ts';
import { ROLES } from '../access/roles.ts';
import { apiRoute } from '../server/api.ts';
import { govukPagination } from '../server/pagination.ts';
import { childApi, childDelete, childForm, childPage, type Values } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import type { AppContext, RegisterRoutes } from '../server/context.ts';
import { formatDate } from '../server/format.ts';
import { dateInputItems, foldDateInputs, parseForm, type FormErrors } from '../server/forms.ts';
import { CATEGORIES } from './event-types.ts';
import {
  ApiChronologyQuery,
  CATEGORY_CODES,
  ChildParams,
  ChronologyEntryCorrection,
  ChronologyEntryInput,
  ChronologyFilters,
  ENTRY_KINDS,
  EntryParams,
  SIGNIFICANCES,
  type ChronologyFilterValues,
} from './schemas.ts';
import {
  PAGE_SIZE,
  addChronologyEntry,
  childChronology,
  childForPrint,
  chronologyEntry,
  correctChronologyEntry,
  deleteChronologyEntry,
  kindLabel,
  type Chronology,
} from './service.ts';

const VIEWS = 'chronology/views';
const printCss = readFileSync(new URL('./views/print.css', import.meta.url), 'utf8');

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
  return govukPagination(chronology.page, chronology.pageCount, (p) => `${base}${filterQuery(chronology.filters, p)}`);
}

/** The error summary links a date to its day field, as the GOV.UK date input pattern asks. */
function linkDatesToDay(errors: FormErrors, dateFields: readonly string[]): FormErrors {
  return { ...errors, list: errors.list.map((e) => (dateFields.includes(e.href.slice(1)) ? { ...e, href: `${e.href}-day` } : e)) };
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

/** What a view of the chronology showed, for its audit row: the filters (codes and dates only). */
function filterDetail(filters: ChronologyFilterValues, page: number | 'all') {
  return { categories: filters.category, significance: filters.significance, from: filters.from ?? null, to: filters.to ?? null, order: filters.order, page };
}
const screenDetail = (request: FastifyRequest) => {
  const { filters } = readFilters(request.query);
  return filterDetail(filters, filters.page);
};
const printDetail = (request: FastifyRequest) => filterDetail(readFilters(request.query).filters, 'all');
const apiDetail = (request: FastifyRequest) => {
  const parsed = ApiChronologyQuery.safeParse(request.query ?? {});
  return parsed.success ? { ...filterDetail(parsed.data, parsed.data.page), pageSize: parsed.data.pageSize } : {};
};

/**
 * A partner who referred a child may follow their referral, not read everything other agencies have
 * shared about the family: refused (and audited naming the child) even with a grant to the record.
 */
const notPartner = {
  when: (user: SignedInUser) => sql<boolean>`${user.role !== 'partner_agency'}`,
  refusal: 'Partner agency users cannot see a child’s chronology. Ask the child’s social worker.',
};

const kindItems = (selected: unknown) => ENTRY_KINDS.map((k) => ({ value: k.code, text: k.label, hint: { text: k.hint }, checked: k.code === selected }));
const significanceItems = (selected: unknown) =>
  SIGNIFICANCES.map((s) => ({ value: s.code, text: s.label, ...(s.hint ? { hint: { text: s.hint } } : {}), checked: s.code === (selected || 'normal') }));

/** What the entry form shows beside what was typed. */
const entryFormView = (values: Values, childId: string, correcting: boolean) => ({
  title: correcting ? 'Correct a chronology entry' : 'Add to the chronology',
  backHref: chronologyPath(childId),
  kindItems: kindItems(values['kind']),
  significanceItems: significanceItems(values['significance']),
  correcting,
});

const ENTRY_FIELDS = ['occurredOn', 'kind', 'source', 'title', 'detail', 'significance', 'reason'] as const;

export const chronologyRoutes: RegisterRoutes = (app, ctx: AppContext) => {
  app.get('/chronology/print.css', { config: { guard: { public: true } } }, async (_request, reply) => {
    return reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(printCss);
  });

  childPage(app, ctx, {
    path: '/children/:childId/chronology',
    audit: 'chronology',
    action: 'view-chronology',
    auditDetail: screenDetail,
    onlyIf: notPartner,
    template: `${VIEWS}/chronology.njk`,
    load: async ({ child, request, reply }) => {
      const { filters, errors, values } = readFilters(request.query);
      const chronology = await childChronology(ctx.db, child.id, filters, { pageSize: PAGE_SIZE, mayChange: child.mayChange });
      if (errors) reply.code(400);
      const first = (chronology.page - 1) * PAGE_SIZE + 1;
      return {
        title: `Chronology: ${child.name}`,
        chronology,
        errors,
        form: filterForm(values, filters, errors),
        pagination: pagination(chronology, chronologyPath(child.id)),
        showing: chronology.total ? { first, last: first + chronology.entries.length - 1 } : null,
        printHref: `${chronologyPath(child.id)}/print${filterQuery({ ...chronology.filters, page: 1 })}`,
        path: chronologyPath(child.id),
      };
    },
  });

  childPage(app, ctx, {
    path: '/children/:childId/chronology/print',
    audit: 'chronology',
    action: 'print-chronology',
    auditDetail: printDetail,
    onlyIf: notPartner,
    template: `${VIEWS}/print.njk`,
    load: async ({ child, user, request, reply, today }) => {
      const { filters, errors } = readFilters(request.query);
      // The screen view explains what is wrong with the filters; a court bundle should not.
      if (errors) {
        await reply.redirect(`${chronologyPath(child.id)}${request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : ''}`);
        return {};
      }
      const [chronology, details] = await Promise.all([
        childChronology(ctx.db, child.id, filters, { pageSize: null, mayChange: false }),
        childForPrint(ctx.db, child.id),
      ]);
      return {
        title: `Chronology: ${child.name}`,
        chronology,
        details,
        producedOn: today,
        producedAt: ctx.time.now(),
        producedBy: `${user.displayName} (${ROLES[user.role]})`,
        backHref: `${chronologyPath(child.id)}${filterQuery({ ...chronology.filters, page: 1 })}`,
      };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/chronology/new',
    audit: 'chronology-entry',
    template: `${VIEWS}/entry-form.njk`,
    schema: ChronologyEntryInput,
    dates: ['occurredOn'],
    fields: ENTRY_FIELDS,
    fallbackField: 'occurredOn',
    load: async () => null,
    initial: () => ({ significance: 'normal' }),
    view: (_data, values, { child }) => entryFormView(values, child.id, false),
    save: async (input, { user, child, today }) => {
      const { entryId } = await addChronologyEntry(ctx.db, user, child.id, input, today);
      return { next: chronologyPath(child.id), audit: { action: 'create', objectType: 'chronology-entry', objectId: entryId } };
    },
  });

  // The correction page shows the entry's whole text: a guarded view, audited as one.
  childForm(app, ctx, {
    path: '/children/:childId/chronology/:entryId/change',
    records: { entryId: 'chronology_entry' },
    audit: 'chronology-entry',
    template: `${VIEWS}/entry-form.njk`,
    schema: ChronologyEntryCorrection,
    dates: ['occurredOn'],
    fields: ENTRY_FIELDS,
    fallbackField: 'reason',
    load: ({ child, params }) => chronologyEntry(ctx.db, child.id, params['entryId']!),
    initial: (entry) => ({
      occurredOn: entry.occurred_on,
      kind: entry.kind,
      source: entry.source,
      title: entry.title,
      detail: entry.detail ?? '',
      significance: entry.significance,
      version: entry.version,
    }),
    view: (_entry, values, { child }) => entryFormView(values, child.id, true),
    save: async (input, { user, child, params, today }) => {
      await correctChronologyEntry(ctx.db, user, child.id, params['entryId']!, input, today);
      return { next: chronologyPath(child.id), audit: { action: 'update', objectType: 'chronology-entry', objectId: params['entryId']! } };
    },
  });

  childDelete(app, ctx, {
    path: '/children/:childId/chronology/:entryId/delete',
    records: { entryId: 'chronology_entry' },
    audit: 'chronology-entry',
    title: 'Delete this chronology entry',
    load: async ({ child, params }) => {
      const entry = await chronologyEntry(ctx.db, child.id, params['entryId']!);
      return {
        backHref: chronologyPath(child.id),
        rows: [
          { key: { text: 'Kind' }, value: { text: kindLabel(entry.kind) } },
          { key: { text: 'Date it happened' }, value: { text: formatDate(entry.occurred_on) } },
          { key: { text: 'Source' }, value: { text: entry.source || 'Not given' } },
          { key: { text: 'What happened' }, value: { text: entry.title } },
        ],
      };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteChronologyEntry(ctx.db, user, child.id, params['entryId']!, reason);
      return { next: chronologyPath(child.id), audit: { action: 'delete', objectType: 'chronology-entry', objectId: params['entryId']! } };
    },
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
    guard: childApi('see', 'chronology', { action: 'view-chronology', auditDetail: apiDetail, onlyIf: notPartner }),
    handler: async ({ params, query, request }) => {
      const { pageSize, ...filters } = query;
      const child = request.child!;
      const chronology = await childChronology(ctx.db, params.childId, filters, { pageSize, mayChange: child.mayChange });
      const details = await childForPrint(ctx.db, params.childId);
      return {
        child: { id: child.id, name: child.name, dateOfBirth: details.date_of_birth, expectedDateOfBirth: details.expected_date_of_birth, laChildId: details.la_child_id },
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
    guard: childApi('change', 'chronology-entry'),
    change: { action: 'create', objectType: 'chronology-entry' },
    handler: async ({ params, body, request }) => {
      const { entryId, eventId } = await addChronologyEntry(ctx.db, request.user!, params.childId, body, ctx.time.today());
      return { id: entryId, eventId };
    },
  });

  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/chronology/:entryId',
    tag: 'Chronology',
    objectType: 'chronology-entry',
    params: EntryParams,
    records: { entryId: 'chronology_entry' },
    correct: {
      summary: 'Correct an entry typed into the chronology, with the reason (and the version you saw); the old version is kept and the chronology follows.',
      body: ChronologyEntryCorrection,
      save: (u, p, d, t) => correctChronologyEntry(ctx.db, u, p.childId, p.entryId, d, t),
    },
    remove: {
      summary: 'Delete an entry typed into the chronology, with the reason: it leaves the chronology; a copy is kept.',
      save: (u, p, d) => deleteChronologyEntry(ctx.db, u, p.childId, p.entryId, d.reason),
    },
  });
};
