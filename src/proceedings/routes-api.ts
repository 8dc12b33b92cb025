// The pre-proceedings and care proceedings API, and the tracker. Each operation declares its guard
// (the records its path names are checked to be the child's); HTTP only.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { stepApi } from '../server/step-api.ts';
import { childApi } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import { Forbidden } from '../server/errors.ts';
import { ChildParams } from '../plans/fields.ts';
import {
  ConclusionInput,
  HearingCorrection,
  HearingInput,
  HearingParams,
  IssueProceedingsInput,
  LegalPlanningMeetingInput,
  LetterBeforeProceedingsInput,
  OrderCorrection,
  OrderInput,
  OrderParams,
  PreProceedingsEndInput,
  PreProceedingsMeetingInput,
  PreProceedingsParams,
  ProceedingsCorrection,
  ProceedingsParams,
} from './schemas.ts';
import {
  concludeProceedings,
  endPreProceedings,
  issueProceedings,
  proceedingsOfChild,
  recordHearing,
  recordLegalPlanningMeeting,
  recordOrder,
  recordPreProceedingsMeeting,
  sendLetterBeforeProceedings,
} from './service.ts';
import { correctHearing, correctOrder, correctProceedings, deleteHearing, deleteOrder } from './corrections.ts';
import { mayUseTracker, STAGES, tracker, TRACKER_GUARD, TRACKER_PAGE_SIZE, TRACKER_REFUSAL } from './tracker.ts';

const TrackerQuery = z.object({
  stage: z.enum(STAGES).optional(),
  page: z.coerce.number().int().min(1).optional(),
});

const PRE = { records: { preProceedingsId: 'pre_proceedings' } } as const;
const CARE = { records: { proceedingsId: 'care_proceedings' } } as const;
const HEARING = { records: { hearingId: 'court_hearing' } } as const;
const ORDER = { records: { orderId: 'court_order' } } as const;

