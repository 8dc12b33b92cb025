// Child in need pages and API. HTTP only: the rules are in service.ts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RegisterRoutes } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { foldDateInputs, parseForm, type FormErrors } from '../server/forms.ts';
import { requireChangeChild } from '../access/policy.ts';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';
import { openEpisodeOf } from '../episodes/service.ts';
import { openPlanOf } from '../plans/lifecycle.ts';
import { planOfChild } from '../plans/service.ts';
import { ChildParams } from '../plans/fields.ts';
import { attempt, childHeading, formBody, formContext } from '../plans/pages.ts';
import { RuleBroken } from '../server/errors.ts';
import { CIN_PLAN_END_REASON } from './codes.ts';
import { CinMeetingInput, CinPlanEnd, CinPlanParams, CinPlanStart } from './schemas.ts';
import { childInNeed, endCinPlan, recordCinMeeting, startCinPlan } from './service.ts';

export const childInNeedRoutes: RegisterRoutes = (app, ctx) => {
  registerRecordSection({
    id: 'child-in-need',
    title: 'Child in need',
    href: (childId) => `/children/${childId}/child-in-need`,
    order: 40,
    summary: async (db, childId) => {
      const plan = await openPlanOf(db, childId, 'cin');
      return plan ? `Child in need plan from ${formatDate(plan.started_on)}` : null;
    },
  });

  const today = () => ctx.time.today();
  const page = (childId: string) => `/children/${childId}/child-in-need`;

  app.get('/children/:childId/child-in-need', async (request, reply) => {
    const { childId } = ChildParams.parse(request.params);
    const view = await childInNeed(ctx.db, request.user!, childId, today());
    await request.audit({ action: 'view-child', childId, objectType: 'child-in-need' });
    return reply.render('child-in-need/views/child-in-need.njk', { title: 'Child in need', child: await childHeading(ctx.db, childId, today()), ...view });
  });

  // --- Start ----------------------------------------------------------------------------------
  const startPage = async (reply: FastifyReply, childId: string, values: Record<string, unknown>, status = 200, errors?: FormErrors) => {
    const episode = await openEpisodeOf(ctx.db, childId);
    if (!episode) throw new RuleBroken('A child in need plan needs an open episode: record the referral first');
    return reply.code(status).render('child-in-need/views/start.njk', {
      title: 'Start a child in need plan',
      child: await childHeading(ctx.db, childId, today()),
      episode,
      ...formContext(values, errors),
    });
  };

  app.get('/children/:childId/child-in-need/start', async (request, reply) => {
    const { childId } = ChildParams.parse(request.params);
    await requireChangeChild(ctx.db, request.user!, childId);
    return startPage(reply, childId, { startedOn: today() });
  });

  app.post('/children/:childId/child-in-need/start', async (request, reply) => {
    const { childId } = ChildParams.parse(request.params);
    await requireChangeChild(ctx.db, request.user!, childId);
    const body = foldDateInputs(formBody(request.body), ['startedOn']);
    const form = parseForm(CinPlanStart, body);
    if (!form.ok) return startPage(reply, childId, body, 400, form.errors);
    const result = await attempt(() => startCinPlan(ctx.db, request.user!, childId, form.data, today()));
    if (!result.ok) return startPage(reply, childId, body, 422, result.errors);
    await request.audit({ action: 'create', childId, objectType: 'plan', objectId: result.value });
    return reply.redirect(`/children/${childId}/plans/${result.value}`, 303);
  });

  // --- Meetings -------------------------------------------------------------------------------
  const meetingPage = async (reply: FastifyReply, p: { childId: string; planId: string }, values: Record<string, unknown>, status = 200, errors?: FormErrors) => {
    await planOfChild(ctx.db, p.childId, p.planId);
    return reply.code(status).render('child-in-need/views/meeting.njk', {
      title: 'Record a child in need meeting',
      child: await childHeading(ctx.db, p.childId, today()),
      planId: p.planId,
      ...formContext(values, errors),
    });
  };

  app.get('/children/:childId/child-in-need/:planId/meetings/new', async (request, reply) => {
    const p = CinPlanParams.parse(request.params);
    await requireChangeChild(ctx.db, request.user!, p.childId);
    return meetingPage(reply, p, { heldOn: today() });
  });

  app.post('/children/:childId/child-in-need/:planId/meetings/new', async (request, reply) => {
    const p = CinPlanParams.parse(request.params);
    await requireChangeChild(ctx.db, request.user!, p.childId);
    const body = foldDateInputs(formBody(request.body), ['heldOn']);
    const form = parseForm(CinMeetingInput, body);
    if (!form.ok) return meetingPage(reply, p, body, 400, form.errors);
    const result = await attempt(() => recordCinMeeting(ctx.db, request.user!, p.childId, p.planId, form.data, today()));
    if (!result.ok) return meetingPage(reply, p, body, 422, result.errors);
    await request.audit({ action: 'create', childId: p.childId, objectType: 'cin-meeting', objectId: result.value });
    return reply.redirect(page(p.childId), 303);
  });

  // --- End ------------------------------------------------------------------------------------
  const endPage = async (reply: FastifyReply, p: { childId: string; planId: string }, values: Record<string, unknown>, status = 200, errors?: FormErrors) => {
    const plan = await planOfChild(ctx.db, p.childId, p.planId);
    return reply.code(status).render('child-in-need/views/end.njk', {
      title: 'End the child in need plan',
      child: await childHeading(ctx.db, p.childId, today()),
      plan,
      reasonItems: CIN_PLAN_END_REASON.map((r) => ({ value: r.code, text: r.label, checked: values['reason'] === r.code })),
      ...formContext(values, errors),
    });
  };

  app.get('/children/:childId/child-in-need/:planId/end', async (request: FastifyRequest, reply) => {
    const p = CinPlanParams.parse(request.params);
    await requireChangeChild(ctx.db, request.user!, p.childId);
    return endPage(reply, p, { endedOn: today() });
  });

  app.post('/children/:childId/child-in-need/:planId/end', async (request, reply) => {
    const p = CinPlanParams.parse(request.params);
    await requireChangeChild(ctx.db, request.user!, p.childId);
    const body = foldDateInputs(formBody(request.body), ['endedOn']);
    const form = parseForm(CinPlanEnd, body);
    if (!form.ok) return endPage(reply, p, body, 400, form.errors);
    const result = await attempt(() => endCinPlan(ctx.db, request.user!, p.childId, p.planId, form.data, today()));
    if (!result.ok) return endPage(reply, p, body, 422, result.errors);
    await request.audit({ action: 'update', childId: p.childId, objectType: 'plan', objectId: p.planId, detail: { ended: true } });
    return reply.redirect(page(p.childId), 303);
  });

  // --- API ------------------------------------------------------------------------------------
  const tag = 'Child in need';
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/child-in-need',
    summary: 'A child’s child in need plans, meetings, and what is due next (visits, meetings)',
    tag,
    params: ChildParams,
    handler: async ({ params, request }) => {
      const view = await childInNeed(ctx.db, request.user!, params.childId, today());
      await request.audit({ action: 'view-child', childId: params.childId, objectType: 'child-in-need' });
      return view;
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/child-in-need/plans',
    summary: 'Start a child in need plan (the child needs an open episode)',
    tag,
    params: ChildParams,
    body: CinPlanStart,
    handler: async ({ params, body, request }) => {
      const id = await startCinPlan(ctx.db, request.user!, params.childId, body, today());
      await request.audit({ action: 'create', childId: params.childId, objectType: 'plan', objectId: id });
      return { id };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/child-in-need/plans/:planId/meetings',
    summary: 'Record a child in need meeting (meets the child in need meeting clock)',
    tag,
    params: CinPlanParams,
    body: CinMeetingInput,
    handler: async ({ params, body, request }) => {
      const id = await recordCinMeeting(ctx.db, request.user!, params.childId, params.planId, body, today());
      await request.audit({ action: 'create', childId: params.childId, objectType: 'cin-meeting', objectId: id });
      return { id };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/child-in-need/plans/:planId/end',
    summary: 'End a child in need plan with a reason; ending because things are better needs evidence and a meeting that reviewed the plan',
    tag,
    params: CinPlanParams,
    body: CinPlanEnd,
    successStatus: 200,
    handler: async ({ params, body, request }) => {
      await endCinPlan(ctx.db, request.user!, params.childId, params.planId, body, today());
      await request.audit({ action: 'update', childId: params.childId, objectType: 'plan', objectId: params.planId, detail: { ended: true } });
      return { id: params.planId };
    },
  });
};
