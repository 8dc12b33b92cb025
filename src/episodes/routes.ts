// The episode of need's pages and API: HTTP only. The rules are in service.ts.
import type { FastifyReply } from 'fastify';
import { apiRoute } from '../server/api.ts';
import { formatDate } from '../server/format.ts';
import type { AppContext, RegisterRoutes } from '../server/context.ts';
import { foldDateInputs, parseForm, type FormErrors } from '../server/forms.ts';
import { registerRecordSection } from '../server/record-sections.ts';
import { CIN_CLOSURE_REASON, PRIMARY_NEED, REFERRAL_SOURCE } from '../codes/index.ts';
import { requireChangeChild } from '../access/policy.ts';
import { childHeader, type ChildHeader } from './repository.ts';
import { ChildParams, ClosureInput, EpisodeParams, ReferralInput } from './schemas.ts';
import { closeEpisodeFor, episodeOf, recordReferral } from './service.ts';
import { episodeList, episodePage, episodeSectionSummary } from './pages.ts';
import { dateItemsFor, formBody, idParam, radioItems, ruleErrors, selectItems, signedIn } from './route-helpers.ts';

const VIEWS = 'episodes/views';
export const episodesPath = (childId: string) => `/children/${childId}/episodes`;

function renderReferralForm(reply: FastifyReply, status: number, child: ChildHeader, values: Record<string, unknown>, errors?: FormErrors | null) {
  return reply.code(status).render(`${VIEWS}/referral.njk`, {
    title: 'Record a referral',
    child,
    values,
    errors,
    backHref: episodesPath(child.id),
    dates: dateItemsFor(['referralDate'], values, errors),
    sourceItems: selectItems(REFERRAL_SOURCE.map((s) => ({ value: s.code, text: s.label })), values['referralSource'], 'Choose who made the referral'),
    needItems: selectItems(PRIMARY_NEED.map((s) => ({ value: s.code, text: s.label })), values['primaryNeed'], 'Not known yet'),
  });
}

