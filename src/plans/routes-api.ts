// The plans API: a child's plans, a plan's outcomes and actions and versions, written agreements,
// and overdue actions for a worker or team. Each operation declares its guard; HTTP only.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { childApi } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import { stepApi } from '../server/step-api.ts';
import { acknowledgeCarePlan, carePlanReadingOf } from './iro-reading.ts';
import { ChildParams } from './fields.ts';
import { addAction, addOutcome, changeAction, changeOutcome, overduePlanActions, plansOf, planVersions, viewPlan } from './service.ts';
import { correctWrittenAgreement, deleteWrittenAgreement, makeWrittenAgreement, writtenAgreementsOf } from './agreements.ts';
import {
  ActionChange,
  ActionInput,
  ActionParams,
  AgreementParams,
  CarePlanReadInput,
  OutcomeInput,
  OutcomeParams,
  OverdueQuery,
  PlanParams,
  WrittenAgreementCorrection,
  WrittenAgreementInput,
} from './schemas.ts';

export function planApi(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'Plans';
  const today = () => ctx.time.today();
  const inPlan = { records: { planId: 'plan' } } as const;

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/plans',
    summary: 'A child’s plans of every kind, newest first, with how many actions are still to do',
    tag,
    params: ChildParams,
    guard: childApi('see', 'plans'),
    handler: async ({ params }) => ({ plans: await plansOf(ctx.db, params.childId) }),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/plans/:planId',
    summary: 'A plan: its outcomes and actions (each overdue or not), when it last changed and who changed it',
    tag,
    params: PlanParams,
    guard: childApi('see', 'plan', inPlan),
    handler: ({ params }) => viewPlan(ctx.db, params.childId, params.planId, today()),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/plans/:planId/versions',
    summary: 'Every version of a plan: what changed, when, by whom, and the plan as it was then',
    tag,
    params: PlanParams,
    guard: childApi('see', 'plan-versions', inPlan),
    handler: ({ params }) => planVersions(ctx.db, params.childId, params.planId),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/plans/:planId/outcomes',
    summary: 'Add an outcome (what should be better for the child) to a plan',
    tag,
    params: PlanParams,
    body: OutcomeInput,
    guard: childApi('change', 'plan-outcome', inPlan),
    change: { action: 'create', objectType: 'plan-outcome' },
    handler: async ({ params, body, request }) => ({ id: await addOutcome(ctx.db, request.user!, params.childId, params.planId, body, today()) }),
  });

  apiRoute(app, {
    method: 'PATCH',
    url: '/api/v1/children/:childId/plans/:planId/outcomes/:outcomeId',
    summary: 'Change an outcome (the previous version is kept)',
    tag,
    params: OutcomeParams,
    body: OutcomeInput,
    guard: childApi('change', 'plan-outcome', { records: { planId: 'plan', outcomeId: 'plan_outcome' } }),
    change: { action: 'update', objectType: 'plan-outcome' },
    handler: async ({ params, body, request }) => {
      await changeOutcome(ctx.db, request.user!, params.childId, params.planId, params.outcomeId, body, today());
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
    guard: childApi('change', 'plan-action', inPlan),
    change: { action: 'create', objectType: 'plan-action' },
    handler: async ({ params, body, request }) => ({ id: await addAction(ctx.db, request.user!, params.childId, params.planId, body, today()) }),
  });

  apiRoute(app, {
    method: 'PATCH',
    url: '/api/v1/children/:childId/plans/:planId/actions/:actionId',
    summary: 'Change an action or its status (the previous version is kept; send `version` to detect a colleague’s change)',
    tag,
    params: ActionParams,
    body: ActionChange,
    guard: childApi('change', 'plan-action', { records: { planId: 'plan', actionId: 'plan_action' } }),
    change: { action: 'update', objectType: 'plan-action' },
    handler: async ({ params, body, request }) => {
      await changeAction(ctx.db, request.user!, params.childId, params.planId, params.actionId, body, today());
      return { id: params.actionId };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/written-agreements',
    summary: 'A child’s written agreements, each agreed action with its consequence',
    tag,
    params: ChildParams,
    guard: childApi('see', 'written-agreements'),
    handler: async ({ params }) => ({ agreements: await writtenAgreementsOf(ctx.db, params.childId, today()) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/written-agreements',
    summary: 'Record a written agreement: who made it, each agreed action and the consequence if it is not kept, and the review date',
    tag,
    params: ChildParams,
    body: WrittenAgreementInput,
    guard: childApi('change', 'written-agreement'),
    change: { action: 'create', objectType: 'written-agreement' },
    handler: async ({ params, body, request }) => ({ id: await makeWrittenAgreement(ctx.db, request.user!, params.childId, body, today()) }),
  });

  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/written-agreements/:agreementId',
    tag,
    objectType: 'written-agreement',
    params: AgreementParams,
    records: { agreementId: 'written_agreement' },
    correct: {
      summary: 'Correct a written agreement (date, who made it, the agreed actions, the review date) with the reason; the old version is kept',
      body: WrittenAgreementCorrection,
      save: (u, p, d, t) => correctWrittenAgreement(ctx.db, u, p.childId, p.agreementId, d, t),
    },
    remove: {
      summary: 'Delete a written agreement, with the reason: it leaves the chronology; a copy is kept',
      save: (u, p, d) => deleteWrittenAgreement(ctx.db, u, p.childId, p.agreementId, d.reason),
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/plan-actions/overdue',
    summary: 'Overdue plan actions on open plans of children you may see: for a worker (given to them or on their children), a team, or by default you',
    tag,
    query: OverdueQuery,
    guard: { signedIn: true, reason: 'A worker’s or team’s overdue plan actions, only on children the user may see (childVisibleTo)' },
    handler: async ({ query, request }) => {
      const actions = await overduePlanActions(ctx.db, request.user!, { ...(query.worker ? { workerId: query.worker } : {}), ...(query.team ? { teamId: query.team } : {}) }, today());
      return { actions };
    },
  });

  // The IRO reads the changes to a care plan (CPPCR 2010 reg 45; seed IR-04).
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/plans/:planId/iro-reading',
    summary: 'Whether the IRO has read a care plan’s changes: the last reading and how many changes are unread',
    tag,
    params: PlanParams,
    guard: childApi('see', 'care-plan-reading', inPlan),
    handler: async ({ params }) => carePlanReadingOf(ctx.db, params.planId),
  });
  stepApi(app, ctx, tag)({
    url: '/api/v1/children/:childId/plans/:planId/iro-reading',
    summary: 'The IRO records that they have read the changes to a care plan (meets the clock the changes started)',
    params: PlanParams,
    body: CarePlanReadInput,
    objectType: 'care-plan-reading',
    records: { planId: 'plan' },
    save: (user, params, body, today) => acknowledgeCarePlan(ctx.db, user, params.childId, params.planId, body, today),
  });
}
