// The children in care API: the same service functions and guards as the pages. HTTP only.
import type { FastifyInstance } from 'fastify';
import { correctMoveDate } from './move-date.ts';
import type { AppContext } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { stepApi } from '../server/step-api.ts';
import { childApi } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import { ChildParams } from '../plans/fields.ts';
import { careOf } from './care.ts';
import { z } from 'zod';
import { CarePlanStart, EnterCareInput, LibertyEndInput, LibertyOrderInput, LibertyReviewInput, LeaveCareInput, LegalStatusChangeInput, MoveDateCorrection, NotificationInput, PlacementChangeInput, PlacementCorrection, PlacementParams, PlacementPlanInput, ReviewCorrection, ReviewInput, ReviewParams } from './schemas.ts';
import { agreePlacementPlan, changeLegalStatus, changePlacement, correctPlacement, enterCare, leaveCare, notifyPlacement, startCarePlan } from './service.ts';
import { PreviousPermanenceInput } from './schemas.ts';
import { recordPreviousPermanence } from './previous-permanence.ts';
import { correctReview, deleteReview, recordReview } from './reviews.ts';
import { endLibertyOrder, recordLibertyOrder, reviewLibertyOrder } from './liberty.ts';

const PLACEMENT = { placementId: 'placement' } as const;
const tag = 'Children in care';

