// Child protection pages and API: strategy discussions, section 47 enquiries, conferences, the CP plan
// and its core groups. HTTP only: the rules are in service.ts, derived facts in queries.ts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { apiRoute } from '../server/api.ts';
import type { AppContext, RegisterRoutes } from '../server/context.ts';
import { foldDateInputs, parseForm, type FormErrors } from '../server/forms.ts';
import { formatDate } from '../server/format.ts';
import { registerRecordSection } from '../server/record-sections.ts';
import { CATEGORY_OF_ABUSE, STRATEGY_DISCUSSION_AGENCY, labelFor } from '../codes/index.ts';
import { requireChangeChild, type SignedInUser } from '../access/policy.ts';
import type { Db } from '../db/history.ts';
import { childHeader } from '../episodes/repository.ts';
import { openEpisodeOf } from '../episodes/service.ts';
import { ChildParams } from '../episodes/schemas.ts';
import { agencyItems, attendeeValues, checkboxItems, dateItemsFor, formBody, idParam, radioItems, ruleErrors, selectItems, signedIn } from '../episodes/route-helpers.ts';
import {
  ENQUIRY_OUTCOME,
  FAMILY_ATTENDANCE,
  INITIAL_CONFERENCE_DECISION,
  REVIEW_CONFERENCE_DECISION,
  RISK_REDUCING,
  STRATEGY_OUTCOME,
} from './codes.ts';
import {
  AsAtQuery,
  CoreGroupInput,
  DiscussionParams,
  EnquiryOutcomeInput,
  EnquiryParams,
  InitialConferenceInput,
  PeriodQuery,
  PlanEndInput,
  PlanParams,
  ReviewConferenceInput,
  StrategyDiscussionInput,
  attendeesFromForm,
} from './schemas.ts';
import {
  conferenceChairs,
  endChildProtectionPlan,
  enquiryPage,
  lastAttendees,
  openEnquiryOf,
  planPage,
  protectionOverview,
  recordCoreGroup,
  recordEnquiryOutcome,
  recordInitialConference,
  recordReviewConference,
  recordStrategyDiscussion,
  strategyDiscussionPage,
  type Conference,
  type Enquiry,
  type PlanSummary,
  type StrategyDiscussion,
} from './service.ts';
import { plansOfTwoYearsOrMore, repeatPlansStarted, strategyDiscussionsWithOnlyPoliceAndSocialCare } from './queries.ts';
import type { Attendee } from './tables.ts';

const VIEWS = 'protection/views';
export const protectionPath = (childId: string) => `/children/${childId}/protection`;

const STATUS_LABELS = {
  open: 'Open',
  'awaiting-conference': 'Conference to be held',
  'conference-held': 'Initial conference held',
  'ended-no-conference': 'Ended: no conference',
} as const;

const agencyLabel = (code: string) => labelFor(STRATEGY_DISCUSSION_AGENCY, code) ?? code;
const categoryLabel = (code: string | null) => (code ? (labelFor(CATEGORY_OF_ABUSE, code) ?? code) : null);

// ---------------------------------------------------------------------------------------------
// JSON shapes for the API
// ---------------------------------------------------------------------------------------------

const discussionJson = (d: StrategyDiscussion & { onlyPoliceAndSocialCare: boolean }) => ({
  id: d.id,
  episodeId: d.episode_id,
  enquiryId: d.enquiry_id,
  heldOn: d.held_on,
  heldAt: d.held_at,
  attendees: d.attendees,
  reason: d.reason,
  otherViews: d.other_views,
  decisions: d.decisions,
  nextSteps: d.next_steps,
  outcome: d.outcome,
  onlyPoliceAndSocialCare: d.onlyPoliceAndSocialCare,
});

