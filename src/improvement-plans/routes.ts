// Improvement plans (issue 9, seed §1.20): the list, a plan with each action's measures then and now,
// the forms senior leaders and analysts write them with (recordForm: validated, audited), and the API.
// Managers read them. HTTP only: the rules are in service.ts.
import type { FastifyRequest } from 'fastify';
import type { RegisterRoutes } from '../server/context.ts';
import type { Guard } from '../server/guard.ts';
import { userOf } from '../server/guard.ts';
import { apiRoute } from '../server/api.ts';
import { recordForm } from '../server/record-form.ts';
import { reasonForm } from '../server/reason-form.ts';
import { addNavigationItem } from '../server/navigation.ts';
import { Forbidden } from '../server/errors.ts';
import { can } from '../access/roles.ts';
import { MEASURE_GROUPS } from '../measures/catalogue.ts';
import { HOUSEHOLD_GROUPS, WORKERS_GROUP } from './figures.ts';
import {
  ActionInput,
  ActionParams,
  DoneInput,
  MeasureLinkInput,
  PlanInput,
  PlanParams,
  REMOVAL_REASON_MISSING,
  RemovalInput,
  REOPEN_REASON_MISSING,
  ReopenInput,
} from './schemas.ts';
import { markDone, removeAction, reopenAction, setOn } from './done.ts';
import {
  actionFormData,
  addAction,
  changeAction,
  changePlan,
  createPlan,
  linkMeasure,
  listPlans,
  measureChoices,
  owners,
  planFormData,
  planWithProgress,
  WRITES_PLANS,
} from './service.ts';

/** Managers, analysts and senior leaders read the plans. */
const READ: Guard = { signedIn: true, capability: 'view-performance', reason: 'Improvement plans: figures over the whole council, no child named' };
/** Senior leaders and analysts write them (checked in each form's load and API handler). */
const WRITE: Guard = { signedIn: true, capability: 'view-performance', reason: 'Improvement plans are written by senior leaders and the performance team; each change audited' };

const mayWrite = (request: FastifyRequest) => WRITES_PLANS.includes(userOf(request).role);
const mustWrite = (request: FastifyRequest) => {
  if (!mayWrite(request)) throw new Forbidden('Only senior leaders and performance analysts write improvement plans.');
};

const ownerItems = (people: Awaited<ReturnType<typeof owners>>, chosen: unknown) => [
  { value: '', text: 'Choose someone' },
  ...people.map((p) => ({ value: p.id, text: p.display_name, selected: p.id === chosen })),
];

