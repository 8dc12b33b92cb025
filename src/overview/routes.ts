// The service overview (issue 8): a head of service's single page across their teams. HTTP only: the
// counts are in service.ts, the teams in managed-teams.ts.
import type { RegisterRoutes } from '../server/context.ts';
import type { Guard } from '../server/guard.ts';
import { userOf } from '../server/guard.ts';
import { can } from '../access/roles.ts';
import { addNavigationItem } from '../server/navigation.ts';
import { apiRoute } from '../server/api.ts';
import { registerWorkPanel } from '../my-work/panels.ts';
import { MEASURES, serviceOverview } from './service.ts';

const GUARD: Guard = {
  signedIn: true,
  capability: 'view-performance',
  reason: 'Counts for the teams the user manages directly or through line management (teamsInViewOf); children counted only where the user may see them (childVisibleTo); no child is named',
};

export const OVERVIEW_PATH = '/service-overview';

addNavigationItem({ href: OVERVIEW_PATH, text: 'Service overview', show: (role) => can(role, 'view-performance') });

export const overviewRoutes: RegisterRoutes = (app, ctx) => {
  // A link, not a query: My work stays as quick for a head of service as for anyone.
  registerWorkPanel({
    id: 'your-service',
    title: 'Your service',
    roles: ['senior_leader'],
    load: async () => [{ href: OVERVIEW_PATH }],
    template: 'overview/views/panel.njk',
  });

  app.get(OVERVIEW_PATH, { config: { guard: GUARD } }, async (request, reply) => {
    const overview = await serviceOverview(ctx.db, userOf(request), ctx.time.today());
    return reply.render('overview/views/overview.njk', { title: 'Service overview', ...overview, measures: MEASURES });
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/service-overview',
    summary: 'For each team the user manages (directly or through line management; every team for an analyst), the service overview’s counts with the list each opens, and a total that counts each child once',
    tag: 'Management oversight',
    guard: GUARD,
    handler: async ({ request }) => {
      const overview = await serviceOverview(ctx.db, userOf(request), ctx.time.today());
      return {
        measures: MEASURES.map((m) => ({ key: m.key, heading: m.heading })),
        teams: overview.rows.map((r) => ({ teamId: r.teamId, team: r.teamName, counts: r.counts, lists: r.hrefs })),
        total: overview.total,
      };
    },
  });
};
