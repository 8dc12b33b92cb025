// Child in need pages and API, declared with the child page pattern (src/server/child-pages.ts):
// the access check, the audit rows, the re-render with errors and the redirect follow from each
// declaration. HTTP only: the rules are in service.ts.
import type { RegisterRoutes } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { childApi, childDelete, childForm, childPage } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import { radioItems } from '../server/form-items.ts';
import { formatDate } from '../server/format.ts';
import { openEpisodeOf } from '../episodes/service.ts';
import { planOfChild } from '../plans/service.ts';
import { ChildParams } from '../plans/fields.ts';
import { CIN_PLAN_END_REASON } from './codes.ts';
import { CinMeetingCorrection, CinMeetingInput, CinMeetingParams, CinPlanEnd, CinPlanParams, CinPlanStart } from './schemas.ts';
import { childInNeed, cinMeetingOf, correctCinMeeting, deleteCinMeeting, endCinPlan, recordCinMeeting, startCinPlan } from './service.ts';
import './record-section.ts';

const YES_NO = [
  { code: 'yes', label: 'Yes' },
  { code: 'no', label: 'No' },
] as const;

export const childInNeedRoutes: RegisterRoutes = (app, ctx) => {
  const today = () => ctx.time.today();
  const cinPage = (childId: string) => `/children/${childId}/child-in-need`;

  childPage(app, ctx, {
    path: '/children/:childId/child-in-need',
    audit: 'child-in-need',
    template: 'child-in-need/views/child-in-need.njk',
    load: async ({ child, today: on }) => ({ title: 'Child in need', ...(await childInNeed(ctx.db, child.id, on)) }),
  });

  // --- Start ----------------------------------------------------------------------------------
  childForm(app, ctx, {
    path: '/children/:childId/child-in-need/start',
    audit: 'plan',
    template: 'child-in-need/views/start.njk',
    decision: 'plan_start',
    schema: CinPlanStart,
    dates: ['startedOn'],
    // Without an open episode the page says so: the service refuses the plan.
    load: ({ child }) => openEpisodeOf(ctx.db, child.id),
    initial: (_episode, { today: on }) => ({ startedOn: on }),
    view: (episode) => ({ title: 'Start a child in need plan', episode: episode ?? null }),
    save: async (input, { user, child, today: on }) => {
      const id = await startCinPlan(ctx.db, user, child.id, input, on);
      // The plan's page offers the next steps: its actions, and a visit.
      return { next: `/children/${child.id}/plans/${id}`, audit: { action: 'create', objectType: 'plan', objectId: id } };
    },
  });

  // --- Meetings -------------------------------------------------------------------------------
  const meetingView = (title: string, correcting = false) => (planId: string, values: Record<string, unknown>) => ({
    title,
    planId,
    correcting,
    reviewedItems: radioItems(YES_NO, values['planReviewed']),
  });

  childForm(app, ctx, {
    path: '/children/:childId/child-in-need/:planId/meetings/new',
    records: { planId: 'plan' },
    audit: 'cin-meeting',
    template: 'child-in-need/views/meeting.njk',
    schema: CinMeetingInput,
    dates: ['heldOn'],
    load: async ({ child, params }) => (await planOfChild(ctx.db, child.id, params['planId']!)).id,
    initial: (_planId, { today: on }) => ({ heldOn: on }),
    view: meetingView('Record a child in need meeting'),
    save: async (input, { user, child, params, today: on }) => {
      const id = await recordCinMeeting(ctx.db, user, child.id, params['planId']!, input, on);
      return { next: cinPage(child.id), audit: { action: 'create', objectType: 'cin-meeting', objectId: id } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/child-in-need/meetings/:meetingId/change',
    records: { meetingId: 'cin_meeting' },
    audit: 'cin-meeting',
    template: 'child-in-need/views/meeting.njk',
    schema: CinMeetingCorrection,
    dates: ['heldOn'],
    load: ({ child, params }) => cinMeetingOf(ctx.db, child.id, params['meetingId']!),
    initial: (meeting) => ({
      heldOn: meeting.held_on,
      attendees: meeting.attendees,
      planReviewed: meeting.plan_reviewed ? 'yes' : 'no',
      summary: meeting.summary,
      version: meeting.version,
    }),
    view: (meeting, values) => meetingView(`Correct the child in need meeting on ${formatDate(meeting.held_on)}`, true)(meeting.plan_id, values),
    save: async (input, { user, child, params, today: on }) => {
      await correctCinMeeting(ctx.db, user, child.id, params['meetingId']!, input, on);
      return { next: cinPage(child.id), audit: { action: 'update', objectType: 'cin-meeting', objectId: params['meetingId']! } };
    },
  });

  childDelete(app, ctx, {
    path: '/children/:childId/child-in-need/meetings/:meetingId/delete',
    records: { meetingId: 'cin_meeting' },
    audit: 'cin-meeting',
    title: 'Delete this child in need meeting',
    load: async ({ child, params }) => {
      const meeting = await cinMeetingOf(ctx.db, child.id, params['meetingId']!);
      return {
        backHref: cinPage(child.id),
        rows: [
          { key: { text: 'Meeting' }, value: { text: `Child in need meeting on ${formatDate(meeting.held_on)}` } },
          { key: { text: 'Who came' }, value: { text: meeting.attendees } },
        ],
      };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteCinMeeting(ctx.db, user, child.id, params['meetingId']!, reason);
      return { next: cinPage(child.id), audit: { action: 'delete', objectType: 'cin-meeting', objectId: params['meetingId']! } };
    },
  });

  // --- End ------------------------------------------------------------------------------------
  childForm(app, ctx, {
    path: '/children/:childId/child-in-need/:planId/end',
    records: { planId: 'plan' },
    audit: 'plan',
    template: 'child-in-need/views/end.njk',
    decision: 'plan_end',
    schema: CinPlanEnd,
    dates: ['endedOn'],
    load: ({ child, params }) => planOfChild(ctx.db, child.id, params['planId']!),
    initial: (_plan, { today: on }) => ({ endedOn: on }),
    view: (plan, values) => ({ title: 'End the child in need plan', plan, reasonItems: radioItems(CIN_PLAN_END_REASON, values['reason']) }),
    save: async (input, { user, child, params, today: on }) => {
      await endCinPlan(ctx.db, user, child.id, params['planId']!, input, on);
      return { next: cinPage(child.id), audit: { action: 'update', objectType: 'plan', objectId: params['planId']! } };
    },
  });

  // --- API ------------------------------------------------------------------------------------
  const tag = 'Child in need';
  const inPlan = { records: { planId: 'plan' } } as const;
  const meeting = { records: { meetingId: 'cin_meeting' } } as const;

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/child-in-need',
    summary: 'A child’s child in need plans, meetings, and what is due next (visits, meetings)',
    tag,
    params: ChildParams,
    guard: childApi('see', 'child-in-need'),
    handler: ({ params }) => childInNeed(ctx.db, params.childId, today()),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/child-in-need/plans',
    summary: 'Start a child in need plan (the child needs an open episode, and a manager’s plan_start decision: decision 0025)',
    tag,
    params: ChildParams,
    body: CinPlanStart,
    guard: childApi('change', 'plan'),
    change: { action: 'create', objectType: 'plan' },
    handler: async ({ params, body, request }) => ({ id: await startCinPlan(ctx.db, request.user!, params.childId, body, today()) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/child-in-need/plans/:planId/meetings',
    summary: 'Record a child in need meeting (meets the child in need meeting clock)',
    tag,
    params: CinPlanParams,
    body: CinMeetingInput,
    guard: childApi('change', 'cin-meeting', inPlan),
    change: { action: 'create', objectType: 'cin-meeting' },
    handler: async ({ params, body, request }) => ({ id: await recordCinMeeting(ctx.db, request.user!, params.childId, params.planId, body, today()) }),
  });

  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/child-in-need/meetings/:meetingId',
    tag,
    objectType: 'cin-meeting',
    params: CinMeetingParams,
    ...meeting,
    correct: {
      summary: 'Correct a child in need meeting with the reason; the old version is kept and the meeting clock follows',
      body: CinMeetingCorrection,
      save: (u, p, d, t) => correctCinMeeting(ctx.db, u, p.childId, p.meetingId, d, t),
    },
    remove: {
      summary: 'Delete a child in need meeting, with the reason: it leaves the chronology and stops meeting the clock; a copy is kept',
      save: (u, p, d) => deleteCinMeeting(ctx.db, u, p.childId, p.meetingId, d.reason),
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/child-in-need/plans/:planId/end',
    summary: 'End a child in need plan with a reason; ending because things are better needs evidence and a meeting that reviewed the plan; a manager’s plan_end decision comes first (decision 0025)',
    tag,
    params: CinPlanParams,
    body: CinPlanEnd,
    successStatus: 200,
    guard: childApi('change', 'plan', inPlan),
    change: { action: 'update', objectType: 'plan' },
    handler: async ({ params, body, request }) => {
      await endCinPlan(ctx.db, request.user!, params.childId, params.planId, body, today());
      return { id: params.planId };
    },
  });
};
