// The supervision API: the same service functions and the same access rules as the pages.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { childApi } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import { userOf, type Guard } from '../server/guard.ts';
import { ChildParams } from '../plans/fields.ts';
import { discussionsOfChild, sessionsOf } from './repository.ts';
import { Deletion, DiscussionCorrection, DiscussionInput, DiscussionParams, SessionCorrection, SessionInput, SessionParams, WorkerParams } from './schemas.ts';
import { correctDiscussion, correctSession, deleteDiscussion, deleteSession, fileAccess, recordDiscussion, recordSession } from './service.ts';

const FILE: Guard = { signedIn: true, reason: 'A worker’s supervision sessions: only the worker, their supervisor and the line above (fileAccess); audited' };
const SUPERVISOR: Guard = { signedIn: true, reason: 'Only the worker’s supervisor records or corrects their supervision (checked in the service); audited' };
const TAG = 'Supervision';

export function supervisionApi(app: FastifyInstance, ctx: AppContext): void {
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/workers/:userId/supervision',
    summary: 'A worker’s supervision sessions, newest first (the worker, their supervisor and the line above only)',
    tag: TAG,
    params: WorkerParams,
    guard: FILE,
    handler: async ({ params, request }) => {
      await fileAccess(ctx.db, userOf(request), params.userId);
      await request.audit({ action: 'view-child', objectType: 'supervision-file', objectId: params.userId, detail: { worker: params.userId } });
      return { sessions: await sessionsOf(ctx.db, params.userId) };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/workers/:userId/supervision',
    summary: 'Record a casework or reflective supervision session with a worker you supervise',
    tag: TAG,
    params: WorkerParams,
    body: SessionInput,
    guard: SUPERVISOR,
    handler: async ({ params, body, request }) => {
      const id = await recordSession(ctx.db, userOf(request), params.userId, body, ctx.time.today());
      await request.audit({ action: 'create', objectType: 'supervision-session', objectId: id });
      return { id };
    },
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/workers/:userId/supervision/:sessionId',
    summary: 'Correct a supervision session’s date or notes, with the reason; the old version is kept',
    tag: TAG,
    params: SessionParams,
    body: SessionCorrection,
    guard: SUPERVISOR,
    handler: async ({ params, body, request }) => {
      await correctSession(ctx.db, userOf(request), params.userId, params.sessionId, body, ctx.time.today());
      await request.audit({ action: 'update', objectType: 'supervision-session', objectId: params.sessionId });
      return { id: params.sessionId };
    },
  });

  apiRoute(app, {
    method: 'DELETE',
    url: '/api/v1/workers/:userId/supervision/:sessionId',
    summary: 'Delete a supervision session with no discussions of children left, with the reason; a copy is kept',
    tag: TAG,
    params: SessionParams,
    body: Deletion,
    guard: SUPERVISOR,
    handler: async ({ params, body, request }) => {
      await deleteSession(ctx.db, userOf(request), params.userId, params.sessionId, body.reason);
      await request.audit({ action: 'delete', objectType: 'supervision-session', objectId: params.sessionId });
      return { id: params.sessionId };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/supervision',
    summary: 'A child’s discussions in casework supervision, newest first, with their actions',
    tag: TAG,
    params: ChildParams,
    guard: childApi('see', 'supervision'),
    handler: async ({ params }) => ({ discussions: await discussionsOfChild(ctx.db, params.childId) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/supervision',
    summary: 'Record the discussion of a child in a casework supervision session you held with their social worker, with its actions (each with an owner and a due date)',
    tag: TAG,
    params: ChildParams,
    body: DiscussionInput,
    guard: childApi('change', 'supervision-discussion'),
    change: { action: 'create', objectType: 'supervision-discussion' },
    handler: async ({ params, body, request }) => {
      const id = await recordDiscussion(ctx.db, userOf(request), params.childId, body, ctx.time.today());
      return { id };
    },
  });

  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/supervision/:discussionId',
    tag: TAG,
    objectType: 'supervision-discussion',
    params: DiscussionParams,
    records: { discussionId: 'supervision_discussion' },
    correct: {
      summary: 'Correct a discussion in supervision (progress, reflection and analysis, decisions) with the reason; the old version is kept',
      body: DiscussionCorrection,
      save: (user, p, body) => correctDiscussion(ctx.db, user, p.childId, p.discussionId, body),
    },
    remove: {
      summary: 'Delete a discussion in supervision and its actions, with the reason: it leaves the chronology; a copy is kept',
      save: (user, p, body) => deleteDiscussion(ctx.db, user, p.childId, p.discussionId, body.reason),
    },
  });
}
