// Administrators' pages: the audit log search and access to restricted records. HTTP only: the
// rules are in service.ts.
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiRoute } from '../server/api.ts';
import type { RegisterRoutes } from '../server/context.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { dateInputItems, foldDateInputs, parseForm, singleError, type FormErrors } from '../server/forms.ts';
import { AUDIT_PAGE_SIZE, currentGrants } from './repository.ts';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, AuditFilters, GrantForm, type AuditFilterInput } from './schemas.ts';
import { auditSearch, grantAccess, requireCapability, revokeAccess, type Actor } from './service.ts';
import { passwordResetRoutes } from './password-reset.ts';

const actorOf = (request: FastifyRequest): Actor => ({ id: request.user!.id, username: request.user!.username, ip: request.ip });

const isUuid = (value: string) => z.uuid().safeParse(value).success;

/** The filters as written to the audit entry: ids and dates, nothing else. */
const filterDetail = (f: AuditFilterInput) =>
  Object.fromEntries(Object.entries({ username: f.username, laChildId: f.child, action: f.action, from: f.from, to: f.to, page: f.page }).filter(([, v]) => v !== undefined));

/** The current query string with another page number, for the pagination links. */
function pageHref(query: Record<string, unknown>, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === 'page' || value === undefined || value === '') continue;
    params.set(key, Array.isArray(value) ? String(value[0]) : String(value));
  }
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return `/admin/audit${text ? `?${text}` : ''}`;
}

const ACTION_ITEMS = [{ value: '', text: 'Any action' }, ...AUDIT_ACTIONS.map((action) => ({ value: action, text: AUDIT_ACTION_LABELS[action] }))];

const DONE: Record<string, string> = { granted: 'Access given', revoked: 'Access revoked' };

