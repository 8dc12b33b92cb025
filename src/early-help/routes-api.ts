// Early help's API: the same service functions and the same declared guards as the pages.
import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../server/api.ts';
import { childApi } from '../server/child-pages.ts';
import type { AppContext } from '../server/context.ts';
import { ofEpisode } from './routes-shared.ts';
import { AssessmentInput, ChildParams, CloseInput, EpisodeParams, LeadInput, MeetingInput, PlanInput, StartEarlyHelpInput, StepDownInput, StepUpInput } from './schemas.ts';
import { changeLead, earlyHelpEpisode, earlyHelpOfChild, recordAssessment, recordMeeting, startEarlyHelp, startEarlyHelpPlan } from './service.ts';
import { closeEarlyHelp, stepDown, stepUp } from './service-handover.ts';

const TAG = 'Early help';

export function earlyHelpApiRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => ctx.time.today();

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/early-help',
    summary: 'A child’s early help episodes, newest first',
    tag: TAG,
    params: ChildParams,
    guard: childApi('see', 'early-help'),
    handler: async ({ params }) => ({ episodes: (await earlyHelpOfChild(ctx.db, params.childId)).episodes }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/early-help',
    summary: 'Start early help directly (not from a contact or a step-down)',
    tag: TAG,
    params: ChildParams,
    body: StartEarlyHelpInput,
    guard: childApi('change', 'early-help-episode'),
    change: { action: 'create', objectType: 'early-help-episode' },
    handler: async ({ params, body, request }) => ({ id: await startEarlyHelp(ctx.db, request.user!, params.childId, body, today()) }),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/early-help/:episodeId',
    summary: 'An early help episode with its assessment, meetings, plan and handovers',
    tag: TAG,
    params: EpisodeParams,
    guard: childApi('see', 'early-help-episode', ofEpisode),
    handler: async ({ params }) => earlyHelpEpisode(ctx.db, params.childId, params.episodeId),
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/children/:childId/early-help/:episodeId/lead',
    summary: 'Set the lead practitioner: a Lantern user, or a named person and their agency',
    tag: TAG,
    params: EpisodeParams,
    body: LeadInput,
    guard: childApi('change', 'early-help-episode', ofEpisode),
    change: { action: 'update', objectType: 'early-help-episode' },
    handler: async ({ params, body, request }) => {
      await changeLead(ctx.db, request.user!, params.childId, params.episodeId, body, today());
      return { id: params.episodeId };
    },
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/children/:childId/early-help/:episodeId/assessment',
    summary: 'Record the early help assessment; with completedOn it is complete (needs and analysis required)',
    tag: TAG,
    params: EpisodeParams,
    body: AssessmentInput,
    guard: childApi('change', 'early-help-assessment', ofEpisode),
    change: { action: 'update', objectType: 'early-help-assessment' },
    handler: async ({ params, body, request }) => ({ id: await recordAssessment(ctx.db, request.user!, params.childId, params.episodeId, body, today()) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/early-help/:episodeId/meetings',
    summary: 'Record a team around the family meeting, with who came by agency',
    tag: TAG,
    params: EpisodeParams,
    body: MeetingInput,
    guard: childApi('change', 'early-help-meeting', ofEpisode),
    change: { action: 'create', objectType: 'early-help-meeting' },
    handler: async ({ params, body, request }) => ({ id: await recordMeeting(ctx.db, request.user!, params.childId, params.episodeId, body, today()) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/early-help/:episodeId/plan',
    summary: 'Start the early help plan (a plan of kind early_help)',
    tag: TAG,
    params: EpisodeParams,
    body: PlanInput,
    guard: childApi('change', 'plan', ofEpisode),
    change: { action: 'create', objectType: 'plan' },
    handler: async ({ params, body, request }) => {
      const planId = await startEarlyHelpPlan(ctx.db, request.user!, params.childId, params.episodeId, body.startedOn, today());
      return { id: planId, planId };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/early-help/:episodeId/step-up',
    summary: 'Step up to children’s social care: makes the referral and ends early help with a handover, in one transaction',
    tag: TAG,
    params: EpisodeParams,
    body: StepUpInput,
    guard: childApi('change', 'step-up', ofEpisode),
    change: { action: 'create', objectType: 'step-up' },
    handler: async ({ params, body, request }) => {
      const result = await stepUp(ctx.db, request.user!, params.childId, params.episodeId, body, today());
      return { id: params.episodeId, ...result };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/early-help/:episodeId/close',
    summary: 'End early help. Before the early help assessment is complete, only with a team manager’s reason (Southend ¶16, ¶19-21)',
    tag: TAG,
    params: EpisodeParams,
    body: CloseInput,
    successStatus: 200,
    guard: childApi('change', 'early-help-episode', ofEpisode),
    change: { action: 'update', objectType: 'early-help-episode' },
    handler: async ({ params, body, request }) => {
      await closeEarlyHelp(ctx.db, request.user!, params.childId, params.episodeId, body, today());
      return { id: params.episodeId };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/step-down',
    summary: 'Step down from children’s social care: closes the episode and opens early help with a handover. Before the assessment is complete, only with a team manager’s reason',
    tag: TAG,
    params: ChildParams,
    body: StepDownInput,
    guard: childApi('change', 'step-down'),
    change: { action: 'create', objectType: 'step-down' },
    handler: async ({ params, body, request }) => {
      const result = await stepDown(ctx.db, request.user!, params.childId, body, today());
      return { id: result.earlyHelpEpisodeId, ...result };
    },
  });
}
