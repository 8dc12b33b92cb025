// Children in care pages, declared with the child page pattern (src/server/child-pages.ts): the
// access check, the audit rows, the re-render with errors and the redirect follow from each
// declaration. HTTP only: the rules are in service.ts and reviews.ts.
import type { RegisterRoutes } from '../server/context.ts';
import { VISITING_RULES } from './visiting.ts';
import { childDelete, childForm, childNewRecord, childPage, type Values } from '../server/child-pages.ts';
import { optionItems, radioItems, selectItems } from '../server/form-items.ts';
import { formatDate } from '../server/format.ts';
import type { FormErrors } from '../server/forms.ts';
import { CATEGORY_OF_NEED, LEGAL_STATUS, PLACEMENT_PROVIDER, PREVIOUS_PERMANENCE, REASON_PLACE_CHANGE, REVIEW_PARTICIPATION } from '../codes/ssda903.ts';
import { openEpisodeOf } from '../episodes/service.ts';
import { CARE_ENDED_REASONS, PLACEMENT_TYPE_CHOICES } from './codes.ts';
import { careOf } from './care.ts';
import * as repo from './repository.ts';
import { PreviousPermanenceInput } from './schemas.ts';
import { latestPeriod, recordPreviousPermanence } from './previous-permanence.ts';
import { CarePlanStart, EnterCareInput, LIBERTY_KINDS, LibertyEndInput, LibertyOrderInput, LibertyReviewInput, LeaveCareInput, LegalStatusChangeInput, MoveDateCorrection, NotificationInput, PlacementChangeInput, PlacementCorrection, PlacementPlanInput, ReviewCorrection, ReviewInput } from './schemas.ts';
import { agreePlacementPlan, changeLegalStatus, changePlacement, correctPlacement, enterCare, leaveCare, notifyPlacement, placementOfChild, startCarePlan } from './service.ts';
import { correctReview, deleteReview, recordReview, reviewOfChild } from './reviews.ts';
import { careApi } from './routes-api.ts';
import { endLibertyOrder, libertyOrderOfChild, recordLibertyOrder, reviewLibertyOrder } from './liberty.ts';
import { correctMoveDate } from './move-date.ts';
import './record-section.ts';
import { householdsOffered } from '../fostering/placing.ts';

const YES_NO = [
  { code: 'yes', label: 'Yes' },
  { code: 'no', label: 'No' },
] as const;

const yesNoValue = (value: boolean) => (value ? 'yes' : 'no');

/** The placement questions every placement form asks (new, move, correction). */
const placementItems = (values: Values, households: readonly { value: string; text: string }[] = []) => ({
  placementTypeItems: selectItems(PLACEMENT_TYPE_CHOICES, values['placementType'], 'Choose the type of placement'),
  providerItems: selectItems(PLACEMENT_PROVIDER, values['provider'], 'None (a temporary move)'),
  intendedItems: radioItems(YES_NO, values['intendedUntil18']),
  visitingRuleItems: radioItems(VISITING_RULES, values['visitingRule']),
  householdItems: optionItems(households, values['fosteringHouseholdId'], 'None: not the council’s own foster carers'),
});

