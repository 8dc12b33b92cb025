// Strategy discussions: record, view, correct and delete, as pages and API. HTTP only: the rules are
// in service-strategy.ts.
import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../server/api.ts';
import type { AppContext } from '../server/context.ts';
import { childApi, childDelete, childForm, childPage, type Page, type Values } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import { radioItems } from '../server/form-items.ts';
import { formatDate } from '../server/format.ts';
import { ChildParams } from '../episodes/schemas.ts';
import { openEpisodeOf } from '../episodes/service.ts';
import { STRATEGY_OUTCOME } from './codes.ts';
import { DiscussionParams, StrategyDiscussionCorrection, StrategyDiscussionInput, attendeesFromForm } from './schemas.ts';
import { lastAttendees, openEnquiryOf } from './service.ts';
import { correctStrategyDiscussion, deleteStrategyDiscussion, recordStrategyDiscussion, strategyDiscussionOf } from './service-strategy.ts';
import { agencyItems, attendeeValues } from './agency-items.ts';
import { agencyLabel, discussionJson, discussionPath, enquiryPath, protectionPath } from './shapes.ts';

const VIEWS = 'protection/views';
const FIELDS = ['heldOn', 'heldAt', 'attendees', 'reason', 'otherViews', 'decisions', 'nextSteps', 'outcome', 's47StartedOn'] as const;
const withAttendees = (values: Values) => ({ ...values, attendees: attendeesFromForm(values) });

const DECIDED = { S47: 'Started section 47 enquiries', NO_S47: 'No section 47 enquiry', REVIEW: 'A later strategy meeting of a section 47 enquiry' } as const;

