// Supervision pages: a worker's supervision file and its sessions (the worker, their supervisor and
// the line above), the supervisor's forms, the child's supervision page and discussion forms
// (child routes, through the guards), and the manager's view of their line. HTTP only: the rules
// are in service.ts. Decision 0022.
import type { FastifyRequest } from 'fastify';
import type { RegisterRoutes } from '../server/context.ts';
import type { Guard } from '../server/guard.ts';
import { userOf } from '../server/guard.ts';
import { childDelete, childForm, childPage, type Page, type Values } from '../server/child-pages.ts';
import { NotFound } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { govukPagination } from '../server/pagination.ts';
import { addNavigationItem } from '../server/navigation.ts';
import { registerWorkPanel } from '../my-work/panels.ts';
import { CONCERN_KIND, labelsOf, SUPERVISION_KIND } from './codes.ts';
import { childGapPage, isShow, lineSummary, panelRows, SHOW_HEADINGS } from './present.ts';
import { supervisionPolicy } from './policy.ts';
import { actionDateFields, actionRowsFrom } from '../actions/form-rows.ts';
import { allocatedChildren, concernsOf, discussionsOfChild, discussionsOfSession, sessionsOf, workersSupervised } from './repository.ts';
import { ConcernInput, DELETION_REASON_MISSING, DiscussionCorrection, DiscussionInput, SessionCorrection, SessionInput } from './schemas.ts';
import {
  assertSupervisor,
  correctDiscussion,
  correctSession,
  deleteDiscussion,
  deleteSession,
  discussionOf,
  fileAccess,
  mayCorrectDiscussion,
  mayOpenFile,
  maySeeConcerns,
  recordConcern,
  recordDiscussion,
  recordSession,
  sessionOf,
  workerStatus,
} from './service.ts';
import { workerForm } from './worker-form.ts';
import { reasonForm } from '../server/reason-form.ts';
import { supervisionApi } from './routes-api.ts';
import { chosenTeam, teamsInViewOf } from '../overview/managed-teams.ts';
import './record-section.ts';

export const FILE_GUARD: Guard = {
  signedIn: true,
  reason: 'A worker’s supervision file: only the worker, their supervisor and the line above (checked in fileAccess); every view audited; children named only where the user may see them',
};
const SUPERVISOR_GUARD: Guard = { signedIn: true, reason: 'Only the worker’s supervisor records their supervision (checked in the service); each change audited' };
export const LINE_GUARD: Guard = {
  signedIn: true,
  capability: 'view-performance',
  reason: 'Supervision due and overdue for the workers in the manager’s own line; children listed only where the user may see them (childVisibleTo)',
};

const KIND_LABELS = labelsOf(SUPERVISION_KIND);
const CONCERN_LABELS = labelsOf(CONCERN_KIND);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const intOf = (v: unknown) => Math.max(1, Number.parseInt(String(v ?? '1'), 10) || 1);

export const filePath = (userId: string) => `/workers/${userId}/supervision`;
const childSupervision = (childId: string) => `/children/${childId}/supervision`;

const param = (request: FastifyRequest, name: string): string => {
  const value = (request.params as Record<string, string>)[name];
  if (!value || !UUID.test(value)) throw new NotFound('Page not found');
  return value;
};

/** Views of a worker's supervision file are audited like a child's record: who looked, at whose file. */
const auditFile = (request: FastifyRequest, objectType: string, objectId: string, workerId: string) =>
  request.audit({ action: 'view-child', objectType, objectId, detail: { worker: workerId, route: request.routeOptions.url } });

addNavigationItem({ href: '/supervision', text: 'Supervision', show: (role) => role === 'team_manager' || role === 'senior_leader' });

/**
 * Up to two actions on the discussion form. A row counts when what, who or when was filled in: a
 * Lantern user chosen on an otherwise blank row is no action.
 */
const ACTION_ROWS = 2;
const actionsFrom = (values: Values) => actionRowsFrom(values, ACTION_ROWS, ['description', 'owner', 'dueOn']);