const enquiryJson = (e: Enquiry, extra: { status: string; initialConference?: Conference | undefined; conferenceDueOn?: string | null }) => ({
  id: e.id,
  episodeId: e.episode_id,
  initiatingDiscussionId: e.initiating_discussion_id,
  initiatedOn: e.initiated_on,
  startedOn: e.started_on,
  outcome: e.outcome,
  completedOn: e.completed_on,
  outcomeSummary: e.outcome_summary,
  status: extra.status,
  initialConferenceDueOn: extra.conferenceDueOn ?? null,
  initialConferenceOn: extra.initialConference?.held_on ?? null,
});

const conferenceJson = (c: Conference) => ({
  id: c.id,
  kind: c.kind,
  enquiryId: c.enquiry_id,
  planId: c.plan_id,
  heldOn: c.held_on,
  chairId: c.chair_id,
  attendees: c.attendees,
  familyAttended: c.family_attended,
  decision: c.decision,
  categoryOfAbuse: c.category_of_abuse,
  endReason: c.end_reason,
  summary: c.summary,
});

const planJson = (s: PlanSummary) => ({
  id: s.plan.id,
  episodeId: s.plan.episode_id,
  startedOn: s.plan.started_on,
  endedOn: s.plan.ended_on,
  endReason: s.plan.end_reason,
  initialCategoryOfAbuse: s.plan.category_of_abuse,
  latestCategoryOfAbuse: s.latestCategory,
  repeatPlan: s.repeat,
  previousPlans: s.previousPlans,
  fifteenMonthsOrMore: s.flags.fifteenMonthsOrMore,
  twoYearsOrMore: s.flags.twoYearsOrMore,
  nextReviewDueOn: s.due.review?.dueOn ?? null,
  nextCoreGroupDueOn: s.due.coreGroup?.dueOn ?? null,
  nextVisitDueOn: s.due.visit?.dueOn ?? null,
});

/** Attendees as the pages show them: 'Police (DC Smith), Health'. */
const attendeesText = (attendees: readonly Attendee[]) => attendees.map((a) => `${agencyLabel(a.agency)}${a.names ? ` (${a.names})` : ''}`).join('; ');

// ---------------------------------------------------------------------------------------------
// Record section
// ---------------------------------------------------------------------------------------------