export const adminRoutes: RegisterRoutes = (app, ctx) => {
  passwordResetRoutes(app, ctx);
  app.get('/admin/audit', { config: { guard: { signedIn: true, capability: 'search-audit', reason: 'Administrators search the audit log; the search itself is audited' } } }, async (request, reply) => {
    const user = request.user!;
    requireCapability(user, 'search-audit');
    const raw = (request.query ?? {}) as Record<string, unknown>;
    const values = foldDateInputs(raw, ['from', 'to']);
    const form = parseForm(AuditFilters, values);
    const page = (errors?: FormErrors) => ({
      title: 'Audit log',
      values,
      // A date's error goes to its day field, as the GOV.UK date input pattern asks.
      errors: errors && { ...errors, list: errors.list.map((e) => (e.href === '#from' || e.href === '#to' ? { ...e, href: `${e.href}-day` } : e)) },
      actionItems: ACTION_ITEMS.map((item) => ({ ...item, selected: item.value === (values['action'] ?? '') })),
      fromItems: dateInputItems('from', values, Boolean(errors?.fields['from'])),
      toItems: dateInputItems('to', values, Boolean(errors?.fields['to'])),
    });
    if (!form.ok) return reply.code(400).render('admin/views/audit.njk', page(form.errors));
    let result;
    try {
      result = await auditSearch(ctx.db, form.data);
    } catch (error) {
      if (error instanceof RuleBroken && error.field) {
        return reply.code(400).render('admin/views/audit.njk', page(singleError(error.field, error.message)));
      }
      throw error;
    }
    await request.audit({ action: 'view-audit', childId: result.childId, detail: filterDetail(form.data) });
    const current = form.data.page;
    return reply.render('admin/views/audit.njk', {
      ...page(),
      entries: result.entries.map((entry) => ({ ...entry, actionLabel: AUDIT_ACTION_LABELS[entry.action as keyof typeof AUDIT_ACTION_LABELS] ?? entry.action })),
      searched: true,
      pageNumber: current,
      firstShown: (current - 1) * AUDIT_PAGE_SIZE + 1,
      lastShown: (current - 1) * AUDIT_PAGE_SIZE + result.entries.length,
      pagination: {
        ...(current > 1 ? { previous: { href: pageHref(raw, current - 1) } } : {}),
        ...(result.hasNext ? { next: { href: pageHref(raw, current + 1) } } : {}),
      },
    });
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/audit',
    summary: 'Search the audit log, newest first, 50 entries a page (administrators only)',
    tag: 'Administration',
    guard: { signedIn: true, capability: 'search-audit', reason: 'Administrators search the audit log; the search itself is audited' },
    query: AuditFilters,
    handler: async ({ query, request }) => {
      requireCapability(request.user!, 'search-audit');
      const result = await auditSearch(ctx.db, query);
      await request.audit({ action: 'view-audit', childId: result.childId, detail: filterDetail(query) });
      return { page: query.page, pageSize: AUDIT_PAGE_SIZE, hasNext: result.hasNext, entries: result.entries };
    },
  });

  const renderAccess = async (
    reply: FastifyReply,
    extra: { errors?: FormErrors; values?: Record<string, unknown>; flash?: string } = {},
  ) => reply.render('admin/views/access.njk', { title: 'Access to restricted records', grants: await currentGrants(ctx.db), values: {}, ...extra });

  app.get('/admin/access', { config: { guard: { signedIn: true, capability: 'grant-access', reason: 'Administrators manage access to restricted records' } } }, async (request, reply) => {
    requireCapability(request.user!, 'grant-access');
    const done = (request.query as { done?: string }).done;
    return renderAccess(reply, done && DONE[done] ? { flash: DONE[done] } : {});
  });

  app.post('/admin/access', { config: { guard: { signedIn: true, capability: 'grant-access', reason: 'Administrators give access to restricted records; each grant is audited' } } }, async (request, reply) => {
    requireCapability(request.user!, 'grant-access');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { username: body['username'], laChildId: body['laChildId'], reason: body['reason'] };
    const form = parseForm(GrantForm, body);
    if (!form.ok) return renderAccess(reply.code(400), { errors: form.errors, values });
    try {
      await grantAccess(ctx.db, form.data, actorOf(request), ctx.time.now());
    } catch (error) {
      if (error instanceof RuleBroken && error.field) return renderAccess(reply.code(400), { errors: singleError(error.field, error.message), values });
      throw error;
    }
    return reply.code(303).redirect('/admin/access?done=granted');
  });

  app.post('/admin/access/:grantId/revoke', { config: { guard: { signedIn: true, capability: 'grant-access', reason: 'Administrators revoke access to restricted records; each revocation is audited' } } }, async (request, reply) => {
    requireCapability(request.user!, 'grant-access');
    const { grantId } = request.params as { grantId: string };
    if (!isUuid(grantId)) throw new NotFound('There is no access grant with that id.');
    await revokeAccess(ctx.db, grantId, actorOf(request), ctx.time.now());
    return reply.code(303).redirect('/admin/access?done=revoked');
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/access-grants',
    summary: 'Current grants of access to restricted records (administrators only)',
    tag: 'Administration',
    guard: { signedIn: true, capability: 'grant-access', reason: 'Administrators manage access to restricted records' },
    handler: async ({ request }) => {
      requireCapability(request.user!, 'grant-access');
      return { grants: await currentGrants(ctx.db) };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/access-grants',
    summary: 'Give a named user access to a restricted child’s record, with the reason (administrators only)',
    tag: 'Administration',
    guard: { signedIn: true, capability: 'grant-access', reason: 'Administrators give access to restricted records; each grant is audited' },
    body: GrantForm,
    handler: async ({ body, request }) => {
      requireCapability(request.user!, 'grant-access');
      return { id: await grantAccess(ctx.db, body, actorOf(request), ctx.time.now()) };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/access-grants/:grantId/revoke',
    summary: 'Revoke a grant of access to a restricted record (administrators only)',
    tag: 'Administration',
    guard: { signedIn: true, capability: 'grant-access', reason: 'Administrators revoke access to restricted records; each revocation is audited' },
    params: z.object({ grantId: z.uuid() }),
    successStatus: 200,
    handler: async ({ params, request }) => {
      requireCapability(request.user!, 'grant-access');
      await revokeAccess(ctx.db, params.grantId, actorOf(request), ctx.time.now());
      return { revoked: true };
    },
  });
};
