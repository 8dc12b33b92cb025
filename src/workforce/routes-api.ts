// The workforce API: profiles, caseloads, workforce figures and transfers between teams, with the
// same service functions and access checks as the pages. HTTP only.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { childApi } from '../server/child-pages.ts';
import { userOf } from '../server/guard.ts';
import { ChildParams } from '../plans/fields.ts';
import { FIGURES, type Figure } from './figures.ts';
import { CASELOAD_FILTERS, caseloadOverview, MANAGERS_GUARD, PROFILE_CHANGE_GUARD, PROFILE_GUARD, teamScope, TRANSFER_GUARD, workforceOverview, type CaseloadFilter } from './present.ts';
import { profileHistory, profileYouMayLookAt, saveProfile } from './profile.ts';
import { ProfileInput, TransferAcceptInput, TransferDeclineInput, TransferParams, TransferRequestInput, WorkerParams } from './schemas.ts';
import { acceptTransfer, declineTransfer, requestTransfer, transferOf, transfersOfChild, transfersWaitingFor } from './transfers.ts';
import { changesSince, childrenWithManyWorkers } from './worker-changes.ts';

const tag = 'Workforce';

export function workforceApi(app: FastifyInstance, ctx: AppContext): void {
  const today = () => ctx.time.today();

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/workers/:userId',
    summary: 'A worker’s profile: qualified, ASYE, newly qualified or not, employment, start date and tenure, hours, line manager, and earlier versions (the worker, their managers, senior leaders, analysts, administrators)',
    tag,
    params: WorkerParams,
    guard: PROFILE_GUARD,
    handler: async ({ params, request }) => {
      const { profile, mayChange } = await profileYouMayLookAt(ctx.db, userOf(request), params.userId, today());
      return { profile, mayChange, history: await profileHistory(ctx.db, params.userId) };
    },
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/workers/:userId',
    summary: 'Record or change a worker’s profile (an administrator or the worker’s manager); the version it replaces is kept. Hours (fte) more than 0 and at most 1',
    tag,
    params: WorkerParams,
    body: ProfileInput,
    guard: PROFILE_CHANGE_GUARD,
    handler: async ({ params, body, request }) => {
      await saveProfile(ctx.db, userOf(request), params.userId, body, today());
      await request.audit({ action: 'update', objectType: 'worker-profile', objectId: params.userId });
      return { id: params.userId };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/caseloads',
    summary: 'Caseloads weighted by the council’s settings: totals by team and role, the workers above their limit and the newly qualified above their protected caseload; `team` or `show` (over, protected) lists the workers behind a figure',
    tag,
    query: z.object({ team: z.guid().optional(), show: z.enum(Object.keys(CASELOAD_FILTERS) as [CaseloadFilter, ...CaseloadFilter[]]).optional() }),
    guard: MANAGERS_GUARD,
    handler: async ({ query, request }) => caseloadOverview(ctx.db, userOf(request), today(), query),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/caseloads/worker-changes',
    summary: 'Children the user may see with 3 or more social workers in the last 12 months (Newham 2014 ¶6, ¶44), 50 a page',
    tag,
    query: z.object({ page: z.coerce.number().int().min(1).optional() }),
    guard: MANAGERS_GUARD,
    handler: async ({ query, request }) => {
      const user = userOf(request);
      const list = await childrenWithManyWorkers(ctx.db, user, today(), await teamScope(ctx.db, user), query.page ?? 1);
      await request.audit({ action: 'view-child', objectType: 'worker-changes-list', detail: { children: list.rows.length, page: query.page ?? 1 } });
      return { since: changesSince(today()), ...list };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/workforce',
    summary: 'Workforce figures by team: in post, agency (and the share), agency in post more than 6 months, leavers in the last 12 months, newly qualified; `show` (and `team`) lists the workers behind one',
    tag,
    query: z.object({ show: z.enum(Object.keys(FIGURES) as [Figure, ...Figure[]]).optional(), team: z.guid().optional() }),
    guard: MANAGERS_GUARD,
    handler: async ({ query, request }) => workforceOverview(ctx.db, userOf(request), today(), query),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/transfers',
    summary: 'A child’s transfers between teams: requested, accepted or declined, with the reasons',
    tag,
    params: ChildParams,
    guard: childApi('see', 'case-transfer'),
    handler: async ({ params }) => ({ transfers: await transfersOfChild(ctx.db, params.childId) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/transfers',
    summary: 'Request a transfer of the case to another team (managers): it stays with the sending team until the receiving manager accepts',
    tag,
    params: ChildParams,
    body: TransferRequestInput,
    guard: childApi('change', 'case-transfer', { capability: 'authorise' }),
    change: { action: 'create', objectType: 'case-transfer' },
    handler: async ({ params, body, request }) => ({ id: await requestTransfer(ctx.db, userOf(request), params.childId, body, today()) }),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/transfers',
    summary: 'Transfers waiting for the user to accept or decline: to the teams they manage',
    tag,
    guard: TRANSFER_GUARD,
    handler: async ({ request }) => ({ transfers: await transfersWaitingFor(ctx.db, userOf(request)) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/transfers/:transferId/accept',
    summary: 'Accept a transfer (the receiving team’s manager only), allocating a social worker of the team from the day accepted; answers the allocation id',
    tag,
    params: TransferParams,
    body: TransferAcceptInput,
    guard: TRANSFER_GUARD,
    handler: async ({ params, body, request }) => {
      const transfer = await transferOf(ctx.db, params.transferId);
      const id = await acceptTransfer(ctx.db, userOf(request), params.transferId, body, today());
      await request.audit({ action: 'update', childId: transfer.childId, objectType: 'case-transfer', objectId: transfer.id, detail: { accepted: true, allocationId: id } });
      return { id };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/transfers/:transferId/decline',
    summary: 'Decline a transfer with the reason (the receiving team’s manager only): the case stays with the sending team',
    tag,
    params: TransferParams,
    body: TransferDeclineInput,
    guard: TRANSFER_GUARD,
    handler: async ({ params, body, request }) => {
      const transfer = await transferOf(ctx.db, params.transferId);
      await declineTransfer(ctx.db, userOf(request), params.transferId, body, today());
      await request.audit({ action: 'update', childId: transfer.childId, objectType: 'case-transfer', objectId: transfer.id, detail: { accepted: false } });
      return { id: transfer.id };
    },
  });
}
