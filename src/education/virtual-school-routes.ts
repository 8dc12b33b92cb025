// The virtual school's list of its cohort, for roles with view-performance (analysts, senior
// leaders, team managers). There is no virtual school role: a virtual school head is given one of
// those roles (decision 0013). HTTP only.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../server/context.ts';
import type { Guard } from '../server/guard.ts';
import { apiRoute } from '../server/api.ts';
import { govukPagination } from '../server/pagination.ts';
import { addNavigationItem } from '../server/navigation.ts';
import { can } from '../access/roles.ts';
import { schoolYearLabel, schoolYearOf } from '../calendar/school-terms.ts';
import { COHORT_GROUPS, cohortPage, isCohortGroup, PAGE_SIZE, type CohortGroup } from './virtual-school.ts';

export const VIRTUAL_SCHOOL_GUARD: Guard = {
  signedIn: true,
  capability: 'view-performance',
  reason: 'The virtual school’s cohort, for managers, analysts and leaders: lists only the children the user may see (childVisibleTo)',
};

addNavigationItem({ href: '/virtual-school', text: 'Virtual school', show: (role) => can(role, 'view-performance') });

const CohortQuery = z.object({
  group: z.enum(Object.keys(COHORT_GROUPS) as [CohortGroup, ...CohortGroup[]]).optional(),
  page: z.coerce.number().int().min(1).optional(),
});

export function virtualSchoolRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/virtual-school', { config: { guard: VIRTUAL_SCHOOL_GUARD } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const group = isCohortGroup(query['group']) ? query['group'] : null;
    const today = ctx.time.today();
    const requested = Math.max(1, Number.parseInt(String(query['page'] ?? '1'), 10) || 1);
    const list = await cohortPage(ctx.db, request.user!, today, group, requested);
    const counts = list.counts;
    const pageCount = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
    const href = (p: number) => {
      const params = new URLSearchParams({ ...(group ? { group } : {}), ...(p > 1 ? { page: String(p) } : {}) }).toString();
      return `/virtual-school${params ? `?${params}` : ''}`;
    };
    await request.audit({ action: 'view-child', objectType: 'virtual-school-list', detail: { children: list.rows.length, group, page: requested } });
    return reply.render('education/views/virtual-school.njk', {
      title: 'Virtual school',
      schoolYear: schoolYearLabel(schoolYearOf(today)),
      counts,
      groups: (Object.keys(COHORT_GROUPS) as CohortGroup[]).map((g) => ({ key: g, text: COHORT_GROUPS[g], count: counts.byGroup[g], href: `/virtual-school?group=${g}`, current: g === group })),
      group,
      heading: group ? COHORT_GROUPS[group] : null,
      rows: list.rows,
      total: list.total,
      first: (requested - 1) * PAGE_SIZE + 1,
      pagination: govukPagination(Math.min(requested, pageCount), pageCount, href),
    });
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/virtual-school',
    summary: 'The virtual school’s cohort you may see (children in care of school age, with a social worker now or in the last 6 years, or in kinship care): counts by group and one page of children with school, PEP, attendance and exclusions this school year',
    tag: 'Education',
    query: CohortQuery,
    guard: VIRTUAL_SCHOOL_GUARD,
    handler: async ({ query, request }) => {
      const today = ctx.time.today();
      const page = query.page ?? 1;
      const { counts, total, rows } = await cohortPage(ctx.db, request.user!, today, query.group ?? null, page);
      await request.audit({ action: 'view-child', objectType: 'virtual-school-list', detail: { children: rows.length, group: query.group ?? null, page } });
      return { counts, page, pageSize: PAGE_SIZE, total, children: rows };
    },
  });
}
