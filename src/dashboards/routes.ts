// The dashboards (issue 9, decision 0035): a team manager's (their teams), a head of service's (the
// teams they manage through line management), the director's (the council), and the elected members'
// report. HTTP only: figures come from present.ts and members.ts. A team or service the user does not
// manage is refused with a clear message, never shown with another scope's numbers.
import { readFileSync } from 'node:fs';
import type { FastifyRequest } from 'fastify';
import type { RegisterRoutes } from '../server/context.ts';
import type { Guard } from '../server/guard.ts';
import { userOf } from '../server/guard.ts';
import { can } from '../access/roles.ts';
import { addNavigationItem } from '../server/navigation.ts';
import { Forbidden, NotFound } from '../server/errors.ts';
import { teamsInViewOf } from '../overview/managed-teams.ts';
import { dashboardOf, measureTrendOf, type Scope } from './present.ts';
import { membersReport } from './members.ts';

const GUARD: Guard = {
  signedIn: true,
  capability: 'view-performance',
  reason: 'Figures for the teams the user manages (teamsInViewOf) or, for analysts and the director, the council; no child is named (each figure links to /measures, which names only children the user may see)',
};
const REPORT_GUARD: Guard = {
  signedIn: true,
  capability: 'view-performance',
  reason: 'The elected members’ report: council-wide figures with small numbers suppressed; no child is named',
};

/** A dashboard's scope as its pages show it: whose figures, where its measures' own pages are. */
interface Shown {
  scope: Scope;
  /** "The council", a team's name, "Your service". */
  name: string;
  home: string;
  measureHref: (measureId: string) => string;
  view: { scopeText: string } & Record<string, unknown>;
}

const css = readFileSync(new URL('./views/dashboards.css', import.meta.url), 'utf8');

addNavigationItem({ href: '/dashboards', text: 'Dashboards', show: (role) => can(role, 'view-performance') });

export const dashboardRoutes: RegisterRoutes = (app, ctx) => {
  app.get('/dashboards/dashboards.css', { config: { guard: { public: true } } }, async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css));

  // The user's own dashboard: the director's and analysts' is the council, a head of service's their
  // service, a team manager's their team.
  app.get('/dashboards', { config: { guard: GUARD } }, async (request, reply) => {
    const user = userOf(request);
    const view = await teamsInViewOf(ctx.db, user);
    if (view.every) return reply.redirect('/dashboards/council', 303);
    if (view.teams.length === 1) return reply.redirect(`/dashboards/team?team=${view.teams[0]!.id}`, 303);
    if (view.teams.length > 1) return reply.redirect('/dashboards/service', 303);
    return reply.render('dashboards/views/none.njk', { title: 'Dashboards' });
  });

  /** A team's dashboard (the team asked for, or a manager's own), or a redirect when none is asked or theirs. */
  async function teamScope(request: FastifyRequest): Promise<Shown | string> {
    const view = await teamsInViewOf(ctx.db, userOf(request));
    const asked = (request.query as Record<string, unknown> | undefined)?.['team'];
    const everyTeam = view.every ? await ctx.db.selectFrom('team').select(['id', 'name']).orderBy('name').execute() : view.teams;
    const team = typeof asked === 'string' ? everyTeam.find((t) => t.id === asked) : view.every ? undefined : view.teams[0];
    if (!team) {
      if (typeof asked === 'string') throw new Forbidden('You can see the dashboard of the teams you manage only (directly or through the managers you line-manage).');
      return '/dashboards';
    }
    return {
      scope: { kind: 'teams', teams: [team] },
      name: team.name,
      home: `/dashboards/team?team=${team.id}`,
      measureHref: (measureId) => `/dashboards/team/measures/${measureId}?team=${team.id}`,
      view: {
        scopeText: `The children allocated to ${team.name} on the day of the fact that counted them.`,
        team,
        otherTeams: view.every ? [] : view.teams.filter((t) => t.id !== team.id),
      },
    };
  }

  /** The teams a head of service manages, directly or through the managers they line-manage. */
  async function serviceScope(request: FastifyRequest): Promise<Shown | string> {
    const view = await teamsInViewOf(ctx.db, userOf(request));
    if (view.every) return '/dashboards/council';
    if (view.teams.length === 0) throw new Forbidden('You manage no team, so there is no service dashboard for you.');
    return {
      scope: { kind: 'teams', teams: view.teams },
      name: 'Your service',
      home: '/dashboards/service',
      measureHref: (measureId) => `/dashboards/service/measures/${measureId}`,
      view: {
        scopeText: `The ${view.teams.length} teams you manage, directly or through the managers you line-manage: ${view.teams.map((t) => t.name).join(', ')}. Each child counts in the team they were allocated to on the day of the fact.`,
        teams: view.teams,
      },
    };
  }

  /** The council, for the director and performance analysts. */
  async function councilScope(request: FastifyRequest): Promise<Shown | string> {
    const view = await teamsInViewOf(ctx.db, userOf(request));
    if (!view.every) throw new Forbidden('The council’s dashboard is for the director and performance analysts. Your dashboard shows the teams you manage.');
    const teams = await ctx.db.selectFrom('team').select(['id', 'name']).orderBy('name').execute();
    return {
      scope: { kind: 'council' },
      name: 'The council',
      home: '/dashboards/council',
      measureHref: (measureId) => `/dashboards/council/measures/${measureId}`,
      view: { scopeText: 'Every child in the council’s records.', council: true, teamLinks: teams },
    };
  }

  for (const [path, scopeOf] of [
    ['/dashboards/team', teamScope],
    ['/dashboards/service', serviceScope],
    ['/dashboards/council', councilScope],
  ] as const) {
    app.get(path, { config: { guard: GUARD } }, async (request, reply) => {
      const shown = await scopeOf(request);
      if (typeof shown === 'string') return reply.redirect(shown, 303);
      const dashboard = await dashboardOf(ctx.db, ctx.time.today(), shown.scope);
      return reply.render('dashboards/views/dashboard.njk', { title: `${shown.name}: dashboard`, heading: `${shown.name}: dashboard`, ...shown.view, dashboard, measureHref: shown.measureHref });
    });

    // A measure's trend month by month, and team by team for a service: its own page, so the dashboard
    // stays what a director reads (decision 0057).
    app.get(`${path}/measures/:measureId`, { config: { guard: GUARD } }, async (request, reply) => {
      const shown = await scopeOf(request);
      if (typeof shown === 'string') return reply.redirect(shown, 303);
      const trend = await measureTrendOf(ctx.db, ctx.time.today(), shown.scope, (request.params as { measureId: string }).measureId);
      if (!trend) throw new NotFound('There is no such measure.');
      return reply.render('dashboards/views/measure.njk', { title: `${trend.measure.name}: ${shown.name}`, name: shown.name, home: shown.home, scopeText: shown.view.scopeText, trend });
    });
  }

  app.get('/dashboards/members-report', { config: { guard: REPORT_GUARD } }, async (request, reply) => {
    const user = userOf(request);
    if (user.role !== 'senior_leader' && user.role !== 'performance_analyst') {
      throw new Forbidden('The elected members’ report is prepared by senior leaders and performance analysts.');
    }
    const report = await membersReport(ctx.db, ctx.time.today());
    return reply.render('dashboards/views/members-report.njk', { title: `Children’s services: report to elected members, ${report.month}`, report, councilName: ctx.councilName });
  });
};