async function protectionSummary(db: Db, childId: string): Promise<string | null> {
  const plan = await db
    .selectFrom('plan')
    .select(['started_on', 'category_of_abuse'])
    .where('child_id', '=', childId)
    .where('kind', '=', 'cp')
    .where('ended_on', 'is', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (plan) return `Child protection plan since ${formatDate(plan.started_on)}${plan.category_of_abuse ? ` (${categoryLabel(plan.category_of_abuse)})` : ''}`;
  const episode = await openEpisodeOf(db, childId);
  const enquiry = episode ? await openEnquiryOf(db, episode.id) : undefined;
  if (enquiry) return `Section 47 enquiry from ${formatDate(enquiry.initiated_on)}`;
  const past = await db
    .selectFrom('plan')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('child_id', '=', childId)
    .where('kind', '=', 'cp')
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  const count = Number(past?.count ?? 0);
  return count > 0 ? `No current plan (${count} previous child protection plan${count === 1 ? '' : 's'})` : null;
}

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

export const protectionRoutes: RegisterRoutes = (app, ctx: AppContext) => {
  const today = () => ctx.time.today();

  registerRecordSection({ id: 'protection', title: 'Child protection', href: protectionPath, summary: (db, childId) => protectionSummary(db, childId), order: 40 });

  /** Form posting helper: parse, write, and on a broken rule re-render the same page. */
  async function handleForm<S extends z.ZodType, R>(
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      dates: string[];
      attendees?: boolean;
      schema: S;
      write: (user: SignedInUser, data: z.output<S>) => Promise<R>;
      render: (status: number, values: Record<string, unknown>, errors: FormErrors) => Promise<FastifyReply>;
      done: (result: R) => Promise<string>;
    },
  ) {
    const user = signedIn(request);
    const values = foldDateInputs(formBody(request), options.dates);
    if (options.attendees) values['attendees'] = attendeesFromForm(values);
    const form = parseForm(options.schema, values);
    if (!form.ok) return options.render(400, values, form.errors);
    let result: R;
    try {
      result = await options.write(user, form.data);
    } catch (error) {
      const errors = ruleErrors(error);
      if (!errors) throw error;
      return options.render(400, values, errors);
    }
    return reply.code(303).redirect(await options.done(result));
  }

  const guard = async (request: FastifyRequest) => {
    const childId = idParam(request, 'childId');
    await requireChangeChild(ctx.db, signedIn(request), childId);
    return childId;
  };

  // --- overview --------------------------------------------------------------------------------
  app.get('/children/:childId/protection', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const page = await protectionOverview(ctx.db, signedIn(request), childId, today());
    await request.audit({ action: 'view-child', childId, objectType: 'protection', objectId: childId });
    return reply.render(`${VIEWS}/overview.njk`, {
      title: 'Child protection',
      ...page,
      agencyLabel,
      categoryLabel,
      statusLabels: STATUS_LABELS,
    });
  });

  // --- strategy discussions --------------------------------------------------------------------
  const renderDiscussionForm = async (reply: FastifyReply, status: number, childId: string, values: Record<string, unknown>, errors: FormErrors | null) => {
    const [child, episode] = await Promise.all([childHeader(ctx.db, childId), openEpisodeOf(ctx.db, childId)]);
    const openEnquiry = episode ? await openEnquiryOf(ctx.db, episode.id) : undefined;
    return reply.code(status).render(`${VIEWS}/strategy-form.njk`, {
      title: openEnquiry ? 'Record a strategy meeting' : 'Record a strategy discussion',
      child,
      episode,
      openEnquiry,
      values,
      errors,
      dates: dateItemsFor(['heldOn', 's47StartedOn'], values, errors),
      agencyItems: agencyItems(values),
      outcomeItems: radioItems(STRATEGY_OUTCOME, values['outcome']),
      backHref: protectionPath(childId),
    });
  };

  app.get('/children/:childId/protection/strategy-discussions/new', async (request, reply) => {
    const childId = await guard(request);
    const episode = await openEpisodeOf(ctx.db, childId);
    const enquiry = episode ? await openEnquiryOf(ctx.db, episode.id) : undefined;
    const previous = enquiry ? await lastAttendees(ctx.db, childId, { enquiryId: enquiry.id }) : [];
    await request.audit({ action: 'view-child', childId, objectType: 'protection', objectId: childId, detail: { form: 'strategy-discussion' } });
    return renderDiscussionForm(reply, 200, childId, { heldOn: today(), ...attendeeValues(previous) }, null);
  });

  app.post('/children/:childId/protection/strategy-discussions/new', async (request, reply) => {
    const childId = await guard(request);
    return handleForm(request, reply, {
      dates: ['heldOn', 's47StartedOn'],
      attendees: true,
      schema: StrategyDiscussionInput,
      write: (user, data) => recordStrategyDiscussion(ctx.db, user, childId, data, today()),
      render: (status, values, errors) => renderDiscussionForm(reply, status, childId, values, errors),
      done: async (result) => {
        await request.audit({ action: 'create', childId, objectType: 'strategy-discussion', objectId: result.id });
        if (result.enquiry === 'initiated' && result.enquiryId) await request.audit({ action: 'create', childId, objectType: 's47-enquiry', objectId: result.enquiryId });
        return `${protectionPath(childId)}/strategy-discussions/${result.id}`;
      },
    });
  });

  app.get('/children/:childId/protection/strategy-discussions/:discussionId', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const discussionId = idParam(request, 'discussionId');
    const page = await strategyDiscussionPage(ctx.db, signedIn(request), childId, discussionId);
    await request.audit({ action: 'view-child', childId, objectType: 'strategy-discussion', objectId: discussionId });
    return reply.render(`${VIEWS}/strategy.njk`, {
      title: page.discussion.outcome === 'REVIEW' ? 'Strategy meeting' : 'Strategy discussion',
      ...page,
      attendees: page.discussion.attendees.map((a) => ({ agency: agencyLabel(a.agency), names: a.names })),
      backHref: protectionPath(childId),
    });
  });

  // --- enquiries -------------------------------------------------------------------------------
  app.get('/children/:childId/protection/enquiries/:enquiryId', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const enquiryId = idParam(request, 'enquiryId');
    const page = await enquiryPage(ctx.db, signedIn(request), childId, enquiryId);
    await request.audit({ action: 'view-child', childId, objectType: 's47-enquiry', objectId: enquiryId });
    return reply.render(`${VIEWS}/enquiry.njk`, {
      title: 'Section 47 enquiry',
      ...page,
      statusLabel: STATUS_LABELS[page.status],
      outcomeLabel: page.enquiry.outcome ? labelFor(ENQUIRY_OUTCOME, page.enquiry.outcome) : null,
      agencyText: (d: StrategyDiscussion) => d.attendees.map((a) => agencyLabel(a.agency)).join(', '),
      backHref: protectionPath(childId),
      path: `${protectionPath(childId)}/enquiries/${enquiryId}`,
    });
  });

  const renderOutcomeForm = async (reply: FastifyReply, status: number, childId: string, enquiryId: string, values: Record<string, unknown>, errors: FormErrors | null) => {
    const page = await enquiryPage(ctx.db, signedIn(reply.request), childId, enquiryId);
    return reply.code(status).render(`${VIEWS}/enquiry-outcome.njk`, {
      title: 'Record the outcome of the section 47 enquiry',
      ...page,
      values,
      errors,
      dates: dateItemsFor(['completedOn'], values, errors),
      outcomeItems: radioItems(ENQUIRY_OUTCOME, values['outcome']),
      backHref: `${protectionPath(childId)}/enquiries/${enquiryId}`,
    });
  };

  app.get('/children/:childId/protection/enquiries/:enquiryId/outcome', async (request, reply) => {
    const childId = await guard(request);
    const enquiryId = idParam(request, 'enquiryId');
    await request.audit({ action: 'view-child', childId, objectType: 's47-enquiry', objectId: enquiryId, detail: { form: 'outcome' } });
    return renderOutcomeForm(reply, 200, childId, enquiryId, { completedOn: today() }, null);
  });

  app.post('/children/:childId/protection/enquiries/:enquiryId/outcome', async (request, reply) => {
    const childId = await guard(request);
    const enquiryId = idParam(request, 'enquiryId');
    return handleForm(request, reply, {
      dates: ['completedOn'],
      schema: EnquiryOutcomeInput,
      write: (user, data) => recordEnquiryOutcome(ctx.db, user, childId, enquiryId, data, today()),
      render: (status, values, errors) => renderOutcomeForm(reply, status, childId, enquiryId, values, errors),
      done: async () => {
        await request.audit({ action: 'update', childId, objectType: 's47-enquiry', objectId: enquiryId });
        return `${protectionPath(childId)}/enquiries/${enquiryId}`;
      },
    });
  });

  // --- conferences -----------------------------------------------------------------------------
  const renderConferenceForm = async (
    reply: FastifyReply,
    status: number,
    kind: 'initial' | 'review',
    childId: string,
    scopeId: string,
    values: Record<string, unknown>,
    errors: FormErrors | null,
  ) => {
    const user = signedIn(reply.request);
    const chairs = await conferenceChairs(ctx.db);
    const context =
      kind === 'initial'
        ? { enquiryPage: await enquiryPage(ctx.db, user, childId, scopeId), backHref: `${protectionPath(childId)}/enquiries/${scopeId}` }
        : { planPage: await planPage(ctx.db, user, childId, scopeId, today()), backHref: `${protectionPath(childId)}/plans/${scopeId}` };
    return reply.code(status).render(`${VIEWS}/conference-form.njk`, {
      title: kind === 'initial' ? 'Record the initial child protection conference' : 'Record a child protection review conference',
      kind,
      child: await childHeader(ctx.db, childId),
      ...context,
      values,
      errors,
      dates: dateItemsFor(['heldOn'], values, errors),
      chairItems: selectItems(chairs.map((c) => ({ value: c.id, text: c.display_name })), values['chairId'], 'Choose the chair'),
      agencyItems: agencyItems(values),
      familyItems: checkboxItems(FAMILY_ATTENDANCE, values['familyAttended']),
      decisionItems: radioItems(kind === 'initial' ? INITIAL_CONFERENCE_DECISION : REVIEW_CONFERENCE_DECISION, values['decision']),
      categoryItems: radioItems(CATEGORY_OF_ABUSE, values['categoryOfAbuse']),
    });
  };

  app.get('/children/:childId/protection/enquiries/:enquiryId/conference', async (request, reply) => {
    const childId = await guard(request);
    const enquiryId = idParam(request, 'enquiryId');
    const previous = await lastAttendees(ctx.db, childId, { enquiryId });
    await request.audit({ action: 'view-child', childId, objectType: 's47-enquiry', objectId: enquiryId, detail: { form: 'initial-conference' } });
    return renderConferenceForm(reply, 200, 'initial', childId, enquiryId, { ...attendeeValues(previous) }, null);
  });

  app.post('/children/:childId/protection/enquiries/:enquiryId/conference', async (request, reply) => {
    const childId = await guard(request);
    const enquiryId = idParam(request, 'enquiryId');
    return handleForm(request, reply, {
      dates: ['heldOn'],
      attendees: true,
      schema: InitialConferenceInput,
      write: (user, data) => recordInitialConference(ctx.db, user, childId, enquiryId, data, today()),
      render: (status, values, errors) => renderConferenceForm(reply, status, 'initial', childId, enquiryId, values, errors),
      done: async (result) => {
        await request.audit({ action: 'create', childId, objectType: 'child-protection-conference', objectId: result.id });
        if (result.planId) {
          await request.audit({ action: 'create', childId, objectType: 'plan', objectId: result.planId });
          return `${protectionPath(childId)}/plans/${result.planId}`;
        }
        return `${protectionPath(childId)}/enquiries/${enquiryId}`;
      },
    });
  });

  app.get('/children/:childId/protection/plans/:planId/review', async (request, reply) => {
    const childId = await guard(request);
    const planId = idParam(request, 'planId');
    const page = await planPage(ctx.db, signedIn(request), childId, planId, today());
    const last = [...(page.initialConference ? [page.initialConference] : []), ...page.reviews].at(-1);
    const previous = await lastAttendees(ctx.db, childId, { planId });
    await request.audit({ action: 'view-child', childId, objectType: 'plan', objectId: planId, detail: { form: 'review-conference' } });
    return renderConferenceForm(reply, 200, 'review', childId, planId, { chairId: last?.chair_id ?? '', ...attendeeValues(previous) }, null);
  });

  app.post('/children/:childId/protection/plans/:planId/review', async (request, reply) => {
    const childId = await guard(request);
    const planId = idParam(request, 'planId');
    return handleForm(request, reply, {
      dates: ['heldOn'],
      attendees: true,
      schema: ReviewConferenceInput,
      write: (user, data) => recordReviewConference(ctx.db, user, childId, planId, data, today()),
      render: (status, values, errors) => renderConferenceForm(reply, status, 'review', childId, planId, values, errors),
      done: async (id) => {
        await request.audit({ action: 'create', childId, objectType: 'child-protection-conference', objectId: id });
        return `${protectionPath(childId)}/plans/${planId}`;
      },
    });
  });

  // --- the plan --------------------------------------------------------------------------------
  app.get('/children/:childId/protection/plans/:planId', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const planId = idParam(request, 'planId');
    const page = await planPage(ctx.db, signedIn(request), childId, planId, today());
    await request.audit({ action: 'view-child', childId, objectType: 'plan', objectId: planId });
    return reply.render(`${VIEWS}/plan.njk`, {
      title: 'Child protection plan',
      ...page,
      categoryLabel,
      attendeesText,
      decisionLabel: (c: Conference) =>
        (c.kind === 'initial' ? labelFor(INITIAL_CONFERENCE_DECISION, c.decision) : labelFor(REVIEW_CONFERENCE_DECISION, c.decision)) ?? c.decision,
      riskLabel: (code: string | null) => (code ? (labelFor(RISK_REDUCING, code) ?? code) : 'Not recorded'),
      backHref: protectionPath(childId),
      path: `${protectionPath(childId)}/plans/${planId}`,
    });
  });

  const renderCoreGroupForm = async (reply: FastifyReply, status: number, childId: string, planId: string, values: Record<string, unknown>, errors: FormErrors | null) => {
    const page = await planPage(ctx.db, signedIn(reply.request), childId, planId, today());
    return reply.code(status).render(`${VIEWS}/core-group-form.njk`, {
      title: 'Record a core group meeting',
      ...page,
      values,
      errors,
      dates: dateItemsFor(['heldOn'], values, errors),
      agencyItems: agencyItems(values),
      familyItems: checkboxItems(FAMILY_ATTENDANCE, values['familyAttended']),
      riskItems: radioItems(RISK_REDUCING, values['riskReducing']),
      backHref: `${protectionPath(childId)}/plans/${planId}`,
    });
  };

  app.get('/children/:childId/protection/plans/:planId/core-groups/new', async (request, reply) => {
    const childId = await guard(request);
    const planId = idParam(request, 'planId');
    const previous = await lastAttendees(ctx.db, childId, { planId });
    await request.audit({ action: 'view-child', childId, objectType: 'plan', objectId: planId, detail: { form: 'core-group' } });
    return renderCoreGroupForm(reply, 200, childId, planId, { heldOn: today(), ...attendeeValues(previous) }, null);
  });

  app.post('/children/:childId/protection/plans/:planId/core-groups/new', async (request, reply) => {
    const childId = await guard(request);
    const planId = idParam(request, 'planId');
    return handleForm(request, reply, {
      dates: ['heldOn'],
      attendees: true,
      schema: CoreGroupInput,
      write: (user, data) => recordCoreGroup(ctx.db, user, childId, planId, data, today()),
      render: (status, values, errors) => renderCoreGroupForm(reply, status, childId, planId, values, errors),
      done: async (id) => {
        await request.audit({ action: 'create', childId, objectType: 'core-group-meeting', objectId: id });
        return `${protectionPath(childId)}/plans/${planId}`;
      },
    });
  });

  const renderEndForm = async (reply: FastifyReply, status: number, childId: string, planId: string, values: Record<string, unknown>, errors: FormErrors | null) => {
    const page = await planPage(ctx.db, signedIn(reply.request), childId, planId, today());
    return reply.code(status).render(`${VIEWS}/plan-end.njk`, {
      title: 'End the child protection plan',
      ...page,
      values,
      errors,
      dates: dateItemsFor(['endedOn'], values, errors),
      backHref: `${protectionPath(childId)}/plans/${planId}`,
    });
  };

  app.get('/children/:childId/protection/plans/:planId/end', async (request, reply) => {
    const childId = await guard(request);
    const planId = idParam(request, 'planId');
    await request.audit({ action: 'view-child', childId, objectType: 'plan', objectId: planId, detail: { form: 'end' } });
    return renderEndForm(reply, 200, childId, planId, { endedOn: today() }, null);
  });

  app.post('/children/:childId/protection/plans/:planId/end', async (request, reply) => {
    const childId = await guard(request);
    const planId = idParam(request, 'planId');
    return handleForm(request, reply, {
      dates: ['endedOn'],
      schema: PlanEndInput,
      write: (user, data) => endChildProtectionPlan(ctx.db, user, childId, planId, data, today()),
      render: (status, values, errors) => renderEndForm(reply, status, childId, planId, values, errors),
      done: async () => {
        await request.audit({ action: 'update', childId, objectType: 'plan', objectId: planId, detail: { ended: true } });
        return `${protectionPath(childId)}/plans/${planId}`;
      },
    });
  });

  // -------------------------------------------------------------------------------------------
  // API
  // -------------------------------------------------------------------------------------------

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/protection',
    summary: 'A child’s strategy discussions, section 47 enquiries (with the initial conference due date), conferences and child protection plans (with next review, core group and visit due dates, repeat plan and duration flags).',
    tag: 'Child protection',
    params: ChildParams,
    handler: async ({ params, request }) => {
      const page = await protectionOverview(ctx.db, signedIn(request), params.childId, today());
      await request.audit({ action: 'view-child', childId: params.childId, objectType: 'protection', objectId: params.childId });
      return {
        strategyDiscussions: page.discussions.map(discussionJson),
        enquiries: page.enquiries.map((e) =>
          enquiryJson(e.enquiry, { status: e.status, initialConference: e.initialConference, conferenceDueOn: e.conferenceClock?.dueOn ?? null }),
        ),
        conferences: page.conferences.map(conferenceJson),
        plans: page.plans.map(planJson),
      };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/strategy-discussions',
    summary:
      'Record a strategy discussion in the child’s open episode. outcome S47 starts a section 47 enquiry (initiated on the discussion date; s47StartedOn may be later). While an enquiry is open, the discussion is recorded against it as a later strategy meeting and does not restart its clocks.',
    tag: 'Child protection',
    params: ChildParams,
    body: StrategyDiscussionInput,
    handler: async ({ params, body, request }) => {
      const result = await recordStrategyDiscussion(ctx.db, signedIn(request), params.childId, body, today());
      await request.audit({ action: 'create', childId: params.childId, objectType: 'strategy-discussion', objectId: result.id });
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
    handler: async ({ params, request }) => {
      const page = await strategyDiscussionPage(ctx.db, signedIn(request), params.childId, params.discussionId);
      await request.audit({ action: 'view-child', childId: params.childId, objectType: 'strategy-discussion', objectId: params.discussionId });
      return discussionJson({ ...page.discussion, onlyPoliceAndSocialCare: page.onlyPoliceAndSocialCare });
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/enquiries/:enquiryId',
    summary: 'One section 47 enquiry with its strategy discussions and the initial conference due date (15 working days from the initiating discussion).',
    tag: 'Child protection',
    params: EnquiryParams,
    handler: async ({ params, request }) => {
      const page = await enquiryPage(ctx.db, signedIn(request), params.childId, params.enquiryId);
      await request.audit({ action: 'view-child', childId: params.childId, objectType: 's47-enquiry', objectId: params.enquiryId });
      return {
        ...enquiryJson(page.enquiry, { status: page.status, initialConference: page.initialConference, conferenceDueOn: page.conferenceClock?.dueOn ?? null }),
        strategyDiscussions: page.discussions.map(discussionJson),
        initialConference: page.initialConference ? conferenceJson(page.initialConference) : null,
      };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/enquiries/:enquiryId/outcome',
    summary: 'Record how a section 47 enquiry ended: CONFERENCE (an initial conference is to be held) or NO_CONFERENCE (stops the initial conference clock).',
    tag: 'Child protection',
    params: EnquiryParams,
    body: EnquiryOutcomeInput,
    successStatus: 200,
    handler: async ({ params, body, request }) => {
      await recordEnquiryOutcome(ctx.db, signedIn(request), params.childId, params.enquiryId, body, today());
      await request.audit({ action: 'update', childId: params.childId, objectType: 's47-enquiry', objectId: params.enquiryId });
      return { id: params.enquiryId, outcome: body.outcome, completedOn: body.completedOn };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/enquiries/:enquiryId/initial-conference',
    summary:
      'Record the initial child protection conference of a section 47 enquiry. Refused before the enquiry was initiated or started. decision PLAN starts a child protection plan on the conference date (categoryOfAbuse required).',
    tag: 'Child protection',
    params: EnquiryParams,
    body: InitialConferenceInput,
    handler: async ({ params, body, request }) => {
      const result = await recordInitialConference(ctx.db, signedIn(request), params.childId, params.enquiryId, body, today());
      await request.audit({ action: 'create', childId: params.childId, objectType: 'child-protection-conference', objectId: result.id });
      if (result.planId) await request.audit({ action: 'create', childId: params.childId, objectType: 'plan', objectId: result.planId });
      return result;
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/cp-plans/:planId',
    summary: 'A child protection plan: dates, categories, repeat plan, 15-month and 2-year flags, next review, core group and visit due dates, conferences, core groups and visits.',
    tag: 'Child protection',
    params: PlanParams,
    handler: async ({ params, request }) => {
      const page = await planPage(ctx.db, signedIn(request), params.childId, params.planId, today());
      await request.audit({ action: 'view-child', childId: params.childId, objectType: 'plan', objectId: params.planId });
      return {
        ...planJson(page.summary),
        conferences: [...(page.initialConference ? [page.initialConference] : []), ...page.reviews].map(conferenceJson),
        coreGroups: page.coreGroups.map((g) => ({ id: g.id, heldOn: g.held_on, attendees: g.attendees, familyAttended: g.family_attended, riskReducing: g.risk_reducing, summary: g.summary })),
        visits: page.visits.map((v) => ({ id: v.id, visitedOn: v.visited_on, childSeen: v.child_seen, seenAlone: v.seen_alone })),
      };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/cp-plans/:planId/review-conferences',
    summary: 'Record a child protection review conference for an open plan. decision END ends the plan on the conference date (endReason required).',
    tag: 'Child protection',
    params: PlanParams,
    body: ReviewConferenceInput,
    handler: async ({ params, body, request }) => {
      const id = await recordReviewConference(ctx.db, signedIn(request), params.childId, params.planId, body, today());
      await request.audit({ action: 'create', childId: params.childId, objectType: 'child-protection-conference', objectId: id });
      return { id };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/cp-plans/:planId/core-groups',
    summary: 'Record a core group meeting of a child protection plan, with whether risk is reducing.',
    tag: 'Child protection',
    params: PlanParams,
    body: CoreGroupInput,
    handler: async ({ params, body, request }) => {
      const id = await recordCoreGroup(ctx.db, signedIn(request), params.childId, params.planId, body, today());
      await request.audit({ action: 'create', childId: params.childId, objectType: 'core-group-meeting', objectId: id });
      return { id };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/cp-plans/:planId/end',
    summary: 'End a child protection plan with a reason. Not before, or on the day, it started.',
    tag: 'Child protection',
    params: PlanParams,
    body: PlanEndInput,
    successStatus: 200,
    handler: async ({ params, body, request }) => {
      await endChildProtectionPlan(ctx.db, signedIn(request), params.childId, params.planId, body, today());
      await request.audit({ action: 'update', childId: params.childId, objectType: 'plan', objectId: params.planId, detail: { ended: true } });
      return { id: params.planId, endedOn: body.endedOn };
    },
  });

  // --- derived lists, for the performance work ---------------------------------------------------
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/strategy-discussions/only-police-and-social-care',
    summary: 'Strategy discussions where only police and children’s social care took part (not compliant with Working Together), for the children you may see. Optional from and to (YYYY-MM-DD).',
    tag: 'Child protection',
    query: PeriodQuery,
    handler: async ({ query, request }) => {
      const rows = await strategyDiscussionsWithOnlyPoliceAndSocialCare(ctx.db, signedIn(request), query);
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
    handler: async ({ query, request }) => {
      const rows = await repeatPlansStarted(ctx.db, signedIn(request), query);
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
    handler: async ({ query, request }) => {
      const asAt = query.asAt ?? today();
      const rows = await plansOfTwoYearsOrMore(ctx.db, signedIn(request), asAt);
      await request.audit({ action: 'export', objectType: 'report', objectId: 'cp-plans-two-years-or-more', detail: { count: rows.length, asAt } });
      return { asAt, plans: rows.map((r) => ({ id: r.id, childId: r.child_id, startedOn: r.started_on, endedOn: r.ended_on, open: r.open })) };
    },
  });
};
