// Leaving care pages, declared with the child page pattern (src/server/child-pages.ts). HTTP only:
// the rules are in service.ts, the status in status.ts.
import type { RegisterRoutes } from '../server/context.ts';
import { childDelete, childForm, childNewRecord, childPage, type Values } from '../server/child-pages.ts';
import { radioItems, selectItems } from '../server/form-items.ts';
import { formatDate } from '../server/format.ts';
import { CARE_LEAVER_ACCOMMODATION, CARE_LEAVER_ACTIVITY, CARE_LEAVER_IN_TOUCH } from '../codes/ssda903.ts';
import { ACCOMMODATION_KINDS, CONTACT_METHOD, SUPPORT_KIND } from './codes.ts';
import { leavingCareOf } from './leaving-care.ts';
import { AccommodationInput, BirthdayCorrection, NewBirthdayInput, ContactInput, PathwayPlanReviewCorrection, PathwayPlanReviewInput, PathwayPlanStart, SupportInput } from './schemas.ts';
import {
  birthdayOfChild,
  contactOfChild,
  correctBirthday,
  correctPathwayPlanReview,
  deleteCareLeaverRecord,
  recordAccommodation,
  recordBirthday,
  recordContact,
  recordSupport,
  reviewOfChild,
  reviewPathwayPlan,
  startPathwayPlan,
  supportOfChild,
} from './service.ts';
import { careLeaversApi } from './routes-api.ts';
import './record-section.ts';

const YES_NO = [
  { code: 'yes', label: 'Yes' },
  { code: 'no', label: 'No' },
] as const;
const OUTCOMES = [
  { code: 'needed', label: 'Support is needed' },
  { code: 'not_needed', label: 'Support is not needed' },
] as const;

