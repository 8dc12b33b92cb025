// Plan pages and API: a plan's outcomes and actions, its versions, written agreements, and overdue
// actions for a worker or team. HTTP only: the rules are in service.ts.
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext, RegisterRoutes } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { foldDateInputs, parseForm, type FormErrors } from '../server/forms.ts';
import { mayChangeChild, requireChangeChild } from '../access/policy.ts';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';
import { NotFound } from '../server/errors.ts';
import { ACTION_STATUS } from './codes.ts';
import { ChildParams } from './fields.ts';
import { attempt, childHeading, formBody, formContext } from './pages.ts';
import * as repo from './repository.ts';
import {
  addAction,
  addOutcome,
  changeAction,
  changeOutcome,
  makeWrittenAgreement,
  overduePlanActions,
  planDetails,
  planName,
  planOfChild,
  plansOf,
  planVersions,
  possibleOwners,
  viewPlan,
  writtenAgreementsOf,
} from './service.ts';
import { ActionChange, ActionInput, ActionParams, OutcomeInput, OutcomeParams, OverdueQuery, PlanParams, WrittenAgreementInput } from './schemas.ts';

const STATUS_LABELS = Object.fromEntries(ACTION_STATUS.map((s) => [s.code, s.label]));

/** The terms of a written agreement, from form fields named terms.0.action, terms.0.consequence … */
function termsFromForm(body: Record<string, unknown>) {
  const terms: { action: string; consequence: string }[] = [];
  for (const [key, value] of Object.entries(body)) {
    const match = /^terms\.(\d{1,2})\.(action|consequence)$/.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    while (terms.length <= index) terms.push({ action: '', consequence: '' });
    terms[index]![match[2] as 'action' | 'consequence'] = String(value ?? '');
  }
  return terms;
}

