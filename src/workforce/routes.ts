// Workforce pages: a worker's profile, caseloads, children with many social workers, workforce
// figures, and transfers between teams (requested on the child's record, decided by the receiving
// manager). HTTP only: the rules are in profile.ts, caseloads.ts, allocation-guard.ts and transfers.ts.
import type { FastifyRequest } from 'fastify';
import type { RegisterRoutes } from '../server/context.ts';
import { can } from '../access/roles.ts';
import { EMPLOYMENT } from '../codes/lantern.ts';
import { childForm, childPage } from '../server/child-pages.ts';
import { optionItems, radioItems } from '../server/form-items.ts';
import { userOf } from '../server/guard.ts';
import { Forbidden, NotFound } from '../server/errors.ts';
import { addNavigationItem } from '../server/navigation.ts';
import { govukPagination } from '../server/pagination.ts';
import { isFigure } from './figures.ts';
import { caseloadOverview, isCaseloadFilter, MANAGERS_GUARD, PROFILE_CHANGE_GUARD, PROFILE_GUARD, teamScope, TRANSFER_GUARD, TRANSFER_LIST_GUARD, workforceOverview } from './present.ts';
import { possibleLineManagers, profileHistory, profileYouMayLookAt, saveProfile } from './profile.ts';
import { ProfileInput, TransferAcceptInput, TransferDeclineInput, TransferRequestInput, TransferParams, WorkerParams } from './schemas.ts';
import { acceptTransfer, declineTransfer, mayDecide, receivingTeams, receivingWorkers, requestTransfer, transferOf, transfersOfChild, transfersWaitingFor, waitingTransferOf } from './transfers.ts';
import { changesSince, childrenWithManyWorkers, MANY_SOCIAL_WORKERS, PAGE_SIZE } from './worker-changes.ts';
import { signedInForm } from './signed-in-form.ts';
import { workforceApi } from './routes-api.ts';
import { chosenTeam, teamsInViewOf } from '../overview/managed-teams.ts';
import './record-section.ts';
import './panel.ts';

addNavigationItem({ href: '/caseloads', text: 'Caseloads', show: (role) => can(role, 'view-performance') });

const pageOf = (query: unknown) => Math.max(1, Number.parseInt(String((query as { page?: unknown }).page ?? '1'), 10) || 1);
const text = (query: unknown, key: string) => {
  const v = (query as Record<string, unknown>)[key];
  return typeof v === 'string' && v ? v : null;
};

