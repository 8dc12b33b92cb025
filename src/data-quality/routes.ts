// The data quality page (/data-quality): each check with how many things to put right on how many
// children's records, each count opening its list; each item opens the place in the child's record
// where it is put right. Managers see their teams' children, senior leaders and analysts every child.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { AppContext, RegisterRoutes } from '../server/context.ts';
import type { Guard } from '../server/guard.ts';
import { userOf } from '../server/guard.ts';
import { apiRoute } from '../server/api.ts';
import { addNavigationItem } from '../server/navigation.ts';
import { govukPagination } from '../server/pagination.ts';
import { NotFound } from '../server/errors.ts';
import { can, READ_ONLY } from '../access/roles.ts';
import { addMonths } from '../calendar/working-days.ts';
import { loadSettings, settingMax } from '../settings/council-settings.ts';
import { QUALITY_CHECKS, checkById, type CheckWindow } from './checks.ts';
import { QUALITY_PAGE_SIZE, checkCounts, checkItems } from './repository.ts';

const GUARD: Guard = { signedIn: true, capability: 'view-performance', reason: 'Data quality lists only children the user may see (childVisibleTo)' };
/** Late recording looks back this far: long enough to see a pattern, short enough to act on. */
const LOOK_BACK_MONTHS = 3;

const CheckParams = z.object({ checkId: z.string().max(60) });
const PageQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) });

async function windowOf(ctx: AppContext): Promise<CheckWindow> {
  const today = ctx.time.today();
  const lateRecordingDays = (await loadSettings(ctx.db)).lateRecordingDays ?? settingMax('lateRecordingDays');
  return { today, since: addMonths(today, -LOOK_BACK_MONTHS), lateRecordingDays };
}

async function overview(ctx: AppContext, request: FastifyRequest) {
  const w = await windowOf(ctx);
  const counts = await checkCounts(ctx.db, userOf(request), w);
  await request.audit({ action: 'view-child', objectType: 'data-quality', detail: { children: counts.reduce((n, c) => n + c.children, 0) } });
  return {
    window: w,
    checks: QUALITY_CHECKS.map((check, i) => ({ id: check.id, title: check.title, description: check.description, citation: check.citation, items: counts[i]!.items, children: counts[i]!.children })),
  };
}

async function oneCheck(ctx: AppContext, request: FastifyRequest, checkId: string, page: number) {
  const check = checkById(checkId);
  if (!check) throw new NotFound('There is no data quality check with that name.');
  const w = await windowOf(ctx);
  const rows = await checkItems(ctx.db, userOf(request), check, w, page);
  await request.audit({ action: 'view-child', objectType: 'data-quality-list', detail: { check: check.id, children: new Set(rows.map((r) => r.child_id)).size, page } });
  const total = rows[0]?.total ?? 0;
  return {
    check,
    window: w,
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / QUALITY_PAGE_SIZE)),
    items: rows.map((r) => ({
      childId: r.child_id,
      childName: `${r.first_name} ${r.last_name}`,
      laChildId: r.la_child_id,
      day: r.day,
      what: check.describe(r, w),
      fixAt: check.fixAt(r.child_id, r),
    })),
  };
}

export const dataQualityRoutes: RegisterRoutes = (app, ctx) => {
  addNavigationItem({ href: '/data-quality', text: 'Data quality', show: (role) => can(role, 'view-performance') });

  app.get('/data-quality', { config: { guard: GUARD } }, async (request, reply) => {
    const census = can(userOf(request).role, 'make-returns') ? '/returns/cin-census' : null;
    return reply.render('data-quality/views/overview.njk', { title: 'Data quality', census, ...(await overview(ctx, request)) });
  });

  app.get('/data-quality/:checkId', { config: { guard: GUARD } }, async (request, reply) => {
    const { checkId } = CheckParams.parse(request.params);
    const { page } = PageQuery.parse(request.query ?? {});
    const list = await oneCheck(ctx, request, checkId, page);
    return reply.render('data-quality/views/check.njk', {
      title: list.check.title,
      ...list,
      // An analyst or a senior leader reads the record only: no link to a form that would refuse them.
      mayPutRight: !READ_ONLY.includes(userOf(request).role),
      first: (page - 1) * QUALITY_PAGE_SIZE + 1,
      pagination: govukPagination(page, list.pageCount, (p) => `/data-quality/${list.check.id}${p > 1 ? `?page=${p}` : ''}`),
    });
  });

  const tag = 'Data quality';
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/data-quality',
    summary: 'Each data quality check with the number of things to put right and of children, over the children the user may see',
    tag,
    guard: GUARD,
    handler: async ({ request }) => {
      const { window: w, checks } = await overview(ctx, request);
      return { today: w.today, lateRecordingDays: w.lateRecordingDays, lateRecordingSince: w.since, checks };
    },
  });
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/data-quality/:checkId',
    summary: 'The things one check found, newest first, 50 a page: the child, the day, what is wrong and where on the record it is put right',
    tag,
    params: CheckParams,
    query: PageQuery,
    guard: GUARD,
    handler: async ({ params, query, request }) => {
      const list = await oneCheck(ctx, request, params.checkId, query.page);
      return { check: list.check.id, total: list.total, page: list.page, pageCount: list.pageCount, items: list.items };
    },
  });
};
