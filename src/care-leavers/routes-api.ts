// The leaving care API: the same service functions and guards as the pages. HTTP only.
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { childApi } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import { stepApi } from '../server/step-api.ts';
import type { SignedInUser } from '../access/policy.ts';
import { ChildParams } from '../plans/fields.ts';
import { leavingCareOf } from './leaving-care.ts';
import { AccommodationInput, BirthdayCorrection, NewBirthdayInput, ContactInput, PathwayPlanReviewCorrection, PathwayPlanReviewInput, PathwayPlanStart, RecordParams, ReviewParams, SupportInput } from './schemas.ts';
import { correctBirthday, correctPathwayPlanReview, deleteCareLeaverRecord, recordAccommodation, recordBirthday, recordContact, recordSupport, reviewPathwayPlan, startPathwayPlan } from './service.ts';

const tag = 'Leaving care';

export function careLeaversApi(app: FastifyInstance, ctx: AppContext): void {
  const today = () => ctx.time.today();

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/leaving-care',
    summary: 'A young person’s care leaver status (derived from their periods of care), pathway plan and reviews, contact, accommodation, the SSDA903 OC3 record at each birthday from 17 to 21, support given, and what is due',
    tag,
    params: ChildParams,
    guard: childApi('see', 'leaving-care'),
    handler: ({ params }) => leavingCareOf(ctx.db, params.childId, today()),
  });

  const record = stepApi(app, ctx, tag);
  /** A step posted about the young person: the same service call as its page. */
  const create = <B extends z.ZodType>(url: string, summary: string, objectType: string, body: B, save: (user: SignedInUser, childId: string, input: z.output<B>) => Promise<string>) =>
    record({ url, summary, params: ChildParams, body, objectType, save: (user, p, input) => save(user, p.childId, input) });

  create('/api/v1/children/:childId/pathway-plan', 'Start the pathway plan (an eligible, relevant or former relevant young person); add its outcomes and actions through the plans API', 'plan', PathwayPlanStart, (u, c, i) => startPathwayPlan(ctx.db, u, c, i, today()));
  create('/api/v1/children/:childId/pathway-plan-reviews', 'Record a review of the open pathway plan, with the contingencies', 'pathway-plan-review', PathwayPlanReviewInput, (u, c, i) => reviewPathwayPlan(ctx.db, u, c, i, today()));
  create('/api/v1/children/:childId/care-leaver-contacts', 'Record contact with (or an attempt to reach) a care leaver', 'care-leaver-contact', ContactInput, (u, c, i) => recordContact(ctx.db, u, c, i, today()));
  create(
    '/api/v1/children/:childId/care-leaver-accommodation',
    'Record a move to new accommodation: bed and breakfast needs a plan to move and a date; unsuitable accommodation needs a plan',
    'care-leaver-accommodation',
    AccommodationInput,
    (u, c, i) => recordAccommodation(ctx.db, u, c, i, today()),
  );
  create(
    '/api/v1/children/:childId/care-leaver-birthdays',
    'Record the SSDA903 OC3 facts around a birthday from 17 to 21: in touch, activity, accommodation',
    'care-leaver-birthday',
    NewBirthdayInput,
    (u, c, i) => recordBirthday(ctx.db, u, c, i.age, i, today()),
  );
  create('/api/v1/children/:childId/care-leaver-support', 'Record support given: health history, entitlements, staying put, staying close, identity documents', 'care-leaver-support', SupportInput, (u, c, i) => recordSupport(ctx.db, u, c, i, today()));

  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/pathway-plan-reviews/:reviewId',
    tag,
    objectType: 'pathway-plan-review',
    params: ReviewParams,
    records: { reviewId: 'pathway_plan_review' },
    correct: { summary: 'Correct a pathway plan review with the reason; the old version is kept', body: PathwayPlanReviewCorrection, save: (u, p, b, t) => correctPathwayPlanReview(ctx.db, u, p.childId, p.reviewId, b, t) },
    remove: { summary: 'Delete a pathway plan review with the reason; a copy is kept', save: (u, p, b) => deleteCareLeaverRecord(ctx.db, u, p.childId, 'pathway_plan_review', p.reviewId, b.reason) },
  });
  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/care-leaver-birthdays/:recordId',
    tag,
    objectType: 'care-leaver-birthday',
    params: RecordParams,
    records: { recordId: 'care_leaver_birthday' },
    correct: { summary: 'Correct a birthday record with the reason; the old version is kept', body: BirthdayCorrection, save: (u, p, b, t) => correctBirthday(ctx.db, u, p.childId, p.recordId, b, t) },
    remove: { summary: 'Delete a birthday record with the reason; a copy is kept', save: (u, p, b) => deleteCareLeaverRecord(ctx.db, u, p.childId, 'care_leaver_birthday', p.recordId, b.reason) },
  });
  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/care-leaver-contacts/:recordId',
    tag,
    objectType: 'care-leaver-contact',
    params: RecordParams,
    records: { recordId: 'care_leaver_contact' },
    remove: { summary: 'Delete a contact record with the reason; a copy is kept', save: (u, p, b) => deleteCareLeaverRecord(ctx.db, u, p.childId, 'care_leaver_contact', p.recordId, b.reason) },
  });
  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/care-leaver-support/:recordId',
    tag,
    objectType: 'care-leaver-support',
    params: RecordParams,
    records: { recordId: 'care_leaver_support' },
    remove: { summary: 'Delete a support record with the reason; a copy is kept', save: (u, p, b) => deleteCareLeaverRecord(ctx.db, u, p.childId, 'care_leaver_support', p.recordId, b.reason) },
  });
}
