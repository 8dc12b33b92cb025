// Child protection conferences: the initial conference of an enquiry and the reviews of a plan;
// each one's page, its correction and its deletion; as pages and API. HTTP only: the rules are in
// service-conference.ts.
import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../server/api.ts';
import type { AppContext } from '../server/context.ts';
import { childApi, childDelete, childForm, childPage, type Values } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import { checkboxItems, optionItems, radioItems } from '../server/form-items.ts';
import { formatDate } from '../server/format.ts';
import { CATEGORY_OF_ABUSE } from '../codes/index.ts';
import { FAMILY_ATTENDANCE, INITIAL_CONFERENCE_DECISION, REVIEW_CONFERENCE_DECISION } from './codes.ts';
import { ConferenceCorrection, ConferenceParams, EnquiryParams, InitialConferenceInput, PlanParams, ReviewConferenceInput, attendeesFromForm } from './schemas.ts';
import { lastAttendees } from './service.ts';
import { enquiryPage } from './service-enquiry.ts';
import { planPage } from './service-plan.ts';
import { conferenceChairs, conferencePage, correctConference, deleteConference, recordInitialConference, recordReviewConference } from './service-conference.ts';
import { agencyItems, attendeeValues } from './agency-items.ts';
import { conferenceJson, conferencePath, decisionLabel, enquiryPath, labels, planPath } from './shapes.ts';

const VIEWS = 'protection/views';
const FIELDS = ['heldOn', 'chairId', 'attendees', 'familyAttended', 'decision', 'categoryOfAbuse', 'endReason', 'summary'] as const;
const withAttendees = (values: Values) => ({ ...values, attendees: attendeesFromForm(values) });

type Chairs = Awaited<ReturnType<typeof conferenceChairs>>;

/** The inputs every conference form shows, from what was typed or stored. */
const conferenceItems = (chairs: Chairs, values: Values, kind: 'initial' | 'review') => ({
  chairItems: optionItems(
    chairs.map((c) => ({ value: c.id, text: c.display_name })),
    values['chairId'],
    'Choose the chair',
  ),
  agencyItems: agencyItems(values),
  familyItems: checkboxItems(FAMILY_ATTENDANCE, values['familyAttended']),
  decisionItems: radioItems(kind === 'initial' ? INITIAL_CONFERENCE_DECISION : REVIEW_CONFERENCE_DECISION, values['decision']),
  categoryItems: radioItems(CATEGORY_OF_ABUSE, values['categoryOfAbuse']),
});

