// "My work": the page everyone lands on after signing in, a worker's caseload behind a manager's
// numbers, and their API. Not about one child: every route is a signed-in user's own list, each
// filtered with childVisibleTo.
import { z } from 'zod';
import { apiRoute } from '../server/api.ts';
import type { AppContext, RegisterRoutes } from '../server/context.ts';
import { NotFound } from '../server/errors.ts';
import { userOf } from '../server/guard.ts';
import { DUE_SOON_WORKING_DAYS, RECENTLY_LATE_DAYS } from '../clocks/due-items.ts';
import { loadWorkPanels } from './panels.ts';
import { myHome, myWork, myWorkKind, teamSummary, workerWork, workerYouMayLookAt } from './service.ts';
import { teamsLedBy } from './repository.ts';

/** Where a partner agency makes a referral, when an area provides the form. */
const REFERRAL_FORM = '/referrals/new';

const HOME_GUARD = { signedIn: true, reason: 'The user’s own work: every list filtered with childVisibleTo' } as const;
const WORKER_GUARD = { signedIn: true, reason: 'A worker’s caseload: only for them, their team’s manager or a senior leader (checked in workerYouMayLookAt); lists filtered with childVisibleTo' } as const;

const WorkerParams = z.object({ workerId: z.string() });
const isUuid = (value: string) => z.uuid().safeParse(value).success;

/** Which of a worker's open items the page lists: from a manager's count, only those it counted. */
const SHOWS = {
  all: { heading: 'Everything due', status: null },
  overdue: { heading: 'Overdue', status: 'overdue' },
  week: { heading: 'Due this week', status: 'due soon' },
} as const;
type Show = keyof typeof SHOWS;
const showOf = (query: unknown): Show => {
  const value = (query as { show?: unknown } | undefined)?.show;
  return value === 'overdue' || value === 'week' ? value : 'all';
};

export const myWorkRoutes: RegisterRoutes = (app, ctx: AppContext) => {
  app.get('/', { config: { guard: HOME_GUARD } }, async (request, reply) => {
    const user = userOf(request);
    const kind = myWorkKind(user.role);
    if (kind === 'administrator') return reply.redirect('/admin/audit');
    // The home list and the panels at once (separate pooled connections on PostgreSQL).
    const [panels, work] = await Promise.all([
      loadWorkPanels(ctx, user, (panelId, error) => request.log.error({ err: error, panelId }, 'work panel failed to load')),
      kind === 'partner' || kind === 'overview' ? null : myHome(ctx.db, user, ctx.time.today()),
    ]);
    if (kind === 'partner') {
      // The front door provides the referral form; My work only points to it once it exists.
      const canRefer = app.hasRoute({ method: 'GET', url: REFERRAL_FORM });
      return reply.render('my-work/views/partner.njk', { title: 'Referrals to children’s services', panels, referralForm: canRefer ? REFERRAL_FORM : null });
    }
    if (kind === 'overview' || !work) return reply.render('my-work/views/overview.njk', { title: 'My work', panels });
    return reply.render('my-work/views/my-work.njk', {
      title: 'My work',
      work,
      panels,
      overdueCount: work.due.filter((item) => item.status === 'overdue').length,
      dueSoonCount: work.due.filter((item) => item.status === 'due soon').length,
      dueSoonDays: DUE_SOON_WORKING_DAYS,
      lateDays: RECENTLY_LATE_DAYS,
      teamNames: work.team?.teams.map((team) => team.name).join(' and '),
      teamTotals: work.team
        ? { overdue: work.team.summary.reduce((n, row) => n + row.overdue, 0), dueThisWeek: work.team.summary.reduce((n, row) => n + row.dueThisWeek, 0) }
        : null,
    });
  });

  app.get('/my-work/workers/:workerId', { config: { guard: WORKER_GUARD } }, async (request, reply) => {
    const { workerId } = WorkerParams.parse(request.params);
    if (!isUuid(workerId)) throw new NotFound('There is no worker with that id.');
    const user = userOf(request);
    await workerYouMayLookAt(ctx.db, user, workerId);
    const work = await workerWork(ctx.db, user, workerId, ctx.time.today());
    const show = showOf(request.query);
    const status = SHOWS[show].status;
    // Only what is still open, and from a count only what it counted.
    const due = status ? work.due.filter((item) => item.status === status) : work.due;
    const href = (s: Show) => `/my-work/workers/${workerId}${s === 'all' ? '' : `?show=${s}`}`;
    return reply.render('my-work/views/worker.njk', {
      title: `${work.worker.displayName}’s caseload`,
      work,
      due,
      show,
      dueHeading: SHOWS[show].heading,
      dueSoonDays: DUE_SOON_WORKING_DAYS,
      filters: (Object.keys(SHOWS) as Show[]).map((s) => ({ text: SHOWS[s].heading, href: href(s), current: s === show })),
      backHref: '/',
    });
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/my-work',
    summary: 'The signed-in user’s allocated children and what is due or overdue for them; for a team manager, also the team’s caseloads, overdue and recently late work',
    tag: 'My work',
    guard: HOME_GUARD,
    handler: async ({ request }) => myWork(ctx.db, userOf(request), ctx.time.today()),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/my-work/team',
    summary: 'For each worker in the teams you manage: children allocated, and how many items are overdue and due this week (the counts behind My work)',
    tag: 'My work',
    guard: HOME_GUARD,
    handler: async ({ request }) => {
      const user = userOf(request);
      const teams = await teamsLedBy(ctx.db, user);
      return { teams, workers: await teamSummary(ctx.db, user, teams, ctx.time.today()) };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/my-work/workers/:workerId',
    summary: 'One worker’s allocated children and everything due for them (the worker themselves, their team manager or a senior leader)',
    tag: 'My work',
    params: z.object({ workerId: z.uuid() }),
    guard: WORKER_GUARD,
    handler: async ({ params, request }) => {
      await workerYouMayLookAt(ctx.db, userOf(request), params.workerId);
      return workerWork(ctx.db, userOf(request), params.workerId, ctx.time.today());
    },
  });
};