export function strategyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const audit = async (page: Page, objectType: string, objectId: string) =>
    page.request.audit({ action: 'create', childId: page.child.id, objectType, objectId });

  childForm(app, ctx, {
    path: '/children/:childId/protection/strategy-discussions/new',
    audit: 'strategy-discussion',
    template: `${VIEWS}/strategy-form.njk`,
    schema: StrategyDiscussionInput,
    dates: ['heldOn', 's47StartedOn'],
    input: withAttendees,
    fields: FIELDS,
    load: async ({ child }) => {
      const episode = await openEpisodeOf(ctx.db, child.id);
      const openEnquiry = episode ? await openEnquiryOf(ctx.db, episode.id) : undefined;
      // A later meeting of an enquiry: who came to the last one.
      const previous = openEnquiry ? await lastAttendees(ctx.db, child.id, { enquiryId: openEnquiry.id }) : [];
      return { episode, openEnquiry, previous };
    },
    initial: (data, { today }) => ({ heldOn: today, ...attendeeValues(data.previous) }),
    view: (data, values, { child }) => ({
      title: data.openEnquiry ? 'Record a strategy meeting' : 'Record a strategy discussion',
      episode: data.episode,
      openEnquiry: data.openEnquiry,
      agencyItems: agencyItems(values),
      outcomeItems: radioItems(STRATEGY_OUTCOME, values['outcome']),
      backHref: protectionPath(child.id),
    }),
    save: async (input, page) => {
      const result = await recordStrategyDiscussion(ctx.db, page.user, page.child.id, input, page.today);
      if (result.enquiry === 'initiated' && result.enquiryId) await audit(page, 's47-enquiry', result.enquiryId);
      // The discussion's page offers the next step: the enquiry it started.
      return { next: discussionPath(page.child.id, result.id), audit: { action: 'create', objectType: 'strategy-discussion', objectId: result.id } };
    },
  });

  childPage(app, ctx, {
    path: '/children/:childId/protection/strategy-discussions/:discussionId',
    records: { discussionId: 'strategy_discussion' },
    audit: 'strategy-discussion',
    template: `${VIEWS}/strategy.njk`,
    load: async ({ child, params }) => {
      const page = await strategyDiscussionOf(ctx.db, child.id, params['discussionId']!);
      return {
        title: page.discussion.outcome === 'REVIEW' ? 'Strategy meeting' : 'Strategy discussion',
        ...page,
        attendees: page.discussion.attendees.map((a) => ({ agency: agencyLabel(a.agency), names: a.names })),
        backHref: protectionPath(child.id),
        path: discussionPath(child.id, page.discussion.id),
        enquiryHref: page.enquiry ? enquiryPath(child.id, page.enquiry.id) : null,
      };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/protection/strategy-discussions/:discussionId/change',
    records: { discussionId: 'strategy_discussion' },
    audit: 'strategy-discussion',
    template: `${VIEWS}/strategy-form.njk`,
    schema: StrategyDiscussionCorrection,
    dates: ['heldOn', 's47StartedOn'],
    input: withAttendees,
    fields: [...FIELDS, 'changeReason'],
    load: ({ child, params }) => strategyDiscussionOf(ctx.db, child.id, params['discussionId']!),
    initial: ({ discussion: d, enquiry, initiatedEnquiry }) => ({
      heldOn: d.held_on,
      heldAt: d.held_at ?? '',
      ...attendeeValues(d.attendees),
      reason: d.reason,
      otherViews: d.other_views ?? '',
      decisions: d.decisions,
      nextSteps: d.next_steps ?? '',
      // Only when later than the discussion: left empty, it moves with the discussion's date.
      s47StartedOn: initiatedEnquiry && enquiry && enquiry.started_on !== d.held_on ? enquiry.started_on : '',
      version: d.version,
    }),
    view: (data, values, { child }) => ({
      title: `Correct the ${data.discussion.outcome === 'REVIEW' ? 'strategy meeting' : 'strategy discussion'} of ${formatDate(data.discussion.held_on)}`,
      correcting: true,
      initiatedEnquiry: data.initiatedEnquiry,
      enquiry: data.enquiry,
      agencyItems: agencyItems(values),
      backHref: discussionPath(child.id, data.discussion.id),
    }),
    save: async (input, { user, child, params, today }) => {
      const id = params['discussionId']!;
      await correctStrategyDiscussion(ctx.db, user, child.id, id, input, today);
      return { next: discussionPath(child.id, id), audit: { action: 'update', objectType: 'strategy-discussion', objectId: id } };
    },
  });

  childDelete(app, ctx, {
    path: '/children/:childId/protection/strategy-discussions/:discussionId/delete',
    records: { discussionId: 'strategy_discussion' },
    audit: 'strategy-discussion',
    title: 'Delete this strategy discussion',
    load: async ({ child, params }) => {
      const { discussion, initiatedEnquiry } = await strategyDiscussionOf(ctx.db, child.id, params['discussionId']!);
      return {
        backHref: discussionPath(child.id, discussion.id),
        rows: [
          { key: { text: 'Strategy discussion' }, value: { text: formatDate(discussion.held_on) } },
          { key: { text: 'Decided' }, value: { text: DECIDED[discussion.outcome] } },
          ...(initiatedEnquiry ? [{ key: { text: 'Also deleted' }, value: { text: 'The section 47 enquiry it started, and its initial conference clock' } }] : []),
        ],
      };
    },
    remove: async ({ user, child, params }, reason) => {
      const id = params['discussionId']!;
      await deleteStrategyDiscussion(ctx.db, user, child.id, id, reason);
      return { next: protectionPath(child.id), audit: { action: 'delete', objectType: 'strategy-discussion', objectId: id } };
    },
  });

  // --- API --------------------------------------------------------------------------------------
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/strategy-discussions',
    summary:
      'Record a strategy discussion in the child’s open episode. outcome S47 starts a section 47 enquiry (initiated on the discussion date; s47StartedOn may be later). While an enquiry is open, the discussion is recorded against it as a later strategy meeting and does not restart its clocks.',
    tag: 'Child protection',
    params: ChildParams,
    body: StrategyDiscussionInput,
    guard: childApi('change', 'strategy-discussion'),
    change: { action: 'create', objectType: 'strategy-discussion' },
    handler: async ({ params, body, request }) => {
      const result = await recordStrategyDiscussion(ctx.db, request.user!, params.childId, body, ctx.time.today());
      if (result.enquiry === 'initiated' && result.enquiryId) await request.audit({ action: 'create', childId: params.childId, objectType: 's47-enquiry', objectId: result.enquiryId });
      return result;
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/strategy-discussions/:discussionId',
    summary: 'One strategy discussion, with whether only police and social care took part.',
    tag: 'Child protection',
    params: DiscussionParams,
    guard: childApi('see', 'strategy-discussion', { records: { discussionId: 'strategy_discussion' } }),
    handler: async ({ params }) => {
      const page = await strategyDiscussionOf(ctx.db, params.childId, params.discussionId);
      return discussionJson({ ...page.discussion, onlyPoliceAndSocialCare: page.onlyPoliceAndSocialCare });
    },
  });

  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/strategy-discussions/:discussionId',
    tag: 'Child protection',
    objectType: 'strategy-discussion',
    params: DiscussionParams,
    records: { discussionId: 'strategy_discussion' },
    correct: {
      summary:
        'Correct a strategy discussion (not what it decided) with changeReason and the version seen; the old version is kept. Moving the discussion that initiated a section 47 enquiry moves the enquiry and its initial conference due date; s47StartedOn left out is the discussion date.',
      body: StrategyDiscussionCorrection,
      save: (u, p, d, t) => correctStrategyDiscussion(ctx.db, u, p.childId, p.discussionId, d, t),
    },
    remove: {
      summary:
        'Delete a strategy discussion with the reason; a copy is kept. The discussion that started a section 47 enquiry deletes the enquiry too, so only while the enquiry has no later meeting and no conference.',
      // The answer says which enquiry went with it (null when none did).
      save: async (u, p, d) => ({ more: await deleteStrategyDiscussion(ctx.db, u, p.childId, p.discussionId, d.reason) }),
    },
  });
}