export function conferenceRoutes(app: FastifyInstance, ctx: AppContext): void {
  childForm(app, ctx, {
    path: '/children/:childId/protection/enquiries/:enquiryId/conference',
    records: { enquiryId: 's47_enquiry' },
    audit: 's47-enquiry',
    template: `${VIEWS}/conference-form.njk`,
    schema: InitialConferenceInput,
    dates: ['heldOn'],
    input: withAttendees,
    fields: FIELDS,
    load: async ({ child, params }) => {
      const enquiryId = params['enquiryId']!;
      const [enquiry, chairs, previous] = await Promise.all([
        enquiryPage(ctx.db, child.id, enquiryId),
        conferenceChairs(ctx.db),
        lastAttendees(ctx.db, child.id, { enquiryId }),
      ]);
      return { enquiry, chairs, previous };
    },
    // Who came to the strategy discussions is who is likely to come to the conference.
    initial: (data) => ({ ...attendeeValues(data.previous) }),
    view: (data, values, { child }) => ({
      title: 'Record the initial child protection conference',
      kind: 'initial',
      enquiryPage: data.enquiry,
      backHref: enquiryPath(child.id, data.enquiry.enquiry.id),
      ...conferenceItems(data.chairs, values, 'initial'),
    }),
    save: async (input, page) => {
      const { child, params } = page;
      const result = await recordInitialConference(ctx.db, page.user, child.id, params['enquiryId']!, input, page.today);
      if (result.planId) {
        await page.request.audit({ action: 'create', childId: child.id, objectType: 'plan', objectId: result.planId });
      }
      // A plan: its page offers the next steps (write the plan, record a core group).
      const next = result.planId ? planPath(child.id, result.planId) : enquiryPath(child.id, params['enquiryId']!);
      return { next, audit: { action: 'create', objectType: 'child-protection-conference', objectId: result.id } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/protection/plans/:planId/review',
    records: { planId: 'plan' },
    audit: 'plan',
    template: `${VIEWS}/conference-form.njk`,
    schema: ReviewConferenceInput,
    dates: ['heldOn'],
    input: withAttendees,
    fields: FIELDS,
    load: async ({ child, params, today }) => {
      const planId = params['planId']!;
      const [plan, chairs, previous] = await Promise.all([planPage(ctx.db, child.id, planId, today), conferenceChairs(ctx.db), lastAttendees(ctx.db, child.id, { planId })]);
      return { plan, chairs, previous };
    },
    // The chair and who came last time.
    initial: (data) => {
      const last = [...(data.plan.initialConference ? [data.plan.initialConference] : []), ...data.plan.reviews].at(-1);
      return { chairId: last?.chair_id ?? '', ...attendeeValues(data.previous) };
    },
    view: (data, values, { child }) => ({
      title: 'Record a child protection review conference',
      kind: 'review',
      planPage: data.plan,
      backHref: planPath(child.id, data.plan.summary.plan.id),
      ...conferenceItems(data.chairs, values, 'review'),
    }),
    save: async (input, { user, child, params, today }) => {
      const id = await recordReviewConference(ctx.db, user, child.id, params['planId']!, input, today);
      return { next: planPath(child.id, params['planId']!), audit: { action: 'create', objectType: 'child-protection-conference', objectId: id } };
    },
  });

  childPage(app, ctx, {
    path: '/children/:childId/protection/conferences/:conferenceId',
    records: { conferenceId: 'child_protection_conference' },
    audit: 'child-protection-conference',
    template: `${VIEWS}/conference.njk`,
    load: async ({ child, params }) => {
      const page = await conferencePage(ctx.db, child.id, params['conferenceId']!);
      const c = page.conference;
      return {
        title: `${c.kind === 'initial' ? 'Initial child protection conference' : 'Child protection review conference'} on ${formatDate(c.held_on)}`,
        ...page,
        ...labels,
        backHref: c.kind === 'initial' ? enquiryPath(child.id, c.enquiry_id!) : planPath(child.id, c.plan_id!),
        path: conferencePath(child.id, c.id),
      };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/protection/conferences/:conferenceId/change',
    records: { conferenceId: 'child_protection_conference' },
    audit: 'child-protection-conference',
    template: `${VIEWS}/conference-form.njk`,
    schema: ConferenceCorrection,
    dates: ['heldOn'],
    input: withAttendees,
    fields: [...FIELDS, 'changeReason'],
    load: async ({ child, params }) => {
      const [page, chairs] = await Promise.all([conferencePage(ctx.db, child.id, params['conferenceId']!), conferenceChairs(ctx.db)]);
      return { ...page, chairs };
    },
    initial: ({ conference: c }) => ({
      heldOn: c.held_on,
      chairId: c.chair_id,
      ...attendeeValues(c.attendees),
      familyAttended: c.family_attended,
      categoryOfAbuse: c.category_of_abuse ?? '',
      endReason: c.end_reason ?? '',
      summary: c.summary ?? '',
      version: c.version,
    }),
    view: (data, values, { child }) => ({
      title: `Correct the ${data.conference.kind === 'initial' ? 'initial conference' : 'review conference'} of ${formatDate(data.conference.held_on)}`,
      kind: data.conference.kind,
      correcting: true,
      conference: data.conference,
      decision: decisionLabel(data.conference),
      backHref: conferencePath(child.id, data.conference.id),
      ...conferenceItems(data.chairs, values, data.conference.kind),
    }),
    save: async (input, { user, child, params, today }) => {
      const id = params['conferenceId']!;
      await correctConference(ctx.db, user, child.id, id, input, today);
      return { next: conferencePath(child.id, id), audit: { action: 'update', objectType: 'child-protection-conference', objectId: id } };
    },
  });

  childDelete(app, ctx, {
    path: '/children/:childId/protection/conferences/:conferenceId/delete',
    records: { conferenceId: 'child_protection_conference' },
    audit: 'child-protection-conference',
    title: 'Delete this conference',
    load: async ({ child, params }) => {
      const { conference: c, chairName } = await conferencePage(ctx.db, child.id, params['conferenceId']!);
      const also =
        c.kind === 'initial' && c.plan_id
          ? 'The child protection plan it started'
          : c.kind === 'review' && c.decision === 'END'
            ? 'Nothing: the plan it ended is open again'
            : null;
      return {
        backHref: conferencePath(child.id, c.id),
        rows: [
          { key: { text: c.kind === 'initial' ? 'Initial conference' : 'Review conference' }, value: { text: `${formatDate(c.held_on)}, chaired by ${chairName}` } },
          { key: { text: 'Decision' }, value: { text: decisionLabel(c) } },
          ...(also ? [{ key: { text: 'Also deleted' }, value: { text: also } }] : []),
        ],
      };
    },
    remove: async ({ user, child, params }, reason) => {
      const conference = await deleteConference(ctx.db, user, child.id, params['conferenceId']!, reason);
      // Back to what the conference belonged to, where the clock it had met is due again.
      const next = conference.kind === 'initial' ? enquiryPath(child.id, conference.enquiry_id!) : planPath(child.id, conference.plan_id!);
      return { next, audit: { action: 'delete', objectType: 'child-protection-conference', objectId: conference.id } };
    },
  });

  // --- API --------------------------------------------------------------------------------------
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/enquiries/:enquiryId/initial-conference',
    summary:
      'Record the initial child protection conference of a section 47 enquiry. Refused before the enquiry was initiated or started. decision PLAN starts a child protection plan on the conference date (categoryOfAbuse required).',
    tag: 'Child protection',
    params: EnquiryParams,
    body: InitialConferenceInput,
    guard: childApi('change', 'child-protection-conference', { records: { enquiryId: 's47_enquiry' } }),
    change: { action: 'create', objectType: 'child-protection-conference' },
    handler: async ({ params, body, request }) => {
      const result = await recordInitialConference(ctx.db, request.user!, params.childId, params.enquiryId, body, ctx.time.today());
      if (result.planId) await request.audit({ action: 'create', childId: params.childId, objectType: 'plan', objectId: result.planId });
      return result;
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/cp-plans/:planId/review-conferences',
    summary: 'Record a child protection review conference for an open plan. decision END ends the plan on the conference date (endReason required).',
    tag: 'Child protection',
    params: PlanParams,
    body: ReviewConferenceInput,
    guard: childApi('change', 'child-protection-conference', { records: { planId: 'plan' } }),
    change: { action: 'create', objectType: 'child-protection-conference' },
    handler: async ({ params, body, request }) => ({ id: await recordReviewConference(ctx.db, request.user!, params.childId, params.planId, body, ctx.time.today()) }),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/conferences/:conferenceId',
    summary: 'One child protection conference (initial or review), with its version for a correction.',
    tag: 'Child protection',
    params: ConferenceParams,
    guard: childApi('see', 'child-protection-conference', { records: { conferenceId: 'child_protection_conference' } }),
    handler: async ({ params }) => conferenceJson((await conferencePage(ctx.db, params.childId, params.conferenceId)).conference),
  });

  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/conferences/:conferenceId',
    tag: 'Child protection',
    objectType: 'child-protection-conference',
    params: ConferenceParams,
    records: { conferenceId: 'child_protection_conference' },
    correct: {
      summary:
        'Correct a conference (not its decision) with changeReason and the version seen; the old version is kept. The plan an initial conference started, or a review ended, moves with its date, and the clocks follow.',
      body: ConferenceCorrection,
      save: (u, p, d, t) => correctConference(ctx.db, u, p.childId, p.conferenceId, d, t),
    },
    remove: {
      summary:
        'Delete a conference with the reason; a copy is kept and the clock it met is due again. An initial conference that started a plan deletes the plan, only while nothing is recorded under it; a review that ended a plan re-opens it.',
      save: async (u, p, d) => {
        await deleteConference(ctx.db, u, p.childId, p.conferenceId, d.reason);
      },
    },
  });
}