export function proceedingsApi(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'Pre-proceedings and court';
  const today = () => ctx.time.today();

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/proceedings',
    summary: 'A child’s legal planning meetings, pre-proceedings and care proceedings, with hearings, orders, the 26-week date and the next step',
    tag,
    params: ChildParams,
    guard: childApi('see', 'proceedings'),
    handler: ({ params }) => proceedingsOfChild(ctx.db, params.childId, today()),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/proceedings/tracker',
    summary: 'Every child you may see in pre-proceedings or proceedings (or with a decision not yet acted on): stage, age, last and next step, 26-week date, worker; 50 a page, with the counts by stage',
    tag,
    query: TrackerQuery,
    guard: TRACKER_GUARD,
    handler: async ({ request, query }) => {
      if (!mayUseTracker(request.user!)) throw new Forbidden(TRACKER_REFUSAL);
      const found = await tracker(ctx.db, request.user!, today(), { stage: query.stage ?? null, page: query.page ?? 1, pageSize: TRACKER_PAGE_SIZE });
      await request.audit({ action: 'view-child', objectType: 'proceedings-tracker', detail: { children: found.rows.length, stage: query.stage ?? null, page: found.page } });
      return { children: found.rows, counts: found.counts, total: found.total, page: found.page, pages: found.pageCount };
    },
  });

  const record = stepApi(app, ctx, tag);

  record({
    url: '/api/v1/children/:childId/legal-planning-meetings',
    summary: 'Record a legal planning meeting and its decision',
    params: ChildParams,
    body: LegalPlanningMeetingInput,
    objectType: 'legal-planning-meeting',
    save: (u, p, d, t) => recordLegalPlanningMeeting(ctx.db, u, p.childId, d, t),
  });
  record({
    url: '/api/v1/children/:childId/pre-proceedings',
    summary: 'Record the letter before proceedings: starts pre-proceedings (not before the legal planning meeting that decided it)',
    params: ChildParams,
    body: LetterBeforeProceedingsInput,
    objectType: 'pre-proceedings',
    save: (u, p, d, t) => sendLetterBeforeProceedings(ctx.db, u, p.childId, d, t),
  });
  record({
    url: '/api/v1/children/:childId/pre-proceedings/:preProceedingsId/meetings',
    summary: 'Record a pre-proceedings meeting or review',
    params: PreProceedingsParams,
    body: PreProceedingsMeetingInput,
    objectType: 'pre-proceedings-meeting',
    records: PRE.records,
    save: (u, p, d, t) => recordPreProceedingsMeeting(ctx.db, u, p.childId, p.preProceedingsId, d, t),
  });
  record({
    url: '/api/v1/children/:childId/pre-proceedings/:preProceedingsId/end',
    summary: 'End pre-proceedings: step down or issue proceedings',
    params: PreProceedingsParams,
    body: PreProceedingsEndInput,
    objectType: 'pre-proceedings',
    records: PRE.records,
    action: 'update',
    save: (u, p, d, t) => endPreProceedings(ctx.db, u, p.childId, p.preProceedingsId, d, t),
  });
  record({
    url: '/api/v1/children/:childId/care-proceedings',
    summary: 'Record the issue of care proceedings: starts the 26-week clock (due on issue date + 26 weeks − 1 day)',
    params: ChildParams,
    body: IssueProceedingsInput,
    objectType: 'care-proceedings',
    save: (u, p, d, t) => issueProceedings(ctx.db, u, p.childId, d, t),
  });
  record({
    url: '/api/v1/children/:childId/care-proceedings/:proceedingsId/hearings',
    summary: 'Record a hearing (not before issue)',
    params: ProceedingsParams,
    body: HearingInput,
    objectType: 'court-hearing',
    records: CARE.records,
    save: (u, p, d, t) => recordHearing(ctx.db, u, p.childId, p.proceedingsId, d, t),
  });
  record({
    url: '/api/v1/children/:childId/care-proceedings/:proceedingsId/orders',
    summary: 'Record an order made in the proceedings',
    params: ProceedingsParams,
    body: OrderInput,
    objectType: 'court-order',
    records: CARE.records,
    save: (u, p, d, t) => recordOrder(ctx.db, u, p.childId, p.proceedingsId, d, t),
  });
  record({
    url: '/api/v1/children/:childId/care-proceedings/:proceedingsId/conclusion',
    summary: 'Record the conclusion of care proceedings: meets the 26-week clock',
    params: ProceedingsParams,
    body: ConclusionInput,
    objectType: 'care-proceedings',
    records: CARE.records,
    action: 'update',
    save: (u, p, d, t) => concludeProceedings(ctx.db, u, p.childId, p.proceedingsId, d, t),
  });

  // --- Corrections and deletions --------------------------------------------------------------
  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/care-proceedings/:proceedingsId',
    tag,
    objectType: 'care-proceedings',
    params: ProceedingsParams,
    ...CARE,
    correct: {
      summary: 'Correct the issue of care proceedings with the reason (the old version is kept); a new issue date moves the 26-week clock',
      body: ProceedingsCorrection,
      save: (u, p, d, t) => correctProceedings(ctx.db, u, p.childId, p.proceedingsId, d, t),
    },
  });

  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/court-hearings/:hearingId',
    tag,
    objectType: 'court-hearing',
    params: HearingParams,
    ...HEARING,
    correct: {
      summary: 'Correct a hearing with the reason; the old version is kept and the chronology follows',
      body: HearingCorrection,
      save: (u, p, d, t) => correctHearing(ctx.db, u, p.childId, p.hearingId, d, t),
    },
    remove: {
      summary: 'Delete a hearing, with the reason: it leaves the chronology; a copy is kept',
      save: (u, p, d) => deleteHearing(ctx.db, u, p.childId, p.hearingId, d.reason),
    },
  });

  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/court-orders/:orderId',
    tag,
    objectType: 'court-order',
    params: OrderParams,
    ...ORDER,
    correct: {
      summary: 'Correct an order with the reason; the old version is kept and the chronology follows',
      body: OrderCorrection,
      save: (u, p, d, t) => correctOrder(ctx.db, u, p.childId, p.orderId, d, t),
    },
    remove: {
      summary: 'Delete an order, with the reason: it leaves the chronology; a copy is kept',
      save: (u, p, d) => deleteOrder(ctx.db, u, p.childId, p.orderId, d.reason),
    },
  });
}
