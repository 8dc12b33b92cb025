// Child protection pages and API: the overview and the lists for the performance work here; each
// step's pages and API in its own file: routes-strategy.ts (strategy discussions), routes-enquiry.ts
// (section 47 enquiries), routes-conference.ts (initial and review conferences) and routes-plan.ts
// (the plan and its core groups). Declared with the child page pattern (src/server/child-pages.ts),
// so access, audit, re-render and redirect follow. HTTP only: the rules are in the service files.
import { apiRoute } from '../server/api.ts';
import type { AppContext, RegisterRoutes } from '../server/context.ts';
import { childApi, childPage } from '../server/child-pages.ts';
import { ChildParams } from '../episodes/schemas.ts';
import { AsAtQuery, PeriodQuery } from './schemas.ts';
import { protectionOverview } from './service.ts';
import { plansOfTwoYearsOrMore, repeatPlansStarted, strategyDiscussionsWithOnlyPoliceAndSocialCare } from './queries.ts';
import { conferenceJson, discussionJson, enquiryJson, labels, planJson } from './shapes.ts';
import { strategyRoutes } from './routes-strategy.ts';
import { enquiryRoutes } from './routes-enquiry.ts';
import { conferenceRoutes } from './routes-conference.ts';
import { planRoutes } from './routes-plan.ts';
import './record-section.ts';
import './closure.ts';

export { protectionPath } from './shapes.ts';

/** Lists across children for the performance work: any signed-in user, filtered to the children they may see. */
const PERFORMANCE_LIST = { signedIn: true, reason: 'A list across children for performance work, filtered with childVisibleTo' } as const;

export const protectionRoutes: RegisterRoutes = (app, ctx: AppContext) => {
  const today = () => ctx.time.today();

  childPage(app, ctx, {
    path: '/children/:childId/protection',
    audit: 'protection',
    template: 'protection/views/overview.njk',
    load: async ({ child, today }) => ({ title: 'Child protection', ...(await protectionOverview(ctx.db, child.id, today)), ...labels }),
  });

  strategyRoutes(app, ctx);
  enquiryRoutes(app, ctx);
  conferenceRoutes(app, ctx);
  planRoutes(app, ctx);

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/protection',
    summary:
      'A child’s strategy discussions, section 47 enquiries (with the initial conference due date), conferences and child protection plans (with next review, core group and visit due dates, repeat plan and duration flags).',
    tag: 'Child protection',
    params: ChildParams,
    guard: childApi('see', 'protection'),
    handler: async ({ params }) => {
      const page = await protectionOverview(ctx.db, params.childId, today());
      return {
        strategyDiscussions: page.discussions.map(discussionJson),
        enquiries: page.enquiries.map((e) => enquiryJson(e.enquiry, { status: e.status, initialConference: e.initialConference, conferenceDueOn: e.conferenceClock?.dueOn ?? null })),
        conferences: page.conferences.map(conferenceJson),
        plans: page.plans.map(planJson),
      };
    },
  });

  // --- derived lists, for the performance work ---------------------------------------------------
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/strategy-discussions/only-police-and-social-care',
    summary: 'Strategy discussions where only police and children’s social care took part (not compliant with Working Together), for the children you may see. Optional from and to (YYYY-MM-DD).',
    tag: 'Child protection',
    query: PeriodQuery,
    guard: PERFORMANCE_LIST,
    handler: async ({ query, request }) => {
      const rows = await strategyDiscussionsWithOnlyPoliceAndSocialCare(ctx.db, request.user!, query);
      await request.audit({ action: 'export', objectType: 'report', objectId: 'strategy-discussions-only-police-and-social-care', detail: { count: rows.length } });
      return { discussions: rows.map((r) => ({ id: r.id, childId: r.child_id, episodeId: r.episode_id, enquiryId: r.enquiry_id, heldOn: r.held_on, agencies: r.attendees.map((a) => a.agency) })) };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/cp-plans/repeat',
    summary: 'Child protection plans that were a second or subsequent plan for the child, however long ago the last one was, started between from and to.',
    tag: 'Child protection',
    query: PeriodQuery,
    guard: PERFORMANCE_LIST,
    handler: async ({ query, request }) => {
      const rows = await repeatPlansStarted(ctx.db, request.user!, query);
      await request.audit({ action: 'export', objectType: 'report', objectId: 'repeat-cp-plans', detail: { count: rows.length } });
      return { plans: rows.map((r) => ({ id: r.id, childId: r.child_id, startedOn: r.started_on, endedOn: r.ended_on, previousPlans: r.previous_plans })) };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/cp-plans/two-years-or-more',
    summary: 'Child protection plans that had lasted 2 years or more as at a date (default today).',
    tag: 'Child protection',
    query: AsAtQuery,
    guard: PERFORMANCE_LIST,
    handler: async ({ query, request }) => {
      const asAt = query.asAt ?? today();
      const rows = await plansOfTwoYearsOrMore(ctx.db, request.user!, asAt);
      await request.audit({ action: 'export', objectType: 'report', objectId: 'cp-plans-two-years-or-more', detail: { count: rows.length, asAt } });
      return { asAt, plans: rows.map((r) => ({ id: r.id, childId: r.child_id, startedOn: r.started_on, endedOn: r.ended_on, open: r.open })) };
    },
  });
};