export const episodeRoutes: RegisterRoutes = (app, ctx: AppContext) => {
  registerRecordSection({
    id: 'episodes',
    title: 'Episodes of need',
    href: episodesPath,
    summary: (db, childId) => episodeSectionSummary(db, childId),
    order: 20,
  });

  app.get('/children/:childId/episodes', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const page = await episodeList(ctx.db, signedIn(request), childId);
    await request.audit({ action: 'view-child', childId, objectType: 'episodes', objectId: childId });
    return reply.render(`${VIEWS}/list.njk`, { title: 'Episodes of need', ...page });
  });

  app.get('/children/:childId/episodes/new', async (request, reply) => {
    const childId = idParam(request, 'childId');
    await requireChangeChild(ctx.db, signedIn(request), childId);
    return renderReferralForm(reply, 200, await childHeader(ctx.db, childId), { referralDate: ctx.time.today() });
  });

  app.post('/children/:childId/episodes/new', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const user = signedIn(request);
    await requireChangeChild(ctx.db, user, childId);
    const child = await childHeader(ctx.db, childId);
    const values = foldDateInputs(formBody(request), ['referralDate']);
    const form = parseForm(ReferralInput, values);
    if (!form.ok) return renderReferralForm(reply, 400, child, values, form.errors);
    let episodeId: string;
    try {
      episodeId = await recordReferral(ctx.db, user, childId, form.data, ctx.time.today());
    } catch (error) {
      const errors = ruleErrors(error);
      if (!errors) throw error;
      return renderReferralForm(reply, 400, child, values, errors);
    }
    await request.audit({ action: 'create', childId, objectType: 'episode', objectId: episodeId });
    return reply.code(303).redirect(`${episodesPath(childId)}/${episodeId}`);
  });

  app.get('/children/:childId/episodes/:episodeId', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const episodeId = idParam(request, 'episodeId');
    const page = await episodePage(ctx.db, signedIn(request), childId, episodeId, ctx.time.today());
    await request.audit({ action: 'view-child', childId, objectType: 'episode', objectId: episodeId });
    return reply.render(`${VIEWS}/episode.njk`, { title: `Episode of need from ${formatDate(page.episode.referral_date)}`, ...page, backHref: episodesPath(childId) });
  });

  const renderClosure = async (reply: FastifyReply, status: number, childId: string, episodeId: string, values: Record<string, unknown>, errors: FormErrors | null, user: ReturnType<typeof signedIn>) => {
    const page = await episodePage(ctx.db, user, childId, episodeId, ctx.time.today());
    return reply.code(status).render(`${VIEWS}/close.njk`, {
      title: 'Close this episode',
      ...page,
      values,
      errors,
      backHref: `${episodesPath(childId)}/${episodeId}`,
      dates: dateItemsFor(['closedOn'], values, errors),
      reasonItems: radioItems(CIN_CLOSURE_REASON, values['reason']),
    });
  };

  app.get('/children/:childId/episodes/:episodeId/close', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const episodeId = idParam(request, 'episodeId');
    const user = signedIn(request);
    await requireChangeChild(ctx.db, user, childId);
    await request.audit({ action: 'view-child', childId, objectType: 'episode', objectId: episodeId, detail: { form: 'close' } });
    return renderClosure(reply, 200, childId, episodeId, { closedOn: ctx.time.today() }, null, user);
  });

  app.post('/children/:childId/episodes/:episodeId/close', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const episodeId = idParam(request, 'episodeId');
    const user = signedIn(request);
    await requireChangeChild(ctx.db, user, childId);
    await episodeOf(ctx.db, childId, episodeId);
    const values = foldDateInputs(formBody(request), ['closedOn']);
    const form = parseForm(ClosureInput, values);
    if (!form.ok) return renderClosure(reply, 400, childId, episodeId, values, form.errors, user);
    try {
      await closeEpisodeFor(ctx.db, user, childId, episodeId, form.data, ctx.time.today());
    } catch (error) {
      const errors = ruleErrors(error);
      if (!errors) throw error;
      return renderClosure(reply, 400, childId, episodeId, values, errors, user);
    }
    await request.audit({ action: 'update', childId, objectType: 'episode', objectId: episodeId, detail: { closed: true } });
    return reply.code(303).redirect(`${episodesPath(childId)}/${episodeId}`);
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
    handler: async ({ params, request }) => {
      const page = await episodeList(ctx.db, signedIn(request), params.childId);
      await request.audit({ action: 'view-child', childId: params.childId, objectType: 'episodes', objectId: params.childId });
      return { episodes: page.episodes.map(episodeJson) };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/episodes',
    summary: 'Record a referral, which opens an episode of need. Refused while the child has an open episode.',
    tag: 'Episodes',
    params: ChildParams,
    body: ReferralInput,
    handler: async ({ params, body, request }) => {
      const id = await recordReferral(ctx.db, signedIn(request), params.childId, body, ctx.time.today());
      await request.audit({ action: 'create', childId: params.childId, objectType: 'episode', objectId: id });
      return { id };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/episodes/:episodeId',
    summary: 'One episode of need with its assessments and the 45-working-day assessment due date.',
    tag: 'Episodes',
    params: EpisodeParams,
    handler: async ({ params, request }) => {
      const page = await episodePage(ctx.db, signedIn(request), params.childId, params.episodeId, ctx.time.today());
      await request.audit({ action: 'view-child', childId: params.childId, objectType: 'episode', objectId: params.episodeId });
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
      'Close an episode with a CIN census reason. Refused while a child in need or child protection plan or a section 47 enquiry is open; without a completed assessment, only with a manager’s reason.',
    tag: 'Episodes',
    params: EpisodeParams,
    body: ClosureInput,
    successStatus: 200,
    handler: async ({ params, body, request }) => {
      await closeEpisodeFor(ctx.db, signedIn(request), params.childId, params.episodeId, body, ctx.time.today());
      await request.audit({ action: 'update', childId: params.childId, objectType: 'episode', objectId: params.episodeId, detail: { closed: true } });
      return { id: params.episodeId, closedOn: body.closedOn, closureReason: body.reason };
    },
  });
};
