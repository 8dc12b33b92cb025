// Section 47 enquiries: the enquiry's page and its outcome, as pages and API. HTTP only: the rules
// are in service-enquiry.ts.
import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../server/api.ts';
import type { AppContext } from '../server/context.ts';
import { childApi, childForm, childPage } from '../server/child-pages.ts';
import { radioItems } from '../server/form-items.ts';
import { ENQUIRY_OUTCOME } from './codes.ts';
import { EnquiryOutcomeInput, EnquiryParams } from './schemas.ts';
import type { StrategyDiscussion } from './service.ts';
import { enquiryPage, recordEnquiryOutcome } from './service-enquiry.ts';
import { agencyLabel, conferenceJson, discussionJson, enquiryJson, enquiryPath, labels, protectionPath, STATUS_LABELS } from './shapes.ts';

const VIEWS = 'protection/views';

export function enquiryRoutes(app: FastifyInstance, ctx: AppContext): void {
  childPage(app, ctx, {
    path: '/children/:childId/protection/enquiries/:enquiryId',
    records: { enquiryId: 's47_enquiry' },
    audit: 's47-enquiry',
    template: `${VIEWS}/enquiry.njk`,
    load: async ({ child, params }) => {
      const page = await enquiryPage(ctx.db, child.id, params['enquiryId']!);
      return {
        title: 'Section 47 enquiry',
        ...page,
        ...labels,
        statusLabel: STATUS_LABELS[page.status],
        outcomeLabel: labels.outcomeLabel(page.enquiry.outcome),
        agencyText: (d: StrategyDiscussion) => d.attendees.map((a) => agencyLabel(a.agency)).join(', '),
        backHref: protectionPath(child.id),
        path: enquiryPath(child.id, page.enquiry.id),
      };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/protection/enquiries/:enquiryId/outcome',
    records: { enquiryId: 's47_enquiry' },
    audit: 's47-enquiry',
    template: `${VIEWS}/enquiry-outcome.njk`,
    decision: 's47_outcome',
    schema: EnquiryOutcomeInput,
    dates: ['completedOn'],
    fields: ['outcome', 'completedOn', 'summary'],
    fallbackField: 'outcome',
    load: ({ child, params }) => enquiryPage(ctx.db, child.id, params['enquiryId']!),
    initial: (_page, { today }) => ({ completedOn: today }),
    view: (page, values, { child }) => ({
      title: 'Record the outcome of the section 47 enquiry',
      ...page,
      outcomeItems: radioItems(ENQUIRY_OUTCOME, values['outcome']),
      backHref: enquiryPath(child.id, page.enquiry.id),
    }),
    save: async (input, { user, child, params, today }) => {
      const id = params['enquiryId']!;
      await recordEnquiryOutcome(ctx.db, user, child.id, id, input, today);
      // The enquiry's page offers the next step: the initial conference, when one is to be held.
      return { next: enquiryPath(child.id, id), audit: { action: 'update', objectType: 's47-enquiry', objectId: id } };
    },
  });

  // --- API --------------------------------------------------------------------------------------
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/enquiries/:enquiryId',
    summary: 'One section 47 enquiry with its strategy discussions and the initial conference due date (15 working days from the initiating discussion).',
    tag: 'Child protection',
    params: EnquiryParams,
    guard: childApi('see', 's47-enquiry', { records: { enquiryId: 's47_enquiry' } }),
    handler: async ({ params }) => {
      const page = await enquiryPage(ctx.db, params.childId, params.enquiryId);
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
    guard: childApi('change', 's47-enquiry', { records: { enquiryId: 's47_enquiry' } }),
    change: { action: 'update', objectType: 's47-enquiry' },
    handler: async ({ params, body, request }) => {
      await recordEnquiryOutcome(ctx.db, request.user!, params.childId, params.enquiryId, body, ctx.time.today());
      return { id: params.enquiryId, outcome: body.outcome, completedOn: body.completedOn };
    },
  });
}
