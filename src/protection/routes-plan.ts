// The child protection plan: its page, core group meetings (recorded, corrected, deleted) and ending
// it, as pages and API. HTTP only: the rules are in service-plan.ts.
import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../server/api.ts';
import type { AppContext } from '../server/context.ts';
import { childApi, childDelete, childForm, childPage, type Values } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import { checkboxItems, radioItems } from '../server/form-items.ts';
import { formatDate } from '../server/format.ts';
import { FAMILY_ATTENDANCE, RISK_REDUCING } from './codes.ts';
import { CoreGroupCorrection, CoreGroupInput, CoreGroupParams, PlanEndInput, PlanParams, attendeesFromForm } from './schemas.ts';
import { lastAttendees } from './service.ts';
import { coreGroupOf, correctCoreGroup, deleteCoreGroup, endChildProtectionPlan, planPage, recordCoreGroup } from './service-plan.ts';
import { agencyItems, attendeeValues } from './agency-items.ts';
import { conferenceJson, labels, planJson, planPath, protectionPath, riskLabel } from './shapes.ts';

const VIEWS = 'protection/views';
const FIELDS = ['heldOn', 'attendees', 'familyAttended', 'riskReducing', 'summary'] as const;
const withAttendees = (values: Values) => ({ ...values, attendees: attendeesFromForm(values) });

const coreGroupItems = (values: Values) => ({
  agencyItems: agencyItems(values),
  familyItems: checkboxItems(FAMILY_ATTENDANCE, values['familyAttended']),
  riskItems: radioItems(RISK_REDUCING, values['riskReducing']),
});