export const improvementPlanRoutes: RegisterRoutes = (app, ctx) => {
  addNavigationItem({ href: '/improvement-plans', text: 'Improvement plans', show: (role) => can(role, 'view-performance') });
  const today = () => ctx.time.today();
  const tag = 'Improvement plans';

  app.get('/improvement-plans', { config: { guard: READ } }, async (request, reply) =>
    reply.render('improvement-plans/views/list.njk', { title: 'Improvement plans', plans: await listPlans(ctx.db), mayWrite: mayWrite(request) }),
  );

  const planView = (people: Awaited<ReturnType<typeof owners>>, values: Record<string, unknown>, title: string, back: string) => ({
    template: 'improvement-plans/views/plan-form.njk',
    context: { title, back, ownerItems: ownerItems(people, values['ownerId']) },
  });

  recordForm(app, ctx, {
    path: '/improvement-plans/new',
    guard: WRITE,
    schema: PlanInput,
    load: async (request) => {
      mustWrite(request);
      return owners(ctx.db);
    },
    initial: () => ({}),
    view: (people, values) => planView(people, values, 'Start an improvement plan', '/improvement-plans'),
    fields: () => ['title', 'source', 'ownerId'],
    save: async (input, request) => {
      const id = await createPlan(ctx.db, input, userOf(request).id);
      return { next: `/improvement-plans/${id}`, action: 'create', objectType: 'improvement-plan', objectId: id };
    },
  });

  app.get('/improvement-plans/:planId', { config: { guard: READ } }, async (request, reply) => {
    const { planId } = PlanParams.parse(request.params);
    const plan = await planWithProgress(ctx.db, planId, today());
    return reply.render('improvement-plans/views/plan.njk', {
      title: plan.plan.title,
      ...plan,
      open: plan.actions.filter((a) => a.done === null),
      done: plan.actions.filter((a) => a.done !== null),
      today: today(),
      mayWrite: mayWrite(request),
    });
  });

  recordForm(app, ctx, {
    path: '/improvement-plans/:planId/change',
    guard: WRITE,
    schema: PlanInput,
    load: async (request) => {
      mustWrite(request);
      const { planId } = PlanParams.parse(request.params);
      return { plan: await planFormData(ctx.db, planId), people: await owners(ctx.db) };
    },
    initial: ({ plan }) => ({ title: plan.title, source: plan.source, ownerId: plan.owner_id }),
    view: ({ plan, people }, values) => planView(people, values, 'Change the improvement plan', `/improvement-plans/${plan.id}`),
    fields: () => ['title', 'source', 'ownerId'],
    save: async (input, request, { plan }) => {
      await changePlan(ctx.db, plan.id, input, userOf(request).id);
      return { next: `/improvement-plans/${plan.id}`, action: 'update', objectType: 'improvement-plan', objectId: plan.id };
    },
  });

  const actionView = (plan: { id: string; title: string }, people: Awaited<ReturnType<typeof owners>>, values: Record<string, unknown>, title: string) => ({
    template: 'improvement-plans/views/action-form.njk',
    context: { title, plan, ownerItems: ownerItems(people, values['ownerId']) },
  });

  recordForm(app, ctx, {
    path: '/improvement-plans/:planId/actions/new',
    guard: WRITE,
    schema: ActionInput,
    dates: ['dueOn'],
    load: async (request) => {
      mustWrite(request);
      const { planId } = PlanParams.parse(request.params);
      return { plan: await planFormData(ctx.db, planId), people: await owners(ctx.db) };
    },
    initial: () => ({}),
    view: ({ plan, people }, values) => actionView(plan, people, values, 'Add an action'),
    fields: () => ['action', 'ownerId', 'dueOn'],
    save: async (input, request, { plan }) => {
      const id = await addAction(ctx.db, plan.id, input, userOf(request).id, today());
      return { next: `/improvement-plans/${plan.id}/actions/${id}/measures/new`, action: 'create', objectType: 'improvement-action', objectId: id };
    },
  });

  recordForm(app, ctx, {
    path: '/improvement-plans/:planId/actions/:actionId/change',
    guard: WRITE,
    schema: ActionInput,
    dates: ['dueOn'],
    load: async (request) => {
      mustWrite(request);
      const { planId, actionId } = ActionParams.parse(request.params);
      return { ...(await actionFormData(ctx.db, planId, actionId)), people: await owners(ctx.db) };
    },
    initial: ({ action }) => ({ action: action.action, ownerId: action.owner_id, dueOn: action.due_on }),
    view: ({ plan, people }, values) => actionView(plan, people, values, 'Change the action'),
    fields: () => ['action', 'ownerId', 'dueOn'],
    save: async (input, request, { plan, action }) => {
      await changeAction(ctx.db, plan.id, action.id, input, userOf(request).id);
      return { next: `/improvement-plans/${plan.id}`, action: 'update', objectType: 'improvement-action', objectId: action.id };
    },
  });

  recordForm(app, ctx, {
    path: '/improvement-plans/:planId/actions/:actionId/measures/new',
    guard: WRITE,
    schema: MeasureLinkInput,
    load: async (request) => {
      mustWrite(request);
      const { planId, actionId } = ActionParams.parse(request.params);
      return actionFormData(ctx.db, planId, actionId);
    },
    initial: () => ({}),
    view: ({ plan, action }, values) => ({
      template: 'improvement-plans/views/measure-form.njk',
      context: {
        title: 'Name a measure the action should move',
        plan,
        action,
        measureItems: [
          { value: '', text: 'Choose a measure' },
          ...[...MEASURE_GROUPS, WORKERS_GROUP, ...HOUSEHOLD_GROUPS].flatMap((group) =>
            measureChoices()
              .filter((m) => m.group === group)
              .map((m) => ({ value: m.id, text: `${group}: ${m.name}${m.direction === 'neither' ? '' : ` (better ${m.direction})`}`, selected: m.id === values['measureId'] })),
          ),
        ],
      },
    }),
    fields: () => ['measureId', 'target', 'direction'],
    save: async (input, request, { plan, action }) => {
      const id = await linkMeasure(ctx.db, plan.id, action.id, input, userOf(request).id, today());
      return { next: `/improvement-plans/${plan.id}`, action: 'create', objectType: 'improvement-action-measure', objectId: id };
    },
  });

  // Done, reopened, removed (decision 0046): each a form of its own, audited, the earlier version kept.
  const actionLoad = async (request: FastifyRequest) => {
    mustWrite(request);
    const { planId, actionId } = ActionParams.parse(request.params);
    return { ...(await actionFormData(ctx.db, planId, actionId)), people: await owners(ctx.db) };
  };
  type ActionData = Awaited<ReturnType<typeof actionLoad>>;
  const stepContext = (title: string) => ({ plan, action, people }: ActionData, values: Record<string, unknown>) => ({
    title,
    plan,
    action: { ...action, setOn: setOn(action) },
    ownerItems: ownerItems(people, values['doneById']),
  });
  const REASON_TEMPLATE = 'improvement-plans/views/reason-form.njk';

  recordForm(app, ctx, {
    path: '/improvement-plans/:planId/actions/:actionId/done',
    guard: WRITE,
    schema: DoneInput,
    dates: ['doneOn'],
    load: actionLoad,
    initial: ({ action }, day) => ({ doneOn: day, doneById: action.owner_id }),
    view: (data, values) => ({ template: 'improvement-plans/views/done-form.njk', context: stepContext('Mark the action done')(data, values) }),
    fields: () => ['doneOn', 'doneById', 'note'],
    save: async (input, request, { plan, action }) => {
      await markDone(ctx.db, plan.id, action.id, input, userOf(request).id, today());
      return { next: `/improvement-plans/${plan.id}`, action: 'update', objectType: 'improvement-action-done', objectId: action.id };
    },
  });

  reasonForm(app, ctx, {
    path: '/improvement-plans/:planId/actions/:actionId/reopen',
    guard: WRITE,
    missing: REOPEN_REASON_MISSING,
    load: actionLoad,
    template: REASON_TEMPLATE,
    view: stepContext('Reopen the action'),
    save: async (reason, request, { plan, action }) => {
      await reopenAction(ctx.db, plan.id, action.id, reason, userOf(request).id);
      return { next: `/improvement-plans/${plan.id}`, action: 'update', objectType: 'improvement-action-reopened', objectId: action.id };
    },
  });

  reasonForm(app, ctx, {
    path: '/improvement-plans/:planId/actions/:actionId/remove',
    guard: WRITE,
    missing: REMOVAL_REASON_MISSING,
    load: actionLoad,
    template: REASON_TEMPLATE,
    view: stepContext('Remove the action'),
    save: async (reason, request, { plan, action }) => {
      await removeAction(ctx.db, plan.id, action.id, reason, userOf(request).id);
      return { next: `/improvement-plans/${plan.id}`, action: 'delete', objectType: 'improvement-action', objectId: action.id };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/improvement-plans',
    summary: 'The council’s improvement plans, newest first, with how many actions and measures each has',
    tag,
    guard: READ,
    handler: async () => ({ plans: await listPlans(ctx.db) }),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/improvement-plans/:planId',
    summary: 'One improvement plan: each action with the measures it should move, each measure’s value when the action was set and now (12 months to the day), the target, and whether it is on track',
    tag,
    params: PlanParams,
    guard: READ,
    handler: async ({ params }) => planWithProgress(ctx.db, params.planId, today()),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/improvement-plans',
    summary: 'Start an improvement plan (senior leaders and performance analysts)',
    tag,
    body: PlanInput,
    guard: WRITE,
    change: { action: 'create', objectType: 'improvement-plan' },
    handler: async ({ body, request }) => {
      mustWrite(request);
      return { id: await createPlan(ctx.db, body, userOf(request).id) };
    },
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/improvement-plans/:planId',
    summary: 'Change an improvement plan’s title, what it answers or its owner (the earlier version is kept)',
    tag,
    params: PlanParams,
    body: PlanInput,
    guard: WRITE,
    change: { action: 'update', objectType: 'improvement-plan' },
    handler: async ({ params, body, request }) => {
      mustWrite(request);
      await changePlan(ctx.db, params.planId, body, userOf(request).id);
      return { id: params.planId };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/improvement-plans/:planId/actions',
    summary: 'Add an action to an improvement plan: what will be done, who owns it, the date',
    tag,
    params: PlanParams,
    body: ActionInput,
    guard: WRITE,
    change: { action: 'create', objectType: 'improvement-action' },
    handler: async ({ params, body, request }) => {
      mustWrite(request);
      return { id: await addAction(ctx.db, params.planId, body, userOf(request).id, today()) };
    },
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/improvement-plans/:planId/actions/:actionId',
    summary: 'Change an action (the earlier version is kept)',
    tag,
    params: ActionParams,
    body: ActionInput,
    guard: WRITE,
    change: { action: 'update', objectType: 'improvement-action' },
    handler: async ({ params, body, request }) => {
      mustWrite(request);
      await changeAction(ctx.db, params.planId, params.actionId, body, userOf(request).id);
      return { id: params.actionId };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/improvement-plans/:planId/actions/:actionId/measures',
    summary: 'Name a measure of the catalogue the action should move, with its target and direction; its value today is kept as the value when the action was set',
    tag,
    params: ActionParams,
    body: MeasureLinkInput,
    guard: WRITE,
    change: { action: 'create', objectType: 'improvement-action-measure' },
    handler: async ({ params, body, request }) => {
      mustWrite(request);
      return { id: await linkMeasure(ctx.db, params.planId, params.actionId, body, userOf(request).id, today()) };
    },
  });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/improvement-plans/:planId/actions/:actionId/done',
    summary: 'Mark an action done: the date, who did it and what was done; each measure it names keeps its value on that day (12 months to it, as recorded by its end)',
    tag,
    params: ActionParams,
    body: DoneInput,
    guard: WRITE,
    change: { action: 'update', objectType: 'improvement-action-done' },
    handler: async ({ params, body, request }) => {
      mustWrite(request);
      await markDone(ctx.db, params.planId, params.actionId, body, userOf(request).id, today());
      return { id: params.actionId };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/improvement-plans/:planId/actions/:actionId/reopen',
    summary: 'Reopen an action marked done, with the reason (the done version is kept)',
    tag,
    params: ActionParams,
    body: ReopenInput,
    guard: WRITE,
    change: { action: 'update', objectType: 'improvement-action-reopened' },
    handler: async ({ params, body, request }) => {
      mustWrite(request);
      await reopenAction(ctx.db, params.planId, params.actionId, body.reason, userOf(request).id);
      return { id: params.actionId };
    },
  });

  apiRoute(app, {
    method: 'DELETE',
    url: '/api/v1/improvement-plans/:planId/actions/:actionId',
    summary: 'Remove an action and the measures it names, with the reason (soft: kept in the history, listed on the plan as removed)',
    tag,
    params: ActionParams,
    body: RemovalInput,
    guard: WRITE,
    change: { action: 'delete', objectType: 'improvement-action' },
    handler: async ({ params, body, request }) => {
      mustWrite(request);
      await removeAction(ctx.db, params.planId, params.actionId, body.reason, userOf(request).id);
      return { id: params.actionId };
    },
  });
};
