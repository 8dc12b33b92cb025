// Plan pages: a child's plans, a plan's outcomes and actions, and its versions, declared with the
// child page pattern (src/server/child-pages.ts): the access check, the audit rows, the re-render
// with errors and the redirect follow from each declaration. Written agreements are in
// routes-agreements.ts and the API in routes-api.ts. HTTP only: the rules are in service.ts.
import type { RegisterRoutes } from '../server/context.ts';
import type { SignedInUser } from '../access/policy.ts';
import { childForm, childPage } from '../server/child-pages.ts';
import { optionItems } from '../server/form-items.ts';
import { NotFound } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { ACTION_STATUS } from './codes.ts';
import * as repo from './repository.ts';
import { addAction, addOutcome, changeAction, changeOutcome, planName, planOfChild, plansOf, planVersions, possibleOwners, viewPlan } from './service.ts';
import { ActionChange, ActionInput, CarePlanReadInput, OutcomeInput } from './schemas.ts';
import { acknowledgeCarePlan, carePlanReadingOf } from './iro-reading.ts';
import { agreementRoutes } from './routes-agreements.ts';
import { planApi } from './routes-api.ts';
import './record-section.ts';

const STATUS_LABELS = Object.fromEntries(ACTION_STATUS.map((s) => [s.code, s.label]));

export const planHref = (childId: string, planId: string) => `/children/${childId}/plans/${planId}`;

/** Plans with a visit clock: after such a plan starts, the next step may be a visit. */
const VISITED_PLANS: readonly string[] = ['cin', 'cp'];

