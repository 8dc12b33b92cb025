// The manager's oversight page (/oversight): children with no oversight within the interval (overdue,
// and due within 5 working days) and child in need cases drifting with no recorded activity, counted by
// team and worker; each count opens its children, paged in SQL. A team manager sees their own teams; a
// head of service, senior leader or analyst every team, by team. Also the team manager's My work panel.
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../server/context.ts';
import type { Guard } from '../server/guard.ts';
import { addNavigationItem } from '../server/navigation.ts';
import { govukPagination } from '../server/pagination.ts';
import { can } from '../access/roles.ts';
import type { SignedInUser } from '../access/policy.ts';
import { registerWorkPanel } from '../my-work/panels.ts';
import { loadSettings, settingMax } from '../settings/council-settings.ts';
import { LIST_PAGE_SIZE, listChildren, listCounts, teamsInView, teamTotals, type CountRow, type ListKind, type TeamTotalRow } from './repository.ts';
import { chosenTeam, teamsInViewOf } from '../overview/managed-teams.ts';

const GUARD: Guard = { signedIn: true, capability: 'view-performance', reason: 'The oversight and drift lists show only children the user may see (childVisibleTo)' };

const ListQuery = z.object({
  list: z.enum(['overdue', 'due-soon', 'drift']).optional().catch(undefined),
  team: z.guid().optional().catch(undefined),
  worker: z.guid().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export const LIST_TITLES: Record<ListKind, string> = {
  overdue: 'Management oversight overdue',
  'due-soon': 'Management oversight due in the next 5 working days',
  drift: 'Child in need cases with no recent activity',
};

async function driftDaysOf(ctx: AppContext) {
  return (await loadSettings(ctx.db)).cinDriftDays ?? settingMax('cinDriftDays');
}

const href = (q: { list?: string | undefined; team?: string | undefined; worker?: string | undefined; page?: number }) => {
  const params = new URLSearchParams();
  if (q.list) params.set('list', q.list);
  if (q.team) params.set('team', q.team);
  if (q.worker) params.set('worker', q.worker);
  if (q.page && q.page > 1) params.set('page', String(q.page));
  const s = params.toString();
  return `/oversight${s ? `?${s}` : ''}`;
};

/**
 * Rows by team (every team) or by worker within the manager's teams. A team's figures are its children
 * each counted once (`totals`), not the sum of its workers' rows: a child with two workers is one child.
 */
function summarise(rows: readonly CountRow[], totals: readonly TeamTotalRow[], byWorker: boolean) {
  const teams = new Map<string, { id: string; name: string; overdue: number; dueSoon: number; drift: number; workers: { id: string; name: string; overdue: number; dueSoon: number; drift: number }[] }>();
  for (const r of rows) {
    const total = totals.find((t) => t.team_id === r.team_id);
    const team = teams.get(r.team_id) ?? { id: r.team_id, name: r.team_name, overdue: total?.overdue ?? 0, dueSoon: total?.due_soon ?? 0, drift: total?.drift ?? 0, workers: [] };
    if (byWorker) team.workers.push({ id: r.worker_id, name: r.worker_name, overdue: r.overdue, dueSoon: r.due_soon, drift: r.drift });
    teams.set(r.team_id, team);
  }
  return [...teams.values()];
}

/** The panel's rows, or null for a manager with no team in view (no panel). */
async function panelRows(ctx: AppContext, user: SignedInUser) {
  const teams = await teamsInView(ctx.db, user);
  if (!teams?.length) return null;
  const rows = await listCounts(ctx.db, user, teams, ctx.time.today(), await driftDaysOf(ctx));
  return rows.filter((r) => r.overdue + r.due_soon > 0).map((r) => ({ ...r, overdueHref: href({ list: 'overdue', worker: r.worker_id }), dueSoonHref: href({ list: 'due-soon', worker: r.worker_id }) }));
}

export function oversightListRoutes(app: FastifyInstance, ctx: AppContext): void {
  addNavigationItem({ href: '/oversight', text: 'Oversight', show: (role) => can(role, 'view-performance') });

  registerWorkPanel({
    id: 'oversight-due',
    title: 'Oversight due and overdue',
    roles: ['team_manager'],
    load: (context, user) => panelRows(context, user),
    template: 'oversight/views/panel.njk',
    emptyText: 'No children in your teams need management oversight in the next 5 working days.',
  });

  app.get('/oversight', { config: { guard: GUARD } }, async (request, reply) => {
    const query = ListQuery.parse(request.query ?? {});
    const user = request.user!;
    const today = ctx.time.today();
    const [teams, driftDays] = await Promise.all([teamsInView(ctx.db, user), driftDaysOf(ctx)]);
    if (query.list) {
      const rows = await listChildren(ctx.db, user, { kind: query.list, teams, teamId: query.team, workerId: query.worker, page: query.page }, today, driftDays);
      const view = await teamsInViewOf(ctx.db, user);
      const total = rows[0]?.total ?? 0;
      const pageCount = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
      await request.audit({ action: 'view-child', objectType: 'oversight-list', detail: { list: query.list, children: rows.length, page: query.page } });
      return reply.render('oversight/views/list-children.njk', {
        title: LIST_TITLES[query.list],
        kind: query.list,
        teams: view.teams,
        team: chosenTeam(view, query.team),
        worker: query.worker,
        rows,
        total,
        first: (query.page - 1) * LIST_PAGE_SIZE + 1,
        driftDays,
        today,
        pagination: govukPagination(query.page, pageCount, (p) => href({ ...query, page: p })),
      });
    }
    const [counts, totals] = await Promise.all([listCounts(ctx.db, user, teams, today, driftDays), teamTotals(ctx.db, user, teams, today, driftDays)]);
    const byWorker = teams !== null;
    const all = totals.find((t) => t.team_id === null);
    await request.audit({ action: 'view-child', objectType: 'oversight-list', detail: { teams: teams?.length ?? 'all' } });
    return reply.render('oversight/views/list.njk', {
      title: 'Management oversight',
      byWorker,
      // Every team together, each child once (issue 8): shown where there is more than one team.
      total: all ? { overdue: all.overdue, dueSoon: all.due_soon, drift: all.drift } : null,
      teams: summarise(counts, totals, byWorker).map((t) => ({
        ...t,
        hrefs: { overdue: href({ list: 'overdue', team: t.id }), dueSoon: href({ list: 'due-soon', team: t.id }), drift: href({ list: 'drift', team: t.id }) },
        workers: t.workers.map((w) => ({ ...w, hrefs: { overdue: href({ list: 'overdue', worker: w.id }), dueSoon: href({ list: 'due-soon', worker: w.id }), drift: href({ list: 'drift', worker: w.id }) } })),
      })),
      driftDays,
    });
  });
}
