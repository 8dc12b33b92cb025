// "My work": the page everyone lands on after signing in, and its API.
import { z } from 'zod';
import { apiRoute } from '../server/api.ts';
import type { AppContext, RegisterRoutes } from '../server/context.ts';
import { NotFound } from '../server/errors.ts';
import { DUE_SOON_WORKING_DAYS, RECENTLY_LATE_DAYS } from '../clocks/due-items.ts';
import { loadWorkPanels } from './panels.ts';
import { myWork, myWorkKind, workerWork } from './service.ts';

/** Where a partner agency makes a referral, when an area provides the form. */
const REFERRAL_FORM = '/referrals/new';

const WorkerParams = z.object({ workerId: z.string() });
const isUuid = (value: string) => z.uuid().safeParse(value).success;

export const myWorkRoutes: RegisterRoutes = (app, ctx: AppContext) => {
  app.get('/', async (request, reply) => {
    const user = request.user!;
    const kind = myWorkKind(user.role);
    if (kind === 'administrator') return reply.redirect('/admin/audit');
    const panels = await loadWorkPanels(ctx, user, (panelId, error) => request.log.error({ err: error, panelId }, 'work panel failed to load'));
    if (kind === 'partner') {
      // The front door provides the referral form; My work only points to it once it exists.
      const canRefer = app.hasRoute({ method: 'GET', url: REFERRAL_FORM });
      return reply.render('my-work/views/partner.njk', { title: 'Referrals to children’s services', panels, referralForm: canRefer ? REFERRAL_FORM : null });
    }
    if (kind === 'overview') return reply.render('my-work/views/overview.njk', { title: 'My work', panels });
    const work = await myWork(ctx.db, user, ctx.time.today());
    return reply.render('my-work/views/my-work.njk', {
      title: 'My work',
      work,
      panels,
      overdueCount: work.due.filter((item) => item.status === 'overdue').length,
      dueSoonCount: work.due.filter((item) => item.status === 'due soon').length,
      dueSoonDays: DUE_SOON_WORKING_DAYS,
      lateDays: RECENTLY_LATE_DAYS,
      teamNames: work.team?.teams.map((team) => team.name).join(' and '),
    });
  });

  app.get('/my-work/workers/:workerId', async (request, reply) => {
    const { workerId } = WorkerParams.parse(request.params);
    if (!isUuid(workerId)) throw new NotFound('There is no worker with that id.');
    const work = await workerWork(ctx.db, request.user!, workerId, ctx.time.today());
    return reply.render('my-work/views/worker.njk', { title: `${work.worker.displayName}’s caseload`, work });
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/my-work',
    summary: 'The signed-in user’s allocated children and what is due or overdue for them; for a team manager, also the team’s caseloads, overdue and recently late work',
    tag: 'My work',
    handler: async ({ request }) => myWork(ctx.db, request.user!, ctx.time.today()),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/my-work/workers/:workerId',
    summary: 'One worker’s allocated children and everything due for them (the worker themselves or their team manager)',
    tag: 'My work',
    params: z.object({ workerId: z.uuid() }),
    handler: async ({ params, request }) => workerWork(ctx.db, request.user!, params.workerId, ctx.time.today()),
  });
};