export const planRoutes: RegisterRoutes = (app, ctx) => {
  registerRecordSection({
    id: 'plans',
    title: 'Plans',
    href: (childId) => `/children/${childId}/plans`,
    order: 45,
    summary: async (db, childId, today) => {
      const plans = await repo.plansOfChild(db, childId);
      const open = plans.filter((p) => !p.ended_on);
      if (plans.length === 0) return null;
      let overdue = 0;
      for (const plan of open) overdue += (await planDetails(db, plan, today)).overdue.length;
      const openText = open.length === 0 ? 'No open plans' : `${open.length} open plan${open.length === 1 ? '' : 's'}`;
      return overdue ? `${openText}; ${overdue} overdue action${overdue === 1 ? '' : 's'}` : openText;
    },
  });

  const today = () => ctx.time.today();

  // --- Plans of a child -----------------------------------------------------------------------
  app.get('/children/:childId/plans', async (request, reply) => {
    const { childId } = ChildParams.parse(request.params);
    const plans = await plansOf(ctx.db, request.user!, childId);
    await request.audit({ action: 'view-child', childId, objectType: 'plans' });
    return reply.render('plans/views/plans.njk', { title: 'Plans', child: await childHeading(ctx.db, childId, today()), plans });
  });

  app.get('/children/:childId/plans/:planId', async (request, reply) => {
    const { childId, planId } = PlanParams.parse(request.params);
    const view = await viewPlan(ctx.db, request.user!, childId, planId, today());
    await request.audit({ action: 'view-child', childId, objectType: 'plan', objectId: planId });
    const mayChange = !view.plan.ended_on && (await mayChangeChild(ctx.db, request.user!, childId));
    return reply.render('plans/views/plan.njk', { title: view.plan.name, child: await childHeading(ctx.db, childId, today()), ...view, mayChange });
  });

  app.get('/children/:childId/plans/:planId/versions', async (request, reply) => {
    const { childId, planId } = PlanParams.parse(request.params);
    const view = await planVersions(ctx.db, request.user!, childId, planId);
    await request.audit({ action: 'view-child', childId, objectType: 'plan-versions', objectId: planId });
    return reply.render('plans/views/versions.njk', { title: `${view.plan.name}: every version`, child: await childHeading(ctx.db, childId, today()), ...view, statusLabels: STATUS_LABELS });
  });

  // --- Outcomes -------------------------------------------------------------------------------
  const outcomePage = async (reply: FastifyReply, p: { childId: string; planId: string }, values: Record<string, unknown>, title: string, status = 200, errors?: FormErrors) =>
    reply.code(status).render('plans/views/outcome-form.njk', {
      title,
      child: await childHeading(ctx.db, p.childId, today()),
      back: `/children/${p.childId}/plans/${p.planId}`,
      ...formContext(values, errors),
    });

  app.get('/children/:childId/plans/:planId/outcomes/new', async (request, reply) => {
    const p = PlanParams.parse(request.params);
    await requireChangeChild(ctx.db, request.user!, p.childId);
    await planOfChild(ctx.db, p.childId, p.planId);
    return outcomePage(reply, p, {}, 'Add an outcome');
  });

  app.post('/children/:childId/plans/:planId/outcomes/new', async (request, reply) => {
    const p = PlanParams.parse(request.params);
    await requireChangeChild(ctx.db, request.user!, p.childId);
    const body = formBody(request.body);
    const form = parseForm(OutcomeInput, body);
    if (!form.ok) return outcomePage(reply, p, body, 'Add an outcome', 400, form.errors);
    const result = await attempt(() => addOutcome(ctx.db, request.user!, p.childId, p.planId, form.data, today()));
    if (!result.ok) return outcomePage(reply, p, body, 'Add an outcome', 422, result.errors);
    await request.audit({ action: 'create', childId: p.childId, objectType: 'plan-outcome', objectId: result.value });
    return reply.redirect(`/children/${p.childId}/plans/${p.planId}`, 303);
  });

  app.get('/children/:childId/plans/:planId/outcomes/:outcomeId/edit', async (request, reply) => {
    const p = OutcomeParams.parse(request.params);
    await requireChangeChild(ctx.db, request.user!, p.childId);
    const outcome = await repo.findOutcome(ctx.db, p.outcomeId);
    if (!outcome || outcome.plan_id !== p.planId || outcome.child_id !== p.childId) throw new NotFound('No outcome with that id in this plan');
    return outcomePage(reply, p, { description: outcome.description, measure: outcome.measure, version: outcome.version }, 'Change an outcome');
  });

  app.post('/children/:childId/plans/:planId/outcomes/:outcomeId/edit', async (request, reply) => {
    const p = OutcomeParams.parse(request.params);
    await requireChangeChild(ctx.db, request.user!, p.childId);
    const body = formBody(request.body);
    const form = parseForm(OutcomeInput, body);
    if (!form.ok) return outcomePage(reply, p, body, 'Change an outcome', 400, form.errors);
    const result = await attempt(() => changeOutcome(ctx.db, request.user!, p.childId, p.planId, p.outcomeId, form.data, today()));
    if (!result.ok) return outcomePage(reply, p, body, 'Change an outcome', 422, result.errors);
    await request.audit({ action: 'update', childId: p.childId, objectType: 'plan-outcome', objectId: p.outcomeId });
    return reply.redirect(`/children/${p.childId}/plans/${p.planId}`, 303);
  });

  // --- Actions --------------------------------------------------------------------------------
  const actionPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    p: { childId: string; planId: string },
    values: Record<string, unknown>,
    title: string,
    status = 200,
    errors?: FormErrors,
  ) => {
    const plan = await planOfChild(ctx.db, p.childId, p.planId);
    const [owners, outcomes] = await Promise.all([possibleOwners(ctx.db, request.user!, p.childId), repo.outcomesOf(ctx.db, p.planId)]);
    return reply.code(status).render('plans/views/action-form.njk', {
      title,
      planName: `${planName(plan)}, started ${formatDate(plan.started_on)}`,
      child: await childHeading(ctx.db, p.childId, today()),
      back: `/children/${p.childId}/plans/${p.planId}`,
      ownerItems: [{ value: '', text: 'Not a Lantern user' }, ...owners.map((u) => ({ value: u.id, text: u.display_name, selected: values['ownerUserId'] === u.id }))],
      outcomeItems: [{ value: '', text: 'Not linked to an outcome' }, ...outcomes.map((o) => ({ value: o.id, text: o.description, selected: values['outcomeId'] === o.id }))],
      ...formContext(values, errors),
    });
  };

  app.get('/children/:childId/plans/:planId/actions/new', async (request, reply) => {
    const p = PlanParams.parse(request.params);
    await requireChangeChild(ctx.db, request.user!, p.childId);
    // No due date: a worker gives each action its own (Southend 2016 ¶27), never the next review's.
    return actionPage(request, reply, p, { status: 'not_started' }, 'Add an action');
  });

  app.post('/children/:childId/plans/:planId/actions/new', async (request, reply) => {
    const p = PlanParams.parse(request.params);
    await requireChangeChild(ctx.db, request.user!, p.childId);
    const body = foldDateInputs(formBody(request.body), ['dueOn', 'completedOn']);
    const form = parseForm(ActionInput, body);
    if (!form.ok) return actionPage(request, reply, p, body, 'Add an action', 400, form.errors);
    const result = await attempt(() => addAction(ctx.db, request.user!, p.childId, p.planId, form.data, today()));
    if (!result.ok) return actionPage(request, reply, p, body, 'Add an action', 422, result.errors);
    await request.audit({ action: 'create', childId: p.childId, objectType: 'plan-action', objectId: result.value });
    return reply.redirect(`/children/${p.childId}/plans/${p.planId}`, 303);
  });

  app.get('/children/:childId/plans/:planId/actions/:actionId/edit', async (request, reply) => {
    const p = ActionParams.parse(request.params);
    await requireChangeChild(ctx.db, request.user!, p.childId);
    const action = await repo.findAction(ctx.db, p.actionId);
    if (!action || action.plan_id !== p.planId || action.child_id !== p.childId) throw new NotFound('No action with that id in this plan');
    return actionPage(
      request,
      reply,
      p,
      {
        description: action.description,
        owner: action.owner,
        ownerUserId: action.owner_user_id ?? '',
        dueOn: action.due_on,
        outcomeId: action.outcome_id ?? '',
        status: action.status,
        statusReason: action.status_reason,
        completedOn: action.completed_on,
        version: action.version,
      },
      'Change an action',
    );
  });

  app.post('/children/:childId/plans/:planId/actions/:actionId/edit', async (request, reply) => {
    const p = ActionParams.parse(request.params);
    await requireChangeChild(ctx.db, request.user!, p.childId);
    const body = foldDateInputs(formBody(request.body), ['dueOn', 'completedOn']);
    const form = parseForm(ActionChange, body);
    if (!form.ok) return actionPage(request, reply, p, body, 'Change an action', 400, form.errors);
    const result = await attempt(() => changeAction(ctx.db, request.user!, p.childId, p.planId, p.actionId, form.data, today()));
    if (!result.ok) return actionPage(request, reply, p, body, 'Change an action', 422, result.errors);
    await request.audit({ action: 'update', childId: p.childId, objectType: 'plan-action', objectId: p.actionId });
    return reply.redirect(`/children/${p.childId}/plans/${p.planId}`, 303);
  });

  // --- Written agreements ---------------------------------------------------------------------
  app.get('/children/:childId/written-agreements', async (request, reply) => {
    const { childId } = ChildParams.parse(request.params);
    const agreements = await writtenAgreementsOf(ctx.db, request.user!, childId, today());
    await request.audit({ action: 'view-child', childId, objectType: 'written-agreements' });
    const mayChange = await mayChangeChild(ctx.db, request.user!, childId);
    return reply.render('plans/views/agreements.njk', { title: 'Written agreements', child: await childHeading(ctx.db, childId, today()), agreements, mayChange });
  });

  const agreementPage = async (request: FastifyRequest, reply: FastifyReply, childId: string, values: Record<string, unknown>, rows: number, status = 200, errors?: FormErrors) => {
    const plans = (await plansOf(ctx.db, request.user!, childId)).filter((p) => !p.ended_on);
    return reply.code(status).render('plans/views/agreement-form.njk', {
      title: 'Record a written agreement',
      child: await childHeading(ctx.db, childId, today()),
      planItems: [{ value: '', text: 'Not part of a plan' }, ...plans.map((p) => ({ value: p.id, text: `${p.name} from ${formatDate(p.started_on)}`, selected: values['planId'] === p.id }))],
      rows,
      ...formContext(values, errors),
    });
  };

  app.get('/children/:childId/written-agreements/new', async (request, reply) => {
    const { childId } = ChildParams.parse(request.params);
    await requireChangeChild(ctx.db, request.user!, childId);
    const query = z.object({ plan: z.guid().optional() }).catch({}).parse(request.query);
    const open = (await plansOf(ctx.db, request.user!, childId)).filter((p) => !p.ended_on);
    // The plan it is part of: the one asked for, or the child's only open plan.
    const planId = query.plan ?? (open.length === 1 ? open[0]!.id : '');
    return agreementPage(request, reply, childId, { madeOn: today(), planId }, 3);
  });

  app.post('/children/:childId/written-agreements/new', async (request, reply) => {
    const { childId } = ChildParams.parse(request.params);
    await requireChangeChild(ctx.db, request.user!, childId);
    const body = foldDateInputs(formBody(request.body), ['madeOn', 'reviewOn']);
    const terms = termsFromForm(body);
    const shown = Math.min(30, Math.max(3, Number(body['rows']) || 3, terms.length));
    if (body['addRow']) return agreementPage(request, reply, childId, body, Math.min(30, shown + 1));
    const form = parseForm(WrittenAgreementInput, { ...body, terms });
    if (!form.ok) return agreementPage(request, reply, childId, body, shown, 400, form.errors);
    const result = await attempt(() => makeWrittenAgreement(ctx.db, request.user!, childId, form.data, today()));
    if (!result.ok) return agreementPage(request, reply, childId, body, shown, 422, result.errors);
    await request.audit({ action: 'create', childId, objectType: 'written-agreement', objectId: result.value });
    return reply.redirect(`/children/${childId}/written-agreements`, 303);
  });

  registerPlanApi(app, ctx);
};