export function planRoutes(app: FastifyInstance, ctx: AppContext): void {
  childPage(app, ctx, {
    path: '/children/:childId/protection/plans/:planId',
    records: { planId: 'plan' },
    audit: 'plan',
    template: `${VIEWS}/plan.njk`,
    load: async ({ child, params, today }) => ({
      title: 'Child protection plan',
      ...(await planPage(ctx.db, child.id, params['planId']!, today)),
      ...labels,
      backHref: protectionPath(child.id),
      path: planPath(child.id, params['planId']!),
    }),
  });

  childForm(app, ctx, {
    path: '/children/:childId/protection/plans/:planId/core-groups/new',
    records: { planId: 'plan' },
    audit: 'plan',
    template: `${VIEWS}/core-group-form.njk`,
    schema: CoreGroupInput,
    dates: ['heldOn'],
    input: withAttendees,
    fields: FIELDS,
    load: async ({ child, params, today }) => {
      const planId = params['planId']!;
      const [plan, previous] = await Promise.all([planPage(ctx.db, child.id, planId, today), lastAttendees(ctx.db, child.id, { planId })]);
      return { plan, previous };
    },
    initial: (data, { today }) => ({ heldOn: today, ...attendeeValues(data.previous) }),
    view: (data, values, { child }) => ({
      title: 'Record a core group meeting',
      ...data.plan,
      backHref: planPath(child.id, data.plan.summary.plan.id),
      ...coreGroupItems(values),
    }),
    save: async (input, { user, child, params, today }) => {
      const id = await recordCoreGroup(ctx.db, user, child.id, params['planId']!, input, today);
      return { next: planPath(child.id, params['planId']!), audit: { action: 'create', objectType: 'core-group-meeting', objectId: id } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/protection/core-groups/:coreGroupId/change',
    records: { coreGroupId: 'core_group_meeting' },
    audit: 'core-group-meeting',
    template: `${VIEWS}/core-group-form.njk`,
    schema: CoreGroupCorrection,
    dates: ['heldOn'],
    input: withAttendees,
    fields: [...FIELDS, 'changeReason'],
    load: ({ child, params }) => coreGroupOf(ctx.db, child.id, params['coreGroupId']!),
    initial: ({ coreGroup: g }) => ({
      heldOn: g.held_on,
      ...attendeeValues(g.attendees),
      familyAttended: g.family_attended,
      riskReducing: g.risk_reducing ?? '',
      summary: g.summary,
      version: g.version,
    }),
    view: (data, values, { child }) => ({
      title: `Correct the core group meeting of ${formatDate(data.coreGroup.held_on)}`,
      correcting: true,
      summary: { plan: data.plan, due: {} },
      backHref: planPath(child.id, data.plan.id),
      ...coreGroupItems(values),
    }),
    save: async (input, { user, child, params, today }) => {
      const id = params['coreGroupId']!;
      const planId = await correctCoreGroup(ctx.db, user, child.id, id, input, today);
      return { next: planPath(child.id, planId), audit: { action: 'update', objectType: 'core-group-meeting', objectId: id } };
    },
  });

  childDelete(app, ctx, {
    path: '/children/:childId/protection/core-groups/:coreGroupId/delete',
    records: { coreGroupId: 'core_group_meeting' },
    audit: 'core-group-meeting',
    title: 'Delete this core group meeting',
    load: async ({ child, params }) => {
      const { coreGroup: g, plan } = await coreGroupOf(ctx.db, child.id, params['coreGroupId']!);
      return {
        backHref: planPath(child.id, plan.id),
        rows: [
          { key: { text: 'Core group meeting' }, value: { text: formatDate(g.held_on) } },
          { key: { text: 'Is risk reducing?' }, value: { text: riskLabel(g.risk_reducing) } },
          { key: { text: 'Child protection plan' }, value: { text: `From ${formatDate(plan.started_on)}` } },
        ],
      };
    },
    remove: async ({ user, child, params }, reason) => {
      const id = params['coreGroupId']!;
      const planId = await deleteCoreGroup(ctx.db, user, child.id, id, reason);
      return { next: planPath(child.id, planId), audit: { action: 'delete', objectType: 'core-group-meeting', objectId: id } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/protection/plans/:planId/end',
    records: { planId: 'plan' },
    audit: 'plan',
    template: `${VIEWS}/plan-end.njk`,
    decision: 'plan_end',
    schema: PlanEndInput,
    dates: ['endedOn'],
    fields: ['endedOn', 'reason'],
    fallbackField: 'endedOn',
    load: ({ child, params, today }) => planPage(ctx.db, child.id, params['planId']!, today),
    initial: (_page, { today }) => ({ endedOn: today }),
    view: (page, _values, { child }) => ({ title: 'End the child protection plan', ...page, backHref: planPath(child.id, page.summary.plan.id) }),
    save: async (input, { user, child, params, today }) => {
      const id = params['planId']!;
      await endChildProtectionPlan(ctx.db, user, child.id, id, input, today);
      return { next: planPath(child.id, id), audit: { action: 'update', objectType: 'plan', objectId: id } };
    },
  });

  // --- API --------------------------------------------------------------------------------------
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/cp-plans/:planId',
    summary: 'A child protection plan: dates, categories, repeat plan, 15-month and 2-year flags, next review, core group and visit due dates, conferences, core groups and visits.',
    tag: 'Child protection',
    params: PlanParams,
    guard: childApi('see', 'plan', { records: { planId: 'plan' } }),
    handler: async ({ params }) => {
      const page = await planPage(ctx.db, params.childId, params.planId, ctx.time.today());
      return {
        ...planJson(page.summary),
        conferences: [...(page.initialConference ? [page.initialConference] : []), ...page.reviews].map(conferenceJson),
        coreGroups: page.coreGroups.map((g) => ({
          id: g.id,
          heldOn: g.held_on,
          attendees: g.attendees,
          familyAttended: g.family_attended,
          riskReducing: g.risk_reducing,
          summary: g.summary,
          version: g.version,
        })),
        visits: page.visits.map((v) => ({ id: v.id, visitedOn: v.visited_on, childSeen: v.child_seen, seenAlone: v.seen_alone })),
      };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/cp-plans/:planId/core-groups',
    summary: 'Record a core group meeting of a child protection plan, with whether risk is reducing.',
    tag: 'Child protection',
    params: PlanParams,
    body: CoreGroupInput,
    guard: childApi('change', 'core-group-meeting', { records: { planId: 'plan' } }),
    change: { action: 'create', objectType: 'core-group-meeting' },
    handler: async ({ params, body, request }) => ({ id: await recordCoreGroup(ctx.db, request.user!, params.childId, params.planId, body, ctx.time.today()) }),
  });

  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/core-groups/:coreGroupId',
    tag: 'Child protection',
    objectType: 'core-group-meeting',
    params: CoreGroupParams,
    records: { coreGroupId: 'core_group_meeting' },
    correct: {
      summary: 'Correct a core group meeting with changeReason and the version seen; the old version is kept and the core group clock follows its date.',
      body: CoreGroupCorrection,
      save: async (u, p, d, t) => {
        await correctCoreGroup(ctx.db, u, p.childId, p.coreGroupId, d, t);
      },
    },
    remove: {
      summary: 'Delete a core group meeting with the reason; a copy is kept and the core group it met is due again.',
      save: async (u, p, d) => {
        await deleteCoreGroup(ctx.db, u, p.childId, p.coreGroupId, d.reason);
      },
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/cp-plans/:planId/end',
    summary: 'End a child protection plan outside a conference with a reason, after a manager’s plan_end decision (decision 0025). Not before, or on the day, it started.',
    tag: 'Child protection',
    params: PlanParams,
    body: PlanEndInput,
    successStatus: 200,
    guard: childApi('change', 'plan', { records: { planId: 'plan' } }),
    change: { action: 'update', objectType: 'plan' },
    handler: async ({ params, body, request }) => {
      await endChildProtectionPlan(ctx.db, request.user!, params.childId, params.planId, body, ctx.time.today());
      return { id: params.planId, endedOn: body.endedOn };
    },
  });
}