export function careApi(app: FastifyInstance, ctx: AppContext): void {
  const today = () => ctx.time.today();

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/care',
    summary: 'A child’s periods of care: placements (with distance from home and whether in the council’s area), legal statuses, the SSDA903 episodes they make, looked-after reviews, placement moves in the last 12 months, and what is due',
    tag,
    params: ChildParams,
    guard: childApi('see', 'care'),
    handler: ({ params }) => careOf(ctx.db, params.childId, today()),
  });

  const record = stepApi(app, ctx, tag);

  record({
    url: '/api/v1/children/:childId/care-periods',
    summary: 'Record that the child started to be looked after, with the legal status and the first placement (needs an open episode of need and a manager’s entry_to_care decision: decision 0025). Starts the care plan, placement plan, notification, visit and review clocks.',
    params: ChildParams,
    body: EnterCareInput,
    objectType: 'care-period',
    save: (u, p, d, t) => enterCare(ctx.db, u, p.childId, d, t),
  });
  record({
    url: '/api/v1/children/:childId/placements',
    summary: 'Record a change of placement: ends the current placement with the reason and starts the new one (SSDA903: a new episode, RNE P or T)',
    params: ChildParams,
    body: PlacementChangeInput,
    objectType: 'placement',
    save: (u, p, d, t) => changePlacement(ctx.db, u, p.childId, d, t),
  });
  record({
    url: '/api/v1/children/:childId/legal-statuses',
    summary: 'Record a change of legal status (SSDA903: a new episode, RNE L)',
    params: ChildParams,
    body: LegalStatusChangeInput,
    objectType: 'legal-status',
    save: (u, p, d, t) => changeLegalStatus(ctx.db, u, p.childId, d, t),
  });
  record({
    url: '/api/v1/children/:childId/care-plan',
    summary: 'Start the care plan (CPPCR reg 4: within 10 working days of the first placement); add its outcomes and actions through the plans API',
    params: ChildParams,
    body: CarePlanStart,
    objectType: 'plan',
    save: (u, p, d, t) => startCarePlan(ctx.db, u, p.childId, d, t),
  });
  record({
    url: '/api/v1/children/:childId/care-periods/latest/previous-permanence',
    summary: 'Record the permanence the child had before the latest period of care (SSDA903 PrevPerm: PREV_PERM, LA_PERM, DATE_PERM; rules 630-635). Changing it once recorded is a correction: give the reason.',
    params: ChildParams,
    body: PreviousPermanenceInput,
    objectType: 'care-period',
    action: 'update',
    save: (u, p, d, t) => recordPreviousPermanence(ctx.db, u, p.childId, d, t),
  });
  record({
    url: '/api/v1/children/:childId/care-periods/current/end',
    summary: 'Record that the child ceased to be looked after, with the reason (SSDA903 REC); ends the placement, the legal status and the care plan',
    params: ChildParams,
    body: LeaveCareInput,
    objectType: 'care-period',
    action: 'update',
    save: (u, p, d, t) => leaveCare(ctx.db, u, p.childId, d, t),
  });
  record({
    url: '/api/v1/children/:childId/placements/:placementId/plan',
    summary: 'Record that the placement plan was agreed with the carers (CPPCR reg 9: within 5 working days)',
    params: PlacementParams,
    body: PlacementPlanInput,
    objectType: 'placement',
    records: PLACEMENT,
    action: 'update',
    save: (u, p, d, t) => agreePlacementPlan(ctx.db, u, p.childId, p.placementId, d, t),
  });
  record({
    url: '/api/v1/children/:childId/placements/:placementId/moved-on',
    summary: 'Correct the day the child moved to this placement, with the reason: the last placement ends that day, and visits, clocks and episodes follow',
    params: PlacementParams,
    body: MoveDateCorrection,
    objectType: 'placement',
    records: PLACEMENT,
    action: 'update',
    save: (u, p, d, t) => correctMoveDate(ctx.db, u, p.childId, p.placementId, d, t),
  });
  record({
    url: '/api/v1/children/:childId/placements/:placementId/notified',
    summary: 'Record that the placement was notified (CPPCR reg 13: within 5 working days; the host council too for a placement outside the area)',
    params: PlacementParams,
    body: NotificationInput,
    objectType: 'placement',
    records: PLACEMENT,
    action: 'update',
    save: (u, p, d, t) => notifyPlacement(ctx.db, u, p.childId, p.placementId, d, t),
  });
  record({
    url: '/api/v1/children/:childId/looked-after-reviews',
    summary: 'Record a looked-after review chaired by an IRO, with the child’s participation (SSDA903 REVIEW_CODE) and, by the second review, the permanence plan',
    params: ChildParams,
    body: ReviewInput,
    objectType: 'looked-after-review',
    save: (u, p, d, t) => recordReview(ctx.db, u, p.childId, d, t),
  });

  const ORDER = { orderId: 'liberty_order' } as const;
  const OrderParams = z.object({ childId: z.guid(), orderId: z.guid() });
  record({
    url: '/api/v1/children/:childId/liberty-orders',
    summary: 'Record an order depriving a child in care of liberty (secure accommodation, relevant accommodation, High Court): reviews are due within a month, then 3-monthly',
    params: ChildParams,
    body: LibertyOrderInput,
    objectType: 'liberty-order',
    save: (u, p, d, t) => recordLibertyOrder(ctx.db, u, p.childId, d, t),
  });
  record({
    url: '/api/v1/children/:childId/liberty-orders/:orderId/reviews',
    summary: 'Record a review of the deprivation of liberty',
    params: OrderParams,
    body: LibertyReviewInput,
    objectType: 'liberty-review',
    records: ORDER,
    save: (u, p, d, t) => reviewLibertyOrder(ctx.db, u, p.childId, p.orderId, d, t),
  });
  record({
    url: '/api/v1/children/:childId/liberty-orders/:orderId/end',
    summary: 'Record that the deprivation of liberty ended (not after the last day the order authorised)',
    params: OrderParams,
    body: LibertyEndInput,
    objectType: 'liberty-order',
    records: ORDER,
    action: 'update',
    save: (u, p, d, t) => endLibertyOrder(ctx.db, u, p.childId, p.orderId, d, t),
  });

  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/placements/:placementId',
    tag,
    objectType: 'placement',
    params: PlacementParams,
    records: PLACEMENT,
    correct: {
      summary: 'Correct what was recorded about a placement (not its dates), with the reason; the distance is worked out again',
      body: PlacementCorrection,
      save: (u, p, body) => correctPlacement(ctx.db, u, p.childId, p.placementId, body),
    },
  });
  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/looked-after-reviews/:reviewId',
    tag,
    objectType: 'looked-after-review',
    params: ReviewParams,
    records: { reviewId: 'looked_after_review' },
    correct: {
      summary: 'Correct a looked-after review with the reason; the old version is kept and the review clock follows',
      body: ReviewCorrection,
      save: (u, p, body, t) => correctReview(ctx.db, u, p.childId, p.reviewId, body, t),
    },
    remove: {
      summary: 'Delete a looked-after review, with the reason: it leaves the chronology and stops meeting the review clock; a copy is kept',
      save: (u, p, body) => deleteReview(ctx.db, u, p.childId, p.reviewId, body.reason),
    },
  });
}