export const supervisionRoutes: RegisterRoutes = (app, ctx) => {
  const today = () => ctx.time.today();

  registerWorkPanel({
    id: 'supervision-line',
    title: 'Supervision',
    roles: ['team_manager'],
    load: (context, user) => panelRows(context.db, user, context.time.today()),
    template: 'supervision/views/panel.njk',
  });
  registerWorkPanel({
    id: 'supervision-own',
    title: 'Your supervision',
    // Team managers are supervised too (by their head of service).
    roles: ['social_worker', 'team_manager'],
    load: async (context, user) => {
      const [row] = await workersSupervised(context.db, { worker: user.id }, context.time.today());
      if (!row) return [];
      return [{ href: filePath(user.id), status: workerStatus(row, context.time.today(), await supervisionPolicy(context.db)), last: row.last_on }];
    },
    template: 'supervision/views/panel-own.njk',
  });

  // --- The manager's view of their line ------------------------------------------------------
  app.get('/supervision', { config: { guard: LINE_GUARD } }, async (request, reply) => {
    const user = userOf(request);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const show = isShow(query['show']) ? query['show'] : null;
    const summary = await lineSummary(ctx.db, user, today());
    let children = null;
    // The children list narrows to one of the user's teams (issue 8: the service overview links here by team).
    const view = await teamsInViewOf(ctx.db, user);
    const team = show === 'children' ? chosenTeam(view, query['team']) : null;
    if (show === 'children') {
      const page = intOf(query['page']);
      const list = await childGapPage(ctx.db, user, today(), page, null, team ? [team.id] : undefined);
      const teamQuery = team ? `&team=${team.id}` : '';
      // A team's list can name workers outside the user's line, whose files refuse them (decision 0022).
      const inLine = new Set(summary.workers.map((w) => w.user_id));
      const rows = list.rows.map((c) => ({ ...c, mayOpenFile: inLine.has(c.worker_id) }));
      children = { ...list, rows, first: (page - 1) * 50 + 1, pagination: govukPagination(page, list.pages, (p) => `/supervision?show=children${teamQuery}&page=${p}`) };
    }
    const workers = show === 'overdue' ? summary.workers.filter((w) => w.status.overdue) : show === 'due' ? summary.workers.filter((w) => w.status.dueSoon) : summary.workers;
    await request.audit({ action: 'view-child', objectType: 'supervision-line', detail: { show, workers: workers.length, children: children?.rows.length ?? null } });
    return reply.render('supervision/views/line.njk', {
      title: show ? `${SHOW_HEADINGS[show]}${team ? `: ${team.name}` : ''}` : 'Supervision in your line',
      show,
      team,
      teams: view.teams,
      summary,
      workers,
      children,
      headings: SHOW_HEADINGS,
      kindLabels: KIND_LABELS,
      today: today(),
    });
  });

  // --- A worker's supervision file ---------------------------------------------------------------
  app.get('/workers/:userId/supervision', { config: { guard: FILE_GUARD } }, async (request, reply) => {
    const user = userOf(request);
    const workerId = param(request, 'userId');
    const { line, relation } = await fileAccess(ctx.db, user, workerId);
    const policy = await supervisionPolicy(ctx.db);
    const [row] = await workersSupervised(ctx.db, { worker: workerId }, today());
    const sessions = await sessionsOf(ctx.db, workerId);
    const concerns = maySeeConcerns(relation) ? await concernsOf(ctx.db, workerId) : null;
    const manages = relation === 'supervisor' || relation === 'line-above';
    const gaps = manages ? await childGapPage(ctx.db, user, today(), 1, workerId) : null;
    await auditFile(request, 'supervision-file', workerId, workerId);
    return reply.render('supervision/views/file.njk', {
      title: relation === 'worker' ? 'Your supervision' : `Supervision: ${line.display_name}`,
      line,
      relation,
      status: row ? workerStatus(row, today(), policy) : null,
      lastOn: row?.last_on ?? null,
      sessions,
      concerns,
      gaps,
      kindLabels: KIND_LABELS,
      concernLabels: CONCERN_LABELS,
      isSupervisor: relation === 'supervisor',
      maySeeConcerns: maySeeConcerns(relation),
    });
  });

  workerForm(app, ctx, {
    path: '/workers/:userId/supervision/new',
    guard: SUPERVISOR_GUARD,
    template: 'supervision/views/session-form.njk',
    schema: SessionInput,
    dates: ['heldOn'],
    load: async (request) => assertSupervisor(ctx.db, userOf(request), param(request, 'userId')),
    initial: (_line, day) => ({ heldOn: day, kind: 'casework' }),
    view: (line, values) => ({
      title: 'Record supervision',
      line,
      back: filePath(line.user_id),
      kindItems: SUPERVISION_KIND.map((k) => ({ value: k.code, text: k.label, hint: { text: k.note }, checked: values['kind'] === k.code })),
    }),
    save: async (input, request, line) => {
      const id = await recordSession(ctx.db, userOf(request), line.user_id, input, today());
      return { next: `${filePath(line.user_id)}/${id}`, action: 'create', objectType: 'supervision-session', objectId: id };
    },
    fields: ['heldOn', 'kind', 'notes'],
  });

  workerForm(app, ctx, {
    path: '/workers/:userId/supervision/concerns/new',
    guard: SUPERVISOR_GUARD,
    template: 'supervision/views/concern-form.njk',
    schema: ConcernInput,
    dates: ['raisedOn', 'toldWorkerOn'],
    load: async (request) => {
      const { line, relation } = await fileAccess(ctx.db, userOf(request), param(request, 'userId'));
      if (!maySeeConcerns(relation)) await assertSupervisor(ctx.db, userOf(request), line.user_id);
      return line;
    },
    initial: (_line, day) => ({ raisedOn: day }),
    view: (line, values) => ({
      title: 'Record a capability or conduct concern',
      line,
      back: filePath(line.user_id),
      kindItems: CONCERN_KIND.map((k) => ({ value: k.code, text: k.label, hint: { text: k.note }, checked: values['kind'] === k.code })),
    }),
    save: async (input, request, line) => {
      const id = await recordConcern(ctx.db, userOf(request), line.user_id, input, today());
      return { next: `${filePath(line.user_id)}#concerns`, action: 'create', objectType: 'supervision-concern', objectId: id };
    },
    fields: ['raisedOn', 'kind', 'concern', 'actionAgreed', 'toldWorkerOn'],
  });

  app.get('/workers/:userId/supervision/:sessionId', { config: { guard: FILE_GUARD } }, async (request, reply) => {
    const user = userOf(request);
    const workerId = param(request, 'userId');
    const { line, relation } = await fileAccess(ctx.db, user, workerId);
    const session = await sessionOf(ctx.db, workerId, param(request, 'sessionId'));
    const discussions = await discussionsOfSession(ctx.db, user, session.id);
    const held = relation === 'supervisor' || session.supervisor_id === user.id;
    const allocated = held && session.kind === 'casework' ? await allocatedChildren(ctx.db, workerId) : [];
    const discussed = new Set(discussions.map((d) => d.child_id));
    await auditFile(request, 'supervision-session', session.id, workerId);
    return reply.render('supervision/views/session.njk', {
      title: `${KIND_LABELS[session.kind]} on ${formatDate(session.held_on)}`,
      line,
      session,
      discussions,
      toDiscuss: allocated.filter((c) => !discussed.has(c.child_id)),
      mayChange: held,
      back: filePath(workerId),
    });
  });

  workerForm(app, ctx, {
    path: '/workers/:userId/supervision/:sessionId/change',
    guard: SUPERVISOR_GUARD,
    template: 'supervision/views/session-form.njk',
    schema: SessionCorrection,
    dates: ['heldOn'],
    load: async (request) => {
      const workerId = param(request, 'userId');
      const session = await sessionOf(ctx.db, workerId, param(request, 'sessionId'));
      const user = userOf(request);
      const line = session.supervisor_id === user.id ? (await fileAccess(ctx.db, user, workerId)).line : await assertSupervisor(ctx.db, user, workerId);
      return { line, session };
    },
    initial: ({ session }) => ({ heldOn: session.held_on, notes: session.notes, version: session.version, kind: session.kind }),
    view: ({ line, session }) => ({ title: `Correct the supervision on ${formatDate(session.held_on)}`, line, correcting: true, kind: session.kind, back: `${filePath(line.user_id)}/${session.id}` }),
    save: async (input, request, { line, session }) => {
      await correctSession(ctx.db, userOf(request), line.user_id, session.id, input, today());
      return { next: `${filePath(line.user_id)}/${session.id}`, action: 'update', objectType: 'supervision-session', objectId: session.id };
    },
    fields: ['heldOn', 'notes', 'reason'],
  });

  reasonForm(app, ctx, {
    path: '/workers/:userId/supervision/:sessionId/delete',
    guard: SUPERVISOR_GUARD,
    missing: DELETION_REASON_MISSING,
    load: async (request) => {
      const workerId = param(request, 'userId');
      const session = await sessionOf(ctx.db, workerId, param(request, 'sessionId'));
      const user = userOf(request);
      const line = session.supervisor_id === user.id ? (await fileAccess(ctx.db, user, workerId)).line : await assertSupervisor(ctx.db, user, workerId);
      return { line, session };
    },
    template: 'delete-record.njk',
    view: ({ line, session }) => ({
      title: 'Delete this supervision session',
      backHref: `${filePath(line.user_id)}/${session.id}`,
      rows: [
        { key: { text: 'Supervision' }, value: { text: `${KIND_LABELS[session.kind]} on ${formatDate(session.held_on)}` } },
        { key: { text: 'Worker' }, value: { text: line.display_name } },
      ],
    }),
    save: async (reason, request, { line, session }) => {
      await deleteSession(ctx.db, userOf(request), line.user_id, session.id, reason);
      return { next: filePath(line.user_id), action: 'delete', objectType: 'supervision-session', objectId: session.id };
    },
  });

  // --- The child's part: their discussions in casework supervision --------------------------------
  childPage(app, ctx, {
    path: '/children/:childId/supervision',
    audit: 'supervision',
    template: 'supervision/views/child.njk',
    load: async ({ child }) => ({ title: 'Supervision', discussions: await discussionsOfChild(ctx.db, child.id) }),
  });

  /** The user's casework sessions with the child's allocated social worker: where a discussion is recorded. */
  const sessionsFor = (page: Page) =>
    ctx.db
      .selectFrom('supervision_session as s')
      .innerJoin('allocation as a', (j) => j.onRef('a.worker_id', '=', 's.worker_id').on('a.child_id', '=', page.child.id).on('a.role', '=', 'social_worker').on('a.to_date', 'is', null).on('a.deleted_at', 'is', null))
      .innerJoin('app_user as w', 'w.id', 's.worker_id')
      .select(['s.id', 's.held_on', 's.worker_id', 'w.display_name as worker_name'])
      .where('s.supervisor_id', '=', page.user.id)
      .where('s.kind', '=', 'casework')
      .where('s.deleted_at', 'is', null)
      .orderBy('s.held_on', 'desc')
      .limit(5)
      .execute();

  const allocatedWorker = (childId: string) =>
    ctx.db
      .selectFrom('allocation as a')
      .innerJoin('app_user as w', 'w.id', 'a.worker_id')
      .select(['w.id', 'w.display_name'])
      .where('a.child_id', '=', childId)
      .where('a.role', '=', 'social_worker')
      .where('a.to_date', 'is', null)
      .where('a.deleted_at', 'is', null)
      .executeTakeFirst();

  childForm(app, ctx, {
    path: '/children/:childId/supervision/new',
    audit: 'supervision-discussion',
    template: 'supervision/views/discussion-form.njk',
    schema: DiscussionInput,
    dates: actionDateFields(ACTION_ROWS),
    input: (values) => ({ ...values, actions: actionsFrom(values) }),
    load: async (page) => {
      const worker = await allocatedWorker(page.child.id);
      return { sessions: await sessionsFor(page), worker, mayOpenWorkerFile: worker ? await mayOpenFile(ctx.db, page.user, worker.id) : false };
    },
    initial: ({ sessions }, page) => {
      const wanted = String(page.query['session'] ?? '');
      return { sessionId: sessions.find((s) => s.id === wanted)?.id ?? (sessions.length === 1 ? sessions[0]!.id : undefined) };
    },
    view: ({ sessions, worker, mayOpenWorkerFile }, values, page) => ({
      title: 'Record the discussion in supervision',
      sessions,
      worker,
      mayOpenWorkerFile,
      rows: [...Array(ACTION_ROWS).keys()],
      sessionItems: sessions.map((s) => ({ value: s.id, text: `${formatDate(s.held_on)} with ${s.worker_name}`, checked: values['sessionId'] === s.id })),
      ownerItems: (i: number) => [
        { value: '', text: 'Not a Lantern user' },
        ...(worker ? [{ value: worker.id, text: worker.display_name, selected: values[`actions.${i}.ownerUserId`] === worker.id }] : []),
        { value: page.user.id, text: `${page.user.displayName} (you)`, selected: values[`actions.${i}.ownerUserId`] === page.user.id },
      ],
    }),
    save: async (input, { user, child }) => {
      const id = await recordDiscussion(ctx.db, user, child.id, input, today());
      return { next: childSupervision(child.id), audit: { action: 'create', objectType: 'supervision-discussion', objectId: id } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/supervision/:discussionId/change',
    records: { discussionId: 'supervision_discussion' },
    audit: 'supervision-discussion',
    template: 'supervision/views/discussion-form.njk',
    schema: DiscussionCorrection,
    load: async ({ child, params, user }) => {
      const discussion = await discussionOf(ctx.db, child.id, params['discussionId']!);
      return { discussion, mayCorrect: await mayCorrectDiscussion(ctx.db, user, discussion) };
    },
    initial: ({ discussion }) => ({ progress: discussion.progress, reflection: discussion.reflection, decisions: discussion.decisions, version: discussion.version }),
    view: ({ discussion, mayCorrect }) => ({
      title: `Correct the discussion in supervision on ${formatDate(discussion.discussed_on)}`,
      correcting: true,
      mayCorrect,
      discussion,
      rows: [],
    }),
    save: async (input, { user, child, params }) => {
      await correctDiscussion(ctx.db, user, child.id, params['discussionId']!, input);
      return { next: childSupervision(child.id), audit: { action: 'update', objectType: 'supervision-discussion', objectId: params['discussionId']! } };
    },
  });

  childDelete(app, ctx, {
    path: '/children/:childId/supervision/:discussionId/delete',
    records: { discussionId: 'supervision_discussion' },
    audit: 'supervision-discussion',
    title: 'Delete this discussion in supervision',
    load: async ({ child, params }) => {
      const d = await discussionOf(ctx.db, child.id, params['discussionId']!);
      return {
        backHref: childSupervision(child.id),
        rows: [
          { key: { text: 'Discussed' }, value: { text: `${formatDate(d.discussed_on)}, ${d.supervisor_name} with ${d.worker_name}` } },
          { key: { text: 'Its actions' }, value: { text: 'Are deleted with it' } },
        ],
      };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteDiscussion(ctx.db, user, child.id, params['discussionId']!, reason);
      return { next: childSupervision(child.id), audit: { action: 'delete', objectType: 'supervision-discussion', objectId: params['discussionId']! } };
    },
  });

  supervisionApi(app, ctx);
};