export const careLeaverRoutes: RegisterRoutes = (app, ctx) => {
  const home = (childId: string) => `/children/${childId}/leaving-care`;
  const base = '/children/:childId/leaving-care';

  childPage(app, ctx, {
    path: base,
    audit: 'leaving-care',
    template: 'care-leavers/views/leaving-care.njk',
    load: async ({ child, today }) => ({ title: 'Leaving care', ...(await leavingCareOf(ctx.db, child.id, today)) }),
  });

  childNewRecord(app, ctx, {
    path: `${base}/pathway-plan`,
    audit: 'plan',
    template: 'care-leavers/views/pathway-plan.njk',
    schema: PathwayPlanStart,
    dates: ['startedOn'],
    load: ({ child, today }) => leavingCareOf(ctx.db, child.id, today),
    initial: (_d, { today }) => ({ startedOn: today }),
    view: (data) => ({ title: 'Start the pathway plan', statusLabel: data.statusLabel }),
    record: startPathwayPlan,
    next: (childId, id) => `/children/${childId}/plans/${id}`,
  });

  // --- Pathway plan reviews -------------------------------------------------------------------
  const reviewView = (title: string, correcting: boolean) => (_d: unknown, values: Values) => ({ title, correcting, tookPartItems: radioItems(YES_NO, values['youngPersonTookPart']) });
  childNewRecord(app, ctx, {
    path: `${base}/reviews/new`,
    audit: 'pathway-plan-review',
    template: 'care-leavers/views/review.njk',
    schema: PathwayPlanReviewInput,
    dates: ['reviewedOn'],
    load: async () => null,
    initial: (_d, { today }) => ({ reviewedOn: today }),
    view: reviewView('Record a pathway plan review', false),
    record: reviewPathwayPlan,
    next: home,
  });
  childForm(app, ctx, {
    path: `${base}/reviews/:reviewId/change`,
    records: { reviewId: 'pathway_plan_review' },
    audit: 'pathway-plan-review',
    template: 'care-leavers/views/review.njk',
    schema: PathwayPlanReviewCorrection,
    dates: ['reviewedOn'],
    load: ({ child, params }) => reviewOfChild(ctx.db, child.id, params['reviewId']!),
    initial: (r) => ({ reviewedOn: r.reviewed_on, youngPersonTookPart: r.young_person_took_part ? 'yes' : 'no', contingencies: r.contingencies, summary: r.summary, version: r.version }),
    view: (r, values) => reviewView(`Correct the pathway plan review on ${formatDate(r.reviewed_on)}`, true)(r, values),
    save: async (input, { user, child, params, today }) => {
      await correctPathwayPlanReview(ctx.db, user, child.id, params['reviewId']!, input, today);
      return { next: home(child.id), audit: { action: 'update', objectType: 'pathway-plan-review', objectId: params['reviewId']! } };
    },
  });
  childDelete(app, ctx, {
    path: `${base}/reviews/:reviewId/delete`,
    records: { reviewId: 'pathway_plan_review' },
    audit: 'pathway-plan-review',
    title: 'Delete this pathway plan review',
    load: async ({ child, params }) => {
      const r = await reviewOfChild(ctx.db, child.id, params['reviewId']!);
      return { backHref: home(child.id), rows: [{ key: { text: 'Review' }, value: { text: `Pathway plan review on ${formatDate(r.reviewed_on)}` } }] };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteCareLeaverRecord(ctx.db, user, child.id, 'pathway_plan_review', params['reviewId']!, reason);
      return { next: home(child.id), audit: { action: 'delete', objectType: 'pathway-plan-review', objectId: params['reviewId']! } };
    },
  });

  // --- Contact --------------------------------------------------------------------------------
  childNewRecord(app, ctx, {
    path: `${base}/contacts/new`,
    audit: 'care-leaver-contact',
    template: 'care-leavers/views/contact.njk',
    schema: ContactInput,
    dates: ['contactOn'],
    load: async () => null,
    initial: (_d, { today }) => ({ contactOn: today }),
    view: (_d, values) => ({ title: 'Record contact with the young person', methodItems: radioItems(CONTACT_METHOD, values['method']), reachedItems: radioItems(YES_NO, values['reached']) }),
    record: recordContact,
    next: home,
  });
  childDelete(app, ctx, {
    path: `${base}/contacts/:recordId/delete`,
    records: { recordId: 'care_leaver_contact' },
    audit: 'care-leaver-contact',
    title: 'Delete this contact',
    load: async ({ child, params }) => {
      const c = await contactOfChild(ctx.db, child.id, params['recordId']!);
      return { backHref: home(child.id), rows: [{ key: { text: 'Contact' }, value: { text: `On ${formatDate(c.contact_on)}` } }, { key: { text: 'Note' }, value: { text: c.note } }] };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteCareLeaverRecord(ctx.db, user, child.id, 'care_leaver_contact', params['recordId']!, reason);
      return { next: home(child.id), audit: { action: 'delete', objectType: 'care-leaver-contact', objectId: params['recordId']! } };
    },
  });

  // --- Accommodation --------------------------------------------------------------------------
  childNewRecord(app, ctx, {
    path: `${base}/accommodation/new`,
    audit: 'care-leaver-accommodation',
    template: 'care-leavers/views/accommodation.njk',
    schema: AccommodationInput,
    dates: ['fromOn', 'moveBy'],
    load: async () => null,
    initial: (_d, { today }) => ({ fromOn: today }),
    view: (_d, values) => ({ title: 'Record a move to new accommodation', kindItems: selectItems(ACCOMMODATION_KINDS, values['kind'], 'Choose the kind of accommodation'), suitableItems: radioItems(YES_NO, values['suitable']) }),
    record: recordAccommodation,
    next: home,
  });

  // --- Birthdays 17 to 21 ---------------------------------------------------------------------
  const birthdayItems = (values: Values) => ({
    inTouchItems: radioItems(CARE_LEAVER_IN_TOUCH, values['inTouch']),
    activityItems: selectItems(CARE_LEAVER_ACTIVITY, values['activity'], 'Choose what they are doing'),
    accommodationItems: selectItems(CARE_LEAVER_ACCOMMODATION, values['accommodation'], 'Choose where they live'),
  });
  childForm(app, ctx, {
    path: `${base}/birthday`,
    audit: 'care-leaver-birthday',
    template: 'care-leavers/views/birthday.njk',
    schema: NewBirthdayInput,
    dates: ['recordedOn'],
    load: ({ child, today }) => leavingCareOf(ctx.db, child.id, today),
    // The leaving care page links to the birthday to record (?age=18).
    initial: (care, { today, query }) => ({ recordedOn: today, age: String(query['age'] ?? ''), accommodation: care.currentAccommodation?.oc3 ?? '' }),
    view: (care, values) => ({
      title: 'Record a birthday from 17 to 21',
      correcting: false,
      ageItems: radioItems(
        care.birthdays.map((b) => ({ code: String(b.age), label: `${b.age}th birthday, ${formatDate(b.on)}` })),
        String(values['age'] ?? ''),
      ),
      ...birthdayItems(values),
    }),
    save: async (input, { user, child, today }) => {
      const id = await recordBirthday(ctx.db, user, child.id, input.age, input, today);
      return { next: home(child.id), audit: { action: 'create', objectType: 'care-leaver-birthday', objectId: id } };
    },
  });
  childForm(app, ctx, {
    path: `${base}/birthdays/:recordId/change`,
    records: { recordId: 'care_leaver_birthday' },
    audit: 'care-leaver-birthday',
    template: 'care-leavers/views/birthday.njk',
    schema: BirthdayCorrection,
    dates: ['recordedOn'],
    load: ({ child, params }) => birthdayOfChild(ctx.db, child.id, params['recordId']!),
    initial: (b) => ({ recordedOn: b.recorded_on, inTouch: b.in_touch, activity: b.activity, accommodation: b.accommodation, version: b.version }),
    view: (b, values) => ({ title: `Correct the ${b.age}th birthday record`, age: b.age, correcting: true, ...birthdayItems(values) }),
    save: async (input, { user, child, params, today }) => {
      await correctBirthday(ctx.db, user, child.id, params['recordId']!, input, today);
      return { next: home(child.id), audit: { action: 'update', objectType: 'care-leaver-birthday', objectId: params['recordId']! } };
    },
  });

  // --- Support --------------------------------------------------------------------------------
  childNewRecord(app, ctx, {
    path: `${base}/support/new`,
    audit: 'care-leaver-support',
    template: 'care-leavers/views/support.njk',
    schema: SupportInput,
    dates: ['onDate'],
    load: async () => null,
    initial: (_d, { today }) => ({ onDate: today }),
    view: (_d, values) => ({ title: 'Record support given', kindItems: radioItems(SUPPORT_KIND, values['kind']), outcomeItems: radioItems(OUTCOMES, values['outcome']) }),
    record: recordSupport,
    next: home,
  });
  childDelete(app, ctx, {
    path: `${base}/support/:recordId/delete`,
    records: { recordId: 'care_leaver_support' },
    audit: 'care-leaver-support',
    title: 'Delete this support record',
    load: async ({ child, params }) => {
      const s = await supportOfChild(ctx.db, child.id, params['recordId']!);
      return { backHref: home(child.id), rows: [{ key: { text: 'Support' }, value: { text: `${SUPPORT_KIND.find((k) => k.code === s.kind)?.label ?? s.kind} on ${formatDate(s.on_date)}` } }] };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteCareLeaverRecord(ctx.db, user, child.id, 'care_leaver_support', params['recordId']!, reason);
      return { next: home(child.id), audit: { action: 'delete', objectType: 'care-leaver-support', objectId: params['recordId']! } };
    },
  });

  careLeaversApi(app, ctx);
};
