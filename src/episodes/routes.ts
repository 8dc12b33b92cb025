// The episode of need's pages and API, declared with the child page pattern (src/server/child-pages.ts):
// the access check, the audit rows, the re-render with errors and the redirect follow from each
// declaration. HTTP only: the rules are in service.ts.
import { apiRoute } from '../server/api.ts';
import { formatDate } from '../server/format.ts';
import type { AppContext, RegisterRoutes } from '../server/context.ts';
import { childApi, childForm, childPage } from '../server/child-pages.ts';
import { radioItems, selectItems } from '../server/form-items.ts';
import { can } from '../access/roles.ts';
import { CIN_CLOSURE_REASON, PRIMARY_NEED, REFERRAL_SOURCE } from '../codes/index.ts';
import { ChildParams, ClosureInput, EpisodeParams, ReferralInput } from './schemas.ts';
import { closeEpisodeFor, recordReferral } from './service.ts';
import { episodeList, episodePage } from './pages.ts';
import './record-section.ts';

const VIEWS = 'episodes/views';
export const episodesPath = (childId: string) => `/children/${childId}/episodes`;
const episodePath = (childId: string, episodeId: string) => `${episodesPath(childId)}/${episodeId}`;

export const episodeRoutes: RegisterRoutes = (app, ctx: AppContext) => {
  childPage(app, ctx, {
    path: '/children/:childId/episodes',
    audit: 'episodes',
    template: `${VIEWS}/list.njk`,
    load: async ({ child }) => ({ title: 'Episodes of need', ...(await episodeList(ctx.db, child.id)) }),
  });

  childForm(app, ctx, {
    path: '/children/:childId/episodes/new',
    audit: 'episode',
    template: `${VIEWS}/referral.njk`,
    schema: ReferralInput,
    dates: ['referralDate'],
    load: async () => null,
    initial: (_data, { today }) => ({ referralDate: today }),
    view: (_data, values, { child }) => ({
      title: 'Record a referral',
      backHref: episodesPath(child.id),
      sourceItems: selectItems(REFERRAL_SOURCE, values['referralSource'], 'Choose who made the referral'),
      needItems: selectItems(PRIMARY_NEED, values['primaryNeed'], 'Not known yet'),
    }),
    save: async (input, { user, child, today }) => {
      const id = await recordReferral(ctx.db, user, child.id, input, today);
      // The episode page says what comes next: the assessment, a strategy discussion, allocation.
      return { next: episodePath(child.id, id), audit: { action: 'create', objectType: 'episode', objectId: id } };
    },
  });

  childPage(app, ctx, {
    path: '/children/:childId/episodes/:episodeId',
    records: { episodeId: 'cin_episode' },
    audit: 'episode',
    template: `${VIEWS}/episode.njk`,
    load: async ({ child, params, user, today }) => {
      const page = await episodePage(ctx.db, child.id, params['episodeId']!, today);
      return {
        title: `Episode of need from ${formatDate(page.episode.referral_date)}`,
        ...page,
        mayAllocate: child.mayChange && can(user.role, 'authorise'),
        backHref: episodesPath(child.id),
      };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/episodes/:episodeId/close',
    records: { episodeId: 'cin_episode' },
    audit: 'episode',
    template: `${VIEWS}/close.njk`,
    decision: 'closure',
    schema: ClosureInput,
    dates: ['closedOn'],
    fields: ['closedOn', 'reason', 'managerReason'],
    fallbackField: 'closedOn',
    load: ({ child, params, today }) => episodePage(ctx.db, child.id, params['episodeId']!, today),
    initial: (_page, { today }) => ({ closedOn: today }),
    view: (page, values, { child, user }) => ({
      title: 'Close this episode',
      ...page,
      mayGiveManagerReason: child.mayChange && can(user.role, 'authorise'),
      backHref: episodePath(child.id, page.episode.id),
      reasonItems: radioItems(CIN_CLOSURE_REASON, values['reason']),
    }),
    save: async (input, { user, child, params, today }) => {
      const episodeId = params['episodeId']!;
      await closeEpisodeFor(ctx.db, user, child.id, episodeId, input, today);
      return { next: episodePath(child.id, episodeId), audit: { action: 'update', objectType: 'episode', objectId: episodeId } };
    },
  });

  // -------------------------------------------------------------------------------------------
  // API
  // -------------------------------------------------------------------------------------------

  const episodeJson = (e: Awaited<ReturnType<typeof episodeList>>['episodes'][number]) => ({
    id: e.id,
    referralDate: e.referral_date,
    referralSource: e.referral_source,
    primaryNeed: e.primary_need,
    reReferral: e.re_referral,
    status: e.closed_on ? 'closed' : 'open',
    closedOn: e.closed_on,
    closureReason: e.closure_reason,
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/episodes',
    summary: 'A child’s episodes of need, newest first, each with whether its referral was a re-referral (within 12 months of a previous referral).',
    tag: 'Episodes',
    params: ChildParams,
    guard: childApi('see', 'episodes'),
    handler: async ({ params }) => ({ episodes: (await episodeList(ctx.db, params.childId)).episodes.map(episodeJson) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/episodes',
    summary: 'Record a referral, which opens an episode of need. Refused while the child has an open episode, and before the child was born.',
    tag: 'Episodes',
    params: ChildParams,
    body: ReferralInput,
    guard: childApi('change', 'episode'),
    change: { action: 'create', objectType: 'episode' },
    handler: async ({ params, body, request }) => ({ id: await recordReferral(ctx.db, request.user!, params.childId, body, ctx.time.today()) }),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/episodes/:episodeId',
    summary: 'One episode of need with its assessments and the 45-working-day assessment due date.',
    tag: 'Episodes',
    params: EpisodeParams,
    guard: childApi('see', 'episode', { records: { episodeId: 'cin_episode' } }),
    handler: async ({ params }) => {
      const page = await episodePage(ctx.db, params.childId, params.episodeId, ctx.time.today());
      const e = page.episode;
      return {
        id: e.id,
        referralDate: e.referral_date,
        referralSource: e.referral_source,
        primaryNeed: e.primary_need,
        reReferral: page.reReferral,
        status: e.closed_on ? 'closed' : 'open',
        closedOn: e.closed_on,
        closureReason: e.closure_reason,
        assessmentDueOn: page.assessmentClock.dueOn,
        assessments: page.assessments.map((a) => ({ id: a.id, startedOn: a.started_on, completedOn: a.completed_on, authorisedOn: a.authorised_on })),
        strategyDiscussions: page.discussions.map((d) => ({ id: d.id, heldOn: d.held_on, outcome: d.outcome, enquiryId: d.enquiry_id })),
      };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/episodes/:episodeId/closure',
    summary:
      'Close an episode with a CIN census reason. Refused while a child in need or child protection plan or a section 47 enquiry is open; without a completed assessment, only with a manager’s reason. A manager’s closure decision comes first (decision 0025).',
    tag: 'Episodes',
    params: EpisodeParams,
    body: ClosureInput,
    successStatus: 200,
    guard: childApi('change', 'episode', { records: { episodeId: 'cin_episode' } }),
    change: { action: 'update', objectType: 'episode' },
    handler: async ({ params, body, request }) => {
      await closeEpisodeFor(ctx.db, request.user!, params.childId, params.episodeId, body, ctx.time.today());
      return { id: params.episodeId, closedOn: body.closedOn, closureReason: body.reason };
    },
  });
};
