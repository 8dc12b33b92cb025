// Pages and API for actions from oversight, supervision and audits: the child's list, updating an
// action's status, and the owner's "Your actions" panel on My work (with their plan actions).
// HTTP only: the rules are in service.ts.
import { z } from 'zod';
import type { RegisterRoutes } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { childApi, childForm, childPage } from '../server/child-pages.ts';
import { NotFound } from '../server/errors.ts';
import { ChildParams } from '../plans/fields.ts';
import { ACTION_STATUS } from '../plans/codes.ts';
import { CASE_ACTION_SOURCE } from './codes.ts';
import { registerWorkPanel } from '../my-work/panels.ts';
import { CASE_HOLDING } from '../access/roles.ts';
import { CaseActionStatusChange } from './schemas.ts';
import { caseActionOf, caseActionsOf, openActionsOwnedBy } from './repository.ts';
import { changeCaseActionStatus } from './service.ts';
import { actionListRoutes } from './list-routes.ts';
import './record-section.ts';

const labels = (list: readonly { code: string; label: string }[]) => Object.fromEntries(list.map((e) => [e.code, e.label]));
const SOURCE_LABELS = labels(CASE_ACTION_SOURCE);
const STATUS_LABELS = labels(ACTION_STATUS);
const ActionParams = z.object({ childId: z.guid(), actionId: z.guid() });

export const actionRoutes: RegisterRoutes = (app, ctx) => {
  actionListRoutes(app, ctx);
  const listOf = (childId: string) => `/children/${childId}/actions`;

  childPage(app, ctx, {
    path: '/children/:childId/actions',
    audit: 'case-actions',
    template: 'actions/views/actions.njk',
    load: async ({ child, today }) => ({
      title: 'Actions from oversight, supervision and audits',
      actions: await caseActionsOf(ctx.db, child.id),
      sourceLabels: SOURCE_LABELS,
      statusLabels: STATUS_LABELS,
      today,
    }),
  });

  childForm(app, ctx, {
    path: '/children/:childId/actions/:actionId/status',
    records: { actionId: 'case_action' },
    audit: 'case-action',
    template: 'actions/views/status-form.njk',
    schema: CaseActionStatusChange,
    dates: ['completedOn'],
    load: async ({ child, params }) => {
      const action = await caseActionOf(ctx.db, child.id, params['actionId']!);
      if (!action) throw new NotFound('No action with that id for this child');
      return action;
    },
    initial: (action) => ({ status: action.status, statusReason: action.status_reason, completedOn: action.completed_on, version: action.version }),
    view: (action) => ({ title: 'Update the action', action, sourceLabel: SOURCE_LABELS[action.source] }),
    save: async (input, { user, child, params, today }) => {
      await changeCaseActionStatus(ctx.db, user.id, child.id, params['actionId']!, input, today);
      return { next: listOf(child.id), audit: { action: 'update', objectType: 'case-action', objectId: params['actionId']! } };
    },
  });

  registerWorkPanel({
    id: 'your-actions',
    title: 'Your actions',
    roles: CASE_HOLDING,
    load: (_ctx, user) => openActionsOwnedBy(ctx.db, user, ctx.time.today()),
    template: 'actions/views/panel.njk',
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/actions',
    summary: 'A child’s actions from management oversight, supervision and case audits: open ones first by due date',
    tag: 'Actions',
    params: ChildParams,
    guard: childApi('see', 'case-actions'),
    handler: async ({ params }) => ({ actions: await caseActionsOf(ctx.db, params.childId) }),
  });

  apiRoute(app, {
    method: 'PATCH',
    url: '/api/v1/children/:childId/actions/:actionId',
    summary: 'Change an action’s status: in progress, done (with the date) or no longer needed (with why); the previous version is kept',
    tag: 'Actions',
    params: ActionParams,
    body: CaseActionStatusChange,
    guard: childApi('change', 'case-action', { records: { actionId: 'case_action' } }),
    change: { action: 'update', objectType: 'case-action' },
    handler: async ({ params, body, request }) => {
      await changeCaseActionStatus(ctx.db, request.user!.id, params.childId, params.actionId, body, ctx.time.today());
      return { id: params.actionId };
    },
  });
};
