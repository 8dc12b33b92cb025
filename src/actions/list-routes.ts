// The list of open actions across a manager's teams (/actions) and of actions from case audits
// (/audits/actions), each narrowed to one team (issue 8). HTTP only: the SQL is in list.ts.
import { z } from 'zod';
import type { AppContext } from '../server/context.ts';
import type { FastifyInstance } from 'fastify';
import type { Guard } from '../server/guard.ts';
import { userOf } from '../server/guard.ts';
import { govukPagination } from '../server/pagination.ts';
import { chosenTeam, scopeOf, teamsInViewOf } from '../overview/managed-teams.ts';
import { CASE_ACTION_SOURCE } from './codes.ts';
import { ACTION_PAGE_SIZE, openActionList } from './list.ts';
import type { CaseActionSource } from './tables.ts';

const LIST_GUARD: Guard = {
  signedIn: true,
  capability: 'view-performance',
  reason: 'Open actions on the children held by the teams the user manages or sees (teamsInViewOf); every child filtered with childVisibleTo',
};

const ListQuery = z.object({
  team: z.string().optional().catch(undefined),
  show: z.enum(['overdue']).optional().catch(undefined),
  source: z.enum(['oversight', 'supervision', 'audit']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

const SOURCE_LABELS: Record<string, string> = Object.fromEntries(CASE_ACTION_SOURCE.map((s) => [s.code, s.label]));

export function actionListRoutes(app: FastifyInstance, ctx: AppContext): void {
  const listPage = (path: string, fixedSource: CaseActionSource | null) =>
    app.get(path, { config: { guard: LIST_GUARD } }, async (request, reply) => {
      const query = ListQuery.parse(request.query ?? {});
      const user = userOf(request);
      const view = await teamsInViewOf(ctx.db, user);
      const team = chosenTeam(view, query.team);
      const source = fixedSource ?? query.source ?? null;
      const overdueOnly = query.show === 'overdue';
      const list = await openActionList(ctx.db, user, ctx.time.today(), { teams: team ? [team.id] : scopeOf(view), source, overdueOnly }, query.page);
      await request.audit({ action: 'view-child', objectType: 'case-action-list', detail: { actions: list.rows.length, page: query.page } });
      const keep = { show: query.show, source: fixedSource ? undefined : query.source };
      const href = (page: number) => {
        const params = new URLSearchParams(Object.entries({ ...keep, team: team?.id }).filter((e): e is [string, string] => typeof e[1] === 'string'));
        if (page > 1) params.set('page', String(page));
        const s = params.toString();
        return `${path}${s ? `?${s}` : ''}`;
      };
      const what = fixedSource === 'audit' ? 'Actions from case audits' : 'Actions from oversight, supervision and audits';
      return reply.render('actions/views/list.njk', {
        title: `${overdueOnly ? `${what}: overdue` : what}${team ? `: ${team.name}` : ''}`,
        path,
        keep,
        ...list,
        team,
        teams: view.teams,
        sourceLabels: SOURCE_LABELS,
        first: (query.page - 1) * ACTION_PAGE_SIZE + 1,
        pagination: govukPagination(query.page, Math.max(1, Math.ceil(list.total / ACTION_PAGE_SIZE)), href),
      });
    });
  listPage('/actions', null);
  listPage('/audits/actions', 'audit');
}