export const lookedAfterRoutes: RegisterRoutes = (app, ctx) => {
  const carePage = (childId: string) => `/children/${childId}/care`;

  childPage(app, ctx, {
    path: '/children/:childId/care',
    audit: 'care',
    template: 'looked-after/views/care.njk',
    load: async ({ child, today }) => ({ title: 'Children in care', ...(await careOf(ctx.db, child.id, today)) }),
  });

  // --- Coming into care -----------------------------------------------------------------------
  childNewRecord(app, ctx, {
    path: '/children/:childId/care/start',
    audit: 'care-period',
    template: 'looked-after/views/start.njk',
    decision: 'entry_to_care',
    schema: EnterCareInput,
    dates: ['startedOn'],
    load: async ({ child, today }) => ({ episode: await openEpisodeOf(ctx.db, child.id), homePostcode: await repo.currentHomePostcode(ctx.db, child.id), households: await householdsOffered(ctx.db, today) }),
    initial: (data, { today }) => ({ startedOn: today, homePostcode: data.homePostcode, intendedUntil18: 'no', visitingRule: 'standard' }),
    view: (data, values) => ({
      title: 'Record that the child came into care',
      episode: data.episode ?? null,
      legalStatusItems: selectItems(LEGAL_STATUS, values['legalStatus'], 'Choose the legal status'),
      needItems: selectItems(CATEGORY_OF_NEED, values['categoryOfNeed'], 'Choose the category of need'),
      ...placementItems(values, data.households),
    }),
    record: enterCare,
    next: carePage,
  });

  // --- Moving placement -----------------------------------------------------------------------
  childNewRecord(app, ctx, {
    path: '/children/:childId/care/move',
    audit: 'placement',
    template: 'looked-after/views/move.njk',
    schema: PlacementChangeInput,
    dates: ['movedOn'],
    load: async ({ child, today, query }) => {
      // From the matching page: the household chosen there is offered even if it filled up since.
      const chosen = typeof query['household'] === 'string' && /^[0-9a-f-]{36}$/i.test(query['household']) ? query['household'] : null;
      return { ...(await careOf(ctx.db, child.id, today)), households: await householdsOffered(ctx.db, today, chosen), chosen };
    },
    initial: (care, { today }) => ({ movedOn: today, sameCarers: 'no', intendedUntil18: 'no', visitingRule: 'standard', ...(care.chosen ? { fosteringHouseholdId: care.chosen, provider: 'PR1' } : {}) }),
    view: (care, values) => ({
      title: 'Record a change of placement',
      currentPlacement: care.currentPlacement,
      changeReasonItems: selectItems(REASON_PLACE_CHANGE, values['changeReason'], 'Choose why the placement changed'),
      sameCarerItems: radioItems(YES_NO, values['sameCarers']),
      ...placementItems(values, care.households),
    }),
    record: changePlacement,
    next: carePage,
  });

  childForm(app, ctx, {
    path: '/children/:childId/care/placements/:placementId/change',
    records: { placementId: 'placement' },
    audit: 'placement',
    template: 'looked-after/views/placement-correction.njk',
    schema: PlacementCorrection,
    load: async ({ child, params, today }) => {
      const placement = await placementOfChild(ctx.db, child.id, params['placementId']!);
      return { ...placement, households: await householdsOffered(ctx.db, today, placement.fostering_household_id) };
    },
    initial: (p) => ({
      fosteringHouseholdId: p.fostering_household_id ?? '',
      placementType: p.placement_type,
      provider: p.provider ?? '',
      carerName: p.carer_name,
      urn: p.urn,
      postcode: p.postcode,
      intendedUntil18: yesNoValue(p.intended_until_18),
      visitingRule: p.visiting_rule,
      version: p.version,
    }),
    view: (p, values) => ({ title: `Correct the placement with ${p.carer_name} from ${formatDate(p.started_on)}`, ...placementItems(values, p.households) }),
    save: async (input, { user, child, params }) => {
      await correctPlacement(ctx.db, user, child.id, params['placementId']!, input);
      return { next: carePage(child.id), audit: { action: 'update', objectType: 'placement', objectId: params['placementId']! } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/care/placements/:placementId/moved-on',
    records: { placementId: 'placement' },
    audit: 'placement',
    template: 'looked-after/views/move-date.njk',
    schema: MoveDateCorrection,
    dates: ['movedOn'],
    load: ({ child, params }) => placementOfChild(ctx.db, child.id, params['placementId']!),
    initial: (p) => ({ movedOn: p.started_on, version: p.version }),
    view: (p) => ({ title: `Correct the day the child moved to ${p.carer_name}`, placement: p }),
    save: async (input, { user, child, params, today }) => {
      await correctMoveDate(ctx.db, user, child.id, params['placementId']!, input, today);
      return { next: carePage(child.id), audit: { action: 'update', objectType: 'placement', objectId: params['placementId']! } };
    },
  });

  // The placement plan (reg 9) and the notifications (reg 13): a date each, on the placement.
  childForm(app, ctx, {
    path: '/children/:childId/care/placements/:placementId/plan',
    records: { placementId: 'placement' },
    audit: 'placement',
    template: 'looked-after/views/placement-plan.njk',
    schema: PlacementPlanInput,
    dates: ['agreedOn'],
    load: ({ child, params }) => placementOfChild(ctx.db, child.id, params['placementId']!),
    initial: (_p, { today }) => ({ agreedOn: today }),
    view: (placement) => ({ title: 'Record that the placement plan was agreed', placement }),
    save: async (input, { user, child, params, today }) => {
      await agreePlacementPlan(ctx.db, user, child.id, params['placementId']!, input, today);
      return { next: carePage(child.id), audit: { action: 'update', objectType: 'placement', objectId: params['placementId']! } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/care/placements/:placementId/notified',
    records: { placementId: 'placement' },
    audit: 'placement',
    template: 'looked-after/views/placement-notified.njk',
    schema: NotificationInput,
    dates: ['notifiedOn'],
    load: ({ child, params }) => placementOfChild(ctx.db, child.id, params['placementId']!),
    initial: (p, { today }) => ({ notifiedOn: today, hostCouncilNotified: p.in_council_area === false ? 'yes' : 'no' }),
    view: (placement, values) => ({ title: 'Record that the placement was notified', placement, hostItems: radioItems(YES_NO, values['hostCouncilNotified']) }),
    save: async (input, { user, child, params, today }) => {
      await notifyPlacement(ctx.db, user, child.id, params['placementId']!, input, today);
      return { next: carePage(child.id), audit: { action: 'update', objectType: 'placement', objectId: params['placementId']! } };
    },
  });

  // --- Legal status, the care plan and leaving care ---------------------------------------------
  childNewRecord(app, ctx, {
    path: '/children/:childId/care/legal-status',
    audit: 'legal-status',
    template: 'looked-after/views/legal-status.njk',
    schema: LegalStatusChangeInput,
    dates: ['changedOn'],
    load: ({ child, today }) => careOf(ctx.db, child.id, today),
    initial: (_care, { today }) => ({ changedOn: today }),
    view: (care, values) => ({ title: 'Record a change of legal status', currentLegalStatus: care.currentLegalStatus, legalStatusItems: selectItems(LEGAL_STATUS, values['legalStatus'], 'Choose the new legal status') }),
    record: changeLegalStatus,
    next: carePage,
  });

  childForm(app, ctx, {
    path: '/children/:childId/care/care-plan',
    audit: 'plan',
    template: 'looked-after/views/care-plan.njk',
    schema: CarePlanStart,
    dates: ['startedOn'],
    load: ({ child, today }) => careOf(ctx.db, child.id, today),
    initial: (_care, { today }) => ({ startedOn: today }),
    view: (care) => ({ title: 'Start the care plan', current: care.current }),
    save: async (input, { user, child, today }) => {
      const id = await startCarePlan(ctx.db, user, child.id, input, today);
      // The plan's page is where its outcomes and actions (who, what, by when) are added.
      return { next: `/children/${child.id}/plans/${id}`, audit: { action: 'create', objectType: 'plan', objectId: id } };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/care/end',
    audit: 'care-period',
    template: 'looked-after/views/end.njk',
    decision: { kind: 'return_home', when: 'If the child is returning home' },
    schema: LeaveCareInput,
    dates: ['endedOn'],
    load: ({ child, today }) => careOf(ctx.db, child.id, today),
    initial: (_care, { today }) => ({ endedOn: today }),
    view: (care, values) => ({ title: 'Record that the child ceased to be looked after', current: care.current, reasonItems: selectItems(CARE_ENDED_REASONS, values['reasonCeased'], 'Choose why') }),
    save: async (input, { user, child, today }) => {
      await leaveCare(ctx.db, user, child.id, input, today);
      return { next: carePage(child.id), audit: { action: 'update', objectType: 'care-period', objectId: null } };
    },
  });

  // --- Previous permanence (SSDA903 PrevPerm) --------------------------------------------------
  childForm(app, ctx, {
    path: '/children/:childId/care/previous-permanence',
    audit: 'care-period',
    template: 'looked-after/views/previous-permanence.njk',
    schema: PreviousPermanenceInput,
    dates: ['permanenceOn'],
    load: async ({ child }) => ({ period: (await latestPeriod(ctx.db, child.id)) ?? null }),
    initial: ({ period }) => ({
      previousPermanence: period?.previous_permanence ?? undefined,
      permanenceCouncil: period?.previous_permanence_la ?? '',
      permanenceOn: period?.previous_permanence_on ?? undefined,
    }),
    view: ({ period }, values) => ({
      title: 'Previous permanence before coming into care',
      period,
      correcting: !!period?.previous_permanence,
      permanenceItems: radioItems(PREVIOUS_PERMANENCE, values['previousPermanence']),
    }),
    save: async (input, { user, child, today }) => {
      const id = await recordPreviousPermanence(ctx.db, user, child.id, input, today);
      return { next: carePage(child.id), audit: { action: 'update', objectType: 'care-period', objectId: id } };
    },
  });

  // --- Looked-after reviews -------------------------------------------------------------------
  const reviewView = (title: string, correcting: boolean) => (data: { iros: { id: string; display_name: string }[] }, values: Values, _page: unknown, _errors: FormErrors | undefined) => ({
    title,
    correcting,
    chairItems: selectItems(
      data.iros.map((u) => ({ code: u.id, label: u.display_name })),
      values['chairId'],
      'Choose the IRO',
    ),
    participationItems: radioItems(REVIEW_PARTICIPATION, values['participation']),
  });

  childNewRecord(app, ctx, {
    path: '/children/:childId/care/reviews/new',
    audit: 'looked-after-review',
    template: 'looked-after/views/review.njk',
    schema: ReviewInput,
    dates: ['heldOn'],
    load: async () => ({ iros: await repo.independentReviewingOfficers(ctx.db) }),
    initial: (_d, { today, user }) => ({ heldOn: today, chairId: user.role === 'iro' ? user.id : '' }),
    view: reviewView('Record a looked-after review', false),
    record: recordReview,
    next: carePage,
  });

  childForm(app, ctx, {
    path: '/children/:childId/care/reviews/:reviewId/change',
    records: { reviewId: 'looked_after_review' },
    audit: 'looked-after-review',
    template: 'looked-after/views/review.njk',
    schema: ReviewCorrection,
    dates: ['heldOn'],
    load: async ({ child, params }) => ({ iros: await repo.independentReviewingOfficers(ctx.db), review: await reviewOfChild(ctx.db, child.id, params['reviewId']!) }),
    initial: ({ review }) => ({
      heldOn: review.held_on,
      chairId: review.chair_id,
      participation: review.participation,
      permanencePlan: review.permanence_plan,
      decisions: review.decisions,
      version: review.version,
    }),
    view: (data, values, page, errors) => reviewView(`Correct the looked-after review on ${formatDate(data.review.held_on)}`, true)(data, values, page, errors),
    save: async (input, { user, child, params, today }) => {
      await correctReview(ctx.db, user, child.id, params['reviewId']!, input, today);
      return { next: carePage(child.id), audit: { action: 'update', objectType: 'looked-after-review', objectId: params['reviewId']! } };
    },
  });

  childDelete(app, ctx, {
    path: '/children/:childId/care/reviews/:reviewId/delete',
    records: { reviewId: 'looked_after_review' },
    audit: 'looked-after-review',
    title: 'Delete this looked-after review',
    load: async ({ child, params }) => {
      const review = await reviewOfChild(ctx.db, child.id, params['reviewId']!);
      return {
        backHref: carePage(child.id),
        rows: [
          { key: { text: 'Review' }, value: { text: `Looked-after review on ${formatDate(review.held_on)}` } },
          { key: { text: 'Decisions' }, value: { text: review.decisions } },
        ],
      };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteReview(ctx.db, user, child.id, params['reviewId']!, reason);
      return { next: carePage(child.id), audit: { action: 'delete', objectType: 'looked-after-review', objectId: params['reviewId']! } };
    },
  });

  // --- Deprivation of liberty -------------------------------------------------------------------
  childNewRecord(app, ctx, {
    path: '/children/:childId/care/liberty/new',
    audit: 'liberty-order',
    template: 'looked-after/views/liberty-order.njk',
    schema: LibertyOrderInput,
    dates: ['madeOn', 'expiresOn'],
    load: async () => null,
    initial: (_d, { today }) => ({ madeOn: today }),
    view: (_d, values) => ({ title: 'Record an order depriving the child of liberty', kindItems: radioItems(LIBERTY_KINDS, values['kind']) }),
    record: recordLibertyOrder,
    next: carePage,
  });
  childForm(app, ctx, {
    path: '/children/:childId/care/liberty/:orderId/review',
    records: { orderId: 'liberty_order' },
    audit: 'liberty-order',
    template: 'looked-after/views/liberty-review.njk',
    schema: LibertyReviewInput,
    dates: ['reviewedOn'],
    load: ({ child, params }) => libertyOrderOfChild(ctx.db, child.id, params['orderId']!),
    initial: (_o, { today }) => ({ reviewedOn: today }),
    view: (order, values) => ({ title: 'Record a review of the deprivation of liberty', order, metItems: radioItems(YES_NO, values['criteriaStillMet']) }),
    save: async (input, { user, child, params, today }) => {
      const id = await reviewLibertyOrder(ctx.db, user, child.id, params['orderId']!, input, today);
      return { next: carePage(child.id), audit: { action: 'create', objectType: 'liberty-review', objectId: id } };
    },
  });
  childForm(app, ctx, {
    path: '/children/:childId/care/liberty/:orderId/end',
    records: { orderId: 'liberty_order' },
    audit: 'liberty-order',
    template: 'looked-after/views/liberty-end.njk',
    schema: LibertyEndInput,
    dates: ['endedOn'],
    load: ({ child, params }) => libertyOrderOfChild(ctx.db, child.id, params['orderId']!),
    initial: (_o, { today }) => ({ endedOn: today }),
    view: (order) => ({ title: 'Record that the deprivation of liberty ended', order }),
    save: async (input, { user, child, params, today }) => {
      await endLibertyOrder(ctx.db, user, child.id, params['orderId']!, input, today);
      return { next: carePage(child.id), audit: { action: 'update', objectType: 'liberty-order', objectId: params['orderId']! } };
    },
  });

  careApi(app, ctx);
};
