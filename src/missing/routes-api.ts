// The missing episodes API: the same service functions and guards as the pages. HTTP only.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { childApi } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import { userOf } from '../server/guard.ts';
import { ChildParams } from '../plans/fields.ts';
import { LIST_FILTERS, MISSING_LIST_GUARD, missingList, missingOf, type ListFilter } from './present.ts';
import { EpisodeCorrection, EpisodeParams, InterviewParams, MissingEpisodeInput, ReturnInput, ReturnInterviewCorrection, ReturnInterviewInput } from './schemas.ts';
import { correctEpisode, correctReturnInterview, deleteEpisode, deleteReturnInterview, nowOf, recordMissingEpisode, recordReturn, recordReturnInterview } from './service.ts';

const tag = 'Children who go missing';
const MissingListQuery = z.object({
  show: z.enum(Object.keys(LIST_FILTERS) as [ListFilter, ...ListFilter[]]).optional(),
  place: z.string().max(200).optional(),
  person: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).optional(),
});
const EPISODE = { episodeId: 'missing_episode' } as const;

export function missingApi(app: FastifyInstance, ctx: AppContext): void {
  const now = () => nowOf(ctx.time);

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/missing-episodes',
    summary: 'A child’s missing episodes, newest first: times, SSDA903 MISSING (M or A), police, where found, the placement gone missing from (in or out of the area), the return interviews with the hours from the return, the last 12 months in figures and what recurs',
    tag,
    params: ChildParams,
    guard: childApi('see', 'missing-episode'),
    handler: ({ params }) => missingOf(ctx.db, params.childId, now()),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/missing',
    summary: 'Every child the user may see who went missing in the last 90 days or is missing now, a page at a time (50 children): figures, the return interviews not done or late, and the places and people named by more than one child; `show`, `place` or `person` gives the children behind a figure, a place or a person',
    tag,
    query: MissingListQuery,
    guard: MISSING_LIST_GUARD,
    handler: async ({ query, request }) => {
      const list = await missingList(ctx.db, userOf(request), now(), query);
      await request.audit({ action: 'view-child', objectType: 'missing-list', detail: { children: list.rows.length, show: query.show ?? null, place: Boolean(query.place), person: Boolean(query.person), page: list.page } });
      return list;
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/missing-episodes',
    summary: 'Record that the child went missing (M) or was away from their placement without authorisation (A): a date and a 24-hour time in England, and when the police were told',
    tag,
    params: ChildParams,
    body: MissingEpisodeInput,
    guard: childApi('change', 'missing-episode'),
    change: { action: 'create', objectType: 'missing-episode' },
    handler: async ({ params, body, request }) => ({ id: await recordMissingEpisode(ctx.db, userOf(request), params.childId, body, now()) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/missing-episodes/:episodeId/return',
    summary: 'Record that the child returned, and where they were found: starts the 72-hour return interview clock',
    tag,
    params: EpisodeParams,
    body: ReturnInput,
    guard: childApi('change', 'missing-episode', { records: EPISODE }),
    change: { action: 'update', objectType: 'missing-episode' },
    handler: async ({ params, body, request }) => {
      await recordReturn(ctx.db, userOf(request), params.childId, params.episodeId, body, now());
      return { id: params.episodeId };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/missing-episodes/:episodeId/return-interviews',
    summary: 'Record the return interview: done (when, by whom, whether independent, what the child said, coded reasons and exploitation), declined, or the child could not be reached (a try; another may follow)',
    tag,
    params: EpisodeParams,
    body: ReturnInterviewInput,
    guard: childApi('change', 'return-interview', { records: EPISODE }),
    change: { action: 'create', objectType: 'return-interview' },
    handler: async ({ params, body, request }) => ({ id: await recordReturnInterview(ctx.db, userOf(request), params.childId, params.episodeId, body, now()) }),
  });

  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/missing-episodes/:episodeId',
    tag,
    objectType: 'missing-episode',
    params: EpisodeParams,
    records: EPISODE,
    correct: {
      summary: 'Correct a missing episode with the reason (its return too, once recorded); the old version is kept and the chronology and the clock follow',
      body: EpisodeCorrection,
      save: (u, p, body) => correctEpisode(ctx.db, u, p.childId, p.episodeId, body, now()),
    },
    remove: {
      summary: 'Delete a missing episode recorded in error, with the reason; its return interviews are deleted with it; copies are kept',
      save: async (u, p, body) => ({ more: await deleteEpisode(ctx.db, u, p.childId, p.episodeId, body.reason) }),
    },
  });

  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/return-interviews/:interviewId',
    tag,
    objectType: 'return-interview',
    params: InterviewParams,
    records: { interviewId: 'return_interview' },
    correct: {
      summary: 'Correct a return interview with the reason (its outcome too); the old version is kept and the 72-hour clock follows',
      body: ReturnInterviewCorrection,
      save: (u, p, body) => correctReturnInterview(ctx.db, u, p.childId, p.interviewId, body, now()),
    },
    remove: {
      summary: 'Delete a return interview, with the reason: it leaves the chronology and stops meeting the clock; a copy is kept',
      save: (u, p, body) => deleteReturnInterview(ctx.db, u, p.childId, p.interviewId, body.reason),
    },
  });
}