export const workforceRoutes: RegisterRoutes = (app, ctx) => {
  const today = () => ctx.time.today();

  // --- Profiles -------------------------------------------------------------------------------
  app.get('/workers/:userId', { config: { guard: PROFILE_GUARD } }, async (request, reply) => {
    const params = WorkerParams.safeParse(request.params);
    if (!params.success) throw new NotFound('There is no worker with that id.');
    const { profile, mayChange } = await profileYouMayLookAt(ctx.db, userOf(request), params.data.userId, today());
    return reply.render('workforce/views/profile.njk', { title: `${profile.displayName}’s profile`, profile, mayChange, history: await profileHistory(ctx.db, profile.userId) });
  });

  signedInForm(app, {
    path: '/workers/:userId/change',
    guard: PROFILE_CHANGE_GUARD,
    template: 'workforce/views/profile-change.njk',
    schema: ProfileInput,
    dates: ['qualifiedOn', 'asyeCompletedOn', 'startedOn', 'leftOn'],
    fields: ['startedOn', 'qualifiedOn', 'asyeCompletedOn', 'employment', 'fte', 'lineManagerId', 'leftOn'],
    load: async (request) => {
      const params = WorkerParams.safeParse(request.params);
      if (!params.success) throw new NotFound('There is no worker with that id.');
      const { profile } = await profileYouMayLookAt(ctx.db, userOf(request), params.data.userId, today());
      return { profile, managers: await possibleLineManagers(ctx.db) };
    },
    initial: ({ profile: p }) => ({
      qualifiedOn: p.qualifiedOn, asyeCompletedOn: p.asyeCompletedOn, employment: p.employment, startedOn: p.startedOn,
      fte: p.fte === null ? '1' : String(p.fte), lineManagerId: p.lineManagerId ?? '', leftOn: p.leftOn, version: p.version,
    }),
    view: ({ profile, managers }, values) => ({
      title: `Change ${profile.displayName}’s profile`,
      profile,
      employmentItems: radioItems(EMPLOYMENT, values['employment']),
      managerItems: optionItems(managers.filter((m) => m.id !== profile.userId).map((m) => ({ value: m.id, text: m.display_name })), values['lineManagerId'], `The manager of their team${profile.teamName ? ` (${profile.teamName})` : ''}`),
    }),
    save: async (input, request, { profile }) => {
      await saveProfile(ctx.db, userOf(request), profile.userId, input, today());
      await request.audit({ action: profile.hasProfile ? 'update' : 'create', objectType: 'worker-profile', objectId: profile.userId });
      return `/workers/${profile.userId}`;
    },
  });

  // --- Caseloads ------------------------------------------------------------------------------
  app.get('/caseloads', { config: { guard: MANAGERS_GUARD } }, async (request, reply) => {
    const show = text(request.query, 'show');
    const overview = await caseloadOverview(ctx.db, userOf(request), today(), { team: text(request.query, 'team'), show: isCaseloadFilter(show) ? show : null });
    return reply.render('workforce/views/caseloads.njk', { title: 'Caseloads', ...overview, manyThreshold: MANY_SOCIAL_WORKERS });
  });

  app.get('/caseloads/worker-changes', { config: { guard: MANAGERS_GUARD } }, async (request, reply) => {
    const user = userOf(request);
    const page = pageOf(request.query);
    const [scope, view] = await Promise.all([teamScope(ctx.db, user), teamsInViewOf(ctx.db, user)]);
    // One of the user's teams (issue 8): children whose social worker now is in it.
    const team = chosenTeam(view, text(request.query, 'team'));
    const list = await childrenWithManyWorkers(ctx.db, user, today(), team ? [team.id] : scope, page);
    await request.audit({ action: 'view-child', objectType: 'worker-changes-list', detail: { children: list.rows.length, page } });
    const pageCount = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
    const teamQuery = team ? `team=${team.id}` : '';
    return reply.render('workforce/views/worker-changes.njk', {
      title: `Children with ${MANY_SOCIAL_WORKERS} or more social workers in 12 months${team ? `: ${team.name}` : ''}`,
      ...list,
      teams: view.teams,
      team,
      since: changesSince(today()),
      first: (page - 1) * PAGE_SIZE + 1,
      pagination: govukPagination(page, pageCount, (p) => {
        const q = [teamQuery, p > 1 ? `page=${p}` : ''].filter(Boolean).join('&');
        return `/caseloads/worker-changes${q ? `?${q}` : ''}`;
      }),
    });
  });

  // --- Workforce figures ----------------------------------------------------------------------
  app.get('/workforce', { config: { guard: MANAGERS_GUARD } }, async (request, reply) => {
    const show = text(request.query, 'show');
    const overview = await workforceOverview(ctx.db, userOf(request), today(), { show: isFigure(show) ? show : null, team: text(request.query, 'team') });
    return reply.render('workforce/views/workforce.njk', { title: 'Workforce', ...overview });
  });

  // --- Transfers between teams ----------------------------------------------------------------
  childPage(app, ctx, {
    path: '/children/:childId/transfers',
    audit: 'case-transfer',
    template: 'workforce/views/child-transfers.njk',
    // Only a manager asks for a transfer (the form's 'authorise' capability): nobody else is shown the link.
    load: async ({ child, user }) => ({ title: 'Transfers between teams', transfers: await transfersOfChild(ctx.db, child.id), mayRequest: child.mayChange && can(user.role, 'authorise') }),
  });

  childForm(app, ctx, {
    path: '/children/:childId/transfers/new',
    capability: 'authorise',
    audit: 'case-transfer',
    template: 'workforce/views/transfer-request.njk',
    schema: TransferRequestInput,
    dates: ['requestedOn'],
    fields: ['toTeamId', 'requestedOn', 'reason'],
    fallbackField: 'toTeamId',
    load: async ({ child }) => ({ teams: await receivingTeams(ctx.db), waiting: await waitingTransferOf(ctx.db, child.id) }),
    initial: (_d, { today: on }) => ({ requestedOn: on }),
    view: ({ teams, waiting }, values) => ({ title: 'Transfer the case to another team', waiting, teamItems: optionItems(teams.map((t) => ({ value: t.id, text: t.name })), values['toTeamId'], 'Select a team') }),
    save: async (input, { user, child, today: on }) => {
      const id = await requestTransfer(ctx.db, user, child.id, input, on);
      return { next: `/children/${child.id}/transfers`, audit: { action: 'create', objectType: 'case-transfer', objectId: id } };
    },
  });

  app.get('/transfers', { config: { guard: TRANSFER_LIST_GUARD } }, async (request, reply) => {
    const user = userOf(request);
    const view = await teamsInViewOf(ctx.db, user);
    const team = chosenTeam(view, text(request.query, 'team'));
    const rows = await transfersWaitingFor(ctx.db, user, team?.id ?? null);
    return reply.render('workforce/views/transfers.njk', {
      title: team ? `Transfers waiting for ${team.name}` : 'Transfers waiting for you',
      rows,
      team,
      teams: view.teams,
      mayDecide: can(user.role, 'authorise'),
    });
  });

  const decisionPage = async (request: FastifyRequest) => {
    const params = TransferParams.safeParse(request.params);
    if (!params.success) throw new NotFound('There is no transfer with that id.');
    const user = userOf(request);
    const transfer = await transferOf(ctx.db, params.data.transferId);
    if (!(await mayDecide(ctx.db, user, transfer))) {
      await request.audit({ action: 'denied', childId: transfer.childId, objectType: 'case-transfer', objectId: transfer.id });
      throw new Forbidden(`Only the manager of ${transfer.toTeam} can see and decide this transfer.`);
    }
    const child = await ctx.db.selectFrom('person').select(['first_name', 'last_name', 'la_child_id', 'date_of_birth']).where('id', '=', transfer.childId).executeTakeFirstOrThrow();
    return { transfer, child, workers: await receivingWorkers(ctx.db, transfer.toTeamId) };
  };

  signedInForm(app, {
    path: '/transfers/:transferId',
    guard: TRANSFER_GUARD,
    template: 'workforce/views/transfer-decide.njk',
    schema: TransferAcceptInput,
    dates: ['decidedOn'],
    fields: ['workerId', 'decidedOn', 'approvalReason'],
    load: async (request) => {
      const page = await decisionPage(request);
      if (request.method === 'GET') await request.audit({ action: 'view-child', childId: page.transfer.childId, objectType: 'case-transfer', objectId: page.transfer.id });
      return page;
    },
    initial: () => ({ decidedOn: today() }),
    view: ({ transfer, child, workers }, values) => ({
      title: `Transfer of ${child.first_name} ${child.last_name} to ${transfer.toTeam}`,
      transfer,
      child,
      workerItems: optionItems(workers.map((w) => ({ value: w.id, text: w.display_name })), values['workerId'], 'Select a social worker'),
    }),
    save: async (input, request, { transfer }) => {
      const allocationId = await acceptTransfer(ctx.db, userOf(request), transfer.id, input, today());
      await request.audit({ action: 'update', childId: transfer.childId, objectType: 'case-transfer', objectId: transfer.id, detail: { accepted: true, allocationId } });
      return `/children/${transfer.childId}/transfers`;
    },
  });

  signedInForm(app, {
    path: '/transfers/:transferId/decline',
    guard: TRANSFER_GUARD,
    template: 'workforce/views/transfer-decline.njk',
    schema: TransferDeclineInput,
    dates: ['decidedOn'],
    fields: ['reason', 'decidedOn'],
    load: decisionPage,
    initial: () => ({ decidedOn: today() }),
    view: ({ transfer, child }) => ({ title: `Decline the transfer of ${child.first_name} ${child.last_name}`, transfer, child }),
    save: async (input, request, { transfer }) => {
      await declineTransfer(ctx.db, userOf(request), transfer.id, input, today());
      await request.audit({ action: 'update', childId: transfer.childId, objectType: 'case-transfer', objectId: transfer.id, detail: { accepted: false } });
      return '/transfers';
    },
  });

  workforceApi(app, ctx);
};