export const planRoutes: RegisterRoutes = (app, ctx) => {
  // --- Plans of a child -----------------------------------------------------------------------
  childPage(app, ctx, {
    path: '/children/:childId/plans',
    audit: 'plans',
    template: 'plans/views/plans.njk',
    load: async ({ child }) => ({ title: 'Plans', plans: await plansOf(ctx.db, child.id) }),
  });

  childPage(app, ctx, {
    path: '/children/:childId/plans/:planId',
    records: { planId: 'plan' },
    audit: 'plan',
    template: 'plans/views/plan.njk',
    load: async ({ child, params, today, user }) => {
      const view = await viewPlan(ctx.db, child.id, params['planId']!, today);
      const open = !view.plan.ended_on;
      return {
        title: view.plan.name,
        ...view,
        // A care plan says whether the IRO has read its changes; an IRO may record that they have.
        iroReading: view.plan.kind === 'care' ? await carePlanReadingOf(ctx.db, view.plan.id) : null,
        mayRecordIroReading: child.mayChange && open && user.role === 'iro',
        mayChange: child.mayChange && open,
        // The next steps once a plan has started: its actions, and (for a plan with visits) a visit.
        visitHref: open && VISITED_PLANS.includes(view.plan.kind) ? `/children/${child.id}/visits/new` : null,
      };
    },
  });

  childPage(app, ctx, {
    path: '/children/:childId/plans/:planId/versions',
    records: { planId: 'plan' },
    audit: 'plan-versions',
    template: 'plans/views/versions.njk',
    load: async ({ child, params }) => {
      const view = await planVersions(ctx.db, child.id, params['planId']!);
      return { title: `${view.plan.name}: every version`, ...view, statusLabels: STATUS_LABELS };
    },
  });

  // --- The IRO reads a care plan's changes (CPPCR 2010 reg 45) -----------------------------------
  childForm(app, ctx, {
    path: '/children/:childId/plans/:planId/iro-reading',
    records: { planId: 'plan' },
    audit: 'care-plan-reading',
    template: 'plans/views/iro-reading.njk',
    schema: CarePlanReadInput,
    dates: ['readOn'],
    load: async ({ child, params }) => ({ back: planHref(child.id, params['planId']!), reading: await carePlanReadingOf(ctx.db, params['planId']!) }),
    initial: (_data, { today }) => ({ readOn: today }),
    view: (data) => ({ title: 'Record that you have read the changes to the care plan', ...data }),
    save: async (input, { user, child, params, today }) => {
      const id = await acknowledgeCarePlan(ctx.db, user, child.id, params['planId']!, input, today);
      return { next: planHref(child.id, params['planId']!), audit: { action: 'create', objectType: 'care-plan-reading', objectId: id } };
    },
  });

  // --- Outcomes -------------------------------------------------------------------------------
  childForm(app, ctx, {
    path: '/children/:childId/plans/:planId/outcomes/new',
    records: { planId: 'plan' },
    audit: 'plan-outcome',
    template: 'plans/views/outcome-form.njk',
    schema: OutcomeInput,
    load: async ({ child, params }) => ({ back: planHref(child.id, params['planId']!) }),
    view: (data) => ({ title: 'Add an outcome', ...data }),
    save: async (input, { user, child, params, today }) => {
      const id = await addOutcome(ctx.db, user, child.id, params['planId']!, input, today);
      return { next: planHref(child.id, params['planId']!), audit: { action: 'create', objectType: 'plan-outcome', objectId: id } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/plans/:planId/outcomes/:outcomeId/edit',
    records: { planId: 'plan', outcomeId: 'plan_outcome' },
    audit: 'plan-outcome',
    template: 'plans/views/outcome-form.njk',
    schema: OutcomeInput,
    load: async ({ child, params }) => {
      const outcome = await repo.findOutcome(ctx.db, params['outcomeId']!);
      if (!outcome || outcome.plan_id !== params['planId']) throw new NotFound('No outcome with that id in this plan');
      return { outcome, back: planHref(child.id, params['planId']!) };
    },
    initial: ({ outcome }) => ({ description: outcome.description, measure: outcome.measure, version: outcome.version }),
    view: ({ back }) => ({ title: 'Change an outcome', back }),
    save: async (input, { user, child, params, today }) => {
      await changeOutcome(ctx.db, user, child.id, params['planId']!, params['outcomeId']!, input, today);
      return { next: planHref(child.id, params['planId']!), audit: { action: 'update', objectType: 'plan-outcome', objectId: params['outcomeId']! } };
    },
  });

  // --- Actions --------------------------------------------------------------------------------
  const actionFormData = async (user: SignedInUser, childId: string, planId: string) => {
    const [plan, owners, outcomes] = await Promise.all([planOfChild(ctx.db, childId, planId), possibleOwners(ctx.db, user, childId), repo.outcomesOf(ctx.db, planId)]);
    return { plan, owners, outcomes };
  };
  const actionView = (title: string) => (data: Awaited<ReturnType<typeof actionFormData>>, values: Record<string, unknown>) => ({
    title,
    planName: `${planName(data.plan)}, started ${formatDate(data.plan.started_on)}`,
    back: planHref(data.plan.child_id, data.plan.id),
    ownerItems: optionItems(
      data.owners.map((u) => ({ value: u.id, text: u.display_name })),
      values['ownerUserId'],
      'Not a Lantern user',
    ),
    outcomeItems: optionItems(
      data.outcomes.map((o) => ({ value: o.id, text: o.description })),
      values['outcomeId'],
      'Not linked to an outcome',
    ),
  });

  childForm(app, ctx, {
    path: '/children/:childId/plans/:planId/actions/new',
    records: { planId: 'plan' },
    audit: 'plan-action',
    template: 'plans/views/action-form.njk',
    schema: ActionInput,
    dates: ['dueOn', 'completedOn'],
    load: ({ user, child, params }) => actionFormData(user, child.id, params['planId']!),
    // No due date: a worker gives each action its own (Southend 2016 ¶27), never the next review's.
    initial: () => ({ status: 'not_started' }),
    view: actionView('Add an action'),
    save: async (input, { user, child, params, today }) => {
      const id = await addAction(ctx.db, user, child.id, params['planId']!, input, today);
      return { next: planHref(child.id, params['planId']!), audit: { action: 'create', objectType: 'plan-action', objectId: id } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/plans/:planId/actions/:actionId/edit',
    records: { planId: 'plan', actionId: 'plan_action' },
    audit: 'plan-action',
    template: 'plans/views/action-form.njk',
    schema: ActionChange,
    dates: ['dueOn', 'completedOn'],
    load: async ({ user, child, params }) => {
      const action = await repo.findAction(ctx.db, params['actionId']!);
      if (!action || action.plan_id !== params['planId']) throw new NotFound('No action with that id in this plan');
      return { ...(await actionFormData(user, child.id, params['planId']!)), action };
    },
    initial: ({ action }) => ({
      description: action.description,
      owner: action.owner,
      ownerUserId: action.owner_user_id ?? '',
      dueOn: action.due_on,
      outcomeId: action.outcome_id ?? '',
      status: action.status,
      statusReason: action.status_reason,
      completedOn: action.completed_on,
      version: action.version,
    }),
    view: actionView('Change an action'),
    save: async (input, { user, child, params, today }) => {
      await changeAction(ctx.db, user, child.id, params['planId']!, params['actionId']!, input, today);
      return { next: planHref(child.id, params['planId']!), audit: { action: 'update', objectType: 'plan-action', objectId: params['actionId']! } };
    },
  });

  agreementRoutes(app, ctx);
  planApi(app, ctx);
};