function registerPlanApi(app: Parameters<RegisterRoutes>[0], ctx: AppContext) {
  const tag = 'Plans';
  const today = () => ctx.time.today();

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/plans',
    summary: 'A child’s plans of every kind, newest first, with how many actions are still to do',
    tag,
    params: ChildParams,
    handler: async ({ params, request }) => {
      const plans = await plansOf(ctx.db, request.user!, params.childId);
      await request.audit({ action: 'view-child', childId: params.childId, objectType: 'plans' });
      return { plans };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/plans/:planId',
    summary: 'A plan: its outcomes and actions (each overdue or not), when it last changed and who changed it',
    tag,
    params: PlanParams,
    handler: async ({ params, request }) => {
      const view = await viewPlan(ctx.db, request.user!, params.childId, params.planId, today());
      await request.audit({ action: 'view-child', childId: params.childId, objectType: 'plan', objectId: params.planId });
      return view;
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/plans/:planId/versions',
    summary: 'Every version of a plan: what changed, when, by whom, and the plan as it was then',
    tag,
    params: PlanParams,
    handler: async ({ params, request }) => {
      const view = await planVersions(ctx.db, request.user!, params.childId, params.planId);
      await request.audit({ action: 'view-child', childId: params.childId, objectType: 'plan-versions', objectId: params.planId });
      return view;
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/plans/:planId/outcomes',
    summary: 'Add an outcome (what should be better for the child) to a plan',
    tag,
    params: PlanParams,
    body: OutcomeInput,
    handler: async ({ params, body, request }) => {
      const id = await addOutcome(ctx.db, request.user!, params.childId, params.planId, body, today());
      await request.audit({ action: 'create', childId: params.childId, objectType: 'plan-outcome', objectId: id });
      return { id };
    },
  });

  apiRoute(app, {
    method: 'PATCH',
    url: '/api/v1/children/:childId/plans/:planId/outcomes/:outcomeId',
    summary: 'Change an outcome (the previous version is kept)',
    tag,
    params: OutcomeParams,
    body: OutcomeInput,
    handler: async ({ params, body, request }) => {
      await changeOutcome(ctx.db, request.user!, params.childId, params.planId, params.outcomeId, body, today());
      await request.audit({ action: 'update', childId: params.childId, objectType: 'plan-outcome', objectId: params.outcomeId });
      return { id: params.outcomeId };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/plans/:planId/actions',
    summary: 'Add an action: what, who, and by when (a date is required and never defaulted)',
    tag,
    params: PlanParams,
    body: ActionInput,
    handler: async ({ params, body, request }) => {
      const id = await addAction(ctx.db, request.user!, params.childId, params.planId, body, today());
      await request.audit({ action: 'create', childId: params.childId, objectType: 'plan-action', objectId: id });
      return { id };
    },
  });

  apiRoute(app, {
    method: 'PATCH',
    url: '/api/v1/children/:childId/plans/:planId/actions/:actionId',
    summary: 'Change an action or its status (the previous version is kept; send `version` to detect a colleague’s change)',
    tag,
    params: ActionParams,
    body: ActionChange,
    handler: async ({ params, body, request }) => {
      await changeAction(ctx.db, request.user!, params.childId, params.planId, params.actionId, body, today());
      await request.audit({ action: 'update', childId: params.childId, objectType: 'plan-action', objectId: params.actionId });
      return { id: params.actionId };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/written-agreements',
    summary: 'A child’s written agreements, each agreed action with its consequence',
    tag,
    params: ChildParams,
    handler: async ({ params, request }) => {
      const agreements = await writtenAgreementsOf(ctx.db, request.user!, params.childId, today());
      await request.audit({ action: 'view-child', childId: params.childId, objectType: 'written-agreements' });
      return { agreements };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/written-agreements',
    summary: 'Record a written agreement: who made it, each agreed action and the consequence if it is not kept, and the review date',
    tag,
    params: ChildParams,
    body: WrittenAgreementInput,
    handler: async ({ params, body, request }) => {
      const id = await makeWrittenAgreement(ctx.db, request.user!, params.childId, body, today());
      await request.audit({ action: 'create', childId: params.childId, objectType: 'written-agreement', objectId: id });
      return { id };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/plan-actions/overdue',
    summary: 'Overdue plan actions on open plans of children you may see: for a worker (given to them or on their children), a team, or by default you',
    tag,
    query: OverdueQuery,
    handler: async ({ query, request }) => {
      const actions = await overduePlanActions(ctx.db, request.user!, { ...(query.worker ? { workerId: query.worker } : {}), ...(query.team ? { teamId: query.team } : {}) }, today());
      return { actions };
    },
  });
}
